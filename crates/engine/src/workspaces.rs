//! The workspaces the user knows, the one opened last, and opening or creating them.
//!
//! The registry (`workspaces.json` in the app's data folder) holds paths and names only. The first
//! start opens the bundled demo workspace, generating it in the data folder when it is not there.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use partner_advisor_domain::Clock;
use partner_advisor_store::manifest::{KeyMode, MANIFEST_FILE};
use partner_advisor_store::{CreateOptions, KeySource, SecretStore, Workspace};
use serde::{Deserialize, Serialize};

use crate::demo::{self, DemoConfig};
use crate::jobs::{CancelToken, Progress};
use crate::settings::write_json_atomically;
use crate::{EngineError, Result};

/// Environment variable that moves the app's data folder (tests, portable installs).
pub const DATA_DIR_ENV: &str = "PARTNER_ADVISOR_DATA_DIR";
/// Environment variable that sets the size of the first-start demo (tests, benchmarks).
pub const DEMO_CUSTOMERS_ENV: &str = "PARTNER_ADVISOR_DEMO_CUSTOMERS";
const REGISTRY_FILE: &str = "workspaces.json";

/// The app's data folder: `$PARTNER_ADVISOR_DATA_DIR`, else the OS's per-user data folder.
pub fn data_dir() -> PathBuf {
    std::env::var_os(DATA_DIR_ENV)
        .map(PathBuf::from)
        .or_else(|| dirs::data_dir().map(|d| d.join("partner-advisor")))
        .unwrap_or_else(|| PathBuf::from(".partner-advisor"))
}

/// A workspace the user has opened before.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KnownWorkspace {
    /// Stable identifier.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Folder.
    pub path: PathBuf,
    /// How its key is kept.
    pub key_mode: KeyMode,
    /// Last time it was opened.
    pub last_opened: Option<DateTime<Utc>>,
}

/// The list of known workspaces.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Registry {
    /// Known workspaces, most recently opened first.
    pub workspaces: Vec<KnownWorkspace>,
}

impl Registry {
    /// Reads the registry of `data_dir`, dropping entries whose folder is gone.
    pub fn load(data_dir: &Path) -> Self {
        let mut registry: Registry = std::fs::read_to_string(data_dir.join(REGISTRY_FILE))
            .ok()
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_default();
        registry
            .workspaces
            .retain(|w| w.path.join(MANIFEST_FILE).is_file());
        registry
    }

    /// Writes the registry.
    pub fn save(&self, data_dir: &Path) -> Result<()> {
        write_json_atomically(&data_dir.join(REGISTRY_FILE), self)
    }

    /// Records that `ws` was just opened.
    pub fn remember(&mut self, ws: &Workspace, now: DateTime<Utc>) {
        let manifest = ws.manifest();
        self.workspaces
            .retain(|w| w.id != manifest.id && w.path != ws.dir());
        self.workspaces.insert(
            0,
            KnownWorkspace {
                id: manifest.id.clone(),
                name: manifest.name.clone(),
                path: ws.dir().to_path_buf(),
                key_mode: manifest.key_mode,
                last_opened: Some(now),
            },
        );
    }

    /// The workspace opened last.
    pub fn last(&self) -> Option<&KnownWorkspace> {
        self.workspaces.first()
    }
}

/// Where the bundled demo workspace lives.
pub fn demo_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("workspaces").join("demo")
}

/// Where a new workspace called `name` goes by default: a folder named after it, made unique.
pub fn new_workspace_dir(data_dir: &Path, name: &str) -> PathBuf {
    let slug: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect::<String>()
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let base = if slug.is_empty() {
        "workspace".to_owned()
    } else {
        slug
    };
    let root = data_dir.join("workspaces");
    (1..)
        .map(|n| {
            if n == 1 {
                root.join(&base)
            } else {
                root.join(format!("{base}-{n}"))
            }
        })
        .find(|p| !p.exists())
        .unwrap_or_else(|| root.join(uuid::Uuid::new_v4().to_string()))
}

