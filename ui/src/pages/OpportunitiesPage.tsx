import { useCallback, useId, useMemo, useState } from "react";
import {
  Button,
  Link,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Tab,
  TabList,
  Toast,
  ToastTitle,
  Toaster,
  makeStyles,
  tokens,
  useToastController,
} from "@fluentui/react-components";
import { ArrowClockwise20Regular, ArrowDownload20Regular, ArrowLeft20Regular, DataHistogram20Regular, EyeOff16Regular } from "@fluentui/react-icons";
import { commands, type Feedback_Deserialize, type OpportunityRow, type OpportunityTab } from "../bindings";
import { ErrorMessageBar } from "../feedback/ErrorMessageBar";
import { useFormat } from "../format/useFormat";
import { useI18n } from "../i18n/I18nContext";
import { settle } from "../ipc/settle";
import { useDataChanged } from "../ipc/useDataChanged";
import { EmptyState } from "../opportunities/EmptyState";
import { OpportunityFlyout } from "../opportunities/flyout/OpportunityFlyout";
import { ModelsPanel } from "../opportunities/models/ModelsPanel";
import { TAB_LABELS } from "../opportunities/labels";
import { OpportunityTable } from "../opportunities/OpportunityTable";
import { OpportunityToolbar } from "../opportunities/OpportunityToolbar";
import { OutcomeMessage, type Outcome } from "../opportunities/OutcomeMessage";
import { OverviewCards } from "../opportunities/OverviewCards";
import {
  DEFAULT_VIEW,
  EXPORT_ALL_ROWS,
  TABS,
  isFiltered,
  onTab,
  sortedBy,
  windowOf,
  withoutFilters,
  type OpportunityView,
} from "../opportunities/query";
import { useDebouncedValue } from "../opportunities/useDebouncedValue";
import { useOpportunityOverview } from "../opportunities/useOpportunityOverview";
import { useOpportunityPages } from "../opportunities/useOpportunityPages";
import { useReload } from "../opportunities/useReload";
import { useWorkspace } from "../workspace/WorkspaceContext";
import { PageLayout } from "./PageLayout";

const useStyles = makeStyles({
  list: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
  },
  tabRow: {
    display: "flex",
    alignItems: "center",
    justifyContent: "space-between",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalM,
  },
  tabs: {
    marginLeft: `calc(-1 * ${tokens.spacingHorizontalM})`,
  },
  showDismissed: {
    display: "inline-flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalXS,
    // Stays on the right when long tab names push it onto a line of its own.
    marginLeft: "auto",
    whiteSpace: "nowrap",
  },
  loading: {
    alignSelf: "flex-start",
  },
});

/** How long the search box waits for the typing to pause before asking Rust. */
const SEARCH_DEBOUNCE_MS = 150;
/** How long the Undo of a dismissal stays offered. */
const UNDO_MS = 8000;

/**
 * Sales Advisor's opportunities (SPEC §3): the overview, the prioritised counts, the tabs, the
 * search and filters, the windowed recommendations table with feedback and dismiss, and the
 * customer flyout. Refresh recomputes, Export writes the current view as CSV. "Show dismissed"
 * lists the dismissed recommendations instead, each with Restore. "Models and thresholds" opens
 * a panel with how each model did and the thresholds, saved with a refresh.
 */
