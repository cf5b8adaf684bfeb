//! The app's own leads export read back: rows written under `LEADS_EXPORT_COLUMNS` with the
//! crate's `ExcelCsvWriter` (comma and semicolon) read back equal.

use chrono::{NaiveDate, TimeZone, Utc};
use partner_advisor_domain::{
    CallToAction, DealDetails, EmailValidity, LeadClassification, LeadQuality, LeadSource,
    LeadStatus, LeadSubstatus, LeadType, PhoneValidity,
};
use partner_advisor_formats::leads::{join_list, LIST_SEPARATOR};
use partner_advisor_formats::{
    detect, read_lead_file, read_table, write_leads_export, Delimiter, FileKind, LeadRecord,
    LEADS_EXPORT_COLUMNS,
};

fn records() -> Vec<LeadRecord> {
    let full = LeadRecord {
        line: 0,
        id: "7f3c1a52-0001-4b8e-9a11-2f5d0c9e0a01".into(),
        engagement_id: Some("d1e2f3a4-0000-4b5c-8d9e-000000000001".into()),
        lead_type: Some(LeadType::Offer),
        classification: Some(LeadClassification::SalesQualified),
        source: Some(LeadSource::AzureMarketplace),
        call_to_action: Some(CallToAction::ContactMe),
        offer_name: Some("Copilot Accelerator".into()),
        customer_name: Some("Contoso, Ltd; \"Polska\"".into()),
        contact_first_name: Some("Zofia".into()),
        contact_last_name: Some("Łukasiewicz".into()),
        email: Some("zofia@contoso.example".into()),
        phone: Some("+48 600 700 800".into()),
        country: Some("PL".into()),
        city: Some("Kraków".into()),
        industry: Some("Financial services".into()),
        company_size: Some("250to500employees".into()),
        quality: Some(LeadQuality::High),
        status: Some(LeadStatus::Active),
        substatus: Some(LeadSubstatus::Accepted),
        created_at: Utc.with_ymd_and_hms(2026, 3, 2, 9, 15, 6).single(),
        updated_at: Utc
            .with_ymd_and_hms(2026, 3, 3, 12, 0, 0)
            .single()
            .map(|t| t + chrono::Duration::milliseconds(250)),
        expires_at: Utc.with_ymd_and_hms(2026, 3, 16, 9, 15, 6).single(),
        deal_value: Some(1_234_567.89),
        currency: Some("PLN".into()),
        status_reason: None,
        deal: DealDetails {
            name: Some("=Pilot for 200 sellers".into()),
            estimated_close: NaiveDate::from_ymd_opt(2026, 10, 31),
            team_members: vec![
                "Ann Lee".into(),
                "Bo Chen".into(),
                "cy@partner.example".into(),
            ],
            notes: Some("Two lines:\r\nworkshop; then a pilot, 50 users".into()),
            marketing_campaign_id: Some("CMP-7".into()),
            crm_id: Some("-CRM-42".into()),
            more_contacts: Vec::new(),
        },
        email_validity: Some(EmailValidity::Valid),
        phone_validity: Some(PhoneValidity::Invalid),
        favourite: Some(true),
        etag: None,
    };
    let closed = LeadRecord {
        id: "7f3c1a52-0002-4b8e-9a11-2f5d0c9e0a02".into(),
        lead_type: Some(LeadType::Profile),
        classification: Some(LeadClassification::CustomerInquiry),
        source: Some(LeadSource::BusinessProfile),
        customer_name: Some("Fabrikam".into()),
        email: Some("spam@fabrikam.example".into()),
        email_validity: Some(EmailValidity::Spam),
        status: Some(LeadStatus::Closed),
        substatus: Some(LeadSubstatus::Declined),
        status_reason: Some("Report as abuse, spam, or phishing".into()),
        deal_value: Some(0.1),
        currency: Some("USD".into()),
        favourite: Some(false),
        ..LeadRecord::default()
    };
    let sparse = LeadRecord {
        id: "7f3c1a52-0003-4b8e-9a11-2f5d0c9e0a03".into(),
        email: Some("only@email.example".into()),
        ..LeadRecord::default()
    };
    vec![full, closed, sparse]
}

#[test]
fn the_apps_export_reads_back_equal() {
    let written = records();
    for delimiter in [Delimiter::Comma, Delimiter::Semicolon] {
        let bytes = write_leads_export(Vec::new(), delimiter, &written).expect("write");
        let table = read_table(&bytes).expect("table");
        assert_eq!(table.header.to_vec(), LEADS_EXPORT_COLUMNS);
        assert_eq!(table.dialect.delimiter, delimiter.as_byte());
        assert_eq!(detect(&bytes), FileKind::PartnerCenterLeads);
        let team = table.rows[0].get(29).expect("TeamMembers");
        assert_eq!(team, "Ann Lee | Bo Chen | cy@partner.example");
        assert_eq!(team, join_list(&written[0].deal.team_members));
        assert!(team.contains(LIST_SEPARATOR));
        assert_eq!(table.rows[1].get(9), Some("Yes"), "Spam derived");

        let file = read_lead_file(&bytes).expect("read back");
        assert!(file.report.problems.is_empty(), "{}", file.report);
        assert_eq!(file.report.decimal_comma, delimiter == Delimiter::Semicolon);
        // The notes' line break makes the second record start a line later.
        assert_eq!(
            file.records.iter().map(|r| r.line).collect::<Vec<_>>(),
            [2, 4, 5]
        );
        let mut expected = written.clone();
        for (e, r) in expected.iter_mut().zip(&file.records) {
            e.line = r.line;
        }
        assert_eq!(file.records, expected, "{delimiter:?}");
    }
}
