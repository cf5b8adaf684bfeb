//! HTTP with the manners Microsoft's services expect: timeouts, retries with exponential backoff
//! and full jitter on throttling (429) and passing server failures (500, 502, 503, 504), the
//! service's `Retry-After` honoured, and cancellation at any point, even mid-request.

use std::time::Duration;

use partner_advisor_engine::jobs::CancelToken;
use rand::Rng;
use reqwest::{RequestBuilder, Response, StatusCode};

use crate::error::{Result, SyncError};

/// How hard to try.
#[derive(Debug, Clone)]
pub struct RetryPolicy {
    /// Attempts per request, the first included.
    pub attempts: u32,
    /// The first backoff; it doubles on each retry (with full jitter).
    pub base_delay: Duration,
    /// The longest backoff.
    pub max_delay: Duration,
    /// The longest `Retry-After` obeyed; a service asking for more gets a "sync later".
    pub max_retry_after: Duration,
    /// Time allowed for one request, answer included.
    pub request_timeout: Duration,
    /// Time allowed to connect.
    pub connect_timeout: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            attempts: 5,
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(30),
            max_retry_after: Duration::from_secs(120),
            request_timeout: Duration::from_secs(60),
            connect_timeout: Duration::from_secs(10),
        }
    }
}

/// An HTTP client bound to one sync: its retry policy and its cancel token.
#[derive(Clone)]
pub struct Http {
    client: reqwest::Client,
    policy: RetryPolicy,
    cancel: CancelToken,
}

fn install_crypto_provider() {
    // Once per process; a second install (another sync) is refused harmlessly.
    let _ = rustls::crypto::ring::default_provider().install_default();
}

impl Http {
    /// A client that never follows redirects by itself: a report download must not carry the
    /// bearer token to the storage host the redirect names.
    pub fn new(policy: RetryPolicy, cancel: CancelToken) -> Result<Self> {
        install_crypto_provider();
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(policy.request_timeout)
            .connect_timeout(policy.connect_timeout)
            .user_agent(concat!("PartnerAdvisor/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| SyncError::Offline {
                service: "the network",
                detail: format!("cannot set up HTTPS: {e}"),
            })?;
        Ok(Http {
            client,
            policy,
            cancel,
        })
    }

    /// The underlying client, to build requests.
    pub fn client(&self) -> &reqwest::Client {
        &self.client
    }

    /// The cancel token.
    pub fn cancel(&self) -> &CancelToken {
        &self.cancel
    }

    /// `Err(Cancelled)` once the user cancelled.
    pub fn check_cancel(&self) -> Result<()> {
        if self.cancel.is_cancelled() {
            Err(SyncError::Cancelled)
        } else {
            Ok(())
        }
    }

    /// Sends the request `build` makes, retrying as the module says; returns any other answer
    /// (2xx, 3xx, 4xx) for the caller to read.
    pub async fn send(
        &self,
        service: &'static str,
        build: impl Fn() -> RequestBuilder,
    ) -> Result<Response> {
        let mut attempt = 0;
        loop {
            attempt += 1;
            self.check_cancel()?;
            let last = attempt >= self.policy.attempts;
            let outcome = tokio::select! {
                r = build().send() => r,
                () = cancelled(&self.cancel) => return Err(SyncError::Cancelled),
            };
            let wait = match outcome {
                Ok(response) => {
                    let status = response.status();
                    if !retryable(status) {
                        return Ok(response);
                    }
                    let asked = retry_after(&response);
                    if last || asked.is_some_and(|a| a > self.policy.max_retry_after) {
                        return Err(give_up(service, response, asked).await);
                    }
                    tracing::warn!(service, status = status.as_u16(), attempt, "retrying");
                    asked.unwrap_or_else(|| self.backoff(attempt))
                }
                Err(e) => {
                    if last {
                        return Err(transport_error(service, &e));
                    }
                    tracing::warn!(service, attempt, error = %redacted(&e), "retrying");
                    self.backoff(attempt)
                }
            };
            tokio::select! {
                () = tokio::time::sleep(wait) => {}
                () = cancelled(&self.cancel) => return Err(SyncError::Cancelled),
            }
        }
    }

    /// Full jitter: a random wait up to base × 2^(attempt−1), capped.
    fn backoff(&self, attempt: u32) -> Duration {
        let cap = self
            .policy
            .base_delay
            .saturating_mul(1 << (attempt - 1).min(16))
            .min(self.policy.max_delay);
        let millis = u64::try_from(cap.as_millis()).unwrap_or(u64::MAX);
        Duration::from_millis(rand::thread_rng().gen_range(0..=millis))
    }
}

/// Resolves once `cancel` is set (polled: cancellation is a flag shared with the engine).
async fn cancelled(cancel: &CancelToken) {
    while !cancel.is_cancelled() {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

fn retryable(status: StatusCode) -> bool {
    matches!(status.as_u16(), 429 | 500 | 502 | 503 | 504)
}

/// `Retry-After` as seconds or as an HTTP date.
fn retry_after(response: &Response) -> Option<Duration> {
    let value = response
        .headers()
        .get(reqwest::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = chrono::DateTime::parse_from_rfc2822(value).ok()?;
    let wait = at.with_timezone(&chrono::Utc) - chrono::Utc::now();
    Some(wait.to_std().unwrap_or(Duration::ZERO))
}

async fn give_up(service: &'static str, response: Response, asked: Option<Duration>) -> SyncError {
    let status = response.status().as_u16();
    if status == 429 {
        return SyncError::Throttled {
            service,
            retry_after_secs: asked.map_or(0, |d| d.as_secs()),
        };
    }
    let detail = error_detail(response).await;
    SyncError::Server {
        service,
        status,
        detail,
    }
}

/// The message of an error body (Partner Center's `message`, Graph's `error.message`, Entra's
/// `error_description`), as ": message", cut to one line; empty when there is none.
pub async fn error_detail(response: Response) -> String {
    let text = response.text().await.unwrap_or_default();
    let message = serde_json::from_str::<serde_json::Value>(&text)
        .ok()
        .and_then(|v| {
            [
                v.pointer("/error/message"),
                v.get("message"),
                v.get("error_description"),
                v.get("description"),
            ]
            .into_iter()
            .flatten()
            .find_map(|m| m.as_str().map(str::to_owned))
        })
        .unwrap_or_default();
    let first = message.lines().next().unwrap_or_default().trim();
    if first.is_empty() {
        String::new()
    } else {
        format!(": {}", first.chars().take(300).collect::<String>())
    }
}

/// A transport error as the partner reads it.
pub fn transport_error(service: &'static str, e: &reqwest::Error) -> SyncError {
    if e.is_timeout() {
        SyncError::Timeout { service }
    } else {
        SyncError::Offline {
            service,
            detail: redacted(e),
        }
    }
}

/// The error without its URL (a URL may carry a `$skipToken` or a pre-authenticated download
/// signature).
fn redacted(e: &reqwest::Error) -> String {
    let mut text = e.to_string();
    if let Some(url) = e.url() {
        text = text.replace(url.as_str(), "<url>");
    }
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        let t = s.to_string();
        if !text.contains(&t) {
            text.push_str(": ");
            text.push_str(&t);
        }
        source = s.source();
    }
    text
}
