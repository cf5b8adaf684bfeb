import { useCallback, useEffect, useId, useMemo, useState } from "react";
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  SearchBox,
  Spinner,
  Tab,
  TabList,
  Text,
  Toast,
  ToastTitle,
  Toaster,
  makeStyles,
  tokens,
  useToastController,
} from "@fluentui/react-components";
import { ArrowDownload20Regular, Dismiss20Regular } from "@fluentui/react-icons";
import {
  commands,
  type ActionKind,
  type IpcError,
  type LeadDetail_Serialize as LeadDetail,
  type LeadExportSummary,
  type LeadRow_Serialize as LeadRow,
  type LeadSection,
} from "../bindings";
import { ErrorMessageBar } from "../feedback/ErrorMessageBar";
import type { MessageKey } from "../i18n/en";
import { useFormat } from "../format/useFormat";
import { useI18n } from "../i18n/I18nContext";
import { settle } from "../ipc/settle";
import { useDataChanged } from "../ipc/useDataChanged";
import { ActionCentre } from "../leads/ActionCentre";
import { LeadDrawer } from "../leads/drawer/LeadDrawer";
import { FilterChips } from "../leads/FilterChips";
import { ACTION_DONE, SECTION_LABELS } from "../leads/labels";
import { LeadFiltersPanel } from "../leads/LeadFiltersPanel";
import { LeadsEmptyState } from "../leads/LeadsEmptyState";
import { LeadTable } from "../leads/LeadTable";
import { SortControl } from "../leads/SortControl";
import { clearOpenLeadRequest, useOpenLeadRequest } from "../leads/openLeadRequest";
import { DEFAULT_VIEW, NO_FILTERS, SECTIONS, isFiltered, sortedBy, windowOf, type LeadFiltersView, type LeadView } from "../leads/query";
import { useLeadPages } from "../leads/useLeadPages";
import { useLeadsOverview } from "../leads/useLeadsOverview";
import { EXPORT_ALL_ROWS } from "../opportunities/query";
import { useDebouncedValue } from "../opportunities/useDebouncedValue";
import { useReload } from "../opportunities/useReload";
import { useCurrentPage } from "../shell/useCurrentPage";
import { useWorkspace } from "../workspace/WorkspaceContext";
import { PageLayout } from "./PageLayout";

