//! The business vocabulary of Partner Advisor.
//!
//! Every type a use case talks about lives here: the partner, its customers (tenants) with their
//! computed subsegment, subscriptions, monthly usage per workload and per user, security signals,
//! leads and the dataset snapshots that hold them. Nothing here does I/O; time comes from a
//! [`Clock`] so rules that depend on "now" are testable.
//!
//! To add a new kind of record: give it a module of its own, keep its enums' wire names (the names
//! Microsoft's files use) in `as_str`/`parse`, and re-export it below.

pub mod clock;
pub mod crm;
pub mod customer;
pub mod error;
pub mod external_signal;
pub mod lead;
pub mod partner;
pub mod product;
pub mod security;
pub mod snapshot;
pub mod subscription;
pub mod usage;
#[doc(hidden)]
pub mod wire_enum;

pub use clock::{Clock, FixedClock, SystemClock};
pub use crm::CrmAccount;
pub use customer::{Customer, Subsegment};
pub use error::{DomainError, Result};
pub use external_signal::{ExternalSignal, ExternalSignalKind, LicenseProgram, SignalCategory};
pub use lead::{
    CallToAction, CloseReason, DealDetails, EmailValidity, Lead, LeadActor, LeadClassification,
    LeadContact, LeadEvent, LeadQuality, LeadSource, LeadStatus, LeadSubstatus, LeadType,
    PhoneValidity,
};
pub use partner::Partner;
pub use product::{Product, ProductFamily};
pub use security::SecuritySignals;
pub use snapshot::{Snapshot, SnapshotSource};
pub use subscription::{PurchaseChannel, Subscription, SubscriptionStatus};
pub use usage::{UsageMonth, UserActivity, Workload};
