use std::time::{Duration, Instant};

use partner_advisor_fake_cloud::{GRAPH_SCOPE, PARTNER_CENTER_SCOPE, PARTNER_TENANT};

use crate::client::{get, token};
use crate::cloud;

#[test]
fn throttling_then_server_errors_then_normal_service() {
    let cloud = cloud(20);
    let base = cloud.base_url();
    let t = token(&base, PARTNER_TENANT, PARTNER_CENTER_SCOPE);
    let url = format!("{base}/v1.0/engagements/referrals");
    cloud.throttle_next(2, 7);
    cloud.fail_next(1, 503);
    // Token requests are not throttled.
    token(&base, PARTNER_TENANT, PARTNER_CENTER_SCOPE);
    for _ in 0..2 {
        let throttled = get(&url, Some(&t));
        assert_eq!(throttled.status, 429);
        assert_eq!(throttled.header("Retry-After"), Some("7"));
        assert_eq!(throttled.json()["code"], "TooManyRequests");
    }
    let failed = get(&url, Some(&t));
    assert_eq!(failed.status, 503);
    assert_eq!(failed.json()["code"], "ServiceUnavailable");
    assert_eq!(get(&url, Some(&t)).status, 200);

    // Graph's errors have Graph's shape.
    let g = token(&base, "contoso.onmicrosoft.com", GRAPH_SCOPE);
    cloud.fail_next(1, 500);
    let failed = get(
        &format!("{base}/v1.0/reports/getEmailActivityUserDetail(period='D7')"),
        Some(&g),
    );
    assert_eq!(failed.status, 500);
    assert_eq!(failed.json()["error"]["code"], "InternalServerError");
}

#[test]
fn a_malformed_page_is_truncated_json() {
    let cloud = cloud(20);
    let base = cloud.base_url();
    let t = token(&base, PARTNER_TENANT, PARTNER_CENTER_SCOPE);
    let url = format!("{base}/v1.0/engagements/referrals");
    cloud.malformed_next(1);
    let broken = get(&url, Some(&t));
    assert_eq!(broken.status, 200);
    assert!(broken.header("Content-Type").unwrap().contains("json"));
    assert!(serde_json::from_slice::<serde_json::Value>(&broken.body).is_err());
    assert!(!broken.body.is_empty());
    assert_eq!(
        get(&url, Some(&t)).json()["value"]
            .as_array()
            .unwrap()
            .len(),
        20
    );
}

#[test]
fn latency_is_added_to_each_request() {
    let cloud = cloud(1);
    let base = cloud.base_url();
    let t = token(&base, PARTNER_TENANT, PARTNER_CENTER_SCOPE);
    cloud.set_latency(Duration::from_millis(150));
    let started = Instant::now();
    assert_eq!(
        get(&format!("{base}/v1.0/engagements/referrals"), Some(&t)).status,
        200
    );
    assert!(started.elapsed() >= Duration::from_millis(150));
}
