// The Opportunities page (SPEC §3.3) against the mocked backend: what it shows, and what it asks
// Rust for (filtering, search, sort and windows all run on the Rust side).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { ipcCalls, plain, startHarness } from "./support/harness.mjs";
import { EMPTY_WORKSPACE } from "./support/fixtures.mjs";
import { EXPORT_PATH, OPPORTUNITIES, opportunityState } from "./support/opportunityFixtures.mjs";
import { LISTED, expectedRows, lastQuery, openOpportunities, settled, shownRows, waitForCount } from "./support/opportunities.mjs";

let harness;
before(async () => {
  harness = await startHarness();
});
after(async () => {
  await harness?.close();
});

const DEFAULT_QUERY = {
  tab: "all",
  search: "",
  statuses: [],
  types: [],
  dismissed: false,
  addedFrom: null,
  addedTo: null,
  sort: "dateAdded",
  descending: true,
  offset: 0,
  limit: 100,
};

const count = (rows, predicate) => rows.filter(predicate).length;
const fmt = (n) => n.toLocaleString("en-US");

test("the page shows the snapshot date, the overview, the prioritised counts and the newest opportunities first", async () => {
  const { page, problems } = await openOpportunities(harness);
  assert.equal(plain(await page.getByTestId("page-intro").innerText()), "Snapshot as of Mar 31, 2025 · Last refreshed Apr 2, 2025, 10:15 AM");

  assert.match(plain(await page.getByTestId("overview-customers").innerText()), /Total customer tenants\s+3,000/);
  const tenants = new Set(LISTED.map((r) => r.tenantId)).size;
  assert.match(plain(await page.getByTestId("overview-customers").innerText()), new RegExp(`${tenants} with opportunities`));
  for (const type of ["acquisition", "retention", "growth"]) {
    const n = count(LISTED, (r) => r.type === type);
    assert.match(plain(await page.getByTestId(`overview-${type}`).innerText()), new RegExp(`\\b${n}$`), `overview ${type}`);
    for (const status of ["high", "medium"]) {
      const m = count(LISTED, (r) => r.type === type && r.status === status);
      assert.equal(
        plain(await page.getByTestId(`prioritized-${type}-${status}`).innerText()).replace(/\s+/g, " "),
        `${status === "high" ? "High" : "Medium"} ${m}`,
      );
    }
  }
  assert.match(await page.getByTestId("overview-dismissed").innerText(), /4 dismissed recommendations are hidden\./);

  const first = (await ipcCalls(page, "query_opportunities"))[0];
  assert.deepEqual(first.args, { language: "en", query: DEFAULT_QUERY });
  assert.equal(await page.getByTestId("opportunity-count").innerText(), `${LISTED.length} opportunities`);

  const rows = await shownRows(page);
  assert.ok(rows.length >= 10 && rows.length < 60, `only the rows around the viewport are rendered (${rows.length} of ${LISTED.length})`);
  const dates = rows.map((r) => r.data.dateAdded);
  assert.deepEqual(dates, [...dates].sort().reverse(), "newest first");
  const top = rows[0];
  assert.equal(top.cells[0], `${top.data.customer}\n${top.data.domain}`);
  assert.equal(top.cells[1], top.data.recommendation);
  assert.equal(top.cells[2].replace(/\s+/g, " "), `${top.data.status[0].toUpperCase()}${top.data.status.slice(1)} ${top.data.probabilityPct}%`);
  assert.equal(top.cells[4], fmt(top.data.seats));
  assert.equal(top.cells[5], "Mar 31, 2025");
  assert.equal(await page.getByTestId("sort-dateAdded").getAttribute("aria-sort"), "descending");
  assert.equal(await page.getByTestId("opportunity-table").getAttribute("aria-rowcount"), String(LISTED.length + 1));
  assert.deepEqual(problems, []);
  await page.close();
});

