//! Control endpoints under `/_fake/` for end-to-end tests that cannot call Rust (Node):
//! faults, edits "made in Partner Center", new referrals, and the request log. No token:
//! the server listens on loopback only.

use std::time::Duration;

use serde_json::{json, Value};

use crate::faults::Faults;
use crate::http::{Incoming, Reply};
use crate::state::{lock, Shared};
use std::sync::Arc;

/// The control endpoints' path.
pub(crate) const CONTROL: &str = "/_fake/";

fn ok(extra: Value) -> Reply {
    let mut body = json!({ "ok": true });
    if let (Some(b), Value::Object(extra)) = (body.as_object_mut(), extra) {
        b.extend(extra);
    }
    Reply::json(200, &body)
}

fn bad(message: impl Into<String>) -> Reply {
    Reply::json(400, &json!({ "ok": false, "error": message.into() }))
}

/// A whole number from the body (`n`, `status`, …), or its default.
fn number(body: &Value, key: &str, default: u64) -> Result<u64, Reply> {
    match body.get(key) {
        None | Some(Value::Null) => Ok(default),
        Some(v) => v
            .as_u64()
            .ok_or_else(|| bad(format!("'{key}' must be a whole number ≥ 0"))),
    }
}

/// Answers a request under [`CONTROL`].
pub(crate) fn handle(shared: &Arc<Shared>, request: &Incoming) -> Reply {
    let faults = Faults {
        shared: Arc::clone(shared),
    };
    let what = request.path[CONTROL.len()..].trim_end_matches('/');
    // An empty body is an empty object: `POST /_fake/expire-tokens` needs none.
    let body = if request.body.iter().all(u8::is_ascii_whitespace) {
        json!({})
    } else {
        match request.json() {
            Ok(v) => v,
            Err(reason) => return bad(reason),
        }
    };
    let result = match (request.method.as_str(), what) {
        ("POST", "throttle") => (|| {
            let n = number(&body, "n", 1)? as u32;
            faults.throttle_next(n, number(&body, "retryAfter", 1)?);
            Ok(ok(json!({})))
        })(),
        ("POST", "fail") => (|| {
            let n = number(&body, "n", 1)? as u32;
            let status = number(&body, "status", 503)?;
            if !(400..=599).contains(&status) {
                return Err(bad("'status' must be an error status (400 to 599)"));
            }
            faults.fail_next(n, status as u16);
            Ok(ok(json!({})))
        })(),
        ("POST", "malformed") => number(&body, "n", 1).map(|n| {
            faults.malformed_next(n as u32);
            ok(json!({}))
        }),
        ("POST", "latency") => number(&body, "ms", 0).map(|ms| {
            faults.set_latency(Duration::from_millis(ms));
            ok(json!({}))
        }),
        ("POST", "clear-faults") => {
            faults.clear();
            Ok(ok(json!({})))
        }
        ("POST", "expire-tokens") => {
            faults.expire_tokens();
            Ok(ok(json!({})))
        }
        ("POST", "client-secret") => match body.get("secret").and_then(Value::as_str) {
            Some(secret) => {
                faults.set_client_secret(secret);
                Ok(ok(json!({})))
            }
            None => Err(bad("'secret' is required")),
        },
        ("POST", "forbid-tenant") => match body.get("tenant").and_then(Value::as_str) {
            Some(tenant) => {
                faults.forbid_tenant(tenant);
                Ok(ok(json!({})))
            }
            None => Err(bad("'tenant' is required")),
        },
        ("POST", "edit-referral") => edit_referral(shared, &body),
        ("POST", "add-referrals") => number(&body, "n", 1).map(|n| {
            let ids = shared.referrals().add_fresh(n as usize, chrono::Utc::now());
            ok(json!({ "ids": ids }))
        }),
        ("GET", "requests") => Ok(Reply::json(200, &json!(*lock(&shared.log)))),
        ("DELETE", "requests") | ("POST", "clear-requests") => {
            lock(&shared.log).clear();
            Ok(ok(json!({})))
        }
        ("GET", path) if path.starts_with("referral/") => {
            let id = &path["referral/".len()..];
            match shared.referrals().get(id) {
                Some(referral) => Ok(Reply::json(200, referral)),
                None => Err(Reply::json(
                    404,
                    &json!({ "ok": false, "error": format!("no referral '{id}'") }),
                )),
            }
        }
        _ => Err(Reply::json(
            404,
            &json!({ "ok": false, "error": format!("no control endpoint {} {}", request.method, request.path) }),
        )),
    };
    result.unwrap_or_else(|reply| reply)
}

/// `POST /_fake/edit-referral {"id", "status", "substatus", "statusReason", "name",
/// "dealValue", "currency", "notes", "closingDateTime"}`: any subset but `id`, applied as
/// written (no transition check: this is Microsoft's side changing things).
fn edit_referral(shared: &Shared, body: &Value) -> Result<Reply, Reply> {
    let id = body
        .get("id")
        .and_then(Value::as_str)
        .ok_or_else(|| bad("'id' is required"))?;
    let edited = shared.referrals().update(id, |referral| {
        let Some(obj) = referral.as_object_mut() else {
            return;
        };
        for key in [
            "status",
            "substatus",
            "statusReason",
            "name",
            "externalReferenceId",
        ] {
            if let Some(v) = body.get(key) {
                obj.insert(key.into(), v.clone());
            }
        }
        let details = obj.entry("details").or_insert_with(|| json!({}));
        for key in ["dealValue", "currency", "notes", "closingDateTime"] {
            if let (Some(v), Some(d)) = (body.get(key), details.as_object_mut()) {
                d.insert(key.into(), v.clone());
            }
        }
    });
    match edited {
        Some(referral) => Ok(Reply::json(200, &referral)),
        None => Err(Reply::json(
            404,
            &json!({ "ok": false, "error": format!("no referral '{id}'") }),
        )),
    }
}
