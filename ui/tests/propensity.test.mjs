// The Propensity reports page (SPEC §6): the Create report wizard (source, columns, time range,
// name, CSV) with Preview, Download now and Schedule, progress and Cancel; My reports with its
// statuses and file actions; Schedules; the cluster map the backend checks; the reports folder;
// every string in Spanish, French and Polish.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { ipcCalls, plain, startHarness } from "./support/harness.mjs";
import { loadTs } from "./support/loadTs.mjs";
import { CUSTOMERS, DEFAULT_CLUSTER_MAP, REPORTS_FOLDER, catalogueFor, propensityState, savedReport } from "./support/propensityFixtures.mjs";

let harness;
before(async () => {
  harness = await startHarness();
});
after(async () => {
  await harness?.close();
});

const CATALOGUE = catalogueFor("en");
const columnsOf = (kind) => CATALOGUE.find((c) => c.kind === kind).columns;

async function openPropensity(overrides = {}, options = {}) {
  const opened = await harness.open(overrides, { hash: "propensity", ...options });
  await opened.page.getByTestId("report-source-m365").waitFor();
  return opened;
}

/** Chooses a source, then walks to the last step with the defaults. */
async function toLastStep(page, kind) {
  await page.getByTestId(`report-source-${kind}`).click();
  await page.getByTestId("column-picker").waitFor();
  await page.getByTestId("wizard-step-4").click();
  await page.getByTestId("report-name").waitFor();
}

const mockState = (page) => page.evaluate(() => JSON.parse(JSON.stringify(window.__PA_PROPENSITY__.state)));
const rows = (page) => page.getByTestId("report-row");

test("create a report through the wizard: Download now saves it, offers Open and Show in folder, and My reports lists it", async () => {
  const { page, problems } = await openPropensity();
  assert.match(await page.getByTestId("targeting-advice").innerText(), /Start with Act now \(A\) and Evaluate \(B\) clusters\./);
  // Six sources with title and description, in the backend's words.
  for (const info of CATALOGUE) {
    const card = page.getByTestId(`report-source-${info.kind}`);
    assert.match(await card.innerText(), new RegExp(`${info.title}\\s+${info.description.replace(/[.()]/g, "\\$&")}`));
  }
  // My reports and Schedules are empty at first.
  await page.getByTestId("propensity-tab-reports").click();
  await page.getByTestId("reports-empty").waitFor();
  await page.getByTestId("propensity-tab-schedules").click();
  await page.getByTestId("schedules-empty").waitFor();
  await page.getByTestId("propensity-tab-create").click();

  await page.getByTestId("report-source-m365").click();
  assert.equal(plain(await page.getByTestId("columns-count").innerText()), `${columnsOf("m365").length} of ${columnsOf("m365").length} columns selected`);
  await page.getByTestId("wizard-next").click();
  assert.equal(await page.getByTestId("range-lifetime").isChecked(), true, "Lifetime by default");
  await page.getByTestId("wizard-next").click();
  const name = await page.getByTestId("report-name").inputValue();
  assert.match(name, /^M365 propensity \d{4}-\d{2}-\d{2}$/);
  assert.match(await page.getByTestId("report-file-type").innerText(), /CSV/);
  assert.match(plain(await page.getByTestId("report-summary").innerText()), /Data source\s+M365\s+Columns\s+48 of 48 columns selected\s+Time range\s+Lifetime/);

  await page.getByTestId("report-download").click();
  await page.getByTestId("report-progress").waitFor();
  // The stages in words, never their codes.
  await page.getByTestId("report-progress").getByText(/Reading the customers|Learning from your best customers|Scoring fit and intent|Writing the report/).first().waitFor();
  const saved = page.getByTestId("report-saved");
  await saved.waitFor();
  assert.equal(await page.getByTestId("report-progress").count(), 0);
  const [call] = await ipcCalls(page, "generate_propensity_report");
  assert.deepEqual(call.args, { language: "en", spec: { kind: "m365", name, columns: [], months: null } });
  const state = await mockState(page);
  const report = state.reports[0];
  assert.match(plain(await saved.innerText()), new RegExp(`Report saved\\s*${report.fileName.replace(/[.()]/g, "\\$&")}: 3,000 rows, [\\d.]+ MB\\.`));
  await page.getByTestId("report-saved-open").click();
  await page.getByTestId("report-saved-reveal").click();
  await page.waitForFunction(() => window.__PA_PROPENSITY__.state.revealed.length === 1);
  assert.deepEqual((await mockState(page)).opened, [report.id]);

  // In My reports, pointed at.
  await page.getByTestId("report-saved-show").click();
  const row = page.locator(`[data-testid="report-row"][data-id="${report.id}"]`);
  await row.waitFor();
  assert.equal(await row.getAttribute("data-highlighted"), "true");
  assert.equal(await row.getByTestId("report-name-cell").innerText(), name);
  assert.equal(await row.getByTestId("report-kind").innerText(), "M365");
  assert.equal(await row.getByTestId("report-status").getAttribute("data-status"), "completed");
  assert.equal(await row.getByTestId("report-rows").innerText(), "3,000");
  assert.match(plain(await row.getByTestId("report-size").innerText()), /^[\d.]+ MB$/);
  assert.equal(await row.getByTestId("report-as-of").innerText(), "Mar 31, 2025");
  assert.match(plain(await row.getByTestId("report-created").innerText()), /Apr 2, 2025, 10:20 AM/, "in the user's time zone (Warsaw)");
  assert.equal(await row.getByTestId("report-scheduled-marker").count(), 0);
  assert.match(plain(await page.getByTestId("propensity-tab-reports").innerText()), /^My reports\s*1$/, "with its count");
  assert.deepEqual(problems, []);
  await page.close();
});

