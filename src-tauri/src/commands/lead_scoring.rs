//! Predictive lead scoring: the Lead scoring page (models, versions, performance, grade ranges)
//! and a lead's score with its reasons, its history and the customer fields that move it.
//! Every change that rescores leads drops the in-memory lead list and tells the window.

use partner_advisor_domain::Clock;
use partner_advisor_engine::lead_scoring::{
    self,
    view::{
        self, CustomerFieldChoices, GradeRangesView, LeadScoreView, ModelForm, ScoringModelSummary,
        ScoringOverview, VersionSummary, VersionView,
    },
    Bound, Grade, GradeRanges, ScoringSummary,
};
use partner_advisor_engine::leads::{self, forms::CustomerForm, view::LeadDetail};
use partner_advisor_engine::settings::Language;
use partner_advisor_engine::EngineError;
use tauri::{AppHandle, State};

use crate::error::{IpcError, IpcResult};
use crate::events::DataChanged;
use crate::state::AppState;
use crate::validate;

/// Scores changed: the lead list in memory is stale and the window reloads.
async fn scores_changed(app: &AppHandle, state: &AppState) {
    state.forget_lead_index().await;
    DataChanged::leads().emit(app);
}

/// The Lead scoring page.
#[tauri::command]
#[specta::specta]
pub async fn lead_scoring_overview(
    state: State<'_, AppState>,
    language: Language,
) -> IpcResult<ScoringOverview> {
    let guard = state.workspace.read().await;
    let ws = state.require_workspace(&guard)?;
    Ok(view::overview(ws, language, &state.clock).await?)
}

/// One version's performance, attributes and ROC curve.
#[tauri::command]
#[specta::specta]
pub async fn scoring_version(
    state: State<'_, AppState>,
    language: Language,
    model_id: u32,
    version: u32,
    dark: bool,
) -> IpcResult<VersionView> {
    let guard = state.workspace.read().await;
    let ws = state.require_workspace(&guard)?;
    Ok(view::version_view(ws, model_id.into(), version.into(), language, dark).await?)
}

async fn summary_of(
    state: &AppState,
    id: i64,
    language: Language,
) -> IpcResult<ScoringModelSummary> {
    let guard = state.workspace.read().await;
    let ws = state.require_workspace(&guard)?;
    Ok(view::model_view(ws, id, language, &state.clock).await?)
}

/// Adds a model (not trained yet) at the end of the scoring order.
#[tauri::command]
#[specta::specta]
pub async fn create_scoring_model(
    state: State<'_, AppState>,
    language: Language,
    form: ModelForm,
) -> IpcResult<ScoringModelSummary> {
    validate::model_form(&form)?;
    let id = {
        let guard = state.workspace.read().await;
        let ws = state.require_workspace(&guard)?;
        lead_scoring::create_model(ws, form.new_model()?, &state.clock)
            .await?
            .id
    };
    summary_of(&state, id, language).await
}

/// Changes a model's name, filter, attributes, retraining and trend tolerance (they take
/// effect at its next training).
#[tauri::command]
#[specta::specta]
pub async fn update_scoring_model(
    state: State<'_, AppState>,
    language: Language,
    model_id: u32,
    form: ModelForm,
) -> IpcResult<ScoringModelSummary> {
    validate::model_form(&form)?;
    {
        let guard = state.workspace.read().await;
        let ws = state.require_workspace(&guard)?;
        lead_scoring::update_model(ws, model_id.into(), form.changes()?, &state.clock).await?;
    }
    summary_of(&state, model_id.into(), language).await
}

/// Deletes a model, its versions and its scores, then rescores the open leads.
#[tauri::command]
#[specta::specta]
pub async fn delete_scoring_model(
    app: AppHandle,
    state: State<'_, AppState>,
    model_id: u32,
) -> IpcResult<ScoringSummary> {
    let summary = {
        let guard = state.workspace.read().await;
        let ws = state.require_workspace(&guard)?;
        lead_scoring::delete_model(ws, model_id.into(), &state.clock).await?
    };
    scores_changed(&app, &state).await;
    Ok(summary)
}

/// Puts the models in a new scoring order, then rescores the open leads (the first matching
/// published model scores a lead).
#[tauri::command]
#[specta::specta]
pub async fn set_scoring_model_order(
    app: AppHandle,
    state: State<'_, AppState>,
    model_ids: Vec<u32>,
) -> IpcResult<ScoringSummary> {
    validate::count("models in the order", model_ids.len(), 100)?;
    let summary = {
        let guard = state.workspace.read().await;
        let ws = state.require_workspace(&guard)?;
        let ids: Vec<i64> = model_ids.into_iter().map(i64::from).collect();
        lead_scoring::set_model_order(ws, &ids, &state.clock).await?;
        lead_scoring::score_all(ws, &state.clock).await?
    };
    scores_changed(&app, &state).await;
    Ok(summary)
}

/// Trains a new version (a draft) on the workspace's closed leads.
#[tauri::command]
#[specta::specta]
pub async fn train_scoring_model(
    state: State<'_, AppState>,
    language: Language,
    model_id: u32,
) -> IpcResult<VersionSummary> {
    let guard = state.workspace.read().await;
    let ws = state.require_workspace(&guard)?;
    let version = lead_scoring::train(ws, model_id.into(), &state.clock).await?;
    Ok(view::version_summary_of(ws, model_id.into(), version.version, language).await?)
}

