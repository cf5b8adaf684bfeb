//! Propensity reports across IPC: the report chooser, previews, My reports, schedules and the
//! report settings.

use partner_advisor_engine::propensity::library::{
    Cadence, ReportSpec as EngineSpec, ReportStatus, SavedReport as EngineSaved,
    Schedule as EngineSchedule,
};
use partner_advisor_engine::propensity::report::{
    PropensityReport, ReportPreview as EnginePreview,
};
use partner_advisor_engine::propensity::segments::{ClusterMap, Segment};
use partner_advisor_engine::propensity::texts::report_title;
use partner_advisor_engine::settings::Language;
use partner_advisor_formats::cloudascent::ColumnRole;
use serde::{Deserialize, Serialize};

use super::count;

/// One of the six reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum ReportKind {
    /// Agreement renewal.
    Renewal,
    /// Azure.
    Azure,
    /// Dynamics 365.
    D365,
    /// Microsoft 365.
    M365,
    /// Security.
    Security,
    /// Surface.
    Surface,
}

impl From<ReportKind> for PropensityReport {
    fn from(k: ReportKind) -> Self {
        match k {
            ReportKind::Renewal => PropensityReport::AgreementRenewal,
            ReportKind::Azure => PropensityReport::Azure,
            ReportKind::D365 => PropensityReport::D365,
            ReportKind::M365 => PropensityReport::M365,
            ReportKind::Security => PropensityReport::Security,
            ReportKind::Surface => PropensityReport::Surface,
        }
    }
}

impl From<PropensityReport> for ReportKind {
    fn from(r: PropensityReport) -> Self {
        match r {
            PropensityReport::AgreementRenewal => ReportKind::Renewal,
            PropensityReport::Azure => ReportKind::Azure,
            PropensityReport::D365 => ReportKind::D365,
            PropensityReport::M365 => ReportKind::M365,
            PropensityReport::Security => ReportKind::Security,
            PropensityReport::Surface => ReportKind::Surface,
        }
    }
}

/// What a column holds, to group the column chooser.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum ReportColumnGroup {
    /// Partner and customer facts.
    Firmographic,
    /// A cohort (solution play), Yes/No.
    Play,
    /// Cluster, fit or intent.
    Score,
    /// The signals in words.
    Signals,
    /// Revenue potential.
    Revenue,
    /// A Yes/No flag (`HasM365`, …).
    Flag,
    /// The agreement being renewed.
    Renewal,
    /// Azure workloads.
    Workload,
    /// Transacted in the last 36 months.
    Transacted,
}

impl From<ColumnRole> for ReportColumnGroup {
    fn from(role: ColumnRole) -> Self {
        match role {
            ColumnRole::Firmographic(_) => ReportColumnGroup::Firmographic,
            ColumnRole::Play | ColumnRole::Offers => ReportColumnGroup::Play,
            ColumnRole::Cluster(_) | ColumnRole::Fit(_) | ColumnRole::Intent(_) => {
                ReportColumnGroup::Score
            }
            ColumnRole::Signals(_) => ReportColumnGroup::Signals,
            ColumnRole::RevenuePotential(_) => ReportColumnGroup::Revenue,
            ColumnRole::Flag(_) => ReportColumnGroup::Flag,
            ColumnRole::Renewal(_) => ReportColumnGroup::Renewal,
            ColumnRole::Workloads(_) => ReportColumnGroup::Workload,
            ColumnRole::Transacted => ReportColumnGroup::Transacted,
        }
    }
}

/// A report's column.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ReportColumnInfo {
    /// Microsoft's name.
    pub name: String,
    /// What it holds.
    pub group: ReportColumnGroup,
}

/// A report to choose, with its columns in order.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ReportKindInfo {
    /// The report.
    pub kind: ReportKind,
    /// Its title, translated.
    pub title: String,
    /// One line on what it is for, translated.
    pub description: String,
    /// Its columns, in the file's order.
    pub columns: Vec<ReportColumnInfo>,
}

impl ReportKindInfo {
    /// The chooser's entry of a report.
    pub fn of(report: PropensityReport, language: Language) -> Self {
        let (title, description) = report_title(report, language);
        Self {
            kind: report.into(),
            title: title.to_owned(),
            description: description.to_owned(),
            columns: report
                .columns()
                .iter()
                .map(|c| ReportColumnInfo {
                    name: c.name.to_owned(),
                    group: c.role.into(),
                })
                .collect(),
        }
    }
}

/// What to write.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ReportSpec {
    /// The report.
    pub kind: ReportKind,
    /// The partner's name for it (the file's name).
    pub name: String,
    /// The chosen columns; empty for all.
    pub columns: Vec<String>,
    /// Months of transactions; `null` for Lifetime.
    pub months: Option<u32>,
}

impl ReportSpec {
    /// The engine's spec, with the language of its texts.
    pub fn to_engine(&self, language: Language) -> EngineSpec {
        EngineSpec {
            report: self.kind.into(),
            name: self.name.clone(),
            columns: self.columns.clone(),
            months: self.months,
            language,
        }
    }
}

impl From<&EngineSpec> for ReportSpec {
    fn from(s: &EngineSpec) -> Self {
        Self {
            kind: s.report.into(),
            name: s.name.clone(),
            columns: s.columns.clone(),
            months: s.months,
        }
    }
}

