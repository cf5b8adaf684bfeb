//! `imported_opportunities`: rows of the Lighthouse Sales Advisor export, as imported.

use chrono::NaiveDate;
use sqlx::{SqliteConnection, SqlitePool};

use super::customers::parse_date;
use super::{insert_rows, opt_date};
use crate::Result;

/// One imported row of the Sales Advisor export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedOpportunity {
    /// Line of the row in the imported file.
    pub line: u64,
    /// The customer the row was matched to, if any.
    pub tenant_id: Option<String>,
    /// `Customer ID` as written.
    pub customer_id: Option<String>,
    /// `TPID` as written.
    pub tpid: Option<String>,
    /// `Customer Name`.
    pub customer_name: String,
    /// `Opportunity Type`.
    pub opportunity_type: String,
    /// `Customer Insight`.
    pub insight: Option<String>,
    /// `Suggested Actions`.
    pub actions: Option<String>,
    /// `Related Resources`.
    pub resources: Option<String>,
    /// `Growth Propensity`.
    pub propensity: Option<String>,
    /// `Recommended Product`.
    pub product: Option<String>,
    /// `Seats`.
    pub seats: Option<u32>,
    /// `Date added`.
    pub date_added: Option<NaiveDate>,
    /// `Link`.
    pub link: Option<String>,
}

/// Writes imported rows with the snapshot they arrived with.
pub async fn insert_many(
    conn: &mut SqliteConnection,
    snapshot_id: i64,
    rows: &[ImportedOpportunity],
) -> Result<()> {
    insert_rows(
        conn,
        "INSERT INTO imported_opportunities (snapshot_id, line, tenant_id, customer_id, tpid, \
         customer_name, opportunity_type, insight, actions, resources, propensity, product, seats, \
         date_added, link) ",
        15,
        rows,
        |row, o| {
            row.push_bind(snapshot_id)
                .push_bind(i64::try_from(o.line).unwrap_or(i64::MAX))
                .push_bind(&o.tenant_id)
                .push_bind(&o.customer_id)
                .push_bind(&o.tpid)
                .push_bind(&o.customer_name)
                .push_bind(&o.opportunity_type)
                .push_bind(&o.insight)
                .push_bind(&o.actions)
                .push_bind(&o.resources)
                .push_bind(&o.propensity)
                .push_bind(&o.product)
                .push_bind(o.seats.map(i64::from))
                .push_bind(opt_date(o.date_added))
                .push_bind(&o.link);
        },
    )
    .await
}

type Row = (
    i64,
    Option<String>,
    Option<String>,
    Option<String>,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<i64>,
    Option<String>,
    Option<String>,
);

/// The rows imported with a snapshot, in file order.
pub async fn of_snapshot(pool: &SqlitePool, snapshot_id: i64) -> Result<Vec<ImportedOpportunity>> {
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT line, tenant_id, customer_id, tpid, customer_name, opportunity_type, insight, \
           actions, resources, propensity, product, seats, date_added, link \
         FROM imported_opportunities WHERE snapshot_id = ? ORDER BY id",
    )
    .bind(snapshot_id)
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok(ImportedOpportunity {
                line: u64::try_from(r.0).unwrap_or(0),
                tenant_id: r.1,
                customer_id: r.2,
                tpid: r.3,
                customer_name: r.4,
                opportunity_type: r.5,
                insight: r.6,
                actions: r.7,
                resources: r.8,
                propensity: r.9,
                product: r.10,
                seats: r.11.and_then(|s| u32::try_from(s).ok()),
                date_added: r.12.as_deref().map(parse_date).transpose()?,
                link: r.13,
            })
        })
        .collect()
}

/// Rows imported across all snapshots.
pub async fn count(pool: &SqlitePool) -> Result<u64> {
    let n: i64 = sqlx::query_scalar("SELECT count(*) FROM imported_opportunities")
        .fetch_one(pool)
        .await?;
    Ok(u64::try_from(n).unwrap_or(0))
}