test("chosen columns (by group, by search, one by one) and the last N months are what the backend receives, in the report's order", async () => {
  const { page, problems } = await openPropensity();
  await page.getByTestId("report-source-azure").click();
  const all = columnsOf("azure");
  // No flags, no workloads but the recommended ones, no Signals.
  await page.getByTestId("column-group-none-flag").click();
  await page.getByTestId("column-group-toggle-workload").click();
  assert.equal(await page.getByTestId("column-group-toggle-workload").isChecked(), false);
  await page.locator('[data-testid="column-option"][data-column="RecommendedWorkloads"]').click();
  assert.equal(await page.getByTestId("column-group-toggle-workload").evaluate((input) => input.indeterminate), true, "some of the group");
  await page.getByTestId("column-search").fill("signals");
  assert.equal(await page.getByTestId("column-option").count(), 1);
  await page.getByTestId("column-group-none-signals").click();
  await page.getByTestId("column-search").fill("zzz");
  await page.getByTestId("columns-no-match").waitFor();
  await page.getByTestId("column-search").fill("");
  const removed = new Set(["Has Azure", "Has D365", "Has M365", "HasGoogle", "HasAWS", "HasEA", "HasOpen", "NumberofExistingWorkloads", "Existing Workloads", "NumberofRecommendedWorkloads", "AzureSignals"]);
  const expected = all.map((c) => c.name).filter((n) => !removed.has(n));
  assert.equal(plain(await page.getByTestId("columns-count").innerText()), `${expected.length} of ${all.length} columns selected`);

  // Select none: the wizard will not go on without a column.
  await page.getByTestId("columns-none").click();
  await page.getByTestId("columns-required").waitFor();
  await page.getByTestId("wizard-step-4").click();
  await page.getByTestId("report-preview").click();
  assert.equal(await page.getByTestId("report-wizard").getAttribute("data-step"), "2", "sent back to the columns");
  await page.getByTestId("columns-all").click();
  for (const name of removed) await page.locator(`[data-testid="column-option"][data-column="${name}"]`).click();

  await page.getByTestId("wizard-next").click();
  await page.getByTestId("range-months").click();
  const months = page.getByTestId("range-months-value");
  await months.fill("121");
  await months.press("Tab");
  await page.getByText("Enter a whole number of months from 1 to 120.").waitFor();
  await months.fill("6");
  await months.press("Tab");
  await page.getByTestId("wizard-next").click();
  await page.getByTestId("report-name").fill("Azure – Q2 migrations");
  assert.match(plain(await page.getByTestId("report-summary").innerText()), new RegExp(`Columns\\s+${expected.length} of ${all.length} columns selected\\s+Time range\\s+Last 6 months of transactions`));
  await page.getByTestId("report-preview").click();
  await page.getByTestId("preview-grid").waitFor();
  const [call] = await ipcCalls(page, "preview_propensity_report");
  assert.deepEqual(call.args, { language: "en", limit: 500, spec: { kind: "azure", name: "Azure – Q2 migrations", columns: expected, months: 6 } });
  assert.deepEqual(await page.getByTestId("preview-column").allInnerTexts(), expected);
  assert.deepEqual(problems, []);
  await page.close();
});

