import { useEffect, useRef, useState } from "react";
import {
  Badge,
  Button,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  Tooltip,
  makeStyles,
  mergeClasses,
  tokens,
} from "@fluentui/react-components";
import { Add20Regular, CalendarClock16Regular, Delete20Regular, DocumentTable24Regular, FolderOpen20Regular, Open20Regular } from "@fluentui/react-icons";
import { commands, type IpcError } from "../bindings";
import { EmptyStateCard, EmptyStateText } from "../feedback/EmptyStateCard";
import { ErrorMessageBar } from "../feedback/ErrorMessageBar";
import { useFormat } from "../format/useFormat";
import { useI18n } from "../i18n/I18nContext";
import { settle } from "../ipc/settle";
import { DeleteReportDialog } from "./DeleteReportDialog";
import { KIND_SHORT } from "./labels";
import { StatusBadge } from "./StatusBadge";
import type { ReportKind, SavedReport } from "./types";

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
  nameColumn: {
    minWidth: "200px",
  },
  actionsColumn: {
    width: "112px",
  },
  header: {
    fontWeight: tokens.fontWeightSemibold,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  name: {
    display: "flex",
    flexDirection: "column",
    minWidth: 0,
    paddingTop: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalXS,
  },
  nameLine: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
    minWidth: 0,
  },
  strong: {
    fontWeight: tokens.fontWeightSemibold,
    overflowWrap: "anywhere",
  },
  file: {
    color: tokens.colorNeutralForeground3,
    overflowWrap: "anywhere",
  },
  number: {
    fontVariantNumeric: "tabular-nums",
    whiteSpace: "nowrap",
  },
  nowrap: {
    whiteSpace: "nowrap",
  },
  actions: {
    display: "flex",
    justifyContent: "flex-end",
    gap: tokens.spacingHorizontalXXS,
  },
  highlighted: {
    backgroundColor: tokens.colorBrandBackground2,
    ":hover": {
      backgroundColor: tokens.colorBrandBackground2Hover,
    },
  },
  muted: {
    color: tokens.colorNeutralForeground3,
  },
});

interface MyReportsTabProps {
  reports: readonly SavedReport[];
  titles: ReadonlyMap<ReportKind, string>;
  /** A report to point at (just saved, or a schedule's last one). */
  highlightId: number | null;
  onChanged: () => void;
  onCreate: () => void;
}

