//! Lead files (FORMATS.md §2): the Partner Center leads export (and the app's own leads export,
//! the same format), the co-sell opportunities CSV and Referrals API JSON list responses, read
//! into one record type, [`LeadRecord`].
//!
//! A record holds what the file says, in domain terms, and nothing more: every field a file may
//! lack is optional. The engine fills defaults, validates the lifecycle and decides what a new
//! lead needs beyond an id. Each reader returns a [`LeadFile`] whose [`ImportReport`] lists every
//! problem with its line, column (the file's name for it: a CSV header, a JSON key path) and the
//! offending value, truncated; never a whole row.
//!
//! - Severity [`Error`](crate::Severity::Error) for what blocks a row: a missing id, a status or
//!   substatus Partner Center does not have, a status and substatus that do not go together, a
//!   date, amount or currency that cannot be read, an id twice in the file (both lines named).
//!   The row is left out of [`LeadFile::records`]; the engine refuses a file with any error (all
//!   or nothing), so nothing is dropped silently.
//! - [`Warning`](crate::Severity::Warning) for what is handled: a descriptive value the app does
//!   not know (lead type, classification, source, call to action, quality, validity, country,
//!   favourite) is left empty; a reason that is not one of Partner Center's is kept as written.
//! - Notes (informational) for columns the reader does not know (ignored, never an error),
//!   column names matched with a typo, and how ambiguous dates were read.
//!
//! Common rules:
//! - Text cells are trimmed; empty is no value. The writer's formula guard (a `'` before `=`,
//!   `+`, `-`, `@`) is undone, so a phone `+48…` exported by the app reads back as written.
//! - An enumeration cell reading `None` is no value; names are compared ignoring case, spaces,
//!   `_` and `-`.
//! - Countries become ISO 3166-1 alpha-2 codes (English names are mapped); currencies must be
//!   ISO 4217 codes (three letters, upper-cased).
//! - Dates: [`dates`] (one parser for the three formats; slash dates ordered per column).
//! - A list inside one cell (team members) is separated by [`LIST_SEPARATOR`], ` | `: never `;`
//!   or `,`, which are the file's own delimiters in some locales.
//!
//! To read another lead format: a module with a reader returning a [`LeadFile`], a
//! [`LeadFileFormat`] variant, a [`FileKind`] variant recognised in [`crate::detect_header`],
//! and an arm in [`read_lead_file`].

/// The index of a documented column in a reader's column list, as a constant (see [`Columns`]).
macro_rules! column {
    ($columns:expr, $name:literal) => {
        const { $crate::leads::column_index(&$columns, $name) }
    };
}

pub mod cosell;
mod countries;
pub mod dates;
pub mod export;
mod fields;
pub mod referrals;

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use partner_advisor_domain::{
    CallToAction, DealDetails, EmailValidity, LeadClassification, LeadQuality, LeadSource,
    LeadStatus, LeadSubstatus, LeadType, PhoneValidity,
};
use serde::Serialize;

pub use cosell::{read_cosell_csv, COSELL_COLUMNS};
pub use export::{read_leads_export, write_leads_export, LeadsExportWriter, LEADS_EXPORT_COLUMNS};
pub use fields::ERROR_REASONS;
pub use referrals::read_referrals_json;

use crate::detect::{detect_header, FileKind};
use crate::encoding::{decode, Encoding};
use crate::header::{Column, HeaderMap};
use crate::reader::{CsvText, Record};
use crate::report::ImportReport;
use crate::values::{trim, unneutralise};
use crate::{FormatError, Result};
use fields::Row;

/// The separator of a list inside one cell (team members): space, pipe, space. Reading splits
/// on `|` alone and trims, so `a|b` reads too; a name containing `|` cannot be listed.
pub const LIST_SEPARATOR: &str = " | ";

/// Joins a list into one cell with [`LIST_SEPARATOR`].
pub fn join_list<S: AsRef<str>>(items: &[S]) -> String {
    items
        .iter()
        .map(AsRef::as_ref)
        .collect::<Vec<_>>()
        .join(LIST_SEPARATOR)
}

