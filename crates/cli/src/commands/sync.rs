//! `partner-advisor sync`: pull Partner Center referrals and every customer tenant's Graph usage
//! reports into the workspace, push the lead changes made offline; list the changes waiting and
//! resolve conflicts. Credentials come from the OS keychain (`partner-advisor credentials set`);
//! base URLs from the app's settings, or these flags (tests point them at a local server).

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context as _;
use partner_advisor_domain::SystemClock;
use partner_advisor_engine::jobs::CancelToken;
use partner_advisor_engine::settings::Settings;
use partner_advisor_engine::sync::{outbox, QueueState, Resolution};
use partner_advisor_engine::workspaces::data_dir;
use partner_advisor_store::{Keychain, Workspace};
use partner_advisor_sync::{SyncOptions, SyncSummary};

use super::key_source;
use crate::terminal;

/// Sync commands.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Sync now: pull referrals changed since the last sync and each customer tenant's usage
    /// reports (into a new snapshot), then push the leads changed here.
    Run {
        /// The workspace folder.
        #[arg(long)]
        workspace: PathBuf,
        /// Pull every referral, not only those changed since the last sync.
        #[arg(long)]
        full: bool,
        /// Do not pull referrals.
        #[arg(long)]
        no_referrals: bool,
        /// Do not pull usage reports.
        #[arg(long)]
        no_usage: bool,
        /// Do not push the leads changed here.
        #[arg(long)]
        no_push: bool,
        /// One base URL for sign-in, Partner Center and Graph (a local test server).
        #[arg(long)]
        base_url: Option<String>,
        /// Base URL of the token endpoint.
        #[arg(long)]
        login_url: Option<String>,
        /// Base URL of Partner Center's API.
        #[arg(long)]
        partner_center_url: Option<String>,
        /// Base URL of Microsoft Graph.
        #[arg(long)]
        graph_url: Option<String>,
        /// Tenants fetched at once.
        #[arg(long, default_value_t = 8)]
        concurrency: usize,
        /// Print what the sync did as JSON on standard output.
        #[arg(long)]
        json: bool,
    },
    /// List the leads changed here that Partner Center has not received, conflicts first.
    Queue {
        /// The workspace folder.
        #[arg(long)]
        workspace: PathBuf,
    },
    /// Resolve a conflict: keep the lead as it is here, or take Partner Center's copy.
    Resolve {
        /// The workspace folder.
        #[arg(long)]
        workspace: PathBuf,
        /// The lead (referral ID).
        #[arg(long)]
        lead: String,
        /// Which copy wins.
        #[arg(long, value_enum)]
        keep: Keep,
    },
}

/// Which copy wins a conflict.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Keep {
    /// The lead as it is here (sent at the next sync).
    Mine,
    /// Partner Center's copy.
    Theirs,
}

