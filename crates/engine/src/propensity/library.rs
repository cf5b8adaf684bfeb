//! The partner's propensity reports (SPEC §6.3): the ones written ("My reports"), the ones to
//! write again (schedules: monthly on the 25th, or after each data import), and the workspace's
//! cluster map.
//!
//! # Writing a report
//!
//! [`write_report`] records the report as `running`, writes it with [`report::generate`] into
//! the reports folder under a file name made from its name (`M365 propensity.csv`, then
//! `M365 propensity (2).csv`, …: an existing file is never overwritten), and records how it
//! ended: `completed` with rows, size and the snapshot's date, `cancelled`, or `failed` with
//! the reason. A run the app did not live to finish is marked failed when the workspace is
//! next opened ([`mark_interrupted`]).
//!
//! # When a schedule is due
//!
//! - **Monthly**: on the 25th (UTC). A schedule is due when the latest 25th at or before now is
//!   later than its last run (or than its creation, when it never ran). So a run missed while
//!   the app was closed happens once when it next starts, however many 25ths it missed: a
//!   report describes the latest snapshot, so one run catches up.
//! - **After each import**: due when the workspace's latest snapshot is not the one its last
//!   run read (at creation, the latest snapshot counts as read: the first run follows the next
//!   import).
//!
//! A due schedule is marked as run when its run ends, whatever the outcome (a failure is listed
//! in My reports with its reason; it is not retried every hour).

use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, NaiveDate, TimeZone, Utc};
use partner_advisor_domain::Clock;
use partner_advisor_store::tables::saved_reports::{
    self as table, ReportOutcome, SavedReportRow, ScheduleRow,
};
use partner_advisor_store::tables::{meta, snapshots};
use partner_advisor_store::Workspace;

use super::report::{self, PropensityReport, ReportRequest, TimeRange};
use super::scores::ScoreOptions;
use super::segments::ClusterMap;
use crate::jobs::{CancelToken, Progress};
use crate::opportunities::delimiter_for;
use crate::settings::Language;
use crate::{EngineError, Result};
use partner_advisor_store::StoreError;

/// Stored data the engine cannot read back.
fn corrupt(what: String) -> EngineError {
    EngineError::Store(StoreError::Corrupt(what))
}

/// The day of the month monthly schedules run.
pub const MONTHLY_DAY: u32 = 25;
/// The meta key of the workspace's cluster map (JSON, fit rows × intent columns).
const CLUSTER_MAP_KEY: &str = "propensity.cluster_map";

/// What to write: a report, its columns, its time range, its name and language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportSpec {
    /// The report.
    pub report: PropensityReport,
    /// The partner's name for it (the file's name).
    pub name: String,
    /// The chosen columns; empty for all.
    pub columns: Vec<String>,
    /// Months of transactions; `None` for Lifetime.
    pub months: Option<u32>,
    /// The language of the signal sentences (and the delimiter).
    pub language: Language,
}

impl ReportSpec {
    /// Checks the name, the columns and the range; returns the spec with a trimmed name.
    fn validated(&self) -> Result<ReportSpec> {
        let name = self.name.trim();
        if name.is_empty() {
            return Err(EngineError::InvalidInput("the report needs a name".into()));
        }
        if name.chars().count() > 120 {
            return Err(EngineError::InvalidInput(
                "the report's name is longer than 120 characters".into(),
            ));
        }
        if let Some(m) = self.months {
            if !(1..=120).contains(&m) {
                return Err(EngineError::InvalidInput(format!(
                    "the time range is 1 to 120 months (not {m})"
                )));
            }
        }
        report::select_columns(self.report, &self.columns)?;
        Ok(ReportSpec {
            name: name.to_owned(),
            ..self.clone()
        })
    }

