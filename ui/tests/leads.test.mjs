// The Leads page (SPEC §4) against the mocked backend: the action centre, the lists, search,
// filters and sort (all run on the Rust side, so the tests check what the UI asks for), hearts,
// export, and the way in from lead alerts and desktop notifications.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { ipcCalls, plain, startHarness } from "./support/harness.mjs";
import { LEAD_EXPORT_PATH, LEADS, leadState } from "./support/leadFixtures.mjs";
import { scoringState } from "./support/scoringFixtures.mjs";
import {
  DEFAULT_QUERY,
  NO_FILTERS,
  byId,
  countText,
  expectedLeads,
  expectedOverview,
  lastQuery,
  openLeads,
  settled,
  shownRows,
  waitForCount,
} from "./support/leads.mjs";

let harness;
before(async () => {
  harness = await startHarness();
});
after(async () => {
  await harness?.close();
});

const TOTAL = LEADS.length;
const overview = expectedOverview();

test("the page shows the action centre, responsiveness, the lists' counts and a window of the newest leads", async () => {
  const { page, problems } = await openLeads(harness);
  const first = (await ipcCalls(page, "query_leads"))[0];
  assert.deepEqual(first.args, { query: DEFAULT_QUERY });
  assert.equal(await page.getByTestId("lead-count").innerText(), countText(TOTAL));
  assert.equal(await page.getByTestId("lead-table").getAttribute("aria-rowcount"), String(TOTAL + 1));

  assert.equal(await page.getByTestId("action-needs-response-value").innerText(), String(overview.needsResponse));
  assert.equal(await page.getByTestId("action-hot-value").innerText(), String(overview.hot));
  assert.equal(await page.getByTestId("action-stale-value").innerText(), String(overview.stale));
  assert.match(plain(await page.getByTestId("action-needs-response").innerText()), /Soonest: \d+ (hours|days) left/);
  assert.match(plain(await page.getByTestId("responsiveness-median-value").innerText()), /^\d+(\.\d)? hr$|^\d+(\.\d)? days$/);
  const share = Math.round((100 * overview.complete) / overview.accepted);
  assert.equal(await page.getByTestId("responsiveness-complete-value").innerText(), `${share}%`);
  assert.match(await page.getByTestId("responsiveness-complete").innerText(), new RegExp(`${overview.complete} of ${overview.accepted} accepted leads`));

  // The most urgent first: the Contact-me leads of the last 72 hours.
  const items = page.getByTestId("action-item");
  assert.equal(await items.count(), 3);
  assert.equal(await items.first().getAttribute("data-kind"), "hotContactMe");
  assert.match(await items.first().innerText(), /Fabrikam Polska[\s\S]*Asked to be contacted · 13 days left/);

  for (const [section, n] of [["marketplace", overview.marketplace], ["qualified", overview.qualified], ["favourites", overview.favourites]]) {
    assert.equal(plain(await page.locator(`[data-testid="lead-tab-${section}-count"]:visible`).innerText()), `(${n})`);
  }

  const rows = await shownRows(page);
  assert.ok(rows.length >= 10 && rows.length < 60, `only the rows around the viewport are rendered (${rows.length} of ${TOTAL})`);
  const created = rows.map((r) => r.data.createdAt);
  assert.deepEqual(created, [...created].sort().reverse(), "newest first");
  const fabrikam = rows.find((r) => r.id === "lead-hot-fabrikam");
  assert.equal(fabrikam.cells[1], "Fabrikam Polska\nNorthwind Cloud Solutions");
  assert.equal(fabrikam.cells[3], "Zofia Nowak\nzofia.nowak@fabrikam.pl · +48 601 234 567");
  assert.equal(fabrikam.cells[6], "Contact me");
  assert.equal(fabrikam.cells[7], "Business profile\nProfile");
  assert.equal(fabrikam.cells[9], "Received\n13 days left");
  assert.equal(fabrikam.cells[10], "Apr 2, 2025\n5:15 AM");
  assert.deepEqual(fabrikam.validity, ["Valid", "Valid"]);
  assert.equal(await page.locator('[data-id="lead-hot-fabrikam"] [data-testid="flame-hot"]').count(), 1);
  assert.equal(await page.getByTestId("lead-sort-created").getAttribute("aria-sort"), "descending");

  // Scrolling to the end fetches the last window only, not the ones scrolled past.
  await page.locator("main").evaluate((main) => main.scrollTo(0, main.scrollHeight));
  await page.waitForFunction(() => window.__PA_CALLS__.some((c) => c.cmd === "query_leads" && c.args.query.offset === 200));
  await settled(page);
  const offsets = (await ipcCalls(page, "query_leads")).map((c) => [c.args.query.offset, c.args.query.limit]);
  assert.deepEqual([...new Set(offsets.map(String))].sort(), ["0,100", "200,100"]);
  const last = (await shownRows(page)).at(-1);
  assert.equal(last.index, TOTAL - 1);
  assert.deepEqual(problems, []);
  await page.close();
});

