//! The Partner Center leads export and the app's own leads export (FORMATS.md §2.1).
//!
//! Partner Center does not document its export's header (a gap in FORMATS.md §2.1): only
//! `LeadCreationDateTime` and "columns for e-mail and phone validity" are known. The app's
//! export writes [`LEADS_EXPORT_COLUMNS`] in that order ([`write_leads_export`]): that list is
//! the contract. The reader is header-driven: columns in any order, names compared without case, spaces and
//! punctuation, plausible Partner Center spellings accepted (`Lead ID`, `Customer name`,
//! `Email address`, `Call to action`, `Country/Region`, `Creation Date`, `Qualification`, the
//! referral analytics download's `Referral ID`, `Lead value`, `Lead currency`…), one typo in a
//! long name tolerated, unknown columns noted and ignored.
//!
//! Mandatory per row: `LeadId`, and `CustomerName` or `ContactEmail`. `Spam` is derived from the
//! e-mail validity on export and ignored on import; `Favourite` is `Yes`/`No`; `TeamMembers` is a
//! list joined by [`super::LIST_SEPARATOR`]. A lead type of `Qualified lead` (as the analytics
//! download writes it) is no lead type: qualified leads are a classification.

use std::io::Write;

use chrono::SecondsFormat;
use partner_advisor_domain::{DealDetails, EmailValidity, LeadSubstatus};

use super::dates::OrderEvidence;
use super::fields::Row;
use super::{
    csv_report, fields_match, header_notes, join_list, lead_file, split_list, Columns, Ids,
    LeadFile, LeadFileFormat, LeadRecord,
};
use crate::detect::FileKind;
use crate::header::{normalise_header, Column, HeaderMap};
use crate::reader::CsvText;
use crate::writer::{Cell, Delimiter, ExcelCsvWriter};
use crate::{FormatError, Result};

/// The app's leads export header, in order: the contract between the exporter and this reader.
pub const LEADS_EXPORT_COLUMNS: &[&str] = &[
    "LeadId",
    "EngagementId",
    "CustomerName",
    "ContactFirstName",
    "ContactLastName",
    "ContactEmail",
    "ContactPhone",
    "EmailValidity",
    "PhoneValidity",
    "Spam",
    "Country",
    "City",
    "Industry",
    "CompanySize",
    "LeadType",
    "Classification",
    "LeadSource",
    "CallToAction",
    "OfferName",
    "LeadQuality",
    "Status",
    "Substatus",
    "LeadCreationDateTime",
    "LastModifiedDateTime",
    "ExpirationDateTime",
    "DealName",
    "EstimatedDealValue",
    "Currency",
    "EstimatedCloseDate",
    "TeamMembers",
    "Notes",
    "MarketingCampaignId",
    "CrmId",
    "StatusReason",
    "Favourite",
];

