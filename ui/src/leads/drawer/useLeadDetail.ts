import { useCallback, useEffect, useState } from "react";
import { commands, type IpcError, type LeadDetail_Serialize as LeadDetail } from "../../bindings";
import { settle } from "../../ipc/settle";

interface Loaded {
  /** The lead the answer is for. */
  id: string;
  /** The request it answered (lead and generation). */
  request: string;
  detail: LeadDetail | null;
  error: IpcError | null;
}

export interface LeadDetailState {
  /** The lead's details; while a reload runs, the previous ones of the same lead. */
  detail: LeadDetail | null;
  error: IpcError | null;
  /** Shows details received otherwise (the answer of an action). */
  replace: (detail: LeadDetail) => void;
}

/**
 * Everything the drawer shows for lead `id` (leadDetail), loaded again when `generation` changes;
 * a null id loads nothing. A reload keeps the details on screen until the new ones arrive.
 */
export function useLeadDetail(id: string | null, generation: string): LeadDetailState {
  const request = JSON.stringify([id, generation]);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  useEffect(() => {
    if (id === null) return;
    let live = true;
    void settle(commands.leadDetail(id)).then((result) => {
      if (!live) return;
      if (result.status === "ok") setLoaded({ id, request, detail: result.data, error: null });
      else setLoaded((previous) => ({ id, request, detail: previous?.id === id ? previous.detail : null, error: result.error }));
    });
    return () => {
      live = false;
    };
  }, [id, request]);
  const replace = useCallback((detail: LeadDetail) => {
    setLoaded((previous) => ({ id: detail.row.id, request: previous?.request ?? "", detail, error: null }));
  }, []);
  if (!loaded || loaded.id !== id) return { detail: null, error: null, replace };
  return { detail: loaded.detail, error: loaded.error, replace };
}
