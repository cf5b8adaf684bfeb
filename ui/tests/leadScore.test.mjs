// A lead's score in the details drawer (SPEC §5): score, grade, trend and the model that gave it;
// the top reasons up and down with their figures as tooltips; every factor with its weight; the
// score over time drawn by the backend; a frozen score once the lead is answered; and the
// customer's industry and company size, whose correction rescores the lead at once (drawer and list).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { ipcCalls, plain, startHarness } from "./support/harness.mjs";
import { leadState } from "./support/leadFixtures.mjs";
import { openLead, settled } from "./support/leads.mjs";
import { DEFAULT_MODEL, SCORING_LEADS, scoringState } from "./support/scoringFixtures.mjs";

let harness;
before(async () => {
  harness = await startHarness();
});
after(async () => {
  await harness?.close();
});

const SCORING = { leads: leadState({ leads: SCORING_LEADS }), scoring: scoringState() };

async function openLeadsPage(overrides = SCORING) {
  const opened = await harness.open(overrides, { hash: "leads" });
  await opened.page.getByTestId("lead-row").first().waitFor();
  await settled(opened.page);
  return opened;
}

/** What the backend says of a lead's score, asked directly of the mock. */
function scoreOf(page, id) {
  return page.evaluate((leadId) => window.__PA_MOCK_COMMANDS__.lead_score_detail({ language: "en", id: leadId, dark: false }), id);
}

test("a scored lead: score, grade, trend, the model, top reasons with tooltips, all factors and the chart", async () => {
  const { page, problems } = await openLeadsPage();
  const drawer = await openLead(page, "lead-cooled-tailspin");
  const section = drawer.getByTestId("lead-score-section");
  await section.waitFor();
  const score = await scoreOf(page, "lead-cooled-tailspin");
  assert.equal(await section.getByTestId("lead-score-value").innerText(), String(score.score));
  assert.equal(await section.getByTestId("grade-badge").getAttribute("data-grade"), score.grade);
  assert.equal(await section.getByTestId("lead-score-trend").innerText(), score.trendLabel);
  assert.match(plain(await section.getByTestId("lead-score-by").innerText()), new RegExp(`^Scored by ${DEFAULT_MODEL.name} v2, Mar 31, 2025`));
  assert.equal(await section.getByTestId("lead-score-frozen").count(), 0, "an open lead's score is live");

  const up = section.getByTestId("lead-score-positive").getByTestId("reason-sentence");
  const down = section.getByTestId("lead-score-negative").getByTestId("reason-sentence");
  assert.deepEqual(await up.allInnerTexts(), score.positive.map((r) => r.sentence));
  assert.deepEqual(await down.allInnerTexts(), score.negative.map((r) => r.sentence));
  assert.ok(score.positive.length > 0 && score.positive.length <= 5 && score.negative.length > 0 && score.negative.length <= 5);

  // Each sentence is focusable and shows the partner's own figures.
  await down.first().focus();
  const tooltip = page.getByRole("tooltip");
  await tooltip.getByText(score.negative[0].tooltip).waitFor();
  assert.match(score.negative[0].tooltip, /% of .* qualified \(global \d+%\)/);
  assert.equal(await down.first().getAttribute("tabindex"), "0");

  // Every factor, with its weight.
  const toggle = section.getByTestId("lead-score-factors-toggle");
  assert.equal(await toggle.innerText(), `All factors (${score.factors.length})`);
  assert.equal(await toggle.getAttribute("aria-expanded"), "false");
  await toggle.click();
  const factors = section.getByTestId("factor");
  assert.equal(await factors.count(), score.factors.length);
  const first = score.factors[0];
  assert.equal(await factors.first().getAttribute("data-direction"), first.contribution >= 0 ? "up" : "down");
  assert.equal(await factors.first().getByTestId("factor-weight").innerText(), `${first.contribution >= 0 ? "+" : "−"}${Math.round(first.weight * 100)}%`);
  assert.match(await factors.first().innerText(), new RegExp(`${first.attributeName}: ${first.value}`));

  // The score over time: the backend's SVG as an image, described in words.
  const chart = section.getByTestId("lead-score-chart");
  const src = await chart.getAttribute("src");
  assert.ok(src.startsWith("data:image/svg+xml"));
  assert.equal(decodeURIComponent(src.slice(src.indexOf(",") + 1)), score.chartSvg);
  assert.match(await chart.getAttribute("alt"), /^Score over time: /);
  await page.waitForFunction(() => document.querySelector('[data-testid="lead-score-chart"]')?.naturalWidth > 0);
  // The chart's times are in the user's zone (the browser's Europe/Warsaw here).
  const offset = await page.evaluate(() => -new Date().getTimezoneOffset());
  assert.ok(offset === 60 || offset === 120, `Warsaw is 60 or 120 minutes ahead of UTC, not ${offset}`);
  assert.deepEqual((await ipcCalls(page, "lead_score_detail")).at(-1).args, { language: "en", id: "lead-cooled-tailspin", dark: false, utcOffsetMinutes: offset });
  assert.deepEqual(problems, []);
  await page.close();
});

