//! Importing files into a new dataset snapshot: Microsoft 365 usage reports and the Lighthouse
//! Sales Advisor opportunities export, format detected (SPEC.md §8, §10).
//!
//! All or nothing. Every file is read and checked first (module `checks`): an unknown
//! format, missing required columns, rows that fail, a usage report without a tenant or for a
//! tenant the workspace does not hold, or a Teams report that names another customer, and
//! nothing is written; the summary lists every problem with its line. Otherwise one transaction
//! writes a new snapshot that carries the latest snapshot's customer states, subscriptions and
//! security signals forward (so the workspace stays whole), and holds the imported usage months
//! and per-user activity of the chosen tenant and the imported opportunities. Other tenants'
//! usage is not invented: what is missing stays missing. A cancelled or failed write rolls back.
//!
//! CloudAscent downloads (Microsoft's propensity reports) are imported on their own, as imported
//! reports rather than into a snapshot ([`crate::propensity::imported`]); like lead files they
//! cannot be mixed with other files in one import.
//!
//! Progress stages: `import.read` (files read, out of all files), then `import.write` (write
//! steps done, out of all steps). Cancellation is checked between files and between write steps.

mod checks;
pub(crate) mod write;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use partner_advisor_domain::Clock;
use partner_advisor_formats::{read_file_owned, FileContent};
pub use partner_advisor_formats::{
    FileKind, ImportReport, LighthouseOpportunity, Problem, Severity, UsageReport, UsageReportKind,
};
use partner_advisor_store::tables::customers;
use partner_advisor_store::Workspace;
use serde::Serialize;

use crate::jobs::{CancelToken, Progress, Step};
use crate::{EngineError, Result};

/// What the user says about the files.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// The customer the usage reports belong to (they do not name their tenant): its tenant ID,
    /// or its primary domain.
    pub tenant_id: Option<String>,
    /// The snapshot's "as of" date; by default the latest report refresh date (or today).
    pub as_of: Option<NaiveDate>,
}

/// Rows the new snapshot carried forward from the latest one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct CarriedForward {
    /// The snapshot they came from.
    pub from_snapshot: Option<i64>,
    /// Customer states.
    pub customers: u64,
    /// Subscriptions.
    pub subscriptions: u64,
    /// Security signal rows.
    pub security_signals: u64,
}

/// What an import did, or why it did nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ImportSummary {
    /// One report per file, in the order given.
    pub files: Vec<ImportReport>,
    /// Problems of the import as a whole (no file, nothing to import).
    pub errors: Vec<String>,
    /// The new snapshot; `None` when nothing was written.
    pub snapshot_id: Option<i64>,
    /// Its "as of" date.
    pub as_of: Option<NaiveDate>,
    /// The tenant the usage reports were imported for.
    pub tenant_id: Option<String>,
    /// Months the usage reports describe.
    pub months: Vec<NaiveDate>,
    /// Usage rows written (workload × month).
    pub usage_rows: u64,
    /// Per-user activity rows written.
    pub user_activity_rows: u64,
    /// Opportunity rows written.
    pub opportunities: u64,
    /// Of which matched no customer (kept, with no tenant).
    pub unmatched_opportunities: u64,
    /// What the new snapshot carried forward.
    pub carried_forward: CarriedForward,
    /// Import-wide notes: missing months and workloads, dates.
    pub notes: Vec<String>,
    /// What a lead import did (lead files only; they write no snapshot of their own).
    pub leads: Option<crate::leads::import::LeadImportCounts>,
    /// CloudAscent downloads imported (they write no snapshot; see
    /// [`crate::propensity::imported`]).
    pub cloudascent: Vec<crate::propensity::imported::ImportedReportSummary>,
}

impl ImportSummary {
    /// Whether anything was written: a snapshot, or leads.
    pub fn succeeded(&self) -> bool {
        self.snapshot_id.is_some() || self.leads.is_some() || !self.cloudascent.is_empty()
    }

    /// Every error, each with its file (and line and column when it has them).
    pub fn error_lines(&self) -> Vec<String> {
        let mut out = self.errors.clone();
        for file in &self.files {
            for p in file.errors() {
                out.push(format!("{}: {p}", file.file));
            }
        }
        out
    }
}

/// A file read: its report and what it held.
struct ReadFile {
    report: ImportReport,
    content: FileContent,
}

/// Imports `files` into `workspace` as one new snapshot (see the module documentation).
///
/// Returns `Ok` with a summary whether or not anything was written (check
/// [`ImportSummary::succeeded`]); `Err` only when the import could not run (cancelled, the
/// database failed).
pub async fn import_files(
    workspace: &Workspace,
    files: &[PathBuf],
    options: &ImportOptions,
    clock: &dyn Clock,
    progress: &dyn Progress,
    cancel: &CancelToken,
) -> Result<ImportSummary> {
    let mut summary = ImportSummary::default();
    if files.is_empty() {
        summary.errors.push("no file to import".into());
        return Ok(summary);
    }
    let total = files.len() as u64;
    let mut read = Vec::with_capacity(files.len());
    for (i, path) in files.iter().enumerate() {
        cancel.check()?;
        progress.report(Step {
            stage: "import.read",
            done: i as u64,
            total,
        });
        read.push(read_one(path).await?);
    }
    progress.report(Step {
        stage: "import.read",
        done: total,
        total,
    });
    cancel.check()?;

    let lead_files = read
        .iter()
        .filter(|f| matches!(f.content, FileContent::Leads { .. }))
        .count();
    if lead_files > 0 {
        if lead_files < read.len() {
            summary.errors.push(
                "lead files and other files cannot be imported together: import the lead files on their own".into(),
            );
            summary.files = read.into_iter().map(|f| f.report).collect();
            return Ok(summary);
        }
        import_leads(workspace, &mut read, files, clock, &mut summary).await?;
        return Ok(summary);
    }

    let cloudascent = read
        .iter()
        .filter(|f| matches!(f.report.kind, FileKind::CloudAscent(_)))
        .count();
    if cloudascent > 0 {
        if cloudascent < read.len() {
            summary.errors.push(
                "CloudAscent downloads and other files cannot be imported together: import the CloudAscent downloads on their own".into(),
            );
            summary.files = read.into_iter().map(|f| f.report).collect();
            return Ok(summary);
        }
        import_cloudascent(workspace, &read, files, clock, &mut summary).await?;
        return Ok(summary);
    }

    let known = customers::identities(workspace.pool()).await?;
    let plan = checks::check(&mut read, &known, options, workspace, &mut summary).await?;
    summary.files = read.iter().map(|f| f.report.clone()).collect();
    let Some(plan) = plan else {
        return Ok(summary);
    };
    let as_of = options
        .as_of
        .or(plan.latest_refresh)
        .unwrap_or_else(|| clock.now().date_naive());
    summary.as_of = Some(as_of);
    let label = label(files);
    write::write(
        workspace,
        &plan,
        as_of,
        &label,
        clock,
        progress,
        cancel,
        &mut summary,
    )
    .await?;
    Ok(summary)
}

