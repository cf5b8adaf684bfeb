//! The HTTP side: a small HTTP/1.1 server on 127.0.0.1 (one thread per connection, one request
//! per connection), and the routing of each request to its handler, with the injected latency
//! and faults and the request log around it.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use crate::faults::Injected;
use crate::http::{Incoming, Reply};
use crate::request_log::RequestLog;
use crate::state::{lock, Shared};
use crate::{control, graph, identity, partner_center};

/// How long a connection may take to send its request: a stuck client cannot hold a thread.
const READ_TIMEOUT: Duration = Duration::from_secs(30);
/// The largest request head or body accepted (the biggest real one, a PUT, is a few kB).
const MAX_REQUEST: usize = 8 * 1024 * 1024;

/// Serves `listener` until `stop` is set: one accept loop, one thread per connection, one
/// request per connection (answered with `Connection: close`). Plain and predictable on purpose:
/// tiny_http, tried first, now and then left a request unanswered under concurrent clients.
pub(crate) fn spawn(
    listener: TcpListener,
    shared: Arc<Shared>,
    stop: Arc<AtomicBool>,
) -> std::io::Result<Vec<JoinHandle<()>>> {
    listener.set_nonblocking(true)?;
    let accept = std::thread::Builder::new()
        .name("fake-cloud-accept".into())
        .spawn(move || {
            while !stop.load(Ordering::Relaxed) {
                match listener.accept() {
                    Ok((stream, _)) => {
                        let shared = Arc::clone(&shared);
                        let _ = std::thread::Builder::new()
                            .name("fake-cloud-conn".into())
                            .spawn(move || serve(&shared, stream));
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                        std::thread::sleep(Duration::from_millis(2));
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(10)),
                }
            }
        })?;
    Ok(vec![accept])
}

/// Reads one request from `stream`, answers it, closes.
fn serve(shared: &Arc<Shared>, mut stream: TcpStream) {
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_nodelay(true);
    let _ = stream.set_read_timeout(Some(READ_TIMEOUT));
    let reply = match read_request(&mut stream) {
        Ok(Some(incoming)) => route(shared, &incoming),
        Ok(None) => return,
        Err(why) => Reply::json(
            400,
            &serde_json::json!({ "error": { "code": "BadRequest", "message": why } }),
        ),
    };
    let _ = stream.write_all(&encode(reply));
    let _ = stream.flush();
    let _ = stream.shutdown(std::net::Shutdown::Both);
}

/// The request on `stream`: `Ok(None)` when the client closed without sending one.
fn read_request(stream: &mut TcpStream) -> Result<Option<Incoming>, String> {
    let mut buf = Vec::with_capacity(4096);
    let mut chunk = [0u8; 16 * 1024];
    let head_end = loop {
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i;
        }
        if buf.len() > MAX_REQUEST {
            return Err("request head too large".into());
        }
        let n = stream.read(&mut chunk).map_err(|e| e.to_string())?;
        if n == 0 {
            return if buf.is_empty() {
                Ok(None)
            } else {
                Err("request cut short".into())
            };
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let request_line = lines.next().unwrap_or_default();
    let mut parts = request_line.split(' ');
    let (Some(method), Some(url)) = (parts.next(), parts.next()) else {
        return Err(format!("malformed request line '{request_line}'"));
    };
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        .collect();
    let length = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse::<usize>().ok())
        .unwrap_or(0);
    if length > MAX_REQUEST {
        return Err("request body too large".into());
    }
    let mut body = buf[head_end + 4..].to_vec();
    while body.len() < length {
        let n = stream.read(&mut chunk).map_err(|e| e.to_string())?;
        if n == 0 {
            return Err("request body cut short".into());
        }
        body.extend_from_slice(&chunk[..n]);
    }
    body.truncate(length);
    Ok(Some(Incoming::new(method, url, headers, body)))
}

/// The reply as HTTP/1.1 bytes, written in one go.
fn encode(reply: Reply) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {} {}\r\n", reply.status, reason(reply.status)).into_bytes();
    for (name, value) in &reply.headers {
        out.extend_from_slice(format!("{name}: {value}\r\n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "Content-Length: {}\r\nConnection: close\r\nServer: partner-advisor-fake-cloud\r\n\r\n",
            reply.body.len()
        )
        .as_bytes(),
    );
    out.extend_from_slice(&reply.body);
    out
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        302 => "Found",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        409 => "Conflict",
        412 => "Precondition Failed",
        428 => "Precondition Required",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Status",
    }
}

/// The reply to a request, with latency, faults and logging.
pub(crate) fn route(shared: &Arc<Shared>, request: &Incoming) -> Reply {
    let path = request.path.as_str();
    if path.starts_with(control::CONTROL) {
        return control::handle(shared, request);
    }
    let latency = lock(&shared.faults).latency;
    if !latency.is_zero() {
        std::thread::sleep(latency);
    }
    let is_api = path.starts_with(partner_center::REFERRALS) || path.starts_with(graph::REPORTS);
    let injected = if is_api {
        lock(&shared.faults).next_api_fault()
    } else {
        None
    };
    let reply = match injected {
        Some(fault) => fault_reply(path, fault),
        None => dispatch(shared, request),
    };
    lock(&shared.log).push(RequestLog::of(request, reply.status));
    reply
}

fn dispatch(shared: &Arc<Shared>, request: &Incoming) -> Reply {
    let path = request.path.as_str();
    if path == partner_center::REFERRALS
        || path.starts_with(&format!("{}/", partner_center::REFERRALS))
    {
        return partner_center::handle(shared, request);
    }
    if path.starts_with(graph::REPORTS) {
        return graph::report_call(shared, request);
    }
    if path.starts_with(graph::DOWNLOADS) {
        return graph::download(shared, request);
    }
    // `/{tenant}/oauth2/v2.0/token`
    let parts: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    if let [tenant, "oauth2", "v2.0", "token"] = parts.as_slice() {
        return identity::token(shared, tenant, request);
    }
    Reply::json(
        404,
        &serde_json::json!({ "error": { "code": "NotFound", "message": format!("Nothing at {path}") } }),
    )
}

/// The reply of an injected fault, in the shape of the API it hits.
fn fault_reply(path: &str, fault: Injected) -> Reply {
    let graph = path.starts_with(graph::REPORTS);
    let error = |status: u16, code: &str, message: &str| {
        if graph {
            Reply::graph_error(status, code, message)
        } else {
            Reply::partner_error(status, code, message)
        }
    };
    match fault {
        Injected::Throttle { retry_after } => error(
            429,
            "TooManyRequests",
            "Rate limit is exceeded. Try again later.",
        )
        .with_header("Retry-After", retry_after.to_string()),
        Injected::Fail { status } => {
            let code = match status {
                500 => "InternalServerError",
                502 => "BadGateway",
                503 => "ServiceUnavailable",
                504 => "GatewayTimeout",
                _ => "Error",
            };
            error(
                status,
                code,
                "The service had a problem (injected fault). Try again.",
            )
        }
    }
}
