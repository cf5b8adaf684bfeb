// The Lead scoring page (SPEC §5, Dynamics 365's lead scoring settings): the closed leads against
// the 40/40 rule, the models in scoring order, and the selected model's performance (metrics, ROC
// curve drawn by the backend, confusion matrix, grades), attributes with their reasons, versions
// (train, publish, revert), grade ranges (one end moves the neighbour's) and settings (add, edit,
// delete, reorder).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { ipcCalls, plain, startHarness } from "./support/harness.mjs";
import { LEADS, NOW, leadState } from "./support/leadFixtures.mjs";
import { DEFAULT_MODEL, POLAND_MODEL, SCORING_LEADS, scoringState } from "./support/scoringFixtures.mjs";

let harness;
before(async () => {
  harness = await startHarness();
});
after(async () => {
  await harness?.close();
});

/** Closed leads of the last 24 months, as SPEC §5 counts them (qualified = accepted or won). */
function closedCounts(leads, filter = () => true) {
  const from = new Date(NOW);
  from.setUTCMonth(from.getUTCMonth() - 24);
  let qualified = 0;
  let disqualified = 0;
  for (const l of leads) {
    if (Date.parse(l.createdAt) < from.getTime() || !filter(l)) continue;
    if (l.substatus === "Accepted" || l.substatus === "Won") qualified += 1;
    else if (["Declined", "Lost", "Expired"].includes(l.substatus)) disqualified += 1;
  }
  return { qualified, disqualified };
}

const SCORING = { leads: leadState({ leads: SCORING_LEADS }), scoring: scoringState({ models: [DEFAULT_MODEL, POLAND_MODEL] }) };

async function openScoring(overrides = SCORING, options = {}) {
  const opened = await harness.open(overrides, { hash: "lead-scoring", ...options });
  await opened.page.getByTestId("page-lead-scoring").waitFor();
  return opened;
}

/** The backend's answer for a version, asked directly of the mock (what the page must show). */
function versionView(page, modelId, version) {
  return page.evaluate(([m, v]) => window.__PA_MOCK_COMMANDS__.scoring_version({ language: "en", modelId: m, version: v, dark: false }), [modelId, version]);
}

const fixed = (x, digits = 3) => x.toFixed(digits);
const pct = (x) => `${Math.round(x * 100)}%`;

test("the header counts closed leads against 40/40 and the scored open leads; the models are listed in scoring order", async () => {
  const { page, problems } = await openScoring();
  const { qualified, disqualified } = closedCounts(SCORING_LEADS);
  const open = SCORING_LEADS.filter((l) => l.substatus === "Received" || l.substatus === "Pending").length;
  assert.match(plain(await page.getByTestId("scoring-closed").innerText()), new RegExp(`${qualified} qualified · ${disqualified} disqualified`));
  assert.equal(await page.getByTestId("scoring-closed-rule").innerText(), "Enough to train: a model needs at least 40 of each.");
  assert.match(plain(await page.getByTestId("scoring-scored").innerText()), new RegExp(`${open} of ${open}`));
  assert.match(plain(await page.getByTestId("scoring-models").innerText()), /2 of 10\s+The first published model whose filter takes a lead scores it\./);

  const rows = page.getByTestId("scoring-model-row");
  assert.equal(await rows.count(), 2);
  assert.equal(await rows.nth(0).getByTestId("scoring-model-name").innerText(), DEFAULT_MODEL.name);
  assert.equal(await rows.nth(0).getByTestId("model-filter-all").innerText(), "All leads");
  assert.equal(await rows.nth(0).getByTestId("scoring-model-published").innerText(), "Version 2");
  assert.equal(await rows.nth(0).getByTestId("scoring-model-scored").innerText(), String(open));
  assert.match(await rows.nth(0).innerText(), /Apr 15, 2025/, "retrains 15 days after its latest training");
  assert.equal(await rows.nth(1).getByTestId("model-filter-condition").innerText(), "Country/region: PL");
  assert.equal(await rows.nth(1).getByTestId("scoring-model-published").innerText(), "Not published");
  assert.match(await rows.nth(1).innerText(), /Off/);
  assert.equal(await rows.nth(0).getAttribute("data-selected"), "true", "the first model is shown at once");
  assert.deepEqual(problems, []);
  await page.close();
});

