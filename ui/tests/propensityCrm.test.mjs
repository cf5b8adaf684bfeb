// The Propensity page's CRM matching tab (SPEC §6.4) and Microsoft downloads tab: importing the
// CRM list (outcome, warnings, a refused file's message), the counts, the rule, the table with
// its method filter and paging, the export's path; importing a CloudAscent download (unknown
// columns kept), its rows filtered and sorted, the comparison with the app's scores, deleting it;
// both tabs reloading on `data-changed`; every new string in Spanish, French and Polish.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { ipcCalls, plain, startHarness } from "./support/harness.mjs";
import { loadTs } from "./support/loadTs.mjs";
import { crmList, crmState } from "./support/crmFixtures.mjs";
import { downloadsState, makeDownload } from "./support/downloadsFixtures.mjs";

let harness;
before(async () => {
  harness = await startHarness();
});
after(async () => {
  await harness?.close();
});

async function openTab(tab, overrides = {}, options = {}) {
  const opened = await harness.open(overrides, { hash: "propensity", ...options });
  await opened.page.getByTestId(`propensity-tab-${tab}`).click();
  await opened.page.getByTestId(`propensity-panel-${tab}`).waitFor();
  return opened;
}

const crmRows = (page) => page.getByTestId("crm-row");
const cardValue = async (page, which) => plain(await page.getByTestId(`crm-count-${which}-value`).innerText());

test("CRM matching: import the account list, see the counts, the rule and the matches, filter by method, export to a file", async () => {
  const list = crmList({ fileName: "accounts.csv" });
  list.warnings = ['domain contoso1.example.com is on lines 2, 377: its customer gets the account with the closest name (the first line on a tie), confidence 0.9'];
  const { page, problems } = await openTab("crm", { crm: crmState({ openPicks: [list], savePicks: ["/home/ana/Documents/CRM matches.csv"] }) });
  // Nothing stored: the empty state says why and offers the import.
  const empty = page.getByTestId("crm-empty");
  await empty.waitFor();
  assert.match(await empty.innerText(), /No CRM accounts yet/);
  assert.match(await empty.innerText(), /Matched by web domain first, then by company name ignoring legal suffixes such as Inc, GmbH or Sp\. z o\.o\., then by TPID\./);

  await empty.getByTestId("crm-import").click();
  const outcome = page.getByTestId("crm-import-outcome");
  await outcome.waitFor();
  assert.match(plain(await outcome.innerText()), /375 CRM accounts imported\s*It replaces the previous list \(no account removed\)\. The file was read as UTF-16 LE, delimiter: tab\./);
  assert.match(await page.getByTestId("crm-import-warnings").innerText(), /domain contoso1\.example\.com is on lines 2, 377/);

  // The counts: 180 by domain, 120 by name, 40 by TPID, the rest of the 600 not matched, 35 accounts unused.
  await page.getByTestId("crm-table").waitFor();
  assert.equal(await cardValue(page, "domain"), "180");
  assert.equal(await cardValue(page, "name"), "120");
  assert.equal(await cardValue(page, "tpid"), "40");
  assert.equal(await cardValue(page, "unmatched"), "260");
  assert.equal(await cardValue(page, "unused"), "35");
  assert.match(plain(await page.getByTestId("crm-count-domain").innerText()), /30% of the customers/);
  assert.match(plain(await page.getByTestId("crm-count-unused").innerText()), /of 375 accounts/);
  assert.match(plain(await page.getByTestId("crm-facts").innerText()), /600 customers in the snapshot of Mar 31, 2025 · 375 CRM accounts/);
  assert.match(await page.getByTestId("crm-rule").innerText(), /^Matched by web domain first/);
  assert.match(plain(await page.getByTestId("crm-first-rows").innerText()), /The first 500 of 600 customers are listed; the export has every one\./);

  // First page: 50 rows of the 500 listed, domain matches at 100%.
  assert.equal(await crmRows(page).count(), 50);
  assert.equal(plain(await page.getByTestId("crm-pager-range").innerText()), "1–50 of 500");
  const first = crmRows(page).first();
  assert.equal(await first.getByTestId("crm-method").innerText(), "Domain");
  assert.equal(await first.getByTestId("crm-account-id").innerText(), "ACC-10001");
  assert.equal(plain(await first.getByTestId("crm-confidence").innerText()), "100%");
  await page.getByTestId("crm-pager-next").click();
  assert.equal(plain(await page.getByTestId("crm-pager-range").innerText()), "51–100 of 500");

  // By name: 120 rows, confidence 90% (only the legal suffix differs), back on the first page.
  await page.getByTestId("crm-filter").selectOption("name");
  assert.equal(plain(await page.getByTestId("crm-pager-range").innerText()), "1–50 of 120");
  const byName = crmRows(page).first();
  assert.equal(await byName.getAttribute("data-method"), "name");
  assert.match(await byName.getByTestId("crm-customer").innerText(), / 181$/);
  assert.match(await byName.getByTestId("crm-account-name").innerText(), / 181 Limited$/);
  assert.equal(plain(await byName.getByTestId("crm-confidence").innerText()), "90%");
  await page.getByTestId("crm-filter").selectOption("tpid");
  assert.equal(await crmRows(page).count(), 40);
  assert.equal(await page.getByTestId("crm-pager").count(), 0, "one page: no pager");
  await page.getByTestId("crm-filter").selectOption("none");
  assert.equal(plain(await page.getByTestId("crm-pager-range").innerText()), "1–50 of 160", "not matched among the 500 listed");
  assert.equal(await crmRows(page).first().getByTestId("crm-account-name").count(), 0);
  assert.equal(await crmRows(page).first().getByTestId("crm-confidence").count(), 0, "no confidence without a match");

  // Export: the save dialog's path, in the UI's language.
  await page.getByTestId("crm-export").click();
  const saved = page.getByTestId("crm-export-saved");
  await saved.waitFor();
  assert.equal(await saved.innerText(), "Saved to /home/ana/Documents/CRM matches.csv");
  const [call] = await ipcCalls(page, "export_crm_matches");
  assert.deepEqual(call.args, { language: "en", path: null });
  assert.deepEqual(await ipcCalls(page, "import_crm_accounts").then((calls) => calls.map((c) => c.args)), [{ path: null }]);
  assert.deepEqual(problems, []);
  await page.close();
});