/// The first rows of a report.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ReportPreview {
    /// The chosen columns.
    pub columns: Vec<String>,
    /// The rows, cells as in the file.
    pub rows: Vec<Vec<String>>,
    /// The snapshot's date.
    pub as_of: String,
    /// Customers of the snapshot.
    pub customers: u32,
    /// Rows of the whole report; `null` when the preview stopped at its limit.
    pub rows_in_range: Option<u32>,
}

impl From<EnginePreview> for ReportPreview {
    fn from(p: EnginePreview) -> Self {
        Self {
            columns: p.columns.iter().map(|c| (*c).to_owned()).collect(),
            rows: p.rows,
            as_of: p.as_of.to_string(),
            customers: count(p.customers),
            rows_in_range: p.rows_in_range.map(count),
        }
    }
}

/// Where a saved report is.
#[derive(Debug, Clone, Copy, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum SavedReportStatus {
    /// Being written.
    Running,
    /// Written.
    Completed,
    /// Not written (see `error`).
    Failed,
    /// Stopped by the partner.
    Cancelled,
}

/// A report of My reports.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SavedReport {
    /// Id.
    pub id: u32,
    /// Its name.
    pub name: String,
    /// The report.
    pub kind: ReportKind,
    /// The chosen columns; empty for all.
    pub columns: Vec<String>,
    /// Months of transactions; `null` for Lifetime.
    pub months: Option<u32>,
    /// The file.
    pub path: String,
    /// The file's name.
    pub file_name: String,
    /// Where it is.
    pub status: SavedReportStatus,
    /// Rows written.
    pub rows: Option<u32>,
    /// Bytes written (a JavaScript number holds any file size exactly).
    pub bytes: Option<f64>,
    /// The snapshot's date.
    pub as_of: Option<String>,
    /// Why it failed.
    pub error: Option<String>,
    /// The schedule that wrote it.
    pub schedule_id: Option<u32>,
    /// When it started (RFC 3339, UTC).
    pub started_at: String,
    /// When it ended.
    pub finished_at: Option<String>,
    /// Whether the file of a completed report is still there.
    pub file_exists: bool,
}

fn id32(id: i64) -> u32 {
    u32::try_from(id).unwrap_or(u32::MAX)
}

impl From<&EngineSaved> for SavedReport {
    fn from(r: &EngineSaved) -> Self {
        Self {
            id: id32(r.id),
            name: r.spec.name.clone(),
            kind: r.spec.report.into(),
            columns: r.spec.columns.clone(),
            months: r.spec.months,
            path: r.path.display().to_string(),
            file_name: r
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            status: match r.status {
                ReportStatus::Running => SavedReportStatus::Running,
                ReportStatus::Completed => SavedReportStatus::Completed,
                ReportStatus::Failed => SavedReportStatus::Failed,
                ReportStatus::Cancelled => SavedReportStatus::Cancelled,
            },
            rows: r.rows.map(count),
            bytes: r.bytes.map(|b| b as f64),
            as_of: r.as_of.map(|d| d.to_string()),
            error: r.error.clone(),
            schedule_id: r.schedule_id.map(id32),
            started_at: r.started_at.to_rfc3339(),
            finished_at: r.finished_at.map(|t| t.to_rfc3339()),
            file_exists: r.file_exists,
        }
    }
}

/// How often a schedule runs.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum ScheduleCadence {
    /// On the 25th of each month.
    Monthly,
    /// After each import that adds a snapshot.
    AfterImport,
}

impl From<ScheduleCadence> for Cadence {
    fn from(c: ScheduleCadence) -> Self {
        match c {
            ScheduleCadence::Monthly => Cadence::Monthly,
            ScheduleCadence::AfterImport => Cadence::AfterImport,
        }
    }
}

/// A report written again and again.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ReportSchedule {
    /// Id.
    pub id: u32,
    /// What it writes.
    pub spec: ReportSpec,
    /// How often.
    pub cadence: ScheduleCadence,
    /// When it was created (RFC 3339).
    pub created_at: String,
    /// When it last ran.
    pub last_run_at: Option<String>,
    /// When it runs next (monthly); `null` after each import.
    pub next_run_at: Option<String>,
    /// The newest report it wrote.
    pub last_report_id: Option<u32>,
}

impl From<&EngineSchedule> for ReportSchedule {
    fn from(s: &EngineSchedule) -> Self {
        Self {
            id: id32(s.id),
            spec: (&s.spec).into(),
            cadence: match s.cadence {
                Cadence::Monthly => ScheduleCadence::Monthly,
                Cadence::AfterImport => ScheduleCadence::AfterImport,
            },
            created_at: s.created_at.to_rfc3339(),
            last_run_at: s.last_run_at.map(|t| t.to_rfc3339()),
            next_run_at: s.next_run_at.map(|t| t.to_rfc3339()),
            last_report_id: s.last_report_id.map(id32),
        }
    }
}

/// The report settings: the cluster map and the reports folder.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PropensitySettings {
    /// Fit High → Very low rows × intent High → Very low columns, codes A1–D4.
    pub cluster_map: Vec<Vec<String>>,
    /// SPEC §6.1's map.
    pub default_cluster_map: Vec<Vec<String>>,
    /// Where reports are written.
    pub reports_folder: String,
}

/// A map's codes, row by row.
pub fn map_codes(map: ClusterMap) -> Vec<Vec<String>> {
    let cells: [[Segment; 4]; 4] = map.into();
    cells
        .iter()
        .map(|row| row.iter().map(ToString::to_string).collect())
        .collect()
}
