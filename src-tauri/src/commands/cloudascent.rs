//! Microsoft's own CloudAscent downloads (issue 6): import one, list them, page through their
//! rows with filters, compare one with the app's scores, delete one.

use partner_advisor_engine::propensity::scores::ScoreOptions;
use partner_advisor_engine::propensity::{imported, library};
use tauri::{AppHandle, State};

use crate::dto::cloudascent::{
    DownloadComparison, ImportedDownload, ImportedRowsPageDto, ImportedRowsQuery,
};
use crate::error::IpcResult;
use crate::events::DataChanged;
use crate::state::AppState;

/// Imports a CloudAscent download (all or nothing). Without a path, asks for it with the native
/// open dialog; `null` when the user cancels it.
#[tauri::command]
#[specta::specta]
pub async fn import_cloudascent_download(
    app: AppHandle,
    state: State<'_, AppState>,
    path: Option<String>,
) -> IpcResult<Option<ImportedDownload>> {
    let Some(path) = super::csv_to_open(&app, &state, path)? else {
        return Ok(None);
    };
    let summary = {
        let guard = state.workspace.read().await;
        let ws = state.require_workspace(&guard)?;
        imported::import_download(ws, &path, &state.clock).await?
    };
    DataChanged::reports().emit(&app);
    Ok(Some((&summary).into()))
}

/// The imported downloads, newest first.
#[tauri::command]
#[specta::specta]
pub async fn cloudascent_downloads(state: State<'_, AppState>) -> IpcResult<Vec<ImportedDownload>> {
    let guard = state.workspace.read().await;
    let ws = state.require_workspace(&guard)?;
    Ok(imported::list_imports(ws)
        .await?
        .iter()
        .map(ImportedDownload::from)
        .collect())
}

/// A page of a download's rows, filtered and sorted.
#[tauri::command]
#[specta::specta]
pub async fn cloudascent_download_rows(
    state: State<'_, AppState>,
    id: u32,
    query: ImportedRowsQuery,
) -> IpcResult<ImportedRowsPageDto> {
    crate::validate::rows_query(&query)?;
    let (filter, sort) = query.to_engine()?;
    let guard = state.workspace.read().await;
    let ws = state.require_workspace(&guard)?;
    let page = imported::imported_rows(
        ws,
        id.into(),
        &filter,
        sort,
        query.offset.into(),
        query.limit.into(),
    )
    .await?;
    Ok(page.into())
}

/// A download beside the app's scores of the latest snapshot (with the workspace's cluster map).
#[tauri::command]
#[specta::specta]
pub async fn compare_cloudascent_download(
    state: State<'_, AppState>,
    id: u32,
) -> IpcResult<DownloadComparison> {
    let guard = state.workspace.read().await;
    let ws = state.require_workspace(&guard)?;
    let options = ScoreOptions {
        map: library::cluster_map(ws).await?,
        ..ScoreOptions::default()
    };
    let comparison = imported::compare_import(ws, id.into(), &options).await?;
    Ok((&comparison).into())
}

/// Deletes an imported download.
#[tauri::command]
#[specta::specta]
pub async fn delete_cloudascent_download(
    app: AppHandle,
    state: State<'_, AppState>,
    id: u32,
) -> IpcResult<()> {
    {
        let guard = state.workspace.read().await;
        let ws = state.require_workspace(&guard)?;
        imported::delete_import(ws, id.into()).await?;
    }
    DataChanged::reports().emit(&app);
    Ok(())
}
