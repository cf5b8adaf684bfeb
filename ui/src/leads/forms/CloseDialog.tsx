import { useId, useState, type SyntheticEvent } from "react";
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Dropdown,
  Field,
  Input,
  Option,
  Spinner,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { CloseReason, IpcError, LeadAction_Deserialize, LeadDetail_Serialize } from "../../bindings";
import { ErrorMessageBar } from "../../feedback/ErrorMessageBar";
import { useFormat } from "../../format/useFormat";
import { useI18n } from "../../i18n/I18nContext";
import { CLOSE_REASONS, CLOSE_REASON_LABELS } from "../labels";
import { MAX_NOTES, charCount, checkFinalValue, type FieldProblem } from "./acceptForm";

const useStyles = makeStyles({
  surface: {
    width: "min(520px, calc(100vw - 32px))",
    maxWidth: "none",
  },
  form: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
  },
  intro: {
    color: tokens.colorNeutralForeground2,
  },
  dropdown: {
    minWidth: 0,
    width: "100%",
  },
});

/** Decline a received lead, mark an accepted one won or lost. */
export type CloseKind = "decline" | "win" | "lose";

interface CloseDialogProps {
  kind: CloseKind;
  detail: LeadDetail_Serialize;
  onSubmit: (action: LeadAction_Deserialize) => Promise<IpcError | null>;
  onClose: () => void;
}

/**
 * The decline and lost forms (one of Partner Center's eight reasons and notes) and the won form
 * (the final value when it differs from the estimate, and notes).
 */
export function CloseDialog({ kind, detail, onSubmit, onClose }: CloseDialogProps) {
  const { t, locale } = useI18n();
  const format = useFormat();
  const styles = useStyles();
  const formId = useId();
  const [reason, setReason] = useState<CloseReason | null>(null);
  const [notes, setNotes] = useState("");
  const [finalValue, setFinalValue] = useState("");
  const [problems, setProblems] = useState<{ reason?: FieldProblem; notes?: FieldProblem; finalValue?: FieldProblem }>({});
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  const row = detail.row;
  const currency = row.currency ?? null;

  async function submit(event: SyntheticEvent) {
    event.preventDefault();
    const next: typeof problems = {};
    if (kind !== "win" && reason === null) next.reason = { key: "leads.form.error.reason" };
    if (charCount(notes) > MAX_NOTES) next.notes = { key: "leads.form.error.tooLong", params: { max: MAX_NOTES } };
    const value = kind === "win" ? checkFinalValue(finalValue, locale) : { problem: null, value: null };
    if (value.problem) next.finalValue = value.problem;
    setProblems(next);
    if (Object.keys(next).length > 0) return;
    let action: LeadAction_Deserialize;
    if (kind === "win") action = { kind: "win", form: { finalValue: value.value, notes: notes.trim() } };
    else if (reason === null) return;
    else if (kind === "decline") action = { kind: "decline", form: { reason, notes: notes.trim() } };
    else action = { kind: "lose", form: { reason, notes: notes.trim() } };
    setSending(true);
    setError(null);
    const failure = await onSubmit(action);
    setSending(false);
    setError(failure);
  }

  const title =
    kind === "decline"
      ? t("leads.decline.title", { customer: row.customerName })
      : kind === "win"
        ? t("leads.win.title", { customer: row.customerName })
        : t("leads.lose.title", { customer: row.customerName });
  const intro = kind === "decline" ? t("leads.decline.intro") : kind === "win" ? t("leads.win.intro") : t("leads.lose.intro");
  const estimate = row.dealValue !== null && currency ? format.money(row.dealValue, currency) : null;

  return (
    <Dialog
      open
      modalType="modal"
      onOpenChange={(_, data) => {
        if (!data.open && !sending) onClose();
      }}
    >
      <DialogSurface className={styles.surface} data-testid={`${kind}-dialog`}>
        <DialogBody>
          <DialogTitle>{title}</DialogTitle>
          <DialogContent>
            <form id={formId} className={styles.form} onSubmit={(event) => void submit(event)} noValidate>
              {error ? <ErrorMessageBar error={error} title={t("leads.act.failed")} /> : null}
              <Text className={styles.intro}>{intro}</Text>
              {kind === "win" ? (
                <Field
                  label={currency ? t("leads.form.finalValueIn", { currency }) : t("leads.form.finalValue")}
                  validationState={problems.finalValue ? "error" : "none"}
                  validationMessage={problems.finalValue ? t(problems.finalValue.key) : undefined}
                  hint={estimate ? t("leads.form.finalValueHint", { estimate }) : undefined}
                >
                  <Input inputMode="decimal" value={finalValue} onChange={(_, data) => setFinalValue(data.value)} data-testid="close-final-value" />
                </Field>
              ) : (
                <Field
                  label={t("leads.form.reason")}
                  required
                  validationState={problems.reason ? "error" : "none"}
                  validationMessage={problems.reason ? t(problems.reason.key) : undefined}
                >
                  <Dropdown
                    className={styles.dropdown}
                    placeholder={t("leads.form.reasonPlaceholder")}
                    value={reason ? t(CLOSE_REASON_LABELS[reason]) : ""}
                    selectedOptions={reason ? [reason] : []}
                    onOptionSelect={(_, data) => {
                      setReason((data.optionValue as CloseReason | undefined) ?? null);
                      setProblems((current) => ({ ...current, reason: undefined }));
                    }}
                    data-testid="close-reason"
                  >
                    {CLOSE_REASONS.map((code, index) => (
                      <Option key={code} value={code} data-testid={`close-reason-${index + 1}`}>
                        {t(CLOSE_REASON_LABELS[code])}
                      </Option>
                    ))}
                  </Dropdown>
                </Field>
              )}
              <Field
                label={t("leads.form.notes")}
                validationState={problems.notes ? "error" : "none"}
                validationMessage={problems.notes ? t(problems.notes.key, problems.notes.params) : undefined}
              >
                <Textarea value={notes} resize="vertical" onChange={(_, data) => setNotes(data.value)} data-testid="close-notes" />
              </Field>
            </form>
          </DialogContent>
          <DialogActions>
            <Button appearance="secondary" disabled={sending} onClick={onClose} data-testid="close-cancel">
              {t("common.cancel")}
            </Button>
            <Button
              appearance="primary"
              type="submit"
              form={formId}
              disabled={sending}
              icon={sending ? <Spinner size="tiny" /> : undefined}
              data-testid="close-submit"
            >
              {kind === "decline" ? t("leads.action.decline") : kind === "win" ? t("leads.action.win") : t("leads.action.lose")}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
