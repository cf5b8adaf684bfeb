import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { ipcCalls, startHarness } from "./support/harness.mjs";
import { DEMO_WORKSPACE, EMPTY_WORKSPACE } from "./support/fixtures.mjs";

let harness;
before(async () => {
  harness = await startHarness();
});
after(async () => {
  await harness?.close();
});

const DEMO_STEPS = [
  { stage: "demo.prepare", done: 1, total: 4, afterMs: 300 },
  { stage: "demo.snapshots", done: 2, total: 4, afterMs: 300 },
  { stage: "demo.snapshots", done: 3, total: 4, afterMs: 300 },
  { stage: "demo.snapshots", done: 4, total: 4, afterMs: 300 },
];

test("start-up shows the demo progress from job-progress events, then the app", async () => {
  const { page, problems } = await harness.open({ startup: { delayMs: 0, steps: DEMO_STEPS, error: null } }, { waitForApp: false });
  const progress = page.getByTestId("startup-progress");
  await progress.waitFor();
  await progress.getByText("Preparing the demo workspace…").waitFor();
  const bar = progress.getByRole("progressbar");
  await page.waitForFunction(() => {
    const el = document.querySelector('[data-testid="startup-progress"] [role="progressbar"]');
    return el && Number(el.getAttribute("aria-valuenow")) >= 0.5;
  });
  assert.ok(Number(await bar.getAttribute("aria-valuenow")) <= 1);
  // Stage codes are translated.
  assert.match(await progress.innerText(), /Writing the monthly snapshots/);
  assert.doesNotMatch(await progress.innerText(), /demo\./);
  assert.match(await progress.innerText(), /[234] of 4/);

  await page.getByTestId("workspace-name").waitFor();
  assert.equal(await page.getByTestId("startup-progress").count(), 0);
  assert.equal((await ipcCalls(page, "open_startup_workspace")).length, 1, "opened once, even under StrictMode");
  assert.deepEqual(problems, []);
  await page.close();
});

test("Cancel during start-up calls cancelJob with the job's id and says it was cancelled", async () => {
  const { page, problems } = await harness.open(
    { startup: { delayMs: 0, steps: DEMO_STEPS.slice(0, 1), error: null, waitForCancel: true } },
    { waitForApp: false },
  );
  const cancel = page.getByTestId("startup-cancel");
  await page.waitForFunction(() => {
    const button = document.querySelector('[data-testid="startup-cancel"]');
    return button && !button.disabled;
  });
  await cancel.click();
  await page.getByTestId("startup-failure").waitFor();
  assert.deepEqual(await ipcCalls(page, "cancel_job"), [{ cmd: "cancel_job", args: { jobId: "job-startup-1" } }]);
  assert.equal(await page.locator('[data-error-code="cancelled"]').count(), 1);
  assert.match(await page.getByTestId("startup-failure").innerText(), /was cancelled/);
  assert.deepEqual(problems, []);
  await page.close();
});

test("passphraseRequired at start-up asks for the passphrase and opens the workspace with it", async () => {
  const error = {
    code: "passphraseRequired",
    message: "this workspace needs its passphrase",
    details: EMPTY_WORKSPACE.path,
  };
  const { page, problems } = await harness.open({ startup: { delayMs: 0, steps: [], error } }, { waitForApp: false });
  const dialog = page.getByTestId("passphrase-dialog");
  await dialog.waitFor();
  assert.match(await dialog.innerText(), new RegExp(EMPTY_WORKSPACE.path.replace(/[/.-]/g, "\\$&")));

  await page.getByTestId("passphrase-unlock").click();
  await dialog.getByText("Enter the passphrase.").waitFor();

  await page.getByTestId("passphrase-input").fill("not the passphrase");
  await page.getByTestId("passphrase-unlock").click();
  await dialog.getByText("This passphrase does not unlock the workspace.", { exact: false }).waitFor();

  await page.getByTestId("passphrase-input").fill("correct horse battery");
  await page.getByTestId("passphrase-unlock").click();
  await page.getByTestId("workspace-name").waitFor();
  assert.equal(await page.getByTestId("workspace-name").textContent(), EMPTY_WORKSPACE.name);
  const opens = await ipcCalls(page, "open_workspace");
  assert.deepEqual(opens.at(-1).args, { path: EMPTY_WORKSPACE.path, passphrase: "correct horse battery" });
  assert.deepEqual(problems, []);
  await page.close();
});

test("other start-up errors are explained by code, with ways forward", async () => {
  const error = { code: "newerVersion", message: "schema 7 > 3", details: DEMO_WORKSPACE.path };
  const { page, problems } = await harness.open({ startup: { delayMs: 0, steps: [], error } }, { waitForApp: false });
  const failure = page.getByTestId("startup-failure");
  await failure.waitFor();
  assert.match(await failure.innerText(), /saved by a newer version of Partner Advisor/);
  assert.equal(await page.getByTestId("passphrase-dialog").count(), 0);
  // A retry of a permanent error asks again and stays explained.
  await page.getByTestId("startup-retry").click();
  await failure.waitFor();
  assert.equal((await ipcCalls(page, "open_startup_workspace")).length, 2);
  assert.deepEqual(problems, []);
  await page.close();
});