/// The columns with the other spellings accepted, in [`LEADS_EXPORT_COLUMNS`] order.
const COLUMNS: [Column; 35] = [
    Column::required("LeadId").or(&["Lead ID", "Id", "ReferralId", "Referral ID"]),
    Column::optional("EngagementId").or(&["Engagement ID"]),
    Column::optional("CustomerName").or(&[
        "Customer name",
        "Company",
        "CompanyName",
        "Company name",
        "Customer",
        "Organization name",
        "Organisation name",
    ]),
    Column::optional("ContactFirstName").or(&[
        "Contact first name",
        "First name",
        "FirstName",
        "Given name",
        "Customer Contact First Name",
    ]),
    Column::optional("ContactLastName").or(&[
        "Contact last name",
        "Last name",
        "LastName",
        "Surname",
        "Customer Contact Last Name",
    ]),
    Column::optional("ContactEmail").or(&[
        "Email",
        "E-mail",
        "Email address",
        "E-mail address",
        "Contact email",
        "Customer Contact Email Address",
    ]),
    Column::optional("ContactPhone").or(&[
        "Phone",
        "Phone number",
        "Contact phone",
        "Contact phone number",
        "Telephone",
        "Customer Contact Phone number",
    ]),
    Column::optional("EmailValidity").or(&["Email validity", "E-mail validity", "Valid email"]),
    Column::optional("PhoneValidity").or(&["Phone validity", "Valid phone"]),
    Column::optional("Spam").or(&["Is spam"]),
    Column::optional("Country").or(&["Country/Region", "Country or region", "Customer Country"]),
    Column::optional("City").or(&["Customer City"]),
    Column::optional("Industry").or(&["Industries"]),
    Column::optional("CompanySize").or(&["Company size", "Size", "Customer size"]),
    Column::optional("LeadType").or(&["Lead type", "Type"]),
    Column::optional("Classification").or(&[
        "Qualification",
        "Lead classification",
        "Lead qualification",
    ]),
    Column::optional("LeadSource").or(&["Lead source", "Source", "Referral source"]),
    Column::optional("CallToAction").or(&["Call to action", "CTA"]),
    Column::optional("OfferName").or(&[
        "Offer name",
        "Offer",
        "Offer or profile name",
        "Offer/Profile name",
        "Profile name",
    ]),
    Column::optional("LeadQuality").or(&["Lead quality", "Quality"]),
    Column::optional("Status").or(&["Lead status", "Referral status"]),
    Column::optional("Substatus").or(&["Lead substatus", "Referral substatus"]),
    Column::optional("LeadCreationDateTime").or(&[
        "Created",
        "CreatedDateTime",
        "Created date",
        "Creation date",
        "Date created",
        "Received",
        "Received date",
    ]),
    Column::optional("LastModifiedDateTime").or(&[
        "Last modified",
        "Modified",
        "Updated",
        "UpdatedDateTime",
        "Updated date",
        "Last updated",
    ]),
    Column::optional("ExpirationDateTime").or(&[
        "Expiration",
        "Expiration date",
        "Expires",
        "Expiry date",
    ]),
    Column::optional("DealName").or(&["Deal name", "Opportunity name"]),
    Column::optional("EstimatedDealValue").or(&[
        "Estimated deal value",
        "Deal value",
        "DealValue",
        "Estimated value",
        "Lead value",
    ]),
    Column::optional("Currency").or(&["Lead currency", "Deal currency"]),
    Column::optional("EstimatedCloseDate").or(&[
        "Estimated close date",
        "Estimated purchase date",
        "Close date",
        "ClosingDateTime",
    ]),
    Column::optional("TeamMembers").or(&["Team members", "Team"]),
    Column::optional("Notes").or(&["Note"]),
    Column::optional("MarketingCampaignId").or(&["Marketing campaign ID", "Campaign ID"]),
    Column::optional("CrmId").or(&["CRM ID", "ExternalReferenceId", "External reference ID"]),
    Column::optional("StatusReason").or(&[
        "Status reason",
        "Reason",
        "Decline reason",
        "Lost reason",
        "Declined/Lost reason",
    ]),
    Column::optional("Favourite").or(&["Favorite", "Favourites", "Favorites", "Is favourite"]),
];

/// Columns only a leads file has: two of them make a header a leads export.
const LEAD_SPECIFIC: [&str; 9] = [
    "LeadType",
    "Classification",
    "LeadSource",
    "CallToAction",
    "LeadQuality",
    "EmailValidity",
    "PhoneValidity",
    "LeadCreationDateTime",
    "Substatus",
];

/// A column of [`COLUMNS`] by its documented name, as an index (see [`Columns`]).
macro_rules! c {
    ($name:literal) => {
        column!(COLUMNS, $name)
    };
}

/// Date columns, read with their order decided per column.
const DATE_COLUMNS: [usize; 4] = [
    c!("LeadCreationDateTime"),
    c!("LastModifiedDateTime"),
    c!("ExpirationDateTime"),
    c!("EstimatedCloseDate"),
];