test("tabs switch the section in the query, with their counts", async () => {
  const { page, problems } = await openLeads(harness);
  for (const section of ["marketplace", "qualified", "favourites", "all"]) {
    await page.getByTestId(`lead-tab-${section}`).click();
    const expected = expectedLeads({ section });
    await waitForCount(page, expected.length);
    assert.deepEqual(await lastQuery(page), { ...DEFAULT_QUERY, section });
    const ids = new Set(expected.map((l) => l.id));
    for (const row of await shownRows(page)) assert.ok(ids.has(row.id), `${row.id} is in ${section}`);
  }
  assert.deepEqual(problems, []);
  await page.close();
});

test("search is sent once typing pauses, ignores case and accents, and the count says N of M", async () => {
  const { page, problems } = await openLeads(harness);
  const before = (await ipcCalls(page, "query_leads")).length;
  await page.getByTestId("lead-search").pressSequentially("ZOFIA", { delay: 30 });
  await waitForCount(page, 1, TOTAL);
  const searches = (await ipcCalls(page, "query_leads")).slice(before).map((c) => c.args.query.search);
  assert.deepEqual([...new Set(searches)], ["ZOFIA"], "one search, after the typing stopped");
  assert.deepEqual((await shownRows(page)).map((r) => r.id), ["lead-hot-fabrikam"]);

  await page.getByTestId("lead-search").fill("lodz");
  const lodz = expectedLeads({ search: "lodz" });
  assert.ok(lodz.length > 0 && lodz.every((l) => l.customerName.includes("Łódź")));
  await waitForCount(page, lodz.length, TOTAL);

  await page.getByTestId("lead-search").fill("no such lead");
  await page.getByTestId("lead-table-empty").getByText("No leads match your search and filters.").waitFor();
  await page.getByTestId("lead-table-empty").getByRole("button", { name: "Clear all" }).click();
  await waitForCount(page, TOTAL);
  assert.equal(await page.getByTestId("lead-search").inputValue(), "");
  assert.deepEqual(problems, []);
  await page.close();
});

/** Picks values in one of the Filters panel's multi-selects. */
async function pick(page, field, values) {
  await page.getByTestId(`filter-${field}`).click();
  for (const value of values) await page.getByTestId(`filter-${field}-${value}`).click();
  await page.keyboard.press("Escape");
}

