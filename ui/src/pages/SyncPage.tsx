import { useEffect, useState } from "react";
import {
  Button,
  Link,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { Dismiss20Regular, Settings20Regular } from "@fluentui/react-icons";
import { commands, type IpcError, type JobProgress, type QueueItem, type Resolution, type SyncOutcome } from "../bindings";
import { ErrorMessageBar } from "../feedback/ErrorMessageBar";
import { useFormat } from "../format/useFormat";
import { useI18n } from "../i18n/I18nContext";
import { settle } from "../ipc/settle";
import { JobProgressView } from "../jobs/JobProgressView";
import { requestSettingsSection } from "../settings/settingsFocus";
import { useCurrentPage } from "../shell/useCurrentPage";
import { ConflictDialog } from "../sync/ConflictDialog";
import { FailureBar } from "../sync/FailureBar";
import { QueueSection } from "../sync/QueueSection";
import { RecentRuns } from "../sync/RecentRuns";
import { SummaryCard } from "../sync/SummaryCard";
import { SyncButton } from "../sync/SyncButton";
import { failureOfOutcome, failureOfRun, type SyncFailure } from "../sync/failure";
import { useSyncProgress } from "../sync/useSyncProgress";
import { useSyncState } from "../sync/useSyncState";
import { useWorkspace } from "../workspace/WorkspaceContext";
import { PageLayout } from "./PageLayout";
import { Section } from "./Section";

const useStyles = makeStyles({
  running: {
    display: "flex",
    alignItems: "flex-end",
    gap: tokens.spacingHorizontalL,
  },
  progress: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    flexGrow: 1,
    minWidth: 0,
  },
  counts: {
    color: tokens.colorNeutralForeground2,
  },
});

/** Where the dismissed "You're offline" bar is remembered, per workspace and last success. */
const OFFLINE_DISMISSED = "partner-advisor.sync.offlineDismissed";

function readDismissed(): string | null {
  try {
    return window.localStorage.getItem(OFFLINE_DISMISSED);
  } catch {
    return null;
  }
}

/** A sync this window ran: how it ended, and when (a later run, e.g. a scheduled one, replaces it). */
interface Session {
  outcome: SyncOutcome | null;
  error: IpcError | null;
  stage: string | null;
  endedAt: number;
}

/**
 * Sync with Partner Center and Microsoft Graph: when it last ran, Sync now (or a full sync), the
 * running sync's progress with Cancel, what the last sync did or why it failed, the lead changes
 * waiting for Partner Center with their conflicts, and the recent runs.
 */
