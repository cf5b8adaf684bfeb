//! `lead_scoring_models`, `lead_scoring_versions`, `lead_scores` and `lead_score_history`:
//! predictive lead scoring's models, their trained versions, each lead's current score and its
//! score over time. Structured parts (filters, grade ranges, reports, reasons) are JSON written
//! and read by the engine; this module only moves them.

use chrono::{DateTime, Utc};
use sqlx::SqliteConnection;

use super::insert_rows;
use crate::{Result, StoreError};

/// A lead scoring model's settings.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct ModelRow {
    /// Id (0 before insertion).
    pub id: i64,
    /// Name.
    pub name: String,
    /// Position in the scoring order (first matching published model scores a lead).
    pub position: i64,
    /// Filter conditions, JSON.
    pub filter: String,
    /// The admin's attribute keys, JSON; `None` when selected automatically.
    pub attributes: Option<String>,
    /// Retrain automatically.
    pub auto_retrain: bool,
    /// Grade ranges, JSON.
    pub grades: String,
    /// Score points within which the trend is steady.
    pub trend_tolerance: i64,
    /// Creation time (RFC 3339).
    pub created_at: String,
    /// Last change of the settings (RFC 3339).
    pub updated_at: String,
}

/// One trained version, without its model file.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct VersionRow {
    /// The model.
    pub model_id: i64,
    /// Version number, from 1.
    pub version: i64,
    /// Training time (RFC 3339).
    pub trained_at: String,
    /// `draft`, `published` or `retired`.
    pub status: String,
    /// When it was last published (RFC 3339).
    pub published_at: Option<String>,
    /// Qualified leads it trained and validated on.
    pub qualified: i64,
    /// Disqualified leads it trained and validated on.
    pub disqualified: i64,
    /// Training rows.
    pub training_rows: i64,
    /// Validation rows.
    pub validation_rows: i64,
    /// The learner that won.
    pub learner: String,
    /// Validation ROC AUC.
    pub roc_auc: Option<f64>,
    /// Validation accuracy at the F1-optimal threshold.
    pub accuracy: Option<f64>,
    /// The training report, JSON.
    pub report: String,
}

/// A lead's current score.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct ScoreRow {
    /// The lead.
    pub lead_id: String,
    /// The model that scored it.
    pub model_id: i64,
    /// The model's version.
    pub version: i64,
    /// Score 0–100.
    pub score: i64,
    /// Grade letter.
    pub grade: String,
    /// Trend name.
    pub trend: String,
    /// The score before this one.
    pub previous_score: Option<i64>,
    /// When it was scored (RFC 3339).
    pub scored_at: String,
    /// Factors, JSON.
    pub reasons: String,
}

/// One point of a lead's score over time.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct HistoryRow {
    /// The lead.
    pub lead_id: String,
    /// When (RFC 3339).
    pub at: String,
    /// The model.
    pub model_id: i64,
    /// The model's version.
    pub version: i64,
    /// Score 0–100.
    pub score: i64,
}

const MODEL_COLUMNS: &str = "id, name, position, filter, attributes, auto_retrain, grades, \
     trend_tolerance, created_at, updated_at";
const VERSION_COLUMNS: &str = "model_id, version, trained_at, status, published_at, qualified, \
     disqualified, training_rows, validation_rows, learner, roc_auc, accuracy, report";
const SCORE_COLUMNS: &str =
    "lead_id, model_id, version, score, grade, trend, previous_score, scored_at, reasons";

