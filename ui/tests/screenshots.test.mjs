// Screenshots of the main screens in light and dark, for people to look at (test-results/).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { stat } from "node:fs/promises";
import { join } from "node:path";
import { RESULTS, startHarness } from "./support/harness.mjs";
import { ACTIVE_USERS, BUDGET, CONTOSO, LIGHTHOUSE, LIGHTHOUSE_BROKEN, TEAMS, importState } from "./support/importFixtures.mjs";
import { leadState } from "./support/leadFixtures.mjs";
import { makeOpportunities, opportunityState } from "./support/opportunityFixtures.mjs";
import { propensityState, savedReport } from "./support/propensityFixtures.mjs";
import { crmList, crmState } from "./support/crmFixtures.mjs";
import { downloadsState, makeDownload } from "./support/downloadsFixtures.mjs";
import { DEFAULT_MODEL, POLAND_MODEL, SCORING_LEADS, scoringState } from "./support/scoringFixtures.mjs";
import { ALL_CREDENTIALS, LEADS, OFFLINE, nextSummary, syncState, syncSteps } from "./support/syncFixtures.mjs";

let harness;
before(async () => {
  harness = await startHarness();
});
after(async () => {
  await harness?.close();
});

const SHOTS = [
  // Tall enough to show the whole page (the window itself opens at 1280 × 800).
  { name: "data", hash: "data", ready: "workspaces-table", height: 1500 },
  { name: "settings", hash: "settings", ready: "credential-status-entraClientSecret", height: 1000 },
  { name: "opportunities", hash: "opportunities", ready: "opportunity-row", height: 800 },
];

for (const scheme of ["light", "dark"]) {
  for (const shot of SHOTS) {
    test(`screenshot: ${shot.name} (${scheme})`, async () => {
      const { page, problems } = await harness.open({}, { hash: shot.hash, colorScheme: scheme });
      await page.setViewportSize({ width: 1280, height: shot.height });
      await page.getByTestId(shot.ready).first().waitFor();
      await page.evaluate(() => document.fonts.ready);
      await page.mouse.move(0, shot.height - 1);
      const path = join(RESULTS, `${shot.name}-${scheme}.png`);
      await page.screenshot({ path, animations: "disabled" });
      assert.ok((await stat(path)).size > 20_000, `${path} has content`);
      assert.deepEqual(problems, []);
      await page.close();
    });
  }
}

// The customer flyout on its Usage and Resources tabs, at the window's own size.
for (const scheme of ["light", "dark"]) {
  test(`screenshot: opportunity flyout, Usage and Resources (${scheme})`, async () => {
    const { page, problems } = await harness.open({}, { hash: "opportunities", colorScheme: scheme });
    const row = page.getByTestId("opportunity-row").filter({ hasText: "Customer growth" }).first();
    await row.locator("td").nth(1).click();
    const flyout = page.getByTestId("opportunity-flyout");
    await flyout.getByTestId("flyout-insights").waitFor();
    await flyout.getByTestId("flyout-tab-usage").click();
    await page.waitForFunction(() => document.querySelector('[data-testid="usage-chart"]')?.naturalWidth > 0);
    await page.evaluate(() => document.fonts.ready);
    // Let the drawer finish sliding in.
    await page.waitForFunction(() => {
      const drawer = document.querySelector('[data-testid="opportunity-flyout"]');
      return drawer && drawer.getAnimations({ subtree: true }).every((a) => a.playState === "finished");
    });
    for (const [tab, ready] of [["usage", "usage-table"], ["resources", "flyout-resources"]]) {
      await flyout.getByTestId(`flyout-tab-${tab}`).click();
      await flyout.getByTestId(ready).waitFor();
      if (tab === "resources") {
        // Show the e-mail template with its subject and Copy button.
        await flyout.getByTestId("resource-emailTemplate").scrollIntoViewIfNeeded();
      }
      const path = join(RESULTS, `opportunity-flyout-${tab}-${scheme}.png`);
      await page.screenshot({ path, animations: "disabled" });
      assert.ok((await stat(path)).size > 20_000, `${path} has content`);
    }
    assert.deepEqual(problems, []);
    await page.close();
  });
}

