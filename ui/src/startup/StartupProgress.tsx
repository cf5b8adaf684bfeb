import { Button, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { JobProgress } from "../bindings";
import { useI18n } from "../i18n/I18nContext";
import { JobProgressView } from "../jobs/JobProgressView";
import { StartupScreen } from "./StartupScreen";

const useStyles = makeStyles({
  appear: {
    // Opening an existing workspace takes a moment: fade in so that it does not flash.
    animationName: { from: { opacity: 0 }, to: { opacity: 1 } },
    animationDuration: tokens.durationNormal,
    animationDelay: "250ms",
    animationFillMode: "both",
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalL,
  },
  hint: {
    color: tokens.colorNeutralForeground3,
  },
  actions: {
    display: "flex",
    justifyContent: "flex-end",
  },
});

interface StartupProgressProps {
  progress: JobProgress | null;
  cancelling: boolean;
  onCancel: (jobId: string) => void;
}

/** "Preparing the demo workspace…" with the job's progress and a Cancel button. */
export function StartupProgress({ progress, cancelling, onCancel }: StartupProgressProps) {
  const { t } = useI18n();
  const styles = useStyles();
  const preparing = progress !== null;
  return (
    <StartupScreen testId="startup-progress">
      <div className={styles.appear} aria-busy="true">
        <Text as="h2" size={500} weight="semibold">
          {preparing ? t("startup.preparingDemo") : t("startup.opening")}
        </Text>
        {preparing ? <Text className={styles.hint}>{t("startup.preparingDemoHint")}</Text> : null}
        <JobProgressView progress={progress} />
        <div className={styles.actions}>
          <Button
            appearance="secondary"
            disabled={!progress || progress.finished || cancelling}
            onClick={() => progress && onCancel(progress.jobId)}
            data-testid="startup-cancel"
          >
            {cancelling ? t("startup.cancelling") : t("common.cancel")}
          </Button>
        </div>
      </div>
    </StartupScreen>
  );
}
