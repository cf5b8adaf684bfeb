//! App information and preferences.

use partner_advisor_engine::settings::{Language, Settings as StoredSettings};
use tauri::State;

use crate::dto::{AppInfo, Settings};
use crate::error::IpcResult;
use crate::state::AppState;

/// Version, OS locale and data folder.
#[tauri::command]
#[specta::specta]
pub fn app_info(state: State<'_, AppState>) -> IpcResult<AppInfo> {
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION").to_owned(),
        os_locale: sys_locale::get_locale().unwrap_or_else(|| "en-US".to_owned()),
        data_dir: state.data_dir.display().to_string(),
    })
}

/// The user's preferences.
#[tauri::command]
#[specta::specta]
pub fn get_settings(state: State<'_, AppState>) -> IpcResult<Settings> {
    Ok(Settings {
        language: StoredSettings::load(&state.data_dir).language,
    })
}

/// Sets (or clears, with `null`) the language override.
#[tauri::command]
#[specta::specta]
pub fn set_language(state: State<'_, AppState>, language: Option<Language>) -> IpcResult<Settings> {
    let mut settings = StoredSettings::load(&state.data_dir);
    settings.language = language;
    settings.save(&state.data_dir)?;
    Ok(Settings { language })
}
