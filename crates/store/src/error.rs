//! Errors of the workspace store. Messages name files and causes, never keys or secrets.

use std::path::PathBuf;

/// Everything that can go wrong opening, creating or writing a workspace.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The folder does not exist.
    #[error("no workspace at {0}")]
    WorkspaceNotFound(PathBuf),
    /// The folder or file is not a Partner Advisor workspace.
    #[error("{path} is not a Partner Advisor workspace: {reason}")]
    NotAWorkspace {
        /// What was opened.
        path: PathBuf,
        /// Why it was rejected.
        reason: String,
    },
    /// A workspace already exists where one was to be created.
    #[error("a workspace already exists at {0}")]
    AlreadyExists(PathBuf),
    /// The key (or passphrase) does not decrypt the workspace.
    #[error(
        "the key does not open this workspace (wrong passphrase, or a key from another machine)"
    )]
    WrongKey,
    /// The keychain has no key for this workspace.
    #[error("the OS keychain holds no key for workspace {0}; it was created on another machine or its key was deleted")]
    MissingKey(String),
    /// The workspace was written by a newer version of the app.
    #[error("this workspace was written by a newer version of Partner Advisor (format {found}, this app reads up to {supported}); update the app")]
    NewerVersion {
        /// Version found in the workspace.
        found: i64,
        /// Newest version this build understands.
        supported: i64,
    },
    /// No usable OS keychain; a passphrase is needed instead.
    #[error("no OS keychain is usable here ({0}); use a passphrase (PARTNER_ADVISOR_PASSPHRASE on the command line)")]
    KeychainUnavailable(String),
    /// The workspace is in passphrase mode and no passphrase was given.
    #[error(
        "this workspace is protected by a passphrase; enter it (or set PARTNER_ADVISOR_PASSPHRASE)"
    )]
    PassphraseRequired,
    /// A passphrase that is too weak to protect customer data.
    #[error("the passphrase must have at least {0} characters")]
    WeakPassphrase(usize),
    /// File-system failure.
    #[error("{context}: {source}")]
    Io {
        /// What was being done.
        context: String,
        /// The OS error.
        #[source]
        source: std::io::Error,
    },
    /// SQLite or SQLCipher failure.
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    /// Schema migration failure.
    #[error("schema migration failed: {0}")]
    Migration(String),
    /// A record the caller named does not exist.
    #[error("{0} is not in this workspace")]
    NotFound(String),
    /// A stored value that does not parse into the domain.
    #[error("corrupt value in the workspace: {0}")]
    Corrupt(String),
}

impl StoreError {
    pub(crate) fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        StoreError::Io {
            context: context.into(),
            source,
        }
    }
}

impl From<partner_advisor_domain::DomainError> for StoreError {
    fn from(e: partner_advisor_domain::DomainError) -> Self {
        StoreError::Corrupt(e.to_string())
    }
}

/// Result of store operations.
pub type Result<T> = std::result::Result<T, StoreError>;