test("Preview shows the first rows in a virtualised grid with a sticky header and cluster badges", async () => {
  const { page, problems } = await openPropensity();
  await toLastStep(page, "m365");
  await page.getByTestId("report-preview").click();
  const grid = page.getByTestId("preview-grid");
  await grid.waitFor();
  assert.match(plain(await page.getByTestId("preview-facts").innerText()), /^First 500 rows of 3,000 rows · 3,000 customers in the snapshot of Mar 31, 2025$/);
  const names = columnsOf("m365").map((c) => c.name);
  assert.deepEqual(await page.getByTestId("preview-column").allInnerTexts(), names);
  // Only a window of the 500 rows is in the DOM.
  const shown = await page.getByTestId("preview-row").count();
  assert.ok(shown > 5 && shown < 60, `${shown} rows rendered`);
  // The first customer's M365 cluster, through the default map, as a coloured badge.
  const band = (s) => (s >= 75 ? 0 : s >= 55 ? 1 : s >= 30 ? 2 : 3);
  const first = CUSTOMERS[0].scores.M365;
  const code = DEFAULT_CLUSTER_MAP[band(first.fit)][band(first.intent)];
  const firstRow = page.locator('[data-testid="preview-row"][data-index="0"]');
  const clusterCell = firstRow.locator("td").nth(names.indexOf("M365Cluster") + 1);
  const badge = clusterCell.getByTestId("cluster-badge");
  assert.equal(await badge.getAttribute("data-cluster"), code[0]);
  const clusterNames = { A: "Act now", B: "Evaluate", C: "Nurture", D: "Educate" };
  assert.equal(plain(await badge.innerText()).replace(/\s+/g, " "), `${code} ${clusterNames[code[0]]}`);
  assert.equal(await firstRow.locator("td").nth(names.indexOf("AccountName") + 1).innerText(), CUSTOMERS[0].name);
  // Scrolls both ways; the header stays on top.
  const metrics = await grid.evaluate((el) => ({ wide: el.scrollWidth > el.clientWidth, position: getComputedStyle(el.querySelector("th")).position }));
  assert.deepEqual(metrics, { wide: true, position: "sticky" });
  await grid.evaluate((el) => {
    el.scrollTop = el.scrollHeight;
  });
  await page.locator('[data-testid="preview-row"][data-index="499"]').waitFor();
  const headerTop = await page.getByTestId("preview-column").first().evaluate((th) => th.getBoundingClientRect().top - th.closest("[data-testid=preview-grid]").getBoundingClientRect().top);
  assert.ok(Math.abs(headerTop) < 2, `header at ${headerTop}px from the top of the grid`);
  assert.ok((await page.getByTestId("preview-row").count()) < 60);
  // Every letter is in the legend.
  assert.deepEqual(await page.getByTestId("cluster-legend").allInnerTexts().then((t) => t.map((x) => plain(x).replace(/\s+/g, " "))), ["A Act now", "B Evaluate", "C Nurture", "D Educate"]);
  assert.deepEqual(problems, []);
  await page.close();
});

