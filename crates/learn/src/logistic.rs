//! L2-regularised logistic regression with exact contributions.
//!
//! Design: each numeric feature is clipped to its training 0.5–99.5% quantiles and standardised;
//! a missing value is imputed at the mean (0) and flagged by an indicator column when training had
//! missing values. Each categorical feature is one-hot encoded; levels with fewer than
//! [`MIN_LEVEL_ROWS`] training rows are pooled into one "(other)" column, and missing (or unknown)
//! values get a "(missing)" column when training had them. The intercept is not penalised. The
//! objective, mean log loss + λ/2·‖β‖², is minimised by L-BFGS (10 pairs, backtracking Armijo line
//! search): deterministic, and cheap on the sparse one-hot part.
//!
//! Contributions are exact in margin space: a design column `d` contributes `β_d · (x_d − mean_d)`,
//! with `mean_d` its training mean; a feature's contribution is the sum over its columns, and the
//! base is the margin at the training means, so base + contributions = margin.

use serde::{Deserialize, Serialize};

use crate::schema::{Encoded, EncodedColumn, FeatureKind, Schema};

/// Levels with fewer training rows than this share the "(other)" column.
pub const MIN_LEVEL_ROWS: usize = 10;

const NONE: u32 = u32::MAX;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct NumericTerm {
    pub feature: u32,
    pub lo: f64,
    pub hi: f64,
    pub mean: f64,
    pub sd: f64,
    pub coef: f64,
    /// Training mean of the standardised column (0 up to rounding).
    pub col_mean: f64,
    /// Coefficient and training mean of the missing indicator, when training had missing values.
    pub missing: Option<(f64, f64)>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct CategoricalTerm {
    pub feature: u32,
    /// For each model level code, its column (an index into `coefs`), or none (all zeros).
    pub column_of: Vec<u32>,
    /// The column of missing or unknown values, if any.
    pub missing_column: Option<u32>,
    /// Names of the columns (a level, "(other)" or "(missing)").
    pub labels: Vec<String>,
    pub coefs: Vec<f64>,
    pub means: Vec<f64>,
}

impl CategoricalTerm {
    #[inline]
    fn column(&self, x: f64) -> Option<usize> {
        let c = if x.is_nan() {
            self.missing_column.unwrap_or(NONE)
        } else {
            self.column_of.get(x as usize).copied().unwrap_or(NONE)
        };
        (c != NONE).then_some(c as usize)
    }
}

/// A fitted logistic model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Logistic {
    pub l2: f64,
    pub intercept: f64,
    pub numeric: Vec<NumericTerm>,
    pub categorical: Vec<CategoricalTerm>,
    /// The margin at the training means.
    pub base: f64,
}

impl NumericTerm {
    #[inline]
    fn standardised(&self, x: f64) -> f64 {
        if x.is_nan() || self.sd == 0.0 {
            0.0
        } else {
            (x.clamp(self.lo, self.hi) - self.mean) / self.sd
        }
    }
}

impl Logistic {
    /// The margin of one row (`x` holds every feature).
    pub fn margin(&self, x: &[f64]) -> f64 {
        let mut m = self.intercept;
        for t in &self.numeric {
            let v = x[t.feature as usize];
            m += t.coef * t.standardised(v);
            if let Some((c, _)) = t.missing {
                if v.is_nan() {
                    m += c;
                }
            }
        }
        for t in &self.categorical {
            if let Some(c) = t.column(x[t.feature as usize]) {
                m += t.coefs[c];
            }
        }
        m
    }

    /// Adds each feature's contribution for row `x` to `phi`; the base is [`Logistic::base`].
    pub fn add_contributions(&self, x: &[f64], phi: &mut [f64]) {
        for t in &self.numeric {
            let v = x[t.feature as usize];
            let mut c = t.coef * (t.standardised(v) - t.col_mean);
            if let Some((coef, mean)) = t.missing {
                c += coef * (f64::from(u8::from(v.is_nan())) - mean);
            }
            phi[t.feature as usize] += c;
        }
        for t in &self.categorical {
            let hit = t.column(x[t.feature as usize]);
            let mut c = 0.0;
            for (j, (&b, &m)) in t.coefs.iter().zip(&t.means).enumerate() {
                let xd = if hit == Some(j) { 1.0 } else { 0.0 };
                c += b * (xd - m);
            }
            phi[t.feature as usize] += c;
        }
    }
}

