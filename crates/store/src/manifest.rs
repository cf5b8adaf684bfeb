//! `workspace.json`: what a workspace is and how its key is obtained (never the key itself).

use std::path::Path;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{Result, StoreError};

/// File name of the manifest inside a workspace folder.
pub const MANIFEST_FILE: &str = "workspace.json";
/// File name of the encrypted database inside a workspace folder.
pub const DATABASE_FILE: &str = "workspace.db";
/// Marker that identifies our manifests.
pub const FORMAT: &str = "partner-advisor-workspace";
/// Newest manifest format this build reads and writes.
pub const FORMAT_VERSION: i64 = 1;

/// How the workspace key is obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum KeyMode {
    /// A random key in the OS keychain.
    Keychain,
    /// A key derived from a passphrase (portable between machines).
    Passphrase,
}

/// Argon2id parameters of a passphrase workspace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KdfParams {
    /// Always "argon2id".
    pub algorithm: String,
    /// Random salt, hex.
    pub salt: String,
    /// Memory cost in KiB.
    pub m_cost_kib: u32,
    /// Iterations.
    pub t_cost: u32,
    /// Parallelism.
    pub p_cost: u32,
}

/// The manifest of a workspace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// Always [`FORMAT`].
    pub format: String,
    /// Manifest format version.
    pub format_version: i64,
    /// Stable identifier, also the keychain account of the key.
    pub id: String,
    /// Display name.
    pub name: String,
    /// How the key is obtained.
    pub key_mode: KeyMode,
    /// Key derivation parameters, in passphrase mode.
    pub kdf: Option<KdfParams>,
    /// One-way check value of the key (see `WorkspaceKey::check_value`).
    pub key_check: String,
    /// Whether the workspace holds generated demo data.
    #[serde(default)]
    pub is_demo: bool,
    /// Creation time.
    pub created_at: DateTime<Utc>,
}

impl Manifest {
    /// Reads and checks the manifest of the workspace in `dir`.
    pub fn read(dir: &Path) -> Result<Self> {
        if !dir.is_dir() {
            return Err(StoreError::WorkspaceNotFound(dir.to_path_buf()));
        }
        let path = dir.join(MANIFEST_FILE);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(StoreError::NotAWorkspace {
                    path: dir.to_path_buf(),
                    reason: format!("it has no {MANIFEST_FILE}"),
                })
            }
            Err(e) => return Err(StoreError::io(format!("reading {}", path.display()), e)),
        };
        let not_ours = |reason: String| StoreError::NotAWorkspace {
            path: path.clone(),
            reason,
        };
        let value: serde_json::Value = serde_json::from_str(&text)
            .map_err(|e| not_ours(format!("the manifest is not valid JSON ({e})")))?;
        if value.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
            return Err(not_ours(
                "the manifest is not a Partner Advisor manifest".into(),
            ));
        }
        let found = value
            .get("format_version")
            .and_then(|v| v.as_i64())
            .ok_or_else(|| not_ours("the manifest has no format version".into()))?;
        if found > FORMAT_VERSION {
            return Err(StoreError::NewerVersion {
                found,
                supported: FORMAT_VERSION,
            });
        }
        serde_json::from_value(value)
            .map_err(|e| not_ours(format!("the manifest is incomplete ({e})")))
    }

    /// Writes the manifest atomically (temporary file, then rename).
    pub fn write(&self, dir: &Path) -> Result<()> {
        let path = dir.join(MANIFEST_FILE);
        let tmp = dir.join(format!("{MANIFEST_FILE}.tmp"));
        let text = serde_json::to_string_pretty(self)
            .map_err(|e| StoreError::Corrupt(format!("manifest serialisation: {e}")))?;
        std::fs::write(&tmp, text)
            .map_err(|e| StoreError::io(format!("writing {}", tmp.display()), e))?;
        std::fs::rename(&tmp, &path)
            .map_err(|e| StoreError::io(format!("writing {}", path.display()), e))
    }
}
