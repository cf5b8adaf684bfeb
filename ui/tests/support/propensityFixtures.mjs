// Propensity reports for the UI tests (propensityMock.mjs): the six CloudAscent reports' catalogue
// with their real column names (crates/formats/src/cloudascent/columns.rs, fewer plays), customers
// with fit and intent scores for the preview rows, the default 4×4 cluster map (SPEC §6.1) and
// saved reports and schedules to start from.

export const PARTNER = { mpnId: "4817352", name: "Northwind Cloud Solutions" };
/** The backend's clock. */
export const NOW = "2025-04-02T08:20:00Z";
export const AS_OF = "2025-03-31";
export const REPORTS_FOLDER = "/home/ana/Documents/Partner Advisor/Reports";

export const DEFAULT_CLUSTER_MAP = [
  ["A1", "A2", "B1", "C1"],
  ["A3", "A4", "B3", "C3"],
  ["B2", "B4", "D1", "D2"],
  ["C2", "C4", "D3", "D4"],
];

const FIRMOGRAPHICS = [
  "MPNID",
  "PartnerName",
  "CustomerID",
  "DUNSNumber",
  "AccountName",
  "Domain",
  "OrgSize",
  "Industry",
  "Vertical",
  "Area",
  "Subsidiary",
  "SalesTerritory",
  "City",
  "State",
  "PostalCode",
  "Country",
  "Segment",
  "SubSegment",
  "SMCTypeSummary",
  "IsNonprofit",
];
const FLAGS = ["Has Azure", "Has D365", "Has M365", "HasGoogle", "HasAWS", "HasEA", "HasOpen"];
const MW_PLAYS = [
  "MW_On Prem Acq_Office 2016_2019",
  "MW_Transition Customer - Compete (Zoom) with M365",
  "MW_Transition Customer - Compete Google Workspace",
  "MW_Upsell Existing Cloud Customer - EMS Suites_Standalones",
  "MW_Upsell Existing Cloud Customer - ME3_OE5 to ME5",
  "MW_Business Premium_E SKU Attach >50",
  "MW_Copilot_Attach Copilot to Microsoft 365",
];

const g = (group, names) => names.map((name) => ({ name, group }));
const firmographics = (mpn = "MPNID") => g("firmographic", [mpn, ...FIRMOGRAPHICS.slice(1)]);
const triple = (area, intent = `${area}Intent`) => g("score", [`${area}Cluster`, `${area}Fit`, intent]);

const COLUMNS = {
  renewal: [
    ...firmographics(),
    ...g("renewal", ["License Program", "Agreement ID", "Agreement End Date", "Expiration Type", "Expiring Revenue", "RevSumDivisionName", "RenewalSignals"]),
    ...g("score", ["AzureCluster", "D365SPCluster", "D365BCCluster", "M365Cluster", "PowerAppsCluster"]),
    ...g("flag", ["HasEA", "HasOpen"]),
    ...g("transacted", ["Transactedinthelast36months"]),
  ],
  azure: [
    ...firmographics(),
    ...g("play", ["Migrate and Secure Win SQL Server Linux First workload MW to Azure", "FY24 Offers"]),
    ...triple("Azure"),
    ...g("workload", ["NumberofExistingWorkloads", "Existing Workloads", "NumberofRecommendedWorkloads", "RecommendedWorkloads"]),
    ...g("flag", FLAGS),
    ...g("signals", ["AzureSignals"]),
    ...g("revenue", ["AzureRevenuePotential"]),
    ...g("transacted", ["Transactedinthelast36months"]),
  ],
  d365: [
    ...firmographics(),
    ...g("play", [
      "Scale_Business_Operations_Migrate_Dynamics_OnPrem_to_Business_Central",
      "D365_BC Customers with no D365 SalesPro or Sales Enterprise",
      "D365_Azure Customers with No Power Platform",
      "FY24 Offers",
    ]),
    ...triple("D365BC"),
    ...triple("D365SP"),
    ...triple("PowerApps"),
    ...g("flag", FLAGS),
    ...g("signals", ["D365BCSignals", "D365SPSignals", "PowerAppsSignals"]),
    ...g("revenue", ["D365BCRevenuePotential", "D365SPRevenuePotential", "PowerAppsRevenuePotential"]),
    ...g("transacted", ["Transactedinthelast36months"]),
  ],
  m365: [
    ...firmographics(),
    ...g("play", [...MW_PLAYS, "FY24 Offers"]),
    ...triple("M365"),
    ...triple("Surface", "Surface Intent"),
    ...g("flag", ["M365UpsellCustomer", ...FLAGS, "Has CoPilot"]),
    ...g("signals", ["M365Signals", "SurfaceSignals"]),
    ...g("revenue", ["M365RevenuePotential", "SurfaceRevenuePotential"]),
    ...g("transacted", ["Transactedinthelast36months"]),
  ],
  security: [
    ...firmographics(),
    ...g("play", ["Threat_Protection_Advanced_XDR", "FY24 Offers"]),
    ...triple("Security"),
    ...g("flag", ["Has M365", "HasEA", "HasOpen"]),
    ...g("signals", ["SecuritySignals"]),
    ...g("revenue", ["SecurityRevenuePotential"]),
    ...g("transacted", ["Transactedinthelast36months"]),
  ],
  surface: [
    ...firmographics("MPN ID"),
    ...g("play", [
      ...MW_PLAYS.slice(0, 3),
      "Surface_Acquire_No Surface with M365_1-49 Seats",
      "Surface_Acquire_No Surface with M365_50+ Seats",
      "Surface_Upsell_Surface Purchased in the Last 3 Years_1-24 Devices",
      "Surface_Upsell_Surface Purchased in the Last 3 Years_25+ Devices",
      "FY24 Offers",
    ]),
    ...triple("M365"),
    ...triple("Surface"),
    ...g("flag", ["M365UpsellCustomer", ...FLAGS]),
    ...g("signals", ["SurfaceSignals"]),
    ...g("revenue", ["SurfaceRevenuePotential"]),
    ...g("transacted", ["Transacted in the last 36 months"]),
  ],
};

