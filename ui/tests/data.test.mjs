import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { ipcCalls, plain, startHarness } from "./support/harness.mjs";
import { DEMO_WORKSPACE, EMPTY_WORKSPACE } from "./support/fixtures.mjs";

let harness;
before(async () => {
  harness = await startHarness();
});
after(async () => {
  await harness?.close();
});

/** Cell texts of the snapshots table, newest row first. */
async function snapshotRows(page) {
  const table = page.getByTestId("snapshots-table");
  await table.waitFor();
  return table.locator("tbody tr").evaluateAll((rows) => rows.map((row) => [...row.cells].map((cell) => cell.innerText)));
}

test("the Data page shows the current workspace and its snapshots, formatted for en-US", async () => {
  const { page, problems } = await harness.open({}, { hash: "data" });
  const current = page.getByTestId("current-workspace");
  const text = await current.innerText();
  for (const expected of [
    DEMO_WORKSPACE.name,
    DEMO_WORKSPACE.path,
    "Northwind Cloud Solutions",
    "4817352",
    "SQLCipher, key in OS keychain",
    "48.2 MB",
  ]) {
    assert.ok(text.includes(expected), `current workspace shows ${expected}`);
  }
  assert.equal(plain(await page.getByTestId("count-customers").innerText()).split("\n")[0], "3,000");
  assert.equal(plain(await page.getByTestId("count-userActivityRows").innerText()).split("\n")[0], "1,284,532");

  const rows = await snapshotRows(page);
  assert.equal(rows.length, 24);
  assert.deepEqual(rows[0].slice(0, 7).map(plain), ["Mar 31, 2025", "Demo data", "3,000", "10,223", "15,000", "2,883", "38"]);
  assert.deepEqual(rows[23].slice(0, 3).map(plain), ["Apr 30, 2023", "Demo data", "2,712"]);
  assert.deepEqual(problems, []);
  await page.close();
});

test("numbers and dates follow the locale: Polish from the OS, French from the setting", async () => {
  const polish = await harness.open({ appInfo: { version: "0.1.0", osLocale: "pl_PL.UTF-8", dataDir: "/home/ana/.local/share/partner-advisor" } }, { hash: "data" });
  assert.equal(await polish.page.getByTestId("page-data").locator("h1").innerText(), "Dane");
  let rows = await snapshotRows(polish.page);
  // Polish groups thousands only from five digits, with a no-break space.
  assert.deepEqual(rows[0].slice(0, 5).map(plain), ["31 mar 2025", "Dane demonstracyjne", "3000", "10 223", "15 000"]);
  assert.ok(rows[0][4].includes("\u00a0"), "Polish group separator is a no-break space");
  assert.match(plain(await polish.page.getByTestId("current-workspace").innerText()), /48,2 MB/);
  assert.deepEqual(polish.problems, []);
  await polish.page.close();

  const french = await harness.open({ settings: { language: "fr" } }, { hash: "data" });
  assert.equal(await french.page.getByTestId("page-data").locator("h1").innerText(), "Données");
  rows = await snapshotRows(french.page);
  assert.deepEqual(rows[0].slice(0, 4).map(plain), ["31 mars 2025", "Données de démonstration", "3 000", "10 223"]);
  assert.deepEqual(french.problems, []);
  await french.page.close();
});

