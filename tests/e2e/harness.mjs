// What the end-to-end runs share: the child processes (Xvfb, tauri-driver, the app through it),
// the WebDriver session, the test lines, and the app's memory. Used by run.mjs and perf.mjs.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { remote } from 'webdriverio';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The processes started here, ended (each its own process group) by stopChildren(). */
export const children = [];
/** One entry per test(): its name and whether it passed. */
export const results = [];

export function start(cmd, args, env) {
  const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit'], detached: true });
  children.push(child);
  return child;
}

export function stopChildren() {
  for (const c of children.reverse()) { try { process.kill(-c.pid, 'SIGTERM'); } catch { /* gone */ } }
  children.length = 0;
}

export async function waitForPort(port, ms) {
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

/** A TCP port free on the loopback now (for a run beside another one). */
export function freePort() {
  return new Promise((res, rej) => {
    const server = net.createServer();
    server.on('error', rej);
    server.listen(0, '127.0.0.1', () => { const { port } = server.address(); server.close(() => res(port)); });
  });
}

/**
 * Xvfb on its own display (Xvfb picks a free one and tells it on a pipe), for a run that must not
 * meet another one's display. Resolves to the display's name, e.g. ":3".
 */
export async function startOwnXvfb() {
  const child = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x800x24', '-nolisten', 'tcp'],
    { stdio: ['ignore', 'ignore', 'inherit', 'pipe'], detached: true });
  children.push(child);
  const display = await new Promise((res, rej) => {
    let out = '';
    child.stdio[3].on('data', (d) => { out += d; if (out.includes('\n')) res(`:${out.trim()}`); });
    child.on('exit', (code) => rej(new Error(`Xvfb ended (${code})`)));
    setTimeout(() => rej(new Error('Xvfb did not start')), 20000);
  });
  child.stdio[3].destroy();
  return display;
}

export async function test(name, fn) {
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

export function assert(cond, message) { if (!cond) throw new Error(message); }

const APP_PROCESSES = ['partner-advisor-app', 'WebKitWebProcess', 'WebKitNetworkProcess', 'WebKitGPUProcess'];

function parentOf(pid) {
  // /proc/PID/stat: "pid (comm) state ppid ..."; comm may hold spaces and parentheses.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}

function descendsFrom(pid, root) {
  for (let p = Number(pid), hops = 0; p > 1 && hops < 64; hops += 1) {
    if (p === root) return true;
    try { p = parentOf(p); } catch { return false; }
  }
  return false;
}

/**
 * The app and the WebKit processes it spawned: sum of proportional set sizes (kB). With `root`
 * (a pid, e.g. tauri-driver's), only the processes under it count: another app running on the
 * machine does not.
 */
export function pssOfAppProcesses(root) {
  let total = 0; const names = []; const each = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      const exe = cmd.split('\0')[0].split('/').pop();
      if (!APP_PROCESSES.includes(exe)) continue;
      if (root !== undefined && !descendsFrom(pid, root)) continue;
      const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
      const pss = Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
      total += pss; names.push(exe); each.push({ pid: Number(pid), name: exe, pssKb: pss });
    } catch { /* the process ended meanwhile */ }
  }
  return { totalKb: total, processes: names, each };
}

// The header's workspace name, read from the DOM (WebDriver's visible-text rules vary by driver).
export async function workspaceName(browser) {
  return browser.execute(() => document.querySelector('[data-testid="workspace-name"]')?.textContent ?? '');
}

/** A WebDriver session through tauri-driver on `port`: it starts the app. */
export async function session(appBinary, port = 4444) {
  return remote({
    hostname: '127.0.0.1', port, logLevel: 'error', connectionRetryTimeout: 120000,
    capabilities: { 'tauri:options': { application: appBinary }, 'wdio:enforceWebDriverClassic': true },
  });
}
