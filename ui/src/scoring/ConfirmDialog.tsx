import { useState, type ReactNode } from "react";
import {
  Button,
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
import type { IpcError } from "../bindings";
import { ErrorMessageBar } from "../feedback/ErrorMessageBar";
import { useI18n } from "../i18n/I18nContext";

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
  danger: {
    backgroundColor: tokens.colorPaletteRedBackground3,
    ":hover": {
      backgroundColor: tokens.colorPaletteRedForeground1,
    },
  },
});

interface ConfirmDialogProps {
  title: string;
  body: ReactNode;
  confirm: string;
  /** Title of the error bar when the action fails. */
  failed: string;
  danger?: boolean;
  /** Runs the action; resolves to its error, or null when it succeeded (the dialog then closes). */
  onConfirm: () => Promise<IpcError | null>;
  onClose: () => void;
  testId: string;
}

/** Asks before an action that changes scores; shows the action's refusal in place. */
export function ConfirmDialog({ title, body, confirm, failed, danger = false, onConfirm, onClose, testId }: ConfirmDialogProps) {
  const { t } = useI18n();
  const styles = useStyles();
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  async function run() {
    setRunning(true);
    setError(null);
    const failure = await onConfirm();
    setRunning(false);
    if (failure) setError(failure);
    else onClose();
  }
  return (
    <Dialog
      open
      modalType="alert"
      onOpenChange={(_, data) => {
        if (!data.open && !running) onClose();
      }}
    >
      <DialogSurface className={styles.surface} data-testid={testId}>
        <DialogBody>
          <DialogTitle>{title}</DialogTitle>
          <DialogContent className={styles.content}>
            {error ? <ErrorMessageBar error={error} title={failed} /> : null}
            <Text>{body}</Text>
          </DialogContent>
          <DialogActions>
            <Button
              appearance="primary"
              className={danger ? styles.danger : undefined}
              disabled={running}
              icon={running ? <Spinner size="tiny" /> : undefined}
              onClick={() => void run()}
              data-testid={`${testId}-confirm`}
            >
              {confirm}
            </Button>
            <Button disabled={running} onClick={onClose} data-testid={`${testId}-cancel`}>
              {t("common.cancel")}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
