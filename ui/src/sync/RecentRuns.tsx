import {
  Badge,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
  type BadgeProps,
} from "@fluentui/react-components";
import type { SyncRunView } from "../bindings";
import { useFormat } from "../format/useFormat";
import { useI18n } from "../i18n/I18nContext";
import { Section } from "../pages/Section";
import { ERROR_TITLES, RUN_STATUS_LABELS } from "./labels";
import { failureOfRun } from "./failure";

const useStyles = makeStyles({
  frame: {
    overflowX: "auto",
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  table: {
    tableLayout: "auto",
    minWidth: "720px",
  },
  header: {
    fontWeight: tokens.fontWeightSemibold,
    backgroundColor: tokens.colorNeutralBackground2,
    whiteSpace: "nowrap",
  },
  nowrap: {
    whiteSpace: "nowrap",
  },
  outcome: {
    display: "block",
    maxWidth: "60ch",
    overflow: "hidden",
    textOverflow: "ellipsis",
    whiteSpace: "nowrap",
  },
  muted: {
    color: tokens.colorNeutralForeground3,
  },
});

const STATUS_COLORS: Readonly<Record<string, NonNullable<BadgeProps["color"]>>> = {
  running: "brand",
  completed: "success",
  failed: "danger",
  cancelled: "informative",
};

/** The latest sync runs of the workspace, newest first: when, how long, and how each ended. */
export function RecentRuns({ runs }: { runs: readonly SyncRunView[] }) {
  const { t } = useI18n();
  const format = useFormat();
  const styles = useStyles();

  const outcome = (run: SyncRunView): string => {
    if (run.status === "running") return t("sync.runs.running");
    if (run.summary) {
      return t("sync.runs.outcome", { referrals: run.summary.referralsReceived, tenants: run.summary.tenantsSynced, sent: run.summary.pushed });
    }
    if (run.status === "cancelled") return t("sync.runs.cancelled");
    const failure = failureOfRun(run);
    return failure ? t(ERROR_TITLES[failure.code]) : "";
  };
  const duration = (run: SyncRunView): string => {
    if (!run.finishedAt) return "—";
    const ms = Date.parse(run.finishedAt) - Date.parse(run.startedAt);
    return Number.isFinite(ms) ? format.duration(Math.max(0, ms)) : "—";
  };

  return (
    <Section title={t("sync.runs.title")} testId="sync-runs">
      {runs.length === 0 ? (
        <Text className={styles.muted} data-testid="runs-empty">
          {t("sync.runs.empty")}
        </Text>
      ) : (
        <div className={styles.frame}>
          <Table className={styles.table} size="small" aria-label={t("sync.runs.title")} data-testid="runs-table">
            <TableHeader>
              <TableRow>
                <TableHeaderCell className={styles.header}>{t("sync.runs.col.started")}</TableHeaderCell>
                <TableHeaderCell className={styles.header}>{t("sync.runs.col.duration")}</TableHeaderCell>
                <TableHeaderCell className={styles.header}>{t("sync.runs.col.status")}</TableHeaderCell>
                <TableHeaderCell className={styles.header}>{t("sync.runs.col.outcome")}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {runs.map((run) => {
                const text = outcome(run);
                const label = RUN_STATUS_LABELS[run.status];
                return (
                  <TableRow key={run.startedAt} data-testid="run-row" data-status={run.status}>
                    <TableCell>
                      <span className={styles.nowrap}>{format.dateTime(run.startedAt)}</span>
                    </TableCell>
                    <TableCell>
                      <span className={styles.nowrap}>{duration(run)}</span>
                    </TableCell>
                    <TableCell>
                      <Badge appearance="tint" shape="rounded" color={STATUS_COLORS[run.status] ?? "informative"} className={styles.nowrap} data-testid="run-status">
                        {label ? t(label) : run.status}
                      </Badge>
                    </TableCell>
                    <TableCell>
                      <span className={styles.outcome} title={run.error ?? text} data-testid="run-outcome">
                        {text}
                      </span>
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </div>
      )}
    </Section>
  );
}
