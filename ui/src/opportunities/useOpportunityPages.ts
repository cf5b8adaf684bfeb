import { useCallback, useEffect, useState, useSyncExternalStore } from "react";
import { commands, type Language, type OpportunityRow } from "../bindings";
import { settle } from "../ipc/settle";
import { PageCache, type PagesSnapshot } from "./pageCache";
import { windowOf, type OpportunityView } from "./query";

export interface OpportunityPages {
  snapshot: PagesSnapshot<OpportunityRow>;
  /** Called by the table with the rows in and around the viewport. */
  ensure: (first: number, last: number) => void;
  patch: (row: OpportunityRow) => void;
  retry: () => void;
}

/**
 * The recommendations table's rows for `view`, a window at a time (queryOpportunities with
 * offset/limit); a new `generation` (data changed, a row dismissed) fetches the rows in view again.
 */
export function useOpportunityPages(language: Language, view: OpportunityView, generation: string): OpportunityPages {
  const [cache] = useState(() => new PageCache<OpportunityRow>((row) => row.key));
  const snapshot = useSyncExternalStore(cache.subscribe, cache.getSnapshot);
  const viewKey = JSON.stringify([language, view]);

  useEffect(() => {
    cache.setSource(`${generation}\u0000${viewKey}`, viewKey, (offset, limit) =>
      settle(commands.queryOpportunities(language, windowOf(view, offset, limit))),
    );
  }, [cache, generation, viewKey, language, view]);

  const ensure = useCallback((first: number, last: number) => cache.ensure(first, last), [cache]);
  const patch = useCallback((row: OpportunityRow) => cache.patch(row), [cache]);
  const retry = useCallback(() => cache.retry(), [cache]);
  return { snapshot, ensure, patch, retry };
}
