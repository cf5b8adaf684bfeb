import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { ipcCalls, plain, startHarness } from "./support/harness.mjs";
import { ALL_CREDENTIALS, BAD_CREDENTIALS, LEADS, OFFLINE, nextSummary, syncState, syncSteps } from "./support/syncFixtures.mjs";

let harness;
before(async () => {
  harness = await startHarness();
});
after(async () => {
  await harness?.close();
});

/** The Sync page with the three credentials set and the given sync state. */
async function openSync(sync = {}, overrides = {}) {
  const opened = await harness.open({ credentials: ALL_CREDENTIALS, sync: syncState(sync), ...overrides }, { hash: "sync" });
  await opened.page.getByTestId("queue-table").or(opened.page.getByTestId("queue-empty")).waitFor();
  return opened;
}

const text = async (locator) => plain(await locator.innerText());
const queueLeads = (page) => page.getByTestId("queue-row").evaluateAll((rows) => rows.map((r) => [r.dataset.lead, r.dataset.state]));
const offlinePlan = { steps: syncSteps().slice(0, 2), stepMs: 30, fail: { code: "offline", message: OFFLINE } };
const successPlan = { steps: syncSteps(), stepMs: 30, summary: nextSummary(), pushedLeads: [LEADS.tailspin] };

test("the page says when sync last ran, counts what waits and badges the conflicts in the navigation", async () => {
  const { page, problems } = await openSync();
  assert.equal(await text(page.getByTestId("page-sync").locator("h1")), "Sync");
  assert.match(await text(page.getByTestId("sync-overview").locator("h2")), /^Last synced 2 hours ago \(.+\)$/);
  assert.match(await text(page.getByTestId("sync-overview")), /5 changes wait for Partner Center\./);
  assert.equal(await text(page.getByTestId("sync-conflict-count")), "2 conflicts to resolve");
  assert.equal(await text(page.getByTestId("sync-conflicts-badge")), "2");
  assert.equal(await page.getByTestId("sync-conflicts-badge").getAttribute("aria-label"), "2 conflicts to resolve");
  // Conflicts first, then the oldest change; each with its change as badges.
  assert.deepEqual(await queueLeads(page), [
    [LEADS.contoso, "conflict"],
    [LEADS.fabrikam, "conflict"],
    [LEADS.adatum, "refused"],
    [LEADS.woodgrove, "pending"],
    [LEADS.tailspin, "pending"],
  ]);
  const tailspin = page.locator(`[data-testid="queue-row"][data-lead="${LEADS.tailspin}"]`);
  assert.equal(await tailspin.getByTestId("queue-change").getAttribute("aria-label"), "From Received to Declined");
  assert.equal(await text(tailspin.getByTestId("queue-state")), "Waiting");
  assert.equal(await text(tailspin.getByTestId("queue-lead-id")), "e58d2b71…");
  // The refused change says why on hover.
  const adatum = page.locator(`[data-testid="queue-row"][data-lead="${LEADS.adatum}"]`);
  await adatum.getByTestId("queue-state").hover();
  await page.getByRole("tooltip").getByText("Partner Center's reason: Partner Center refused the change (HTTP 400): a lost lead needs its reason").waitFor();
  // Only conflicts can be resolved.
  assert.equal(await page.getByTestId("queue-resolve").count(), 2);
  // The recorded runs, newest first.
  const runs = page.getByTestId("run-row");
  assert.deepEqual(await runs.evaluateAll((rows) => rows.map((r) => r.dataset.status)), ["completed", "failed"]);
  assert.equal(await text(runs.nth(0).getByTestId("run-outcome")), "14 referrals, 497 tenants, 1 change sent");
  assert.equal(await text(runs.nth(1).getByTestId("run-outcome")), "You're offline");
  // The last completed sync's summary.
  assert.equal(await text(page.getByTestId("summary-referrals").getByTestId("summary-value")), "14");
  assert.deepEqual(problems, []);
  await page.close();
});

