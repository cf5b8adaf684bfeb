// The customer flyout (SPEC §3.3): the header and each of its five tabs, with the data the
// mocked backend returns for the row clicked.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { ipcCalls, plain, startHarness } from "./support/harness.mjs";
import { opportunityState } from "./support/opportunityFixtures.mjs";
import { openOpportunities, shownRows } from "./support/opportunities.mjs";

let harness;
before(async () => {
  harness = await startHarness();
});
after(async () => {
  await harness?.close();
});

/** Opens the flyout of the first shown row of `type` and returns that row's data. */
async function openFlyout(page, type) {
  const row = (await shownRows(page)).find((r) => r.data.type === type);
  await page.locator(`[data-testid="opportunity-row"][data-key="${row.key}"] td`).nth(1).click();
  const flyout = page.getByTestId("opportunity-flyout");
  await flyout.getByTestId("flyout-customer").getByText(row.data.customer, { exact: true }).waitFor();
  await flyout.getByTestId("flyout-insights").waitFor();
  return { row: row.data, flyout };
}

async function facts(flyout) {
  return flyout.locator('[data-testid^="flyout-fact-"]').evaluateAll((items) =>
    Object.fromEntries(items.map((item) => [item.dataset.testid.replace("flyout-fact-", ""), item.querySelector("dd").innerText.trim()])),
  );
}

test("a growth row opens the flyout: header with product, Insights with the model, why, insights and also considered", async () => {
  const { page, problems } = await openOpportunities(harness);
  const { row, flyout } = await openFlyout(page, "growth");
  assert.equal(await flyout.getByTestId("flyout-recommendation").innerText(), row.recommendation);
  const shown = await facts(flyout);
  assert.deepEqual(Object.keys(shown), ["probability", "type", "product", "seats", "dateAdded"]);
  assert.equal(shown.product, row.product);
  assert.equal(shown.type, "Customer growth");
  assert.equal(plain(shown.probability).replace(/\s+/g, " "), `${row.status[0].toUpperCase()}${row.status.slice(1)} ${row.probabilityPct}%`);
  assert.equal(plain(shown.seats), row.seats.toLocaleString("en-US"));
  assert.deepEqual((await ipcCalls(page, "opportunity_detail")).map((c) => c.args), [{ language: "en", key: row.key }]);

  const insights = flyout.getByTestId("flyout-insights");
  assert.match(await flyout.getByTestId("flyout-model").innerText(), / · (Machine learning|Decision tree)$/);
  assert.match(await insights.innerText(), /Why this is recommended[\s\S]*tend to upgrade within six months/);
  const sentences = await flyout.getByTestId("flyout-insight-list").locator("li").allInnerTexts();
  assert.equal(sentences.length, 3);
  assert.match(sentences[0], new RegExp(`${row.customer} has ${row.seats} paid seats`));
  assert.match(await flyout.getByTestId("flyout-also-considered").innerText(), /Also considered\s+Microsoft 365 E3 \(probability \d+%\)/);

  await page.keyboard.press("Escape");
  await flyout.waitFor({ state: "hidden" });
  assert.deepEqual(problems, []);
  await page.close();
});

test("a retention row hides the product; Suggested actions are numbered", async () => {
  const { page, problems } = await openOpportunities(harness);
  const { row, flyout } = await openFlyout(page, "retention");
  assert.deepEqual(Object.keys(await facts(flyout)), ["probability", "type", "seats", "dateAdded"]);
  assert.equal(await flyout.getByTestId("flyout-also-considered").count(), 0);
  await flyout.getByTestId("flyout-tab-actions").click();
  const steps = flyout.getByTestId("flyout-actions").locator("li");
  assert.deepEqual((await steps.allInnerTexts()).map((s) => s.replace(/\s+/g, " ")), [
    `1 Book a 30-minute call with the IT contact of ${row.customer}.`,
    "2 Run a security workshop using the demo script.",
    `3 Send the e-mail template with the ${row.seats}-seat quote attached.`,
  ]);
  await flyout.getByTestId("flyout-close").click();
  await flyout.waitFor({ state: "hidden" });
  assert.deepEqual(problems, []);
  await page.close();
});

test("Resources: one card per resource, paragraphs, bullets and steps as text, and Copy puts the e-mail on the clipboard", async () => {
  const { page, problems } = await openOpportunities(harness);
  await page.evaluate(() => {
    window.__PA_COPIED__ = [];
    navigator.clipboard.writeText = async (text) => {
      window.__PA_COPIED__.push(text);
    };
  });
  const { row, flyout } = await openFlyout(page, "growth");
  await flyout.getByTestId("flyout-tab-resources").click();
  const resources = flyout.getByTestId("flyout-resources");
  await resources.waitFor();
  for (const kind of ["playbook", "demoScript", "cheatSheet", "emailTemplate"]) await resources.getByTestId(`resource-${kind}`).waitFor();

  const playbook = resources.getByTestId("resource-playbook");
  assert.deepEqual(await playbook.locator("ul > li").allInnerTexts(), [
    `Phishing protection for all ${row.seats} mailboxes`,
    "Device management with Intune",
    "One price per user",
  ]);
  assert.equal(await playbook.locator("p").count(), 3);
  const demo = resources.getByTestId("resource-demoScript");
  assert.equal(await demo.locator("ol > li").count(), 3);
  assert.match(await demo.locator("ol > li").first().innerText(), /^Show a phishing attempt blocked by Safe Links\.$/);

  const email = resources.getByTestId("resource-emailTemplate");
  const subject = `${row.customer}: protecting your ${row.seats} users`;
  assert.equal(plain(await email.getByTestId("resource-subject").innerText()).replace(/\s+/g, " "), `Subject ${subject}`);
  assert.match(await email.locator("p").nth(1).innerText(), new RegExp(`Your team at ${row.customer.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} relies on e-mail`));
  assert.equal(await email.locator("p").last().innerText(), "Best regards,\nAna");
  await email.getByTestId("resource-copy").click();
  await email.getByTestId("resource-copy").getByText("Copied").waitFor();
  const [copied] = await page.evaluate(() => window.__PA_COPIED__);
  assert.ok(copied.startsWith(`${subject}\n\nHello,\n\nYour team at ${row.customer}`), copied);
  assert.ok(copied.endsWith("Best regards,\nAna"));
  assert.deepEqual(problems, []);
  await page.close();
});