// The "Models and thresholds" panel at the window's own size.
for (const scheme of ["light", "dark"]) {
  test(`screenshot: models and thresholds panel (${scheme})`, async () => {
    const { page, problems } = await harness.open({}, { hash: "opportunities", colorScheme: scheme });
    await page.getByTestId("opportunity-row").first().waitFor();
    await page.getByTestId("opportunities-models").click();
    await page.getByTestId("model-row").nth(7).waitFor();
    await page.getByTestId("thresholds-form").waitFor();
    await page.evaluate(() => document.fonts.ready);
    await page.waitForFunction(() => {
      const drawer = document.querySelector('[data-testid="models-panel"]');
      return drawer && drawer.getAnimations({ subtree: true }).every((a) => a.playState === "finished");
    });
    await page.mouse.move(0, 799);
    const path = join(RESULTS, `models-panel-${scheme}.png`);
    await page.screenshot({ path, animations: "disabled" });
    assert.ok((await stat(path)).size > 20_000, `${path} has content`);
    // The thresholds, with a value refused.
    await page.getByTestId("threshold-medium").fill("70");
    await page.getByTestId("threshold-medium").blur();
    await page.getByTestId("thresholds-section").evaluate((section) => section.scrollIntoView({ block: "start" }));
    const thresholds = join(RESULTS, `models-panel-thresholds-${scheme}.png`);
    await page.screenshot({ path: thresholds, animations: "disabled" });
    assert.deepEqual(problems, []);
    await page.close();
  });
}

// Import files at the window's size: a refused import and a successful one.
for (const scheme of ["light", "dark"]) {
  for (const kind of ["refused", "success"]) {
    test(`screenshot: import dialog, ${kind} (${scheme})`, async () => {
      const picks = kind === "refused" ? [[TEAMS, LIGHTHOUSE_BROKEN, BUDGET]] : [[TEAMS, ACTIVE_USERS, LIGHTHOUSE]];
      const afterRefresh = makeOpportunities(210).filter((_, i) => i % 40 !== 3);
      const { page, problems } = await harness.open(
        { imports: importState({ picks }), opportunities: opportunityState({ afterRefresh }) },
        { hash: "data", colorScheme: scheme },
      );
      await page.getByTestId("import-files").click();
      if (kind === "success") await page.getByTestId("import-tenant").fill(CONTOSO.domain);
      await page.getByTestId("import-choose").click();
      await page.getByTestId(kind === "refused" ? "import-refused" : "import-success").waitFor();
      await page.evaluate(() => document.fonts.ready);
      // The outcome scrolls into view smoothly; let it settle.
      await page.waitForTimeout(600);
      await page.mouse.move(0, 799);
      const path = join(RESULTS, `import-${kind}-${scheme}.png`);
      await page.screenshot({ path, animations: "disabled" });
      assert.ok((await stat(path)).size > 20_000, `${path} has content`);
      assert.deepEqual(problems, []);
      await page.close();
    });
  }
}

// The dismissed recommendations, with Restore.
for (const scheme of ["light", "dark"]) {
  test(`screenshot: dismissed opportunities (${scheme})`, async () => {
    const { page, problems } = await harness.open({}, { hash: "opportunities", colorScheme: scheme });
    await page.getByTestId("show-dismissed").click();
    await page.getByTestId("dismissed-banner").waitFor();
    await page.getByTestId("restore").first().waitFor();
    await page.evaluate(() => document.fonts.ready);
    await page.mouse.move(0, 799);
    const path = join(RESULTS, `opportunities-dismissed-${scheme}.png`);
    await page.screenshot({ path, animations: "disabled" });
    assert.ok((await stat(path)).size > 20_000, `${path} has content`);
    assert.deepEqual(problems, []);
    await page.close();
  });
}

test("screenshot: Polish navigation and start-up progress", async () => {
  const polish = await harness.open(
    { settings: { language: "pl" } },
    { hash: "lead-scoring", colorScheme: "light" },
  );
  await polish.page.getByTestId("roc-chart").waitFor();
  await polish.page.evaluate(() => document.fonts.ready);
  await polish.page.screenshot({ path: join(RESULTS, "lead-scoring-pl-light.png"), animations: "disabled" });
  await polish.page.close();

  const steps = [
    { stage: "demo.prepare", done: 1, total: 4, afterMs: 50 },
    { stage: "demo.customers", done: 2, total: 4, afterMs: 50 },
  ];
  const startup = await harness.open({ startup: { delayMs: 0, steps, error: null, waitForCancel: true } }, { waitForApp: false, colorScheme: "dark" });
  await startup.page.getByText("2 of 4").waitFor();
  await startup.page.screenshot({ path: join(RESULTS, "startup-dark.png"), animations: "disabled" });
  assert.deepEqual([...polish.problems, ...startup.problems], []);
  await startup.page.close();
});

