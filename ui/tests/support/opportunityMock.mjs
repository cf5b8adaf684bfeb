// Installed with page.addInitScript next to tauriMock.mjs: plays the Rust side of the
// opportunities commands over the fixture rows, honestly (search ignoring case and accents,
// filters, sort with a stable tie-break, offset/limit windows of at most 500 rows, as the backend cuts them),
// so that tests of what the UI asks for are meaningful. tauriMock.mjs looks commands up in
// window.__PA_MOCK_COMMANDS__ and records every call.
//
// This function is serialised into the page: it must not use anything from its module scope.
export function installOpportunityMock(config) {
  const state = JSON.parse(JSON.stringify(config));
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const fail = (code, message, details = null) => Promise.reject({ code, message, details });
  const STATUS_RANK = { low: 0, medium: 1, high: 2 };
  const TYPE_RANK = { acquisition: 0, retention: 1, growth: 2 };

  const fold = (text) =>
    text
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/ł/g, "l")
      .replace(/Ł/g, "L")
      .toLowerCase();

  function failure(cmd) {
    const error = state.failures[cmd];
    return error ? Promise.reject(error) : null;
  }

  const listed = () => state.rows.filter((row) => !row.dismissed);

  function matching(query) {
    const needle = fold(query.search.trim());
    // `dismissed` is optional in the contract (serde default false): true lists only the
    // dismissed ones, instead of the others.
    const dismissed = query.dismissed ?? false;
    return state.rows.filter((row) => {
      if (row.dismissed !== dismissed) return false;
      if (query.tab !== "all" && row.type !== query.tab) return false;
      if (query.types.length > 0 && !query.types.includes(row.type)) return false;
      if (query.statuses.length > 0 && !query.statuses.includes(row.status)) return false;
      if (query.addedFrom && row.dateAdded < query.addedFrom) return false;
      if (query.addedTo && row.dateAdded > query.addedTo) return false;
      if (needle && !fold(row.customer).includes(needle) && !fold(row.domain).includes(needle)) return false;
      return true;
    });
  }

  const feedbackRank = (row) => (row.feedback === null ? 2 : row.feedback.helpful ? 0 : 1);
  function compare(sort) {
    switch (sort) {
      case "customer":
        return (a, b) => a.customer.localeCompare(b.customer, "en");
      case "recommendation":
        return (a, b) => a.recommendation.localeCompare(b.recommendation, "en");
      case "probability":
        return (a, b) => STATUS_RANK[a.status] - STATUS_RANK[b.status] || a.probabilityPct - b.probabilityPct;
      case "type":
        return (a, b) => TYPE_RANK[a.type] - TYPE_RANK[b.type];
      case "seats":
        return (a, b) => a.seats - b.seats;
      case "dateAdded":
        return (a, b) => (a.dateAdded < b.dateAdded ? -1 : a.dateAdded > b.dateAdded ? 1 : 0);
      case "feedback":
        return (a, b) => feedbackRank(a) - feedbackRank(b);
      default:
        throw new Error(`unknown sort ${sort}`);
    }
  }

  function sorted(rows, query) {
    const by = compare(query.sort);
    const direction = query.descending ? -1 : 1;
    // Ties keep one order whatever the direction, so windows never overlap.
    return [...rows].sort((a, b) => direction * by(a, b) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  function counts(rows, status) {
    const out = { acquisition: 0, retention: 0, growth: 0 };
    for (const row of rows) if (!status || row.status === status) out[row.type] += 1;
    return out;
  }

  function overview() {
    const rows = listed();
    return {
      asOf: state.asOf,
      refreshedAt: state.refreshedAt,
      customerTenants: state.asOf ? state.customerTenants : 0,
      customersWithOpportunities: new Set(rows.map((r) => r.tenantId)).size,
      byType: counts(rows, null),
      high: counts(rows, "high"),
      medium: counts(rows, "medium"),
      dismissed: state.rows.filter((r) => r.dismissed).length,
    };
  }

  function findRow(key) {
    return state.rows.find((row) => row.key === key) ?? null;
  }

  function hash(text) {
    let h = 2166136261;
    for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
    return h;
  }

  const WORKLOADS = [
    ["exchange", "Exchange"],
    ["coreApps", "Microsoft 365 Apps"],
    ["teams", "Teams"],
    ["sharePoint", "SharePoint"],
    ["oneDrive", "OneDrive"],
  ];
  const TRENDS = ["positive", "noChange", "negative"];

  function usageLines(row) {
    const h = hash(row.tenantId);
    return WORKLOADS.map(([workload, label], i) => {
      const assigned = Math.max(1, row.seats - ((h >>> i) % 7));
      const active = Math.round(assigned * (0.25 + (((h >>> (i * 3)) % 70) / 100)));
      return { workload, label, assigned, active, trend: TRENDS[(h >>> (i * 2)) % 3] };
    });
  }

  function detailFor(row) {
    const usage = usageLines(row);
    const teams = usage[2];
    const exchange = usage[0];
    const pct = (line) => Math.round((100 * line.active) / line.assigned);
    const method = ["bSku", "eSku", "churn"].includes(row.model) ? "machineLearning" : ["mdo", "mfa", "mdb"].includes(row.model) ? "decisionTree" : "businessRule";
    const modelNames = {
      trials: "Trials",
      bSku: "Microsoft 365 Business SKUs",
      eSku: "Microsoft 365 Enterprise SKUs",
      mdo: "Defender for Office 365 growth",
      mdb: "Defender for Business growth",
      churn: "Churn risk",
      smbEngagement: "SMB tenant engagement",
      mfa: "MFA engagement",
    };
    return {
      row,
      modelName: modelNames[row.model],
      method,
      why: `Tenants like ${row.customer} that use e-mail and Teams heavily but lack advanced security tend to upgrade within six months.`,
      insights: [
        `${row.customer} has ${row.seats} paid seats, ${exchange.active} of them active in Exchange (${pct(exchange)}%).`,
        `Teams: ${teams.active} active users of ${teams.assigned} assigned (${pct(teams)}%), trend ${teams.trend}.`,
        `No Defender for Office 365 licence; 14 phishing alerts in the last 90 days.`,
      ],
      alsoConsidered: row.type === "growth" ? [`Microsoft 365 E3 (probability ${Math.max(5, row.probabilityPct - 21)}%)`] : [],
      actions: [
        `Book a 30-minute call with the IT contact of ${row.customer}.`,
        "Run a security workshop using the demo script.",
        `Send the e-mail template with the ${row.seats}-seat quote attached.`,
      ],
      resources: [
        {
          kind: "playbook",
          title: "Sales playbook: Microsoft 365 Business Premium",
          subject: null,
          body: `Who to call at ${row.customer}: the IT lead and the finance contact.\n\nTalking points:\n- Phishing protection for all ${row.seats} mailboxes\n- Device management with Intune\n- One price per user\n\nObjections and answers are in the cheat sheet.`,
        },
        {
          kind: "demoScript",
          title: "Demo script: securing e-mail in 15 minutes",
          subject: null,
          body: "1. Show a phishing attempt blocked by Safe Links.\n2. Open the Defender portal and the incident queue.\n3. Turn on the preset security policies.",
        },
        {
          kind: "cheatSheet",
          title: "Cheat sheet: Business Standard vs Business Premium",
          subject: null,
          body: "- Business Standard: Office apps, Exchange, Teams\n- Business Premium: all of Standard, plus Intune, Entra ID P1 and Defender for Business",
        },
        {
          kind: "emailTemplate",
          title: "E-mail to the customer",
          subject: `${row.customer}: protecting your ${row.seats} users`,
          body: `Hello,\n\nYour team at ${row.customer} relies on e-mail and Teams every day: ${exchange.active} people were active in Exchange last month.\n\nWe suggest:\n- Defender for Office 365 against phishing\n- Multifactor authentication for everyone\n\nCould we talk for 30 minutes next week?\n\nBest regards,\nAna`,
        },
      ],
      subscriptions: [
        { product: "Microsoft 365 Business Standard", quantity: row.seats, status: "Active", channel: "partner", endDate: "2025-11-30" },
        { product: "Microsoft Teams Exploratory", quantity: 25, status: "Trial", channel: "microsoft", endDate: "2025-04-18" },
        { product: "Exchange Online (Plan 1)", quantity: 3, status: "Suspended", channel: "partner", endDate: "2025-06-30" },
      ],
      usage,
      usageMonths: 12,
    };
  }

  /** A small line chart, like the one plotters draws: months on x, active users per workload. */
  function chart(tenantId, workload, dark) {
    const row = state.rows.find((r) => r.tenantId === tenantId);
    if (!row) return null;
    const bg = dark ? "#1f1f1f" : "#ffffff";
    const fg = dark ? "#d6d6d6" : "#424242";
    const grid = dark ? "#3d3d3d" : "#e0e0e0";
    const colours = ["#0f6cbd", "#c239b3", "#0b6a0b", "#da3b01", "#8764b8"];
    const lines = usageLines(row)
      .map((line, i) => ({ ...line, colour: colours[i] }))
      .filter((line) => workload === null || line.workload === workload);
    const w = 640;
    const h = 300;
    const left = 48;
    const bottom = 260;
    const top = 20;
    const right = 480;
    const max = Math.max(...usageLines(row).map((l) => l.assigned), 1);
    let body = `<rect width="${w}" height="${h}" fill="${bg}"/>`;
    for (let g = 0; g <= 4; g += 1) {
      const y = bottom - ((bottom - top) * g) / 4;
      body += `<line x1="${left}" y1="${y}" x2="${right}" y2="${y}" stroke="${grid}"/><text x="${left - 6}" y="${y + 4}" font-size="11" text-anchor="end" fill="${fg}" font-family="sans-serif">${Math.round((max * g) / 4)}</text>`;
    }
    for (let m = 0; m < 12; m += 1) {
      const x = left + ((right - left) * m) / 11;
      if (m % 2 === 0) body += `<text x="${x}" y="${bottom + 18}" font-size="11" text-anchor="middle" fill="${fg}" font-family="sans-serif">${["Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Jan", "Feb", "Mar"][m]}</text>`;
    }
    lines.forEach((line, i) => {
      const h0 = hash(tenantId + line.workload);
      const points = [];
      for (let m = 0; m < 12; m += 1) {
        const wobble = (((h0 >>> (m % 16)) % 21) - 10) / 100;
        const value = Math.max(0, Math.min(line.assigned, line.active * (0.8 + (m / 11) * 0.2 + wobble)));
        points.push(`${(left + ((right - left) * m) / 11).toFixed(1)},${(bottom - ((bottom - top) * value) / max).toFixed(1)}`);
      }
      body += `<polyline points="${points.join(" ")}" fill="none" stroke="${line.colour}" stroke-width="2"/>`;
      body += `<rect x="${right + 20}" y="${top + i * 22}" width="12" height="12" fill="${line.colour}"/><text x="${right + 38}" y="${top + 10 + i * 22}" font-size="12" fill="${fg}" font-family="sans-serif">${line.label}</text>`;
    });
    return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" data-workload="${workload ?? "all"}" data-dark="${dark}">${body}</svg>`;
  }

  /**
   * Scores the snapshot of `asOf`: the rows become `afterRefresh`; an opportunity that was
   * already listed keeps its feedback and dismissal (they are stored by key, as in the backend).
   */
  function refresh(asOf) {
    const before = new Set(listed().map((r) => r.key));
    const previous = new Map(state.rows.map((r) => [r.key, r]));
    state.rows = state.afterRefresh.map((r) => {
      const old = previous.get(r.key);
      return old ? { ...r, feedback: old.feedback, dismissed: old.dismissed } : { ...r };
    });
    state.asOf = asOf;
    state.models = state.modelsAfterRefresh;
    state.refreshedAt = "2025-04-02T09:00:00Z";
    const kept = listed().filter((r) => before.has(r.key)).length;
    return {
      asOf: state.asOf,
      opportunities: listed().length,
      new: listed().length - kept,
      kept,
      gone: before.size - kept,
      durationMs: 1840,
      models: state.models,
    };
  }
  // An import refreshes the opportunities after it wrote (tauriMock.mjs, import_files).
  window.__PA_REFRESH_OPPORTUNITIES__ = refresh;

  const normalizeFeedback = (feedback) =>
    feedback === null ? null : { helpful: feedback.helpful, reason: feedback.reason ?? null, comment: feedback.comment ?? null };

  window.__PA_OPPORTUNITIES__ = state;
  window.__PA_MOCK_COMMANDS__ = {
    opportunities_overview: () => failure("opportunities_overview") ?? overview(),
    query_opportunities: ({ query }) => {
      const failed = failure("query_opportunities");
      if (failed) return failed;
      // Like the backend, a window holds at most 500 rows.
      const rows = sorted(matching(query), query);
      return { total: rows.length, rows: rows.slice(query.offset, query.offset + Math.min(query.limit, 500)) };
    },
    opportunity_detail: ({ key }) => {
      const failed = failure("opportunity_detail");
      if (failed) return failed;
      const row = findRow(key);
      return row ? detailFor(row) : fail("invalidInput", `no opportunity ${key}`);
    },
    usage_chart: ({ tenantId, workload, dark }) => {
      const failed = failure("usage_chart");
      if (failed) return failed;
      return chart(tenantId, workload, dark) ?? fail("invalidInput", `no tenant ${tenantId}`);
    },
    async refresh_opportunities() {
      await sleep(state.refreshDelayMs);
      const failed = failure("refresh_opportunities");
      if (failed) return failed;
      const summary = refresh("2025-03-31");
      window.__PA_EMIT__("data-changed", { area: "opportunities" });
      return summary;
    },
    opportunity_models: () => failure("opportunity_models") ?? state.models,
    opportunity_settings: () => failure("opportunity_settings") ?? state.settings,
    // Like OpportunitySettings::validate, then save, then a refresh with the models and data-changed.
    async set_opportunity_settings({ settings }) {
      const failed = failure("set_opportunity_settings");
      if (failed) return failed;
      const s = { ...state.settings, ...settings };
      const unit = (x) => typeof x === "number" && x >= 0 && x <= 1;
      if (!(unit(s.high) && unit(s.medium) && s.medium <= s.high)) {
        return fail("invalidInput", `probability thresholds must satisfy 0 ≤ Medium (${s.medium}) ≤ High (${s.high}) ≤ 1`);
      }
      if (!unit(s.smbThreshold) || !unit(s.minProbability)) {
        return fail("invalidInput", "the SMB adoption threshold and the minimum probability are shares between 0 and 1");
      }
      if (s.horizonMonths === 0 || s.smbMinWorkloads === 0 || s.smbMinWorkloads > 5) {
        return fail("invalidInput", "the horizon is at least one month and SMB engagement needs 1 to 5 workloads");
      }
      state.settings = s;
      await sleep(state.refreshDelayMs);
      const summary = refresh(state.asOf ?? "2025-03-31");
      window.__PA_EMIT__("data-changed", { area: "opportunities" });
      return summary;
    },
    set_opportunity_feedback: ({ key, feedback }) => {
      const failed = failure("set_opportunity_feedback");
      if (failed) return failed;
      const row = findRow(key);
      if (!row) return fail("invalidInput", `no opportunity ${key}`);
      row.feedback = normalizeFeedback(feedback);
      return row;
    },
    set_opportunity_dismissed: ({ key, dismissed }) => {
      const failed = failure("set_opportunity_dismissed");
      if (failed) return failed;
      const row = findRow(key);
      if (!row) return fail("invalidInput", `no opportunity ${key}`);
      row.dismissed = dismissed;
      return row;
    },
    export_opportunities: ({ query, path }) => {
      const failed = failure("export_opportunities");
      if (failed) return failed;
      if (state.exportCancelled && path === null) return null;
      return { path: path ?? state.exportPath, rows: matching(query).length };
    },
  };
}
