//! `opportunities`, `opportunity_feedback`, `opportunity_models` and `opportunity_refreshes`.

use sqlx::{SqliteConnection, SqlitePool};

use super::insert_rows;
use crate::Result;

/// One stored opportunity.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredOpportunity {
    /// Identity across refreshes.
    pub key: String,
    /// Customer.
    pub tenant_id: String,
    /// acquisition, retention, growth.
    pub opportunity_type: String,
    /// Model key.
    pub model: String,
    /// Product name.
    pub product: Option<String>,
    /// Probability 0–1.
    pub probability: f64,
    /// Paid seats.
    pub seats: i64,
    /// Date added (ISO).
    pub date_added: String,
    /// Snapshot scored.
    pub snapshot_id: i64,
    /// JSON: the reasons and the opportunities also considered.
    pub explanation: String,
}

type Row = (
    String,
    String,
    String,
    String,
    Option<String>,
    f64,
    i64,
    String,
    i64,
    String,
);

const COLUMNS: &str = "key, tenant_id, opportunity_type, model, product, probability, seats, \
                       date_added, snapshot_id, explanation";

fn from_row(r: Row) -> StoredOpportunity {
    StoredOpportunity {
        key: r.0,
        tenant_id: r.1,
        opportunity_type: r.2,
        model: r.3,
        product: r.4,
        probability: r.5,
        seats: r.6,
        date_added: r.7,
        snapshot_id: r.8,
        explanation: r.9,
    }
}

/// Replaces every stored opportunity with `rows`.
pub async fn replace_all(conn: &mut SqliteConnection, rows: &[StoredOpportunity]) -> Result<()> {
    sqlx::query("DELETE FROM opportunities")
        .execute(&mut *conn)
        .await?;
    insert_rows(
        conn,
        &format!("INSERT INTO opportunities ({COLUMNS}) "),
        10,
        rows,
        |b, o| {
            b.push_bind(&o.key)
                .push_bind(&o.tenant_id)
                .push_bind(&o.opportunity_type)
                .push_bind(&o.model)
                .push_bind(&o.product)
                .push_bind(o.probability)
                .push_bind(o.seats)
                .push_bind(&o.date_added)
                .push_bind(o.snapshot_id)
                .push_bind(&o.explanation);
        },
    )
    .await
}

/// Every stored opportunity, without the explanations (the table needs none).
pub async fn all(pool: &SqlitePool) -> Result<Vec<StoredOpportunity>> {
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT key, tenant_id, opportunity_type, model, product, probability, seats, date_added, \
           snapshot_id, '' FROM opportunities ORDER BY key",
    )
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(from_row).collect())
}

/// Key and date added of every stored opportunity.
pub async fn dates_added(pool: &SqlitePool) -> Result<Vec<(String, String)>> {
    Ok(sqlx::query_as("SELECT key, date_added FROM opportunities")
        .fetch_all(pool)
        .await?)
}

/// One opportunity with its explanation.
pub async fn get(pool: &SqlitePool, key: &str) -> Result<Option<StoredOpportunity>> {
    let row: Option<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM opportunities WHERE key = ?"
    ))
    .bind(key)
    .fetch_optional(pool)
    .await?;
    Ok(row.map(from_row))
}

/// Every opportunity's explanation by key.
pub async fn explanations(pool: &SqlitePool) -> Result<Vec<(String, String)>> {
    Ok(sqlx::query_as("SELECT key, explanation FROM opportunities")
        .fetch_all(pool)
        .await?)
}

/// The seller's feedback on one opportunity.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StoredFeedback {
    /// Identity of the opportunity.
    pub key: String,
    /// Helpful (1), not helpful (0), none.
    pub helpful: Option<bool>,
    /// Reason.
    pub reason: Option<String>,
    /// Comment.
    pub comment: Option<String>,
    /// Dismissed.
    pub dismissed: bool,
    /// Last change (RFC 3339).
    pub updated_at: String,
}

/// key, helpful, reason, comment, dismissed, updated at.
type FeedbackRow = (
    String,
    Option<i64>,
    Option<String>,
    Option<String>,
    i64,
    String,
);

/// All feedback.
pub async fn feedback(pool: &SqlitePool) -> Result<Vec<StoredFeedback>> {
    let rows: Vec<FeedbackRow> = sqlx::query_as(
        "SELECT key, helpful, reason, comment, dismissed, updated_at FROM opportunity_feedback",
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| StoredFeedback {
            key: r.0,
            helpful: r.1.map(|h| h != 0),
            reason: r.2,
            comment: r.3,
            dismissed: r.4 != 0,
            updated_at: r.5,
        })
        .collect())
}

