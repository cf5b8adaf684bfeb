//! Requests and replies as the handlers see them: decoded path and query, headers by name,
//! whole bodies. The transport is [`crate::server`]'s.

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, CONTROLS};
use serde_json::{json, Value};

/// One request, read whole.
#[derive(Debug, Clone)]
pub(crate) struct Incoming {
    /// `GET`, `POST`…
    pub method: String,
    /// The path, percent-decoded (`/v1.0/reports/getX(period='D7')`).
    pub path: String,
    /// The path and query as sent.
    pub raw_url: String,
    /// The query's pairs, decoded.
    pub query: Vec<(String, String)>,
    /// Headers as sent.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
}

impl Incoming {
    /// Builds a request from its parts.
    pub fn new(method: &str, raw_url: &str, headers: Vec<(String, String)>, body: Vec<u8>) -> Self {
        let (path, query) = raw_url.split_once('?').unwrap_or((raw_url, ""));
        Self {
            method: method.to_ascii_uppercase(),
            path: percent_decode_str(path).decode_utf8_lossy().into_owned(),
            raw_url: raw_url.to_owned(),
            query: parse_query(query),
            headers,
            body,
        }
    }

    /// A header's value, the name compared without case.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// A query parameter, the name compared without case (`$top`, `$Top`).
    pub fn query(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The body as JSON; `Err` with a reason.
    pub fn json(&self) -> Result<Value, String> {
        if self.body.iter().all(u8::is_ascii_whitespace) {
            return Err("the request has no body".into());
        }
        serde_json::from_slice(&self.body).map_err(|e| format!("the body is not JSON: {e}"))
    }
}

/// Decodes a query. `+` is a space (HTML forms), as OData servers read it too.
pub(crate) fn parse_query(query: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(query.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// What a query value must have encoded: anything that would end or split it, and spaces.
const QUERY_VALUE: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'&')
    .add(b'+')
    .add(b'<')
    .add(b'>')
    .add(b'=')
    .add(b'\'')
    .add(b'`');

/// Encodes a query value.
pub(crate) fn encode_query_value(value: &str) -> String {
    utf8_percent_encode(value, QUERY_VALUE).to_string()
}

/// One reply.
#[derive(Debug, Clone)]
pub(crate) struct Reply {
    /// Status code.
    pub status: u16,
    /// Headers besides the ones the server adds (`Content-Length`, `Date`, `Server`).
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
}

impl Reply {
    /// A JSON reply.
    pub fn json(status: u16, body: &Value) -> Self {
        Self {
            status,
            headers: vec![(
                "Content-Type".into(),
                "application/json; charset=utf-8".into(),
            )],
            body: serde_json::to_vec(body).unwrap_or_default(),
        }
    }

    /// A reply with a plain-text body.
    pub fn text(status: u16, body: &str) -> Self {
        Self {
            status,
            headers: vec![("Content-Type".into(), "text/plain; charset=utf-8".into())],
            body: body.as_bytes().to_vec(),
        }
    }

    /// A Partner Center error: `{"code": …, "message": …}`.
    pub fn partner_error(status: u16, code: &str, message: impl Into<String>) -> Self {
        Self::json(
            status,
            &json!({ "code": code, "message": message.into(), "description": Value::Null }),
        )
    }

    /// A Microsoft Graph error: `{"error": {"code": …, "message": …, "innerError": …}}`.
    pub fn graph_error(status: u16, code: &str, message: impl Into<String>) -> Self {
        let request_id = crate::ids::guid(&mut rand::thread_rng());
        Self::json(
            status,
            &json!({ "error": {
                "code": code,
                "message": message.into(),
                "innerError": {
                    "date": crate::ids::api_time(chrono::Utc::now()),
                    "request-id": request_id,
                    "client-request-id": request_id,
                },
            }}),
        )
    }

    /// Adds a header.
    pub fn with_header(mut self, name: &str, value: impl Into<String>) -> Self {
        self.headers.push((name.to_owned(), value.into()));
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_values_round_trip() {
        let value = "updatedDateTime ge 2026-11-01T00:00:00+01:00 and status eq 'New'";
        let url = format!("/x?$filter={}&$top=5", encode_query_value(value));
        let request = Incoming::new("get", &url, Vec::new(), Vec::new());
        assert_eq!(request.query("$FILTER"), Some(value));
        assert_eq!(request.query("$top"), Some("5"));
        assert_eq!(request.method, "GET");
    }
}