test("CRM matching: a refused file shows the backend's message with its line numbers and keeps the stored list; a cancelled dialog changes nothing", async () => {
  const stored = crmList({ byDomain: 10, byName: 0, byTpid: 0, others: 2 }).accounts;
  const refused = { error: "2 rows refused, nothing read: line 4: the account ID is empty; line 9: account ACC-7 has no name" };
  const { page, problems } = await openTab("crm", { crm: crmState({ accounts: stored, openPicks: [null, refused], savePicks: [null] }) });
  await page.getByTestId("crm-table").waitFor();
  assert.equal(await cardValue(page, "domain"), "10");
  // Cancelled: no message, nothing reloaded.
  await page.getByTestId("crm-import").click();
  await page.waitForFunction(() => window.__PA_CALLS__.filter((c) => c.cmd === "import_crm_accounts").length === 1);
  await page.waitForTimeout(100);
  assert.equal(await page.getByTestId("crm-import-outcome").count(), 0);
  assert.equal(await page.locator("[data-error-code]").count(), 0);
  // Refused: the message, with its lines; the stored list stays.
  await page.getByTestId("crm-import").click();
  const error = page.locator('[data-error-code="invalidInput"]');
  await error.waitFor();
  assert.match(await error.innerText(), /The CRM account list was not imported/);
  assert.match(await error.innerText(), /line 4: the account ID is empty; line 9: account ACC-7 has no name/);
  assert.equal(await cardValue(page, "domain"), "10");
  assert.equal(await cardValue(page, "unused"), "2");
  // A cancelled export says nothing.
  await page.getByTestId("crm-export").click();
  await page.waitForFunction(() => window.__PA_CALLS__.filter((c) => c.cmd === "export_crm_matches").length === 1);
  await page.waitForTimeout(100);
  assert.equal(await page.getByTestId("crm-export-saved").count(), 0);
  assert.deepEqual(problems, []);
  await page.close();
});

