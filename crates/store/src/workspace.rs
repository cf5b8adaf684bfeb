//! Creating and opening workspaces: key handling, SQLCipher connection, migrations.

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use chrono::Utc;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::{Sqlite, Transaction};
use zeroize::Zeroizing;

use crate::key::{new_kdf_params, KeySource, WorkspaceKey, MIN_PASSPHRASE_CHARS};
use crate::manifest::{KeyMode, Manifest, DATABASE_FILE, FORMAT, FORMAT_VERSION, MANIFEST_FILE};
use crate::vault::SecretStore;
use crate::{Result, StoreError};

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// SQLite's result code for "file is not a database" (also what SQLCipher answers to a wrong key).
const SQLITE_NOTADB: &str = "26";
/// The first bytes of an unencrypted SQLite file.
const PLAINTEXT_SQLITE_HEADER: &[u8] = b"SQLite format 3\0";

/// What a new workspace is.
#[derive(Debug, Clone)]
pub struct CreateOptions {
    /// Display name.
    pub name: String,
    /// How its key is kept.
    pub key: KeySource,
    /// Whether it will hold generated demo data.
    pub is_demo: bool,
}

/// An open, unlocked workspace.
#[derive(Debug, Clone)]
pub struct Workspace {
    dir: PathBuf,
    manifest: Manifest,
    pool: SqlitePool,
}

/// The keychain account that holds a workspace's key.
pub fn key_account(workspace_id: &str) -> String {
    format!("workspace-key:{workspace_id}")
}

impl Workspace {
    /// Creates a new, empty, encrypted workspace in `dir` (created if needed, must not hold one).
    ///
    /// On any failure nothing is left behind that could be mistaken for a workspace.
    pub async fn create(
        dir: &Path,
        options: CreateOptions,
        secrets: &dyn SecretStore,
    ) -> Result<Self> {
        if dir.join(MANIFEST_FILE).exists() || dir.join(DATABASE_FILE).exists() {
            return Err(StoreError::AlreadyExists(dir.to_path_buf()));
        }
        let dir_existed = dir.exists();
        std::fs::create_dir_all(dir)
            .map_err(|e| StoreError::io(format!("creating {}", dir.display()), e))?;
        let result = Self::create_inside(dir, options, secrets).await;
        if result.is_err() {
            remove_partial_workspace(dir, dir_existed);
        }
        result
    }

    async fn create_inside(
        dir: &Path,
        options: CreateOptions,
        secrets: &dyn SecretStore,
    ) -> Result<Self> {
        let id = uuid::Uuid::new_v4().to_string();
        let (key, key_mode, kdf) = match &options.key {
            KeySource::Keychain => {
                let key = WorkspaceKey::random();
                store_key_in_keychain(secrets, &id, &key)?;
                (key, KeyMode::Keychain, None)
            }
            KeySource::Passphrase(passphrase) => {
                if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
                    return Err(StoreError::WeakPassphrase(MIN_PASSPHRASE_CHARS));
                }
                let kdf = new_kdf_params();
                let key = WorkspaceKey::derive(passphrase, &kdf)?;
                (key, KeyMode::Passphrase, Some(kdf))
            }
        };
        let manifest = Manifest {
            format: FORMAT.into(),
            format_version: FORMAT_VERSION,
            id,
            name: options.name,
            key_mode,
            kdf,
            key_check: key.check_value(),
            is_demo: options.is_demo,
            created_at: Utc::now(),
        };
        let pool = connect(&dir.join(DATABASE_FILE), &key, true).await?;
        let workspace = Self {
            dir: dir.to_path_buf(),
            manifest,
            pool,
        };
        workspace.migrate().await?;
        // The manifest comes last: a workspace without one is not a workspace.
        workspace.manifest.write(dir)?;
        Ok(workspace)
    }

    /// Opens the workspace in `dir` with the key from the keychain or the given passphrase.
    pub async fn open(dir: &Path, key: KeySource, secrets: &dyn SecretStore) -> Result<Self> {
        let manifest = Manifest::read(dir)?;
        let key = match (manifest.key_mode, key) {
            (KeyMode::Keychain, _) => {
                let stored = secrets
                    .get(&key_account(&manifest.id))?
                    .ok_or_else(|| StoreError::MissingKey(manifest.name.clone()))?;
                WorkspaceKey::from_hex(&stored)?
            }
            (KeyMode::Passphrase, KeySource::Passphrase(passphrase)) => {
                let kdf = manifest
                    .kdf
                    .as_ref()
                    .ok_or_else(|| StoreError::NotAWorkspace {
                        path: dir.to_path_buf(),
                        reason: "passphrase mode without key derivation parameters".into(),
                    })?;
                WorkspaceKey::derive(&passphrase, kdf)?
            }
            (KeyMode::Passphrase, KeySource::Keychain) => {
                return Err(StoreError::PassphraseRequired)
            }
        };
        if key.check_value() != manifest.key_check {
            return Err(StoreError::WrongKey);
        }
        let db = dir.join(DATABASE_FILE);
        if !db.is_file() {
            return Err(StoreError::NotAWorkspace {
                path: dir.to_path_buf(),
                reason: format!("its database {DATABASE_FILE} is missing"),
            });
        }
        let pool = connect(&db, &key, false).await?;
        let workspace = Self {
            dir: dir.to_path_buf(),
            manifest,
            pool,
        };
        workspace.migrate().await?;
        Ok(workspace)
    }

    /// Applies the embedded migrations, refusing a database from a newer app.
    async fn migrate(&self) -> Result<()> {
        let known = MIGRATOR.iter().map(|m| m.version).max().unwrap_or(0);
        let applied: Option<i64> = sqlx::query_scalar(
            "SELECT MAX(version) FROM _sqlx_migrations WHERE EXISTS \
             (SELECT 1 FROM sqlite_master WHERE name = '_sqlx_migrations')",
        )
        .fetch_optional(&self.pool)
        .await
        .ok()
        .flatten();
        if let Some(found) = applied.filter(|v| *v > known) {
            return Err(StoreError::NewerVersion {
                found,
                supported: known,
            });
        }
        MIGRATOR.run(&self.pool).await.map_err(|e| match e {
            sqlx::migrate::MigrateError::VersionMissing(found) => StoreError::NewerVersion {
                found,
                supported: known,
            },
            other => StoreError::Migration(other.to_string()),
        })
    }

    /// The workspace folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The manifest (identity, name, key mode).
    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    /// The connection pool; clone it freely.
    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    /// Starts a write transaction; everything written through it lands together or not at all.
    ///
    /// `BEGIN IMMEDIATE` takes the write lock at once, waiting for another writer up to the busy
    /// timeout. A plain `BEGIN` that reads first and writes later cannot wait: SQLite answers
    /// "database is locked" at the first write when another connection wrote in between (an
    /// edit in the window beside the minute's lead check did).
    pub async fn begin(&self) -> Result<Transaction<'static, Sqlite>> {
        Ok(self.pool.begin_with("BEGIN IMMEDIATE").await?)
    }

    /// Bytes on disk: the database and its write-ahead log.
    pub fn file_size_bytes(&self) -> u64 {
        ["", "-wal"]
            .iter()
            .filter_map(|suffix| {
                std::fs::metadata(self.dir.join(format!("{DATABASE_FILE}{suffix}"))).ok()
            })
            .map(|m| m.len())
            .sum()
    }

    /// Checkpoints the log into the database and closes every connection.
    pub async fn close(self) {
        let _ = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
            .execute(&self.pool)
            .await;
        self.pool.close().await;
    }
}

