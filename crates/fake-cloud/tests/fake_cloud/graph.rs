use partner_advisor_fake_cloud::{
    Config, FakeCloud, GRAPH_SCOPE, PARTNER_CENTER_SCOPE, PARTNER_TENANT,
};
use partner_advisor_formats::{read_file, tenant_usage, FileContent, UsageReportKind};

use crate::client::{get, token};

const TENANT: &str = "7d1e2f3a-4b5c-4d6e-8f70-81a2b3c4d5e6";

/// Calls a report and follows its 302 without the token; the download's body.
fn download(base: &str, token: &str, call: &str) -> Vec<u8> {
    let response = get(&format!("{base}/v1.0/reports/{call}"), Some(token));
    assert_eq!(response.status, 302, "{call}: {}", response.text());
    let location = response.header("Location").unwrap().to_owned();
    assert!(location.starts_with(&format!("{base}/_downloads/")));
    let csv = get(&location, None);
    assert_eq!(csv.status, 200);
    csv.body
}

#[test]
fn every_report_downloads_and_reads_without_errors() {
    let cloud = FakeCloud::start(Config {
        referrals: 0,
        ..Config::default()
    })
    .unwrap();
    let base = cloud.base_url();
    let t = token(&base, TENANT, GRAPH_SCOPE);
    let mut reports = Vec::new();
    for kind in UsageReportKind::ALL {
        let function = kind.graph_function();
        let bytes = download(&base, &t, &format!("{function}(period='D30')"));
        assert!(bytes.starts_with("\u{feff}".as_bytes()));
        let parsed = read_file(&format!("{function}.csv"), &bytes);
        let problems: Vec<String> = parsed
            .report
            .problems
            .iter()
            .map(|p| format!("{:?} {:?}: {}", p.line, p.column, p.reason))
            .collect();
        assert!(problems.is_empty(), "{function}: {problems:#?}");
        let FileContent::UsageReport(report) = parsed.content else {
            panic!("{function}: {:?}", parsed.report.kind);
        };
        assert_eq!(report.kind, kind);
        assert_eq!(report.refresh_date, cloud.config().report_date);
        // The active user detail report has no `Report Period` column.
        if kind != UsageReportKind::Office365ActiveUserDetail {
            assert_eq!(report.period_days, Some(30), "{function}");
        }
        reports.push(report);
    }
    let refs: Vec<_> = reports.iter().collect();
    let usage = tenant_usage(TENANT, &refs);
    assert!(!usage.months.is_empty(), "{:?}", usage.notes);
    assert!(!usage.activity.is_empty());

    // One day of a detail report.
    let day = cloud.config().report_date - chrono::Days::new(3);
    let bytes = download(
        &base,
        &t,
        &format!("getEmailActivityUserDetail(date={day})"),
    );
    assert!(read_file("day.csv", &bytes).report.is_usable());
}

#[test]
fn bad_calls_and_forbidden_tenants() {
    let cloud = FakeCloud::start(Config {
        referrals: 0,
        ..Config::default()
    })
    .unwrap();
    let base = cloud.base_url();
    let t = token(&base, TENANT, GRAPH_SCOPE);
    for call in [
        "getNothing(period='D7')",
        "getEmailActivityUserDetail(period='D8')",
        "getEmailActivityUserDetail",
        "getOffice365ActiveUserCounts(date=2020-01-01)",
        "getEmailActivityUserDetail(date=2020-01-01)",
    ] {
        let response = get(&format!("{base}/v1.0/reports/{call}"), Some(&t));
        assert_eq!(response.status, 400, "{call}");
        assert_eq!(response.json()["error"]["code"], "BadRequest");
    }
    let partner = token(&base, PARTNER_TENANT, PARTNER_CENTER_SCOPE);
    let call = format!("{base}/v1.0/reports/getEmailActivityUserDetail(period='D7')");
    assert_eq!(get(&call, Some(&partner)).status, 401);
    assert_eq!(
        get(&format!("{base}/_downloads/unknown.csv"), None).status,
        404
    );

    // Consent withdrawn after a token was issued.
    cloud.forbid_tenant(TENANT);
    let denied = get(&call, Some(&t));
    assert_eq!(denied.status, 403);
    assert_eq!(
        denied.json()["error"]["code"],
        "Authorization_RequestDenied"
    );
}

#[test]
fn a_download_link_expires() {
    let cloud = FakeCloud::start(Config {
        referrals: 0,
        download_lifetime: std::time::Duration::from_millis(300),
        ..Config::default()
    })
    .unwrap();
    let base = cloud.base_url();
    let t = token(&base, TENANT, GRAPH_SCOPE);
    let response = get(
        &format!("{base}/v1.0/reports/getEmailActivityUserDetail(period='D7')"),
        Some(&t),
    );
    let location = response.header("Location").unwrap().to_owned();
    std::thread::sleep(std::time::Duration::from_millis(400));
    assert_eq!(get(&location, None).status, 403);
}