/// The design matrix of some rows: dense standardised numerics and indicators, and one one-hot
/// column index per categorical feature.
struct Design {
    n: usize,
    dense_cols: usize,
    dense: Vec<f64>,
    cat_feats: usize,
    /// Global coefficient index (1 + dense_cols + offset) per row and categorical feature.
    onehot: Vec<u32>,
    coefs: usize,
}

/// The structure (no coefficients yet) fitted from training rows.
fn structure(
    schema: &Schema,
    data: &Encoded<'_>,
    rows: &[usize],
) -> (Vec<NumericTerm>, Vec<CategoricalTerm>) {
    let mut numeric = Vec::new();
    let mut categorical = Vec::new();
    for (f, spec) in schema.features.iter().enumerate() {
        match (&spec.kind, &data.columns[f]) {
            (FeatureKind::Numeric, EncodedColumn::Numeric(v)) => {
                let mut vals: Vec<f64> =
                    rows.iter().map(|&r| v[r]).filter(|x| !x.is_nan()).collect();
                let missing = rows.len() - vals.len();
                vals.sort_by(f64::total_cmp);
                let (lo, hi) = if vals.is_empty() {
                    (0.0, 0.0)
                } else {
                    let q = |p: f64| vals[((vals.len() - 1) as f64 * p).round() as usize];
                    (q(0.005), q(0.995))
                };
                let clipped: Vec<f64> = vals.iter().map(|x| x.clamp(lo, hi)).collect();
                let mean = if clipped.is_empty() {
                    0.0
                } else {
                    clipped.iter().sum::<f64>() / clipped.len() as f64
                };
                let var = if clipped.len() < 2 {
                    0.0
                } else {
                    clipped.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>()
                        / clipped.len() as f64
                };
                let sd = var.sqrt();
                numeric.push(NumericTerm {
                    feature: f as u32,
                    lo,
                    hi,
                    mean,
                    sd: if sd > 1e-12 * mean.abs().max(1.0) {
                        sd
                    } else {
                        0.0
                    },
                    coef: 0.0,
                    col_mean: 0.0,
                    missing: (missing > 0 && missing < rows.len()).then_some((0.0, 0.0)),
                });
            }
            (FeatureKind::Categorical { levels }, EncodedColumn::Categorical(codes)) => {
                let mut count = vec![0usize; levels.len()];
                let mut missing = 0usize;
                for &r in rows {
                    match codes[r] {
                        c if (c as usize) < levels.len() => count[c as usize] += 1,
                        _ => missing += 1,
                    }
                }
                let mut column_of = vec![NONE; levels.len()];
                let mut labels = Vec::new();
                for (c, level) in levels.iter().enumerate() {
                    if count[c] >= MIN_LEVEL_ROWS {
                        column_of[c] = labels.len() as u32;
                        labels.push(level.clone());
                    }
                }
                if (0..levels.len()).any(|c| count[c] > 0 && count[c] < MIN_LEVEL_ROWS) {
                    let other = labels.len() as u32;
                    labels.push("(other)".to_owned());
                    for (c, col) in column_of.iter_mut().enumerate() {
                        if count[c] < MIN_LEVEL_ROWS {
                            *col = other;
                        }
                    }
                }
                let missing_column = (missing > 0).then(|| {
                    labels.push("(missing)".to_owned());
                    (labels.len() - 1) as u32
                });
                let k = labels.len();
                categorical.push(CategoricalTerm {
                    feature: f as u32,
                    column_of,
                    missing_column,
                    labels,
                    coefs: vec![0.0; k],
                    means: vec![0.0; k],
                });
            }
            _ => unreachable!("encoded columns follow the schema"),
        }
    }
    (numeric, categorical)
}

