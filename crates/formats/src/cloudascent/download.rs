//! Reading Microsoft's own CloudAscent downloads (Partner Center → Insights → Download reports),
//! FORMATS.md §1, header-tolerant.
//!
//! # Which report
//!
//! [`detect_report`] names the report from its header alone. Headers are compared by
//! [`column_key`] (lower case, spaces, `_`, `-` and other punctuation dropped), so `AgreementID`,
//! `Agreement ID` and `agreement_id` are one column. A CloudAscent header has at least one
//! `<Area>Cluster`, `<Area>Fit` or `<Area>Intent` column of a known area; with `Agreement ID` or
//! `Agreement End Date` it is the agreement renewal report. Otherwise the report whose columns
//! (names and older spellings) the header matches most wins; a tie (the M365 and Surface reports
//! share nearly every column) goes to the report whose exact spellings the file uses (`MPNID`,
//! `Surface Intent` for M365; `MPN ID`, `SurfaceIntent` for Surface), then to M365.
//!
//! # Columns
//!
//! Each column of the file is matched to one column of the report (first match wins; a second
//! column with the same key is not the report's). Columns the report does not have are **kept**
//! as extra play/cohort columns, in file order, and listed in a warning: Microsoft renames and adds
//! plays every fiscal year, and an import must never fail on them.
//!
//! # Rows
//!
//! Per row: `CustomerID` (the TPID), `AccountName`, `Domain`, and per area of the report the
//! cluster, fit and intent as written, plus every cell in file order (for display). A fit or intent
//! that is not a number from 0 to 100, or a cluster that is not a code `A1`…`D4`, is an error with
//! the row's line; so is a row with neither a customer ID nor an account name, and a row with more
//! (non-empty) fields than the header. A short row is read with its missing cells empty and a
//! warning (Excel drops trailing empty cells in some exports). Empty score cells are allowed (no
//! score). The rows with errors are left out of the result; the report says which and why.

use std::collections::HashSet;

use super::{column_key, ColumnRole, Firmographic, PropensityReport, SolutionArea};
use crate::detect::FileKind;
use crate::reader::CsvText;
use crate::report::ImportReport;

/// One column of a download, as the file names it.
#[derive(Debug, Clone, PartialEq)]
pub struct DownloadColumn {
    /// The file's name for it (trimmed).
    pub name: String,
    /// What it holds: the report column's role, or [`ColumnRole::Play`] for an unknown column.
    pub role: ColumnRole,
    /// The report's own name for it; `None` for an unknown column kept as a play.
    pub documented: Option<&'static str>,
}

impl DownloadColumn {
    /// Whether the report has this column (else it is an unknown column kept as a play).
    pub fn is_known(&self) -> bool {
        self.documented.is_some()
    }
}

/// One area's scores on a row, as written.
#[derive(Debug, Clone, PartialEq)]
pub struct DownloadScore {
    /// The area.
    pub area: SolutionArea,
    /// The cluster code (`A1`…`D4`, upper case), when given.
    pub cluster: Option<String>,
    /// Fit 0–100, when given.
    pub fit: Option<f64>,
    /// Intent 0–100, when given.
    pub intent: Option<f64>,
}

/// One data row of a download.
#[derive(Debug, Clone, PartialEq)]
pub struct DownloadRow {
    /// 1-based physical line in the file.
    pub line: u64,
    /// `CustomerID`: the TPID.
    pub customer_id: Option<String>,
    /// `AccountName`.
    pub customer_name: Option<String>,
    /// `Domain`.
    pub domain: Option<String>,
    /// Per area of the report that the file has a column for, in the report's area order.
    pub scores: Vec<DownloadScore>,
    /// Every cell in file column order (as many as the header has columns).
    pub cells: Vec<String>,
}

/// A CloudAscent download, read.
#[derive(Debug, Clone, PartialEq)]
pub struct CloudAscentDownload {
    /// Which of the six reports it is.
    pub report: PropensityReport,
    /// Its columns, in file order.
    pub columns: Vec<DownloadColumn>,
    /// The columns the report does not have, kept as plays (file names, file order).
    pub unknown_columns: Vec<String>,
    /// The rows without errors, in file order.
    pub rows: Vec<DownloadRow>,
}

