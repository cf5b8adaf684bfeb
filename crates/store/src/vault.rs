//! Secrets in the OS keychain (Windows Credential Manager, macOS Keychain, Secret Service).
//!
//! Workspace keys and partner credentials go through [`SecretStore`]; values are returned in
//! [`Zeroizing`] buffers and never formatted into errors or logs.

use zeroize::Zeroizing;

use crate::{Result, StoreError};

/// Keychain service name used by the app.
pub const SERVICE: &str = "partner-advisor";
/// Environment variable that moves the app's keychain entries under another service name
/// (tests, side-by-side installs).
pub const SERVICE_ENV: &str = "PARTNER_ADVISOR_KEYCHAIN_SERVICE";

/// Where secrets are kept.
pub trait SecretStore: Send + Sync {
    /// Reads a secret; `Ok(None)` when there is none.
    fn get(&self, account: &str) -> Result<Option<Zeroizing<String>>>;
    /// Writes (or replaces) a secret.
    fn set(&self, account: &str, secret: &str) -> Result<()>;
    /// Removes a secret; removing an absent secret is not an error.
    fn delete(&self, account: &str) -> Result<()>;
}

/// The OS keychain through the `keyring` crate.
#[derive(Debug, Clone)]
pub struct Keychain {
    service: String,
}

impl Keychain {
    /// The app's keychain entries (`$PARTNER_ADVISOR_KEYCHAIN_SERVICE`, else `partner-advisor`).
    pub fn app() -> Self {
        match std::env::var(SERVICE_ENV) {
            Ok(service) if !service.trim().is_empty() => Self::with_service(service),
            _ => Self::with_service(SERVICE),
        }
    }

    /// Entries under another service name (tests use one of their own).
    pub fn with_service(service: impl Into<String>) -> Self {
        Self {
            service: service.into(),
        }
    }

    fn entry(&self, account: &str) -> Result<keyring::Entry> {
        keyring::Entry::new(&self.service, account).map_err(unavailable)
    }
}

/// Maps a keyring failure to a store error without ever including a secret.
fn unavailable(e: keyring::Error) -> StoreError {
    let why = match &e {
        keyring::Error::PlatformFailure(inner) => format!("platform failure: {inner}"),
        keyring::Error::NoStorageAccess(inner) => format!("no storage access: {inner}"),
        other => other.to_string(),
    };
    StoreError::KeychainUnavailable(why)
}

impl SecretStore for Keychain {
    fn get(&self, account: &str) -> Result<Option<Zeroizing<String>>> {
        match self.entry(account)?.get_password() {
            Ok(secret) => Ok(Some(Zeroizing::new(secret))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(unavailable(e)),
        }
    }

    fn set(&self, account: &str, secret: &str) -> Result<()> {
        self.entry(account)?
            .set_password(secret)
            .map_err(unavailable)
    }

    fn delete(&self, account: &str) -> Result<()> {
        match self.entry(account)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(unavailable(e)),
        }
    }
}

/// Secrets held in this process only, gone when it ends: for tests and benchmarks that exercise
/// what is done with a secret, not the OS keychain itself.
#[derive(Debug, Default)]
pub struct MemorySecrets(std::sync::Mutex<std::collections::HashMap<String, Zeroizing<String>>>);

impl MemorySecrets {
    fn map(
        &self,
    ) -> std::sync::MutexGuard<'_, std::collections::HashMap<String, Zeroizing<String>>> {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl SecretStore for MemorySecrets {
    fn get(&self, account: &str) -> Result<Option<Zeroizing<String>>> {
        Ok(self.map().get(account).cloned())
    }

    fn set(&self, account: &str, secret: &str) -> Result<()> {
        self.map()
            .insert(account.to_owned(), Zeroizing::new(secret.to_owned()));
        Ok(())
    }

    fn delete(&self, account: &str) -> Result<()> {
        self.map().remove(account);
        Ok(())
    }
}
