//! Histogram binning of features for the tree learners.
//!
//! Every feature becomes at most 256 bins of a `u8`: bin 0 holds missing values, bins 1..=255
//! hold values. A numeric feature with at most 255 distinct training values gets one bin per value
//! (split thresholds at midpoints); otherwise bins hold roughly equal numbers of rows. A
//! categorical feature gets one bin per level, most frequent first; past 254 levels the rarest are
//! pooled into bin 255.

use crate::schema::{Encoded, EncodedColumn};

/// Most value bins per feature (bin 0, missing, comes on top).
pub const MAX_VALUE_BINS: usize = 255;

/// How one feature's values map to bins.
#[derive(Debug, Clone)]
pub(crate) enum BinMapper {
    /// Bin `b ≥ 1` holds values in `(upper[b-2], upper[b-1]]`; the last upper edge is +∞.
    Numeric { upper: Vec<f64> },
    /// `bin_of[code]` is the bin of a level code (0 for levels absent from the training rows).
    Categorical { bin_of: Vec<u8>, bins: usize },
}

impl BinMapper {
    /// Number of bins including the missing bin.
    pub fn bins(&self) -> usize {
        match self {
            BinMapper::Numeric { upper } => upper.len() + 1,
            BinMapper::Categorical { bins, .. } => *bins,
        }
    }

    /// The bin of a value (`NaN` is missing; categorical values are codes).
    #[inline]
    pub fn bin(&self, x: f64) -> u8 {
        if x.is_nan() {
            return 0;
        }
        match self {
            BinMapper::Numeric { upper } => (upper.partition_point(|&u| u < x) + 1) as u8,
            BinMapper::Categorical { bin_of, .. } => bin_of.get(x as usize).copied().unwrap_or(0),
        }
    }

    /// The upper edge of value bin `b` (numeric mappers).
    pub fn upper(&self, b: usize) -> f64 {
        match self {
            BinMapper::Numeric { upper } => upper[b - 1],
            BinMapper::Categorical { .. } => f64::NAN,
        }
    }

    /// The level codes in bin `b` (categorical mappers).
    pub fn codes_in(&self, b: u8) -> Vec<u32> {
        match self {
            BinMapper::Numeric { .. } => Vec::new(),
            BinMapper::Categorical { bin_of, .. } => bin_of
                .iter()
                .enumerate()
                .filter(|(_, &x)| x == b && b != 0)
                .map(|(c, _)| c as u32)
                .collect(),
        }
    }

    pub fn is_categorical(&self) -> bool {
        matches!(self, BinMapper::Categorical { .. })
    }

    /// Builds a mapper from the values of `rows`.
    pub fn fit(column: &EncodedColumn<'_>, rows: &[usize], levels: usize) -> BinMapper {
        match column {
            EncodedColumn::Numeric(v) => {
                let mut values: Vec<f64> =
                    rows.iter().map(|&r| v[r]).filter(|x| !x.is_nan()).collect();
                values.sort_by(f64::total_cmp);
                BinMapper::Numeric {
                    upper: numeric_edges(&values),
                }
            }
            EncodedColumn::Categorical(codes) => {
                let mut count = vec![0usize; levels];
                for &r in rows {
                    let c = codes[r];
                    if (c as usize) < levels {
                        count[c as usize] += 1;
                    }
                }
                let mut order: Vec<usize> = (0..levels).filter(|&c| count[c] > 0).collect();
                order.sort_by(|&a, &b| count[b].cmp(&count[a]).then(a.cmp(&b)));
                let mut bin_of = vec![0u8; levels];
                let own = if order.len() > MAX_VALUE_BINS {
                    MAX_VALUE_BINS - 1
                } else {
                    order.len()
                };
                for (i, &c) in order.iter().enumerate() {
                    bin_of[c] = if i < own {
                        (i + 1) as u8
                    } else {
                        MAX_VALUE_BINS as u8
                    };
                }
                let bins = 1 + if order.len() > own { own + 1 } else { own };
                BinMapper::Categorical { bin_of, bins }
            }
        }
    }
}

/// Upper bin edges for sorted non-missing values: one bin per distinct value when they are few,
/// else bins of roughly equal counts. The last edge is +∞.
fn numeric_edges(sorted: &[f64]) -> Vec<f64> {
    let mut distinct: Vec<(f64, usize)> = Vec::new();
    for &x in sorted {
        match distinct.last_mut() {
            Some((v, n)) if *v == x => *n += 1,
            _ => distinct.push((x, 1)),
        }
    }
    let mut upper = Vec::new();
    if distinct.len() <= MAX_VALUE_BINS {
        for w in distinct.windows(2) {
            upper.push(midpoint(w[0].0, w[1].0));
        }
    } else {
        let mut remaining = sorted.len();
        let mut bins_left = MAX_VALUE_BINS;
        let mut acc = 0usize;
        for (i, &(x, n)) in distinct.iter().enumerate() {
            acc += n;
            remaining -= n;
            let target = (acc + remaining) as f64 / bins_left as f64;
            let next_alone = distinct.len() - i - 1 < bins_left;
            if i + 1 < distinct.len() && (acc as f64 >= target || next_alone) && bins_left > 1 {
                upper.push(midpoint(x, distinct[i + 1].0));
                bins_left -= 1;
                acc = 0;
            }
        }
    }
    upper.push(f64::INFINITY);
    upper
}

/// A threshold between `a < b` that keeps `a` on the left and `b` on the right.
fn midpoint(a: f64, b: f64) -> f64 {
    let m = a + (b - a) / 2.0;
    if m >= b || !m.is_finite() {
        a
    } else {
        m
    }
}

/// Binned training or validation rows, row-major.
pub(crate) struct BinnedRows {
    /// `rows × features` bins.
    pub bins: Vec<u8>,
    pub features: usize,
}

impl BinnedRows {
    /// Bins the given rows of an encoded data set.
    pub fn build(data: &Encoded<'_>, mappers: &[BinMapper], rows: &[usize]) -> BinnedRows {
        let nf = mappers.len();
        let mut bins = vec![0u8; rows.len() * nf];
        for (f, m) in mappers.iter().enumerate() {
            for (i, &r) in rows.iter().enumerate() {
                bins[i * nf + f] = m.bin(data.value(f, r));
            }
        }
        BinnedRows { bins, features: nf }
    }

    #[inline]
    pub fn row(&self, i: usize) -> &[u8] {
        &self.bins[i * self.features..(i + 1) * self.features]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn few_distinct_values_get_one_bin_each_with_midpoints() {
        let e = numeric_edges(&[1.0, 1.0, 2.0, 4.0]);
        assert_eq!(e, vec![1.5, 3.0, f64::INFINITY]);
        let m = BinMapper::Numeric { upper: e };
        assert_eq!(m.bin(1.0), 1);
        assert_eq!(m.bin(1.5), 1);
        assert_eq!(m.bin(2.0), 2);
        assert_eq!(m.bin(100.0), 3);
        assert_eq!(m.bin(f64::NAN), 0);
    }

    #[test]
    fn many_distinct_values_fill_at_most_255_bins() {
        let v: Vec<f64> = (0..10_000).map(|i| f64::from(i) * 0.5).collect();
        let e = numeric_edges(&v);
        assert!(e.len() <= MAX_VALUE_BINS, "{}", e.len());
        assert!(e.len() > 200);
        assert!(e.windows(2).all(|w| w[0] < w[1]));
    }
}