test("Cancel during Download now says it was cancelled (not an error) and leaves no completed report", async () => {
  const { page, problems } = await openPropensity({ propensity: propensityState({ stepMs: 150 }) });
  await toLastStep(page, "security");
  await page.getByTestId("report-download").click();
  await page.getByTestId("report-progress").getByText("Reading the customers and their history").waitFor();
  await page.waitForFunction(() => !document.querySelector('[data-testid="report-cancel"]')?.disabled);
  await page.getByTestId("report-cancel").click();
  const message = page.getByTestId("report-cancelled");
  await message.waitFor();
  assert.equal(await message.innerText(), "The report was cancelled: no file was saved.");
  assert.equal(await page.locator("[data-error-code]").count(), 0, "no error bar");
  const [cancel] = await ipcCalls(page, "cancel_job");
  assert.match(cancel.args.jobId, /^job-propensity-/);
  await page.getByTestId("propensity-tab-reports").click();
  await rows(page).first().waitFor();
  assert.deepEqual(await rows(page).evaluateAll((list) => list.map((r) => r.dataset.status)), ["cancelled"]);
  assert.equal(await rows(page).first().getByTestId("report-open").isDisabled(), true);
  assert.deepEqual((await mockState(page)).files, []);

  // A cancelled preview is neutral too.
  await page.getByTestId("propensity-tab-create").click();
  await page.getByTestId("report-preview").click();
  await page.getByTestId("report-progress").getByText("Reading the customers and their history").waitFor();
  await page.waitForFunction(() => !document.querySelector('[data-testid="report-cancel"]')?.disabled);
  await page.getByTestId("report-cancel").click();
  await page.getByText("The preview was cancelled.").waitFor();
  assert.equal(await page.getByTestId("preview-grid").count(), 0);
  assert.deepEqual(problems, []);
  await page.close();
});

test("Schedule monthly: listed in Schedules with its next run on the 25th; a background run lands in My reports; delete the schedule", async () => {
  const { page, problems } = await openPropensity();
  await toLastStep(page, "surface");
  await page.getByTestId("report-name").fill("Surface monthly");
  await page.getByTestId("report-schedule").click();
  const dialog = page.getByTestId("schedule-dialog");
  await dialog.waitFor();
  assert.equal(await page.getByTestId("schedule-monthly").isChecked(), true);
  await page.getByTestId("schedule-save").click();
  await dialog.waitFor({ state: "detached" });
  assert.equal((await page.getByTestId("report-scheduled").innerText()).split("\n")[0], "“Surface monthly” is scheduled. Next run: Apr 25, 2025.");
  const [call] = await ipcCalls(page, "create_report_schedule");
  assert.deepEqual(call.args, { language: "en", cadence: "monthly", spec: { kind: "surface", name: "Surface monthly", columns: [], months: null } });

  await page.getByTestId("report-scheduled-show").click();
  const row = page.getByTestId("schedule-row");
  await row.waitFor();
  assert.equal(await row.getByTestId("schedule-name").innerText(), "Surface monthly");
  assert.equal(await row.getByTestId("schedule-cadence").innerText(), "Monthly, on the 25th");
  assert.equal(await row.getByTestId("schedule-next").innerText(), "Apr 25, 2025");
  assert.equal(await row.getByTestId("schedule-last").innerText(), "Not yet");

  // The scheduler runs it in the background: data-changed reloads the lists.
  await page.evaluate(() => window.__PA_PROPENSITY__.runSchedule(1));
  await row.getByTestId("schedule-last-report").waitFor();
  assert.equal(await row.getByTestId("schedule-last-report").innerText(), "Surface monthly");
  await row.getByTestId("schedule-last-report").click();
  const report = page.locator('[data-testid="report-row"][data-highlighted="true"]');
  await report.waitFor();
  assert.equal(await report.getByTestId("report-status").getAttribute("data-status"), "completed");
  assert.equal(await report.getByTestId("report-scheduled-marker").innerText(), "Scheduled");

  // After each import, and deleting one.
  await page.getByTestId("propensity-tab-create").click();
  await page.getByTestId("report-schedule").click();
  await page.getByTestId("schedule-after-import").click();
  await page.getByTestId("schedule-save").click();
  assert.equal((await page.getByTestId("report-scheduled").innerText()).split("\n")[0], "“Surface monthly” is scheduled after each data import.");
  await page.getByTestId("propensity-tab-schedules").click();
  await page.getByTestId("schedule-row").nth(1).waitFor();
  assert.equal(await page.getByTestId("schedule-row").nth(1).getByTestId("schedule-next").innerText(), "At the next import");
  await page.getByTestId("schedule-row").first().getByTestId("schedule-delete").click();
  await page.getByTestId("delete-schedule-dialog").getByText("“Surface monthly” will no longer be created.", { exact: false }).waitFor();
  await page.getByTestId("delete-schedule-dialog-confirm").click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="schedule-row"]').length === 1);
  assert.equal(await page.getByTestId("schedule-row").getAttribute("data-cadence"), "afterImport");
  assert.deepEqual(problems, []);
  await page.close();
});

