// Import files on the Data page against the mocked backend (tauriMock.mjs, import_files): the
// dialog, what is sent to Rust, the progress, what the import made of each file, and the reloads.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { ipcCalls, plain, startHarness } from "./support/harness.mjs";
import { SNAPSHOTS } from "./support/fixtures.mjs";
import {
  ACTIVE_USERS,
  BUDGET,
  CONTOSO,
  LIGHTHOUSE,
  LIGHTHOUSE_BROKEN,
  MAILBOX_STORAGE,
  REFERRALS,
  TEAMS,
  importState,
} from "./support/importFixtures.mjs";
import { OPPORTUNITIES, makeOpportunities, opportunityState } from "./support/opportunityFixtures.mjs";
import { LISTED, waitForCount } from "./support/opportunities.mjs";

let harness;
before(async () => {
  harness = await startHarness();
});
after(async () => {
  await harness?.close();
});

const fmt = (n) => n.toLocaleString("en-US");

/** Opens the Data page and the import dialog. */
async function openImport(overrides = {}) {
  const opened = await harness.open(overrides, { hash: "data" });
  await opened.page.getByTestId("snapshots-table").waitFor();
  await opened.page.getByTestId("import-files").click();
  const dialog = opened.page.getByTestId("import-dialog");
  await dialog.waitFor();
  return { ...opened, dialog };
}

/** Each file section: its name, badges, facts and problems as shown. */
async function fileSections(dialog) {
  return dialog.getByTestId("import-file").evaluateAll((items) =>
    items.map((item) => ({
      name: item.querySelector('[data-testid="import-file-name"]').innerText,
      kind: item.querySelector('[data-testid="import-file-kind"]').innerText,
      rows: item.querySelector('[data-testid="import-file-rows"]').innerText,
      concealed: item.querySelector('[data-testid="import-file-concealed"]') !== null,
      errors: item.querySelector('[data-testid="import-file-errors"]')?.innerText ?? null,
      warnings: item.querySelector('[data-testid="import-file-warnings"]')?.innerText ?? null,
      problems: [...item.querySelectorAll('[data-testid="import-problem"]')].map((li) => `${li.dataset.severity} | ${li.innerText}`),
      notes: [...item.querySelectorAll('[data-testid="import-file-note"]')].map((li) => li.innerText),
    })),
  );
}

