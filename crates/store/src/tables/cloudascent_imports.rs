//! `cloudascent_imports`, `cloudascent_import_rows`, `cloudascent_import_scores`: Microsoft's own
//! CloudAscent downloads as imported, to view and filter beside the app's scores.
//!
//! The store keeps reports, roles and areas as the engine names them (strings): the report's key
//! (`m365`), an area's column prefix (`M365`, `D365BC`), a column's role in words. An import is
//! written whole by [`insert`] inside the caller's transaction; [`delete`] removes an import and
//! its rows.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sqlx::{QueryBuilder, Sqlite, SqliteConnection, SqlitePool};

use super::insert_rows;
use crate::{Result, StoreError};

/// A column of an imported file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredColumn {
    /// The file's name for it.
    pub name: String,
    /// What it holds, as the engine words it (`cluster:M365`, `play`, …).
    pub role: String,
    /// The report's own name for it; `None` for an unknown column kept as a play.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub documented: Option<String>,
}

/// An imported file, without its rows.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportRecord {
    /// Its ID.
    pub id: i64,
    /// The report's key (`renewal`, `azure`, `d365`, `m365`, `security`, `surface`).
    pub report: String,
    /// The file's name.
    pub file_name: String,
    /// When it was imported.
    pub imported_at: DateTime<Utc>,
    /// Rows imported.
    pub rows: u64,
    /// Its columns, in file order.
    pub columns: Vec<StoredColumn>,
    /// What reading it warned about (unknown columns kept, short rows).
    pub warnings: Vec<String>,
}

/// One area's scores on a row, as the file gave them.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredScore {
    /// The area's column prefix (`M365`, `D365BC`, …).
    pub area: String,
    /// Cluster code A1–D4.
    pub cluster: Option<String>,
    /// Fit 0–100.
    pub fit: Option<f64>,
    /// Intent 0–100.
    pub intent: Option<f64>,
}

/// One imported row.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredRow {
    /// 1-based data row number, file order.
    pub row_number: u64,
    /// Physical line in the file.
    pub line: u64,
    /// `CustomerID` (TPID).
    pub customer_id: Option<String>,
    /// `AccountName`.
    pub customer_name: Option<String>,
    /// `Domain`.
    pub domain: Option<String>,
    /// Per area, by area name.
    pub scores: Vec<StoredScore>,
    /// Every cell, in the columns' order.
    pub cells: Vec<String>,
}

/// What a new import is.
#[derive(Debug, Clone, PartialEq)]
pub struct NewImport<'a> {
    /// The report's key.
    pub report: &'a str,
    /// The file's name.
    pub file_name: &'a str,
    /// When.
    pub imported_at: DateTime<Utc>,
    /// Its columns.
    pub columns: &'a [StoredColumn],
    /// Its warnings.
    pub warnings: &'a [String],
}

/// Filters of [`query`]; every filter given must hold.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RowFilter {
    /// Text in the customer name, ID or domain (case ignored for ASCII letters).
    pub text: Option<String>,
    /// The area the cluster and score filters look at; `None`: any area of the row.
    pub area: Option<String>,
    /// Cluster codes (`A1`) or letters (`A`): the row's cluster is one of them.
    pub clusters: Vec<String>,
    /// Fit at least this.
    pub min_fit: Option<f64>,
    /// Intent at least this.
    pub min_intent: Option<f64>,
}

/// What [`query`] sorts by.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum RowSortKey {
    /// File order.
    #[default]
    File,
    /// Customer name.
    CustomerName,
    /// Customer ID.
    CustomerId,
    /// An area's cluster code.
    Cluster(String),
    /// An area's fit.
    Fit(String),
    /// An area's intent.
    Intent(String),
}

/// A sort: key and direction. Rows without a value come last; ties in file order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RowSort {
    /// The key.
    pub key: RowSortKey,
    /// Largest first.
    pub descending: bool,
}

fn to_json<T: Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| StoreError::Corrupt(format!("JSON: {e}")))
}