export function SyncPage() {
  const { t } = useI18n();
  const format = useFormat();
  const styles = useStyles();
  const { workspace } = useWorkspace();
  const [, go] = useCurrentPage();
  const { status, statusError, queue, queueError, reload, setQueue } = useSyncState();
  const { progress, lastStage, reset } = useSyncProgress();
  const [ownRun, setOwnRun] = useState(false);
  const [session, setSession] = useState<Session | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const [cancelError, setCancelError] = useState<IpcError | null>(null);
  const [dismissed, setDismissed] = useState<string | null>(readDismissed);
  const [resolving, setResolving] = useState<QueueItem | null>(null);
  const [resolved, setResolved] = useState<{ customer: string; resolution: Resolution } | null>(null);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 30_000);
    return () => window.clearInterval(timer);
  }, []);

  const running = ownRun || Boolean(status?.runningJob);
  const credentialsSet = status?.credentialsSet ?? false;
  const latestRun = status?.runs[0] ?? null;
  // A run recorded after this window's own one ended (a scheduled sync) is the news now.
  const sessionCurrent = session !== null && !(latestRun && latestRun.status !== "running" && Date.parse(latestRun.startedAt) > session.endedAt);
  const failure: SyncFailure | null = running
    ? null
    : sessionCurrent
      ? session.outcome
        ? failureOfOutcome(session.outcome, session.stage)
        : null
      : latestRun
        ? failureOfRun(latestRun)
        : null;
  const sessionSummary = sessionCurrent ? (session.outcome?.summary ?? null) : null;
  const lastCompleted = status?.runs.find((r) => r.status === "completed" && r.summary) ?? null;
  const summary = sessionSummary ?? lastCompleted?.summary ?? null;
  const refreshNote = sessionSummary ? (session?.outcome?.refreshNote ?? null) : null;
  const customers = new Map((queue ?? []).map((item) => [item.leadId, item.customerName]));
  const streak = `${workspace.id}|${status?.lastSuccess ?? "never"}`;
  const offlineHidden = failure?.code === "offline" && dismissed === streak;

  async function sync(full: boolean) {
    if (running || !credentialsSet) return;
    reset();
    setOwnRun(true);
    setCancelling(false);
    setCancelError(null);
    setResolved(null);
    const result = await settle(commands.runSync(full));
    setOwnRun(false);
    setSession({
      outcome: result.status === "ok" ? result.data : null,
      error: result.status === "error" ? result.error : null,
      stage: lastStage(),
      endedAt: Date.now(),
    });
    setCancelling(false);
    reload();
  }

  async function cancel() {
    const jobId = progress?.jobId ?? status?.runningJob ?? null;
    if (jobId === null) return;
    setCancelling(true);
    const result = await settle(commands.cancelJob(jobId));
    if (result.status === "error") {
      setCancelError(result.error);
      setCancelling(false);
    }
  }

  function openSettings() {
    requestSettingsSection("credentials");
    go("settings");
  }

  function dismissOffline() {
    try {
      window.localStorage.setItem(OFFLINE_DISMISSED, streak);
    } catch {
      // Without storage the bar is hidden for this visit only.
    }
    setDismissed(streak);
  }

  function showConflicts() {
    const section = document.querySelector<HTMLElement>('[data-testid="sync-queue"]');
    section?.scrollIntoView({ block: "start", behavior: "smooth" });
    section?.querySelector<HTMLElement>('[data-testid="queue-resolve"]')?.focus({ preventScroll: true });
  }

  function onResolved(next: QueueItem[], resolution: Resolution) {
    if (resolving) setResolved({ customer: resolving.customerName, resolution });
    setQueue(next);
    setResolving(null);
    reload();
  }

  const countLabel = (step: JobProgress): string | null => {
    const params = { done: format.number(step.done), total: step.total };
    switch (step.stage) {
      case "sync.referrals":
        return step.done > 0 ? t("sync.progress.pages", params) : null;
      case "sync.usage":
        return t("sync.progress.tenants", params);
      case "sync.push":
        return t("sync.progress.changes", params);
      default:
        return null;
    }
  };

  const title = status?.lastSuccess
    ? now - Date.parse(status.lastSuccess) < 60_000
      ? t("sync.lastSyncedJustNow", { dateTime: format.dateTime(status.lastSuccess) })
      : t("sync.lastSynced", { relative: format.relative(status.lastSuccess, now), dateTime: format.dateTime(status.lastSuccess) })
    : status
      ? t("sync.never")
      : t("page.sync.title");

  return (
    <PageLayout
      id="sync"
      title={t("page.sync.title")}
      intro={t("page.sync.intro")}
      actions={status ? <SyncButton credentialsSet={credentialsSet} running={running} onSync={(full) => void sync(full)} /> : null}
    >
      <Section
        title={title}
        intro={status ? (status.lastSuccess ? t("sync.waiting", { count: status.waiting }) : t("sync.neverHint")) : undefined}
        testId="sync-overview"
      >
        {statusError ? <ErrorMessageBar error={statusError} title={t("sync.loadFailed")} /> : null}
        {status === null && !statusError ? <Spinner size="tiny" label={t("app.loading")} /> : null}
        {status && status.conflicts > 0 ? (
          <Text className={styles.counts}>
            <Link as="button" inline onClick={showConflicts} data-testid="sync-conflict-count">
              {t("sync.conflicts", { count: status.conflicts })}
            </Link>
          </Text>
        ) : null}
        {status && !credentialsSet ? (
          <MessageBar intent="warning" layout="multiline" data-testid="sync-credentials">
            <MessageBarBody>
              <MessageBarTitle>{t("sync.credentials.title")}</MessageBarTitle>{" "}
              {t("sync.credentials.body")}
            </MessageBarBody>
            <MessageBarActions>
              <Button icon={<Settings20Regular />} onClick={openSettings} data-testid="sync-open-settings">
                {t("sync.credentials.open")}
              </Button>
            </MessageBarActions>
          </MessageBar>
        ) : null}
        {running ? (
          <div className={styles.running} data-testid="sync-running">
            <div className={styles.progress}>
              <Text weight="semibold">{ownRun ? t("sync.progress.title") : t("sync.progress.scheduled")}</Text>
              <JobProgressView progress={progress} countLabel={countLabel} />
            </div>
            <Button
              icon={cancelling ? <Spinner size="tiny" /> : <Dismiss20Regular />}
              disabled={cancelling || (progress === null && !status?.runningJob)}
              onClick={() => void cancel()}
              data-testid="sync-cancel"
            >
              {cancelling ? t("startup.cancelling") : t("common.cancel")}
            </Button>
          </div>
        ) : null}
        {cancelError ? <ErrorMessageBar error={cancelError} /> : null}
        {!running && sessionCurrent && session.error ? <ErrorMessageBar error={session.error} title={t("sync.error.unknown.title")} /> : null}
        {failure && !offlineHidden ? (
          <FailureBar
            failure={failure}
            onOpenSettings={openSettings}
            onSyncAgain={credentialsSet ? () => void sync(false) : null}
            onDismiss={failure.code === "offline" ? dismissOffline : undefined}
          />
        ) : null}
      </Section>

      {summary ? <SummaryCard summary={summary} customers={customers} refreshNote={refreshNote} onShowConflicts={showConflicts} /> : null}

      <QueueSection
        queue={queue}
        error={queueError}
        resolved={
          resolved
            ? t(resolved.resolution === "keepMine" ? "sync.queue.keptMine" : "sync.queue.tookTheirs", { customer: resolved.customer })
            : null
        }
        onResolve={(item) => {
          setResolved(null);
          setResolving(item);
        }}
      />

      {status ? <RecentRuns runs={status.runs} /> : null}

      {resolving ? <ConflictDialog item={resolving} onResolved={onResolved} onClose={() => setResolving(null)} /> : null}
    </PageLayout>
  );
}