test("CRM matching reloads when the backend says the reports' data changed (an import from the command line or another window)", async () => {
  const { page, problems } = await openTab("crm");
  await page.getByTestId("crm-empty").waitFor();
  await page.evaluate((accounts) => {
    window.__PA_CRM__.state.accounts = accounts;
    window.__PA_EMIT__("data-changed", { area: "reports" });
  }, crmList().accounts);
  await page.getByTestId("crm-table").waitFor();
  assert.equal(await cardValue(page, "domain"), "180");
  assert.deepEqual(problems, []);
  await page.close();
});

const downloadRows = (page) => page.getByTestId("download-row");
/** The row numbers the grid shows (the rows in view). */
const shownNumbers = (page) => page.locator('[data-testid="download-cells-row"] td:first-child').allInnerTexts();
const waitForTotal = (page, pattern) => page.waitForFunction((source) => new RegExp(source).test(document.querySelector('[data-testid="download-rows-total"]')?.textContent.replace(/[\u00a0\u202f]/g, " ") ?? ""), pattern.source);

test("Microsoft downloads: import one (unknown columns kept), browse its rows with filters and sorts, compare with the app's scores, delete it", async () => {
  const download = makeDownload();
  const older = makeDownload({ kind: "azure", areas: ["Azure"], fileName: "Azure_Propensity_2025-02.csv", matched: 60, byName: 0, strangers: 0, unknown: [] });
  const { page, problems } = await openTab("downloads", { downloads: downloadsState({ downloads: [older], openPicks: [download], compareMs: 400 }) });
  await page.getByTestId("downloads-table").waitFor();
  assert.equal(await downloadRows(page).count(), 1);
  assert.equal(await page.getByTestId("download-pick").count(), 1, "nothing chosen yet");

  await page.getByTestId("download-import").click();
  const imported = page.getByTestId("download-imported");
  await imported.waitFor();
  assert.match(plain(await imported.innerText()), /Imported M365_Propensity_Northwind_2025-03\.csv\s*M365 report · 250 rows · 18 columns/);
  assert.equal(
    plain(await page.getByTestId("download-unknown-columns").innerText()),
    "2 columns the report does not document were kept as plays: FY25 Copilot Accelerator, Partner Notes.",
  );
  // Newest first, and chosen.
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="download-row"]').length === 2);
  const first = downloadRows(page).first();
  assert.match(await first.getByTestId("download-open").innerText(), /M365_Propensity_Northwind_2025-03\.csv/);
  assert.equal(await first.getByTestId("download-kind").innerText(), "M365");
  assert.equal(await first.getByTestId("download-rows").innerText(), "250");
  assert.match(plain(await first.innerText()), /18 \(2 undocumented\)/);
  assert.match(plain(await first.getByTestId("download-imported-at").innerText()), /Apr 2, 2025, 10:31 AM/);
  assert.equal(await first.getAttribute("data-selected"), "true");
  assert.equal(await downloadRows(page).nth(1).getByTestId("download-kind").innerText(), "Azure");

  // Its rows: every column, cluster columns as badges, unknown columns marked.
  await waitForTotal(page, /^250 rows match of 250$/);
  const headers = await page.getByTestId("download-cells-column").allInnerTexts();
  assert.equal(headers.length, 18);
  assert.ok(headers.includes("M365Cluster") && headers.includes("Surface Intent"));
  assert.equal(await page.getByTestId("download-cells-column").filter({ hasText: "Partner Notes" }).getAttribute("title"), "Not documented for this report; kept as a play");
  assert.ok((await page.getByTestId("download-cells-grid").getByTestId("cluster-badge").count()) > 10);
  assert.equal(plain(await page.getByTestId("download-pager-range").innerText()), "1–100 of 250");
  // The area choice lists the report's areas, named.
  assert.deepEqual(await page.getByTestId("download-area").locator("option").allInnerTexts(), ["Any area", "Microsoft 365", "Surface"]);
  // Score sorts need an area.
  assert.equal(await page.getByTestId("download-sort").locator('option[value="fit"]').isDisabled(), true);

  // Microsoft 365, cluster A (Act now), fit at least 80, highest fit first: what the backend answers.
  const expected = download.rows.filter((r) => r.scores.M365.cluster.startsWith("A") && r.scores.M365.fit >= 80).sort((a, b) => b.scores.M365.fit - a.scores.M365.fit || a.rowNumber - b.rowNumber);
  assert.ok(expected.length > 3 && expected.length < 100, `${expected.length} rows`);
  await page.getByTestId("download-area").selectOption("M365");
  await page.getByTestId("download-cluster-A").click();
  await page.getByTestId("download-min-fit").fill("80");
  await page.getByTestId("download-sort").selectOption("fit");
  await waitForTotal(page, new RegExp(`^${expected.length} rows match of 250$`));
  // The grid holds the rows in view (virtualised): the first ones, in the backend's order.
  await page.waitForFunction((n) => document.querySelector('[data-testid="download-cells-row"] td')?.textContent === n, String(expected[0].rowNumber));
  const shown = await shownNumbers(page);
  assert.ok(shown.length >= Math.min(expected.length, 12), `${shown.length} rows in view`);
  assert.deepEqual(shown, expected.slice(0, shown.length).map((r) => String(r.rowNumber)));
  const [lastCall] = (await ipcCalls(page, "cloudascent_download_rows")).slice(-1);
  assert.deepEqual(lastCall.args.query, { text: null, area: "M365", clusters: ["A"], minFit: 80, minIntent: null, sort: "fit", offset: 0, limit: 100 });
  assert.equal(await page.getByTestId("download-pager").count(), 0);
  // An impossible minimum is not sent.
  await page.getByTestId("download-min-fit").fill("140");
  await page.getByText("From 0 to 100").waitFor();
  // Search by name.
  await page.getByTestId("download-min-fit").fill("");
  await page.getByTestId("download-cluster-A").click();
  await page.getByTestId("download-search").fill("stranger");
  await waitForTotal(page, /^10 rows match of 250$/);
  // Back to any area: the score sort goes back to file order.
  await page.getByTestId("download-area").selectOption("");
  assert.equal(await page.getByTestId("download-sort").inputValue(), "file");

  // Compare: a spinner, then rows matched, agreement and ρ as the backend computed them.
  await page.getByTestId("download-view-compare").click();
  await page.getByTestId("download-comparing").waitFor();
  const comparison = page.getByTestId("download-comparison");
  await comparison.waitFor();
  const answer = await page.evaluate(() => window.__PA_DOWNLOADS__.compare(2));
  assert.equal(answer.matched, 240);
  assert.equal(answer.matchedByName, 30);
  assert.match(plain(await page.getByTestId("comparison-matched").innerText()), /240 of 250\s+210 by TPID · 30 by name/);
  assert.equal(plain(await page.getByTestId("comparison-agreement-value").innerText()), `${Math.round(answer.clusterAgreementPct)}%`);
  const m365 = answer.areas.find((a) => a.area === "M365");
  const area = page.locator('[data-testid="comparison-area"][data-area="M365"]');
  assert.match(await area.innerText(), /^Microsoft 365/);
  assert.equal(plain(await area.getByTestId("comparison-same-cluster").innerText()), `${Math.round(m365.clusterAgreementPct)}%`);
  assert.equal(plain(await area.getByTestId("comparison-same-letter").innerText()), `${Math.round(m365.sameLetterPct)}%`);
  assert.equal(await area.getByTestId("comparison-fit-rho").innerText(), m365.fitSpearman.toFixed(2));
  assert.equal(await area.getByTestId("comparison-intent-rho").innerText(), m365.intentSpearman.toFixed(2));
  assert.ok(m365.fitSpearman > 0.8 && m365.fitSpearman < 1, `ρ ${m365.fitSpearman}`);
  assert.match(plain(await area.innerText()), /\(240 pairs\)/);
  // Rows side by side; the disagreements stand out and can be shown alone.
  assert.equal(await page.getByTestId("comparison-row").count(), 50);
  const disagreeing = answer.rowsCompared.filter((r) => r.areas.some((a) => a.microsoftCluster && a.appCluster && a.microsoftCluster !== a.appCluster));
  assert.ok(disagreeing.length > 0 && disagreeing.length < 240);
  const differs = page.locator('[data-testid="comparison-pair"][data-differs="true"]').first();
  assert.equal(await differs.getByTestId("cluster-badge").count(), 2);
  await page.getByTestId("comparison-only-disagreements").click();
  assert.equal(plain(await page.getByTestId("comparison-pager-range").innerText()), `1–50 of ${disagreeing.length}`);
  assert.equal(await page.locator('[data-testid="comparison-row"]:not([data-disagrees="true"])').count(), 0);
  // A stranger: not matched, no app cluster.
  await page.getByTestId("comparison-only-disagreements").click();
  assert.deepEqual(await ipcCalls(page, "compare_cloudascent_download").then((calls) => calls.map((c) => c.args)), [{ id: 2 }]);

  // Delete, after confirming.
  await first.getByTestId("download-delete").click();
  const dialog = page.getByTestId("delete-download-dialog");
  assert.match(plain(await dialog.innerText()), /“M365_Propensity_Northwind_2025-03\.csv” and its 250 rows will be removed from the workspace\./);
  await page.getByTestId("delete-download-cancel").click();
  assert.equal(await downloadRows(page).count(), 2);
  await first.getByTestId("download-delete").click();
  await page.getByTestId("delete-download-confirm").click();
  await page.getByTestId("download-notice").waitFor();
  assert.equal(await page.getByTestId("download-notice").innerText(), "“M365_Propensity_Northwind_2025-03.csv” was deleted.");
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="download-row"]').length === 1);
  assert.equal(await page.getByTestId("download-detail").count(), 0);
  assert.equal(await page.getByTestId("download-imported").count(), 0);
  assert.deepEqual(await ipcCalls(page, "delete_cloudascent_download").then((calls) => calls.map((c) => c.args)), [{ id: 2 }]);
  assert.deepEqual(problems, []);
  await page.close();
});

