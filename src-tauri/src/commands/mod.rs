//! Every command and event of the app, listed once.

pub mod app;
pub mod cloudascent;
pub mod credentials;
pub mod crm;
pub mod import;
pub mod jobs;
pub mod lead_scoring;
pub mod leads;
pub mod opportunities;
pub mod propensity;
pub mod sync;
pub mod workspace;

use std::path::PathBuf;

use tauri::{AppHandle, Wry};
use tauri_plugin_dialog::DialogExt;

use crate::error::IpcResult;
use crate::state::AppState;
use crate::validate;

/// The CSV file a command was given (checked: see [`crate::validate`]), or the one the user
/// picks in the native open dialog; `None` when the dialog is cancelled.
pub(crate) fn csv_to_open(
    app: &AppHandle,
    state: &AppState,
    path: Option<String>,
) -> IpcResult<Option<PathBuf>> {
    Ok(match path {
        Some(p) => Some(validate::file_to_read(
            "the file to import",
            &p,
            &validate::Folders::of(state),
            &["csv", "txt"],
        )?),
        None => app
            .dialog()
            .file()
            .add_filter("CSV", &["csv", "txt"])
            .blocking_pick_file()
            .and_then(|p| p.into_path().ok()),
    })
}

/// The one list of commands and events; it also generates `ui/src/bindings.ts`.
pub fn specta_builder() -> tauri_specta::Builder<Wry> {
    tauri_specta::Builder::<Wry>::new()
        .commands(tauri_specta::collect_commands![
            app::app_info,
            app::get_settings,
            app::set_language,
            workspace::open_startup_workspace,
            workspace::current_workspace,
            workspace::list_workspaces,
            workspace::create_workspace,
            workspace::open_workspace,
            credentials::credential_status,
            credentials::set_credential,
            credentials::delete_credential,
            sync::sync_settings,
            sync::set_sync_settings,
            sync::sync_status,
            sync::run_sync,
            sync::sync_queue,
            sync::resolve_sync_conflict,
            jobs::cancel_job,
            opportunities::opportunities_overview,
            opportunities::query_opportunities,
            opportunities::opportunity_detail,
            opportunities::usage_chart,
            opportunities::refresh_opportunities,
            opportunities::opportunity_models,
            opportunities::set_opportunity_feedback,
            opportunities::set_opportunity_dismissed,
            opportunities::export_opportunities,
            opportunities::opportunity_settings,
            opportunities::set_opportunity_settings,
            import::import_files,
            leads::leads_overview,
            leads::query_leads,
            leads::lead_detail,
            leads::act_on_lead,
            leads::set_lead_favourite,
            leads::export_leads,
            lead_scoring::lead_scoring_overview,
            lead_scoring::scoring_version,
            lead_scoring::create_scoring_model,
            lead_scoring::update_scoring_model,
            lead_scoring::delete_scoring_model,
            lead_scoring::set_scoring_model_order,
            lead_scoring::train_scoring_model,
            lead_scoring::publish_scoring_version,
            lead_scoring::revert_scoring_model,
            lead_scoring::set_grade_bound,
            lead_scoring::reset_grade_ranges,
            lead_scoring::lead_score_detail,
            lead_scoring::customer_field_choices,
            lead_scoring::edit_lead_customer,
            propensity::propensity_catalogue,
            propensity::preview_propensity_report,
            propensity::generate_propensity_report,
            propensity::saved_reports,
            propensity::delete_saved_report,
            propensity::open_saved_report,
            propensity::reveal_saved_report,
            propensity::report_schedules,
            propensity::create_report_schedule,
            propensity::delete_report_schedule,
            propensity::propensity_settings,
            propensity::set_cluster_map,
            propensity::choose_reports_folder,
            cloudascent::import_cloudascent_download,
            cloudascent::cloudascent_downloads,
            cloudascent::cloudascent_download_rows,
            cloudascent::compare_cloudascent_download,
            cloudascent::delete_cloudascent_download,
            crm::import_crm_accounts,
            crm::crm_matches,
            crm::export_crm_matches,
        ])
        .events(tauri_specta::collect_events![
            crate::events::JobProgress,
            crate::events::DataChanged,
            crate::lead_alerts::LeadAlert,
            crate::lead_alerts::OpenLead
        ])
}