/// Whether a header is a leads export's: two lead-only columns, or a lead or referral ID column
/// and two more of the export's columns.
pub(crate) fn is_leads_export_header(header: &[String]) -> bool {
    let map = HeaderMap::new(header.iter().map(String::as_str), &COLUMNS);
    let specific = LEAD_SPECIFIC.iter().filter(|c| map.has(c)).count();
    let lead_id = header
        .iter()
        .any(|h| matches!(normalise_header(h).as_str(), "leadid" | "referralid"));
    specific >= 2 || (lead_id && map.found_count() >= 3)
}

/// Reads a leads export (see the module documentation).
pub fn read_leads_export(bytes: &[u8]) -> Result<LeadFile> {
    read_export_text("", &CsvText::from_bytes(bytes)?)
}

/// Reads a decoded leads export, naming the file in the report.
pub(crate) fn read_export_text(file: &str, text: &CsvText) -> Result<LeadFile> {
    let mut report = csv_report(file, FileKind::PartnerCenterLeads, text);
    let mut records = text.records();
    let header = records.next().ok_or(FormatError::Empty)?;
    let rows: Vec<_> = records.collect();
    let map = HeaderMap::new(header.iter(), &COLUMNS);
    let mut missing: Vec<&str> = map.missing().to_vec();
    if !map.has("CustomerName") && !map.has("ContactEmail") {
        missing.push("CustomerName (or ContactEmail)");
    }
    report.rows_read = rows.len() as u64;
    if !missing.is_empty() {
        report.error(
            Some(header.line),
            None,
            format!("required columns missing: {}", missing.join(", ")),
        );
        return Ok(lead_file(
            LeadFileFormat::PartnerCenterLeadsExport,
            report,
            Vec::new(),
        ));
    }
    if let Some(reason) = map.duplicated() {
        report.error(Some(header.line), None, reason);
        return Ok(lead_file(
            LeadFileFormat::PartnerCenterLeadsExport,
            report,
            Vec::new(),
        ));
    }
    header_notes(&mut report, &map, map.unknown(), "leads export");
    let cols = Columns::new(&map, &header, &COLUMNS);
    let name = |column: usize| cols.name(column);

    let orders: Vec<_> = DATE_COLUMNS
        .iter()
        .map(|&column| {
            let mut evidence = OrderEvidence::default();
            for row in &rows {
                if let Some(v) = cols.get(row, column) {
                    evidence.see(row.line, v);
                }
            }
            evidence.resolve(name(column), &mut report)
        })
        .collect();
    let [created_order, updated_order, expires_order, close_order] = orders[..] else {
        unreachable!("one order per date column");
    };
    let decimal_comma = text.dialect().decimal_comma;
    let mut ids = Ids::with_capacity(rows.len());
    let mut leads = Vec::with_capacity(rows.len());

    for record in &rows {
        if !fields_match(&mut report, &header, record) {
            continue;
        }
        let get = |column: usize| cols.get(record, column);
        let text = |column: usize| get(column).map(str::to_owned);
        let mut row = Row::new(&mut report, record.line);
        let id = get(c!("LeadId"));
        let customer_name = text(c!("CustomerName"));
        let email = text(c!("ContactEmail"));
        if customer_name.is_none() && email.is_none() {
            let column = if cols.has(c!("CustomerName")) {
                c!("CustomerName")
            } else {
                c!("ContactEmail")
            };
            row.error(
                name(column),
                "neither a customer name nor a contact e-mail: a lead needs one of them",
            );
        }
        let Some(id) = id else {
            row.error(name(c!("LeadId")), "no lead ID: every lead needs one");
            continue;
        };
        ids.check(&mut row, name(c!("LeadId")), id, "");
        let (status, substatus_in_status) = row.status(name(c!("Status")), get(c!("Status")));
        let substatus = row
            .wire(name(c!("Substatus")), get(c!("Substatus")))
            .or(substatus_in_status);
        let pair_column = if cols.has(c!("Substatus")) {
            c!("Substatus")
        } else {
            c!("Status")
        };
        row.check_pair(name(pair_column), status, substatus);
        let lead_type = match get(c!("LeadType")) {
            Some(t) if normalise_header(t) == "qualifiedlead" => None,
            t => row.wire(name(c!("LeadType")), t),
        };
        let lead = LeadRecord {
            line: record.line,
            id: id.to_owned(),
            engagement_id: text(c!("EngagementId")),
            lead_type,
            classification: row.wire(name(c!("Classification")), get(c!("Classification"))),
            source: row.wire(name(c!("LeadSource")), get(c!("LeadSource"))),
            call_to_action: row.wire(name(c!("CallToAction")), get(c!("CallToAction"))),
            offer_name: text(c!("OfferName")),
            customer_name,
            contact_first_name: text(c!("ContactFirstName")),
            contact_last_name: text(c!("ContactLastName")),
            email,
            phone: text(c!("ContactPhone")),
            country: row.country(name(c!("Country")), get(c!("Country"))),
            city: text(c!("City")),
            industry: text(c!("Industry")),
            company_size: text(c!("CompanySize")),
            quality: row.wire(name(c!("LeadQuality")), get(c!("LeadQuality"))),
            status,
            substatus,
            created_at: row.datetime(
                name(c!("LeadCreationDateTime")),
                get(c!("LeadCreationDateTime")),
                created_order,
            ),
            updated_at: row.datetime(
                name(c!("LastModifiedDateTime")),
                get(c!("LastModifiedDateTime")),
                updated_order,
            ),
            expires_at: row.datetime(
                name(c!("ExpirationDateTime")),
                get(c!("ExpirationDateTime")),
                expires_order,
            ),
            deal_value: row.amount(
                name(c!("EstimatedDealValue")),
                get(c!("EstimatedDealValue")),
                decimal_comma,
            ),
            currency: row.currency(name(c!("Currency")), get(c!("Currency"))),
            status_reason: row.close_reason(
                name(c!("StatusReason")),
                get(c!("StatusReason")),
                false,
            ),
            deal: DealDetails {
                name: text(c!("DealName")),
                estimated_close: row.day(
                    name(c!("EstimatedCloseDate")),
                    get(c!("EstimatedCloseDate")),
                    close_order,
                ),
                team_members: get(c!("TeamMembers")).map(split_list).unwrap_or_default(),
                notes: text(c!("Notes")),
                marketing_campaign_id: text(c!("MarketingCampaignId")),
                crm_id: text(c!("CrmId")),
                more_contacts: Vec::new(),
            },
            email_validity: row.wire(name(c!("EmailValidity")), get(c!("EmailValidity"))),
            phone_validity: row.wire(name(c!("PhoneValidity")), get(c!("PhoneValidity"))),
            favourite: row.yes_no(name(c!("Favourite")), get(c!("Favourite"))),
            etag: None,
        };
        if !row.failed {
            leads.push(lead);
        }
    }
    Ok(lead_file(
        LeadFileFormat::PartnerCenterLeadsExport,
        report,
        leads,
    ))
}