    /// The engine's request for this spec with the workspace's cluster map.
    pub fn request(&self, map: ClusterMap) -> ReportRequest {
        ReportRequest {
            report: self.report,
            columns: self.columns.clone(),
            range: self
                .months
                .map_or(TimeRange::Lifetime, TimeRange::LastMonths),
            delimiter: delimiter_for(self.language),
            language: self.language,
            options: ScoreOptions {
                map,
                ..ScoreOptions::default()
            },
        }
    }
}

/// Where a report is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportStatus {
    /// Being written.
    Running,
    /// Written.
    Completed,
    /// Not written, with a reason.
    Failed,
    /// Stopped by the partner.
    Cancelled,
}

impl ReportStatus {
    fn as_str(self) -> &'static str {
        match self {
            ReportStatus::Running => "running",
            ReportStatus::Completed => "completed",
            ReportStatus::Failed => "failed",
            ReportStatus::Cancelled => "cancelled",
        }
    }

    fn parse(s: &str) -> ReportStatus {
        match s {
            "running" => ReportStatus::Running,
            "completed" => ReportStatus::Completed,
            "cancelled" => ReportStatus::Cancelled,
            _ => ReportStatus::Failed,
        }
    }
}

/// A report of My reports.
#[derive(Debug, Clone, PartialEq)]
pub struct SavedReport {
    /// Id.
    pub id: i64,
    /// What was asked.
    pub spec: ReportSpec,
    /// The file.
    pub path: PathBuf,
    /// Where it is.
    pub status: ReportStatus,
    /// Rows written (completed reports).
    pub rows: Option<u64>,
    /// File size (completed reports).
    pub bytes: Option<u64>,
    /// The snapshot's date (completed reports).
    pub as_of: Option<NaiveDate>,
    /// Why it failed.
    pub error: Option<String>,
    /// The schedule that wrote it.
    pub schedule_id: Option<i64>,
    /// When it started.
    pub started_at: DateTime<Utc>,
    /// When it ended.
    pub finished_at: Option<DateTime<Utc>>,
    /// Whether the file is still there.
    pub file_exists: bool,
}

/// How often a schedule runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cadence {
    /// On the 25th of each month.
    Monthly,
    /// After each import that adds a snapshot.
    AfterImport,
}

impl Cadence {
    fn as_str(self) -> &'static str {
        match self {
            Cadence::Monthly => "monthly",
            Cadence::AfterImport => "afterImport",
        }
    }

    fn parse(s: &str) -> Result<Cadence> {
        match s {
            "monthly" => Ok(Cadence::Monthly),
            "afterImport" => Ok(Cadence::AfterImport),
            other => Err(corrupt(format!("unknown schedule cadence '{other}'"))),
        }
    }
}

/// A report written again and again.
#[derive(Debug, Clone, PartialEq)]
pub struct Schedule {
    /// Id.
    pub id: i64,
    /// What to write.
    pub spec: ReportSpec,
    /// How often.
    pub cadence: Cadence,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it last ran.
    pub last_run_at: Option<DateTime<Utc>>,
    /// When it runs next (monthly: the next 25th, or the missed one, due now); `None` after
    /// each import.
    pub next_run_at: Option<DateTime<Utc>>,
    /// The snapshot its last run read.
    pub last_snapshot_id: Option<i64>,
    /// The newest report it wrote.
    pub last_report_id: Option<i64>,
}

fn language_code(l: Language) -> &'static str {
    match l {
        Language::En => "en",
        Language::Es => "es",
        Language::Fr => "fr",
        Language::Pl => "pl",
    }
}

fn parse_time(s: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| corrupt(format!("a stored time '{s}' is unreadable: {e}")))
}

fn spec_of(
    name: &str,
    report: &str,
    columns: &str,
    months: Option<i64>,
    language: &str,
) -> Result<ReportSpec> {
    Ok(ReportSpec {
        report: PropensityReport::parse(report)
            .ok_or_else(|| corrupt(format!("unknown stored report '{report}'")))?,
        name: name.to_owned(),
        columns: serde_json::from_str(columns)
            .map_err(|e| corrupt(format!("stored columns unreadable: {e}")))?,
        months: months.and_then(|m| u32::try_from(m).ok()),
        language: Language::from_locale(language).unwrap_or(Language::En),
    })
}

