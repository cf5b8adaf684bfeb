//! Cancelling long jobs.

use tauri::State;

use crate::error::IpcResult;
use crate::state::AppState;

/// Asks a running job to stop; `false` when no such job runs.
#[tauri::command]
#[specta::specta]
pub fn cancel_job(state: State<'_, AppState>, job_id: String) -> IpcResult<bool> {
    crate::validate::id("the job ID", &job_id)?;
    let token = state
        .jobs
        .lock()
        .ok()
        .and_then(|jobs| jobs.get(&job_id).cloned());
    Ok(token.map(|t| t.cancel()).is_some())
}