/// Writes the app's leads export one record at a time (a list of any length never sits in
/// memory as text): [`LEADS_EXPORT_COLUMNS`] with Excel-correct CSV ([`ExcelCsvWriter`]).
/// Instants are RFC 3339 in UTC (`2026-03-04T10:00:00Z`, fractions only when there are any), the
/// close date ISO, the deal value a number in the delimiter's decimal separator, team members
/// joined by [`super::LIST_SEPARATOR`], `Spam` `Yes` when the e-mail validity is Spam (else `No`),
/// `Favourite` `Yes`/`No` (empty when unknown).
pub struct LeadsExportWriter<W: Write> {
    csv: ExcelCsvWriter<W>,
}

impl<W: Write> LeadsExportWriter<W> {
    /// Starts the file: byte order mark and header.
    pub fn new(out: W, delimiter: Delimiter) -> Result<Self> {
        let mut csv = ExcelCsvWriter::new(out, delimiter)?;
        csv.row(LEADS_EXPORT_COLUMNS.iter().copied())?;
        Ok(Self { csv })
    }

    /// Writes one record.
    pub fn write(&mut self, r: &LeadRecord) -> Result<()> {
        Ok(write_record(&mut self.csv, r)?)
    }

    /// Writes `records` records, the `i`th being `record(i)`: the same bytes as [`Self::write`]
    /// in order, built and formatted on every core ([`ExcelCsvWriter::rows_parallel`]).
    pub fn write_parallel<F>(&mut self, records: usize, record: F) -> Result<()>
    where
        F: Fn(usize) -> LeadRecord + Sync,
    {
        Ok(self
            .csv
            .rows_parallel(records, |i, w| write_record(w, &record(i)))?)
    }

