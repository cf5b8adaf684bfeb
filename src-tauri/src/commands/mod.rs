//! Every command and event of the app, listed once.

pub mod app;
pub mod credentials;
pub mod import;
pub mod jobs;
pub mod leads;
pub mod opportunities;
pub mod workspace;

use tauri::Wry;

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
        ])
        .events(tauri_specta::collect_events![
            crate::events::JobProgress,
            crate::events::DataChanged,
            crate::lead_alerts::LeadAlert,
            crate::lead_alerts::OpenLead
        ])
}
