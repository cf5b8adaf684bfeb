// End-to-end tests of the real Partner Advisor window: the app binary under Xvfb, driven through
// tauri-driver and WebKitWebDriver. Usage: node tests/e2e/run.mjs path/to/partner-advisor-app
// Needs a D-Bus session with an unlocked Secret Service keychain (scripts/test.sh provides one).
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, statSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import net from 'node:net';
import { remote } from 'webdriverio';

const appBinary = resolve(process.argv[2] ?? 'target/debug/partner-advisor-app');
const shotsDir = resolve('target/e2e');
mkdirSync(shotsDir, { recursive: true });
const dataDir = mkdtempSync(join(tmpdir(), 'partner-advisor-e2e-'));
const SECRET = `e2e-secret-${Math.random().toString(36).slice(2)}-Q~planted`;
const children = [];
const results = [];

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
function start(cmd, args, env) {
  const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit'], detached: true });
  children.push(child);
  return child;
}
async function waitForPort(port, ms) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const ok = await new Promise((res) => {
      const s = net.connect(port, '127.0.0.1', () => { s.end(); res(true); });
      s.on('error', () => res(false));
    });
    if (ok) return;
    await sleep(100);
  }
  throw new Error(`port ${port} did not open`);
}
async function test(name, fn) {
  const started = Date.now();
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`ok - ${name} (${Date.now() - started} ms)`);
  } catch (e) {
    results.push({ name, ok: false });
    console.log(`not ok - ${name}\n  ${String(e?.stack ?? e).split('\n').slice(0, 4).join('\n  ')}`);
  }
}
function assert(cond, message) { if (!cond) throw new Error(message); }

function pssOfAppProcesses() {
  // The app and the WebKit processes it spawned: sum of proportional set sizes (kB).
  let total = 0; const names = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      const exe = cmd.split('\0')[0].split('/').pop();
      if (!['partner-advisor-app', 'WebKitWebProcess', 'WebKitNetworkProcess', 'WebKitGPUProcess'].includes(exe)) continue;
      const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
      const pss = Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
      total += pss; names.push(exe);
    } catch { /* the process ended meanwhile */ }
  }
  return { totalKb: total, processes: names };
}

// The header's workspace name, read from the DOM (WebDriver's visible-text rules vary by driver).
async function workspaceName(browser) {
  return browser.execute(() => document.querySelector('[data-testid="workspace-name"]')?.textContent ?? '');
}

async function session() {
  return remote({
    hostname: '127.0.0.1', port: 4444, logLevel: 'error', connectionRetryTimeout: 120000,
    capabilities: { 'tauri:options': { application: appBinary }, 'wdio:enforceWebDriverClassic': true },
  });
}

