//! `external_signals`: dated observations about customers from outside the partner's
//! subscriptions (install base, competitors, other channels, agreements, status, research).

use chrono::NaiveDate;
use partner_advisor_domain::{ExternalSignal, ExternalSignalKind, LicenseProgram};
use sqlx::{SqliteConnection, SqlitePool};

use super::{insert_rows, opt_date};
use crate::{Result, StoreError};

/// Records signals; an observation already recorded (same tenant, kind, version, edition and
/// date) is replaced.
pub async fn insert_many(conn: &mut SqliteConnection, rows: &[ExternalSignal]) -> Result<()> {
    insert_rows(
        conn,
        "INSERT OR REPLACE INTO external_signals (tenant_id, kind, version, edition, observed_on, \
         license, annuity, quantity, until, source) ",
        10,
        rows,
        |row, s| {
            row.push_bind(&s.tenant_id)
                .push_bind(s.kind.as_str())
                .push_bind(s.version.as_deref().unwrap_or(""))
                .push_bind(s.edition.as_deref().unwrap_or(""))
                .push_bind(s.observed_on.to_string())
                .push_bind(s.license.map(LicenseProgram::as_str))
                .push_bind(s.annuity)
                .push_bind(s.quantity)
                .push_bind(opt_date(s.until))
                .push_bind(&s.source);
        },
    )
    .await
}

type Row = (
    String,
    String,
    String,
    String,
    String,
    Option<String>,
    Option<bool>,
    Option<f64>,
    Option<String>,
    String,
);

fn date(text: &str) -> Result<NaiveDate> {
    super::customers::parse_date(text)
}

/// A stored name's value: the exact wire name first (no allocation), any spelling `parse`
/// accepts otherwise.
fn stored<T: Copy>(
    all: &[T],
    name: &str,
    as_str: fn(T) -> &'static str,
    parse: impl Fn(&str) -> Option<T>,
) -> Option<T> {
    all.iter()
        .copied()
        .find(|v| as_str(*v) == name)
        .or_else(|| parse(name))
}

fn kind_of(name: &str) -> Option<ExternalSignalKind> {
    stored(
        ExternalSignalKind::ALL,
        name,
        ExternalSignalKind::as_str,
        |n| ExternalSignalKind::parse(n).ok(),
    )
}

fn signal(r: Row) -> Result<ExternalSignal> {
    let kind = kind_of(&r.1)
        .ok_or_else(|| StoreError::Corrupt(format!("external signal kind '{}'", r.1)))?;
    let license = match r.5.as_deref() {
        None => None,
        Some(l) => Some(
            stored(LicenseProgram::ALL, l, LicenseProgram::as_str, |n| {
                LicenseProgram::parse(n).ok()
            })
            .ok_or_else(|| StoreError::Corrupt(format!("external signal licence '{l}'")))?,
        ),
    };
    Ok(ExternalSignal {
        tenant_id: r.0,
        kind,
        version: (!r.2.is_empty()).then_some(r.2),
        edition: (!r.3.is_empty()).then_some(r.3),
        observed_on: date(&r.4)?,
        license,
        annuity: r.6,
        quantity: r.7,
        until: r.8.as_deref().map(date).transpose()?,
        source: r.9,
    })
}

const COLUMNS: &str = "tenant_id, kind, version, edition, observed_on, license, annuity, \
                       quantity, until, source";

/// The signals of the tenants from `first` to `last` (tenant IDs, inclusive) observed on or
/// before `up_to`, in key order (tenant, kind, version, edition, date). Signals of a kind this build does not know are
/// skipped (a newer app may have written them).
pub async fn of_tenants(
    pool: &SqlitePool,
    first: &str,
    last: &str,
    up_to: NaiveDate,
) -> Result<Vec<ExternalSignal>> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM external_signals \
         WHERE tenant_id >= ? AND tenant_id <= ? AND observed_on <= ? \
         ORDER BY tenant_id, kind, version, edition, observed_on"
    ))
    .bind(first)
    .bind(last)
    .bind(up_to.to_string())
    .fetch_all(pool)
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        if kind_of(&r.1).is_none() {
            continue;
        }
        out.push(signal(r)?);
    }
    Ok(out)
}

/// The signals of the tenants from `first` to `last` observed on or before `up_to`, one row per
/// tenant, packed as `kind FIELD version FIELD edition FIELD observed on FIELD licence FIELD
/// annuity (0/1) FIELD quantity FIELD until` records (empty text for a missing value) joined by
/// [`super::history::RECORD`]: the fast read for scoring many tenants.
pub async fn packed_of_tenants(
    pool: &SqlitePool,
    first: &str,
    last: &str,
    up_to: NaiveDate,
) -> Result<Vec<(String, String)>> {
    Ok(sqlx::query_as(
        "SELECT tenant_id, group_concat(kind || char(31) || version || char(31) || edition \
           || char(31) || observed_on || char(31) || coalesce(license, '') || char(31) \
           || coalesce(annuity, '') || char(31) || coalesce(quantity, '') || char(31) \
           || coalesce(until, ''), char(30)) \
         FROM external_signals WHERE tenant_id >= ? AND tenant_id <= ? AND observed_on <= ? \
         GROUP BY tenant_id",
    )
    .bind(first)
    .bind(last)
    .bind(up_to.to_string())
    .fetch_all(pool)
    .await?)
}

/// Every signal, by tenant, kind and date.
pub async fn all(pool: &SqlitePool) -> Result<Vec<ExternalSignal>> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM external_signals \
         ORDER BY tenant_id, kind, observed_on, version, edition"
    ))
    .fetch_all(pool)
    .await?;
    rows.into_iter().map(signal).collect()
}

/// Signals recorded.
pub async fn count(pool: &SqlitePool) -> Result<u64> {
    let (n,): (i64,) = sqlx::query_as("SELECT count(*) FROM external_signals")
        .fetch_one(pool)
        .await?;
    Ok(u64::try_from(n).unwrap_or(0))
}
