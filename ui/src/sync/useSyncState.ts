import { useEffect, useState } from "react";
import { commands, type IpcError, type QueueItem, type SyncStatus } from "../bindings";
import { settle } from "../ipc/settle";
import { useDataChanged } from "../ipc/useDataChanged";
import { useReload } from "../opportunities/useReload";
import { useWorkspace } from "../workspace/WorkspaceContext";

/** While a sync runs (e.g. one started by the schedule), its state is read again this often. */
const POLL_MS = 4000;

export interface SyncState {
  status: SyncStatus | null;
  statusError: IpcError | null;
  queue: QueueItem[] | null;
  queueError: IpcError | null;
  reload: () => void;
  /** Replaces the queue with the one a command returned (resolveSyncConflict). */
  setQueue: (queue: QueueItem[]) => void;
}

/**
 * The sync status and the queue of changes for Partner Center, read again when the back end says
 * sync or leads changed (`data-changed`), and every few seconds while a sync runs.
 */
export function useSyncState(): SyncState {
  const { workspace } = useWorkspace();
  const [reloads, reload] = useReload();
  useDataChanged("sync", reload);
  useDataChanged("leads", reload);
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [statusError, setStatusError] = useState<IpcError | null>(null);
  const [queue, setQueue] = useState<QueueItem[] | null>(null);
  const [queueError, setQueueError] = useState<IpcError | null>(null);

  useEffect(() => {
    let live = true;
    void settle(commands.syncStatus()).then((result) => {
      if (!live) return;
      if (result.status === "ok") {
        setStatus(result.data);
        setStatusError(null);
      } else setStatusError(result.error);
    });
    void settle(commands.syncQueue()).then((result) => {
      if (!live) return;
      if (result.status === "ok") {
        setQueue(result.data);
        setQueueError(null);
      } else setQueueError(result.error);
    });
    return () => {
      live = false;
    };
  }, [workspace.id, reloads]);

  const running = status?.runningJob ?? null;
  useEffect(() => {
    if (running === null) return;
    const timer = window.setInterval(reload, POLL_MS);
    return () => window.clearInterval(timer);
  }, [running, reload]);

  return { status, statusError, queue, queueError, reload, setQueue };
}

/** The number of conflicts to resolve, for the navigation's badge. */
export function useSyncConflicts(): number {
  const { workspace } = useWorkspace();
  const [reloads, reload] = useReload();
  useDataChanged("sync", reload);
  const [conflicts, setConflicts] = useState(0);
  useEffect(() => {
    let live = true;
    void settle(commands.syncStatus()).then((result) => {
      if (live && result.status === "ok") setConflicts(result.data.conflicts);
    });
    return () => {
      live = false;
    };
  }, [workspace.id, reloads]);
  return conflicts;
}
