//! Opportunities: the overview, the table window, a customer's flyout, its usage chart,
//! feedback, refresh and export.

use std::path::PathBuf;
use std::sync::Arc;

use partner_advisor_engine::opportunities::{
    self, ExportSummary, Feedback, ModelSummary, OpportunityDetail, OpportunityIndex,
    OpportunityOverview, OpportunityPage, OpportunityQuery, OpportunityRow, OpportunitySettings,
    RefreshSummary,
};
use partner_advisor_engine::settings::Language;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use crate::error::IpcResult;
use crate::events::DataChanged;
use crate::state::AppState;

/// The in-memory table of the open workspace in `language`, built on first use.
async fn index(state: &AppState, language: Language) -> IpcResult<Arc<OpportunityIndex>> {
    let guard = state.workspace.read().await;
    let ws = state.require_workspace(&guard)?;
    let mut cache = state.opportunity_index.lock().await;
    if let Some(index) = cache.as_ref() {
        if index.is_for(ws, language) {
            return Ok(index.clone());
        }
    }
    let built = Arc::new(OpportunityIndex::load(ws, language).await?);
    *cache = Some(built.clone());
    Ok(built)
}

/// The overview and prioritised counts.
#[tauri::command]
#[specta::specta]
pub async fn opportunities_overview(
    state: State<'_, AppState>,
    language: Language,
) -> IpcResult<OpportunityOverview> {
    Ok(index(&state, language).await?.overview())
}

/// One window of the recommendations table; filtering, search and sort run here.
#[tauri::command]
#[specta::specta]
pub async fn query_opportunities(
    state: State<'_, AppState>,
    language: Language,
    query: OpportunityQuery,
) -> IpcResult<OpportunityPage> {
    Ok(index(&state, language).await?.query(&query)?)
}

/// Everything the flyout shows for one opportunity.
#[tauri::command]
#[specta::specta]
pub async fn opportunity_detail(
    state: State<'_, AppState>,
    language: Language,
    key: String,
) -> IpcResult<OpportunityDetail> {
    let index = index(&state, language).await?;
    let guard = state.workspace.read().await;
    let ws = state.require_workspace(&guard)?;
    Ok(opportunities::detail(ws, &index, &key, language).await?)
}

/// The customer's monthly active users per workload as an SVG chart.
#[tauri::command]
#[specta::specta]
pub async fn usage_chart(
    state: State<'_, AppState>,
    language: Language,
    tenant_id: String,
    workload: Option<String>,
    dark: bool,
) -> IpcResult<String> {
    let guard = state.workspace.read().await;
    let ws = state.require_workspace(&guard)?;
    Ok(opportunities::usage_chart(ws, &tenant_id, workload.as_deref(), language, dark).await?)
}

/// Recomputes the opportunities from the latest snapshot.
#[tauri::command]
#[specta::specta]
pub async fn refresh_opportunities(
    app: AppHandle,
    state: State<'_, AppState>,
    language: Language,
) -> IpcResult<RefreshSummary> {
    let summary = {
        let guard = state.workspace.read().await;
        let ws = state.require_workspace(&guard)?;
        let mut summary = opportunities::refresh(ws, &state.clock).await?;
        summary.models = opportunities::models(ws, language).await?;
        summary
    };
    state.forget_opportunity_index().await;
    DataChanged::opportunities().emit(&app);
    Ok(summary)
}

/// How each model did at the last refresh.
#[tauri::command]
#[specta::specta]
pub async fn opportunity_models(
    state: State<'_, AppState>,
    language: Language,
) -> IpcResult<Vec<ModelSummary>> {
    let guard = state.workspace.read().await;
    let ws = state.require_workspace(&guard)?;
    Ok(opportunities::models(ws, language).await?)
}

/// Stores (or clears) the seller's feedback on one opportunity.
#[tauri::command]
#[specta::specta]
pub async fn set_opportunity_feedback(
    state: State<'_, AppState>,
    language: Language,
    key: String,
    feedback: Option<Feedback>,
) -> IpcResult<OpportunityRow> {
    {
        let guard = state.workspace.read().await;
        let ws = state.require_workspace(&guard)?;
        opportunities::set_feedback(ws, &key, feedback.as_ref(), &state.clock).await?;
    }
    state.forget_opportunity_index().await;
    Ok(index(&state, language).await?.row(&key)?)
}

/// Dismisses an opportunity (or brings it back).
#[tauri::command]
#[specta::specta]
pub async fn set_opportunity_dismissed(
    state: State<'_, AppState>,
    language: Language,
    key: String,
    dismissed: bool,
) -> IpcResult<OpportunityRow> {
    {
        let guard = state.workspace.read().await;
        let ws = state.require_workspace(&guard)?;
        opportunities::set_dismissed(ws, &key, dismissed, &state.clock).await?;
    }
    state.forget_opportunity_index().await;
    Ok(index(&state, language).await?.row(&key)?)
}

/// Exports the current view as CSV. Without a path, asks where with the native save dialog;
/// `null` when the user cancels it.
#[tauri::command]
#[specta::specta]
pub async fn export_opportunities(
    app: AppHandle,
    state: State<'_, AppState>,
    language: Language,
    query: OpportunityQuery,
    path: Option<String>,
) -> IpcResult<Option<ExportSummary>> {
    let path = match path {
        Some(p) => PathBuf::from(p),
        None => {
            let suggested = opportunities::export_file_name(&state.clock);
            let picked = app
                .dialog()
                .file()
                .set_file_name(suggested)
                .add_filter("CSV", &["csv"])
                .blocking_save_file();
            match picked.and_then(|p| p.into_path().ok()) {
                Some(p) => p,
                None => return Ok(None),
            }
        }
    };
    let index = index(&state, language).await?;
    let guard = state.workspace.read().await;
    let ws = state.require_workspace(&guard)?;
    let delimiter = opportunities::delimiter_for(language);
    Ok(Some(
        opportunities::export(ws, &index, &query, &path, delimiter, language).await?,
    ))
}

/// The opportunity models' thresholds and windows.
#[tauri::command]
#[specta::specta]
pub async fn opportunity_settings(state: State<'_, AppState>) -> IpcResult<OpportunitySettings> {
    let guard = state.workspace.read().await;
    let ws = state.require_workspace(&guard)?;
    Ok(OpportunitySettings::load(ws).await?)
}

/// Changes the thresholds and windows, then refreshes the opportunities with them (the models
/// retrain when the horizon or seed changed).
#[tauri::command]
#[specta::specta]
pub async fn set_opportunity_settings(
    app: AppHandle,
    state: State<'_, AppState>,
    language: Language,
    settings: OpportunitySettings,
) -> IpcResult<RefreshSummary> {
    let summary = {
        let guard = state.workspace.read().await;
        let ws = state.require_workspace(&guard)?;
        settings.save(ws).await?;
        let mut summary = opportunities::refresh(ws, &state.clock).await?;
        summary.models = opportunities::models(ws, language).await?;
        summary
    };
    state.forget_opportunity_index().await;
    DataChanged::opportunities().emit(&app);
    Ok(summary)
}
