//! Binary classification metrics: ROC AUC, PR AUC (average precision), log loss, Brier score,
//! expected calibration error and the F1-optimal threshold with its confusion matrix.
//!
//! Ties in scores are handled exactly (average ranks for ROC AUC, grouped thresholds elsewhere).
//! A metric that needs both classes returns `NaN` when one is absent.

use serde::{Deserialize, Serialize};

/// Probabilities are clipped to `[EPS, 1 - EPS]` in log loss.
pub const LOG_LOSS_EPS: f64 = 1e-15;

/// Indices of `scores` sorted by descending score (ties by index, so the order is stable).
fn order_desc(scores: &[f64]) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..scores.len()).collect();
    idx.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]).then(a.cmp(&b)));
    idx
}

fn counts(labels: &[bool]) -> (usize, usize) {
    let pos = labels.iter().filter(|&&l| l).count();
    (pos, labels.len() - pos)
}

/// One point of the ROC curve.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct RocPoint {
    /// False positive rate.
    pub fpr: f64,
    /// True positive rate.
    pub tpr: f64,
}

/// The ROC curve of `scores` against `labels`, one point per distinct score (ties move both
/// rates at once), downsampled evenly to at most `max_points` (keeping both ends). Empty when a
/// class is absent.
pub fn roc_curve(scores: &[f64], labels: &[bool], max_points: usize) -> Vec<RocPoint> {
    let (pos, neg) = counts(labels);
    if pos == 0 || neg == 0 {
        return Vec::new();
    }
    let idx = order_desc(scores);
    let mut points = vec![RocPoint { fpr: 0.0, tpr: 0.0 }];
    let (mut tp, mut fp) = (0usize, 0usize);
    let mut i = 0;
    while i < idx.len() {
        let s = scores[idx[i]];
        while i < idx.len() && scores[idx[i]].total_cmp(&s).is_eq() {
            if labels[idx[i]] {
                tp += 1;
            } else {
                fp += 1;
            }
            i += 1;
        }
        points.push(RocPoint {
            fpr: fp as f64 / neg as f64,
            tpr: tp as f64 / pos as f64,
        });
    }
    let max_points = max_points.max(2);
    if points.len() <= max_points {
        return points;
    }
    let n = points.len();
    (0..max_points)
        .map(|k| points[(k * (n - 1) + (max_points - 1) / 2) / (max_points - 1)])
        .collect()
}

/// The area under a ROC curve by trapezoids.
pub fn roc_area(curve: &[RocPoint]) -> f64 {
    curve
        .windows(2)
        .map(|w| (w[1].fpr - w[0].fpr) * (w[1].tpr + w[0].tpr) / 2.0)
        .sum()
}

/// Area under the ROC curve: the probability that a random positive scores above a random
/// negative, ties counting one half.
pub fn roc_auc(scores: &[f64], labels: &[bool]) -> f64 {
    assert_eq!(
        scores.len(),
        labels.len(),
        "scores and labels differ in length"
    );
    let (pos, neg) = counts(labels);
    if pos == 0 || neg == 0 {
        return f64::NAN;
    }
    let mut idx: Vec<usize> = (0..scores.len()).collect();
    idx.sort_by(|&a, &b| scores[a].total_cmp(&scores[b]).then(a.cmp(&b)));
    // Sum of the (average) ranks of the positives.
    let mut rank_sum = 0.0;
    let mut i = 0;
    while i < idx.len() {
        let mut j = i;
        while j + 1 < idx.len() && scores[idx[j + 1]].total_cmp(&scores[idx[i]]).is_eq() {
            j += 1;
        }
        let avg_rank = (i + j) as f64 / 2.0 + 1.0;
        let p = idx[i..=j].iter().filter(|&&k| labels[k]).count();
        rank_sum += avg_rank * p as f64;
        i = j + 1;
    }
    let pos_f = pos as f64;
    (rank_sum - pos_f * (pos_f + 1.0) / 2.0) / (pos_f * neg as f64)
}

