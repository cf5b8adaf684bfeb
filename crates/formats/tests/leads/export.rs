//! The Partner Center leads export: a header in another order and casing with unknown columns,
//! and the same file re-saved by Excel as `;`-delimited UTF-8 with BOM (decimal comma) and as
//! "Unicode text" (UTF-16 LE, tabs).

use chrono::{TimeZone, Utc};
use partner_advisor_domain::{
    CallToAction, EmailValidity, LeadClassification, LeadQuality, LeadSource, LeadStatus,
    LeadSubstatus, LeadType, PhoneValidity,
};
use partner_advisor_formats::{
    detect, read_file, read_lead_file, read_leads_export, read_table, Cell, Delimiter, Encoding,
    ExcelCsvWriter, FileContent, FileKind, LeadFile, LeadFileFormat,
};

use super::{fixture, ids};

/// The fixture as Excel saves it in a decimal-comma locale: `;`, BOM, `125000,50`.
fn semicolon_variant(bytes: &[u8]) -> Vec<u8> {
    let table = read_table(bytes).expect("fixture");
    let value = table
        .header
        .iter()
        .position(|h| h == "Lead value")
        .expect("Lead value column");
    let mut w = ExcelCsvWriter::new(Vec::new(), Delimiter::Semicolon).expect("writer");
    w.row(table.header.iter()).expect("header");
    for row in &table.rows {
        let cells: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(i, v)| {
                if i == value {
                    v.replace('.', ",")
                } else {
                    v.to_owned()
                }
            })
            .collect();
        w.row(cells.iter().map(|c| Cell::Text(c))).expect("row");
    }
    w.finish().expect("finish")
}

/// The fixture as Excel's "Unicode text": UTF-16 LE with a BOM, tab-delimited.
fn utf16_variant(bytes: &[u8]) -> Vec<u8> {
    let table = read_table(bytes).expect("fixture");
    let mut text = String::new();
    for row in std::iter::once(&table.header).chain(&table.rows) {
        text.push_str(&row.to_vec().join("\t"));
        text.push_str("\r\n");
    }
    let mut out = vec![0xFF, 0xFE];
    out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    out
}

fn check_fixture(file: &LeadFile) {
    assert_eq!(file.format, LeadFileFormat::PartnerCenterLeadsExport);
    assert!(file.report.is_usable(), "{}", file.report);
    assert!(file.report.problems.is_empty(), "{}", file.report);
    assert_eq!(file.report.rows_read, 4);
    assert_eq!(file.report.rows_accepted, 4);
    assert_eq!(
        ids(file),
        [
            "7f3c1a52-0001-4b8e-9a11-2f5d0c9e0a01",
            "7f3c1a52-0002-4b8e-9a11-2f5d0c9e0a02",
            "7f3c1a52-0003-4b8e-9a11-2f5d0c9e0a03",
            "7f3c1a52-0004-4b8e-9a11-2f5d0c9e0a04",
        ]
    );
    assert!(
        file.report
            .notes
            .iter()
            .any(|n| n.contains("ignored: Browser language, Referral program")),
        "{:?}",
        file.report.notes
    );
    let [contoso, fabrikam, zazolc, tailspin] = &file.records[..] else {
        unreachable!()
    };
    assert_eq!(contoso.line, 2);
    assert_eq!(contoso.customer_name.as_deref(), Some("Contoso, Ltd"));
    assert_eq!(contoso.email.as_deref(), Some("adele.vance@contoso.com"));
    assert_eq!(contoso.phone.as_deref(), Some("+48 600 700 800"));
    assert_eq!(contoso.country.as_deref(), Some("PL"));
    assert_eq!(contoso.city.as_deref(), Some("Kraków"));
    assert_eq!(contoso.source, Some(LeadSource::AppSource));
    assert_eq!(contoso.call_to_action, Some(CallToAction::ContactMe));
    assert_eq!(contoso.lead_type, Some(LeadType::Offer));
    assert_eq!(
        contoso.classification,
        Some(LeadClassification::CustomerInquiry)
    );
    assert_eq!(contoso.quality, Some(LeadQuality::High));
    assert_eq!(contoso.status, Some(LeadStatus::New));
    assert_eq!(contoso.substatus, Some(LeadSubstatus::Received));
    assert_eq!(
        contoso.created_at,
        Utc.with_ymd_and_hms(2026, 3, 2, 9, 15, 0).single()
    );
    assert_eq!(
        contoso.offer_name.as_deref(),
        Some("Contoso Copilot Accelerator")
    );
    assert_eq!(contoso.contact_first_name.as_deref(), Some("Adele"));
    assert_eq!(contoso.company_size.as_deref(), Some("10to50employees"));
    assert_eq!(contoso.deal_value, None);
    assert_eq!(fabrikam.country.as_deref(), Some("US"));
    assert_eq!(fabrikam.email_validity, Some(EmailValidity::Spam));
    assert_eq!(fabrikam.phone_validity, Some(PhoneValidity::Unknown));
    assert_eq!(fabrikam.phone, None);
    assert_eq!(fabrikam.substatus, Some(LeadSubstatus::Expired));
    assert_eq!(zazolc.customer_name.as_deref(), Some("Zażółć Sp. z o.o."));
    assert_eq!(zazolc.source, Some(LeadSource::BusinessProfile));
    assert_eq!(
        zazolc.classification,
        Some(LeadClassification::MarketingQualified)
    );
    assert_eq!(zazolc.phone_validity, Some(PhoneValidity::Invalid));
    assert_eq!(zazolc.deal_value, Some(125_000.5));
    assert_eq!(zazolc.currency.as_deref(), Some("PLN"));
    assert_eq!(tailspin.email, None);
    assert_eq!(tailspin.source, Some(LeadSource::AzurePortal));
    assert_eq!(tailspin.classification, None);
    assert_eq!(tailspin.deal_value, Some(9800.0));
}

