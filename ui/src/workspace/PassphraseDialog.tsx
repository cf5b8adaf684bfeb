import { useState, type SyntheticEvent } from "react";
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { commands, type ErrorCode, type IpcError, type WorkspaceSummary } from "../bindings";
import { ErrorMessageBar } from "../feedback/ErrorMessageBar";
import { SecretInput } from "../forms/SecretInput";
import { useI18n } from "../i18n/I18nContext";
import { settle } from "../ipc/settle";

const useStyles = makeStyles({
  content: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
  },
  path: {
    fontFamily: tokens.fontFamilyMonospace,
    wordBreak: "break-all",
  },
});

interface PassphraseDialogProps {
  open: boolean;
  /** Folder of the workspace to unlock. */
  path: string;
  /** Why a passphrase is asked for: the code of the error that led here. */
  reason: ErrorCode;
  onOpened: (workspace: WorkspaceSummary) => void;
  onDismiss: () => void;
}

/** Asks for a workspace's passphrase and opens it with openWorkspace(path, passphrase). */
export function PassphraseDialog({ open, path, reason, onOpened, onDismiss }: PassphraseDialogProps) {
  const { t } = useI18n();
  const styles = useStyles();
  const [passphrase, setPassphrase] = useState("");
  const [fieldError, setFieldError] = useState<string | null>(reason === "wrongKey" ? t("passphrase.wrong") : null);
  const [failure, setFailure] = useState<IpcError | null>(null);
  const [busy, setBusy] = useState(false);

  const intro = reason === "keychainUnavailable" ? t("passphrase.introKeychain", { path: "\u0000" }) : t("passphrase.intro", { path: "\u0000" });
  const [before, after] = intro.split("\u0000");

  async function submit(event: SyntheticEvent) {
    event.preventDefault();
    if (busy) return;
    if (passphrase.length === 0) {
      setFieldError(t("passphrase.required"));
      return;
    }
    setBusy(true);
    setFailure(null);
    const result = await settle(commands.openWorkspace(path, passphrase));
    setBusy(false);
    if (result.status === "ok") {
      onOpened(result.data);
      return;
    }
    if (result.error.code === "wrongKey" || result.error.code === "passphraseRequired") {
      setFieldError(t("passphrase.wrong"));
    } else {
      setFailure(result.error);
    }
  }

  return (
    <Dialog
      open={open}
      modalType="alert"
      onOpenChange={(_, data) => {
        if (!data.open && !busy) onDismiss();
      }}
    >
      <DialogSurface aria-describedby="passphrase-intro" data-testid="passphrase-dialog">
        <form onSubmit={(event) => void submit(event)} noValidate>
          <DialogBody>
            <DialogTitle>{t("passphrase.title")}</DialogTitle>
            <DialogContent className={styles.content}>
              <Text id="passphrase-intro">
                {before}
                <span className={styles.path}>{path}</span>
                {after}
              </Text>
              <Field
                label={t("passphrase.label")}
                required
                validationState={fieldError ? "error" : "none"}
                validationMessage={fieldError ?? undefined}
              >
                <SecretInput
                  autoComplete="off"
                  autoFocus
                  data-testid="passphrase-input"
                  onChange={(_, data) => {
                    setPassphrase(data.value);
                    setFieldError(null);
                  }}
                />
              </Field>
              {failure ? <ErrorMessageBar error={failure} /> : null}
            </DialogContent>
            <DialogActions>
              <Button appearance="secondary" type="button" disabled={busy} onClick={onDismiss}>
                {t("common.cancel")}
              </Button>
              <Button appearance="primary" type="submit" disabled={busy} data-testid="passphrase-unlock">
                {busy ? t("passphrase.unlocking") : t("passphrase.unlock")}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