/// Area under the precision-recall curve as average precision (the step-wise sum of
/// precision × recall gained at each distinct threshold, as scikit-learn computes it).
pub fn pr_auc(scores: &[f64], labels: &[bool]) -> f64 {
    assert_eq!(
        scores.len(),
        labels.len(),
        "scores and labels differ in length"
    );
    let (pos, _) = counts(labels);
    if pos == 0 {
        return f64::NAN;
    }
    let idx = order_desc(scores);
    let (mut tp, mut fp) = (0usize, 0usize);
    let mut prev_recall = 0.0;
    let mut ap = 0.0;
    let mut i = 0;
    while i < idx.len() {
        let s = scores[idx[i]];
        while i < idx.len() && scores[idx[i]].total_cmp(&s).is_eq() {
            if labels[idx[i]] {
                tp += 1;
            } else {
                fp += 1;
            }
            i += 1;
        }
        let recall = tp as f64 / pos as f64;
        let precision = tp as f64 / (tp + fp) as f64;
        ap += (recall - prev_recall) * precision;
        prev_recall = recall;
    }
    ap
}

/// Mean negative log-likelihood of the labels under the probabilities (natural log), with
/// probabilities clipped to `[1e-15, 1 - 1e-15]`.
pub fn log_loss(probs: &[f64], labels: &[bool]) -> f64 {
    assert_eq!(
        probs.len(),
        labels.len(),
        "probabilities and labels differ in length"
    );
    if probs.is_empty() {
        return f64::NAN;
    }
    let sum: f64 = probs
        .iter()
        .zip(labels)
        .map(|(&p, &y)| {
            let p = p.clamp(LOG_LOSS_EPS, 1.0 - LOG_LOSS_EPS);
            if y {
                -p.ln()
            } else {
                -(1.0 - p).ln()
            }
        })
        .sum();
    sum / probs.len() as f64
}

/// Mean squared difference between probability and outcome.
pub fn brier(probs: &[f64], labels: &[bool]) -> f64 {
    assert_eq!(
        probs.len(),
        labels.len(),
        "probabilities and labels differ in length"
    );
    if probs.is_empty() {
        return f64::NAN;
    }
    let sum: f64 = probs
        .iter()
        .zip(labels)
        .map(|(&p, &y)| {
            let d = p - f64::from(u8::from(y));
            d * d
        })
        .sum();
    sum / probs.len() as f64
}

/// Expected calibration error over `bins` equal-width probability bins: the row-weighted mean
/// of |mean probability − positive rate| per bin.
pub fn expected_calibration_error(probs: &[f64], labels: &[bool], bins: usize) -> f64 {
    assert_eq!(
        probs.len(),
        labels.len(),
        "probabilities and labels differ in length"
    );
    if probs.is_empty() || bins == 0 {
        return f64::NAN;
    }
    let mut sum_p = vec![0.0; bins];
    let mut sum_y = vec![0.0; bins];
    let mut n = vec![0usize; bins];
    for (&p, &y) in probs.iter().zip(labels) {
        let b = ((p.clamp(0.0, 1.0) * bins as f64) as usize).min(bins - 1);
        sum_p[b] += p;
        sum_y[b] += f64::from(u8::from(y));
        n[b] += 1;
    }
    let total = probs.len() as f64;
    (0..bins)
        .filter(|&b| n[b] > 0)
        .map(|b| (sum_p[b] - sum_y[b]).abs() / total)
        .sum()
}

/// The threshold that maximises F1, with the confusion matrix and rates it gives.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThresholdReport {
    /// Rows with a probability at or above this value are predicted positive.
    pub threshold: f64,
    /// F1 score at the threshold.
    pub f1: f64,
    /// Positives predicted positive.
    pub true_positives: usize,
    /// Negatives predicted positive.
    pub false_positives: usize,
    /// Negatives predicted negative.
    pub true_negatives: usize,
    /// Positives predicted negative.
    pub false_negatives: usize,
    /// Share of rows predicted correctly.
    pub accuracy: f64,
    /// Share of predicted positives that are positive.
    pub precision: f64,
    /// Share of positives predicted positive.
    pub recall: f64,
}

