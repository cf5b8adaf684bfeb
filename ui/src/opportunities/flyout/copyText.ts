/**
 * Copies text to the clipboard: the async Clipboard API first, then the older selection-based
 * command for webviews without it. Resolves to whether it worked.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    try {
      // eslint-disable-next-line @typescript-eslint/no-deprecated -- the fallback for webviews without navigator.clipboard
      return document.execCommand("copy");
    } catch {
      return false;
    } finally {
      area.remove();
    }
  }
}
