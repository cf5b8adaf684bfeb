//! `crm_accounts`: the partner's CRM account list.

use partner_advisor_domain::CrmAccount;
use sqlx::{SqliteConnection, SqlitePool};

use super::insert_rows;
use crate::Result;

/// Adds accounts (an account already present is replaced).
pub async fn insert_many(conn: &mut SqliteConnection, accounts: &[CrmAccount]) -> Result<()> {
    insert_rows(
        conn,
        "INSERT OR REPLACE INTO crm_accounts (crm_id, name, domain, tpid, country) ",
        5,
        accounts,
        |row, a| {
            row.push_bind(&a.crm_id)
                .push_bind(&a.name)
                .push_bind(&a.domain)
                .push_bind(&a.tpid)
                .push_bind(&a.country);
        },
    )
    .await
}

/// Removes every account (before importing a new list in the same transaction). Returns how
/// many there were.
pub async fn delete_all(conn: &mut SqliteConnection) -> Result<u64> {
    let done = sqlx::query("DELETE FROM crm_accounts")
        .execute(conn)
        .await?;
    Ok(done.rows_affected())
}

/// crm_id, name, domain, tpid, country.
type Row = (
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
);
/// Every account, by CRM ID.
pub async fn all(pool: &SqlitePool) -> Result<Vec<CrmAccount>> {
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT crm_id, name, domain, tpid, country FROM crm_accounts ORDER BY crm_id",
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(crm_id, name, domain, tpid, country)| CrmAccount {
            crm_id,
            name,
            domain,
            tpid,
            country,
        })
        .collect())
}
