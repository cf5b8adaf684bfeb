//! Training one version of a lead scoring model, pure: from the workspace's leads (and when each
//! was first accepted) to a calibrated model with everything the model page and the reasons
//! need — metrics, ROC curve, score histogram, the attributes with why each was or was not
//! selected, and per-value insights grounded in the closed leads.
//!
//! # Data
//! The leads created in the [`TRAINING_WINDOW_MONTHS`] before "now" that pass the model's filter
//! and have a known outcome ([`outcome`]); at least [`MIN_LEADS_PER_OUTCOME`] of each outcome.
//! Rows are ordered by creation time (then id), and `crates/learn` validates on the most recent
//! [`VALIDATION_FRACTION`] ([`learn::Split::TimeOrdered`]) and chooses the learner and the
//! calibration.
//!
//! # Attribute auto-selection (the rule Dynamics 365 does not document, made explicit)
//! 1. An attribute filled on fewer than [`MIN_FILL_RATE`] of the training leads is left out
//!    ("filled on 3% of leads"); one holding the same value on every lead too ("always the same
//!    value").
//! 2. A model is trained on the rest; each attribute's *importance share* is its mean absolute
//!    contribution over the validation leads ([`learn::Model::feature_importance`]) divided by
//!    the sum over all attributes.
//! 3. Attributes with a share below [`MIN_IMPORTANCE_SHARE`] are left out ("little influence:
//!    0.4% of the total"), and the model is retrained on those kept (if any was left out).
//!
//! When the admin chose the attributes, exactly those are used ("chosen by the admin").

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Months, Utc};
use partner_advisor_domain::Lead;
use partner_advisor_learn as learn;
pub use partner_advisor_learn::metrics::{roc_area, roc_curve, RocPoint};
use serde::{Deserialize, Serialize};

use super::attributes::{normalised, Attribute, AttributeKind, AttributeValue};
use super::rules::{outcome, GradeRanges, LeadFilter, MIN_LEADS_PER_OUTCOME};
use crate::{EngineError, Result};

/// Months of leads a model trains on, counted back from "now" (Dynamics 365's default window).
pub const TRAINING_WINDOW_MONTHS: u32 = 24;
/// Share of the training leads, the most recent, that validates.
pub const VALIDATION_FRACTION: f64 = 0.2;
/// Least share of leads an auto-selected attribute must be filled on.
pub const MIN_FILL_RATE: f64 = 0.05;
/// Least importance share (of the sum over attributes) an auto-selected attribute must have.
pub const MIN_IMPORTANCE_SHARE: f64 = 0.02;
/// Most points of the ROC curve kept in a report.
pub const ROC_POINTS: usize = 101;
/// The seed of every training: the same leads give the same model bytes.
pub const SEED: u64 = 0x1EAD_5C0E;

/// What a training uses besides the leads.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TrainingSettings {
    /// The leads the model is for.
    pub filter: LeadFilter,
    /// The admin's attributes; `None` selects them automatically.
    pub attributes: Option<Vec<Attribute>>,
}

/// Why an attribute was or was not used.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum SelectionReason {
    /// Selected automatically: its share of the influence.
    Selected {
        /// Importance share in the final model, 0–1.
        share: f64,
    },
    /// Used because the admin chose it.
    ChosenByAdmin,
    /// Every lead has the same value.
    Constant,
    /// Filled on too few leads.
    Sparse {
        /// Share of leads with a value, 0–1.
        fill_rate: f64,
    },
    /// Its influence was below the cut.
    LittleInfluence {
        /// Its importance share, 0–1.
        share: f64,
    },
    /// The admin did not choose it.
    NotChosenByAdmin,
}

impl SelectionReason {
    /// The English wording (the app's other languages: [`super::texts::selection_reason`]).
    pub fn describe(&self) -> String {
        match self {
            SelectionReason::Selected { share } => {
                format!(
                    "selected automatically: {:.1}% of the influence",
                    share * 100.0
                )
            }
            SelectionReason::ChosenByAdmin => "chosen by the admin".into(),
            SelectionReason::Constant => "always the same value".into(),
            SelectionReason::Sparse { fill_rate } => {
                format!("filled on {:.0}% of leads", fill_rate * 100.0)
            }
            SelectionReason::LittleInfluence { share } => {
                format!("little influence: {:.1}% of the total", share * 100.0)
            }
            SelectionReason::NotChosenByAdmin => "not chosen by the admin".into(),
        }
    }
}

