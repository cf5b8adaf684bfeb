//! The learner's errors: one enum, every variant naming the column, line or count at fault.

use std::path::PathBuf;

/// The learner's result type.
pub type Result<T, E = LearnError> = std::result::Result<T, E>;

/// Everything that can go wrong while reading a table, training, scoring or loading a model.
#[derive(Debug, thiserror::Error)]
pub enum LearnError {
    /// A file could not be read or written.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The operating system's reason.
        #[source]
        source: std::io::Error,
    },
    /// The text is not valid in the encoding its byte-order mark (or its absence) announces.
    #[error("the file is not readable text: {0}")]
    Encoding(String),
    /// The CSV structure is broken (for example an unterminated quote).
    #[error("CSV error on line {line}: {message}")]
    Csv {
        /// 1-based line of the file.
        line: u64,
        /// What is wrong.
        message: String,
    },
    /// A record has a different number of fields from the header.
    #[error("line {line} has {found} fields, the header has {expected}")]
    RaggedRow {
        /// 1-based line of the file.
        line: u64,
        /// Fields in the header.
        expected: usize,
        /// Fields on this line.
        found: usize,
    },
    /// The file has a header but no data rows (or no header at all).
    #[error("the file has no data rows")]
    NoRows,
    /// Two columns share a name.
    #[error("the column `{0}` appears more than once in the header")]
    DuplicateColumn(String),
    /// The outcome column is not in the file.
    #[error("the outcome column `{column}` is not in the file; its columns are: {}", available.join(", "))]
    MissingOutcome {
        /// The column asked for.
        column: String,
        /// The file's columns.
        available: Vec<String>,
    },
    /// The outcome has a single class: nothing to learn.
    #[error("the outcome column `{column}` has one class only: {detail}")]
    OneClass {
        /// The outcome column.
        column: String,
        /// Which class is missing, with the counts.
        detail: String,
    },
    /// The outcome holds values that are neither the positive value nor its complement.
    #[error("the outcome column `{column}` must hold {expected}, but it holds {}",
        others.iter().map(|o| format!("`{}` ({} rows, first on line {})", o.value, o.rows, o.first_line)).collect::<Vec<_>>().join(", "))]
    UnexpectedOutcomeValues {
        /// The outcome column.
        column: String,
        /// What it may hold, e.g. "`bad` and one other value" or "`bad` or `good`".
        expected: String,
        /// The values beyond the positive value and its complement (or every non-positive value when
        /// no single complement exists).
        others: Vec<ValueCount>,
    },
    /// A date column mixes formats (e.g. `2024-03-01` and `01/03/2024`).
    #[error("the date column `{}` mixes formats: `{}` ({}) on line {} and `{}` ({}) on line {}",
        .0.column, .0.first_value, .0.first_format, .0.first_line, .0.other_value, .0.other_format, .0.other_line)]
    MixedDateFormats(Box<MixedDates>),
    /// A column the model needs is not in the data.
    #[error("the column `{0}` that the model was trained on is missing")]
    MissingColumn(String),
    /// A value cannot be read as the column's type.
    #[error("the column `{column}` holds `{value}` on line {line}, which is not {expected}")]
    BadValue {
        /// The column.
        column: String,
        /// The value.
        value: String,
        /// 1-based line of the file (0 when the data did not come from a file).
        line: u64,
        /// What was expected ("a number", "a date").
        expected: String,
    },
    /// The bytes are not a model file of this learner.
    #[error("not a Partner Advisor model file: {0}")]
    NotAModel(String),
    /// The model file was written by another format version.
    #[error("the model file has format version {found}; this build reads version {supported} only: retrain the model with this version")]
    ModelVersion {
        /// The version in the file.
        found: u32,
        /// The version this build reads and writes.
        supported: u32,
    },
    /// Too little data, or data that does not fit together (lengths, classes on each side).
    #[error("{0}")]
    InvalidInput(String),
}

/// A value of a column with its count and first line, for error messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueCount {
    /// The value.
    pub value: String,
    /// Rows holding it.
    pub rows: usize,
    /// 1-based line of its first occurrence.
    pub first_line: u64,
}

impl LearnError {
    /// An [`LearnError::InvalidInput`] with a message.
    pub(crate) fn invalid(message: impl Into<String>) -> Self {
        Self::InvalidInput(message.into())
    }
}

/// The two conflicting values of a date column in mixed formats.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MixedDates {
    /// The column.
    pub column: String,
    /// The first format seen.
    pub first_format: String,
    /// A value in it.
    pub first_value: String,
    /// Its line.
    pub first_line: u64,
    /// The conflicting format.
    pub other_format: String,
    /// A value in it.
    pub other_value: String,
    /// Its line.
    pub other_line: u64,
}
