import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { commands, type IpcError, type JobProgress, type WorkspaceSummary } from "../bindings";
import { asksForPassphrase } from "../ipc/errorMessage";
import { settle } from "../ipc/settle";
import { withJobProgress } from "../jobs/withJobProgress";
import { NewWorkspaceDialog } from "../workspace/NewWorkspaceDialog";
import { OpenWorkspaceDialog } from "../workspace/OpenWorkspaceDialog";
import { PassphraseDialog } from "../workspace/PassphraseDialog";
import { WorkspaceContext, type WorkspaceValue } from "../workspace/WorkspaceContext";
import { StartupFailure } from "./StartupFailure";
import { StartupProgress } from "./StartupProgress";

type Phase =
  | { kind: "opening" }
  | { kind: "failed"; error: IpcError }
  | { kind: "ready"; workspace: WorkspaceSummary };

type StartupDialog = "none" | "passphrase" | "open" | "new";

/** The folder a passphrase would unlock, when the error names one. */
function lockedPath(error: IpcError): string | null {
  return asksForPassphrase(error) && error.details ? error.details : null;
}

/**
 * Opens the start-up workspace (the last one used, else the demo, created on first run) and
 * renders `children` inside it once it is open. Until then: progress with Cancel, or the
 * error with the ways forward (passphrase, another workspace, a new one).
 */
export function StartupGate({ children }: { children: ReactNode }) {
  const [attempt, setAttempt] = useState(0);
  const [phase, setPhase] = useState<Phase>({ kind: "opening" });
  const [progress, setProgress] = useState<JobProgress | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const [dialog, setDialog] = useState<StartupDialog>("none");
  const started = useRef(-1);

  useEffect(() => {
    // Once per attempt, also under StrictMode's double effects: the backend must not be asked
    // to build the demo workspace twice.
    if (started.current === attempt) return;
    started.current = attempt;
    void withJobProgress(() => settle(commands.openStartupWorkspace()), setProgress).then((result) => {
      setCancelling(false);
      if (result.status === "ok") {
        setPhase({ kind: "ready", workspace: result.data });
      } else {
        setPhase({ kind: "failed", error: result.error });
        if (lockedPath(result.error)) setDialog("passphrase");
      }
    });
  }, [attempt]);

  const setWorkspace = useCallback((workspace: WorkspaceSummary) => setPhase({ kind: "ready", workspace }), []);
  const context = useMemo<WorkspaceValue | null>(
    () => (phase.kind === "ready" ? { workspace: phase.workspace, setWorkspace } : null),
    [phase, setWorkspace],
  );

  const opened = (workspace: WorkspaceSummary) => {
    setDialog("none");
    setWorkspace(workspace);
  };

  if (context) {
    return <WorkspaceContext.Provider value={context}>{children}</WorkspaceContext.Provider>;
  }

  if (phase.kind === "opening") {
    return (
      <StartupProgress
        progress={progress}
        cancelling={cancelling}
        onCancel={(jobId) => {
          setCancelling(true);
          void settle(commands.cancelJob(jobId));
        }}
      />
    );
  }

  if (phase.kind !== "failed") return null;
  const path = lockedPath(phase.error);
  return (
    <>
      <StartupFailure
        error={phase.error}
        onRetry={() => {
          setProgress(null);
          setPhase({ kind: "opening" });
          setAttempt((n) => n + 1);
        }}
        onUnlock={path ? () => setDialog("passphrase") : null}
        onOpenOther={() => setDialog("open")}
        onCreateNew={() => setDialog("new")}
      />
      {path ? (
        <PassphraseDialog
          key={`${attempt}-${phase.error.code}`}
          open={dialog === "passphrase"}
          path={path}
          reason={phase.error.code}
          onOpened={opened}
          onDismiss={() => setDialog("none")}
        />
      ) : null}
      <OpenWorkspaceDialog open={dialog === "open"} onOpened={opened} onDismiss={() => setDialog("none")} />
      <NewWorkspaceDialog open={dialog === "new"} onCreated={opened} onDismiss={() => setDialog("none")} />
    </>
  );
}
