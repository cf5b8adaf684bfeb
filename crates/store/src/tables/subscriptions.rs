//! `subscriptions`: licences per customer as of a snapshot.

use partner_advisor_domain::{Product, PurchaseChannel, Subscription, SubscriptionStatus};
use sqlx::{SqliteConnection, SqlitePool};

use super::customers::parse_date;
use super::insert_rows;
use crate::{Result, StoreError};

/// Writes subscriptions as of `snapshot_id`.
pub async fn insert_many(
    conn: &mut SqliteConnection,
    snapshot_id: i64,
    subscriptions: &[Subscription],
) -> Result<()> {
    insert_rows(
        conn,
        "INSERT INTO subscriptions (snapshot_id, subscription_id, tenant_id, product, quantity, \
         status, start_date, end_date, channel) ",
        9,
        subscriptions,
        |row, s| {
            row.push_bind(snapshot_id)
                .push_bind(&s.subscription_id)
                .push_bind(&s.tenant_id)
                .push_bind(s.product.as_str())
                .push_bind(i64::from(s.quantity))
                .push_bind(s.status.as_str())
                .push_bind(s.start.to_string())
                .push_bind(s.end.to_string())
                .push_bind(s.channel.as_str());
        },
    )
    .await
}

/// Copies every subscription of snapshot `from` into snapshot `to`. Returns the rows copied.
pub async fn copy_snapshot(conn: &mut SqliteConnection, from: i64, to: i64) -> Result<u64> {
    let done = sqlx::query(
        "INSERT INTO subscriptions (snapshot_id, subscription_id, tenant_id, product, quantity, \
           status, start_date, end_date, channel) \
         SELECT ?, subscription_id, tenant_id, product, quantity, status, start_date, end_date, \
           channel FROM subscriptions WHERE snapshot_id = ?",
    )
    .bind(to)
    .bind(from)
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

/// id, tenant, product, quantity, status, start, end, channel.
type Row = (String, String, String, i64, String, String, String, String);
/// One customer's subscriptions as of a snapshot.
pub async fn of_customer(
    pool: &SqlitePool,
    snapshot_id: i64,
    tenant_id: &str,
) -> Result<Vec<Subscription>> {
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT subscription_id, tenant_id, product, quantity, status, start_date, end_date, channel \
         FROM subscriptions WHERE snapshot_id = ? AND tenant_id = ? ORDER BY product, subscription_id",
    )
    .bind(snapshot_id)
    .bind(tenant_id)
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok(Subscription {
                subscription_id: r.0,
                tenant_id: r.1,
                product: Product::parse(&r.2)?,
                quantity: u32::try_from(r.3)
                    .map_err(|_| StoreError::Corrupt(format!("quantity {}", r.3)))?,
                status: SubscriptionStatus::parse(&r.4)?,
                start: parse_date(&r.5)?,
                end: parse_date(&r.6)?,
                channel: PurchaseChannel::parse(&r.7)?,
            })
        })
        .collect()
}
