import { useId, useRef, useState, type SyntheticEvent } from "react";
import {
  Button,
  Combobox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  Option,
  Spinner,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { Add16Regular, Delete16Regular } from "@fluentui/react-icons";
import type { AcceptForm_Deserialize, IpcError, LeadDetail_Serialize } from "../../bindings";
import { ErrorMessageBar } from "../../feedback/ErrorMessageBar";
import { useFormat } from "../../format/useFormat";
import { useI18n } from "../../i18n/I18nContext";
import { utcDay } from "../query";
import {
  COMMON_CURRENCIES,
  MAX_NOTES,
  acceptDraft,
  checkAccept,
  editDraft,
  parseAmount,
  type AcceptDraft,
  type AcceptField,
  type AcceptProblems,
  type ContactDraft,
} from "./acceptForm";

const useStyles = makeStyles({
  surface: {
    width: "min(680px, calc(100vw - 32px))",
    maxWidth: "none",
  },
  form: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
  },
  grid: {
    display: "grid",
    gridTemplateColumns: "minmax(0, 2fr) minmax(0, 1fr)",
    gap: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    alignItems: "start",
  },
  pair: {
    display: "grid",
    gridTemplateColumns: "repeat(2, minmax(0, 1fr))",
    gap: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    alignItems: "start",
  },
  list: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
  },
  listRow: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalXS,
  },
  grow: {
    flexGrow: 1,
    minWidth: 0,
  },
  contactRow: {
    display: "grid",
    gridTemplateColumns: "repeat(4, minmax(0, 1fr)) auto",
    gap: tokens.spacingHorizontalXS,
    alignItems: "center",
  },
  add: {
    alignSelf: "flex-start",
  },
  combobox: {
    minWidth: 0,
    width: "100%",
  },
  comboboxInput: {
    // The input's own default width (its size attribute) would push the chevron out of a narrow box.
    minWidth: 0,
    width: "100%",
  },
  hint: {
    color: tokens.colorNeutralForeground3,
  },
  legend: {
    padding: 0,
    marginBottom: tokens.spacingVerticalXS,
    fontWeight: tokens.fontWeightSemibold,
  },
  fieldset: {
    border: "none",
    margin: 0,
    padding: 0,
    minWidth: 0,
  },
});

interface AcceptDialogProps {
  /** "accept" a received lead, or "edit" an accepted one. */
  mode: "accept" | "edit";
  detail: LeadDetail_Serialize;
  /** Sends the form; resolves to the error that stopped it, if any. */
  onSubmit: (form: AcceptForm_Deserialize) => Promise<IpcError | null>;
  onClose: () => void;
}

/** The order the fields are checked and focused in. */
const FIELD_ORDER: readonly AcceptField[] = [
  "dealName",
  "estimatedValue",
  "currency",
  "estimatedClose",
  "teamMembers",
  "notes",
  "marketingCampaignId",
  "crmId",
  "moreContacts",
];

/**
 * Accept a received lead (or edit an accepted one) with Partner Center's deal details: deal name,
 * estimated value and currency, team members, estimated purchase date, notes, and optionally the
 * marketing campaign ID, CRM ID and more contacts. Checked here as the engine checks it.
 */