// The Leads page, the details drawer of an accepted lead (deal, history), the accept form with
// its checks, and the filters panel with chips.
for (const scheme of ["light", "dark"]) {
  test(`screenshot: leads page, drawer, accept form and filters (${scheme})`, async () => {
    const { page, problems } = await harness.open({}, { hash: "leads", colorScheme: scheme });
    await page.setViewportSize({ width: 1280, height: 1000 });
    await page.getByTestId("lead-row").first().waitFor();
    await page.evaluate(() => document.fonts.ready);
    await page.mouse.move(0, 999);
    const shot = async (name) => {
      const path = join(RESULTS, `${name}-${scheme}.png`);
      await page.screenshot({ path, animations: "disabled" });
      assert.ok((await stat(path)).size > 20_000, `${path} has content`);
    };
    await shot("leads");

    const settle = (testId) =>
      page.waitForFunction((id) => {
        const element = document.querySelector(`[data-testid="${id}"]`);
        return element && element.getAnimations({ subtree: true }).every((a) => a.playState === "finished");
      }, testId);
    await page.getByTestId("lead-search").fill("Contoso Pharmaceuticals");
    await page.locator('[data-testid="lead-row"][data-id="lead-accepted-contoso"] td').nth(1).click();
    await page.getByTestId("lead-deal").waitFor();
    await settle("lead-drawer");
    await page.setViewportSize({ width: 1280, height: 800 });
    await shot("lead-drawer");
    await page.getByTestId("lead-history").scrollIntoViewIfNeeded();
    await shot("lead-drawer-history");
    await page.getByTestId("lead-drawer-close").click();
    await page.getByTestId("lead-drawer").waitFor({ state: "hidden" });

    await page.getByTestId("lead-search").fill("Fabrikam Polska");
    await page.locator('[data-testid="lead-row"][data-id="lead-hot-fabrikam"] td').nth(1).click();
    await page.getByTestId("lead-contact").waitFor();
    await settle("lead-drawer");
    await page.getByTestId("lead-action-accept").click();
    await page.getByTestId("accept-dealName").fill("");
    await page.getByTestId("accept-submit").click();
    await page.getByText("Enter a deal name.").waitFor();
    await settle("accept-dialog");
    await shot("lead-accept");
    await page.getByTestId("accept-cancel").click();
    await page.getByTestId("accept-dialog").waitFor({ state: "detached" });
    await page.getByTestId("lead-drawer-close").click();
    await page.getByTestId("lead-drawer").waitFor({ state: "hidden" });

    await page.getByTestId("lead-search").fill("");
    await page.getByTestId("lead-filters-button").click();
    await page.getByTestId("filter-callToAction").click();
    await page.getByTestId("filter-callToAction-Contact me").click();
    await page.keyboard.press("Escape");
    await page.getByTestId("filter-emailValidity").click();
    await page.getByTestId("filter-emailValidity-Valid").click();
    await page.keyboard.press("Escape");
    await page.getByTestId("lead-filter-chip").nth(1).waitFor();
    await settle("lead-filters-panel");
    await shot("lead-filters");
    assert.deepEqual(problems, []);
    await page.close();
  });
}