test("Sync now: the stages with their counts, then the summary of what it did", async () => {
  const plan = { ...successPlan, holdAt: 4 };
  const { page, problems } = await openSync({ plans: [plan, successPlan] });
  await page.getByTestId("sync-now").click();
  const running = page.getByTestId("sync-running");
  await running.waitFor();
  // Held at "12 of 500 tenants".
  await running.getByTestId("job-count").getByText("12 of 500 tenants").waitFor();
  assert.equal(await text(running.getByTestId("job-stage")), "Downloading usage reports");
  assert.equal(await page.getByTestId("sync-button").locator("button").first().getAttribute("aria-disabled"), "true");
  await page.evaluate(() => {
    window.__PA_SYNC__.state.released = true;
  });
  const summary = page.getByTestId("sync-summary");
  await summary.getByTestId("summary-referrals").getByText("6", { exact: true }).waitFor();
  await running.waitFor({ state: "detached" });
  assert.deepEqual((await ipcCalls(page, "run_sync")).map((c) => c.args), [{ full: false }]);

  const value = async (id) => text(summary.getByTestId(`summary-${id}`).getByTestId("summary-value"));
  assert.deepEqual(
    [await value("referrals"), await value("added"), await value("updated"), await value("unchanged"), await value("tenants"), await value("sent")],
    ["6", "2", "1", "3", "497", "1"],
  );
  assert.match(await text(summary.getByTestId("summary-tenants")), /Into snapshot 25 as of Apr 2, 2025/);
  assert.match(await text(summary.getByTestId("summary-refused")), /Partner Center refused 1 change:\s+Woodgrove Bank \(lead a91c6e38-7f25-4b0d-8c4e-3d2f1b9a6e57\): Partner Center refused the change \(HTTP 400\)/);
  // The skipped tenants, listed on demand.
  assert.equal(await text(summary.getByTestId("summary-tenants-skipped")), "3 customer tenants skipped");
  await summary.getByTestId("summary-tenants-skipped").locator("button").click();
  const tenantRows = summary.getByTestId("summary-tenant-row");
  await tenantRows.first().waitFor();
  assert.equal(await tenantRows.count(), 3);
  assert.match(await text(tenantRows.first()), /Lamna Healthcare\s+0f3a9c1e-6b2d-4a58-9e07-c4d1b8a2f366\s+missing permission/);
  assert.equal(await text(summary.getByTestId("summary-referrals-skipped")), "1 referral skipped");

  // The pushed change left the queue; the refused one says so; the header and the runs follow.
  await page.locator(`[data-testid="queue-row"][data-lead="${LEADS.tailspin}"]`).waitFor({ state: "detached" });
  assert.equal(await page.locator(`[data-testid="queue-row"][data-lead="${LEADS.woodgrove}"]`).getAttribute("data-state"), "refused");
  assert.match(await text(page.getByTestId("sync-overview").locator("h2")), /^Last synced just now \(.+\)$/);
  assert.deepEqual(await page.getByTestId("run-row").evaluateAll((rows) => rows.map((r) => r.dataset.status)), ["completed", "completed", "failed"]);
  assert.equal(await page.getByTestId("sync-failure").count(), 0);

  // Full sync, from the button's menu.
  await page.getByTestId("sync-more").click();
  await page.getByTestId("sync-full").click();
  await page.getByTestId("sync-running").waitFor();
  await page.getByTestId("sync-running").waitFor({ state: "detached" });
  assert.deepEqual((await ipcCalls(page, "run_sync")).map((c) => c.args), [{ full: false }, { full: true }]);
  assert.match(await text(page.getByTestId("summary-referrals")), /Every referral \(full sync\)/);
  assert.deepEqual(problems, []);
  await page.close();
});

test("Cancel stops the running sync and says nothing was changed", async () => {
  const { page, problems } = await openSync({ plans: [{ ...successPlan, holdAt: 5 }] });
  await page.getByTestId("sync-now").click();
  await page.getByTestId("sync-running").getByTestId("job-count").getByText("250 of 500 tenants").waitFor();
  await page.getByTestId("sync-cancel").click();
  const failure = page.getByTestId("sync-failure");
  await failure.waitFor();
  assert.equal(await failure.getAttribute("data-code"), "cancelled");
  assert.match(await text(failure), /^Sync cancelled\s*Nothing was changed\.$/);
  assert.deepEqual((await ipcCalls(page, "cancel_job")).map((c) => c.args), [{ jobId: "job-sync-1" }]);
  await page.getByTestId("run-row").first().and(page.locator('[data-status="cancelled"]')).waitFor();
  assert.equal(await text(page.getByTestId("run-row").first().getByTestId("run-outcome")), "Cancelled before it finished");
  // Nothing was sent: the queue is as it was.
  assert.equal(await page.getByTestId("queue-row").count(), 5);
  assert.deepEqual(problems, []);
  await page.close();
});

