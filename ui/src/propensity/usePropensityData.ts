import { useEffect, useState } from "react";
import { commands, type IpcError, type Language } from "../bindings";
import { settle } from "../ipc/settle";
import type { PropensitySettings, ReportKindInfo, ReportSchedule, SavedReport } from "./types";

interface Loaded<T> {
  request: string;
  data: T | null;
  error: IpcError | null;
}

export interface Loadable<T> {
  /** The answer; while a reload runs, the previous one (so the page does not flicker). */
  data: T | null;
  error: IpcError | null;
}

/** Loads `load()` again whenever `request` changes; keeps the previous answer while loading. */
export function useLoad<T>(request: string, load: () => Promise<{ status: "ok"; data: T } | { status: "error"; error: IpcError }>): Loadable<T> {
  const [loaded, setLoaded] = useState<Loaded<T> | null>(null);
  useEffect(() => {
    let live = true;
    void settle(load()).then((result) => {
      if (!live) return;
      if (result.status === "ok") setLoaded({ request, data: result.data, error: null });
      else setLoaded((previous) => ({ request, data: previous?.data ?? null, error: result.error }));
    });
    return () => {
      live = false;
    };
    // `load` is a new closure at every render; the request says when to load again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [request]);
  const current = loaded?.request === request;
  return { data: loaded?.data ?? null, error: current ? loaded.error : null };
}

export interface PropensityData {
  catalogue: Loadable<ReportKindInfo[]>;
  reports: Loadable<SavedReport[]>;
  schedules: Loadable<ReportSchedule[]>;
  settings: Loadable<PropensitySettings>;
}

/**
 * What the Propensity reports page shows: the six reports' catalogue (in the UI language), the
 * saved reports, the schedules and the settings, loaded again when `generation` changes.
 */
export function usePropensityData(language: Language, generation: string): PropensityData {
  const catalogue = useLoad(JSON.stringify([language, generation]), () => commands.propensityCatalogue(language));
  const reports = useLoad(generation, () => commands.savedReports());
  const schedules = useLoad(generation, () => commands.reportSchedules());
  const settings = useLoad(generation, () => commands.propensitySettings());
  return { catalogue, reports, schedules, settings };
}