test("a successful import shows the counts and the refresh, each file, and reloads the Data and Opportunities pages", async () => {
  // After the import, the refresh lists the opportunities of 210 customers, minus a few.
  const afterRefresh = makeOpportunities(210).filter((_, i) => i % 40 !== 3);
  const { page, problems, dialog } = await openImport({ opportunities: opportunityState({ afterRefresh }) });

  assert.equal(await page.getByTestId("import-tenant").inputValue(), "");
  assert.equal(await page.getByTestId("import-as-of").inputValue(), "");
  assert.equal(await page.getByTestId("import-as-of").getAttribute("placeholder"), "YYYY-MM-DD");
  await dialog.getByText("Microsoft 365 usage reports do not name their tenant", { exact: false }).waitFor();
  await dialog.getByText("Lighthouse opportunity exports do not need it.", { exact: false }).waitFor();

  const workspaceLoads = (await ipcCalls(page, "current_workspace")).length;
  await page.getByTestId("import-tenant").fill(` ${CONTOSO.domain} `);
  await page.getByTestId("import-choose").click();
  // The native picker is open: the dialog says so, then shows the job's stages.
  await page.getByTestId("import-picking").getByText("Choose the CSV or JSON files in the window that opened.").waitFor();
  await page.getByTestId("import-progress").getByText("Reading and checking the files").waitFor();
  await page.getByTestId("import-progress").getByText("Writing the new snapshot").waitFor();
  await page.getByTestId("import-success").waitFor();
  assert.equal(await page.getByTestId("import-progress").count(), 0);

  assert.deepEqual((await ipcCalls(page, "import_files")).map((c) => c.args), [
    { language: "en", paths: null, tenant: CONTOSO.domain, asOf: null },
  ]);

  const success = plain(await page.getByTestId("import-success").innerText());
  assert.ok(success.startsWith("Files imported"), success);
  assert.equal(
    plain(await page.getByTestId("import-counts").innerText()),
    "New snapshot as of Apr 27, 2025: 6 usage rows, 99 user activity rows and 124 opportunities imported.",
  );
  assert.ok(success.includes(`The usage reports were imported for the tenant ${CONTOSO.domain} (${CONTOSO.tenantId}).`), success);
  // What the refresh must report, from the fixtures (a dismissal is kept by key).
  const before = new Set(LISTED.map((r) => r.key));
  const previous = new Map(OPPORTUNITIES.map((r) => [r.key, r]));
  const listedAfter = afterRefresh.filter((r) => !(previous.get(r.key) ?? r).dismissed);
  const kept = listedAfter.filter((r) => before.has(r.key)).length;
  assert.ok(kept > 0 && listedAfter.length - kept > 0 && before.size - kept > 0, "the fixture has new, kept and gone rows");
  assert.equal(
    plain(await page.getByTestId("import-refresh").innerText()),
    `Opportunities refreshed: ${fmt(listedAfter.length)} listed, ${listedAfter.length - kept} new, ${fmt(kept)} kept, ${before.size - kept} gone.`,
  );

  const files = await fileSections(dialog);
  assert.deepEqual(
    files.map((f) => f.name),
    [TEAMS, ACTIVE_USERS, LIGHTHOUSE].map((p) => p.split("/").pop()),
  );
  assert.deepEqual(files[0], {
    name: "TeamsUserActivityUserDetail4_27_2025 9_12_03 AM.csv",
    kind: "Teams user activity detail (getTeamsUserActivityUserDetail)",
    rows: "48 read, 47 accepted",
    concealed: true,
    errors: null,
    warnings: "1 warning",
    problems: [
      "warning | Warning: Line 19, column User Principal Name: user 5C1A8E0F9B2D4E6A8C0E2F4A6B8D0F1E appears again (first on line 7): counted once",
    ],
    notes: [
      "user names are concealed (hashed) by the tenant's report settings: users are joined across reports by the same hash, but names cannot be shown",
    ],
  });
  assert.equal(files[1].concealed, false);
  assert.deepEqual(files[1].problems, ["warning | Warning: Line 41: the row has 31 fields, the header 30: the extra fields are empty and ignored"]);
  assert.equal(files[2].warnings, "2 warnings");
  assert.equal(files[2].rows, "126 read, 124 accepted");
  // The full path is shown under the name.
  await dialog.getByText(LIGHTHOUSE, { exact: true }).waitFor();

  // data-changed (snapshots) reloaded the Data page under the dialog.
  await page.waitForFunction((n) => window.__PA_CALLS__.filter((c) => c.cmd === "current_workspace").length > n, workspaceLoads);
  const firstRow = page.getByTestId("snapshots-table").locator("tbody tr").first();
  await firstRow.getByText("Apr 27, 2025").waitFor();
  assert.match(plain(await firstRow.innerText()), /Import\s+import: TeamsUserActivityUserDetail4_27_2025 9_12_03 AM\.csv, Office365ActiveUserDetail/);
  assert.equal(plain(await page.getByTestId("count-snapshots").innerText()).split("\n")[0], String(SNAPSHOTS.length + 1));

  await page.getByTestId("import-close").click();
  await dialog.waitFor({ state: "detached" });
  await page.getByTestId("nav-opportunities").click();
  await page.getByTestId("page-intro").getByText("Snapshot as of Apr 27, 2025", { exact: false }).waitFor();
  await waitForCount(page, listedAfter.length);
  assert.deepEqual(problems, []);
  await page.close();
});