test("tabs switch the query and the rows; the type filter only exists on All", async () => {
  const { page, problems } = await openOpportunities(harness);
  await page.getByTestId("tab-retention").click();
  const retention = expectedRows({ tab: "retention" });
  await waitForCount(page, retention.length);
  assert.deepEqual(await lastQuery(page), { ...DEFAULT_QUERY, tab: "retention" });
  const rows = await shownRows(page);
  assert.ok(rows.length > 0);
  for (const row of rows) assert.equal(row.cells[3], "Customer retention");
  assert.equal(await page.getByTestId("filter-type").count(), 0);

  await page.getByTestId("tab-acquisition").click();
  await waitForCount(page, expectedRows({ tab: "acquisition" }).length);
  for (const row of await shownRows(page)) assert.equal(row.data.type, "acquisition");

  await page.getByTestId("tab-all").click();
  await waitForCount(page, LISTED.length);
  assert.equal(await page.getByTestId("filter-type").count(), 1);
  assert.deepEqual(problems, []);
  await page.close();
});

test("search is sent to Rust once typing pauses, ignores case and accents, and the count follows", async () => {
  const { page, problems } = await openOpportunities(harness);
  const before = (await ipcCalls(page, "query_opportunities")).length;
  await page.getByTestId("opportunity-search").pressSequentially("ZURICH", { delay: 30 });
  const matches = expectedRows({ search: "zurich" });
  assert.ok(matches.length > 1 && matches.every((r) => r.customer.includes("Zürich")));
  await waitForCount(page, matches.length);
  const searches = (await ipcCalls(page, "query_opportunities")).slice(before).map((c) => c.args.query.search);
  assert.deepEqual([...new Set(searches)], ["ZURICH"], "one search, after the typing stopped");
  for (const row of await shownRows(page)) assert.match(row.cells[0], /Café Zürich/);

  // By domain too.
  await page.getByTestId("opportunity-search").fill("onmicrosoft");
  await waitForCount(page, expectedRows({ search: "onmicrosoft" }).length);

  await page.getByTestId("opportunity-search").fill("no such tenant");
  await page.getByTestId("opportunity-table-empty").getByText("No opportunities match your search and filters.").waitFor();
  await waitForCount(page, 0);
  await page.getByTestId("opportunity-table-empty").getByRole("button", { name: "Clear filters" }).click();
  await waitForCount(page, LISTED.length);
  assert.equal(await page.getByTestId("opportunity-search").inputValue(), "");
  assert.deepEqual(problems, []);
  await page.close();
});

test("clicking a column header sorts: in the request, on screen and in aria-sort", async () => {
  const { page, problems } = await openOpportunities(harness);
  await page.getByTestId("sort-customer").click();
  await page.waitForFunction(() => document.querySelector('[data-testid="sort-customer"]').getAttribute("aria-sort") === "ascending");
  await settled(page);
  assert.deepEqual(await lastQuery(page), { ...DEFAULT_QUERY, sort: "customer", descending: false });
  let names = (await shownRows(page)).map((r) => r.data.customer);
  assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b, "en")));
  assert.equal(names[0], [...LISTED].map((r) => r.customer).sort((a, b) => a.localeCompare(b, "en"))[0]);

  await page.getByTestId("sort-customer").click();
  await page.waitForFunction(() => document.querySelector('[data-testid="sort-customer"]').getAttribute("aria-sort") === "descending");
  await settled(page);
  assert.deepEqual(await lastQuery(page), { ...DEFAULT_QUERY, sort: "customer", descending: true });
  names = (await shownRows(page)).map((r) => r.data.customer);
  assert.deepEqual(names, [...names].sort((a, b) => b.localeCompare(a, "en")));

  // Numbers start with the largest.
  await page.getByTestId("sort-seats").click();
  await page.waitForFunction(() => document.querySelector('[data-testid="sort-seats"]').getAttribute("aria-sort") === "descending");
  await settled(page);
  assert.deepEqual(await lastQuery(page), { ...DEFAULT_QUERY, sort: "seats", descending: true });
  const seats = (await shownRows(page)).map((r) => r.data.seats);
  assert.deepEqual(seats, [...seats].sort((a, b) => b - a));
  assert.equal(seats[0], Math.max(...LISTED.map((r) => r.seats)));
  assert.equal(await page.getByTestId("sort-customer").getAttribute("aria-sort"), "none");

  await page.getByTestId("sort-probability").click();
  await settled(page);
  await page.waitForFunction(() => document.querySelector('[data-testid="sort-probability"]').getAttribute("aria-sort") === "descending");
  await settled(page);
  const statuses = (await shownRows(page)).map((r) => r.data.status);
  assert.ok(statuses.every((s) => s === "high"), "High first");
  assert.deepEqual(problems, []);
  await page.close();
});

