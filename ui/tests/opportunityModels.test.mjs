// The "Models and thresholds" panel of the Opportunities page: how each model did
// (opportunity_models) and the thresholds (opportunity_settings / set_opportunity_settings).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { ipcCalls, plain, startHarness } from "./support/harness.mjs";
import { DEFAULT_SETTINGS, MODEL_SUMMARIES, opportunityState } from "./support/opportunityFixtures.mjs";
import { LISTED, openOpportunities } from "./support/opportunities.mjs";

let harness;
before(async () => {
  harness = await startHarness();
});
after(async () => {
  await harness?.close();
});

const FIELDS = [
  "high",
  "medium",
  "minProbability",
  "horizonMonths",
  "trendTolerancePoints",
  "smbThreshold",
  "smbMinWorkloads",
  "smbMinAssigned",
  "smbMaxEmployees",
  "trialWindowDays",
];

/** Opens the page and the panel, and waits for the models and the form. */
async function openPanel(overrides = {}) {
  const opened = await openOpportunities(harness, overrides);
  await opened.page.getByTestId("opportunities-models").click();
  const panel = opened.page.getByTestId("models-panel");
  await panel.getByTestId("thresholds-form").waitFor();
  return { ...opened, panel };
}

async function fieldValues(panel) {
  const values = {};
  for (const field of FIELDS) values[field] = await panel.getByTestId(`threshold-${field}`).inputValue();
  return values;
}

async function fill(panel, values) {
  for (const [field, value] of Object.entries(values)) await panel.getByTestId(`threshold-${field}`).fill(value);
}

test("the panel lists the eight models: method, learned or not, validation AUC, training rows, opportunities and the note", async () => {
  const { page, panel, problems } = await openPanel();
  await panel.getByTestId("model-row").nth(7).waitFor();
  const rows = await panel.getByTestId("model-row").evaluateAll((trs) =>
    trs.map((tr) => ({ model: tr.dataset.model, cells: [...tr.cells].map((td) => td.innerText.trim()) })),
  );
  assert.equal(rows.length, 8);
  assert.deepEqual(
    rows.map((r) => r.model),
    MODEL_SUMMARIES.map((m) => m.model),
  );
  const METHOD = { machineLearning: "Machine learning", decisionTree: "Decision tree", businessRule: "Business rule" };
  for (const [i, m] of MODEL_SUMMARIES.entries()) {
    const cells = rows[i].cells.map(plain);
    assert.ok(cells[0].startsWith(m.name), cells[0]);
    assert.ok(cells[0].includes(m.note), `the note of ${m.model} is shown`);
    assert.equal(cells[1], METHOD[m.method]);
    assert.equal(cells[2], m.learned ? "Learned" : m.method === "businessRule" ? "Rule" : "Shipped");
    assert.equal(cells[3], m.validationAucMilli === null ? "–" : (m.validationAucMilli / 1000).toFixed(3));
    assert.equal(cells[4], m.trainingRows.toLocaleString("en-US"));
    assert.equal(cells[5], m.candidates.toLocaleString("en-US"));
  }
  assert.deepEqual(
    (await panel.getByTestId("model-auc").allInnerTexts()).map((s) => s.trim()),
    ["0.812", "0.774", "0.705", "–", "0.688", "0.641", "–", "–"],
  );
  assert.deepEqual((await ipcCalls(page, "opportunity_models")).map((c) => c.args), [{ language: "en" }]);
  // The form shows the stored settings, shares as percentages.
  assert.deepEqual(await fieldValues(panel), {
    high: "60",
    medium: "30",
    minProbability: "15",
    horizonMonths: "6",
    trendTolerancePoints: "5",
    smbThreshold: "50",
    smbMinWorkloads: "3",
    smbMinAssigned: "5",
    smbMaxEmployees: "299",
    trialWindowDays: "30",
  });
  await panel.getByTestId("models-close").click();
  await panel.waitFor({ state: "detached" });
  assert.deepEqual(problems, []);
  await page.close();
});

