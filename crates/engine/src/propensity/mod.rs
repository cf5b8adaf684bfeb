//! Propensity reports (SPEC §6, CloudAscent): fit and intent per customer and solution area,
//! their bands and segments, the cohorts, and the six reports.
//!
//! - [`segments`]: bands, the editable 4×4 cluster map (A1–D4), `SMCTypeSummary` and
//!   `SubSegment`.
//! - [`facts`]: what the scores read of one customer (a reusable buffer).
//! - [`cohorts`]: the play (cohort) columns, the flags and `FY24 Offers`, one rule each.
//! - [`intent`]: intent 0–100 per area from weighted purchase signals, with its signals.

pub mod cohorts;
pub mod facts;
pub mod intent;
pub mod segments;