/// Adds a model at the end of the scoring order; returns its id.
pub async fn insert_model(conn: &mut SqliteConnection, model: &ModelRow) -> Result<i64> {
    let done = sqlx::query(
        "INSERT INTO lead_scoring_models (name, position, filter, attributes, auto_retrain, \
         grades, trend_tolerance, created_at, updated_at) \
         VALUES (?, (SELECT COALESCE(MAX(position), 0) + 1 FROM lead_scoring_models), \
         ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(&model.name)
    .bind(&model.filter)
    .bind(&model.attributes)
    .bind(model.auto_retrain)
    .bind(&model.grades)
    .bind(model.trend_tolerance)
    .bind(&model.created_at)
    .bind(&model.updated_at)
    .execute(&mut *conn)
    .await?;
    Ok(done.last_insert_rowid())
}

/// Rewrites a model's settings (all but its id and creation time).
pub async fn update_model(conn: &mut SqliteConnection, model: &ModelRow) -> Result<()> {
    let done = sqlx::query(
        "UPDATE lead_scoring_models SET name = ?, position = ?, filter = ?, attributes = ?, \
         auto_retrain = ?, grades = ?, trend_tolerance = ?, updated_at = ? WHERE id = ?",
    )
    .bind(&model.name)
    .bind(model.position)
    .bind(&model.filter)
    .bind(&model.attributes)
    .bind(model.auto_retrain)
    .bind(&model.grades)
    .bind(model.trend_tolerance)
    .bind(&model.updated_at)
    .bind(model.id)
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound(format!(
            "lead scoring model {}",
            model.id
        )));
    }
    Ok(())
}

/// Deletes a model with its versions, the scores it gave and their history.
pub async fn delete_model(conn: &mut SqliteConnection, id: i64) -> Result<()> {
    // Scores reference the version; the versions and history cascade from the model.
    sqlx::query("DELETE FROM lead_scores WHERE model_id = ?")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    let done = sqlx::query("DELETE FROM lead_scoring_models WHERE id = ?")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound(format!("lead scoring model {id}")));
    }
    Ok(())
}

/// Every model, in scoring order.
pub async fn models(conn: &mut SqliteConnection) -> Result<Vec<ModelRow>> {
    Ok(sqlx::query_as(&format!(
        "SELECT {MODEL_COLUMNS} FROM lead_scoring_models ORDER BY position, id"
    ))
    .fetch_all(&mut *conn)
    .await?)
}

/// One model.
pub async fn model(conn: &mut SqliteConnection, id: i64) -> Result<Option<ModelRow>> {
    Ok(sqlx::query_as(&format!(
        "SELECT {MODEL_COLUMNS} FROM lead_scoring_models WHERE id = ?"
    ))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?)
}

/// Number of models.
pub async fn model_count(conn: &mut SqliteConnection) -> Result<i64> {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM lead_scoring_models")
        .fetch_one(&mut *conn)
        .await?;
    Ok(n)
}

/// The number the next version of `model_id` takes.
pub async fn next_version(conn: &mut SqliteConnection, model_id: i64) -> Result<i64> {
    let (n,): (i64,) = sqlx::query_as(
        "SELECT COALESCE(MAX(version), 0) + 1 FROM lead_scoring_versions WHERE model_id = ?",
    )
    .bind(model_id)
    .fetch_one(&mut *conn)
    .await?;
    Ok(n)
}

/// Adds a trained version with its model file.
pub async fn insert_version(
    conn: &mut SqliteConnection,
    version: &VersionRow,
    model: &[u8],
) -> Result<()> {
    sqlx::query(&format!(
        "INSERT INTO lead_scoring_versions ({VERSION_COLUMNS}, model) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    ))
    .bind(version.model_id)
    .bind(version.version)
    .bind(&version.trained_at)
    .bind(&version.status)
    .bind(&version.published_at)
    .bind(version.qualified)
    .bind(version.disqualified)
    .bind(version.training_rows)
    .bind(version.validation_rows)
    .bind(&version.learner)
    .bind(version.roc_auc)
    .bind(version.accuracy)
    .bind(&version.report)
    .bind(model)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The versions of a model, newest first (without their model files).
pub async fn versions(conn: &mut SqliteConnection, model_id: i64) -> Result<Vec<VersionRow>> {
    Ok(sqlx::query_as(&format!(
        "SELECT {VERSION_COLUMNS} FROM lead_scoring_versions WHERE model_id = ? \
         ORDER BY version DESC"
    ))
    .bind(model_id)
    .fetch_all(&mut *conn)
    .await?)
}

/// One version (without its model file).
pub async fn version(
    conn: &mut SqliteConnection,
    model_id: i64,
    version: i64,
) -> Result<Option<VersionRow>> {
    Ok(sqlx::query_as(&format!(
        "SELECT {VERSION_COLUMNS} FROM lead_scoring_versions WHERE model_id = ? AND version = ?"
    ))
    .bind(model_id)
    .bind(version)
    .fetch_optional(&mut *conn)
    .await?)
}

/// The published version of every model that has one, with its model file, in scoring order.
pub async fn published(conn: &mut SqliteConnection) -> Result<Vec<(VersionRow, Vec<u8>)>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        #[sqlx(flatten)]
        version: VersionRow,
        model: Vec<u8>,
    }
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT {}, v.model FROM lead_scoring_versions v \
         JOIN lead_scoring_models m ON m.id = v.model_id \
         WHERE v.status = 'published' ORDER BY m.position, m.id",
        VERSION_COLUMNS
            .split(", ")
            .map(|c| format!("v.{c}"))
            .collect::<Vec<_>>()
            .join(", ")
    ))
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.into_iter().map(|r| (r.version, r.model)).collect())
}

