//! Microsoft's own CloudAscent downloads across IPC: the imports, their rows, and how they
//! compare with the app's scores. Areas travel as their column prefix (`M365`, `D365BC`, …).

use partner_advisor_engine::propensity::imported::{
    ComparedRow as EngineComparedRow, ImportComparison, ImportedReportSummary, ImportedRowFilter,
    ImportedRowSort, ImportedRowsPage, ImportedScore, MatchMethod,
};
use partner_advisor_engine::EngineError;
use partner_advisor_formats::cloudascent::SolutionArea;
use serde::{Deserialize, Serialize};

use super::count;
use super::propensity::ReportKind;

/// Rows of a comparison sent to the window (the summary covers them all).
pub const COMPARED_ROWS_SENT: usize = 500;

/// The area of a column prefix.
pub fn area_of(prefix: &str) -> Result<SolutionArea, EngineError> {
    SolutionArea::ALL
        .into_iter()
        .find(|a| a.prefix().eq_ignore_ascii_case(prefix.trim()))
        .ok_or_else(|| EngineError::InvalidInput(format!("'{prefix}' is not a solution area")))
}

/// An imported download.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ImportedDownload {
    /// Id.
    pub id: u32,
    /// Which report.
    pub kind: ReportKind,
    /// The file's name.
    pub file_name: String,
    /// When it was imported (RFC 3339).
    pub imported_at: String,
    /// Rows.
    pub rows: u32,
    /// Columns.
    pub columns: u32,
    /// Columns the report does not document, kept as plays.
    pub unknown_columns: Vec<String>,
    /// What reading it warned about.
    pub warnings: Vec<String>,
}

impl From<&ImportedReportSummary> for ImportedDownload {
    fn from(s: &ImportedReportSummary) -> Self {
        Self {
            id: u32::try_from(s.id).unwrap_or(u32::MAX),
            kind: s.report.into(),
            file_name: s.file_name.clone(),
            imported_at: s.imported_at.to_rfc3339(),
            rows: count(s.rows),
            columns: count(s.columns),
            unknown_columns: s.unknown_columns.clone(),
            warnings: s.warnings.clone(),
        }
    }
}

/// The order of an import's rows.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum ImportedRowsSort {
    /// File order.
    File,
    /// Customer name.
    CustomerName,
    /// Customer ID.
    CustomerId,
    /// The area's cluster, A1 first.
    Cluster,
    /// The area's fit, highest first.
    Fit,
    /// The area's intent, highest first.
    Intent,
}

/// Which rows of an import, in which order.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ImportedRowsQuery {
    /// Text in the customer's name, ID or domain.
    pub text: Option<String>,
    /// The area the cluster, minimums and score sorts look at (`M365`, …); `null` for any.
    pub area: Option<String>,
    /// Cluster codes (`A1`) or whole clusters (`A`).
    pub clusters: Vec<String>,
    /// Fit at least this.
    pub min_fit: Option<f64>,
    /// Intent at least this.
    pub min_intent: Option<f64>,
    /// The order.
    pub sort: ImportedRowsSort,
    /// First row.
    pub offset: u32,
    /// Rows at most.
    pub limit: u32,
}

impl ImportedRowsQuery {
    /// The engine's filter and sort.
    pub fn to_engine(&self) -> Result<(ImportedRowFilter, ImportedRowSort), EngineError> {
        let area = self.area.as_deref().map(area_of).transpose()?;
        let need_area = || {
            area.ok_or_else(|| EngineError::InvalidInput("sorting by a score needs an area".into()))
        };
        let sort = match self.sort {
            ImportedRowsSort::File => ImportedRowSort::File,
            ImportedRowsSort::CustomerName => ImportedRowSort::CustomerName,
            ImportedRowsSort::CustomerId => ImportedRowSort::CustomerId,
            ImportedRowsSort::Cluster => ImportedRowSort::Cluster(need_area()?),
            ImportedRowsSort::Fit => ImportedRowSort::Fit(need_area()?),
            ImportedRowsSort::Intent => ImportedRowSort::Intent(need_area()?),
        };
        Ok((
            ImportedRowFilter {
                text: self.text.clone().filter(|t| !t.trim().is_empty()),
                area,
                clusters: self.clusters.clone(),
                min_fit: self.min_fit,
                min_intent: self.min_intent,
            },
            sort,
        ))
    }
}

/// A column of an import.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ImportedColumnInfo {
    /// The file's name for it.
    pub name: String,
    /// What it holds (`cluster:M365`, `fit:D365BC`, `firmographic:CustomerId`, `play`, …).
    pub role: String,
    /// Whether the report documents it (unknown columns are kept as plays).
    pub known: bool,
}

/// One imported row.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ImportedRowDto {
    /// 1-based data row.
    pub row_number: u32,
    /// Line in the file.
    pub line: u32,
    /// Every cell, in the columns' order.
    pub cells: Vec<String>,
}

/// A page of an import's rows.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ImportedRowsPageDto {
    /// The import.
    pub download: ImportedDownload,
    /// Its columns, file order.
    pub columns: Vec<ImportedColumnInfo>,
    /// Rows matching, in all.
    pub total: u32,
    /// The page's first row.
    pub offset: u32,
    /// The page.
    pub rows: Vec<ImportedRowDto>,
}

