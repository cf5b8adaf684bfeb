// Deterministic Sales Advisor data for the UI tests: a few hundred opportunities of 200 fictional
// customers, as the backend would list them after a refresh of the demo snapshot of 2025-03-31.
// Shapes follow src/bindings.ts (OpportunityRow_Serialize etc.) exactly.

export const AS_OF = "2025-03-31";
export const REFRESHED_AT = "2025-04-02T08:15:42Z";
export const EXPORT_PATH = "/home/ana/Documents/opportunities-2025-04-02.csv";

/** mulberry32: the same numbers on every run. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAMES = [
  "Contoso", "Fabrikam", "Northwind Traders", "Adventure Works", "Tailspin Toys", "Wingtip Toys",
  "Litware", "Proseware", "Woodgrove Bank", "Alpine Ski House", "Coho Winery", "Lucerne Publishing",
  "Margie's Travel", "Trey Research", "Fourth Coffee", "Blue Yonder Airlines", "Humongous Insurance",
  "Wide World Importers", "A. Datum", "Relecloud", "Café Zürich", "Łódź Logistyka", "Société Générale du Nord",
  "Peña Asesores", "Graphic Design Institute", "School of Fine Art", "VanArsdel", "Southridge Video",
  "Bellows College", "City Power & Light", "Consolidated Messenger", "First Up Consultants",
  "Lamna Healthcare", "Nod Publishers", "Olympia", "Munson's Pickles", "Best For You Organics",
  "Tasmanian Traders", "Wingtip Construcción", "Boulangerie Lefèvre",
];
const PLACES = ["Madrid", "Lyon", "Kraków", "Boston", "Sevilla", "Gdańsk", "Nantes", "Denver", "Wrocław", "Toulouse"];

const MODELS = {
  trials: { type: "acquisition", product: "Microsoft Teams Essentials", text: "Convert the Teams Exploratory trial to a paid subscription" },
  bSku: { type: "growth", product: "Microsoft 365 Business Premium", text: "Upgrade to Microsoft 365 Business Premium" },
  eSku: { type: "growth", product: "Microsoft 365 E5", text: "Upgrade from Office 365 E3 to Microsoft 365 E5" },
  mdo: { type: "growth", product: "Microsoft Defender for Office 365 (Plan 2)", text: "Add Defender for Office 365 Plan 2 to protect e-mail and collaboration" },
  mdb: { type: "growth", product: "Microsoft Defender for Business", text: "Protect devices with Microsoft Defender for Business" },
  churn: { type: "retention", product: null, text: "Reduce churn risk: Teams and Microsoft 365 Apps usage is falling" },
  smbEngagement: { type: "retention", product: null, text: "Raise engagement: 3 of 5 workloads are below 50% active" },
  mfa: { type: "retention", product: null, text: "Turn on multifactor authentication for every user" },
};
const BY_TYPE = {
  acquisition: ["trials"],
  retention: ["churn", "smbEngagement", "mfa"],
  growth: ["bSku", "eSku", "mdo", "mdb"],
};

/** Month ends from 2024-04-30 to 2025-03-31: when each opportunity first appeared. */
const MONTH_ENDS = Array.from({ length: 12 }, (_, i) => new Date(Date.UTC(2024, 4 + i, 0)).toISOString().slice(0, 10));

function slug(text) {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/ł/gi, "l")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "");
}

function hex(rand, n) {
  let out = "";
  for (let i = 0; i < n; i += 1) out += Math.floor(rand() * 16).toString(16);
  return out;
}

export function statusOf(pct) {
  return pct >= 60 ? "high" : pct >= 30 ? "medium" : "low";
}

/** The opportunities, one per customer and type at most, sorted newest first (as the backend lists them). */
export function makeOpportunities(customers = 200, seed = 20250331) {
  const rand = random(seed);
  const rows = [];
  for (let c = 0; c < customers; c += 1) {
    const name = NAMES[c % NAMES.length];
    const place = PLACES[Math.floor(c / NAMES.length) % PLACES.length];
    const customer = c < NAMES.length ? name : `${name} ${place}`;
    const domain = `${slug(customer)}.${c % 3 === 0 ? "onmicrosoft.com" : c % 3 === 1 ? "com" : "eu"}`;
    const tenantId = `${hex(rand, 8)}-${hex(rand, 4)}-4${hex(rand, 3)}-a${hex(rand, 3)}-${hex(rand, 12)}`;
    const seats = 5 + Math.floor(rand() ** 2 * 900);
    for (const type of ["acquisition", "retention", "growth"]) {
      const chance = type === "acquisition" ? 0.25 : type === "retention" ? 0.6 : 0.75;
      if (rand() >= chance) continue;
      const models = BY_TYPE[type];
      const model = models[Math.floor(rand() * models.length)];
      const spec = MODELS[model];
      const pct = 5 + Math.floor(rand() * 91);
      const n = rows.length;
      rows.push({
        key: `${tenantId}:${type}:${model}:${spec.product ?? "-"}`,
        tenantId,
        customer,
        domain,
        recommendation: spec.text,
        model,
        type,
        product: spec.product,
        status: statusOf(pct),
        probabilityPct: pct,
        seats: type === "acquisition" ? Math.max(5, Math.round(seats / 4)) : seats,
        dateAdded: MONTH_ENDS[Math.floor(rand() * MONTH_ENDS.length)],
        feedback:
          n % 17 === 5
            ? { helpful: true, reason: "goodTiming", comment: null }
            : n % 23 === 7
              ? { helpful: false, reason: "alreadyInProgress", comment: "Quoted last week." }
              : null,
        dismissed: n % 97 === 13,
      });
    }
  }
  return rows;
}

