use std::collections::HashSet;

use partner_advisor_fake_cloud::{PARTNER_CENTER_SCOPE, PARTNER_TENANT};
use serde_json::{json, Value};

use crate::client::{get, put_json, token};
use crate::cloud;

/// Every page from `first`, following `@odata.nextLink`.
fn all_pages(first: &str, token: &str) -> Vec<Value> {
    let mut pages = Vec::new();
    let mut next = Some(first.to_owned());
    while let Some(url) = next {
        let response = get(&url, Some(token));
        assert_eq!(response.status, 200, "{}", response.text());
        let page = response.json();
        next = page["@odata.nextLink"].as_str().map(str::to_owned);
        pages.push(page);
        assert!(pages.len() < 1000, "paging does not end");
    }
    pages
}

fn ids(pages: &[Value]) -> Vec<String> {
    pages
        .iter()
        .flat_map(|p| p["value"].as_array().unwrap().iter())
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn paging_250_referrals_by_100_gives_3_pages_and_every_id_once() {
    let cloud = cloud(250);
    let base = cloud.base_url();
    let t = token(&base, PARTNER_TENANT, PARTNER_CENTER_SCOPE);
    let pages = all_pages(&format!("{base}/v1.0/engagements/referrals?$top=100"), &t);
    assert_eq!(pages.len(), 3);
    assert!(pages.iter().all(|p| p["totalCount"] == 250));
    assert!(pages[0]["@odata.nextLink"]
        .as_str()
        .unwrap()
        .starts_with(&format!("{base}/v1.0/engagements/referrals?")));
    let seen = ids(&pages);
    let unique: HashSet<&String> = seen.iter().collect();
    assert_eq!((seen.len(), unique.len()), (250, 250));
    // The default order: updatedDateTime ascending.
    let times: Vec<&str> = pages
        .iter()
        .flat_map(|p| p["value"].as_array().unwrap().iter())
        .map(|r| r["updatedDateTime"].as_str().unwrap())
        .collect();
    assert!(times.windows(2).all(|w| w[0] <= w[1]));
}

#[test]
fn a_thousand_generated_referrals_read_without_errors() {
    let cloud = cloud(1000);
    let base = cloud.base_url();
    let t = token(&base, PARTNER_TENANT, PARTNER_CENTER_SCOPE);
    let mut next = Some(format!("{base}/v1.0/engagements/referrals"));
    let mut records = 0;
    let mut statuses = HashSet::new();
    while let Some(url) = next {
        let response = get(&url, Some(&t));
        let file = partner_advisor_formats::read_referrals_json(&response.body).unwrap();
        let problems: Vec<String> = file
            .report
            .problems
            .iter()
            .map(|p| format!("{:?} {:?}: {}", p.line, p.column, p.reason))
            .collect();
        assert!(problems.is_empty(), "{problems:#?}");
        assert_eq!(file.total_count, Some(1000));
        records += file.records.len();
        statuses.extend(
            file.records
                .iter()
                .map(|r| format!("{:?}/{:?}", r.status, r.substatus)),
        );
        next = file.next_link;
    }
    assert_eq!(records, 1000);
    assert!(statuses.len() >= 6, "{statuses:?}");
}

#[test]
fn filters_and_orders() {
    let cloud = cloud(300);
    let base = cloud.base_url();
    let t = token(&base, PARTNER_TENANT, PARTNER_CENTER_SCOPE);
    let all = cloud.referrals();
    let mut times: Vec<String> = all
        .iter()
        .map(|r| r["updatedDateTime"].as_str().unwrap().to_owned())
        .collect();
    times.sort();
    let since = &times[times.len() / 2];
    let expected = times
        .iter()
        .filter(|t| t.as_str() >= since.as_str())
        .count();
    let filter = format!("updatedDateTime ge {since}");
    let url = format!(
        "{base}/v1.0/engagements/referrals?$filter={}",
        filter.replace(' ', "%20")
    );
    let pages = all_pages(&url, &t);
    assert_eq!(ids(&pages).len(), expected);
    assert_eq!(pages[0]["totalCount"], expected);

    let new = all
        .iter()
        .filter(|r| r["status"] == "New" && r["substatus"] == "Received")
        .count();
    let url = format!(
        "{base}/v1.0/engagements/referrals?$filter=status+eq+'New'+and+substatus+eq+'Received'"
    );
    assert_eq!(ids(&all_pages(&url, &t)).len(), new);

    let url = format!("{base}/v1.0/engagements/referrals?$orderby=createdDateTime%20desc&$top=50");
    let pages = all_pages(&url, &t);
    let created: Vec<&str> = pages
        .iter()
        .flat_map(|p| p["value"].as_array().unwrap().iter())
        .map(|r| r["createdDateTime"].as_str().unwrap())
        .collect();
    assert_eq!(created.len(), 300);
    assert!(created.windows(2).all(|w| w[0] >= w[1]));

    for bad in [
        "$filter=colour%20eq%20'red'",
        "$filter=updatedDateTime%20ge%20yesterday",
        "$top=0",
        "$top=101",
        "$orderby=name",
        "$skipToken=zz",
    ] {
        let response = get(
            &format!("{base}/v1.0/engagements/referrals?{bad}"),
            Some(&t),
        );
        assert_eq!(response.status, 400, "{bad}");
        assert_eq!(response.json()["code"], "BadRequest");
    }
}

#[test]
fn an_edit_in_partner_center_shows_in_an_incremental_pull() {
    let cloud = cloud(50);
    let base = cloud.base_url();
    let t = token(&base, PARTNER_TENANT, PARTNER_CENTER_SCOPE);
    let latest = cloud
        .referrals()
        .iter()
        .map(|r| r["updatedDateTime"].as_str().unwrap().to_owned())
        .max()
        .unwrap();
    let id = cloud.referrals()[7]["id"].as_str().unwrap().to_owned();
    let before = cloud.referral(&id).unwrap();
    let edited = cloud
        .edit_referral(&id, |r| {
            r["details"]["notes"] = json!("Call back on Monday")
        })
        .unwrap();
    assert_ne!(edited["eTag"], before["eTag"]);
    let url = format!("{base}/v1.0/engagements/referrals?$filter=updatedDateTime%20gt%20{latest}");
    let page = get(&url, Some(&t)).json();
    assert_eq!(page["value"].as_array().unwrap().len(), 1);
    assert_eq!(page["value"][0]["id"], id.as_str());
    assert_eq!(page["value"][0]["details"]["notes"], "Call back on Monday");
}

#[test]
fn put_needs_the_current_etag_and_an_allowed_move() {
    let cloud = cloud(100);
    let base = cloud.base_url();
    let t = token(&base, PARTNER_TENANT, PARTNER_CENTER_SCOPE);
    let new = cloud
        .referrals()
        .into_iter()
        .find(|r| r["status"] == "New" && r["substatus"] == "Received")
        .unwrap();
    let id = new["id"].as_str().unwrap();
    let url = format!("{base}/v1.0/engagements/referrals/{id}");

    let read = get(&url, Some(&t));
    assert_eq!(read.status, 200);
    let etag = read.header("ETag").unwrap().to_owned();
    assert_eq!(etag, new["eTag"].as_str().unwrap());
    assert_eq!(
        get(&format!("{base}/v1.0/engagements/referrals/nope"), Some(&t)).status,
        404
    );

    let mut accepted = read.json();
    accepted["status"] = json!("Active");
    accepted["substatus"] = json!("Accepted");
    accepted["details"]["dealValue"] = json!(12500.0);
    accepted["details"]["currency"] = json!("EUR");
    accepted["details"]["notes"] = json!("Meeting on Tuesday");

    let mut no_etag = accepted.clone();
    no_etag.as_object_mut().unwrap().remove("eTag");
    assert_eq!(put_json(&url, &t, None, &no_etag).status, 428);

    let ok = put_json(&url, &t, Some(&etag), &accepted);
    assert_eq!(ok.status, 200, "{}", ok.text());
    let stored = ok.json();
    let new_etag = ok.header("ETag").unwrap().to_owned();
    assert_ne!(new_etag, etag);
    assert_eq!(stored["eTag"], new_etag.as_str());
    assert_eq!(stored["status"], "Active");
    assert_eq!(stored["details"]["dealValue"], 12500.0);
    assert_eq!(stored["details"]["notes"], "Meeting on Tuesday");
    assert!(stored["details"]["requirements"].is_object());
    assert_eq!(cloud.referral(id).unwrap(), stored);

    // The old eTag: someone changed the referral since.
    let stale = put_json(&url, &t, Some(&etag), &accepted);
    assert_eq!(stale.status, 412);
    assert_eq!(
        stale.json(),
        json!({"code": "PreconditionFailed", "message": "The referral was changed since you read it", "description": null})
    );

    // The eTag in the body stands in for a missing If-Match.
    let mut won = stored.clone();
    won["status"] = json!("Closed");
    won["substatus"] = json!("Won");
    let closed = put_json(&url, &t, None, &won);
    assert_eq!(closed.status, 200, "{}", closed.text());
    let closed = closed.json();

    // Closed stays closed.
    let mut reopen = closed.clone();
    reopen["status"] = json!("Active");
    reopen["substatus"] = json!("Accepted");
    let refused = put_json(&url, &t, closed["eTag"].as_str(), &reopen);
    assert_eq!(refused.status, 400);
    let message = refused.json()["message"].as_str().unwrap().to_owned();
    assert!(
        message.contains("Closed/Won") && message.contains("Active/Accepted"),
        "{message}"
    );

    // A substatus of another status.
    let mut mismatched = closed.clone();
    mismatched["substatus"] = json!("Accepted");
    let refused = put_json(&url, &t, closed["eTag"].as_str(), &mismatched);
    assert_eq!(refused.status, 400);
    assert!(refused.json()["message"]
        .as_str()
        .unwrap()
        .contains("does not go with"));

    let logged = cloud.requests();
    let put = logged
        .iter()
        .find(|r| r.method == "PUT" && r.status == 200)
        .unwrap();
    assert!(put.authorization);
    assert!(put.header("If-Match").is_some());
    assert!(put.body.as_deref().unwrap().contains("Meeting on Tuesday"));
}
