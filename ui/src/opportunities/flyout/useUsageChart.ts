import { useEffect, useState } from "react";
import { commands, type IpcError, type Language } from "../../bindings";
import { settle } from "../../ipc/settle";

interface Loaded {
  request: string;
  svg: string | null;
  error: IpcError | null;
}

export interface ChartState {
  /** The latest chart drawn, possibly for an earlier request while `loading`. */
  svg: string | null;
  loading: boolean;
  error: IpcError | null;
}

/** The usage chart (SVG drawn in Rust), redrawn for another workload, theme or language. */
export function useUsageChart(language: Language, tenantId: string, workload: string | null, dark: boolean, generation: string): ChartState {
  const request = JSON.stringify([language, tenantId, workload, dark, generation]);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  useEffect(() => {
    let live = true;
    void settle(commands.usageChart(language, tenantId, workload, dark)).then((result) => {
      if (!live) return;
      if (result.status === "ok") setLoaded({ request, svg: result.data, error: null });
      else setLoaded((previous) => ({ request, svg: previous?.svg ?? null, error: result.error }));
    });
    return () => {
      live = false;
    };
  }, [language, tenantId, workload, dark, request]);
  const current = loaded?.request === request;
  return { svg: loaded?.svg ?? null, loading: !current, error: current ? loaded.error : null };
}
