// Microsoft's CloudAscent downloads for the UI tests (downloadsMock.mjs): files as the native open
// dialog hands them over, made from the propensity fixtures' customers with Microsoft's own
// scores (the app's, shifted a little, so that most clusters agree and some do not), columns with
// the roles the backend gives them (cluster:M365, fit:M365, firmographic:CustomerId, play…), two
// columns the report does not document, rows of customers the app does not know, and rows whose
// CustomerID is empty (matched by name).
import { CUSTOMERS, DEFAULT_CLUSTER_MAP } from "./propensityFixtures.mjs";

const band = (score) => (score >= 75 ? 0 : score >= 55 ? 1 : score >= 30 ? 2 : 3);
const clusterOf = (fit, intent) => DEFAULT_CLUSTER_MAP[band(fit)][band(intent)];
const clamp = (n) => Math.max(0, Math.min(100, n));
/** The fixtures' customers know D365 Sales as D365SP (the old column prefix). */
const appArea = (area) => (area === "D365CE" ? "D365SP" : area);

const FIRMO = [
  ["MPNID", "firmographic:MpnId"],
  ["PartnerName", "firmographic:PartnerName"],
  ["CustomerID", "firmographic:CustomerId"],
  ["AccountName", "firmographic:AccountName"],
  ["Domain", "firmographic:Domain"],
  ["Industry", "firmographic:Industry"],
  ["Country", "firmographic:Country"],
  ["SMCTypeSummary", "firmographic:SmcTypeSummary"],
];

/**
 * A download of `kind` scoring `areas`: `matched` customers (the last `byName` of them without a
 * CustomerID), then `strangers` rows of customers the app does not have.
 */
export function makeDownload({ kind = "m365", areas = ["M365", "Surface"], fileName = "M365_Propensity_Northwind_2025-03.csv", matched = 240, byName = 30, strangers = 10, unknown = ["FY25 Copilot Accelerator", "Partner Notes"], warnings = [] } = {}) {
  const columns = [
    ...FIRMO.map(([name, role]) => ({ name, role, known: true })),
    { name: "MW_Copilot_Attach Copilot to Microsoft 365", role: "play", known: true },
    ...areas.flatMap((a) => [
      { name: `${a}Cluster`, role: `cluster:${a}`, known: true },
      { name: `${a}Fit`, role: `fit:${a}`, known: true },
      { name: a === "Surface" ? "Surface Intent" : `${a}Intent`, role: `intent:${a}`, known: true },
    ]),
    ...unknown.map((name) => ({ name, role: "play", known: false })),
    { name: "Transactedinthelast36months", role: "transacted", known: true },
  ];
  const rows = [];
  const people = [
    ...CUSTOMERS.slice(0, matched).map((c, i) => ({ c, i, id: i >= matched - byName ? "" : c.tpid })),
    ...Array.from({ length: strangers }, (_, k) => ({ c: null, i: matched + k, id: String(9_900_000 + k) })),
  ];
  for (const { c, i, id } of people) {
    const scores = {};
    for (const a of areas) {
      const base = c ? c.scores[appArea(a)] : { fit: (i * 29) % 100, intent: (i * 47) % 100 };
      const fit = clamp(base.fit + ((i * 37) % 17) - 8);
      const intent = clamp(base.intent + ((i * 53) % 23) - 11);
      scores[a] = { cluster: clusterOf(fit, intent), fit, intent };
    }
    const name = c ? c.name : `Stranger Holdings ${i}`;
    const cells = columns.map((col) => {
      const [what, area] = col.role.split(":");
      if (what === "cluster") return scores[area].cluster;
      if (what === "fit") return String(scores[area].fit);
      if (what === "intent") return String(scores[area].intent);
      switch (col.name) {
        case "MPNID":
          return "4817352";
        case "PartnerName":
          return "Northwind Cloud Solutions";
        case "CustomerID":
          return id;
        case "AccountName":
          return name;
        case "Domain":
          return c ? c.domain : `stranger${i}.example.net`;
        case "Industry":
          return c ? c.industry : "Retail";
        case "Country":
          return c ? c.country : "PL";
        case "SMCTypeSummary":
          return c ? c.smc : "Medium";
        case "FY25 Copilot Accelerator":
          return i % 4 === 0 ? "Yes" : "No";
        case "Partner Notes":
          return i % 9 === 0 ? "Visited in March" : "";
        case "Transactedinthelast36months":
          return c?.transacted === false ? "No" : "Yes";
        default:
          return i % 3 === 0 ? "Yes" : "No";
      }
    });
    rows.push({ rowNumber: rows.length + 1, line: rows.length + 2, customerId: id || null, customerName: name, domain: c ? c.domain : `stranger${i}.example.net`, scores, cells });
  }
  return { kind, fileName, columns, rows, unknownColumns: unknown, warnings };
}

/** The mock's starting state: the downloads imported (newest last in `downloads`), the open dialog's answers. */
export function downloadsState({ downloads = [], openPicks = [null], compareMs = 300 } = {}) {
  return {
    downloads,
    openPicks,
    compareMs,
    now: "2025-04-02T08:30:00Z",
    asOf: "2025-03-31",
    clusterMap: DEFAULT_CLUSTER_MAP,
    customers: CUSTOMERS.map((c) => ({ tpid: c.tpid, name: c.name, scores: c.scores })),
  };
}