export function AcceptDialog({ mode, detail, onSubmit, onClose }: AcceptDialogProps) {
  const { t, locale } = useI18n();
  const format = useFormat();
  const styles = useStyles();
  const formId = useId();
  const [draft, setDraft] = useState<AcceptDraft>(() => (mode === "accept" ? acceptDraft(detail) : editDraft(detail, locale)));
  const [problems, setProblems] = useState<AcceptProblems>({});
  const [checked, setChecked] = useState(false);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  const fieldRefs = useRef<Partial<Record<AcceptField, HTMLElement | null>>>({});

  const update = (next: AcceptDraft) => {
    setDraft(next);
    // Once Save was tried, the messages follow what is typed.
    if (checked) setProblems(checkAccept(next, detail.row.createdAt, locale).problems);
  };
  const message = (field: AcceptField) => {
    const problem = problems[field];
    return problem ? t(problem.key, problem.params) : undefined;
  };
  const state = (field: AcceptField) => (problems[field] ? "error" : "none");

  async function submit(event: SyntheticEvent) {
    event.preventDefault();
    setChecked(true);
    const checkedForm = checkAccept(draft, detail.row.createdAt, locale);
    setProblems(checkedForm.problems);
    if (!checkedForm.form) {
      const first = FIELD_ORDER.find((field) => checkedForm.problems[field]);
      if (first) fieldRefs.current[first]?.focus();
      return;
    }
    setSending(true);
    setError(null);
    const failure = await onSubmit(checkedForm.form);
    setSending(false);
    setError(failure);
  }

  const amount = parseAmount(draft.value, locale);
  const currency = draft.currency.trim().toUpperCase();
  const amountHint =
    amount !== null && /^[A-Z]{3}$/.test(currency) ? t("leads.form.valuePreview", { amount: format.money(amount, currency) }) : undefined;
  const setContact = (index: number, patch: Partial<ContactDraft>) =>
    update({ ...draft, contacts: draft.contacts.map((c, i) => (i === index ? { ...c, ...patch } : c)) });

  return (
    <Dialog
      open
      modalType="modal"
      onOpenChange={(_, data) => {
        if (!data.open && !sending) onClose();
      }}
    >
      <DialogSurface className={styles.surface} data-testid="accept-dialog">
        <DialogBody>
          <DialogTitle>{mode === "accept" ? t("leads.accept.title", { customer: detail.row.customerName }) : t("leads.edit.title", { customer: detail.row.customerName })}</DialogTitle>
          <DialogContent>
            <form id={formId} className={styles.form} onSubmit={(event) => void submit(event)} noValidate>
              {error ? <ErrorMessageBar error={error} title={t("leads.act.failed")} /> : null}
              <Text size={200} className={styles.hint}>
                {t("leads.form.required")}
              </Text>
              <Field label={t("leads.form.dealName")} required validationState={state("dealName")} validationMessage={message("dealName")}>
                <Input
                  ref={(node) => {
                    fieldRefs.current.dealName = node;
                  }}
                  value={draft.dealName}
                  onChange={(_, data) => update({ ...draft, dealName: data.value })}
                  data-testid="accept-dealName"
                />
              </Field>
              <div className={styles.grid}>
                <Field
                  label={t("leads.form.estimatedValue")}
                  required
                  validationState={state("estimatedValue")}
                  validationMessage={message("estimatedValue")}
                  hint={problems.estimatedValue ? undefined : amountHint}
                >
                  <Input
                    ref={(node) => {
                      fieldRefs.current.estimatedValue = node;
                    }}
                    inputMode="decimal"
                    value={draft.value}
                    onChange={(_, data) => update({ ...draft, value: data.value })}
                    data-testid="accept-value"
                  />
                </Field>
                <Field label={t("leads.form.currency")} required validationState={state("currency")} validationMessage={message("currency")}>
                  <Combobox
                    ref={(node) => {
                      fieldRefs.current.currency = node;
                    }}
                    className={styles.combobox}
                    input={{ className: styles.comboboxInput }}
                    freeform
                    value={draft.currency}
                    selectedOptions={COMMON_CURRENCIES.includes(draft.currency as (typeof COMMON_CURRENCIES)[number]) ? [draft.currency] : []}
                    onChange={(event) => update({ ...draft, currency: event.target.value.toUpperCase() })}
                    onOptionSelect={(_, data) => {
                      if (data.optionValue) update({ ...draft, currency: data.optionValue });
                    }}
                    autoComplete="off"
                    data-testid="accept-currency"
                  >
                    {COMMON_CURRENCIES.map((code) => (
                      <Option key={code} value={code}>
                        {code}
                      </Option>
                    ))}
                  </Combobox>
                </Field>
              </div>
              <Field
                label={t("leads.form.estimatedClose")}
                required
                validationState={state("estimatedClose")}
                validationMessage={message("estimatedClose")}
                hint={problems.estimatedClose ? undefined : t("leads.form.closeHint", { date: format.date(utcDay(detail.row.createdAt)) })}
              >
                <Input
                  ref={(node) => {
                    fieldRefs.current.estimatedClose = node;
                  }}
                  value={draft.close}
                  placeholder={t("common.datePlaceholder")}
                  autoComplete="off"
                  spellCheck={false}
                  onChange={(_, data) => update({ ...draft, close: data.value })}
                  data-testid="accept-close"
                />
              </Field>
              <fieldset className={styles.fieldset} data-testid="accept-team">
                <Field
                  label={t("leads.form.teamMembers")}
                  required
                  validationState={state("teamMembers")}
                  validationMessage={message("teamMembers")}
                >
                  <div className={styles.list}>
                    {draft.team.map((member, index) => (
                      <div key={index} className={styles.listRow}>
                        <Input
                          ref={(node) => {
                            if (index === 0) fieldRefs.current.teamMembers = node;
                          }}
                          className={styles.grow}
                          value={member}
                          aria-label={t("leads.form.teamMember", { n: index + 1 })}
                          onChange={(_, data) => update({ ...draft, team: draft.team.map((m, i) => (i === index ? data.value : m)) })}
                          data-testid="accept-team-member"
                        />
                        <Button
                          appearance="subtle"
                          icon={<Delete16Regular />}
                          aria-label={t("leads.form.removeTeamMember", { n: index + 1 })}
                          disabled={draft.team.length === 1}
                          onClick={() => update({ ...draft, team: draft.team.filter((_, i) => i !== index) })}
                          data-testid="accept-team-remove"
                        />
                      </div>
                    ))}
                  </div>
                </Field>
                <Button
                  appearance="transparent"
                  size="small"
                  icon={<Add16Regular />}
                  className={styles.add}
                  onClick={() => update({ ...draft, team: [...draft.team, ""] })}
                  data-testid="accept-team-add"
                >
                  {t("leads.form.addTeamMember")}
                </Button>
              </fieldset>
              <Field label={t("leads.form.notes")} validationState={state("notes")} validationMessage={message("notes")}>
                <Textarea
                  ref={(node) => {
                    fieldRefs.current.notes = node;
                  }}
                  value={draft.notes}
                  maxLength={MAX_NOTES + 100}
                  resize="vertical"
                  onChange={(_, data) => update({ ...draft, notes: data.value })}
                  data-testid="accept-notes"
                />
              </Field>
              <div className={styles.pair}>
                <Field label={t("leads.form.campaignId")} validationState={state("marketingCampaignId")} validationMessage={message("marketingCampaignId")}>
                  <Input
                    ref={(node) => {
                      fieldRefs.current.marketingCampaignId = node;
                    }}
                    value={draft.campaign}
                    onChange={(_, data) => update({ ...draft, campaign: data.value })}
                    data-testid="accept-campaign"
                  />
                </Field>
                <Field label={t("leads.form.crmId")} validationState={state("crmId")} validationMessage={message("crmId")}>
                  <Input
                    ref={(node) => {
                      fieldRefs.current.crmId = node;
                    }}
                    value={draft.crm}
                    onChange={(_, data) => update({ ...draft, crm: data.value })}
                    data-testid="accept-crm"
                  />
                </Field>
              </div>
              <fieldset className={styles.fieldset} data-testid="accept-contacts">
                <Field label={t("leads.form.moreContacts")} validationState={state("moreContacts")} validationMessage={message("moreContacts")}>
                  <div className={styles.list}>
                    {draft.contacts.map((contact, index) => (
                      <div key={index} className={styles.contactRow} data-testid="accept-contact">
                        <Input
                          ref={(node) => {
                            if (index === 0) fieldRefs.current.moreContacts = node;
                          }}
                          value={contact.firstName}
                          placeholder={t("leads.form.firstName")}
                          aria-label={t("leads.form.contactField", { field: t("leads.form.firstName"), n: index + 1 })}
                          onChange={(_, data) => setContact(index, { firstName: data.value })}
                        />
                        <Input
                          value={contact.lastName}
                          placeholder={t("leads.form.lastName")}
                          aria-label={t("leads.form.contactField", { field: t("leads.form.lastName"), n: index + 1 })}
                          onChange={(_, data) => setContact(index, { lastName: data.value })}
                        />
                        <Input
                          value={contact.email}
                          type="email"
                          placeholder={t("leads.form.email")}
                          aria-label={t("leads.form.contactField", { field: t("leads.form.email"), n: index + 1 })}
                          onChange={(_, data) => setContact(index, { email: data.value })}
                        />
                        <Input
                          value={contact.phone}
                          type="tel"
                          placeholder={t("leads.form.phone")}
                          aria-label={t("leads.form.contactField", { field: t("leads.form.phone"), n: index + 1 })}
                          onChange={(_, data) => setContact(index, { phone: data.value })}
                        />
                        <Button
                          appearance="subtle"
                          icon={<Delete16Regular />}
                          aria-label={t("leads.form.removeContact", { n: index + 1 })}
                          onClick={() => update({ ...draft, contacts: draft.contacts.filter((_, i) => i !== index) })}
                        />
                      </div>
                    ))}
                  </div>
                </Field>
                <Button
                  appearance="transparent"
                  size="small"
                  icon={<Add16Regular />}
                  className={styles.add}
                  onClick={() => update({ ...draft, contacts: [...draft.contacts, { firstName: "", lastName: "", email: "", phone: "" }] })}
                  data-testid="accept-contact-add"
                >
                  {t("leads.form.addContact")}
                </Button>
              </fieldset>
            </form>
          </DialogContent>
          <DialogActions>
            <Button appearance="secondary" disabled={sending} onClick={onClose} data-testid="accept-cancel">
              {t("common.cancel")}
            </Button>
            <Button
              appearance="primary"
              type="submit"
              form={formId}
              disabled={sending}
              icon={sending ? <Spinner size="tiny" /> : undefined}
              data-testid="accept-submit"
            >
              {mode === "accept" ? t("leads.action.accept") : t("leads.form.save")}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
