//! The Partner Center Referrals API: the list call with OData paging, one referral, and the
//! full-referral `PUT` guarded by its eTag and by the allowed status moves.

use serde_json::{json, Map, Value};

use crate::api_auth::authenticate;
use crate::http::{encode_query_value, Incoming, Reply};
use crate::odata::{parse_filter, parse_instant, parse_orderby, OrderBy};
use crate::referral_store::Cursor;
use crate::state::{lock, Shared};
use crate::tokens::Audience;
use crate::transitions::{canonical_status, canonical_substatus, check_move, substatuses};

/// The list call's path.
pub(crate) const REFERRALS: &str = "/v1.0/engagements/referrals";

fn bad_request(message: impl Into<String>) -> Reply {
    Reply::partner_error(400, "BadRequest", message)
}

/// Answers a request under [`REFERRALS`].
pub(crate) fn handle(shared: &Shared, request: &Incoming) -> Reply {
    if let Err(refused) = authenticate(shared, request, Audience::PartnerCenter) {
        return refused;
    }
    let rest = request.path[REFERRALS.len()..].trim_matches('/');
    match (request.method.as_str(), rest) {
        ("GET", "") => list(shared, request),
        ("GET", id) if !id.contains('/') => match shared.referrals().get(id) {
            Some(referral) => with_etag(Reply::json(200, referral), referral),
            None => not_found(id),
        },
        ("PUT", id) if !id.is_empty() && !id.contains('/') => update(shared, id, request),
        (_, rest) if rest.contains('/') => {
            Reply::partner_error(404, "NotFound", "No such resource")
        }
        _ => Reply::partner_error(405, "MethodNotAllowed", "The method is not allowed here"),
    }
}

fn not_found(id: &str) -> Reply {
    Reply::partner_error(404, "NotFound", format!("Referral '{id}' was not found"))
}

fn with_etag(reply: Reply, referral: &Value) -> Reply {
    match referral.get("eTag").and_then(Value::as_str) {
        Some(etag) => reply.with_header("ETag", etag),
        None => reply,
    }
}

/// `GET /v1.0/engagements/referrals?$filter=…&$orderby=…&$top=…&$skipToken=…`.
fn list(shared: &Shared, request: &Incoming) -> Reply {
    let top = match request.query("$top") {
        None => 100,
        Some(t) => match t.trim().parse::<usize>() {
            Ok(n) if (1..=100).contains(&n) => n,
            _ => return bad_request(format!("$top must be a number from 1 to 100, not '{t}'")),
        },
    };
    let filter = match request.query("$filter") {
        Some(f) if !f.trim().is_empty() => match parse_filter(f) {
            Ok(filter) => filter,
            Err(reason) => return bad_request(format!("Invalid $filter: {reason}")),
        },
        _ => Vec::new(),
    };
    let order = match request.query("$orderby") {
        Some(o) if !o.trim().is_empty() => match parse_orderby(o) {
            Ok(order) => order,
            Err(reason) => return bad_request(format!("Invalid $orderby: {reason}")),
        },
        _ => OrderBy::default(),
    };
    let after = match request.query("$skipToken") {
        Some(token) => match Cursor::decode(token.trim()) {
            Some(cursor) => Some(cursor),
            None => return bad_request("Invalid $skipToken"),
        },
        None => None,
    };
    let page = shared.referrals().page(&filter, order, after.as_ref(), top);
    let mut body = Map::new();
    body.insert("value".into(), Value::Array(page.items));
    body.insert("totalCount".into(), json!(page.total));
    if let Some(next) = page.next {
        let mut url = format!("{}{REFERRALS}?", shared.base_url);
        for name in ["$filter", "$orderby", "$top"] {
            if let Some(value) = request.query(name) {
                url.push_str(&format!("{name}={}&", encode_query_value(value)));
            }
        }
        url.push_str(&format!("$skipToken={}", next.encode()));
        body.insert("@odata.nextLink".into(), json!(url));
    }
    let mut reply = Reply::json(200, &Value::Object(body));
    if lock(&shared.faults).next_page_malformed() {
        // A connection cut mid-body: the client must not take half a page for a whole one.
        let cut = reply.body.len() / 2;
        reply.body.truncate(cut);
    }
    reply
}

/// An eTag without its weak marker and quotes, for comparing.
fn bare_etag(etag: &str) -> &str {
    let t = etag.trim();
    let t = t.strip_prefix("W/").unwrap_or(t);
    t.trim_matches('"')
}

/// `PUT /v1.0/engagements/referrals/{id}` with the whole referral.
fn update(shared: &Shared, id: &str, request: &Incoming) -> Reply {
    let body = match request.json() {
        Ok(Value::Object(body)) => body,
        Ok(_) => return bad_request("The body must be a referral object"),
        Err(reason) => return bad_request(reason),
    };
    // One lock from the eTag check to the write: two concurrent PUTs with the same eTag must
    // not both win.
    let mut store = shared.referrals();
    let Some(current) = store.get(id).cloned() else {
        return not_found(id);
    };
    let sent = request
        .header("If-Match")
        .map(str::to_owned)
        .or_else(|| body.get("eTag").and_then(Value::as_str).map(str::to_owned));
    let Some(sent) = sent else {
        return Reply::partner_error(
            428,
            "PreconditionRequired",
            "An If-Match header with the referral's eTag is required",
        );
    };
    let stored = current.get("eTag").and_then(Value::as_str).unwrap_or("");
    if sent.trim() != "*" && bare_etag(&sent) != bare_etag(stored) {
        return Reply::partner_error(
            412,
            "PreconditionFailed",
            "The referral was changed since you read it",
        );
    }
    if let Some(body_id) = body.get("id").and_then(Value::as_str) {
        if !body_id.eq_ignore_ascii_case(id) {
            return bad_request(format!(
                "The body's id '{body_id}' is not the referral's id '{id}'"
            ));
        }
    }
    let changes = match changes(&current, &body) {
        Ok(changes) => changes,
        Err(reason) => return bad_request(reason),
    };
    let updated = store.update(id, |referral| apply(referral, changes));
    drop(store);
    match updated {
        Some(referral) => with_etag(Reply::json(200, &referral), &referral),
        None => not_found(id),
    }
}