#[test]
fn the_export_reads_whatever_the_header_order_and_casing() {
    let bytes = fixture("partner_center_leads.csv");
    assert_eq!(detect(&bytes), FileKind::PartnerCenterLeads);
    let file = read_leads_export(&bytes).expect("read");
    assert_eq!(file.report.encoding, Some(Encoding::Utf8));
    assert_eq!(file.report.delimiter, Some(','));
    check_fixture(&file);
    assert_eq!(read_lead_file(&bytes).expect("sniffed"), file);
}

#[test]
fn an_excel_resave_with_semicolons_and_a_bom_reads_the_same() {
    let original = read_leads_export(&fixture("partner_center_leads.csv")).expect("read");
    let bytes = semicolon_variant(&fixture("partner_center_leads.csv"));
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let file = read_lead_file(&bytes).expect("read");
    assert_eq!(file.report.encoding, Some(Encoding::Utf8Bom));
    assert_eq!(file.report.delimiter, Some(';'));
    assert!(file.report.decimal_comma);
    check_fixture(&file);
    assert_eq!(file.records, original.records);
}

#[test]
fn an_excel_unicode_text_resave_reads_the_same() {
    let original = read_leads_export(&fixture("partner_center_leads.csv")).expect("read");
    let bytes = utf16_variant(&fixture("partner_center_leads.csv"));
    assert_eq!(detect(&bytes), FileKind::PartnerCenterLeads);
    let file = read_lead_file(&bytes).expect("read");
    assert_eq!(file.report.encoding, Some(Encoding::Utf16Le));
    assert_eq!(file.report.delimiter, Some('\t'));
    check_fixture(&file);
    assert_eq!(file.records, original.records);
}

#[test]
fn read_file_hands_leads_over_with_the_files_name() {
    let parsed = read_file("leads.csv", &fixture("partner_center_leads.csv"));
    assert_eq!(parsed.report.file, "leads.csv");
    assert_eq!(parsed.report.kind, FileKind::PartnerCenterLeads);
    let FileContent::Leads {
        format, records, ..
    } = parsed.content
    else {
        panic!("{}", parsed.report);
    };
    assert_eq!(format, LeadFileFormat::PartnerCenterLeadsExport);
    assert_eq!(records.len(), 4);
}

#[test]
fn missing_required_columns_stop_the_file_at_its_header() {
    let file = read_leads_export(b"LeadId,Status,Substatus,LeadType\nL-1,New,Received,Offer\n")
        .expect("read");
    assert!(file.records.is_empty());
    let error = file.report.errors().next().expect("an error");
    assert_eq!(error.line, Some(1));
    assert!(
        error.reason.contains("CustomerName (or ContactEmail)"),
        "{error}"
    );
}
