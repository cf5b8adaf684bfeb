//! The co-sell opportunities CSV of the Referrals workspace (FORMATS.md §2.2): Partner Center's
//! bulk download, which is also its upload template.
//!
//! Mapped: `Referral ID` (mandatory per row), `Engagement ID`, `Deal Name`, `Customer Name`,
//! `Customer City`, `Customer Country` (alpha-2, English names accepted), the customer contact's
//! first and last name, phone and e-mail, `Partner Referral Status` and `Partner Referral
//! Substatus`, `Declined/Lost/Error reason` (Partner Center's 8 decline/lost and 9 error reasons
//! in their spelling; other text kept with a warning), `Estimated Deal Value`, `Currency`
//! (ISO 4217), `Estimated Close Date` (MM/DD/YYYY as documented, ISO too), `CRM ID`, `Marketing
//! Campaign ID`, `Notes` and `Team member 1..50` (in number order, into the team members).
//!
//! Every other documented column (addresses, D-U-N-S, Microsoft help, consent, IoT, `Solution
//! 1..50`, the account-matching and read-only columns) is known and not used; columns the
//! documentation does not list are noted and ignored. A filled `Errors` cell (Partner Center's
//! verdict on a previous upload) is a warning on its row. A substatus `Error` (a partner-created
//! deal closed in error) has no lead substatus: a warning, the substatus left empty and the
//! error reason kept.
//!
//! Co-sell rows are opportunities the partner created: the file gives no lead type,
//! classification, source or call to action, and the record leaves them empty for the engine to
//! decide.

use partner_advisor_domain::{DealDetails, LeadSubstatus};

use super::dates::OrderEvidence;
use super::fields::{Key, Row};
use super::{
    csv_report, fields_match, header_notes, lead_file, shown, Columns, Ids, LeadFile,
    LeadFileFormat, LeadRecord,
};
use crate::detect::FileKind;
use crate::header::{normalise_header, Column, HeaderMap};
use crate::reader::CsvText;
use crate::{FormatError, Result};

/// The documented columns, in document order (FORMATS.md §2.2), then the newer and the
/// auto-populated ones. `Solution 1..50` and `Team member 1..50` follow in the real file.
pub const COSELL_COLUMNS: [&str; 48] = [
    "Errors",
    "Engagement ID",
    "Referral ID",
    "Deal Name",
    "Customer Name",
    "Customer Address Line 1",
    "Customer Address Line 2",
    "Customer City",
    "Customer State",
    "Customer Postal code",
    "Customer Country",
    "Customer D-U-N-S ID",
    "Customer Contact First Name",
    "Customer Contact Last Name",
    "Customer Contact Phone number",
    "Customer Contact Email Address",
    "Partner Referral Status",
    "Partner Referral Substatus",
    "Microsoft Referral Status",
    "Declined/Lost/Error reason",
    "Sales Stage",
    "Estimated Deal Value",
    "Currency",
    "Estimated Close Date",
    "CRM ID",
    "Marketing Campaign ID",
    "Notes",
    "Microsoft help required?",
    "What specific help from Microsoft?",
    "Share with Microsoft sales team",
    "Notes to Microsoft",
    "Consent to share Customer/Partner contact",
    "CLA Number",
    "Device Category",
    "Marketplace Purchase Intent",
    "Final account match",
    "Matched category",
    "Confidence",
    "Managed account 1",
    "Managed account 2",
    "Unmanaged account 1",
    "Unmanaged account 2",
    "DUNS account 1",
    "DUNS account 2",
    "Microsoft MSX ID",
    "Migrated PSC deal ID",
    "Microsoft team member",
    "PartnerID (formerly MPNID)",
];

