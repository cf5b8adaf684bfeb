import { useState } from "react";
import {
  Button,
  Link,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  Tooltip,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { Add20Regular, CalendarClock24Regular, Delete20Regular } from "@fluentui/react-icons";
import { EmptyStateCard, EmptyStateText } from "../feedback/EmptyStateCard";
import { useFormat } from "../format/useFormat";
import { useI18n } from "../i18n/I18nContext";
import { settle } from "../ipc/settle";
import { ConfirmDialog } from "../scoring/ConfirmDialog";
import { CADENCE_LABELS, KIND_SHORT } from "./labels";
import { commands } from "../bindings";
import type { ReportKind, ReportSchedule, SavedReport } from "./types";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    minWidth: 0,
  },
  frame: {
    overflowX: "auto",
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  table: {
    tableLayout: "auto",
    minWidth: "760px",
  },
  lastReport: {
    textAlign: "left",
  },
  header: {
    fontWeight: tokens.fontWeightSemibold,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  strong: {
    fontWeight: tokens.fontWeightSemibold,
    overflowWrap: "anywhere",
  },
  nowrap: {
    whiteSpace: "nowrap",
  },
  muted: {
    color: tokens.colorNeutralForeground3,
  },
});

interface SchedulesTabProps {
  schedules: readonly ReportSchedule[];
  reports: readonly SavedReport[];
  titles: ReadonlyMap<ReportKind, string>;
  onChanged: () => void;
  onShowReport: (id: number) => void;
  onCreate: () => void;
}

/** Scheduled reports: what runs when, what ran last, and its report; delete one after a confirmation. */
export function SchedulesTab({ schedules, reports, titles, onChanged, onShowReport, onCreate }: SchedulesTabProps) {
  const { t } = useI18n();
  const format = useFormat();
  const styles = useStyles();
  const [deleting, setDeleting] = useState<ReportSchedule | null>(null);

  if (schedules.length === 0) {
    return (
      <EmptyStateCard
        icon={<CalendarClock24Regular />}
        title={t("propensity.schedules.emptyTitle")}
        action={
          <Button appearance="primary" icon={<Add20Regular />} onClick={onCreate} data-testid="schedules-empty-create">
            {t("propensity.reports.create")}
          </Button>
        }
        testId="schedules-empty"
      >
        <EmptyStateText>{t("propensity.schedules.emptyBody")}</EmptyStateText>
      </EmptyStateCard>
    );
  }

  const kindTitle = (kind: ReportKind) => titles.get(kind) ?? t(KIND_SHORT[kind]);
  // The backend's run point is the 25th at midnight UTC: its calendar day is the 25th everywhere.
  const when = (value: string) => format.date(value.slice(0, 10));

  return (
    <div className={styles.root}>
      <div className={styles.frame}>
        <Table className={styles.table} size="small" aria-label={t("propensity.tab.schedules")} data-testid="schedules-table">
          <TableHeader>
            <TableRow>
              <TableHeaderCell className={styles.header}>{t("propensity.reports.col.name")}</TableHeaderCell>
              <TableHeaderCell className={styles.header}>{t("propensity.reports.col.kind")}</TableHeaderCell>
              <TableHeaderCell className={styles.header}>{t("propensity.schedules.col.cadence")}</TableHeaderCell>
              <TableHeaderCell className={styles.header}>{t("propensity.schedules.col.nextRun")}</TableHeaderCell>
              <TableHeaderCell className={styles.header}>{t("propensity.schedules.col.lastRun")}</TableHeaderCell>
              <TableHeaderCell className={styles.header}>{t("propensity.schedules.col.lastReport")}</TableHeaderCell>
              <TableHeaderCell className={styles.header} style={{ width: 64 }}>
                <span className={styles.nowrap}>{t("propensity.reports.col.actions")}</span>
              </TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {schedules.map((schedule) => {
              const last = schedule.lastReportId === null ? null : reports.find((r) => r.id === schedule.lastReportId) ?? null;
              return (
                <TableRow key={schedule.id} data-testid="schedule-row" data-id={schedule.id} data-cadence={schedule.cadence}>
                  <TableCell>
                    <span className={styles.strong} data-testid="schedule-name">
                      {schedule.spec.name}
                    </span>
                  </TableCell>
                  <TableCell>{kindTitle(schedule.spec.kind)}</TableCell>
                  <TableCell data-testid="schedule-cadence">{t(CADENCE_LABELS[schedule.cadence])}</TableCell>
                  <TableCell>
                    <span className={styles.nowrap} data-testid="schedule-next">
                      {schedule.nextRunAt ? when(schedule.nextRunAt) : t("propensity.schedules.nextAfterImport")}
                    </span>
                  </TableCell>
                  <TableCell>
                    <span data-testid="schedule-last">
                      {schedule.lastRunAt ? format.dateTime(schedule.lastRunAt) : t("propensity.schedules.never")}
                    </span>
                  </TableCell>
                  <TableCell>
                    {schedule.lastReportId !== null ? (
                      <Link as="button" className={styles.lastReport} onClick={() => onShowReport(schedule.lastReportId as number)} data-testid="schedule-last-report">
                        {last ? last.name : t("propensity.schedules.lastReport")}
                      </Link>
                    ) : (
                      <Text className={styles.muted}>—</Text>
                    )}
                  </TableCell>
                  <TableCell>
                    <Tooltip content={t("propensity.schedules.delete")} relationship="label">
                      <Button appearance="subtle" icon={<Delete20Regular />} onClick={() => setDeleting(schedule)} data-testid="schedule-delete" />
                    </Tooltip>
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </div>
      {deleting ? (
        <ConfirmDialog
          title={t("propensity.schedules.deleteTitle")}
          body={t("propensity.schedules.deleteBody", { name: deleting.spec.name })}
          confirm={t("propensity.schedules.delete")}
          failed={t("propensity.schedules.deleteFailed")}
          danger
          onConfirm={async () => {
            const result = await settle(commands.deleteReportSchedule(deleting.id));
            if (result.status === "error") return result.error;
            onChanged();
            return null;
          }}
          onClose={() => setDeleting(null)}
          testId="delete-schedule-dialog"
        />
      ) : null}
    </div>
  );
}
