/** A resource body as blocks: paragraphs (line breaks kept), bullet lists and numbered steps. */
export type Block =
  | { kind: "paragraph"; text: string }
  | { kind: "bullets"; items: string[] }
  | { kind: "steps"; start: number; items: string[] };

const BULLET = /^\s*[-•]\s+(.*)$/;
const STEP = /^\s*(\d+)[.)]\s+(.*)$/;

/**
 * Parses the contract's body text: paragraphs separated by blank lines, `- ` bullets and `1. `
 * steps. An indented line after a list item continues that item. Nothing is interpreted as
 * markup: the blocks are rendered as text.
 */
export function parseResourceBody(body: string): Block[] {
  const blocks: Block[] = [];
  let current: Block | null = null;
  const close = () => {
    if (current) blocks.push(current);
    current = null;
  };
  for (const raw of body.replace(/\r\n?/g, "\n").split("\n")) {
    const line = raw.trimEnd();
    if (line.trim() === "") {
      close();
      continue;
    }
    const bullet = BULLET.exec(line);
    const step = bullet ? null : STEP.exec(line);
    if (bullet) {
      if (current?.kind !== "bullets") {
        close();
        current = { kind: "bullets", items: [] };
      }
      current.items.push(bullet[1] ?? "");
    } else if (step) {
      if (current?.kind !== "steps") {
        close();
        current = { kind: "steps", start: Number(step[1]), items: [] };
      }
      current.items.push(step[2] ?? "");
    } else if (current && current.kind !== "paragraph" && /^\s/.test(line)) {
      const items = current.items;
      items[items.length - 1] = `${items[items.length - 1] ?? ""} ${line.trim()}`;
    } else if (current?.kind === "paragraph") {
      current.text += `\n${line}`;
    } else {
      close();
      current = { kind: "paragraph", text: line };
    }
  }
  close();
  return blocks;
}
