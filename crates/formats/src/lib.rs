//! Microsoft file formats in and out, as Excel and Microsoft's portals really write them.
//!
//! Pure: bytes in, values and reports out (the writer takes any `std::io::Write`).
//!
//! - [`encoding`]: UTF-8 with or without BOM, UTF-16 (Excel's "Unicode text"), Windows-1252.
//! - [`reader`]: CSV on top of the `csv` crate, with the delimiter and decimal comma sniffed and
//!   every record's physical line number; [`header`]: tolerant header matching.
//! - [`writer`]: CSV that Excel opens correctly in every locale (BOM, `;` and decimal comma where
//!   the locale has one, ISO dates, formulas neutralised).
//! - [`detect`](mod@detect): which known format a file is, from its header.
//! - [`usage_reports`]: Microsoft 365 usage reports into per-workload monthly figures and
//!   per-user activity; [`lighthouse`]: the Sales Advisor opportunities export; [`leads`]: the
//!   Partner Center leads export (and the app's own), the co-sell CSV and Referrals API JSON;
//!   [`cloudascent`]: the six CloudAscent propensity reports' columns and Microsoft's downloads.
//! - [`report`]: per file, rows read and accepted, problems with line and column, notes.
//!
//! To support a new file format: a [`detect::FileKind`] variant and its signature in
//! [`detect::detect_header`], a module with its reader returning an [`ImportReport`] and plain
//! values, and an arm in [`read_file`].

pub mod cloudascent;
pub mod detect;
pub mod encoding;
pub mod error;
mod graph_catalog;
pub mod header;
pub mod leads;
pub mod lighthouse;
pub mod reader;
pub mod report;
pub mod usage_reports;
pub mod values;
pub mod writer;

pub use detect::{detect, detect_header, FileKind, UsageReportKind};
pub use encoding::Encoding;
pub use error::{FormatError, Result};
pub use header::{normalise_header, Column, HeaderMap};
pub use leads::{
    read_cosell_csv, read_lead_file, read_leads_export, read_referrals_json, write_leads_export,
    LeadFile, LeadFileFormat, LeadRecord, LeadsExportWriter, LEADS_EXPORT_COLUMNS,
};
pub use lighthouse::{read_lighthouse_export, LighthouseOpportunity, LIGHTHOUSE_EXPORT_COLUMNS};
pub use reader::{read_table, CsvText, Dialect, Record, Table};
pub use report::{ImportReport, Problem, Severity};
pub use usage_reports::{read_usage_report, tenant_usage, TenantUsage, UsageReport, UserUsage};
pub use writer::{Cell, Delimiter, ExcelCsvWriter};

/// What a file held, once read.
#[derive(Debug, Clone, PartialEq)]
pub enum FileContent {
    /// A usage report.
    UsageReport(UsageReport),
    /// Rows of the Lighthouse export.
    LighthouseOpportunities(Vec<LighthouseOpportunity>),
    /// Leads (any of the [`leads`] formats); the problems are in the [`ParsedFile`]'s report.
    Leads {
        /// The format.
        format: LeadFileFormat,
        /// The records without errors.
        records: Vec<LeadRecord>,
        /// A Referrals API page's next page.
        next_link: Option<String>,
    },
    /// A CloudAscent propensity report download (Microsoft's own).
    CloudAscent(cloudascent::CloudAscentDownload),
    /// Nothing usable (see the report).
    Nothing,
}

/// A file read: its report and its content.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedFile {
    /// What reading found.
    pub report: ImportReport,
    /// What it held.
    pub content: FileContent,
}

/// Reads a file of any known format: decodes it, detects its kind and reads it. Never fails: a
/// file that cannot be read comes back with an error in its report.
pub fn read_file(file: &str, bytes: &[u8]) -> ParsedFile {
    read_decoded_file(file, encoding::decode(bytes))
}

