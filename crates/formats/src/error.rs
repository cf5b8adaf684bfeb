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
    /// Writing failed.
    #[error("writing the file failed: {0}")]
    Io(#[from] std::io::Error),
}

/// Result of the formats crate.
pub type Result<T> = std::result::Result<T, FormatError>;