fn saved_of(row: SavedReportRow) -> Result<SavedReport> {
    let path = PathBuf::from(&row.path);
    let status = ReportStatus::parse(&row.status);
    Ok(SavedReport {
        id: row.id,
        spec: spec_of(
            &row.name,
            &row.report,
            &row.columns,
            row.months,
            &row.language,
        )?,
        file_exists: status == ReportStatus::Completed && path.is_file(),
        path,
        status,
        rows: row.rows.and_then(|r| u64::try_from(r).ok()),
        bytes: row.bytes.and_then(|b| u64::try_from(b).ok()),
        as_of: row
            .as_of
            .as_deref()
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()),
        error: row.error,
        schedule_id: row.schedule_id,
        started_at: parse_time(&row.started_at)?,
        finished_at: row.finished_at.as_deref().map(parse_time).transpose()?,
    })
}

/// A file name from a report's name: characters no file system takes become `_`.
pub fn file_stem(name: &str) -> String {
    let cleaned: String = name
        .trim()
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .collect();
    let cleaned = cleaned.trim_matches(|c: char| c == '.' || c.is_whitespace());
    if cleaned.is_empty() {
        "report".to_owned()
    } else {
        cleaned.to_owned()
    }
}

/// A path in `folder` for `name` that no file (nor a `.part` in progress) takes yet.
fn free_path(folder: &Path, name: &str) -> PathBuf {
    let stem = file_stem(name);
    let taken = |p: &Path| p.exists() || report::part_path(p).exists();
    let first = folder.join(format!("{stem}.csv"));
    if !taken(&first) {
        return first;
    }
    (2..)
        .map(|n| folder.join(format!("{stem} ({n}).csv")))
        .find(|p| !taken(p))
        .expect("an unbounded range finds a free name")
}

/// The workspace's cluster map (the default until the partner edits it).
pub async fn cluster_map(ws: &Workspace) -> Result<ClusterMap> {
    match meta::get(ws.pool(), CLUSTER_MAP_KEY).await? {
        Some(json) => {
            serde_json::from_str(&json).map_err(|e| corrupt(format!("the stored cluster map: {e}")))
        }
        None => Ok(ClusterMap::default()),
    }
}

/// Stores the cluster map (fit High → Very low rows, intent High → Very low columns); refused
/// unless each code A1–D4 appears once and High × High is A1. Reports written afterwards use it.
pub async fn set_cluster_map(ws: &Workspace, cells: &[Vec<String>]) -> Result<ClusterMap> {
    if cells.len() != 4 || cells.iter().any(|r| r.len() != 4) {
        return Err(EngineError::InvalidInput(
            "the cluster map has 4 rows of 4 codes".into(),
        ));
    }
    let mut parsed = [[super::segments::Segment::parse("A1").expect("A1"); 4]; 4];
    for (i, row) in cells.iter().enumerate() {
        for (j, code) in row.iter().enumerate() {
            parsed[i][j] = super::segments::Segment::parse(code).ok_or_else(|| {
                EngineError::InvalidInput(format!("'{}' is not a code A1 to D4", code.trim()))
            })?;
        }
    }
    let map = ClusterMap::new(parsed)?;
    let json = serde_json::to_string(&map).map_err(|e| corrupt(format!("the cluster map: {e}")))?;
    let mut tx = ws.begin().await?;
    meta::set(&mut tx, CLUSTER_MAP_KEY, &json).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(map)
}

/// Writes a report into `folder` and lists it in My reports (see the module documentation).
/// Returns the report as recorded, completed; an error is also recorded (failed or cancelled)
/// before it is returned. A spec that is not valid is refused before anything is recorded.
pub async fn write_report(
    ws: &Workspace,
    spec: &ReportSpec,
    folder: &Path,
    clock: &dyn Clock,
    progress: &dyn Progress,
    cancel: &CancelToken,
) -> Result<SavedReport> {
    let (id, result) = write_recorded(ws, spec, folder, None, clock, progress, cancel).await?;
    result?;
    saved_report(ws, id).await
}