test("a cancellation while sending says the changes already sent stay sent", async () => {
  const { page, problems } = await openSync({ plans: [{ ...successPlan, holdAt: 10 }] });
  await page.getByTestId("sync-now").click();
  await page.getByTestId("sync-running").getByTestId("job-count").getByText("1 of 2 changes").waitFor();
  assert.equal(await text(page.getByTestId("job-stage")), "Sending your changes to Partner Center");
  await page.getByTestId("sync-cancel").click();
  await page.getByTestId("sync-failure").getByText("What was read was saved, and the changes already sent stay sent", { exact: false }).waitFor();
  assert.deepEqual(problems, []);
  await page.close();
});

test("a sync started by the schedule shows as running, and its end reloads the page", async () => {
  const { page, problems } = await openSync();
  await page.evaluate(() => {
    const { state } = window.__PA_SYNC__;
    state.runningJob = "job-scheduled-9";
    state.runs.unshift({ startedAt: new Date().toISOString(), finishedAt: null, status: "running", summary: null, error: null });
    window.__PA_EMIT__("data-changed", { area: "sync" });
    window.__PA_EMIT__("job-progress", { jobId: "job-scheduled-9", stage: "sync.referrals", done: 1, total: 3, finished: false });
  });
  const running = page.getByTestId("sync-running");
  await running.getByText("Syncing on schedule…").waitFor();
  assert.equal(await text(running.getByTestId("job-stage")), "Reading referrals from Partner Center");
  assert.equal(await text(running.getByTestId("job-count")), "1 of 3 pages");
  assert.equal(await page.getByTestId("sync-button").locator("button").first().getAttribute("aria-disabled"), "true");
  await page.getByTestId("sync-cancel").click();
  assert.deepEqual((await ipcCalls(page, "cancel_job")).map((c) => c.args), [{ jobId: "job-scheduled-9" }]);
  await page.evaluate((message) => {
    const { state } = window.__PA_SYNC__;
    state.runningJob = null;
    Object.assign(state.runs[0], { finishedAt: new Date().toISOString(), status: "failed", error: message });
    window.__PA_EMIT__("job-progress", { jobId: "job-scheduled-9", stage: "done", done: 1, total: 1, finished: true });
    window.__PA_EMIT__("data-changed", { area: "sync" });
  }, BAD_CREDENTIALS);
  await running.waitFor({ state: "detached" });
  // A run this window did not start is told by its recorded sentence.
  await page.getByTestId("sync-failure").and(page.locator('[data-code="badCredentials"]')).waitFor();
  assert.deepEqual(problems, []);
  await page.close();
});

