import { useEffect, useId, useState, type SyntheticEvent } from "react";
import {
  Button,
  DrawerBody,
  DrawerFooter,
  DrawerHeader,
  DrawerHeaderTitle,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  OverlayDrawer,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { ArrowReset20Regular, Dismiss24Regular, Save20Regular } from "@fluentui/react-icons";
import { commands, type IpcError, type ModelSummary, type OpportunitySettings, type RefreshSummary } from "../../bindings";
import { ErrorMessageBar } from "../../feedback/ErrorMessageBar";
import { useFormat } from "../../format/useFormat";
import type { MessageKey } from "../../i18n/en";
import { useI18n } from "../../i18n/I18nContext";
import { settle } from "../../ipc/settle";
import { ModelTable } from "./ModelTable";
import {
  DEFAULT_THRESHOLDS,
  FIELD_SPECS,
  checkValues,
  toValues,
  type ThresholdField,
  type ThresholdValues,
} from "./thresholds";

const useStyles = makeStyles({
  drawer: {
    width: "min(960px, 100vw)",
  },
  body: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXL,
    paddingBottom: tokens.spacingVerticalXL,
  },
  section: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
  },
  heading: {
    margin: 0,
  },
  intro: {
    color: tokens.colorNeutralForeground2,
  },
  group: {
    border: "none",
    margin: 0,
    padding: 0,
    minWidth: 0,
  },
  legend: {
    padding: 0,
    marginBottom: tokens.spacingVerticalS,
    fontWeight: tokens.fontWeightSemibold,
  },
  grid: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fill, minmax(260px, 1fr))",
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalM,
    alignItems: "start",
  },
  form: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalL,
    marginTop: tokens.spacingVerticalS,
  },
  footer: {
    display: "flex",
    gap: tokens.spacingHorizontalS,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    paddingTop: tokens.spacingVerticalM,
  },
  loading: {
    alignSelf: "flex-start",
  },
});

/** The form's groups, in order. */
const GROUPS: ReadonlyArray<{ legend: MessageKey; fields: readonly ThresholdField[] }> = [
  { legend: "opp.models.group.probability", fields: ["high", "medium", "minProbability", "horizonMonths", "trendTolerancePoints"] },
  { legend: "opp.models.group.smb", fields: ["smbThreshold", "smbMinWorkloads", "smbMinAssigned", "smbMaxEmployees"] },
  { legend: "opp.models.group.trials", fields: ["trialWindowDays"] },
];

const LABELS: Readonly<Record<ThresholdField, { label: MessageKey; hint: MessageKey }>> = {
  high: { label: "opp.models.field.high", hint: "opp.models.hint.high" },
  medium: { label: "opp.models.field.medium", hint: "opp.models.hint.medium" },
  minProbability: { label: "opp.models.field.minProbability", hint: "opp.models.hint.minProbability" },
  horizonMonths: { label: "opp.models.field.horizonMonths", hint: "opp.models.hint.horizonMonths" },
  trendTolerancePoints: { label: "opp.models.field.trendTolerancePoints", hint: "opp.models.hint.trendTolerancePoints" },
  smbThreshold: { label: "opp.models.field.smbThreshold", hint: "opp.models.hint.smbThreshold" },
  smbMinWorkloads: { label: "opp.models.field.smbMinWorkloads", hint: "opp.models.hint.smbMinWorkloads" },
  smbMinAssigned: { label: "opp.models.field.smbMinAssigned", hint: "opp.models.hint.smbMinAssigned" },
  smbMaxEmployees: { label: "opp.models.field.smbMaxEmployees", hint: "opp.models.hint.smbMaxEmployees" },
  trialWindowDays: { label: "opp.models.field.trialWindowDays", hint: "opp.models.hint.trialWindowDays" },
};

interface ModelsPanelProps {
  open: boolean;
  onClose: () => void;
  /** After a save: the page reloads (the backend also sends data-changed). */
  onSaved: (summary: RefreshSummary) => void;
}