fn from_json<T: for<'de> Deserialize<'de>>(text: &str, what: &str) -> Result<T> {
    serde_json::from_str(text)
        .map_err(|e| StoreError::Corrupt(format!("{what} of a CloudAscent import: {e}")))
}

/// Writes an import and its rows (row numbers are the rows' positions from 1); returns its ID.
/// Call inside a transaction: the import lands whole or not at all.
pub async fn insert(
    conn: &mut SqliteConnection,
    import: &NewImport<'_>,
    rows: &[StoredRow],
) -> Result<i64> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO cloudascent_imports (report, file_name, imported_at, rows, columns, warnings) \
         VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(import.report)
    .bind(import.file_name)
    .bind(import.imported_at.to_rfc3339())
    .bind(i64::try_from(rows.len()).unwrap_or(i64::MAX))
    .bind(to_json(&import.columns)?)
    .bind(to_json(&import.warnings)?)
    .fetch_one(&mut *conn)
    .await?;
    let cells: Vec<String> = rows
        .iter()
        .map(|r| to_json(&r.cells))
        .collect::<Result<_>>()?;
    let numbered: Vec<(i64, &StoredRow, &String)> = rows
        .iter()
        .zip(&cells)
        .enumerate()
        .map(|(i, (r, c))| (i as i64 + 1, r, c))
        .collect();
    insert_rows(
        conn,
        "INSERT INTO cloudascent_import_rows (import_id, row_number, line, customer_id, \
         customer_name, domain, cells) ",
        7,
        &numbered,
        |row, (n, r, cells)| {
            row.push_bind(id)
                .push_bind(*n)
                .push_bind(i64::try_from(r.line).unwrap_or(i64::MAX))
                .push_bind(&r.customer_id)
                .push_bind(&r.customer_name)
                .push_bind(&r.domain)
                .push_bind(cells.as_str());
        },
    )
    .await?;
    let scores: Vec<(i64, &StoredScore)> = numbered
        .iter()
        .flat_map(|(n, r, _)| r.scores.iter().map(move |s| (*n, s)))
        .collect();
    insert_rows(
        conn,
        "INSERT INTO cloudascent_import_scores (import_id, row_number, area, cluster, fit, \
         intent) ",
        6,
        &scores,
        |row, (n, s)| {
            row.push_bind(id)
                .push_bind(*n)
                .push_bind(&s.area)
                .push_bind(&s.cluster)
                .push_bind(s.fit)
                .push_bind(s.intent);
        },
    )
    .await?;
    Ok(id)
}

type ImportRow = (i64, String, String, String, i64, String, String);

fn record(r: ImportRow) -> Result<ImportRecord> {
    Ok(ImportRecord {
        id: r.0,
        report: r.1,
        file_name: r.2,
        imported_at: DateTime::parse_from_rfc3339(&r.3)
            .map_err(|e| StoreError::Corrupt(format!("imported_at '{}': {e}", r.3)))?
            .with_timezone(&Utc),
        rows: u64::try_from(r.4).unwrap_or(0),
        columns: from_json(&r.5, "columns")?,
        warnings: from_json(&r.6, "warnings")?,
    })
}

const IMPORT_COLUMNS: &str = "id, report, file_name, imported_at, rows, columns, warnings";

/// Every import, newest first.
pub async fn list(pool: &SqlitePool) -> Result<Vec<ImportRecord>> {
    let rows: Vec<ImportRow> = sqlx::query_as(&format!(
        "SELECT {IMPORT_COLUMNS} FROM cloudascent_imports ORDER BY imported_at DESC, id DESC"
    ))
    .fetch_all(pool)
    .await?;
    rows.into_iter().map(record).collect()
}

/// One import.
pub async fn get(pool: &SqlitePool, id: i64) -> Result<Option<ImportRecord>> {
    let row: Option<ImportRow> = sqlx::query_as(&format!(
        "SELECT {IMPORT_COLUMNS} FROM cloudascent_imports WHERE id = ?"
    ))
    .bind(id)
    .fetch_optional(pool)
    .await?;
    row.map(record).transpose()
}