/// Publishes a version, then rescores the open leads.
#[tauri::command]
#[specta::specta]
pub async fn publish_scoring_version(
    app: AppHandle,
    state: State<'_, AppState>,
    model_id: u32,
    version: u32,
) -> IpcResult<ScoringSummary> {
    let summary = {
        let guard = state.workspace.read().await;
        let ws = state.require_workspace(&guard)?;
        lead_scoring::publish(ws, model_id.into(), version.into(), &state.clock).await?
    };
    scores_changed(&app, &state).await;
    Ok(summary)
}

/// Goes back to an older version, then rescores the open leads.
#[tauri::command]
#[specta::specta]
pub async fn revert_scoring_model(
    app: AppHandle,
    state: State<'_, AppState>,
    model_id: u32,
    version: u32,
) -> IpcResult<ScoringSummary> {
    let summary = {
        let guard = state.workspace.read().await;
        let ws = state.require_workspace(&guard)?;
        lead_scoring::revert(ws, model_id.into(), version.into(), &state.clock).await?
    };
    scores_changed(&app, &state).await;
    Ok(summary)
}

/// Moves one end of a grade's range (its neighbour follows) and re-grades the scores. A value
/// out of reach is refused with `invalidInput` and, in `details`, the values that end can take
/// now as JSON (`{"min": 51, "max": 99}`), so the window can say it in the user's language.
#[tauri::command]
#[specta::specta]
pub async fn set_grade_bound(
    app: AppHandle,
    state: State<'_, AppState>,
    model_id: u32,
    grade: Grade,
    upper: bool,
    value: u8,
) -> IpcResult<GradeRangesView> {
    validate::within("a grade bound", value, 0, 100)?;
    let ranges = {
        let guard = state.workspace.read().await;
        let ws = state.require_workspace(&guard)?;
        let bound = if upper { Bound::Max } else { Bound::Min };
        match lead_scoring::set_grade_bound(ws, model_id.into(), grade, bound, value, &state.clock)
            .await
        {
            Ok(ranges) => ranges,
            Err(e @ EngineError::InvalidInput(_)) => {
                let current = lead_scoring::model(ws, model_id.into()).await?.grades;
                let allowed: Vec<u8> = (0..=100)
                    .filter(|v| current.with_bound(grade, bound, *v).is_ok())
                    .collect();
                let error = IpcError::from(e);
                return Err(match (allowed.first(), allowed.last()) {
                    (Some(min), Some(max)) => error
                        .with_details(serde_json::json!({ "min": min, "max": max }).to_string()),
                    _ => error,
                });
            }
            Err(e) => return Err(e.into()),
        }
    };
    scores_changed(&app, &state).await;
    Ok(ranges.into())
}

/// Puts a model's grade ranges back to A 75–100, B 50–74, C 25–49, D 0–24.
#[tauri::command]
#[specta::specta]
pub async fn reset_grade_ranges(
    app: AppHandle,
    state: State<'_, AppState>,
    model_id: u32,
) -> IpcResult<GradeRangesView> {
    let ranges = {
        let guard = state.workspace.read().await;
        let ws = state.require_workspace(&guard)?;
        lead_scoring::set_grade_ranges(ws, model_id.into(), GradeRanges::default(), &state.clock)
            .await?
    };
    scores_changed(&app, &state).await;
    Ok(ranges.into())
}

/// A lead's score with its top reasons, every factor and its score over time (the chart in the
/// user's time zone, `utcOffsetMinutes` ahead of UTC); `null` when no model ever scored it.
#[tauri::command]
#[specta::specta]
pub async fn lead_score_detail(
    state: State<'_, AppState>,
    language: Language,
    id: String,
    dark: bool,
    utc_offset_minutes: i32,
) -> IpcResult<Option<LeadScoreView>> {
    validate::id("the lead ID", &id)?;
    validate::within(
        "the UTC offset in minutes",
        utc_offset_minutes,
        -18 * 60,
        18 * 60,
    )?;
    // `null` means "never scored": a lead that does not exist is an error.
    crate::commands::leads::index(&state).await?.lead(&id)?;
    let guard = state.workspace.read().await;
    let ws = state.require_workspace(&guard)?;
    Ok(view::lead_score_view(ws, &id, language, dark, utc_offset_minutes).await?)
}

/// The industries in use and the company size bands, for the customer form.
#[tauri::command]
#[specta::specta]
pub async fn customer_field_choices(
    state: State<'_, AppState>,
    language: Language,
) -> IpcResult<CustomerFieldChoices> {
    let guard = state.workspace.read().await;
    let ws = state.require_workspace(&guard)?;
    Ok(view::customer_field_choices(ws, language).await?)
}

/// Corrects a lead's industry and company size; the lead is rescored in the same write.
#[tauri::command]
#[specta::specta]
pub async fn edit_lead_customer(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
    form: CustomerForm,
) -> IpcResult<LeadDetail> {
    validate::id("the lead ID", &id)?;
    validate::customer_form(&form)?;
    let guard = state.workspace.read().await;
    let ws = state.require_workspace(&guard)?;
    leads::edit_customer(ws, &id, &form, &state.clock).await?;
    // Only this lead and its score changed.
    state.lead_changed(ws, &id).await;
    DataChanged::leads().emit(&app);
    Ok(leads::detail(ws, &id, state.clock.now()).await?)
}
