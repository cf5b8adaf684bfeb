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
  Input,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { commands, type IpcError, type WorkspaceSummary } from "../bindings";
import { ErrorMessageBar } from "../feedback/ErrorMessageBar";
import { SecretInput } from "../forms/SecretInput";
import { useI18n } from "../i18n/I18nContext";
import { errorMessage } from "../ipc/errorMessage";
import { settle } from "../ipc/settle";

const useStyles = makeStyles({
  content: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
  },
});

interface OpenWorkspaceDialogProps {
  open: boolean;
  onOpened: (workspace: WorkspaceSummary) => void;
  onDismiss: () => void;
}

/** Opens a workspace from its folder path, with an optional passphrase. */
export function OpenWorkspaceDialog({ open, onOpened, onDismiss }: OpenWorkspaceDialogProps) {
  const { t } = useI18n();
  const styles = useStyles();
  const [path, setPath] = useState("");
  const [passphrase, setPassphrase] = useState("");
  const [pathError, setPathError] = useState<string | null>(null);
  const [passphraseError, setPassphraseError] = useState<string | null>(null);
  const [failure, setFailure] = useState<IpcError | null>(null);
  const [busy, setBusy] = useState(false);

  function reset() {
    setPath("");
    setPassphrase("");
    setPathError(null);
    setPassphraseError(null);
    setFailure(null);
  }

  async function submit(event: SyntheticEvent) {
    event.preventDefault();
    if (busy) return;
    const folder = path.trim();
    if (!folder) {
      setPathError(t("openWorkspace.folderRequired"));
      return;
    }
    setBusy(true);
    setFailure(null);
    const result = await settle(commands.openWorkspace(folder, passphrase.length > 0 ? passphrase : null));
    setBusy(false);
    if (result.status === "ok") {
      reset();
      onOpened(result.data);
      return;
    }
    const error = result.error;
    switch (error.code) {
      case "passphraseRequired":
      case "wrongKey":
        setPassphraseError(passphrase.length > 0 ? t("passphrase.wrong") : errorMessage(t, error));
        break;
      case "workspaceNotFound":
      case "notAWorkspace":
        setPathError(errorMessage(t, error));
        break;
      default:
        setFailure(error);
    }
  }

  function dismiss() {
    if (busy) return;
    reset();
    onDismiss();
  }

  return (
    <Dialog open={open} onOpenChange={(_, data) => (data.open ? undefined : dismiss())}>
      <DialogSurface data-testid="open-workspace-dialog">
        <form onSubmit={(event) => void submit(event)} noValidate>
          <DialogBody>
            <DialogTitle>{t("openWorkspace.title")}</DialogTitle>
            <DialogContent className={styles.content}>
              <Text>{t("openWorkspace.intro")}</Text>
              <Field
                label={t("openWorkspace.folder")}
                required
                validationState={pathError ? "error" : "none"}
                validationMessage={pathError ?? undefined}
              >
                <Input
                  value={path}
                  placeholder={t("openWorkspace.folderPlaceholder")}
                  spellCheck={false}
                  data-testid="open-workspace-path"
                  onChange={(_, data) => {
                    setPath(data.value);
                    setPathError(null);
                  }}
                />
              </Field>
              <Field
                label={t("openWorkspace.passphrase")}
                validationState={passphraseError ? "error" : "none"}
                validationMessage={passphraseError ?? undefined}
              >
                <SecretInput
                  autoComplete="off"
                  data-testid="open-workspace-passphrase"
                  onChange={(_, data) => {
                    setPassphrase(data.value);
                    setPassphraseError(null);
                  }}
                />
              </Field>
              {failure ? <ErrorMessageBar error={failure} /> : null}
            </DialogContent>
            <DialogActions>
              <Button appearance="secondary" type="button" disabled={busy} onClick={dismiss}>
                {t("common.cancel")}
              </Button>
              <Button appearance="primary" type="submit" disabled={busy} data-testid="open-workspace-submit">
                {busy ? t("openWorkspace.opening") : t("openWorkspace.open")}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
