import { useMemo, useState } from "react";
import { CounterBadge, Spinner, Tab, TabList, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { ErrorMessageBar } from "../feedback/ErrorMessageBar";
import type { MessageKey } from "../i18n/en";
import { useI18n } from "../i18n/I18nContext";
import { useDataChanged } from "../ipc/useDataChanged";
import { useReload } from "../opportunities/useReload";
import { ClusterMapTab } from "../propensity/ClusterMapTab";
import { CreateReportTab } from "../propensity/CreateReportTab";
import { CrmTab } from "../propensity/CrmTab";
import { DownloadsTab } from "../propensity/DownloadsTab";
import { MyReportsTab } from "../propensity/MyReportsTab";
import { SchedulesTab } from "../propensity/SchedulesTab";
import type { ReportKind } from "../propensity/types";
import { usePropensityData } from "../propensity/usePropensityData";
import { useWorkspace } from "../workspace/WorkspaceContext";
import { PageLayout } from "./PageLayout";

const useStyles = makeStyles({
  tabs: {
    marginLeft: `calc(-1 * ${tokens.spacingHorizontalM})`,
    marginTop: `calc(-1 * ${tokens.spacingVerticalS})`,
    flexWrap: "wrap",
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  tabLabel: {
    display: "inline-flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
  },
  panel: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalL,
    minWidth: 0,
  },
  loading: {
    alignSelf: "flex-start",
  },
  hidden: {
    display: "none",
  },
});

export const PROPENSITY_TABS = ["create", "reports", "schedules", "crm", "downloads", "clusterMap"] as const;
export type PropensityTab = (typeof PROPENSITY_TABS)[number];

const TAB_LABELS: Readonly<Record<PropensityTab, MessageKey>> = {
  create: "propensity.tab.create",
  reports: "propensity.tab.reports",
  schedules: "propensity.tab.schedules",
  crm: "propensity.tab.crm",
  downloads: "propensity.tab.downloads",
  clusterMap: "propensity.tab.clusterMap",
};

/**
 * CloudAscent propensity reports (SPEC §6): create a report (source, columns, time range, name;
 * preview, download or schedule), the reports made so far, the schedules, and the cluster map
 * with the reports folder, CRM matching (SPEC §6.4) and Microsoft's own CloudAscent downloads
 * beside the app's scores. Scheduled runs happen in the background: a `data-changed` event for
 * `reports` (also sent by CRM and download imports) loads the lists again.
 */
export function PropensityPage() {
  const { t, language } = useI18n();
  const styles = useStyles();
  const { workspace } = useWorkspace();
  const [reloads, reload] = useReload();
  useDataChanged("reports", reload);
  const generation = `${workspace.id}:${reloads}`;
  const { catalogue, reports, schedules, settings } = usePropensityData(language, generation);
  const [tab, setTab] = useState<PropensityTab>("create");
  const [highlightId, setHighlightId] = useState<number | null>(null);

  const titles = useMemo(() => new Map<ReportKind, string>((catalogue.data ?? []).map((c) => [c.kind, c.title])), [catalogue.data]);

  const showReport = (id: number) => {
    setHighlightId(id);
    setTab("reports");
  };

  const count = (which: PropensityTab): number | null =>
    which === "reports" ? (reports.data?.length ?? null) : which === "schedules" ? (schedules.data?.length ?? null) : null;

  const loading = (value: unknown, error: unknown) => (value === null && !error ? <Spinner className={styles.loading} size="small" label={t("app.loading")} /> : null);

  return (
    <PageLayout id="propensity" title={t("page.propensity.title")} intro={t("propensity.intro")} wide>
      <TabList
        className={styles.tabs}
        selectedValue={tab}
        onTabSelect={(_, data) => {
          setTab(data.value as PropensityTab);
          setHighlightId(null);
        }}
        aria-label={t("page.propensity.title")}
      >
        {PROPENSITY_TABS.map((id) => {
          const n = count(id);
          return (
            <Tab key={id} value={id} data-testid={`propensity-tab-${id}`}>
              <span className={styles.tabLabel}>
                {t(TAB_LABELS[id])}
                {n !== null && n > 0 ? <CounterBadge count={n} size="small" appearance="ghost" color="informative" overflowCount={999} /> : null}
              </span>
            </Tab>
          );
        })}
      </TabList>

      {/* The wizard stays mounted on the other tabs: its choices and a running download are kept. */}
      <div className={mergeClasses(styles.panel, tab !== "create" ? styles.hidden : undefined)} role="tabpanel" aria-label={t(TAB_LABELS.create)} hidden={tab !== "create"} data-testid="propensity-panel-create">
        {catalogue.error ? <ErrorMessageBar error={catalogue.error} title={t("propensity.loadFailed")} /> : null}
        {loading(catalogue.data, catalogue.error)}
        {catalogue.data ? (
          <CreateReportTab catalogue={catalogue.data} onChanged={reload} onShowReport={showReport} onShowSchedules={() => setTab("schedules")} />
        ) : null}
      </div>
      {tab !== "create" ? (
        <div className={styles.panel} role="tabpanel" aria-label={t(TAB_LABELS[tab])} data-testid={`propensity-panel-${tab}`}>
          {tab === "reports" ? (
            <>
              {reports.error ? <ErrorMessageBar error={reports.error} title={t("propensity.loadFailed")} /> : null}
              {loading(reports.data, reports.error)}
              {reports.data ? <MyReportsTab reports={reports.data} titles={titles} highlightId={highlightId} onChanged={reload} onCreate={() => setTab("create")} /> : null}
            </>
          ) : null}
          {tab === "schedules" ? (
            <>
              {schedules.error ? <ErrorMessageBar error={schedules.error} title={t("propensity.loadFailed")} /> : null}
              {loading(schedules.data, schedules.error)}
              {schedules.data ? (
                <SchedulesTab
                  schedules={schedules.data}
                  reports={reports.data ?? []}
                  titles={titles}
                  onChanged={reload}
                  onShowReport={showReport}
                  onCreate={() => setTab("create")}
                />
              ) : null}
            </>
          ) : null}
          {tab === "crm" ? <CrmTab generation={generation} /> : null}
          {tab === "downloads" ? <DownloadsTab generation={generation} titles={titles} /> : null}
          {tab === "clusterMap" ? (
            <>
              {settings.error ? <ErrorMessageBar error={settings.error} title={t("propensity.loadFailed")} /> : null}
              {loading(settings.data, settings.error)}
              {settings.data ? <ClusterMapTab settings={settings.data} onChanged={reload} /> : null}
            </>
          ) : null}
        </div>
      ) : null}
    </PageLayout>
  );
}
