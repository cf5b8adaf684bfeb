//! Bulk reads of the rows of a set of snapshots, for the models that learn from history. Rows come back raw (text as stored) so the caller can intern them in one pass.

use sqlx::SqlitePool;

use crate::Result;

/// The query with `{ids}` replaced by the snapshot ids (integers from the database, so the
/// list is safe to write into the SQL; SQLite has no array parameter).
fn in_list(sql: &str, snapshots: &[i64]) -> String {
    let ids: Vec<String> = snapshots.iter().map(i64::to_string).collect();
    sql.replace("{ids}", &ids.join(","))
}

/// `customer_states`: snapshot, tenant, employees, Azure spend.
pub type StateRow = (i64, String, i64, f64);
/// `security_signals`: snapshot, tenant, MFA registered users, enforced, Defender for Office,
/// Defender for Business, Defender for Endpoint, devices.
pub type SecurityRow = (i64, String, i64, i64, i64, i64, i64, i64);

/// Customer states of the given snapshots.
pub async fn states_since(pool: &SqlitePool, snapshots: &[i64]) -> Result<Vec<StateRow>> {
    Ok(sqlx::query_as(&in_list(
        "SELECT snapshot_id, tenant_id, employees, acr_usd_month FROM customer_states \
         WHERE snapshot_id IN ({ids})",
        snapshots,
    ))
    .fetch_all(pool)
    .await?)
}

/// Separates the fields of a packed row (ASCII unit separator).
pub const FIELD: char = '\u{1f}';
/// Separates the rows of a packed tenant (ASCII record separator).
pub const RECORD: char = '\u{1e}';

/// Monthly usage of the given snapshots, one row per tenant: the tenant's rows packed as
/// `snapshot FIELD workload FIELD month FIELD assigned FIELD active`, joined by [`RECORD`].
/// A few thousand packed rows cross the driver far faster than hundreds of thousands of small ones.
pub async fn usage_packed_since(
    pool: &SqlitePool,
    snapshots: &[i64],
) -> Result<Vec<(String, String)>> {
    Ok(sqlx::query_as(&in_list(
        "SELECT tenant_id, group_concat(snapshot_id || char(31) || workload || char(31) || month \
           || char(31) || assigned || char(31) || active, char(30)) \
         FROM usage_monthly WHERE snapshot_id IN ({ids}) GROUP BY tenant_id",
        snapshots,
    ))
    .fetch_all(pool)
    .await?)
}

/// Subscriptions of the given snapshots, packed per tenant like [`usage_packed_since`]:
/// `snapshot FIELD product FIELD quantity FIELD status FIELD end date`.
pub async fn subscriptions_packed_since(
    pool: &SqlitePool,
    snapshots: &[i64],
) -> Result<Vec<(String, String)>> {
    Ok(sqlx::query_as(&in_list(
        "SELECT tenant_id, group_concat(snapshot_id || char(31) || product || char(31) || quantity \
           || char(31) || status || char(31) || end_date, char(30)) \
         FROM subscriptions WHERE snapshot_id IN ({ids}) GROUP BY tenant_id",
        snapshots,
    ))
    .fetch_all(pool)
    .await?)
}

/// Security signals of the given snapshots.
pub async fn security_since(pool: &SqlitePool, snapshots: &[i64]) -> Result<Vec<SecurityRow>> {
    Ok(sqlx::query_as(&in_list(
        "SELECT snapshot_id, tenant_id, mfa_registered_users, mfa_enforced, defender_for_office, \
           defender_for_business, defender_for_endpoint, device_count FROM security_signals \
         WHERE snapshot_id IN ({ids})",
        snapshots,
    ))
    .fetch_all(pool)
    .await?)
}

/// Every customer's identity: tenant, name, domain, country, industry, segment, TPID.
pub type IdentityRow = (
    String,
    String,
    String,
    String,
    String,
    String,
    Option<String>,
);

/// Every customer the workspace knows.
pub async fn identities(pool: &SqlitePool) -> Result<Vec<IdentityRow>> {
    Ok(sqlx::query_as(
        "SELECT tenant_id, name, primary_domain, country, industry, segment, tpid FROM customers",
    )
    .fetch_all(pool)
    .await?)
}

/// Snapshots: id and as-of date, oldest first.
pub async fn snapshots(pool: &SqlitePool) -> Result<Vec<(i64, String)>> {
    Ok(
        sqlx::query_as("SELECT id, as_of FROM snapshots ORDER BY as_of, id")
            .fetch_all(pool)
            .await?,
    )
}

/// Customers in a snapshot.
pub async fn tenants_in(pool: &SqlitePool, snapshot_id: i64) -> Result<i64> {
    let (n,): (i64,) = sqlx::query_as("SELECT count(*) FROM customer_states WHERE snapshot_id = ?")
        .bind(snapshot_id)
        .fetch_one(pool)
        .await?;
    Ok(n)
}

/// A snapshot's as-of date.
pub async fn as_of(pool: &SqlitePool, snapshot_id: i64) -> Result<Option<String>> {
    let row: Option<(String,)> = sqlx::query_as("SELECT as_of FROM snapshots WHERE id = ?")
        .bind(snapshot_id)
        .fetch_optional(pool)
        .await?;
    Ok(row.map(|r| r.0))
}
