//! Propensity reports (SPEC §6.3): the report chooser, preview, Download now, My reports (open,
//! show in folder, delete), schedules, and the report settings (cluster map, reports folder).

use std::path::PathBuf;

use partner_advisor_engine::jobs::Progress;
use partner_advisor_engine::propensity::library;
use partner_advisor_engine::propensity::report::{self, PropensityReport};
use partner_advisor_engine::propensity::segments::ClusterMap;
use partner_advisor_engine::settings::{Language, Settings};
use partner_advisor_engine::EngineError;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;
use tauri_plugin_opener::OpenerExt;

use crate::dto::propensity::{
    map_codes, PropensitySettings, ReportKindInfo, ReportPreview, ReportSchedule, ReportSpec,
    SavedReport, ScheduleCadence,
};
use crate::error::{IpcError, IpcResult};
use crate::events::{DataChanged, ProgressEmitter};
use crate::state::AppState;
use crate::validate;

/// Rows a preview may ask for.
const MAX_PREVIEW_ROWS: u32 = 1_000;

/// The six reports with their columns.
#[tauri::command]
#[specta::specta]
pub fn propensity_catalogue(language: Language) -> IpcResult<Vec<ReportKindInfo>> {
    Ok(PropensityReport::ALL
        .into_iter()
        .map(|r| ReportKindInfo::of(r, language))
        .collect())
}

/// The first rows of a report (progress on `job-progress`; `cancel_job` stops it).
#[tauri::command]
#[specta::specta]
pub async fn preview_propensity_report(
    app: AppHandle,
    state: State<'_, AppState>,
    language: Language,
    spec: ReportSpec,
    limit: u32,
) -> IpcResult<ReportPreview> {
    validate::report_spec(&spec)?;
    validate::within("rows of a preview", limit, 1, MAX_PREVIEW_ROWS)?;
    let (job_id, cancel) = state.start_job();
    let emitter = ProgressEmitter::new(app, job_id.clone());
    let result = async {
        let guard = state.workspace.read().await;
        let ws = state.require_workspace(&guard)?;
        let map = library::cluster_map(ws).await?;
        let request = spec.to_engine(language).request(map);
        report::preview(ws, &request, limit as usize, &emitter, &cancel).await
    }
    .await;
    emitter.finish();
    state.end_job(&job_id);
    Ok(result?.into())
}

/// Download now: writes the report into the reports folder and lists it in My reports
/// (progress on `job-progress`; `cancel_job` stops it and leaves no file).
#[tauri::command]
#[specta::specta]
pub async fn generate_propensity_report(
    app: AppHandle,
    state: State<'_, AppState>,
    language: Language,
    spec: ReportSpec,
) -> IpcResult<SavedReport> {
    validate::report_spec(&spec)?;
    let folder = Settings::load(&state.data_dir).reports_folder(&state.data_dir);
    let (job_id, cancel) = state.start_job();
    let emitter = ProgressEmitter::new(app.clone(), job_id.clone());
    let announce = AnnounceRunning::new(app.clone(), &emitter);
    let result = async {
        let guard = state.workspace.read().await;
        let ws = state.require_workspace(&guard)?;
        library::write_report(
            ws,
            &spec.to_engine(language),
            &folder,
            &state.clock,
            &announce,
            &cancel,
        )
        .await
    }
    .await;
    emitter.finish();
    state.end_job(&job_id);
    DataChanged::reports().emit(&app);
    Ok((&result?).into())
}

/// Tells the window once that a report is running (it is recorded by then), then passes the
/// steps on.
pub struct AnnounceRunning<'a> {
    app: AppHandle,
    inner: &'a dyn Progress,
    announced: std::sync::atomic::AtomicBool,
}

impl<'a> AnnounceRunning<'a> {
    /// Wraps a progress.
    pub fn new(app: AppHandle, inner: &'a dyn Progress) -> Self {
        Self {
            app,
            inner,
            announced: std::sync::atomic::AtomicBool::new(false),
        }
    }
}

impl Progress for AnnounceRunning<'_> {
    fn report(&self, step: partner_advisor_engine::jobs::Step) {
        if !self
            .announced
            .swap(true, std::sync::atomic::Ordering::Relaxed)
        {
            DataChanged::reports().emit(&self.app);
        }
        self.inner.report(step);
    }
}

/// My reports, newest first.
#[tauri::command]
#[specta::specta]
pub async fn saved_reports(state: State<'_, AppState>) -> IpcResult<Vec<SavedReport>> {
    let guard = state.workspace.read().await;
    let ws = state.require_workspace(&guard)?;
    Ok(library::saved_reports(ws)
        .await?
        .iter()
        .map(SavedReport::from)
        .collect())
}

/// Removes a report from My reports, and its file when asked.
#[tauri::command]
#[specta::specta]
pub async fn delete_saved_report(
    app: AppHandle,
    state: State<'_, AppState>,
    id: u32,
    delete_file: bool,
) -> IpcResult<()> {
    {
        let guard = state.workspace.read().await;
        let ws = state.require_workspace(&guard)?;
        if delete_file {
            validate::report_file(&library::saved_report(ws, id.into()).await?.path)?;
        }
        library::delete_saved_report(ws, id.into(), delete_file).await?;
    }
    DataChanged::reports().emit(&app);
    Ok(())
}