/// Columns the reader uses, with other spellings; the rest of [`COSELL_COLUMNS`] is known and
/// unused.
const USED: [Column; 20] = [
    Column::optional("Errors").or(&["Error"]),
    Column::optional("Engagement ID"),
    Column::required("Referral ID"),
    Column::optional("Deal Name"),
    Column::optional("Customer Name"),
    Column::optional("Customer City"),
    Column::optional("Customer Country").or(&["Customer Country/Region"]),
    Column::optional("Customer Contact First Name"),
    Column::optional("Customer Contact Last Name"),
    Column::optional("Customer Contact Phone number").or(&["Customer Contact Phone"]),
    Column::optional("Customer Contact Email Address").or(&["Customer Contact Email"]),
    Column::optional("Partner Referral Status"),
    Column::optional("Partner Referral Substatus"),
    Column::optional("Declined/Lost/Error reason").or(&[
        "Declined/Lost reason",
        "Declined reason",
        "Lost reason",
    ]),
    Column::optional("Estimated Deal Value"),
    Column::optional("Currency"),
    Column::optional("Estimated Close Date"),
    Column::optional("CRM ID"),
    Column::optional("Marketing Campaign ID"),
    Column::optional("Notes"),
];

/// A column of [`USED`] by its documented name, as an index (see [`Columns`]).
macro_rules! c {
    ($name:literal) => {
        column!(USED, $name)
    };
}

/// Columns that only the co-sell file has: `Referral ID` with one of them is a co-sell file.
const SIGNATURE: [&str; 5] = [
    "Partner Referral Status",
    "Partner Referral Substatus",
    "Microsoft Referral Status",
    "Customer D-U-N-S ID",
    "Share with Microsoft sales team",
];

/// Whether a header is the co-sell file's.
pub(crate) fn is_cosell_header(header: &[String]) -> bool {
    let keys: Vec<String> = header.iter().map(|h| normalise_header(h)).collect();
    let has = |name: &str| keys.contains(&normalise_header(name));
    has("Referral ID") && SIGNATURE.iter().any(|c| has(c))
}

/// `Team member N` → N; `Solution N` and IoT-style numbered columns are not team members.
fn team_member_number(header: &str) -> Option<u32> {
    normalise_header(header)
        .strip_prefix("teammember")
        .and_then(|n| n.parse().ok())
}

/// Whether a column is documented but unused: the rest of [`COSELL_COLUMNS`], `Solution N`.
fn documented(header: &str) -> bool {
    let key = normalise_header(header);
    COSELL_COLUMNS.iter().any(|c| normalise_header(c) == key)
        || key
            .strip_prefix("solution")
            .is_some_and(|n| n.parse::<u32>().is_ok())
}

/// Reads a co-sell opportunities CSV (see the module documentation).
pub fn read_cosell_csv(bytes: &[u8]) -> Result<LeadFile> {
    read_cosell_text("", &CsvText::from_bytes(bytes)?)
}