/// One attribute in a version's report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttributeReport {
    /// The attribute.
    pub attribute: Attribute,
    /// Category or number.
    pub kind: AttributeKind,
    /// Whether the model reads it.
    pub selected: bool,
    /// Its share of the model's influence (0 when not read; for attributes left out for little
    /// influence, the share they had in the first pass).
    pub importance_share: f64,
    /// Share of the training leads with a value.
    pub fill_rate: f64,
    /// Distinct values among the training leads.
    pub distinct_values: usize,
    /// Why it is or is not used.
    pub reason: SelectionReason,
}

/// How one value of an attribute fared among the closed leads of the training data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ValueInsight {
    /// The value (`None`: not given).
    pub value: Option<String>,
    /// Closed leads with the value.
    pub closed: u32,
    /// Qualified ones among them.
    pub qualified: u32,
    /// `qualified / closed`.
    pub rate: f64,
    /// Median days from creation to the first acceptance, over the qualified ones whose
    /// history has it.
    pub median_days_to_qualify: Option<f64>,
}

/// The values of one attribute.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttributeInsight {
    /// The attribute.
    pub attribute: Attribute,
    /// Its values, most frequent first.
    pub values: Vec<ValueInsight>,
}

/// What the closed leads of a training say, for tooltips.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Insights {
    /// Closed leads.
    pub closed: u32,
    /// Qualified leads.
    pub qualified: u32,
    /// The global qualification rate.
    pub global_rate: f64,
    /// Median days to the first acceptance over every qualified lead that has it.
    pub median_days_to_qualify: Option<f64>,
    /// Per attribute, per value.
    pub attributes: Vec<AttributeInsight>,
}

impl Insights {
    /// The insight of one value of an attribute.
    pub fn value(&self, attribute: Attribute, value: Option<&str>) -> Option<&ValueInsight> {
        self.attributes
            .iter()
            .find(|a| a.attribute == attribute)?
            .values
            .iter()
            .find(|v| v.value.as_deref() == value)
    }
}

/// Confusion matrix at the F1-optimal threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Confusion {
    /// Qualified, predicted qualified.
    pub true_positives: u32,
    /// Disqualified, predicted qualified.
    pub false_positives: u32,
    /// Disqualified, predicted disqualified.
    pub true_negatives: u32,
    /// Qualified, predicted disqualified.
    pub false_negatives: u32,
}

/// A version's figures on its validation leads (the most recent 20%), as Dynamics 365's
/// performance tab shows them plus the calibration ones. Unknown figures are `NaN` (stored as
/// `null`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VersionMetrics {
    /// Area under the ROC curve of the calibrated probabilities.
    #[serde(with = "nan_null")]
    pub roc_auc: f64,
    /// Area under the precision-recall curve (average precision).
    #[serde(with = "nan_null")]
    pub pr_auc: f64,
    /// Log loss of the calibrated probabilities.
    #[serde(with = "nan_null")]
    pub log_loss: f64,
    /// Log loss before calibration.
    #[serde(with = "nan_null")]
    pub uncalibrated_log_loss: f64,
    /// Brier score.
    #[serde(with = "nan_null")]
    pub brier: f64,
    /// Expected calibration error (ten bins).
    #[serde(with = "nan_null")]
    pub expected_calibration_error: f64,
    /// (TP + TN) / total at the threshold: the "accuracy" of the 95% auto-publish rule.
    #[serde(with = "nan_null")]
    pub accuracy: f64,
    /// TP / (TP + FN).
    #[serde(with = "nan_null")]
    pub recall: f64,
    /// TP / (TP + FP).
    #[serde(with = "nan_null")]
    pub precision: f64,
    /// F1 at the threshold.
    #[serde(with = "nan_null")]
    pub f1: f64,
    /// The probability threshold that maximises F1.
    #[serde(with = "nan_null")]
    pub threshold: f64,
    /// The same threshold as a score (0–100).
    pub threshold_score: u8,
    /// The confusion matrix at the threshold.
    pub confusion: Confusion,
    /// (TP + FN) / total: the share of validation leads that qualified.
    #[serde(with = "nan_null")]
    pub conversion_rate: f64,
}

