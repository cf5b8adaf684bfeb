import { useCallback, useState } from "react";

function scrollParentOf(node: HTMLElement): HTMLElement | null {
  for (let parent = node.parentElement; parent; parent = parent.parentElement) {
    const { overflowY } = getComputedStyle(parent);
    if (overflowY === "auto" || overflowY === "scroll" || overflowY === "overlay") return parent;
  }
  return null;
}

/**
 * The nearest scrolling ancestor of the element the returned ref is attached to (the app's main
 * area, for a page), so that a long table scrolls with the page instead of in a box of its own.
 */
export function useScrollParent(): [(node: HTMLElement | null) => void, HTMLElement | null] {
  const [parent, setParent] = useState<HTMLElement | null>(null);
  const ref = useCallback((node: HTMLElement | null) => {
    setParent(node ? scrollParentOf(node) : null);
  }, []);
  return [ref, parent];
}
