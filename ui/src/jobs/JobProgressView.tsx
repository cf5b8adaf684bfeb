import { ProgressBar, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { JobProgress } from "../bindings";
import { useFormat } from "../format/useFormat";
import { en, type MessageKey } from "../i18n/en";
import { useI18n } from "../i18n/I18nContext";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    width: "100%",
  },
  line: {
    display: "flex",
    justifyContent: "space-between",
    gap: tokens.spacingHorizontalM,
    color: tokens.colorNeutralForeground2,
    minHeight: tokens.lineHeightBase300,
  },
  stage: {
    overflow: "hidden",
    textOverflow: "ellipsis",
    whiteSpace: "nowrap",
  },
  count: {
    flexShrink: 0,
    fontVariantNumeric: "tabular-nums",
  },
});

/** The translated name of a job stage (the backend sends codes such as `demo.snapshots`). */
function stageKey(stage: string): MessageKey {
  const key = `job.stage.${stage}`;
  return key in en ? (key as MessageKey) : "job.stage.unknown";
}

interface JobProgressViewProps {
  progress: JobProgress | null;
  /** Words for the count instead of "done of total" ("12 of 500 tenants"); null for none. */
  countLabel?: (progress: JobProgress) => string | null;
}

/** A job's progress bar with its stage and "done of total"; indeterminate until counts arrive. */
export function JobProgressView({ progress, countLabel }: JobProgressViewProps) {
  const { t } = useI18n();
  const format = useFormat();
  const styles = useStyles();
  const known = progress !== null && progress.total > 0;
  const value = known ? Math.min(1, progress.done / progress.total) : undefined;
  const count = known
    ? countLabel
      ? (countLabel(progress) ?? "")
      : t("startup.progressCount", { done: format.number(progress.done), total: format.number(progress.total) })
    : "";
  return (
    <div className={styles.root}>
      <ProgressBar
        thickness="large"
        value={value}
        aria-label={t("startup.progressLabel")}
        aria-valuetext={count || undefined}
      />
      <div className={styles.line}>
        <Text size={200} className={styles.stage} aria-live="polite" data-testid="job-stage">
          {progress ? t(stageKey(progress.stage)) : ""}
        </Text>
        <Text size={200} className={styles.count} data-testid="job-count">
          {count}
        </Text>
      </div>
    </div>
  );
}
