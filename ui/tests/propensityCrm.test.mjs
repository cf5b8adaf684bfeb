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

// The new keys; product names (Microsoft 365, Business Central, Power Apps…) stay as they are.
const NEW_KEY = /^(propensity\.(crm|downloads|pager|delimiter)\.|propensity\.tab\.(crm|downloads)$|solutionArea\.)/;

/** English fragments (the words between parameters, 8 characters or more) that Polish does not share. */
async function englishFragments() {
  const { en: enModule, es, fr, pl } = await loadTs("i18n", ["en", "es", "fr", "pl"]);
  const en = enModule.en;
  const keys = Object.keys(en).filter((k) => NEW_KEY.test(k));
  assert.ok(keys.length > 40, `${keys.length} keys`);
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
