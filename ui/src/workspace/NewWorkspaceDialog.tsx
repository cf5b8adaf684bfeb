import { useState, type SyntheticEvent } from "react";
import {
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  Radio,
  RadioGroup,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { commands, type IpcError, type JobProgress, type KeyMode, type WorkspaceSummary } from "../bindings";
import { ErrorMessageBar } from "../feedback/ErrorMessageBar";
import { SecretInput } from "../forms/SecretInput";
import { useI18n } from "../i18n/I18nContext";
import { settle } from "../ipc/settle";
import { JobProgressView } from "../jobs/JobProgressView";
import { withJobProgress } from "../jobs/withJobProgress";
import { validateNewWorkspace, NAME_MAX_LENGTH, PASSPHRASE_MIN_LENGTH, type NewWorkspaceForm } from "./newWorkspaceValidation";

const useStyles = makeStyles({
  content: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
  },
});

interface NewWorkspaceDialogProps {
  open: boolean;
  onCreated: (workspace: WorkspaceSummary) => void;
  onDismiss: () => void;
}

const EMPTY_FORM: NewWorkspaceForm = { name: "", withDemoData: false, keyMode: "keychain", passphrase: "", confirm: "" };

/** Creates a workspace (optionally with demo data and a passphrase) with createWorkspace. */
export function NewWorkspaceDialog({ open, onCreated, onDismiss }: NewWorkspaceDialogProps) {
  const { t } = useI18n();
  const styles = useStyles();
  const [form, setForm] = useState<NewWorkspaceForm>(EMPTY_FORM);
  const [submitted, setSubmitted] = useState(false);
  const [failure, setFailure] = useState<IpcError | null>(null);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<JobProgress | null>(null);
  const [cancelling, setCancelling] = useState(false);

  const problems = submitted ? validateNewWorkspace(form) : {};
  const message = (problem: (typeof problems)[keyof typeof problems]) => {
    switch (problem) {
      case "nameRequired":
        return t("newWorkspace.nameRequired");
      case "nameTooLong":
        return t("newWorkspace.nameTooLong", { max: NAME_MAX_LENGTH });
      case "passphraseRequired":
        return t("newWorkspace.passphraseRequired");
      case "passphraseTooShort":
        return t("newWorkspace.passphraseTooShort", { min: PASSPHRASE_MIN_LENGTH });
      case "passphraseMismatch":
        return t("newWorkspace.passphraseMismatch");
      default:
        return undefined;
    }
  };

  function update(patch: Partial<NewWorkspaceForm>) {
    setForm((current) => ({ ...current, ...patch }));
  }

  function reset() {
    setForm(EMPTY_FORM);
    setSubmitted(false);
    setFailure(null);
    setProgress(null);
    setCancelling(false);
  }

  async function submit(event: SyntheticEvent) {
    event.preventDefault();
    if (busy) return;
    setSubmitted(true);
    if (Object.keys(validateNewWorkspace(form)).length > 0) return;
    setBusy(true);
    setFailure(null);
    setProgress(null);
    const input = {
      name: form.name.trim(),
      withDemoData: form.withDemoData,
      passphrase: form.keyMode === "passphrase" ? form.passphrase : null,
    };
    const result = await withJobProgress(() => settle(commands.createWorkspace(input)), setProgress);
    setBusy(false);
    setCancelling(false);
    if (result.status === "ok") {
      reset();
      onCreated(result.data);
    } else {
      setFailure(result.error);
    }
  }

  async function cancel() {
    if (busy) {
      if (progress && !cancelling) {
        setCancelling(true);
        await settle(commands.cancelJob(progress.jobId));
      }
      return;
    }
    reset();
    onDismiss();
  }

  const nameProblem = message(problems.name);
  const passphraseProblem = message(problems.passphrase);
  const confirmProblem = message(problems.confirm);

  return (
    <Dialog
      open={open}
      onOpenChange={(_, data) => {
        if (!data.open && !busy) void cancel();
      }}
    >
      <DialogSurface data-testid="new-workspace-dialog">
        <form onSubmit={(event) => void submit(event)} noValidate>
          <DialogBody>
            <DialogTitle>{t("newWorkspace.title")}</DialogTitle>
            <DialogContent className={styles.content}>
              <Text>{t("newWorkspace.intro")}</Text>
              <Field
                label={t("newWorkspace.name")}
                required
                validationState={nameProblem ? "error" : "none"}
                validationMessage={nameProblem}
              >
                <Input
                  value={form.name}
                  placeholder={t("newWorkspace.namePlaceholder")}
                  disabled={busy}
                  data-testid="new-workspace-name"
                  onChange={(_, data) => update({ name: data.value })}
                />
              </Field>
              <Checkbox
                checked={form.withDemoData}
                disabled={busy}
                label={t("newWorkspace.withDemo")}
                data-testid="new-workspace-demo"
                onChange={(_, data) => update({ withDemoData: data.checked === true })}
              />
              <Field label={t("newWorkspace.protection")}>
                <RadioGroup
                  value={form.keyMode}
                  disabled={busy}
                  onChange={(_, data) =>
                    // The passphrase fields unmount with the mode: forget what they held.
                    update({ keyMode: data.value as KeyMode, passphrase: "", confirm: "" })
                  }
                >
                  <Radio value="keychain" label={t("newWorkspace.protectionKeychain")} />
                  <Radio value="passphrase" label={t("newWorkspace.protectionPassphrase")} data-testid="new-workspace-passphrase-mode" />
                </RadioGroup>
              </Field>
              {form.keyMode === "passphrase" ? (
                <>
                  <Field
                    label={t("newWorkspace.passphrase")}
                    required
                    hint={passphraseProblem ? undefined : t("newWorkspace.passphraseHint", { min: PASSPHRASE_MIN_LENGTH })}
                    validationState={passphraseProblem ? "error" : "none"}
                    validationMessage={passphraseProblem}
                  >
                    <SecretInput
                      autoComplete="new-password"
                      disabled={busy}
                      data-testid="new-workspace-passphrase"
                      onChange={(_, data) => update({ passphrase: data.value })}
                    />
                  </Field>
                  <Field
                    label={t("newWorkspace.confirm")}
                    required
                    validationState={confirmProblem ? "error" : "none"}
                    validationMessage={confirmProblem}
                  >
                    <SecretInput
                      autoComplete="new-password"
                      disabled={busy}
                      data-testid="new-workspace-confirm"
                      onChange={(_, data) => update({ confirm: data.value })}
                    />
                  </Field>
                </>
              ) : null}
              {busy && form.withDemoData ? <JobProgressView progress={progress} /> : null}
              {failure ? <ErrorMessageBar error={failure} /> : null}
            </DialogContent>
            <DialogActions>
              <Button
                appearance="secondary"
                type="button"
                disabled={cancelling || (busy && !progress)}
                onClick={() => void cancel()}
              >
                {cancelling ? t("startup.cancelling") : t("common.cancel")}
              </Button>
              <Button appearance="primary" type="submit" disabled={busy} data-testid="new-workspace-create">
                {busy ? t("newWorkspace.creating") : t("newWorkspace.create")}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