test("probability, type and date-added filters narrow the query; Clear filters resets them", async () => {
  const { page, problems } = await openOpportunities(harness);
  await page.getByTestId("filter-probability").click();
  await page.getByTestId("filter-probability-high").click();
  await page.getByTestId("filter-probability-medium").click();
  await page.keyboard.press("Escape");
  await waitForCount(page, expectedRows({ statuses: ["high", "medium"] }).length);
  assert.deepEqual((await lastQuery(page)).statuses, ["high", "medium"]);
  assert.equal(await page.getByTestId("filter-probability").innerText(), "High, Medium");

  await page.getByTestId("filter-type").click();
  await page.getByTestId("filter-type-growth").click();
  await page.keyboard.press("Escape");
  await waitForCount(page, expectedRows({ statuses: ["high", "medium"], types: ["growth"] }).length);
  assert.deepEqual((await lastQuery(page)).types, ["growth"]);

  await page.getByTestId("filter-added-from").fill("2024-12-01");
  await page.getByTestId("filter-added-from").press("Tab");
  await page.getByTestId("filter-added-to").fill("2025-02-28");
  await page.getByTestId("filter-added-to").press("Enter");
  const view = { statuses: ["high", "medium"], types: ["growth"], addedFrom: "2024-12-01", addedTo: "2025-02-28" };
  await waitForCount(page, expectedRows(view).length);
  assert.deepEqual(await lastQuery(page), { ...DEFAULT_QUERY, ...view });
  for (const row of await shownRows(page)) {
    assert.ok(row.data.dateAdded >= "2024-12-01" && row.data.dateAdded <= "2025-02-28");
    assert.notEqual(row.data.status, "low");
  }

  await page.getByTestId("clear-filters").click();
  await waitForCount(page, LISTED.length);
  assert.deepEqual(await lastQuery(page), DEFAULT_QUERY);
  assert.equal(await page.getByTestId("filter-added-from").inputValue(), "");
  assert.deepEqual(problems, []);
  await page.close();
});

