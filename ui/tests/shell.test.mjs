import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { startHarness } from "./support/harness.mjs";
import { DEMO_WORKSPACE } from "./support/fixtures.mjs";

const PAGES = [
  ["opportunities", "Opportunities"],
  ["leads", "Leads"],
  ["lead-scoring", "Lead scoring"],
  ["propensity", "Propensity reports"],
  ["sync", "Sync"],
  ["data", "Data"],
  ["settings", "Settings"],
];

let harness;
before(async () => {
  harness = await startHarness();
});
after(async () => {
  await harness?.close();
});

test("the navigation lists the seven pages in order and each opens with its heading", async () => {
  const { page, problems } = await harness.open();
  const navOrder = await page.locator('[data-testid^="nav-"]').evaluateAll((items) => items.map((i) => i.dataset.testid));
  assert.deepEqual(navOrder, PAGES.map(([id]) => `nav-${id}`));

  for (const [id, title] of PAGES) {
    await page.getByTestId(`nav-${id}`).click();
    const root = page.getByTestId(`page-${id}`);
    await root.waitFor();
    assert.equal((await root.locator("h1").textContent())?.trim(), title, `heading of ${id}`);
    assert.equal(await page.getByTestId(`nav-${id}`).getAttribute("aria-current"), "page");
    assert.equal(await page.title(), `${title} – Partner Advisor`);
  }
  assert.equal(await page.getByTestId("workspace-name").textContent(), DEMO_WORKSPACE.name);
  assert.deepEqual(problems, []);
  await page.close();
});

test("the navigation works from the keyboard", async () => {
  const { page, problems } = await harness.open();
  await page.getByTestId("nav-opportunities").focus();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  await page.getByTestId("page-lead-scoring").waitFor();
  assert.deepEqual(problems, []);
  await page.close();
});

test("the Propensity reports page opens on Create report", async () => {
  const { page, problems } = await harness.open({}, { hash: "propensity" });
  await page.getByTestId("page-propensity").getByTestId("report-source-m365").waitFor();
  assert.equal(await page.getByTestId("propensity-tab-create").getAttribute("aria-selected"), "true");
  assert.deepEqual(problems, []);
  await page.close();
});

test("the page is kept in the URL hash", async () => {
  const { page } = await harness.open({}, { hash: "settings" });
  await page.getByTestId("page-settings").waitFor();
  await page.close();
});

test("the theme follows the OS colour scheme, live", async () => {
  const { page, problems } = await harness.open({}, { colorScheme: "light" });
  const background = () =>
    page.locator("main").evaluate((main) => getComputedStyle(main.parentElement).backgroundColor);
  const light = await background();
  await page.emulateMedia({ colorScheme: "dark" });
  await page.waitForFunction((before) => getComputedStyle(document.querySelector("main").parentElement).backgroundColor !== before, light);
  const dark = await background();
  const luminance = (rgb) => rgb.match(/\d+/g).slice(0, 3).reduce((sum, v) => sum + Number(v), 0);
  assert.ok(luminance(light) > 600, `light background ${light}`);
  assert.ok(luminance(dark) < 150, `dark background ${dark}`);
  assert.deepEqual(problems, []);
  await page.close();
});