test("Microsoft downloads: empty at first; a refused file shows its message; a download imported elsewhere appears on data-changed", async () => {
  const refused = { error: "M365.csv: not a CloudAscent report: no MPNID, CustomerID or AccountName column (line 1)" };
  const { page, problems } = await openTab("downloads", { downloads: downloadsState({ openPicks: [refused, null] }) });
  await page.getByTestId("downloads-empty").waitFor();
  await page.getByTestId("download-import").click();
  const error = page.locator('[data-error-code="invalidInput"]');
  await error.waitFor();
  assert.match(await error.innerText(), /The download was not imported/);
  assert.match(await error.innerText(), /not a CloudAscent report: no MPNID, CustomerID or AccountName column \(line 1\)/);
  await page.evaluate((d) => {
    window.__PA_DOWNLOADS__.state.downloads.push({ ...d, id: 7, importedAt: "2025-04-02T09:00:00Z" });
    window.__PA_EMIT__("data-changed", { area: "reports" });
  }, makeDownload({ kind: "security", areas: ["Security"], fileName: "Security.csv", matched: 20, byName: 0, strangers: 0, unknown: [] }));
  await page.getByTestId("downloads-table").waitFor();
  await page.getByTestId("download-open").click();
  await waitForTotal(page, /^20 rows match of 20$/);
  assert.deepEqual(await page.getByTestId("download-area").locator("option").allInnerTexts(), ["Any area", "Security"]);
  assert.deepEqual(problems, []);
  await page.close();
});