test("Save and refresh sends the thresholds as fractions with the seed kept, says what the refresh did, and the page reloads", async () => {
  const { page, panel, problems } = await openPanel({ opportunities: opportunityState({ settings: { ...DEFAULT_SETTINGS, seed: 11 } }) });
  const overviewsBefore = (await ipcCalls(page, "opportunities_overview")).length;
  await fill(panel, {
    high: "70",
    medium: "35",
    minProbability: "20",
    horizonMonths: "12",
    trendTolerancePoints: "7.5",
    smbThreshold: "40",
    smbMinWorkloads: "2",
    smbMinAssigned: "10",
    smbMaxEmployees: "250",
    trialWindowDays: "14",
  });
  await panel.getByTestId("thresholds-save").click();
  const saved = panel.getByTestId("thresholds-saved");
  await saved.waitFor();
  const n = LISTED.length;
  assert.equal(plain(await saved.innerText()), `Saved; ${n} opportunities (0 new, ${n} kept, 0 gone).`);
  const calls = await ipcCalls(page, "set_opportunity_settings");
  assert.equal(calls.length, 1);
  assert.deepEqual(calls[0].args, {
    language: "en",
    settings: {
      high: 0.7,
      medium: 0.35,
      minProbability: 0.2,
      horizonMonths: 12,
      trendTolerancePoints: 7.5,
      smbThreshold: 0.4,
      smbMinWorkloads: 2,
      smbMinAssigned: 10,
      smbMaxEmployees: 250,
      trialWindowDays: 14,
      seed: 11,
    },
  });
  assert.deepEqual(await page.evaluate(() => window.__PA_OPPORTUNITIES__.settings), calls[0].args.settings);
  await page.waitForFunction((count) => window.__PA_CALLS__.filter((c) => c.cmd === "opportunities_overview").length > count, overviewsBefore);
  // A comma is a decimal separator too.
  await fill(panel, { trendTolerancePoints: "2,5" });
  await panel.getByTestId("thresholds-save").click();
  await saved.waitFor();
  assert.equal((await ipcCalls(page, "set_opportunity_settings")).at(-1).args.settings.trendTolerancePoints, 2.5);
  assert.deepEqual(problems, []);
  await page.close();
});

test("invalid thresholds are refused in the form, each with its reason, and nothing is sent", async () => {
  const { page, panel, problems } = await openPanel();
  await fill(panel, { high: "50", medium: "60", minProbability: "120", horizonMonths: "0", smbMinWorkloads: "6", trialWindowDays: "abc" });
  await panel.getByTestId("thresholds-save").click();
  await panel.getByTestId("thresholds-invalid").waitFor();
  assert.equal(plain(await panel.getByTestId("thresholds-invalid").innerText()), "5 values need correcting before saving.");
  const text = plain(await panel.getByTestId("thresholds-form").innerText());
  for (const message of [
    "The Medium threshold cannot be above the High threshold.",
    "Enter a percentage from 0 to 100.",
    "Enter a whole number from 1 to 24.",
    "Enter a whole number from 1 to 5.",
    "Enter a whole number from 1 to 365.",
  ]) {
    assert.ok(text.includes(message), `shows "${message}"`);
  }
  assert.equal(await panel.getByTestId("threshold-medium").getAttribute("aria-invalid"), "true");
  assert.notEqual(await panel.getByTestId("threshold-high").getAttribute("aria-invalid"), "true");
  assert.equal((await ipcCalls(page, "set_opportunity_settings")).length, 0);

  // Corrected, it saves.
  await fill(panel, { medium: "40", minProbability: "12", horizonMonths: "3", smbMinWorkloads: "5", trialWindowDays: "21" });
  assert.equal(await panel.getByTestId("thresholds-invalid").count(), 0);
  await panel.getByTestId("thresholds-save").click();
  await panel.getByTestId("thresholds-saved").waitFor();
  const sent = (await ipcCalls(page, "set_opportunity_settings"))[0].args.settings;
  assert.deepEqual([sent.high, sent.medium, sent.minProbability, sent.horizonMonths, sent.smbMinWorkloads, sent.trialWindowDays], [0.5, 0.4, 0.12, 3, 5, 21]);
  assert.deepEqual(problems, []);
  await page.close();
});

