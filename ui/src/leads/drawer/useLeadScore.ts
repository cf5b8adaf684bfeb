import { useCallback, useEffect, useState } from "react";
import { commands, type IpcError, type Language, type LeadScoreView_Serialize as LeadScoreView } from "../../bindings";
import { settle } from "../../ipc/settle";

interface Loaded {
  id: string;
  request: string;
  score: LeadScoreView | null;
  error: IpcError | null;
}

export interface LeadScoreState {
  /** The lead's score, reasons and history; null when no model ever scored it (or while loading). */
  score: LeadScoreView | null;
  /** The first answer for this lead has arrived. */
  ready: boolean;
  error: IpcError | null;
  /** Shows a score fetched otherwise (right after an edit). */
  replace: (id: string, score: LeadScoreView | null) => void;
}

/** The user's time zone as minutes ahead of UTC, for the Rust-drawn chart's times. */
export function utcOffsetMinutes(): number {
  return -new Date().getTimezoneOffset();
}

/**
 * Lead `id`'s score with its reasons and the score-over-time chart (leadScoreDetail), drawn for
 * the light or dark theme and loaded again when `generation` changes; a reload keeps the score on
 * screen until the new one arrives. A null id loads nothing.
 */
export function useLeadScore(language: Language, id: string | null, dark: boolean, generation: string): LeadScoreState {
  const request = JSON.stringify([language, id, dark, generation]);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  useEffect(() => {
    if (id === null) return;
    let live = true;
    void settle(commands.leadScoreDetail(language, id, dark, utcOffsetMinutes())).then((result) => {
      if (!live) return;
      if (result.status === "ok") setLoaded({ id, request, score: result.data, error: null });
      else setLoaded((previous) => ({ id, request, score: previous?.id === id ? previous.score : null, error: result.error }));
    });
    return () => {
      live = false;
    };
  }, [language, id, dark, request]);
  const replace = useCallback((leadId: string, score: LeadScoreView | null) => {
    setLoaded((previous) => ({ id: leadId, request: previous?.request ?? "", score, error: null }));
  }, []);
  if (!loaded || loaded.id !== id) return { score: null, ready: false, error: null, replace };
  return { score: loaded.score, ready: true, error: loaded.error, replace };
}
