import { useId, useState, type SyntheticEvent } from "react";
import { Button, Divider, MessageBar, MessageBarBody, Spinner, Text, makeStyles, tokens } from "@fluentui/react-components";
import { Delete20Regular, Save20Regular } from "@fluentui/react-icons";
import { commands, type AttributeChoice, type IpcError, type ScoringModelSummary_Serialize as ScoringModelSummary } from "../bindings";
import { ErrorMessageBar } from "../feedback/ErrorMessageBar";
import { useI18n } from "../i18n/I18nContext";
import { settle } from "../ipc/settle";
import { ConfirmDialog } from "./ConfirmDialog";
import { ModelFormFields } from "./ModelFormFields";
import { checkDraft, draftOf, type DraftField, type DraftProblem, type ModelDraft } from "./modelForm";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalL,
    maxWidth: "760px",
  },
  actions: {
    display: "flex",
    alignItems: "center",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalM,
  },
  note: {
    color: tokens.colorNeutralForeground3,
  },
  danger: {
    display: "flex",
    alignItems: "center",
    justifyContent: "space-between",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalM,
  },
  deleteButton: {
    color: tokens.colorPaletteRedForeground1,
  },
});

interface SettingsTabProps {
  model: ScoringModelSummary;
  attributes: readonly AttributeChoice[];
  /** The attributes the shown version reads: the starting list when the admin takes over. */
  selected: readonly string[];
  onChanged: () => void;
  onDeleted: (model: ScoringModelSummary, openLeads: number) => void;
}

/** The model's name, filter, attributes, automatic retraining and trend tolerance; Delete model. */
export function SettingsTab({ model, attributes, selected, onChanged, onDeleted }: SettingsTabProps) {
  const { t, language } = useI18n();
  const styles = useStyles();
  const formId = useId();
  const [draft, setDraft] = useState<ModelDraft>(() => draftOf(model, selected));
  const [problems, setProblems] = useState<Partial<Record<DraftField, DraftProblem>>>({});
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);

  const edit = (next: ModelDraft) => {
    // Taking over the attributes starts from the ones the model reads now.
    if (next.attributesMode === "chosen" && draft.attributesMode === "auto" && next.attributes.length === 0) next = { ...next, attributes: [...selected] };
    setDraft(next);
    setSaved(false);
  };

  async function save(event: SyntheticEvent) {
    event.preventDefault();
    const checked = checkDraft(draft, true);
    if (!checked.ok) {
      setProblems(checked.problems);
      return;
    }
    setProblems({});
    setSaving(true);
    setError(null);
    const result = await settle(commands.updateScoringModel(language, model.id, checked.form));
    setSaving(false);
    if (result.status === "error") {
      setError(result.error);
      return;
    }
    setDraft(draftOf(result.data, selected));
    setSaved(true);
    onChanged();
  }

  async function remove(): Promise<IpcError | null> {
    const result = await settle(commands.deleteScoringModel(model.id));
    if (result.status === "error") return result.error;
    onDeleted(model, result.data.openLeads);
    return null;
  }

  return (
    <form id={formId} className={styles.root} noValidate onSubmit={(event) => void save(event)} data-testid="settings-tab">
      {error ? <ErrorMessageBar error={error} title={t("scoring.settings.failed")} /> : null}
      <ModelFormFields draft={draft} onChange={edit} problems={problems} attributes={attributes} disabled={saving} isNew={false} />
      {saved ? (
        <MessageBar intent="success" data-testid="settings-saved">
          <MessageBarBody>{t("scoring.settings.saved")}</MessageBarBody>
        </MessageBar>
      ) : null}
      <div className={styles.actions}>
        <Button appearance="primary" type="submit" icon={saving ? <Spinner size="tiny" /> : <Save20Regular />} disabled={saving} data-testid="settings-save">
          {t("scoring.settings.save")}
        </Button>
        <Text size={200} className={styles.note}>
          {t("scoring.settings.note")}
        </Text>
      </div>
      <Divider />
      <div className={styles.danger}>
        <Text size={200} className={styles.note}>
          {t("scoring.settings.deleteHint")}
        </Text>
        <Button appearance="subtle" className={styles.deleteButton} icon={<Delete20Regular />} onClick={() => setConfirmDelete(true)} data-testid="settings-delete">
          {t("scoring.settings.delete")}
        </Button>
      </div>
      {confirmDelete ? (
        <ConfirmDialog
          testId="delete-dialog"
          danger
          title={t("scoring.settings.deleteTitle", { name: model.name })}
          body={`${t("scoring.settings.deleteVersions", { versions: model.versions.length })} ${t("scoring.settings.deleteLeads", { leads: model.scoredLeads })}`}
          confirm={t("scoring.settings.delete")}
          failed={t("scoring.settings.deleteFailed")}
          onConfirm={remove}
          onClose={() => setConfirmDelete(false)}
        />
      ) : null}
    </form>
  );
}