test("Performance shows the published version's metrics, confusion matrix, grades and the ROC curve as an image; another version can be chosen", async () => {
  const { page, problems } = await openScoring();
  const tab = page.getByTestId("performance-tab");
  await tab.waitFor();
  const view = await versionView(page, 1, 2);
  assert.equal(await tab.getAttribute("data-version"), "2");
  const metric = (id) => page.getByTestId(`metric-${id}`).getByTestId("metric-value").innerText();
  assert.equal(await metric("rocAuc"), fixed(view.rocAuc));
  assert.equal(await metric("accuracy"), pct(view.accuracy));
  assert.equal(await metric("precision"), pct(view.precision));
  assert.equal(await metric("recall"), pct(view.recall));
  assert.equal(await metric("f1"), pct(view.f1));
  assert.equal(await metric("prAuc"), fixed(view.prAuc));
  assert.equal(await metric("logLoss"), fixed(view.logLoss));
  assert.match(await page.getByTestId("metric-logLoss").innerText(), new RegExp(`${fixed(view.uncalibratedLogLoss)} before calibration`));
  assert.equal(await metric("brier"), fixed(view.brier));
  assert.equal(await metric("threshold"), String(view.thresholdScore));
  assert.equal(await metric("conversion"), pct(view.conversionRate));
  assert.match(plain(await page.getByTestId("performance-facts").innerText()), new RegExp(`Learnt from the ${view.trainingRows} oldest closed leads, validated on the ${view.validationRows} most recent`));

  // The ROC curve: the backend's SVG as an image (never markup in the page), with its AUC in the alt text.
  const roc = page.getByTestId("roc-chart");
  const src = await roc.getAttribute("src");
  assert.ok(src.startsWith("data:image/svg+xml"), src.slice(0, 40));
  assert.equal(decodeURIComponent(src.slice(src.indexOf(",") + 1)), view.rocSvg);
  assert.match(await roc.getAttribute("alt"), new RegExp(`area under the curve ${fixed(view.rocAuc)}`));
  await page.waitForFunction(() => document.querySelector('[data-testid="roc-chart"]')?.naturalWidth > 0);
  assert.equal(await page.locator('[data-testid="performance-tab"] svg polyline').count(), 0, "no SVG injected into the DOM");

  for (const [id, n] of [["tp", view.truePositives], ["fn", view.falseNegatives], ["fp", view.falsePositives], ["tn", view.trueNegatives]]) {
    assert.match(await page.getByTestId(`confusion-${id}`).innerText(), new RegExp(`^${n}\\b`));
  }
  const grades = page.getByTestId("grade-performance-row");
  assert.equal(await grades.count(), 4);
  for (let i = 0; i < 4; i += 1) {
    const g = view.grades[i];
    assert.match(plain(await grades.nth(i).innerText()), new RegExp(`${g.grade}\\s+${g.min}–${g.max}\\s+${g.leads}\\s+${g.qualified}\\s+${pct(g.precisionAtOrAbove)}\\s+${pct(g.recallAtOrAbove)}`));
  }

  // Version 1 (retired) from the chooser.
  await page.getByTestId("scoring-version-choice").click();
  await page.getByTestId("scoring-version-option-1").click();
  await page.locator('[data-testid="performance-tab"][data-version="1"]').waitFor();
  const v1 = await versionView(page, 1, 1);
  await page.waitForFunction((auc) => document.querySelector('[data-testid="metric-rocAuc"] [data-testid="metric-value"]')?.textContent === auc, fixed(v1.rocAuc));
  assert.match(await page.getByTestId("performance-facts").innerText(), /Retired/);
  const asked = (await ipcCalls(page, "scoring_version")).map((c) => [c.args.modelId, c.args.version, c.args.dark]);
  assert.deepEqual(asked.at(-1), [1, 1, false]);
  assert.deepEqual(problems, []);
  await page.close();
});