test("workspaces are listed with the current one marked; Open asks for a passphrase and switches the whole app", async () => {
  const { page, problems } = await harness.open({}, { hash: "data" });
  const table = page.getByTestId("workspaces-table");
  await table.waitFor();
  const rows = table.getByTestId("workspace-row");
  assert.equal(await rows.count(), 2);
  assert.equal(await rows.nth(0).getAttribute("aria-current"), "true");
  assert.match(await rows.nth(0).innerText(), /Current/);
  assert.equal(await rows.nth(0).getByRole("button").count(), 0);

  await rows.nth(1).getByRole("button", { name: `Open the workspace ${EMPTY_WORKSPACE.name}` }).click();
  await page.getByTestId("passphrase-dialog").waitFor();
  await page.getByTestId("passphrase-input").fill("correct horse battery");
  await page.getByTestId("passphrase-unlock").click();

  await page.getByTestId("workspace-name").getByText(EMPTY_WORKSPACE.name).waitFor();
  await page.getByText("This workspace has no snapshots yet.").waitFor();
  assert.equal(await page.getByTestId("snapshots-table").count(), 0);
  const opens = await ipcCalls(page, "open_workspace");
  assert.deepEqual(opens.at(-1).args, { path: EMPTY_WORKSPACE.path, passphrase: "correct horse battery" });
  // The capability pages now speak of the new workspace.
  await page.getByTestId("nav-leads").click();
  assert.match(await page.getByTestId("page-leads").getByTestId("workspace-facts").innerText(), /holds no leads yet/);
  assert.deepEqual(problems, []);
  await page.close();
});

test("New workspace validates its fields and creates the workspace with createWorkspace", async () => {
  const { page, problems } = await harness.open({}, { hash: "data" });
  await page.getByTestId("new-workspace").click();
  const dialog = page.getByTestId("new-workspace-dialog");
  await dialog.waitFor();

  await page.getByTestId("new-workspace-create").click();
  await dialog.getByText("Enter a name.").waitFor();

  await page.getByTestId("new-workspace-name").fill("Fabrikam accounts");
  await dialog.getByText("Passphrase (to move the workspace between computers)").click();
  await page.getByTestId("new-workspace-passphrase").fill("short");
  await page.getByTestId("new-workspace-create").click();
  await dialog.getByText("Use at least 10 characters.").waitFor();

  await page.getByTestId("new-workspace-passphrase").fill("a long enough passphrase");
  await page.getByTestId("new-workspace-confirm").fill("a different passphrase");
  await dialog.getByText("The passphrases do not match.").waitFor();
  assert.equal((await ipcCalls(page, "create_workspace")).length, 0, "nothing is created while the form is invalid");

  await page.getByTestId("new-workspace-confirm").fill("a long enough passphrase");
  await page.getByTestId("new-workspace-demo").click();
  await page.getByTestId("new-workspace-create").click();
  await page.getByTestId("workspace-name").getByText("Fabrikam accounts").waitFor();
  await dialog.waitFor({ state: "detached" });
  assert.deepEqual((await ipcCalls(page, "create_workspace"))[0].args, {
    input: { name: "Fabrikam accounts", withDemoData: true, passphrase: "a long enough passphrase" },
  });
  assert.match(await page.getByTestId("current-workspace").innerText(), /SQLCipher, key from a passphrase/);
  assert.deepEqual(problems, []);
  await page.close();
});

test("Open workspace explains a wrong folder and opens a right one", async () => {
  const { page, problems } = await harness.open({}, { hash: "data" });
  await page.getByTestId("open-workspace").click();
  const dialog = page.getByTestId("open-workspace-dialog");
  await dialog.waitFor();
  await page.getByTestId("open-workspace-submit").click();
  await dialog.getByText("Enter the folder of the workspace.").waitFor();

  await page.getByTestId("open-workspace-path").fill("/home/ana/nowhere");
  await page.getByTestId("open-workspace-submit").click();
  await dialog.getByText("The workspace folder could not be found.", { exact: false }).waitFor();

  await page.getByTestId("open-workspace-path").fill(EMPTY_WORKSPACE.path);
  await page.getByTestId("open-workspace-submit").click();
  await dialog.getByText("This workspace is protected by a passphrase.").waitFor();
  await page.getByTestId("open-workspace-passphrase").fill("correct horse battery");
  await page.getByTestId("open-workspace-submit").click();
  await page.getByTestId("workspace-name").getByText(EMPTY_WORKSPACE.name).waitFor();
  assert.deepEqual(problems, []);
  await page.close();
});