// The new keys; product names (Microsoft 365, Business Central, Power Apps…) stay as they are.
const NEW_KEY = /^(propensity\.(crm|downloads|pager|delimiter)\.|propensity\.tab\.(crm|downloads)$|solutionArea\.)/;

/** English fragments (the words between parameters, 8 characters or more) that Polish does not share. */
async function englishFragments() {
  const { en: enModule, es, fr, pl } = await loadTs("i18n", ["en", "es", "fr", "pl"]);
  const en = enModule.en;
  const keys = Object.keys(en).filter((k) => NEW_KEY.test(k));
  assert.ok(keys.length > 100, `${keys.length} keys`);
  for (const [language, messages] of Object.entries({ es: es.es, fr: fr.fr, pl: pl.pl })) {
    for (const key of keys) assert.ok(messages[key]?.trim(), `${language} lacks ${key}`);
    // Only names, codes and messages of parameters alone may stay the same.
    for (const key of keys.filter((k) => messages[k] === en[k] && !k.startsWith("solutionArea."))) {
      const words = en[key].replace(/\{[^{}]*\}/g, "");
      assert.ok(en[key].length <= 12 || !/\p{L}/u.test(words), `${language}.${key} looks untranslated: "${en[key]}"`);
    }
  }
  return [...new Set(keys.flatMap((k) => en[k].split(/\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}/).map((f) => f.trim())))].filter(
    (f) => f.length >= 8 && !keys.some((k) => pl.pl[k].includes(f)),
  );
}