    /// Flushes and returns the output.
    pub fn finish(self) -> Result<W> {
        Ok(self.csv.finish()?)
    }
}

/// One record as a row of the leads export.
fn write_record<W: Write>(csv: &mut ExcelCsvWriter<W>, r: &LeadRecord) -> std::io::Result<()> {
    let instant = |t: Option<chrono::DateTime<chrono::Utc>>| {
        t.map(|t| t.to_rfc3339_opts(SecondsFormat::AutoSi, true))
            .unwrap_or_default()
    };
    let yes_no = |b: bool| if b { "Yes" } else { "No" };
    fn text(v: &Option<String>) -> Cell<'_> {
        v.as_deref().map_or(Cell::Empty, Cell::Text)
    }
    let created = instant(r.created_at);
    let updated = instant(r.updated_at);
    let expires = instant(r.expires_at);
    let team = join_list(&r.deal.team_members);
    let name = |v: Option<&'static str>| v.map_or(Cell::Empty, Cell::Text);
    let cells: [Cell<'_>; 35] = [
        Cell::Text(&r.id),
        text(&r.engagement_id),
        text(&r.customer_name),
        text(&r.contact_first_name),
        text(&r.contact_last_name),
        text(&r.email),
        text(&r.phone),
        name(r.email_validity.map(|v| v.as_str())),
        name(r.phone_validity.map(|v| v.as_str())),
        Cell::Text(yes_no(r.email_validity == Some(EmailValidity::Spam))),
        text(&r.country),
        text(&r.city),
        text(&r.industry),
        text(&r.company_size),
        name(r.lead_type.map(|v| v.as_str())),
        name(r.classification.map(|v| v.as_str())),
        name(r.source.map(|v| v.as_str())),
        name(r.call_to_action.map(|v| v.as_str())),
        text(&r.offer_name),
        name(r.quality.map(|v| v.as_str())),
        name(r.status.map(|v| v.as_str())),
        name(r.substatus.map(LeadSubstatus::as_str)),
        Cell::Text(&created),
        Cell::Text(&updated),
        Cell::Text(&expires),
        text(&r.deal.name),
        r.deal_value.map_or(Cell::Empty, Cell::Number),
        text(&r.currency),
        r.deal.estimated_close.map_or(Cell::Empty, Cell::Date),
        Cell::Text(&team),
        text(&r.deal.notes),
        text(&r.deal.marketing_campaign_id),
        text(&r.deal.crm_id),
        text(&r.status_reason),
        r.favourite.map_or(Cell::Empty, |f| Cell::Text(yes_no(f))),
    ];
    csv.row(cells)
}

/// Writes `records` as the app's leads export ([`LeadsExportWriter`]). Returns the output.
pub fn write_leads_export<W: Write>(
    out: W,
    delimiter: Delimiter,
    records: &[LeadRecord],
) -> Result<W> {
    let mut w = LeadsExportWriter::new(out, delimiter)?;
    for r in records {
        w.write(r)?;
    }
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_column_list_is_the_contract() {
        let names: Vec<&str> = COLUMNS.iter().map(|c| c.name).collect();
        assert_eq!(names, LEADS_EXPORT_COLUMNS);
    }

    #[test]
    fn recognises_partner_center_spellings() {
        let header = |h: &[&str]| h.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert!(is_leads_export_header(&header(LEADS_EXPORT_COLUMNS)));
        assert!(is_leads_export_header(&header(&[
            "Referral ID",
            "Creation Date",
            "Customer Name",
            "Lead Type",
            "Lead Source",
            "Call to action",
            "Status",
        ])));
        assert!(!is_leads_export_header(&header(&["Id", "Name", "Seats"])));
    }
}
