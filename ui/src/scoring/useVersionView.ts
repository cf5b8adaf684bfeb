import { useEffect, useState } from "react";
import { commands, type IpcError, type Language, type VersionView_Serialize as VersionView } from "../bindings";
import { settle } from "../ipc/settle";

interface Loaded {
  request: string;
  view: VersionView | null;
  error: IpcError | null;
}

export interface VersionViewState {
  /** The version's report; while another one loads, the previous one (dimmed by the caller). */
  view: VersionView | null;
  error: IpcError | null;
  loading: boolean;
}

/**
 * One version's performance, attributes and ROC curve (scoringVersion), for the light or dark
 * theme; nothing when `version` is null. Loaded again when `generation` changes (grade ranges
 * edited, a version published).
 */
export function useVersionView(language: Language, modelId: number, version: number | null, dark: boolean, generation: string): VersionViewState {
  const request = JSON.stringify([language, modelId, version, dark, generation]);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  useEffect(() => {
    if (version === null) return;
    let live = true;
    void settle(commands.scoringVersion(language, modelId, version, dark)).then((result) => {
      if (!live) return;
      if (result.status === "ok") setLoaded({ request, view: result.data, error: null });
      else setLoaded({ request, view: null, error: result.error });
    });
    return () => {
      live = false;
    };
  }, [language, modelId, version, dark, request]);
  if (version === null) return { view: null, error: null, loading: false };
  const current = loaded?.request === request;
  // A view of another model is never shown for this one.
  const view = loaded?.view && loaded.view.modelId === modelId ? loaded.view : null;
  return { view, error: current ? loaded.error : null, loading: !current };
}