/** The page's own words: the main area's text without the data cells (marked data-cells). */
const pageText = (page) =>
  page.evaluate(() => {
    const hidden = [...document.querySelectorAll("[data-cells]")];
    hidden.forEach((e) => (e.style.visibility = "hidden"));
    const text = document.querySelector("main").innerText;
    hidden.forEach((e) => (e.style.visibility = ""));
    return text;
  });

function assertNoEnglish(texts, fragments) {
  const all = texts.join("\n");
  const english = fragments.filter((f) => all.includes(f));
  const context = english.map((f) => all.slice(Math.max(0, all.indexOf(f) - 80), all.indexOf(f) + 80));
  assert.deepEqual(english, [], `English text on the Polish page: ${context.join(" | ")}`);
}

test("CRM matching in Polish: no English on the tab, numbers and dates the Polish way", async () => {
  const fragments = await englishFragments();
  const { page, problems } = await openTab("crm", { settings: { language: "pl" }, crm: crmState({ openPicks: [crmList()], savePicks: ["/home/ana/Dokumenty/Dopasowania.csv"] }) });
  const texts = [];
  await page.getByTestId("crm-empty").waitFor();
  texts.push(await pageText(page));
  await page.getByTestId("crm-import").click();
  await page.getByTestId("crm-table").waitFor();
  await page.getByTestId("crm-export").click();
  await page.getByTestId("crm-export-saved").waitFor();
  texts.push(await pageText(page));
  await page.getByTestId("crm-filter").selectOption("none");
  texts.push(await pageText(page));
  assertNoEnglish(texts, fragments);
  const all = texts.join("\n");
  assert.match(all, /Dopasowanie najpierw po domenie internetowej/);
  assert.match(all, /Zaimportowano 375 kont z CRM/);
  assert.match(all, /600 klientów w migawce z 31 mar 2025/);
  assert.match(all, /Zapisano w \/home\/ana\/Dokumenty\/Dopasowania\.csv/);
  assert.deepEqual(problems, []);
  await page.close();
});

test("Microsoft downloads in Polish: no English on the tab (list, rows, comparison, delete), ρ with a decimal comma", async () => {
  const fragments = await englishFragments();
  const { page, problems } = await openTab("downloads", { settings: { language: "pl" }, downloads: downloadsState({ openPicks: [makeDownload()], compareMs: 200 }) });
  const texts = [];
  await page.getByTestId("downloads-empty").waitFor();
  texts.push(await pageText(page));
  await page.getByTestId("download-import").click();
  await page.getByTestId("download-cells-grid").waitFor();
  await page.getByTestId("download-cluster-B").click();
  await page.getByTestId("download-min-intent").fill("300");
  await waitForTotal(page, /z 250$/);
  texts.push(await pageText(page));
  await page.getByTestId("download-search").fill("nikt-taki");
  await page.getByTestId("download-no-rows").waitFor();
  texts.push(await pageText(page));
  await page.getByTestId("download-view-compare").click();
  await page.getByTestId("download-comparing").waitFor();
  texts.push(await pageText(page));
  await page.getByTestId("download-comparison").waitFor();
  texts.push(await pageText(page));
  await page.getByTestId("download-delete").click();
  texts.push(await page.getByTestId("delete-download-dialog").innerText());
  assertNoEnglish(texts, fragments);
  const all = texts.join("\n");
  assert.match(all, /Zachowano jako zagrania 2 kolumny, których raport nie opisuje/);
  assert.match(all, /240 z 250/);
  assert.match(all, /0,\d\d \(240 par\)/);
  assert.match(all, /Microsoft 365/);
  assert.deepEqual(problems, []);
  await page.close();
});