/// Validation leads per score (index 0–100), by outcome: precision and recall at any grade cut.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoreHistogram {
    /// Qualified validation leads per score.
    pub qualified: Vec<u32>,
    /// Disqualified validation leads per score.
    pub disqualified: Vec<u32>,
}

/// The leads a version trained on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainingCounts {
    /// Qualified leads (training + validation).
    pub qualified: u32,
    /// Disqualified leads.
    pub disqualified: u32,
    /// Training rows (the older 80%).
    pub training_rows: u32,
    /// Validation rows (the most recent 20%).
    pub validation_rows: u32,
    /// Qualified validation rows.
    pub validation_qualified: u32,
}

/// How one grade's range fares on the validation leads.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct GradePerformance {
    /// The grade.
    pub grade: super::rules::Grade,
    /// Its range.
    pub min: u8,
    /// Its range.
    pub max: u8,
    /// Validation leads in the grade.
    pub leads: u32,
    /// Qualified ones among them.
    pub qualified: u32,
    /// Precision of "this grade or better": qualified / leads at or above `min`.
    pub precision_at_or_above: f64,
    /// Recall of "this grade or better": share of all qualified leads at or above `min`.
    pub recall_at_or_above: f64,
}

/// Everything a version's training measured and decided.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VersionReport {
    /// The leads it used.
    pub counts: TrainingCounts,
    /// Figures on the validation leads.
    pub metrics: VersionMetrics,
    /// ROC curve of the validation leads (at most [`ROC_POINTS`] points, from (0, 0) to (1, 1)),
    /// from the model's uncalibrated margins (the ranking calibration keeps).
    pub roc_curve: Vec<RocPoint>,
    /// Validation leads per score.
    pub score_histogram: ScoreHistogram,
    /// Every candidate attribute, selected ones first by importance.
    pub attributes: Vec<AttributeReport>,
    /// Per-value qualification rates for tooltips.
    pub insights: Insights,
    /// The learner that won.
    pub learner: learn::LearnerKind,
    /// The learner and its settings, readable.
    pub learner_name: String,
    /// The calibration chosen.
    pub calibration: String,
    /// The filter it trained with.
    pub filter: LeadFilter,
    /// Whether the admin chose the attributes.
    pub chosen_by_admin: bool,
    /// The first creation time of the training window.
    pub window_start: DateTime<Utc>,
}

impl VersionReport {
    /// The selected attributes, most influential first.
    pub fn selected(&self) -> impl Iterator<Item = &AttributeReport> {
        self.attributes.iter().filter(|a| a.selected)
    }

    /// The `n` most influential attributes (Dynamics 365 shows five).
    pub fn most_influential(&self, n: usize) -> Vec<Attribute> {
        self.selected().take(n).map(|a| a.attribute).collect()
    }

    /// Precision and recall per grade on the validation leads, for the given ranges.
    pub fn grade_performance(&self, ranges: &GradeRanges) -> Vec<GradePerformance> {
        let h = &self.score_histogram;
        let total_q: u32 = h.qualified.iter().sum();
        super::rules::Grade::ALL
            .into_iter()
            .map(|grade| {
                let (min, max) = ranges.range(grade);
                let sum = |v: &[u32], lo: u8, hi: u8| -> u32 {
                    v.iter()
                        .enumerate()
                        .filter(|(s, _)| *s >= lo as usize && *s <= hi as usize)
                        .map(|(_, n)| *n)
                        .sum()
                };
                let q = sum(&h.qualified, min, max);
                let d = sum(&h.disqualified, min, max);
                let q_up = sum(&h.qualified, min, 100);
                let d_up = sum(&h.disqualified, min, 100);
                GradePerformance {
                    grade,
                    min,
                    max,
                    leads: q + d,
                    qualified: q,
                    precision_at_or_above: ratio(q_up, q_up + d_up),
                    recall_at_or_above: ratio(q_up, total_q),
                }
            })
            .collect()
    }
}