// Titles and descriptions as the backend sends them, in the UI language.
const TEXTS = {
  en: {
    renewal: ["Agreement renewal", "Customers whose agreements expire soon, with every solution area's cluster."],
    azure: ["Azure", "Customers ready to migrate workloads to Azure, or to grow their Azure use."],
    d365: ["D365", "Business Central, Sales Pro and Power Apps prospects among your customers."],
    m365: ["M365", "Migrate to the cloud, upsell Microsoft 365 and attach Copilot."],
    security: ["Security", "Microsoft 365 customers likely to move to E5 security."],
    surface: ["Surface", "Customers ready to buy or renew Surface devices."],
  },
  pl: {
    renewal: ["Odnowienie umowy", "Klienci, których umowy wkrótce wygasają, z klastrami wszystkich obszarów rozwiązań."],
    azure: ["Azure", "Klienci gotowi przenieść obciążenia do Azure lub zwiększyć korzystanie z Azure."],
    d365: ["D365", "Potencjalni klienci Business Central, Sales Pro i Power Apps wśród Twoich klientów."],
    m365: ["M365", "Migracja do chmury, dosprzedaż Microsoft 365 i Copilot."],
    security: ["Bezpieczeństwo", "Klienci Microsoft 365, którzy prawdopodobnie przejdą na zabezpieczenia E5."],
    surface: ["Surface", "Klienci gotowi kupić lub odnowić urządzenia Surface."],
  },
};

/** The catalogue per language (English for the languages without their own texts here). */
export function catalogueFor(language) {
  const texts = TEXTS[language] ?? TEXTS.en;
  return Object.entries(COLUMNS).map(([kind, columns]) => ({
    kind,
    title: texts[kind][0],
    description: texts[kind][1],
    columns,
  }));
}

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
const pick = (r, list) => list[Math.floor(r() * list.length)];

