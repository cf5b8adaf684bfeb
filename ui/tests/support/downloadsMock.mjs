// Installed with page.addInitScript after tauriMock.mjs: plays the Rust side of Microsoft's
// CloudAscent downloads. import_cloudascent_download takes the open dialog's next answer (null:
// cancelled; { error }: refused, invalidInput) and stores it (newest first in the list), emitting
// `data-changed` for `reports`; cloudascent_download_rows filters as the store does (text in the
// name, ID or domain; clusters, by code or letter, and minimum fit and intent on one area's score
// or any area's; minimums 0–100), sorts (file, name, ID, or an area's cluster ascending / fit and
// intent descending, which need an area) and pages; compare_cloudascent_download matches rows by
// CustomerID, else by name, scores the customers with the cluster map and gives the cluster
// agreement, same letter and Spearman's ρ (average ranks) per area, after `compareMs`;
// delete_cloudascent_download removes one. window.__PA_DOWNLOADS__ gives tests the state.
//
// This function is serialised into the page: it must not use anything from its module scope.
export function installDownloadsMock(config) {
  const state = JSON.parse(JSON.stringify(config));
  const fail = (code, message) => Promise.reject({ code, message, details: null });
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const changed = () => window.__PA_EMIT__?.("data-changed", { area: "reports" });
  const next = (list) => (list.length > 1 ? list.shift() : list[0]);
  let ticks = 0;
  const clock = () => new Date(Date.parse(state.now) + ticks++ * 60_000).toISOString().replace(".000Z", "Z");
  const band = (score) => (score >= 75 ? 0 : score >= 55 ? 1 : score >= 30 ? 2 : 3);
  const appArea = (area) => (area === "D365CE" ? "D365SP" : area);

  // The starting downloads get ids and import times, oldest first.
  state.downloads = state.downloads.map((d, i) => ({ id: i + 1, importedAt: d.importedAt ?? clock(), ...d }));
  const summary = (d) => ({
    id: d.id,
    kind: d.kind,
    fileName: d.fileName,
    importedAt: d.importedAt,
    rows: d.rows.length,
    columns: d.columns.length,
    unknownColumns: d.unknownColumns,
    warnings: d.warnings,
  });
  const find = (id) => state.downloads.find((d) => d.id === id);

  function rowsOf(d, query) {
    const text = query.text?.trim().toLowerCase();
    const clusters = (query.clusters ?? []).map((c) => c.trim().toUpperCase()).filter(Boolean);
    const scoreOk = (s) =>
      (clusters.length === 0 || clusters.some((c) => (c.length === 1 ? s.cluster?.[0] === c : s.cluster === c))) &&
      (query.minFit === null || query.minFit === undefined || (s.fit !== null && s.fit >= query.minFit)) &&
      (query.minIntent === null || query.minIntent === undefined || (s.intent !== null && s.intent >= query.minIntent));
    const filtering = clusters.length > 0 || (query.minFit ?? null) !== null || (query.minIntent ?? null) !== null;
    let rows = d.rows.filter((r) => {
      if (text && ![r.customerName, r.customerId, r.domain].some((v) => v?.toLowerCase().includes(text))) return false;
      if (!filtering) return true;
      const scores = query.area ? [r.scores[query.area]].filter(Boolean) : Object.values(r.scores);
      return scores.some(scoreOk);
    });
    const key = {
      file: null,
      customerName: (r) => r.customerName?.toLowerCase() ?? null,
      customerId: (r) => r.customerId,
      cluster: (r) => r.scores[query.area]?.cluster ?? null,
      fit: (r) => r.scores[query.area]?.fit ?? null,
      intent: (r) => r.scores[query.area]?.intent ?? null,
    }[query.sort];
    if (key) {
      const descending = query.sort === "fit" || query.sort === "intent";
      rows = [...rows].sort((a, b) => {
        const x = key(a);
        const y = key(b);
        if ((x === null) !== (y === null)) return x === null ? 1 : -1;
        if (x !== y && x !== null) return (x < y ? -1 : 1) * (descending ? -1 : 1);
        return a.rowNumber - b.rowNumber;
      });
    }
    return rows;
  }

  function ranks(values) {
    const order = values.map((v, i) => [v, i]).sort((a, b) => a[0] - b[0]);
    const r = new Array(values.length);
    for (let i = 0; i < order.length; ) {
      let j = i;
      while (j + 1 < order.length && order[j + 1][0] === order[i][0]) j += 1;
      for (let k = i; k <= j; k += 1) r[order[k][1]] = (i + j) / 2 + 1;
      i = j + 1;
    }
    return r;
  }
  function spearman(pairs) {
    if (pairs.length < 3) return null;
    const a = ranks(pairs.map((p) => p[0]));
    const b = ranks(pairs.map((p) => p[1]));
    const mean = (xs) => xs.reduce((s, x) => s + x, 0) / xs.length;
    const ma = mean(a);
    const mb = mean(b);
    let num = 0;
    let da = 0;
    let db = 0;
    for (let i = 0; i < a.length; i += 1) {
      num += (a[i] - ma) * (b[i] - mb);
      da += (a[i] - ma) ** 2;
      db += (b[i] - mb) ** 2;
    }
    return da === 0 || db === 0 ? null : num / Math.sqrt(da * db);
  }

  function compare(d) {
    const byId = new Map(state.customers.map((c) => [c.tpid, c]));
    const norm = (s) => s.toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();
    const byName = new Map(state.customers.map((c) => [norm(c.name), c]));
    const areas = [...new Set(d.columns.filter((c) => c.role.startsWith("cluster:")).map((c) => c.role.slice(8)))];
    const tally = Object.fromEntries(areas.map((a) => [a, { clusters: 0, same: 0, letter: 0, fit: [], intent: [] }]));
    let matchedById = 0;
    let matchedByName = 0;
    const rowsCompared = d.rows.map((r) => {
      let customer = r.customerId ? byId.get(r.customerId) : undefined;
      let matchedBy = customer ? "customerId" : null;
      if (!customer && r.customerName) {
        customer = byName.get(norm(r.customerName));
        if (customer) matchedBy = "name";
      }
      if (matchedBy === "customerId") matchedById += 1;
      if (matchedBy === "name") matchedByName += 1;
      return {
        rowNumber: r.rowNumber,
        customerId: r.customerId,
        customerName: r.customerName,
        matchedBy,
        areas: areas.map((area) => {
          const ms = r.scores[area] ?? { cluster: null, fit: null, intent: null };
          const app = customer ? customer.scores[appArea(area)] : null;
          const appCluster = app ? state.clusterMap[band(app.fit)][band(app.intent)] : null;
          if (app) {
            const t = tally[area];
            if (ms.cluster) {
              t.clusters += 1;
              if (ms.cluster === appCluster) t.same += 1;
              if (ms.cluster[0] === appCluster[0]) t.letter += 1;
            }
            if (ms.fit !== null) t.fit.push([ms.fit, app.fit]);
            if (ms.intent !== null) t.intent.push([ms.intent, app.intent]);
          }
          return { area, microsoftCluster: ms.cluster, microsoftFit: ms.fit, microsoftIntent: ms.intent, appCluster, appFit: app?.fit ?? null, appIntent: app?.intent ?? null };
        }),
      };
    });
    const pct = (n, of) => (of === 0 ? null : (n / of) * 100);
    const all = Object.values(tally).reduce((s, t) => ({ clusters: s.clusters + t.clusters, same: s.same + t.same }), { clusters: 0, same: 0 });
    return {
      download: summary(d),
      asOf: state.asOf,
      customersScored: state.customers.length,
      rows: d.rows.length,
      matched: matchedById + matchedByName,
      matchedById,
      matchedByName,
      clusterAgreementPct: pct(all.same, all.clusters),
      areas: areas.map((area) => {
        const t = tally[area];
        return {
          area,
          clustersCompared: t.clusters,
          sameCluster: t.same,
          clusterAgreementPct: pct(t.same, t.clusters),
          sameLetterPct: pct(t.letter, t.clusters),
          fitPairs: t.fit.length,
          fitSpearman: spearman(t.fit),
          intentPairs: t.intent.length,
          intentSpearman: spearman(t.intent),
        };
      }),
      rowsCompared: rowsCompared.slice(0, 500),
    };
  }

  window.__PA_DOWNLOADS__ = { state, compare: (id) => compare(find(id)) };
  window.__PA_MOCK_COMMANDS__ = {
    ...(window.__PA_MOCK_COMMANDS__ ?? {}),
    async import_cloudascent_download() {
      await sleep(30);
      const pick = next(state.openPicks);
      if (pick === null || pick === undefined) return null;
      if (pick.error) return fail("invalidInput", pick.error);
      const d = { ...JSON.parse(JSON.stringify(pick)), id: Math.max(0, ...state.downloads.map((x) => x.id)) + 1, importedAt: clock() };
      state.downloads.push(d);
      changed();
      return summary(d);
    },
    cloudascent_downloads: () => [...state.downloads].sort((a, b) => (a.importedAt < b.importedAt ? 1 : a.importedAt > b.importedAt ? -1 : b.id - a.id)).map(summary),
    cloudascent_download_rows({ id, query }) {
      const d = find(id);
      if (!d) return fail("notFound", `no CloudAscent import ${id}`);
      if (["cluster", "fit", "intent"].includes(query.sort) && !query.area) return fail("invalidInput", "sorting by a score needs an area");
      for (const [what, v] of [["fit", query.minFit], ["intent", query.minIntent]]) {
        if (v !== null && v !== undefined && !(v >= 0 && v <= 100)) return fail("invalidInput", `the minimum ${what} must be from 0 to 100`);
      }
      const rows = rowsOf(d, query);
      const limit = Math.max(1, Math.min(1000, query.limit));
      return {
        download: summary(d),
        columns: d.columns,
        total: rows.length,
        offset: query.offset,
        rows: rows.slice(query.offset, query.offset + limit).map((r) => ({ rowNumber: r.rowNumber, line: r.line, cells: r.cells })),
      };
    },
    async compare_cloudascent_download({ id }) {
      const d = find(id);
      if (!d) return fail("notFound", `no CloudAscent import ${id}`);
      await sleep(state.compareMs);
      return compare(d);
    },
    delete_cloudascent_download({ id }) {
      if (!find(id)) return fail("notFound", `no CloudAscent import ${id}`);
      state.downloads = state.downloads.filter((d) => d.id !== id);
      changed();
      return null;
    },
  };
}
