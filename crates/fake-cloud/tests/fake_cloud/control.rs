use partner_advisor_fake_cloud::{PARTNER_CENTER_SCOPE, PARTNER_TENANT};
use serde_json::json;

use crate::client::{get, post_json, request, token};
use crate::cloud;

#[test]
fn control_endpoints_drive_faults_and_data() {
    let cloud = cloud(10);
    let base = cloud.base_url();
    let t = token(&base, PARTNER_TENANT, PARTNER_CENTER_SCOPE);
    let list = format!("{base}/v1.0/engagements/referrals");
    let control = |what: &str, body: serde_json::Value| {
        let response = post_json(&format!("{base}/_fake/{what}"), &body);
        assert_eq!(response.status, 200, "{what}: {}", response.text());
        response.json()
    };

    control("throttle", json!({"n": 1, "retryAfter": 2}));
    let throttled = get(&list, Some(&t));
    assert_eq!(
        (throttled.status, throttled.header("Retry-After")),
        (429, Some("2"))
    );

    control("fail", json!({"n": 1, "status": 502}));
    assert_eq!(get(&list, Some(&t)).status, 502);

    control("malformed", json!({"n": 1}));
    assert!(serde_json::from_slice::<serde_json::Value>(&get(&list, Some(&t)).body).is_err());

    let expire = request("POST", &format!("{base}/_fake/expire-tokens"), &[], b"");
    assert_eq!(expire.status, 200);
    assert_eq!(get(&list, Some(&t)).status, 401);
    let t = token(&base, PARTNER_TENANT, PARTNER_CENTER_SCOPE);

    let id = cloud.referrals()[0]["id"].as_str().unwrap().to_owned();
    let before = cloud.referral(&id).unwrap();
    let edited = control(
        "edit-referral",
        json!({"id": id, "status": "Active", "substatus": "Accepted", "dealValue": 123, "notes": "from the portal"}),
    );
    assert_eq!(edited["substatus"], "Accepted");
    assert_ne!(edited["eTag"], before["eTag"]);
    let seen = get(&format!("{base}/_fake/referral/{id}"), None).json();
    assert_eq!(seen["details"]["dealValue"], 123);
    assert_eq!(seen["details"]["notes"], "from the portal");
    assert_eq!(
        get(&format!("{base}/_fake/referral/nope"), None).status,
        404
    );

    let added = control("add-referrals", json!({"n": 5}));
    assert_eq!(added["ids"].as_array().unwrap().len(), 5);
    let page = get(&list, Some(&t)).json();
    assert_eq!(page["totalCount"], 15);
    let fresh = cloud.referral(added["ids"][0].as_str().unwrap()).unwrap();
    assert_eq!(
        (fresh["status"].as_str(), fresh["substatus"].as_str()),
        (Some("New"), Some("Received"))
    );

    let log = get(&format!("{base}/_fake/requests"), None).json();
    let log = log.as_array().unwrap();
    assert!(log
        .iter()
        .any(|r| r["status"] == 429 && r["authorization"] == true));
    assert!(log
        .iter()
        .all(|r| !r["path"].as_str().unwrap().starts_with("/_fake/")));
    assert_eq!(
        post_json(&format!("{base}/_fake/nothing"), &json!({})).status,
        404
    );
}
