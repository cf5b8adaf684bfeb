// Sync with Partner Center and Microsoft Graph (syncMock.mjs): the settings, the recorded runs,
// the lead changes waiting for Partner Center (a conflict that can be kept, one that cannot, two
// waiting, one refused) and what the next Sync now does. Shapes follow src/bindings.ts.

const HOUR = 3_600_000;
const ago = (ms) => new Date(Date.now() - ms).toISOString().replace(/\.\d{3}Z$/, "Z");

export const MICROSOFT_URLS = {
  loginUrl: "https://login.microsoftonline.com",
  partnerCenterUrl: "https://api.partner.microsoft.com",
  graphUrl: "https://graph.microsoft.com",
};

export const DEFAULT_SYNC_SETTINGS = { ...MICROSOFT_URLS, onStartup: false, everyHours: null, usagePeriod: "D30" };

/** All three credentials set (the default fixture has only the tenant ID). */
export const ALL_CREDENTIALS = [
  { kind: "entraTenantId", isSet: true },
  { kind: "entraClientId", isSet: true },
  { kind: "entraClientSecret", isSet: true },
];

export const LEADS = {
  fabrikam: "7b0f4c52-91d3-4a8e-b6e1-2f5c8d9a0e11",
  contoso: "c3e1a9f0-5d2b-4e7c-8a16-0b9d4f2e6a73",
  tailspin: "e58d2b71-0c4a-4f93-9e28-6a1b3c7d5f04",
  woodgrove: "a91c6e38-7f25-4b0d-8c4e-3d2f1b9a6e57",
  adatum: "4d7a2c9e-1b6f-4e38-a5c0-9f8e7d6b5a42",
};

const side = (overrides) => ({
  substatus: "Accepted",
  dealValue: null,
  currency: null,
  statusReason: null,
  dealName: null,
  estimatedClose: null,
  notes: null,
  industry: "Manufacturing",
  companySize: "250-999",
  updatedAt: ago(5 * HOUR),
  ...overrides,
});

export function syncQueue() {
  return [
    {
      leadId: LEADS.fabrikam,
      customerName: "Fabrikam Robotics",
      state: "conflict",
      from: "Received",
      local: side({
        substatus: "Accepted",
        dealValue: 48000,
        currency: "EUR",
        dealName: "Fabrikam – Teams Phone rollout",
        estimatedClose: "2025-06-30",
        notes: "Call booked with the CIO on 14 April.",
        updatedAt: ago(26 * HOUR),
      }),
      remote: side({
        substatus: "Accepted",
        dealValue: 52000,
        currency: "EUR",
        dealName: "Fabrikam – Teams Phone rollout",
        estimatedClose: "2025-07-31",
        notes: "Microsoft seller: customer asked for a July start.",
        updatedAt: ago(20 * HOUR),
      }),
      queuedAt: ago(26 * HOUR),
      changedAt: ago(26 * HOUR),
      attempts: 1,
      lastError: null,
      canKeepMine: true,
    },
    {
      leadId: LEADS.contoso,
      customerName: "Contoso Pharma",
      state: "conflict",
      from: "Received",
      local: side({ substatus: "Accepted", industry: "Healthcare", companySize: "1000-4999", dealValue: 120000, currency: "USD", dealName: "Contoso – Defender rollout", updatedAt: ago(30 * HOUR) }),
      remote: side({ substatus: "Won", industry: "Healthcare", companySize: "1000-4999", dealValue: 135000, currency: "USD", dealName: "Contoso – Defender rollout", updatedAt: ago(8 * HOUR) }),
      queuedAt: ago(30 * HOUR),
      changedAt: ago(30 * HOUR),
      attempts: 1,
      lastError: null,
      canKeepMine: false,
    },
    {
      leadId: LEADS.tailspin,
      customerName: "Tailspin Toys",
      state: "pending",
      from: "Received",
      local: side({ substatus: "Declined", statusReason: "Not a fit for our offer", industry: "Retail", companySize: "50-249", updatedAt: ago(3 * HOUR) }),
      remote: null,
      queuedAt: ago(3 * HOUR),
      changedAt: ago(3 * HOUR),
      attempts: 0,
      lastError: null,
      canKeepMine: true,
    },
    {
      leadId: LEADS.woodgrove,
      customerName: "Woodgrove Bank",
      state: "pending",
      from: "Accepted",
      local: side({ substatus: "Won", dealValue: 86000, currency: "PLN", dealName: "Woodgrove – Copilot pilot", industry: "Financial services", companySize: "5000+", updatedAt: ago(6 * HOUR) }),
      remote: null,
      queuedAt: ago(6 * HOUR),
      changedAt: ago(6 * HOUR),
      attempts: 2,
      lastError: "you are offline or Partner Center cannot be reached (error sending request); the app works from the data on this computer",
      canKeepMine: true,
    },
    {
      leadId: LEADS.adatum,
      customerName: "Adatum Corporation",
      state: "refused",
      from: "Accepted",
      local: side({ substatus: "Lost", industry: "Education", companySize: "250-999", updatedAt: ago(50 * HOUR) }),
      remote: null,
      queuedAt: ago(50 * HOUR),
      changedAt: ago(50 * HOUR),
      attempts: 1,
      lastError: "Partner Center refused the change (HTTP 400): a lost lead needs its reason",
      canKeepMine: true,
    },
  ];
}