test("the nine filters and the dates combine in the query; chips remove one; Clear all resets", async () => {
  const { page, problems } = await openLeads(harness);
  await page.getByTestId("lead-filters-button").click();
  const panel = page.getByTestId("lead-filters-panel");
  await panel.waitFor();
  await pick(page, "callToAction", ["Contact me"]);
  await pick(page, "countries", ["PL", "ES"]);
  await pick(page, "emailValidity", ["Valid"]);
  await pick(page, "statuses", ["Received", "Accepted", "Won"]);
  assert.ok(await panel.isVisible(), "the panel stays open while picking");
  const filters = { ...NO_FILTERS, callToAction: ["Contact me"], countries: ["ES", "PL"], emailValidity: ["Valid"], statuses: ["Received", "Accepted", "Won"] };
  let expected = expectedLeads({ filters });
  assert.ok(expected.length > 2, `a meaningful combination (${expected.length})`);
  await waitForCount(page, expected.length, TOTAL);
  // Countries are listed (and sent) in the order of their names in the UI language.
  const sent = await lastQuery(page);
  assert.deepEqual({ ...sent.filters, countries: [...sent.filters.countries].sort() }, filters);
  assert.equal(await page.getByTestId("filter-countries").innerText(), "Poland, Spain");

  await page.getByTestId("filter-customerName").fill("a");
  await page.getByTestId("filter-createdFrom").fill("2025-01-01");
  await page.getByTestId("filter-createdFrom").press("Enter");
  await pick(page, "sources", ["Business profile", "AppSource"]);
  await pick(page, "leadTypes", ["Profile", "Offer"]);
  await pick(page, "qualities", ["High"]);
  await pick(page, "phoneValidity", ["Valid", "Unknown"]);
  const all = {
    ...filters,
    customerName: "a",
    createdFrom: "2025-01-01",
    sources: ["AppSource", "Business profile"],
    leadTypes: ["Offer", "Profile"],
    qualities: ["High"],
    phoneValidity: ["Valid", "Unknown"],
  };
  expected = expectedLeads({ filters: all });
  await waitForCount(page, expected.length, TOTAL);
  const query = await lastQuery(page);
  assert.deepEqual({ ...query, filters: { ...query.filters, countries: [...query.filters.countries].sort() } }, { ...DEFAULT_QUERY, filters: all });
  for (const row of await shownRows(page)) {
    assert.ok(expected.some((l) => l.id === row.id), `${row.id} matches`);
  }
  assert.equal(plain(await page.getByTestId("lead-filters-button").getAttribute("aria-label")), "Filters, 10 active");
  await page.getByTestId("lead-filters-done").click();
  await panel.waitFor({ state: "hidden" });

  // Chips: one per value, each removes itself.
  const chips = page.getByTestId("lead-filter-chip");
  const texts = (await chips.allInnerTexts()).map(plain);
  for (const text of ["Call to action: Contact me", "Country/region: Poland", "Country/region: Spain", "Customer name: a", "Created from: Jan 1, 2025", "Status: Won", "Phone validity: Unknown"]) {
    assert.ok(texts.includes(text), `chip "${text}" in ${texts.join(" | ")}`);
  }
  await page.locator('[data-chip="statuses:Won"]').click();
  const fewer = { ...all, statuses: ["Received", "Accepted"] };
  await waitForCount(page, expectedLeads({ filters: fewer }).length, TOTAL);
  assert.deepEqual((await lastQuery(page)).filters.statuses, ["Received", "Accepted"]);
  assert.equal(await page.locator('[data-chip="statuses:Won"]').count(), 0);

  await page.getByTestId("lead-chips-clear").click();
  await waitForCount(page, TOTAL);
  assert.deepEqual(await lastQuery(page), DEFAULT_QUERY);
  assert.equal(await page.getByTestId("lead-filter-chips").count(), 0);
  assert.deepEqual(problems, []);
  await page.close();
});

test("a created date that is not a date, or after the end, is refused and not sent", async () => {
  const { page, problems } = await openLeads(harness);
  await page.getByTestId("lead-filters-button").click();
  await page.getByTestId("filter-createdTo").fill("2025-02-01");
  await page.getByTestId("filter-createdTo").press("Enter");
  await waitForCount(page, expectedLeads({ filters: { createdTo: "2025-02-01" } }).length, TOTAL);
  await page.getByTestId("filter-createdFrom").fill("2025-03-01");
  await page.getByTestId("filter-createdFrom").press("Enter");
  await page.getByTestId("lead-date-problem").getByText("The start date must not be after the end date.").waitFor();
  await page.getByTestId("filter-createdFrom").fill("2025-02-30");
  await page.getByTestId("filter-createdFrom").press("Enter");
  await page.getByTestId("lead-date-problem").getByText("Enter a date as YYYY-MM-DD", { exact: false }).waitFor();
  assert.equal((await lastQuery(page)).filters.createdFrom, null);
  assert.deepEqual(problems, []);
  await page.close();
});