/// Runs a sync command.
pub async fn run(command: Command) -> anyhow::Result<()> {
    match command {
        Command::Run {
            workspace,
            full,
            no_referrals,
            no_usage,
            no_push,
            base_url,
            login_url,
            partner_center_url,
            graph_url,
            concurrency,
            json,
        } => {
            let mut settings = Settings::load(&data_dir()).sync;
            if let Some(base) = base_url {
                settings.login_url.clone_from(&base);
                settings.partner_center_url.clone_from(&base);
                settings.graph_url = base;
            }
            if let Some(u) = login_url {
                settings.login_url = u;
            }
            if let Some(u) = partner_center_url {
                settings.partner_center_url = u;
            }
            if let Some(u) = graph_url {
                settings.graph_url = u;
            }
            let options = SyncOptions {
                referrals: !no_referrals,
                usage: !no_usage,
                push: !no_push,
                full,
                concurrency,
                ..SyncOptions::default()
            };
            let ws = Workspace::open(&workspace, key_source(), &Keychain::app())
                .await
                .with_context(|| format!("cannot open {}", workspace.display()))?;
            let cancel = CancelToken::new();
            terminal::cancel_on_ctrl_c(cancel.clone());
            let bar = terminal::ProgressBar::new("sync");
            let result = partner_advisor_sync::sync(
                &ws,
                Arc::new(Keychain::app()),
                &settings,
                &options,
                &SystemClock,
                &bar,
                &cancel,
            )
            .await;
            bar.finish();
            ws.close().await;
            let summary = result.map_err(|e| anyhow::anyhow!("sync failed ({}): {e}", e.code()))?;
            if json {
                println!("{}", serde_json::to_string_pretty(&summary)?);
            } else {
                print_summary(&summary);
            }
            Ok(())
        }
        Command::Queue { workspace } => {
            let ws = Workspace::open(&workspace, key_source(), &Keychain::app())
                .await
                .with_context(|| format!("cannot open {}", workspace.display()))?;
            let items = outbox::queue(&ws).await;
            ws.close().await;
            let items = items?;
            if items.is_empty() {
                println!("No lead changes wait for Partner Center.");
            }
            for i in items {
                let state = match i.state {
                    QueueState::Pending => "pending".to_owned(),
                    QueueState::Conflict => format!(
                        "CONFLICT: Partner Center has it as {}",
                        i.remote.as_ref().map_or("?", |r| r.substatus.as_str())
                    ),
                    QueueState::Refused => format!(
                        "refused: {}",
                        i.last_error.as_deref().unwrap_or("no reason given")
                    ),
                };
                println!(
                    "{}  {}  {} → {}  {state}",
                    i.lead_id, i.customer_name, i.from, i.local.substatus
                );
            }
            Ok(())
        }
        Command::Resolve {
            workspace,
            lead,
            keep,
        } => {
            let ws = Workspace::open(&workspace, key_source(), &Keychain::app())
                .await
                .with_context(|| format!("cannot open {}", workspace.display()))?;
            let resolution = match keep {
                Keep::Mine => Resolution::KeepMine,
                Keep::Theirs => Resolution::TakeTheirs,
            };
            let result = outbox::resolve(&ws, &lead, resolution, &SystemClock).await;
            ws.close().await;
            let l = result?;
            match keep {
                Keep::Mine => println!(
                    "Lead {lead} stays {} here; it is sent to Partner Center at the next sync.",
                    l.substatus
                ),
                Keep::Theirs => {
                    println!(
                        "Lead {lead} now has Partner Center's copy ({}).",
                        l.substatus
                    )
                }
            }
            Ok(())
        }
    }
}

fn print_summary(s: &SyncSummary) {
    let secs = f64::from(s.duration_ms) / 1000.0;
    match &s.since {
        Some(since) => println!("Synced in {secs:.1} s (referrals changed since {since})."),
        None => println!("Synced in {secs:.1} s (every referral)."),
    }
    println!(
        "Referrals: {} received: {} new leads, {} updated, {} unchanged.",
        s.referrals_received, s.leads_added, s.leads_updated, s.leads_unchanged
    );
    for skipped in &s.referrals_skipped {
        println!("  skipped: {skipped}");
    }
    if let Some(id) = s.snapshot_id {
        println!(
            "Usage: {} customer tenants into snapshot {id} (as of {}), {} usage rows.",
            s.tenants_synced,
            s.as_of.as_deref().unwrap_or("?"),
            s.usage_rows
        );
    }
    for t in &s.tenants_skipped {
        println!(
            "  tenant {} ({}) skipped: {}",
            t.tenant_id, t.name, t.reason
        );
    }
    println!("Pushed: {} lead changes.", s.pushed);
    let conflicts: Vec<&String> = s.new_conflicts.iter().chain(&s.push_conflicts).collect();
    if !conflicts.is_empty() {
        println!(
            "Conflicts ({}): changed here and in Partner Center; resolve with `partner-advisor sync resolve`:",
            conflicts.len()
        );
        for id in conflicts {
            println!("  {id}");
        }
    }
    for r in &s.push_refused {
        println!("  refused by Partner Center: {}: {}", r.lead_id, r.reason);
    }
    if let Some(why) = &s.push_stopped {
        println!("{} changes still wait: {why}", s.push_waiting);
    }
}