test("the date-added filter is empty until a date is typed; what is not a date is refused, not sent", async () => {
  const { page, problems } = await openOpportunities(harness);
  const from = page.getByTestId("filter-added-from");
  const to = page.getByTestId("filter-added-to");
  // Empty, and honestly so: text inputs with a placeholder (WebKitGTK paints an empty
  // type=date input with today's date).
  for (const input of [from, to]) {
    assert.equal(await input.getAttribute("type"), "text");
    assert.equal(await input.inputValue(), "");
    assert.equal(await input.getAttribute("placeholder"), "YYYY-MM-DD");
  }
  assert.equal(await page.getByTestId("clear-filters").isDisabled(), true);
  assert.deepEqual(await lastQuery(page), DEFAULT_QUERY);

  // Typing does not query; leaving the box does, with the date as typed (normalised).
  const queries = (await ipcCalls(page, "query_opportunities")).length;
  await from.fill("2025-1-31");
  await page.waitForTimeout(200);
  assert.equal((await ipcCalls(page, "query_opportunities")).length, queries, "nothing is sent while typing");
  await from.blur();
  await waitForCount(page, expectedRows({ addedFrom: "2025-01-31" }).length);
  assert.deepEqual(await lastQuery(page), { ...DEFAULT_QUERY, addedFrom: "2025-01-31" });
  assert.equal(await from.inputValue(), "2025-01-31");
  for (const row of await shownRows(page)) assert.ok(row.data.dateAdded >= "2025-01-31");

  // Not a date: marked, explained, and the query keeps the date it had.
  const sent = (await ipcCalls(page, "query_opportunities")).length;
  await to.fill("2025-02-30");
  await to.press("Enter");
  const problem = page.getByTestId("date-filter-problem");
  await problem.getByText("Enter a date as YYYY-MM-DD, for example 2025-03-31.").waitFor();
  assert.equal(await to.getAttribute("aria-invalid"), "true");
  assert.equal(await to.getAttribute("aria-describedby"), await problem.getAttribute("id"));
  // An end before the start is refused too.
  await to.fill("2024-12-31");
  await to.press("Enter");
  await problem.getByText("The start date is after the end date.").waitFor();
  await page.waitForTimeout(100);
  assert.equal((await ipcCalls(page, "query_opportunities")).length, sent, "nothing invalid was sent");
  assert.ok((await ipcCalls(page, "query_opportunities")).every((c) => c.args.query.addedTo === null));

  await to.fill("2025-03-15");
  await to.press("Enter");
  await waitForCount(page, expectedRows({ addedFrom: "2025-01-31", addedTo: "2025-03-15" }).length);
  assert.equal(await problem.count(), 0);
  assert.equal(await to.getAttribute("aria-invalid"), null);
  assert.deepEqual(await lastQuery(page), { ...DEFAULT_QUERY, addedFrom: "2025-01-31", addedTo: "2025-03-15" });

  // Emptying a box removes that bound; Clear filters empties both.
  await from.fill("");
  await from.blur();
  await waitForCount(page, expectedRows({ addedTo: "2025-03-15" }).length);
  assert.equal((await lastQuery(page)).addedFrom, null);
  await to.fill("not a date");
  await to.blur();
  await problem.waitFor();
  await page.getByTestId("clear-filters").click();
  await waitForCount(page, LISTED.length);
  assert.equal(await to.inputValue(), "");
  assert.equal(await problem.count(), 0);
  assert.deepEqual(await lastQuery(page), DEFAULT_QUERY);
  assert.deepEqual(problems, []);
  await page.close();
});

test("Show dismissed lists the dismissed recommendations; Restore brings one back; Back returns", async () => {
  const dismissed = OPPORTUNITIES.filter((r) => r.dismissed);
  assert.equal(dismissed.length, 4);
  const { page, problems } = await openOpportunities(harness);
  const link = page.getByTestId("show-dismissed");
  assert.equal(plain(await link.innerText()), "Show dismissed (4)");
  await link.click();

  const banner = page.getByTestId("dismissed-banner");
  await banner.getByText("Dismissed recommendations").waitFor();
  await page.getByTestId("opportunity-count").getByText("4 dismissed recommendations").waitFor();
  await settled(page);
  assert.deepEqual(await lastQuery(page), { ...DEFAULT_QUERY, dismissed: true });
  let rows = await shownRows(page);
  assert.deepEqual(
    rows.map((r) => r.key).sort(),
    dismissed.map((r) => r.key).sort(),
  );
  assert.equal(await link.count(), 0, "the link gives way to the banner's way back");
  assert.equal(await page.getByTestId("opportunity-row").getByTestId("dismiss").count(), 0);
  // Filters and tabs still apply to the dismissed list.
  const growth = dismissed.filter((r) => r.type === "growth");
  await page.getByTestId("tab-growth").click();
  await page.getByTestId("opportunity-count").getByText(`${growth.length} dismissed recommendation${growth.length === 1 ? "" : "s"}`, { exact: true }).waitFor();
  assert.deepEqual(await lastQuery(page), { ...DEFAULT_QUERY, tab: "growth", dismissed: true });
  await page.getByTestId("tab-all").click();
  await page.getByTestId("opportunity-count").getByText("4 dismissed recommendations").waitFor();
  await settled(page);

  rows = await shownRows(page);
  const restored = rows[0];
  const restore = page.locator(`[data-testid="opportunity-row"][data-key="${restored.key}"]`).getByTestId("restore");
  assert.equal(await restore.innerText(), "Restore");
  assert.equal(await restore.getAttribute("aria-label"), `Restore the recommendation for ${restored.data.customer}`);
  await restore.click();
  await page.getByTestId("restore-toast").getByText(`The recommendation for ${restored.data.customer} is listed again.`).waitFor();
  await page.getByTestId("opportunity-count").getByText("3 dismissed recommendations").waitFor();
  assert.deepEqual((await ipcCalls(page, "set_opportunity_dismissed")).map((c) => c.args), [
    { language: "en", key: restored.key, dismissed: false },
  ]);
  await page.getByTestId("overview-dismissed").getByText("3 dismissed recommendations are hidden.").waitFor();

  await page.getByTestId("hide-dismissed").click();
  await waitForCount(page, LISTED.length + 1);
  assert.deepEqual(await lastQuery(page), DEFAULT_QUERY);
  assert.equal(await banner.count(), 0);
  assert.equal(plain(await link.innerText()), "Show dismissed (3)");
  // The restored one is listed again.
  await page.getByTestId("opportunity-search").fill(restored.data.customer);
  await page.locator(`[data-testid="opportunity-row"][data-key="${restored.key}"]`).waitFor();

  // Every query and export the page sent said whether it lists the dismissed ones.
  await page.getByTestId("opportunities-export").click();
  await page.getByTestId("export-message").waitFor();
  const sent = [...(await ipcCalls(page, "query_opportunities")), ...(await ipcCalls(page, "export_opportunities"))];
  assert.ok(sent.length > 5);
  for (const call of sent) assert.equal(typeof call.args.query.dismissed, "boolean", JSON.stringify(call.args.query));
  assert.deepEqual(problems, []);
  await page.close();
});

