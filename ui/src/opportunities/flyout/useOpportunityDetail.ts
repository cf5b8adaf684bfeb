import { useEffect, useState } from "react";
import { commands, type IpcError, type Language, type OpportunityDetail } from "../../bindings";
import { settle } from "../../ipc/settle";

interface Loaded {
  /** What the answer is for. */
  request: string;
  detail: OpportunityDetail | null;
  error: IpcError | null;
}

export interface DetailState {
  /** null while loading (or after an error). */
  detail: OpportunityDetail | null;
  error: IpcError | null;
}

/** Everything the flyout shows for `key` (opportunityDetail); null key loads nothing. */
export function useOpportunityDetail(language: Language, key: string | null, generation: string): DetailState {
  const request = JSON.stringify([language, key, generation]);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  useEffect(() => {
    if (key === null) return;
    let live = true;
    void settle(commands.opportunityDetail(language, key)).then((result) => {
      if (!live) return;
      if (result.status === "ok") setLoaded({ request, detail: result.data, error: null });
      else setLoaded({ request, detail: null, error: result.error });
    });
    return () => {
      live = false;
    };
  }, [language, key, request]);
  if (!loaded || loaded.request !== request) return { detail: null, error: null };
  return { detail: loaded.detail, error: loaded.error };
}
