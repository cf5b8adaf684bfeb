//! Reads for the propensity scores: the customers of one snapshot a page at a time (keyset
//! pagination on the tenant ID), and for a page's tenant range their subscriptions, usage,
//! security signals and states in a few earlier snapshots. A page never needs more than its own
//! rows in memory, so scoring a million customers streams.
//!
//! Subscriptions and usage come back packed per tenant (see [`super::history`]): a few thousand
//! packed rows cross the driver far faster than a hundred thousand small ones.

use sqlx::SqlitePool;

use crate::Result;

/// One customer of the snapshot: tenant, primary domain, country, industry, vertical,
/// employees, Azure spend per month, last transaction (ISO date), then what the reports write
/// of it: name, TPID, city, state, postal code, segment.
pub type TenantRow = (
    String,
    String,
    String,
    String,
    String,
    i64,
    f64,
    Option<String>,
    String,
    Option<String>,
    String,
    Option<String>,
    Option<String>,
    String,
);

/// The customers of `snapshot_id` whose tenant ID sorts after `after` (all when `None`), in
/// tenant ID order, at most `limit`.
pub async fn tenants_page(
    pool: &SqlitePool,
    snapshot_id: i64,
    after: Option<&str>,
    limit: u32,
) -> Result<Vec<TenantRow>> {
    Ok(sqlx::query_as(
        "SELECT s.tenant_id, c.primary_domain, c.country, c.industry, c.vertical, s.employees, \
           s.acr_usd_month, s.last_transaction, c.name, c.tpid, c.city, c.state, c.postal_code, \
           c.segment \
         FROM customer_states s JOIN customers c USING (tenant_id) \
         WHERE s.snapshot_id = ? AND s.tenant_id > ? ORDER BY s.tenant_id LIMIT ?",
    )
    .bind(snapshot_id)
    .bind(after.unwrap_or(""))
    .bind(i64::from(limit))
    .fetch_all(pool)
    .await?)
}

/// The query with `{ids}` replaced by the snapshot ids (integers from the database).
fn in_list(sql: &str, snapshots: &[i64]) -> String {
    let ids: Vec<String> = snapshots.iter().map(i64::to_string).collect();
    sql.replace("{ids}", &ids.join(","))
}

/// `customer_states` of a tenant range: snapshot, tenant, employees, Azure spend.
pub async fn states(
    pool: &SqlitePool,
    snapshots: &[i64],
    first: &str,
    last: &str,
) -> Result<Vec<(i64, String, i64, f64)>> {
    if snapshots.is_empty() {
        return Ok(Vec::new());
    }
    Ok(sqlx::query_as(&in_list(
        "SELECT snapshot_id, tenant_id, employees, acr_usd_month FROM customer_states \
         WHERE snapshot_id IN ({ids}) AND tenant_id >= ? AND tenant_id <= ?",
        snapshots,
    ))
    .bind(first)
    .bind(last)
    .fetch_all(pool)
    .await?)
}

/// Subscriptions of a tenant range in the given snapshots, one row per tenant, packed as
/// `snapshot FIELD product FIELD quantity FIELD status FIELD start FIELD end` records joined by
/// [`super::history::RECORD`].
pub async fn subscriptions_packed(
    pool: &SqlitePool,
    snapshots: &[i64],
    first: &str,
    last: &str,
) -> Result<Vec<(String, String)>> {
    if snapshots.is_empty() {
        return Ok(Vec::new());
    }
    Ok(sqlx::query_as(&in_list(
        "SELECT tenant_id, group_concat(snapshot_id || char(31) || product || char(31) || quantity \
           || char(31) || status || char(31) || start_date || char(31) || end_date, char(30)) \
         FROM subscriptions WHERE snapshot_id IN ({ids}) AND tenant_id >= ? AND tenant_id <= ? \
         GROUP BY tenant_id",
        snapshots,
    ))
    .bind(first)
    .bind(last)
    .fetch_all(pool)
    .await?)
}

/// Monthly usage of a tenant range reported by the given snapshots, packed per tenant as
/// `snapshot FIELD workload FIELD month FIELD assigned FIELD active`.
pub async fn usage_packed(
    pool: &SqlitePool,
    snapshots: &[i64],
    first: &str,
    last: &str,
) -> Result<Vec<(String, String)>> {
    if snapshots.is_empty() {
        return Ok(Vec::new());
    }
    Ok(sqlx::query_as(&in_list(
        "SELECT tenant_id, group_concat(snapshot_id || char(31) || workload || char(31) || month \
           || char(31) || assigned || char(31) || active, char(30)) \
         FROM usage_monthly WHERE snapshot_id IN ({ids}) AND tenant_id >= ? AND tenant_id <= ? \
         GROUP BY tenant_id",
        snapshots,
    ))
    .bind(first)
    .bind(last)
    .fetch_all(pool)
    .await?)
}

/// Security signals of a tenant range in the given snapshots, as
/// [`super::history::SecurityRow`].
pub async fn security(
    pool: &SqlitePool,
    snapshots: &[i64],
    first: &str,
    last: &str,
) -> Result<Vec<super::history::SecurityRow>> {
    if snapshots.is_empty() {
        return Ok(Vec::new());
    }
    Ok(sqlx::query_as(&in_list(
        "SELECT snapshot_id, tenant_id, mfa_registered_users, mfa_enforced, defender_for_office, \
           defender_for_business, defender_for_endpoint, device_count FROM security_signals \
         WHERE snapshot_id IN ({ids}) AND tenant_id >= ? AND tenant_id <= ?",
        snapshots,
    ))
    .bind(first)
    .bind(last)
    .fetch_all(pool)
    .await?)
}

/// A lead as intent reads it: e-mail, offer, call to action, lead type, classification,
/// created at (RFC 3339).
pub type LeadRow = (String, String, Option<String>, String, String, String);

/// Leads created on or after `since` (an ISO date), oldest first.
pub async fn leads_since(pool: &SqlitePool, since: &str) -> Result<Vec<LeadRow>> {
    Ok(sqlx::query_as(
        "SELECT email, offer_name, call_to_action, lead_type, classification, created_at \
         FROM leads WHERE created_at >= ? ORDER BY created_at, id",
    )
    .bind(since)
    .fetch_all(pool)
    .await?)
}
