//! Workspace keys: random 256-bit keys kept in the keychain, or Argon2id-derived from a passphrase.

use argon2::{Algorithm, Argon2, Params, Version};
use rand::RngCore;
use sha2::{Digest, Sha256};
use zeroize::{Zeroize, Zeroizing};

use crate::manifest::KdfParams;
use crate::{Result, StoreError};

/// Shortest passphrase accepted for a new workspace.
pub const MIN_PASSPHRASE_CHARS: usize = 10;

/// How the caller proposes to unlock a workspace.
#[derive(Clone)]
pub enum KeySource {
    /// Use (or create) a random key in the OS keychain.
    Keychain,
    /// Derive the key from this passphrase.
    Passphrase(Zeroizing<String>),
}

impl std::fmt::Debug for KeySource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            KeySource::Keychain => f.write_str("Keychain"),
            KeySource::Passphrase(_) => f.write_str("Passphrase(<redacted>)"),
        }
    }
}

/// A 256-bit SQLCipher key, wiped from memory when dropped.
pub struct WorkspaceKey([u8; 32]);

impl Drop for WorkspaceKey {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl WorkspaceKey {
    /// A fresh random key from the OS random generator.
    pub fn random() -> Self {
        let mut bytes = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        Self(bytes)
    }

    /// Parses the hex form kept in the keychain.
    pub fn from_hex(hex_key: &str) -> Result<Self> {
        let mut bytes = [0u8; 32];
        hex::decode_to_slice(hex_key.trim(), &mut bytes)
            .map_err(|_| StoreError::Corrupt("the keychain entry is not a workspace key".into()))?;
        Ok(Self(bytes))
    }

    /// Derives the key from a passphrase with Argon2id.
    pub fn derive(passphrase: &str, kdf: &KdfParams) -> Result<Self> {
        let salt = hex::decode(&kdf.salt)
            .map_err(|_| StoreError::Corrupt("the workspace's key salt is not hex".into()))?;
        let params = Params::new(kdf.m_cost_kib, kdf.t_cost, kdf.p_cost, Some(32))
            .map_err(|e| StoreError::Corrupt(format!("key derivation parameters: {e}")))?;
        let mut bytes = [0u8; 32];
        Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
            .hash_password_into(passphrase.as_bytes(), &salt, &mut bytes)
            .map_err(|e| StoreError::Corrupt(format!("key derivation failed: {e}")))?;
        Ok(Self(bytes))
    }

    /// The hex form kept in the keychain.
    pub fn to_hex(&self) -> Zeroizing<String> {
        Zeroizing::new(hex::encode(self.0))
    }

    /// The value of `PRAGMA key` for a raw key.
    pub(crate) fn pragma_value(&self) -> Zeroizing<String> {
        Zeroizing::new(format!("\"x'{}'\"", hex::encode_upper(self.0)))
    }

    /// A short, one-way check value stored in the manifest so a wrong key is told apart from a
    /// damaged file before SQLCipher is asked. 64 bits of SHA-256 over a domain-separated key.
    pub fn check_value(&self) -> String {
        let mut hasher = Sha256::new();
        hasher.update(b"partner-advisor workspace key check v1");
        hasher.update(self.0);
        hex::encode(&hasher.finalize()[..8])
    }
}

/// Fresh Argon2id parameters with a random salt (OWASP's 19 MiB × 2 floor raised to 64 MiB × 3).
pub fn new_kdf_params() -> KdfParams {
    let mut salt = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut salt);
    KdfParams {
        algorithm: "argon2id".into(),
        salt: hex::encode(salt),
        m_cost_kib: 64 * 1024,
        t_cost: 3,
        p_cost: 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derivation_is_deterministic_and_salted() {
        let kdf = KdfParams {
            m_cost_kib: 1024,
            t_cost: 1,
            ..new_kdf_params()
        };
        let a = WorkspaceKey::derive("correct horse battery", &kdf).expect("derive");
        let b = WorkspaceKey::derive("correct horse battery", &kdf).expect("derive");
        let c = WorkspaceKey::derive("correct horse battery!", &kdf).expect("derive");
        assert_eq!(a.check_value(), b.check_value());
        assert_ne!(a.check_value(), c.check_value());
        let other_salt = KdfParams {
            m_cost_kib: 1024,
            t_cost: 1,
            ..new_kdf_params()
        };
        let d = WorkspaceKey::derive("correct horse battery", &other_salt).expect("derive");
        assert_ne!(a.check_value(), d.check_value());
    }

    #[test]
    fn debug_never_shows_the_passphrase() {
        let source = KeySource::Passphrase(Zeroizing::new("hunter2-secret".into()));
        assert!(!format!("{source:?}").contains("hunter2"));
    }
}