/// `(model id, version)` of every published version, in model id order: a cheap fingerprint of
/// what scores leads.
pub async fn published_keys(conn: &mut SqliteConnection) -> Result<Vec<(i64, i64, String)>> {
    Ok(sqlx::query_as(
        "SELECT v.model_id, v.version, m.updated_at FROM lead_scoring_versions v \
         JOIN lead_scoring_models m ON m.id = v.model_id \
         WHERE v.status = 'published' ORDER BY v.model_id",
    )
    .fetch_all(&mut *conn)
    .await?)
}

/// Publishes a version: the model's published version (if any) is retired in the same
/// statement group. Fails with [`StoreError::NotFound`] when the version does not exist.
pub async fn publish(
    conn: &mut SqliteConnection,
    model_id: i64,
    version: i64,
    at: DateTime<Utc>,
) -> Result<()> {
    let exists = self::version(conn, model_id, version).await?.is_some();
    if !exists {
        return Err(StoreError::NotFound(format!(
            "version {version} of lead scoring model {model_id}"
        )));
    }
    sqlx::query(
        "UPDATE lead_scoring_versions SET status = 'retired' \
         WHERE model_id = ? AND status = 'published' AND version <> ?",
    )
    .bind(model_id)
    .bind(version)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "UPDATE lead_scoring_versions SET status = 'published', published_at = ? \
         WHERE model_id = ? AND version = ?",
    )
    .bind(at.to_rfc3339())
    .bind(model_id)
    .bind(version)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The model file of a version.
pub async fn model_bytes(
    conn: &mut SqliteConnection,
    model_id: i64,
    version: i64,
) -> Result<Option<Vec<u8>>> {
    let row: Option<(Vec<u8>,)> = sqlx::query_as(
        "SELECT model FROM lead_scoring_versions WHERE model_id = ? AND version = ?",
    )
    .bind(model_id)
    .bind(version)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.map(|r| r.0))
}

/// Writes (inserts or replaces) current scores.
pub async fn upsert_scores(conn: &mut SqliteConnection, scores: &[ScoreRow]) -> Result<()> {
    insert_rows(
        conn,
        &format!("INSERT OR REPLACE INTO lead_scores ({SCORE_COLUMNS}) "),
        9,
        scores,
        |row, s| {
            row.push_bind(&s.lead_id)
                .push_bind(s.model_id)
                .push_bind(s.version)
                .push_bind(s.score)
                .push_bind(&s.grade)
                .push_bind(&s.trend)
                .push_bind(s.previous_score)
                .push_bind(&s.scored_at)
                .push_bind(&s.reasons);
        },
    )
    .await
}

/// Removes the current scores of these leads.
pub async fn delete_scores(conn: &mut SqliteConnection, lead_ids: &[String]) -> Result<()> {
    for chunk in lead_ids.chunks(5_000) {
        let mut builder = sqlx::QueryBuilder::new("DELETE FROM lead_scores WHERE lead_id IN (");
        let mut list = builder.separated(", ");
        for id in chunk {
            list.push_bind(id);
        }
        builder.push(")");
        builder.build().execute(&mut *conn).await?;
    }
    Ok(())
}

