//! Sync when online (SPEC §7, FORMATS.md §2.3 and §4): Partner Center referrals and Microsoft
//! Graph usage reports in, lead changes made offline out.
//!
//! - [`http`]: timeouts, retries with backoff and jitter on 429 and 5xx honouring `Retry-After`,
//!   cancellation mid-request.
//! - [`auth`]: OAuth 2.0 client credentials against the tenant's token endpoint; tokens in memory
//!   only, renewed before expiry and on a 401; the secret read from the keychain for each use.
//! - [`referrals`]: the Referrals API list (OData filter, paging), get and ETag-guarded update.
//! - [`graph`]: per-tenant usage reports, following the 302 to the CSV download.
//! - [`run`]: one sync end to end; its local half (the outbox, the one-transaction apply) is
//!   `partner_advisor_engine::sync`.
//!
//! Base URLs come from [`partner_advisor_engine::sync::SyncSettings`], so tests point them at a
//! local server (`partner-advisor-fake-cloud`). Nothing here logs a secret, a token or a body.

pub mod auth;
pub mod error;
pub mod graph;
pub mod http;
pub mod referrals;
pub mod run;

pub use error::{Result, SyncError};
pub use http::RetryPolicy;
pub use run::{sync, PushRefused, SyncOptions, SyncSummary, TenantSkipped};