test("a refused import lists every file's problems with their lines, and changes nothing", async () => {
  const { page, problems, dialog } = await openImport({ imports: importState({ picks: [[TEAMS, LIGHTHOUSE_BROKEN, BUDGET]] }) });
  const workspaceLoads = (await ipcCalls(page, "current_workspace")).length;
  await page.getByTestId("import-choose").click();
  const refused = page.getByTestId("import-refused");
  await refused.waitFor();
  assert.match(plain(await refused.innerText()), /^Nothing was imported\s*The workspace is unchanged\. Correct the problems listed below, then import the files again\.$/);
  assert.equal(await page.getByTestId("import-success").count(), 0);

  const files = await fileSections(dialog);
  assert.deepEqual(
    files.map((f) => [f.name, f.errors, f.warnings]),
    [
      ["TeamsUserActivityUserDetail4_27_2025 9_12_03 AM.csv", "1 error", "1 warning"],
      ["SalesAdvisor-Opportunities-edited.csv", "3 errors", "1 warning"],
      ["budget-2025.csv", "1 error", null],
    ],
  );
  // Usage reports need their tenant; none was given.
  assert.ok(
    files[0].problems.includes(
      "error | Error: usage reports do not name their tenant: say which customer they belong to (its tenant ID or primary domain)",
    ),
    files[0].problems.join("\n"),
  );
  assert.deepEqual(files[1].problems, [
    "error | Error: Line 12, column Seats: 'twelve' is not a number of seats",
    "warning | Warning: Line 27: the same opportunity (Litware, Customer retention) appears again (first on line 26): counted once",
    "error | Error: Line 31, column Date added: '31/02/2025' is not a date",
    "error | Error: Line 64, column Customer ID: no customer ID or TPID",
  ]);
  assert.deepEqual(files[1].notes, ["columns not in the documented export, ignored: Owner, Next step"]);
  assert.equal(files[2].kind, "unknown format (header: Month, Cost centre, Budget, Spent, Owner)");
  assert.deepEqual(files[2].problems, [
    "error | Error: Line 1: not a format Partner Advisor knows: expected a Microsoft 365 usage report or the Lighthouse Sales Advisor opportunities export",
  ]);
  // Errors and warnings differ by icon and by words, not by colour alone.
  assert.equal(await dialog.locator('[data-severity="error"] svg').count(), 5);
  assert.equal(await dialog.locator('[data-severity="warning"] svg').count(), 2);

  // Nothing was written: no data-changed, no reload.
  await page.waitForTimeout(200);
  assert.equal((await ipcCalls(page, "current_workspace")).length, workspaceLoads);
  assert.equal(await page.getByTestId("snapshots-table").locator("tbody tr").count(), SNAPSHOTS.length);
  assert.deepEqual(problems, []);
  await page.close();
});

test("import-wide errors, unreadable files and an unknown tenant are reported", async () => {
  const missing = LIGHTHOUSE.replace("2025-04-27", "2025-04-26");
  const { page, problems, dialog } = await openImport({ imports: importState({ picks: [[MAILBOX_STORAGE], [missing], [TEAMS]] }) });
  // A usage report the importer does not use, alone: nothing to import.
  await page.getByTestId("import-choose").click();
  await page.getByTestId("import-errors").waitFor();
  assert.deepEqual(await page.getByTestId("import-errors").locator("li").allInnerTexts(), [
    "nothing to import: no usage report the importer uses and no opportunity row",
  ]);
  let files = await fileSections(dialog);
  assert.deepEqual(files[0].problems, []);
  assert.deepEqual(files[0].notes, ["not a per-user report the importer uses: read, and left out of the import"]);
  assert.equal(files[0].rows, "30 read, 0 accepted");

  // A file that is gone.
  await page.getByTestId("import-choose").click();
  await dialog.getByText("cannot read the file", { exact: false }).waitFor();
  files = await fileSections(dialog);
  assert.deepEqual(files[0].problems, ["error | Error: cannot read the file: No such file or directory (os error 2)"]);
  assert.equal(await page.getByTestId("import-errors").count(), 0);

  // A tenant the workspace does not know.
  await page.getByTestId("import-tenant").fill("globex.com");
  await page.getByTestId("import-choose").click();
  await dialog.getByText("tenant globex.com is not a customer of this workspace", { exact: false }).waitFor();
  files = await fileSections(dialog);
  assert.deepEqual(files.map((f) => f.name), ["TeamsUserActivityUserDetail4_27_2025 9_12_03 AM.csv"]);
  assert.deepEqual((await ipcCalls(page, "import_files")).at(-1).args, { language: "en", paths: null, tenant: "globex.com", asOf: null });
  assert.deepEqual(problems, []);
  await page.close();
});

test("the As of date is checked before anything is asked of Rust, and sent as YYYY-MM-DD", async () => {
  const { page, problems, dialog } = await openImport({ imports: importState({ picks: [[LIGHTHOUSE]] }) });
  const asOf = page.getByTestId("import-as-of");
  await asOf.fill("2025-02-30");
  await asOf.blur();
  await dialog.getByText("Enter a date as YYYY-MM-DD, for example 2025-03-31.").waitFor();
  assert.equal(await asOf.getAttribute("aria-invalid"), "true");
  await page.getByTestId("import-choose").click();
  await page.waitForTimeout(100);
  assert.equal((await ipcCalls(page, "import_files")).length, 0, "an invalid date is not sent");

  await asOf.fill("2025-4-5");
  await page.getByTestId("import-choose").click();
  await page.getByTestId("import-success").waitFor();
  assert.equal(await asOf.inputValue(), "2025-04-05");
  assert.deepEqual((await ipcCalls(page, "import_files")).map((c) => c.args), [{ language: "en", paths: null, tenant: null, asOf: "2025-04-05" }]);
  assert.equal(
    plain(await page.getByTestId("import-counts").innerText()),
    "New snapshot as of Apr 5, 2025: 0 usage rows, 0 user activity rows and 124 opportunities imported.",
  );
  assert.equal(await dialog.getByText("The usage reports were imported", { exact: false }).count(), 0, "no tenant without usage reports");
  assert.deepEqual(problems, []);
  await page.close();
});

