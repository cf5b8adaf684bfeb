//! `partner-advisor demo`: generate the demo workspace.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::Context as _;
use chrono::NaiveDate;
use partner_advisor_domain::SystemClock;
use partner_advisor_engine::demo::{self, DemoConfig};
use partner_advisor_engine::jobs::CancelToken;
use partner_advisor_engine::workspaces::Context;
use partner_advisor_store::Keychain;

use super::key_source;
use crate::terminal::{self, ProgressBar};

/// Options of `demo`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Folder of the new workspace (must not exist, or be empty).
    #[arg(long)]
    workspace: PathBuf,
    /// Number of customer tenants (1 to 1,000,000).
    #[arg(long, default_value_t = demo::DEFAULT_CUSTOMERS)]
    customers: u32,
    /// Random seed: the same seed, size and date give the same workspace.
    #[arg(long, default_value_t = demo::DEFAULT_SEED)]
    seed: u64,
    /// Date of the last snapshot (YYYY-MM-DD); default: the end of the last complete month.
    #[arg(long)]
    as_of: Option<NaiveDate>,
    /// Number of monthly snapshots.
    #[arg(long, default_value_t = demo::DEFAULT_MONTHS)]
    months: u32,
    /// Display name of the workspace.
    #[arg(long, default_value = "Demo — Northwind Cloud Partners")]
    name: String,
}

/// Runs `demo`.
pub async fn run(args: Args) -> anyhow::Result<()> {
    let data_dir = partner_advisor_engine::workspaces::data_dir();
    let keychain = Keychain::app();
    let context = Context {
        data_dir: &data_dir,
        secrets: &keychain,
        clock: &SystemClock,
    };
    let config = DemoConfig {
        months: args.months,
        ..DemoConfig::new(
            args.customers,
            args.seed,
            args.as_of.unwrap_or_else(|| context.demo_as_of()),
        )
    };
    let bar = ProgressBar::new("Generating the demo workspace");
    let cancel = CancelToken::new();
    terminal::cancel_on_ctrl_c(cancel.clone());
    let started = Instant::now();
    let (ws, stats) = demo::create_demo_workspace(
        &args.workspace,
        &args.name,
        key_source(),
        &config,
        &keychain,
        &bar,
        &cancel,
    )
    .await
    .with_context(|| {
        format!(
            "cannot create the demo workspace in {}",
            args.workspace.display()
        )
    })?;
    bar.finish();
    let seconds = started.elapsed().as_secs_f64();
    let bytes = ws.file_size_bytes();
    ws.close().await;
    println!(
        "Created demo workspace {} in {:.1} s: {} customers, {} snapshots, {} subscription rows, {} usage rows, {} user activity rows, {} security rows, {} leads, {} CRM accounts; {:.1} MB encrypted.",
        args.workspace.display(),
        seconds,
        stats.customers,
        stats.snapshots,
        stats.subscriptions,
        stats.usage_rows,
        stats.user_activity_rows,
        stats.security_signals,
        stats.leads,
        stats.crm_accounts,
        bytes as f64 / 1_000_000.0
    );
    Ok(())
}
