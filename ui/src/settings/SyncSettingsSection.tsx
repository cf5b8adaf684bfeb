import { useEffect, useId, useState, type SyntheticEvent } from "react";
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Button,
  Dropdown,
  Field,
  Input,
  Option,
  Spinner,
  Switch,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { ArrowReset20Regular, CheckmarkCircle20Regular } from "@fluentui/react-icons";
import { commands, type IpcError, type SyncSettings_Serialize as SyncSettings, type UsagePeriod } from "../bindings";
import { ErrorMessageBar } from "../feedback/ErrorMessageBar";
import { useI18n } from "../i18n/I18nContext";
import { settle } from "../ipc/settle";
import { Section } from "../pages/Section";
import { EVERY_HOURS, MICROSOFT_URLS, USAGE_PERIODS } from "../sync/labels";

const useStyles = makeStyles({
  form: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalL,
  },
  row: {
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalXXL,
  },
  field: {
    minWidth: "240px",
    maxWidth: "360px",
  },
  accordion: {
    marginLeft: `calc(-1 * ${tokens.spacingHorizontalM})`,
  },
  urls: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    maxWidth: "560px",
    paddingBottom: tokens.spacingVerticalS,
  },
  hint: {
    color: tokens.colorNeutralForeground3,
  },
  restore: {
    alignSelf: "flex-start",
  },
  actions: {
    display: "flex",
    alignItems: "center",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalM,
  },
  saved: {
    display: "inline-flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalXS,
    color: tokens.colorStatusSuccessForeground1,
  },
});

const OFF = "off";
type UrlKey = keyof typeof MICROSOFT_URLS;
const URL_FIELDS: readonly { key: UrlKey; label: "settings.sync.loginUrl" | "settings.sync.partnerCenterUrl" | "settings.sync.graphUrl" }[] = [
  { key: "loginUrl", label: "settings.sync.loginUrl" },
  { key: "partnerCenterUrl", label: "settings.sync.partnerCenterUrl" },
  { key: "graphUrl", label: "settings.sync.graphUrl" },
];

function same(a: SyncSettings, b: SyncSettings): boolean {
  return (
    a.onStartup === b.onStartup &&
    (a.everyHours ?? null) === (b.everyHours ?? null) &&
    a.usagePeriod === b.usagePeriod &&
    a.loginUrl === b.loginUrl &&
    a.partnerCenterUrl === b.partnerCenterUrl &&
    a.graphUrl === b.graphUrl
  );
}