export const OPPORTUNITIES = makeOpportunities();

/** The eight models as `opportunity_models` reports them after the demo refresh (ModelSummary_Serialize). */
export const MODEL_SUMMARIES = [
  { model: "bSku", name: "Microsoft 365 Business SKUs", method: "machineLearning", learned: true, learner: "gradient-boosted trees", validationAucMilli: 812, trainingRows: 4200, candidates: 96, note: "learned from 7 snapshots; validated on the latest 2" },
  { model: "eSku", name: "Microsoft 365 Enterprise SKUs", method: "machineLearning", learned: true, learner: "logistic regression", validationAucMilli: 774, trainingRows: 4200, candidates: 41, note: "learned from 7 snapshots; validated on the latest 2" },
  { model: "churn", name: "Churn risk", method: "machineLearning", learned: true, learner: "gradient-boosted trees", validationAucMilli: 705, trainingRows: 4200, candidates: 58, note: "learned from 7 snapshots; validated on the latest 2" },
  { model: "smbEngagement", name: "SMB tenant engagement", method: "businessRule", learned: false, learner: null, validationAucMilli: null, trainingRows: 0, candidates: 37, note: "rule: at least 3 of 5 workloads below 50% active users" },
  { model: "mdo", name: "Defender for Office 365", method: "decisionTree", learned: true, learner: "decision tree", validationAucMilli: 688, trainingRows: 4200, candidates: 29, note: "learned tree, depth 4" },
  { model: "mfa", name: "Multifactor authentication", method: "decisionTree", learned: false, learner: null, validationAucMilli: 641, trainingRows: 0, candidates: 33, note: "shipped tree: too few positive examples to learn (12 < 30)" },
  { model: "mdb", name: "Defender for Business", method: "decisionTree", learned: false, learner: null, validationAucMilli: null, trainingRows: 0, candidates: 18, note: "shipped tree: no snapshot history yet for this product" },
  { model: "trials", name: "Trials", method: "businessRule", learned: false, learner: null, validationAucMilli: null, trainingRows: 0, candidates: 12, note: "rule: trials ending within 30 days" },
];

/** The backend's defaults (OpportunitySettings::default, SPEC §3), as `opportunity_settings` returns them. */
export const DEFAULT_SETTINGS = {
  high: 0.6,
  medium: 0.3,
  minProbability: 0.15,
  horizonMonths: 6,
  trendTolerancePoints: 5,
  smbThreshold: 0.5,
  smbMinWorkloads: 3,
  smbMinAssigned: 5,
  smbMaxEmployees: 299,
  trialWindowDays: 30,
  seed: 7,
};

/** The mock's opportunities state: after a refresh (default) or before the first one. */
export function opportunityState({ refreshed = true, rows = OPPORTUNITIES, ...rest } = {}) {
  return {
    asOf: refreshed ? AS_OF : null,
    refreshedAt: refreshed ? REFRESHED_AT : null,
    customerTenants: 3000,
    rows: refreshed ? rows : [],
    // What a refresh lists (the empty-state test starts without opportunities).
    afterRefresh: rows,
    refreshDelayMs: 300,
    exportPath: EXPORT_PATH,
    exportCancelled: false,
    // What opportunity_models reports, and after a refresh.
    models: refreshed ? MODEL_SUMMARIES : [],
    modelsAfterRefresh: MODEL_SUMMARIES,
    settings: DEFAULT_SETTINGS,
    failures: {},
    ...rest,
  };
}

/** Accent- and case-insensitive, as the backend matches tenant names and domains. */
export function fold(text) {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/ł/g, "l")
    .replace(/Ł/g, "L")
    .toLowerCase();
}
