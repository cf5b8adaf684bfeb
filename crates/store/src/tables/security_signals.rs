//! `security_signals`: MFA, Defender products and devices per tenant as of a snapshot.

use partner_advisor_domain::SecuritySignals;
use sqlx::SqliteConnection;

use super::insert_rows;
use crate::Result;

/// Writes security signals as of `snapshot_id`.
pub async fn insert_many(
    conn: &mut SqliteConnection,
    snapshot_id: i64,
    rows: &[SecuritySignals],
) -> Result<()> {
    insert_rows(
        conn,
        "INSERT INTO security_signals (snapshot_id, tenant_id, mfa_registered_users, mfa_enforced, \
         defender_for_office, defender_for_business, defender_for_endpoint, device_count) ",
        8,
        rows,
        |row, s| {
            row.push_bind(snapshot_id)
                .push_bind(&s.tenant_id)
                .push_bind(i64::from(s.mfa_registered_users))
                .push_bind(s.mfa_enforced)
                .push_bind(s.defender_for_office)
                .push_bind(s.defender_for_business)
                .push_bind(s.defender_for_endpoint)
                .push_bind(i64::from(s.device_count));
        },
    )
    .await
}

/// Copies every tenant's signals of snapshot `from` into snapshot `to`. Returns the rows copied.
pub async fn copy_snapshot(conn: &mut SqliteConnection, from: i64, to: i64) -> Result<u64> {
    let done = sqlx::query(
        "INSERT INTO security_signals (snapshot_id, tenant_id, mfa_registered_users, mfa_enforced, \
           defender_for_office, defender_for_business, defender_for_endpoint, device_count) \
         SELECT ?, tenant_id, mfa_registered_users, mfa_enforced, defender_for_office, \
           defender_for_business, defender_for_endpoint, device_count FROM security_signals \
         WHERE snapshot_id = ?",
    )
    .bind(to)
    .bind(from)
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}