impl CloudAscentDownload {
    /// The areas the file scores (it has a cluster, fit or intent column for), report order.
    pub fn areas(&self) -> Vec<SolutionArea> {
        let mut out: Vec<SolutionArea> = Vec::new();
        for area in self.report.areas() {
            let scored = self.columns.iter().any(|c| {
                matches!(c.role, ColumnRole::Cluster(a) | ColumnRole::Fit(a) | ColumnRole::Intent(a) if a == area)
                    && c.is_known()
            });
            if scored {
                out.push(area);
            }
        }
        out
    }
}

/// The keys of a column's name and older spellings.
fn keys_of(c: &super::ReportColumn) -> impl Iterator<Item = String> + '_ {
    std::iter::once(c.name)
        .chain(c.aliases.iter().copied())
        .map(column_key)
}

/// Names the CloudAscent report a header is, if it is one (see the module documentation).
pub fn detect_report(header: &[String]) -> Option<PropensityReport> {
    let keys: HashSet<String> = header.iter().map(|h| column_key(h)).collect();
    let has_key = |k: &str| keys.contains(k);
    let scored = SolutionArea::ALL.iter().any(|a| {
        ["cluster", "fit", "intent"]
            .iter()
            .any(|s| has_key(&format!("{}{s}", a.prefix().to_lowercase())))
    }) || has_key("surfaceintent")
        || has_key("d365spcluster");
    if !scored {
        return None;
    }
    if has_key("agreementid") || has_key("agreementenddate") {
        return Some(PropensityReport::AgreementRenewal);
    }
    let raw: HashSet<&str> = header
        .iter()
        .map(|h| h.trim().trim_start_matches('\u{feff}'))
        .collect();
    PropensityReport::ALL
        .into_iter()
        .filter(|r| *r != PropensityReport::AgreementRenewal)
        .filter(|r| {
            r.columns().iter().any(|c| {
                matches!(
                    c.role,
                    ColumnRole::Cluster(_) | ColumnRole::Fit(_) | ColumnRole::Intent(_)
                ) && keys_of(c).any(|k| has_key(&k))
            })
        })
        .max_by_key(|r| {
            let matched = r
                .columns()
                .iter()
                .filter(|c| keys_of(c).any(|k| has_key(&k)))
                .count();
            let exact = r.columns().iter().filter(|c| raw.contains(c.name)).count();
            // On a full tie M365 (listed before Surface) wins: `max_by_key` keeps the last
            // maximum, so rank M365 above the others.
            let preferred = usize::from(*r == PropensityReport::M365);
            (matched, exact, preferred)
        })
}

/// Whether a header is a CloudAscent download's.
pub fn is_cloudascent_header(header: &[String]) -> bool {
    detect_report(header).is_some()
}

/// Matches a file's header against `report`'s columns.
pub fn map_columns(report: PropensityReport, header: &[String]) -> Vec<DownloadColumn> {
    let cols = report.columns();
    let mut taken = vec![false; cols.len()];
    header
        .iter()
        .map(|name| {
            let name = name.trim().trim_start_matches('\u{feff}').trim().to_owned();
            let key = column_key(&name);
            let hit = (!key.is_empty())
                .then(|| {
                    (0..cols.len()).find(|&i| !taken[i] && keys_of(&cols[i]).any(|k| k == key))
                })
                .flatten();
            match hit {
                Some(i) => {
                    taken[i] = true;
                    DownloadColumn {
                        name,
                        role: cols[i].role,
                        documented: Some(cols[i].name),
                    }
                }
                None => DownloadColumn {
                    name,
                    role: ColumnRole::Play,
                    documented: None,
                },
            }
        })
        .collect()
}

