//! Referrals API pages: page 1 (camelCase, `@odata.nextLink`) and page 2 (PascalCase, the last).

use chrono::{NaiveDate, TimeZone, Utc};
use partner_advisor_domain::{
    CallToAction, LeadClassification, LeadContact, LeadSource, LeadStatus, LeadSubstatus,
};
use partner_advisor_formats::{
    detect, read_lead_file, read_referrals_json, Encoding, FileKind, LeadFileFormat,
};

use super::{fixture, ids};

#[test]
fn page_one_maps_the_documented_keys_and_links_to_page_two() {
    let bytes = fixture("referrals_page1.json");
    assert_eq!(detect(&bytes), FileKind::ReferralsApi);
    let file = read_referrals_json(&bytes).expect("read");
    assert_eq!(read_lead_file(&bytes).expect("sniffed"), file);
    assert_eq!(file.format, LeadFileFormat::ReferralsApiJson);
    assert!(file.report.problems.is_empty(), "{}", file.report);
    assert!(file.report.is_usable());
    assert_eq!(file.report.encoding, Some(Encoding::Utf8));
    assert_eq!(
        file.next_link.as_deref(),
        Some("https://api.partner.microsoft.com/v1.0/engagements/referrals?$top=2&$skipToken=abc")
    );
    assert_eq!(file.total_count, Some(3));
    let [woodgrove, litware] = &file.records[..] else {
        panic!("{:?}", ids(&file));
    };
    // Each record's line is the line of its opening brace.
    assert_eq!((woodgrove.line, litware.line), (4, 72));

    assert_eq!(woodgrove.id, "c8c3f3ee-2d6e-4d5a-9b9f-7b3c2f3a0001");
    assert_eq!(
        woodgrove.engagement_id.as_deref(),
        Some("d1e2f3a4-0000-4b5c-8d9e-000000000001")
    );
    assert_eq!(
        woodgrove.deal.name.as_deref(),
        Some("Copilot for Sales pilot")
    );
    assert_eq!(woodgrove.deal.crm_id.as_deref(), Some("CRM-1001"));
    assert_eq!(
        woodgrove.created_at.map(|t| t.timestamp_subsec_nanos()),
        Some(617_338_900)
    );
    assert_eq!(
        woodgrove.updated_at,
        Utc.with_ymd_and_hms(2026, 3, 3, 10, 0, 0).single(),
        "+02:00 converted to UTC"
    );
    assert_eq!(
        woodgrove.expires_at,
        Utc.with_ymd_and_hms(2026, 3, 16, 9, 15, 6).single()
    );
    assert_eq!(woodgrove.status, Some(LeadStatus::Active));
    assert_eq!(woodgrove.substatus, Some(LeadSubstatus::Accepted));
    assert_eq!(
        woodgrove.classification,
        Some(LeadClassification::SalesQualified)
    );
    assert_eq!(woodgrove.lead_type, None, "Independent is not a lead type");
    assert_eq!(woodgrove.call_to_action, Some(CallToAction::ContactMe));
    assert_eq!(woodgrove.source, Some(LeadSource::AzureMarketplace));
    assert_eq!(woodgrove.customer_name.as_deref(), Some("Woodgrove Bank"));
    assert_eq!(woodgrove.city.as_deref(), Some("San Francisco"));
    assert_eq!(woodgrove.country.as_deref(), Some("US"));
    assert_eq!(
        woodgrove.company_size.as_deref(),
        Some("1000to5000employees")
    );
    assert_eq!(woodgrove.contact_first_name.as_deref(), Some("Nestor"));
    assert_eq!(woodgrove.contact_last_name.as_deref(), Some("Wilke"));
    assert_eq!(woodgrove.phone.as_deref(), Some("+1 415 555 0100"));
    assert_eq!(
        woodgrove.email.as_deref(),
        Some("nestor.wilke@woodgrove.example")
    );
    assert_eq!(
        woodgrove.deal.more_contacts,
        [LeadContact {
            first_name: "Lidia".into(),
            last_name: "Holloway".into(),
            email: "lidia.holloway@woodgrove.example".into(),
            phone: String::new(),
        }]
    );
    assert_eq!(
        woodgrove.deal.notes.as_deref(),
        Some("Wants a pilot for 200 sellers")
    );
    assert_eq!(woodgrove.deal_value, Some(150_000.5));
    assert_eq!(woodgrove.currency.as_deref(), Some("USD"));
    assert_eq!(
        woodgrove.deal.estimated_close,
        NaiveDate::from_ymd_opt(2026, 6, 30),
        "the calendar date as written"
    );
    assert_eq!(woodgrove.industry.as_deref(), Some("Financial services"));
    assert_eq!(
        woodgrove.deal.team_members,
        ["Ann Lee", "bo@partner.example"]
    );
    assert_eq!(woodgrove.status_reason, None);
    assert_eq!(woodgrove.etag.as_deref(), Some("\"0x8D9F1\""));

    assert_eq!(
        litware.classification,
        Some(LeadClassification::CustomerInquiry)
    );
    assert_eq!(litware.call_to_action, Some(CallToAction::FreeTrial));
    assert_eq!(litware.source, Some(LeadSource::AppSource));
    assert_eq!(litware.country.as_deref(), Some("DE"));
    assert_eq!(litware.deal.name, None);
    assert_eq!(litware.deal_value, None);
    assert_eq!(litware.industry, None);
    assert!(litware.deal.more_contacts.is_empty());
    assert_eq!(litware.etag.as_deref(), Some("W/\"2\""));
}

#[test]
fn page_two_in_pascal_case_is_the_last() {
    let file = read_lead_file(&fixture("referrals_page2.json")).expect("read");
    assert!(file.report.problems.is_empty(), "{}", file.report);
    assert_eq!(file.next_link, None);
    assert_eq!(file.total_count, Some(3));
    let [adatum] = &file.records[..] else {
        panic!("{:?}", ids(&file));
    };
    assert_eq!(adatum.line, 3);
    assert_eq!(adatum.id, "c8c3f3ee-2d6e-4d5a-9b9f-7b3c2f3a0003");
    assert_eq!(adatum.substatus, Some(LeadSubstatus::Lost));
    assert_eq!(
        adatum.status_reason.as_deref(),
        Some("Project budget isn't adequate")
    );
    assert_eq!(
        adatum.classification,
        Some(LeadClassification::MarketingQualified)
    );
    assert_eq!(adatum.customer_name.as_deref(), Some("Adatum"));
    assert_eq!(adatum.country.as_deref(), Some("ES"));
    assert_eq!(adatum.email.as_deref(), Some("pradeep@adatum.example"));
    assert_eq!(adatum.deal_value, Some(30_000.0));
    assert_eq!(adatum.deal.crm_id.as_deref(), Some("CRM-1003"));
    assert_eq!(adatum.deal.team_members, ["Ann Lee"]);
    assert_eq!(adatum.etag.as_deref(), Some("\"0x8D9F3\""));
}

#[test]
fn a_bare_array_and_a_single_referral_read_too() {
    let file = read_lead_file(b"[\n {\"id\": \"a\"},\n {\"id\": \"b\", \"status\": \"Closed\", \"substatus\": \"Won\"}\n]")
        .expect("read");
    assert_eq!(ids(&file), ["a", "b"]);
    assert_eq!(file.records[1].line, 3);
    let file = read_lead_file(b"\n{\"id\": \"solo\", \"status\": \"New\"}").expect("read");
    assert_eq!(ids(&file), ["solo"]);
    assert_eq!(file.records[0].line, 2);
}