test("sort by validity from the headers, and by value from the Sort menu", async () => {
  const { page, problems } = await openLeads(harness);
  const rank = { Valid: 0, Unknown: 1, Invalid: 2, Spam: 3 };
  await page.getByTestId("lead-sort-emailValidity").click();
  await page.waitForFunction(() => document.querySelector('[data-testid="lead-sort-emailValidity"]').getAttribute("aria-sort") === "ascending");
  await settled(page);
  assert.deepEqual(await lastQuery(page), { ...DEFAULT_QUERY, sort: "emailValidity", descending: false });
  let rows = await shownRows(page);
  assert.ok(rows.every((r) => r.data.emailValidity === "Valid"), "Valid first");

  await page.getByTestId("lead-sort-emailValidity").click();
  await page.waitForFunction(() => document.querySelector('[data-testid="lead-sort-emailValidity"]').getAttribute("aria-sort") === "descending");
  await settled(page);
  assert.deepEqual(await lastQuery(page), { ...DEFAULT_QUERY, sort: "emailValidity", descending: true });
  rows = await shownRows(page);
  const ranks = rows.map((r) => rank[r.data.emailValidity]);
  assert.deepEqual(ranks, [...ranks].sort((a, b) => b - a));
  assert.equal(rows[0].data.emailValidity, "Spam");
  assert.equal(rows[0].validity[0], "Spam");
  // Ties keep newest first.
  const spam = rows.filter((r) => r.data.emailValidity === "Spam").map((r) => r.data.createdAt);
  assert.deepEqual(spam, [...spam].sort().reverse());

  await page.getByTestId("lead-sort-phoneValidity").click();
  await settled(page);
  assert.deepEqual(await lastQuery(page), { ...DEFAULT_QUERY, sort: "phoneValidity", descending: false });

  await page.getByTestId("lead-sort").click();
  await page.getByTestId("lead-sort-option-value").click();
  await settled(page);
  assert.deepEqual(await lastQuery(page), { ...DEFAULT_QUERY, sort: "value", descending: true });
  const values = (await shownRows(page)).map((r) => r.data.dealValue ?? -1);
  assert.deepEqual(values, [...values].sort((a, b) => b - a));
  assert.equal(values[0], Math.max(...LEADS.map((l) => l.dealValue ?? -1)));
  await page.getByTestId("lead-sort-direction").click();
  await settled(page);
  assert.deepEqual(await lastQuery(page), { ...DEFAULT_QUERY, sort: "value", descending: false });
  assert.deepEqual(problems, []);
  await page.close();
});