/// Records the run, writes the report, records how it ended. The outer error is one that came
/// before the run was recorded (an invalid spec, the database); the inner one is the run's.
async fn write_recorded(
    ws: &Workspace,
    spec: &ReportSpec,
    folder: &Path,
    schedule_id: Option<i64>,
    clock: &dyn Clock,
    progress: &dyn Progress,
    cancel: &CancelToken,
) -> Result<(i64, Result<()>)> {
    let spec = spec.validated()?;
    let path = free_path(folder, &spec.name);
    let row = SavedReportRow {
        id: 0,
        name: spec.name.clone(),
        report: spec.report.key().to_owned(),
        columns: serde_json::to_string(&spec.columns).unwrap_or_else(|_| "[]".into()),
        months: spec.months.map(i64::from),
        language: language_code(spec.language).to_owned(),
        path: path.to_string_lossy().into_owned(),
        status: ReportStatus::Running.as_str().to_owned(),
        rows: None,
        bytes: None,
        as_of: None,
        error: None,
        schedule_id,
        started_at: clock.now().to_rfc3339(),
        finished_at: None,
    };
    let id = {
        let mut tx = ws.begin().await?;
        let id = table::insert_report(&mut tx, &row).await?;
        tx.commit().await.map_err(StoreError::from)?;
        id
    };
    let result = async {
        std::fs::create_dir_all(folder).map_err(|e| {
            EngineError::io(
                format!("cannot create the reports folder {}", folder.display()),
                e,
            )
        })?;
        let map = cluster_map(ws).await?;
        report::generate(ws, &spec.request(map), &path, progress, cancel).await
    }
    .await;
    let finished_at = clock.now().to_rfc3339();
    let outcome = match &result {
        Ok(summary) => ReportOutcome {
            status: ReportStatus::Completed.as_str().into(),
            rows: i64::try_from(summary.rows).ok(),
            bytes: i64::try_from(summary.bytes).ok(),
            as_of: Some(summary.as_of.to_string()),
            error: None,
            finished_at,
        },
        Err(EngineError::Cancelled) => ReportOutcome {
            status: ReportStatus::Cancelled.as_str().into(),
            rows: None,
            bytes: None,
            as_of: None,
            error: None,
            finished_at,
        },
        Err(e) => ReportOutcome {
            status: ReportStatus::Failed.as_str().into(),
            rows: None,
            bytes: None,
            as_of: None,
            error: Some(e.to_string()),
            finished_at,
        },
    };
    let mut tx = ws.begin().await?;
    table::finish_report(&mut tx, id, &outcome).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok((id, result.map(|_| ())))
}

/// One report of My reports.
pub async fn saved_report(ws: &Workspace, id: i64) -> Result<SavedReport> {
    let row = table::report(ws.pool(), id)
        .await?
        .ok_or_else(|| EngineError::Store(StoreError::NotFound(format!("report {id}"))))?;
    saved_of(row)
}

/// My reports, newest first.
pub async fn saved_reports(ws: &Workspace) -> Result<Vec<SavedReport>> {
    table::reports(ws.pool())
        .await?
        .into_iter()
        .map(saved_of)
        .collect()
}

/// Removes a report from My reports, and its file when `delete_file` (a file already gone is
/// not an error). A running report cannot be deleted: cancel it first.
pub async fn delete_saved_report(ws: &Workspace, id: i64, delete_file: bool) -> Result<()> {
    let report = saved_report(ws, id).await?;
    if report.status == ReportStatus::Running {
        return Err(EngineError::NotAllowed(
            "the report is being written: cancel it first".into(),
        ));
    }
    if delete_file {
        match std::fs::remove_file(&report.path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                return Err(EngineError::io(
                    format!("cannot delete {}", report.path.display()),
                    e,
                ))
            }
        }
    }
    let mut tx = ws.begin().await?;
    table::delete_report(&mut tx, id).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(())
}