test("Reset to defaults fills SPEC's defaults without saving", async () => {
  const stored = { ...DEFAULT_SETTINGS, high: 0.75, medium: 0.45, minProbability: 0.2, horizonMonths: 9, trendTolerancePoints: 2.5, smbThreshold: 0.35, smbMinWorkloads: 4, smbMinAssigned: 8, smbMaxEmployees: 150, trialWindowDays: 10, seed: 3 };
  const { page, panel, problems } = await openPanel({ opportunities: opportunityState({ settings: stored }) });
  assert.equal(await panel.getByTestId("threshold-high").inputValue(), "75");
  assert.equal(await panel.getByTestId("threshold-trendTolerancePoints").inputValue(), "2.5");
  await panel.getByTestId("thresholds-reset").click();
  assert.deepEqual(await fieldValues(panel), {
    high: "60",
    medium: "30",
    minProbability: "15",
    horizonMonths: "6",
    trendTolerancePoints: "5",
    smbThreshold: "50",
    smbMinWorkloads: "3",
    smbMinAssigned: "5",
    smbMaxEmployees: "299",
    trialWindowDays: "30",
  });
  assert.equal((await ipcCalls(page, "set_opportunity_settings")).length, 0);
  assert.deepEqual(await page.evaluate(() => window.__PA_OPPORTUNITIES__.settings), stored);
  // Saved, the defaults go with the seed as loaded.
  await panel.getByTestId("thresholds-save").click();
  await panel.getByTestId("thresholds-saved").waitFor();
  assert.deepEqual((await ipcCalls(page, "set_opportunity_settings"))[0].args.settings, { ...DEFAULT_SETTINGS, seed: 3 });
  assert.deepEqual(problems, []);
  await page.close();
});

test("a refused save shows the backend's error; the mock checks the settings as Rust does", async () => {
  const failures = { set_opportunity_settings: { code: "invalidInput", message: "probability thresholds must satisfy 0 ≤ Medium (0.7) ≤ High (0.6) ≤ 1", details: null } };
  const { page, panel, problems } = await openPanel({ opportunities: opportunityState({ failures }) });
  await panel.getByTestId("thresholds-save").click();
  const error = panel.getByTestId("thresholds-error");
  await error.waitFor();
  assert.equal(await error.locator("[data-error-code]").getAttribute("data-error-code"), "invalidInput");
  const text = plain(await error.innerText());
  assert.ok(text.includes("The thresholds could not be saved."), text);
  assert.ok(text.includes("Some of the information entered is not valid."), text);
  assert.equal(await panel.getByTestId("thresholds-saved").count(), 0);

  const refused = await page.evaluate(async () => {
    const set = window.__PA_MOCK_COMMANDS__.set_opportunity_settings;
    window.__PA_OPPORTUNITIES__.failures = {};
    const base = { ...window.__PA_OPPORTUNITIES__.settings };
    const codes = [];
    for (const change of [{ medium: 0.7, high: 0.6 }, { high: 1.2 }, { minProbability: -0.1 }, { smbThreshold: 1.5 }, { horizonMonths: 0 }, { smbMinWorkloads: 6 }, { smbMinWorkloads: 0 }]) {
      codes.push(await set({ language: "en", settings: { ...base, ...change } }).then(() => "ok", (e) => e.code));
    }
    return codes;
  });
  assert.deepEqual(refused, Array(7).fill("invalidInput"));
  assert.deepEqual(problems, []);
  await page.close();
});
