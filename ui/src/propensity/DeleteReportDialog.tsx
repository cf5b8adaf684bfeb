import { useState } from "react";
import {
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { commands, type IpcError } from "../bindings";
import { ErrorMessageBar } from "../feedback/ErrorMessageBar";
import { useI18n } from "../i18n/I18nContext";
import { settle } from "../ipc/settle";
import type { SavedReport } from "./types";

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
  path: {
    color: tokens.colorNeutralForeground3,
    overflowWrap: "anywhere",
  },
  danger: {
    backgroundColor: tokens.colorPaletteRedBackground3,
    ":hover": {
      backgroundColor: tokens.colorPaletteRedForeground1,
    },
  },
});

/** Deletes a saved report from the list, and its file too when asked. */
export function DeleteReportDialog({ report, onDeleted, onClose }: { report: SavedReport; onDeleted: () => void; onClose: () => void }) {
  const { t } = useI18n();
  const styles = useStyles();
  const [deleteFile, setDeleteFile] = useState(false);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);

  async function run() {
    setRunning(true);
    setError(null);
    const result = await settle(commands.deleteSavedReport(report.id, deleteFile && report.fileExists));
    setRunning(false);
    if (result.status === "error") setError(result.error);
    else onDeleted();
  }

  return (
    <Dialog
      open
      modalType="alert"
      onOpenChange={(_, data) => {
        if (!data.open && !running) onClose();
      }}
    >
      <DialogSurface className={styles.surface} data-testid="delete-report-dialog">
        <DialogBody>
          <DialogTitle>{t("propensity.delete.title")}</DialogTitle>
          <DialogContent className={styles.content}>
            {error ? <ErrorMessageBar error={error} title={t("propensity.delete.failed")} /> : null}
            <Text>{t("propensity.delete.body", { name: report.name })}</Text>
            <Checkbox
              checked={deleteFile && report.fileExists}
              disabled={!report.fileExists}
              onChange={(_, data) => setDeleteFile(data.checked === true)}
              label={report.fileExists ? t("propensity.delete.file", { file: report.fileName }) : t("propensity.delete.fileMissing")}
              data-testid="delete-report-file"
            />
            <Text size={200} className={styles.path}>
              {report.path}
            </Text>
          </DialogContent>
          <DialogActions>
            <Button
              appearance="primary"
              className={styles.danger}
              disabled={running}
              icon={running ? <Spinner size="tiny" /> : undefined}
              onClick={() => void run()}
              data-testid="delete-report-confirm"
            >
              {t("propensity.delete.confirm")}
            </Button>
            <Button disabled={running} onClick={onClose} data-testid="delete-report-cancel">
              {t("common.cancel")}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
