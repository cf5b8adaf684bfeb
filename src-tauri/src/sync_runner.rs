//! Runs a sync for the app, by hand (the Sync button) or on schedule (at start-up and every N
//! hours, as the partner set it). One sync at a time; the screens reload what it changed.

use std::sync::Arc;
use std::time::Duration;

use partner_advisor_engine::settings::Settings;
use partner_advisor_engine::{credentials, opportunities};
use partner_advisor_store::tables::sync as runs;
use partner_advisor_sync::{SyncOptions, SyncSummary};
use tauri::{AppHandle, Manager};

use crate::events::{DataChanged, ProgressEmitter};
use crate::state::AppState;

/// How a sync ended, as the UI shows it.
#[derive(Debug, Clone, serde::Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SyncOutcome {
    /// What it did, when it completed.
    pub summary: Option<SyncSummary>,
    /// Why it did not, as a stable code: `offline`, `timeout`, `missingCredentials`,
    /// `badCredentials`, `missingPermission`, `throttled`, `server`, `malformed`, `refused`,
    /// `cancelled`, `local`, `busy` (another sync runs), `noWorkspace`.
    pub error_code: Option<String>,
    /// And in a sentence (never a secret).
    pub error: Option<String>,
    /// Opportunities could not be refreshed after the new snapshot (the sync itself landed).
    pub refresh_note: Option<String>,
}

impl SyncOutcome {
    fn failed(code: &str, error: String) -> Self {
        SyncOutcome {
            summary: None,
            error_code: Some(code.to_owned()),
            error: Some(error),
            refresh_note: None,
        }
    }
}

/// Runs one sync now (`full`: every referral, not only the changed ones).
pub async fn run(app: &AppHandle, full: bool) -> SyncOutcome {
    let state = app.state::<AppState>();
    let (job_id, cancel) = state.start_job();
    {
        let Ok(mut running) = state.sync_job.lock() else {
            return SyncOutcome::failed("local", "the app's state is damaged".into());
        };
        if running.is_some() {
            state.end_job(&job_id);
            return SyncOutcome::failed("busy", "a sync is already running".into());
        }
        *running = Some(job_id.clone());
    }
    DataChanged::sync().emit(app);
    let settings = Settings::load(&state.data_dir).sync;
    let emitter = ProgressEmitter::new(app.clone(), job_id.clone());
    let options = SyncOptions {
        full,
        ..SyncOptions::default()
    };
    let outcome = {
        let guard = state.workspace.read().await;
        match guard.as_ref() {
            None => SyncOutcome::failed("noWorkspace", "no workspace is open".into()),
            Some(ws) => {
                let result = partner_advisor_sync::sync(
                    ws,
                    Arc::new(state.keychain.clone()),
                    &settings,
                    &options,
                    &state.clock,
                    &emitter,
                    &cancel,
                )
                .await;
                match result {
                    Ok(summary) => {
                        let refresh_note = if summary.snapshot_id.is_some() {
                            opportunities::refresh(ws, &state.clock)
                                .await
                                .err()
                                .map(|e| format!("the opportunities could not be refreshed: {e}"))
                        } else {
                            None
                        };
                        if let Err(e) =
                            partner_advisor_engine::leads::maintain(ws, &state.clock).await
                        {
                            tracing::warn!("time rules not applied after a sync: {e}");
                        }
                        SyncOutcome {
                            summary: Some(summary),
                            error_code: None,
                            error: None,
                            refresh_note,
                        }
                    }
                    Err(e) => SyncOutcome::failed(e.code(), e.to_string()),
                }
            }
        }
    };
    emitter.finish();
    state.end_job(&job_id);
    if let Ok(mut running) = state.sync_job.lock() {
        *running = None;
    }
    if let Some(s) = &outcome.summary {
        if s.leads_added + s.leads_updated + s.pushed > 0 || !s.new_conflicts.is_empty() {
            state.forget_lead_index().await;
            DataChanged::leads().emit(app);
        }
        if s.snapshot_id.is_some() {
            state.forget_opportunity_index().await;
            DataChanged::opportunities().emit(app);
            DataChanged::snapshots().emit(app);
        }
    }
    DataChanged::sync().emit(app);
    outcome
}

/// How often the schedule is looked at.
const TICK: Duration = Duration::from_secs(60);

/// Starts the schedule: a sync when a workspace is first seen open (if the partner asked for one
/// at start-up), then one whenever the last attempt is older than the partner's interval. A
/// scheduled sync that finds no network fails quietly: the sync panel says so once.
pub fn spawn(app: AppHandle) {
    tauri::async_runtime::spawn(async move {
        let mut started_for: Option<std::path::PathBuf> = None;
        let mut interval = tokio::time::interval(TICK);
        loop {
            interval.tick().await;
            if due(&app, &mut started_for).await {
                let outcome = run(&app, false).await;
                if let Some(code) = outcome.error_code {
                    tracing::info!(code, "scheduled sync did not complete");
                }
            }
        }
    });
}

async fn due(app: &AppHandle, started_for: &mut Option<std::path::PathBuf>) -> bool {
    let state = app.state::<AppState>();
    let settings = Settings::load(&state.data_dir).sync;
    if !settings.on_startup && settings.every_hours.is_none() {
        return false;
    }
    let configured = credentials::status(&state.keychain)
        .map(|s| s.iter().all(|c| c.is_set))
        .unwrap_or(false);
    if !configured {
        return false;
    }
    let guard = state.workspace.read().await;
    let Some(ws) = guard.as_ref() else {
        return false;
    };
    let first_sight = started_for.as_deref() != Some(ws.dir());
    if first_sight {
        *started_for = Some(ws.dir().to_path_buf());
        if settings.on_startup {
            return true;
        }
    }
    let Some(hours) = settings.every_hours else {
        return false;
    };
    let last = runs::runs(ws.pool(), 1)
        .await
        .ok()
        .and_then(|r| r.into_iter().next());
    match last {
        None => true,
        Some(run) => {
            let now = chrono::Utc::now();
            run.status != "running"
                && now - run.started_at >= chrono::Duration::hours(i64::from(hours))
        }
    }
}
