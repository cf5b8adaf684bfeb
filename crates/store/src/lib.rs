//! The encrypted Partner Advisor workspace.
//!
//! A workspace is a folder holding `workspace.json` (what the workspace is and how its key is
//! obtained: never the key) and `workspace.db`, a SQLite database encrypted with SQLCipher
//! (AES-256). The key is random and lives in the OS keychain, or is derived from a passphrase with
//! Argon2id. Nothing ever falls back to an unencrypted database or a key on disk.
//!
//! The database is owned by this crate: migrations are embedded SQL files (`migrations/`), and each
//! table has one query module under [`tables`]. To add a table: write a new timestamped migration
//! (never edit a shipped one), then a module in `tables/` with its inserts and queries.

pub mod error;
pub mod key;
pub mod manifest;
pub mod tables;
pub mod vault;
pub mod workspace;

pub use error::{Result, StoreError};
pub use key::{KeySource, WorkspaceKey};
pub use manifest::{KeyMode, Manifest};
/// The connection type query modules take, for use cases that compose several writes in one transaction.
pub use sqlx::SqliteConnection;
pub use vault::{Keychain, MemorySecrets, SecretStore};
pub use workspace::{CreateOptions, Workspace};
