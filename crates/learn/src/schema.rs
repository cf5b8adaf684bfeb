//! The features a model was trained on, and the mapping of any [`Dataset`] onto them by name.
//!
//! Categorical levels are those seen in the training rows, in the data set's order. When scoring,
//! a level the model never saw is treated as a missing value (trees send it the learned default
//! way, the logistic model gives it the missing/pooled column), never as an error.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::dataset::{Column, Dataset, MISSING_CODE};
use crate::error::{LearnError, Result};

/// The type of one feature.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FeatureKind {
    /// Numbers.
    Numeric,
    /// Categories; the model's level codes index this list.
    Categorical {
        /// The levels seen in training.
        levels: Vec<String>,
    },
}

/// One feature of a model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeatureSpec {
    /// The column name.
    pub name: String,
    /// Its type.
    pub kind: FeatureKind,
}

/// The ordered features of a model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Schema {
    /// The features, in training order.
    pub features: Vec<FeatureSpec>,
}

impl Schema {
    /// The schema of `data`, with categorical levels restricted to those present in `rows`.
    pub fn from_rows(data: &Dataset, rows: &[usize]) -> Schema {
        let features = data
            .feature_names()
            .iter()
            .zip(data.columns())
            .map(|(name, column)| FeatureSpec {
                name: name.clone(),
                kind: match column {
                    Column::Numeric(_) => FeatureKind::Numeric,
                    Column::Categorical { codes, levels } => {
                        let mut seen = vec![false; levels.len()];
                        for &r in rows {
                            let c = codes[r];
                            if c != MISSING_CODE {
                                seen[c as usize] = true;
                            }
                        }
                        FeatureKind::Categorical {
                            levels: levels
                                .iter()
                                .zip(&seen)
                                .filter(|(_, &s)| s)
                                .map(|(l, _)| l.clone())
                                .collect(),
                        }
                    }
                },
            })
            .collect();
        Schema { features }
    }

    /// The feature names.
    pub fn names(&self) -> Vec<String> {
        self.features.iter().map(|f| f.name.clone()).collect()
    }

    /// Maps `data` onto the schema by column name: numeric columns are borrowed, categorical codes
    /// translated to the model's codes (unknown levels become missing).
    pub(crate) fn encode<'a>(&self, data: &'a Dataset) -> Result<Encoded<'a>> {
        let mut columns = Vec::with_capacity(self.features.len());
        for spec in &self.features {
            let column = data
                .column(&spec.name)
                .ok_or_else(|| LearnError::MissingColumn(spec.name.clone()))?;
            columns.push(match (&spec.kind, column) {
                (FeatureKind::Numeric, Column::Numeric(v)) => EncodedColumn::Numeric(v),
                (
                    FeatureKind::Categorical { levels },
                    Column::Categorical {
                        codes,
                        levels: have,
                    },
                ) => {
                    let index: BTreeMap<&str, u32> = levels
                        .iter()
                        .enumerate()
                        .map(|(i, l)| (l.as_str(), i as u32))
                        .collect();
                    let map: Vec<u32> = have
                        .iter()
                        .map(|l| index.get(l.as_str()).copied().unwrap_or(MISSING_CODE))
                        .collect();
                    EncodedColumn::Categorical(
                        codes
                            .iter()
                            .map(|&c| {
                                if c == MISSING_CODE {
                                    MISSING_CODE
                                } else {
                                    map[c as usize]
                                }
                            })
                            .collect(),
                    )
                }
                (FeatureKind::Numeric, _) => {
                    return Err(LearnError::invalid(format!(
                        "the column `{}` is numeric in the model but holds categories in the data",
                        spec.name
                    )))
                }
                (FeatureKind::Categorical { .. }, _) => {
                    return Err(LearnError::invalid(format!(
                        "the column `{}` is categorical in the model but holds numbers in the data",
                        spec.name
                    )))
                }
            });
        }
        Ok(Encoded {
            columns,
            rows: data.rows(),
        })
    }
}

/// One feature of a data set mapped onto a schema.
pub(crate) enum EncodedColumn<'a> {
    Numeric(&'a [f64]),
    Categorical(Vec<u32>),
}

/// A data set mapped onto a schema: values as `f64` (categorical codes as numbers, `NaN` missing).
pub(crate) struct Encoded<'a> {
    pub columns: Vec<EncodedColumn<'a>>,
    pub rows: usize,
}

impl Encoded<'_> {
    /// The value of feature `f` in row `r`: the number, or the category code, `NaN` when missing.
    #[inline]
    pub fn value(&self, f: usize, r: usize) -> f64 {
        match &self.columns[f] {
            EncodedColumn::Numeric(v) => v[r],
            EncodedColumn::Categorical(c) => code_value(c[r]),
        }
    }

    /// Writes rows `start..start + n` row-major into `out` (`n × features` values).
    pub fn fill_rows(&self, start: usize, n: usize, out: &mut Vec<f64>) {
        let nf = self.columns.len();
        out.clear();
        out.resize(n * nf, 0.0);
        for (f, col) in self.columns.iter().enumerate() {
            match col {
                EncodedColumn::Numeric(v) => {
                    for (i, &x) in v[start..start + n].iter().enumerate() {
                        out[i * nf + f] = x;
                    }
                }
                EncodedColumn::Categorical(c) => {
                    for (i, &x) in c[start..start + n].iter().enumerate() {
                        out[i * nf + f] = code_value(x);
                    }
                }
            }
        }
    }
}

#[inline]
fn code_value(c: u32) -> f64 {
    if c == MISSING_CODE {
        f64::NAN
    } else {
        f64::from(c)
    }
}
