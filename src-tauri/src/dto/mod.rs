//! The shapes that cross the IPC boundary (camelCase, TypeScript-friendly numbers).

use partner_advisor_engine::settings::Language;
use partner_advisor_engine::summary::WorkspaceSummary as EngineSummary;
use partner_advisor_engine::workspaces::KnownWorkspace;
use partner_advisor_store::manifest::KeyMode as StoreKeyMode;
use serde::{Deserialize, Serialize};

pub mod cloudascent;
pub mod crm;
pub mod propensity;

/// Counts travel as 32-bit numbers: JavaScript has no 64-bit integers, and no workspace table
/// comes near four billion rows.
fn count(n: u64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// About the running app.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    /// App version.
    pub version: String,
    /// The OS locale (BCP 47), e.g. `pl-PL`.
    pub os_locale: String,
    /// The app's data folder.
    pub data_dir: String,
}

/// The user's preferences.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Settings {
    /// Language override; `null` follows the OS.
    pub language: Option<Language>,
}

/// How a workspace's key is kept.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum KeyMode {
    /// In the OS keychain.
    Keychain,
    /// Derived from a passphrase.
    Passphrase,
}

impl From<StoreKeyMode> for KeyMode {
    fn from(mode: StoreKeyMode) -> Self {
        match mode {
            StoreKeyMode::Keychain => KeyMode::Keychain,
            StoreKeyMode::Passphrase => KeyMode::Passphrase,
        }
    }
}

/// A workspace the user knows.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct WorkspaceRef {
    /// Identifier.
    pub id: String,
    /// Name.
    pub name: String,
    /// Folder.
    pub path: String,
    /// Key mode.
    pub key_mode: KeyMode,
    /// Last opened (RFC 3339).
    pub last_opened: Option<String>,
    /// Whether it is the open one.
    pub is_current: bool,
}

impl WorkspaceRef {
    /// From a registry entry.
    pub fn new(known: KnownWorkspace, current_id: Option<&str>) -> Self {
        Self {
            is_current: current_id == Some(known.id.as_str()),
            id: known.id,
            name: known.name,
            path: known.path.display().to_string(),
            key_mode: known.key_mode.into(),
            last_opened: known.last_opened.map(|t| t.to_rfc3339()),
        }
    }
}

/// The partner that owns a workspace.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PartnerInfo {
    /// Global ID (MPN ID).
    pub global_id: String,
    /// Name.
    pub name: String,
}

/// One snapshot and what it holds.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SnapshotSummary {
    /// Identifier.
    pub id: u32,
    /// As-of date, `YYYY-MM-DD`.
    pub as_of: String,
    /// `demo`, `import` or `sync`.
    pub source: String,
    /// File name or sync run, if any.
    pub label: Option<String>,
    /// When it was written (RFC 3339).
    pub imported_at: String,
    /// Customers.
    pub customers: u32,
    /// Subscriptions.
    pub subscriptions: u32,
    /// Usage rows.
    pub usage_rows: u32,
    /// Per-user activity rows.
    pub user_activity_rows: u32,
    /// Tenants with security signals.
    pub security_signals: u32,
    /// Leads that arrived with it.
    pub leads: u32,
}

/// Workspace-wide totals.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct WorkspaceCounts {
    /// Snapshots.
    pub snapshots: u32,
    /// Customer tenants.
    pub customers: u32,
    /// Subscriptions in the latest snapshot.
    pub subscriptions: u32,
    /// Usage rows.
    pub usage_rows: u32,
    /// Per-user activity rows.
    pub user_activity_rows: u32,
    /// Leads.
    pub leads: u32,
    /// CRM accounts.
    pub crm_accounts: u32,
}

/// An open workspace.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct WorkspaceSummary {
    /// Identifier.
    pub id: String,
    /// Name.
    pub name: String,
    /// Folder.
    pub path: String,
    /// Key mode.
    pub key_mode: KeyMode,
    /// Whether it holds demo data.
    pub is_demo: bool,
    /// The partner.
    pub partner: Option<PartnerInfo>,
    /// Snapshots, newest first.
    pub snapshots: Vec<SnapshotSummary>,
    /// Totals.
    pub counts: WorkspaceCounts,
    /// Bytes on disk (never NaN, so a plain number in TypeScript).
    #[specta(type = u32)]
    pub file_size_bytes: f64,
}