export function OpportunitiesPage() {
  const { t, language } = useI18n();
  const format = useFormat();
  const styles = useStyles();
  const { workspace } = useWorkspace();
  const [reloads, reload] = useReload();
  const generation = `${workspace.id}:${reloads}`;
  useDataChanged("opportunities", reload);

  const { overview, error: overviewError } = useOpportunityOverview(language, generation);
  const [view, setView] = useState<OpportunityView>(DEFAULT_VIEW);
  const [searchText, setSearchText] = useState("");
  // Bumped by Clear filters, so that the date boxes drop what they hold (even text not applied).
  const [clears, setClears] = useState(0);
  const search = useDebouncedValue(searchText.trim(), SEARCH_DEBOUNCE_MS);
  const query = useMemo(() => ({ ...view, search }), [view, search]);
  const { snapshot, ensure, patch, retry } = useOpportunityPages(language, query, generation);

  const [selected, setSelected] = useState<OpportunityRow | null>(null);
  const [flyoutOpen, setFlyoutOpen] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [refreshing, setRefreshing] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [modelsOpen, setModelsOpen] = useState(false);
  const toasterId = useId();
  const { dispatchToast, dismissToast } = useToastController(toasterId);

  async function refresh() {
    setRefreshing(true);
    setOutcome(null);
    const result = await settle(commands.refreshOpportunities(language));
    setRefreshing(false);
    if (result.status === "ok") {
      setOutcome({ kind: "refreshed", summary: result.data });
      reload();
    } else {
      setOutcome({ kind: "failed", title: "opp.refreshFailed", error: result.error });
    }
  }

  async function exportView() {
    setExporting(true);
    setOutcome(null);
    const result = await settle(commands.exportOpportunities(language, windowOf(query, 0, EXPORT_ALL_ROWS), null));
    setExporting(false);
    if (result.status === "error") setOutcome({ kind: "failed", title: "opp.exportFailed", error: result.error });
    else if (result.data !== null) setOutcome({ kind: "exported", summary: result.data });
  }

  const saveFeedback = useCallback(
    async (row: OpportunityRow, feedback: Feedback_Deserialize | null) => {
      const result = await settle(commands.setOpportunityFeedback(language, row.key, feedback));
      if (result.status === "error") return result.error;
      patch(result.data);
      return null;
    },
    [language, patch],
  );

  const restore = useCallback(
    async (row: OpportunityRow) => {
      const result = await settle(commands.setOpportunityDismissed(language, row.key, false));
      if (result.status === "error") setOutcome({ kind: "failed", title: "opp.restoreFailed", error: result.error });
      reload();
      return result.status === "ok";
    },
    [language, reload],
  );

  const onRestore = useCallback(
    (row: OpportunityRow) =>
      void restore(row).then((restored) => {
        if (!restored) return;
        dispatchToast(
          <Toast data-testid="restore-toast">
            <ToastTitle>{t("opp.restored", { customer: row.customer })}</ToastTitle>
          </Toast>,
          { toastId: `restored-${row.key}`, intent: "success" },
        );
      }),
    [restore, dispatchToast, t],
  );

  const dismiss = useCallback(
    async (row: OpportunityRow) => {
      const result = await settle(commands.setOpportunityDismissed(language, row.key, true));
      if (result.status === "error") {
        setOutcome({ kind: "failed", title: "opp.dismissFailed", error: result.error });
        return;
      }
      reload();
      const toastId = `dismissed-${row.key}`;
      dispatchToast(
        <Toast data-testid="dismiss-toast">
          <ToastTitle
            action={
              <Link
                data-testid="dismiss-undo"
                onClick={() => {
                  dismissToast(toastId);
                  void restore(row);
                }}
              >
                {t("opp.undo")}
              </Link>
            }
          >
            {t("opp.dismissed", { customer: row.customer })}
          </ToastTitle>
        </Toast>,
        { toastId, intent: "success", timeout: UNDO_MS },
      );
    },
    [language, reload, dispatchToast, dismissToast, restore, t],
  );

  const open = useCallback((row: OpportunityRow) => {
    setSelected(row);
    setFlyoutOpen(true);
  }, []);

  const onDismiss = useCallback((row: OpportunityRow) => void dismiss(row), [dismiss]);

  const clearFilters = () => {
    setView(withoutFilters(view));
    setSearchText("");
    setClears((n) => n + 1);
  };

  const showDismissed = (dismissed: boolean) => setView({ ...view, dismissed });

  const asOf = overview?.asOf ?? null;
  const refreshedAt = overview?.refreshedAt ?? null;
  const intro = asOf
    ? [t("opp.asOf", { date: format.date(asOf) }), refreshedAt ? t("opp.refreshedAt", { dateTime: format.dateTime(refreshedAt) }) : null]
        .filter(Boolean)
        .join(" · ")
    : undefined;
  const total = snapshot.total;
  const filtered = isFiltered(query);
  const dismissedCount = overview?.dismissed ?? 0;
  const countText = total === null ? null : view.dismissed ? t("opp.countDismissed", { count: total }) : t("opp.count", { count: total });

  return (
    <PageLayout
      id="opportunities"
      title={t("page.opportunities.title")}
      intro={intro}
      actions={
        <>
          {/* Before the first refresh the empty state holds the Refresh button. */}
          {asOf !== null || overviewError ? (
            <Button
              icon={refreshing ? <Spinner size="tiny" /> : <ArrowClockwise20Regular />}
              disabled={refreshing}
              onClick={() => void refresh()}
              data-testid="opportunities-refresh"
            >
              {refreshing ? t("opp.refreshing") : t("opp.refresh")}
            </Button>
          ) : null}
          {asOf ? (
            <Button
              icon={exporting ? <Spinner size="tiny" /> : <ArrowDownload20Regular />}
              disabled={exporting || total === 0}
              onClick={() => void exportView()}
              data-testid="opportunities-export"
            >
              {exporting ? t("opp.exporting") : t("opp.export")}
            </Button>
          ) : null}
          <Button icon={<DataHistogram20Regular />} onClick={() => setModelsOpen(true)} data-testid="opportunities-models">
            {t("opp.models.open")}
          </Button>
        </>
      }
    >
      {outcome ? <OutcomeMessage outcome={outcome} onClose={() => setOutcome(null)} /> : null}
      {overviewError ? <ErrorMessageBar error={overviewError} title={t("opp.loadFailed")} /> : null}
      {overview === null && !overviewError ? <Spinner className={styles.loading} size="small" label={t("app.loading")} /> : null}
      {overview !== null && asOf === null ? (
        <EmptyState refreshing={refreshing} onRefresh={() => void refresh()} noSnapshots={workspace.counts.snapshots === 0} />
      ) : null}
      {overview !== null && asOf !== null ? (
        <>
          <OverviewCards overview={overview} />
          <div className={styles.list}>
            <div className={styles.tabRow}>
              <TabList
                className={styles.tabs}
                selectedValue={view.tab}
                onTabSelect={(_, data) => setView(onTab(view, data.value as OpportunityTab))}
                aria-label={t("opp.tabsLabel")}
                data-testid="opportunity-tabs"
              >
                {TABS.map((tab) => (
                  <Tab key={tab} value={tab} data-testid={`tab-${tab}`}>
                    {t(TAB_LABELS[tab])}
                  </Tab>
                ))}
              </TabList>
              {!view.dismissed && dismissedCount > 0 ? (
                <Link className={styles.showDismissed} onClick={() => showDismissed(true)} data-testid="show-dismissed">
                  <EyeOff16Regular aria-hidden="true" />
                  {t("opp.showDismissed", { count: dismissedCount })}
                </Link>
              ) : null}
            </div>
            {view.dismissed ? (
              <MessageBar intent="info" layout="multiline" data-testid="dismissed-banner">
                <MessageBarBody>
                  <MessageBarTitle>{t("opp.dismissedView.title")}</MessageBarTitle>
                  {t("opp.dismissedView.body")}
                </MessageBarBody>
                <MessageBarActions>
                  <Button icon={<ArrowLeft20Regular />} onClick={() => showDismissed(false)} data-testid="hide-dismissed">
                    {t("opp.dismissedView.back")}
                  </Button>
                </MessageBarActions>
              </MessageBar>
            ) : null}
            <OpportunityToolbar
              view={query}
              searchText={searchText}
              onSearchText={setSearchText}
              onChange={(next) => setView({ ...next, search: "" })}
              onClear={clearFilters}
              filtered={filtered || searchText.trim() !== ""}
              countText={countText}
              resetKey={clears}
            />
            {snapshot.error ? (
              <div>
                <ErrorMessageBar error={snapshot.error} title={t("opp.loadFailed")} />
                <Button appearance="transparent" onClick={retry}>
                  {t("common.tryAgain")}
                </Button>
              </div>
            ) : null}
            <OpportunityTable
              snapshot={snapshot}
              ensure={ensure}
              view={query}
              onSort={(sort) => setView(sortedBy(view, sort))}
              filtered={filtered}
              onClearFilters={clearFilters}
              onOpen={open}
              onSaveFeedback={saveFeedback}
              onDismiss={onDismiss}
              onRestore={onRestore}
            />
          </div>
        </>
      ) : null}
      <OpportunityFlyout row={selected} open={flyoutOpen} onClose={() => setFlyoutOpen(false)} generation={generation} />
      <ModelsPanel open={modelsOpen} onClose={() => setModelsOpen(false)} onSaved={reload} />
      <Toaster toasterId={toasterId} position="bottom-end" pauseOnHover pauseOnWindowBlur />
    </PageLayout>
  );
}