/// The current score of one lead.
pub async fn score(conn: &mut SqliteConnection, lead_id: &str) -> Result<Option<ScoreRow>> {
    Ok(sqlx::query_as(&format!(
        "SELECT {SCORE_COLUMNS} FROM lead_scores WHERE lead_id = ?"
    ))
    .bind(lead_id)
    .fetch_optional(&mut *conn)
    .await?)
}

/// The current scores of these leads (those that have one).
pub async fn scores_of(conn: &mut SqliteConnection, lead_ids: &[String]) -> Result<Vec<ScoreRow>> {
    let mut out = Vec::with_capacity(lead_ids.len());
    for chunk in lead_ids.chunks(5_000) {
        let mut builder = sqlx::QueryBuilder::new(format!(
            "SELECT {SCORE_COLUMNS} FROM lead_scores WHERE lead_id IN ("
        ));
        let mut list = builder.separated(", ");
        for id in chunk {
            list.push_bind(id);
        }
        builder.push(")");
        let rows: Vec<ScoreRow> = builder.build_query_as().fetch_all(&mut *conn).await?;
        out.extend(rows);
    }
    Ok(out)
}

/// Every current score, by lead id.
pub async fn all_scores(conn: &mut SqliteConnection) -> Result<Vec<ScoreRow>> {
    Ok(sqlx::query_as(&format!(
        "SELECT {SCORE_COLUMNS} FROM lead_scores ORDER BY lead_id"
    ))
    .fetch_all(&mut *conn)
    .await?)
}

/// The current score of one lead, if it has one.
pub async fn score_of(conn: &mut SqliteConnection, lead_id: &str) -> Result<Option<ScoreRow>> {
    Ok(sqlx::query_as(&format!(
        "SELECT {SCORE_COLUMNS} FROM lead_scores WHERE lead_id = ?"
    ))
    .bind(lead_id)
    .fetch_optional(&mut *conn)
    .await?)
}

/// Re-grades the current scores of a model after its grade ranges changed (`a_min`, `b_min`,
/// `c_min`: the lowest score of grades A, B and C).
pub async fn regrade(
    conn: &mut SqliteConnection,
    model_id: i64,
    a_min: i64,
    b_min: i64,
    c_min: i64,
) -> Result<()> {
    sqlx::query(
        "UPDATE lead_scores SET grade = CASE WHEN score >= ? THEN 'A' WHEN score >= ? THEN 'B' \
         WHEN score >= ? THEN 'C' ELSE 'D' END WHERE model_id = ?",
    )
    .bind(a_min)
    .bind(b_min)
    .bind(c_min)
    .bind(model_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Appends points to the score history.
pub async fn append_history(conn: &mut SqliteConnection, rows: &[HistoryRow]) -> Result<()> {
    insert_rows(
        conn,
        "INSERT INTO lead_score_history (lead_id, at, model_id, version, score) ",
        5,
        rows,
        |row, h| {
            row.push_bind(&h.lead_id)
                .push_bind(&h.at)
                .push_bind(h.model_id)
                .push_bind(h.version)
                .push_bind(h.score);
        },
    )
    .await
}

/// A lead's score over time, oldest first.
pub async fn history_of(conn: &mut SqliteConnection, lead_id: &str) -> Result<Vec<HistoryRow>> {
    Ok(sqlx::query_as(
        "SELECT lead_id, at, model_id, version, score FROM lead_score_history \
         WHERE lead_id = ? ORDER BY at, rowid",
    )
    .bind(lead_id)
    .fetch_all(&mut *conn)
    .await?)
}

/// When each lead was first accepted (qualified), from its history: `(lead id, time)`.
pub async fn first_accepted(conn: &mut SqliteConnection) -> Result<Vec<(String, DateTime<Utc>)>> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT lead_id, MIN(at) FROM lead_events WHERE to_substatus = 'Accepted' GROUP BY lead_id",
    )
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter()
        .map(|(id, at)| Ok((id, parse_time(&at)?)))
        .collect()
}

/// Reads a stored time.
pub fn parse_time(text: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| StoreError::Corrupt(format!("time '{text}': {e}")))
}
