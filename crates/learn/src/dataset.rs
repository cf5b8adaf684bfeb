//! The column-major table the learners read: numeric and categorical features with missing values.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::error::{LearnError, Result};

/// The code of a missing categorical value.
pub const MISSING_CODE: u32 = u32::MAX;

/// One feature's values for every row.
#[derive(Debug, Clone, PartialEq)]
pub enum Column {
    /// Numbers; `NaN` is a missing value.
    Numeric(Vec<f64>),
    /// Categories as codes into `levels`; [`MISSING_CODE`] is a missing value.
    Categorical {
        /// One code per row.
        codes: Vec<u32>,
        /// The distinct values, indexed by code.
        levels: Vec<String>,
    },
}

impl Column {
    /// Number of rows.
    pub fn len(&self) -> usize {
        match self {
            Column::Numeric(v) => v.len(),
            Column::Categorical { codes, .. } => codes.len(),
        }
    }

    /// True when the column has no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// True when `row` holds a missing value.
    pub fn is_missing(&self, row: usize) -> bool {
        match self {
            Column::Numeric(v) => v[row].is_nan(),
            Column::Categorical { codes, .. } => codes[row] == MISSING_CODE,
        }
    }

    /// The value of `row`, for display.
    pub fn value(&self, row: usize) -> Value {
        match self {
            Column::Numeric(v) if v[row].is_nan() => Value::Missing,
            Column::Numeric(v) => Value::Number(v[row]),
            Column::Categorical { codes, levels } => match levels.get(codes[row] as usize) {
                Some(level) => Value::Category(level.clone()),
                None => Value::Missing,
            },
        }
    }

    fn select(&self, rows: &[usize]) -> Column {
        match self {
            Column::Numeric(v) => Column::Numeric(rows.iter().map(|&r| v[r]).collect()),
            Column::Categorical { codes, levels } => Column::Categorical {
                codes: rows.iter().map(|&r| codes[r]).collect(),
                levels: levels.clone(),
            },
        }
    }
}

/// One cell's value, for explanations and paths.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Value {
    /// A number.
    Number(f64),
    /// A category.
    Category(String),
    /// No value.
    Missing,
}

impl std::fmt::Display for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::Number(x) => write!(f, "{x}"),
            Value::Category(c) => f.write_str(c),
            Value::Missing => f.write_str("(missing)"),
        }
    }
}

/// A table of features, column-major. Every column has the same number of rows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Dataset {
    names: Vec<String>,
    columns: Vec<Column>,
}

impl Dataset {
    /// An empty data set.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a numeric column (`NaN` = missing). Panics if its length differs from the columns
    /// already added; use [`Dataset::try_push`] for a fallible version.
    pub fn push_numeric(&mut self, name: &str, values: Vec<f64>) {
        self.try_push(name, Column::Numeric(values))
            .expect("column length or name");
    }

    /// Adds a categorical column from optional strings (`None` = missing); levels are coded in
    /// order of first appearance. Panics like [`Dataset::push_numeric`].
    pub fn push_categorical(&mut self, name: &str, values: Vec<Option<String>>) {
        let mut index: BTreeMap<String, u32> = BTreeMap::new();
        let mut levels = Vec::new();
        let codes = values
            .into_iter()
            .map(|v| match v {
                None => MISSING_CODE,
                Some(s) => *index.entry(s).or_insert_with_key(|s| {
                    levels.push(s.clone());
                    (levels.len() - 1) as u32
                }),
            })
            .collect();
        self.try_push(name, Column::Categorical { codes, levels })
            .expect("column length or name");
    }

    /// Adds a column; fails if the name is taken or the length differs from the other columns,
    /// or a categorical code points past its levels.
    pub fn try_push(&mut self, name: &str, column: Column) -> Result<()> {
        if self.names.iter().any(|n| n == name) {
            return Err(LearnError::DuplicateColumn(name.to_owned()));
        }
        if let Some(first) = self.columns.first() {
            if first.len() != column.len() {
                return Err(LearnError::invalid(format!(
                    "column `{name}` has {} rows, the others {}",
                    column.len(),
                    first.len()
                )));
            }
        }
        if let Column::Categorical { codes, levels } = &column {
            if codes
                .iter()
                .any(|&c| c != MISSING_CODE && c as usize >= levels.len())
            {
                return Err(LearnError::invalid(format!(
                    "column `{name}` has a code past its {} levels",
                    levels.len()
                )));
            }
        }
        self.names.push(name.to_owned());
        self.columns.push(column);
        Ok(())
    }

    /// Number of rows (0 for a data set without columns).
    pub fn rows(&self) -> usize {
        self.columns.first().map_or(0, Column::len)
    }

    /// The column names, in order.
    pub fn feature_names(&self) -> &[String] {
        &self.names
    }

    /// The columns, in the order of [`Dataset::feature_names`].
    pub fn columns(&self) -> &[Column] {
        &self.columns
    }

    /// The column called `name`.
    pub fn column(&self, name: &str) -> Option<&Column> {
        self.names
            .iter()
            .position(|n| n == name)
            .map(|i| &self.columns[i])
    }

    /// A data set holding the given rows, in the given order.
    pub fn select_rows(&self, rows: &[usize]) -> Dataset {
        Dataset {
            names: self.names.clone(),
            columns: self.columns.iter().map(|c| c.select(rows)).collect(),
        }
    }

    /// A data set without the named columns.
    pub fn without(&self, names: &[&str]) -> Dataset {
        let mut out = Dataset::new();
        for (n, c) in self.names.iter().zip(&self.columns) {
            if !names.contains(&n.as_str()) {
                out.names.push(n.clone());
                out.columns.push(c.clone());
            }
        }
        out
    }
}
