import { useEffect, useState } from "react";
import { commands, type IpcError, type Language, type OpportunityOverview } from "../bindings";
import { settle } from "../ipc/settle";

export interface OverviewState {
  /** null until the first answer. */
  overview: OpportunityOverview | null;
  error: IpcError | null;
}

/** The overview and prioritised counts; reloaded when `generation` changes. */
export function useOpportunityOverview(language: Language, generation: string): OverviewState {
  const [state, setState] = useState<OverviewState>({ overview: null, error: null });
  useEffect(() => {
    let live = true;
    void settle(commands.opportunitiesOverview(language)).then((result) => {
      if (!live) return;
      if (result.status === "ok") setState({ overview: result.data, error: null });
      else setState((previous) => ({ overview: previous.overview, error: result.error }));
    });
    return () => {
      live = false;
    };
  }, [language, generation]);
  return state;
}