test("offline: said once, dismissed, and not said again until a sync succeeds", async () => {
  const { page, problems } = await openSync({ plans: [offlinePlan] });
  const failure = page.getByTestId("sync-failure");
  assert.equal(await failure.count(), 0, "the recorded offline run is older than the last success");

  await page.getByTestId("sync-now").click();
  await failure.waitFor();
  assert.equal(await failure.getAttribute("data-code"), "offline");
  assert.match(
    await text(failure),
    /^You're offline\s*Partner Advisor keeps working from the data on this computer; your changes are sent at the next sync\./,
  );
  assert.match(await text(failure.getByTestId("sync-failure-details")), /^Technical details: you are offline or Partner Center cannot be reached/);
  await failure.getByTestId("sync-failure-dismiss").click();
  await failure.waitFor({ state: "detached" });

  // Still offline: not said again, not even after a reload of the page.
  await page.getByTestId("sync-now").click();
  await page.getByTestId("sync-running").waitFor();
  await page.getByTestId("sync-running").waitFor({ state: "detached" });
  await page.getByTestId("run-row").nth(1).and(page.locator('[data-status="failed"]')).waitFor();
  assert.equal(await failure.count(), 0);
  // A reload (the mock starts again from the fixture: same last success) and an offline run
  // recorded by the schedule: the dismissal is remembered.
  await page.reload();
  await page.getByTestId("queue-table").waitFor();
  const record = (run) =>
    page.evaluate((recorded) => {
      const { state } = window.__PA_SYNC__;
      const startedAt = new Date(Date.now() + 1000).toISOString();
      const summary = recorded.summary ? { ...recorded.summary, startedAt } : null;
      state.runs.unshift({ startedAt, finishedAt: startedAt, error: null, ...recorded, summary });
      if (recorded.status === "completed") state.lastSuccess = startedAt;
      window.__PA_EMIT__("data-changed", { area: "sync" });
    }, run);
  await record({ status: "failed", error: OFFLINE });
  await page.getByTestId("run-row").first().and(page.locator('[data-status="failed"]')).waitFor();
  await page.waitForTimeout(100);
  assert.equal(await failure.count(), 0, "the dismissal is remembered");

  // A success ends the streak: the next offline run is said again.
  await record({ status: "completed", summary: nextSummary() });
  await page.getByTestId("run-row").first().and(page.locator('[data-status="completed"]')).waitFor();
  await record({ status: "failed", error: OFFLINE });
  await failure.and(page.locator('[data-code="offline"]')).waitFor();
  assert.deepEqual(problems, []);
  await page.close();
});

test("offline again after a success is said again", async () => {
  const { page, problems } = await openSync({ plans: [offlinePlan, successPlan, offlinePlan] });
  const failure = page.getByTestId("sync-failure");
  await page.getByTestId("sync-now").click();
  await failure.waitFor();
  await failure.getByTestId("sync-failure-dismiss").click();
  await failure.waitFor({ state: "detached" });
  await page.getByTestId("sync-now").click();
  await page.getByTestId("sync-summary").getByTestId("summary-referrals").getByText("6", { exact: true }).waitFor();
  await page.getByTestId("sync-running").waitFor({ state: "detached" });
  await page.getByTestId("sync-now").click();
  await failure.and(page.locator('[data-code="offline"]')).waitFor();
  assert.deepEqual(problems, []);
  await page.close();
});

test("bad credentials: Entra's reason and the way to Settings", async () => {
  const plan = { steps: syncSteps().slice(0, 1), stepMs: 30, fail: { code: "badCredentials", message: BAD_CREDENTIALS } };
  const { page, problems } = await openSync({ plans: [plan] });
  await page.getByTestId("sync-now").click();
  const failure = page.getByTestId("sync-failure");
  await failure.waitFor();
  assert.equal(await failure.getAttribute("data-code"), "badCredentials");
  assert.match(await text(failure), /^Microsoft Entra refused the app registration\s*Check the tenant ID, the client ID and the client secret in Settings/);
  assert.match(await text(failure.getByTestId("sync-failure-details")), /AADSTS7000215: Invalid client secret provided/);
  assert.equal(await failure.getByTestId("sync-failure-dismiss").count(), 0, "only the offline bar can be dismissed");
  await failure.getByTestId("sync-failure-settings").click();
  await page.getByTestId("page-settings").waitFor();
  await page.waitForFunction(() => {
    const box = document.querySelector('[data-testid="credentials"]')?.getBoundingClientRect();
    return box && box.top >= 0 && box.top < window.innerHeight / 2;
  });
  assert.deepEqual(problems, []);
  await page.close();
});

test("other failures say what to do: throttled, missing permission", async () => {
  const plans = [
    { steps: [], stepMs: 20, fail: { code: "throttled", message: "Microsoft Graph is throttling requests (HTTP 429) and asked to wait 120 s; sync again later" } },
    { steps: [], stepMs: 20, fail: { code: "missingPermission", message: "missing permission: Partner Center refused the referrals API; grant the app registration the Partner Center API permission" } },
  ];
  const { page, problems } = await openSync({ plans });
  const failure = page.getByTestId("sync-failure");
  await page.getByTestId("sync-now").click();
  await failure.and(page.locator('[data-code="throttled"]')).waitFor();
  assert.match(await text(failure), /^Microsoft is throttling requests\s*Sync again in a few minutes\./);
  assert.equal(await failure.getByTestId("sync-failure-again").count(), 1);
  await failure.getByTestId("sync-failure-again").click();
  await failure.and(page.locator('[data-code="missingPermission"]')).waitFor();
  assert.match(await text(failure), /The app registration lacks a permission/);
  assert.match(await text(failure), /grant the app registration the Partner Center API permission/);
  assert.deepEqual(problems, []);
  await page.close();
});