fn design(
    numeric: &[NumericTerm],
    categorical: &[CategoricalTerm],
    data: &Encoded<'_>,
    rows: &[usize],
) -> Design {
    let dense_cols = numeric
        .iter()
        .map(|t| 1 + usize::from(t.missing.is_some()))
        .sum();
    let n = rows.len();
    let mut dense = vec![0.0; n * dense_cols];
    let mut col = 0;
    for t in numeric {
        for (i, &r) in rows.iter().enumerate() {
            let v = data.value(t.feature as usize, r);
            dense[i * dense_cols + col] = t.standardised(v);
            if t.missing.is_some() {
                dense[i * dense_cols + col + 1] = f64::from(u8::from(v.is_nan()));
            }
        }
        col += 1 + usize::from(t.missing.is_some());
    }
    let cat_feats = categorical.len();
    let mut onehot = vec![NONE; n * cat_feats];
    let mut offset = 1 + dense_cols;
    for (k, t) in categorical.iter().enumerate() {
        for (i, &r) in rows.iter().enumerate() {
            if let Some(c) = t.column(data.value(t.feature as usize, r)) {
                onehot[i * cat_feats + k] = (offset + c) as u32;
            }
        }
        offset += t.labels.len();
    }
    Design {
        n,
        dense_cols,
        dense,
        cat_feats,
        onehot,
        coefs: offset,
    }
}

impl Design {
    fn margins(&self, beta: &[f64], out: &mut [f64]) {
        let d = self.dense_cols;
        for (i, o) in out.iter_mut().enumerate().take(self.n) {
            let mut m = beta[0];
            for (x, b) in self.dense[i * d..(i + 1) * d].iter().zip(&beta[1..=d]) {
                m += x * b;
            }
            for &c in &self.onehot[i * self.cat_feats..(i + 1) * self.cat_feats] {
                if c != NONE {
                    m += beta[c as usize];
                }
            }
            *o = m;
        }
    }

    /// Objective and gradient at `beta`.
    fn eval(
        &self,
        beta: &[f64],
        y: &[bool],
        l2: f64,
        grad: &mut [f64],
        margins: &mut [f64],
    ) -> f64 {
        self.margins(beta, margins);
        grad.fill(0.0);
        let d = self.dense_cols;
        let mut loss = 0.0;
        for i in 0..self.n {
            let m = margins[i];
            let yi = y[i];
            let z = if yi { -m } else { m };
            loss += if z > 0.0 {
                z + (-z).exp().ln_1p()
            } else {
                z.exp().ln_1p()
            };
            let r = crate::gbdt::sigmoid(m) - f64::from(u8::from(yi));
            grad[0] += r;
            for (g, x) in grad[1..=d].iter_mut().zip(&self.dense[i * d..(i + 1) * d]) {
                *g += r * x;
            }
            for &c in &self.onehot[i * self.cat_feats..(i + 1) * self.cat_feats] {
                if c != NONE {
                    grad[c as usize] += r;
                }
            }
        }
        let inv = 1.0 / self.n as f64;
        let mut penalty = 0.0;
        for (j, g) in grad.iter_mut().enumerate() {
            *g *= inv;
            if j > 0 {
                *g += l2 * beta[j];
                penalty += beta[j] * beta[j];
            }
        }
        loss * inv + 0.5 * l2 * penalty
    }

