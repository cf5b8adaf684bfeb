import { Field, Input, Radio, RadioGroup, SpinButton, Text, makeStyles, tokens } from "@fluentui/react-components";
import { DocumentTable20Regular } from "@fluentui/react-icons";
import { useI18n } from "../i18n/I18nContext";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalL,
    maxWidth: "640px",
  },
  months: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
    flexWrap: "wrap",
    paddingLeft: tokens.spacingHorizontalXXL,
  },
  spin: {
    width: "110px",
  },
  muted: {
    color: tokens.colorNeutralForeground3,
  },
  file: {
    display: "inline-flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground3,
    alignSelf: "flex-start",
    width: "fit-content",
  },
});

export const MIN_MONTHS = 1;
export const MAX_MONTHS = 120;

/** The months typed, or null when it is not a whole number from 1 to 120. */
export function checkMonths(text: string): number | null {
  const value = Number(text.trim());
  return Number.isInteger(value) && value >= MIN_MONTHS && value <= MAX_MONTHS ? value : null;
}

interface RangeStepProps {
  lifetime: boolean;
  monthsText: string;
  onLifetime: (lifetime: boolean) => void;
  onMonths: (text: string) => void;
}

/** Step 3: Lifetime, or the last N months of transactions (1–120). */
export function RangeStep({ lifetime, monthsText, onLifetime, onMonths }: RangeStepProps) {
  const { t } = useI18n();
  const styles = useStyles();
  const invalid = !lifetime && checkMonths(monthsText) === null;
  return (
    <div className={styles.root}>
      <Field label={t("propensity.range.label")} hint={t("propensity.range.hint")}>
        <RadioGroup value={lifetime ? "lifetime" : "months"} onChange={(_, data) => onLifetime(data.value === "lifetime")} data-testid="range-choice">
          <Radio value="lifetime" label={t("propensity.range.lifetime")} data-testid="range-lifetime" />
          <Radio value="months" label={t("propensity.range.lastMonths")} data-testid="range-months" />
        </RadioGroup>
      </Field>
      <div className={styles.months}>
        <Field
          label={t("propensity.range.months")}
          validationState={invalid ? "error" : "none"}
          validationMessage={invalid ? t("propensity.range.monthsInvalid", { min: MIN_MONTHS, max: MAX_MONTHS }) : undefined}
        >
          <SpinButton
            className={styles.spin}
            min={MIN_MONTHS}
            max={MAX_MONTHS}
            disabled={lifetime}
            value={checkMonths(monthsText)}
            displayValue={monthsText}
            onChange={(_, data) => {
              if (data.value !== undefined && data.value !== null) onMonths(String(data.value));
              else if (data.displayValue !== undefined) onMonths(data.displayValue);
            }}
            data-testid="range-months-value"
          />
        </Field>
      </div>
    </div>
  );
}

interface NameStepProps {
  name: string;
  onName: (name: string) => void;
  /** Shown when the name is empty. */
  nameInvalid: boolean;
}

/** Step 4: the report's name and its file type (CSV, the only one). */
export function NameStep({ name, onName, nameInvalid }: NameStepProps) {
  const { t } = useI18n();
  const styles = useStyles();
  return (
    <div className={styles.root}>
      <Field
        label={t("propensity.name.label")}
        required
        validationState={nameInvalid ? "error" : "none"}
        validationMessage={nameInvalid ? t("propensity.name.required") : undefined}
      >
        <Input value={name} maxLength={120} onChange={(_, data) => onName(data.value)} data-testid="report-name" />
      </Field>
      <Field label={t("propensity.file.label")} hint={t("propensity.file.hint")}>
        <span className={styles.file} data-testid="report-file-type">
          <DocumentTable20Regular aria-hidden="true" />
          <Text weight="semibold">CSV</Text>
          <Text size={200} className={styles.muted}>
            {t("propensity.file.csv")}
          </Text>
        </span>
      </Field>
    </div>
  );
}