test("Subscriptions: product, quantity, status badge, channel and end date", async () => {
  const { page, problems } = await openOpportunities(harness);
  const { row, flyout } = await openFlyout(page, "growth");
  await flyout.getByTestId("flyout-tab-subscriptions").click();
  const table = flyout.getByTestId("flyout-subscriptions");
  await table.waitFor();
  const cells = await table.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((td) => td.innerText.trim())));
  assert.deepEqual(cells.map((r) => r.map(plain)), [
    ["Microsoft 365 Business Standard", row.seats.toLocaleString("en-US"), "Active", "Your company", "Nov 30, 2025"],
    ["Microsoft Teams Exploratory", "25", "Trial", "Microsoft direct", "Apr 18, 2025"],
    ["Exchange Online (Plan 1)", "3", "Suspended", "Your company", "Jun 30, 2025"],
  ]);
  assert.deepEqual(await table.locator("[data-status]").evaluateAll((b) => b.map((x) => x.dataset.status)), ["active", "trial", "suspended"]);
  assert.deepEqual(problems, []);
  await page.close();
});

test("Usage: the Rust chart as an image (never as markup), the workload filter, and the trend table", async () => {
  const { page, problems } = await openOpportunities(harness);
  const { row, flyout } = await openFlyout(page, "growth");
  await flyout.getByTestId("flyout-tab-usage").click();
  const chart = flyout.getByTestId("usage-chart");
  await chart.waitFor();
  await page.waitForFunction(() => document.querySelector('[data-testid="usage-chart"]')?.naturalWidth > 0);
  const src = await chart.getAttribute("src");
  assert.ok(src.startsWith("data:image/svg+xml;charset=utf-8,"));
  assert.match(decodeURIComponent(src.slice(src.indexOf(",") + 1)), /^<svg [^>]*data-workload="all" data-dark="false"/);
  assert.equal(await flyout.locator("svg[data-workload]").count(), 0, "the SVG is not injected into the DOM");
  assert.match(await chart.getAttribute("alt"), new RegExp(`monthly active users of .* over 12 months: All workloads`));
  assert.deepEqual((await ipcCalls(page, "usage_chart")).map((c) => c.args), [{ language: "en", tenantId: row.tenantId, workload: null, dark: false }]);

  await flyout.getByTestId("usage-workload").click();
  await page.getByTestId("usage-workload-teams").click();
  await page.waitForFunction(() => decodeURIComponent(document.querySelector('[data-testid="usage-chart"]').src).includes('data-workload="teams"'));
  assert.deepEqual((await ipcCalls(page, "usage_chart")).at(-1).args, { language: "en", tenantId: row.tenantId, workload: "teams", dark: false });
  assert.equal(await flyout.getByTestId("usage-workload").innerText(), "Teams");

  const lines = await flyout.getByTestId("usage-row").evaluateAll((trs) =>
    trs.map((tr) => ({ workload: tr.dataset.workload, cells: [...tr.cells].map((td) => td.innerText.trim()), trend: tr.querySelector("[data-trend]").dataset.trend, icon: !!tr.querySelector("[data-trend] svg") })),
  );
  assert.deepEqual(lines.map((l) => l.workload), ["exchange", "coreApps", "teams", "sharePoint", "oneDrive"]);
  const words = { positive: "Positive", negative: "Negative", noChange: "No change" };
  for (const line of lines) {
    assert.equal(line.cells[3], words[line.trend]);
    assert.ok(line.icon, "an arrow beside the trend");
    assert.match(plain(line.cells[2]), /^[\d,]+ \(\d+%\)$/);
  }
  assert.equal(lines[0].cells[0], "Exchange");
  assert.deepEqual(problems, []);
  await page.close();
});

test("the usage chart follows the dark theme", async () => {
  const { page, problems } = await openOpportunities(harness, {}, { colorScheme: "dark" });
  const { flyout } = await openFlyout(page, "retention");
  await flyout.getByTestId("flyout-tab-usage").click();
  await flyout.getByTestId("usage-chart").waitFor();
  assert.equal((await ipcCalls(page, "usage_chart")).at(-1).args.dark, true);
  assert.deepEqual(problems, []);
  await page.close();
});

test("a detail that cannot be loaded is explained, the header still shows", async () => {
  const failures = { opportunity_detail: { code: "database", message: "disk I/O error", details: null } };
  const { page, problems } = await openOpportunities(harness, { opportunities: opportunityState({ failures }) });
  const row = (await shownRows(page))[0];
  await page.locator(`[data-key="${row.key}"] td`).first().click();
  const flyout = page.getByTestId("opportunity-flyout");
  await flyout.locator('[data-error-code="database"]').getByText("The details of this recommendation could not be loaded.").waitFor();
  assert.equal(await flyout.getByTestId("flyout-customer").innerText(), row.data.customer);
  assert.deepEqual(problems, []);
  await page.close();
});