/// Splits a cell written with [`join_list`] (empty items dropped).
pub fn split_list(cell: &str) -> Vec<String> {
    cell.split('|')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// One lead as a file describes it (see the module documentation).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct LeadRecord {
    /// Where the record is: in CSV the 1-based physical line its row starts on; in JSON the
    /// 1-based line of the item's opening `{` (in minified JSON every item is on line 1: the
    /// problems' column then names the item by its path, `value[3].id`).
    pub line: u64,
    /// The referral (lead) ID. Mandatory: a row without one is a problem, not a record.
    pub id: String,
    /// The engagement the referral belongs to.
    pub engagement_id: Option<String>,
    /// Profile or offer lead.
    pub lead_type: Option<LeadType>,
    /// Customer inquiry, marketing- or sales-qualified.
    pub classification: Option<LeadClassification>,
    /// AppSource, Azure Marketplace, Azure portal, business profile.
    pub source: Option<LeadSource>,
    /// The call to action the customer used.
    pub call_to_action: Option<CallToAction>,
    /// The offer or profile the lead came through.
    pub offer_name: Option<String>,
    /// The customer's company.
    pub customer_name: Option<String>,
    /// Contact first name.
    pub contact_first_name: Option<String>,
    /// Contact last name.
    pub contact_last_name: Option<String>,
    /// Contact e-mail, as written.
    pub email: Option<String>,
    /// Contact phone, as written.
    pub phone: Option<String>,
    /// ISO 3166-1 alpha-2 country code, upper case.
    pub country: Option<String>,
    /// The customer's city.
    pub city: Option<String>,
    /// Industry.
    pub industry: Option<String>,
    /// Company size band as written (the Referrals API's `10to50employees`…).
    pub company_size: Option<String>,
    /// Microsoft's quality estimate.
    pub quality: Option<LeadQuality>,
    /// Status. Left as the file says: not derived from the substatus (a status column holding a
    /// substatus, as the leads page shows it, gives both).
    pub status: Option<LeadStatus>,
    /// Substatus.
    pub substatus: Option<LeadSubstatus>,
    /// When Microsoft created the referral.
    pub created_at: Option<DateTime<Utc>>,
    /// Last change.
    pub updated_at: Option<DateTime<Utc>>,
    /// When an unanswered referral expires (`ExpirationDateTime`).
    pub expires_at: Option<DateTime<Utc>>,
    /// Estimated deal value.
    pub deal_value: Option<f64>,
    /// ISO 4217 currency of the deal value, upper case.
    pub currency: Option<String>,
    /// Why it was declined, lost or closed in error: one of Partner Center's reasons in its
    /// spelling ([`ERROR_REASONS`], `CloseReason`) when it is one, else as written.
    pub status_reason: Option<String>,
    /// Deal name, estimated close, team members, notes, campaign and CRM IDs, more contacts.
    pub deal: DealDetails,
    /// Partner Center's e-mail verdict, when the file carries it.
    pub email_validity: Option<EmailValidity>,
    /// Partner Center's phone verdict, when the file carries it.
    pub phone_validity: Option<PhoneValidity>,
    /// The heart toggle (the app's own export).
    pub favourite: Option<bool>,
    /// Partner Center's ETag (Referrals API).
    pub etag: Option<String>,
}

/// Which lead format a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum LeadFileFormat {
    /// The Partner Center leads export, or the app's own leads export ([`LEADS_EXPORT_COLUMNS`]).
    PartnerCenterLeadsExport,
    /// The co-sell opportunities CSV of the Referrals workspace.
    CoSellOpportunities,
    /// A Referrals API list response (a page of referrals), or a bare array of referrals.
    ReferralsApiJson,
}

impl LeadFileFormat {
    /// The file kind reports name it by.
    pub fn file_kind(self) -> FileKind {
        match self {
            LeadFileFormat::PartnerCenterLeadsExport => FileKind::PartnerCenterLeads,
            LeadFileFormat::CoSellOpportunities => FileKind::CoSellOpportunities,
            LeadFileFormat::ReferralsApiJson => FileKind::ReferralsApi,
        }
    }
}

/// A lead file read.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LeadFile {
    /// The format it is in.
    pub format: LeadFileFormat,
    /// The records without errors, in file order.
    pub records: Vec<LeadRecord>,
    /// What reading found. `report.file` is empty when the bytes came without a name
    /// ([`read_lead_file`] and the per-format readers): set it to the file's name.
    pub report: ImportReport,
    /// `@odata.nextLink` of a Referrals API page: the next page to fetch.
    pub next_link: Option<String>,
    /// `totalCount` of a Referrals API page, when present.
    pub total_count: Option<u64>,
}

