// Files for the import tests: what the backend's readers make of each one (kind, rows, problems
// with their lines, notes), in the words the Rust side uses (crates/formats, crates/engine/src/import).
// tauriMock.mjs's import_files adds what depends on the whole import (the tenant, "nothing to
// import", the new snapshot and the opportunities refresh), as crates/engine/src/import does.

const DOWNLOADS = "/home/ana/Downloads";

export const TEAMS = `${DOWNLOADS}/TeamsUserActivityUserDetail4_27_2025 9_12_03 AM.csv`;
export const ACTIVE_USERS = `${DOWNLOADS}/Office365ActiveUserDetail4_27_2025 9_10_44 AM.csv`;
export const LIGHTHOUSE = `${DOWNLOADS}/SalesAdvisor-Opportunities-2025-04-27.csv`;
export const LIGHTHOUSE_BROKEN = `${DOWNLOADS}/SalesAdvisor-Opportunities-edited.csv`;
export const BUDGET = `${DOWNLOADS}/budget-2025.csv`;
export const REFERRALS = `${DOWNLOADS}/referrals-page1.json`;
export const MAILBOX_STORAGE = `${DOWNLOADS}/MailboxUsageStorage4_27_2025 9_15_20 AM.csv`;

/** The customer the usage reports belong to, as the workspace knows it. */
export const CONTOSO = { tenantId: "3f1c9a52-7d4e-4b8a-9c1f-2e6d8a0b5c71", name: "Contoso", domain: "contoso.onmicrosoft.com" };
export const FABRIKAM = { tenantId: "8a2e4c61-0f3b-4d9e-b7a5-6c1d3e9f2a40", name: "Fabrikam", domain: "fabrikam.com" };

/** What reading each file finds, before the checks that look at the whole import. */
export const IMPORT_FILES = {
  [TEAMS]: {
    kind: "Teams user activity detail (getTeamsUserActivityUserDetail)",
    usageReport: true,
    refreshDate: "2025-04-27",
    rowsRead: 48,
    rowsAccepted: 47,
    concealed: true,
    problems: [
      {
        error: false,
        line: 19,
        column: "User Principal Name",
        reason: "user 5C1A8E0F9B2D4E6A8C0E2F4A6B8D0F1E appears again (first on line 7): counted once",
      },
    ],
    notes: [
      "user names are concealed (hashed) by the tenant's report settings: users are joined across reports by the same hash, but names cannot be shown",
    ],
    usageRows: 1,
    userActivityRows: 47,
    opportunities: 0,
  },
  [ACTIVE_USERS]: {
    kind: "Microsoft 365 active user detail (getOffice365ActiveUserDetail)",
    usageReport: true,
    refreshDate: "2025-04-27",
    rowsRead: 52,
    rowsAccepted: 52,
    concealed: false,
    problems: [
      {
        error: false,
        line: 41,
        column: null,
        reason: "the row has 31 fields, the header 30: the extra fields are empty and ignored",
      },
    ],
    notes: ["products not in the catalogue (kept out of the figures, which do not depend on them): MICROSOFT_COPILOT_PILOT (3)"],
    usageRows: 5,
    userActivityRows: 52,
    opportunities: 0,
  },
  [LIGHTHOUSE]: {
    kind: "Lighthouse Sales Advisor opportunities export",
    usageReport: false,
    rowsRead: 126,
    rowsAccepted: 124,
    concealed: false,
    problems: [
      {
        error: false,
        line: 88,
        column: null,
        reason: "the same opportunity (Tailspin Toys, Customer growth) appears again (first on line 12): counted once",
      },
      {
        error: false,
        line: 97,
        column: null,
        reason: "the same opportunity (Litware, Customer retention) appears again (first on line 40): counted once",
      },
    ],
    notes: ["3 rows match no customer by Customer ID or TPID (kept, unmatched): Globex Iberia; Initech Polska; Umbrella Lyon"],
    usageRows: 0,
    userActivityRows: 0,
    opportunities: 124,
  },
  [LIGHTHOUSE_BROKEN]: {
    kind: "Lighthouse Sales Advisor opportunities export",
    usageReport: false,
    rowsRead: 126,
    rowsAccepted: 123,
    concealed: false,
    problems: [
      { error: true, line: 12, column: "Seats", reason: "'twelve' is not a number of seats" },
      { error: false, line: 27, column: null, reason: "the same opportunity (Litware, Customer retention) appears again (first on line 26): counted once" },
      { error: true, line: 31, column: "Date added", reason: "'31/02/2025' is not a date" },
      { error: true, line: 64, column: "Customer ID", reason: "no customer ID or TPID" },
    ],
    notes: ["columns not in the documented export, ignored: Owner, Next step"],
    usageRows: 0,
    userActivityRows: 0,
    opportunities: 123,
  },
  [MAILBOX_STORAGE]: {
    kind: "a Microsoft 365 usage report that is not a per-user report we use (getMailboxUsageStorage)",
    usageReport: false,
    rowsRead: 30,
    rowsAccepted: 0,
    concealed: false,
    problems: [],
    notes: ["not a per-user report the importer uses: read, and left out of the import"],
    usageRows: 0,
    userActivityRows: 0,
    opportunities: 0,
  },
  [REFERRALS]: {
    kind: "Partner Center Referrals API response (JSON)",
    usageReport: false,
    rowsRead: 3,
    rowsAccepted: 3,
    concealed: false,
    problems: [],
    notes: [],
    usageRows: 0,
    userActivityRows: 0,
    opportunities: 0,
    leads: { added: 2, updated: 1, unchanged: 0, skippedOlder: 0, expiredNow: 1 },
  },
  [BUDGET]: {
    kind: "unknown format (header: Month, Cost centre, Budget, Spent, Owner)",
    usageReport: false,
    rowsRead: 14,
    rowsAccepted: 0,
    concealed: false,
    problems: [
      {
        error: true,
        line: 1,
        column: null,
        reason: "not a format Partner Advisor knows: expected a Microsoft 365 usage report or the Lighthouse Sales Advisor opportunities export",
      },
    ],
    notes: [],
    usageRows: 0,
    userActivityRows: 0,
    opportunities: 0,
  },
};

/**
 * The mock's import state. `picks` are the answers of the native file picker, in order (a list
 * of paths, or null when the user closes it); the last one repeats.
 */
export function importState({ picks = [[TEAMS, ACTIVE_USERS, LIGHTHOUSE]], ...rest } = {}) {
  return {
    picks,
    files: IMPORT_FILES,
    customers: [CONTOSO, FABRIKAM],
    // The picker stays open this long; then each step of the job takes stepMs.
    pickDelayMs: 150,
    stepMs: 60,
    today: "2025-04-28",
    ...rest,
  };
}