/// Marks the reports left `running` by a run that did not finish (the app closed or crashed)
/// as failed, and removes their partial files. Returns how many.
pub async fn mark_interrupted(ws: &Workspace, clock: &dyn Clock) -> Result<u64> {
    let running: Vec<SavedReport> = saved_reports(ws)
        .await?
        .into_iter()
        .filter(|r| r.status == ReportStatus::Running)
        .collect();
    for r in &running {
        let _ = std::fs::remove_file(report::part_path(&r.path));
    }
    if running.is_empty() {
        return Ok(0);
    }
    let mut tx = ws.begin().await?;
    let n = table::fail_running(
        &mut tx,
        "the app closed before the report was complete",
        &clock.now().to_rfc3339(),
    )
    .await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(n)
}

/// The latest 25th at or before `now`, at midnight UTC.
fn latest_run_point(now: DateTime<Utc>) -> DateTime<Utc> {
    let d = now.date_naive();
    let (y, m) = if d.day() >= MONTHLY_DAY {
        (d.year(), d.month())
    } else if d.month() == 1 {
        (d.year() - 1, 12)
    } else {
        (d.year(), d.month() - 1)
    };
    Utc.from_utc_datetime(
        &NaiveDate::from_ymd_opt(y, m, MONTHLY_DAY)
            .expect("the 25th exists in every month")
            .and_hms_opt(0, 0, 0)
            .expect("midnight"),
    )
}

/// The 25th after `point` (a 25th).
fn next_run_point(point: DateTime<Utc>) -> DateTime<Utc> {
    latest_run_point(point + chrono::Duration::days(40))
}

fn schedule_of(
    row: ScheduleRow,
    last_reports: &[(i64, i64)],
    now: DateTime<Utc>,
) -> Result<Schedule> {
    let cadence = Cadence::parse(&row.cadence)?;
    let created_at = parse_time(&row.created_at)?;
    let last_run_at = row.last_run_at.as_deref().map(parse_time).transpose()?;
    let next_run_at = match cadence {
        Cadence::AfterImport => None,
        Cadence::Monthly => {
            let since = last_run_at.unwrap_or(created_at);
            let point = latest_run_point(now);
            Some(if point > since {
                point
            } else {
                next_run_point(point)
            })
        }
    };
    Ok(Schedule {
        id: row.id,
        spec: spec_of(
            &row.name,
            &row.report,
            &row.columns,
            row.months,
            &row.language,
        )?,
        cadence,
        created_at,
        last_run_at,
        next_run_at,
        last_snapshot_id: row.last_snapshot_id,
        last_report_id: last_reports
            .iter()
            .find(|(s, _)| *s == row.id)
            .map(|(_, r)| *r),
    })
}

/// Every schedule, oldest first.
pub async fn schedules(ws: &Workspace, clock: &dyn Clock) -> Result<Vec<Schedule>> {
    let last = table::last_reports(ws.pool()).await?;
    let now = clock.now();
    table::schedules(ws.pool())
        .await?
        .into_iter()
        .map(|r| schedule_of(r, &last, now))
        .collect()
}

/// Adds a schedule (see the module documentation for when it runs).
pub async fn create_schedule(
    ws: &Workspace,
    spec: &ReportSpec,
    cadence: Cadence,
    clock: &dyn Clock,
) -> Result<Schedule> {
    let spec = spec.validated()?;
    let mut conn = ws.begin().await?;
    let latest = snapshots::latest(&mut conn).await?.map(|(id, _)| id);
    let row = ScheduleRow {
        id: 0,
        name: spec.name.clone(),
        report: spec.report.key().to_owned(),
        columns: serde_json::to_string(&spec.columns).unwrap_or_else(|_| "[]".into()),
        months: spec.months.map(i64::from),
        language: language_code(spec.language).to_owned(),
        cadence: cadence.as_str().to_owned(),
        created_at: clock.now().to_rfc3339(),
        last_run_at: None,
        last_snapshot_id: match cadence {
            Cadence::AfterImport => latest,
            Cadence::Monthly => None,
        },
    };
    let id = table::insert_schedule(&mut conn, &row).await?;
    conn.commit().await.map_err(StoreError::from)?;
    schedules(ws, clock)
        .await?
        .into_iter()
        .find(|s| s.id == id)
        .ok_or_else(|| corrupt(format!("schedule {id} vanished")))
}

