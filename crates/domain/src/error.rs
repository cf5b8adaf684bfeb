//! Errors raised when a value does not belong to the domain.

/// A value that cannot be turned into a domain type.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DomainError {
    /// An enumeration received a name it does not know.
    #[error("unknown {kind} '{value}'")]
    UnknownValue {
        /// What was being parsed, e.g. "subscription status".
        kind: &'static str,
        /// The text that was given.
        value: String,
    },
}

/// Result of domain parsing.
pub type Result<T> = std::result::Result<T, DomainError>;
