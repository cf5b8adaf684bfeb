// Installed with page.addInitScript after tauriMock.mjs: plays the Rust side of CRM matching
// (SPEC §6.4). import_crm_accounts takes the native open dialog's next answer (null: cancelled; an
// { error } answer: the file refused, all or nothing, invalidInput with line numbers; else a
// list that replaces the stored one) and emits `data-changed` for `reports`. crm_matches matches
// each customer by, in order, the normalised domain (lower case, no scheme, no www., no path),
// the name without legal suffixes and accents (confidence 0.9 when only the suffix differs), then
// the TPID; counts the methods, the accounts no customer took, and lists the first 500 customers.
// export_crm_matches takes the save dialog's next answer and returns the counts with the path.
// window.__PA_CRM__ gives tests the state.
//
// This function is serialised into the page: it must not use anything from its module scope.
export function installCrmMock(config) {
  const state = JSON.parse(JSON.stringify(config));
  const fail = (code, message) => Promise.reject({ code, message, details: null });
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const changed = () => window.__PA_EMIT__?.("data-changed", { area: "reports" });
  const next = (list) => (list.length > 1 ? list.shift() : list[0]);

  const domainOf = (value) =>
    value
      ? value
          .trim()
          .toLowerCase()
          .replace(/^[a-z]+:\/\//, "")
          .replace(/^www\./, "")
          .replace(/[/?#].*$/, "") || null
      : null;
  const SUFFIXES = /\b(inc|ltd|limited|gmbh|s\.?a|sas|sp\. z o\.o|sp z oo|llc|plc|hq)\b\.?/g;
  const nameOf = (value) =>
    value
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/\(.*?\)/g, " ")
      .replace(SUFFIXES, " ")
      .replace(/[^a-z0-9]+/g, " ")
      .trim();

  function matches() {
    const byDomain = new Map();
    const byName = new Map();
    const byTpid = new Map();
    state.accounts.forEach((a, i) => {
      const d = domainOf(a.domain);
      if (d && !byDomain.has(d)) byDomain.set(d, i);
      const n = nameOf(a.name);
      if (n && !byName.has(n)) byName.set(n, i);
      if (a.tpid && !byTpid.has(a.tpid)) byTpid.set(a.tpid, i);
    });
    const used = new Set();
    const counts = { domain: 0, name: 0, tpid: 0, none: 0 };
    const rows = state.customers.map((c) => {
      let found = null;
      const d = domainOf(c.domain);
      if (d && byDomain.has(d)) found = { i: byDomain.get(d), method: "domain", confidence: 1 };
      else if (byName.has(nameOf(c.name))) {
        const i = byName.get(nameOf(c.name));
        found = { i, method: "name", confidence: state.accounts[i].name.toLowerCase() === c.name.toLowerCase() ? 1 : 0.9 };
      } else if (c.tpid && byTpid.has(c.tpid)) found = { i: byTpid.get(c.tpid), method: "tpid", confidence: 1 };
      counts[found?.method ?? "none"] += 1;
      if (found) used.add(found.i);
      const account = found ? state.accounts[found.i] : null;
      return {
        tenantId: c.tenantId,
        customerId: c.tpid,
        customerName: c.name,
        domain: c.domain,
        crmId: account?.crmId ?? null,
        crmName: account?.name ?? null,
        method: found?.method ?? "none",
        confidence: found ? found.confidence : 0,
      };
    });
    return {
      asOf: state.asOf,
      customers: state.customers.length,
      byDomain: counts.domain,
      byName: counts.name,
      byTpid: counts.tpid,
      unmatched: counts.none,
      accounts: state.accounts.length,
      accountsUnused: state.accounts.length - used.size,
      path: null,
      rows,
    };
  }

  window.__PA_CRM__ = { state };
  window.__PA_MOCK_COMMANDS__ = {
    ...(window.__PA_MOCK_COMMANDS__ ?? {}),
    async import_crm_accounts() {
      await sleep(30);
      const pick = next(state.openPicks);
      if (pick === null || pick === undefined) return null;
      if (pick.error) return fail("invalidInput", pick.error);
      const replaced = state.accounts.length;
      state.accounts = pick.accounts;
      changed();
      return { accounts: pick.accounts.length, replaced, encoding: pick.encoding, delimiter: pick.delimiter, warnings: pick.warnings };
    },
    crm_matches: () => {
      const view = matches();
      return { ...view, rows: view.rows.slice(0, 500) };
    },
    async export_crm_matches({ language }) {
      await sleep(30);
      const path = next(state.savePicks);
      if (path === null || path === undefined) return null;
      state.exports.push({ path, language });
      return { ...matches(), path, rows: [] };
    },
  };
}
