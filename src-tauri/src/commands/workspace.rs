//! Opening, creating and switching workspaces, and what the open one holds.

use partner_advisor_engine::jobs::CancelToken;
use partner_advisor_engine::summary;
use partner_advisor_engine::EngineError;
use partner_advisor_store::{KeySource, Workspace};
use tauri::{AppHandle, State};
use zeroize::Zeroizing;

use crate::dto::{NewWorkspace, WorkspaceRef, WorkspaceSummary};
use crate::error::{IpcError, IpcResult};
use crate::events::ProgressEmitter;
use crate::state::AppState;
use crate::validate;

fn key_source(passphrase: Option<String>) -> KeySource {
    match passphrase {
        Some(p) if !p.is_empty() => KeySource::Passphrase(Zeroizing::new(p)),
        _ => KeySource::Keychain,
    }
}

async fn summarise_and_keep(state: &AppState, ws: Workspace) -> IpcResult<WorkspaceSummary> {
    // Leads that expired while the app was closed are expired before anything shows them.
    if let Err(e) = partner_advisor_engine::leads::maintain(&ws, &state.clock).await {
        tracing::warn!("lead time rules not applied at open: {e}");
    }
    let summary = summary::summarise(&ws).await?;
    tracing::info!(workspace = %summary.path, "workspace open");
    state.replace_workspace(ws).await;
    Ok(summary.into())
}

/// Runs a long workspace job with progress events and a cancel token.
async fn with_job<F, Fut>(app: AppHandle, state: &AppState, job: F) -> IpcResult<Workspace>
where
    F: FnOnce(ProgressEmitter, CancelToken) -> Fut,
    Fut: std::future::Future<Output = Result<Workspace, EngineError>>,
{
    let (job_id, cancel) = state.start_job();
    let emitter = ProgressEmitter::new(app.clone(), job_id.clone());
    let result = job(emitter, cancel).await;
    ProgressEmitter::new(app, job_id.clone()).finish();
    state.end_job(&job_id);
    Ok(result?)
}

/// Opens the workspace used last, or the demo workspace (generated on the first start).
#[tauri::command]
#[specta::specta]
pub async fn open_startup_workspace(
    app: AppHandle,
    state: State<'_, AppState>,
) -> IpcResult<WorkspaceSummary> {
    if let Some(ws) = state.workspace.read().await.as_ref() {
        return Ok(summary::summarise(ws).await?.into());
    }
    let context = state.context();
    let ws = with_job(app, &state, |progress, cancel| async move {
        context.open_startup(&progress, &cancel).await
    })
    .await
    .map_err(|e| match e.code {
        // The UI asks for a passphrase and retries `open_workspace` on this folder.
        partner_advisor_engine::ErrorCode::KeychainUnavailable
        | partner_advisor_engine::ErrorCode::PassphraseRequired
            if e.details.is_none() =>
        {
            let dir = partner_advisor_engine::workspaces::Registry::load(&state.data_dir)
                .last()
                .map(|w| w.path.clone())
                .unwrap_or_else(|| partner_advisor_engine::workspaces::demo_dir(&state.data_dir));
            e.with_details(dir.display().to_string())
        }
        _ => e,
    })?;
    summarise_and_keep(&state, ws).await
}

/// The open workspace.
#[tauri::command]
#[specta::specta]
pub async fn current_workspace(state: State<'_, AppState>) -> IpcResult<WorkspaceSummary> {
    let guard = state.workspace.read().await;
    let ws = guard.as_ref().ok_or(EngineError::NoWorkspaceOpen)?;
    Ok(summary::summarise(ws).await?.into())
}

/// The workspaces the user knows, most recent first.
#[tauri::command]
#[specta::specta]
pub async fn list_workspaces(state: State<'_, AppState>) -> IpcResult<Vec<WorkspaceRef>> {
    let current = state
        .workspace
        .read()
        .await
        .as_ref()
        .map(|ws| ws.manifest().id.clone());
    Ok(state
        .context()
        .list()
        .into_iter()
        .map(|known| WorkspaceRef::new(known, current.as_deref()))
        .collect())
}

/// Creates a workspace (empty or with demo data) and opens it.
#[tauri::command]
#[specta::specta]
pub async fn create_workspace(
    app: AppHandle,
    state: State<'_, AppState>,
    input: NewWorkspace,
) -> IpcResult<WorkspaceSummary> {
    validate::line("the workspace name", &input.name, validate::MAX_LINE)?;
    validate::passphrase(input.passphrase.as_deref())?;
    let key = key_source(input.passphrase);
    let context = state.context();
    let ws = with_job(app, &state, |progress, cancel| async move {
        context
            .create(&input.name, input.with_demo_data, key, &progress, &cancel)
            .await
    })
    .await?;
    summarise_and_keep(&state, ws).await
}

/// Opens (switches to) the workspace in `path`.
#[tauri::command]
#[specta::specta]
pub async fn open_workspace(
    app: AppHandle,
    state: State<'_, AppState>,
    path: String,
    passphrase: Option<String>,
) -> IpcResult<WorkspaceSummary> {
    if path.trim().is_empty() {
        return Err(IpcError::from(EngineError::InvalidInput(
            "choose a workspace folder".into(),
        )));
    }
    let dir = validate::workspace_folder(path.trim())?;
    validate::passphrase(passphrase.as_deref())?;
    let key = key_source(passphrase);
    let context = state.context();
    let target = dir.clone();
    let ws = with_job(app, &state, |progress, cancel| async move {
        context.open(&target, key, &progress, &cancel).await
    })
    .await
    .map_err(|e| e.with_details(dir.display().to_string()))?;
    summarise_and_keep(&state, ws).await
}
