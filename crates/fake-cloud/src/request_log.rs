//! What the server was asked: for tests that check the client's requests (headers, bodies,
//! whether it retried), without ever keeping a secret or a token.

use serde::Serialize;

use crate::http::Incoming;

/// One request the server answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestLog {
    /// `GET`, `POST`, `PUT`…
    pub method: String,
    /// Path and query, as sent.
    pub path: String,
    /// The status answered.
    pub status: u16,
    /// Whether an `Authorization` header was sent (its value is never kept).
    pub authorization: bool,
    /// The body of a `POST` or `PUT`, as text; a token request's `client_secret` is `REDACTED`.
    pub body: Option<String>,
    /// The headers sent, except `Authorization`.
    pub headers: Vec<(String, String)>,
}

impl RequestLog {
    /// The entry for a request and its status.
    pub(crate) fn of(request: &Incoming, status: u16) -> Self {
        let body = matches!(request.method.as_str(), "POST" | "PUT" | "PATCH").then(|| {
            if request.path.ends_with("/oauth2/v2.0/token") {
                redact_secret(&request.body)
            } else {
                String::from_utf8_lossy(&request.body).into_owned()
            }
        });
        Self {
            method: request.method.clone(),
            path: request.raw_url.clone(),
            status,
            authorization: request.header("Authorization").is_some(),
            body,
            headers: request
                .headers
                .iter()
                .filter(|(k, _)| !k.eq_ignore_ascii_case("Authorization"))
                .cloned()
                .collect(),
        }
    }

    /// A header's value, the name compared without case.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// The form body with `client_secret` (and a client assertion) replaced by `REDACTED`.
fn redact_secret(body: &[u8]) -> String {
    let mut out = form_urlencoded::Serializer::new(String::new());
    for (k, v) in form_urlencoded::parse(body) {
        let secret = matches!(k.as_ref(), "client_secret" | "client_assertion");
        out.append_pair(&k, if secret { "REDACTED" } else { &v });
    }
    out.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_secret_is_redacted() {
        let body = b"grant_type=client_credentials&client_id=abc&client_secret=s3cr%2Bt&scope=x";
        let redacted = redact_secret(body);
        assert!(!redacted.contains("s3cr"));
        assert!(redacted.contains("client_secret=REDACTED"));
        assert!(redacted.contains("client_id=abc"));
    }
}
