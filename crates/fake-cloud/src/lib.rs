//! A loopback-only stand-in for Microsoft's cloud, for the sync client's tests and benchmarks:
//! the Microsoft identity platform's token endpoint (client credentials), the Partner Center
//! Referrals API and Microsoft Graph's usage reports, serving generated fixtures, with faults
//! injected on demand.
//!
//! One base URL serves all three (`http://127.0.0.1:PORT`):
//!
//! - `POST /{tenant}/oauth2/v2.0/token` (form: `grant_type=client_credentials`, `client_id`,
//!   `client_secret`, `scope` = [`PARTNER_CENTER_SCOPE`] for the partner tenant or
//!   [`GRAPH_SCOPE`] for any tenant), answering as Entra does, AADSTS codes included;
//! - `GET /v1.0/engagements/referrals` (`$filter`, `$orderby`, `$top` ≤ 100, `$skipToken`),
//!   `GET` and `PUT /v1.0/engagements/referrals/{id}` (`If-Match: <eTag>`);
//! - `GET /v1.0/reports/{function}(period='D30')` → `302` to `GET /_downloads/{name}.csv`, which
//!   needs no token and lives [`Config::download_lifetime`];
//! - `/_fake/…`: control endpoints for end-to-end tests in other languages (no token; the
//!   server listens on loopback only): `POST /_fake/throttle {"n","retryAfter"}`,
//!   `POST /_fake/fail {"n","status"}`, `POST /_fake/malformed {"n"}`,
//!   `POST /_fake/latency {"ms"}`, `POST /_fake/clear-faults`, `POST /_fake/expire-tokens`,
//!   `POST /_fake/client-secret {"secret"}`, `POST /_fake/forbid-tenant {"tenant"}`,
//!   `POST /_fake/edit-referral {"id", …}`, `POST /_fake/add-referrals {"n"}`,
//!   `GET /_fake/referral/{id}`, `GET /_fake/requests`, `DELETE /_fake/requests`.
//!
//! Faults ([`Faults`]) hit API requests only (`/v1.0/…`), never token requests, downloads or
//! control requests; throttled requests come first, then failed ones. The request log
//! ([`FakeCloud::requests`]) leaves out control requests and never holds a secret or a token.
//!
//! ```no_run
//! use partner_advisor_fake_cloud::{Config, FakeCloud};
//! let cloud = FakeCloud::start(Config { referrals: 250, ..Config::default() }).unwrap();
//! let base = cloud.base_url();
//! cloud.faults().throttle_next(2, 1);
//! # let _ = base;
//! ```

mod api_auth;
mod config;
mod control;
mod downloads;
mod faults;
mod graph;
mod http;
mod identity;
mod ids;
mod odata;
mod partner_center;
mod referral_gen;
mod referral_store;
mod request_log;
mod server;
mod state;
mod tokens;
mod transitions;
mod usage_csv;
mod usage_population;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use serde_json::Value;

pub use config::{
    Config, CLIENT_ID, CLIENT_SECRET, GRAPH_SCOPE, PARTNER_CENTER_SCOPE, PARTNER_TENANT,
};
pub use faults::Faults;
pub use request_log::RequestLog;

use state::{lock, Shared};

/// The Graph report functions served (the reports the app imports).
pub const REPORT_FUNCTIONS: [&str; 9] = usage_csv::FUNCTIONS;

/// A running fake cloud. Dropping it stops the server.
pub struct FakeCloud {
    shared: Arc<Shared>,
    stop: Arc<AtomicBool>,
    workers: Vec<JoinHandle<()>>,
}

impl FakeCloud {
    /// Generates the fixtures and starts serving on `127.0.0.1:{config.port}`.
    pub fn start(config: Config) -> std::io::Result<FakeCloud> {
        let listener = std::net::TcpListener::bind(("127.0.0.1", config.port))?;
        let port = listener.local_addr()?.port();
        let shared = Arc::new(Shared::new(config, format!("http://127.0.0.1:{port}")));
        let stop = Arc::new(AtomicBool::new(false));
        let workers = server::spawn(listener, Arc::clone(&shared), Arc::clone(&stop))?;
        Ok(FakeCloud {
            shared,
            stop,
            workers,
        })
    }

    /// `http://127.0.0.1:PORT`: the base of the token endpoint, Partner Center and Graph alike.
    pub fn base_url(&self) -> String {
        self.shared.base_url.clone()
    }

    /// The port listened on.
    pub fn port(&self) -> u16 {
        self.shared
            .base_url
            .rsplit(':')
            .next()
            .and_then(|p| p.parse().ok())
            .unwrap_or(0)
    }

    /// The configuration it started with.
    pub fn config(&self) -> &Config {
        &self.shared.config
    }

    /// The referral with this id, as the API serves it.
    pub fn referral(&self, id: &str) -> Option<Value> {
        self.shared.referrals().get(id).cloned()
    }

    /// Every referral, in the order they were added.
    pub fn referrals(&self) -> Vec<Value> {
        self.shared.referrals().all()
    }

    /// Adds a referral (or replaces the one with its id) exactly as given.
    pub fn add_referral(&self, referral: Value) {
        self.shared.referrals().insert(referral);
    }

    /// Adds `n` referrals just received (New/Received, created now); their ids.
    pub fn add_generated_referrals(&self, n: usize) -> Vec<String> {
        self.shared.referrals().add_fresh(n, chrono::Utc::now())
    }

    /// Changes a referral as if someone edited it in Partner Center: applies `edit`, then sets
    /// a new eTag and `updatedDateTime` = now (real time). Returns the referral as changed, or
    /// `None` when there is no referral with this id.
    pub fn edit_referral(&self, id: &str, edit: impl FnOnce(&mut Value)) -> Option<Value> {
        self.shared.referrals().update(id, edit)
    }

    /// The fault switches (also usable from other threads).
    pub fn faults(&self) -> Faults {
        Faults {
            shared: Arc::clone(&self.shared),
        }
    }

    /// See [`Faults::throttle_next`].
    pub fn throttle_next(&self, n: u32, retry_after_secs: u64) {
        self.faults().throttle_next(n, retry_after_secs);
    }

    /// See [`Faults::fail_next`].
    pub fn fail_next(&self, n: u32, status: u16) {
        self.faults().fail_next(n, status);
    }

    /// See [`Faults::expire_tokens`].
    pub fn expire_tokens(&self) {
        self.faults().expire_tokens();
    }

    /// See [`Faults::malformed_next`].
    pub fn malformed_next(&self, n: u32) {
        self.faults().malformed_next(n);
    }

    /// See [`Faults::set_latency`].
    pub fn set_latency(&self, latency: Duration) {
        self.faults().set_latency(latency);
    }

    /// See [`Faults::set_client_secret`].
    pub fn set_client_secret(&self, secret: &str) {
        self.faults().set_client_secret(secret);
    }

    /// See [`Faults::forbid_tenant`].
    pub fn forbid_tenant(&self, tenant: &str) {
        self.faults().forbid_tenant(tenant);
    }

    /// The requests answered so far (control requests left out), oldest first.
    pub fn requests(&self) -> Vec<RequestLog> {
        lock(&self.shared.log).clone()
    }

    /// Forgets the requests answered so far.
    pub fn clear_requests(&self) {
        lock(&self.shared.log).clear();
    }
}

impl Drop for FakeCloud {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        for worker in self.workers.drain(..) {
            let _ = worker.join();
        }
    }
}