/// Reads any of the three lead formats: JSON (the first character is `{` or `[`) is a Referrals
/// API response; CSV is recognised from its header ([`crate::detect_header`]).
///
/// `Err` when the file cannot be read at all: not text, empty, malformed JSON (with its line and
/// column), or a CSV that is none of the lead formats.
pub fn read_lead_file(bytes: &[u8]) -> Result<LeadFile> {
    let (text, encoding) = decode(bytes)?;
    read_decoded("", text, encoding)
}

/// Whether decoded text is JSON rather than CSV.
pub(crate) fn looks_like_json(text: &str) -> bool {
    matches!(text.trim_start().as_bytes().first(), Some(b'{' | b'['))
}

/// [`read_lead_file`] on decoded text, naming the file in the report.
pub(crate) fn read_decoded(file: &str, text: String, encoding: Encoding) -> Result<LeadFile> {
    if looks_like_json(&text) {
        return referrals::read_json_text(file, &text, encoding);
    }
    let csv = CsvText::from_decoded(text, encoding)?;
    let header = csv.records().next().ok_or(FormatError::Empty)?.to_vec();
    match detect_header(&header) {
        FileKind::CoSellOpportunities => cosell::read_cosell_text(file, &csv),
        FileKind::PartnerCenterLeads => export::read_export_text(file, &csv),
        _ => Err(FormatError::Unrecognised {
            expected: "a leads file: the Partner Center leads export, the co-sell opportunities \
                       CSV or a Referrals API JSON response",
            found: shown(&header.join(", ")),
        }),
    }
}

/// A value as shown in a message: at most 60 characters, line breaks as spaces.
pub(crate) fn shown(text: &str) -> String {
    const MAX: usize = 60;
    let flat: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if flat.chars().count() <= MAX {
        flat
    } else {
        let cut: String = flat.chars().take(MAX - 1).collect();
        format!("{cut}…")
    }
}

/// The ids seen in one file, for the duplicate check.
#[derive(Default)]
pub(crate) struct Ids {
    /// Each id's key, with the line and the place (the item's path in JSON, empty in CSV) it was
    /// first seen at.
    seen: HashMap<String, (u64, String)>,
}

impl Ids {
    /// Room for `n` ids.
    pub(crate) fn with_capacity(n: usize) -> Self {
        Self {
            seen: HashMap::with_capacity(n),
        }
    }

    /// Records `id` at the row's line (and `place`, the item's path in JSON), or an error naming
    /// both places when it was seen before. Ids compare without case and surrounding spaces.
    pub(crate) fn check(&mut self, row: &mut Row<'_>, column: &str, id: &str, place: &str) {
        let id_trimmed = id.trim();
        let key = if id_trimmed.is_ascii() {
            id_trimmed.to_ascii_lowercase()
        } else {
            id_trimmed.to_lowercase()
        };
        match self.seen.get(&key) {
            Some((line, first_place)) => {
                let first = Self::place(*line, first_place);
                let here = Self::place(row.line, place);
                row.error(
                    column,
                    format!(
                        "the ID '{}' appears twice in the file: {first} and {here}",
                        shown(id)
                    ),
                );
            }
            None => {
                self.seen.insert(key, (row.line, place.to_owned()));
            }
        }
    }

    /// Where an id was seen, as messages name it.
    fn place(line: u64, place: &str) -> String {
        if place.is_empty() {
            format!("line {line}")
        } else {
            format!("{place} (line {line})")
        }
    }
}

/// A lead file from its report and records (rows accepted counted); no next page.
fn lead_file(
    format: LeadFileFormat,
    mut report: ImportReport,
    records: Vec<LeadRecord>,
) -> LeadFile {
    report.rows_accepted = records.len() as u64;
    LeadFile {
        format,
        records,
        report,
        next_link: None,
        total_count: None,
    }
}

/// The start of a CSV lead file's report.
fn csv_report(file: &str, kind: FileKind, text: &CsvText) -> ImportReport {
    let mut report = ImportReport::new(file, kind);
    report.encoding = Some(text.encoding());
    report.delimiter = Some(text.dialect().delimiter_char());
    report.decimal_comma = text.dialect().decimal_comma;
    report
}