fn ratio(a: u32, b: u32) -> f64 {
    if b == 0 {
        f64::NAN
    } else {
        f64::from(a) / f64::from(b)
    }
}

/// A trained version: its report and the learner's model.
#[derive(Debug, Clone)]
pub struct TrainedVersion {
    /// What training measured and decided.
    pub report: VersionReport,
    /// The calibrated model (its features are the selected attributes' keys).
    pub model: learn::Model,
}

/// The learner's table of `leads` for `attributes` (one column per attribute, named by key).
pub fn dataset(leads: &[&Lead], attributes: &[Attribute]) -> learn::Dataset {
    let mut data = learn::Dataset::new();
    for &a in attributes {
        match a.kind() {
            AttributeKind::Numeric => data.push_numeric(
                a.key(),
                leads
                    .iter()
                    .map(|l| match a.value(l) {
                        AttributeValue::Number(x, _) => x,
                        _ => f64::NAN,
                    })
                    .collect(),
            ),
            AttributeKind::Categorical => data.push_categorical(
                a.key(),
                leads
                    .iter()
                    .map(|l| a.value(l).text().map(str::to_owned))
                    .collect(),
            ),
        }
    }
    data
}

/// The leads a model trains on at `now`: created in the window, passing the filter, with a
/// known outcome; ordered by creation time, then id.
pub fn training_leads<'a>(
    leads: &'a [Lead],
    filter: &LeadFilter,
    now: DateTime<Utc>,
) -> Vec<&'a Lead> {
    let start = window_start(now);
    let mut rows: Vec<&Lead> = leads
        .iter()
        .filter(|l| {
            l.created_at >= start
                && l.created_at <= now
                && outcome(l.substatus).is_some()
                && filter.matches(l)
        })
        .collect();
    rows.sort_by(|a, b| a.created_at.cmp(&b.created_at).then(a.id.cmp(&b.id)));
    rows
}

/// The first creation time of the training window ending at `now`.
pub fn window_start(now: DateTime<Utc>) -> DateTime<Utc> {
    now.checked_sub_months(Months::new(TRAINING_WINDOW_MONTHS))
        .unwrap_or(DateTime::<Utc>::MIN_UTC)
}

