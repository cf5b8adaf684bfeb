// Helpers for the leads tests: what the table shows, what the UI asked Rust for, and what the
// fixture data says the answer must be (computed here from the records, independently of the mock).
import { ipcCalls, plain } from "./harness.mjs";
import { LEADS, NOW, fold } from "./leadFixtures.mjs";

export const NO_FILTERS = {
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

/** The first query the page sends: every lead, newest first, the first window. */
export const DEFAULT_QUERY = {
  section: "all",
  filters: NO_FILTERS,
  search: "",
  sort: "created",
  descending: true,
  offset: 0,
  limit: 100,
};

export const byId = new Map(LEADS.map((lead) => [lead.id, lead]));
const nowMs = Date.parse(NOW);
const informational = (l) => l.leadType === "Offer" && ["Get it now", "Free trial", "Test drive"].includes(l.callToAction);

/** Leads of a section matching filters and search, as SPEC §4 defines them. */
export function expectedLeads({ section = "all", search = "", filters = {} } = {}, leads = LEADS) {
  const f = { ...NO_FILTERS, ...filters };
  const needle = fold(search.trim());
  const customer = fold(f.customerName.trim());
  const inList = (list, value) => list.length === 0 || list.includes(value);
  return leads.filter((l) => {
    if (section === "marketplace" && l.classification !== "Customer inquiry") return false;
    if (section === "qualified" && l.classification === "Customer inquiry") return false;
    if (section === "favourites" && !l.favourite) return false;
    const day = l.createdAt.slice(0, 10);
    const text = fold(`${l.customerName} ${l.contactFirstName} ${l.contactLastName} ${l.email} ${l.offerName} ${l.id} ${l.deal.name ?? ""}`);
    return (
      (f.callToAction.length === 0 || (l.callToAction !== null && f.callToAction.includes(l.callToAction))) &&
      inList(f.countries, l.country) &&
      inList(f.sources, l.source) &&
      inList(f.leadTypes, l.leadType) &&
      inList(f.qualities, l.quality) &&
      inList(f.statuses, l.substatus) &&
      inList(f.emailValidity, l.emailValidity) &&
      inList(f.phoneValidity, l.phoneValidity) &&
      (!f.createdFrom || day >= f.createdFrom) &&
      (!f.createdTo || day <= f.createdTo) &&
      (!customer || fold(l.customerName).includes(customer)) &&
      (!needle || text.includes(needle))
    );
  });
}

/** What the action centre must count at NOW. */
export function expectedOverview(leads = LEADS) {
  const count = (predicate) => leads.filter(predicate).length;
  return {
    total: leads.length,
    marketplace: count((l) => l.classification === "Customer inquiry"),
    qualified: count((l) => l.classification !== "Customer inquiry"),
    favourites: count((l) => l.favourite),
    needsResponse: count((l) => l.substatus === "Received" && !informational(l)),
    hot: count((l) => l.substatus === "Received" && l.callToAction === "Contact me" && nowMs < Date.parse(l.createdAt) + 72 * 3_600_000),
    stale: count((l) => l.substatus === "Accepted" && nowMs - Date.parse(l.updatedAt) >= 30 * 86_400_000),
    accepted: count((l) => ["Accepted", "Won", "Lost"].includes(l.substatus)),
    complete: count((l) => ["Won", "Lost"].includes(l.substatus) && l.dealValue !== null && l.deal.estimatedClose !== null),
  };
}

/** The rendered rows, top to bottom: their ids, cell texts and records. */
export async function shownRows(page) {
  const rows = await page.getByTestId("lead-row").evaluateAll((trs) =>
    trs.map((tr) => ({
      id: tr.dataset.id,
      index: Number(tr.getAttribute("aria-rowindex")) - 2,
      cells: [...tr.cells].map((td) => td.innerText.trim()),
      validity: [...tr.querySelectorAll("[data-validity]")].map((b) => b.dataset.validity),
      pressed: tr.querySelector('[data-testid="heart"]')?.getAttribute("aria-pressed"),
    })),
  );
  return rows.map((row) => ({ ...row, cells: row.cells.map(plain), data: byId.get(row.id) }));
}

/** Waits until the table shows the answer to the latest query (not a previous one). */
export async function settled(page) {
  await page.waitForFunction(() => {
    const table = document.querySelector('[data-testid="lead-table"]');
    return table && table.getAttribute("aria-busy") === "false" && !document.querySelector('[data-testid="lead-row-loading"]');
  });
}

/** The count under the toolbar for `matched` leads (of `total` before filters, when filtered). */
export function countText(matched, total = null) {
  const noun = (n) => `${n.toLocaleString("en-US")} ${n === 1 ? "lead" : "leads"}`;
  return total === null ? noun(matched) : `${matched.toLocaleString("en-US")} of ${noun(total)}`;
}

export async function waitForCount(page, matched, total = null) {
  await page.getByTestId("lead-count").getByText(countText(matched, total), { exact: true }).waitFor();
  await settled(page);
}

/** The query of the latest queryLeads call. */
export async function lastQuery(page) {
  const calls = await ipcCalls(page, "query_leads");
  return calls.at(-1)?.args.query;
}

/** Opens the Leads page and waits for its first rows. */
export async function openLeads(harness, overrides = {}, options = {}) {
  const opened = await harness.open(overrides, { hash: "leads", ...options });
  await opened.page.getByTestId("lead-row").first().waitFor();
  await settled(opened.page);
  return opened;
}

/** Opens lead `id` from the list (searching for it first) and waits for its details. */
export async function openLead(page, id) {
  const lead = byId.get(id);
  await page.getByTestId("lead-search").fill(lead.customerName);
  await page.locator(`[data-testid="lead-row"][data-id="${id}"]`).waitFor();
  await settled(page);
  await page.locator(`[data-testid="lead-row"][data-id="${id}"] td`).nth(1).click();
  const drawer = page.getByTestId("lead-drawer");
  await drawer.getByTestId("lead-contact").waitFor();
  return drawer;
}
