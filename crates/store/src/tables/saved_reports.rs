//! `saved_reports` and `report_schedules`: the propensity reports the partner wrote ("My
//! reports") and the ones it asked to be written again (SPEC §6.3).

use sqlx::{SqliteConnection, SqlitePool};

use crate::{Result, StoreError};

/// A written or running report, as stored.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct SavedReportRow {
    /// Id.
    pub id: i64,
    /// The partner's name for it.
    pub name: String,
    /// The report (`m365`, …).
    pub report: String,
    /// JSON array of the chosen columns; `[]` for all.
    pub columns: String,
    /// The time range in months; `None` for Lifetime.
    pub months: Option<i64>,
    /// Language code of its texts.
    pub language: String,
    /// The file.
    pub path: String,
    /// `running`, `completed`, `failed` or `cancelled`.
    pub status: String,
    /// Rows written.
    pub rows: Option<i64>,
    /// File size.
    pub bytes: Option<i64>,
    /// The snapshot's date.
    pub as_of: Option<String>,
    /// Why it failed.
    pub error: Option<String>,
    /// The schedule that wrote it.
    pub schedule_id: Option<i64>,
    /// RFC 3339.
    pub started_at: String,
    /// RFC 3339.
    pub finished_at: Option<String>,
}

/// A schedule, as stored.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ScheduleRow {
    /// Id.
    pub id: i64,
    /// The name its reports get.
    pub name: String,
    /// The report.
    pub report: String,
    /// JSON array of the chosen columns.
    pub columns: String,
    /// The time range in months; `None` for Lifetime.
    pub months: Option<i64>,
    /// Language code.
    pub language: String,
    /// `monthly` or `afterImport`.
    pub cadence: String,
    /// RFC 3339.
    pub created_at: String,
    /// RFC 3339.
    pub last_run_at: Option<String>,
    /// The snapshot its last run read.
    pub last_snapshot_id: Option<i64>,
}

const REPORT_COLUMNS: &str = "id, name, report, columns, months, language, path, status, rows, \
     bytes, as_of, error, schedule_id, started_at, finished_at";
const SCHEDULE_COLUMNS: &str = "id, name, report, columns, months, language, cadence, \
     created_at, last_run_at, last_snapshot_id";

/// Records a report as running; returns its id (`row.id` is ignored).
pub async fn insert_report(conn: &mut SqliteConnection, row: &SavedReportRow) -> Result<i64> {
    let done = sqlx::query(
        "INSERT INTO saved_reports (name, report, columns, months, language, path, status, rows, \
         bytes, as_of, error, schedule_id, started_at, finished_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(&row.name)
    .bind(&row.report)
    .bind(&row.columns)
    .bind(row.months)
    .bind(&row.language)
    .bind(&row.path)
    .bind(&row.status)
    .bind(row.rows)
    .bind(row.bytes)
    .bind(&row.as_of)
    .bind(&row.error)
    .bind(row.schedule_id)
    .bind(&row.started_at)
    .bind(&row.finished_at)
    .execute(&mut *conn)
    .await?;
    Ok(done.last_insert_rowid())
}

/// How a run ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportOutcome {
    /// `completed`, `failed` or `cancelled`.
    pub status: String,
    /// Rows written.
    pub rows: Option<i64>,
    /// File size.
    pub bytes: Option<i64>,
    /// The snapshot's date.
    pub as_of: Option<String>,
    /// Why it failed.
    pub error: Option<String>,
    /// RFC 3339.
    pub finished_at: String,
}

/// Records how a run ended.
pub async fn finish_report(
    conn: &mut SqliteConnection,
    id: i64,
    outcome: &ReportOutcome,
) -> Result<()> {
    let done = sqlx::query(
        "UPDATE saved_reports SET status = ?, rows = ?, bytes = ?, as_of = ?, error = ?, \
         finished_at = ? WHERE id = ?",
    )
    .bind(&outcome.status)
    .bind(outcome.rows)
    .bind(outcome.bytes)
    .bind(&outcome.as_of)
    .bind(&outcome.error)
    .bind(&outcome.finished_at)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound(format!("report {id}")));
    }
    Ok(())
}

/// Marks every report still `running` as failed with `error` (a run the app did not live to
/// finish); returns how many.
pub async fn fail_running(
    conn: &mut SqliteConnection,
    error: &str,
    finished_at: &str,
) -> Result<u64> {
    let done = sqlx::query(
        "UPDATE saved_reports SET status = 'failed', error = ?, finished_at = ? \
         WHERE status = 'running'",
    )
    .bind(error)
    .bind(finished_at)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected())
}

/// Every report, newest first.
pub async fn reports(pool: &SqlitePool) -> Result<Vec<SavedReportRow>> {
    Ok(sqlx::query_as(&format!(
        "SELECT {REPORT_COLUMNS} FROM saved_reports ORDER BY started_at DESC, id DESC"
    ))
    .fetch_all(pool)
    .await?)
}

/// One report.
pub async fn report(pool: &SqlitePool, id: i64) -> Result<Option<SavedReportRow>> {
    Ok(sqlx::query_as(&format!(
        "SELECT {REPORT_COLUMNS} FROM saved_reports WHERE id = ?"
    ))
    .bind(id)
    .fetch_optional(pool)
    .await?)
}

/// Forgets a report.
pub async fn delete_report(conn: &mut SqliteConnection, id: i64) -> Result<()> {
    let done = sqlx::query("DELETE FROM saved_reports WHERE id = ?")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound(format!("report {id}")));
    }
    Ok(())
}

/// Adds a schedule; returns its id (`row.id` is ignored).
pub async fn insert_schedule(conn: &mut SqliteConnection, row: &ScheduleRow) -> Result<i64> {
    let done = sqlx::query(
        "INSERT INTO report_schedules (name, report, columns, months, language, cadence, \
         created_at, last_run_at, last_snapshot_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(&row.name)
    .bind(&row.report)
    .bind(&row.columns)
    .bind(row.months)
    .bind(&row.language)
    .bind(&row.cadence)
    .bind(&row.created_at)
    .bind(&row.last_run_at)
    .bind(row.last_snapshot_id)
    .execute(&mut *conn)
    .await?;
    Ok(done.last_insert_rowid())
}

/// Records a schedule's run.
pub async fn mark_run(
    conn: &mut SqliteConnection,
    id: i64,
    ran_at: &str,
    snapshot_id: Option<i64>,
) -> Result<()> {
    sqlx::query("UPDATE report_schedules SET last_run_at = ?, last_snapshot_id = ? WHERE id = ?")
        .bind(ran_at)
        .bind(snapshot_id)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Every schedule, oldest first.
pub async fn schedules(pool: &SqlitePool) -> Result<Vec<ScheduleRow>> {
    Ok(sqlx::query_as(&format!(
        "SELECT {SCHEDULE_COLUMNS} FROM report_schedules ORDER BY id"
    ))
    .fetch_all(pool)
    .await?)
}

/// Deletes a schedule (its reports stay, no longer marked as scheduled).
pub async fn delete_schedule(conn: &mut SqliteConnection, id: i64) -> Result<()> {
    let done = sqlx::query("DELETE FROM report_schedules WHERE id = ?")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound(format!("report schedule {id}")));
    }
    Ok(())
}

/// The newest report each schedule wrote, by schedule id.
pub async fn last_reports(pool: &SqlitePool) -> Result<Vec<(i64, i64)>> {
    Ok(sqlx::query_as(
        "SELECT schedule_id, MAX(id) FROM saved_reports WHERE schedule_id IS NOT NULL \
         GROUP BY schedule_id",
    )
    .fetch_all(pool)
    .await?)
}