test("without the app registration Sync now is disabled, with the reason and the way to Settings", async () => {
  const { page, problems } = await harness.open({}, { hash: "sync" });
  const notice = page.getByTestId("sync-credentials");
  await notice.waitFor();
  assert.match(await text(notice), /^Sync needs the Microsoft Entra app registration/);
  const button = page.getByTestId("sync-button").locator("button").first();
  assert.equal(await button.getAttribute("aria-disabled"), "true");
  await page.getByTestId("sync-now").click({ force: true });
  assert.equal((await ipcCalls(page, "run_sync")).length, 0);
  await page.getByTestId("sync-now").hover();
  await page.getByRole("tooltip").getByText("Set the Microsoft Entra app registration in Settings to sync.").waitFor();
  await page.getByTestId("sync-open-settings").click();
  await page.getByTestId("credential-status-entraClientSecret").waitFor();
  assert.deepEqual(problems, []);
  await page.close();
});

test("a conflict: Keep mine sends my copy at the next sync", async () => {
  const { page, problems } = await openSync();
  await page.locator(`[data-testid="queue-row"][data-lead="${LEADS.fabrikam}"]`).getByTestId("queue-resolve").click();
  const dialog = page.getByTestId("conflict-dialog");
  await dialog.waitFor();
  assert.equal(await text(dialog.locator("h2")), "Resolve the conflict on Fabrikam Robotics's lead");
  const differs = await dialog.locator('[data-testid^="conflict-field-"]').evaluateAll((rows) =>
    rows.filter((r) => r.dataset.differs === "true").map((r) => r.dataset.testid.replace("conflict-field-", "")),
  );
  assert.deepEqual(differs, ["dealValue", "estimatedClose", "notes", "updatedAt"]);
  const deal = dialog.getByTestId("conflict-field-dealValue");
  assert.equal(await text(deal.getByTestId("conflict-mine")), "€48,000.00");
  assert.equal(await text(deal.getByTestId("conflict-theirs")), "€52,000.00");
  assert.equal(await text(dialog.getByTestId("conflict-field-substatus").getByTestId("conflict-mine")), "Accepted");
  assert.equal(await dialog.getByTestId("keep-mine-reason").count(), 0);

  // Nothing is saved before the confirmation; Back returns to the choice.
  await dialog.getByTestId("conflict-keep-mine").click();
  assert.match(await text(dialog.getByTestId("conflict-confirm-text")), /^Send your copy to Partner Center at the next sync\?/);
  await dialog.getByTestId("conflict-back").click();
  assert.equal((await ipcCalls(page, "resolve_sync_conflict")).length, 0);
  await dialog.getByTestId("conflict-keep-mine").click();
  await dialog.getByTestId("conflict-confirm").click();
  await dialog.waitFor({ state: "detached" });
  assert.deepEqual((await ipcCalls(page, "resolve_sync_conflict")).map((c) => c.args), [{ leadId: LEADS.fabrikam, resolution: "keepMine" }]);
  assert.equal(
    await text(page.getByTestId("queue-resolved")),
    "Your copy of Fabrikam Robotics's lead is kept; it is sent to Partner Center at the next sync.",
  );
  assert.equal(await page.locator(`[data-testid="queue-row"][data-lead="${LEADS.fabrikam}"]`).getAttribute("data-state"), "pending");
  await page.getByTestId("sync-conflicts-badge").getByText("1").waitFor();
  assert.deepEqual(problems, []);
  await page.close();
});