/// Deletes an import and its rows; whether it existed.
pub async fn delete(conn: &mut SqliteConnection, id: i64) -> Result<bool> {
    sqlx::query("DELETE FROM cloudascent_import_scores WHERE import_id = ?")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    sqlx::query("DELETE FROM cloudascent_import_rows WHERE import_id = ?")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    let done = sqlx::query("DELETE FROM cloudascent_imports WHERE id = ?")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected() > 0)
}

/// Imports and rows in the workspace (to check that a failed import left nothing).
pub async fn counts(pool: &SqlitePool) -> Result<(u64, u64)> {
    let (imports, rows): (i64, i64) = sqlx::query_as(
        "SELECT (SELECT count(*) FROM cloudascent_imports), \
                (SELECT count(*) FROM cloudascent_import_rows)",
    )
    .fetch_one(pool)
    .await?;
    Ok((
        u64::try_from(imports).unwrap_or(0),
        u64::try_from(rows).unwrap_or(0),
    ))
}

/// `WHERE …` of a query over `cloudascent_import_rows r`.
fn push_where<'a>(b: &mut QueryBuilder<'a, Sqlite>, id: i64, filter: &'a RowFilter) {
    b.push(" WHERE r.import_id = ").push_bind(id);
    if let Some(text) = filter
        .text
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        let escaped = text
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        let pattern = format!("%{escaped}%");
        b.push(" AND (r.customer_name LIKE ")
            .push_bind(pattern.clone())
            .push(" ESCAPE '\\' OR r.customer_id LIKE ")
            .push_bind(pattern.clone())
            .push(" ESCAPE '\\' OR r.domain LIKE ")
            .push_bind(pattern)
            .push(" ESCAPE '\\')");
    }
    let clusters: Vec<String> = filter
        .clusters
        .iter()
        .map(|c| c.trim().to_ascii_uppercase())
        .filter(|c| !c.is_empty())
        .collect();
    if clusters.is_empty() && filter.min_fit.is_none() && filter.min_intent.is_none() {
        return;
    }
    b.push(
        " AND EXISTS (SELECT 1 FROM cloudascent_import_scores s \
         WHERE s.import_id = r.import_id AND s.row_number = r.row_number",
    );
    if let Some(area) = &filter.area {
        b.push(" AND s.area = ").push_bind(area.as_str());
    }
    if !clusters.is_empty() {
        b.push(" AND (");
        for (i, code) in clusters.into_iter().enumerate() {
            if i > 0 {
                b.push(" OR ");
            }
            if code.len() == 1 {
                b.push("substr(s.cluster, 1, 1) = ").push_bind(code);
            } else {
                b.push("s.cluster = ").push_bind(code);
            }
        }
        b.push(")");
    }
    if let Some(min) = filter.min_fit {
        b.push(" AND s.fit >= ").push_bind(min);
    }
    if let Some(min) = filter.min_intent {
        b.push(" AND s.intent >= ").push_bind(min);
    }
    b.push(")");
}

type RowTuple = (
    i64,
    i64,
    Option<String>,
    Option<String>,
    Option<String>,
    String,
);

