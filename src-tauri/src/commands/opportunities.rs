//! Opportunities: the overview, the table window, a customer's flyout, its usage chart,
//! feedback, refresh and export.

use std::sync::Arc;

use partner_advisor_engine::opportunities::{
    self, ExportSummary, Feedback, ModelSummary, OpportunityDetail, OpportunityIndex,
    OpportunityOverview, OpportunityPage, OpportunityQuery, OpportunityRow, OpportunitySettings,
    RefreshSummary,
};
use partner_advisor_engine::settings::Language;
use partner_advisor_store::tables::{customers as customers_table, usage as usage_table};
use partner_advisor_store::StoreError;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use crate::error::IpcResult;
use crate::events::DataChanged;
use crate::state::AppState;
use crate::validate;

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
    validate::opportunity_query(&query, false)?;
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
    validate::id("the opportunity key", &key)?;
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
    validate::id("the tenant ID", &tenant_id)?;
    validate::optional_line("the workload", workload.as_deref(), 50)?;
    let guard = state.workspace.read().await;
    let ws = state.require_workspace(&guard)?;
    // A customer without usage has an empty chart; a tenant the workspace never held has none.
    if usage_table::history_of_customer(ws.pool(), &tenant_id)
        .await?
        .is_empty()
        && !customers_table::identities(ws.pool())
            .await?
            .iter()
            .any(|c| c.tenant_id == tenant_id)
    {
        return Err(StoreError::NotFound(format!("customer tenant {tenant_id}")).into());
    }
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
    validate::id("the opportunity key", &key)?;
    if let Some(f) = &feedback {
        validate::feedback(f)?;
    }
    // Feedback is kept only for an opportunity the table has.
    index(&state, language).await?.row(&key)?;
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
    validate::id("the opportunity key", &key)?;
    index(&state, language).await?.row(&key)?;
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
    validate::opportunity_query(&query, true)?;
    let path = match path {
        Some(p) => validate::file_to_write("the export file", &p, &validate::Folders::of(&state))?,
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
    validate::opportunity_settings(&settings)?;
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