test("Attributes lists every candidate with its use, influence, fill rate and the reason it was or was not selected", async () => {
  const { page, problems } = await openScoring();
  await page.getByTestId("performance-tab").waitFor();
  await page.getByTestId("scoring-tab-attributes").click();
  const view = await versionView(page, 1, 2);
  const rows = page.getByTestId("attribute-row");
  await rows.first().waitFor();
  assert.equal(await rows.count(), view.attributes.length);
  const used = view.attributes.filter((a) => a.selected);
  assert.match(await page.getByTestId("attributes-tab").innerText(), new RegExp(`Version 2 reads ${used.length} of the ${view.attributes.length} candidate attributes`));
  for (let i = 0; i < view.attributes.length; i += 1) {
    const a = view.attributes[i];
    const row = rows.nth(i);
    assert.equal(await row.getAttribute("data-attribute"), a.key);
    assert.equal(await row.getByTestId("attribute-used").innerText(), a.selected ? "Used" : "Not used");
    assert.equal(await row.getByTestId("attribute-reason").innerText(), a.reason);
    if (a.selected) assert.equal(await row.getByTestId("attribute-influence").innerText(), a.importanceShare < 0.1 ? `${Math.round(a.importanceShare * 1000) / 10}%` : pct(a.importanceShare));
  }
  assert.match(await rows.first().getByTestId("attribute-reason").innerText(), /^Selected automatically: \d+% of the influence$/);
  assert.match(await rows.last().getByTestId("attribute-reason").innerText(), /^(Little influence|Filled on|Always the same)/);
  assert.deepEqual(problems, []);
  await page.close();
});

test("Versions: train a new version (with progress), publish it after a confirmation, then revert to the older one", async () => {
  const { page, problems } = await openScoring({ ...SCORING, scoring: scoringState({ models: [DEFAULT_MODEL, POLAND_MODEL], trainDelayMs: 600 }) });
  await page.getByTestId("performance-tab").waitFor();
  await page.getByTestId("scoring-tab-versions").click();
  const versions = page.getByTestId("version-row");
  assert.deepEqual(await versions.evaluateAll((rows) => rows.map((r) => [r.dataset.version, r.dataset.state])), [["2", "published"], ["1", "retired"]]);
  assert.equal(await versions.nth(0).getByTestId("version-revert").count(), 0, "the published version cannot be reverted to");
  assert.equal(await versions.nth(1).getByTestId("version-revert").count(), 1, "an older version can");

  await page.getByTestId("train-model").click();
  await page.getByTestId("training-progress").waitFor();
  assert.equal(await page.getByTestId("train-model").isDisabled(), true);
  const done = page.getByTestId("training-done");
  await done.waitFor();
  assert.match(plain(await done.innerText()), /Version 3 is trained\s*ROC AUC 0\.\d{3}: (Ready to publish|OK to publish|Not ready to publish)\. It is a draft until you publish it\./);
  await page.locator('[data-testid="version-row"][data-version="3"][data-state="draft"]').waitFor();

  // Publish, confirmed: the open leads are rescored.
  await page.locator('[data-testid="version-row"][data-version="3"]').getByTestId("version-publish").click();
  const dialog = page.getByTestId("publish-dialog");
  await dialog.waitFor();
  assert.match(await dialog.innerText(), /Publish version 3\?/);
  assert.match(await dialog.innerText(), /open leads it scores now, and any others its filter takes, are rescored at once/);
  await page.getByTestId("publish-dialog-confirm").click();
  await dialog.waitFor({ state: "detached" });
  assert.match(await page.getByTestId("versions-done").innerText(), /Version 3 is published/);
  assert.deepEqual((await ipcCalls(page, "publish_scoring_version")).map((c) => c.args), [{ modelId: 1, version: 3 }]);
  await page.locator('[data-testid="version-row"][data-version="3"][data-state="published"]').waitFor();
  await page.locator('[data-testid="version-row"][data-version="2"][data-state="retired"]').waitFor();
  await page.getByTestId("scoring-model-row").first().getByText("Version 3").waitFor();

  // Revert to version 2: version 3 is then neither publishable (retired) nor a revert target (newer).
  await page.locator('[data-testid="version-row"][data-version="2"]').getByTestId("version-revert").click();
  const revert = page.getByTestId("revert-dialog");
  await revert.waitFor();
  assert.match(await revert.innerText(), /goes back from version 3 to version 2/);
  await page.getByTestId("revert-dialog-confirm").click();
  await revert.waitFor({ state: "detached" });
  assert.match(await page.getByTestId("versions-done").innerText(), /Reverted to version 2/);
  await page.locator('[data-testid="version-row"][data-version="2"][data-state="published"]').waitFor();
  const v3 = page.locator('[data-testid="version-row"][data-version="3"]');
  assert.equal(await v3.getAttribute("data-state"), "retired");
  assert.equal(await v3.getByTestId("version-revert").count(), 0);
  assert.equal(await v3.getByTestId("version-publish").count(), 0);
  assert.deepEqual((await ipcCalls(page, "revert_scoring_model")).map((c) => c.args), [{ modelId: 1, version: 2 }]);
  assert.deepEqual(problems, []);
  await page.close();
});

