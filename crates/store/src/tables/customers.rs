//! `customers` (what does not change) and `customer_states` (what a snapshot says about them).

use chrono::NaiveDate;
use partner_advisor_domain::Customer;
use sqlx::{SqliteConnection, SqlitePool};

use super::{insert_rows, opt_date};
use crate::{Result, StoreError};

/// Writes the customers as of `snapshot_id`; a tenant already known keeps its identity row.
pub async fn insert_many(
    conn: &mut SqliteConnection,
    snapshot_id: i64,
    customers: &[Customer],
) -> Result<()> {
    insert_rows(
        conn,
        "INSERT OR IGNORE INTO customers (tenant_id, name, primary_domain, tpid, city, state, \
         postal_code, country, industry, vertical, segment) ",
        11,
        customers,
        |row, c| {
            row.push_bind(&c.tenant_id)
                .push_bind(&c.name)
                .push_bind(&c.primary_domain)
                .push_bind(&c.tpid)
                .push_bind(&c.city)
                .push_bind(&c.state)
                .push_bind(&c.postal_code)
                .push_bind(&c.country)
                .push_bind(&c.industry)
                .push_bind(&c.vertical)
                .push_bind(&c.segment);
        },
    )
    .await?;
    insert_rows(
        conn,
        "INSERT INTO customer_states (snapshot_id, tenant_id, employees, acr_usd_month, last_transaction) ",
        5,
        customers,
        |row, c| {
            row.push_bind(snapshot_id)
                .push_bind(&c.tenant_id)
                .push_bind(i64::from(c.employees))
                .push_bind(c.acr_usd_month)
                .push_bind(opt_date(c.last_transaction));
        },
    )
    .await
}

type CustomerRow = (
    String,
    String,
    String,
    Option<String>,
    String,
    Option<String>,
    Option<String>,
    String,
    String,
    String,
    String,
    i64,
    f64,
    Option<String>,
);

/// The customers as of one snapshot, ordered by name.
pub async fn as_of(pool: &SqlitePool, snapshot_id: i64) -> Result<Vec<Customer>> {
    let rows: Vec<CustomerRow> = sqlx::query_as(
        "SELECT c.tenant_id, c.name, c.primary_domain, c.tpid, c.city, c.state, c.postal_code, \
           c.country, c.industry, c.vertical, c.segment, s.employees, s.acr_usd_month, s.last_transaction \
         FROM customer_states s JOIN customers c USING (tenant_id) \
         WHERE s.snapshot_id = ? ORDER BY c.name, c.tenant_id",
    )
    .bind(snapshot_id)
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok(Customer {
                tenant_id: r.0,
                name: r.1,
                primary_domain: r.2,
                tpid: r.3,
                city: r.4,
                state: r.5,
                postal_code: r.6,
                country: r.7,
                industry: r.8,
                vertical: r.9,
                segment: r.10,
                employees: u32::try_from(r.11)
                    .map_err(|_| StoreError::Corrupt(format!("employees {}", r.11)))?,
                acr_usd_month: r.12,
                last_transaction: r.13.as_deref().map(parse_date).transpose()?,
            })
        })
        .collect()
}

/// Copies every customer state of snapshot `from` into snapshot `to` (a new snapshot that
/// carries the customers forward unchanged). Returns the number of states copied.
pub async fn copy_states(conn: &mut SqliteConnection, from: i64, to: i64) -> Result<u64> {
    let done = sqlx::query(
        "INSERT INTO customer_states (snapshot_id, tenant_id, employees, acr_usd_month, last_transaction) \
         SELECT ?, tenant_id, employees, acr_usd_month, last_transaction FROM customer_states \
         WHERE snapshot_id = ?",
    )
    .bind(to)
    .bind(from)
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

/// What identifies a customer to files that name it: tenant ID, name, primary domain, TPID.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerIdentity {
    /// Tenant ID.
    pub tenant_id: String,
    /// Company name.
    pub name: String,
    /// Primary domain.
    pub primary_domain: String,
    /// Microsoft TPID.
    pub tpid: Option<String>,
}

/// Every customer the workspace has ever held, whatever the snapshot, ordered by tenant ID.
pub async fn identities(pool: &SqlitePool) -> Result<Vec<CustomerIdentity>> {
    let rows: Vec<(String, String, String, Option<String>)> = sqlx::query_as(
        "SELECT tenant_id, name, primary_domain, tpid FROM customers ORDER BY tenant_id",
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(tenant_id, name, primary_domain, tpid)| CustomerIdentity {
            tenant_id,
            name,
            primary_domain,
            tpid,
        })
        .collect())
}

pub(crate) fn parse_date(text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|e| StoreError::Corrupt(format!("date '{text}': {e}")))
}
