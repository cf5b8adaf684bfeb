//! Offline contact validation for Partner Center leads: can we e-mail this lead, can we call it.
//!
//! No network: e-mail addresses are judged by syntax and a shipped disposable-domain list,
//! phone numbers by libphonenumber's metadata compiled into the `phonenumber` crate. The verdicts
//! use Partner Center's own validity values ([`EmailValidity`], [`PhoneValidity`]) and carry a
//! reason whose `key()` the UI translates.
//!
//! - [`email`]: [`validate_email`], the "practical" rule of the shared e-mail test suite;
//!   [`email_validity`] for the validity alone.
//! - [`phone`]: [`validate_phone`], with the lead's country as the default region;
//!   [`phone_validity`] for the validity alone.
//! - [`spam_domains`]: [`is_spam_domain`] over `data/disposable_domains.txt` (source, version and
//!   licence in `data/README.md`).
//!
//! To add a check: give it a reason variant (with its `key`, `describe` and place in `ALL`) in
//! the module it belongs to, apply it where reasons are checked in order, and add hand-written
//! cases to `tests/email` or `tests/phone`; the third-party suites run there (from
//! `shared/testsuites`) must keep their agreement, and any new difference is listed and asserted.
//! To refresh the disposable-domain list, follow `data/README.md`.

pub mod email;
pub mod phone;
pub mod spam_domains;

pub use email::{email_validity, validate_email, EmailReason, EmailVerdict};
pub use partner_advisor_domain::{EmailValidity, PhoneValidity};
pub use phone::{phone_validity, validate_phone, PhoneKind, PhoneReason, PhoneVerdict};
pub use spam_domains::is_spam_domain;