test("Show dismissed is hidden while nothing is dismissed; the dismissed list keeps its way back when it empties", async () => {
  const rows = OPPORTUNITIES.map((r) => ({ ...r, dismissed: false }));
  const none = await openOpportunities(harness, { opportunities: opportunityState({ rows }) });
  assert.equal(await none.page.getByTestId("show-dismissed").count(), 0);
  assert.equal(await none.page.getByTestId("overview-dismissed").count(), 0);
  assert.deepEqual(none.problems, []);
  await none.page.close();

  const one = rows.map((r, i) => (i === 5 ? { ...r, dismissed: true } : r));
  const { page, problems } = await openOpportunities(harness, { opportunities: opportunityState({ rows: one }) });
  await page.getByTestId("show-dismissed").getByText("Show dismissed (1)").click();
  await page.getByTestId("opportunity-count").getByText("1 dismissed recommendation").waitFor();
  await settled(page);
  await page.getByTestId("restore").click();
  await page.getByTestId("opportunity-table-empty").getByText("There are no dismissed recommendations in this view.").waitFor();
  await page.getByTestId("dismissed-banner").waitFor();
  await page.getByTestId("hide-dismissed").click();
  await waitForCount(page, rows.length);
  assert.equal(await page.getByTestId("show-dismissed").count(), 0);
  assert.deepEqual(problems, []);
  await page.close();
});

test("scrolling fetches the windows around the viewport, never the whole table", async () => {
  const { page, problems } = await openOpportunities(harness);
  await page.locator("main").evaluate((main) => main.scrollTo(0, main.scrollHeight));
  const last = page.locator(`[data-testid="opportunity-row"][aria-rowindex="${LISTED.length + 1}"]`);
  await last.waitFor();
  await settled(page);
  const windows = (await ipcCalls(page, "query_opportunities")).map((c) => [c.args.query.offset, c.args.query.limit]);
  assert.ok(windows.some(([offset]) => offset === 300), `the last window was fetched: ${JSON.stringify(windows)}`);
  assert.ok(windows.every(([offset, limit]) => limit === 100 && offset % 100 === 0), JSON.stringify(windows));
  assert.ok(!windows.some(([offset]) => offset === 100), "the windows in between were skipped");
  const rendered = await page.getByTestId("opportunity-row").count();
  assert.ok(rendered < 60, `${rendered} rows rendered`);
  const lastRow = (await shownRows(page)).at(-1);
  assert.equal(lastRow.index, LISTED.length - 1);
  // The header stays on top of the scrolled table.
  const header = await page.getByTestId("sort-customer").boundingBox();
  assert.ok(header.y >= 48 && header.y < 120, `sticky header at ${header.y}`);
  assert.deepEqual(problems, []);
  await page.close();
});

