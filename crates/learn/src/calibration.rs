//! Probability calibration of a model's margin: none (the logistic link), Platt scaling or
//! isotonic regression.
//!
//! The method is chosen on the validation split by cross-fitting: the validation rows are cut into
//! [`FOLDS`] stratified folds, each fold is calibrated by a calibrator fitted on the other folds, and
//! the method with the lowest out-of-fold log loss wins (a more complex method must do better by
//! [`TIE`]). The winner is then fitted on all validation rows. The out-of-fold probabilities are
//! what the validation report's metrics are computed on, so no row is scored by a calibrator that
//! saw it.

use serde::{Deserialize, Serialize};

use crate::gbdt::sigmoid;
use crate::metrics::log_loss;

/// Folds of the cross-fitting.
pub const FOLDS: usize = 5;
/// Log loss a more complex calibration must gain to be preferred.
pub const TIE: f64 = 1e-4;

/// A calibration method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CalibrationMethod {
    /// The margin through the logistic function, unchanged.
    None,
    /// `σ(a · margin + b)`, fitted by maximum likelihood.
    Platt,
    /// A non-decreasing step function of the margin (pool-adjacent-violators), interpolated
    /// linearly between steps.
    Isotonic,
}

impl CalibrationMethod {
    /// All methods, simplest first.
    pub const ALL: [CalibrationMethod; 3] = [
        CalibrationMethod::None,
        CalibrationMethod::Platt,
        CalibrationMethod::Isotonic,
    ];
}

impl std::fmt::Display for CalibrationMethod {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            CalibrationMethod::None => "none",
            CalibrationMethod::Platt => "Platt scaling",
            CalibrationMethod::Isotonic => "isotonic regression",
        })
    }
}

/// A fitted calibration: margin → probability.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "method")]
pub(crate) enum Calibrator {
    None,
    Platt { a: f64, b: f64 },
    Isotonic { x: Vec<f64>, y: Vec<f64> },
}

impl Calibrator {
    pub fn method(&self) -> CalibrationMethod {
        match self {
            Calibrator::None => CalibrationMethod::None,
            Calibrator::Platt { .. } => CalibrationMethod::Platt,
            Calibrator::Isotonic { .. } => CalibrationMethod::Isotonic,
        }
    }

    /// The calibrated probability of a margin.
    #[inline]
    pub fn apply(&self, m: f64) -> f64 {
        match self {
            Calibrator::None => sigmoid(m),
            Calibrator::Platt { a, b } => sigmoid(a * m + b),
            Calibrator::Isotonic { x, y } => {
                if x.is_empty() {
                    return sigmoid(m);
                }
                if m.is_nan() || m <= x[0] {
                    return y[0];
                }
                let last = x.len() - 1;
                if m >= x[last] {
                    return y[last];
                }
                let i = x.partition_point(|&v| v <= m) - 1;
                let (x0, x1, y0, y1) = (x[i], x[i + 1], y[i], y[i + 1]);
                if x1 > x0 {
                    y0 + (y1 - y0) * (m - x0) / (x1 - x0)
                } else {
                    y1
                }
            }
        }
    }

    /// Fits a calibrator of `method` to margins and outcomes.
    pub fn fit(method: CalibrationMethod, m: &[f64], y: &[bool]) -> Calibrator {
        match method {
            CalibrationMethod::None => Calibrator::None,
            CalibrationMethod::Platt => fit_platt(m, y),
            CalibrationMethod::Isotonic => fit_isotonic(m, y),
        }
    }
}

fn fit_platt(m: &[f64], y: &[bool]) -> Calibrator {
    const RIDGE: f64 = 1e-6;
    let loss = |a: f64, b: f64| -> f64 {
        let mut s = 0.0;
        for (&mi, &yi) in m.iter().zip(y) {
            let z = a * mi + b;
            let z = if yi { -z } else { z };
            s += if z > 0.0 {
                z + (-z).exp().ln_1p()
            } else {
                z.exp().ln_1p()
            };
        }
        s + 0.5 * RIDGE * (a * a + b * b)
    };
    let (mut a, mut b) = (1.0, 0.0);
    let mut f = loss(a, b);
    for _ in 0..100 {
        let (mut ga, mut gb, mut haa, mut hab, mut hbb) = (RIDGE * a, RIDGE * b, RIDGE, 0.0, RIDGE);
        for (&mi, &yi) in m.iter().zip(y) {
            let p = sigmoid(a * mi + b);
            let r = p - f64::from(u8::from(yi));
            let w = (p * (1.0 - p)).max(1e-12);
            ga += r * mi;
            gb += r;
            haa += w * mi * mi;
            hab += w * mi;
            hbb += w;
        }
        let det = haa * hbb - hab * hab;
        if det.abs() < 1e-300 {
            break;
        }
        let da = (hbb * ga - hab * gb) / det;
        let db = (haa * gb - hab * ga) / det;
        let mut t = 1.0;
        let mut improved = false;
        for _ in 0..40 {
            let (na, nb) = (a - t * da, b - t * db);
            let nf = loss(na, nb);
            if nf <= f {
                let done = f - nf <= 1e-12 * f.max(1.0);
                a = na;
                b = nb;
                f = nf;
                improved = !done;
                break;
            }
            t *= 0.5;
        }
        if !improved {
            break;
        }
    }
    Calibrator::Platt { a, b }
}