async function main() {
  assert(existsSync(appBinary), `no app binary at ${appBinary}`);
  const env = { PARTNER_ADVISOR_DATA_DIR: dataDir, PARTNER_ADVISOR_DEMO_CUSTOMERS: '600', LANG: 'en_US.UTF-8', LC_ALL: 'en_US.UTF-8' };
  if (!process.env.DISPLAY || process.env.E2E_OWN_XVFB !== '0') {
    start('Xvfb', [':99', '-screen', '0', '1280x800x24', '-nolisten', 'tcp']);
    env.DISPLAY = ':99';
    await sleep(500);
  }
  start('tauri-driver', [], env);
  await waitForPort(4444, 20000);

  // First start: the demo workspace is generated and opened.
  let browser = await session();
  await test('the demo workspace opens on the first start', async () => {
    await browser.waitUntil(async () => (await workspaceName(browser)).includes('Northwind'), { timeout: 120000, interval: 100 });
  });
  const pages = ['opportunities', 'leads', 'lead-scoring', 'propensity', 'data', 'settings'];
  await test('each navigation item opens its page', async () => {
    for (const page of pages) {
      await (await browser.$(`[data-testid="nav-${page}"]`)).click();
      const root = await browser.$(`[data-testid="page-${page}"]`);
      await root.waitForDisplayed({ timeout: 5000 });
      const h1 = await root.$('h1');
      assert((await h1.getText()).trim().length > 0, `page ${page} has a heading`);
    }
  });
  await test('the Data page lists the 24 snapshots of the demo', async () => {
    await (await browser.$('[data-testid="nav-data"]')).click();
    const table = await browser.$('[data-testid="snapshots-table"]');
    await table.waitForDisplayed({ timeout: 5000 });
    const rows = await table.$$('tbody tr');
    assert(rows.length === 24, `24 snapshot rows, got ${rows.length}`);
    await sleep(300);
    await browser.saveScreenshot(join(shotsDir, 'data-page.png'));
  });
  await test('a credential is stored in the keychain and shown as set, never shown back', async () => {
    await (await browser.$('[data-testid="nav-settings"]')).click();
    const input = await browser.$('[data-testid="credential-input-entraClientSecret"]');
    await input.waitForDisplayed({ timeout: 5000 });
    await input.setValue(SECRET);
    await (await browser.$('[data-testid="credential-save-entraClientSecret"]')).click();
    const badge = await browser.$('[data-testid="credential-status-entraClientSecret"]');
    await browser.waitUntil(async () => (await badge.getAttribute('data-state')) === 'set', { timeout: 5000 });
    const html = await browser.getPageSource();
    assert(!html.includes(SECRET), 'the secret is not in the page');
  });
  await test('switching the language to Polish changes the UI', async () => {
    await (await browser.$('[data-testid="language-select"]')).click();
    await (await browser.$('[data-testid="language-option-pl"]')).click();
    const nav = await browser.$('[data-testid="nav-settings"]');
    await browser.waitUntil(async () => (await nav.getText()).includes('Ustawienia'), { timeout: 5000 });
    const leads = await (await browser.$('[data-testid="nav-opportunities"]')).getText();
    assert(leads.includes('Szanse'), `Polish navigation, got "${leads}"`);
    await sleep(300);
    await browser.saveScreenshot(join(shotsDir, 'settings-polish.png'));
    await (await browser.$('[data-testid="language-select"]')).click();
    await (await browser.$('[data-testid="language-option-system"]')).click();
  });
  await sleep(3000);
  const idle = pssOfAppProcesses();
  await browser.deleteSession();
  await sleep(1000);

  // Second start: the existing workspace opens; time to the first paint of its data.
  const t0 = Date.now();
  browser = await session();
  let coldStartMs = NaN;
  await test('the app reopens the last workspace on the next start', async () => {
    await browser.waitUntil(async () => (await workspaceName(browser)).includes('Northwind'), { timeout: 30000, interval: 20 });
    coldStartMs = Date.now() - t0;
    await sleep(300);
    await browser.saveScreenshot(join(shotsDir, 'opportunities-page.png'));
  });
  await test("a demo customer's flyout explains the opportunity and shows its usage chart", async () => {
    await (await browser.$('[data-testid="nav-opportunities"]')).click();
    const row = await browser.$('[data-testid="opportunity-row"]');
    await row.waitForExist({ timeout: 30000 });
    // WebKitWebDriver cannot click a table row itself; click its first cell, as a user would.
    await (await row.$('td')).click();
    const insights = await browser.$('[data-testid="flyout-insight-list"]');
    await insights.waitForExist({ timeout: 15000 });
    const text = await insights.getText();
    assert(/\d/.test(text), `insights carry the customer's numbers: ${text}`);
    await sleep(600); // the drawer's opening animation and the frame after the DOM change
    await browser.saveScreenshot(join(shotsDir, 'opportunity-flyout-insights.png'));
    await (await browser.$('[data-testid="flyout-tab-usage"]')).click();
    const chart = await browser.$('[data-testid="usage-chart"]');
    await chart.waitForExist({ timeout: 15000 });
    const src = await chart.getAttribute('src');
    assert(src.startsWith('data:image/svg+xml') && decodeURIComponent(src).includes('<svg'), 'the chart is an SVG from the engine');
    await browser.waitUntil(async () => (await browser.execute((el) => el.complete && el.naturalWidth > 0, chart)), { timeout: 10000, interval: 100 });
    const rows = await browser.$$('[data-testid="usage-row"]');
    assert(rows.length >= 1, 'the usage table has workloads');
    await sleep(400);
    await browser.saveScreenshot(join(shotsDir, 'opportunity-flyout-usage.png'));
  });
  await browser.deleteSession();
  await sleep(500);

  await test('the planted secret is in no file of the data folder (database, logs, settings)', async () => {
    const files = [];
    const walk = (dir) => { for (const f of readdirSync(dir)) { const p = join(dir, f); statSync(p).isDirectory() ? walk(p) : files.push(p); } };
    walk(dataDir);
    assert(files.some((f) => f.endsWith('workspace.db')), 'the workspace database exists');
    assert(files.some((f) => f.endsWith('partner-advisor.log')), 'the log exists');
    for (const f of files) {
      const bytes = readFileSync(f);
      assert(!bytes.includes(Buffer.from(SECRET)), `secret found in ${f}`);
      if (f.endsWith('workspace.db')) assert(!bytes.includes(Buffer.from('SQLite format 3')), 'the database is encrypted');
    }
  });

  console.log(`figure: cold start to first paint of the demo workspace: ${coldStartMs} ms (WebDriver session start included)`);
  console.log(`figure: idle memory of the app's processes: ${(idle.totalKb / 1024).toFixed(1)} MB PSS (${idle.processes.join(', ')})`);
}

try {
  await main();
} catch (e) {
  results.push({ name: 'harness', ok: false });
  console.log(`not ok - harness\n  ${e?.stack ?? e}`);
} finally {
  for (const c of children.reverse()) { try { process.kill(-c.pid, 'SIGTERM'); } catch { /* gone */ } }
  rmSync(dataDir, { recursive: true, force: true });
}
const failed = results.filter((r) => !r.ok).length;
console.log(`e2e: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