test("rows are keyboard navigable: arrows, Home and End move, Enter opens the flyout", async () => {
  const { page, problems } = await openOpportunities(harness);
  const focused = () => page.evaluate(() => Number(document.activeElement?.getAttribute("aria-rowindex")));
  await page.getByTestId("opportunity-row").first().focus();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  assert.equal(await focused(), 4);
  await page.keyboard.press("End");
  await page.waitForFunction((n) => Number(document.activeElement?.getAttribute("aria-rowindex")) === n, LISTED.length + 1);
  await page.keyboard.press("Home");
  await page.waitForFunction(() => Number(document.activeElement?.getAttribute("aria-rowindex")) === 2);
  await page.keyboard.press("ArrowDown");
  const second = (await shownRows(page))[1];
  await page.keyboard.press("Enter");
  await page.getByTestId("flyout-customer").getByText(second.data.customer, { exact: true }).waitFor();
  assert.equal(await page.getByTestId("opportunity-row").first().getAttribute("aria-describedby") !== null, true);
  assert.deepEqual(problems, []);
  await page.close();
});

test("Export writes the current view: the query without its window, and says where", async () => {
  const { page, problems } = await openOpportunities(harness);
  await page.getByTestId("tab-growth").click();
  await page.getByTestId("opportunity-search").fill("boston");
  const rows = expectedRows({ tab: "growth", search: "boston" });
  await waitForCount(page, rows.length);
  await page.getByTestId("opportunities-export").click();
  await page.getByTestId("export-message").waitFor();
  assert.equal(plain(await page.getByTestId("export-message").innerText()), `${rows.length} rows exported to ${EXPORT_PATH}`);
  const [call] = await ipcCalls(page, "export_opportunities");
  assert.deepEqual(call.args, {
    language: "en",
    query: { ...DEFAULT_QUERY, tab: "growth", search: "boston", offset: 0, limit: 4294967295 },
    path: null,
  });
  assert.deepEqual(problems, []);
  await page.close();

  // Cancelling the save dialog (null) says nothing.
  const cancelled = await openOpportunities(harness, { opportunities: opportunityState({ exportCancelled: true }) });
  await cancelled.page.getByTestId("opportunities-export").click();
  await cancelled.page.waitForFunction(() => window.__PA_CALLS__.some((c) => c.cmd === "export_opportunities"));
  await cancelled.page.getByTestId("opportunities-export").getByText("Export").waitFor();
  assert.equal(await cancelled.page.getByTestId("export-message").count(), 0);
  assert.equal(await cancelled.page.getByTestId("outcome-error").count(), 0);
  assert.deepEqual(cancelled.problems, []);
  await cancelled.page.close();
});

test("Refresh shows a spinner, then the new, kept and gone counts, and reloads", async () => {
  const { page, problems } = await openOpportunities(harness);
  const overviews = (await ipcCalls(page, "opportunities_overview")).length;
  await page.getByTestId("opportunities-refresh").click();
  await page.getByTestId("opportunities-refresh").getByText("Refreshing…").waitFor();
  assert.equal(await page.getByTestId("opportunities-refresh").isDisabled(), true);
  await page.getByTestId("refresh-message").waitFor();
  const message = plain(await page.getByTestId("refresh-message").innerText()).replace(/\s+/g, " ");
  assert.ok(message.startsWith("Opportunities refreshed"), message);
  assert.ok(
    message.endsWith(`${LISTED.length} opportunities from the snapshot of Mar 31, 2025. New: 0. Kept their date added: ${LISTED.length}. No longer apply: 0.`),
    message,
  );
  await page.waitForFunction((n) => window.__PA_CALLS__.filter((c) => c.cmd === "opportunities_overview").length > n, overviews);
  assert.deepEqual((await ipcCalls(page, "refresh_opportunities")).map((c) => c.args), [{ language: "en" }]);
  await page.getByTestId("refresh-message").getByRole("button", { name: "Close" }).click();
  assert.equal(await page.getByTestId("refresh-message").count(), 0);
  assert.deepEqual(problems, []);
  await page.close();
});