async fn report_file(state: &AppState, id: u32) -> IpcResult<PathBuf> {
    let guard = state.workspace.read().await;
    let ws = state.require_workspace(&guard)?;
    let report = library::saved_report(ws, id.into()).await?;
    // Only ever a CSV file: the system opens it with the app it chooses for that type.
    validate::report_file(&report.path)?;
    if !report.file_exists {
        return Err(EngineError::InvalidInput(format!(
            "{} is not there any more",
            report.path.display()
        ))
        .into());
    }
    Ok(report.path)
}

fn opener_error(e: tauri_plugin_opener::Error) -> IpcError {
    EngineError::InvalidInput(format!("the system could not open it: {e}")).into()
}

/// Opens a report in the default app for CSV files (Excel, where installed).
#[tauri::command]
#[specta::specta]
pub async fn open_saved_report(
    app: AppHandle,
    state: State<'_, AppState>,
    id: u32,
) -> IpcResult<()> {
    let path = report_file(&state, id).await?;
    app.opener()
        .open_path(path.to_string_lossy(), None::<&str>)
        .map_err(opener_error)
}

/// Shows a report in the file manager.
#[tauri::command]
#[specta::specta]
pub async fn reveal_saved_report(
    app: AppHandle,
    state: State<'_, AppState>,
    id: u32,
) -> IpcResult<()> {
    let path = report_file(&state, id).await?;
    app.opener().reveal_item_in_dir(path).map_err(opener_error)
}

/// Every schedule.
#[tauri::command]
#[specta::specta]
pub async fn report_schedules(state: State<'_, AppState>) -> IpcResult<Vec<ReportSchedule>> {
    let guard = state.workspace.read().await;
    let ws = state.require_workspace(&guard)?;
    Ok(library::schedules(ws, &state.clock)
        .await?
        .iter()
        .map(ReportSchedule::from)
        .collect())
}

/// Adds a schedule: monthly on the 25th, or after each import.
#[tauri::command]
#[specta::specta]
pub async fn create_report_schedule(
    app: AppHandle,
    state: State<'_, AppState>,
    language: Language,
    spec: ReportSpec,
    cadence: ScheduleCadence,
) -> IpcResult<ReportSchedule> {
    validate::report_spec(&spec)?;
    let schedule = {
        let guard = state.workspace.read().await;
        let ws = state.require_workspace(&guard)?;
        library::create_schedule(ws, &spec.to_engine(language), cadence.into(), &state.clock)
            .await?
    };
    DataChanged::reports().emit(&app);
    Ok((&schedule).into())
}

/// Deletes a schedule; its reports stay.
#[tauri::command]
#[specta::specta]
pub async fn delete_report_schedule(
    app: AppHandle,
    state: State<'_, AppState>,
    id: u32,
) -> IpcResult<()> {
    {
        let guard = state.workspace.read().await;
        let ws = state.require_workspace(&guard)?;
        library::delete_schedule(ws, id.into()).await?;
    }
    DataChanged::reports().emit(&app);
    Ok(())
}

async fn settings_of(state: &AppState, map: ClusterMap) -> PropensitySettings {
    PropensitySettings {
        cluster_map: map_codes(map),
        default_cluster_map: map_codes(ClusterMap::default()),
        reports_folder: Settings::load(&state.data_dir)
            .reports_folder(&state.data_dir)
            .display()
            .to_string(),
    }
}

/// The cluster map and the reports folder.
#[tauri::command]
#[specta::specta]
pub async fn propensity_settings(state: State<'_, AppState>) -> IpcResult<PropensitySettings> {
    let map = {
        let guard = state.workspace.read().await;
        let ws = state.require_workspace(&guard)?;
        library::cluster_map(ws).await?
    };
    Ok(settings_of(&state, map).await)
}

/// Stores the workspace's cluster map (each code A1–D4 once, High × High is A1).
#[tauri::command]
#[specta::specta]
pub async fn set_cluster_map(
    state: State<'_, AppState>,
    cells: Vec<Vec<String>>,
) -> IpcResult<PropensitySettings> {
    validate::cluster_map(&cells)?;
    let map = {
        let guard = state.workspace.read().await;
        let ws = state.require_workspace(&guard)?;
        library::set_cluster_map(ws, &cells).await?
    };
    Ok(settings_of(&state, map).await)
}

/// Asks for the reports folder with the native picker; `null` when the user cancels.
#[tauri::command]
#[specta::specta]
pub async fn choose_reports_folder(
    app: AppHandle,
    state: State<'_, AppState>,
) -> IpcResult<Option<PropensitySettings>> {
    let mut settings = Settings::load(&state.data_dir);
    let Some(folder) = app
        .dialog()
        .file()
        .set_directory(settings.reports_folder(&state.data_dir))
        .blocking_pick_folder()
        .and_then(|p| p.into_path().ok())
    else {
        return Ok(None);
    };
    settings.reports_folder = Some(folder);
    settings.save(&state.data_dir)?;
    let map = {
        let guard = state.workspace.read().await;
        let ws = state.require_workspace(&guard)?;
        library::cluster_map(ws).await?
    };
    Ok(Some(settings_of(&state, map).await))
}
