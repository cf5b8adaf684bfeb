import { events, type JobProgress } from "../bindings";

/**
 * Runs `start` while listening to `job-progress`, so that no event emitted by the job is
 * missed: the listener is registered before the command is sent and removed after it ends.
 * Without the event bridge the job still runs; only the progress is unknown.
 */
export async function withJobProgress<T>(start: () => Promise<T>, onProgress: (progress: JobProgress) => void): Promise<T> {
  let stopped = false;
  let unlisten: (() => void) | null = null;
  try {
    unlisten = await events.jobProgress.listen((event) => {
      if (!stopped) onProgress(event.payload);
    });
  } catch {
    unlisten = null;
  }
  try {
    return await start();
  } finally {
    stopped = true;
    unlisten?.();
  }
}
