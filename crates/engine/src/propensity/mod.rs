//! Propensity reports (SPEC §6, CloudAscent): fit and intent per customer and solution area,
//! their bands and segments, the cohorts, and the six reports.
//!
//! - [`segments`]: bands, the editable 4×4 cluster map (A1–D4), `SMCTypeSummary` and
//!   `SubSegment`.
//! - [`facts`]: what the scores read of one customer (a reusable buffer).
//! - [`cohorts`]: the play (cohort) columns, the flags and `FY24 Offers`, one rule each.

pub mod cohorts;
pub mod facts;
pub mod segments;
