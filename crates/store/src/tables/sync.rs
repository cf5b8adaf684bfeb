//! `sync_outbox` and `sync_runs`: lead changes waiting for Partner Center, and the sync runs.

use chrono::{DateTime, Utc};
use partner_advisor_domain::LeadSubstatus;
use sqlx::{SqliteConnection, SqlitePool};

use super::leads::parse_time;
use crate::Result;

/// Where a queued change stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutboxState {
    /// Waiting for the next sync.
    Pending,
    /// Partner Center changed the lead meanwhile: the partner chooses which copy wins.
    Conflict,
    /// Partner Center refused the change (the reason is in `last_error`).
    Refused,
}

impl OutboxState {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            OutboxState::Pending => "pending",
            OutboxState::Conflict => "conflict",
            OutboxState::Refused => "refused",
        }
    }

    fn parse(text: &str) -> Self {
        match text {
            "conflict" => OutboxState::Conflict,
            "refused" => OutboxState::Refused,
            _ => OutboxState::Pending,
        }
    }
}

/// A lead with local changes Partner Center has not received.
#[derive(Debug, Clone, PartialEq)]
pub struct OutboxEntry {
    /// The lead.
    pub lead_id: String,
    /// Partner Center's ETag of the copy the changes started from.
    pub base_etag: Option<String>,
    /// The substatus that copy had.
    pub base_substatus: LeadSubstatus,
    /// When the first change was queued.
    pub queued_at: DateTime<Utc>,
    /// When the latest change was made.
    pub changed_at: DateTime<Utc>,
    /// Where it stands.
    pub state: OutboxState,
    /// Push attempts that failed.
    pub attempts: i64,
    /// The last failure, or why Partner Center refused it.
    pub last_error: Option<String>,
    /// Partner Center's copy (Referrals API JSON), in a conflict.
    pub remote: Option<String>,
}

/// Queues a change to lead `lead_id` made at `at`. The first change of a lead records the copy it
/// started from (`base_etag`, `base_substatus`); later ones only move `changed_at`, and bring a
/// refused entry back to pending (the partner changed the lead again).
pub async fn queue(
    conn: &mut SqliteConnection,
    lead_id: &str,
    base_etag: Option<&str>,
    base_substatus: LeadSubstatus,
    at: DateTime<Utc>,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO sync_outbox (lead_id, base_etag, base_substatus, queued_at, changed_at, state) \
         VALUES (?, ?, ?, ?, ?, 'pending') \
         ON CONFLICT (lead_id) DO UPDATE SET changed_at = excluded.changed_at, \
           state = CASE state WHEN 'refused' THEN 'pending' ELSE state END, \
           last_error = CASE state WHEN 'refused' THEN NULL ELSE last_error END",
    )
    .bind(lead_id)
    .bind(base_etag)
    .bind(base_substatus.as_str())
    .bind(at.to_rfc3339())
    .bind(at.to_rfc3339())
    .execute(conn)
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct Row {
    lead_id: String,
    base_etag: Option<String>,
    base_substatus: String,
    queued_at: String,
    changed_at: String,
    state: String,
    attempts: i64,
    last_error: Option<String>,
    remote: Option<String>,
}

impl Row {
    fn into_entry(self) -> Result<OutboxEntry> {
        Ok(OutboxEntry {
            base_substatus: LeadSubstatus::parse(&self.base_substatus)?,
            queued_at: parse_time(&self.queued_at)?,
            changed_at: parse_time(&self.changed_at)?,
            state: OutboxState::parse(&self.state),
            lead_id: self.lead_id,
            base_etag: self.base_etag,
            attempts: self.attempts,
            last_error: self.last_error,
            remote: self.remote,
        })
    }
}

const SELECT: &str = "SELECT lead_id, base_etag, base_substatus, queued_at, changed_at, state, \
                      attempts, last_error, remote FROM sync_outbox";

/// Every queued lead, oldest change first.
pub async fn entries(pool: &SqlitePool) -> Result<Vec<OutboxEntry>> {
    let rows: Vec<Row> = sqlx::query_as(&format!("{SELECT} ORDER BY queued_at, lead_id"))
        .fetch_all(pool)
        .await?;
    rows.into_iter().map(Row::into_entry).collect()
}

/// The entry of one lead.
pub async fn entry(conn: &mut SqliteConnection, lead_id: &str) -> Result<Option<OutboxEntry>> {
    let row: Option<Row> = sqlx::query_as(&format!("{SELECT} WHERE lead_id = ?"))
        .bind(lead_id)
        .fetch_optional(conn)
        .await?;
    row.map(Row::into_entry).transpose()
}

