//! Microsoft's own CloudAscent downloads, imported to view and filter next to the app's scores,
//! and compared with them (issue 6; SPEC §6, §8).
//!
//! # Import
//!
//! [`import_download`] reads one file ([`partner_advisor_formats::read_file_owned`]: encoding,
//! delimiter, the report detected from its header, see
//! [`partner_advisor_formats::cloudascent::download`]) and writes it, its rows and their scores in
//! one transaction. All or nothing: a file that is not a CloudAscent download, or has any row
//! error, is refused with every problem and its line, and the workspace stays as it was. Unknown
//! columns are kept (as plays) and listed in the summary's warnings. An import writes no snapshot
//! and changes no customer. The generic importer ([`crate::import::import_files`]) sends
//! CloudAscent files here too (all of them in one transaction).
//!
//! # Viewing
//!
//! [`list_imports`], [`delete_import`], and [`imported_rows`]: a page of rows with a filter
//! (text in name/ID/domain, cluster codes or letters, minimum fit/intent, for one area or any)
//! and a sort, with the total matching.
//!
//! # Comparison
//!
//! [`compare_import`] scores the workspace's latest snapshot once ([`score_latest`], streamed:
//! only the matched customers' scores are kept) and joins each imported row to a customer by
//! `CustomerID` = the customer's TPID, else by name (case, spaces and punctuation ignored; a
//! name two customers share matches neither). For each area of the report it puts Microsoft's
//! cluster/fit/intent beside the app's and summarises per area: cluster agreement (same code),
//! same cluster letter, and Spearman's ρ of fit and of intent over the rows that have both.

use std::collections::HashMap;
use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};
use partner_advisor_domain::Clock;
use partner_advisor_formats::cloudascent::{
    CloudAscentDownload, ColumnRole, PropensityReport, SolutionArea,
};
use partner_advisor_formats::{read_file_owned, FileContent, FileKind, ImportReport};
use partner_advisor_store::tables::cloudascent_imports as table;
pub use partner_advisor_store::tables::cloudascent_imports::StoredColumn as ImportedColumn;
use partner_advisor_store::{SqliteConnection, StoreError, Workspace};
use serde::Serialize;

use super::scores::{score_latest, CustomerScores, ScoreOptions};
use crate::jobs::{CancelToken, NoProgress};
use crate::{EngineError, Result};

/// An imported download, without its rows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportedReportSummary {
    /// Its ID.
    pub id: i64,
    /// Which report.
    pub report: PropensityReport,
    /// The file's name (without its folder).
    pub file_name: String,
    /// When it was imported.
    pub imported_at: DateTime<Utc>,
    /// Rows imported.
    pub rows: u64,
    /// Columns of the file.
    pub columns: u64,
    /// Columns the report does not have, kept as plays (file names).
    pub unknown_columns: Vec<String>,
    /// What reading the file warned about (unknown columns kept, short rows).
    pub warnings: Vec<String>,
}

/// One area's scores on an imported row, as Microsoft wrote them.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedScore {
    /// The area.
    pub area: SolutionArea,
    /// Cluster code A1–D4.
    pub cluster: Option<String>,
    /// Fit 0–100.
    pub fit: Option<f64>,
    /// Intent 0–100.
    pub intent: Option<f64>,
}

/// One imported row.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedRow {
    /// 1-based data row, file order.
    pub row_number: u64,
    /// Physical line in the file.
    pub line: u64,
    /// `CustomerID` (TPID).
    pub customer_id: Option<String>,
    /// `AccountName`.
    pub customer_name: Option<String>,
    /// `Domain`.
    pub domain: Option<String>,
    /// Per area of the report the file scores, in the report's order.
    pub scores: Vec<ImportedScore>,
    /// Every cell, in [`ImportedRowsPage::columns`] order.
    pub cells: Vec<String>,
}

