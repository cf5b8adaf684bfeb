import { useEffect, useState, type SyntheticEvent } from "react";
import { Button, Combobox, Dropdown, Field, Option, Spinner, Text, makeStyles, tokens } from "@fluentui/react-components";
import { Save16Regular } from "@fluentui/react-icons";
import { commands, type CustomerFieldChoices, type IpcError, type LeadDetail_Serialize as LeadDetail } from "../../bindings";
import { ErrorMessageBar } from "../../feedback/ErrorMessageBar";
import { useI18n } from "../../i18n/I18nContext";
import { settle } from "../../ipc/settle";
import { DrawerSection } from "./DrawerSection";

const useStyles = makeStyles({
  intro: {
    color: tokens.colorNeutralForeground3,
  },
  form: {
    display: "grid",
    gridTemplateColumns: "minmax(0, 1fr) minmax(0, 1fr) auto",
    gap: tokens.spacingHorizontalM,
    alignItems: "start",
    "@media (max-width: 560px)": {
      gridTemplateColumns: "minmax(0, 1fr)",
    },
  },
  control: {
    minWidth: 0,
    width: "100%",
  },
  save: {
    // Level with the inputs, below their labels.
    marginTop: "26px",
  },
});

/** The longest industry the engine keeps (crates/engine/src/leads/forms.rs). */
const MAX_INDUSTRY = 100;

/** The industries in use and the company size bands (customerFieldChoices), loaded once per drawer. */
function useCustomerChoices(): CustomerFieldChoices | null {
  const { language } = useI18n();
  const [choices, setChoices] = useState<{ language: string; data: CustomerFieldChoices } | null>(null);
  useEffect(() => {
    let live = true;
    void settle(commands.customerFieldChoices(language)).then((result) => {
      if (live && result.status === "ok") setChoices({ language, data: result.data });
    });
    return () => {
      live = false;
    };
  }, [language]);
  return choices?.language === language ? choices.data : null;
}

interface CustomerSectionProps {
  detail: LeadDetail;
  /** Saves the form; resolves to the refusal, or null once the lead (and its score) are updated. */
  onSave: (industry: string, companySize: string) => Promise<IpcError | null>;
}

/**
 * The customer's industry and company size, which the partner may correct on a lead that is not
 * archived (what the customer typed is often vague): the score reads them, so a save rescores the
 * lead at once.
 */
export function CustomerSection({ detail, onSave }: CustomerSectionProps) {
  const { t } = useI18n();
  const styles = useStyles();
  const choices = useCustomerChoices();
  const stored = { industry: detail.row.industry, companySize: detail.companySize };
  const [industry, setIndustry] = useState(stored.industry);
  const [companySize, setCompanySize] = useState(stored.companySize);
  const [seen, setSeen] = useState(stored);
  if (seen.industry !== stored.industry || seen.companySize !== stored.companySize) {
    // The lead changed (saved here, or reloaded): the form follows.
    setSeen(stored);
    setIndustry(stored.industry);
    setCompanySize(stored.companySize);
  }
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  const [tooLong, setTooLong] = useState(false);

  const changed = industry.trim() !== stored.industry || companySize !== stored.companySize;
  const sizes = choices?.companySizes ?? [];
  const sizeLabel = companySize === "" ? t("leads.customer.sizeNotGiven") : (sizes.find((s) => s.value === companySize)?.label ?? companySize);
  const industries = choices?.industries ?? [];
  const typed = industry.trim().toLowerCase();
  const offered = typed && !industries.some((i) => i.toLowerCase() === typed) ? industries.filter((i) => i.toLowerCase().includes(typed)) : industries;

  async function submit(event: SyntheticEvent) {
    event.preventDefault();
    if (Array.from(industry.trim()).length > MAX_INDUSTRY) {
      setTooLong(true);
      return;
    }
    setTooLong(false);
    setSaving(true);
    setError(null);
    const failure = await onSave(industry.trim(), companySize);
    setSaving(false);
    setError(failure);
  }

  return (
    <DrawerSection title={t("leads.customer.heading")} testId="lead-customer">
      <Text size={200} className={styles.intro}>
        {t("leads.customer.intro")}
      </Text>
      {error ? <ErrorMessageBar error={error} title={t("leads.customer.failed")} /> : null}
      <form className={styles.form} noValidate onSubmit={(event) => void submit(event)} data-testid="lead-customer-form">
        <Field
          label={t("leads.detail.industry")}
          validationMessage={tooLong ? t("leads.form.error.tooLong", { max: MAX_INDUSTRY }) : undefined}
          validationState={tooLong ? "error" : "none"}
        >
          <Combobox
            className={styles.control}
            freeform
            value={industry}
            selectedOptions={industries.includes(industry) ? [industry] : []}
            placeholder={t("leads.customer.industryPlaceholder")}
            disabled={saving}
            onChange={(event) => setIndustry(event.target.value)}
            onOptionSelect={(_, data) => {
              if (data.optionText !== undefined) setIndustry(data.optionText);
            }}
            data-testid="lead-customer-industry"
          >
            {offered.map((i) => (
              <Option key={i} value={i}>
                {i}
              </Option>
            ))}
          </Combobox>
        </Field>
        <Field label={t("leads.detail.companySize")}>
          <Dropdown
            className={styles.control}
            value={sizeLabel}
            selectedOptions={[companySize]}
            disabled={saving}
            onOptionSelect={(_, data) => setCompanySize(data.optionValue ?? "")}
            data-testid="lead-customer-size"
          >
            <Option value="" text={t("leads.customer.sizeNotGiven")} data-testid="lead-customer-size-none">
              {t("leads.customer.sizeNotGiven")}
            </Option>
            {sizes.map((s) => (
              <Option key={s.value} value={s.value} text={s.label} data-testid={`lead-customer-size-${s.value}`}>
                {s.label}
              </Option>
            ))}
          </Dropdown>
        </Field>
        <Button
          className={styles.save}
          type="submit"
          appearance={changed ? "primary" : "secondary"}
          icon={saving ? <Spinner size="tiny" /> : <Save16Regular />}
          disabled={!changed || saving}
          data-testid="lead-customer-save"
        >
          {saving ? t("leads.customer.saving") : t("leads.customer.save")}
        </Button>
      </form>
    </DrawerSection>
  );
}