/**
 * "Models and thresholds": how each model did at the last refresh, and the thresholds and windows
 * of the opportunity models (SPEC §3), saved with a refresh.
 */
export function ModelsPanel({ open, onClose, onSaved }: ModelsPanelProps) {
  const { t } = useI18n();
  const styles = useStyles();
  return (
    <OverlayDrawer
      position="end"
      size="large"
      className={styles.drawer}
      open={open}
      onOpenChange={(_, data) => {
        if (!data.open) onClose();
      }}
      aria-label={t("opp.models.title")}
      data-testid="models-panel"
    >
      <DrawerHeader>
        <DrawerHeaderTitle
          action={<Button appearance="subtle" aria-label={t("common.close")} icon={<Dismiss24Regular />} onClick={onClose} data-testid="models-close" />}
        >
          {t("opp.models.title")}
        </DrawerHeaderTitle>
      </DrawerHeader>
      {/* Mounted while open: each opening starts from what is stored. */}
      {open ? <PanelContent onSaved={onSaved} /> : null}
    </OverlayDrawer>
  );
}

type Loaded<T> = { status: "loading" } | { status: "ok"; data: T } | { status: "error"; error: IpcError };

function PanelContent({ onSaved }: { onSaved: (summary: RefreshSummary) => void }) {
  const { t, language } = useI18n();
  const format = useFormat();
  const styles = useStyles();
  const formId = useId();
  const [models, setModels] = useState<Loaded<ModelSummary[]>>({ status: "loading" });
  const [settings, setSettings] = useState<Loaded<OpportunitySettings>>({ status: "loading" });
  // What the user typed; null while the form shows the settings as loaded.
  const [edited, setEdited] = useState<ThresholdValues | null>(null);
  const [touched, setTouched] = useState<ReadonlySet<ThresholdField>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<RefreshSummary | null>(null);
  const [saveError, setSaveError] = useState<IpcError | null>(null);

  useEffect(() => {
    let live = true;
    void settle(commands.opportunityModels(language)).then((result) => {
      if (!live) return;
      setModels(result.status === "ok" ? { status: "ok", data: result.data } : { status: "error", error: result.error });
    });
    return () => {
      live = false;
    };
  }, [language]);

  useEffect(() => {
    let live = true;
    void settle(commands.opportunitySettings()).then((result) => {
      if (!live) return;
      setSettings(result.status === "ok" ? { status: "ok", data: result.data } : { status: "error", error: result.error });
    });
    return () => {
      live = false;
    };
  }, []);

  const values = edited ?? (settings.status === "ok" ? toValues(settings.data, format.locale) : null);
  const seed = settings.status === "ok" ? settings.data.seed : undefined;
  const checked = values ? checkValues(values, seed) : null;
  const errors = checked && !checked.ok ? checked.errors : {};

  const edit = (field: ThresholdField, text: string) => {
    if (!values) return;
    setEdited({ ...values, [field]: text });
    setSaved(null);
  };

  const resetToDefaults = () => {
    setEdited(toValues(DEFAULT_THRESHOLDS, format.locale));
    setTouched(new Set());
    setSubmitted(false);
    setSaved(null);
    setSaveError(null);
  };

  async function save(event: SyntheticEvent) {
    event.preventDefault();
    setSubmitted(true);
    setSaved(null);
    setSaveError(null);
    if (!checked?.ok) return;
    setSaving(true);
    const result = await settle(commands.setOpportunitySettings(language, checked.settings));
    setSaving(false);
    if (result.status === "error") {
      setSaveError(result.error);
      return;
    }
    setSaved(result.data);
    setModels({ status: "ok", data: result.data.models });
    setSubmitted(false);
    setTouched(new Set());
    onSaved(result.data);
  }

  const invalidCount = Object.keys(errors).length;

  return (
    <>
      <DrawerBody className={styles.body}>
        <section className={styles.section} aria-labelledby={`${formId}-models`} data-testid="models-section">
          <Text as="h3" size={400} weight="semibold" className={styles.heading} id={`${formId}-models`}>
            {t("opp.models.performance.heading")}
          </Text>
          <Text className={styles.intro}>{t("opp.models.performance.intro")}</Text>
          {models.status === "loading" ? <Spinner className={styles.loading} size="small" label={t("app.loading")} /> : null}
          {models.status === "error" ? <ErrorMessageBar error={models.error} title={t("opp.models.loadFailed")} /> : null}
          {models.status === "ok" && models.data.length === 0 ? (
            <Text className={styles.intro} data-testid="models-empty">
              {t("opp.models.empty")}
            </Text>
          ) : null}
          {models.status === "ok" && models.data.length > 0 ? <ModelTable models={models.data} /> : null}
        </section>

        <section className={styles.section} aria-labelledby={`${formId}-thresholds`} data-testid="thresholds-section">
          <Text as="h3" size={400} weight="semibold" className={styles.heading} id={`${formId}-thresholds`}>
            {t("opp.models.thresholds.heading")}
          </Text>
          <Text className={styles.intro}>{t("opp.models.thresholds.intro")}</Text>
          {settings.status === "loading" ? <Spinner className={styles.loading} size="small" label={t("app.loading")} /> : null}
          {settings.status === "error" ? (
            <ErrorMessageBar error={settings.error} title={t("opp.models.settingsLoadFailed")} />
          ) : null}
          {values ? (
            <form id={formId} className={styles.form} noValidate onSubmit={(event) => void save(event)} data-testid="thresholds-form">
              {GROUPS.map((group) => (
                <fieldset key={group.legend} className={styles.group} disabled={saving}>
                  <legend className={styles.legend}>{t(group.legend)}</legend>
                  <div className={styles.grid}>
                    {group.fields.map((field) => {
                      const error = submitted || touched.has(field) ? errors[field] : undefined;
                      const spec = FIELD_SPECS[field];
                      return (
                        <Field
                          key={field}
                          label={t(LABELS[field].label)}
                          hint={t(LABELS[field].hint)}
                          validationMessage={error ? t(error.key, error.params) : undefined}
                          validationState={error ? "error" : "none"}
                        >
                          <Input
                            value={values[field]}
                            inputMode={spec.kind === "whole" ? "numeric" : "decimal"}
                            contentAfter={spec.kind === "percent" ? <Text aria-hidden="true">%</Text> : undefined}
                            onChange={(_, data) => edit(field, data.value)}
                            onBlur={() => setTouched((previous) => new Set(previous).add(field))}
                            data-testid={`threshold-${field}`}
                          />
                        </Field>
                      );
                    })}
                  </div>
                </fieldset>
              ))}
            </form>
          ) : null}
          {submitted && invalidCount > 0 ? (
            <MessageBar intent="warning" data-testid="thresholds-invalid">
              <MessageBarBody>{t("opp.models.invalid.summary", { count: invalidCount })}</MessageBarBody>
            </MessageBar>
          ) : null}
          {saveError ? (
            <div data-testid="thresholds-error">
              <ErrorMessageBar error={saveError} title={t("opp.models.saveFailed")} />
            </div>
          ) : null}
          {saved ? (
            <MessageBar intent="success" data-testid="thresholds-saved">
              <MessageBarBody>
                {t("opp.models.saved", { opportunities: saved.opportunities, new: saved.new, kept: saved.kept, gone: saved.gone })}
              </MessageBarBody>
            </MessageBar>
          ) : null}
        </section>
      </DrawerBody>
      {values ? (
        <DrawerFooter className={styles.footer}>
          <Button
            appearance="primary"
            type="submit"
            form={formId}
            icon={saving ? <Spinner size="tiny" /> : <Save20Regular />}
            disabled={saving}
            data-testid="thresholds-save"
          >
            {saving ? t("opp.models.saving") : t("opp.models.save")}
          </Button>
          <Button icon={<ArrowReset20Regular />} disabled={saving} onClick={resetToDefaults} data-testid="thresholds-reset">
            {t("opp.models.reset")}
          </Button>
        </DrawerFooter>
      ) : null}
    </>
  );
}
