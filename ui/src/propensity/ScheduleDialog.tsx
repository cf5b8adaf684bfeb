import { useState } from "react";
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Radio,
  RadioGroup,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { commands, type IpcError } from "../bindings";
import { ErrorMessageBar } from "../feedback/ErrorMessageBar";
import { useI18n } from "../i18n/I18nContext";
import { settle } from "../ipc/settle";
import type { ReportSchedule, ReportSpec, ScheduleCadence } from "./types";

const useStyles = makeStyles({
  surface: {
    width: "min(520px, calc(100vw - 32px))",
    maxWidth: "none",
  },
  content: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
  },
  muted: {
    color: tokens.colorNeutralForeground3,
  },
});

interface ScheduleDialogProps {
  spec: ReportSpec;
  onCreated: (schedule: ReportSchedule) => void;
  onClose: () => void;
}

/** Schedule: the report again every month on the 25th, or after each data import. */
export function ScheduleDialog({ spec, onCreated, onClose }: ScheduleDialogProps) {
  const { t, language } = useI18n();
  const styles = useStyles();
  const [cadence, setCadence] = useState<ScheduleCadence>("monthly");
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);

  async function save() {
    setSaving(true);
    setError(null);
    const result = await settle(commands.createReportSchedule(language, spec, cadence));
    setSaving(false);
    if (result.status === "error") setError(result.error);
    else onCreated(result.data);
  }

  return (
    <Dialog
      open
      onOpenChange={(_, data) => {
        if (!data.open && !saving) onClose();
      }}
    >
      <DialogSurface className={styles.surface} data-testid="schedule-dialog">
        <DialogBody>
          <DialogTitle>{t("propensity.schedule.title")}</DialogTitle>
          <DialogContent className={styles.content}>
            {error ? <ErrorMessageBar error={error} title={t("propensity.schedule.failed")} /> : null}
            <Text>{t("propensity.schedule.intro", { name: spec.name })}</Text>
            <RadioGroup value={cadence} onChange={(_, data) => setCadence(data.value as ScheduleCadence)} aria-label={t("propensity.schedule.cadence")}>
              <Radio value="monthly" label={t("propensity.cadence.monthly")} data-testid="schedule-monthly" />
              <Radio value="afterImport" label={t("propensity.cadence.afterImport")} data-testid="schedule-after-import" />
            </RadioGroup>
            <Text size={200} className={styles.muted}>
              {t("propensity.schedule.note")}
            </Text>
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" disabled={saving} icon={saving ? <Spinner size="tiny" /> : undefined} onClick={() => void save()} data-testid="schedule-save">
              {t("propensity.schedule.save")}
            </Button>
            <Button disabled={saving} onClick={onClose} data-testid="schedule-cancel">
              {t("common.cancel")}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
