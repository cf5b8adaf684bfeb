//! Entry point of the Partner Advisor desktop app.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    partner_advisor_app::run();
}
