//! Importing files into a new snapshot, then refreshing the opportunities (SPEC §3.2, §8).

use std::path::PathBuf;

use partner_advisor_engine::import::{import_files as run_import, ImportOptions};
use partner_advisor_engine::opportunities;
use partner_advisor_engine::settings::Language;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use crate::dto::{ImportOutcome, ImportProblem, ImportedFile, LeadImportOutcome};
use crate::error::IpcResult;
use crate::events::{DataChanged, ProgressEmitter};
use crate::state::AppState;
use crate::validate;

/// The extensions of the files an import reads (those the open dialog offers).
const IMPORTABLE: &[&str] = &["csv", "txt", "json"];

/// Imports files (format detected) into a new snapshot. Without paths, asks for them with the
/// native open dialog; `null` when the user cancels it. Nothing is written when any file has an
/// error: the outcome lists every problem with its line.
#[tauri::command]
#[specta::specta]
pub async fn import_files(
    app: AppHandle,
    state: State<'_, AppState>,
    language: Language,
    paths: Option<Vec<String>>,
    tenant: Option<String>,
    as_of: Option<String>,
) -> IpcResult<Option<ImportOutcome>> {
    validate::optional_line("the tenant", tenant.as_deref(), validate::MAX_ID)?;
    let as_of = validate::date("the as-of date", as_of.as_deref())?;
    let files: Vec<PathBuf> = match paths {
        Some(p) => {
            if p.is_empty() {
                return Err(validate::invalid("choose at least one file to import"));
            }
            validate::count("files to import", p.len(), validate::MAX_FILES)?;
            let folders = validate::Folders::of(&state);
            p.iter()
                .map(|f| validate::file_to_read("a file to import", f, &folders, IMPORTABLE))
                .collect::<IpcResult<_>>()?
        }
        None => {
            let picked = app
                .dialog()
                .file()
                .add_filter("CSV or JSON", &["csv", "txt", "json"])
                .blocking_pick_files();
            match picked {
                Some(list) => list
                    .into_iter()
                    .filter_map(|p| p.into_path().ok())
                    .collect(),
                None => return Ok(None),
            }
        }
    };
    let options = ImportOptions {
        tenant_id: tenant
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty()),
        as_of,
    };
    let (job_id, cancel) = state.start_job();
    let emitter = ProgressEmitter::new(app.clone(), job_id.clone());
    let outcome = {
        let guard = state.workspace.read().await;
        let ws = state.require_workspace(&guard)?;
        let summary = run_import(ws, &files, &options, &state.clock, &emitter, &cancel).await;
        // The data is in once the import committed: a refresh that fails is reported as a
        // note, never as a failed import.
        let refresh = match &summary {
            Ok(s) if s.snapshot_id.is_some() => {
                match opportunities::refresh(ws, &state.clock).await {
                    Ok(mut r) => {
                        r.models = opportunities::models(ws, language)
                            .await
                            .unwrap_or_default();
                        Ok(Some(r))
                    }
                    Err(e) => {
                        tracing::warn!("opportunities not refreshed after an import: {e}");
                        Err(e.to_string())
                    }
                }
            }
            _ => Ok(None),
        };
        // Leads that arrive already past their deadline expire at once.
        let expired_now = match &summary {
            Ok(s) if s.leads.is_some() => partner_advisor_engine::leads::maintain(ws, &state.clock)
                .await
                .unwrap_or_else(|e| {
                    tracing::warn!("time rules not applied after a lead import: {e}");
                    0
                }),
            _ => 0,
        };
        summary.map(|s| (s, refresh, expired_now))
    };
    emitter.finish();
    state.end_job(&job_id);
    let (mut summary, refresh, expired_now) = outcome?;
    let refresh = refresh.unwrap_or_else(|e| {
        summary.notes.push(format!(
            "the data was imported, but the opportunities could not be refreshed: {e}"
        ));
        None
    });
    if summary.leads.is_some() {
        state.forget_lead_index().await;
        DataChanged::leads().emit(&app);
    }
    if !summary.cloudascent.is_empty() {
        DataChanged::reports().emit(&app);
    }
    if summary.snapshot_id.is_some() {
        state.forget_opportunity_index().await;
        DataChanged::opportunities().emit(&app);
        DataChanged::snapshots().emit(&app);
    }
    Ok(Some(ImportOutcome {
        imported: summary.succeeded(),
        as_of: summary.as_of.map(|d| d.to_string()),
        tenant_id: summary.tenant_id.clone(),
        usage_rows: u32::try_from(summary.usage_rows).unwrap_or(u32::MAX),
        user_activity_rows: u32::try_from(summary.user_activity_rows).unwrap_or(u32::MAX),
        opportunities: u32::try_from(summary.opportunities).unwrap_or(u32::MAX),
        errors: summary.errors.clone(),
        notes: summary.notes.clone(),
        files: summary
            .files
            .iter()
            .map(|f| ImportedFile {
                file: f.file.clone(),
                kind: f.kind.to_string(),
                rows_read: u32::try_from(f.rows_read).unwrap_or(u32::MAX),
                rows_accepted: u32::try_from(f.rows_accepted).unwrap_or(u32::MAX),
                concealed: f.concealed,
                problems: f
                    .problems
                    .iter()
                    .map(|p| ImportProblem {
                        error: p.severity == partner_advisor_formats::Severity::Error,
                        line: p.line.map(|l| u32::try_from(l).unwrap_or(u32::MAX)),
                        column: p.column.clone(),
                        reason: p.reason.clone(),
                    })
                    .collect(),
                notes: f.notes.clone(),
            })
            .collect(),
        refresh,
        leads: summary.leads.map(|l| LeadImportOutcome {
            added: u32::try_from(l.added).unwrap_or(u32::MAX),
            updated: u32::try_from(l.updated).unwrap_or(u32::MAX),
            unchanged: u32::try_from(l.unchanged).unwrap_or(u32::MAX),
            skipped_older: u32::try_from(l.skipped_older).unwrap_or(u32::MAX),
            expired_now,
        }),
    }))
}