const useStyles = makeStyles({
  list: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
  },
  tabs: {
    marginLeft: `calc(-1 * ${tokens.spacingHorizontalM})`,
    flexWrap: "wrap",
  },
  tabCount: {
    color: tokens.colorNeutralForeground3,
    fontVariantNumeric: "tabular-nums",
  },
  toolbar: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    gap: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`,
  },
  search: {
    flex: "1 1 240px",
    maxWidth: "420px",
  },
  count: {
    marginLeft: "auto",
    color: tokens.colorNeutralForeground2,
    fontVariantNumeric: "tabular-nums",
    whiteSpace: "nowrap",
  },
  loading: {
    alignSelf: "flex-start",
  },
  path: {
    fontFamily: tokens.fontFamilyMonospace,
    wordBreak: "break-all",
  },
  row: {
    display: "flex",
    alignItems: "flex-start",
    gap: tokens.spacingHorizontalS,
  },
  grow: {
    flexGrow: 1,
    minWidth: 0,
  },
});

/** How long the search and customer-name boxes wait for the typing to pause before asking Rust. */
const SEARCH_DEBOUNCE_MS = 150;

type Outcome = { kind: "exported"; summary: LeadExportSummary } | { kind: "failed"; title: MessageKey; error: IpcError };

/** The lead in the drawer: its id, and its row when it was clicked in the list. */
interface Selected {
  id: string;
  row: LeadRow | null;
}

/**
 * Partner Center referrals (SPEC §4): the action centre and responsiveness, the four lists, search,
 * the nine filters with their chips, export of the filtered list, the windowed table with hearts and
 * flames, and the lead details drawer with accept, decline, edit, won and lost.
 */
export function LeadsPage() {
  const { t, language } = useI18n();
  const format = useFormat();
  const styles = useStyles();
  const { workspace } = useWorkspace();
  const [, go] = useCurrentPage();
  const [reloads, reload] = useReload();
  const generation = `${workspace.id}:${reloads}`;
  useDataChanged("leads", reload);

  const { overview, error: overviewError } = useLeadsOverview(generation);
  const [view, setView] = useState<LeadView>(DEFAULT_VIEW);
  const [searchText, setSearchText] = useState("");
  const [customerText, setCustomerText] = useState("");
  // Bumped by Clear all, so that the date boxes drop what they hold (even text not applied).
  const [clears, setClears] = useState(0);
  const search = useDebouncedValue(searchText.trim(), SEARCH_DEBOUNCE_MS);
  const customerName = useDebouncedValue(customerText.trim(), SEARCH_DEBOUNCE_MS);
  const query = useMemo<LeadView>(() => ({ ...view, search, filters: { ...view.filters, customerName } }), [view, search, customerName]);
  const { snapshot, ensure, patch, retry } = useLeadPages(query, generation);

  const [selected, setSelected] = useState<Selected | null>(null);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [exporting, setExporting] = useState(false);
  const toasterId = useId();
  const { dispatchToast } = useToastController(toasterId);

  // A lead asked for from elsewhere (an alert's Open, a desktop notification).
  const request = useOpenLeadRequest();
  const [handled, setHandled] = useState<number | null>(null);
  if (request && request.seq !== handled) {
    setHandled(request.seq);
    setSelected({ id: request.leadId, row: null });
    setDrawerOpen(true);
  }
  useEffect(() => {
    if (request && request.seq === handled) clearOpenLeadRequest(request);
  }, [request, handled]);

  const openLead = useCallback((row: LeadRow) => {
    setSelected({ id: row.id, row });
    setDrawerOpen(true);
  }, []);
  const openById = useCallback((id: string) => {
    setSelected({ id, row: null });
    setDrawerOpen(true);
  }, []);

  const toggleFavourite = useCallback(
    async (row: LeadRow): Promise<LeadRow | null> => {
      const favourite = !row.favourite;
      patch({ ...row, favourite });
      const result = await settle(commands.setLeadFavourite(row.id, favourite));
      if (result.status === "error") {
        patch(row);
        setOutcome({ kind: "failed", title: "leads.heartFailed", error: result.error });
        return null;
      }
      patch(result.data);
      reload();
      return result.data;
    },
    [patch, reload],
  );
  const onToggleFavourite = useCallback((row: LeadRow) => void toggleFavourite(row), [toggleFavourite]);

  const onActed = useCallback(
    (detail: LeadDetail, action: ActionKind) => {
      patch(detail.row);
      reload();
      dispatchToast(
        <Toast data-testid="lead-action-toast">
          <ToastTitle>{t(ACTION_DONE[action], { customer: detail.row.customerName })}</ToastTitle>
        </Toast>,
        { intent: "success" },
      );
    },
    [patch, reload, dispatchToast, t],
  );

  const onCustomerEdited = useCallback(
    (detail: LeadDetail) => {
      patch(detail.row);
      reload();
    },
    [patch, reload],
  );

  async function exportList() {
    setExporting(true);
    setOutcome(null);
    const result = await settle(commands.exportLeads(language, windowOf(query, 0, EXPORT_ALL_ROWS), null));
    setExporting(false);
    if (result.status === "error") setOutcome({ kind: "failed", title: "leads.exportFailed", error: result.error });
    else if (result.data !== null) setOutcome({ kind: "exported", summary: result.data });
  }

  // The customer name lives in its own box (debounced into the query); the other filters in the view.
  const setFilters = (filters: LeadFiltersView) => {
    setView({ ...view, filters: { ...filters, customerName: "" } });
    if (filters.customerName !== query.filters.customerName) setCustomerText(filters.customerName);
  };
  const clearFilters = () => {
    setView({ ...view, filters: NO_FILTERS, search: "" });
    setSearchText("");
    setCustomerText("");
    setClears((n) => n + 1);
  };

  const total = snapshot.total;
  const filtered = isFiltered(query);
  const countText =
    total === null
      ? null
      : filtered && snapshot.unfiltered !== null
        ? t("leads.countOf", { matched: total, total: snapshot.unfiltered })
        : t("leads.count", { count: total });
  const sectionCount = (section: LeadSection): number | null => {
    if (!overview) return null;
    switch (section) {
      case "all":
        return overview.total;
      case "marketplace":
        return overview.marketplace;
      case "qualified":
        return overview.qualified;
      case "favourites":
        return overview.favourites;
    }
  };
  const close = (
    <Button appearance="transparent" size="small" icon={<Dismiss20Regular />} aria-label={t("common.close")} onClick={() => setOutcome(null)} />
  );
  const [exportBefore, exportAfter] =
    outcome?.kind === "exported" ? t("leads.exportDone", { rows: outcome.summary.rows, path: "\u0000" }).split("\u0000") : ["", ""];
  const empty = overview !== null && overview.total === 0;

  return (
    <PageLayout id="leads" title={t("page.leads.title")} intro={t("leads.intro")} wide>
      {outcome?.kind === "failed" ? (
        <div className={styles.row} data-testid="leads-outcome-error">
          <div className={styles.grow}>
            <ErrorMessageBar error={outcome.error} title={t(outcome.title)} />
          </div>
          {close}
        </div>
      ) : null}
      {outcome?.kind === "exported" ? (
        <MessageBar intent="success" layout="multiline" data-testid="leads-export-message">
          <MessageBarBody>
            {exportBefore}
            <span className={styles.path}>{outcome.summary.path}</span>
            {exportAfter}
          </MessageBarBody>
          <MessageBarActions containerAction={close} />
        </MessageBar>
      ) : null}
      {overviewError ? <ErrorMessageBar error={overviewError} title={t("leads.loadFailed")} /> : null}
      {overview === null && !overviewError ? <Spinner className={styles.loading} size="small" label={t("app.loading")} /> : null}
      {empty ? <LeadsEmptyState onImport={() => go("data")} /> : null}
      {overview !== null && !empty ? (
        <>
          <ActionCentre overview={overview} onOpen={openById} />
          <div className={styles.list}>
            <TabList
              className={styles.tabs}
              selectedValue={view.section}
              onTabSelect={(_, data) => setView({ ...view, section: data.value as LeadSection })}
              aria-label={t("leads.tabsLabel")}
              data-testid="lead-tabs"
            >
              {SECTIONS.map((section) => {
                const n = sectionCount(section);
                return (
                  <Tab key={section} value={section} data-testid={`lead-tab-${section}`}>
                    {t(SECTION_LABELS[section])}
                    {section !== "all" && n !== null ? (
                      <span className={styles.tabCount} data-testid={`lead-tab-${section}-count`}>
                        {" "}
                        ({format.number(n)})
                      </span>
                    ) : null}
                  </Tab>
                );
              })}
            </TabList>
            <div className={styles.toolbar} role="search" aria-label={t("leads.toolbarLabel")} data-testid="lead-toolbar">
              <SearchBox
                className={styles.search}
                value={searchText}
                onChange={(_, data) => setSearchText(data.value)}
                placeholder={t("leads.search.placeholder")}
                aria-label={t("leads.search.label")}
                data-testid="lead-search"
              />
              <LeadFiltersPanel
                filters={query.filters}
                customerText={customerText}
                onCustomerText={setCustomerText}
                onChange={setFilters}
                onClear={clearFilters}
                countries={overview.countries}
                resetKey={clears}
              />
              <SortControl sort={view.sort} descending={view.descending} onChange={(sort, descending) => setView({ ...view, sort, descending })} />
              <Button
                icon={exporting ? <Spinner size="tiny" /> : <ArrowDownload20Regular />}
                disabled={exporting || total === 0 || total === null}
                onClick={() => void exportList()}
                data-testid="leads-export"
              >
                {exporting ? t("leads.exporting") : t("leads.export")}
              </Button>
              {countText !== null ? (
                <Text className={styles.count} role="status" aria-live="polite" data-testid="lead-count">
                  {countText}
                </Text>
              ) : null}
            </div>
            <FilterChips filters={query.filters} onChange={setFilters} onClearAll={clearFilters} />
            {snapshot.error ? (
              <div>
                <ErrorMessageBar error={snapshot.error} title={t("leads.loadFailed")} />
                <Button appearance="transparent" onClick={retry}>
                  {t("common.tryAgain")}
                </Button>
              </div>
            ) : null}
            <LeadTable
              snapshot={snapshot}
              ensure={ensure}
              view={query}
              onSort={(sort) => setView(sortedBy(view, sort))}
              filtered={filtered}
              onClearFilters={clearFilters}
              onOpen={openLead}
              onToggleFavourite={onToggleFavourite}
            />
          </div>
        </>
      ) : null}
      <LeadDrawer
        leadId={selected?.id ?? null}
        row={selected?.row ?? null}
        open={drawerOpen}
        onClose={() => setDrawerOpen(false)}
        generation={generation}
        onActed={onActed}
        onStale={reload}
        onToggleFavourite={toggleFavourite}
        onCustomerEdited={onCustomerEdited}
      />
      <Toaster toasterId={toasterId} position="bottom-end" pauseOnHover pauseOnWindowBlur />
    </PageLayout>
  );
}