/// Trains a version on `leads` at `now`. `first_accepted` holds when each lead was first
/// accepted (for the median days to qualify). Fewer than 40 qualified or 40 disqualified leads
/// is refused with both counts ([`EngineError::InvalidInput`]).
pub fn train(
    leads: &[Lead],
    first_accepted: &HashMap<String, DateTime<Utc>>,
    settings: &TrainingSettings,
    now: DateTime<Utc>,
) -> Result<TrainedVersion> {
    settings.filter.validate()?;
    let rows = training_leads(leads, &settings.filter, now);
    let labels: Vec<bool> = rows
        .iter()
        .map(|l| outcome(l.substatus) == Some(true))
        .collect();
    let qualified = labels.iter().filter(|&&y| y).count();
    let disqualified = labels.len() - qualified;
    if qualified < MIN_LEADS_PER_OUTCOME || disqualified < MIN_LEADS_PER_OUTCOME {
        let scope = if settings.filter.conditions.is_empty() {
            String::new()
        } else {
            " matching the model's filter".to_owned()
        };
        return Err(EngineError::InvalidInput(format!(
            "a lead scoring model needs at least {MIN_LEADS_PER_OUTCOME} qualified and \
             {MIN_LEADS_PER_OUTCOME} disqualified leads{scope} created in the last \
             {TRAINING_WINDOW_MONTHS} months; there are {qualified} qualified and \
             {disqualified} disqualified"
        )));
    }
    let time: Vec<i64> = rows.iter().map(|l| l.created_at.timestamp()).collect();
    let options = learn::TrainOptions {
        seed: SEED,
        split: learn::Split::TimeOrdered {
            time,
            validation_fraction: VALIDATION_FRACTION,
        },
        min_rows_per_class: MIN_LEADS_PER_OUTCOME,
        ..learn::TrainOptions::default()
    };
    let fit = |attrs: &[Attribute]| -> Result<learn::Model> {
        learn::train(&dataset(&rows, attrs), &labels, &options).map_err(|e| {
            EngineError::InvalidInput(format!("the lead scoring model did not train: {e}"))
        })
    };

    let stats: Vec<(Attribute, f64, usize)> = Attribute::ALL
        .into_iter()
        .map(|a| {
            let (fill, distinct) = fill_and_distinct(&rows, a);
            (a, fill, distinct)
        })
        .collect();
    let stat = |a: Attribute| {
        stats
            .iter()
            .find(|s| s.0 == a)
            .map_or((0.0, 0), |s| (s.1, s.2))
    };

    let mut reasons: BTreeMap<Attribute, SelectionReason> = BTreeMap::new();
    let (model, chosen_by_admin) = match &settings.attributes {
        Some(chosen) => {
            let chosen = normalised(chosen);
            if chosen.is_empty() {
                return Err(EngineError::InvalidInput(
                    "choose at least one attribute for the model".into(),
                ));
            }
            for a in Attribute::ALL {
                reasons.insert(
                    a,
                    if chosen.contains(&a) {
                        SelectionReason::ChosenByAdmin
                    } else {
                        SelectionReason::NotChosenByAdmin
                    },
                );
            }
            (fit(&chosen)?, true)
        }
        None => {
            let mut candidates = Vec::new();
            for a in Attribute::ALL {
                let (fill, distinct) = stat(a);
                if fill < MIN_FILL_RATE {
                    reasons.insert(a, SelectionReason::Sparse { fill_rate: fill });
                } else if distinct <= 1 && fill >= 1.0 {
                    reasons.insert(a, SelectionReason::Constant);
                } else {
                    candidates.push(a);
                }
            }
            if candidates.is_empty() {
                return Err(EngineError::InvalidInput(
                    "no attribute varies among the training leads: nothing to learn from".into(),
                ));
            }
            let first = fit(&candidates)?;
            let shares = importance_shares(&first);
            let mut kept: Vec<Attribute> = candidates
                .iter()
                .copied()
                .filter(|a| shares.get(a).copied().unwrap_or(0.0) >= MIN_IMPORTANCE_SHARE)
                .collect();
            if kept.is_empty() {
                // Degenerate influence (e.g. all zero): keep the strongest one.
                if let Some(best) = candidates.iter().copied().max_by(|a, b| {
                    let (x, y) = (
                        shares.get(a).copied().unwrap_or(0.0),
                        shares.get(b).copied().unwrap_or(0.0),
                    );
                    x.total_cmp(&y).then(b.cmp(a))
                }) {
                    kept.push(best);
                }
            }
            for &a in &candidates {
                if !kept.contains(&a) {
                    reasons.insert(
                        a,
                        SelectionReason::LittleInfluence {
                            share: shares.get(&a).copied().unwrap_or(0.0),
                        },
                    );
                }
            }
            let model = if kept.len() == candidates.len() {
                first
            } else {
                fit(&kept)?
            };
            (model, false)
        }
    };

    let shares = importance_shares(&model);
    let used: Vec<Attribute> = model
        .schema()
        .names()
        .iter()
        .filter_map(|n| Attribute::parse(n))
        .collect();
    let mut attributes: Vec<AttributeReport> = Attribute::ALL
        .into_iter()
        .map(|a| {
            let (fill_rate, distinct_values) = stat(a);
            let selected = used.contains(&a);
            let share = shares.get(&a).copied().unwrap_or(0.0);
            let reason = match reasons.get(&a) {
                Some(r) => *r,
                None => SelectionReason::Selected { share },
            };
            let importance_share = match reason {
                SelectionReason::LittleInfluence { share } => share,
                _ if selected => share,
                _ => 0.0,
            };
            AttributeReport {
                attribute: a,
                kind: a.kind(),
                selected,
                importance_share,
                fill_rate,
                distinct_values,
                reason,
            }
        })
        .collect();
    attributes.sort_by(|x, y| {
        y.selected
            .cmp(&x.selected)
            .then(y.importance_share.total_cmp(&x.importance_share))
            .then(x.attribute.cmp(&y.attribute))
    });

    let v = model.validation();
    let n_valid = v.validation_rows;
    // The learner validates on the last rows in (time, row) order, which is the rows' order.
    let valid_rows: Vec<&Lead> = rows[rows.len() - n_valid..].to_vec();
    let valid_y = &labels[labels.len() - n_valid..];
    let valid_data = dataset(&valid_rows, &used);
    let margins = model
        .raw_score(&valid_data)
        .map_err(|e| EngineError::InvalidInput(format!("scoring the validation leads: {e}")))?;
    let probs = model
        .predict_proba(&valid_data)
        .map_err(|e| EngineError::InvalidInput(format!("scoring the validation leads: {e}")))?;
    let mut histogram = ScoreHistogram {
        qualified: vec![0; 101],
        disqualified: vec![0; 101],
    };
    for (&p, &y) in probs.iter().zip(valid_y) {
        let s = score_of(p) as usize;
        if y {
            histogram.qualified[s] += 1;
        } else {
            histogram.disqualified[s] += 1;
        }
    }
    let m = &v.metrics;
    let t = &m.threshold;
    let metrics = VersionMetrics {
        roc_auc: m.roc_auc,
        pr_auc: m.pr_auc,
        log_loss: m.log_loss,
        uncalibrated_log_loss: v.calibration.uncalibrated_log_loss,
        brier: m.brier,
        expected_calibration_error: m.expected_calibration_error,
        accuracy: t.accuracy,
        recall: t.recall,
        precision: t.precision,
        f1: t.f1,
        threshold: t.threshold,
        threshold_score: if t.threshold.is_finite() {
            score_of(t.threshold)
        } else {
            100
        },
        confusion: Confusion {
            true_positives: t.true_positives as u32,
            false_positives: t.false_positives as u32,
            true_negatives: t.true_negatives as u32,
            false_negatives: t.false_negatives as u32,
        },
        conversion_rate: ratio((t.true_positives + t.false_negatives) as u32, m.rows as u32),
    };
    let report = VersionReport {
        counts: TrainingCounts {
            qualified: qualified as u32,
            disqualified: disqualified as u32,
            training_rows: v.training_rows as u32,
            validation_rows: v.validation_rows as u32,
            validation_qualified: v.validation_positives as u32,
        },
        metrics,
        roc_curve: roc_curve(&margins, valid_y, ROC_POINTS),
        score_histogram: histogram,
        attributes,
        insights: insights(&rows, &labels, first_accepted),
        learner: v.learner,
        learner_name: v.chosen.clone(),
        calibration: v.calibration.method.to_string(),
        filter: settings.filter.clone(),
        chosen_by_admin,
        window_start: window_start(now),
    };
    Ok(TrainedVersion { report, model })
}

