//! The HTTP side: `tiny_http` on 127.0.0.1, a few worker threads, and the routing of each
//! request to its handler, with the injected latency and faults and the request log around it.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use crate::faults::Injected;
use crate::http::{Incoming, Reply};
use crate::request_log::RequestLog;
use crate::state::{lock, Shared};
use crate::{control, graph, identity, partner_center};

/// Starts `count` workers serving `server` until `stop` is set.
pub(crate) fn spawn_workers(
    server: Arc<tiny_http::Server>,
    shared: Arc<Shared>,
    stop: Arc<AtomicBool>,
    count: usize,
) -> std::io::Result<Vec<JoinHandle<()>>> {
    (0..count.max(1))
        .map(|i| {
            let (server, shared, stop) =
                (Arc::clone(&server), Arc::clone(&shared), Arc::clone(&stop));
            std::thread::Builder::new()
                .name(format!("fake-cloud-{i}"))
                .spawn(move || {
                    // A short timeout, so that a stopped server's workers notice and end.
                    while !stop.load(Ordering::Relaxed) {
                        match server.recv_timeout(Duration::from_millis(50)) {
                            Ok(Some(request)) => answer(&shared, request),
                            Ok(None) => {}
                            Err(_) => std::thread::sleep(Duration::from_millis(10)),
                        }
                    }
                })
        })
        .collect()
}

/// Reads a request whole, routes it and sends the reply.
fn answer(shared: &Arc<Shared>, mut request: tiny_http::Request) {
    let mut body = Vec::new();
    // A body that cannot be read is answered as empty; the handler says what is missing.
    let _ = request.as_reader().read_to_end(&mut body);
    let headers = request
        .headers()
        .iter()
        .map(|h| {
            (
                h.field.as_str().as_str().to_owned(),
                h.value.as_str().to_owned(),
            )
        })
        .collect();
    let incoming = Incoming::new(request.method().as_str(), request.url(), headers, body);
    let reply = route(shared, &incoming);
    let mut response = tiny_http::Response::from_data(reply.body)
        .with_status_code(reply.status)
        // Never chunked: every reply is in memory, and a plain Content-Length is what the
        // simplest test client expects.
        .with_chunked_threshold(usize::MAX);
    for (name, value) in &reply.headers {
        if let Ok(header) = tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()) {
            response.add_header(header);
        }
    }
    // One request per connection: tiny_http now and then leaves a kept-alive connection's next
    // request unanswered when several clients keep connections open at once (the client then
    // waits for its timeout); a fresh loopback connection per request costs well under 1 ms.
    if let Ok(close) = tiny_http::Header::from_bytes(&b"Connection"[..], &b"close"[..]) {
        response.add_header(close);
    }
    // The client may have gone away; nothing to do about it.
    let _ = request.respond(response);
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