test("the heart toggles at once (aria-pressed), is saved, and the Favourites list and count follow", async () => {
  const { page, problems } = await openLeads(harness);
  const row = (await shownRows(page)).find((r) => !r.data.favourite);
  const heart = page.locator(`[data-testid="lead-row"][data-id="${row.id}"] [data-testid="heart"]`);
  assert.equal(await heart.getAttribute("aria-pressed"), "false");
  assert.equal(await heart.getAttribute("aria-label"), `Favourite: ${row.data.customerName}`);
  await heart.click();
  assert.equal(await heart.getAttribute("aria-pressed"), "true");
  assert.deepEqual((await ipcCalls(page, "set_lead_favourite")).map((c) => c.args), [{ id: row.id, favourite: true }]);
  await page.locator('[data-testid="lead-tab-favourites-count"]:visible').getByText(`(${overview.favourites + 1})`).waitFor();
  // Clicking the heart does not open the lead.
  assert.equal(await page.getByTestId("lead-drawer").count(), 0);

  await page.getByTestId("lead-tab-favourites").click();
  await waitForCount(page, overview.favourites + 1);
  const favourite = page.locator(`[data-testid="lead-row"][data-id="${row.id}"] [data-testid="heart"]`);
  assert.equal(await favourite.getAttribute("aria-pressed"), "true");
  await favourite.click();
  await waitForCount(page, overview.favourites);
  assert.equal(await page.locator(`[data-testid="lead-row"][data-id="${row.id}"]`).count(), 0);
  await page.locator('[data-testid="lead-tab-favourites-count"]:visible').getByText(`(${overview.favourites})`).waitFor();
  assert.deepEqual(problems, []);
  await page.close();
});

test("a heart that cannot be saved goes back and says why", async () => {
  const error = { code: "database", message: "disk I/O error", details: null };
  const { page, problems } = await openLeads(harness);
  await page.evaluate((e) => {
    window.__PA_LEADS__.failures = { set_lead_favourite: e };
  }, error);
  const row = (await shownRows(page)).find((r) => !r.data.favourite);
  const heart = page.locator(`[data-testid="lead-row"][data-id="${row.id}"] [data-testid="heart"]`);
  await heart.click();
  await page.getByTestId("leads-outcome-error").getByText("The favourite could not be saved.").waitFor();
  assert.equal(await heart.getAttribute("aria-pressed"), "false");
  assert.deepEqual(problems, []);
  await page.close();
});

test("Export sends the current query (section, filters, search, sort) and says where it wrote", async () => {
  const { page, problems } = await openLeads(harness);
  await page.getByTestId("lead-tab-marketplace").click();
  await page.getByTestId("lead-filters-button").click();
  await pick(page, "emailValidity", ["Valid", "Unknown"]);
  await page.getByTestId("lead-filters-done").click();
  await page.getByTestId("lead-search").fill("north");
  await page.getByTestId("lead-sort-customer").click();
  const filters = { ...NO_FILTERS, emailValidity: ["Valid", "Unknown"] };
  const expected = expectedLeads({ section: "marketplace", search: "north", filters });
  await waitForCount(page, expected.length, overview.marketplace);
  await page.getByTestId("leads-export").click();
  const message = page.getByTestId("leads-export-message");
  await message.waitFor();
  assert.deepEqual((await ipcCalls(page, "export_leads")).map((c) => c.args), [
    {
      language: "en",
      query: { section: "marketplace", filters, search: "north", sort: "customer", descending: false, offset: 0, limit: 4294967295 },
      path: null,
    },
  ]);
  assert.equal(plain(await message.innerText()), `${expected.length} leads exported to ${LEAD_EXPORT_PATH}`);
  assert.deepEqual(problems, []);
  await page.close();
});

test("keyboard: arrows move between rows and Enter opens the lead", async () => {
  const { page, problems } = await openLeads(harness);
  const rows = await shownRows(page);
  await page.locator('[data-testid="lead-row"][data-index="0"]').focus();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  const drawer = page.getByTestId("lead-drawer");
  await drawer.getByTestId("lead-drawer-customer").getByText(rows[2].data.customerName, { exact: true }).waitFor();
  await page.keyboard.press("Escape");
  await drawer.waitFor({ state: "hidden" });
  assert.deepEqual(problems, []);
  await page.close();
});

