import { useCallback, useRef, useState } from "react";
import { commands, type IpcError, type JobProgress } from "../bindings";
import { withJobProgress } from "../jobs/withJobProgress";
import { settle, type Result } from "../ipc/settle";

export type JobKind = "preview" | "download";

export interface ReportJobState {
  /** The job running now, if any. */
  running: JobKind | null;
  progress: JobProgress | null;
  cancelling: boolean;
}

/**
 * Runs one report job at a time (a preview or a download) with its `job-progress` events, and
 * cancels it with `cancel_job` once the first event has named it.
 */
export function useReportJob() {
  const [state, setState] = useState<ReportJobState>({ running: null, progress: null, cancelling: false });
  const jobId = useRef<string | null>(null);

  const run = useCallback(async <T,>(kind: JobKind, start: () => Promise<Result<T>>): Promise<Result<T>> => {
    jobId.current = null;
    setState({ running: kind, progress: null, cancelling: false });
    const result = await withJobProgress(
      () => settle(start()),
      (progress) => {
        if (jobId.current === null) jobId.current = progress.jobId;
        // Another job's events (an import, a scheduled report) are not this one's.
        if (progress.jobId !== jobId.current) return;
        setState((previous) => (previous.running === kind ? { ...previous, progress } : previous));
      },
    );
    jobId.current = null;
    setState({ running: null, progress: null, cancelling: false });
    return result;
  }, []);

  const cancel = useCallback(async (): Promise<IpcError | null> => {
    const id = jobId.current;
    if (id === null) return null;
    setState((previous) => ({ ...previous, cancelling: true }));
    const result = await settle(commands.cancelJob(id));
    return result.status === "error" ? result.error : null;
  }, []);

  return { ...state, run, cancel, canCancel: state.running !== null && state.progress !== null && !state.cancelling };
}
