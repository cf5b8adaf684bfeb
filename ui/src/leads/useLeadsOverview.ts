import { useEffect, useState } from "react";
import { commands, type IpcError, type LeadsOverview_Serialize as LeadsOverview } from "../bindings";
import { settle } from "../ipc/settle";

export interface LeadsOverviewState {
  /** null until the first answer. */
  overview: LeadsOverview | null;
  error: IpcError | null;
}

/** The counts, the action centre and the responsiveness figures; reloaded when `generation` changes. */
export function useLeadsOverview(generation: string): LeadsOverviewState {
  const [state, setState] = useState<LeadsOverviewState>({ overview: null, error: null });
  useEffect(() => {
    let live = true;
    void settle(commands.leadsOverview()).then((result) => {
      if (!live) return;
      if (result.status === "ok") setState({ overview: result.data, error: null });
      else setState((previous) => ({ overview: previous.overview, error: result.error }));
    });
    return () => {
      live = false;
    };
  }, [generation]);
  return state;
}