/// A page of an import's rows matching `filter`, sorted, and how many match in all.
pub async fn query(
    pool: &SqlitePool,
    id: i64,
    filter: &RowFilter,
    sort: &RowSort,
    offset: u64,
    limit: u64,
) -> Result<(u64, Vec<StoredRow>)> {
    let mut count: QueryBuilder<'_, Sqlite> =
        QueryBuilder::new("SELECT count(*) FROM cloudascent_import_rows r");
    push_where(&mut count, id, filter);
    let total: i64 = count.build_query_scalar().fetch_one(pool).await?;

    let mut b: QueryBuilder<'_, Sqlite> = QueryBuilder::new(
        "SELECT r.row_number, r.line, r.customer_id, r.customer_name, r.domain, r.cells \
         FROM cloudascent_import_rows r",
    );
    let (area, column) = match &sort.key {
        RowSortKey::Cluster(a) => (Some(a), "o.cluster"),
        RowSortKey::Fit(a) => (Some(a), "o.fit"),
        RowSortKey::Intent(a) => (Some(a), "o.intent"),
        RowSortKey::CustomerName => (None, "r.customer_name COLLATE NOCASE"),
        RowSortKey::CustomerId => (None, "r.customer_id"),
        RowSortKey::File => (None, "r.row_number"),
    };
    if let Some(area) = area {
        b.push(
            " LEFT JOIN cloudascent_import_scores o ON o.import_id = r.import_id \
             AND o.row_number = r.row_number AND o.area = ",
        )
        .push_bind(area.as_str());
    }
    push_where(&mut b, id, filter);
    let bare = column.split(' ').next().unwrap_or(column);
    let direction = if sort.descending { "DESC" } else { "ASC" };
    b.push(format!(
        " ORDER BY ({bare} IS NULL), {column} {direction}, r.row_number LIMIT "
    ))
    .push_bind(i64::try_from(limit).unwrap_or(i64::MAX))
    .push(" OFFSET ")
    .push_bind(i64::try_from(offset).unwrap_or(i64::MAX));
    let page: Vec<RowTuple> = b.build_query_as().fetch_all(pool).await?;
    let numbers: Vec<i64> = page.iter().map(|r| r.0).collect();
    let mut scores = scores_of(pool, id, Some(&numbers)).await?;
    let rows = page
        .into_iter()
        .map(|r| stored_row(r, &mut scores))
        .collect::<Result<_>>()?;
    Ok((u64::try_from(total).unwrap_or(0), rows))
}

/// Every row of an import, in file order (for comparisons).
pub async fn all_rows(pool: &SqlitePool, id: i64) -> Result<Vec<StoredRow>> {
    let rows: Vec<RowTuple> = sqlx::query_as(
        "SELECT row_number, line, customer_id, customer_name, domain, cells \
         FROM cloudascent_import_rows WHERE import_id = ? ORDER BY row_number",
    )
    .bind(id)
    .fetch_all(pool)
    .await?;
    let mut scores = scores_of(pool, id, None).await?;
    rows.into_iter()
        .map(|r| stored_row(r, &mut scores))
        .collect()
}

fn stored_row(r: RowTuple, scores: &mut HashMap<i64, Vec<StoredScore>>) -> Result<StoredRow> {
    Ok(StoredRow {
        row_number: u64::try_from(r.0).unwrap_or(0),
        line: u64::try_from(r.1).unwrap_or(0),
        customer_id: r.2,
        customer_name: r.3,
        domain: r.4,
        scores: scores.remove(&r.0).unwrap_or_default(),
        cells: from_json(&r.5, "cells")?,
    })
}

type ScoreTuple = (i64, String, Option<String>, Option<f64>, Option<f64>);

/// The scores of an import's rows (all, or those numbered), by row number, in area order.
async fn scores_of(
    pool: &SqlitePool,
    id: i64,
    rows: Option<&[i64]>,
) -> Result<HashMap<i64, Vec<StoredScore>>> {
    let mut b: QueryBuilder<'_, Sqlite> = QueryBuilder::new(
        "SELECT row_number, area, cluster, fit, intent FROM cloudascent_import_scores \
         WHERE import_id = ",
    );
    b.push_bind(id);
    if let Some(rows) = rows {
        if rows.is_empty() {
            return Ok(HashMap::new());
        }
        b.push(" AND row_number IN (");
        let mut list = b.separated(", ");
        for n in rows {
            list.push_bind(*n);
        }
        b.push(")");
    }
    // Within a row the areas come in the key's order (area name); callers order them as needed.
    b.push(" ORDER BY row_number, area");
    let found: Vec<ScoreTuple> = b.build_query_as().fetch_all(pool).await?;
    let mut out: HashMap<i64, Vec<StoredScore>> = HashMap::new();
    for (n, area, cluster, fit, intent) in found {
        out.entry(n).or_default().push(StoredScore {
            area,
            cluster,
            fit,
            intent,
        });
    }
    Ok(out)
}