/** When sync runs by itself, the usage period, and (advanced) the services' base addresses. */
export function SyncSettingsSection() {
  const { t } = useI18n();
  const styles = useStyles();
  const everyId = useId();
  const periodId = useId();
  const [saved, setSaved] = useState<SyncSettings | null>(null);
  const [draft, setDraft] = useState<SyncSettings | null>(null);
  const [loadError, setLoadError] = useState<IpcError | null>(null);
  const [saveError, setSaveError] = useState<IpcError | null>(null);
  const [saving, setSaving] = useState(false);
  const [done, setDone] = useState(false);

  useEffect(() => {
    let live = true;
    void settle(commands.syncSettings()).then((result) => {
      if (!live) return;
      if (result.status === "ok") {
        setSaved(result.data);
        setDraft(result.data);
      } else setLoadError(result.error);
    });
    return () => {
      live = false;
    };
  }, []);

  const change = (patch: Partial<SyncSettings>) => {
    setDraft((previous) => (previous ? { ...previous, ...patch } : previous));
    setDone(false);
    setSaveError(null);
  };

  async function save(event: SyntheticEvent) {
    event.preventDefault();
    if (!draft || saving) return;
    setSaving(true);
    setSaveError(null);
    const result = await settle(commands.setSyncSettings(draft));
    setSaving(false);
    if (result.status === "error") {
      setSaveError(result.error);
      return;
    }
    setSaved(result.data);
    setDraft(result.data);
    setDone(true);
  }

  const every = draft?.everyHours ?? null;
  const hoursOptions: number[] = every !== null && !(EVERY_HOURS as readonly number[]).includes(every) ? [...EVERY_HOURS, every].sort((a, b) => a - b) : [...EVERY_HOURS];
  const hoursText = (hours: number) => t("settings.sync.everyHours", { count: hours });
  const periodDays = (period: UsagePeriod) => USAGE_PERIODS.find((p) => p.value === period)?.days ?? 30;
  const defaults = draft !== null && URL_FIELDS.every(({ key }) => draft[key] === MICROSOFT_URLS[key]);

  return (
    <Section title={t("settings.sync.heading")} intro={t("settings.sync.intro")} testId="sync-settings">
      {loadError ? <ErrorMessageBar error={loadError} title={t("settings.sync.loadFailed")} /> : null}
      {draft === null && !loadError ? <Spinner size="tiny" label={t("app.loading")} /> : null}
      {draft !== null && saved !== null ? (
        <form className={styles.form} onSubmit={(event) => void save(event)} noValidate>
          <Switch
            checked={draft.onStartup}
            label={t("settings.sync.onStartup")}
            onChange={(_, data) => change({ onStartup: data.checked })}
            data-testid="sync-on-startup"
          />
          <div className={styles.row}>
            <Field label={{ children: t("settings.sync.every"), id: everyId }} hint={t("settings.sync.everyHint")} className={styles.field}>
              <Dropdown
                aria-labelledby={everyId}
                value={every === null ? t("settings.sync.everyOff") : hoursText(every)}
                selectedOptions={[every === null ? OFF : String(every)]}
                onOptionSelect={(_, data) => {
                  if (!data.optionValue) return;
                  change({ everyHours: data.optionValue === OFF ? null : Number(data.optionValue) });
                }}
                data-testid="sync-every"
              >
                <Option value={OFF} data-testid="sync-every-off">
                  {t("settings.sync.everyOff")}
                </Option>
                {hoursOptions.map((hours) => (
                  <Option key={hours} value={String(hours)} data-testid={`sync-every-${hours}`}>
                    {hoursText(hours)}
                  </Option>
                ))}
              </Dropdown>
            </Field>
            <Field label={{ children: t("settings.sync.period"), id: periodId }} hint={t("settings.sync.periodHint")} className={styles.field}>
              <Dropdown
                aria-labelledby={periodId}
                value={t("settings.sync.periodDays", { count: periodDays(draft.usagePeriod) })}
                selectedOptions={[draft.usagePeriod]}
                onOptionSelect={(_, data) => {
                  const period = USAGE_PERIODS.find((p) => p.value === data.optionValue);
                  if (period) change({ usagePeriod: period.value });
                }}
                data-testid="sync-period"
              >
                {USAGE_PERIODS.map(({ value, days }) => (
                  <Option key={value} value={value} data-testid={`sync-period-${value}`}>
                    {t("settings.sync.periodDays", { count: days })}
                  </Option>
                ))}
              </Dropdown>
            </Field>
          </div>
          <Accordion collapsible className={styles.accordion}>
            <AccordionItem value="advanced">
              <AccordionHeader data-testid="sync-advanced">{t("settings.sync.advanced")}</AccordionHeader>
              <AccordionPanel>
                <div className={styles.urls}>
                  <Text size={200} className={styles.hint}>
                    {t("settings.sync.advancedHint")}
                  </Text>
                  {URL_FIELDS.map(({ key, label }) => (
                    <Field key={key} label={t(label)}>
                      <Input
                        type="url"
                        value={draft[key]}
                        spellCheck={false}
                        autoComplete="off"
                        onChange={(_, data) => change({ [key]: data.value })}
                        data-testid={`sync-url-${key}`}
                      />
                    </Field>
                  ))}
                  <Button
                    className={styles.restore}
                    icon={<ArrowReset20Regular />}
                    disabled={defaults}
                    onClick={() => change({ ...MICROSOFT_URLS })}
                    data-testid="sync-restore-urls"
                  >
                    {t("settings.sync.restore")}
                  </Button>
                </div>
              </AccordionPanel>
            </AccordionItem>
          </Accordion>
          {saveError ? <ErrorMessageBar error={saveError} title={t("settings.sync.saveFailed")} /> : null}
          <div className={styles.actions}>
            <Button
              type="submit"
              appearance="primary"
              disabled={saving || same(draft, saved)}
              icon={saving ? <Spinner size="tiny" /> : undefined}
              data-testid="sync-settings-save"
            >
              {t("settings.sync.save")}
            </Button>
            <div role="status" aria-live="polite" data-testid="sync-settings-status">
              {done ? (
                <Text className={styles.saved}>
                  <CheckmarkCircle20Regular aria-hidden="true" />
                  {t("settings.sync.saved")}
                </Text>
              ) : null}
            </div>
          </div>
        </form>
      ) : null}
    </Section>
  );
}