/// Which rows [`imported_rows`] returns.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportedRowFilter {
    /// Text in the customer name, ID or domain.
    pub text: Option<String>,
    /// The area the cluster and minimum filters look at; `None`: any area.
    pub area: Option<SolutionArea>,
    /// Cluster codes (`A1`) or letters (`A`, a whole cluster).
    pub clusters: Vec<String>,
    /// Fit at least this.
    pub min_fit: Option<f64>,
    /// Intent at least this.
    pub min_intent: Option<f64>,
}

/// The order of [`imported_rows`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ImportedRowSort {
    /// File order.
    #[default]
    File,
    /// Customer name.
    CustomerName,
    /// Customer ID.
    CustomerId,
    /// An area's cluster (A1 first ascending).
    Cluster(SolutionArea),
    /// An area's fit.
    Fit(SolutionArea),
    /// An area's intent.
    Intent(SolutionArea),
}

/// A page of an import's rows.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedRowsPage {
    /// The import.
    pub import: ImportedReportSummary,
    /// Its columns, file order (`documented` is `None` for unknown columns kept as plays).
    pub columns: Vec<ImportedColumn>,
    /// Rows matching the filter, in all.
    pub total: u64,
    /// The page's first row's position among them.
    pub offset: u64,
    /// The page.
    pub rows: Vec<ImportedRow>,
}

/// How an imported row was joined to a customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum MatchMethod {
    /// `CustomerID` is the customer's TPID.
    CustomerId,
    /// The names are the same (case, spaces and punctuation ignored).
    Name,
}

/// The app's scores of a customer in one area.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppScore {
    /// Cluster code A1–D4 (the run's cluster map).
    pub cluster: String,
    /// Fit 0–100.
    pub fit: u8,
    /// Intent 0–100.
    pub intent: u8,
}

/// One area of one row: Microsoft's scores beside the app's.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaComparison {
    /// The area.
    pub area: SolutionArea,
    /// Microsoft's (as imported).
    pub microsoft: ImportedScore,
    /// The app's; `None` when the row matched no customer.
    pub app: Option<AppScore>,
}

impl AreaComparison {
    /// Whether both have a cluster and it is the same code.
    pub fn same_cluster(&self) -> Option<bool> {
        let ms = self.microsoft.cluster.as_deref()?;
        Some(self.app.as_ref()?.cluster == ms)
    }
}

/// One imported row compared.
#[derive(Debug, Clone, PartialEq)]
pub struct ComparedRow {
    /// 1-based data row.
    pub row_number: u64,
    /// `CustomerID` as imported.
    pub customer_id: Option<String>,
    /// `AccountName` as imported.
    pub customer_name: Option<String>,
    /// The customer it matched.
    pub tenant_id: Option<String>,
    /// How.
    pub matched_by: Option<MatchMethod>,
    /// Per area of the report the file scores.
    pub areas: Vec<AreaComparison>,
}

/// How far Microsoft and the app agree in one area, over the matched rows.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaAgreement {
    /// The area.
    pub area: SolutionArea,
    /// Matched rows with a cluster from Microsoft.
    pub clusters_compared: u64,
    /// Of which the app gives the same code.
    pub same_cluster: u64,
    /// `same_cluster` in percent of `clusters_compared`.
    pub cluster_agreement_pct: Option<f64>,
    /// Percent with the same cluster letter (Act now, Evaluate, Nurture, Educate).
    pub same_letter_pct: Option<f64>,
    /// Matched rows with a fit from Microsoft.
    pub fit_pairs: u64,
    /// Spearman's ρ of Microsoft's fit and the app's (`None` under 3 pairs or with no spread).
    pub fit_spearman: Option<f64>,
    /// Matched rows with an intent from Microsoft.
    pub intent_pairs: u64,
    /// Spearman's ρ of the intents.
    pub intent_spearman: Option<f64>,
}

