//! Fault injection: throttling, server errors, malformed pages, latency, a rotated secret and
//! revoked consent, switched on while the server runs (from tests or the control endpoints).

use std::sync::Arc;
use std::time::Duration;

use crate::state::Shared;

/// What the next API request must suffer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Injected {
    /// `429 Too Many Requests` with `Retry-After: <secs>`.
    Throttle {
        /// Seconds.
        retry_after: u64,
    },
    /// A server error (500, 502, 503, 504…).
    Fail {
        /// Its status.
        status: u16,
    },
}

/// Faults to come, counted down as requests arrive.
#[derive(Debug, Default)]
pub(crate) struct FaultState {
    throttle: u32,
    retry_after: u64,
    fail: u32,
    fail_status: u16,
    malformed: u32,
    /// Added to every request.
    pub latency: Duration,
}

impl FaultState {
    /// The fault of the next API request (not token, download or control requests), if any.
    pub fn next_api_fault(&mut self) -> Option<Injected> {
        if self.throttle > 0 {
            self.throttle -= 1;
            return Some(Injected::Throttle {
                retry_after: self.retry_after,
            });
        }
        if self.fail > 0 {
            self.fail -= 1;
            return Some(Injected::Fail {
                status: self.fail_status,
            });
        }
        None
    }

    /// Whether the next referral list page is cut short.
    pub fn next_page_malformed(&mut self) -> bool {
        let yes = self.malformed > 0;
        self.malformed = self.malformed.saturating_sub(1);
        yes
    }
}

/// Switches faults on while the server runs; cheap to clone, usable from any thread.
#[derive(Clone)]
pub struct Faults {
    pub(crate) shared: Arc<Shared>,
}

impl Faults {
    fn state(&self) -> std::sync::MutexGuard<'_, FaultState> {
        self.shared.faults.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The next `n` API requests (Partner Center and Graph, not token requests) answer 429 with
    /// `Retry-After: <retry_after_secs>`.
    pub fn throttle_next(&self, n: u32, retry_after_secs: u64) {
        let mut s = self.state();
        s.throttle = n;
        s.retry_after = retry_after_secs;
    }

    /// The next `n` API requests answer `status` (500, 502, 503, 504…) with a JSON error body.
    /// They come after any throttled ones.
    pub fn fail_next(&self, n: u32, status: u16) {
        let mut s = self.state();
        s.fail = n;
        s.fail_status = status;
    }

    /// The next `n` referral list pages are truncated JSON (status 200).
    pub fn malformed_next(&self, n: u32) {
        self.state().malformed = n;
    }

    /// Every request waits this long before it is answered.
    pub fn set_latency(&self, latency: Duration) {
        self.state().latency = latency;
    }

    /// Every token issued so far is refused from now on (401 `invalid_token`).
    pub fn expire_tokens(&self) {
        self.shared.tokens().expire_all();
    }

    /// The app's secret is now `secret` (a rotated secret): the old one gets AADSTS7000215.
    pub fn set_client_secret(&self, secret: &str) {
        *self
            .shared
            .client_secret
            .lock()
            .unwrap_or_else(|e| e.into_inner()) = secret.to_owned();
    }

    /// The tenant's admin withdraws consent: no more tokens for it, and Graph answers 403 to the
    /// tokens it already has.
    pub fn forbid_tenant(&self, tenant: &str) {
        self.shared
            .forbidden
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(tenant.trim().to_ascii_lowercase());
    }

    /// Clears the throttling, failures, malformed pages and latency still to come.
    pub fn clear(&self) {
        *self.state() = FaultState::default();
    }
}
