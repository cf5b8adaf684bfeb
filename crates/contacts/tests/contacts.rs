//! The contacts crate against third-party suites (`shared/testsuites`) and hand-written cases.
//!
//! Run with `--nocapture` to see the per-source confusion matrices and per-region figures.

mod email;
mod no_panic;
mod phone;
mod support;