/// Stores one feedback row (an empty one is deleted).
pub async fn put_feedback(conn: &mut SqliteConnection, f: &StoredFeedback) -> Result<()> {
    if f.helpful.is_none() && !f.dismissed && f.reason.is_none() && f.comment.is_none() {
        sqlx::query("DELETE FROM opportunity_feedback WHERE key = ?")
            .bind(&f.key)
            .execute(&mut *conn)
            .await?;
        return Ok(());
    }
    sqlx::query(
        "INSERT INTO opportunity_feedback (key, helpful, reason, comment, dismissed, updated_at) \
         VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET helpful = excluded.helpful, \
         reason = excluded.reason, comment = excluded.comment, dismissed = excluded.dismissed, \
         updated_at = excluded.updated_at",
    )
    .bind(&f.key)
    .bind(f.helpful.map(i64::from))
    .bind(&f.reason)
    .bind(&f.comment)
    .bind(i64::from(f.dismissed))
    .bind(&f.updated_at)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// A trained (or chosen) opportunity model.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StoredModel {
    /// Model key.
    pub model: String,
    /// What history it was trained on; a different signature means retrain.
    pub signature: String,
    /// Learned from this workspace.
    pub learned: bool,
    /// Learner name.
    pub learner: Option<String>,
    /// Validation ROC AUC.
    pub auc: Option<f64>,
    /// Training rows.
    pub rows: i64,
    /// Opportunities it produced at the last refresh.
    pub candidates: i64,
    /// Why it is what it is.
    pub note: String,
    /// The model (learner bytes or tree JSON).
    pub payload: Option<Vec<u8>>,
    /// When (RFC 3339).
    pub trained_at: String,
}

type ModelRow = (
    String,
    String,
    i64,
    Option<String>,
    Option<f64>,
    i64,
    i64,
    String,
    Option<Vec<u8>>,
    String,
);

/// Every stored model.
pub async fn models(pool: &SqlitePool) -> Result<Vec<StoredModel>> {
    let rows: Vec<ModelRow> = sqlx::query_as(
        "SELECT model, signature, learned, learner, auc, rows, candidates, note, payload, \
           trained_at FROM opportunity_models ORDER BY model",
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| StoredModel {
            model: r.0,
            signature: r.1,
            learned: r.2 != 0,
            learner: r.3,
            auc: r.4,
            rows: r.5,
            candidates: r.6,
            note: r.7,
            payload: r.8,
            trained_at: r.9,
        })
        .collect())
}

/// Stores a model, replacing the one of the same key.
pub async fn put_model(conn: &mut SqliteConnection, m: &StoredModel) -> Result<()> {
    sqlx::query(
        "INSERT OR REPLACE INTO opportunity_models (model, signature, learned, learner, auc, rows, \
         candidates, note, payload, trained_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(&m.model)
    .bind(&m.signature)
    .bind(i64::from(m.learned))
    .bind(&m.learner)
    .bind(m.auc)
    .bind(m.rows)
    .bind(m.candidates)
    .bind(&m.note)
    .bind(&m.payload)
    .bind(&m.trained_at)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Updates how many opportunities a stored model produced.
pub async fn set_model_candidates(
    conn: &mut SqliteConnection,
    model: &str,
    candidates: i64,
) -> Result<()> {
    sqlx::query("UPDATE opportunity_models SET candidates = ? WHERE model = ?")
        .bind(candidates)
        .bind(model)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Records a refresh.
pub async fn log_refresh(
    conn: &mut SqliteConnection,
    snapshot_id: i64,
    refreshed_at: &str,
    opportunities: i64,
    duration_ms: i64,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO opportunity_refreshes (snapshot_id, refreshed_at, opportunities, duration_ms) \
         VALUES (?, ?, ?, ?)",
    )
    .bind(snapshot_id)
    .bind(refreshed_at)
    .bind(opportunities)
    .bind(duration_ms)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The last refresh: snapshot and time.
pub async fn last_refresh(pool: &SqlitePool) -> Result<Option<(i64, String)>> {
    Ok(sqlx::query_as(
        "SELECT snapshot_id, refreshed_at FROM opportunity_refreshes ORDER BY id DESC LIMIT 1",
    )
    .fetch_optional(pool)
    .await?)
}