test("an action-centre item opens its lead; Show all lists every item", async () => {
  const { page, problems } = await openLeads(harness);
  await page.getByTestId("action-items-all").click();
  const popover = page.getByTestId("action-items-popover");
  const items = popover.getByTestId("action-item");
  await items.first().waitFor();
  const kinds = await items.evaluateAll((buttons) => buttons.map((b) => b.dataset.kind));
  // The hot Contact-me leads are also waiting for an answer: each lead is listed once.
  assert.equal(kinds.length, Math.min(25, overview.needsResponse + overview.stale));
  assert.deepEqual(kinds, [...kinds].sort((a, b) => ["hotContactMe", "needsResponse", "stale"].indexOf(a) - ["hotContactMe", "needsResponse", "stale"].indexOf(b)));
  const stale = popover.locator('[data-kind="stale"]').first();
  const id = await stale.getAttribute("data-lead-id");
  assert.match(await stale.innerText(), /No update for \d+ days/);
  await stale.click();
  const drawer = page.getByTestId("lead-drawer");
  await drawer.getByTestId("lead-drawer-customer").getByText(byId.get(id).customerName, { exact: true }).waitFor();
  assert.deepEqual((await ipcCalls(page, "lead_detail")).map((c) => c.args), [{ id }]);
  assert.deepEqual(problems, []);
  await page.close();
});

test("a lead alert shows a toast whose Open goes to the lead; an open-lead event opens it too", async () => {
  const { page, problems } = await harness.open({}, { hash: "opportunities" });
  await page.getByTestId("page-opportunities").waitFor();
  await page.evaluate(() =>
    window.__PA_EMIT__("lead-alert", {
      notification: { kind: "single", leadId: "lead-hot-fabrikam", customerName: "Fabrikam Polska", offerName: "Northwind Cloud Solutions" },
    }),
  );
  const toast = page.getByTestId("lead-alert-toast");
  await toast.getByText("New Contact me lead: Fabrikam Polska").waitFor();
  assert.match(await toast.innerText(), /Northwind Cloud Solutions/);
  await toast.getByTestId("lead-alert-open").click();
  await page.getByTestId("page-leads").waitFor();
  const drawer = page.getByTestId("lead-drawer");
  await drawer.getByTestId("lead-drawer-customer").getByText("Fabrikam Polska", { exact: true }).waitFor();
  assert.equal(await drawer.getAttribute("data-lead-id"), "lead-hot-fabrikam");
  await drawer.getByTestId("lead-drawer-close").click();
  await drawer.waitFor({ state: "hidden" });

  // A digest names the day and the count, and opens the newest.
  await page.evaluate(() =>
    window.__PA_EMIT__("lead-alert", { notification: { kind: "digest", day: "2025-04-01", count: 12, leadId: "lead-cooled-tailspin" } }),
  );
  const digest = page.getByTestId("lead-alert-toast").filter({ hasText: "12 new Contact me leads on Apr 1, 2025" });
  await digest.waitFor();
  await digest.getByTestId("lead-alert-open").click();
  await drawer.getByTestId("lead-drawer-customer").getByText("Tailspin Toys UK", { exact: true }).waitFor();
  await drawer.getByTestId("lead-drawer-close").click();

  // The desktop notification was clicked: from another page, straight to the lead.
  await page.getByTestId("nav-data").click();
  await page.getByTestId("page-data").waitFor();
  await page.evaluate(() => window.__PA_EMIT__("open-lead", { leadId: "lead-accepted-contoso" }));
  await page.getByTestId("page-leads").waitFor();
  await drawer.getByTestId("lead-drawer-customer").getByText("Contoso Pharmaceuticals", { exact: true }).waitFor();
  assert.equal(await drawer.getAttribute("data-lead-id"), "lead-accepted-contoso");
  assert.deepEqual(problems, []);
  await page.close();
});

test("a data-changed event for the leads reloads the list and the action centre; other areas do not", async () => {
  const { page, problems } = await openLeads(harness);
  const overviews = () => ipcCalls(page, "leads_overview").then((c) => c.length);
  const before = await overviews();
  await page.evaluate(() => window.__PA_EMIT__("data-changed", { area: "opportunities" }));
  await page.waitForTimeout(200);
  assert.equal(await overviews(), before);

  await page.evaluate(() => {
    window.__PA_LEADS__.leads = window.__PA_LEADS__.leads.slice(0, 40);
    window.__PA_EMIT__("data-changed", { area: "leads" });
  });
  await waitForCount(page, 40);
  assert.ok((await overviews()) > before);
  assert.deepEqual(problems, []);
  await page.close();
});

