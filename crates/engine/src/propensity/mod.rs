//! Propensity reports (SPEC §6, CloudAscent): fit and intent per customer and solution area,
//! their bands and segments, the cohorts, and the six reports.
//!
//! - [`segments`]: bands, the editable 4×4 cluster map (A1–D4), `SMCTypeSummary` and
//!   `SubSegment`.
//! - [`facts`]: what the scores read of one customer (a reusable buffer).
//! - [`cohorts`]: the play (cohort) columns, the flags and `FY24 Offers`, one rule each.
//! - [`intent`]: intent 0–100 per area from weighted purchase signals, with its signals.
//! - [`fit`]: fit 0–100 per area, a lookalike of the partner's buyers in the area.
//! - [`revenue`]: revenue potential per area, USD per year.
//! - [`scores`]: everything the reports say about a customer, and the use case that computes it
//!   for every customer of the latest snapshot ([`score_latest`]), reading it a page at a time
//!   (`inputs`).
//! - [`imported`]: Microsoft's own CloudAscent downloads imported, viewed, filtered and compared
//!   with the app's scores.
//! - [`texts`]: the reasons as sentences (the reports' `<Area>Signals` cells).
//! - [`report`]: one of the six reports for the latest snapshot, streamed to a CSV file, or its
//!   first rows (a preview).
//! - [`library`]: My reports, schedules (monthly on the 25th, after each import), the cluster
//!   map setting.

pub mod cohorts;
pub mod facts;
pub mod fit;
pub mod imported;
mod inputs;
pub mod intent;
pub mod library;
pub mod report;
pub mod revenue;
pub mod scores;
pub mod segments;
pub mod texts;

pub use scores::{
    all_scores, score_latest, AreaScore, CustomerFacts, CustomerScores, Reason, ScoreOptions,
    ScoringSummary,
};