/// An imported report compared with the app's scores.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportComparison {
    /// The import.
    pub import: ImportedReportSummary,
    /// The date of the snapshot the app scored.
    pub as_of: NaiveDate,
    /// Customers the app scored.
    pub customers_scored: u64,
    /// Imported rows.
    pub rows: u64,
    /// Rows matched to a customer.
    pub matched: u64,
    /// Of which by customer ID (TPID).
    pub matched_by_id: u64,
    /// Of which by name.
    pub matched_by_name: u64,
    /// Cluster agreement over every area, in percent.
    pub cluster_agreement_pct: Option<f64>,
    /// Per area of the report the file scores.
    pub areas: Vec<AreaAgreement>,
    /// Every row, file order.
    pub rows_compared: Vec<ComparedRow>,
}

/// A column's role as stored (`cluster:M365`, `fit:D365BC`, `firmographic:CustomerId`, `play`…).
fn role_name(role: ColumnRole) -> String {
    match role {
        ColumnRole::Cluster(a) => format!("cluster:{}", a.prefix()),
        ColumnRole::Fit(a) => format!("fit:{}", a.prefix()),
        ColumnRole::Intent(a) => format!("intent:{}", a.prefix()),
        ColumnRole::Signals(a) => format!("signals:{}", a.prefix()),
        ColumnRole::RevenuePotential(a) => format!("revenue:{}", a.prefix()),
        ColumnRole::Firmographic(f) => format!("firmographic:{f:?}"),
        ColumnRole::Flag(f) => format!("flag:{f:?}"),
        ColumnRole::Renewal(f) => format!("renewal:{f:?}"),
        ColumnRole::Workloads(f) => format!("workloads:{f:?}"),
        ColumnRole::Play => "play".into(),
        ColumnRole::Offers => "offers".into(),
        ColumnRole::Transacted => "transacted".into(),
    }
}

fn area_of(prefix: &str) -> Option<SolutionArea> {
    SolutionArea::ALL.into_iter().find(|a| a.prefix() == prefix)
}

fn summary_of(record: &table::ImportRecord) -> Result<ImportedReportSummary> {
    let report = PropensityReport::parse(&record.report).ok_or_else(|| {
        StoreError::Corrupt(format!(
            "CloudAscent import {} has an unknown report '{}'",
            record.id, record.report
        ))
    })?;
    Ok(ImportedReportSummary {
        id: record.id,
        report,
        file_name: record.file_name.clone(),
        imported_at: record.imported_at,
        rows: record.rows,
        columns: record.columns.len() as u64,
        unknown_columns: record
            .columns
            .iter()
            .filter(|c| c.documented.is_none())
            .map(|c| c.name.clone())
            .collect(),
        warnings: record.warnings.clone(),
    })
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Writes one read download inside the caller's transaction (the import dispatcher's and
/// [`import_download`]'s shared step).
pub(crate) async fn write_download(
    conn: &mut SqliteConnection,
    file_name: &str,
    download: &CloudAscentDownload,
    report: &ImportReport,
    clock: &dyn Clock,
) -> Result<ImportedReportSummary> {
    let columns: Vec<ImportedColumn> = download
        .columns
        .iter()
        .map(|c| ImportedColumn {
            name: c.name.clone(),
            role: role_name(c.role),
            documented: c.documented.map(str::to_owned),
        })
        .collect();
    let warnings: Vec<String> = report
        .problems
        .iter()
        .filter(|p| p.severity == partner_advisor_formats::Severity::Warning)
        .map(|p| p.reason.clone())
        .collect();
    let rows: Vec<table::StoredRow> = download
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| table::StoredRow {
            row_number: i as u64 + 1,
            line: r.line,
            customer_id: r.customer_id.clone(),
            customer_name: r.customer_name.clone(),
            domain: r.domain.clone(),
            scores: r
                .scores
                .iter()
                .map(|s| table::StoredScore {
                    area: s.area.prefix().to_owned(),
                    cluster: s.cluster.clone(),
                    fit: s.fit,
                    intent: s.intent,
                })
                .collect(),
            cells: r.cells.clone(),
        })
        .collect();
    let imported_at = clock.now();
    let id = table::insert(
        conn,
        &table::NewImport {
            report: download.report.key(),
            file_name,
            imported_at,
            columns: &columns,
            warnings: &warnings,
        },
        &rows,
    )
    .await?;
    Ok(ImportedReportSummary {
        id,
        report: download.report,
        file_name: file_name.to_owned(),
        imported_at,
        rows: rows.len() as u64,
        columns: columns.len() as u64,
        unknown_columns: download.unknown_columns.clone(),
        warnings,
    })
}

