// Realistic IPC data for the UI tests: the demo workspace of a fictional partner, with two
// years of monthly snapshots. Shapes follow src/bindings.ts exactly.

import { importState } from "./importFixtures.mjs";
import { leadState } from "./leadFixtures.mjs";
import { opportunityState } from "./opportunityFixtures.mjs";
import { propensityState } from "./propensityFixtures.mjs";
import { crmState } from "./crmFixtures.mjs";
import { downloadsState } from "./downloadsFixtures.mjs";
import { scoringState } from "./scoringFixtures.mjs";
import { syncState } from "./syncFixtures.mjs";

const MONTH_ENDS = [];
for (let i = 0; i < 24; i += 1) {
  // Month ends from 2023-04-30 to 2025-03-31.
  const d = new Date(Date.UTC(2023, 4 + i, 0));
  MONTH_ENDS.push(d.toISOString().slice(0, 10));
}

// Newest first, as the backend sends them.
export const SNAPSHOTS = MONTH_ENDS.map((asOf, i) => {
  const customers = 2712 + i * 12 + (i === 23 ? 12 : 0); // 2,712 … 3,000
  return {
    id: i + 1,
    asOf,
    source: "demo",
    label: `Demo data ${asOf.slice(0, 7)}`,
    importedAt: `${asOf}T23:00:00Z`,
    customers,
    subscriptions: Math.round(customers * 3.4) + i,
    usageRows: customers * 5,
    userActivityRows: customers * 18,
    securitySignals: customers - 140 + i,
    leads: 38 + ((i * 7) % 23),
  };
}).reverse();

export const DEMO_WORKSPACE = {
  id: "7d3f6c1e-0b8a-4a52-9a57-1f0e2b4c9d10",
  name: "Demo workspace",
  path: "/home/ana/.local/share/partner-advisor/workspaces/demo",
  keyMode: "keychain",
  isDemo: true,
  partner: { globalId: "4817352", name: "Northwind Cloud Solutions" },
  snapshots: SNAPSHOTS,
  counts: {
    snapshots: SNAPSHOTS.length,
    customers: 3000,
    subscriptions: 10214,
    usageRows: SNAPSHOTS.reduce((sum, s) => sum + s.usageRows, 0),
    userActivityRows: 1284532,
    leads: 1236,
    crmAccounts: 0,
  },
  fileSizeBytes: 48213504,
};

export const EMPTY_WORKSPACE = {
  id: "c0a8012e-5b7d-4f3e-8f0a-6d2b9e4a7c31",
  name: "Contoso customers",
  path: "/home/ana/.local/share/partner-advisor/workspaces/contoso-customers",
  keyMode: "passphrase",
  isDemo: false,
  partner: null,
  snapshots: [],
  counts: { snapshots: 0, customers: 0, subscriptions: 0, usageRows: 0, userActivityRows: 0, leads: 0, crmAccounts: 0 },
  fileSizeBytes: 94208,
};

export const WORKSPACE_REFS = [
  {
    id: DEMO_WORKSPACE.id,
    name: DEMO_WORKSPACE.name,
    path: DEMO_WORKSPACE.path,
    keyMode: "keychain",
    lastOpened: "2025-04-02T08:15:42Z",
    isCurrent: true,
  },
  {
    id: EMPTY_WORKSPACE.id,
    name: EMPTY_WORKSPACE.name,
    path: EMPTY_WORKSPACE.path,
    keyMode: "passphrase",
    lastOpened: null,
    isCurrent: false,
  },
];

export const APP_INFO = {
  version: "0.1.0",
  osLocale: "en-US",
  dataDir: "/home/ana/.local/share/partner-advisor",
};

/** A full mock configuration; tests override parts of it. */
export function mockConfig(overrides = {}) {
  return {
    appInfo: APP_INFO,
    settings: { language: null },
    workspace: DEMO_WORKSPACE,
    workspaces: WORKSPACE_REFS,
    // Workspaces that openWorkspace knows, by path; `passphrase` set means passphrase mode.
    openable: {
      [DEMO_WORKSPACE.path]: { workspace: DEMO_WORKSPACE, passphrase: null },
      [EMPTY_WORKSPACE.path]: { workspace: EMPTY_WORKSPACE, passphrase: "correct horse battery" },
    },
    credentials: [
      { kind: "entraTenantId", isSet: true },
      { kind: "entraClientId", isSet: false },
      { kind: "entraClientSecret", isSet: false },
    ],
    startup: { delayMs: 0, steps: [], error: null, waitForCancel: false },
    // Sales Advisor (opportunityMock.mjs); opportunityState({ refreshed: false }) before the first refresh.
    opportunities: opportunityState(),
    // Import files (tauriMock.mjs, import_files): the file picker's answers and the files' contents.
    imports: importState(),
    // Partner Center leads (leadMock.mjs).
    leads: leadState(),
    // Predictive lead scoring (scoringMock.mjs): the models trained and published as the page loads.
    scoring: scoringState(),
    // Propensity reports (propensityMock.mjs): no saved report or schedule yet, the default cluster map.
    propensity: propensityState(),
    // CRM matching (crmMock.mjs): no CRM accounts stored yet.
    crm: crmState(),
    // Microsoft's CloudAscent downloads (downloadsMock.mjs): none imported yet.
    downloads: downloadsState(),
    // Sync with Partner Center and Microsoft Graph (syncMock.mjs): two runs, five changes waiting.
    sync: syncState(),
    ...overrides,
  };
}