test("My reports: statuses (running, failed with its reason, file missing), delete with its file, and a missing file cannot be opened", async () => {
  const reports = [
    savedReport({ id: 1, name: "Azure propensity 2025-03-25", startedAt: "2025-03-25T06:00:00Z" }),
    savedReport({ id: 2, name: "M365 propensity 2025-03-20", kind: "m365", fileExists: false, startedAt: "2025-03-20T09:00:00Z", scheduleId: 7 }),
    savedReport({ id: 3, name: "Security propensity 2025-03-18", kind: "security", status: "failed", rows: null, bytes: null, asOf: null, fileExists: false, error: "cannot create /mnt/share/Security.csv: Permission denied (os error 13)", startedAt: "2025-03-18T09:00:00Z" }),
    savedReport({ id: 4, name: "D365 propensity 2025-04-02", kind: "d365", status: "running", rows: null, bytes: null, asOf: null, fileExists: false, startedAt: "2025-04-02T08:19:00Z", finishedAt: null }),
  ];
  const { page, problems } = await openPropensity({ propensity: propensityState({ reports }) });
  await page.getByTestId("propensity-tab-reports").click();
  await rows(page).nth(3).waitFor();
  assert.deepEqual(await rows(page).evaluateAll((list) => list.map((r) => Number(r.dataset.id))), [4, 1, 2, 3], "newest first");
  const row = (id) => page.locator(`[data-testid="report-row"][data-id="${id}"]`);
  assert.match(await row(4).getByTestId("report-status").innerText(), /Running/);
  assert.equal(await row(1).getByTestId("report-size").innerText().then(plain), "1.8 MB");
  assert.equal(await row(2).getByTestId("report-status").innerText(), "File missing");
  assert.equal(await row(2).getByTestId("report-open").getAttribute("aria-disabled"), "true");
  assert.equal(await row(2).getByTestId("report-scheduled-marker").innerText(), "Scheduled");
  assert.equal(await row(3).getByTestId("report-status").innerText(), "Failed");
  await row(3).getByTestId("report-status").hover();
  await page.getByText("cannot create /mnt/share/Security.csv: Permission denied (os error 13)").waitFor();
  await page.mouse.move(0, 0);

  // Show in folder, then delete with the file.
  await row(1).getByTestId("report-reveal").click();
  await page.waitForFunction(() => window.__PA_PROPENSITY__.state.revealed.includes(1));
  await row(1).getByTestId("report-delete").click();
  const dialog = page.getByTestId("delete-report-dialog");
  await dialog.waitFor();
  assert.match(await dialog.innerText(), /“Azure propensity 2025-03-25” will be removed from My reports\./);
  await page.getByTestId("delete-report-file").check();
  await page.getByTestId("delete-report-confirm").click();
  await dialog.waitFor({ state: "detached" });
  await row(1).waitFor({ state: "detached" });
  assert.deepEqual((await ipcCalls(page, "delete_saved_report")).map((c) => c.args), [{ id: 1, deleteFile: true }]);
  const state = await mockState(page);
  assert.equal(state.files.includes(`${REPORTS_FOLDER}/Azure propensity 2025-03-25.csv`), false, "the file is gone too");
  assert.equal(await page.getByTestId("reports-notice").innerText(), "“Azure propensity 2025-03-25” was deleted.");

  // A report whose file is missing: the checkbox cannot delete a file.
  await row(2).getByTestId("report-delete").click();
  assert.equal(await page.getByTestId("delete-report-file").isDisabled(), true);
  await page.getByTestId("delete-report-confirm").click();
  await row(2).waitFor({ state: "detached" });
  assert.deepEqual((await ipcCalls(page, "delete_saved_report")).at(-1).args, { id: 2, deleteFile: false });
  assert.deepEqual(problems, []);
  await page.close();
});