test("correcting the industry rescores the lead at once: the new score, its change and reasons in the drawer, and in the list", async () => {
  const { page, problems } = await openLeadsPage();
  const drawer = await openLead(page, "lead-cooled-tailspin");
  const section = drawer.getByTestId("lead-score-section");
  await section.waitFor();
  const before = await scoreOf(page, "lead-cooled-tailspin");
  assert.ok(before.negative.some((r) => r.sentence === "Retail is a weak industry"));

  const customer = drawer.getByTestId("lead-customer");
  assert.equal(await customer.getByTestId("lead-customer-industry").inputValue(), "Retail");
  assert.equal(await customer.getByTestId("lead-customer-save").isDisabled(), true, "nothing to save yet");
  await customer.getByTestId("lead-customer-industry").fill("Financial services");
  await customer.getByTestId("lead-customer-size").click();
  await page.getByTestId("lead-customer-size-251to1000employees").click();
  await customer.getByTestId("lead-customer-save").click();

  const change = section.getByTestId("lead-score-change");
  await change.waitFor();
  const after = await scoreOf(page, "lead-cooled-tailspin");
  assert.notEqual(after.score, before.score);
  assert.equal(await change.innerText(), `${before.score} → ${after.score}`);
  assert.equal(await section.getByTestId("lead-score-value").innerText(), String(after.score));
  assert.equal(await section.getByTestId("lead-score-trend").innerText(), after.trendLabel);
  const up = await section.getByTestId("lead-score-positive").getByTestId("reason-sentence").allInnerTexts();
  assert.ok(up.includes("Financial services is a strong industry"), up.join(" | "));
  assert.ok(!(await section.getByTestId("lead-score-negative").innerText()).includes("Retail"));
  assert.deepEqual((await ipcCalls(page, "edit_lead_customer")).map((c) => c.args), [
    { id: "lead-cooled-tailspin", form: { industry: "Financial services", companySize: "251to1000employees" } },
  ]);

  // The facts and the history follow; the list row shows the new score without a reload.
  assert.equal(plain(await drawer.getByTestId("lead-fact-industry").innerText()), "Industry\nFinancial services");
  assert.equal(plain(await drawer.getByTestId("lead-fact-size").innerText()), "Company size\n251–1,000 employees");
  const entry = drawer.getByTestId("history-entry").last();
  assert.match(plain(await entry.innerText()), /Customer details corrected\s+You\s+Industry\s+Financial services\s+Company size\s+251–1,000 employees/);
  const badge = page.locator('[data-testid="lead-row"][data-id="lead-cooled-tailspin"] [data-testid="lead-score"]');
  await page.waitForFunction((score) => document.querySelector('[data-testid="lead-row"][data-id="lead-cooled-tailspin"] [data-testid="lead-score"]')?.dataset.score === String(score), after.score);
  assert.equal(await badge.getAttribute("data-grade"), after.grade);
  assert.equal(await page.evaluate(() => performance.getEntriesByType("navigation").length), 1, "no page reload");
  assert.deepEqual(problems, []);
  await page.close();
});

test("a score frozen when the lead was answered says so; an archived lead offers no customer details to edit", async () => {
  const { page, problems } = await openLeadsPage();
  // Accept the lead as the lifecycle would: its score stays the one it had.
  await page.evaluate(() => {
    const lead = window.__PA_LEADS__.leads.find((l) => l.id === "lead-hot-fabrikam");
    lead.substatus = "Accepted";
  });
  const drawer = await openLead(page, "lead-hot-fabrikam");
  await drawer.getByTestId("lead-score-frozen").getByText("This score was frozen when the lead was answered: it no longer follows changes to the lead.").waitFor();
  assert.equal(await drawer.getByTestId("lead-customer").count(), 1, "an accepted lead may still be corrected");
  await drawer.getByTestId("lead-drawer-close").click();
  await drawer.waitFor({ state: "hidden" });

  const won = await openLead(page, "lead-won-fourth-coffee");
  await won.getByTestId("lead-archived").waitFor();
  assert.equal(await won.getByTestId("lead-customer").count(), 0);
  assert.equal(await won.getByTestId("lead-score-section").count(), 0, "never scored");
  assert.deepEqual(problems, []);
  await page.close();
});

test("an open lead no published model takes says it is not scored; a refused correction is shown in place", async () => {
  const { page, problems } = await openLeadsPage({
    ...SCORING,
    scoring: scoringState({ models: [{ ...DEFAULT_MODEL, filter: [{ attribute: "country", values: ["ES"] }] }] }),
  });
  const drawer = await openLead(page, "lead-cooled-tailspin");
  await drawer.getByTestId("lead-score-missing").getByText("Not scored: no published lead scoring model takes this lead.").waitFor();

  await drawer.getByTestId("lead-customer-industry").fill("x".repeat(101));
  await drawer.getByTestId("lead-customer-save").click();
  await drawer.getByText("At most 100 characters.").waitFor();
  assert.equal((await ipcCalls(page, "edit_lead_customer")).length, 0, "checked before it is sent");

  await page.evaluate(() => {
    window.__PA_SCORING__.state.failures.edit_lead_customer = { code: "notAllowed", message: "this lead is archived (Expired) and can no longer be changed", details: null };
  });
  await drawer.getByTestId("lead-customer-industry").fill("Education");
  await drawer.getByTestId("lead-customer-save").click();
  const error = drawer.getByTestId("lead-customer").locator('[data-error-code="notAllowed"]');
  await error.waitFor();
  assert.match(plain(await error.innerText()), /The customer details could not be saved\s*This change is not allowed in the record's current state\.\s*Technical details: this lead is archived \(Expired\)/);
  assert.deepEqual(problems, []);
  await page.close();
});
