//! CRM matching (SPEC §6.4): import the partner's CRM account list, see how the customers match
//! it (by domain, name, then TPID, with a confidence), and export the matches.

use partner_advisor_engine::crm::{self, MatchOptions};
use partner_advisor_engine::jobs::CancelToken;
use partner_advisor_engine::opportunities::delimiter_for;
use partner_advisor_engine::settings::Language;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use crate::dto::crm::{CrmImportOutcome, CrmMatchView};
use crate::error::IpcResult;
use crate::events::DataChanged;
use crate::state::AppState;

/// Customers listed in the matches view.
const ROWS_SHOWN: usize = 500;

/// Imports a CRM account list (CSV in any common encoding and delimiter), replacing the stored
/// one, all or nothing. Without a path, asks with the native open dialog; `null` when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn import_crm_accounts(
    app: AppHandle,
    state: State<'_, AppState>,
    path: Option<String>,
) -> IpcResult<Option<CrmImportOutcome>> {
    let Some(path) = super::csv_to_open(&app, &state, path)? else {
        return Ok(None);
    };
    let summary = {
        let guard = state.workspace.read().await;
        let ws = state.require_workspace(&guard)?;
        crm::import_accounts(ws, &path).await?
    };
    DataChanged::reports().emit(&app);
    Ok(Some((&summary).into()))
}

/// How the latest snapshot's customers match the stored CRM list.
#[tauri::command]
#[specta::specta]
pub async fn crm_matches(state: State<'_, AppState>) -> IpcResult<CrmMatchView> {
    let guard = state.workspace.read().await;
    let ws = state.require_workspace(&guard)?;
    let accounts = crm::stored_accounts(ws).await?;
    let options = MatchOptions {
        preview: ROWS_SHOWN,
        ..MatchOptions::default()
    };
    Ok((&crm::preview_matches(ws, &accounts, &options).await?).into())
}

/// Writes every customer with its CRM match to a CSV file chosen with the native save dialog
/// (or `path`); `null` when the dialog is cancelled.
#[tauri::command]
#[specta::specta]
pub async fn export_crm_matches(
    app: AppHandle,
    state: State<'_, AppState>,
    language: Language,
    path: Option<String>,
) -> IpcResult<Option<CrmMatchView>> {
    let path = match path {
        Some(p) => crate::validate::file_to_write(
            "the export file",
            &p,
            &crate::validate::Folders::of(&state),
        )?,
        None => match app
            .dialog()
            .file()
            .add_filter("CSV", &["csv"])
            .set_file_name("CRM matches.csv")
            .blocking_save_file()
            .and_then(|p| p.into_path().ok())
        {
            Some(p) => p,
            None => return Ok(None),
        },
    };
    let guard = state.workspace.read().await;
    let ws = state.require_workspace(&guard)?;
    let accounts = crm::stored_accounts(ws).await?;
    let options = MatchOptions {
        preview: 0,
        delimiter: delimiter_for(language),
        ..MatchOptions::default()
    };
    let summary = crm::match_accounts(ws, &accounts, &path, &options, &CancelToken::new()).await?;
    Ok(Some((&summary).into()))
}