impl From<ImportedRowsPage> for ImportedRowsPageDto {
    fn from(p: ImportedRowsPage) -> Self {
        Self {
            download: (&p.import).into(),
            columns: p
                .columns
                .into_iter()
                .map(|c| ImportedColumnInfo {
                    name: c.name,
                    role: c.role,
                    known: c.documented.is_some(),
                })
                .collect(),
            total: count(p.total),
            offset: count(p.offset),
            rows: p
                .rows
                .into_iter()
                .map(|r| ImportedRowDto {
                    row_number: count(r.row_number),
                    line: count(r.line),
                    cells: r.cells,
                })
                .collect(),
        }
    }
}

/// How far Microsoft and the app agree in one area.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct AreaAgreementDto {
    /// The area (`M365`, …).
    pub area: String,
    /// Matched rows with Microsoft's cluster.
    pub clusters_compared: u32,
    /// Of which the app gives the same code.
    pub same_cluster: u32,
    /// Same code, percent.
    pub cluster_agreement_pct: Option<f64>,
    /// Same letter (Act now, Evaluate, Nurture, Educate), percent.
    pub same_letter_pct: Option<f64>,
    /// Pairs of fits compared.
    pub fit_pairs: u32,
    /// Spearman's ρ of the fits.
    pub fit_spearman: Option<f64>,
    /// Pairs of intents compared.
    pub intent_pairs: u32,
    /// Spearman's ρ of the intents.
    pub intent_spearman: Option<f64>,
}

/// One area of a compared row.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct AreaScores {
    /// The area.
    pub area: String,
    /// Microsoft's cluster.
    pub microsoft_cluster: Option<String>,
    /// Microsoft's fit.
    pub microsoft_fit: Option<f64>,
    /// Microsoft's intent.
    pub microsoft_intent: Option<f64>,
    /// The app's cluster (a matched row).
    pub app_cluster: Option<String>,
    /// The app's fit.
    pub app_fit: Option<u8>,
    /// The app's intent.
    pub app_intent: Option<u8>,
}

/// One imported row beside the app's scores.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ComparedRowDto {
    /// 1-based data row.
    pub row_number: u32,
    /// `CustomerID` as imported.
    pub customer_id: Option<String>,
    /// `AccountName` as imported.
    pub customer_name: Option<String>,
    /// How it matched a customer: `customerId`, `name`, or `null`.
    pub matched_by: Option<String>,
    /// Per area.
    pub areas: Vec<AreaScores>,
}

fn microsoft(s: &ImportedScore) -> (Option<String>, Option<f64>, Option<f64>) {
    (s.cluster.clone(), s.fit, s.intent)
}

impl From<&EngineComparedRow> for ComparedRowDto {
    fn from(r: &EngineComparedRow) -> Self {
        Self {
            row_number: count(r.row_number),
            customer_id: r.customer_id.clone(),
            customer_name: r.customer_name.clone(),
            matched_by: r.matched_by.map(|m| {
                match m {
                    MatchMethod::CustomerId => "customerId",
                    MatchMethod::Name => "name",
                }
                .to_owned()
            }),
            areas: r
                .areas
                .iter()
                .map(|a| {
                    let (microsoft_cluster, microsoft_fit, microsoft_intent) =
                        microsoft(&a.microsoft);
                    AreaScores {
                        area: a.area.prefix().to_owned(),
                        microsoft_cluster,
                        microsoft_fit,
                        microsoft_intent,
                        app_cluster: a.app.as_ref().map(|s| s.cluster.clone()),
                        app_fit: a.app.as_ref().map(|s| s.fit),
                        app_intent: a.app.as_ref().map(|s| s.intent),
                    }
                })
                .collect(),
        }
    }
}

/// An import compared with the app's scores.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct DownloadComparison {
    /// The import.
    pub download: ImportedDownload,
    /// The date of the snapshot the app scored.
    pub as_of: String,
    /// Customers the app scored.
    pub customers_scored: u32,
    /// Imported rows.
    pub rows: u32,
    /// Rows matched to a customer.
    pub matched: u32,
    /// Of which by customer ID.
    pub matched_by_id: u32,
    /// Of which by name.
    pub matched_by_name: u32,
    /// Cluster agreement over every area, percent.
    pub cluster_agreement_pct: Option<f64>,
    /// Per area.
    pub areas: Vec<AreaAgreementDto>,
    /// The first rows, file order.
    pub rows_compared: Vec<ComparedRowDto>,
}

impl From<&ImportComparison> for DownloadComparison {
    fn from(c: &ImportComparison) -> Self {
        Self {
            download: (&c.import).into(),
            as_of: c.as_of.to_string(),
            customers_scored: count(c.customers_scored),
            rows: count(c.rows),
            matched: count(c.matched),
            matched_by_id: count(c.matched_by_id),
            matched_by_name: count(c.matched_by_name),
            cluster_agreement_pct: c.cluster_agreement_pct,
            areas: c
                .areas
                .iter()
                .map(|a| AreaAgreementDto {
                    area: a.area.prefix().to_owned(),
                    clusters_compared: count(a.clusters_compared),
                    same_cluster: count(a.same_cluster),
                    cluster_agreement_pct: a.cluster_agreement_pct,
                    same_letter_pct: a.same_letter_pct,
                    fit_pairs: count(a.fit_pairs),
                    fit_spearman: a.fit_spearman,
                    intent_pairs: count(a.intent_pairs),
                    intent_spearman: a.intent_spearman,
                })
                .collect(),
            rows_compared: c
                .rows_compared
                .iter()
                .take(COMPARED_ROWS_SENT)
                .map(ComparedRowDto::from)
                .collect(),
        }
    }
}
