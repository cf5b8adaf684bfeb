//! `partner-advisor workspace info`: what a workspace holds.

use std::path::PathBuf;

use anyhow::Context as _;
use partner_advisor_engine::summary;
use partner_advisor_store::{Keychain, Workspace};

use super::key_source;

/// Workspace commands.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Print the workspace's partner, snapshots and what each holds.
    Info {
        /// Workspace folder.
        #[arg(long)]
        workspace: PathBuf,
    },
}

/// Runs a workspace command.
pub async fn run(command: Command) -> anyhow::Result<()> {
    match command {
        Command::Info { workspace } => {
            let ws = Workspace::open(&workspace, key_source(), &Keychain::app())
                .await
                .with_context(|| format!("cannot open {}", workspace.display()))?;
            let s = summary::summarise(&ws).await?;
            ws.close().await;
            println!("Workspace  {} ({})", s.name, s.path);
            println!("Key        {:?}", s.key_mode);
            if let Some(p) = &s.partner {
                println!("Partner    {} (global ID {})", p.name, p.global_id);
            }
            println!(
                "Holds      {} customers, {} leads, {} CRM accounts, {:.1} MB",
                s.totals.customers,
                s.totals.leads,
                s.totals.crm_accounts,
                s.file_size_bytes as f64 / 1_000_000.0
            );
            println!("as_of       source  customers  subscriptions  usage_rows  security  leads");
            for c in &s.snapshots {
                println!(
                    "{}  {:<6}  {:>9}  {:>13}  {:>10}  {:>8}  {:>5}",
                    c.snapshot.as_of,
                    c.snapshot.source,
                    c.customers,
                    c.subscriptions,
                    c.usage_rows,
                    c.security_signals,
                    c.leads
                );
            }
            Ok(())
        }
    }
}