/// Notes for the header: columns matched with a typo, columns not known (ignored).
fn header_notes(report: &mut ImportReport, map: &HeaderMap, unknown: &[String], what: &str) {
    for (found, documented) in map.approximate() {
        report.note(format!("column '{found}' read as '{documented}'"));
    }
    if !unknown.is_empty() {
        report.note(format!(
            "columns not in the {what}, ignored: {}",
            unknown.join(", ")
        ));
    }
}

/// The expected columns of a CSV lead file, looked up once per file: where each one is and the
/// name the file gives it (the documented name when absent). Readers name a column by its index
/// in their column list, written `column!(COLUMNS, "Name")` so that a name not in the list fails
/// to compile and no row pays for a lookup by name.
pub(crate) struct Columns {
    positions: Vec<Option<usize>>,
    names: Vec<String>,
}

impl Columns {
    /// The columns of `header` as `map` matched them against `columns` (the list `map` was made
    /// with).
    pub(crate) fn new(map: &HeaderMap, header: &Record, columns: &[Column]) -> Self {
        let positions: Vec<Option<usize>> = map.positions().collect();
        debug_assert_eq!(positions.len(), columns.len());
        let names = columns
            .iter()
            .zip(&positions)
            .map(|(column, position)| {
                position
                    .and_then(|p| header.get(p))
                    .map(|n| n.trim().trim_start_matches('\u{feff}').to_owned())
                    .unwrap_or_else(|| column.name.to_owned())
            })
            .collect();
        Self { positions, names }
    }

    /// A cell's text: trimmed, the writer's formula guard undone, `None` when empty.
    pub(crate) fn get<'r>(&self, row: &'r Record, column: usize) -> Option<&'r str> {
        let trimmed = trim(row.get(self.positions[column]?)?);
        let v = unneutralise(trimmed);
        // Trimmed again only when a formula guard came off.
        let v = if v.len() == trimmed.len() { v } else { trim(v) };
        (!v.is_empty()).then_some(v)
    }

    /// The name the file gives the column (the documented name when absent).
    pub(crate) fn name(&self, column: usize) -> &str {
        &self.names[column]
    }

    /// Whether the file has the column.
    pub(crate) fn has(&self, column: usize) -> bool {
        self.positions[column].is_some()
    }
}

/// The index of the column documented as `name` in `columns`; evaluated at compile time by
/// [`column!`], where a name not in the list is a compile error.
pub(crate) const fn column_index(columns: &[Column], name: &str) -> usize {
    let mut i = 0;
    while i < columns.len() {
        let (a, b) = (columns[i].name.as_bytes(), name.as_bytes());
        if a.len() == b.len() {
            let mut j = 0;
            while j < a.len() && a[j] == b[j] {
                j += 1;
            }
            if j == a.len() {
                return i;
            }
        }
        i += 1;
    }
    panic!("not one of the reader's columns")
}

/// Whether a row has as many fields as the header (trailing empty fields allowed), an error
/// otherwise.
fn fields_match(report: &mut ImportReport, header: &Record, row: &Record) -> bool {
    let fits = row.len() == header.len()
        || (row.len() > header.len() && row.iter().skip(header.len()).all(str::is_empty));
    if !fits {
        report.error(
            Some(row.line),
            None,
            format!(
                "the row has {} fields, the header {}: a delimiter or quote is missing or extra",
                row.len(),
                header.len()
            ),
        );
    }
    fits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_and_shown_values() {
        let team = ["Ann Lee".to_owned(), "Bo Chen".to_owned()];
        assert_eq!(join_list(&team), "Ann Lee | Bo Chen");
        assert_eq!(split_list("Ann Lee | Bo Chen"), team);
        assert_eq!(split_list("Ann Lee|Bo Chen| "), team);
        assert!(split_list("").is_empty());
        assert_eq!(shown("a\r\nb"), "a  b");
        assert_eq!(shown(&"x".repeat(100)).chars().count(), 60);
    }

    #[test]
    fn unknown_csv_is_an_error_naming_its_header() {
        let err = read_lead_file(b"Name,Seats\nContoso,4\n").unwrap_err();
        assert!(matches!(err, FormatError::Unrecognised { .. }));
        assert!(err.to_string().contains("Name, Seats"), "{err}");
        assert!(matches!(read_lead_file(b""), Err(FormatError::Empty)));
    }
}