/// The threshold (one of the scores) that maximises F1; ties go to the higher threshold.
pub fn f1_optimal_threshold(probs: &[f64], labels: &[bool]) -> ThresholdReport {
    assert_eq!(
        probs.len(),
        labels.len(),
        "probabilities and labels differ in length"
    );
    let (pos, neg) = counts(labels);
    let idx = order_desc(probs);
    let mut best = ThresholdReport {
        threshold: f64::INFINITY,
        f1: 0.0,
        true_positives: 0,
        false_positives: 0,
        true_negatives: neg,
        false_negatives: pos,
        accuracy: if probs.is_empty() {
            f64::NAN
        } else {
            neg as f64 / probs.len() as f64
        },
        precision: f64::NAN,
        recall: if pos == 0 { f64::NAN } else { 0.0 },
    };
    let (mut tp, mut fp) = (0usize, 0usize);
    let mut i = 0;
    while i < idx.len() {
        let s = probs[idx[i]];
        while i < idx.len() && probs[idx[i]].total_cmp(&s).is_eq() {
            if labels[idx[i]] {
                tp += 1;
            } else {
                fp += 1;
            }
            i += 1;
        }
        let f1 = if pos == 0 {
            0.0
        } else {
            2.0 * tp as f64 / (2 * tp + fp + (pos - tp)) as f64
        };
        if f1 > best.f1 {
            best = ThresholdReport {
                threshold: s,
                f1,
                true_positives: tp,
                false_positives: fp,
                true_negatives: neg - fp,
                false_negatives: pos - tp,
                accuracy: (tp + neg - fp) as f64 / probs.len() as f64,
                precision: tp as f64 / (tp + fp) as f64,
                recall: tp as f64 / pos as f64,
            };
        }
    }
    best
}

/// Every metric of a set of probabilities against outcomes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Metrics {
    /// Rows evaluated.
    pub rows: usize,
    /// Positive rows among them.
    pub positives: usize,
    /// Area under the ROC curve.
    pub roc_auc: f64,
    /// Area under the precision-recall curve (average precision).
    pub pr_auc: f64,
    /// Mean log loss.
    pub log_loss: f64,
    /// Brier score.
    pub brier: f64,
    /// Expected calibration error over ten bins.
    pub expected_calibration_error: f64,
    /// The F1-optimal threshold with its confusion matrix.
    pub threshold: ThresholdReport,
}

/// Number of bins [`evaluate`] uses for the expected calibration error.
pub const ECE_BINS: usize = 10;

/// All metrics of `probs` against `labels`.
pub fn evaluate(probs: &[f64], labels: &[bool]) -> Metrics {
    Metrics {
        rows: labels.len(),
        positives: labels.iter().filter(|&&l| l).count(),
        roc_auc: roc_auc(probs, labels),
        pr_auc: pr_auc(probs, labels),
        log_loss: log_loss(probs, labels),
        brier: brier(probs, labels),
        expected_calibration_error: expected_calibration_error(probs, labels, ECE_BINS),
        threshold: f1_optimal_threshold(probs, labels),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auc_counts_ties_as_half() {
        let labels = [true, false, true, false];
        assert_eq!(roc_auc(&[0.9, 0.1, 0.8, 0.2], &labels), 1.0);
        assert_eq!(roc_auc(&[0.5; 4], &labels), 0.5);
        assert_eq!(roc_auc(&[0.1, 0.9, 0.2, 0.8], &labels), 0.0);
    }

    #[test]
    fn average_precision_matches_a_hand_computation() {
        // Ranked: 0.9 (+), 0.8 (-), 0.7 (+): AP = 0.5 * 1 + 0.5 * 2/3.
        let ap = pr_auc(&[0.9, 0.8, 0.7], &[true, false, true]);
        assert!((ap - (0.5 + 1.0 / 3.0)).abs() < 1e-12);
    }

    #[test]
    fn f1_threshold_separates_perfectly_separable_data() {
        let t = f1_optimal_threshold(&[0.9, 0.8, 0.3, 0.1], &[true, true, false, false]);
        assert_eq!(t.threshold, 0.8);
        assert_eq!(t.f1, 1.0);
        assert_eq!((t.true_positives, t.false_positives), (2, 0));
        assert_eq!(t.accuracy, 1.0);
    }

    #[test]
    fn ece_of_perfectly_calibrated_bins_is_zero() {
        let probs = [0.25, 0.25, 0.25, 0.25];
        let labels = [true, false, false, false];
        assert!(expected_calibration_error(&probs, &labels, 10).abs() < 1e-12);
    }
}
