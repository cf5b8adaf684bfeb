//! What can go wrong in a sync, each with the message a partner reads. Messages never carry a
//! secret, a token or a request body.

use partner_advisor_engine::EngineError;

/// Why a sync (or one of its requests) failed.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    /// No network, or the service cannot be reached.
    #[error("you are offline or {service} cannot be reached ({detail}); the app works from the data on this computer")]
    Offline {
        /// Which service.
        service: &'static str,
        /// What the connection said.
        detail: String,
    },
    /// The service did not answer in time, after retries.
    #[error("{service} did not answer in time; try again later")]
    Timeout {
        /// Which service.
        service: &'static str,
    },
    /// Credentials are not set in Settings.
    #[error("sync needs the Microsoft Entra app registration: set {missing} in Settings")]
    MissingCredentials {
        /// The ones missing, named for the partner.
        missing: String,
    },
    /// The identity platform refused the credentials.
    #[error("Microsoft Entra refused the app registration: {reason}. Check the tenant ID, client ID and client secret in Settings")]
    BadCredentials {
        /// Entra's reason, without the secret (its AADSTS code and first sentence).
        reason: String,
    },
    /// Signed in, but the app registration may not do this.
    #[error("missing permission: {what}")]
    MissingPermission {
        /// What was refused, and which permission grants it.
        what: String,
    },
    /// Still throttled after every retry.
    #[error("{service} is throttling requests (HTTP 429) and asked to wait {retry_after_secs} s; sync again later")]
    Throttled {
        /// Which service.
        service: &'static str,
        /// What it last asked.
        retry_after_secs: u64,
    },
    /// The service failed, after retries.
    #[error("{service} failed (HTTP {status}){detail}; try again later")]
    Server {
        /// Which service.
        service: &'static str,
        /// The HTTP status.
        status: u16,
        /// Its message, when it gave one (starting with ": ").
        detail: String,
    },
    /// An answer the app cannot read.
    #[error("{service} sent something the app cannot read: {detail}")]
    Malformed {
        /// Which service.
        service: &'static str,
        /// What was wrong, with its position when known.
        detail: String,
    },
    /// The request was refused as invalid (HTTP 4xx other than the above).
    #[error("{service} refused the request (HTTP {status}){detail}")]
    Refused {
        /// Which service.
        service: &'static str,
        /// The HTTP status.
        status: u16,
        /// Its message (starting with ": ").
        detail: String,
    },
    /// The user cancelled.
    #[error("cancelled")]
    Cancelled,
    /// A local failure (the workspace, the keychain).
    #[error(transparent)]
    Engine(#[from] EngineError),
}

impl SyncError {
    /// A stable code the UI switches on.
    pub fn code(&self) -> &'static str {
        match self {
            SyncError::Offline { .. } => "offline",
            SyncError::Timeout { .. } => "timeout",
            SyncError::MissingCredentials { .. } => "missingCredentials",
            SyncError::BadCredentials { .. } => "badCredentials",
            SyncError::MissingPermission { .. } => "missingPermission",
            SyncError::Throttled { .. } => "throttled",
            SyncError::Server { .. } => "server",
            SyncError::Malformed { .. } => "malformed",
            SyncError::Refused { .. } => "refused",
            SyncError::Cancelled => "cancelled",
            SyncError::Engine(_) => "local",
        }
    }

    /// Whether trying the same request again later may work (the push keeps such leads queued).
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            SyncError::Offline { .. }
                | SyncError::Timeout { .. }
                | SyncError::Throttled { .. }
                | SyncError::Server { .. }
        )
    }
}

impl From<partner_advisor_store::StoreError> for SyncError {
    fn from(e: partner_advisor_store::StoreError) -> Self {
        SyncError::Engine(EngineError::Store(e))
    }
}

/// Result of a sync step.
pub type Result<T> = std::result::Result<T, SyncError>;
