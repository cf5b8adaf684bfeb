import { Badge, Spinner, Tooltip, makeStyles, tokens } from "@fluentui/react-components";
import { useI18n } from "../i18n/I18nContext";
import { STATUS_LABELS } from "./labels";
import type { SavedReport } from "./types";

const useStyles = makeStyles({
  running: {
    display: "inline-flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalXS,
    whiteSpace: "nowrap",
  },
  badge: {
    whiteSpace: "nowrap",
  },
  failed: {
    cursor: "help",
  },
});

const COLORS = { completed: "success", failed: "danger", cancelled: "subtle", running: "brand" } as const;

/** A saved report's status: a spinner while it runs, its error in a tooltip when it failed, "File missing" when its file is gone. */
export function StatusBadge({ report }: { report: SavedReport }) {
  const { t } = useI18n();
  const styles = useStyles();
  if (report.status === "running") {
    return (
      <span className={styles.running} data-testid="report-status" data-status="running">
        <Spinner size="extra-tiny" aria-hidden="true" />
        {t(STATUS_LABELS.running)}
      </span>
    );
  }
  if (report.status === "completed" && !report.fileExists) {
    return (
      <Tooltip content={t("propensity.status.fileMissingHint", { path: report.path })} relationship="description">
        <Badge appearance="tint" shape="rounded" color="warning" className={styles.badge} tabIndex={0} data-testid="report-status" data-status="fileMissing">
          {t("propensity.status.fileMissing")}
        </Badge>
      </Tooltip>
    );
  }
  const badge = (
    <Badge
      appearance="tint"
      shape="rounded"
      color={COLORS[report.status]}
      className={report.status === "failed" ? `${styles.badge} ${styles.failed}` : styles.badge}
      tabIndex={report.status === "failed" ? 0 : undefined}
      data-testid="report-status"
      data-status={report.status}
    >
      {t(STATUS_LABELS[report.status])}
    </Badge>
  );
  return report.status === "failed" ? (
    <Tooltip content={report.error ?? t("propensity.status.failedUnknown")} relationship="description">
      {badge}
    </Tooltip>
  ) : (
    badge
  );
}
