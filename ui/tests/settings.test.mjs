import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { ipcCalls, startHarness } from "./support/harness.mjs";

const ENGLISH_NAV = ["Opportunities", "Leads", "Lead scoring", "Propensity reports", "Sync", "Data", "Settings"];
const POLISH_NAV = ["Szanse sprzedaży", "Potencjalni klienci", "Ocena potencjalnych klientów", "Raporty skłonności zakupowej", "Synchronizacja", "Dane", "Ustawienia"];

let harness;
before(async () => {
  harness = await startHarness();
});
after(async () => {
  await harness?.close();
});

// The label alone: Sync also shows its conflicts badge.
const navLabels = (page) =>
  page.locator('[data-testid^="nav-"]').evaluateAll((items) =>
    items.map((item) => {
      const badge = item.querySelector('[data-testid="sync-conflicts-badge"]');
      return (badge ? item.innerText.replace(badge.innerText, "") : item.innerText).trim();
    }),
  );

test("choosing Polski switches the whole UI at once and saves it with setLanguage", async () => {
  const { page, problems } = await harness.open({}, { hash: "settings" });
  assert.deepEqual(await navLabels(page), ENGLISH_NAV);

  await page.getByTestId("language-select").click();
  // Each language is named in its own language.
  for (const [code, name] of [["en", "English"], ["es", "Español"], ["fr", "Français"], ["pl", "Polski"]]) {
    assert.equal((await page.getByTestId(`language-option-${code}`).innerText()).trim(), name);
  }
  assert.equal((await page.getByTestId("language-option-system").innerText()).trim(), "Follow the system (English)");
  await page.getByTestId("language-option-pl").click();

  await page.getByTestId("page-settings").locator("h1").getByText("Ustawienia").waitFor();
  const labels = await navLabels(page);
  assert.deepEqual(labels, POLISH_NAV);
  for (const english of ENGLISH_NAV) assert.ok(!labels.includes(english), `no English nav label "${english}" remains`);
  assert.equal(await page.evaluate(() => document.documentElement.lang), "pl");
  assert.deepEqual((await ipcCalls(page, "set_language")).map((c) => c.args), [{ language: "pl" }]);

  for (const [id, title] of [["opportunities", "Szanse sprzedaży"], ["data", "Dane"], ["lead-scoring", "Ocena potencjalnych klientów"]]) {
    await page.getByTestId(`nav-${id}`).click();
    assert.equal((await page.getByTestId(`page-${id}`).locator("h1").innerText()).trim(), title);
  }
  // Polish plural forms: 320 → "szans sprzedaży" (many); 3000 without a group separator.
  await page.getByTestId("nav-opportunities").click();
  const opportunities = page.getByTestId("page-opportunities");
  await opportunities.getByTestId("opportunity-count").getByText("320 szans sprzedaży").waitFor();
  assert.match(await opportunities.getByTestId("overview-customers").innerText(), /Dzierżawy klientów łącznie\s+3000/);

  await page.getByTestId("nav-settings").click();
  await page.getByTestId("language-select").click();
  await page.getByTestId("language-option-system").click();
  await page.getByTestId("page-settings").locator("h1").getByText("Settings").waitFor();
  assert.deepEqual((await ipcCalls(page, "set_language")).map((c) => c.args), [{ language: "pl" }, { language: null }]);
  assert.deepEqual(problems, []);
  await page.close();
});

test("the OS locale chooses the language when no language is saved", async () => {
  const { page, problems } = await harness.open(
    { appInfo: { version: "0.1.0", osLocale: "es_MX.UTF-8", dataDir: "/home/ana/.local/share/partner-advisor" } },
    { hash: "settings" },
  );
  assert.equal((await page.getByTestId("page-settings").locator("h1").innerText()).trim(), "Configuración");
  assert.equal(await page.getByTestId("language-select").innerText(), "Usar el del sistema (Español)");
  assert.deepEqual(problems, []);
  await page.close();
});

test("credentials: Set/Not set from credentialStatus, Save clears the field, the value never reaches the DOM", async () => {
  const { page, problems } = await harness.open({}, { hash: "settings" });
  const status = (kind) => page.getByTestId(`credential-status-${kind}`);
  await status("entraTenantId").waitFor();
  assert.equal((await status("entraTenantId").innerText()).trim(), "Set");
  assert.equal((await status("entraClientSecret").innerText()).trim(), "Not set");
  for (const kind of ["entraTenantId", "entraClientId", "entraClientSecret"]) {
    const input = page.getByTestId(`credential-input-${kind}`);
    assert.equal(await input.getAttribute("type"), "password");
    assert.equal(await input.inputValue(), "", `${kind} is never prefilled`);
  }
  assert.match(await page.getByTestId("credentials").innerText(), /Windows Credential Manager, macOS Keychain, Secret Service on Linux/);

  const secret = "Zq8~kT3.vX-s3cr3t-value-41";
  const input = page.getByTestId("credential-input-entraClientSecret");
  await input.fill(secret);
  assert.ok(!(await page.content()).includes(secret), "typed secret is not an attribute in the DOM");
  await page.getByTestId("credential-save-entraClientSecret").click();

  await page.getByTestId("credentials-status").getByText("Client secret saved.").waitFor();
  assert.equal((await status("entraClientSecret").innerText()).trim(), "Set");
  assert.equal(await input.inputValue(), "");
  assert.deepEqual((await ipcCalls(page, "set_credential")).map((c) => c.args), [{ kind: "entraClientSecret", value: secret }]);
  const everything = await page.evaluate(() => document.documentElement.outerHTML + document.body.innerText);
  assert.ok(!everything.includes(secret), "the secret never appears in the DOM");

  await page.getByTestId("credential-remove-entraTenantId").click();
  await page.getByTestId("credentials-status").getByText("Microsoft Entra tenant ID removed.").waitFor();
  assert.equal((await status("entraTenantId").innerText()).trim(), "Not set");
  assert.deepEqual((await ipcCalls(page, "delete_credential")).map((c) => c.args), [{ kind: "entraTenantId" }]);
  assert.deepEqual(problems, []);
  await page.close();
});

test("credentials are checked before they are saved", async () => {
  const { page, problems } = await harness.open({}, { hash: "settings" });
  await page.getByTestId("credential-input-entraClientId").fill("not-a-guid");
  await page.getByTestId("credential-save-entraClientId").click();
  await page.getByTestId("credential-entraClientId").getByText("Enter an ID in the form", { exact: false }).waitFor();
  assert.equal((await ipcCalls(page, "set_credential")).length, 0);

  await page.getByTestId("credential-input-entraClientId").fill("3f2504e0-4f89-41d3-9a0c-0305e82c3301");
  await page.getByTestId("credential-input-entraClientId").press("Enter");
  await page.getByTestId("credentials-status").getByText("Application (client) ID saved.").waitFor();
  assert.deepEqual((await ipcCalls(page, "set_credential")).map((c) => c.args), [
    { kind: "entraClientId", value: "3f2504e0-4f89-41d3-9a0c-0305e82c3301" },
  ]);
  assert.deepEqual(problems, []);
  await page.close();
});
