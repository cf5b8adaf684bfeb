//! Errors of the formats crate. Problems inside a file that is otherwise readable are not errors
//! but [`crate::Problem`]s in the file's [`crate::ImportReport`], each with its line and column.

/// A file that cannot be read at all, or a writer that failed.
#[derive(Debug, thiserror::Error)]
pub enum FormatError {
    /// The bytes are not text in any encoding Excel writes.
    #[error("unreadable text: {reason}")]
    Encoding {
        /// What is wrong with the bytes.
        reason: String,
    },
    /// The file holds no record at all.
    #[error("the file is empty")]
    Empty,
    /// A JSON file that is not well-formed JSON.
    #[error("malformed JSON at line {line}, column {column}: {reason}")]
    Json {
        /// 1-based line of the fault.
        line: u64,
        /// 1-based column (character position in the line) of the fault.
        column: u64,
        /// What the JSON parser expected or found.
        reason: String,
    },
    /// Text no export holds, found before the records are read: a NUL byte, a record or value
    /// beyond what Excel can open (so a hostile file cannot exhaust memory).
    #[error("line {line}, column {column}: {reason}")]
    Unreadable {
        /// 1-based line of the record.
        line: u64,
        /// 1-based column (field number) of the fault.
        column: u64,
        /// What is wrong.
        reason: String,
    },
    /// The file is readable but not of the format asked for.
    #[error("not {expected} (the file starts with: {found})")]
    Unrecognised {
        /// The formats that were expected.
        expected: &'static str,
        /// The start of the file as seen (its header, at most a few columns).
        found: String,
    },
    /// Writing failed.
    #[error("writing the file failed: {0}")]
    Io(#[from] std::io::Error),
}

/// Result of the formats crate.
pub type Result<T> = std::result::Result<T, FormatError>;