test("IPC errors are explained by their code", async () => {
  const database = { code: "database", message: "disk I/O error", details: null };
  const { page, problems } = await harness.open({}, { hash: "leads" });
  await page.getByTestId("lead-row").first().waitFor();
  await page.evaluate((e) => {
    window.__PA_LEADS__.failures = { query_leads: e };
  }, database);
  await page.getByTestId("lead-search").fill("contoso");
  const bar = page.locator('[data-error-code="database"]');
  await bar.waitFor();
  assert.match(await bar.innerText(), /The leads could not be loaded\.[\s\S]*The workspace database reported an error\./);
  assert.deepEqual(problems, []);
  await page.close();
});

test("Polish: tabs, counts, badges and dates in the UI language; wire values in the query", async () => {
  const { page, problems } = await openLeads(harness, { settings: { language: "pl" } });
  assert.equal(await page.locator("h1").innerText(), "Potencjalni klienci");
  assert.equal(plain(await page.getByTestId("lead-count").innerText()), `${TOTAL} potencjalnych klientów`);
  assert.equal(plain(await page.getByTestId("lead-tab-marketplace").innerText()).split("\n")[0], `Z Marketplace (${overview.marketplace})`);
  const fabrikam = (await shownRows(page)).find((r) => r.id === "lead-hot-fabrikam");
  assert.equal(fabrikam.cells[6], "Skontaktuj się ze mną");
  assert.equal(fabrikam.cells[9], "Odebrany\nPozostało 13 dni");
  assert.equal(fabrikam.cells[10], "2 kwi 2025\n05:15");
  await page.getByTestId("lead-filters-button").click();
  await pick(page, "callToAction", ["Contact me"]);
  await page.getByTestId("lead-filters-done").click();
  await page.getByTestId("lead-filter-chip").getByText("Wezwanie do działania: Skontaktuj się ze mną").waitFor();
  assert.deepEqual((await lastQuery(page)).filters.callToAction, ["Contact me"]);
  assert.deepEqual(problems, []);
  await page.close();
});

test("a scored lead shows its grade, score and trend; sorting by score puts the best first", async () => {
  const scores = [
    { score: 82, grade: "A", trend: "improving" },
    { score: 31, grade: "C", trend: "declining" },
    { score: 55, grade: "B", trend: "steady" },
  ];
  const scored = LEADS.map((l, i) => (i < scores.length ? { ...l, score: scores[i] } : l));
  // No model scores the other leads: only these three have a score.
  const { page, problems } = await openLeads(harness, { leads: leadState({ leads: scored }), scoring: scoringState({ models: [] }) });
  await page.getByTestId("lead-sort").click();
  await page.getByTestId("lead-sort-option-score").click();
  await settled(page);
  assert.deepEqual(await lastQuery(page), { ...DEFAULT_QUERY, sort: "score", descending: true });
  const badges = await page.getByTestId("lead-score").evaluateAll((els) =>
    els.slice(0, 3).map((el) => ({ grade: el.dataset.grade, score: Number(el.dataset.score), label: el.getAttribute("aria-label") })),
  );
  assert.deepEqual(badges, [
    { grade: "A", score: 82, label: "Score 82, grade A, improving" },
    { grade: "B", score: 55, label: "Score 55, grade B, steady" },
    { grade: "C", score: 31, label: "Score 31, grade C, declining" },
  ]);
  const rows = await shownRows(page);
  assert.deepEqual(rows.slice(0, 3).map((r) => r.id), [scored[0].id, scored[2].id, scored[1].id]);
  assert.ok((await page.getByTestId("lead-score-none").count()) > 0, "unscored leads show a dash");
  assert.deepEqual(problems, []);
  await page.close();
});