const NAMES = ["Contoso", "Fabrikam", "Tailspin Toys", "Wingtip", "Adventure Works", "Litware", "Proseware", "Lucerne Publishing", "Alpine Ski House", "Coho Winery", "Margie's Travel", "Trey Research", "Woodgrove Bank", "Northwind Traders", "Fourth Coffee", "Relecloud"];
const SUFFIXES = ["Ltd", "Sp. z o.o.", "GmbH", "S.A.", "Inc", "SAS"];
const PLACES = [
  ["Warszawa", "Mazowieckie", "00-950", "PL"],
  ["Kraków", "Małopolskie", "30-001", "PL"],
  ["Madrid", "Madrid", "28001", "ES"],
  ["Lyon", "Auvergne-Rhône-Alpes", "69001", "FR"],
  ["London", "England", "EC1A 1BB", "GB"],
  ["Berlin", "Berlin", "10115", "DE"],
];
const INDUSTRIES = ["Financial Services", "Healthcare", "Manufacturing", "Retail", "Professional Services", "Education"];
const SIGNALS = [
  "Seats grew 18% in 3 months",
  "Trial of Microsoft 365 E5 Security",
  "Agreement expires in 62 days",
  "Two open leads with recent activity",
  "Usage of Teams Premium up 24%",
  "No Azure usage yet, bought Microsoft 365",
];

/** Customers with scores for the preview rows (the snapshot counts more: DEMO_WORKSPACE has 3,000). */
export function makeCustomers(n = 600, seed = 6011) {
  const r = random(seed);
  const customers = [];
  for (let i = 0; i < n; i += 1) {
    const [city, state, postal, country] = pick(r, PLACES);
    const name = `${pick(r, NAMES)} ${pick(r, SUFFIXES)} ${String(i + 1).padStart(3, "0")}`;
    const employees = Math.round(5 + r() ** 2 * 4000);
    const scores = {};
    for (const area of ["M365", "Surface", "Azure", "D365BC", "D365SP", "PowerApps", "Security"]) {
      scores[area] = { fit: Math.round(r() * 100), intent: Math.round(r() * 100) };
    }
    customers.push({
      tpid: String(1_200_000 + i * 37),
      duns: String(300_000_000 + i * 911),
      name,
      domain: `${name.split(" ")[0].toLowerCase().replace(/[^a-z]/g, "")}${i + 1}.example.com`,
      employees,
      industry: pick(r, INDUSTRIES),
      city,
      state,
      postal,
      country,
      segment: employees > 1000 ? "Corporate" : "SMB",
      smc: employees > 1000 ? "Upper Medium" : employees > 100 ? "Medium" : "Very Small",
      flags: Object.fromEntries(["Azure", "D365", "M365", "Google", "AWS", "EA", "Open", "Copilot", "Upsell"].map((f) => [f, r() < 0.45])),
      scores,
      signal: pick(r, SIGNALS),
      revenue: Math.round(r() * 60) * 500,
      agreement: { id: `V${5_000_000 + i}`, end: `2025-${String(4 + (i % 9)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")}`, revenue: Math.round(r() * 90) * 250 },
      transacted: r() < 0.8,
    });
  }
  return customers;
}

export const CUSTOMERS = makeCustomers();

/** A completed report, as My reports lists it. */
export function savedReport(overrides = {}) {
  const id = overrides.id ?? 1;
  const name = overrides.name ?? "Azure propensity 2025-03-25";
  const fileName = overrides.fileName ?? `${name}.csv`;
  return {
    id,
    name,
    kind: "azure",
    columns: [],
    months: null,
    path: `${REPORTS_FOLDER}/${fileName}`,
    fileName,
    status: "completed",
    rows: 3000,
    bytes: 1_843_200,
    asOf: AS_OF,
    error: null,
    scheduleId: null,
    startedAt: "2025-03-25T06:00:00Z",
    finishedAt: "2025-03-25T06:00:21Z",
    fileExists: true,
    ...overrides,
  };
}

/** The mock's starting state; tests override parts of it. */
export function propensityState({ reports = [], schedules = [], clusterMap = DEFAULT_CLUSTER_MAP, stepMs = 40, folderPicks = [null] } = {}) {
  return {
    now: NOW,
    asOf: AS_OF,
    partner: PARTNER,
    catalogues: { en: catalogueFor("en"), es: catalogueFor("es"), fr: catalogueFor("fr"), pl: catalogueFor("pl") },
    customers: CUSTOMERS,
    reports,
    // Files on disk, by path: a saved report's file exists while its path is here.
    files: reports.filter((r) => r.fileExists).map((r) => r.path),
    schedules,
    settings: { clusterMap, defaultClusterMap: DEFAULT_CLUSTER_MAP, reportsFolder: REPORTS_FOLDER },
    // How long each progress step takes (a test that cancels makes it longer).
    stepMs,
    // The native folder picker's answers, in order (null: closed without a choice).
    folderPicks,
    opened: [],
    revealed: [],
  };
}