test("training with too few closed leads says so clearly, with the model's own counts against 40/40", async () => {
  // The fixture leads alone: Poland has too few closed leads for its model.
  const { page, problems } = await openScoring({ scoring: scoringState({ models: [DEFAULT_MODEL, POLAND_MODEL] }) });
  await page.getByTestId("scoring-model-row").nth(1).getByTestId("scoring-model-name").click();
  await page.getByTestId("performance-untrained").waitFor();
  const { qualified, disqualified } = closedCounts(LEADS, (l) => l.country === "PL");
  assert.ok(qualified < 40 || disqualified < 40, `fixture: ${qualified}/${disqualified}`);
  assert.match(await page.getByTestId("performance-untrained").innerText(), new RegExp(`${qualified} qualified and ${disqualified} disqualified now`));
  await page.getByTestId("train-model").click();
  const refused = page.getByTestId("training-refused");
  await refused.waitFor();
  const text = plain(await refused.innerText());
  assert.match(text, /^Not enough closed leads to train/);
  assert.match(text, new RegExp(`This model's filter takes ${qualified} qualified and ${disqualified} disqualified closed leads from the last 24 months; a model needs at least 40 of each\\.`));
  assert.match(text, new RegExp(`Technical details: a lead scoring model needs at least 40 qualified and 40 disqualified leads matching the model's filter created in the last 24 months; there are ${qualified} qualified and ${disqualified} disqualified`));
  assert.equal(await refused.getAttribute("data-error-code"), "invalidInput");
  assert.deepEqual(problems, []);
  await page.close();
});

