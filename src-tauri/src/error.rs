//! The error every command returns: `{ code, message, details }`. The UI switches on `code`.

use partner_advisor_engine::{EngineError, ErrorCode};
use partner_advisor_store::StoreError;
use serde::Serialize;

/// An error as the UI receives it.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct IpcError {
    /// Stable code.
    pub code: ErrorCode,
    /// A sentence for the user (never contains a secret).
    pub message: String,
    /// Context the UI may use, e.g. the workspace folder that needs a passphrase.
    pub details: Option<String>,
}

impl From<EngineError> for IpcError {
    fn from(e: EngineError) -> Self {
        let details = match &e {
            EngineError::Store(StoreError::WorkspaceNotFound(p))
            | EngineError::Store(StoreError::AlreadyExists(p))
            | EngineError::Store(StoreError::NotAWorkspace { path: p, .. }) => {
                Some(p.display().to_string())
            }
            _ => None,
        };
        tracing::warn!(code = ?e.code(), "command failed: {e}");
        IpcError {
            code: e.code(),
            message: e.to_string(),
            details,
        }
    }
}

impl From<StoreError> for IpcError {
    fn from(e: StoreError) -> Self {
        EngineError::from(e).into()
    }
}

impl IpcError {
    /// An error with details attached.
    pub fn with_details(mut self, details: impl Into<String>) -> Self {
        self.details = Some(details.into());
        self
    }
}

/// Result of a command.
pub type IpcResult<T> = Result<T, IpcError>;
