//! Sync when online (SPEC §7), the local half: what the network client
//! (`partner-advisor-sync`) pulls is applied here, and lead changes made offline wait here.
//!
//! - [`settings`]: where sync connects (base URLs, so tests use a local server) and when it runs.
//! - [`outbox`]: the queue of leads changed here that Partner Center has not been told about,
//!   the conflicts, and their resolution.
//! - [`apply`]: a pull (referrals, and usage reports per customer tenant) written in one
//!   transaction: new and changed leads, conflicts, and a new snapshot with the usage. A pull is
//!   applied whole or not at all.
//!
//! Nothing here touches the network: the engine stays offline by construction.

pub mod apply;
pub mod outbox;
pub mod settings;

pub use apply::{apply_pull, watermark, Pull, PullApplied, PulledReferrals, PulledUsage};
pub use outbox::{QueueItem, QueueState, Resolution};
pub use settings::{SyncSettings, UsagePeriod};
