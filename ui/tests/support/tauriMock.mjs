// Installed with page.addInitScript before the app loads: plays the Tauri 2 side of the IPC.
// @tauri-apps/api v2 calls window.__TAURI_INTERNALS__.invoke(cmd, args, options) for commands
// and for the event plugin ("plugin:event|listen" with a handler id from transformCallback,
// "plugin:event|unlisten"), and window.__TAURI_EVENT_PLUGIN_INTERNALS__.unregisterListener.
// Errors are rejected with the IpcError object itself, as Tauri does for Err(IpcError).
// Commands of whole areas can be added by other init scripts in window.__PA_MOCK_COMMANDS__
// (opportunityMock.mjs); their calls are recorded here like the others.
//
// This function is serialised into the page: it must not use anything from its module scope.
export function installTauriMock(config) {
  const state = JSON.parse(JSON.stringify(config));
  const calls = [];
  const callbacks = new Map();
  const listeners = new Map(); // event name -> [handler id]
  let nextId = 1;
  let cancelRequested = null;

  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const fail = (code, message, details = null) => Promise.reject({ code, message, details });

  function emit(event, payload) {
    for (const id of listeners.get(event) ?? []) {
      const callback = callbacks.get(id);
      if (callback) callback({ event, id, payload });
    }
  }

  function refFor(workspace) {
    return {
      id: workspace.id,
      name: workspace.name,
      path: workspace.path,
      keyMode: workspace.keyMode,
      lastOpened: new Date().toISOString(),
      isCurrent: true,
    };
  }

  function makeCurrent(workspace) {
    state.workspace = workspace;
    const others = state.workspaces.filter((w) => w.id !== workspace.id).map((w) => ({ ...w, isCurrent: false }));
    state.workspaces = [refFor(workspace), ...others];
    return workspace;
  }

  async function runJob(jobId, steps) {
    for (const step of steps) {
      await sleep(step.afterMs ?? 100);
      if (cancelRequested === jobId) return false;
      emit("job-progress", { jobId, stage: step.stage, done: step.done, total: step.total, finished: step.done >= step.total });
    }
    return true;
  }

  const commands = {
    app_info: () => state.appInfo,
    get_settings: () => state.settings,
    set_language: ({ language }) => {
      state.settings = { ...state.settings, language };
      return state.settings;
    },
    async open_startup_workspace() {
      const startup = state.startup;
      if (startup.delayMs) await sleep(startup.delayMs);
      const jobId = "job-startup-1";
      const completed = await runJob(jobId, startup.steps);
      if (completed && startup.waitForCancel) {
        while (cancelRequested !== jobId) await sleep(20);
      }
      if (cancelRequested === jobId) return fail("cancelled", "the job was cancelled");
      if (startup.error) return Promise.reject(startup.error);
      return state.workspace;
    },
    current_workspace: () => state.workspace ?? fail("noWorkspaceOpen", "no workspace is open"),
    list_workspaces: () => state.workspaces,
    async create_workspace({ input }) {
      if (!input.name.trim()) return fail("invalidInput", "name: must not be empty");
      const id = `ws-${nextId++}`;
      const workspace = {
        id,
        name: input.name,
        path: `${state.appInfo.dataDir}/workspaces/${input.name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`,
        keyMode: input.passphrase === null ? "keychain" : "passphrase",
        isDemo: input.withDemoData,
        partner: input.withDemoData ? state.openable[Object.keys(state.openable)[0]].workspace.partner : null,
        snapshots: input.withDemoData ? state.openable[Object.keys(state.openable)[0]].workspace.snapshots : [],
        counts: input.withDemoData
          ? state.openable[Object.keys(state.openable)[0]].workspace.counts
          : { snapshots: 0, customers: 0, subscriptions: 0, usageRows: 0, userActivityRows: 0, leads: 0, crmAccounts: 0 },
        fileSizeBytes: 94208,
      };
      if (input.withDemoData) {
        await runJob(`job-create-${id}`, [
          { stage: "demo.prepare", done: 1, total: 3, afterMs: 50 },
          { stage: "demo.snapshots", done: 2, total: 3, afterMs: 50 },
          { stage: "demo.crm", done: 3, total: 3, afterMs: 50 },
        ]);
      }
      state.openable[workspace.path] = { workspace, passphrase: input.passphrase };
      return makeCurrent(workspace);
    },
    open_workspace({ path, passphrase }) {
      const known = state.openable[path];
      if (!known) return fail("workspaceNotFound", `no workspace at ${path}`, path);
      if (known.passphrase !== null) {
        if (passphrase === null) return fail("passphraseRequired", "this workspace needs its passphrase", path);
        if (passphrase !== known.passphrase) return fail("wrongKey", "the passphrase does not open this workspace", path);
      }
      return makeCurrent(known.workspace);
    },
    credential_status: () => state.credentials,
    set_credential: ({ kind, value }) => {
      if (typeof value !== "string" || !value) return fail("invalidInput", "value: must not be empty");
      state.credentials = state.credentials.map((c) => (c.kind === kind ? { kind, isSet: true } : c));
      return state.credentials;
    },
    delete_credential: ({ kind }) => {
      state.credentials = state.credentials.map((c) => (c.kind === kind ? { kind, isSet: false } : c));
      return state.credentials;
    },
    cancel_job: ({ jobId }) => {
      cancelRequested = jobId;
      return true;
    },
    "plugin:event|listen": ({ event, handler }) => {
      listeners.set(event, [...(listeners.get(event) ?? []), handler]);
      return handler;
    },
    "plugin:event|unlisten": ({ event, eventId }) => {
      listeners.set(event, (listeners.get(event) ?? []).filter((id) => id !== eventId));
      return null;
    },
    "plugin:event|emit": ({ event, payload }) => {
      emit(event, payload);
      return null;
    },
  };

  window.__PA_CALLS__ = calls;
  window.__PA_EMIT__ = emit;
  window.__TAURI_EVENT_PLUGIN_INTERNALS__ = {
    unregisterListener(event, id) {
      callbacks.delete(id);
      listeners.set(event, (listeners.get(event) ?? []).filter((h) => h !== id));
    },
  };
  window.__TAURI_INTERNALS__ = {
    metadata: { currentWindow: { label: "main" }, currentWebview: { windowLabel: "main", label: "main" } },
    plugins: {},
    transformCallback(callback, once = false) {
      const id = nextId++;
      callbacks.set(id, (data) => {
        if (once) callbacks.delete(id);
        return callback?.(data);
      });
      return id;
    },
    unregisterCallback(id) {
      callbacks.delete(id);
    },
    convertFileSrc(path) {
      return path;
    },
    async invoke(cmd, args = {}) {
      if (!cmd.startsWith("plugin:event|")) calls.push({ cmd, args: JSON.parse(JSON.stringify(args ?? {})) });
      const handler = commands[cmd] ?? window.__PA_MOCK_COMMANDS__?.[cmd];
      if (!handler) return Promise.reject(`command ${cmd} not found`);
      return handler(args ?? {});
    },
  };
}
