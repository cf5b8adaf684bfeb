//! `demo_customer_truth`, `demo_lead_truth` and `demo_area_truth`: the demo generator's latent
//! drivers, kept so tests can measure how well the models recover them.

use chrono::NaiveDate;
use sqlx::{SqliteConnection, SqlitePool};

use super::{insert_rows, opt_date};
use crate::Result;

/// The hidden drivers of one demo customer.
#[derive(Debug, Clone, PartialEq)]
pub struct CustomerTruth {
    /// Tenant.
    pub tenant_id: String,
    /// Propensity to upgrade to a higher SKU, 0–1.
    pub upgrade_propensity: f64,
    /// Propensity to lose seats or cancel, 0–1.
    pub churn_propensity: f64,
    /// Propensity to buy security products, 0–1.
    pub security_propensity: f64,
    /// Month the customer upgraded, if it did.
    pub upgraded_on: Option<NaiveDate>,
    /// Month the customer churned (lost seats or cancelled), if it did.
    pub churned_on: Option<NaiveDate>,
}

/// The hidden driver of one demo lead.
#[derive(Debug, Clone, PartialEq)]
pub struct LeadTruth {
    /// Lead.
    pub lead_id: String,
    /// Propensity to qualify, 0–1.
    pub qualify_propensity: f64,
}

/// The hidden propensities of one demo customer in one solution area.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaTruth {
    /// Tenant.
    pub tenant_id: String,
    /// The area, by its report column prefix (`M365`, `Surface`, `Azure`, `D365BC`, `D365CE`,
    /// `D365FO`, `PowerApps`, `Security`).
    pub area: String,
    /// How much the customer resembles the area's buyers, 0–1.
    pub fit: f64,
    /// How close it is to buying in the area, 0–1.
    pub intent: f64,
}

/// Records customer truths.
pub async fn insert_customers(conn: &mut SqliteConnection, rows: &[CustomerTruth]) -> Result<()> {
    insert_rows(
        conn,
        "INSERT INTO demo_customer_truth (tenant_id, upgrade_propensity, churn_propensity, \
         security_propensity, upgraded_on, churned_on) ",
        6,
        rows,
        |row, t| {
            row.push_bind(&t.tenant_id)
                .push_bind(t.upgrade_propensity)
                .push_bind(t.churn_propensity)
                .push_bind(t.security_propensity)
                .push_bind(opt_date(t.upgraded_on))
                .push_bind(opt_date(t.churned_on));
        },
    )
    .await
}

/// Records lead truths.
pub async fn insert_leads(conn: &mut SqliteConnection, rows: &[LeadTruth]) -> Result<()> {
    insert_rows(
        conn,
        "INSERT INTO demo_lead_truth (lead_id, qualify_propensity) ",
        2,
        rows,
        |row, t| {
            row.push_bind(&t.lead_id).push_bind(t.qualify_propensity);
        },
    )
    .await
}

/// Records area truths.
pub async fn insert_areas(conn: &mut SqliteConnection, rows: &[AreaTruth]) -> Result<()> {
    insert_rows(
        conn,
        "INSERT INTO demo_area_truth (tenant_id, area, fit, intent) ",
        4,
        rows,
        |row, t| {
            row.push_bind(&t.tenant_id)
                .push_bind(&t.area)
                .push_bind(t.fit)
                .push_bind(t.intent);
        },
    )
    .await
}

/// Every area truth, by tenant and area.
pub async fn areas(pool: &SqlitePool) -> Result<Vec<AreaTruth>> {
    let rows: Vec<(String, String, f64, f64)> = sqlx::query_as(
        "SELECT tenant_id, area, fit, intent FROM demo_area_truth ORDER BY tenant_id, area",
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(tenant_id, area, fit, intent)| AreaTruth {
            tenant_id,
            area,
            fit,
            intent,
        })
        .collect())
}

/// tenant, upgrade, churn, security, upgraded on, churned on.
type Row = (String, f64, f64, f64, Option<String>, Option<String>);
/// Every customer truth, by tenant.
pub async fn customers(pool: &SqlitePool) -> Result<Vec<CustomerTruth>> {
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT tenant_id, upgrade_propensity, churn_propensity, security_propensity, upgraded_on, \
         churned_on FROM demo_customer_truth ORDER BY tenant_id",
    )
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok(CustomerTruth {
                tenant_id: r.0,
                upgrade_propensity: r.1,
                churn_propensity: r.2,
                security_propensity: r.3,
                upgraded_on: r
                    .4
                    .as_deref()
                    .map(super::customers::parse_date)
                    .transpose()?,
                churned_on: r
                    .5
                    .as_deref()
                    .map(super::customers::parse_date)
                    .transpose()?,
            })
        })
        .collect()
}

/// Every lead truth, by lead.
pub async fn leads(pool: &SqlitePool) -> Result<Vec<LeadTruth>> {
    let rows: Vec<(String, f64)> =
        sqlx::query_as("SELECT lead_id, qualify_propensity FROM demo_lead_truth ORDER BY lead_id")
            .fetch_all(pool)
            .await?;
    Ok(rows
        .into_iter()
        .map(|(lead_id, qualify_propensity)| LeadTruth {
            lead_id,
            qualify_propensity,
        })
        .collect())
}