/// Deletes a schedule; the reports it wrote stay in My reports.
pub async fn delete_schedule(ws: &Workspace, id: i64) -> Result<()> {
    let mut tx = ws.begin().await?;
    table::delete_schedule(&mut tx, id).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(())
}

/// The schedules due now (see the module documentation).
pub async fn due_schedules(ws: &Workspace, clock: &dyn Clock) -> Result<Vec<Schedule>> {
    let latest = {
        let mut conn = ws.begin().await?;
        snapshots::latest(&mut conn).await?.map(|(id, _)| id)
    };
    let now = clock.now();
    Ok(schedules(ws, clock)
        .await?
        .into_iter()
        .filter(|s| match s.cadence {
            Cadence::Monthly => s.next_run_at.is_some_and(|t| t <= now),
            Cadence::AfterImport => latest.is_some() && latest != s.last_snapshot_id,
        })
        .collect())
}

/// Runs every due schedule into `folder`, one after the other; returns the reports they wrote
/// or tried to write (a failure is recorded in My reports and does not stop the others; a
/// cancel stops the run).
pub async fn run_due(
    ws: &Workspace,
    folder: &Path,
    clock: &dyn Clock,
    progress: &dyn Progress,
    cancel: &CancelToken,
) -> Result<Vec<SavedReport>> {
    let due = due_schedules(ws, clock).await?;
    let mut written = Vec::new();
    for schedule in due {
        cancel.check()?;
        let latest = {
            let mut conn = ws.begin().await?;
            snapshots::latest(&mut conn).await?.map(|(id, _)| id)
        };
        let (id, result) = write_recorded(
            ws,
            &schedule.spec,
            folder,
            Some(schedule.id),
            clock,
            progress,
            cancel,
        )
        .await?;
        {
            let mut tx = ws.begin().await?;
            table::mark_run(&mut tx, schedule.id, &clock.now().to_rfc3339(), latest).await?;
            tx.commit().await.map_err(StoreError::from)?;
        }
        match result {
            Err(EngineError::Cancelled) => return Err(EngineError::Cancelled),
            Err(e) => tracing::warn!(schedule = schedule.id, "a scheduled report failed: {e}"),
            Ok(()) => {}
        }
        written.push(saved_report(ws, id).await?);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, 0, 0).unwrap()
    }

    #[test]
    fn the_monthly_run_is_the_latest_25th() {
        assert_eq!(latest_run_point(at(2026, 11, 24, 23)), at(2026, 10, 25, 0));
        assert_eq!(latest_run_point(at(2026, 11, 25, 0)), at(2026, 11, 25, 0));
        assert_eq!(latest_run_point(at(2026, 1, 3, 8)), at(2025, 12, 25, 0));
        assert_eq!(next_run_point(at(2026, 12, 25, 0)), at(2027, 1, 25, 0));
        assert_eq!(next_run_point(at(2026, 1, 25, 0)), at(2026, 2, 25, 0));
    }

    #[test]
    fn file_names_lose_what_file_systems_refuse() {
        assert_eq!(file_stem(" M365: Q4/EMEA? "), "M365_ Q4_EMEA_");
        assert_eq!(file_stem("..."), "report");
        let dir = std::env::temp_dir().join(format!("pa-free-path-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("a.csv"), "x").unwrap();
        std::fs::write(dir.join("a (2).csv.part"), "x").unwrap();
        assert_eq!(free_path(&dir, "a"), dir.join("a (3).csv"));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