// The Lead scoring page at the window's size and on a large screen, each tab; the lead drawer's
// score and customer details. English and Polish (the longest words).
const SCORING = { leads: leadState({ leads: SCORING_LEADS }), scoring: scoringState({ models: [DEFAULT_MODEL, POLAND_MODEL] }) };
for (const [scheme, language] of [["light", null], ["dark", null], ["light", "pl"]]) {
  test(`screenshot: lead scoring page and the lead drawer's score (${scheme}${language ? `, ${language}` : ""})`, async () => {
    const { page, problems } = await harness.open({ ...SCORING, settings: { language } }, { hash: "lead-scoring", colorScheme: scheme });
    const suffix = `${scheme}${language ? `-${language}` : ""}`;
    const shot = async (name) => {
      const path = join(RESULTS, `${name}-${suffix}.png`);
      await page.screenshot({ path, animations: "disabled" });
      assert.ok((await stat(path)).size > 20_000, `${path} has content`);
    };
    await page.getByTestId("roc-chart").waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid="roc-chart"]')?.naturalWidth > 0);
    await page.evaluate(() => document.fonts.ready);
    await page.mouse.move(0, 799);
    await shot("lead-scoring-1280");
    for (const [width, height] of [[1280, 1900], [1920, 1080]]) {
      await page.setViewportSize({ width, height });
      for (const tab of ["performance", "attributes", "versions", "grades", "settings"]) {
        await page.getByTestId(`scoring-tab-${tab}`).click();
        await page.getByTestId(`scoring-panel-${tab}`).waitFor();
        await page.waitForTimeout(150);
        await shot(`lead-scoring-${tab}-${width}`);
      }
      await page.getByTestId("scoring-tab-performance").click();
    }
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByTestId("nav-leads").click();
    await page.getByTestId("lead-search").fill("Tailspin Toys UK");
    await page.locator('[data-testid="lead-row"][data-id="lead-cooled-tailspin"] td').nth(1).click();
    await page.getByTestId("lead-score-chart").waitFor();
    await page.waitForFunction(() => {
      const drawer = document.querySelector('[data-testid="lead-drawer"]');
      return drawer && drawer.getAnimations({ subtree: true }).every((a) => a.playState === "finished");
    });
    await shot("lead-drawer-score");
    await page.getByTestId("lead-customer").scrollIntoViewIfNeeded();
    await shot("lead-drawer-customer");
    assert.deepEqual(problems, []);
    await page.close();
  });
}

// The Propensity reports page at the window's size and on a large screen: the wizard's columns
// step, the preview with cluster badges, a download in progress, My reports, Schedules and the
// cluster map.
const PROPENSITY = {
  propensity: propensityState({
    stepMs: 400,
    reports: [
      savedReport({ id: 1, name: "Azure propensity 2025-03-25", startedAt: "2025-03-25T06:00:00Z" }),
      savedReport({ id: 2, name: "M365 propensity 2025-03-20", kind: "m365", fileName: "M365 propensity 2025-03-20.csv", fileExists: false, scheduleId: 1, rows: 2988, bytes: 2_412_544, startedAt: "2025-03-20T09:00:00Z" }),
      savedReport({ id: 3, name: "Security propensity 2025-03-18", kind: "security", status: "failed", rows: null, bytes: null, asOf: null, fileExists: false, error: "cannot create /mnt/share/Security.csv: Permission denied (os error 13)", startedAt: "2025-03-18T09:00:00Z" }),
      savedReport({ id: 4, name: "Renewals Q2", kind: "renewal", status: "cancelled", rows: null, bytes: null, asOf: null, fileExists: false, startedAt: "2025-03-12T09:00:00Z" }),
    ],
    schedules: [
      { id: 1, spec: { kind: "m365", name: "M365 monthly", columns: [], months: null }, cadence: "monthly", createdAt: "2025-02-01T10:00:00Z", lastRunAt: "2025-03-20T09:00:21Z", nextRunAt: "2025-04-25T00:00:00Z", lastReportId: 2 },
      { id: 2, spec: { kind: "azure", name: "Azure after each import", columns: [], months: 12 }, cadence: "afterImport", createdAt: "2025-03-01T10:00:00Z", lastRunAt: null, nextRunAt: null, lastReportId: null },
    ],
  }),
};
for (const scheme of ["light", "dark"]) {
  test(`screenshot: propensity reports page (${scheme})`, async () => {
    const { page, problems } = await harness.open(PROPENSITY, { hash: "propensity", colorScheme: scheme });
    const shot = async (name) => {
      await page.evaluate(() => document.fonts.ready);
      await page.waitForTimeout(150);
      const path = join(RESULTS, `${name}-${scheme}.png`);
      await page.screenshot({ path, animations: "disabled" });
      assert.ok((await stat(path)).size > 20_000, `${path} has content`);
    };
    await page.getByTestId("report-source-m365").waitFor();
    await page.mouse.move(0, 799);
    await shot("propensity-sources-1280");
    for (const [width, height] of [[1280, 800], [1920, 1080]]) {
      await page.setViewportSize({ width, height });
      await page.getByTestId("propensity-tab-create").click();
      if (width > 1280) await page.getByTestId("wizard-step-1").click();
      await page.getByTestId("report-source-m365").click();
      await page.getByTestId("wizard-step-2").click();
      await page.getByTestId("column-group-none-flag").click();
      await page.mouse.move(0, height - 1);
      await shot(`propensity-columns-${width}`);
      await page.getByTestId("wizard-step-4").click();
      await page.getByTestId("report-download").click();
      await page.getByTestId("report-progress").getByText("Learning from your best customers").waitFor();
      await shot(`propensity-progress-${width}`);
      await page.getByTestId("report-saved").waitFor({ timeout: 20_000 });
      await page.getByTestId("report-preview").click();
      await page.getByTestId("preview-grid").waitFor({ timeout: 20_000 });
      await page.getByTestId("preview-grid").evaluate((grid) => {
        grid.scrollLeft = grid.scrollWidth;
        grid.scrollIntoView({ block: "end" });
      });
      await shot(`propensity-preview-${width}`);
      for (const tab of ["reports", "schedules", "clusterMap"]) {
        await page.getByTestId(`propensity-tab-${tab}`).click();
        await page.getByTestId(`propensity-panel-${tab}`).waitFor();
        await page.mouse.move(0, height - 1);
        await shot(`propensity-${tab}-${width}`);
      }
    }
    assert.deepEqual(problems, []);
    await page.close();
  });
}