/// Imports one CloudAscent download (see the module documentation): all or nothing.
pub async fn import_download(
    ws: &Workspace,
    path: &Path,
    clock: &dyn Clock,
) -> Result<ImportedReportSummary> {
    let bytes = tokio::fs::read(path)
        .await
        .map_err(|e| EngineError::io(format!("cannot read {}", path.display()), e))?;
    let name = file_name(path);
    let shown = name.clone();
    let parsed = tokio::task::spawn_blocking(move || read_file_owned(&shown, bytes))
        .await
        .map_err(|e| match e.try_into_panic() {
            Ok(panic) => std::panic::resume_unwind(panic),
            Err(_) => EngineError::Cancelled,
        })?;
    if !matches!(parsed.report.kind, FileKind::CloudAscent(_)) {
        return Err(EngineError::InvalidInput(format!(
            "{name} is not a CloudAscent propensity report download ({})",
            parsed.report.kind
        )));
    }
    let errors: Vec<String> = parsed.report.errors().map(ToString::to_string).collect();
    let FileContent::CloudAscent(download) = parsed.content else {
        return Err(refused(&name, &errors));
    };
    if !errors.is_empty() {
        return Err(refused(&name, &errors));
    }
    let mut tx = ws.begin().await?;
    let summary = write_download(&mut tx, &name, &download, &parsed.report, clock).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(summary)
}

/// The error of a refused file: every problem (up to 20 shown) with its line.
fn refused(name: &str, errors: &[String]) -> EngineError {
    const SHOWN: usize = 20;
    let mut text = format!(
        "{name} was not imported: {} problem{}",
        errors.len(),
        if errors.len() == 1 { "" } else { "s" }
    );
    for e in errors.iter().take(SHOWN) {
        text.push_str("\n  ");
        text.push_str(e);
    }
    if errors.len() > SHOWN {
        text.push_str(&format!("\n  … and {} more", errors.len() - SHOWN));
    }
    EngineError::InvalidInput(text)
}

/// Every imported download, newest first.
pub async fn list_imports(ws: &Workspace) -> Result<Vec<ImportedReportSummary>> {
    table::list(ws.pool())
        .await?
        .iter()
        .map(summary_of)
        .collect()
}

/// Deletes an imported download and its rows; `NotFound` when there is none with that ID.
pub async fn delete_import(ws: &Workspace, id: i64) -> Result<()> {
    let mut tx = ws.begin().await?;
    let found = table::delete(&mut tx, id).await?;
    if !found {
        return Err(not_found(id));
    }
    tx.commit().await.map_err(StoreError::from)?;
    Ok(())
}

fn not_found(id: i64) -> EngineError {
    EngineError::Store(StoreError::NotFound(format!("CloudAscent import {id}")))
}

async fn record(ws: &Workspace, id: i64) -> Result<table::ImportRecord> {
    table::get(ws.pool(), id)
        .await?
        .ok_or_else(|| not_found(id))
}

/// Rows of `report` in the report's area order.
fn row_of(report: PropensityReport, r: table::StoredRow) -> ImportedRow {
    let order = report.areas();
    let mut scores: Vec<ImportedScore> = r
        .scores
        .into_iter()
        .filter_map(|s| {
            Some(ImportedScore {
                area: area_of(&s.area)?,
                cluster: s.cluster,
                fit: s.fit,
                intent: s.intent,
            })
        })
        .collect();
    scores.sort_by_key(|s| order.iter().position(|a| *a == s.area));
    ImportedRow {
        row_number: r.row_number,
        line: r.line,
        customer_id: r.customer_id,
        customer_name: r.customer_name,
        domain: r.domain,
        scores,
        cells: r.cells,
    }
}

