//! Runs the scheduled propensity reports (SPEC §6.3: monthly on the 25th, or after each data
//! import) while the app is open. A run missed while the app was closed happens when it next
//! starts: the engine decides what is due from the schedules' last runs, so the loop only has
//! to look often enough.

use std::time::Duration;

use partner_advisor_engine::jobs::{CancelToken, NoProgress};
use partner_advisor_engine::propensity::library;
use partner_advisor_engine::settings::Settings;
use tauri::{AppHandle, Manager};

use crate::commands::propensity::AnnounceRunning;
use crate::events::DataChanged;
use crate::state::AppState;

/// How often due schedules are looked for (a few small queries), so a report follows an import
/// within a minute.
const TICK: Duration = Duration::from_secs(60);

/// Starts the loop.
pub fn spawn(app: AppHandle) {
    tauri::async_runtime::spawn(async move {
        let mut interval = tokio::time::interval(TICK);
        loop {
            interval.tick().await;
            run_due(&app).await;
        }
    });
}

/// Writes every report due now into the reports folder.
async fn run_due(app: &AppHandle) {
    let state = app.state::<AppState>();
    let folder = Settings::load(&state.data_dir).reports_folder(&state.data_dir);
    let (job_id, cancel): (String, CancelToken) = state.start_job();
    let announce = AnnounceRunning::new(app.clone(), &NoProgress);
    let written = {
        let guard = state.workspace.read().await;
        match guard.as_ref() {
            None => Ok(Vec::new()),
            Some(ws) => library::run_due(ws, &folder, &state.clock, &announce, &cancel).await,
        }
    };
    state.end_job(&job_id);
    match written {
        Ok(reports) if reports.is_empty() => {}
        Ok(reports) => {
            tracing::info!(count = reports.len(), "scheduled reports written");
            DataChanged::reports().emit(app);
        }
        Err(e) => {
            tracing::warn!("scheduled reports not run: {e}");
            DataChanged::reports().emit(app);
        }
    }
}
