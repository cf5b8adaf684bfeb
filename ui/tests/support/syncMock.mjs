// Installed with page.addInitScript after tauriMock.mjs: plays the Rust side of sync
// (src-tauri/src/commands/sync.rs, sync_runner.rs). run_sync records a running run, emits
// `data-changed` for `sync`, then the plan's `job-progress` steps; cancel_job stops it
// (`cancelled`); a success records the summary, drops the pushed leads from the queue and emits
// `data-changed` again. A second run while one runs answers `busy`. sync_status counts the queue;
// credentialsSet follows the credentials of tauriMock.mjs. resolve_sync_conflict keeps mine (the
// lead waits again, unless Partner Center's lifecycle refuses the move) or takes theirs (the lead
// leaves the queue). set_sync_settings checks the URLs (https://, or http:// on this machine) and
// the hours (1–168) as crates/engine/src/sync/settings.rs does. window.__PA_SYNC__ gives tests the state
// (`state.released = true` lets a run held at `holdAt` go on).
//
// This function is serialised into the page: it must not use anything from its module scope.
export function installSyncMock(config) {
  const state = JSON.parse(JSON.stringify(config));
  const fail = (code, message) => Promise.reject({ code, message, details: null });
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const emit = (event, payload) => window.__PA_EMIT__?.(event, payload);
  const changed = (area) => emit("data-changed", { area });
  let nextJob = 1;

  const counts = () => ({
    waiting: state.queue.length,
    conflicts: state.queue.filter((q) => q.state === "conflict").length,
    refused: state.queue.filter((q) => q.state === "refused").length,
  });
  const order = () => {
    const rank = { conflict: 0, pending: 1, refused: 1 };
    state.queue.sort((a, b) => rank[a.state] - rank[b.state] || (a.changedAt < b.changedAt ? -1 : 1));
    return state.queue;
  };

  function checkUrl(what, url) {
    const refuse = (why) => fail("invalidInput", `the ${what} ${why}`);
    if (/\s/.test(url)) return refuse("is too long or contains spaces or control characters");
    const match = /^([a-z]+):\/\/([^/?#]*)/i.exec(url);
    if (!match) return refuse("must start with https://");
    const host = match[2].replace(/:\d+$/, "");
    if (!host) return refuse("has no host");
    const scheme = match[1].toLowerCase();
    if (scheme === "https") return null;
    if (scheme === "http" && ["localhost", "127.0.0.1", "[::1]"].includes(host)) return null;
    if (scheme === "http") return refuse("must use https:// (plain http:// only for this machine, for tests)");
    return refuse("must start with https://");
  }

  window.__PA_SYNC__ = { state };
  window.__PA_MOCK_COMMANDS__ = {
    ...(window.__PA_MOCK_COMMANDS__ ?? {}),
    sync_settings: () => state.settings,
    set_sync_settings({ settings }) {
      const next = { ...settings };
      for (const [key, what] of [["loginUrl", "sign-in URL"], ["partnerCenterUrl", "Partner Center URL"], ["graphUrl", "Microsoft Graph URL"]]) {
        next[key] = String(next[key]).trim().replace(/\/+$/, "");
        const refused = checkUrl(what, next[key]);
        if (refused) return refused;
      }
      if (next.everyHours !== null && (next.everyHours < 1 || next.everyHours > 168)) {
        return fail("invalidInput", `sync every ${next.everyHours} hours: choose 1 to 168 hours`);
      }
      state.settings = next;
      return next;
    },
    sync_status: () => ({
      credentialsSet: window.__PA_CREDENTIALS_SET__?.() ?? true,
      runningJob: state.runningJob,
      runs: state.runs.slice(0, 10),
      lastSuccess: state.lastSuccess,
      ...counts(),
    }),
    sync_queue: () => order(),
    async run_sync({ full }) {
      if (state.runningJob) return { summary: null, errorCode: "busy", error: "a sync is already running", refreshNote: null };
      const plan = state.plans.length > 1 ? state.plans.shift() : state.plans[0];
      const jobId = `job-sync-${nextJob++}`;
      const startedAt = new Date().toISOString();
      const run = { startedAt, finishedAt: null, status: "running", summary: null, error: null };
      state.runningJob = jobId;
      state.runs.unshift(run);
      changed("sync");
      const end = (status, fields) => {
        Object.assign(run, { finishedAt: new Date().toISOString(), status, ...fields });
        state.runningJob = null;
        emit("job-progress", { jobId, stage: "done", done: 1, total: 1, finished: true });
        changed("sync");
      };
      const steps = plan.steps ?? [];
      for (let i = 0; i < steps.length; i += 1) {
        await sleep(plan.stepMs ?? 60);
        if (window.__PA_CANCELLED__?.(jobId)) {
          end("cancelled", { error: "cancelled" });
          return { summary: null, errorCode: "cancelled", error: "cancelled", refreshNote: null };
        }
        emit("job-progress", { jobId, ...steps[i], finished: false });
        if (plan.holdAt === i) {
          while (!window.__PA_CANCELLED__?.(jobId) && !state.released) await sleep(20);
          state.released = false;
        }
      }
      await sleep(plan.stepMs ?? 60);
      if (window.__PA_CANCELLED__?.(jobId)) {
        end("cancelled", { error: "cancelled" });
        return { summary: null, errorCode: "cancelled", error: "cancelled", refreshNote: null };
      }
      if (plan.fail) {
        end("failed", { error: plan.fail.message });
        return { summary: null, errorCode: plan.fail.code, error: plan.fail.message, refreshNote: null };
      }
      const summary = { ...plan.summary, startedAt, since: full ? null : plan.summary.since };
      state.queue = state.queue.filter((q) => !(plan.pushedLeads ?? []).includes(q.leadId));
      for (const refused of summary.pushRefused) {
        const item = state.queue.find((q) => q.leadId === refused.leadId);
        if (item) Object.assign(item, { state: "refused", lastError: refused.reason, attempts: item.attempts + 1 });
      }
      state.lastSuccess = startedAt;
      end("completed", { summary });
      changed("leads");
      return { summary, errorCode: null, error: null, refreshNote: plan.refreshNote ?? null };
    },
    resolve_sync_conflict({ leadId, resolution }) {
      const item = state.queue.find((q) => q.leadId === leadId && q.state === "conflict");
      if (!item) return fail("notAllowed", `lead ${leadId} has no conflict`);
      if (resolution === "keepMine") {
        if (!item.canKeepMine) {
          return fail(
            "notAllowed",
            `Partner Center has this lead as ${item.remote.substatus}; it does not allow moving it to ${item.local.substatus}, so your copy cannot replace it`,
          );
        }
        Object.assign(item, { state: "pending", from: item.remote.substatus, remote: null, attempts: 0, lastError: null });
      } else {
        state.queue = state.queue.filter((q) => q !== item);
      }
      changed("leads");
      changed("sync");
      return order();
    },
  };
}