/// Reads a decoded co-sell file, naming the file in the report.
pub(crate) fn read_cosell_text(file: &str, text: &CsvText) -> Result<LeadFile> {
    let mut report = csv_report(file, FileKind::CoSellOpportunities, text);
    let mut records = text.records();
    let header = records.next().ok_or(FormatError::Empty)?;
    let rows: Vec<_> = records.collect();
    report.rows_read = rows.len() as u64;
    let map = HeaderMap::new(header.iter(), &USED);
    if !map.missing().is_empty() {
        report.error(
            Some(header.line),
            None,
            format!("required columns missing: {}", map.missing().join(", ")),
        );
        return Ok(lead_file(
            LeadFileFormat::CoSellOpportunities,
            report,
            Vec::new(),
        ));
    }
    if let Some(reason) = map.duplicated() {
        report.error(Some(header.line), None, reason);
        return Ok(lead_file(
            LeadFileFormat::CoSellOpportunities,
            report,
            Vec::new(),
        ));
    }
    let mut team: Vec<(u32, usize)> = header
        .iter()
        .enumerate()
        .filter_map(|(i, h)| team_member_number(h).map(|n| (n, i)))
        .collect();
    team.sort_unstable();
    let unknown: Vec<String> = map
        .unknown()
        .iter()
        .filter(|h| team_member_number(h).is_none() && !documented(h))
        .cloned()
        .collect();
    header_notes(&mut report, &map, &unknown, "documented co-sell columns");
    let cols = Columns::new(&map, &header, &USED);
    let name = |column: usize| cols.name(column);
    let close_column = name(c!("Estimated Close Date"));
    let mut evidence = OrderEvidence::default();
    for row in &rows {
        if let Some(v) = cols.get(row, c!("Estimated Close Date")) {
            evidence.see(row.line, v);
        }
    }
    let close_order = evidence.resolve(close_column, &mut report);
    let decimal_comma = text.dialect().decimal_comma;
    let mut ids = Ids::with_capacity(rows.len());
    let mut leads = Vec::with_capacity(rows.len());

    for record in &rows {
        if !fields_match(&mut report, &header, record) {
            continue;
        }
        let get = |column: usize| cols.get(record, column);
        let mut row = Row::new(&mut report, record.line);
        if let Some(errors) = get(c!("Errors")) {
            row.warning(
                name(c!("Errors")),
                format!("Partner Center reported on this row: '{}'", shown(errors)),
            );
        }
        let Some(id) = get(c!("Referral ID")) else {
            row.error(
                name(c!("Referral ID")),
                "no referral ID: every row needs one",
            );
            continue;
        };
        ids.check(&mut row, name(c!("Referral ID")), id, "");
        let status_column = name(c!("Partner Referral Status"));
        let substatus_column = name(c!("Partner Referral Substatus"));
        let (status, substatus_in_status) =
            row.status(status_column, get(c!("Partner Referral Status")));
        let substatus = match get(c!("Partner Referral Substatus")) {
            Some(s) if Key::new(s).is("error") => {
                row.warning(
                    substatus_column,
                    "substatus 'Error' (a deal closed in error) is not a lead substatus: left \
                     empty, the error reason kept",
                );
                None
            }
            s => row.wire::<LeadSubstatus>(substatus_column, s),
        }
        .or(substatus_in_status);
        let pair_column = if cols.has(c!("Partner Referral Substatus")) {
            substatus_column
        } else {
            status_column
        };
        row.check_pair(pair_column, status, substatus);
        let team_members = team
            .iter()
            .filter_map(|(_, i)| record.get(*i))
            .map(|v| crate::values::unneutralise(v.trim()).trim())
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
            .collect();
        let lead = LeadRecord {
            line: record.line,
            id: id.to_owned(),
            engagement_id: get(c!("Engagement ID")).map(str::to_owned),
            customer_name: get(c!("Customer Name")).map(str::to_owned),
            contact_first_name: get(c!("Customer Contact First Name")).map(str::to_owned),
            contact_last_name: get(c!("Customer Contact Last Name")).map(str::to_owned),
            email: get(c!("Customer Contact Email Address")).map(str::to_owned),
            phone: get(c!("Customer Contact Phone number")).map(str::to_owned),
            country: row.country(name(c!("Customer Country")), get(c!("Customer Country"))),
            city: get(c!("Customer City")).map(str::to_owned),
            status,
            substatus,
            deal_value: row.amount(
                name(c!("Estimated Deal Value")),
                get(c!("Estimated Deal Value")),
                decimal_comma,
            ),
            currency: row.currency(name(c!("Currency")), get(c!("Currency"))),
            status_reason: row.close_reason(
                name(c!("Declined/Lost/Error reason")),
                get(c!("Declined/Lost/Error reason")),
                true,
            ),
            deal: DealDetails {
                name: get(c!("Deal Name")).map(str::to_owned),
                estimated_close: row.day(
                    close_column,
                    get(c!("Estimated Close Date")),
                    close_order,
                ),
                team_members,
                notes: get(c!("Notes")).map(str::to_owned),
                marketing_campaign_id: get(c!("Marketing Campaign ID")).map(str::to_owned),
                crm_id: get(c!("CRM ID")).map(str::to_owned),
                more_contacts: Vec::new(),
            },
            ..LeadRecord::default()
        };
        if !row.failed {
            leads.push(lead);
        }
    }
    Ok(lead_file(
        LeadFileFormat::CoSellOpportunities,
        report,
        leads,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_columns() {
        assert_eq!(team_member_number("Team member 12"), Some(12));
        assert_eq!(team_member_number("Team Member"), None);
        assert!(documented("Solution 3"));
        assert!(documented("customer d-u-n-s id"));
        assert!(!documented("IoT Device Count"));
    }
}