test("a conflict Partner Center's lifecycle decides: Keep mine disabled with the reason, Take Partner Center's", async () => {
  const { page, problems } = await openSync();
  await page.locator(`[data-testid="queue-row"][data-lead="${LEADS.contoso}"]`).getByTestId("queue-resolve").click();
  const dialog = page.getByTestId("conflict-dialog");
  await dialog.waitFor();
  assert.equal(await dialog.getByTestId("conflict-keep-mine").getAttribute("aria-disabled"), "true");
  assert.equal(await text(dialog.getByTestId("keep-mine-reason")), "Partner Center has this lead as Won; it can no longer move to Accepted.");
  assert.equal(await dialog.getByTestId("conflict-field-substatus").getAttribute("data-differs"), "true");
  await dialog.getByTestId("conflict-keep-mine").click({ force: true });
  assert.equal(await dialog.getByTestId("conflict-confirm").count(), 0);

  await dialog.getByTestId("conflict-take-theirs").click();
  assert.match(await text(dialog.getByTestId("conflict-confirm-text")), /^Replace your copy with Partner Center's\?/);
  await dialog.getByTestId("conflict-confirm").click();
  await dialog.waitFor({ state: "detached" });
  assert.deepEqual((await ipcCalls(page, "resolve_sync_conflict")).map((c) => c.args), [{ leadId: LEADS.contoso, resolution: "takeTheirs" }]);
  await page.locator(`[data-testid="queue-row"][data-lead="${LEADS.contoso}"]`).waitFor({ state: "detached" });
  assert.match(await text(page.getByTestId("queue-resolved")), /^Contoso Pharma's lead now matches Partner Center's copy/);

  // The last conflict, taken too: the badge goes, and then nothing waits once the rest is sent.
  await page.locator(`[data-testid="queue-row"][data-lead="${LEADS.fabrikam}"]`).getByTestId("queue-resolve").click();
  await dialog.getByTestId("conflict-take-theirs").click();
  await dialog.getByTestId("conflict-confirm").click();
  await dialog.waitFor({ state: "detached" });
  await page.getByTestId("sync-conflicts-badge").waitFor({ state: "detached" });
  assert.equal(await page.getByTestId("sync-conflict-count").count(), 0);
  assert.deepEqual(problems, []);
  await page.close();
});

test("a refused resolution is shown in the dialog, which stays open", async () => {
  const { page, problems } = await openSync();
  await page.locator(`[data-testid="queue-row"][data-lead="${LEADS.fabrikam}"]`).getByTestId("queue-resolve").click();
  const dialog = page.getByTestId("conflict-dialog");
  await dialog.waitFor();
  // Meanwhile another window resolved it.
  await page.evaluate((lead) => {
    const { state } = window.__PA_SYNC__;
    state.queue = state.queue.filter((q) => q.leadId !== lead);
  }, LEADS.fabrikam);
  await dialog.getByTestId("conflict-keep-mine").click();
  await dialog.getByTestId("conflict-confirm").click();
  await dialog.getByText("The conflict could not be resolved").waitFor();
  assert.match(await text(dialog), /This change is not allowed in the record's current state\./);
  await dialog.getByTestId("conflict-cancel").click();
  await dialog.waitFor({ state: "detached" });
  assert.deepEqual(problems, []);
  await page.close();
});

test("nothing waiting: the queue says so", async () => {
  const { page, problems } = await openSync({ queue: [] });
  assert.equal(await text(page.getByTestId("queue-empty")), "Nothing waits: Partner Center has every change you made.");
  assert.match(await text(page.getByTestId("sync-overview")), /No change waits for Partner Center\./);
  assert.equal(await page.getByTestId("sync-conflicts-badge").count(), 0);
  assert.deepEqual(problems, []);
  await page.close();
});

test("never synced: the header says so and lists no run", async () => {
  const { page, problems } = await openSync({ runs: [], lastSuccess: null, queue: [] });
  assert.equal(await text(page.getByTestId("sync-overview").locator("h2")), "Never synced");
  assert.equal(await text(page.getByTestId("runs-empty")), "No sync has run in this workspace yet.");
  assert.equal(await page.getByTestId("sync-summary").count(), 0);
  assert.deepEqual(problems, []);
  await page.close();
});

test("Settings → Sync: start-up, interval, period and service addresses round trip; a refused address says why", async () => {
  const { page, problems } = await harness.open({}, { hash: "settings" });
  const section = page.getByTestId("sync-settings");
  await section.getByTestId("sync-on-startup").waitFor();
  assert.equal(await section.getByTestId("sync-on-startup").isChecked(), false);
  assert.equal(await text(section.getByTestId("sync-every")), "Only when I choose Sync now");
  assert.equal(await text(section.getByTestId("sync-period")), "Last 30 days");
  assert.equal(await section.getByTestId("sync-settings-save").isDisabled(), true, "nothing to save yet");

  await section.getByTestId("sync-on-startup").check();
  await section.getByTestId("sync-every").click();
  await page.getByTestId("sync-every-4").click();
  await section.getByTestId("sync-period").click();
  await page.getByTestId("sync-period-D90").click();
  await section.getByTestId("sync-advanced").locator("button").click();
  const partnerCenter = section.getByTestId("sync-url-partnerCenterUrl");
  assert.equal(await partnerCenter.inputValue(), "https://api.partner.microsoft.com");
  assert.equal(await section.getByTestId("sync-restore-urls").isDisabled(), true);
  await partnerCenter.fill("http://partner.example.com");
  await section.getByTestId("sync-settings-save").click();
  await section.getByText("The sync settings could not be saved").waitFor();
  assert.match(await text(section), /Technical details: the Partner Center URL must use https:\/\/ \(plain http:\/\/ only for this machine, for tests\)/);

  await section.getByTestId("sync-restore-urls").click();
  assert.equal(await partnerCenter.inputValue(), "https://api.partner.microsoft.com");
  await section.getByTestId("sync-url-graphUrl").fill("http://127.0.0.1:8123/");
  await section.getByTestId("sync-settings-save").click();
  await section.getByTestId("sync-settings-status").getByText("Sync settings saved.").waitFor();
  // The back end's cleaned value (no trailing slash) is shown.
  assert.equal(await section.getByTestId("sync-url-graphUrl").inputValue(), "http://127.0.0.1:8123");
  const saved = (await ipcCalls(page, "set_sync_settings")).map((c) => c.args.settings);
  assert.equal(saved.length, 2);
  assert.deepEqual(saved[1], {
    loginUrl: "https://login.microsoftonline.com",
    partnerCenterUrl: "https://api.partner.microsoft.com",
    graphUrl: "http://127.0.0.1:8123/",
    onStartup: true,
    everyHours: 4,
    usagePeriod: "D90",
  });

  // Read again when Settings opens again.
  await page.getByTestId("nav-data").click();
  await page.getByTestId("nav-settings").click();
  await section.getByTestId("sync-on-startup").waitFor();
  assert.equal(await section.getByTestId("sync-on-startup").isChecked(), true);
  assert.equal(await text(section.getByTestId("sync-every")), "4 hours");
  assert.equal(await text(section.getByTestId("sync-period")), "Last 90 days");
  // Back to manual sync.
  await section.getByTestId("sync-every").click();
  await page.getByTestId("sync-every-off").click();
  await section.getByTestId("sync-settings-save").click();
  await section.getByTestId("sync-settings-status").getByText("Sync settings saved.").waitFor();
  assert.equal((await ipcCalls(page, "set_sync_settings")).at(-1).args.settings.everyHours, null);
  assert.deepEqual(problems, []);
  await page.close();
});

test("everything renders in Polish", async () => {
  const plan = { ...successPlan, holdAt: 4 };
  const { page, problems } = await openSync({ plans: [plan] }, { settings: { language: "pl" } });
  const main = page.locator("main");
  assert.equal(await text(page.getByTestId("page-sync").locator("h1")), "Synchronizacja");
  assert.equal(await text(page.getByTestId("nav-sync")).then((s) => s.replace(/\s*2$/, "")), "Synchronizacja");
  assert.match(await text(page.getByTestId("sync-overview").locator("h2")), /^Ostatnia synchronizacja 2 godziny temu \(.+\)$/);
  assert.match(await text(page.getByTestId("sync-overview")), /5 zmian czeka na Partner Center\./);
  assert.equal(await text(page.getByTestId("sync-conflict-count")), "2 konflikty do rozwiązania");
  assert.equal(await text(page.getByTestId("sync-now")), "Synchronizuj teraz");
  const headers = await page.getByTestId("queue-table").locator("th").allInnerTexts();
  assert.deepEqual(headers.map((h) => h.trim()), ["Klient", "Identyfikator", "Zmiana", "Zmieniono", "Stan", "Próby", "Akcje"]);
  assert.equal(await text(page.locator(`[data-testid="queue-row"][data-lead="${LEADS.tailspin}"]`).getByTestId("queue-state")), "Czeka");
  assert.equal(await text(page.locator(`[data-testid="queue-row"][data-lead="${LEADS.contoso}"]`).getByTestId("queue-state")), "Konflikt");
  assert.deepEqual(await page.getByTestId("run-status").allInnerTexts(), ["Zakończona", "Nieudana"]);
  assert.equal(await text(page.getByTestId("run-row").nth(1).getByTestId("run-outcome")), "Brak połączenia z internetem");

  // The sync's stages and summary.
  await page.getByTestId("sync-now").click();
  await page.getByTestId("job-count").getByText("12 z 500 dzierżaw").waitFor();
  assert.equal(await text(page.getByTestId("job-stage")), "Pobieranie raportów użycia");
  await page.evaluate(() => {
    window.__PA_SYNC__.state.released = true;
  });
  const summary = page.getByTestId("sync-summary");
  await summary.getByTestId("summary-referrals").getByText("6", { exact: true }).waitFor();
  assert.equal(await text(summary.locator("h2")), "Co zrobiła ostatnia synchronizacja");
  assert.match(await text(summary.getByTestId("summary-added")), /^Nowi potencjalni klienci\s+2$/);
  assert.match(await text(summary.getByTestId("summary-tenants")), /Do migawki 25 z dnia 2 kwi 2025/);
  assert.equal(await text(summary.getByTestId("summary-tenants-skipped")), "Pominięto 3 dzierżawy klientów");
  assert.match(await text(summary.getByTestId("summary-refused")), /^Partner Center odrzucił 1 zmianę:/);

  // The conflict dialog.
  await page.locator(`[data-testid="queue-row"][data-lead="${LEADS.contoso}"]`).getByTestId("queue-resolve").click();
  const dialog = page.getByTestId("conflict-dialog");
  await dialog.waitFor();
  assert.equal(await text(dialog.locator("h2")), "Rozwiąż konflikt potencjalnego klienta Contoso Pharma");
  assert.deepEqual((await dialog.locator("th").allInnerTexts()).map((h) => h.trim()), ["Pole", "Ten komputer", "Partner Center"]);
  assert.equal(await text(dialog.getByTestId("keep-mine-reason")), "W Partner Center ten potencjalny klient ma status Wygrany; nie może już przejść do statusu Zaakceptowany.");
  assert.equal(await text(dialog.getByTestId("conflict-keep-mine")), "Zachowaj moją");
  assert.equal(await text(dialog.getByTestId("conflict-take-theirs")), "Przyjmij wersję z Partner Center");
  await dialog.getByTestId("conflict-cancel").click();
  await dialog.waitFor({ state: "detached" });

  // No English is left on the page (names, IDs and the back end's sentences aside).
  const everything = await main.innerText();
  for (const english of ["Sync now", "Last synced", "Changes waiting", "Recent syncs", "Waiting", "Conflict", "Completed", "Referrals received", "Resolve…", "Started"]) {
    assert.ok(!everything.includes(english), `no "${english}" in Polish`);
  }

  // Settings → Sync.
  await page.getByTestId("nav-settings").click();
  const section = page.getByTestId("sync-settings");
  await section.getByTestId("sync-on-startup").waitFor();
  assert.equal(await text(section.locator("h2")), "Synchronizacja");
  assert.match(await text(section), /Synchronizuj przy uruchomieniu aplikacji/);
  assert.equal(await text(section.getByTestId("sync-every")), "Tylko gdy wybiorę Synchronizuj teraz");
  assert.equal(await text(section.getByTestId("sync-period")), "Ostatnie 30 dni");
  assert.equal(await text(section.getByTestId("sync-advanced")), "Zaawansowane: adresy usług");
  await section.getByTestId("sync-every").click();
  assert.equal(await text(page.getByTestId("sync-every-2")), "2 godziny");
  assert.equal(await text(page.getByTestId("sync-every-8")), "8 godzin");
  assert.equal(await text(page.getByTestId("sync-every-1")), "1 godzinę");
  await page.keyboard.press("Escape");
  assert.deepEqual(problems, []);
  await page.close();
});