/// Reads a cluster code: `A1`…`D4`, case and surrounding spaces ignored.
pub fn parse_cluster(cell: &str) -> Option<String> {
    let code = cell.trim().to_ascii_uppercase();
    let b = code.as_bytes();
    (b.len() == 2 && (b'A'..=b'D').contains(&b[0]) && (b'1'..=b'4').contains(&b[1])).then_some(code)
}

/// Reads a CloudAscent download already decoded (its header is `report`'s, see
/// [`detect_report`]). Rows with errors are left out and reported with their lines.
pub fn read_download(
    file: &str,
    report: PropensityReport,
    text: &CsvText,
) -> (ImportReport, Option<CloudAscentDownload>) {
    let mut out = ImportReport::new(file, FileKind::CloudAscent(report));
    out.encoding = Some(text.encoding());
    out.delimiter = Some(text.dialect().delimiter_char());
    out.decimal_comma = text.dialect().decimal_comma;
    let mut records = text.records();
    let Some(header) = records.next() else {
        out.error(None, None, "the file is empty");
        return (out, None);
    };
    let columns = map_columns(report, &header.to_vec());
    let unknown_columns: Vec<String> = columns
        .iter()
        .filter(|c| !c.is_known() && !c.name.is_empty())
        .map(|c| c.name.clone())
        .collect();
    if !unknown_columns.is_empty() {
        out.warning(
            Some(header.line),
            None,
            format!(
                "unknown columns kept as plays: {}",
                unknown_columns.join(", ")
            ),
        );
    }
    for column in &columns {
        if let Some(documented) = column.documented {
            if column.name != documented && column_key(&column.name) != column_key(documented) {
                out.note(format!("column '{}' read as '{documented}'", column.name));
            }
        }
    }
    let position = |role: ColumnRole| columns.iter().position(|c| c.is_known() && c.role == role);
    let id_at = position(ColumnRole::Firmographic(Firmographic::CustomerId));
    let name_at = position(ColumnRole::Firmographic(Firmographic::AccountName));
    let domain_at = position(ColumnRole::Firmographic(Firmographic::Domain));
    if id_at.is_none() && name_at.is_none() {
        out.error(
            Some(header.line),
            None,
            "required columns missing: CustomerID or AccountName (the rows name no customer)",
        );
        return (out, None);
    }
    let areas: Vec<(SolutionArea, [Option<usize>; 3])> = report
        .areas()
        .into_iter()
        .map(|a| {
            (
                a,
                [
                    position(ColumnRole::Cluster(a)),
                    position(ColumnRole::Fit(a)),
                    position(ColumnRole::Intent(a)),
                ],
            )
        })
        .filter(|(_, at)| at.iter().any(Option::is_some))
        .collect();
    let dialect = *text.dialect();
    let width = columns.len();
    let mut rows = Vec::new();
    let mut short_rows = 0u64;
    for record in records {
        out.rows_read += 1;
        let line = record.line;
        if record.len() > width && record.iter().skip(width).any(|f| !f.trim().is_empty()) {
            out.error(
                Some(line),
                None,
                format!("the row has {} fields, the header {width}", record.len()),
            );
            continue;
        }
        if record.len() < width {
            short_rows += 1;
        }
        let cells: Vec<String> = (0..width)
            .map(|i| record.get(i).unwrap_or("").trim().to_owned())
            .collect();
        let text_at = |at: Option<usize>| {
            at.map(|i| cells[i].as_str())
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        };
        let mut ok = true;
        let mut scores = Vec::with_capacity(areas.len());
        for (area, [cluster_at, fit_at, intent_at]) in &areas {
            let cluster = match cluster_at
                .map(|i| cells[i].as_str())
                .filter(|s| !s.is_empty())
            {
                None => None,
                Some(cell) => match parse_cluster(cell) {
                    Some(code) => Some(code),
                    None => {
                        ok = false;
                        out.error(
                            Some(line),
                            cluster_at.map(|i| columns[i].name.as_str()),
                            format!("'{cell}' is not a cluster code A1 to D4"),
                        );
                        None
                    }
                },
            };
            let mut score = |at: &Option<usize>, what: &str| -> Option<f64> {
                let cell = at.map(|i| cells[i].as_str()).filter(|s| !s.is_empty())?;
                match dialect
                    .parse_number(cell)
                    .or_else(|| crate::values::parse_number(cell, !dialect.decimal_comma))
                {
                    Some(v) if (0.0..=100.0).contains(&v) => Some(v),
                    Some(_) => {
                        ok = false;
                        out.error(
                            Some(line),
                            at.map(|i| columns[i].name.as_str()),
                            format!("{what} {cell} is not from 0 to 100"),
                        );
                        None
                    }
                    None => {
                        ok = false;
                        out.error(
                            Some(line),
                            at.map(|i| columns[i].name.as_str()),
                            format!("{what} '{cell}' is not a number from 0 to 100"),
                        );
                        None
                    }
                }
            };
            let fit = score(fit_at, "fit");
            let intent = score(intent_at, "intent");
            scores.push(DownloadScore {
                area: *area,
                cluster,
                fit,
                intent,
            });
        }
        let customer_id = text_at(id_at);
        let customer_name = text_at(name_at);
        if customer_id.is_none() && customer_name.is_none() {
            ok = false;
            out.error(
                Some(line),
                None,
                "the row names no customer (CustomerID and AccountName are empty)",
            );
        }
        if !ok {
            continue;
        }
        out.rows_accepted += 1;
        rows.push(DownloadRow {
            line,
            customer_id,
            customer_name,
            domain: text_at(domain_at),
            scores,
            cells,
        });
    }
    if out.rows_read == 0 {
        out.error(
            // On the header's line: a file can end with its header, and then there is no
            // line after it to name.
            Some(header.line),
            None,
            "the download has no rows after its header",
        );
        return (out, None);
    }
    if short_rows > 0 {
        out.warning(
            None,
            None,
            format!(
                "{short_rows} row{} fewer fields than the header: the missing cells are read as empty",
                if short_rows == 1 { " has" } else { "s have" }
            ),
        );
    }
    (
        out,
        Some(CloudAscentDownload {
            report,
            columns,
            unknown_columns,
            rows,
        }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn each_reports_own_header_is_detected_as_it() {
        for report in PropensityReport::ALL {
            let h: Vec<String> = report.header().iter().map(|s| (*s).to_owned()).collect();
            assert_eq!(detect_report(&h), Some(report), "{report}");
        }
    }

    #[test]
    fn distinctive_columns_in_any_spelling() {
        assert_eq!(
            detect_report(&header(&["CustomerID", "AccountName", "azure_cluster"])),
            Some(PropensityReport::Azure)
        );
        assert_eq!(
            detect_report(&header(&["CustomerID", "M365Cluster", "AgreementEndDate"])),
            Some(PropensityReport::AgreementRenewal)
        );
        assert_eq!(
            detect_report(&header(&["CustomerID", "D365 SP Cluster"])),
            Some(PropensityReport::D365)
        );
        assert_eq!(
            detect_report(&header(&["CustomerID", "Security-Fit"])),
            Some(PropensityReport::Security)
        );
        assert_eq!(
            detect_report(&header(&[
                "MPNID",
                "M365Cluster",
                "SurfaceCluster",
                "Surface Intent"
            ])),
            Some(PropensityReport::M365)
        );
        assert_eq!(
            detect_report(&header(&[
                "MPN ID",
                "M365Cluster",
                "SurfaceCluster",
                "SurfaceIntent"
            ])),
            Some(PropensityReport::Surface)
        );
        assert_eq!(detect_report(&header(&["Agreement ID", "Customer"])), None);
        assert_eq!(detect_report(&header(&["Customer ID", "TPID"])), None);
    }

    #[test]
    fn cluster_codes() {
        assert_eq!(parse_cluster(" a1 "), Some("A1".into()));
        assert_eq!(parse_cluster("D4"), Some("D4".into()));
        assert_eq!(parse_cluster("E1"), None);
        assert_eq!(parse_cluster("A5"), None);
        assert_eq!(parse_cluster("A"), None);
    }
}