/// What a `PUT` changes, checked.
struct Changes {
    status: &'static str,
    substatus: &'static str,
    accepted_now: bool,
    /// Top-level keys to set (`Value::Null` removes).
    top: Vec<(&'static str, Value)>,
    /// Keys of `details` to set (`Value::Null` removes).
    details: Vec<(&'static str, Value)>,
}

fn text_of<'v>(v: &'v Value, key: &str) -> Option<&'v str> {
    v.get(key).and_then(Value::as_str)
}

/// Checks a `PUT` body against the stored referral. Absent keys keep their stored value; a key
/// sent as `null` is cleared.
fn changes(current: &Value, body: &Map<String, Value>) -> Result<Changes, String> {
    let from_status = text_of(current, "status").unwrap_or("New");
    let from_sub = text_of(current, "substatus").unwrap_or("Received");
    let status = match body.get("status") {
        None | Some(Value::Null) => canonical_status(from_status).unwrap_or("New"),
        Some(Value::String(s)) => canonical_status(s)
            .ok_or_else(|| format!("'{s}' is not a referral status (New, Active, Closed)"))?,
        Some(other) => return Err(format!("status must be text, not {other}")),
    };
    let substatus = match body.get("substatus") {
        None | Some(Value::Null) if status.eq_ignore_ascii_case(from_status) => {
            canonical_substatus(from_sub).unwrap_or("Received")
        }
        None | Some(Value::Null) => {
            return Err(format!(
                "a substatus is required with status '{status}' ({})",
                substatuses(status).join(", ")
            ))
        }
        Some(Value::String(s)) => canonical_substatus(s).ok_or_else(|| {
            format!("'{s}' is not a referral substatus (Pending, Received, Accepted, Won, Lost, Declined, Expired)")
        })?,
        Some(other) => return Err(format!("substatus must be text, not {other}")),
    };
    check_move((from_status, from_sub), (status, substatus))?;

    let mut top = Vec::new();
    for key in ["name", "externalReferenceId", "statusReason"] {
        match body.get(key) {
            None => {}
            Some(v @ (Value::String(_) | Value::Null)) => top.push((key, v.clone())),
            Some(other) => return Err(format!("{key} must be text, not {other}")),
        }
    }
    match body.get("team") {
        None => {}
        Some(v @ (Value::Array(_) | Value::Null)) => top.push(("team", v.clone())),
        Some(other) => return Err(format!("team must be a list of members, not {other}")),
    }
    let mut details = Vec::new();
    match body.get("details") {
        None | Some(Value::Null) => {}
        Some(Value::Object(d)) => {
            if let Some(v) = d.get("notes") {
                if !matches!(v, Value::String(_) | Value::Null) {
                    return Err(format!("details.notes must be text, not {v}"));
                }
                details.push(("notes", v.clone()));
            }
            if let Some(v) = d.get("dealValue") {
                match v {
                    Value::Null => {}
                    Value::Number(n) if n.as_f64().is_some_and(|x| x >= 0.0) => {}
                    _ => return Err(format!("details.dealValue must be a number ≥ 0, not {v}")),
                }
                details.push(("dealValue", v.clone()));
            }
            if let Some(v) = d.get("currency") {
                match v {
                    Value::Null => {}
                    Value::String(c)
                        if c.len() == 3 && c.bytes().all(|b| b.is_ascii_alphabetic()) => {}
                    _ => {
                        return Err(format!(
                            "details.currency must be an ISO 4217 code, not {v}"
                        ))
                    }
                }
                details.push(("currency", v.clone()));
            }
            if let Some(v) = d.get("closingDateTime") {
                match v {
                    Value::Null => {}
                    Value::String(t) if parse_instant(t).is_some() => {}
                    _ => {
                        return Err(format!(
                            "details.closingDateTime must be an ISO 8601 date-time, not {v}"
                        ))
                    }
                }
                details.push(("closingDateTime", v.clone()));
            }
        }
        Some(other) => return Err(format!("details must be an object, not {other}")),
    }
    Ok(Changes {
        status,
        substatus,
        accepted_now: status == "Active" && from_status != "Active",
        top,
        details,
    })
}

fn apply(referral: &mut Value, changes: Changes) {
    let Some(obj) = referral.as_object_mut() else {
        return;
    };
    obj.insert("status".into(), json!(changes.status));
    obj.insert("substatus".into(), json!(changes.substatus));
    if changes.accepted_now {
        obj.insert(
            "acceptedDateTime".into(),
            json!(crate::ids::api_time(chrono::Utc::now())),
        );
    }
    for (key, value) in changes.top {
        if value.is_null() {
            obj.remove(key);
        } else {
            obj.insert(key.into(), value);
        }
    }
    let details = obj
        .entry("details")
        .or_insert_with(|| Value::Object(Map::new()));
    if let Some(details) = details.as_object_mut() {
        for (key, value) in changes.details {
            if value.is_null() {
                details.remove(key);
            } else {
                details.insert(key.into(), value);
            }
        }
    }
}