/// Imports lead files (module documentation of [`crate::leads::import`]): checked together,
/// written in one transaction, attached to the latest snapshot (or a new, empty one in a
/// workspace that has none).
async fn import_leads(
    workspace: &Workspace,
    read: &mut [ReadFile],
    files: &[PathBuf],
    clock: &dyn Clock,
    summary: &mut ImportSummary,
) -> Result<()> {
    use crate::leads::import::{plan, write, LeadFileInput};
    use partner_advisor_store::tables::snapshots;
    use partner_advisor_store::StoreError;

    let readable = read.iter().all(|f| f.report.errors().next().is_none());
    let mut tx = workspace.begin().await?;
    if readable {
        let mut inputs: Vec<LeadFileInput<'_>> = read
            .iter_mut()
            .filter_map(|f| match &f.content {
                FileContent::Leads {
                    format, records, ..
                } => Some(LeadFileInput {
                    report: &mut f.report,
                    format: *format,
                    records,
                }),
                _ => None,
            })
            .collect();
        let plan = plan(&mut tx, &mut inputs, clock.now()).await?;
        let clean = read.iter().all(|f| f.report.errors().next().is_none());
        if clean {
            let snapshot_id = match snapshots::latest(&mut tx).await? {
                Some((id, _)) => id,
                None => {
                    snapshots::insert(
                        &mut tx,
                        clock.now().date_naive(),
                        partner_advisor_domain::SnapshotSource::Import,
                        Some(&label(files)),
                        clock.now(),
                    )
                    .await?
                }
            };
            let counts = write(&mut tx, &plan, snapshot_id).await?;
            // New and changed leads are scored in the same write (SPEC §5: real time).
            crate::lead_scoring::score_leads_in(&mut tx, &plan.written_ids(), clock).await?;
            tx.commit().await.map_err(StoreError::from)?;
            summary.leads = Some(counts);
        }
    }
    summary.files = read.iter().map(|f| f.report.clone()).collect();
    Ok(())
}

/// Imports CloudAscent downloads ([`crate::propensity::imported`]): each as an imported report
/// of its own, all in one transaction, nothing when any file has an error. No snapshot.
async fn import_cloudascent(
    workspace: &Workspace,
    read: &[ReadFile],
    files: &[PathBuf],
    clock: &dyn Clock,
    summary: &mut ImportSummary,
) -> Result<()> {
    use crate::propensity::imported::write_download;
    use partner_advisor_store::StoreError;

    summary.files = read.iter().map(|f| f.report.clone()).collect();
    if read.iter().any(|f| f.report.errors().next().is_some()) {
        return Ok(());
    }
    let mut tx = workspace.begin().await?;
    let mut imported = Vec::with_capacity(read.len());
    for (file, path) in read.iter().zip(files) {
        let FileContent::CloudAscent(download) = &file.content else {
            continue;
        };
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        imported.push(write_download(&mut tx, &name, download, &file.report, clock).await?);
    }
    tx.commit().await.map_err(StoreError::from)?;
    // What the Data page shows of an import without a snapshot: where the rows went.
    for d in &imported {
        summary.notes.push(format!(
            "{}: Microsoft's {} propensity report, {} rows, is in Propensity reports → Microsoft \
             downloads",
            d.file_name, d.report, d.rows
        ));
    }
    summary.cloudascent = imported;
    Ok(())
}

/// The snapshot's label: "import: " and the file names.
fn label(files: &[PathBuf]) -> String {
    let names: Vec<String> = files
        .iter()
        .map(|p| {
            p.file_name().map_or_else(
                || p.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            )
        })
        .collect();
    format!("import: {}", names.join(", "))
}

async fn read_one(path: &Path) -> Result<ReadFile> {
    let name = path.display().to_string();
    match tokio::fs::read(path).await {
        Ok(bytes) => {
            let parsed = tokio::task::spawn_blocking(move || read_file_owned(&name, bytes))
                .await
                .map_err(|e| match e.try_into_panic() {
                    Ok(panic) => std::panic::resume_unwind(panic),
                    Err(_) => EngineError::Cancelled,
                })?;
            Ok(ReadFile {
                report: parsed.report,
                content: parsed.content,
            })
        }
        Err(e) => {
            let mut report = ImportReport::new(name, FileKind::Unknown { header: Vec::new() });
            report.error(None, None, format!("cannot read the file: {e}"));
            Ok(ReadFile {
                report,
                content: FileContent::Nothing,
            })
        }
    }
}
