// Installed with page.addInitScript after tauriMock.mjs: plays the Rust side of the propensity
// reports (SPEC §6) honestly enough for the UI to be tested against it: the catalogue in the UI
// language; a spec checked as the engine checks it (a known report, known columns, 1–120 months,
// a name); a preview and a download that report progress through `job-progress`
// (propensity.read, .learn, .score, and .write for a download) and stop at `cancel_job` with
// `cancelled`; a download listed in My reports while it runs and then completed, or cancelled
// with no file; bands High 75–100, Medium 55–74, Low 30–54, Very low 0–29 and clusters through
// the cluster map; reports deleted with or without their file, opened and revealed; schedules
// monthly on the 25th or after each import; a cluster map refused unless every code A1–D4 is used
// exactly once; the reports folder from a native picker. Writes emit `data-changed` for `reports`.
// window.__PA_PROPENSITY__ gives tests the state and `runSchedule(id)` (a background run).
//
// This function is serialised into the page: it must not use anything from its module scope.
export function installPropensityMock(config) {
  const state = JSON.parse(JSON.stringify(config));
  const fail = (code, message, details = null) => Promise.reject({ code, message, details });
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const emit = (event, payload) => window.__PA_EMIT__?.(event, payload);
  const changed = () => emit("data-changed", { area: "reports" });
  const cancelled = (jobId) => window.__PA_CANCELLED__?.(jobId) === true;
  let nextJob = 1;
  let ticks = 0;
  const clock = () => new Date(Date.parse(state.now) + ticks++ * 1000).toISOString().replace(".000Z", "Z");
  const CODES = ["A", "B", "C", "D"].flatMap((l) => [1, 2, 3, 4].map((n) => `${l}${n}`));

  const catalogue = (language) => state.catalogues[language] ?? state.catalogues.en;
  const band = (score) => (score >= 75 ? 0 : score >= 55 ? 1 : score >= 30 ? 2 : 3);
  const cluster = (scores) => state.settings.clusterMap[band(scores.fit)][band(scores.intent)];
  const yesNo = (b) => (b ? "Yes" : "No");

  function checkSpec(language, spec) {
    const info = catalogue(language).find((c) => c.kind === spec?.kind);
    if (!info) return { error: `unknown report '${spec?.kind}'` };
    const names = info.columns.map((c) => c.name);
    const unknown = spec.columns.filter((c) => !names.includes(c));
    if (unknown.length > 0) return { error: `unknown column '${unknown[0]}' for the ${spec.kind} report` };
    if (spec.months !== null && !(Number.isInteger(spec.months) && spec.months >= 1 && spec.months <= 120)) {
      return { error: `months: must be 1 to 120, not ${spec.months}` };
    }
    // Chosen columns in the report's order.
    const columns = spec.columns.length === 0 ? names : names.filter((n) => spec.columns.includes(n));
    return { info, columns };
  }

  function cell(customer, column) {
    const area = /^(M365|Surface|Azure|D365BC|D365SP|PowerApps|Security)/.exec(column)?.[1];
    switch (column) {
      case "MPNID":
      case "MPN ID":
        return state.partner.mpnId;
      case "PartnerName":
        return state.partner.name;
      case "CustomerID":
        return customer.tpid;
      case "DUNSNumber":
        return customer.duns;
      case "AccountName":
        return customer.name;
      case "Domain":
        return customer.domain;
      case "OrgSize":
        return String(customer.employees);
      case "Industry":
      case "Vertical":
        return customer.industry;
      case "Area":
        return "Western Europe";
      case "Subsidiary":
      case "Country":
        return customer.country;
      case "SalesTerritory":
        return `${customer.country}-SMC`;
      case "City":
        return customer.city;
      case "State":
        return customer.state;
      case "PostalCode":
        return customer.postal;
      case "Segment":
        return customer.segment;
      case "SubSegment":
        return `${customer.segment} - Commercial`;
      case "SMCTypeSummary":
        return customer.smc;
      case "IsNonprofit":
        return "No";
      case "License Program":
        return customer.flags.EA ? "Enterprise Agreement" : "Open Value";
      case "Agreement ID":
        return customer.agreement.id;
      case "Agreement End Date":
        return customer.agreement.end;
      case "Expiration Type":
        return "Renewal";
      case "Expiring Revenue":
        return String(customer.agreement.revenue);
      case "RevSumDivisionName":
        return "Modern Work";
      case "NumberofExistingWorkloads":
        return customer.flags.Azure ? "2" : "0";
      case "Existing Workloads":
        return customer.flags.Azure ? "Windows Server; SQL Server" : "";
      case "NumberofRecommendedWorkloads":
        return "3";
      case "RecommendedWorkloads":
        return "Azure Virtual Desktop; Azure SQL; Defender for Cloud";
      case "Transactedinthelast36months":
      case "Transacted in the last 36 months":
        return yesNo(customer.transacted);
      default:
        break;
    }
    if (area && column.endsWith("Cluster")) return cluster(customer.scores[area]);
    if (area && column.endsWith("Fit")) return String(customer.scores[area].fit);
    if (area && /Intent$/.test(column)) return String(customer.scores[area].intent);
    if (column.endsWith("Signals")) return customer.signal;
    if (column.endsWith("RevenuePotential")) return String(customer.revenue);
    if (/^Has ?(\w+)$/i.test(column)) {
      const flag = { azure: "Azure", d365: "D365", m365: "M365", google: "Google", aws: "AWS", ea: "EA", open: "Open", copilot: "Copilot" }[/^Has ?(\w+)$/i.exec(column)[1].toLowerCase()];
      return yesNo(customer.flags[flag]);
    }
    if (column === "M365UpsellCustomer") return yesNo(customer.flags.Upsell);
    // Plays and offers: Yes/No from the customer's scores.
    return yesNo((customer.scores.M365.fit + column.length) % 3 === 0);
  }

  /** The rows the whole report has: every customer (Lifetime), or those transacting in the last N months. */
  function rowsInRange(months) {
    const customers = window.__PA_CURRENT_WORKSPACE__?.().counts.customers ?? state.customers.length;
    return months === null ? customers : Math.round(customers * Math.min(1, 0.3 + months / 40));
  }

  async function runJob(stages) {
    const jobId = `job-propensity-${nextJob++}`;
    for (const [stage, total] of stages) {
      for (let done = 0; done <= total; done += 1) {
        await sleep(state.stepMs);
        if (cancelled(jobId)) {
          emit("job-progress", { jobId, stage: "done", done: 1, total: 1, finished: true });
          return false;
        }
        emit("job-progress", { jobId, stage, done, total, finished: false });
      }
    }
    emit("job-progress", { jobId, stage: "done", done: 1, total: 1, finished: true });
    return true;
  }

  const fileNameOf = (name) => `${name.replace(/[\\/:*?"<>|]+/g, "-").trim()}.csv`;
  const withFile = (report) => ({ ...report, fileExists: state.files.includes(report.path) });
  const nextId = (list) => Math.max(0, ...list.map((x) => x.id)) + 1;

  /** Writes a report (Download now, or a scheduled run); returns it, or null when cancelled. */
  async function generate(language, spec, scheduleId = null) {
    const checked = checkSpec(language, spec);
    let fileName = fileNameOf(spec.name);
    for (let n = 2; state.reports.some((r) => r.fileName === fileName); n += 1) fileName = fileNameOf(`${spec.name} (${n})`);
    const report = {
      id: nextId(state.reports),
      name: spec.name,
      kind: spec.kind,
      columns: spec.columns,
      months: spec.months,
      path: `${state.settings.reportsFolder}/${fileName}`,
      fileName,
      status: "running",
      rows: null,
      bytes: null,
      asOf: null,
      error: null,
      scheduleId,
      startedAt: clock(),
      finishedAt: null,
      fileExists: false,
    };
    state.reports.push(report);
    changed();
    const completed = await runJob([
      ["propensity.read", 3],
      ["propensity.learn", 2],
      ["propensity.score", 4],
      ["propensity.write", 4],
    ]);
    report.finishedAt = clock();
    if (!completed) {
      report.status = "cancelled";
      changed();
      return null;
    }
    report.status = "completed";
    report.rows = rowsInRange(spec.months);
    report.bytes = report.rows * (checked.columns.length * 11 + 40);
    report.asOf = state.asOf;
    state.files.push(report.path);
    changed();
    return withFile(report);
  }

  function nextTwentyFifth() {
    const now = new Date(Date.parse(state.now));
    let next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 25, 0, 0, 0));
    if (next <= now) next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 25, 0, 0, 0));
    return next.toISOString().replace(".000Z", "Z");
  }

  function checkMap(cells) {
    if (!Array.isArray(cells) || cells.length !== 4 || cells.some((row) => !Array.isArray(row) || row.length !== 4)) {
      return "the cluster map must have 4 rows of 4 cells";
    }
    const flat = cells.flat();
    const unknown = flat.find((code) => !CODES.includes(code));
    if (unknown !== undefined) return `'${unknown}' is not a cluster code (A1 to D4)`;
    const twice = CODES.filter((code) => flat.filter((c) => c === code).length > 1);
    const missing = CODES.filter((code) => !flat.includes(code));
    if (twice.length > 0) return `every code A1 to D4 must be used exactly once: ${twice.join(", ")} used more than once, ${missing.join(", ")} not used`;
    return null;
  }

  window.__PA_PROPENSITY__ = {
    state,
    /** A scheduled run in the background, as the app's scheduler does it. */
    async runSchedule(id) {
      const schedule = state.schedules.find((s) => s.id === id);
      const report = await generate("en", schedule.spec, schedule.id);
      schedule.lastRunAt = clock();
      schedule.lastReportId = report?.id ?? null;
      changed();
      return report;
    },
  };
  window.__PA_MOCK_COMMANDS__ = {
    ...(window.__PA_MOCK_COMMANDS__ ?? {}),
    propensity_catalogue: ({ language }) => catalogue(language),
    async preview_propensity_report({ language, spec, limit }) {
      const checked = checkSpec(language, spec);
      if (checked.error) return fail("invalidInput", checked.error);
      const completed = await runJob([
        ["propensity.read", 3],
        ["propensity.learn", 2],
        ["propensity.score", 4],
      ]);
      if (!completed) return fail("cancelled", "the job was cancelled");
      const total = rowsInRange(spec.months);
      const rows = state.customers.slice(0, Math.min(limit, total)).map((customer) => checked.columns.map((column) => cell(customer, column)));
      const workspace = window.__PA_CURRENT_WORKSPACE__?.();
      return { columns: checked.columns, rows, asOf: state.asOf, customers: workspace?.counts.customers ?? state.customers.length, rowsInRange: total };
    },
    async generate_propensity_report({ language, spec }) {
      const checked = checkSpec(language, spec);
      if (checked.error) return fail("invalidInput", checked.error);
      if (!spec.name.trim()) return fail("invalidInput", "name: must not be empty");
      const report = await generate(language, spec);
      return report ?? fail("cancelled", "the job was cancelled");
    },
    saved_reports: () => [...state.reports].sort((a, b) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : b.id - a.id)).map(withFile),
    delete_saved_report({ id, deleteFile }) {
      const report = state.reports.find((r) => r.id === id);
      if (!report) return fail("notFound", `no saved report ${id}`);
      if (report.status === "running") return fail("notAllowed", "the report is still being written");
      state.reports = state.reports.filter((r) => r.id !== id);
      if (deleteFile) state.files = state.files.filter((p) => p !== report.path);
      changed();
      return null;
    },
    open_saved_report({ id }) {
      const report = state.reports.find((r) => r.id === id);
      if (!report) return fail("notFound", `no saved report ${id}`);
      if (!state.files.includes(report.path)) return fail("notFound", `${report.path}: No such file or directory (os error 2)`);
      state.opened.push(id);
      return null;
    },
    reveal_saved_report({ id }) {
      const report = state.reports.find((r) => r.id === id);
      if (!report) return fail("notFound", `no saved report ${id}`);
      state.revealed.push(id);
      return null;
    },
    report_schedules: () => state.schedules,
    create_report_schedule({ language, spec, cadence }) {
      const checked = checkSpec(language, spec);
      if (checked.error) return fail("invalidInput", checked.error);
      if (!spec.name.trim()) return fail("invalidInput", "name: must not be empty");
      if (cadence !== "monthly" && cadence !== "afterImport") return fail("invalidInput", `unknown cadence '${cadence}'`);
      const schedule = {
        id: nextId(state.schedules),
        spec,
        cadence,
        createdAt: clock(),
        lastRunAt: null,
        nextRunAt: cadence === "monthly" ? nextTwentyFifth() : null,
        lastReportId: null,
      };
      state.schedules.push(schedule);
      changed();
      return schedule;
    },
    delete_report_schedule({ id }) {
      if (!state.schedules.some((s) => s.id === id)) return fail("notFound", `no schedule ${id}`);
      state.schedules = state.schedules.filter((s) => s.id !== id);
      changed();
      return null;
    },
    propensity_settings: () => state.settings,
    set_cluster_map({ cells }) {
      const problem = checkMap(cells);
      if (problem) return fail("invalidInput", problem);
      state.settings = { ...state.settings, clusterMap: cells };
      changed();
      return state.settings;
    },
    async choose_reports_folder() {
      await sleep(30);
      const pick = state.folderPicks.length > 1 ? state.folderPicks.shift() : state.folderPicks[0];
      if (pick === null || pick === undefined) return null;
      state.settings = { ...state.settings, reportsFolder: pick };
      changed();
      return state.settings;
    },
  };
}
