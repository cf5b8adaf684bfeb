// Installed with page.addInitScript before the app loads: plays the Tauri 2 side of the IPC.
// @tauri-apps/api v2 calls window.__TAURI_INTERNALS__.invoke(cmd, args, options) for commands
// and for the event plugin ("plugin:event|listen" with a handler id from transformCallback,
// "plugin:event|unlisten"), and window.__TAURI_EVENT_PLUGIN_INTERNALS__.unregisterListener.
// Errors are rejected with the IpcError object itself, as Tauri does for Err(IpcError).
// Commands of whole areas can be added by other init scripts in window.__PA_MOCK_COMMANDS__
// (opportunityMock.mjs, leadMock.mjs); their calls are recorded here like the others. import_files plays the
// files of importFixtures.mjs and refreshes the opportunities through opportunityMock.mjs.
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
    // Plays src-tauri/src/commands/import.rs over crates/engine/src/import: the picker (when no
    // paths are given; null when closed), the "as of" check, the files read one by one
    // (import.read), the checks over the whole import, then all or nothing: a new snapshot
    // (import.write), the opportunities refreshed, data-changed for both areas.
    async import_files({ paths, tenant, asOf }) {
      const imports = state.imports;
      let files = paths;
      if (files === null) {
        await sleep(imports.pickDelayMs);
        const pick = imports.picks.length > 1 ? imports.picks.shift() : imports.picks[0];
        if (pick === null) return null;
        files = pick;
      }
      const wantedAsOf = asOf?.trim() || null;
      if (wantedAsOf !== null) {
        const valid =
          /^\d{4}-\d{2}-\d{2}$/.test(wantedAsOf) && new Date(`${wantedAsOf}T00:00:00Z`).toISOString().slice(0, 10) === wantedAsOf;
        if (!valid) return fail("invalidInput", `'${wantedAsOf}' is not a date (YYYY-MM-DD)`);
      }
      const jobId = `job-import-${nextId++}`;
      const step = async (stage, done, total) => {
        await sleep(imports.stepMs);
        if (cancelRequested === jobId) return false;
        emit("job-progress", { jobId, stage, done, total, finished: false });
        return true;
      };
      const finish = () => emit("job-progress", { jobId, stage: "done", done: 1, total: 1, finished: true });
      const cancelled = () => {
        finish();
        return fail("cancelled", "the job was cancelled");
      };

      // Read each file.
      const reports = [];
      for (let i = 0; i < files.length; i += 1) {
        if (!(await step("import.read", i, files.length))) return cancelled();
        const spec = imports.files[files[i]];
        reports.push(
          spec
            ? { file: files[i], ...JSON.parse(JSON.stringify(spec)) }
            : {
                file: files[i],
                kind: "unknown format",
                usageReport: false,
                rowsRead: 0,
                rowsAccepted: 0,
                concealed: false,
                problems: [{ error: true, line: null, column: null, reason: "cannot read the file: No such file or directory (os error 2)" }],
                notes: [],
                usageRows: 0,
                userActivityRows: 0,
                opportunities: 0,
              },
        );
      }
      if (!(await step("import.read", files.length, files.length))) return cancelled();

      // Checks over the whole import: which customer the usage reports belong to.
      const errors = [];
      const notes = [];
      const usage = reports.filter((r) => r.usageReport);
      const wanted = tenant?.trim() || null;
      const customer = wanted
        ? imports.customers.find((c) => c.tenantId.toLowerCase() === wanted.toLowerCase() || c.domain.toLowerCase() === wanted.toLowerCase())
        : null;
      if (usage.length > 0 && !customer) {
        const reason = wanted
          ? `tenant ${wanted} is not a customer of this workspace (give a customer's tenant ID or primary domain)`
          : "usage reports do not name their tenant: say which customer they belong to (its tenant ID or primary domain)";
        for (const report of usage) report.problems.push({ error: true, line: null, column: null, reason });
      }
      const fatal = reports.some((r) => r.problems.some((p) => p.error));
      const sum = (field) => reports.reduce((n, r) => n + r[field], 0);
      // Lead files go to the inbox, not into a snapshot (crates/engine/src/leads/import.rs).
      const leadFiles = reports.filter((r) => r.leads);
      if (!fatal && leadFiles.length > 0 && leadFiles.length === reports.length) {
        for (let done = 0; done <= 2; done += 1) {
          if (!(await step("import.write", done, 2))) return cancelled();
        }
        const total = (field) => leadFiles.reduce((n, r) => n + r.leads[field], 0);
        finish();
        emit("data-changed", { area: "leads" });
        return {
          imported: true,
          asOf: null,
          tenantId: null,
          usageRows: 0,
          userActivityRows: 0,
          opportunities: 0,
          errors: [],
          notes,
          files: reports.map((r) => ({
            file: r.file,
            kind: r.kind,
            rowsRead: r.rowsRead,
            rowsAccepted: r.rowsAccepted,
            concealed: false,
            problems: r.problems.map((p) => ({ error: p.error, line: p.line ?? null, column: p.column ?? null, reason: p.reason })),
            notes: r.notes,
          })),
          refresh: null,
          leads: {
            added: total("added"),
            updated: total("updated"),
            unchanged: total("unchanged"),
            skippedOlder: total("skippedOlder"),
            expiredNow: total("expiredNow"),
          },
        };
      }
      if (!fatal && usage.length === 0 && sum("opportunities") === 0) {
        errors.push("nothing to import: no usage report the importer uses and no opportunity row");
      }
      const fileReports = reports.map((r) => ({
        file: r.file,
        kind: r.kind,
        rowsRead: r.rowsRead,
        rowsAccepted: r.rowsAccepted,
        concealed: r.concealed,
        problems: r.problems.map((p) => ({ error: p.error, line: p.line ?? null, column: p.column ?? null, reason: p.reason })),
        notes: r.notes,
      }));
      if (fatal || errors.length > 0) {
        finish();
        return {
          imported: false,
          asOf: null,
          tenantId: null,
          usageRows: 0,
          userActivityRows: 0,
          opportunities: 0,
          errors,
          notes,
          files: fileReports,
          refresh: null,
          leads: null,
        };
      }

      // Write one snapshot, carrying the latest one's customers forward.
      const refreshDates = usage.map((r) => r.refreshDate).sort();
      const snapshotAsOf = wantedAsOf ?? refreshDates.at(-1) ?? imports.today;
      const latest = [...state.workspace.snapshots].sort((a, b) => (a.asOf < b.asOf ? 1 : a.asOf > b.asOf ? -1 : b.id - a.id))[0];
      if (latest && snapshotAsOf < latest.asOf) {
        notes.push(
          `the new snapshot is dated ${snapshotAsOf}, before the workspace's latest snapshot (${latest.asOf}): it carries that snapshot's customers forward, and screens that show the latest snapshot keep showing ${latest.asOf} (give an as-of date to date it later)`,
        );
      }
      for (let done = 0; done <= 6; done += 1) {
        if (!(await step("import.write", done, 6))) return cancelled();
      }
      const usageRows = sum("usageRows");
      const userActivityRows = sum("userActivityRows");
      const opportunities = sum("opportunities");
      const snapshot = {
        id: Math.max(0, ...state.workspace.snapshots.map((s) => s.id)) + 1,
        asOf: snapshotAsOf,
        source: "import",
        label: `import: ${files.map((f) => f.split("/").pop()).join(", ")}`,
        importedAt: new Date().toISOString(),
        customers: latest?.customers ?? 0,
        subscriptions: latest?.subscriptions ?? 0,
        usageRows,
        securitySignals: latest?.securitySignals ?? 0,
        leads: 0,
      };
      const counts = state.workspace.counts;
      state.workspace = {
        ...state.workspace,
        snapshots: [snapshot, ...state.workspace.snapshots],
        counts: {
          ...counts,
          snapshots: counts.snapshots + 1,
          customers: Math.max(counts.customers, snapshot.customers),
          usageRows: counts.usageRows + usageRows,
          userActivityRows: counts.userActivityRows + userActivityRows,
        },
        fileSizeBytes: state.workspace.fileSizeBytes + 65536,
      };
      const refresh = window.__PA_REFRESH_OPPORTUNITIES__?.(snapshotAsOf) ?? null;
      finish();
      emit("data-changed", { area: "opportunities" });
      emit("data-changed", { area: "snapshots" });
      return {
        imported: true,
        asOf: snapshotAsOf,
        tenantId: usage.length > 0 ? customer.tenantId : null,
        usageRows,
        userActivityRows,
        opportunities,
        errors,
        notes,
        files: fileReports,
        refresh,
        leads: null,
      };
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
  // Whether cancel_job asked this job to stop (for the area mocks' jobs).
  window.__PA_CANCELLED__ = (jobId) => cancelRequested === jobId;
  // The open workspace, for the area mocks (leadMock.mjs lists no leads for a workspace without any).
  window.__PA_CURRENT_WORKSPACE__ = () => state.workspace;
  // Whether the three credentials are in the "keychain" (syncMock.mjs's credentialsSet).
  window.__PA_CREDENTIALS_SET__ = () => state.credentials.every((c) => c.isSet);
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