fn store_key_in_keychain(secrets: &dyn SecretStore, id: &str, key: &WorkspaceKey) -> Result<()> {
    let account = key_account(id);
    let hex_key = key.to_hex();
    secrets.set(&account, &hex_key)?;
    // Some keychains accept a write and keep nothing (kernel keyutils outside a session):
    // read back before trusting the keychain with the only copy of the key.
    let kept: Option<Zeroizing<String>> = secrets.get(&account)?;
    if kept.as_deref().map(String::as_str) != Some(hex_key.as_str()) {
        let _ = secrets.delete(&account);
        return Err(StoreError::KeychainUnavailable(
            "the keychain accepted the key but did not keep it".into(),
        ));
    }
    Ok(())
}

fn remove_partial_workspace(dir: &Path, dir_existed: bool) {
    for name in [
        MANIFEST_FILE,
        DATABASE_FILE,
        "workspace.db-wal",
        "workspace.db-shm",
    ] {
        let _ = std::fs::remove_file(dir.join(name));
    }
    if !dir_existed {
        let _ = std::fs::remove_dir(dir);
    }
}

async fn connect(db: &Path, key: &WorkspaceKey, create: bool) -> Result<SqlitePool> {
    let options = SqliteConnectOptions::from_str("sqlite://")?
        .filename(db)
        .create_if_missing(create)
        .pragma("key", key.pragma_value().to_string())
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Full)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(10))
        // Every page read or evicted is decrypted or encrypted again: a 64 MiB page cache (instead
        // of SQLite's 2 MiB) keeps bulk writes from re-encrypting the same index pages.
        .pragma("cache_size", "-65536");
    let pool = SqlitePoolOptions::new()
        .max_connections(4)
        .connect_with(options)
        .await
        .map_err(|e| explain_unreadable(db, e))?;
    sqlx::query_scalar::<_, i64>("SELECT count(*) FROM sqlite_master")
        .fetch_one(&pool)
        .await
        .map_err(|e| explain_unreadable(db, e))?;
    Ok(pool)
}

/// Turns SQLCipher's "file is not a database" into what it means for the user.
fn explain_unreadable(db: &Path, error: sqlx::Error) -> StoreError {
    let not_a_db = error
        .as_database_error()
        .and_then(|e| e.code())
        .is_some_and(|code| code == SQLITE_NOTADB);
    if !not_a_db {
        return StoreError::Database(error);
    }
    let mut header = [0u8; 16];
    let plaintext = std::fs::File::open(db)
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut header))
        .is_ok()
        && header == PLAINTEXT_SQLITE_HEADER;
    let reason = if plaintext {
        "its database is an unencrypted SQLite file, which Partner Advisor never uses"
    } else {
        "its database is damaged or not encrypted with this workspace's key"
    };
    StoreError::NotAWorkspace {
        path: db.to_path_buf(),
        reason: reason.into(),
    }
}