/** My reports (SPEC §6.3): every report generated here, with its status, rows, size, dates and file actions. */
export function MyReportsTab({ reports, titles, highlightId, onChanged, onCreate }: MyReportsTabProps) {
  const { t } = useI18n();
  const format = useFormat();
  const styles = useStyles();
  const [deleting, setDeleting] = useState<SavedReport | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const highlighted = useRef<HTMLTableRowElement>(null);

  useEffect(() => {
    highlighted.current?.scrollIntoView({ block: "nearest" });
  }, [highlightId]);

  if (reports.length === 0) {
    return (
      <EmptyStateCard
        icon={<DocumentTable24Regular />}
        title={t("propensity.reports.emptyTitle")}
        action={
          <Button appearance="primary" icon={<Add20Regular />} onClick={onCreate} data-testid="reports-empty-create">
            {t("propensity.reports.create")}
          </Button>
        }
        testId="reports-empty"
      >
        <EmptyStateText>{t("propensity.reports.emptyBody")}</EmptyStateText>
      </EmptyStateCard>
    );
  }

  async function act(action: (id: number) => Promise<{ status: "ok"; data: null } | { status: "error"; error: IpcError }>, id: number) {
    setError(null);
    setNotice(null);
    const result = await settle(action(id));
    if (result.status === "error") {
      setError(result.error);
      // The file may have gone since the list was read.
      if (result.error.code === "notFound" || result.error.code === "io") onChanged();
    }
  }

  const sorted = [...reports].sort((a, b) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : b.id - a.id));
  const kindTitle = (kind: ReportKind) => titles.get(kind) ?? t(KIND_SHORT[kind]);

  return (
    <div className={styles.root}>
      {error ? <ErrorMessageBar error={error} title={t("propensity.reports.actionFailed")} /> : null}
      {notice ? (
        <Text className={styles.muted} data-testid="reports-notice">
          {notice}
        </Text>
      ) : null}
      <div className={styles.frame}>
        <Table className={styles.table} size="small" aria-label={t("propensity.tab.reports")} data-testid="reports-table">
          <TableHeader>
            <TableRow>
              <TableHeaderCell className={mergeClasses(styles.header, styles.nameColumn)}>{t("propensity.reports.col.name")}</TableHeaderCell>
              <TableHeaderCell className={styles.header}>
                {t("propensity.reports.col.kind")}
              </TableHeaderCell>
              <TableHeaderCell className={styles.header}>
                {t("propensity.reports.col.status")}
              </TableHeaderCell>
              <TableHeaderCell className={styles.header}>{t("propensity.reports.col.rows")}</TableHeaderCell>
              <TableHeaderCell className={styles.header}>
                {t("propensity.reports.col.size")}
              </TableHeaderCell>
              <TableHeaderCell className={styles.header}>
                {t("propensity.reports.col.asOf")}
              </TableHeaderCell>
              <TableHeaderCell className={styles.header}>
                {t("propensity.reports.col.created")}
              </TableHeaderCell>
              <TableHeaderCell className={mergeClasses(styles.header, styles.actionsColumn)}>
                <span className={styles.nowrap}>{t("propensity.reports.col.actions")}</span>
              </TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {sorted.map((report) => {
              const canOpen = report.status === "completed" && report.fileExists;
              const isHighlighted = report.id === highlightId;
              return (
                <TableRow
                  key={report.id}
                  ref={isHighlighted ? highlighted : undefined}
                  className={isHighlighted ? styles.highlighted : undefined}
                  data-testid="report-row"
                  data-id={report.id}
                  data-status={report.status}
                  data-highlighted={isHighlighted || undefined}
                >
                  <TableCell>
                    <div className={styles.name}>
                      <div className={styles.nameLine}>
                        <span className={styles.strong} data-testid="report-name-cell" title={report.name}>
                          {report.name}
                        </span>
                        {report.scheduleId !== null ? (
                          <Tooltip content={t("propensity.reports.scheduledHint")} relationship="description">
                            <Badge appearance="outline" shape="rounded" size="small" color="brand" icon={<CalendarClock16Regular />} tabIndex={0} data-testid="report-scheduled-marker">
                              {t("propensity.reports.scheduled")}
                            </Badge>
                          </Tooltip>
                        ) : null}
                      </div>
                      <Text size={200} className={styles.file} title={report.path}>
                        {report.fileName}
                      </Text>
                    </div>
                  </TableCell>
                  <TableCell data-testid="report-kind">{kindTitle(report.kind)}</TableCell>
                  <TableCell>
                    <StatusBadge report={report} />
                  </TableCell>
                  <TableCell>
                    <span className={styles.number} data-testid="report-rows">
                      {report.rows === null ? "—" : format.number(report.rows)}
                    </span>
                  </TableCell>
                  <TableCell>
                    <span className={styles.nowrap} data-testid="report-size">
                      {report.bytes === null ? "—" : format.bytes(report.bytes)}
                    </span>
                  </TableCell>
                  <TableCell>
                    <span className={styles.nowrap} data-testid="report-as-of">
                      {report.asOf === null ? "—" : format.date(report.asOf)}
                    </span>
                  </TableCell>
                  <TableCell>
                    <span className={styles.nowrap} data-testid="report-created">
                      {format.dateTime(report.startedAt)}
                    </span>
                  </TableCell>
                  <TableCell>
                    <div className={styles.actions}>
                      <Tooltip content={canOpen ? t("propensity.action.open") : t("propensity.action.openUnavailable")} relationship="label">
                        <Button
                          appearance="subtle"
                          icon={<Open20Regular />}
                          disabledFocusable={!canOpen}
                          onClick={() => void act(commands.openSavedReport, report.id)}
                          data-testid="report-open"
                        />
                      </Tooltip>
                      <Tooltip content={t("propensity.action.reveal")} relationship="label">
                        <Button
                          appearance="subtle"
                          icon={<FolderOpen20Regular />}
                          disabledFocusable={report.status === "running"}
                          onClick={() => void act(commands.revealSavedReport, report.id)}
                          data-testid="report-reveal"
                        />
                      </Tooltip>
                      <Tooltip content={t("propensity.action.delete")} relationship="label">
                        <Button
                          appearance="subtle"
                          icon={<Delete20Regular />}
                          disabledFocusable={report.status === "running"}
                          onClick={() => setDeleting(report)}
                          data-testid="report-delete"
                        />
                      </Tooltip>
                    </div>
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </div>
      {deleting ? (
        <DeleteReportDialog
          report={deleting}
          onClose={() => setDeleting(null)}
          onDeleted={() => {
            setNotice(t("propensity.delete.done", { name: deleting.name }));
            setDeleting(null);
            onChanged();
          }}
        />
      ) : null}
    </div>
  );
}
