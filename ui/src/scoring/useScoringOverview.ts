import { useEffect, useState } from "react";
import { commands, type IpcError, type Language, type ScoringOverview_Serialize as ScoringOverview } from "../bindings";
import { settle } from "../ipc/settle";

interface Loaded {
  request: string;
  overview: ScoringOverview | null;
  error: IpcError | null;
}

export interface OverviewState {
  /** The page's data; while a reload runs, the previous answer (so the page does not flicker). */
  overview: ScoringOverview | null;
  error: IpcError | null;
  /** A request is on its way. */
  loading: boolean;
}

/** The Lead scoring page's models and counts (leadScoringOverview), loaded again when `generation` changes. */
export function useScoringOverview(language: Language, generation: string): OverviewState {
  const request = JSON.stringify([language, generation]);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  useEffect(() => {
    let live = true;
    void settle(commands.leadScoringOverview(language)).then((result) => {
      if (!live) return;
      if (result.status === "ok") setLoaded({ request, overview: result.data, error: null });
      else setLoaded((previous) => ({ request, overview: previous?.overview ?? null, error: result.error }));
    });
    return () => {
      live = false;
    };
  }, [language, request]);
  const current = loaded?.request === request;
  return { overview: loaded?.overview ?? null, error: current ? loaded.error : null, loading: !current };
}
