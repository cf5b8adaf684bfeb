//! The user's preferences, kept beside the workspaces (never secrets: those go to the keychain).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::{EngineError, Result};

/// A user-interface language.
#[cfg_attr(feature = "ipc-types", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// English.
    En,
    /// Spanish.
    Es,
    /// French.
    Fr,
    /// Polish.
    Pl,
}

impl Language {
    /// The language of a BCP 47 locale such as `pl-PL` or `es_ES.UTF-8`, if the app has it.
    pub fn from_locale(locale: &str) -> Option<Self> {
        let primary = locale
            .split(['-', '_', '.'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Language::En),
            "es" => Some(Language::Es),
            "fr" => Some(Language::Fr),
            "pl" => Some(Language::Pl),
            _ => None,
        }
    }
}

/// Preferences.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    /// Language override; `None` follows the OS.
    pub language: Option<Language>,
    /// Where propensity reports are written; `None` for [`default_reports_folder`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reports_folder: Option<PathBuf>,
    /// Sync endpoints and timing.
    #[serde(default)]
    pub sync: crate::sync::SyncSettings,
}

/// The reports folder until the user picks one: `Partner Advisor reports` in the user's
/// Documents, or `reports` in the data folder when the data folder is set explicitly (tests,
/// portable use) or there is no Documents folder.
pub fn default_reports_folder(data_dir: &Path) -> PathBuf {
    let explicit = std::env::var_os(crate::workspaces::DATA_DIR_ENV).is_some();
    match dirs::document_dir() {
        Some(docs) if !explicit => docs.join("Partner Advisor reports"),
        _ => data_dir.join("reports"),
    }
}

impl Settings {
    /// The reports folder in force.
    pub fn reports_folder(&self, data_dir: &Path) -> PathBuf {
        self.reports_folder
            .clone()
            .unwrap_or_else(|| default_reports_folder(data_dir))
    }
}

const SETTINGS_FILE: &str = "settings.json";

impl Settings {
    fn path(data_dir: &Path) -> PathBuf {
        data_dir.join(SETTINGS_FILE)
    }

    /// Reads the settings; missing or unreadable settings are the defaults.
    pub fn load(data_dir: &Path) -> Self {
        std::fs::read_to_string(Self::path(data_dir))
            .ok()
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_default()
    }

    /// Writes the settings atomically.
    pub fn save(&self, data_dir: &Path) -> Result<()> {
        write_json_atomically(&Self::path(data_dir), self)
    }
}

/// Writes JSON to a temporary file, then renames it over `path`.
pub(crate) fn write_json_atomically<T: Serialize>(path: &Path, value: &T) -> Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|e| EngineError::io(format!("creating {}", parent.display()), e))?;
    }
    let text = serde_json::to_string_pretty(value)
        .map_err(|e| EngineError::InvalidInput(format!("cannot serialise settings: {e}")))?;
    let tmp = path.with_extension("json.tmp");
    std::fs::write(&tmp, text)
        .map_err(|e| EngineError::io(format!("writing {}", tmp.display()), e))?;
    std::fs::rename(&tmp, path)
        .map_err(|e| EngineError::io(format!("writing {}", path.display()), e))
}

/// The texts of `lang` from a module's catalogue of JSON files (one per language, English first,
/// the fallback), parsed into `cell` the first time any language is asked for. The files are
/// part of the build and each module checks them in a test, so a parse failure is a bug.
pub(crate) fn catalogue<T: serde::de::DeserializeOwned>(
    cell: &'static std::sync::OnceLock<Vec<(Language, T)>>,
    what: &str,
    sources: &[(Language, &str)],
    lang: Language,
) -> &'static T {
    let all = cell.get_or_init(|| {
        sources
            .iter()
            .map(|(l, s)| {
                let t: T = serde_json::from_str(s)
                    .unwrap_or_else(|e| panic!("{what} texts/{l:?}.json does not parse: {e}"));
                (*l, t)
            })
            .collect()
    });
    all.iter()
        .find(|(l, _)| *l == lang)
        .map_or(&all[0].1, |(_, t)| t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locales_map_to_languages() {
        assert_eq!(Language::from_locale("pl-PL"), Some(Language::Pl));
        assert_eq!(Language::from_locale("es_ES.UTF-8"), Some(Language::Es));
        assert_eq!(Language::from_locale("fr"), Some(Language::Fr));
        assert_eq!(Language::from_locale("en-GB"), Some(Language::En));
        assert_eq!(Language::from_locale("de-DE"), None);
        assert_eq!(Language::from_locale(""), None);
    }

    #[test]
    fn settings_round_trip_and_default_when_missing() {
        let tmp = tempfile::tempdir().expect("tempdir");
        assert_eq!(Settings::load(tmp.path()), Settings::default());
        let s = Settings {
            language: Some(Language::Pl),
            reports_folder: Some(tmp.path().join("out")),
            sync: crate::sync::SyncSettings {
                every_hours: Some(4),
                ..Default::default()
            },
        };
        s.save(tmp.path()).expect("save");
        assert_eq!(Settings::load(tmp.path()), s);
    }
}
