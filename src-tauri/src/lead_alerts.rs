//! The leads' clock while the app runs: every minute (and right after a workspace opens) the
//! time rules are applied (expiry, archiving) and new Contact-me leads raise their notifications.
//!
//! A notification is shown twice over: in the app (the `lead-alert` event, a toast with an Open
//! button) and by the OS. Tauri's notification plugin cannot report a click on the desktop, so the
//! OS notification is raised with `notify-rust` directly: on Linux it declares the freedesktop
//! `default` action and waits for it on a thread of its own, and a click raises the window and
//! sends `open-lead`. On macOS the click activates the app (the in-app toast is there); on Windows
//! the toast is informational.

use std::time::Duration;

use partner_advisor_engine::lead_scoring;
use partner_advisor_engine::leads::{self, notifications::LeadNotification};
use partner_advisor_engine::settings::{Language, Settings as StoredSettings};
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Manager};
use tauri_specta::Event;

use crate::events::DataChanged;
use crate::state::AppState;

/// How often the rules run while the app is open.
const TICK: Duration = Duration::from_secs(60);

/// A new Contact-me lead (or a digest of them) arrived (`lead-alert`).
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, tauri_specta::Event)]
#[serde(rename_all = "camelCase")]
pub struct LeadAlert {
    /// What arrived.
    pub notification: LeadNotification,
}

/// The user activated a lead notification: show that lead (`open-lead`).
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, tauri_specta::Event)]
#[serde(rename_all = "camelCase")]
pub struct OpenLead {
    /// The lead to show.
    pub lead_id: String,
}

/// Starts the loop.
pub fn spawn(app: AppHandle) {
    tauri::async_runtime::spawn(async move {
        let mut interval = tokio::time::interval(TICK);
        let mut last_retrain: Option<(String, std::time::Instant)> = None;
        loop {
            interval.tick().await;
            run_once(&app).await;
            retrain_if_due(&app, &mut last_retrain).await;
        }
    });
}

/// Applies the rules and raises what is due now; called by the loop and after a workspace opens.
pub async fn run_once(app: &AppHandle) {
    let state = app.state::<AppState>();
    let (changed, due) = {
        let guard = state.workspace.read().await;
        let Some(ws) = guard.as_ref() else {
            return;
        };
        let changed = match leads::maintain(ws, &state.clock).await {
            Ok(n) => n,
            Err(e) => {
                tracing::warn!("lead time rules not applied: {e}");
                0
            }
        };
        let due = leads::notifications::take_due(ws, &state.clock)
            .await
            .unwrap_or_else(|e| {
                tracing::warn!("lead notifications not checked: {e}");
                Vec::new()
            });
        (changed, due)
    };
    if changed > 0 {
        state.forget_lead_index().await;
        DataChanged::leads().emit(app);
    }
    if due.is_empty() {
        return;
    }
    let language = language(app);
    for notification in due {
        if let Err(e) = (LeadAlert {
            notification: notification.clone(),
        })
        .emit(app)
        {
            tracing::warn!("lead alert not sent to the window: {e}");
        }
        show_os_notification(app.clone(), &notification, language);
    }
}

/// How often lead scoring models are checked for their 15-day retraining.
const RETRAIN_CHECK: Duration = Duration::from_secs(3600);

/// Retrains the lead scoring models that are due (SPEC §5: every 15 days, published by the 95%
/// rule), checked when a workspace is first seen and hourly after that.
async fn retrain_if_due(app: &AppHandle, last: &mut Option<(String, std::time::Instant)>) {
    let state = app.state::<AppState>();
    let published = {
        let guard = state.workspace.read().await;
        let Some(ws) = guard.as_ref() else {
            return;
        };
        let id = ws.manifest().id.to_string();
        if last
            .as_ref()
            .is_some_and(|(seen, at)| *seen == id && at.elapsed() < RETRAIN_CHECK)
        {
            return;
        }
        *last = Some((id, std::time::Instant::now()));
        match lead_scoring::retrain_due(ws, &state.clock).await {
            Ok(reports) => reports
                .iter()
                .any(|r| matches!(r.outcome, lead_scoring::RetrainOutcome::Published { .. })),
            Err(e) => {
                tracing::warn!("lead scoring retraining not run: {e}");
                false
            }
        }
    };
    if published {
        state.forget_lead_index().await;
        DataChanged::leads().emit(app);
    }
}

