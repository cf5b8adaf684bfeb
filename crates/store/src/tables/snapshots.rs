//! `snapshots`: the points in time the workspace holds, and what each one holds.

use chrono::{DateTime, NaiveDate, Utc};
use partner_advisor_domain::{Snapshot, SnapshotSource};
use sqlx::{SqliteConnection, SqlitePool};

use crate::{Result, StoreError};

/// Records a new snapshot and returns its id.
pub async fn insert(
    conn: &mut SqliteConnection,
    as_of: NaiveDate,
    source: SnapshotSource,
    label: Option<&str>,
    imported_at: DateTime<Utc>,
) -> Result<i64> {
    let id = sqlx::query_scalar(
        "INSERT INTO snapshots (as_of, source, label, imported_at) VALUES (?, ?, ?, ?) RETURNING id",
    )
    .bind(as_of.to_string())
    .bind(source.as_str())
    .bind(label)
    .bind(imported_at.to_rfc3339())
    .fetch_one(conn)
    .await?;
    Ok(id)
}

/// The latest snapshot (by "as of", then by id): its id and date.
pub async fn latest(conn: &mut SqliteConnection) -> Result<Option<(i64, NaiveDate)>> {
    let row: Option<(i64, String)> =
        sqlx::query_as("SELECT id, as_of FROM snapshots ORDER BY as_of DESC, id DESC LIMIT 1")
            .fetch_optional(conn)
            .await?;
    row.map(|(id, as_of)| {
        NaiveDate::parse_from_str(&as_of, "%Y-%m-%d")
            .map(|d| (id, d))
            .map_err(|e| StoreError::Corrupt(format!("snapshot date {as_of}: {e}")))
    })
    .transpose()
}

/// What one snapshot holds.
#[derive(Debug, Clone, PartialEq)]
pub struct SnapshotContents {
    /// The snapshot.
    pub snapshot: Snapshot,
    /// Its label (file name, sync run).
    pub label: Option<String>,
    /// Customers with a state in it.
    pub customers: u64,
    /// Subscriptions.
    pub subscriptions: u64,
    /// Usage rows (customer × workload × month).
    pub usage_rows: u64,
    /// Per-user activity rows.
    pub user_activity_rows: u64,
    /// Tenants with security signals.
    pub security_signals: u64,
    /// Leads that arrived with it.
    pub leads: u64,
}

/// Every snapshot, newest first, with what each holds.
pub async fn list_with_contents(pool: &SqlitePool) -> Result<Vec<SnapshotContents>> {
    type Row = (
        i64,
        String,
        String,
        Option<String>,
        String,
        i64,
        i64,
        i64,
        i64,
        i64,
        i64,
    );
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT s.id, s.as_of, s.source, s.label, s.imported_at, \
           (SELECT count(*) FROM customer_states c WHERE c.snapshot_id = s.id), \
           (SELECT count(*) FROM subscriptions x WHERE x.snapshot_id = s.id), \
           (SELECT count(*) FROM usage_monthly u WHERE u.snapshot_id = s.id), \
           (SELECT count(*) FROM user_activity a WHERE a.snapshot_id = s.id), \
           (SELECT count(*) FROM security_signals g WHERE g.snapshot_id = s.id), \
           (SELECT count(*) FROM leads l WHERE l.snapshot_id = s.id) \
         FROM snapshots s ORDER BY s.as_of DESC, s.id DESC",
    )
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(
            |(id, as_of, source, label, imported_at, c, x, u, a, g, l)| {
                let count = |n: i64| u64::try_from(n).unwrap_or(0);
                Ok(SnapshotContents {
                    snapshot: Snapshot {
                        id,
                        as_of: NaiveDate::parse_from_str(&as_of, "%Y-%m-%d").map_err(|e| {
                            StoreError::Corrupt(format!("snapshot date {as_of}: {e}"))
                        })?,
                        source: SnapshotSource::parse(&source)?,
                        imported_at: DateTime::parse_from_rfc3339(&imported_at)
                            .map_err(|e| {
                                StoreError::Corrupt(format!("import time {imported_at}: {e}"))
                            })?
                            .with_timezone(&Utc),
                    },
                    label,
                    customers: count(c),
                    subscriptions: count(x),
                    usage_rows: count(u),
                    user_activity_rows: count(a),
                    security_signals: count(g),
                    leads: count(l),
                })
            },
        )
        .collect()
}

/// Workspace-wide totals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Totals {
    /// Snapshots.
    pub snapshots: u64,
    /// Distinct customer tenants.
    pub customers: u64,
    /// Subscriptions in the latest snapshot.
    pub subscriptions_latest: u64,
    /// Usage rows across snapshots.
    pub usage_rows: u64,
    /// Per-user activity rows across snapshots.
    pub user_activity_rows: u64,
    /// Leads.
    pub leads: u64,
    /// CRM accounts.
    pub crm_accounts: u64,
}

/// Counts what the workspace holds.
pub async fn totals(pool: &SqlitePool) -> Result<Totals> {
    let row: (i64, i64, i64, i64, i64, i64, i64) = sqlx::query_as(
        "SELECT (SELECT count(*) FROM snapshots), (SELECT count(*) FROM customers), \
           (SELECT count(*) FROM subscriptions WHERE snapshot_id = \
              (SELECT id FROM snapshots ORDER BY as_of DESC, id DESC LIMIT 1)), \
           (SELECT count(*) FROM usage_monthly), (SELECT count(*) FROM user_activity), \
           (SELECT count(*) FROM leads), (SELECT count(*) FROM crm_accounts)",
    )
    .fetch_one(pool)
    .await?;
    let n = |v: i64| u64::try_from(v).unwrap_or(0);
    Ok(Totals {
        snapshots: n(row.0),
        customers: n(row.1),
        subscriptions_latest: n(row.2),
        usage_rows: n(row.3),
        user_activity_rows: n(row.4),
        leads: n(row.5),
        crm_accounts: n(row.6),
    })
}
