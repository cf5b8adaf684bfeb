import type {
  CallToAction,
  EmailValidity,
  LeadFilters_Serialize,
  LeadQuality,
  LeadQuery_Deserialize,
  LeadSection,
  LeadSort,
  LeadSource,
  LeadSubstatus,
  LeadType,
  PhoneValidity,
} from "../bindings";

/** Every filter, each field required (the contract's defaults made explicit in each query). */
export type LeadFiltersView = LeadFilters_Serialize;

/** What the table shows: a query without its window (offset and limit). */
export type LeadView = Omit<LeadQuery_Deserialize, "offset" | "limit" | "filters"> & { filters: LeadFiltersView };

/** The lists, in Partner Center's order. */
export const SECTIONS: readonly LeadSection[] = ["all", "marketplace", "qualified", "favourites"];

/** The values of each filter, in Partner Center's order (wire names, translated for display). */
export const CALLS_TO_ACTION: readonly CallToAction[] = ["Get it now", "Free trial", "Test drive", "Contact me"];
export const SOURCES: readonly LeadSource[] = ["AppSource", "Azure Marketplace", "Azure portal", "Business profile"];
export const LEAD_TYPES: readonly LeadType[] = ["Offer", "Profile"];
export const QUALITIES: readonly LeadQuality[] = ["High", "Low"];
export const SUBSTATUSES: readonly LeadSubstatus[] = ["Pending", "Received", "Accepted", "Won", "Lost", "Declined", "Expired"];
export const EMAIL_VALIDITIES: readonly EmailValidity[] = ["Valid", "Invalid", "Spam", "Unknown"];
export const PHONE_VALIDITIES: readonly PhoneValidity[] = ["Valid", "Invalid", "Unknown"];

export const NO_FILTERS: LeadFiltersView = {
  callToAction: [],
  countries: [],
  customerName: "",
  sources: [],
  leadTypes: [],
  qualities: [],
  statuses: [],
  emailValidity: [],
  phoneValidity: [],
  createdFrom: null,
  createdTo: null,
};

/** Every lead, newest first (as Partner Center opens the list). */
export const DEFAULT_VIEW: LeadView = {
  section: "all",
  filters: NO_FILTERS,
  search: "",
  sort: "created",
  descending: true,
};

/** The multi-select filters: the filter's field and its values. */
export type ListFilter = "callToAction" | "countries" | "sources" | "leadTypes" | "qualities" | "statuses" | "emailValidity" | "phoneValidity";

/** The list filters in the order the panel and the chips show them. */
export const LIST_FILTERS: readonly ListFilter[] = [
  "callToAction",
  "countries",
  "sources",
  "leadTypes",
  "qualities",
  "statuses",
  "emailValidity",
  "phoneValidity",
];

/** The query for one window of the view. */
export function windowOf(view: LeadView, offset: number, limit: number): LeadQuery_Deserialize {
  return { ...view, offset, limit };
}

/** How many filters are set (each list, the customer name and each date count once). */
export function activeFilterCount(filters: LeadFiltersView): number {
  return (
    LIST_FILTERS.filter((field) => filters[field].length > 0).length +
    (filters.customerName.trim() ? 1 : 0) +
    (filters.createdFrom ? 1 : 0) +
    (filters.createdTo ? 1 : 0)
  );
}

/** Whether a search or any filter narrows the list (the section and the sort do not count). */
export function isFiltered(view: LeadView): boolean {
  return view.search.trim().length > 0 || activeFilterCount(view.filters) > 0;
}

/** Text, codes and lists start at the top; dates, values and the quality start with the most telling. */
export function firstDirectionIsDescending(sort: LeadSort): boolean {
  switch (sort) {
    case "created":
    case "value":
    case "score":
      return true;
    case "customer":
    case "contact":
    case "emailValidity":
    case "phoneValidity":
    case "status":
    case "callToAction":
    case "source":
    case "quality":
    case "country":
    case "timeLeft":
      return false;
  }
}

/** Clicking a column header: the same column flips, another starts in its natural direction. */
export function sortedBy(view: LeadView, sort: LeadSort): LeadView {
  if (view.sort === sort) return { ...view, descending: !view.descending };
  return { ...view, sort, descending: firstDirectionIsDescending(sort) };
}

/** The day (UTC, as the backend counts it) of an RFC 3339 instant: YYYY-MM-DD. */
export function utcDay(rfc3339: string): string {
  const date = new Date(rfc3339);
  return Number.isNaN(date.getTime()) ? rfc3339.slice(0, 10) : date.toISOString().slice(0, 10);
}
