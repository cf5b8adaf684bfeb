//! Sync with Partner Center and Microsoft Graph: its settings, its state, running it, and the
//! lead changes waiting for Partner Center with their conflicts.

use partner_advisor_engine::credentials;
use partner_advisor_engine::settings::Settings;
use partner_advisor_engine::sync::{outbox, QueueItem, Resolution, SyncSettings};
use partner_advisor_store::tables::sync as runs;
use serde::Serialize;
use tauri::{AppHandle, State};

use crate::error::IpcResult;
use crate::events::DataChanged;
use crate::state::AppState;
use crate::sync_runner::{self, SyncOutcome};
use crate::validate;

/// The sync settings (base URLs, start-up and periodic sync, usage period).
#[tauri::command]
#[specta::specta]
pub fn sync_settings(state: State<'_, AppState>) -> IpcResult<SyncSettings> {
    Ok(Settings::load(&state.data_dir).sync)
}

/// Saves the sync settings after checking them (HTTPS, or this machine for tests; 1–168 hours).
#[tauri::command]
#[specta::specta]
pub fn set_sync_settings(
    state: State<'_, AppState>,
    settings: SyncSettings,
) -> IpcResult<SyncSettings> {
    let settings = settings.validated()?;
    let mut all = Settings::load(&state.data_dir);
    all.sync = settings.clone();
    all.save(&state.data_dir)?;
    tracing::info!(
        on_startup = settings.on_startup,
        every_hours = ?settings.every_hours,
        "sync settings saved"
    );
    Ok(settings)
}

/// A sync run as the panel shows it.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SyncRunView {
    /// When it started (RFC 3339).
    pub started_at: String,
    /// When it ended.
    pub finished_at: Option<String>,
    /// `running`, `completed`, `failed` or `cancelled`.
    pub status: String,
    /// What it did, when it completed.
    pub summary: Option<partner_advisor_sync::SyncSummary>,
    /// Why it failed, as the stable code of [`SyncOutcome`]'s `errorCode`.
    pub error_code: Option<String>,
    /// Why it failed, in a sentence.
    pub error: Option<String>,
}

/// Where sync stands.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SyncStatus {
    /// The tenant ID, client ID and client secret are all in the keychain.
    pub credentials_set: bool,
    /// The job id of the sync running now (to follow and cancel it).
    pub running_job: Option<String>,
    /// The latest runs, newest first.
    pub runs: Vec<SyncRunView>,
    /// When the last completed sync started.
    pub last_success: Option<String>,
    /// Leads changed here that Partner Center has not received.
    pub waiting: u32,
    /// Of which changed in Partner Center too.
    pub conflicts: u32,
    /// Of which Partner Center refused.
    pub refused: u32,
}

/// Where sync stands for the open workspace.
#[tauri::command]
#[specta::specta]
pub async fn sync_status(state: State<'_, AppState>) -> IpcResult<SyncStatus> {
    let credentials_set = credentials::status(&state.keychain)?
        .iter()
        .all(|c| c.is_set);
    let running_job = state.sync_job.lock().ok().and_then(|j| j.clone());
    let guard = state.workspace.read().await;
    let ws = state.require_workspace(&guard)?;
    let recorded = runs::runs(ws.pool(), 10).await?;
    let last_success = recorded
        .iter()
        .find(|r| r.status == "completed")
        .map(|r| r.started_at.to_rfc3339());
    let (waiting, conflicts, refused) = outbox::counts(ws).await?;
    Ok(SyncStatus {
        credentials_set,
        running_job,
        runs: recorded
            .into_iter()
            .map(|r| SyncRunView {
                started_at: r.started_at.to_rfc3339(),
                finished_at: r.finished_at.map(|t| t.to_rfc3339()),
                status: r.status,
                summary: r
                    .summary
                    .as_deref()
                    .and_then(|s| serde_json::from_str(s).ok()),
                error_code: r.error_code,
                error: r.error,
            })
            .collect(),
        last_success,
        waiting,
        conflicts,
        refused,
    })
}

/// Syncs now; progress arrives as `job-progress` events (stages `sync.referrals`, `sync.usage`,
/// `sync.write`, `sync.push`) and `cancel_job` stops it. A failure is part of the outcome, with
/// its code, so the panel can say what to do about it.
#[tauri::command]
#[specta::specta]
pub async fn run_sync(app: AppHandle, full: bool) -> IpcResult<SyncOutcome> {
    Ok(sync_runner::run(&app, full).await)
}

/// The leads changed here that Partner Center has not received, conflicts first.
#[tauri::command]
#[specta::specta]
pub async fn sync_queue(state: State<'_, AppState>) -> IpcResult<Vec<QueueItem>> {
    let guard = state.workspace.read().await;
    let ws = state.require_workspace(&guard)?;
    Ok(outbox::queue(ws).await?)
}

/// Resolves a conflict: keep the lead as it is here (sent at the next sync), or take Partner
/// Center's copy. Returns the queue as it is now.
#[tauri::command]
#[specta::specta]
pub async fn resolve_sync_conflict(
    app: AppHandle,
    state: State<'_, AppState>,
    lead_id: String,
    resolution: Resolution,
) -> IpcResult<Vec<QueueItem>> {
    validate::id("the lead ID", &lead_id)?;
    let queue = {
        let guard = state.workspace.read().await;
        let ws = state.require_workspace(&guard)?;
        outbox::resolve(ws, &lead_id, resolution, &state.clock).await?;
        outbox::queue(ws).await?
    };
    state.forget_lead_index().await;
    DataChanged::leads().emit(&app);
    DataChanged::sync().emit(&app);
    Ok(queue)
}