/// [`read_file`] taking the bytes, so that a big UTF-8 file is not held twice.
pub fn read_file_owned(file: &str, bytes: Vec<u8>) -> ParsedFile {
    read_decoded_file(file, encoding::decode_owned(bytes))
}

fn read_decoded_file(file: &str, decoded: Result<(String, Encoding)>) -> ParsedFile {
    let unreadable = |kind: FileKind, e: FormatError| {
        let mut report = ImportReport::new(file, kind);
        let line = match &e {
            FormatError::Json { line, .. } | FormatError::Unreadable { line, .. } => Some(*line),
            _ => None,
        };
        report.error(line, None, e.to_string());
        ParsedFile {
            report,
            content: FileContent::Nothing,
        }
    };
    let (decoded, encoding) = match decoded {
        Ok(decoded) => decoded,
        Err(e) => return unreadable(FileKind::Unknown { header: Vec::new() }, e),
    };
    if leads::looks_like_json(&decoded) {
        return match leads::read_decoded(file, decoded, encoding) {
            Ok(leads) => leads_content(leads),
            Err(e) => unreadable(FileKind::ReferralsApi, e),
        };
    }
    let text = match CsvText::from_decoded(decoded, encoding) {
        Ok(text) => text,
        Err(e) => return unreadable(FileKind::Unknown { header: Vec::new() }, e),
    };
    let Some(header) = text.records().next() else {
        let mut report = ImportReport::new(file, FileKind::Unknown { header: Vec::new() });
        report.encoding = Some(text.encoding());
        report.error(None, None, "the file is empty");
        return ParsedFile {
            report,
            content: FileContent::Nothing,
        };
    };
    match detect_header(&header.to_vec()) {
        FileKind::UsageReport(kind) => {
            let (report, parsed) = read_usage_report(file, kind, &text);
            ParsedFile {
                report,
                content: parsed.map_or(FileContent::Nothing, FileContent::UsageReport),
            }
        }
        FileKind::LighthouseOpportunities => {
            let (report, rows) = read_lighthouse_export(file, &text);
            ParsedFile {
                report,
                content: FileContent::LighthouseOpportunities(rows),
            }
        }
        FileKind::CloudAscent(kind) => {
            let (report, download) = cloudascent::read_download(file, kind, &text);
            ParsedFile {
                report,
                content: download.map_or(FileContent::Nothing, FileContent::CloudAscent),
            }
        }
        kind @ (FileKind::PartnerCenterLeads | FileKind::CoSellOpportunities) => {
            let read = if kind == FileKind::CoSellOpportunities {
                leads::cosell::read_cosell_text(file, &text)
            } else {
                leads::export::read_export_text(file, &text)
            };
            match read {
                Ok(leads) => leads_content(leads),
                Err(e) => unreadable(kind, e),
            }
        }
        kind => {
            let mut report = ImportReport::new(file, kind.clone());
            report.encoding = Some(text.encoding());
            report.delimiter = Some(text.dialect().delimiter_char());
            report.rows_read = text.records().count().saturating_sub(1) as u64;
            match kind {
                FileKind::UnusedUsageReport { .. } => report.note(
                    "not a per-user report the importer uses: read, and left out of the import",
                ),
                _ => report.error(
                    Some(header.line),
                    None,
                    "not a format Partner Advisor knows: expected a Microsoft 365 usage report, \
                     the Lighthouse Sales Advisor opportunities export, the Partner Center leads \
                     export, the co-sell opportunities CSV, a Referrals API response or a \
                     CloudAscent propensity report download",
                ),
            }
            ParsedFile {
                report,
                content: FileContent::Nothing,
            }
        }
    }
}

/// A lead file as a [`ParsedFile`].
fn leads_content(leads: LeadFile) -> ParsedFile {
    ParsedFile {
        report: leads.report,
        content: FileContent::Leads {
            format: leads.format,
            records: leads.records,
            next_link: leads.next_link,
        },
    }
}