test("Grades: editing one end moves the neighbour's, a refusal shows the backend's reason, Reset puts the defaults back", async () => {
  const { page, problems } = await openScoring();
  await page.getByTestId("performance-tab").waitFor();
  await page.getByTestId("scoring-tab-grades").click();
  const value = (grade, end) => page.getByTestId(`grade-${grade}-${end}`).inputValue();
  assert.deepEqual([await value("A", "min"), await value("B", "max"), await value("B", "min"), await value("C", "max")], ["75", "74", "50", "49"]);
  assert.equal(await page.getByTestId("grade-A-max").isDisabled(), true);
  assert.equal(await page.getByTestId("grade-D-min").isDisabled(), true);

  await page.getByTestId("grade-B-min").fill("55");
  await page.getByTestId("grade-B-min").press("Enter");
  await page.waitForFunction(() => document.querySelector('[data-testid="grade-C-max"]')?.value === "54");
  assert.deepEqual((await ipcCalls(page, "set_grade_bound")).map((c) => c.args), [{ modelId: 1, grade: "B", upper: false, value: 55 }]);

  await page.getByTestId("grade-C-max").fill("30");
  await page.getByTestId("grade-C-max").press("Tab");
  await page.waitForFunction(() => document.querySelector('[data-testid="grade-B-min"]')?.value === "31");

  // A's minimum below B's: refused by the backend, the values it can take under the field (from
  // the error's details, in the user's language), nothing moved.
  await page.getByTestId("grade-A-min").fill("20");
  await page.getByTestId("grade-A-min").press("Enter");
  await page.getByText("Not saved: the lowest score of grade A can be 32 to 100.").waitFor();
  assert.equal(await value("B", "max"), "74");
  // The list's grades follow: the mock re-graded the scores with the model's ranges.
  const grades = await page.evaluate(() => window.__PA_LEADS__.leads.filter((l) => l.score).map((l) => [l.score.score, l.score.grade]));
  for (const [score, grade] of grades) assert.equal(grade, score >= 75 ? "A" : score >= 31 ? "B" : score >= 25 ? "C" : "D");

  await page.getByTestId("grades-reset").click();
  await page.waitForFunction(() => document.querySelector('[data-testid="grade-B-min"]')?.value === "50");
  assert.equal(await value("C", "max"), "49");
  assert.equal((await ipcCalls(page, "reset_grade_ranges")).length, 1);
  assert.deepEqual(problems, []);
  await page.close();
});

test("add a model with a filter and chosen attributes, rename it in Settings, then delete it; a second model of the same scope is refused", async () => {
  const { page, problems } = await openScoring();
  await page.getByTestId("performance-tab").waitFor();

  // Same scope as the published model (every lead): the backend refuses, the dialog says why.
  await page.getByTestId("scoring-add").click();
  const dialog = page.getByTestId("add-model-dialog");
  await dialog.waitFor();
  await page.getByTestId("add-model-submit").click();
  await dialog.getByText(/Technical details: the model “LeadScoring_202503240930” already scores the same leads/).waitFor();

  await page.getByTestId("model-form-name").fill("Spain leads");
  await page.getByTestId("model-form-add-condition").click();
  await page.getByTestId("model-form-condition-attribute").click();
  await page.getByTestId("model-form-attribute-country").click();
  await page.getByTestId("model-form-condition-values").click();
  await page.getByTestId("model-form-value-ES").click();
  await page.keyboard.press("Escape");
  await page.getByTestId("model-form-attributes-chosen").click();
  for (const key of ["industry", "company_size", "call_to_action"]) await page.getByTestId(`model-form-use-${key}`).click();
  await page.getByTestId("model-form-tolerance").fill("3");
  await page.getByTestId("add-model-submit").click();
  await dialog.waitFor({ state: "detached" });
  const created = (await ipcCalls(page, "create_scoring_model")).at(-1).args.form;
  assert.deepEqual(created, {
    name: "Spain leads",
    filter: [{ attribute: "country", values: ["ES"] }],
    attributes: ["industry", "company_size", "call_to_action"],
    autoRetrain: true,
    trendTolerance: 3,
  });
  assert.match(await page.getByTestId("scoring-notice").innerText(), /“Spain leads” was added at the end of the scoring order/);
  const rows = page.getByTestId("scoring-model-row");
  await rows.nth(2).waitFor();
  assert.equal(await rows.nth(2).getByTestId("model-filter-condition").innerText(), "Country/region: ES");
  assert.equal(await rows.nth(2).getAttribute("data-selected"), "true");
  await page.getByTestId("versions-empty").waitFor();

  // Rename in Settings.
  await page.getByTestId("scoring-tab-settings").click();
  await page.getByTestId("model-form-name").fill("Spain and Portugal leads");
  await page.getByTestId("settings-save").click();
  await page.getByTestId("settings-saved").waitFor();
  await rows.nth(2).getByText("Spain and Portugal leads").waitFor();
  const updated = (await ipcCalls(page, "update_scoring_model")).at(-1).args;
  assert.equal(updated.modelId, 3);
  assert.equal(updated.form.name, "Spain and Portugal leads");
  assert.deepEqual(updated.form.filter, [{ attribute: "country", values: ["ES"] }]);

  // Delete, confirmed.
  await page.getByTestId("settings-delete").click();
  const confirm = page.getByTestId("delete-dialog");
  await confirm.waitFor();
  assert.match(await confirm.innerText(), /Delete “Spain and Portugal leads”\?/);
  await page.getByTestId("delete-dialog-confirm").click();
  await confirm.waitFor({ state: "detached" });
  assert.match(await page.getByTestId("scoring-notice").innerText(), /“Spain and Portugal leads” was deleted/);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="scoring-model-row"]').length === 2);
  assert.deepEqual((await ipcCalls(page, "delete_scoring_model")).map((c) => c.args), [{ modelId: 3 }]);
  assert.deepEqual(problems, []);
  await page.close();
});

