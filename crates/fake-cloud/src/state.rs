//! The server's state, shared by its worker threads and the [`crate::FakeCloud`] handle.

use std::collections::HashSet;
use std::sync::{Mutex, MutexGuard};

use crate::config::Config;
use crate::downloads::Downloads;
use crate::faults::FaultState;
use crate::referral_store::ReferralStore;
use crate::request_log::RequestLog;
use crate::tokens::Tokens;

/// Everything the handlers read and change. One lock per part, so a slow referral page does not
/// hold up token requests.
pub(crate) struct Shared {
    /// The configuration the server started with.
    pub config: Config,
    /// `http://127.0.0.1:PORT`.
    pub base_url: String,
    /// The app's current secret.
    pub client_secret: Mutex<String>,
    /// Tenants without consent, lower case.
    pub forbidden: Mutex<HashSet<String>>,
    /// Issued access tokens.
    pub tokens: Mutex<Tokens>,
    /// The referrals.
    pub referrals: Mutex<ReferralStore>,
    /// Faults to come.
    pub faults: Mutex<FaultState>,
    /// Report download links handed out.
    pub downloads: Mutex<Downloads>,
    /// Every request but the control ones.
    pub log: Mutex<Vec<RequestLog>>,
}

/// A lock whose holder panicked is still usable: the state is plain data, and a test's panic in
/// one handler must not wedge the whole server.
pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Shared {
    /// Builds the state, generating the referrals.
    pub fn new(config: Config, base_url: String) -> Self {
        let forbidden = config
            .forbidden_tenants
            .iter()
            .map(|t| t.trim().to_ascii_lowercase())
            .collect();
        let referrals = ReferralStore::generated(config.seed, config.referrals, config.now);
        Self {
            client_secret: Mutex::new(config.client_secret.clone()),
            forbidden: Mutex::new(forbidden),
            tokens: Mutex::new(Tokens::default()),
            referrals: Mutex::new(referrals),
            faults: Mutex::new(FaultState::default()),
            downloads: Mutex::new(Downloads::default()),
            log: Mutex::new(Vec::new()),
            config,
            base_url,
        }
    }

    /// The tokens, locked.
    pub fn tokens(&self) -> MutexGuard<'_, Tokens> {
        lock(&self.tokens)
    }

    /// The referrals, locked.
    pub fn referrals(&self) -> MutexGuard<'_, ReferralStore> {
        lock(&self.referrals)
    }

    /// Whether the tenant's admin has not consented.
    pub fn is_forbidden(&self, tenant: &str) -> bool {
        lock(&self.forbidden).contains(&tenant.to_ascii_lowercase())
    }
}