fn fit_isotonic(m: &[f64], y: &[bool]) -> Calibrator {
    let n = m.len();
    if n == 0 {
        return Calibrator::None;
    }
    let mut idx: Vec<usize> = (0..n).collect();
    idx.sort_by(|&i, &j| m[i].total_cmp(&m[j]).then(i.cmp(&j)));
    // Blocks: (sum of outcomes, rows, smallest margin, largest margin); equal margins pooled first.
    let mut blocks: Vec<(f64, f64, f64, f64)> = Vec::new();
    for &i in &idx {
        let yi = f64::from(u8::from(y[i]));
        match blocks.last_mut() {
            Some(b) if b.3 == m[i] => {
                b.0 += yi;
                b.1 += 1.0;
            }
            _ => blocks.push((yi, 1.0, m[i], m[i])),
        }
        while blocks.len() >= 2 {
            let k = blocks.len();
            let (cur, prev) = (blocks[k - 1], blocks[k - 2]);
            if prev.0 / prev.1 > cur.0 / cur.1 {
                blocks[k - 2] = (prev.0 + cur.0, prev.1 + cur.1, prev.2, cur.3);
                blocks.pop();
            } else {
                break;
            }
        }
    }
    let eps = 0.5 / (n as f64 + 1.0);
    let mut x = Vec::new();
    let mut yv = Vec::new();
    for (s, c, lo, hi) in blocks {
        let v = (s / c).clamp(eps, 1.0 - eps);
        x.push(lo);
        yv.push(v);
        if hi > lo {
            x.push(hi);
            yv.push(v);
        }
    }
    Calibrator::Isotonic { x, y: yv }
}

/// Cross-fitted log loss of each method and the out-of-fold probabilities of each.
pub(crate) struct CrossFit {
    pub log_loss: Vec<(CalibrationMethod, f64)>,
    pub probabilities: Vec<Vec<f64>>,
}

/// Out-of-fold probabilities of every method; `fold[i]` is row `i`'s fold.
pub(crate) fn cross_fit(m: &[f64], y: &[bool], fold: &[usize]) -> CrossFit {
    let mut log_losses = Vec::new();
    let mut probabilities = Vec::new();
    for method in CalibrationMethod::ALL {
        let mut p = vec![0.0; m.len()];
        for k in 0..FOLDS {
            let (mut fm, mut fy) = (Vec::new(), Vec::new());
            for i in 0..m.len() {
                if fold[i] != k {
                    fm.push(m[i]);
                    fy.push(y[i]);
                }
            }
            let has_both = fy.iter().any(|&v| v) && fy.iter().any(|&v| !v);
            let cal = if has_both {
                Calibrator::fit(method, &fm, &fy)
            } else {
                Calibrator::None
            };
            for i in 0..m.len() {
                if fold[i] == k {
                    p[i] = cal.apply(m[i]);
                }
            }
        }
        log_losses.push((method, log_loss(&p, y)));
        probabilities.push(p);
    }
    CrossFit {
        log_loss: log_losses,
        probabilities,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn isotonic_is_monotone_and_interpolates() {
        let m = [0.0, 1.0, 2.0, 3.0, 4.0, 5.0];
        let y = [false, true, false, true, true, true];
        let c = fit_isotonic(&m, &y);
        let mut prev = 0.0;
        for i in 0..60 {
            let p = c.apply(f64::from(i) / 10.0);
            assert!(p >= prev - 1e-15);
            prev = p;
        }
        assert!(c.apply(-10.0) < 0.1);
        assert!(c.apply(10.0) > 0.9);
    }

    #[test]
    fn platt_recovers_a_scaled_logistic() {
        // Outcomes drawn deterministically from σ(2m − 1).
        let n = 4000;
        let m: Vec<f64> = (0..n)
            .map(|i| (f64::from(i) / f64::from(n) - 0.5) * 6.0)
            .collect();
        let y: Vec<bool> = m
            .iter()
            .enumerate()
            .map(|(i, &mi)| {
                let u = ((i as u64 * 2_654_435_761) % 1000) as f64 / 1000.0;
                u < sigmoid(2.0 * mi - 1.0)
            })
            .collect();
        let Calibrator::Platt { a, b } = fit_platt(&m, &y) else {
            panic!()
        };
        assert!((a - 2.0).abs() < 0.3, "{a}");
        assert!((b + 1.0).abs() < 0.3, "{b}");
    }
}