test("the cluster map: a duplicate code is refused with the backend's reason; a valid map saves; Reset to default; the reports folder changes", async () => {
  const { page, problems } = await openPropensity({ propensity: propensityState({ folderPicks: [null, "/home/ana/Reports/CloudAscent"] }) });
  await page.getByTestId("propensity-tab-clusterMap").click();
  await page.getByTestId("cluster-matrix").waitFor();
  const cell = (r, c) => page.getByTestId(`cluster-cell-${r}-${c}`);
  for (let r = 0; r < 4; r += 1) {
    for (let c = 0; c < 4; c += 1) assert.equal(await cell(r, c).getAttribute("data-code"), DEFAULT_CLUSTER_MAP[r][c]);
  }
  assert.equal(await page.getByTestId("cluster-map-reset").isDisabled(), true, "already the default");
  const choose = async (r, c, code) => {
    await cell(r, c).click();
    await page.getByTestId(`cluster-option-${code}`).click();
  };

  // High fit × Medium intent becomes A1 too.
  await choose(0, 1, "A1");
  assert.equal(await page.getByTestId("cluster-map-check").innerText(), "Used more than once: A1. Not used: A2.");
  await page.getByTestId("cluster-map-save").click();
  const refused = page.getByTestId("cluster-map-refused");
  await refused.waitFor();
  assert.equal(await refused.getAttribute("data-error-code"), "invalidInput");
  assert.match(await refused.innerText(), /The cluster map was not saved\s*every code A1 to D4 must be used exactly once: A1 used more than once, A2 not used/);
  assert.deepEqual((await mockState(page)).settings.clusterMap, DEFAULT_CLUSTER_MAP);

  // Swap A2 and B2 instead: saved.
  await choose(0, 0, "A1");
  await choose(0, 1, "B2");
  await choose(2, 0, "A2");
  await page.getByTestId("cluster-map-save").click();
  await page.getByTestId("cluster-map-saved").waitFor();
  const swapped = DEFAULT_CLUSTER_MAP.map((row) => [...row]);
  swapped[0][1] = "B2";
  swapped[2][0] = "A2";
  assert.deepEqual((await mockState(page)).settings.clusterMap, swapped);
  assert.deepEqual((await ipcCalls(page, "set_cluster_map")).at(-1).args, { cells: swapped });

  await page.getByTestId("cluster-map-reset").click();
  await page.getByText("The default cluster map is back.").waitFor();
  assert.deepEqual((await mockState(page)).settings.clusterMap, DEFAULT_CLUSTER_MAP);
  assert.equal(await cell(0, 1).getAttribute("data-code"), "A2");

  // The folder: the picker closed changes nothing; then a folder is chosen.
  assert.equal(await page.getByTestId("reports-folder-path").innerText(), REPORTS_FOLDER);
  await page.getByTestId("reports-folder-change").click();
  await page.waitForFunction(() => window.__PA_CALLS__.filter((c) => c.cmd === "choose_reports_folder").length === 1);
  await page.getByTestId("reports-folder-change").click();
  await page.getByText("/home/ana/Reports/CloudAscent").waitFor();
  assert.deepEqual(problems, []);
  await page.close();
});