test("models move up and down in the scoring order", async () => {
  const { page, problems } = await openScoring();
  await page.getByTestId("scoring-model-row").nth(1).waitFor();
  assert.equal(await page.getByTestId("scoring-model-row").first().getByTestId("scoring-model-up").isDisabled(), true);
  await page.getByTestId("scoring-model-row").nth(1).getByTestId("scoring-model-up").click();
  await page.waitForFunction(() => document.querySelector('[data-testid="scoring-model-row"]')?.dataset.modelId === "2");
  assert.deepEqual((await ipcCalls(page, "set_scoring_model_order")).map((c) => c.args), [{ modelIds: [2, 1] }]);
  assert.equal(await page.getByTestId("scoring-model-row").first().getByTestId("scoring-model-name").innerText(), "Poland leads");
  assert.deepEqual(problems, []);
  await page.close();
});

test("with no model: an empty state with the closed leads against 40/40 and Add model; at ten models Add model is disabled with the reason", async () => {
  const { page, problems } = await openScoring({ scoring: scoringState({ models: [] }) });
  const empty = page.getByTestId("scoring-empty");
  await empty.waitFor();
  const { qualified, disqualified } = closedCounts(LEADS);
  assert.equal(
    await page.getByTestId("scoring-empty-counts").innerText(),
    `This workspace has ${qualified} qualified and ${disqualified} disqualified closed leads from the last 24 months: enough to train, since a model needs at least 40 of each.`,
  );
  await page.getByTestId("scoring-empty-add").click();
  await page.getByTestId("add-model-dialog").waitFor();
  await page.getByTestId("add-model-cancel").click();
  await page.close();

  const ten = Array.from({ length: 10 }, (_, i) => ({ ...POLAND_MODEL, name: `Model ${i + 1}`, filter: [{ attribute: "industry", values: [`Industry ${i}`] }] }));
  const full = await openScoring({ scoring: scoringState({ models: ten }) });
  await full.page.getByTestId("scoring-model-row").nth(9).waitFor();
  const add = full.page.getByTestId("scoring-add");
  assert.equal(await add.getAttribute("aria-disabled"), "true");
  assert.equal(await full.page.getByTestId("scoring-full").innerText(), "A workspace holds at most 10 models. Delete one to add another.");
  assert.deepEqual([...problems, ...full.problems], []);
  await full.page.close();
});
