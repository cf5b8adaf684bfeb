//! The co-sell opportunities CSV with its documented columns, `Errors`, IoT and `Solution N`
//! columns and three team members.

use chrono::NaiveDate;
use partner_advisor_domain::{LeadStatus, LeadSubstatus};
use partner_advisor_formats::{
    detect, read_cosell_csv, read_lead_file, FileKind, LeadFileFormat, Severity,
};

use super::{fixture, ids, problem_at};

#[test]
fn the_cosell_file_maps_referrals_deals_and_team_members() {
    let bytes = fixture("cosell_opportunities.csv");
    assert_eq!(detect(&bytes), FileKind::CoSellOpportunities);
    let file = read_cosell_csv(&bytes).expect("read");
    assert_eq!(read_lead_file(&bytes).expect("sniffed"), file);
    assert_eq!(file.format, LeadFileFormat::CoSellOpportunities);
    assert!(file.report.is_usable(), "{}", file.report);
    assert_eq!(
        ids(&file),
        [
            "9b7e5c3a-2222-4f1e-9c20-000000000001",
            "9b7e5c3a-2222-4f1e-9c20-000000000002",
            "9b7e5c3a-2222-4f1e-9c20-000000000003",
        ]
    );
    // The `Errors` cell of line 4 is Partner Center's verdict on an earlier upload: a warning.
    let p = problem_at(&file, 4, Some("Errors"), Severity::Warning);
    assert!(p.reason.contains("'Duplicate referral'"), "{p}");
    assert_eq!(file.report.problems.len(), 1, "{}", file.report);
    // Documented columns are known; only the undocumented IoT one is noted.
    assert_eq!(
        file.report.notes,
        ["columns not in the documented co-sell columns, ignored: IoT Use Case"]
    );

    let [contoso, fabrikam, tailspin] = &file.records[..] else {
        unreachable!()
    };
    assert_eq!(
        contoso.engagement_id.as_deref(),
        Some("c2a1e7d0-1111-4d3f-8a10-000000000001")
    );
    assert_eq!(
        contoso.deal.name.as_deref(),
        Some("Contoso Copilot rollout")
    );
    assert_eq!(contoso.customer_name.as_deref(), Some("Contoso Ltd"));
    assert_eq!(contoso.city.as_deref(), Some("Kraków"));
    assert_eq!(contoso.country.as_deref(), Some("PL"));
    assert_eq!(contoso.contact_first_name.as_deref(), Some("Adele"));
    assert_eq!(contoso.contact_last_name.as_deref(), Some("Vance"));
    assert_eq!(contoso.phone.as_deref(), Some("+48 600 700 800"));
    assert_eq!(contoso.email.as_deref(), Some("adele.vance@contoso.com"));
    assert_eq!(contoso.status, Some(LeadStatus::Active));
    assert_eq!(contoso.substatus, Some(LeadSubstatus::Accepted));
    assert_eq!(contoso.deal_value, Some(45_000.0));
    assert_eq!(contoso.currency.as_deref(), Some("EUR"));
    assert_eq!(
        contoso.deal.estimated_close,
        NaiveDate::from_ymd_opt(2026, 10, 31)
    );
    assert_eq!(contoso.deal.crm_id.as_deref(), Some("CRM-0042"));
    assert_eq!(contoso.deal.marketing_campaign_id.as_deref(), Some("CMP-7"));
    assert_eq!(
        contoso.deal.notes.as_deref(),
        Some("Workshop done; pilot for 50 users")
    );
    assert_eq!(contoso.deal.team_members, ["Ann Lee", "Bo Chen"]);
    // Partner-created opportunities: the engine decides type, classification and source.
    assert_eq!(contoso.lead_type, None);
    assert_eq!(contoso.classification, None);
    assert_eq!(contoso.source, None);

    assert_eq!(fabrikam.substatus, Some(LeadSubstatus::Lost));
    assert_eq!(
        fabrikam.status_reason.as_deref(),
        Some("Customer chose another vendor")
    );
    assert_eq!(fabrikam.deal.team_members, ["Ann Lee"]);
    assert_eq!(
        fabrikam.deal.estimated_close,
        NaiveDate::from_ymd_opt(2026, 12, 15)
    );
    assert_eq!(tailspin.line, 4);
    assert_eq!(tailspin.currency.as_deref(), Some("USD"));
    assert_eq!(tailspin.deal_value, Some(9800.5));
    assert_eq!(
        tailspin.deal.estimated_close,
        NaiveDate::from_ymd_opt(2027, 1, 5)
    );
    assert_eq!(tailspin.deal.team_members, ["Cy Diaz"]);
}

#[test]
fn cosell_reasons_currencies_and_the_error_substatus() {
    let text = "Referral ID,Partner Referral Status,Partner Referral Substatus,Declined/Lost/Error reason,Currency,Estimated Deal Value\n\
                R-1,Closed,Declined,customer didn't respond,EUR,10\n\
                R-2,Closed,Lost,Too expensive,EUR,10\n\
                R-3,Closed,Error,Duplicate - sent by Microsoft,EUR,10\n\
                R-4,Active,Accepted,,US Dollar,10\n\
                ,Active,Accepted,,EUR,10\n";
    let file = read_cosell_csv(text.as_bytes()).expect("read");
    assert_eq!(ids(&file), ["R-1", "R-2", "R-3"]);
    assert_eq!(
        file.records[0].status_reason.as_deref(),
        Some("Customer didn't respond")
    );
    let p = problem_at(
        &file,
        3,
        Some("Declined/Lost/Error reason"),
        Severity::Warning,
    );
    assert!(p.reason.contains("'Too expensive'"), "{p}");
    assert_eq!(
        file.records[1].status_reason.as_deref(),
        Some("Too expensive")
    );
    problem_at(
        &file,
        4,
        Some("Partner Referral Substatus"),
        Severity::Warning,
    );
    assert_eq!(file.records[2].status, Some(LeadStatus::Closed));
    assert_eq!(file.records[2].substatus, None);
    assert_eq!(
        file.records[2].status_reason.as_deref(),
        Some("Duplicate - sent by Microsoft")
    );
    let p = problem_at(&file, 5, Some("Currency"), Severity::Error);
    assert!(p.reason.contains("'US Dollar' is not an ISO 4217"), "{p}");
    problem_at(&file, 6, Some("Referral ID"), Severity::Error);
}
