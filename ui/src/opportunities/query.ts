import type {
  OpportunityQuery_Deserialize,
  OpportunitySort,
  OpportunityTab,
  OpportunityType,
  ProbabilityStatus,
} from "../bindings";

/**
 * What the table shows: a query without its window (offset and limit). Every field is required
 * here, `dismissed` too (optional in the contract, false by default there): each query the page
 * sends says whether it lists the dismissed recommendations.
 */
export type OpportunityView = Omit<OpportunityQuery_Deserialize, "offset" | "limit" | "addedFrom" | "addedTo" | "dismissed"> & {
  dismissed: boolean;
  addedFrom: string | null;
  addedTo: string | null;
};

export const TABS: readonly OpportunityTab[] = ["all", "acquisition", "retention", "growth"];
export const TYPES: readonly OpportunityType[] = ["acquisition", "retention", "growth"];
export const STATUSES: readonly ProbabilityStatus[] = ["high", "medium", "low"];

/** Newest first, as Lighthouse opens it (SPEC §3.3). */
export const DEFAULT_VIEW: OpportunityView = {
  tab: "all",
  search: "",
  statuses: [],
  types: [],
  dismissed: false,
  addedFrom: null,
  addedTo: null,
  sort: "dateAdded",
  descending: true,
};

/** Rows per request: a window of the table around the viewport. The backend takes at most 500. */
export const PAGE_SIZE = 100;

/** u32::MAX: the export takes every row of the view, not one window of it. */
export const EXPORT_ALL_ROWS = 4_294_967_295;

/** The query for one window of the view. */
export function windowOf(view: OpportunityView, offset: number, limit: number): OpportunityQuery_Deserialize {
  return { ...view, offset, limit };
}

/** Whether a search or any filter narrows the view (the tab, the sort and the dismissed list do not count). */
export function isFiltered(view: OpportunityView): boolean {
  return (
    view.search.trim().length > 0 ||
    view.statuses.length > 0 ||
    view.types.length > 0 ||
    view.addedFrom !== null ||
    view.addedTo !== null
  );
}

/** The view with search and filters cleared; tab, sort and the dismissed list kept. */
export function withoutFilters(view: OpportunityView): OpportunityView {
  return { ...view, search: "", statuses: [], types: [], addedFrom: null, addedTo: null };
}

/** Numbers, dates and the probability start with the largest; text starts at A. */
export function firstDirectionIsDescending(sort: OpportunitySort): boolean {
  switch (sort) {
    case "probability":
    case "seats":
    case "dateAdded":
      return true;
    case "customer":
    case "recommendation":
    case "type":
    case "feedback":
      return false;
  }
}

/** Clicking a column header: the same column flips, another starts in its natural direction. */
export function sortedBy(view: OpportunityView, sort: OpportunitySort): OpportunityView {
  if (view.sort === sort) return { ...view, descending: !view.descending };
  return { ...view, sort, descending: firstDirectionIsDescending(sort) };
}

/** Switching tab: a type filter only exists on the All tab. */
export function onTab(view: OpportunityView, tab: OpportunityTab): OpportunityView {
  return { ...view, tab, types: tab === "all" ? view.types : [] };
}
