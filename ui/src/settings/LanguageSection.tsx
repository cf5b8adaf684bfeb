import { useId, useState } from "react";
import { Dropdown, Field, Option, makeStyles } from "@fluentui/react-components";
import type { IpcError, Language } from "../bindings";
import { ErrorMessageBar } from "../feedback/ErrorMessageBar";
import { useI18n } from "../i18n/I18nContext";
import { LANGUAGES, NATIVE_LANGUAGE_NAMES, isLanguage } from "../i18n/languages";
import { Section } from "../pages/Section";

const useStyles = makeStyles({
  field: {
    maxWidth: "360px",
  },
});

const SYSTEM = "system";

/** The display language: follow the system, or one of the four, saved with setLanguage. */
export function LanguageSection() {
  const { t, preference, system, choose } = useI18n();
  const styles = useStyles();
  const [error, setError] = useState<IpcError | null>(null);
  const labelId = useId();

  const systemLabel = t("settings.language.system", { language: NATIVE_LANGUAGE_NAMES[system.language] });
  const selected = preference ?? SYSTEM;
  const shown = preference ? NATIVE_LANGUAGE_NAMES[preference] : systemLabel;

  async function select(value: string | undefined) {
    if (!value) return;
    const next: Language | null = isLanguage(value) ? value : null;
    if (next === preference) return;
    setError(await choose(next));
  }

  return (
    <Section title={t("settings.language.heading")}>
      <Field label={{ children: t("settings.language.label"), id: labelId }} hint={t("settings.language.hint")} className={styles.field}>
        <Dropdown
          aria-labelledby={labelId}
          value={shown}
          selectedOptions={[selected]}
          onOptionSelect={(_, data) => void select(data.optionValue)}
          data-testid="language-select"
        >
          <Option value={SYSTEM} text={systemLabel} data-testid="language-option-system">
            {systemLabel}
          </Option>
          {LANGUAGES.map((language) => (
            <Option key={language} value={language} lang={language} data-testid={`language-option-${language}`}>
              {NATIVE_LANGUAGE_NAMES[language]}
            </Option>
          ))}
        </Dropdown>
      </Field>
      {error ? <ErrorMessageBar error={error} title={t("settings.language.saveFailed")} /> : null}
    </Section>
  );
}