/** What the recorded completed sync did. */
export function lastSummary(startedAt) {
  return {
    startedAt,
    durationMs: 48210,
    since: ago(26 * HOUR),
    referralsReceived: 14,
    leadsAdded: 3,
    leadsUpdated: 2,
    leadsUnchanged: 9,
    referralsSkipped: [],
    newConflicts: [LEADS.fabrikam],
    tenantsSynced: 497,
    tenantsSkipped: [],
    snapshotId: 24,
    asOf: "2025-03-31",
    usageRows: 8946,
    pushed: 1,
    pushConflicts: [],
    pushRefused: [],
    pushWaiting: 0,
    pushStopped: null,
  };
}

/** What the next Sync now does (startedAt is filled in by the mock). */
export function nextSummary() {
  return {
    durationMs: 61840,
    since: ago(2 * HOUR),
    referralsReceived: 6,
    leadsAdded: 2,
    leadsUpdated: 1,
    leadsUnchanged: 3,
    referralsSkipped: ["referral 0c5e… has no customer name; skipped"],
    newConflicts: [],
    tenantsSynced: 497,
    tenantsSkipped: [
      { tenantId: "0f3a9c1e-6b2d-4a58-9e07-c4d1b8a2f366", name: "Lamna Healthcare", reason: "missing permission: the customer's admin has not consented to Reports.Read.All for this app" },
      { tenantId: "5e8b2d47-13c9-4f0a-b6d2-7a9e0c1f4b85", name: "Relecloud", reason: "Microsoft Graph refused the request (HTTP 403): Tenant does not have a SPO license" },
      { tenantId: "9a1d6f30-2c7e-4b85-a3f9-e0b4c8d27615", name: "Northwind Traders", reason: "missing permission: the customer's admin has not consented to Reports.Read.All for this app" },
    ],
    snapshotId: 25,
    asOf: "2025-04-02",
    usageRows: 8990,
    pushed: 1,
    pushConflicts: [],
    pushRefused: [{ leadId: LEADS.woodgrove, reason: "Partner Center refused the change (HTTP 400): a won lead needs its deal value in the referral's currency" }],
    pushWaiting: 0,
    pushStopped: null,
  };
}

/** The stages of a sync, as job-progress steps. */
export function syncSteps({ tenants = 500, changes = 2 } = {}) {
  return [
    { stage: "sync.referrals", done: 0, total: 1 },
    { stage: "sync.referrals", done: 1, total: 2 },
    { stage: "sync.referrals", done: 2, total: 2 },
    { stage: "sync.usage", done: 0, total: tenants },
    { stage: "sync.usage", done: 12, total: tenants },
    { stage: "sync.usage", done: Math.round(tenants / 2), total: tenants },
    { stage: "sync.usage", done: tenants, total: tenants },
    { stage: "sync.write", done: 0, total: 1 },
    { stage: "sync.write", done: 1, total: 1 },
    { stage: "sync.push", done: 0, total: changes },
    { stage: "sync.push", done: 1, total: changes },
    { stage: "sync.push", done: changes, total: changes },
  ];
}

export const OFFLINE =
  "you are offline or Partner Center cannot be reached (error sending request for url (https://api.partner.microsoft.com/v1.0/engagements/referrals): dns error); the app works from the data on this computer";
export const BAD_CREDENTIALS =
  "Microsoft Entra refused the app registration: AADSTS7000215: Invalid client secret provided. Check the tenant ID, client ID and client secret in Settings";

/**
 * The sync state. `runs` newest first; `plans` is what each Sync now does in turn (the last one
 * repeats): `{ steps, stepMs, summary, pushedLeads }` for a success, `{ steps, fail: { code,
 * message } }` for a failure after the steps, and `holdAt: n` to wait at step n until cancelled
 * or released.
 */
export function syncState(overrides = {}) {
  const lastStarted = ago(2 * HOUR);
  return {
    settings: DEFAULT_SYNC_SETTINGS,
    runningJob: null,
    runs: [
      { startedAt: lastStarted, finishedAt: new Date(Date.parse(lastStarted) + 48210).toISOString(), status: "completed", summary: lastSummary(lastStarted), error: null },
      { startedAt: ago(26 * HOUR), finishedAt: new Date(Date.parse(ago(26 * HOUR)) + 3100).toISOString(), status: "failed", summary: null, error: OFFLINE },
    ],
    lastSuccess: lastStarted,
    queue: syncQueue(),
    plans: [{ steps: syncSteps(), stepMs: 60, summary: nextSummary(), pushedLeads: [LEADS.tailspin] }],
    ...overrides,
  };
}
