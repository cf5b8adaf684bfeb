//! Errors of the use cases, each with a stable code the UI and scripts switch on.

use partner_advisor_store::StoreError;
use serde::Serialize;

/// A stable, machine-readable error code. The UI switches on it, never on message text.
#[cfg_attr(feature = "ipc-types", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ErrorCode {
    /// No workspace at that path.
    WorkspaceNotFound,
    /// The path is not a Partner Advisor workspace.
    NotAWorkspace,
    /// The key or passphrase does not open the workspace.
    WrongKey,
    /// The keychain lost this workspace's key.
    MissingKey,
    /// Written by a newer version of the app.
    NewerVersion,
    /// No usable OS keychain.
    KeychainUnavailable,
    /// The workspace needs its passphrase.
    PassphraseRequired,
    /// The input was refused.
    InvalidInput,
    /// The user cancelled the job.
    Cancelled,
    /// The record asked for does not exist.
    NotFound,
    /// The change is not allowed in the record's current state (e.g. Won from Received).
    NotAllowed,
    /// No workspace is open.
    NoWorkspaceOpen,
    /// File-system failure.
    Io,
    /// Database failure.
    Database,
    /// A bug: something that should not happen.
    Internal,
}

/// What went wrong in a use case.
#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    /// From the workspace store.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The user cancelled.
    #[error("cancelled")]
    Cancelled,
    /// Input refused, with the reason.
    #[error("{0}")]
    InvalidInput(String),
    /// No workspace is open.
    #[error("no workspace is open")]
    NoWorkspaceOpen,
    /// A change the record's state does not allow, with the reason.
    #[error("{0}")]
    NotAllowed(String),
    /// File-system failure outside the store.
    #[error("{context}: {source}")]
    Io {
        /// What was being done.
        context: String,
        /// The OS error.
        #[source]
        source: std::io::Error,
    },
}

impl EngineError {
    pub(crate) fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        EngineError::Io {
            context: context.into(),
            source,
        }
    }

    /// The stable code of this error.
    pub fn code(&self) -> ErrorCode {
        match self {
            EngineError::Store(e) => match e {
                StoreError::WorkspaceNotFound(_) => ErrorCode::WorkspaceNotFound,
                StoreError::NotAWorkspace { .. } => ErrorCode::NotAWorkspace,
                StoreError::AlreadyExists(_) | StoreError::WeakPassphrase(_) => {
                    ErrorCode::InvalidInput
                }
                StoreError::WrongKey => ErrorCode::WrongKey,
                StoreError::MissingKey(_) => ErrorCode::MissingKey,
                StoreError::NewerVersion { .. } => ErrorCode::NewerVersion,
                StoreError::KeychainUnavailable(_) => ErrorCode::KeychainUnavailable,
                StoreError::PassphraseRequired => ErrorCode::PassphraseRequired,
                StoreError::Io { .. } => ErrorCode::Io,
                StoreError::NotFound(_) => ErrorCode::NotFound,
                StoreError::Database(_) | StoreError::Migration(_) | StoreError::Corrupt(_) => {
                    ErrorCode::Database
                }
            },
            EngineError::Cancelled => ErrorCode::Cancelled,
            EngineError::InvalidInput(_) => ErrorCode::InvalidInput,
            EngineError::NoWorkspaceOpen => ErrorCode::NoWorkspaceOpen,
            EngineError::NotAllowed(_) => ErrorCode::NotAllowed,
            EngineError::Io { .. } => ErrorCode::Io,
        }
    }
}

/// Result of a use case.
pub type Result<T> = std::result::Result<T, EngineError>;
