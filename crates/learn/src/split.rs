//! Training/validation splits: time-ordered, stratified (seeded) or given.

use rand::RngCore;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::error::{LearnError, Result};

/// How rows are divided into training and validation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Split {
    /// The most recent `validation_fraction` of rows by `time` (one value per row) validate.
    /// Rows sharing a time never straddle the cut: the cut moves to the nearer tie boundary.
    TimeOrdered {
        /// A sortable time per row (e.g. days or seconds since an epoch).
        time: Vec<i64>,
        /// Share of rows for validation, in (0, 1).
        validation_fraction: f64,
    },
    /// A seeded random `validation_fraction` of each class validates.
    Stratified {
        /// Share of rows for validation, in (0, 1).
        validation_fraction: f64,
    },
    /// `is_validation[row]` says where each row goes.
    Explicit {
        /// One flag per row.
        is_validation: Vec<bool>,
    },
}

impl Default for Split {
    fn default() -> Self {
        Split::Stratified {
            validation_fraction: 0.2,
        }
    }
}

impl Split {
    /// A short description for reports.
    pub fn describe(&self) -> String {
        match self {
            Split::TimeOrdered {
                validation_fraction,
                ..
            } => format!(
                "time-ordered: the most recent {:.0}% validate",
                validation_fraction * 100.0
            ),
            Split::Stratified {
                validation_fraction,
            } => format!(
                "stratified random (seeded): {:.0}% of each class validate",
                validation_fraction * 100.0
            ),
            Split::Explicit { .. } => "given by the caller".to_owned(),
        }
    }
}

/// A uniform integer below `n` from the generator (Lemire's multiply-shift; stable across crate
/// versions because it uses only `next_u64`).
pub(crate) fn below(rng: &mut ChaCha8Rng, n: usize) -> usize {
    ((u128::from(rng.next_u64()) * n as u128) >> 64) as usize
}

/// Fisher–Yates with [`below`].
pub(crate) fn shuffle<T>(rng: &mut ChaCha8Rng, v: &mut [T]) {
    for i in (1..v.len()).rev() {
        let j = below(rng, i + 1);
        v.swap(i, j);
    }
}

fn check_fraction(f: f64) -> Result<()> {
    if f > 0.0 && f < 1.0 {
        Ok(())
    } else {
        Err(LearnError::invalid(format!(
            "the validation fraction must be between 0 and 1, not {f}"
        )))
    }
}

/// Training and validation row indices, each ascending.
pub(crate) fn split_rows(
    split: &Split,
    labels: &[bool],
    seed: u64,
) -> Result<(Vec<usize>, Vec<usize>)> {
    let n = labels.len();
    let mut is_valid = vec![false; n];
    match split {
        Split::Explicit { is_validation } => {
            if is_validation.len() != n {
                return Err(LearnError::invalid(format!(
                    "the explicit split has {} flags for {n} rows",
                    is_validation.len()
                )));
            }
            is_valid.copy_from_slice(is_validation);
        }
        Split::Stratified {
            validation_fraction,
        } => {
            check_fraction(*validation_fraction)?;
            let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x5EED_5117);
            for class in [true, false] {
                let mut rows: Vec<usize> = (0..n).filter(|&i| labels[i] == class).collect();
                shuffle(&mut rng, &mut rows);
                let k = (rows.len() as f64 * validation_fraction).round() as usize;
                for &r in &rows[..k.min(rows.len())] {
                    is_valid[r] = true;
                }
            }
        }
        Split::TimeOrdered {
            time,
            validation_fraction,
        } => {
            check_fraction(*validation_fraction)?;
            if time.len() != n {
                return Err(LearnError::invalid(format!(
                    "the time split has {} times for {n} rows",
                    time.len()
                )));
            }
            let mut order: Vec<usize> = (0..n).collect();
            order.sort_by(|&a, &b| time[a].cmp(&time[b]).then(a.cmp(&b)));
            let target = n - (n as f64 * validation_fraction).round() as usize;
            let target = target.clamp(1, n.saturating_sub(1).max(1));
            // The cut is a position in `order`; rows before it train. Move it to a tie boundary.
            let t = time[order[target.min(n - 1)]];
            let first = order.partition_point(|&i| time[i] < t);
            let after = order.partition_point(|&i| time[i] <= t);
            let cut = match (first > 0, after < n) {
                (true, true) => {
                    if target - first <= after - target {
                        first
                    } else {
                        after
                    }
                }
                (true, false) => first,
                (false, true) => after,
                (false, false) => {
                    return Err(LearnError::invalid(
                        "every row has the same time: a time-ordered split is impossible",
                    ))
                }
            };
            for &r in &order[cut..] {
                is_valid[r] = true;
            }
        }
    }
    let train: Vec<usize> = (0..n).filter(|&i| !is_valid[i]).collect();
    let valid: Vec<usize> = (0..n).filter(|&i| is_valid[i]).collect();
    for (name, rows) in [("training", &train), ("validation", &valid)] {
        let pos = rows.iter().filter(|&&r| labels[r]).count();
        if pos == 0 || pos == rows.len() {
            return Err(LearnError::invalid(format!(
                "the {name} split has {} rows, {pos} of them positive: it needs both classes",
                rows.len()
            )));
        }
    }
    Ok((train, valid))
}

/// Stratified fold numbers `0..k` for rows with these labels.
pub(crate) fn stratified_folds(labels: &[bool], k: usize, seed: u64) -> Vec<usize> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x000F_01D5);
    let mut fold = vec![0; labels.len()];
    let mut next = 0;
    for class in [true, false] {
        let mut rows: Vec<usize> = (0..labels.len()).filter(|&i| labels[i] == class).collect();
        shuffle(&mut rng, &mut rows);
        for r in rows {
            fold[r] = next % k;
            next += 1;
        }
    }
    fold
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_split_never_cuts_through_a_tie() {
        // Times 0..10 with ten rows each; a 25% cut would fall inside time 7.
        let time: Vec<i64> = (0..100).map(|i| i / 10).collect();
        let labels: Vec<bool> = (0..100).map(|i| i % 3 == 0).collect();
        let (train, valid) = split_rows(
            &Split::TimeOrdered {
                time: time.clone(),
                validation_fraction: 0.25,
            },
            &labels,
            0,
        )
        .unwrap();
        let max_train = train.iter().map(|&r| time[r]).max().unwrap();
        let min_valid = valid.iter().map(|&r| time[r]).min().unwrap();
        assert!(max_train < min_valid);
        assert!(valid.len() == 20 || valid.len() == 30, "{}", valid.len());
    }

    #[test]
    fn stratified_split_keeps_class_shares_and_is_seeded() {
        let labels: Vec<bool> = (0..1000).map(|i| i % 4 == 0).collect();
        let split = Split::default();
        let (_, v1) = split_rows(&split, &labels, 7).unwrap();
        let (_, v2) = split_rows(&split, &labels, 7).unwrap();
        let (_, v3) = split_rows(&split, &labels, 8).unwrap();
        assert_eq!(v1, v2);
        assert_ne!(v1, v3);
        assert_eq!(v1.len(), 200);
        assert_eq!(v1.iter().filter(|&&r| labels[r]).count(), 50);
    }
}
