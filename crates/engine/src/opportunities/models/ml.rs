//! The machine-learning harness shared by B-SKU, E-SKU and churn risk.
//!
//! Rows are (tenant, snapshot) pairs whose whole horizon has been observed; the label is whether
//! the model's event happened in it. The learner (`partner-advisor-learn`) chooses between
//! gradient-boosted trees and a regularised logistic model on the most recent labelled
//! snapshots (never a random split: tenants repeat across snapshots) and calibrates the
//! probabilities on them. Each score comes with exact per-feature contributions, of which the
//! largest become the insight sentences.

use partner_advisor_learn as learn;

use super::super::features::{dataset, Features, CATEGORICAL, NUMERIC};
use super::{figures_of, Direction, Fact};

/// Most tenant-months a model trains on (the most recent snapshots): keeps a retraining refresh
/// of a 10,000-tenant partner to seconds.
pub(crate) const MAX_TRAINING_ROWS: usize = 60_000;
/// Fewest positives (and negatives) to train on.
pub(crate) const MIN_CLASS: usize = 20;
/// Share of the labelled snapshots (the most recent) used for validation.
pub(crate) const VALIDATION_FRACTION: f64 = 0.2;
/// Insight sentences per opportunity.
pub(crate) const TOP_REASONS: usize = 5;

/// The first time value of the validation part: the most recent `fraction` of rows, never
/// splitting one snapshot across both sides.
pub(crate) fn time_cut(times: &[i64], fraction: f64) -> i64 {
    let mut sorted = times.to_vec();
    sorted.sort_unstable();
    if sorted.is_empty() {
        return 0;
    }
    let at = ((sorted.len() as f64) * (1.0 - fraction)).floor() as usize;
    let at = at.min(sorted.len() - 1);
    let mut cut = sorted[at];
    if cut == sorted[0] {
        // One snapshot only on the training side would leave nothing to learn from.
        cut = sorted.iter().copied().find(|t| *t > cut).unwrap_or(cut + 1);
    }
    cut
}

/// A trained model, or why there is none.
pub(crate) struct MlChoice {
    pub model: Option<learn::Model>,
    pub auc: Option<f64>,
    pub learner: Option<String>,
    pub note: String,
}

/// Trains on the labelled rows; `times` is each row's snapshot index.
pub(crate) fn train(rows: &[&Features], labels: &[bool], times: &[i64], seed: u64) -> MlChoice {
    let positives = labels.iter().filter(|l| **l).count();
    let negatives = labels.len() - positives;
    if positives < MIN_CLASS || negatives < MIN_CLASS {
        return MlChoice {
            model: None,
            auc: None,
            learner: None,
            note: format!(
                "not trained: the history has {positives} tenant-months with the event and \
                 {negatives} without ({MIN_CLASS} of each needed)"
            ),
        };
    }
    let ds = dataset(rows, &NUMERIC, &CATEGORICAL);
    let options = learn::TrainOptions {
        seed,
        split: learn::Split::TimeOrdered {
            time: times.to_vec(),
            validation_fraction: VALIDATION_FRACTION,
        },
        ..learn::TrainOptions::default()
    };
    match learn::train(&ds, labels, &options) {
        Ok(model) => {
            let report = model.validation();
            let auc = report.metrics.roc_auc;
            let learner = match report.learner {
                learn::LearnerKind::Trees => "gradient-boosted trees",
                learn::LearnerKind::Logistic => "logistic regression",
            }
            .to_owned();
            MlChoice {
                note: format!(
                    "{learner}, validation ROC AUC {auc:.3} on the most recent labelled snapshots"
                ),
                learner: Some(learner),
                auc: Some(auc),
                model: Some(model),
            }
        }
        Err(e) => MlChoice {
            model: None,
            auc: None,
            learner: None,
            note: format!("not trained: {e}"),
        },
    }
}

/// Calibrated probabilities for many tenants.
pub(crate) fn predict(model: &learn::Model, rows: &[&Features]) -> Vec<f64> {
    if rows.is_empty() {
        return Vec::new();
    }
    let ds = dataset(rows, &NUMERIC, &CATEGORICAL);
    model
        .predict_proba(&ds)
        .unwrap_or_else(|_| vec![f64::NAN; rows.len()])
}

/// The largest contributions of each tenant's score, as facts (one batch per model: building
/// the encoded data once is what makes explaining thousands of opportunities cheap).
pub(crate) fn explain_all(model: &learn::Model, rows: &[&Features]) -> Vec<Vec<Fact>> {
    if rows.is_empty() {
        return Vec::new();
    }
    let ds = dataset(rows, &NUMERIC, &CATEGORICAL);
    let Ok(m) = model.contributions_matrix(&ds) else {
        return vec![Vec::new(); rows.len()];
    };
    rows.iter()
        .enumerate()
        .map(|(r, f)| {
            let values = m
                .features
                .iter()
                .cloned()
                .zip(m.row(r).iter().copied())
                .collect();
            facts_of(f, values)
        })
        .collect()
}

fn facts_of(f: &Features, values: Vec<(String, f64)>) -> Vec<Fact> {
    let mut values: Vec<(String, f64)> = values
        .into_iter()
        .filter(|(name, v)| *v != 0.0 && is_explainable(f, name))
        .collect();
    values.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()).then(a.0.cmp(&b.0)));
    values.truncate(TOP_REASONS);
    let total: f64 = values.iter().map(|(_, v)| v.abs()).sum();
    values
        .into_iter()
        .map(|(name, v)| Fact::Feature {
            figures: figures_of(f, &name),
            feature: name,
            direction: if v > 0.0 {
                Direction::Up
            } else {
                Direction::Down
            },
            weight: if total > 0.0 { v.abs() / total } else { 0.0 },
        })
        .collect()
}

/// A missing value cannot be stated as a fact about the customer.
fn is_explainable(f: &Features, name: &str) -> bool {
    CATEGORICAL.contains(&name) || f.numeric(name).is_finite()
}