// The Propensity page's CRM matching tab at the window's size: after an import with a warning,
// the counts, the rule and the first matches.
test("screenshot: propensity CRM matching (light)", async () => {
  const list = crmList();
  list.warnings = ["domain fabrikam12.example.com is on lines 14, 212: its customer gets the account with the closest name (the first line on a tie), confidence 0.9"];
  const { page, problems } = await harness.open({ crm: crmState({ openPicks: [list] }) }, { hash: "propensity" });
  await page.getByTestId("propensity-tab-crm").click();
  await page.getByTestId("crm-empty").waitFor();
  await page.mouse.move(0, 799);
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: join(RESULTS, "propensity-crm-empty-1280-light.png"), animations: "disabled" });
  await page.getByTestId("crm-import").click();
  await page.getByTestId("crm-table").waitFor();
  await page.getByTestId("crm-filter").selectOption("name");
  await page.mouse.move(0, 799);
  await page.waitForTimeout(150);
  const path = join(RESULTS, "propensity-crm-1280-light.png");
  await page.screenshot({ path, animations: "disabled" });
  assert.ok((await stat(path)).size > 20_000, `${path} has content`);
  await page.getByTestId("crm-table").scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(RESULTS, "propensity-crm-table-1280-light.png"), animations: "disabled" });
  assert.deepEqual(problems, []);
  await page.close();
});

// The Microsoft downloads tab at the window's size: after an import (unknown columns kept), the
// rows filtered to Act now in Microsoft 365, and the comparison with the app's scores.
test("screenshot: propensity Microsoft downloads (light)", async () => {
  const older = makeDownload({ kind: "renewal", areas: ["Azure", "D365CE", "D365BC", "M365", "PowerApps"], fileName: "AgreementRenewal_Northwind_2025-02.csv", matched: 120, byName: 10, strangers: 4, unknown: [] });
  const { page, problems } = await harness.open({ downloads: downloadsState({ downloads: [older], openPicks: [makeDownload()] }) }, { hash: "propensity" });
  const shot = async (name) => {
    await page.mouse.move(0, 799);
    await page.evaluate(() => document.fonts.ready);
    await page.waitForTimeout(150);
    const path = join(RESULTS, `${name}-1280-light.png`);
    await page.screenshot({ path, animations: "disabled" });
    assert.ok((await stat(path)).size > 20_000, `${path} has content`);
  };
  await page.getByTestId("propensity-tab-downloads").click();
  await page.getByTestId("download-import").click();
  await page.getByTestId("download-cells-grid").waitFor();
  await shot("propensity-downloads");
  await page.getByTestId("download-area").selectOption("M365");
  await page.getByTestId("download-cluster-A").click();
  await page.getByTestId("download-sort").selectOption("fit");
  await page.waitForTimeout(400);
  await page.getByTestId("download-detail").scrollIntoViewIfNeeded();
  await page.evaluate(() => {
    document.querySelector('[data-testid="download-detail"]').scrollIntoView({ block: "start" });
    // The scores, with the columns before them.
    const grid = document.querySelector('[data-testid="download-cells-grid"]');
    const cluster = [...grid.querySelectorAll("th")].find((th) => th.textContent === "M365Cluster");
    grid.scrollLeft += cluster.getBoundingClientRect().left - grid.getBoundingClientRect().left - grid.clientWidth / 2;
  });
  await shot("propensity-downloads-rows");
  await page.getByTestId("download-view-compare").click();
  await page.getByTestId("download-comparison").waitFor();
  await page.evaluate(() => document.querySelector('[data-testid="download-detail"]').scrollIntoView({ block: "start" }));
  await shot("propensity-downloads-compare");
  await page.getByTestId("comparison-rows").scrollIntoViewIfNeeded();
  await shot("propensity-downloads-compare-rows");
  await page.locator('[data-testid="download-row"][data-id="1"]').getByTestId("download-open").click();
  await page.getByTestId("download-comparison").waitFor();
  await page.evaluate(() => document.querySelector('[data-testid="download-detail"]').scrollIntoView({ block: "start" }));
  await shot("propensity-downloads-compare-renewal");
  assert.deepEqual(problems, []);
  await page.close();
});

