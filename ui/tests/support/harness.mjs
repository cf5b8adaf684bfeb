// One headless Chromium (Debian's) per test file, a static server for dist/, and pages with
// the Tauri IPC mocked.
import { mkdtemp, mkdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { startServer } from "./server.mjs";
import { installTauriMock } from "./tauriMock.mjs";
import { installOpportunityMock } from "./opportunityMock.mjs";
import { installLeadMock } from "./leadMock.mjs";
import { installScoringMock } from "./scoringMock.mjs";
import { installPropensityMock } from "./propensityMock.mjs";
import { installCrmMock } from "./crmMock.mjs";
import { installDownloadsMock } from "./downloadsMock.mjs";
import { installSyncMock } from "./syncMock.mjs";
import { mockConfig } from "./fixtures.mjs";

export const RESULTS = fileURLToPath(new URL("../../test-results/", import.meta.url));

const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export async function startHarness() {
  const server = await startServer();
  const userDataDir = await mkdtemp(join(tmpdir(), "pa-ui-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    headless: true,
    args: FLAGS,
    viewport: { width: 1280, height: 800 },
    locale: "en-US",
    timezoneId: "Europe/Warsaw",
  });
  context.setDefaultTimeout(10_000);
  await mkdir(RESULTS, { recursive: true });

  /**
   * A new page with the mock installed and the app loaded.
   * `problems` collects page errors, console errors and CSP violations; tests assert it stays empty.
   */
  async function open(overrides = {}, { hash = "", colorScheme = "light", waitForApp = true } = {}) {
    const page = await context.newPage();
    const problems = [];
    page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) {
        problems.push(`console: ${message.text()}`);
      }
    });
    page.on("response", (response) => {
      if (response.status() >= 400) problems.push(`http ${response.status()}: ${response.url()}`);
    });
    page.on("requestfailed", (request) => problems.push(`request failed: ${request.url()}`));
    await page.emulateMedia({ colorScheme });
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (event) => {
        console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
      });
      // tauri.conf.json sets "freezePrototype": true; the UI must run with it.
      Object.freeze(Object.prototype);
    });
    const config = mockConfig(overrides);
    await page.addInitScript(installTauriMock, config);
    await page.addInitScript(installOpportunityMock, config.opportunities);
    await page.addInitScript(installLeadMock, config.leads);
    await page.addInitScript(installScoringMock, config.scoring);
    await page.addInitScript(installPropensityMock, config.propensity);
    await page.addInitScript(installCrmMock, config.crm);
    await page.addInitScript(installDownloadsMock, config.downloads);
    await page.addInitScript(installSyncMock, config.sync);
    await page.goto(server.url + (hash ? `#/${hash}` : ""));
    if (waitForApp) await page.getByTestId("workspace-name").waitFor();
    return { page, problems };
  }

  async function close() {
    await context.close();
    await server.close();
    await rm(userDataDir, { recursive: true, force: true });
  }

  return { open, close, context };
}

/** The IPC calls the app made, in order (event plumbing excluded). */
export function ipcCalls(page, cmd) {
  return page.evaluate((name) => window.__PA_CALLS__.filter((c) => !name || c.cmd === name), cmd);
}

/** Text with the locale's special spaces (no-break, narrow no-break) made plain. */
export function plain(text) {
  return text.replace(/[\u00a0\u202f]/g, " ").trim();
}
