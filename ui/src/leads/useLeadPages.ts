import { useCallback, useEffect, useState, useSyncExternalStore } from "react";
import { commands, type LeadRow_Serialize as LeadRow } from "../bindings";
import { settle } from "../ipc/settle";
import { PageCache, type PagesSnapshot } from "../opportunities/pageCache";
import { windowOf, type LeadView } from "./query";

export interface LeadPages {
  snapshot: PagesSnapshot<LeadRow>;
  /** Called by the table with the rows in and around the viewport. */
  ensure: (first: number, last: number) => void;
  /** Replaces a row where it is loaded (a heart set, a lead acted on). */
  patch: (row: LeadRow) => void;
  retry: () => void;
}

/**
 * The leads table's rows for `view`, a window at a time (queryLeads with offset/limit, the same
 * page cache as the opportunities); a new `generation` (data changed) fetches the rows in view again.
 */
export function useLeadPages(view: LeadView, generation: string): LeadPages {
  const [cache] = useState(() => new PageCache<LeadRow>((row) => row.id));
  const snapshot = useSyncExternalStore(cache.subscribe, cache.getSnapshot);
  const viewKey = JSON.stringify(view);

  useEffect(() => {
    cache.setSource(`${generation}\u0000${viewKey}`, viewKey, async (offset, limit) => {
      const result = await settle(commands.queryLeads(windowOf(view, offset, limit)));
      if (result.status === "error") return result;
      const page = result.data;
      return { status: "ok", data: { total: page.matched, unfiltered: page.sectionTotal, rows: page.rows } };
    });
  }, [cache, generation, viewKey, view]);

  const ensure = useCallback((first: number, last: number) => cache.ensure(first, last), [cache]);
  const patch = useCallback((row: LeadRow) => cache.patch(row), [cache]);
  const retry = useCallback(() => cache.retry(), [cache]);
  return { snapshot, ensure, patch, retry };
}
