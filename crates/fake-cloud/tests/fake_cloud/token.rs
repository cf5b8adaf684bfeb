use std::time::Duration;

use partner_advisor_fake_cloud::{
    Config, FakeCloud, CLIENT_SECRET, GRAPH_SCOPE, PARTNER_CENTER_SCOPE, PARTNER_TENANT,
};

use crate::client::{credentials, get, token, token_request};
use crate::cloud;

const CUSTOMER: &str = "2b0c4f4e-8f3a-4c2e-9d51-7a1e3c5b9f10";

fn error_code(response: &crate::client::Response) -> (String, u64) {
    let body = response.json();
    assert!(body["error_description"]
        .as_str()
        .unwrap()
        .starts_with("AADSTS"));
    assert!(body["trace_id"].is_string() && body["correlation_id"].is_string());
    (
        body["error"].as_str().unwrap().to_owned(),
        body["error_codes"][0].as_u64().unwrap(),
    )
}

#[test]
fn a_good_secret_gets_a_token_for_each_api() {
    let cloud = cloud(0);
    let base = cloud.base_url();
    let response = token_request(
        &base,
        PARTNER_TENANT,
        &credentials(PARTNER_CENTER_SCOPE, CLIENT_SECRET),
    );
    assert_eq!(response.status, 200);
    let body = response.json();
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["expires_in"], 3599);
    assert_eq!(body["ext_expires_in"], 3599);
    assert!(body["access_token"].as_str().unwrap().len() > 20);
    token(&base, CUSTOMER, GRAPH_SCOPE);
    token(&base, "contoso.onmicrosoft.com", GRAPH_SCOPE);
}

#[test]
fn credentials_and_tenants_are_refused_as_entra_refuses_them() {
    let cloud = FakeCloud::start(Config {
        forbidden_tenants: vec![CUSTOMER.to_owned()],
        ..Config::default()
    })
    .unwrap();
    let base = cloud.base_url();

    let wrong = token_request(
        &base,
        PARTNER_TENANT,
        &credentials(PARTNER_CENTER_SCOPE, "nope"),
    );
    assert_eq!(wrong.status, 401);
    assert_eq!(error_code(&wrong), ("invalid_client".into(), 7_000_215));

    let mut form = credentials(GRAPH_SCOPE, CLIENT_SECRET);
    form[1].1 = "00000000-0000-0000-0000-000000000000";
    let unknown = token_request(&base, PARTNER_TENANT, &form);
    assert_eq!(unknown.status, 400);
    assert_eq!(
        error_code(&unknown),
        ("unauthorized_client".into(), 700_016)
    );

    let forbidden = token_request(&base, CUSTOMER, &credentials(GRAPH_SCOPE, CLIENT_SECRET));
    assert_eq!(forbidden.status, 400);
    assert_eq!(error_code(&forbidden), ("invalid_grant".into(), 65_001));
    assert!(forbidden.json()["error_description"]
        .as_str()
        .unwrap()
        .contains("has not consented"));

    let malformed = token_request(
        &base,
        "not_a_tenant",
        &credentials(GRAPH_SCOPE, CLIENT_SECRET),
    );
    assert_eq!(malformed.status, 400);
    assert_eq!(error_code(&malformed), ("invalid_request".into(), 90_002));

    let scope = token_request(
        &base,
        PARTNER_TENANT,
        &credentials("https://management.azure.com/.default", CLIENT_SECRET),
    );
    assert_eq!(scope.status, 400);
    assert_eq!(error_code(&scope).0, "invalid_scope");

    let partner_scope_elsewhere = token_request(
        &base,
        "fabrikam.onmicrosoft.com",
        &credentials(PARTNER_CENTER_SCOPE, CLIENT_SECRET),
    );
    assert_eq!(partner_scope_elsewhere.status, 400);
    assert_eq!(error_code(&partner_scope_elsewhere).0, "invalid_scope");

    // A rotated secret: the old one is refused, the new one works.
    cloud.set_client_secret("rotated");
    let old = token_request(
        &base,
        PARTNER_TENANT,
        &credentials(GRAPH_SCOPE, CLIENT_SECRET),
    );
    assert_eq!(old.status, 401);
    let new = token_request(&base, PARTNER_TENANT, &credentials(GRAPH_SCOPE, "rotated"));
    assert_eq!(new.status, 200);

    // The log never keeps a secret.
    let logged = cloud.requests();
    assert!(logged
        .iter()
        .all(|r| !r.body.as_deref().unwrap_or("").contains(CLIENT_SECRET)
            && !r.body.as_deref().unwrap_or("").contains("rotated")));
    assert!(logged[0]
        .body
        .as_deref()
        .unwrap()
        .contains("client_secret=REDACTED"));
}

#[test]
fn a_token_expires_after_its_lifetime() {
    let cloud = FakeCloud::start(Config {
        token_lifetime: Duration::from_secs(1),
        referrals: 3,
        ..Config::default()
    })
    .unwrap();
    let base = cloud.base_url();
    let t = token(&base, PARTNER_TENANT, PARTNER_CENTER_SCOPE);
    let url = format!("{base}/v1.0/engagements/referrals");
    assert_eq!(get(&url, Some(&t)).status, 200);
    std::thread::sleep(Duration::from_millis(1100));
    let expired = get(&url, Some(&t));
    assert_eq!(expired.status, 401);
    assert!(expired
        .header("WWW-Authenticate")
        .unwrap()
        .contains("The access token expired"));
}

#[test]
fn expired_tokens_and_tokens_for_the_other_api_get_401() {
    let cloud = cloud(3);
    let base = cloud.base_url();
    let partner = token(&base, PARTNER_TENANT, PARTNER_CENTER_SCOPE);
    let graph = token(&base, PARTNER_TENANT, GRAPH_SCOPE);
    let referrals = format!("{base}/v1.0/engagements/referrals");
    let report = format!("{base}/v1.0/reports/getEmailActivityUserDetail(period='D7')");

    let none = get(&referrals, None);
    assert_eq!(none.status, 401);
    assert_eq!(none.header("WWW-Authenticate"), Some("Bearer"));
    assert_eq!(get(&referrals, Some(&graph)).status, 401);
    let wrong = get(&report, Some(&partner));
    assert_eq!(wrong.status, 401);
    assert_eq!(wrong.json()["error"]["code"], "InvalidAuthenticationToken");

    cloud.expire_tokens();
    let expired = get(&referrals, Some(&partner));
    assert_eq!(expired.status, 401);
    assert_eq!(
        expired.header("WWW-Authenticate"),
        Some(r#"Bearer error="invalid_token", error_description="The access token expired""#)
    );
    assert_eq!(get(&report, Some(&graph)).status, 401);
    let fresh = token(&base, PARTNER_TENANT, PARTNER_CENTER_SCOPE);
    assert_eq!(get(&referrals, Some(&fresh)).status, 200);
}