// The Sync page at the window's size: after a sync (the summary with its skipped tenants), the
// queue with a conflict open side by side, a run in progress, an offline failure; and
// Settings → Sync with its service addresses open.
test("screenshot: sync (light)", async () => {
  const plans = [
    { steps: syncSteps(), stepMs: 20, summary: nextSummary(), pushedLeads: [LEADS.tailspin] },
    { steps: syncSteps(), stepMs: 20, holdAt: 5 },
    { steps: syncSteps().slice(0, 2), stepMs: 20, fail: { code: "offline", message: OFFLINE } },
  ];
  const { page, problems } = await harness.open({ credentials: ALL_CREDENTIALS, sync: syncState({ plans }) }, { hash: "sync" });
  const shot = async (name) => {
    await page.mouse.move(0, 799);
    await page.evaluate(() => document.fonts.ready);
    await page.waitForTimeout(200);
    const path = join(RESULTS, `${name}-1280-light.png`);
    await page.screenshot({ path, animations: "disabled" });
    assert.ok((await stat(path)).size > 20_000, `${path} has content`);
  };
  await page.getByTestId("queue-table").waitFor();
  await page.getByTestId("sync-now").click();
  await page.getByTestId("sync-summary").getByTestId("summary-referrals").getByText("6", { exact: true }).waitFor();
  await page.getByTestId("summary-tenants-skipped").locator("button").click();
  await page.getByTestId("summary-tenant-row").first().waitFor();
  await shot("sync");
  await page.getByTestId("sync-queue").scrollIntoViewIfNeeded();
  await page.evaluate(() => document.querySelector('[data-testid="sync-queue"]').scrollIntoView({ block: "start" }));
  await shot("sync-queue");
  await page.locator(`[data-testid="queue-row"][data-lead="${LEADS.fabrikam}"]`).getByTestId("queue-resolve").click();
  await page.getByTestId("conflict-dialog").waitFor();
  await shot("sync-conflict");
  await page.getByTestId("conflict-cancel").click();
  await page.locator(`[data-testid="queue-row"][data-lead="${LEADS.contoso}"]`).getByTestId("queue-resolve").click();
  await page.getByTestId("keep-mine-reason").waitFor();
  await shot("sync-conflict-won");
  await page.getByTestId("conflict-cancel").click();
  await page.getByTestId("conflict-dialog").waitFor({ state: "detached" });
  await page.evaluate(() => document.querySelector("main").scrollTo(0, 0));
  await page.getByTestId("sync-now").click();
  await page.getByTestId("job-count").getByText("250 of 500 tenants").waitFor();
  await shot("sync-running");
  await page.getByTestId("sync-cancel").click();
  await page.getByTestId("sync-failure").waitFor();
  await page.getByTestId("sync-now").click();
  await page.getByTestId("sync-failure").and(page.locator('[data-code="offline"]')).waitFor();
  await shot("sync-offline");
  await page.getByTestId("nav-settings").click();
  const section = page.getByTestId("sync-settings");
  await section.getByTestId("sync-advanced").locator("button").click();
  await section.getByTestId("sync-url-graphUrl").fill("http://graph.example.com");
  await section.getByTestId("sync-settings-save").click();
  await section.getByText("The sync settings could not be saved").waitFor();
  await page.evaluate(() => document.querySelector('[data-testid="sync-settings"]').scrollIntoView({ block: "start" }));
  await shot("settings-sync");
  assert.deepEqual(problems, []);
  await page.close();
});