fn language(app: &AppHandle) -> Language {
    let state = app.state::<AppState>();
    StoredSettings::load(&state.data_dir)
        .language
        .or_else(|| sys_locale::get_locale().and_then(|l| Language::from_locale(&l)))
        .unwrap_or(Language::En)
}

/// Title and body of a notification in `language`.
fn texts(n: &LeadNotification, language: Language) -> (String, String) {
    match n {
        LeadNotification::Single {
            customer_name,
            offer_name,
            ..
        } => {
            let title = match language {
                Language::En => "New lead: contact me",
                Language::Es => "Nuevo cliente potencial: contactarme",
                Language::Fr => "Nouveau prospect : contactez-moi",
                Language::Pl => "Nowy lead: proszę o kontakt",
            };
            (title.to_owned(), format!("{customer_name} · {offer_name}"))
        }
        LeadNotification::Digest { count, .. } => {
            let title = match language {
                Language::En => format!("{count} new Contact-me leads today"),
                Language::Es => {
                    format!("{count} nuevos clientes potenciales que piden contacto hoy")
                }
                Language::Fr => format!("{count} nouveaux prospects « Contactez-moi » aujourd'hui"),
                Language::Pl => format!("Nowe leady z prośbą o kontakt dzisiaj: {count}"),
            };
            let body = match language {
                Language::En => "Open Partner Advisor to answer them within 72 hours.",
                Language::Es => "Abra Partner Advisor para responderlos en 72 horas.",
                Language::Fr => "Ouvrez Partner Advisor pour y répondre sous 72 heures.",
                Language::Pl => "Otwórz Partner Advisor, aby odpowiedzieć w ciągu 72 godzin.",
            };
            (title, body.to_owned())
        }
    }
}

fn lead_of(n: &LeadNotification) -> String {
    match n {
        LeadNotification::Single { lead_id, .. } | LeadNotification::Digest { lead_id, .. } => {
            lead_id.clone()
        }
    }
}

fn show_os_notification(app: AppHandle, n: &LeadNotification, language: Language) {
    let (title, body) = texts(n, language);
    let lead_id = lead_of(n);
    let open = match language {
        Language::En => "Open",
        Language::Es => "Abrir",
        Language::Fr => "Ouvrir",
        Language::Pl => "Otwórz",
    };
    // Showing blocks on the notification service; waiting for a click blocks until it closes.
    std::thread::spawn(move || {
        let mut notification = notify_rust::Notification::new();
        notification
            .summary(&title)
            .body(&body)
            .appname("Partner Advisor")
            .action("default", open);
        show_and_wait(app, &notification, lead_id);
    });
}

#[cfg(all(unix, not(target_os = "macos")))]
fn show_and_wait(app: AppHandle, notification: &notify_rust::Notification, lead_id: String) {
    let handle = match notification.show() {
        Ok(handle) => handle,
        Err(e) => {
            tracing::info!("no OS notification service: {e}");
            return;
        }
    };
    handle.wait_for_action(|action| {
        if action == "default" {
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.show();
                let _ = window.set_focus();
            }
            if let Err(e) = (OpenLead { lead_id }).emit(&app) {
                tracing::warn!("open-lead not sent: {e}");
            }
        }
    });
}

#[cfg(not(all(unix, not(target_os = "macos"))))]
fn show_and_wait(_app: AppHandle, notification: &notify_rust::Notification, _lead_id: String) {
    if let Err(e) = notification.show() {
        tracing::info!("no OS notification service: {e}");
    }
}
