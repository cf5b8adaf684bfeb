// Installed with page.addInitScript after leadMock.mjs: plays the Rust side of predictive lead
// scoring (src-tauri/src/commands/lead_scoring.rs over crates/engine/src/lead_scoring) over the
// leads the lead mock holds (window.__PA_LEADS__), honestly enough for the UI to be tested against
// it: training on the closed leads of the last 24 months that the model's filter takes (refused
// below 40 qualified or 40 disqualified, with both counts, in the engine's words), the most
// recent 20% kept for validation, attributes selected by influence and fill rate with their
// reasons, per-value weights learnt from the outcomes, a score 0–100 per open lead by the first
// published model its filter matches, grades from the model's ranges (moving one end moves the
// neighbour's, refusals in the engine's words), trend against the previous score within the
// tolerance, reasons with tooltips from the training data, score history, versions published,
// reverted and deleted with the open leads rescored, and the customer's industry and size
// edited with the lead rescored in the same write. Charts are small SVGs drawn here (the app's
// come from plotters). Texts are the engine's English ones.
//
// This function is serialised into the page: it must not use anything from its module scope.
export function installScoringMock(config) {
  const state = JSON.parse(JSON.stringify(config));
  const fail = (code, message, details = null) => Promise.reject({ code, message, details });
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const DAY = 86_400_000;
  const MIN_PER_OUTCOME = 40;
  const MAX_MODELS = 10;
  const WINDOW_MONTHS = 24;
  let ticks = 0;
  /** The backend's clock: a minute later at every write, so that history points are ordered. */
  const clock = () => Date.parse(state.now) + ticks++ * 60_000;
  const iso = (ms) => new Date(ms).toISOString().replace(".000Z", "Z");

  const SIZES = [
    "1to9employees",
    "10to50employees",
    "51to250employees",
    "251to1000employees",
    "1001to5000employees",
    "5001to10000employees",
    "10001to20000employees",
    "Morethan20000employees",
  ];
  const FREE_MAIL = /@(gmail\.com|outlook\.|hotmail\.|yahoo\.|mailinator\.com|wp\.pl|orange\.fr)/i;
  const sizeLabel = (band) => {
    const range = /^(\d+)to(\d+)employees$/i.exec(band);
    if (range) return `${Number(range[1]).toLocaleString("en-US")}–${Number(range[2]).toLocaleString("en-US")} employees`;
    const more = /^morethan(\d+)employees$/i.exec(band);
    return more ? `more than ${Number(more[1]).toLocaleString("en-US")} employees` : band;
  };
  const ATTRIBUTES = [
    { key: "industry", name: "Industry", get: (l) => l.industry.trim() || null, up: "{value} is a strong industry", down: "{value} is a weak industry", subject: "{value} leads" },
    { key: "company_size", name: "Company size", numeric: true, get: (l) => l.companySize || null, label: sizeLabel, up: "Companies of {value} qualify more often", down: "Companies of {value} qualify less often", subject: "leads from companies of {value}" },
    { key: "country", name: "Country/region", get: (l) => l.country || null, up: "Leads from {value} qualify more often", down: "Leads from {value} qualify less often", subject: "leads from {value}" },
    { key: "lead_source", name: "Lead source", get: (l) => l.source, up: "{value} is a strong lead source", down: "{value} is a weak lead source", subject: "{value} leads" },
    { key: "lead_type", name: "Lead type", get: (l) => l.leadType, up: "{value} leads qualify more often", down: "{value} leads qualify less often", subject: "{value} leads" },
    { key: "classification", name: "Classification", get: (l) => l.classification, up: "{value} is a strong classification", down: "{value} is a weak classification", subject: "{value} leads" },
    { key: "call_to_action", name: "Call to action", get: (l) => l.callToAction, up: "“{value}” is a strong call to action", down: "“{value}” is a weak call to action", subject: "“{value}” leads" },
    { key: "quality", name: "Lead quality", get: (l) => l.quality, up: "Microsoft's quality rating {value} raises the score", down: "Microsoft's quality rating {value} lowers the score", subject: "leads rated {value} by Microsoft" },
    { key: "email_validity", name: "E-mail validity", get: (l) => l.emailValidity, up: "E-mail validity {value} raises the score", down: "E-mail validity {value} lowers the score", subject: "leads with e-mail validity {value}" },
    { key: "phone_validity", name: "Phone validity", get: (l) => l.phoneValidity, up: "Phone validity {value} raises the score", down: "Phone validity {value} lowers the score", subject: "leads with phone validity {value}" },
    {
      key: "email_kind",
      name: "E-mail kind",
      get: (l) => (!l.email || !l.email.includes("@") ? "none" : FREE_MAIL.test(l.email) ? "free_mail" : "corporate"),
      label: (v) => ({ corporate: "corporate", free_mail: "free mail", none: "none" })[v] ?? v,
      up: "E-mail kind {value} raises the score",
      down: "E-mail kind {value} lowers the score",
      subject: "leads with e-mail kind {value}",
    },
    { key: "has_phone", name: "Phone number", get: (l) => (l.phone ? "yes" : "no"), label: (v) => (v === "yes" ? "given" : "not given"), up: "Phone number {value} raises the score", down: "Phone number {value} lowers the score", subject: "leads with phone number {value}" },
    { key: "offer_name", name: "Offer", get: (l) => l.offerName || null, up: "“{value}” brings strong leads", down: "“{value}” brings weak leads", subject: "leads from “{value}”" },
  ];
  const attribute = (key) => ATTRIBUTES.find((a) => a.key === key);
  const labelOf = (a, value) => (a.label ? a.label(value) : value);
  const fill = (template, params) => template.replace(/\{(\w+)\}/g, (_, name) => params[name] ?? `{${name}}`);
  const pct = (x) => `${Math.round(x * 100)}%`;

  const QUALIFIED = new Set(["Accepted", "Won"]);
  const DISQUALIFIED = new Set(["Declined", "Lost", "Expired"]);
  const outcome = (l) => (QUALIFIED.has(l.substatus) ? true : DISQUALIFIED.has(l.substatus) ? false : null);
  const isOpen = (l) => outcome(l) === null;

  /** The lead mock's leads of the open workspace (none for a workspace without leads). */
  function leads() {
    const workspace = window.__PA_CURRENT_WORKSPACE__?.();
    return workspace && workspace.counts.leads === 0 ? [] : window.__PA_LEADS__.leads;
  }
  const noLeads = () => leads().length === 0;

  function failure(cmd) {
    const error = state.failures[cmd];
    return error ? Promise.reject(error) : null;
  }

  // ---- filters ----
  function matches(filter, l) {
    return filter.every((c) => {
      const value = attribute(c.attribute).get(l);
      return value !== null && value !== undefined && c.values.some((v) => v.trim().toLowerCase() === String(value).toLowerCase());
    });
  }
  const canonical = (filter) =>
    JSON.stringify(
      filter
        .map((c) => [c.attribute, [...new Set(c.values.map((v) => v.trim().toLowerCase()))].sort()])
        .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)),
    );
  function checkFilter(filter) {
    for (const [i, c] of filter.entries()) {
      if (!attribute(c.attribute)) return `unknown lead attribute \`${c.attribute}\`; known: ${ATTRIBUTES.map((a) => a.key).join(", ")}`;
      if (c.values.every((v) => !v.trim())) return `the filter condition on ${c.attribute} has no value`;
      if (filter.slice(0, i).some((d) => d.attribute === c.attribute)) return `the filter has two conditions on ${c.attribute}: put the values in one`;
    }
    return null;
  }

  function trainingRows(filter, atMs) {
    const from = new Date(atMs);
    from.setUTCMonth(from.getUTCMonth() - WINDOW_MONTHS);
    return leads().filter((l) => outcome(l) !== null && Date.parse(l.createdAt) < atMs && Date.parse(l.createdAt) >= from.getTime() && matches(filter, l));
  }
  function closedCounts(filter, atMs) {
    const rows = trainingRows(filter, atMs);
    const q = rows.filter((l) => outcome(l)).length;
    return [q, rows.length - q];
  }

  // ---- training ----
  const sigmoid = (z) => 1 / (1 + Math.exp(-z));
  const logit = (p) => Math.log(p / (1 - p));
  const CALIBRATION = 0.8;
  const MISSING = "\u0000missing";

  function firstAccepted(l) {
    return l.history.find((e) => e.to === "Accepted")?.at ?? null;
  }

  function train(model, atMs) {
    const rows = trainingRows(model.filter, atMs).sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
    const qualified = rows.filter((l) => outcome(l)).length;
    const disqualified = rows.length - qualified;
    if (qualified < MIN_PER_OUTCOME || disqualified < MIN_PER_OUTCOME) {
      const scope = model.filter.length === 0 ? "" : " matching the model's filter";
      return {
        error: `a lead scoring model needs at least ${MIN_PER_OUTCOME} qualified and ${MIN_PER_OUTCOME} disqualified leads${scope} created in the last ${WINDOW_MONTHS} months; there are ${qualified} qualified and ${disqualified} disqualified`,
      };
    }
    const cut = Math.floor(rows.length * 0.8);
    const trainSet = rows.slice(0, cut);
    const validation = rows.slice(cut);
    const p = trainSet.filter((l) => outcome(l)).length / trainSet.length;
    const prior = logit(p);
    const learnt = ATTRIBUTES.map((a) => {
      const counts = new Map();
      let filled = 0;
      for (const l of trainSet) {
        const v = a.get(l);
        if (v !== null && v !== undefined) filled += 1;
        const key = v ?? MISSING;
        const c = counts.get(key) ?? [0, 0];
        c[outcome(l) ? 0 : 1] += 1;
        counts.set(key, c);
      }
      const weights = {};
      let importance = 0;
      for (const [v, [q, d]] of counts) {
        weights[v] = Math.log((q + 2 * p) / (d + 2 * (1 - p))) - prior;
        importance += ((q + d) / trainSet.length) * Math.abs(weights[v]);
      }
      const distinct = [...counts.keys()].filter((v) => v !== MISSING).length;
      return { key: a.key, weights, importance, fillRate: filled / trainSet.length, distinct };
    });
    const total = learnt.reduce((n, x) => n + x.importance, 0) || 1;
    for (const x of learnt) {
      const share = x.importance / total;
      if (model.attributes) {
        x.selected = model.attributes.includes(x.key);
        x.reason = x.selected ? "Chosen by the admin" : "Not chosen by the admin";
      } else if (x.distinct <= 1) {
        x.selected = false;
        x.reason = "Always the same value";
      } else if (x.fillRate < 0.4) {
        x.selected = false;
        x.reason = `Filled on ${pct(x.fillRate)} of leads`;
      } else if (share < 0.06) {
        x.selected = false;
        x.reason = `Little influence: ${pct(share)} of the total`;
      } else {
        x.selected = true;
        x.reason = `Selected automatically: ${pct(share)} of the influence`;
      }
    }
    const selected = learnt.filter((x) => x.selected);
    const selectedTotal = selected.reduce((n, x) => n + x.importance, 0) || 1;
    for (const x of learnt) x.importanceShare = x.selected ? x.importance / selectedTotal : 0;
    // Figures for the tooltips, over every closed lead the model learnt from.
    const global = qualified / rows.length;
    const stats = {};
    for (const a of ATTRIBUTES) {
      const per = {};
      for (const l of rows) {
        const key = a.get(l) ?? MISSING;
        const s = (per[key] ??= { q: 0, closed: 0, days: [] });
        s.closed += 1;
        if (outcome(l)) {
          s.q += 1;
          const accepted = firstAccepted(l);
          if (accepted) s.days.push((Date.parse(accepted) - Date.parse(l.createdAt)) / DAY);
        }
      }
      stats[a.key] = Object.fromEntries(
        Object.entries(per).map(([v, s]) => {
          const days = s.days.sort((x, y) => x - y);
          const median = days.length === 0 ? null : days.length % 2 ? days[(days.length - 1) / 2] : (days[days.length / 2 - 1] + days[days.length / 2]) / 2;
          return [v, { rate: s.q / s.closed, closed: s.closed, medianDays: median }];
        }),
      );
    }
    const report = {
      prior,
      weights: Object.fromEntries(selected.map((x) => [x.key, x.weights])),
      stats,
      global,
      attributes: [...learnt]
        .sort((a, b) => Number(b.selected) - Number(a.selected) || b.importance - a.importance)
        .map((x) => ({
          key: x.key,
          name: attribute(x.key).name,
          numeric: Boolean(attribute(x.key).numeric),
          selected: x.selected,
          importanceShare: x.importanceShare,
          fillRate: x.fillRate,
          distinctValues: x.distinct,
          reason: x.reason,
        })),
      counts: { qualified, disqualified, trainingRows: trainSet.length, validationRows: validation.length },
      learner: "Regularised logistic regression",
      calibration: "Platt scaling",
      windowStart: iso(Date.parse(rows[0].createdAt)),
      chosenByAdmin: Boolean(model.attributes),
    };
    const z = (l) => prior + selected.reduce((n, x) => n + (x.weights[attribute(x.key).get(l) ?? MISSING] ?? 0), 0);
    report.metrics = evaluate(
      validation.map((l) => sigmoid(CALIBRATION * z(l))),
      validation.map((l) => sigmoid(z(l))),
      validation.map((l) => outcome(l)),
      report,
    );
    return { report };
  }

  function evaluate(probs, raw, labels, report) {
    const n = labels.length;
    const pos = labels.filter(Boolean).length;
    const neg = n - pos;
    const order = probs.map((p, i) => [p, labels[i]]).sort((a, b) => b[0] - a[0]);
    const roc = [[0, 0]];
    let tp = 0;
    let fp = 0;
    let auc = 0;
    let ap = 0;
    for (let i = 0; i < order.length; i += 1) {
      if (order[i][1]) {
        tp += 1;
        ap += tp / (tp + fp) / pos;
      } else fp += 1;
      if (i === order.length - 1 || order[i + 1][0] !== order[i][0]) {
        const [x0, y0] = roc.at(-1);
        const point = [fp / neg, tp / pos];
        auc += (point[0] - x0) * (point[1] + y0) * 0.5;
        roc.push(point);
      }
    }
    let best = { f1: -1, t: 50 };
    for (let t = 1; t <= 99; t += 1) {
      let a = 0;
      let b = 0;
      for (let i = 0; i < n; i += 1) {
        if (Math.round(probs[i] * 100) >= t) {
          if (labels[i]) a += 1;
          else b += 1;
        }
      }
      const f1 = a === 0 ? 0 : (2 * a) / (2 * a + b + (pos - a));
      if (f1 > best.f1) best = { f1, t };
    }
    const confusion = { truePositives: 0, falsePositives: 0, trueNegatives: 0, falseNegatives: 0 };
    for (let i = 0; i < n; i += 1) {
      const predicted = Math.round(probs[i] * 100) >= best.t;
      if (predicted && labels[i]) confusion.truePositives += 1;
      else if (predicted) confusion.falsePositives += 1;
      else if (labels[i]) confusion.falseNegatives += 1;
      else confusion.trueNegatives += 1;
    }
    const loss = (ps) => -ps.reduce((s, p, i) => s + (labels[i] ? Math.log(Math.max(p, 1e-9)) : Math.log(Math.max(1 - p, 1e-9))), 0) / n;
    let ece = 0;
    for (let b = 0; b < 10; b += 1) {
      const idx = probs.map((p, i) => [p, i]).filter(([p]) => (b === 9 ? p >= 0.9 : p >= b / 10 && p < (b + 1) / 10));
      if (idx.length === 0) continue;
      const meanP = idx.reduce((s, [p]) => s + p, 0) / idx.length;
      const rate = idx.filter(([, i]) => labels[i]).length / idx.length;
      ece += (idx.length / n) * Math.abs(meanP - rate);
    }
    const { truePositives: a, falsePositives: b } = confusion;
    report.roc = roc;
    return {
      rocAuc: auc,
      prAuc: ap,
      logLoss: loss(probs),
      uncalibratedLogLoss: loss(raw),
      brier: probs.reduce((s, p, i) => s + (p - (labels[i] ? 1 : 0)) ** 2, 0) / n,
      expectedCalibrationError: ece,
      accuracy: (confusion.truePositives + confusion.trueNegatives) / n,
      precision: a + b === 0 ? null : a / (a + b),
      recall: a / pos,
      f1: best.f1,
      thresholdScore: best.t,
      conversionRate: pos / n,
      ...confusion,
      validation: order.map(([p, y]) => [Math.round(p * 100), y]),
    };
  }

  const accuracyStatus = (auc) => (auc >= 0.75 ? "readyToPublish" : auc >= 0.6 ? "okToPublish" : "notReadyToPublish");
  const ACCURACY_LABELS = { readyToPublish: "Ready to publish", okToPublish: "OK to publish", notReadyToPublish: "Not ready to publish" };
  const TREND_LABELS = { improving: "Improving", declining: "Declining", steady: "Steady", notEnoughInfo: "Not enough info" };

  // ---- grades ----
  function gradeOf(g, score) {
    return score >= g.aMin ? "A" : score >= g.bMin ? "B" : score >= g.cMin ? "C" : "D";
  }
  function rangeOf(g, grade) {
    return { A: [g.aMin, 100], B: [g.bMin, g.aMin - 1], C: [g.cMin, g.bMin - 1], D: [0, g.cMin - 1] }[grade];
  }
  const validRanges = (g) => 0 < g.cMin && g.cMin < g.bMin && g.bMin < g.aMin && g.aMin <= 100;

  /** GradeRanges::with_bound: the moved boundary, or the refusal in the engine's words. */
  function withBound(g, grade, upper, value) {
    if (value > 100) return { error: `scores run from 0 to 100, not ${value}` };
    if ((grade === "A" && upper) || (grade === "D" && !upper)) {
      const fixed = grade === "A" ? 100 : 0;
      if (value === fixed) return { ranges: g };
      return { error: `grade ${grade}'s ${grade === "A" ? "maximum" : "minimum"} is always ${fixed}: the grades cover every score from 0 to 100` };
    }
    const [owner, newMin] = upper ? [{ D: "C", C: "B", B: "A" }[grade], value + 1] : [grade, value];
    const next = { ...g, [`${owner.toLowerCase()}Min`]: newMin };
    if (!validRanges(next)) {
      const lower = { A: "B", B: "C", C: "D" }[owner];
      const lo = rangeOf(g, lower)[0];
      const hi = rangeOf(g, owner)[1];
      return {
        error: `grade ${grade}'s ${upper ? "maximum" : "minimum"} cannot be ${value}: grades ${owner} and ${lower} must each keep at least one score, so the boundary between them must stay between ${lo + 1} and ${hi}`,
      };
    }
    return { ranges: next };
  }

  // ---- models, versions, scores ----
  let nextModelId = 1;
  const models = []; // { id, name, position, filter, attributes, autoRetrain, grades, trendTolerance, versions: [] }
  const scores = new Map(); // lead id -> { modelId, version, score, grade, trend, previousScore, scoredAt, factors }
  const history = new Map(); // lead id -> [{ at, score, version, modelId }]

  const publishedOf = (m) => m.versions.find((v) => v.state === "published") ?? null;
  const ordered = () => [...models].sort((a, b) => a.position - b.position);

  function explain(m, v, l) {
    const factors = [];
    for (const [key, weights] of Object.entries(v.report.weights)) {
      const a = attribute(key);
      const raw = a.get(l);
      const value = raw ?? MISSING;
      const seen = value in weights;
      const contribution = CALIBRATION * (seen ? weights[value] : 0);
      factors.push({ key, raw, contribution, seen });
    }
    const z = v.report.prior * CALIBRATION + factors.reduce((n, f) => n + f.contribution, 0);
    return { score: Math.max(0, Math.min(100, Math.round(100 * sigmoid(z)))), factors };
  }

  function reasonView(v, f, total) {
    const a = attribute(f.key);
    const value = f.raw === null || f.raw === undefined ? null : labelOf(a, f.raw);
    const up = f.contribution >= 0;
    const sentence =
      value === null ? fill(up ? "{attribute} not given raises the score" : "{attribute} not given lowers the score", { attribute: a.name }) : fill(up ? a.up : a.down, { value });
    const s = v.report.stats[f.key]?.[f.raw ?? MISSING];
    const subject = value === null ? `leads without ${a.name.toLowerCase()}` : fill(a.subject, { value });
    let tooltip;
    if (!s || !f.seen) tooltip = `No closed lead had this value when the model was trained (global qualification rate ${pct(v.report.global)})`;
    else if (s.medianDays !== null)
      tooltip = `${pct(s.rate)} of ${subject} qualified (global ${pct(v.report.global)}), in ${Math.round(s.medianDays * 10) / 10} days on median (${s.closed} closed leads)`;
    else tooltip = `${pct(s.rate)} of ${subject} qualified (global ${pct(v.report.global)}; ${s.closed} closed leads)`;
    return {
      attribute: f.key,
      attributeName: a.name,
      value,
      sentence: sentence.charAt(0).toUpperCase() + sentence.slice(1),
      tooltip,
      contribution: f.contribution,
      weight: total > 0 ? Math.abs(f.contribution) / total : 0,
    };
  }

  /** Scores open leads `ids` (all open leads when null) with the first matching published model. */
  function scoreLeads(ids = null, atMs = clock()) {
    const summary = { openLeads: 0, scored: 0, unscored: 0, changed: 0 };
    const published = ordered().filter((m) => publishedOf(m));
    for (const l of leads()) {
      if (!isOpen(l) || (ids !== null && !ids.includes(l.id)) || Date.parse(l.createdAt) > atMs) continue;
      summary.openLeads += 1;
      const m = published.find((x) => matches(x.filter, l));
      const existing = scores.get(l.id) ?? null;
      if (!m) {
        summary.unscored += 1;
        if (existing) {
          scores.delete(l.id);
          l.score = null;
        }
        continue;
      }
      const v = publishedOf(m);
      const { score, factors } = explain(m, v, l);
      summary.scored += 1;
      const same = existing && existing.modelId === m.id && existing.version === v.version && existing.score === score;
      if (!same) {
        summary.changed += 1;
        const previous = existing?.score ?? null;
        const trend = previous === null ? "notEnoughInfo" : score - previous > m.trendTolerance ? "improving" : previous - score > m.trendTolerance ? "declining" : "steady";
        scores.set(l.id, { modelId: m.id, version: v.version, score, grade: gradeOf(m.grades, score), trend, previousScore: previous, scoredAt: iso(atMs), factors });
        const points = history.get(l.id) ?? [];
        points.push({ at: iso(atMs), score, version: v.version, modelId: m.id });
        history.set(l.id, points);
      } else {
        scores.get(l.id).factors = factors;
      }
      const s = scores.get(l.id);
      l.score = { score: s.score, grade: s.grade, trend: s.trend };
    }
    return summary;
  }

  function regrade(m) {
    for (const l of leads()) {
      const s = scores.get(l.id);
      if (s && s.modelId === m.id) {
        s.grade = gradeOf(m.grades, s.score);
        l.score = { score: s.score, grade: s.grade, trend: s.trend };
      }
    }
  }

  function versionSummary(v) {
    const m = v.report.metrics;
    return {
      version: v.version,
      trainedAt: v.trainedAt,
      state: v.state,
      publishedAt: v.publishedAt,
      accuracyStatus: accuracyStatus(m.rocAuc),
      accuracyLabel: ACCURACY_LABELS[accuracyStatus(m.rocAuc)],
      rocAuc: m.rocAuc,
      accuracy: m.accuracy,
      f1: m.f1,
      qualified: v.report.counts.qualified,
      disqualified: v.report.counts.disqualified,
      learner: v.report.learner,
    };
  }

  function filterView(filter) {
    return filter.map((c) => {
      const a = attribute(c.attribute);
      return { attribute: c.attribute, attributeName: a.name, values: [...c.values], labels: c.values.map((v) => labelOf(a, v)) };
    });
  }

  function modelSummary(m) {
    const open = new Set(leads().filter(isOpen).map((l) => l.id));
    const published = publishedOf(m);
    const latest = m.versions.reduce((t, v) => Math.max(t, Date.parse(v.trainedAt)), 0);
    const [qualified, disqualified] = closedCounts(m.filter, Date.parse(state.now));
    return {
      id: m.id,
      name: m.name,
      position: m.position,
      filter: filterView(m.filter),
      attributes: m.attributes ? [...m.attributes] : null,
      autoRetrain: m.autoRetrain,
      grades: { ...m.grades },
      trendTolerance: m.trendTolerance,
      publishedVersion: published?.version ?? null,
      retrainDueAt: m.autoRetrain && published ? iso(latest + 15 * DAY) : null,
      scoredLeads: [...scores.entries()].filter(([id, s]) => s.modelId === m.id && open.has(id)).length,
      qualified,
      disqualified,
      versions: [...m.versions].sort((a, b) => b.version - a.version).map(versionSummary),
    };
  }

  function overview() {
    const all = leads();
    const open = all.filter(isOpen);
    const [qualified, disqualified] = closedCounts([], Date.parse(state.now));
    return {
      models: noLeads() ? [] : ordered().map(modelSummary),
      maxModels: MAX_MODELS,
      minPerOutcome: MIN_PER_OUTCOME,
      qualified,
      disqualified,
      openLeads: open.length,
      scoredLeads: open.filter((l) => scores.has(l.id)).length,
      attributes: ATTRIBUTES.map((a) => {
        const counts = new Map();
        for (const l of all) {
          const v = a.get(l);
          if (v !== null && v !== undefined) counts.set(v, (counts.get(v) ?? 0) + 1);
        }
        const values = [...counts.entries()]
          .map(([value, n]) => ({ value, label: labelOf(a, value), leads: n }))
          .sort((x, y) => y.leads - x.leads || (x.label < y.label ? -1 : 1))
          .slice(0, 200);
        return { key: a.key, name: a.name, values };
      }),
    };
  }

  function findModel(id) {
    return models.find((m) => m.id === id) ?? null;
  }
  const notFoundModel = (id) => fail("notFound", `lead scoring model ${id}`);

  function checkForm(form, except) {
    const name = form.name.trim();
    if (except !== null && !name) return ["invalidInput", "a model needs a name"];
    if (name.length > 100) return ["invalidInput", "a model's name has at most 100 characters"];
    if (form.trendTolerance > 100) return ["invalidInput", `the trend tolerance is in score points, 0 to 100, not ${form.trendTolerance}`];
    const filterError = checkFilter(form.filter);
    if (filterError) return ["invalidInput", filterError];
    if (form.attributes && form.attributes.length === 0) return ["invalidInput", "choose at least one attribute, or let the model select them"];
    const other = models.find((m) => m.id !== except && canonical(m.filter) === canonical(form.filter));
    if (other) return ["invalidInput", `the model “${other.name}” already scores the same leads (same filter): change the filter or edit that model`];
    return null;
  }
  const cleanFilter = (filter) => filter.map((c) => ({ attribute: c.attribute, values: c.values.map((v) => v.trim()).filter(Boolean) }));
  const defaultName = (ms) => `LeadScoring_${iso(ms).slice(0, 16).replace(/[-:T]/g, "")}`;

  function addVersion(m, atMs) {
    const trained = train(m, atMs);
    if (trained.error) return trained;
    const version = { version: m.versions.reduce((n, v) => Math.max(n, v.version), 0) + 1, trainedAt: iso(atMs), state: "draft", publishedAt: null, report: trained.report };
    m.versions.push(version);
    return { version };
  }

  function publish(m, version, atMs = clock()) {
    for (const v of m.versions) if (v.state === "published") v.state = "retired";
    version.state = "published";
    version.publishedAt = iso(atMs);
    return scoreLeads(null, atMs);
  }

  // ---- charts (small SVGs in the spirit of the engine's) ----
  function rocSvg(v) {
    const W = 420;
    const H = 360;
    const x = (f) => 56 + f * (W - 76);
    const y = (f) => H - 44 - f * (H - 64);
    const curve = v.report.roc.map(([fx, fy]) => `${x(fx).toFixed(1)},${y(fy).toFixed(1)}`).join(" ");
    const auc = v.report.metrics.rocAuc.toFixed(3);
    return (
      `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">` +
      `<rect width="${W}" height="${H}" fill="#ffffff"/>` +
      `<rect x="${x(0)}" y="${y(1)}" width="${x(1) - x(0)}" height="${y(0) - y(1)}" fill="none" stroke="#e0e0e0"/>` +
      `<line x1="${x(0)}" y1="${y(0)}" x2="${x(1)}" y2="${y(1)}" stroke="#a0a0a0" stroke-dasharray="4 4"/>` +
      `<polyline points="${curve}" fill="none" stroke="#0f6cbd" stroke-width="2"/>` +
      `<text x="${x(0.55)}" y="${y(0.12)}" font-family="sans-serif" font-size="14" fill="#424242">AUC ${auc}</text>` +
      `<text x="${W / 2}" y="${H - 8}" font-family="sans-serif" font-size="12" fill="#424242" text-anchor="middle">False positive rate</text>` +
      `<text x="14" y="${H / 2}" font-family="sans-serif" font-size="12" fill="#424242" text-anchor="middle" transform="rotate(-90 14 ${H / 2})">True positive rate</text>` +
      `</svg>`
    );
  }

  function scoreSvg(points, grades) {
    const W = 520;
    const H = 240;
    const t0 = Date.parse(points[0].at);
    const span = Math.max(DAY, Date.parse(points.at(-1).at) - t0);
    const x = (at) => 56 + ((Date.parse(at) - t0) / span) * (W - 76);
    const y = (s) => H - 30 - (s / 100) * (H - 42);
    const colours = { A: "#107c10", B: "#881798", C: "#c19c00", D: "#d13438" };
    const bands = ["A", "B", "C", "D"]
      .map((g) => {
        const [lo, hi] = rangeOf(grades, g);
        const top = g === "A" ? 100 : hi + 1;
        return `<rect x="56" y="${y(top).toFixed(1)}" width="${W - 76}" height="${(y(lo) - y(top)).toFixed(1)}" fill="${colours[g]}" fill-opacity="0.12"/>`;
      })
      .join("");
    let line = "";
    for (let i = 0; i < points.length; i += 1) {
      const px = x(points[i].at).toFixed(1);
      line += i === 0 ? `${px},${y(points[i].score).toFixed(1)}` : ` ${px},${y(points[i - 1].score).toFixed(1)} ${px},${y(points[i].score).toFixed(1)}`;
    }
    const dots = points.map((p) => `<circle cx="${x(p.at).toFixed(1)}" cy="${y(p.score).toFixed(1)}" r="3" fill="#0f6cbd"/>`).join("");
    return (
      `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">` +
      `<rect width="${W}" height="${H}" fill="#ffffff"/>${bands}` +
      `<polyline points="${line}" fill="none" stroke="#0f6cbd" stroke-width="2"/>${dots}` +
      `<text x="14" y="${H / 2}" font-family="sans-serif" font-size="12" fill="#424242" text-anchor="middle" transform="rotate(-90 14 ${H / 2})">Score</text>` +
      `</svg>`
    );
  }

  // ---- set-up: the configured models, trained and published in order ----
  // Scores set by a test's lead records stay as they are (no model gave them).
  const explicit = new Map(leads().filter((l) => l.score !== null && l.score !== undefined).map((l) => [l.id, l.score]));
  for (const spec of state.models) {
    const m = {
      id: nextModelId++,
      name: spec.name,
      position: models.length + 1,
      filter: spec.filter,
      attributes: spec.attributes,
      autoRetrain: spec.autoRetrain,
      grades: { ...spec.grades },
      trendTolerance: spec.trendTolerance,
      versions: [],
    };
    models.push(m);
    for (const at of spec.trainedAt) {
      const made = addVersion(m, Date.parse(at));
      if (made.version && spec.published.includes(made.version.version)) publish(m, made.version, Date.parse(at) + 3_600_000);
    }
  }
  // Leads that arrived since the last publication were scored as they came.
  scoreLeads(null, Date.parse(state.now));
  for (const l of leads()) {
    if (!explicit.has(l.id)) continue;
    scores.delete(l.id);
    history.delete(l.id);
    l.score = explicit.get(l.id);
  }

  const changed = () => window.__PA_EMIT__("data-changed", { area: "leads" });

  window.__PA_SCORING__ = { state, models, scores, history };
  window.__PA_MOCK_COMMANDS__ = {
    ...(window.__PA_MOCK_COMMANDS__ ?? {}),
    lead_scoring_overview: () => failure("lead_scoring_overview") ?? overview(),
    scoring_version: ({ modelId, version }) => {
      const failed = failure("scoring_version");
      if (failed) return failed;
      const m = findModel(modelId);
      const v = m?.versions.find((x) => x.version === version);
      if (!m || !v) return fail("notFound", `version ${version} of lead scoring model ${modelId}`);
      const r = v.report;
      const metrics = r.metrics;
      const grades = ["A", "B", "C", "D"].map((grade) => {
        const [min, max] = rangeOf(m.grades, grade);
        const inGrade = metrics.validation.filter(([s]) => s >= min && s <= max);
        const atOrAbove = metrics.validation.filter(([s]) => s >= min);
        const qualifiedAbove = atOrAbove.filter(([, y]) => y).length;
        const positives = metrics.validation.filter(([, y]) => y).length;
        return {
          grade,
          min,
          max,
          leads: inGrade.length,
          qualified: inGrade.filter(([, y]) => y).length,
          precisionAtOrAbove: atOrAbove.length === 0 ? null : qualifiedAbove / atOrAbove.length,
          recallAtOrAbove: positives === 0 ? null : qualifiedAbove / positives,
        };
      });
      return {
        modelId: m.id,
        modelName: m.name,
        summary: versionSummary(v),
        rocAuc: metrics.rocAuc,
        prAuc: metrics.prAuc,
        logLoss: metrics.logLoss,
        uncalibratedLogLoss: metrics.uncalibratedLogLoss,
        brier: metrics.brier,
        expectedCalibrationError: metrics.expectedCalibrationError,
        accuracy: metrics.accuracy,
        recall: metrics.recall,
        precision: metrics.precision,
        f1: metrics.f1,
        thresholdScore: metrics.thresholdScore,
        conversionRate: metrics.conversionRate,
        truePositives: metrics.truePositives,
        falsePositives: metrics.falsePositives,
        trueNegatives: metrics.trueNegatives,
        falseNegatives: metrics.falseNegatives,
        trainingRows: r.counts.trainingRows,
        validationRows: r.counts.validationRows,
        calibration: r.calibration,
        windowStart: r.windowStart,
        chosenByAdmin: r.chosenByAdmin,
        attributes: r.attributes.map((a) => ({ ...a })),
        grades,
        rocSvg: rocSvg(v),
      };
    },
    create_scoring_model: ({ form }) => {
      const failed = failure("create_scoring_model");
      if (failed) return failed;
      const filter = cleanFilter(form.filter);
      if (models.length >= MAX_MODELS) {
        return fail("notAllowed", `a workspace holds at most ${MAX_MODELS} lead scoring models, published or not: delete one before adding another`);
      }
      const problem = checkForm({ ...form, filter }, null);
      if (problem) return fail(...problem);
      const m = {
        id: nextModelId++,
        name: form.name.trim() || defaultName(clock()),
        position: models.length + 1,
        filter,
        attributes: form.attributes ? [...form.attributes] : null,
        autoRetrain: form.autoRetrain,
        grades: { aMin: 75, bMin: 50, cMin: 25 },
        trendTolerance: form.trendTolerance,
        versions: [],
      };
      models.push(m);
      return modelSummary(m);
    },
    update_scoring_model: ({ modelId, form }) => {
      const failed = failure("update_scoring_model");
      if (failed) return failed;
      const m = findModel(modelId);
      if (!m) return notFoundModel(modelId);
      const filter = cleanFilter(form.filter);
      const problem = checkForm({ ...form, filter }, modelId);
      if (problem) return fail(...problem);
      Object.assign(m, { name: form.name.trim(), filter, attributes: form.attributes ? [...form.attributes] : null, autoRetrain: form.autoRetrain, trendTolerance: form.trendTolerance });
      return modelSummary(m);
    },
    delete_scoring_model: ({ modelId }) => {
      const failed = failure("delete_scoring_model");
      if (failed) return failed;
      const m = findModel(modelId);
      if (!m) return notFoundModel(modelId);
      models.splice(models.indexOf(m), 1);
      ordered().forEach((x, i) => {
        x.position = i + 1;
      });
      for (const [id, s] of scores) {
        if (s.modelId === modelId) {
          scores.delete(id);
          const l = leads().find((x) => x.id === id);
          if (l) l.score = null;
        }
      }
      const summary = scoreLeads();
      changed();
      return summary;
    },
    set_scoring_model_order: ({ modelIds }) => {
      const failed = failure("set_scoring_model_order");
      if (failed) return failed;
      const have = models.map((m) => m.id).sort();
      if (JSON.stringify([...modelIds].sort()) !== JSON.stringify(have)) {
        return fail("invalidInput", "the new order must list every lead scoring model exactly once");
      }
      modelIds.forEach((id, i) => {
        findModel(id).position = i + 1;
      });
      const summary = scoreLeads();
      changed();
      return summary;
    },
    async train_scoring_model({ modelId }) {
      const failed = failure("train_scoring_model");
      if (failed) return failed;
      const m = findModel(modelId);
      if (!m) return notFoundModel(modelId);
      await sleep(state.trainDelayMs);
      const made = addVersion(m, clock());
      if (made.error) return fail("invalidInput", made.error);
      return versionSummary(made.version);
    },
    publish_scoring_version: ({ modelId, version }) => {
      const failed = failure("publish_scoring_version");
      if (failed) return failed;
      const m = findModel(modelId);
      const v = m?.versions.find((x) => x.version === version);
      if (!m || !v) return fail("notFound", `version ${version} of lead scoring model ${modelId}`);
      const summary = publish(m, v);
      changed();
      return summary;
    },
    revert_scoring_model: ({ modelId, version }) => {
      const failed = failure("revert_scoring_model");
      if (failed) return failed;
      const m = findModel(modelId);
      const v = m?.versions.find((x) => x.version === version);
      if (!m || !v) return fail("notFound", `version ${version} of lead scoring model ${modelId}`);
      const current = publishedOf(m);
      if (!current) return fail("notAllowed", "nothing is published: publish a version instead of reverting");
      if (version >= current.version) {
        return fail("notAllowed", `reverting goes back to a version older than the published one (${current.version}); publish version ${version} instead`);
      }
      const summary = publish(m, v);
      changed();
      return summary;
    },
    set_grade_bound: ({ modelId, grade, upper, value }) => {
      const failed = failure("set_grade_bound");
      if (failed) return failed;
      const m = findModel(modelId);
      if (!m) return notFoundModel(modelId);
      const moved = withBound(m.grades, grade, upper, value);
      if (moved.error) {
        // As the app: the values this end can take now, for the window to say in its language.
        const allowed = [];
        for (let v = 0; v <= 100; v++) if (!withBound(m.grades, grade, upper, v).error) allowed.push(v);
        const details = allowed.length ? JSON.stringify({ min: allowed[0], max: allowed.at(-1) }) : null;
        return fail("invalidInput", moved.error, details);
      }
      m.grades = { ...moved.ranges };
      regrade(m);
      changed();
      return { ...m.grades };
    },
    reset_grade_ranges: ({ modelId }) => {
      const failed = failure("reset_grade_ranges");
      if (failed) return failed;
      const m = findModel(modelId);
      if (!m) return notFoundModel(modelId);
      m.grades = { aMin: 75, bMin: 50, cMin: 25 };
      regrade(m);
      changed();
      return { ...m.grades };
    },
    lead_score_detail: ({ id }) => {
      const failed = failure("lead_score_detail");
      if (failed) return failed;
      const l = leads().find((x) => x.id === id);
      const s = scores.get(id);
      if (!l || !s) return null;
      const m = findModel(s.modelId);
      const v = m?.versions.find((x) => x.version === s.version);
      const points = history.get(id) ?? [];
      const total = s.factors.reduce((n, f) => n + Math.abs(f.contribution), 0);
      const views = v ? [...s.factors].sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution)).map((f) => reasonView(v, f, total)) : [];
      return {
        score: s.score,
        grade: s.grade,
        trend: s.trend,
        trendLabel: TREND_LABELS[s.trend],
        previousScore: s.previousScore,
        modelId: s.modelId,
        modelName: m?.name ?? "",
        version: s.version,
        scoredAt: s.scoredAt,
        live: isOpen(l),
        positive: views.filter((r) => r.contribution > 0).slice(0, 5),
        negative: views.filter((r) => r.contribution < 0).slice(0, 5),
        factors: views,
        history: points.map((p) => ({ at: p.at, score: p.score, version: p.version })),
        chartSvg: scoreSvg(points.length > 0 ? points : [{ at: s.scoredAt, score: s.score }], m?.grades ?? { aMin: 75, bMin: 50, cMin: 25 }),
      };
    },
    customer_field_choices: () => {
      const failed = failure("customer_field_choices");
      if (failed) return failed;
      const counts = new Map();
      const sizes = new Map();
      for (const l of leads()) {
        const industry = l.industry.trim();
        if (industry) counts.set(industry, (counts.get(industry) ?? 0) + 1);
        sizes.set(l.companySize, (sizes.get(l.companySize) ?? 0) + 1);
      }
      return {
        industries: [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([i]) => i),
        companySizes: SIZES.map((value) => ({ value, label: sizeLabel(value).replace(/^m/, "M"), leads: sizes.get(value) ?? 0 })),
      };
    },
    edit_lead_customer: ({ id, form }) => {
      const failed = failure("edit_lead_customer");
      if (failed) return failed;
      const problems = [];
      if (Array.from(form.industry.trim()).length > 100) problems.push("industry: at most 100 characters");
      const size = form.companySize.trim();
      const band = SIZES.find((b) => b.toLowerCase() === size.toLowerCase());
      if (size && !band) problems.push(`companySize: unknown company size \`${size}\`; one of ${SIZES.join(", ")}`);
      if (problems.length > 0) return fail("invalidInput", `the form has problems: ${problems.join("; ")}`);
      const l = leads().find((x) => x.id === id);
      if (!l) return fail("notFound", `lead ${id}`);
      if (!isOpen(l) && l.substatus !== "Accepted") return fail("notAllowed", `this lead is archived (${l.substatus}) and can no longer be changed`);
      const industry = form.industry.trim();
      const companySize = band ?? "";
      if (industry !== l.industry || companySize !== l.companySize) {
        const at = iso(clock());
        l.industry = industry;
        l.companySize = companySize;
        l.updatedAt = at;
        l.history.push({ at, from: l.substatus, to: l.substatus, actor: "Partner", note: null, fields: [["industry", industry], ["companySize", companySize]] });
        scoreLeads([id], Date.parse(at));
        changed();
      }
      return window.__PA_MOCK_COMMANDS__.lead_detail({ id });
    },
  };
}