/// A page of an imported download's rows: filtered, sorted, `limit` from `offset`, with the
/// total matching.
pub async fn imported_rows(
    ws: &Workspace,
    id: i64,
    filter: &ImportedRowFilter,
    sort: ImportedRowSort,
    offset: u64,
    limit: u64,
) -> Result<ImportedRowsPage> {
    let record = record(ws, id).await?;
    let import = summary_of(&record)?;
    for (what, v) in [("fit", filter.min_fit), ("intent", filter.min_intent)] {
        if v.is_some_and(|v| !(0.0..=100.0).contains(&v)) {
            return Err(EngineError::InvalidInput(format!(
                "the minimum {what} must be from 0 to 100"
            )));
        }
    }
    let store_filter = table::RowFilter {
        text: filter.text.clone(),
        area: filter.area.map(|a| a.prefix().to_owned()),
        clusters: filter.clusters.clone(),
        min_fit: filter.min_fit,
        min_intent: filter.min_intent,
    };
    let (key, descending) = match sort {
        ImportedRowSort::File => (table::RowSortKey::File, false),
        ImportedRowSort::CustomerName => (table::RowSortKey::CustomerName, false),
        ImportedRowSort::CustomerId => (table::RowSortKey::CustomerId, false),
        ImportedRowSort::Cluster(a) => (table::RowSortKey::Cluster(a.prefix().into()), false),
        ImportedRowSort::Fit(a) => (table::RowSortKey::Fit(a.prefix().into()), true),
        ImportedRowSort::Intent(a) => (table::RowSortKey::Intent(a.prefix().into()), true),
    };
    let (total, rows) = table::query(
        ws.pool(),
        id,
        &store_filter,
        &table::RowSort { key, descending },
        offset,
        limit,
    )
    .await?;
    Ok(ImportedRowsPage {
        columns: record.columns,
        total,
        offset,
        rows: rows.into_iter().map(|r| row_of(import.report, r)).collect(),
        import,
    })
}

/// The comparison key of a customer name: letters and digits, lower case.
fn name_key(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Mid-ranks (ties share their mean rank).
fn ranks(values: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|a, b| values[*a].total_cmp(&values[*b]));
    let mut out = vec![0.0; values.len()];
    let mut i = 0;
    while i < order.len() {
        let mut j = i;
        while j < order.len() && values[order[j]] == values[order[i]] {
            j += 1;
        }
        let rank = (i + j + 1) as f64 / 2.0;
        for k in &order[i..j] {
            out[*k] = rank;
        }
        i = j;
    }
    out
}

/// Spearman's ρ (Pearson's r of the mid-ranks); `None` under 3 pairs or when either side has no
/// spread.
pub fn spearman(pairs: &[(f64, f64)]) -> Option<f64> {
    if pairs.len() < 3 {
        return None;
    }
    let a = ranks(&pairs.iter().map(|p| p.0).collect::<Vec<_>>());
    let b = ranks(&pairs.iter().map(|p| p.1).collect::<Vec<_>>());
    let n = a.len() as f64;
    let (ma, mb) = (a.iter().sum::<f64>() / n, b.iter().sum::<f64>() / n);
    let cov: f64 = a.iter().zip(&b).map(|(x, y)| (x - ma) * (y - mb)).sum();
    let va: f64 = a.iter().map(|x| (x - ma) * (x - ma)).sum();
    let vb: f64 = b.iter().map(|y| (y - mb) * (y - mb)).sum();
    if va == 0.0 || vb == 0.0 {
        return None;
    }
    Some((cov / (va * vb).sqrt()).clamp(-1.0, 1.0))
}

