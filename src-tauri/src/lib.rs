//! The Partner Advisor desktop app: the only crate that depends on Tauri.
//!
//! This file only assembles the app: state, commands and events (listed once in
//! [`commands::specta_builder`], which also generates `ui/src/bindings.ts`), logging and the
//! window. Use cases live in `partner-advisor-engine`; commands are thin adapters over them.
//! To add a command: a function in `commands/<area>.rs`, one line in `specta_builder`, then
//! regenerate the bindings (`UPDATE_BINDINGS=1 cargo test -p partner-advisor-app bindings`).

pub mod commands;
pub mod dto;
pub mod error;
pub mod events;
pub mod lead_alerts;
pub mod logging;
pub mod report_scheduler;
pub mod state;
pub mod sync_runner;
pub mod validate;
pub mod window;

use tauri::Manager;

/// Starts the app.
pub fn run() {
    let data_dir = partner_advisor_engine::workspaces::data_dir();
    logging::init(&data_dir);
    let builder = commands::specta_builder();
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .invoke_handler(builder.invoke_handler())
        .setup(move |app| {
            builder.mount_events(app);
            app.manage(state::AppState::new(data_dir));
            lead_alerts::spawn(app.handle().clone());
            report_scheduler::spawn(app.handle().clone());
            sync_runner::spawn(app.handle().clone());
            window::create_main(app)?;
            Ok(())
        })
        .run(tauri::generate_context!("../tauri.conf.json"));
    if let Err(e) = result {
        tracing::error!("the app stopped: {e}");
        eprintln!("Partner Advisor could not start: {e}");
        std::process::exit(1);
    }
}