/// A calibrated probability as a score: `round(100 × p)`, within 0–100.
pub fn score_of(probability: f64) -> u8 {
    if probability.is_nan() {
        return 0;
    }
    (probability.clamp(0.0, 1.0) * 100.0).round() as u8
}

fn fill_and_distinct(rows: &[&Lead], a: Attribute) -> (f64, usize) {
    if rows.is_empty() {
        return (0.0, 0);
    }
    let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut filled = 0usize;
    for l in rows {
        if let Some(v) = a.value(l).text() {
            filled += 1;
            if seen.len() < 2 && !seen.contains(v) {
                seen.insert(v.to_owned());
            }
        }
    }
    // Distinct values are counted exactly (the reports show them), the `seen.len() < 2` above
    // only avoids allocating on every row once two are known.
    let distinct = if seen.len() < 2 {
        seen.len()
    } else {
        rows.iter()
            .filter_map(|l| a.value(l).text().map(str::to_owned))
            .collect::<std::collections::HashSet<_>>()
            .len()
    };
    (filled as f64 / rows.len() as f64, distinct)
}

/// Each attribute's share of the model's mean absolute contribution.
pub fn importance_shares(model: &learn::Model) -> HashMap<Attribute, f64> {
    let imp = model.feature_importance();
    let total: f64 = imp.iter().map(|(_, v)| v.abs()).sum();
    imp.into_iter()
        .filter_map(|(name, v)| {
            Attribute::parse(&name).map(|a| (a, if total > 0.0 { v.abs() / total } else { 0.0 }))
        })
        .collect()
}

