import { useCallback, useSyncExternalStore } from "react";
import { isPageId, type PageId } from "./pages";

const DEFAULT_PAGE: PageId = "opportunities";

function pageFromHash(): PageId {
  const id = window.location.hash.replace(/^#\/?/, "");
  return isPageId(id) ? id : DEFAULT_PAGE;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener("hashchange", onChange);
  return () => window.removeEventListener("hashchange", onChange);
}

/** The page shown, kept in the URL hash (#/data) so that a reload stays on it. */
export function useCurrentPage(): [PageId, (page: PageId) => void] {
  const page = useSyncExternalStore(subscribe, pageFromHash, () => DEFAULT_PAGE);
  const go = useCallback((next: PageId) => {
    if (pageFromHash() !== next) window.location.hash = `/${next}`;
  }, []);
  return [page, go];
}