/// Marks a lead in conflict, keeping Partner Center's copy.
pub async fn mark_conflict(conn: &mut SqliteConnection, lead_id: &str, remote: &str) -> Result<()> {
    sqlx::query("UPDATE sync_outbox SET state = 'conflict', remote = ? WHERE lead_id = ?")
        .bind(remote)
        .bind(lead_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Marks a change refused by Partner Center, with its reason.
pub async fn mark_refused(conn: &mut SqliteConnection, lead_id: &str, reason: &str) -> Result<()> {
    sqlx::query(
        "UPDATE sync_outbox SET state = 'refused', last_error = ?, attempts = attempts + 1 \
         WHERE lead_id = ?",
    )
    .bind(reason)
    .bind(lead_id)
    .execute(conn)
    .await?;
    Ok(())
}

/// Records a failed attempt that will be retried (offline, throttled).
pub async fn record_attempt(conn: &mut SqliteConnection, lead_id: &str, error: &str) -> Result<()> {
    sqlx::query("UPDATE sync_outbox SET attempts = attempts + 1, last_error = ? WHERE lead_id = ?")
        .bind(error)
        .bind(lead_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Puts a lead back in the queue against Partner Center's copy `etag` (the partner chose to keep
/// their changes over Partner Center's).
pub async fn rebase(
    conn: &mut SqliteConnection,
    lead_id: &str,
    etag: Option<&str>,
    substatus: LeadSubstatus,
) -> Result<()> {
    sqlx::query(
        "UPDATE sync_outbox SET state = 'pending', base_etag = ?, base_substatus = ?, \
         remote = NULL, last_error = NULL WHERE lead_id = ?",
    )
    .bind(etag)
    .bind(substatus.as_str())
    .bind(lead_id)
    .execute(conn)
    .await?;
    Ok(())
}

/// Removes a lead from the queue (pushed, or Partner Center's copy taken).
pub async fn remove(conn: &mut SqliteConnection, lead_id: &str) -> Result<()> {
    sqlx::query("DELETE FROM sync_outbox WHERE lead_id = ?")
        .bind(lead_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// How many leads wait, and how many of those are in conflict or refused.
pub async fn counts(pool: &SqlitePool) -> Result<(i64, i64, i64)> {
    Ok(sqlx::query_as(
        "SELECT count(*), coalesce(sum(state = 'conflict'), 0), coalesce(sum(state = 'refused'), 0) \
         FROM sync_outbox",
    )
    .fetch_one(pool)
    .await?)
}

/// A sync run as recorded.
#[derive(Debug, Clone, PartialEq)]
pub struct SyncRun {
    /// Store identifier.
    pub id: i64,
    /// When it started.
    pub started_at: DateTime<Utc>,
    /// When it ended.
    pub finished_at: Option<DateTime<Utc>>,
    /// `running`, `completed`, `failed` or `cancelled`.
    pub status: String,
    /// What it did (JSON).
    pub summary: Option<String>,
    /// Why it failed, as a stable code.
    pub error_code: Option<String>,
    /// Why it failed, in a sentence.
    pub error: Option<String>,
}

/// Records a run that starts at `at`.
pub async fn start_run(pool: &SqlitePool, at: DateTime<Utc>) -> Result<i64> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO sync_runs (started_at, status) VALUES (?, 'running') RETURNING id",
    )
    .bind(at.to_rfc3339())
    .fetch_one(pool)
    .await?;
    Ok(id)
}

/// Records how run `id` ended.
pub async fn finish_run(
    pool: &SqlitePool,
    id: i64,
    at: DateTime<Utc>,
    status: &str,
    summary: Option<&str>,
    error: Option<(&str, &str)>,
) -> Result<()> {
    sqlx::query(
        "UPDATE sync_runs SET finished_at = ?, status = ?, summary = ?, error_code = ?, error = ? \
         WHERE id = ?",
    )
    .bind(at.to_rfc3339())
    .bind(status)
    .bind(summary)
    .bind(error.map(|e| e.0))
    .bind(error.map(|e| e.1))
    .bind(id)
    .execute(pool)
    .await?;
    Ok(())
}

/// Marks runs left `running` by an app that did not live to finish them as failed.
pub async fn mark_interrupted(pool: &SqlitePool, at: DateTime<Utc>) -> Result<u64> {
    let done = sqlx::query(
        "UPDATE sync_runs SET status = 'failed', finished_at = ?, error_code = 'local', \
         error = 'the app closed before the sync finished; nothing of it was applied' \
         WHERE status = 'running'",
    )
    .bind(at.to_rfc3339())
    .execute(pool)
    .await?;
    Ok(done.rows_affected())
}

/// id, started, finished, status, summary, error code, error.
type RunRow = (
    i64,
    String,
    Option<String>,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
);

/// The latest runs, newest first.
pub async fn runs(pool: &SqlitePool, limit: i64) -> Result<Vec<SyncRun>> {
    let rows: Vec<RunRow> = sqlx::query_as(
        "SELECT id, started_at, finished_at, status, summary, error_code, error FROM sync_runs \
             ORDER BY id DESC LIMIT ?",
    )
    .bind(limit)
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(
            |(id, started, finished, status, summary, error_code, error)| {
                Ok(SyncRun {
                    id,
                    started_at: parse_time(&started)?,
                    finished_at: finished.as_deref().map(parse_time).transpose()?,
                    status,
                    summary,
                    error_code,
                    error,
                })
            },
        )
        .collect()
}
