import { useId, useState } from "react";
import { Card, Dropdown, Option, Tab, TabList, Text, makeStyles, tokens } from "@fluentui/react-components";
import {
  commands,
  type AttributeChoice,
  type IpcError,
  type ScoringModelSummary_Serialize as ScoringModelSummary,
  type VersionSummary_Serialize as VersionSummary,
} from "../bindings";
import { useFormat } from "../format/useFormat";
import type { MessageKey } from "../i18n/en";
import { useI18n } from "../i18n/I18nContext";
import { settle } from "../ipc/settle";
import { useColorScheme } from "../theme/useColorScheme";
import { AttributesTab } from "./AttributesTab";
import { FilterTags, VERSION_STATE_LABELS } from "./badges";
import { GradesTab } from "./GradesTab";
import { PerformanceTab } from "./PerformanceTab";
import { SettingsTab } from "./SettingsTab";
import { useVersionView } from "./useVersionView";
import { VersionsTab, type TrainingState } from "./VersionsTab";

const useStyles = makeStyles({
  card: {
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXL}`,
    gap: tokens.spacingVerticalM,
  },
  header: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "flex-end",
    justifyContent: "space-between",
    gap: tokens.spacingHorizontalL,
  },
  titles: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    minWidth: 0,
  },
  title: {
    margin: 0,
    overflowWrap: "anywhere",
  },
  sub: {
    color: tokens.colorNeutralForeground3,
  },
  tabs: {
    marginLeft: `calc(-1 * ${tokens.spacingHorizontalM})`,
    flexWrap: "wrap",
  },
  chooser: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
  },
  version: {
    minWidth: "280px",
  },
  panel: {
    minWidth: 0,
  },
});

export const DETAIL_TABS = ["performance", "attributes", "versions", "grades", "settings"] as const;
export type DetailTab = (typeof DETAIL_TABS)[number];

const TAB_LABELS: Readonly<Record<DetailTab, MessageKey>> = {
  performance: "scoring.tab.performance",
  attributes: "scoring.tab.attributes",
  versions: "scoring.tab.versions",
  grades: "scoring.tab.grades",
  settings: "scoring.tab.settings",
};

interface ModelDetailsProps {
  model: ScoringModelSummary;
  /** The 40/40 rule's minimum per outcome. */
  minPerOutcome: number;
  /** The candidate attributes and their values (for the settings' filter). */
  attributes: readonly AttributeChoice[];
  tab: DetailTab;
  onTab: (tab: DetailTab) => void;
  /** Changes when anything the page shows changed: the chosen version's report reloads. */
  generation: string;
  /** Something of this model changed: the page reloads its overview. */
  onChanged: () => void;
  onDeleted: (model: ScoringModelSummary, openLeads: number) => void;
}

/**
 * The selected model: its performance, attributes, versions (train, publish, revert), grade
 * ranges and settings, as Dynamics 365's lead scoring settings show them.
 */
export function ModelDetails({ model, minPerOutcome, attributes, tab, onTab, generation, onChanged, onDeleted }: ModelDetailsProps) {
  const { t, language } = useI18n();
  const format = useFormat();
  const styles = useStyles();
  const dark = useColorScheme() === "dark";
  const ids = useId();
  const [chosen, setChosen] = useState<number | null>(null);
  const [training, setTraining] = useState<TrainingState>({ status: "idle" });
  const versions = model.versions;
  const shown =
    versions.find((v) => v.version === chosen)?.version ?? model.publishedVersion ?? versions[0]?.version ?? null;
  const report = useVersionView(language, model.id, shown, dark, generation);

  async function train() {
    setTraining({ status: "running" });
    const result = await settle(commands.trainScoringModel(language, model.id));
    if (result.status === "error") {
      setTraining({ status: "failed", error: result.error });
      return;
    }
    setTraining({ status: "trained", version: result.data });
    setChosen(result.data.version);
    onChanged();
  }

  const versionText = (v: VersionSummary) =>
    t("scoring.version.choice", { version: v.version, state: t(VERSION_STATE_LABELS[v.state]), date: format.day(v.trainedAt) });
  const chooser =
    versions.length > 0 && (tab === "performance" || tab === "attributes") ? (
      <div className={styles.chooser}>
        <Text size={200} id={`${ids}-version`} className={styles.sub}>
          {t("scoring.version.label")}
        </Text>
        <Dropdown
          size="small"
          className={styles.version}
          aria-labelledby={`${ids}-version`}
          value={versionText(versions.find((v) => v.version === shown) ?? (versions[0] as VersionSummary))}
          selectedOptions={shown === null ? [] : [String(shown)]}
          onOptionSelect={(_, data) => setChosen(Number(data.optionValue))}
          data-testid="scoring-version-choice"
        >
          {versions.map((v) => (
            <Option key={v.version} value={String(v.version)} text={versionText(v)} data-testid={`scoring-version-option-${v.version}`}>
              {versionText(v)}
            </Option>
          ))}
        </Dropdown>
      </div>
    ) : null;

  const onTrainedError = (error: IpcError | null) => setTraining(error ? { status: "failed", error } : { status: "idle" });

  return (
    <Card className={styles.card} data-testid="scoring-model-details" data-model-id={model.id}>
      <div className={styles.header}>
        <div className={styles.titles}>
          <Text as="h2" size={500} weight="semibold" className={styles.title} data-testid="scoring-details-name">
            {model.name}
          </Text>
          <Text size={200} className={styles.sub}>
            {model.publishedVersion === null
              ? t("scoring.details.subUnpublished", { position: model.position })
              : t("scoring.details.sub", { position: model.position, version: model.publishedVersion, leads: model.scoredLeads })}
          </Text>
          <FilterTags filter={model.filter} />
        </div>
        {chooser}
      </div>
      <TabList className={styles.tabs} selectedValue={tab} onTabSelect={(_, data) => onTab(data.value as DetailTab)} aria-label={t("scoring.tabsLabel")} data-testid="scoring-tabs">
        {DETAIL_TABS.map((id) => (
          <Tab key={id} value={id} data-testid={`scoring-tab-${id}`}>
            {t(TAB_LABELS[id])}
          </Tab>
        ))}
      </TabList>
      <div className={styles.panel} role="tabpanel" aria-label={t(TAB_LABELS[tab])} data-testid={`scoring-panel-${tab}`}>
        {tab === "performance" ? (
          <PerformanceTab model={model} minPerOutcome={minPerOutcome} report={report} training={training} onTrain={() => void train()} />
        ) : null}
        {tab === "attributes" ? <AttributesTab model={model} report={report} /> : null}
        {tab === "versions" ? (
          <VersionsTab
            model={model}
            minPerOutcome={minPerOutcome}
            training={training}
            onTrain={() => void train()}
            onDismissTraining={() => onTrainedError(null)}
            onView={(version) => {
              setChosen(version);
              onTab("performance");
            }}
            onChanged={onChanged}
          />
        ) : null}
        {tab === "grades" ? <GradesTab model={model} onChanged={onChanged} /> : null}
        {tab === "settings" ? (
          <SettingsTab model={model} attributes={attributes} selected={report.view?.attributes.filter((a) => a.selected).map((a) => a.key) ?? []} onChanged={onChanged} onDeleted={onDeleted} />
        ) : null}
      </div>
    </Card>
  );
}
