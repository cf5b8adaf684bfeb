//! Leads: the overview with its action centre, the list window, a lead's details, the lifecycle
//! actions, the heart, and export.

use std::sync::Arc;

use partner_advisor_domain::Clock;
use partner_advisor_engine::leads::{
    self, export,
    index::LeadIndex,
    lifecycle::LeadAction,
    view::{LeadDetail, LeadExportSummary, LeadPage, LeadQuery, LeadRow, LeadsOverview},
};
use partner_advisor_engine::opportunities;
use partner_advisor_engine::settings::Language;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use crate::error::IpcResult;
use crate::events::DataChanged;
use crate::state::AppState;
use crate::validate;

/// The open workspace's leads in memory, built on first use.
pub(crate) async fn index(state: &AppState) -> IpcResult<Arc<LeadIndex>> {
    let guard = state.workspace.read().await;
    let ws = state.require_workspace(&guard)?;
    let mut cache = state.lead_index.lock().await;
    if let Some(index) = cache.as_ref() {
        if index.is_for(ws) {
            return Ok(index.clone());
        }
    }
    let built = Arc::new(LeadIndex::load(ws).await?);
    *cache = Some(built.clone());
    Ok(built)
}

/// Counts per list, the action centre and the responsiveness figures.
#[tauri::command]
#[specta::specta]
pub async fn leads_overview(state: State<'_, AppState>) -> IpcResult<LeadsOverview> {
    Ok(index(&state).await?.overview(state.clock.now()))
}

/// One window of a list; the filters, search and sort run here.
#[tauri::command]
#[specta::specta]
pub async fn query_leads(state: State<'_, AppState>, query: LeadQuery) -> IpcResult<LeadPage> {
    validate::lead_query(&query, false)?;
    Ok(index(&state).await?.query(&query, state.clock.now())?)
}

/// Everything about one lead, with its history and what can be done to it now.
#[tauri::command]
#[specta::specta]
pub async fn lead_detail(state: State<'_, AppState>, id: String) -> IpcResult<LeadDetail> {
    validate::id("the lead ID", &id)?;
    let guard = state.workspace.read().await;
    let ws = state.require_workspace(&guard)?;
    Ok(leads::detail(ws, &id, state.clock.now()).await?)
}

/// Accepts, edits, declines, or closes a lead as won or lost; returns the lead as it is now.
#[tauri::command]
#[specta::specta]
pub async fn act_on_lead(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
    action: LeadAction,
) -> IpcResult<LeadDetail> {
    validate::id("the lead ID", &id)?;
    validate::lead_action(&action)?;
    let outcome = {
        let guard = state.workspace.read().await;
        let ws = state.require_workspace(&guard)?;
        leads::act(ws, &id, &action, &state.clock).await
    };
    // Even a refused action may have recorded an expiry that fell due.
    state.forget_lead_index().await;
    DataChanged::leads().emit(&app);
    outcome?;
    let guard = state.workspace.read().await;
    let ws = state.require_workspace(&guard)?;
    Ok(leads::detail(ws, &id, state.clock.now()).await?)
}

/// Sets or clears a lead's heart.
#[tauri::command]
#[specta::specta]
pub async fn set_lead_favourite(
    state: State<'_, AppState>,
    id: String,
    favourite: bool,
) -> IpcResult<LeadRow> {
    validate::id("the lead ID", &id)?;
    {
        let guard = state.workspace.read().await;
        let ws = state.require_workspace(&guard)?;
        leads::set_favourite(ws, &id, favourite).await?;
        state.lead_changed(ws, &id).await;
    }
    let index = index(&state).await?;
    Ok(index.row(&id, state.clock.now())?)
}

/// Exports exactly the filtered list as CSV. Without a path, asks where with the native save
/// dialog; `null` when the user cancels it.
#[tauri::command]
#[specta::specta]
pub async fn export_leads(
    app: AppHandle,
    state: State<'_, AppState>,
    language: Language,
    query: LeadQuery,
    path: Option<String>,
) -> IpcResult<Option<LeadExportSummary>> {
    validate::lead_query(&query, true)?;
    let path = match path {
        Some(p) => validate::file_to_write("the export file", &p, &validate::Folders::of(&state))?,
        None => {
            let picked = app
                .dialog()
                .file()
                .set_file_name(export::file_name(&state.clock))
                .add_filter("CSV", &["csv"])
                .blocking_save_file();
            match picked.and_then(|p| p.into_path().ok()) {
                Some(p) => p,
                None => return Ok(None),
            }
        }
    };
    let index = index(&state).await?;
    let delimiter = opportunities::delimiter_for(language);
    Ok(Some(export::export(
        &index,
        &query,
        &path,
        delimiter,
        state.clock.now(),
    )?))
}
