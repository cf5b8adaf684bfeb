import { useCallback, useEffect, useRef, useState } from "react";
import { events, type JobProgress } from "../bindings";

export interface SyncProgress {
  /** The latest `sync.*` step of the sync running now, or null. */
  progress: JobProgress | null;
  /** The last stage seen, kept after the run ends (for the words of a cancellation). */
  lastStage: () => string | null;
  /** Forgets the last run's progress (a new run starts). */
  reset: () => void;
}

/**
 * The progress of the sync running now, whoever started it (the Sync button or the schedule):
 * `job-progress` events of the `sync.*` stages, followed while this page shows, until the job's
 * final `done` event.
 */
export function useSyncProgress(): SyncProgress {
  const [progress, setProgress] = useState<JobProgress | null>(null);
  const stage = useRef<string | null>(null);
  const jobId = useRef<string | null>(null);

  useEffect(() => {
    let live = true;
    let unlisten: (() => void) | null = null;
    events.jobProgress
      .listen((event) => {
        const payload = event.payload;
        if (!live) return;
        if (payload.stage.startsWith("sync.")) {
          jobId.current = payload.jobId;
          stage.current = payload.stage;
          setProgress(payload);
        } else if (payload.finished && payload.jobId === jobId.current) {
          setProgress(null);
        }
      })
      .then(
        (stop) => {
          if (live) unlisten = stop;
          else stop();
        },
        () => undefined,
      );
    return () => {
      live = false;
      unlisten?.();
    };
  }, []);

  const lastStage = useCallback(() => stage.current, []);
  const reset = useCallback(() => {
    stage.current = null;
    jobId.current = null;
    setProgress(null);
  }, []);
  return { progress, lastStage, reset };
}
