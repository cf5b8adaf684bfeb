// Helpers for the opportunities tests: what the table shows, what the UI asked for, and what
// the fixture data says the answer must be (computed here, independently of the mock).
import { ipcCalls, plain } from "./harness.mjs";
import { OPPORTUNITIES, fold } from "./opportunityFixtures.mjs";

/** The rows the backend lists (dismissed ones are not). */
export const LISTED = OPPORTUNITIES.filter((row) => !row.dismissed);

/** Fixture rows matching a view, as SPEC §3.3 defines the search and filters. */
export function expectedRows({ tab = "all", search = "", statuses = [], types = [], addedFrom = null, addedTo = null } = {}, rows = LISTED) {
  const needle = fold(search.trim());
  return rows.filter(
    (row) =>
      (tab === "all" || row.type === tab) &&
      (types.length === 0 || types.includes(row.type)) &&
      (statuses.length === 0 || statuses.includes(row.status)) &&
      (!addedFrom || row.dateAdded >= addedFrom) &&
      (!addedTo || row.dateAdded <= addedTo) &&
      (!needle || fold(row.customer).includes(needle) || fold(row.domain).includes(needle)),
  );
}

export const byKey = new Map(OPPORTUNITIES.map((row) => [row.key, row]));

/** The rendered rows, top to bottom: their keys and cell texts. */
export async function shownRows(page) {
  const rows = await page.getByTestId("opportunity-row").evaluateAll((trs) =>
    trs.map((tr) => ({
      key: tr.dataset.key,
      index: Number(tr.getAttribute("aria-rowindex")) - 2,
      cells: [...tr.cells].map((td) => td.innerText.trim()),
    })),
  );
  return rows.map((row) => ({ ...row, cells: row.cells.map(plain), data: byKey.get(row.key) }));
}

/** Waits until the table shows the answer to the latest query (not a previous one). */
export async function settled(page) {
  await page.waitForFunction(() => {
    const table = document.querySelector('[data-testid="opportunity-table"]');
    return table && table.getAttribute("aria-busy") === "false" && !document.querySelector('[data-testid="opportunity-row-loading"]');
  });
}

/** Waits for the result count ("1,234 opportunities"). */
export async function waitForCount(page, count) {
  const text = `${count.toLocaleString("en-US")} ${count === 1 ? "opportunity" : "opportunities"}`;
  await page.getByTestId("opportunity-count").getByText(text, { exact: true }).waitFor();
  await settled(page);
}

/** The query of the latest queryOpportunities call. */
export async function lastQuery(page) {
  const calls = await ipcCalls(page, "query_opportunities");
  return calls.at(-1)?.args.query;
}

/** Opens the opportunities page and waits for its first rows. */
export async function openOpportunities(harness, overrides = {}, options = {}) {
  const opened = await harness.open(overrides, { hash: "opportunities", ...options });
  await opened.page.getByTestId("opportunity-row").first().waitFor();
  await settled(opened.page);
  return opened;
}
