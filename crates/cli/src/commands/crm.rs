//! `partner-advisor crm match`: the partner's CRM account list matched to the latest snapshot's
//! customers (domain, then name, then TPID), written as Excel-correct CSV.

use std::path::PathBuf;

use anyhow::Context as _;
use partner_advisor_engine::crm::{self, MatchOptions};
use partner_advisor_engine::jobs::CancelToken;
use partner_advisor_engine::opportunities::delimiter_for;
use partner_advisor_store::{Keychain, Workspace};

use super::key_source;
use super::opportunities::{language, Lang};
use crate::terminal;

/// CRM commands.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Match a CRM account list (CSV: account ID, name, and web site, TPID, country when known)
    /// to the customers of the latest snapshot; write one row per customer with the CRM ID, the
    /// method (domain, name, tpid or none) and a confidence.
    Match {
        /// The workspace folder.
        #[arg(long)]
        workspace: PathBuf,
        /// The CRM account list (CSV in UTF-8, UTF-16 or Windows-1252; `,`, `;` or tab).
        #[arg(long)]
        crm: PathBuf,
        /// The CSV file to write (written as `<out>.part`, renamed when complete).
        #[arg(long)]
        out: PathBuf,
        /// Also store the list in the workspace, replacing the stored one.
        #[arg(long)]
        store: bool,
        /// The delimiter of the file written follows the language (`;` for es, fr and pl).
        #[arg(long, value_enum, default_value = "en")]
        lang: Lang,
    },
}

/// Runs a CRM command.
pub async fn run(command: Command) -> anyhow::Result<()> {
    match command {
        Command::Match {
            workspace,
            crm: list,
            out,
            store,
            lang,
        } => {
            let file = crm::read_accounts_file(&list)
                .with_context(|| format!("cannot read the CRM list {}", list.display()))?;
            for warning in &file.warnings {
                eprintln!("warning: {warning}");
            }
            let ws = Workspace::open(&workspace, key_source(), &Keychain::app())
                .await
                .with_context(|| format!("cannot open {}", workspace.display()))?;
            let cancel = CancelToken::new();
            terminal::cancel_on_ctrl_c(cancel.clone());
            let options = MatchOptions {
                delimiter: delimiter_for(language(lang)),
                preview: 0,
                ..MatchOptions::default()
            };
            let result = async {
                if store {
                    crm::import_accounts(&ws, &list)
                        .await
                        .with_context(|| format!("cannot store the CRM list {}", list.display()))?;
                }
                crm::match_accounts(&ws, &file.accounts, &out, &options, &cancel)
                    .await
                    .with_context(|| format!("cannot write the matches to {}", out.display()))
            }
            .await;
            ws.close().await;
            let s = result?;
            println!(
                "Read {} CRM accounts from {} ({}, '{}'){}.",
                file.accounts.len(),
                list.display(),
                file.encoding.name(),
                match file.delimiter {
                    '\t' => "tab".to_owned(),
                    d => d.to_string(),
                },
                if store {
                    ", stored in the workspace"
                } else {
                    ""
                }
            );
            println!(
                "Matched {} customers (as of {}) to {}: {} by domain, {} by name, {} by TPID, \
                 {} unmatched; {} CRM accounts unused; {:.1} s.",
                s.customers,
                s.as_of,
                out.display(),
                s.by_domain,
                s.by_name,
                s.by_tpid,
                s.unmatched,
                s.accounts_unused,
                s.elapsed_ms as f64 / 1000.0
            );
            Ok(())
        }
    }
}