fn median(v: &mut [f64]) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let n = v.len();
    Some(if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    })
}

/// Per-value qualification rates and median days to qualify over the training leads.
pub fn insights(
    rows: &[&Lead],
    labels: &[bool],
    first_accepted: &HashMap<String, DateTime<Utc>>,
) -> Insights {
    let days: Vec<Option<f64>> = rows
        .iter()
        .zip(labels)
        .map(|(l, &y)| {
            if !y {
                return None;
            }
            first_accepted
                .get(&l.id)
                .map(|at| ((*at - l.created_at).num_seconds().max(0) as f64) / 86_400.0)
        })
        .collect();
    let qualified = labels.iter().filter(|&&y| y).count() as u32;
    let closed = rows.len() as u32;
    let attributes = Attribute::ALL
        .into_iter()
        .map(|a| {
            struct Acc {
                closed: u32,
                qualified: u32,
                days: Vec<f64>,
            }
            let mut by: BTreeMap<Option<String>, Acc> = BTreeMap::new();
            for (i, l) in rows.iter().enumerate() {
                let key = a.value(l).text().map(str::to_owned);
                let acc = by.entry(key).or_insert(Acc {
                    closed: 0,
                    qualified: 0,
                    days: Vec::new(),
                });
                acc.closed += 1;
                if labels[i] {
                    acc.qualified += 1;
                    if let Some(d) = days[i] {
                        acc.days.push(d);
                    }
                }
            }
            let mut values: Vec<ValueInsight> = by
                .into_iter()
                .map(|(value, mut acc)| ValueInsight {
                    value,
                    closed: acc.closed,
                    qualified: acc.qualified,
                    rate: ratio(acc.qualified, acc.closed),
                    median_days_to_qualify: median(&mut acc.days),
                })
                .collect();
            values.sort_by(|x, y| y.closed.cmp(&x.closed).then(x.value.cmp(&y.value)));
            AttributeInsight {
                attribute: a,
                values,
            }
        })
        .collect();
    let mut all_days: Vec<f64> = days.into_iter().flatten().collect();
    Insights {
        closed,
        qualified,
        global_rate: ratio(qualified, closed),
        median_days_to_qualify: median(&mut all_days),
        attributes,
    }
}

/// `f64` fields that may be `NaN` or infinite, written as `null` and read back as `NaN`.
pub(crate) mod nan_null {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(x: &f64, s: S) -> Result<S::Ok, S::Error> {
        if x.is_finite() {
            s.serialize_f64(*x)
        } else {
            s.serialize_none()
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
        Ok(Option::<f64>::deserialize(d)?.unwrap_or(f64::NAN))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roc_curve_runs_corner_to_corner() {
        let scores = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4];
        let labels = [true, true, false, true, false, false];
        let c = roc_curve(&scores, &labels, 101);
        assert_eq!(c.first(), Some(&RocPoint { fpr: 0.0, tpr: 0.0 }));
        assert_eq!(c.last(), Some(&RocPoint { fpr: 1.0, tpr: 1.0 }));
        let auc = learn::metrics::roc_auc(&scores, &labels);
        assert!((roc_area(&c) - auc).abs() < 1e-12);
        let many: Vec<f64> = (0..1000).map(|i| f64::from(i) / 1000.0).collect();
        let y: Vec<bool> = (0..1000).map(|i| i % 3 == 0).collect();
        let c = roc_curve(&many, &y, 101);
        assert_eq!(c.len(), 101);
        assert_eq!(c.first(), Some(&RocPoint { fpr: 0.0, tpr: 0.0 }));
        assert_eq!(c.last(), Some(&RocPoint { fpr: 1.0, tpr: 1.0 }));
    }

    #[test]
    fn scores_round_probabilities() {
        assert_eq!(score_of(0.644), 64);
        assert_eq!(score_of(0.645), 65);
        assert_eq!(score_of(1.2), 100);
        assert_eq!(score_of(f64::NAN), 0);
    }
}