test("feedback: helpful or not, with a reason and a comment, stored and cleared", async () => {
  const { page, problems } = await openOpportunities(harness);
  const row = (await shownRows(page)).find((r) => r.data.feedback === null);
  const tr = page.locator(`[data-testid="opportunity-row"][data-key="${row.key}"]`);
  await tr.getByTestId("feedback-not-helpful").click();
  const form = page.getByTestId("feedback-form");
  await form.getByText("Why is it not helpful?").waitFor();
  await form.getByText("Wrong product").click();
  await form.getByTestId("feedback-comment").fill("They need E5, not Business Premium.");
  await form.getByTestId("feedback-save").click();
  await form.waitFor({ state: "detached" });
  let calls = await ipcCalls(page, "set_opportunity_feedback");
  assert.deepEqual(calls.at(-1).args, {
    language: "en",
    key: row.key,
    feedback: { helpful: false, reason: "wrongProduct", comment: "They need E5, not Business Premium." },
  });
  await page.waitForFunction((key) => document.querySelector(`[data-key="${key}"] [data-testid="feedback-not-helpful"]`).getAttribute("aria-pressed") === "true", row.key);
  assert.equal(await tr.getByTestId("feedback-helpful").getAttribute("aria-pressed"), "false");
  assert.equal(await page.getByTestId("opportunity-flyout").count(), 0, "the popover does not open the flyout");

  // Reopened, it shows what was stored; Clear feedback removes it.
  await tr.getByTestId("feedback-not-helpful").click();
  assert.equal(await form.getByTestId("feedback-comment").inputValue(), "They need E5, not Business Premium.");
  assert.equal(await form.getByTestId("feedback-reason-wrongProduct").isChecked(), true);
  await form.getByTestId("feedback-clear").click();
  await form.waitFor({ state: "detached" });
  calls = await ipcCalls(page, "set_opportunity_feedback");
  assert.deepEqual(calls.at(-1).args, { language: "en", key: row.key, feedback: null });
  await page.waitForFunction((key) => document.querySelector(`[data-key="${key}"] [data-testid="feedback-not-helpful"]`).getAttribute("aria-pressed") === "false", row.key);

  // Helpful, without a reason.
  await tr.getByTestId("feedback-helpful").click();
  await form.getByText("What makes it helpful?").waitFor();
  await form.getByTestId("feedback-save").click();
  await form.waitFor({ state: "detached" });
  calls = await ipcCalls(page, "set_opportunity_feedback");
  assert.deepEqual(calls.at(-1).args.feedback, { helpful: true, reason: null, comment: null });
  assert.equal(await tr.getByTestId("feedback-helpful").getAttribute("aria-pressed"), "true");
  assert.deepEqual(problems, []);
  await page.close();
});

test("Dismiss hides the row at once and Undo brings it back", async () => {
  const { page, problems } = await openOpportunities(harness);
  const row = (await shownRows(page))[0];
  await page.locator(`[data-testid="opportunity-row"][data-key="${row.key}"]`).getByTestId("dismiss").click();
  await waitForCount(page, LISTED.length - 1);
  assert.equal(await page.locator(`[data-key="${row.key}"]`).count(), 0);
  assert.deepEqual((await ipcCalls(page, "set_opportunity_dismissed")).map((c) => c.args), [{ language: "en", key: row.key, dismissed: true }]);
  const toast = page.getByTestId("dismiss-toast");
  await toast.getByText(`The recommendation for ${row.data.customer} was dismissed.`).waitFor();
  await page.getByTestId("overview-dismissed").getByText("5 dismissed recommendations are hidden.").waitFor();

  await page.getByTestId("dismiss-undo").click();
  await waitForCount(page, LISTED.length);
  await page.locator(`[data-key="${row.key}"]`).waitFor();
  assert.deepEqual((await ipcCalls(page, "set_opportunity_dismissed")).at(-1).args, { language: "en", key: row.key, dismissed: false });
  assert.deepEqual(problems, []);
  await page.close();
});

