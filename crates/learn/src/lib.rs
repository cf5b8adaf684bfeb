//! `partner-advisor-learn`: the binary learner behind lead scoring, propensity and the
//! opportunity models. Pure and deterministic: no I/O except [`table`] reading a file it is given,
//! no clock, every random choice drawn from a seeded ChaCha8 generator; the same data, options and
//! seed give byte-identical [`Model::to_bytes`] on every platform.
//!
//! # What it does
//! [`train`] splits the rows ([`Split`]: time-ordered, seeded stratified, or given), lets
//! gradient-boosted trees ([`gbdt`](TreeParams), a small grid) and L2 logistic regression (a small
//! grid of strengths) compete on validation ROC AUC, a tie within [`AUC_TIE`] going to the simpler
//! model, then picks the probability calibration (none, Platt, isotonic) on validation log loss by
//! cross-fitting. The [`Model`] scores rows ([`Model::predict_proba`], [`Model::raw_score`]) and
//! explains them exactly ([`Model::contributions`]: TreeSHAP for trees, coefficient × centred value
//! for the logistic model; base + contributions = raw score). [`metrics`] has the figures Dynamics
//! 365 shows (ROC AUC, F1-optimal threshold, confusion matrix, accuracy, recall) and the
//! calibration ones (log loss, Brier, ECE). [`DecisionTree`] is a single readable CART tree for
//! models a person should be able to follow; [`table`] reads any CSV into typed features.
//!
//! # Why the trees are built here rather than taken from `forust-ml`
//! forust-ml 0.8 would give boosted trees and TreeSHAP, but it has no native categorical splits
//! (the CRM exports this app learns from are mostly categorical), ties its own JSON format to its
//! releases, and its contributions are per call rather than batched for a million rows. The
//! histogram learner here (`gbdt.rs`, about 1,500 lines with its scorer) splits categories natively
//! (LightGBM's gradient-ordered prefix), learns the side of missing values, and is deterministic by
//! construction: trees grow on one thread except that large histograms are always summed as two
//! fixed halves (on a second thread when there is one, the same bits either way); other threads
//! only split independent candidates and independent rows. Exact TreeSHAP is computed per leaf
//! (Fast TreeSHAP v2) and checked against brute-force Shapley values in the tests.
//!
//! # Speed
//! Scoring walks each tree level by level for a block of 256 rows over forest-specific bins (a
//! byte load and a bit test per step, no branch on the data); contributions precompute, per leaf,
//! what each feature receives for each set of satisfied path conditions. `benches/learn.rs`
//! prints the figures of SPEC.md §11 (training at 10k and 100k rows, scoring 1M rows, TreeSHAP for
//! 1M rows, single-row latency, the real data sets).
//!
//! # Adding the next thing
//! * A learner: a module with a `train_*` returning validation margins, a `Learner` variant in
//!   `model.rs` with its margin and contributions, a candidate in [`train`]; bump
//!   [`FORMAT_VERSION`] when the file changes shape.
//! * A metric: a function in [`metrics`] and a field of [`metrics::Metrics`].

mod binning;
pub mod calibration;
mod dataset;
mod error;
mod gbdt;
mod logistic;
pub mod metrics;
mod model;
mod schema;
mod shap;
mod split;
pub mod table;
mod tree;

pub use binning::MAX_VALUE_BINS;
pub use calibration::CalibrationMethod;
pub use dataset::{Column, Dataset, Value, MISSING_CODE};
pub use error::{LearnError, MixedDates, Result, ValueCount};
pub use gbdt::TreeParams;
pub use logistic::MIN_LEVEL_ROWS;
pub use model::{
    default_tree_grid, feature_value, train, CalibrationReport, CandidateReport, Candidates,
    ContributionMatrix, Contributions, LearnerKind, Model, TrainOptions, ValidationReport, AUC_TIE,
    FORMAT_NAME, FORMAT_VERSION,
};
pub use schema::{FeatureKind, FeatureSpec, Schema};
pub use split::Split;
pub use tree::{DecisionTree, PathStep, SplitRule, TreeNode, TreeOptions};
