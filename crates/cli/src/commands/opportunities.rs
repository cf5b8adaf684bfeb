//! `partner-advisor opportunities refresh|export|list`: the opportunity models from the command
//! line.

use std::path::PathBuf;

use anyhow::Context as _;
use partner_advisor_domain::SystemClock;
use partner_advisor_engine::opportunities::{
    self, OpportunityIndex, OpportunityQuery, OpportunitySort, OpportunityTab, ProbabilityStatus,
};
use partner_advisor_engine::settings::Language;
use partner_advisor_store::{Keychain, Workspace};

use super::key_source;

/// Which tab to export.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum TypeFilter {
    /// Customer acquisition.
    Acquisition,
    /// Customer retention.
    Retention,
    /// Customer growth.
    Growth,
}

/// A probability status.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum StatusFilter {
    /// High.
    High,
    /// Medium.
    Medium,
    /// Low.
    Low,
}

/// Output language of texts in exports.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Lang {
    /// English.
    En,
    /// Spanish.
    Es,
    /// French.
    Fr,
    /// Polish.
    Pl,
}

/// Opportunity commands.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Recompute the opportunities from the latest snapshot (trains the models when the history
    /// changed) and print what each model did.
    Refresh {
        /// Workspace folder.
        #[arg(long)]
        workspace: PathBuf,
    },
    /// Export the opportunities as CSV in the Lighthouse export's columns.
    Export {
        /// Workspace folder.
        #[arg(long)]
        workspace: PathBuf,
        /// Output file.
        #[arg(long)]
        out: PathBuf,
        /// Only one opportunity type.
        #[arg(long = "type", value_enum)]
        opportunity_type: Option<TypeFilter>,
        /// Only these probability statuses (repeatable).
        #[arg(long, value_enum)]
        status: Vec<StatusFilter>,
        /// Tenant name or domain contains this (case and accents ignored).
        #[arg(long, default_value = "")]
        search: String,
        /// Date added on or after (YYYY-MM-DD).
        #[arg(long)]
        added_from: Option<String>,
        /// Date added on or before (YYYY-MM-DD).
        #[arg(long)]
        added_to: Option<String>,
        /// Language of the texts; `;` is the delimiter for es, fr and pl.
        #[arg(long, value_enum, default_value = "en")]
        lang: Lang,
    },
}

fn language(l: Lang) -> Language {
    match l {
        Lang::En => Language::En,
        Lang::Es => Language::Es,
        Lang::Fr => Language::Fr,
        Lang::Pl => Language::Pl,
    }
}

async fn open(workspace: &std::path::Path) -> anyhow::Result<Workspace> {
    Workspace::open(workspace, key_source(), &Keychain::app())
        .await
        .with_context(|| format!("cannot open {}", workspace.display()))
}

/// Runs an opportunity command.
pub async fn run(command: Command) -> anyhow::Result<()> {
    match command {
        Command::Refresh { workspace } => {
            let ws = open(&workspace).await?;
            let summary = opportunities::refresh(&ws, &SystemClock).await;
            let models = opportunities::models(&ws, Language::En).await;
            ws.close().await;
            let summary = summary?;
            println!(
                "Refreshed {} opportunities as of {} in {} ms: {} new, {} kept their date added, {} gone",
                summary.opportunities,
                summary.as_of,
                summary.duration_ms,
                summary.new,
                summary.kept,
                summary.gone
            );
            for m in models? {
                let auc = m
                    .validation_auc_milli
                    .map(|a| format!("{:.3}", f64::from(a) / 1000.0))
                    .unwrap_or_else(|| "–".into());
                println!(
                    "  {:<40} {:>6} opportunities  AUC {:>5}  {}",
                    m.name, m.candidates, auc, m.note
                );
            }
            Ok(())
        }
        Command::Export {
            workspace,
            out,
            opportunity_type,
            status,
            search,
            added_from,
            added_to,
            lang,
        } => {
            let ws = open(&workspace).await?;
            let lang = language(lang);
            let query = OpportunityQuery {
                tab: match opportunity_type {
                    None => OpportunityTab::All,
                    Some(TypeFilter::Acquisition) => OpportunityTab::Acquisition,
                    Some(TypeFilter::Retention) => OpportunityTab::Retention,
                    Some(TypeFilter::Growth) => OpportunityTab::Growth,
                },
                search,
                statuses: status
                    .into_iter()
                    .map(|s| match s {
                        StatusFilter::High => ProbabilityStatus::High,
                        StatusFilter::Medium => ProbabilityStatus::Medium,
                        StatusFilter::Low => ProbabilityStatus::Low,
                    })
                    .collect(),
                added_from,
                added_to,
                sort: OpportunitySort::DateAdded,
                descending: true,
                ..OpportunityQuery::default()
            };
            let result = async {
                let index = OpportunityIndex::load(&ws, lang).await?;
                if index.is_empty() && index.overview().as_of.is_none() {
                    anyhow::bail!(
                        "no opportunities yet: run `partner-advisor opportunities refresh --workspace {}` first",
                        workspace.display()
                    );
                }
                Ok(opportunities::export(
                    &ws,
                    &index,
                    &query,
                    &out,
                    opportunities::delimiter_for(lang),
                    lang,
                )
                .await?)
            }
            .await;
            ws.close().await;
            let summary = result?;
            println!("Wrote {} opportunities to {}", summary.rows, summary.path);
            Ok(())
        }
    }
}
