//! A tiny blocking HTTP/1.1 client over `TcpStream` (one request per connection), enough to
//! talk to the fake cloud without pulling an HTTP client crate into the workspace.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use partner_advisor_fake_cloud::{CLIENT_ID, CLIENT_SECRET};
use serde_json::Value;

/// A response, read whole.
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Sends one request to an absolute `http://host:port/path` URL.
pub fn request(method: &str, url: &str, headers: &[(&str, &str)], body: &[u8]) -> Response {
    let rest = url.strip_prefix("http://").expect("an http:// URL");
    let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let path = if path.is_empty() { "/" } else { path };
    let mut stream = TcpStream::connect(host).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(body).unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a response head");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .expect("a status line");
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    if let Some(n) = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("Content-Length"))
        .and_then(|(_, v)| v.parse::<usize>().ok())
    {
        body.truncate(n);
    }
    Response {
        status,
        headers,
        body,
    }
}

pub fn get(url: &str, token: Option<&str>) -> Response {
    let auth = token.map(|t| format!("Bearer {t}"));
    let headers: Vec<(&str, &str)> = auth
        .as_deref()
        .map(|a| vec![("Authorization", a)])
        .unwrap_or_default();
    request("GET", url, &headers, b"")
}

pub fn post_json(url: &str, body: &Value) -> Response {
    request(
        "POST",
        url,
        &[("Content-Type", "application/json")],
        body.to_string().as_bytes(),
    )
}

pub fn put_json(url: &str, token: &str, if_match: Option<&str>, body: &Value) -> Response {
    let auth = format!("Bearer {token}");
    let mut headers = vec![
        ("Authorization", auth.as_str()),
        ("Content-Type", "application/json"),
    ];
    if let Some(etag) = if_match {
        headers.push(("If-Match", etag));
    }
    request("PUT", url, &headers, body.to_string().as_bytes())
}

/// A token request with these form fields.
pub fn token_request(base: &str, tenant: &str, form: &[(&str, &str)]) -> Response {
    let mut body = form_urlencoded::Serializer::new(String::new());
    for (k, v) in form {
        body.append_pair(k, v);
    }
    request(
        "POST",
        &format!("{base}/{tenant}/oauth2/v2.0/token"),
        &[("Content-Type", "application/x-www-form-urlencoded")],
        body.finish().as_bytes(),
    )
}

/// The usual client credentials request.
pub fn credentials<'a>(scope: &'a str, secret: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("grant_type", "client_credentials"),
        ("client_id", CLIENT_ID),
        ("client_secret", secret),
        ("scope", scope),
    ]
}

/// An access token, or a panic.
pub fn token(base: &str, tenant: &str, scope: &str) -> String {
    let response = token_request(base, tenant, &credentials(scope, CLIENT_SECRET));
    assert_eq!(response.status, 200, "{}", response.text());
    response.json()["access_token"]
        .as_str()
        .expect("access_token")
        .to_owned()
}