    fn column_means(&self) -> Vec<f64> {
        let mut means = vec![0.0; self.coefs];
        let d = self.dense_cols;
        for i in 0..self.n {
            for (m, x) in means[1..=d].iter_mut().zip(&self.dense[i * d..(i + 1) * d]) {
                *m += x;
            }
            for &c in &self.onehot[i * self.cat_feats..(i + 1) * self.cat_feats] {
                if c != NONE {
                    means[c as usize] += 1.0;
                }
            }
        }
        for m in &mut means {
            *m /= self.n.max(1) as f64;
        }
        means
    }
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// Minimises the objective from `beta` in place by L-BFGS.
fn lbfgs(design: &Design, y: &[bool], l2: f64, beta: &mut [f64]) {
    const M: usize = 10;
    const MAX_ITER: usize = 500;
    let p = beta.len();
    let mut margins = vec![0.0; design.n];
    let mut g = vec![0.0; p];
    let mut f = design.eval(beta, y, l2, &mut g, &mut margins);
    let mut s_hist: Vec<Vec<f64>> = Vec::new();
    let mut y_hist: Vec<Vec<f64>> = Vec::new();
    let mut rho: Vec<f64> = Vec::new();
    let mut x_new = vec![0.0; p];
    let mut g_new = vec![0.0; p];
    for _ in 0..MAX_ITER {
        let gmax = g.iter().fold(0.0f64, |a, &b| a.max(b.abs()));
        if gmax < 1e-7 {
            break;
        }
        // Two-loop recursion: d = -H g.
        let mut q = g.clone();
        let mut alpha = vec![0.0; s_hist.len()];
        for k in (0..s_hist.len()).rev() {
            alpha[k] = rho[k] * dot(&s_hist[k], &q);
            for (qi, yi) in q.iter_mut().zip(&y_hist[k]) {
                *qi -= alpha[k] * yi;
            }
        }
        let gamma = match (s_hist.last(), y_hist.last()) {
            (Some(s), Some(yv)) => dot(s, yv) / dot(yv, yv),
            _ => 1.0 / gmax.max(1.0),
        };
        for qi in &mut q {
            *qi *= gamma;
        }
        for k in 0..s_hist.len() {
            let b = rho[k] * dot(&y_hist[k], &q);
            for (qi, si) in q.iter_mut().zip(&s_hist[k]) {
                *qi += (alpha[k] - b) * si;
            }
        }
        let mut d: Vec<f64> = q.iter().map(|v| -v).collect();
        let mut gd = dot(&g, &d);
        if gd >= 0.0 {
            s_hist.clear();
            y_hist.clear();
            rho.clear();
            d = g.iter().map(|v| -v / gmax.max(1.0)).collect();
            gd = dot(&g, &d);
        }
        let mut t = 1.0;
        let mut f_new = f;
        let mut accepted = false;
        for _ in 0..50 {
            for i in 0..p {
                x_new[i] = beta[i] + t * d[i];
            }
            f_new = design.eval(&x_new, y, l2, &mut g_new, &mut margins);
            if f_new <= f + 1e-4 * t * gd {
                accepted = true;
                break;
            }
            t *= 0.5;
        }
        if !accepted {
            break;
        }
        let s: Vec<f64> = (0..p).map(|i| x_new[i] - beta[i]).collect();
        let yv: Vec<f64> = (0..p).map(|i| g_new[i] - g[i]).collect();
        let sy = dot(&s, &yv);
        beta.copy_from_slice(&x_new);
        g.copy_from_slice(&g_new);
        let improvement = f - f_new;
        f = f_new;
        if sy > 1e-12 {
            if s_hist.len() == M {
                s_hist.remove(0);
                y_hist.remove(0);
                rho.remove(0);
            }
            s_hist.push(s);
            y_hist.push(yv);
            rho.push(1.0 / sy);
        }
        if improvement.abs() <= 1e-12 * f.abs().max(1.0) {
            break;
        }
    }
}

/// The fitted models for each L2 strength (in the order given), with validation margins.
pub(crate) fn train_path(
    schema: &Schema,
    data: &Encoded<'_>,
    train_rows: &[usize],
    train_y: &[bool],
    valid_rows: &[usize],
    l2_grid: &[f64],
) -> Vec<(Logistic, Vec<f64>)> {
    let (numeric, categorical) = structure(schema, data, train_rows);
    let train = design(&numeric, &categorical, data, train_rows);
    let valid = design(&numeric, &categorical, data, valid_rows);
    let means = train.column_means();
    let pos = train_y.iter().filter(|&&y| y).count() as f64;
    let rate = ((pos + 0.5) / (train_y.len() as f64 + 1.0)).clamp(1e-6, 1.0 - 1e-6);
    let mut beta = vec![0.0; train.coefs];
    beta[0] = (rate / (1.0 - rate)).ln();
    let mut out = Vec::new();
    for &l2 in l2_grid {
        lbfgs(&train, train_y, l2, &mut beta);
        let mut model = Logistic {
            l2,
            intercept: beta[0],
            numeric: numeric.clone(),
            categorical: categorical.clone(),
            base: 0.0,
        };
        let mut j = 1;
        let mut base = beta[0];
        for t in &mut model.numeric {
            t.coef = beta[j];
            t.col_mean = means[j];
            base += beta[j] * means[j];
            j += 1;
            if t.missing.is_some() {
                t.missing = Some((beta[j], means[j]));
                base += beta[j] * means[j];
                j += 1;
            }
        }
        for t in &mut model.categorical {
            for k in 0..t.labels.len() {
                t.coefs[k] = beta[j];
                t.means[k] = means[j];
                base += beta[j] * means[j];
                j += 1;
            }
        }
        model.base = base;
        let mut vm = vec![0.0; valid.n];
        valid.margins(&beta, &mut vm);
        out.push((model, vm));
    }
    out
}