test("a data-changed event for the opportunities reloads the page; other areas do not", async () => {
  const { page, problems } = await openOpportunities(harness);
  const overviews = () => ipcCalls(page, "opportunities_overview").then((c) => c.length);
  const before = await overviews();
  await page.evaluate(() => window.__PA_EMIT__("data-changed", { area: "leads" }));
  await page.waitForTimeout(200);
  assert.equal(await overviews(), before);

  const kept = OPPORTUNITIES.slice(0, 60);
  await page.evaluate((rows) => {
    window.__PA_OPPORTUNITIES__.rows = rows;
    window.__PA_EMIT__("data-changed", { area: "opportunities" });
  }, kept);
  await waitForCount(page, kept.filter((r) => !r.dismissed).length);
  assert.ok((await overviews()) > before);
  assert.deepEqual(problems, []);
  await page.close();
});

test("before the first refresh: a friendly empty state whose Refresh fills the page", async () => {
  const { page, problems } = await harness.open({ opportunities: opportunityState({ refreshed: false }) }, { hash: "opportunities" });
  const empty = page.getByTestId("opportunities-empty");
  await empty.getByText("No opportunities yet").waitFor();
  assert.equal(await page.getByTestId("opportunity-table").count(), 0);
  assert.equal(await page.getByTestId("opportunities-export").count(), 0);
  assert.equal(await page.getByTestId("opportunities-refresh").count(), 0, "one Refresh button, in the empty state");
  await empty.getByTestId("empty-refresh").click();
  await empty.getByText("Refreshing…").waitFor();
  await page.getByTestId("refresh-message").waitFor();
  assert.match(plain(await page.getByTestId("refresh-message").innerText()), new RegExp(`New: ${LISTED.length}\\. Kept their date added: 0\\.`));
  await page.getByTestId("opportunity-row").first().waitFor();
  await waitForCount(page, LISTED.length);
  assert.deepEqual(problems, []);
  await page.close();

  // A workspace without any snapshot says where to start instead.
  const bare = await harness.open(
    { workspace: EMPTY_WORKSPACE, opportunities: opportunityState({ refreshed: false }) },
    { hash: "opportunities" },
  );
  await bare.page.getByTestId("opportunities-empty").getByText("import your customers' data on the Data page first", { exact: false }).waitFor();
  assert.equal(await bare.page.getByTestId("empty-refresh").isDisabled(), true);
  assert.deepEqual(bare.problems, []);
  await bare.page.close();
});

test("IPC errors are explained by their code", async () => {
  const database = { code: "database", message: "disk I/O error", details: null };
  const { page, problems } = await harness.open(
    { opportunities: opportunityState({ failures: { query_opportunities: database } }) },
    { hash: "opportunities" },
  );
  const bar = page.locator('[data-error-code="database"]');
  await bar.waitFor();
  assert.match(await bar.innerText(), /The opportunities could not be loaded\.[\s\S]*The workspace database reported an error\./);

  await page.evaluate(() => {
    window.__PA_OPPORTUNITIES__.failures = { refresh_opportunities: { code: "noWorkspaceOpen", message: "", details: null } };
  });
  await page.getByTestId("opportunities-refresh").click();
  await page.getByTestId("outcome-error").getByText("The opportunities could not be refreshed.").waitFor();
  assert.deepEqual(problems, []);
  await page.close();
});

test("Polish: labels, counts, dates and the language sent to Rust", async () => {
  const { page, problems } = await openOpportunities(harness, { settings: { language: "pl" } });
  assert.equal(await page.locator("h1").innerText(), "Szanse sprzedaży");
  assert.equal(plain(await page.getByTestId("opportunity-count").innerText()), `${LISTED.length} szans sprzedaży`);
  assert.equal(await page.getByTestId("tab-retention").innerText(), "Utrzymanie klientów");
  assert.equal((await shownRows(page))[0].cells[5], "31 mar 2025");
  assert.ok((await ipcCalls(page, "query_opportunities")).every((c) => c.args.language === "pl"));
  assert.ok((await ipcCalls(page, "opportunities_overview")).every((c) => c.args.language === "pl"));
  assert.deepEqual(problems, []);
  await page.close();
});
