import { useId, useState, type SyntheticEvent } from "react";
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
import { commands, type AttributeChoice, type IpcError, type ScoringModelSummary_Serialize as ScoringModelSummary } from "../bindings";
import { ErrorMessageBar } from "../feedback/ErrorMessageBar";
import { useI18n } from "../i18n/I18nContext";
import { settle } from "../ipc/settle";
import { ModelFormFields } from "./ModelFormFields";
import { checkDraft, newDraft, type DraftField, type DraftProblem } from "./modelForm";

const useStyles = makeStyles({
  surface: {
    width: "min(680px, calc(100vw - 32px))",
    maxWidth: "none",
  },
  content: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
  },
  intro: {
    color: tokens.colorNeutralForeground2,
  },
});

interface AddModelDialogProps {
  attributes: readonly AttributeChoice[];
  onCreated: (model: ScoringModelSummary) => void;
  onClose: () => void;
}

/** A new model (not trained yet), added at the end of the scoring order. */
export function AddModelDialog({ attributes, onCreated, onClose }: AddModelDialogProps) {
  const { t, language } = useI18n();
  const styles = useStyles();
  const formId = useId();
  const [draft, setDraft] = useState(newDraft);
  const [problems, setProblems] = useState<Partial<Record<DraftField, DraftProblem>>>({});
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);

  async function submit(event: SyntheticEvent) {
    event.preventDefault();
    const checked = checkDraft(draft, false);
    if (!checked.ok) {
      setProblems(checked.problems);
      return;
    }
    setProblems({});
    setSaving(true);
    setError(null);
    const result = await settle(commands.createScoringModel(language, checked.form));
    setSaving(false);
    if (result.status === "error") setError(result.error);
    else onCreated(result.data);
  }

  return (
    <Dialog
      open
      modalType="modal"
      onOpenChange={(_, data) => {
        if (!data.open && !saving) onClose();
      }}
    >
      <DialogSurface className={styles.surface} data-testid="add-model-dialog">
        <DialogBody>
          <DialogTitle>{t("scoring.add.title")}</DialogTitle>
          <DialogContent>
            <form id={formId} className={styles.content} noValidate onSubmit={(event) => void submit(event)}>
              {error ? <ErrorMessageBar error={error} title={t("scoring.add.failed")} /> : null}
              <Text className={styles.intro}>{t("scoring.add.intro")}</Text>
              <ModelFormFields draft={draft} onChange={setDraft} problems={problems} attributes={attributes} disabled={saving} isNew />
            </form>
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" type="submit" form={formId} disabled={saving} icon={saving ? <Spinner size="tiny" /> : undefined} data-testid="add-model-submit">
              {t("scoring.add.submit")}
            </Button>
            <Button disabled={saving} onClick={onClose} data-testid="add-model-cancel">
              {t("common.cancel")}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