test("closing the file picker without a choice shows nothing", async () => {
  const { page, problems, dialog } = await openImport({ imports: importState({ picks: [null] }) });
  await page.getByTestId("import-choose").click();
  await page.waitForFunction(() => window.__PA_CALLS__.some((c) => c.cmd === "import_files"));
  await page.getByTestId("import-choose").getByText("Choose files and import").waitFor();
  assert.equal(await page.getByTestId("import-choose").isDisabled(), false);
  assert.equal(await dialog.getByTestId("import-outcome").count(), 0);
  assert.equal(await dialog.getByRole("alert").count(), 0);
  assert.equal(await dialog.locator("[data-error-code]").count(), 0);
  assert.equal(await page.getByTestId("import-picking").count(), 0);
  // The dialog stays open for another try; Close leaves the page as it was.
  await page.getByTestId("import-close").click();
  await dialog.waitFor({ state: "detached" });
  assert.equal(await page.getByTestId("snapshots-table").locator("tbody tr").count(), SNAPSHOTS.length);
  assert.deepEqual(problems, []);
  await page.close();
});

test("Cancel stops a running import with cancelJob", async () => {
  const { page, problems, dialog } = await openImport({ imports: importState({ stepMs: 400 }) });
  await page.getByTestId("import-tenant").fill(CONTOSO.tenantId);
  await page.getByTestId("import-choose").click();
  await page.getByTestId("import-progress").waitFor();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await dialog.locator('[data-error-code="cancelled"]').waitFor();
  const [cancel] = await ipcCalls(page, "cancel_job");
  assert.match(cancel.args.jobId, /^job-import-/);
  assert.equal(await page.getByTestId("snapshots-table").locator("tbody tr").count(), SNAPSHOTS.length);
  assert.deepEqual(problems, []);
  await page.close();
});

test("a data-changed event for the snapshots reloads the Data page; other areas do not", async () => {
  const { page, problems } = await harness.open({}, { hash: "data" });
  await page.getByTestId("snapshots-table").waitFor();
  const loads = () => ipcCalls(page, "current_workspace").then((c) => c.length);
  const before = await loads();
  await page.evaluate(() => window.__PA_EMIT__("data-changed", { area: "leads" }));
  await page.waitForTimeout(200);
  assert.equal(await loads(), before);
  await page.evaluate(() => window.__PA_EMIT__("data-changed", { area: "snapshots" }));
  await page.waitForFunction((n) => window.__PA_CALLS__.filter((c) => c.cmd === "current_workspace").length > n, before);
  assert.deepEqual(problems, []);
  await page.close();
});

test("Polish: the dialog, the stage names and the problems' lines", async () => {
  const { page, problems, dialog } = await openImport({
    settings: { language: "pl" },
    imports: importState({ picks: [[LIGHTHOUSE_BROKEN]] }),
  });
  assert.equal(await page.getByTestId("import-as-of").getAttribute("placeholder"), "RRRR-MM-DD");
  await page.getByTestId("import-choose").click();
  await page.getByTestId("import-refused").getByText("Nic nie zostało zaimportowane").waitFor();
  const files = await fileSections(dialog);
  assert.equal(files[0].errors, "3 błędy");
  assert.equal(files[0].rows, "odczytane: 126, przyjęte: 123");
  assert.equal(files[0].problems[0], "error | Błąd: Wiersz 12, kolumna Seats: 'twelve' is not a number of seats");
  assert.ok((await ipcCalls(page, "import_files")).every((c) => c.args.language === "pl"));
  assert.deepEqual(problems, []);
  await page.close();
});

test("lead files go to the lead inbox: the counts of added, updated and expired leads, and the Leads page reloads", async () => {
  const { page, dialog } = await openImport({ imports: importState({ picks: [[REFERRALS]] }) });
  await page.getByTestId("import-choose").click();
  await page.getByTestId("import-success").waitFor();
  assert.equal(
    plain(await dialog.getByTestId("import-lead-counts").innerText()),
    "Leads imported: 2 added, 1 updated, 0 unchanged, 0 skipped because your copy is newer. 1 lead was already past its 14 days and is now expired.",
  );
  assert.equal(await dialog.getByTestId("import-counts").count(), 0, "no snapshot counts for lead files");
});
