//! Microsoft Graph usage reports: `GET /v1.0/reports/{function}(period='D7')` (or
//! `(date=YYYY-MM-DD)`) answers 302 to a pre-authenticated, short-lived CSV download, as Graph
//! does; `GET /_downloads/{name}.csv` serves it without a token.

use chrono::Days;

use crate::api_auth::authenticate;
use crate::downloads::Unavailable;
use crate::http::{Incoming, Reply};
use crate::state::{lock, Shared};
use crate::tokens::Audience;
use crate::usage_csv::{report, takes_a_day, Window, FUNCTIONS};

/// The reports' path.
pub(crate) const REPORTS: &str = "/v1.0/reports/";
/// The downloads' path.
pub(crate) const DOWNLOADS: &str = "/_downloads/";

fn bad_request(message: impl Into<String>) -> Reply {
    Reply::graph_error(400, "BadRequest", message)
}

/// Answers a request under [`REPORTS`].
pub(crate) fn report_call(shared: &Shared, request: &Incoming) -> Reply {
    if request.method != "GET" {
        return Reply::graph_error(405, "Request_BadRequest", "Only GET is supported");
    }
    let tenant = match authenticate(shared, request, Audience::Graph) {
        Ok(tenant) => tenant,
        Err(refused) => return refused,
    };
    if shared.is_forbidden(&tenant) {
        return Reply::graph_error(
            403,
            "Authorization_RequestDenied",
            "Insufficient privileges to complete the operation.",
        );
    }
    let call = &request.path[REPORTS.len()..];
    let (function, args) = match call.split_once('(') {
        Some((f, rest)) => (f, rest.strip_suffix(')')),
        None => (call, None),
    };
    let Some(function) = FUNCTIONS.iter().find(|f| f.eq_ignore_ascii_case(function)) else {
        return bad_request(format!("Resource not found for the segment '{function}'."));
    };
    let Some((name, value)) = args.and_then(|a| a.split_once('=')) else {
        return bad_request(format!(
            "{function} needs a period ('D7', 'D30', 'D90', 'D180') or a date"
        ));
    };
    let value = value.trim().trim_matches('\'');
    let window = match name.trim().to_ascii_lowercase().as_str() {
        "period" => match value.to_ascii_uppercase().as_str() {
            "D7" => Window::Period(7),
            "D30" => Window::Period(30),
            "D90" => Window::Period(90),
            "D180" => Window::Period(180),
            _ => {
                return bad_request(format!(
                    "Invalid period '{value}': supported values are D7, D30, D90 and D180."
                ))
            }
        },
        "date" if takes_a_day(function) => {
            let Ok(day) = chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d") else {
                return bad_request(format!("Invalid date '{value}': expected YYYY-MM-DD."));
            };
            let latest = shared.config.report_date;
            let earliest = latest.checked_sub_days(Days::new(30)).unwrap_or(latest);
            if day < earliest || day > latest {
                return bad_request(format!(
                    "Invalid date '{value}': the date must be within the last 30 days \
                     ({earliest} to {latest})."
                ));
            }
            Window::Day(day)
        }
        _ => return bad_request(format!("Invalid parameter '{name}' for {function}.")),
    };
    match request.query("$format") {
        None => {}
        Some(f) if f.eq_ignore_ascii_case("text/csv") => {}
        Some(f) => return bad_request(format!("$format '{f}' is not served here: only text/csv")),
    }
    let name =
        lock(&shared.downloads).create(&tenant, function, window, shared.config.download_lifetime);
    let mut reply = Reply::text(302, "");
    reply.headers.clear();
    reply.with_header("Location", format!("{}{DOWNLOADS}{name}", shared.base_url))
}

/// Answers `GET /_downloads/{name}`: the CSV, with no token needed.
pub(crate) fn download(shared: &Shared, request: &Incoming) -> Reply {
    let name = &request.path[DOWNLOADS.len()..];
    let found = lock(&shared.downloads).get(name, shared.config.download_lifetime);
    match found {
        Ok(d) => match report(&d.function, &d.tenant, shared.config.report_date, d.window) {
            Some(csv) => Reply {
                status: 200,
                headers: vec![("Content-Type".into(), "application/octet-stream".into())],
                body: csv,
            },
            None => Reply::text(404, "No such report"),
        },
        Err(Unavailable::Expired) => Reply::text(
            403,
            "AuthenticationFailed: the download link expired (links are valid for 5 minutes)",
        ),
        Err(Unavailable::Unknown) => Reply::text(404, "BlobNotFound: no such download"),
    }
}
