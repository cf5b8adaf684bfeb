//! Partner credentials (Microsoft Entra app registration) in the OS keychain.
//!
//! Values go to the keychain and come back only to the code that uses them; the app only ever
//! shows whether each one is set. Validation messages describe the expected shape, never the value.

use partner_advisor_store::SecretStore;
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::{EngineError, Result};

/// A credential the partner can store.
#[cfg_attr(feature = "ipc-types", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
// The names are Microsoft's (Entra tenant ID, …); the shared prefix is the point.
#[allow(clippy::enum_variant_names)]
pub enum CredentialKind {
    /// The partner's Microsoft Entra tenant ID (GUID) or primary domain.
    EntraTenantId,
    /// The app registration's application (client) ID (GUID).
    EntraClientId,
    /// The app registration's client secret.
    EntraClientSecret,
}

impl CredentialKind {
    /// Every credential, in the order the settings page lists them.
    pub const ALL: [CredentialKind; 3] = [
        CredentialKind::EntraTenantId,
        CredentialKind::EntraClientId,
        CredentialKind::EntraClientSecret,
    ];

    fn account(self) -> &'static str {
        match self {
            CredentialKind::EntraTenantId => "credential:entra-tenant-id",
            CredentialKind::EntraClientId => "credential:entra-client-id",
            CredentialKind::EntraClientSecret => "credential:entra-client-secret",
        }
    }

    fn validate(self, value: &str) -> Result<()> {
        let refuse = |why: &str| Err(EngineError::InvalidInput(why.to_owned()));
        if value.trim().is_empty() {
            return refuse("the value is empty");
        }
        if value.len() > 1024 || value.chars().any(char::is_control) {
            return refuse("the value is too long or contains control characters");
        }
        match self {
            CredentialKind::EntraTenantId if !is_guid(value) && !is_domain(value) => {
                refuse("a tenant ID is a GUID (8-4-4-4-12 hexadecimal digits) or a domain such as contoso.onmicrosoft.com")
            }
            CredentialKind::EntraClientId if !is_guid(value) => {
                refuse("an application (client) ID is a GUID (8-4-4-4-12 hexadecimal digits)")
            }
            _ => Ok(()),
        }
    }
}

fn is_guid(value: &str) -> bool {
    let parts: Vec<&str> = value.trim().split('-').collect();
    parts.len() == 5
        && parts
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(p, n)| p.len() == n && p.chars().all(|c| c.is_ascii_hexdigit()))
}

fn is_domain(value: &str) -> bool {
    let v = value.trim();
    v.contains('.')
        && v.split('.').all(|label| {
            !label.is_empty() && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
}

/// Whether one credential is set.
#[cfg_attr(feature = "ipc-types", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CredentialStatus {
    /// Which credential.
    pub kind: CredentialKind,
    /// Whether the keychain holds a value for it.
    pub is_set: bool,
}

/// Which credentials are set.
pub fn status(secrets: &dyn SecretStore) -> Result<Vec<CredentialStatus>> {
    CredentialKind::ALL
        .iter()
        .map(|&kind| {
            Ok(CredentialStatus {
                kind,
                is_set: secrets.get(kind.account())?.is_some(),
            })
        })
        .collect()
}

/// Stores a credential after checking its shape.
pub fn set(secrets: &dyn SecretStore, kind: CredentialKind, value: &str) -> Result<()> {
    kind.validate(value)?;
    secrets.set(kind.account(), value.trim())?;
    Ok(())
}

/// Removes a credential.
pub fn delete(secrets: &dyn SecretStore, kind: CredentialKind) -> Result<()> {
    secrets.delete(kind.account())?;
    Ok(())
}

/// Reads a credential for use (sync); the value is wiped from memory when dropped.
pub fn read(secrets: &dyn SecretStore, kind: CredentialKind) -> Result<Option<Zeroizing<String>>> {
    Ok(secrets.get(kind.account())?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_are_checked_without_echoing_the_value() {
        let secret_like = "not-a-guid-9f8e7d";
        let err = CredentialKind::EntraClientId
            .validate(secret_like)
            .expect_err("refused");
        assert!(!err.to_string().contains(secret_like));
        assert!(CredentialKind::EntraClientId
            .validate("0f5e7d3a-1111-4c1e-9a44-00000000000a")
            .is_ok());
        assert!(CredentialKind::EntraTenantId
            .validate("contoso.onmicrosoft.com")
            .is_ok());
        assert!(CredentialKind::EntraTenantId.validate("contoso").is_err());
        assert!(CredentialKind::EntraClientSecret.validate("  ").is_err());
        assert!(CredentialKind::EntraClientSecret
            .validate("Abc~8Q~secret.value-1234")
            .is_ok());
    }
}