test("every visible string is translated: the page in Polish shows no English, and es, fr and pl have every key", async () => {
  const { en: enModule, es, fr, pl } = await loadTs("i18n", ["en", "es", "fr", "pl"]);
  const en = enModule.en;
  const keys = Object.keys(en).filter((k) => k.startsWith("propensity.") || k.startsWith("job.stage.propensity."));
  assert.ok(keys.length > 150, `${keys.length} keys`);
  for (const [language, messages] of Object.entries({ es: es.es, fr: fr.fr, pl: pl.pl })) {
    const same = keys.filter((k) => messages[k] === en[k]);
    for (const key of keys) assert.ok(messages[key]?.trim(), `${language} lacks ${key}`);
    // Only names stay the same (Azure, D365, M365, Surface, "{selected} of {total}" forms…).
    for (const key of same) assert.ok(en[key].length <= 12, `${language}.${key} looks untranslated: "${en[key]}"`);
  }

  // English fragments (the words between parameters) that Polish does not share.
  const fragments = [...new Set(keys.flatMap((k) => en[k].split(/\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}/).map((f) => f.trim())))].filter(
    (f) => f.length >= 8 && !keys.some((k) => pl.pl[k].includes(f)),
  );
  const reports = [
    savedReport({ id: 1, name: "Raport Azure z marca" }),
    savedReport({ id: 2, name: "Raport M365", kind: "m365", fileExists: false, scheduleId: 1 }),
    savedReport({ id: 3, name: "Raport bezpieczeństwa", kind: "security", status: "failed", error: "brak miejsca", fileExists: false }),
  ];
  const schedules = [
    { id: 1, spec: { kind: "m365", name: "Raport M365", columns: [], months: null }, cadence: "monthly", createdAt: "2025-03-01T10:00:00Z", lastRunAt: "2025-03-25T00:01:00Z", nextRunAt: "2025-04-25T00:00:00Z", lastReportId: 2 },
    { id: 2, spec: { kind: "azure", name: "Azure po imporcie", columns: [], months: 12 }, cadence: "afterImport", createdAt: "2025-03-01T10:00:00Z", lastRunAt: null, nextRunAt: null, lastReportId: null },
  ];
  const { page, problems } = await openPropensity({ settings: { language: "pl" }, propensity: propensityState({ reports, schedules, stepMs: 120 }) });
  const texts = [];
  // The page's own words; the preview's cells are data (the backend's, in the mock in English).
  const collect = async () =>
    texts.push(
      await page.evaluate(() => {
        const cells = document.querySelector('[data-testid="preview-grid"] tbody');
        if (cells) cells.style.display = "none";
        const text = document.querySelector("main").innerText;
        if (cells) cells.style.display = "";
        return text;
      }),
    );
  await collect();
  await page.getByTestId("report-source-azure").click();
  await collect();
  await page.getByTestId("wizard-next").click();
  await page.getByTestId("range-months").click();
  await page.getByTestId("range-months-value").fill("0");
  await page.getByTestId("range-months-value").press("Tab");
  await collect();
  await page.getByTestId("range-months-value").fill("3");
  await page.getByTestId("range-months-value").press("Tab");
  await page.getByTestId("wizard-next").click();
  await collect();
  assert.match(await page.getByTestId("report-name").inputValue(), /^Skłonność Azure \d{4}-\d{2}-\d{2}$/);
  await page.getByTestId("report-preview").click();
  await page.getByTestId("report-progress").getByText("Odczytywanie klientów i ich historii").waitFor();
  await collect();
  await page.getByTestId("preview-grid").waitFor();
  await collect();
  await page.getByTestId("report-download").click();
  await page.getByTestId("report-saved").waitFor();
  await collect();
  await page.getByTestId("report-schedule").click();
  texts.push(await page.getByTestId("schedule-dialog").innerText());
  await page.getByTestId("schedule-save").click();
  await page.getByTestId("report-scheduled").waitFor();
  await collect();
  await page.getByTestId("propensity-tab-reports").click();
  await rows(page).nth(3).waitFor();
  await collect();
  await page.locator('[data-testid="report-row"][data-id="1"]').getByTestId("report-delete").click();
  texts.push(await page.getByTestId("delete-report-dialog").innerText());
  await page.getByTestId("delete-report-cancel").click();
  await page.getByTestId("propensity-tab-schedules").click();
  await page.getByTestId("schedule-row").nth(1).waitFor();
  await collect();
  await page.getByTestId("propensity-tab-clusterMap").click();
  await page.getByTestId("cluster-cell-0-1").click();
  await page.getByTestId("cluster-option-A1").click();
  await page.getByTestId("cluster-map-save").click();
  await page.getByTestId("cluster-map-refused").waitFor();
  await collect();

  const all = texts.join("\n");
  const english = fragments.filter((f) => all.includes(f));
  const context = english.map((f) => all.slice(Math.max(0, all.indexOf(f) - 80), all.indexOf(f) + 80));
  assert.deepEqual(english, [], `English text on the Polish page: ${context.join(" | ")}`);
  assert.match(all, /Zacznij od klastrów Działaj teraz \(A\) i Oceń \(B\)\./);
  assert.match(all, /Co miesiąc, 25\. dnia/);
  assert.match(all, /25 kwi 2025/);
  assert.deepEqual(problems, []);
  await page.close();
});