fn pct(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| part as f64 * 100.0 / whole as f64)
}

/// One area's agreement counts while the rows are compared.
#[derive(Debug, Clone, Default)]
struct Tally {
    clusters: u64,
    same: u64,
    same_letter: u64,
    fits: Vec<(f64, f64)>,
    intents: Vec<(f64, f64)>,
}

/// What the comparison keeps of a customer the rows name.
struct Candidate {
    tenant_id: String,
    areas: Vec<AppScore>,
}

/// Compares an imported download with the app's scores of the latest snapshot (see the module
/// documentation). `options` are the scoring options (the cluster map of the setting).
pub async fn compare_import(
    ws: &Workspace,
    id: i64,
    options: &ScoreOptions,
) -> Result<ImportComparison> {
    let record = record(ws, id).await?;
    let import = summary_of(&record)?;
    let rows: Vec<ImportedRow> = table::all_rows(ws.pool(), id)
        .await?
        .into_iter()
        .map(|r| row_of(import.report, r))
        .collect();
    let areas: Vec<SolutionArea> = import
        .report
        .areas()
        .into_iter()
        .filter(|a| rows.iter().any(|r| r.scores.iter().any(|s| s.area == *a)))
        .collect();

    let ids: HashMap<String, ()> = rows
        .iter()
        .filter_map(|r| r.customer_id.as_deref())
        .map(|i| (i.trim().to_owned(), ()))
        .collect();
    let names: HashMap<String, ()> = rows
        .iter()
        .filter_map(|r| r.customer_name.as_deref())
        .map(|n| (name_key(n), ()))
        .filter(|(k, _)| !k.is_empty())
        .collect();
    // Customers by TPID and by name key: several under one key make it ambiguous (None).
    let mut by_id: HashMap<String, Option<Candidate>> = HashMap::new();
    let mut by_name: HashMap<String, Option<Candidate>> = HashMap::new();
    let areas_for_sink = areas.clone();
    let scored = score_latest(
        ws,
        options,
        &NoProgress,
        &CancelToken::new(),
        &mut |s: &CustomerScores| {
            let tpid = s.customer.identity.tpid.trim();
            let key = name_key(&s.customer.identity.name);
            let wanted_id = !tpid.is_empty() && ids.contains_key(tpid);
            let wanted_name = !key.is_empty() && names.contains_key(&key);
            if !wanted_id && !wanted_name {
                return Ok(());
            }
            let candidate = || Candidate {
                tenant_id: s.tenant_id.clone(),
                areas: areas_for_sink
                    .iter()
                    .map(|a| {
                        let score = s.area(*a);
                        AppScore {
                            cluster: score.segment.to_string(),
                            fit: score.fit,
                            intent: score.intent,
                        }
                    })
                    .collect(),
            };
            if wanted_id {
                by_id
                    .entry(tpid.to_owned())
                    .and_modify(|c| *c = None)
                    .or_insert_with(|| Some(candidate()));
            }
            if wanted_name {
                by_name
                    .entry(key)
                    .and_modify(|c| *c = None)
                    .or_insert_with(|| Some(candidate()));
            }
            Ok(())
        },
    )
    .await?;

    let mut agreements: Vec<Tally> = vec![Tally::default(); areas.len()];
    let (mut by_id_n, mut by_name_n) = (0u64, 0u64);
    let mut compared = Vec::with_capacity(rows.len());
    for row in rows {
        let from_id = row
            .customer_id
            .as_deref()
            .and_then(|i| by_id.get(i.trim()))
            .and_then(Option::as_ref);
        let from_name = || {
            row.customer_name
                .as_deref()
                .and_then(|n| by_name.get(&name_key(n)))
                .and_then(Option::as_ref)
        };
        let (matched, method) = match from_id {
            Some(c) => (Some(c), Some(MatchMethod::CustomerId)),
            None => match from_name() {
                Some(c) => (Some(c), Some(MatchMethod::Name)),
                None => (None, None),
            },
        };
        match method {
            Some(MatchMethod::CustomerId) => by_id_n += 1,
            Some(MatchMethod::Name) => by_name_n += 1,
            None => {}
        }
        let mut per_area = Vec::with_capacity(areas.len());
        for (i, area) in areas.iter().enumerate() {
            let microsoft = row
                .scores
                .iter()
                .find(|s| s.area == *area)
                .cloned()
                .unwrap_or(ImportedScore {
                    area: *area,
                    cluster: None,
                    fit: None,
                    intent: None,
                });
            let app = matched.map(|c| c.areas[i].clone());
            if let Some(app) = &app {
                let acc = &mut agreements[i];
                if let Some(ms) = &microsoft.cluster {
                    acc.clusters += 1;
                    acc.same += u64::from(*ms == app.cluster);
                    acc.same_letter += u64::from(ms.get(..1) == app.cluster.get(..1));
                }
                if let Some(fit) = microsoft.fit {
                    acc.fits.push((fit, f64::from(app.fit)));
                }
                if let Some(intent) = microsoft.intent {
                    acc.intents.push((intent, f64::from(app.intent)));
                }
            }
            per_area.push(AreaComparison {
                area: *area,
                microsoft,
                app,
            });
        }
        compared.push(ComparedRow {
            row_number: row.row_number,
            customer_id: row.customer_id,
            customer_name: row.customer_name,
            tenant_id: matched.map(|c| c.tenant_id.clone()),
            matched_by: method,
            areas: per_area,
        });
    }
    let (mut all_compared, mut all_same) = (0, 0);
    let area_agreements = areas
        .iter()
        .zip(agreements)
        .map(|(area, t)| {
            all_compared += t.clusters;
            all_same += t.same;
            AreaAgreement {
                area: *area,
                clusters_compared: t.clusters,
                same_cluster: t.same,
                cluster_agreement_pct: pct(t.same, t.clusters),
                same_letter_pct: pct(t.same_letter, t.clusters),
                fit_pairs: t.fits.len() as u64,
                fit_spearman: spearman(&t.fits),
                intent_pairs: t.intents.len() as u64,
                intent_spearman: spearman(&t.intents),
            }
        })
        .collect();
    Ok(ImportComparison {
        as_of: scored.as_of,
        customers_scored: scored.customers,
        rows: compared.len() as u64,
        matched: by_id_n + by_name_n,
        matched_by_id: by_id_n,
        matched_by_name: by_name_n,
        cluster_agreement_pct: pct(all_same, all_compared),
        areas: area_agreements,
        rows_compared: compared,
        import,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spearman_of_ranks() {
        let same: Vec<(f64, f64)> = (0..10).map(|i| (f64::from(i), f64::from(i * 3))).collect();
        assert!((spearman(&same).expect("rho") - 1.0).abs() < 1e-12);
        let reversed: Vec<(f64, f64)> = (0..10).map(|i| (f64::from(i), f64::from(-i))).collect();
        assert!((spearman(&reversed).expect("rho") + 1.0).abs() < 1e-12);
        assert_eq!(spearman(&[(1.0, 2.0), (2.0, 3.0)]), None);
        assert_eq!(spearman(&[(1.0, 2.0), (2.0, 2.0), (3.0, 2.0)]), None);
    }

    #[test]
    fn names_compare_without_case_or_punctuation() {
        assert_eq!(
            name_key("Northwind Traders, S.A."),
            name_key("northwind traders sa")
        );
        assert_ne!(name_key("Contoso"), name_key("Contoso Ltd"));
    }

    #[test]
    fn roles_are_worded() {
        assert_eq!(
            role_name(ColumnRole::Cluster(SolutionArea::D365BusinessCentral)),
            "cluster:D365BC"
        );
        assert_eq!(role_name(ColumnRole::Play), "play");
    }
}