/// The services every workspace use case needs.
pub struct Context<'a> {
    /// The app's data folder.
    pub data_dir: &'a Path,
    /// The keychain.
    pub secrets: &'a dyn SecretStore,
    /// The clock.
    pub clock: &'a dyn Clock,
}

impl Context<'_> {
    fn remember(&self, ws: &Workspace) -> Result<()> {
        let mut registry = Registry::load(self.data_dir);
        registry.remember(ws, self.clock.now());
        registry.save(self.data_dir)
    }

    /// The demo's "as of" date: the end of the last complete month.
    pub fn demo_as_of(&self) -> NaiveDate {
        let today = self.clock.now().date_naive();
        today
            .with_day0(0)
            .and_then(|first| first.pred_opt())
            .unwrap_or(today)
    }

    fn demo_config(&self) -> DemoConfig {
        let customers = std::env::var(DEMO_CUSTOMERS_ENV)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(demo::DEFAULT_CUSTOMERS);
        DemoConfig {
            leads_until: Some(self.clock.now()),
            ..DemoConfig::new(customers, demo::DEFAULT_SEED, self.demo_as_of())
        }
    }

    /// Opens the workspace in `dir` and remembers it as the last one used. The demo folder is
    /// generated when empty (the first start, where no keychain is usable, ends up here).
    pub async fn open(
        &self,
        dir: &Path,
        key: KeySource,
        progress: &dyn Progress,
        cancel: &CancelToken,
    ) -> Result<Workspace> {
        if dir == demo_dir(self.data_dir) && !dir.join(MANIFEST_FILE).exists() {
            return self.create_demo(dir, key, progress, cancel).await;
        }
        let ws = Workspace::open(dir, key, self.secrets).await?;
        self.remember(&ws)?;
        Ok(ws)
    }

    /// At start-up: the workspace used last, else the demo (generated on the first start).
    pub async fn open_startup(
        &self,
        progress: &dyn Progress,
        cancel: &CancelToken,
    ) -> Result<Workspace> {
        if let Some(last) = Registry::load(self.data_dir).last() {
            return self
                .open(&last.path.clone(), KeySource::Keychain, progress, cancel)
                .await;
        }
        self.open(
            &demo_dir(self.data_dir),
            KeySource::Keychain,
            progress,
            cancel,
        )
        .await
    }

    async fn create_demo(
        &self,
        dir: &Path,
        key: KeySource,
        progress: &dyn Progress,
        cancel: &CancelToken,
    ) -> Result<Workspace> {
        let (ws, _) = demo::create_demo_workspace(
            dir,
            "Demo — Northwind Cloud Partners",
            key,
            &self.demo_config(),
            self.secrets,
            progress,
            cancel,
        )
        .await?;
        self.remember(&ws)?;
        Ok(ws)
    }

    /// Creates a workspace, empty or with demo data, in a new folder of the data folder.
    pub async fn create(
        &self,
        name: &str,
        with_demo_data: bool,
        key: KeySource,
        progress: &dyn Progress,
        cancel: &CancelToken,
    ) -> Result<Workspace> {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 80 || name.chars().any(char::is_control) {
            return Err(EngineError::InvalidInput(
                "a workspace name has 1 to 80 characters".into(),
            ));
        }
        let dir = new_workspace_dir(self.data_dir, name);
        let ws = if with_demo_data {
            demo::create_demo_workspace(
                dir.as_path(),
                name,
                key,
                &self.demo_config(),
                self.secrets,
                progress,
                cancel,
            )
            .await?
            .0
        } else {
            Workspace::create(
                &dir,
                CreateOptions {
                    name: name.to_owned(),
                    key,
                    is_demo: false,
                },
                self.secrets,
            )
            .await?
        };
        self.remember(&ws)?;
        Ok(ws)
    }

    /// The known workspaces, most recent first.
    pub fn list(&self) -> Vec<KnownWorkspace> {
        Registry::load(self.data_dir).workspaces
    }
}