impl From<EngineSummary> for WorkspaceSummary {
    fn from(s: EngineSummary) -> Self {
        Self {
            id: s.id,
            name: s.name,
            path: s.path,
            key_mode: s.key_mode.into(),
            is_demo: s.is_demo,
            partner: s.partner.map(|p| PartnerInfo {
                global_id: p.global_id,
                name: p.name,
            }),
            snapshots: s
                .snapshots
                .into_iter()
                .map(|c| SnapshotSummary {
                    id: u32::try_from(c.snapshot.id).unwrap_or(0),
                    as_of: c.snapshot.as_of.to_string(),
                    source: c.snapshot.source.as_str().to_owned(),
                    label: c.label,
                    imported_at: c.snapshot.imported_at.to_rfc3339(),
                    customers: count(c.customers),
                    subscriptions: count(c.subscriptions),
                    usage_rows: count(c.usage_rows),
                    user_activity_rows: count(c.user_activity_rows),
                    security_signals: count(c.security_signals),
                    leads: count(c.leads),
                })
                .collect(),
            counts: WorkspaceCounts {
                snapshots: count(s.totals.snapshots),
                customers: count(s.totals.customers),
                subscriptions: count(s.totals.subscriptions_latest),
                usage_rows: count(s.totals.usage_rows),
                user_activity_rows: count(s.totals.user_activity_rows),
                leads: count(s.totals.leads),
                crm_accounts: count(s.totals.crm_accounts),
            },
            file_size_bytes: s.file_size_bytes as f64,
        }
    }
}

/// What the user asks for when creating a workspace.
#[derive(Debug, Clone, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct NewWorkspace {
    /// Name.
    pub name: String,
    /// Fill it with demo data.
    pub with_demo_data: bool,
    /// Passphrase mode when set; the keychain otherwise.
    pub passphrase: Option<String>,
}

/// One problem of an imported file.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ImportProblem {
    /// An error (the import is refused) or a warning (imported anyway).
    pub error: bool,
    /// 1-based line of the file.
    pub line: Option<u32>,
    /// Column name.
    pub column: Option<String>,
    /// What is wrong.
    pub reason: String,
}

/// What the import made of one file.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ImportedFile {
    /// File name.
    pub file: String,
    /// The format recognised.
    pub kind: String,
    /// Data rows read.
    pub rows_read: u32,
    /// Rows accepted.
    pub rows_accepted: u32,
    /// User names are concealed (hashed) in this report.
    pub concealed: bool,
    /// Problems, with line numbers.
    pub problems: Vec<ImportProblem>,
    /// Notes.
    pub notes: Vec<String>,
}

/// What an import did.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ImportOutcome {
    /// Whether a new snapshot was written (false: nothing was, see the problems).
    pub imported: bool,
    /// The new snapshot's date.
    pub as_of: Option<String>,
    /// The tenant the usage reports were imported for.
    pub tenant_id: Option<String>,
    /// Monthly usage rows written.
    pub usage_rows: u32,
    /// Per-user activity rows written.
    pub user_activity_rows: u32,
    /// Lighthouse opportunities imported.
    pub opportunities: u32,
    /// Problems that stopped the import.
    pub errors: Vec<String>,
    /// Notes about the whole import.
    pub notes: Vec<String>,
    /// Each file.
    pub files: Vec<ImportedFile>,
    /// The opportunities refreshed after the import.
    pub refresh: Option<partner_advisor_engine::opportunities::RefreshSummary>,
    /// What a lead import did (lead files only).
    pub leads: Option<LeadImportOutcome>,
}

/// What a lead import did.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct LeadImportOutcome {
    /// Leads added.
    pub added: u32,
    /// Known leads updated.
    pub updated: u32,
    /// Records equal to the workspace's copy.
    pub unchanged: u32,
    /// Records older than the workspace's copy, skipped.
    pub skipped_older: u32,
    /// Leads the time rules expired or archived right after the import.
    pub expired_now: u32,
}
