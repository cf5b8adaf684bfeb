//! `partner-advisor opportunities refresh|export|list`: the opportunity models from the command
//! line.

use std::path::PathBuf;

use anyhow::Context as _;
use partner_advisor_domain::SystemClock;
use partner_advisor_engine::opportunities::{
    self, OpportunityIndex, OpportunityQuery, OpportunitySettings, OpportunitySort, OpportunityTab,
    ProbabilityStatus,
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

/// Changes to the models' thresholds; unset flags keep their value.
#[derive(Debug, clap::Args)]
pub struct SettingsArgs {
    /// Probability at or above which an opportunity is High (default 0.60).
    #[arg(long)]
    high: Option<f64>,
    /// Probability at or above which it is Medium (default 0.30).
    #[arg(long)]
    medium: Option<f64>,
    /// Learned and tree models list a tenant only at or above this probability (default 0.15).
    #[arg(long)]
    min_probability: Option<f64>,
    /// Months after a snapshot in which a predicted event counts (default 6).
    #[arg(long)]
    horizon_months: Option<u32>,
    /// Points of active-user share within which a usage trend is "No change" (default 5).
    #[arg(long)]
    trend_tolerance_points: Option<f64>,
    /// SMB engagement: active-user share below which a workload is poorly adopted (default 0.5).
    #[arg(long)]
    smb_threshold: Option<f64>,
    /// SMB engagement: poorly adopted workloads needed (default 3).
    #[arg(long)]
    smb_min_workloads: Option<u32>,
    /// SMB engagement: licensed users a workload needs to be judged (default 5).
    #[arg(long)]
    smb_min_assigned: Option<u32>,
    /// SMB engagement: largest organisation that counts as SMB (default 299).
    #[arg(long)]
    smb_max_employees: Option<u32>,
    /// Trials: days before a trial ends when it is listed (default 30).
    #[arg(long)]
    trial_window_days: Option<u32>,
}

impl SettingsArgs {
    fn apply(&self, s: &mut OpportunitySettings) -> bool {
        let mut changed = false;
        macro_rules! set {
            ($($field:ident),*) => {$(
                if let Some(v) = self.$field {
                    s.$field = v;
                    changed = true;
                }
            )*};
        }
        set!(
            high,
            medium,
            min_probability,
            horizon_months,
            trend_tolerance_points,
            smb_threshold,
            smb_min_workloads,
            smb_min_assigned,
            smb_max_employees,
            trial_window_days
        );
        changed
    }
}

/// Opportunity commands.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Show the models' thresholds and windows; with flags, change them and refresh.
    Settings {
        /// Workspace folder.
        #[arg(long)]
        workspace: PathBuf,
        /// The changes.
        #[command(flatten)]
        changes: SettingsArgs,
    },
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

/// The engine's language for a `--lang` value.
pub fn language(l: Lang) -> Language {
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
        Command::Settings { workspace, changes } => {
            let ws = open(&workspace).await?;
            let result = async {
                let mut settings = OpportunitySettings::load(&ws).await?;
                let changed = changes.apply(&mut settings);
                let refreshed = if changed {
                    settings.save(&ws).await?;
                    Some(opportunities::refresh(&ws, &SystemClock).await?)
                } else {
                    None
                };
                anyhow::Ok((settings, refreshed))
            }
            .await;
            ws.close().await;
            let (settings, refreshed) = result?;
            println!("{}", serde_json::to_string_pretty(&settings)?);
            if let Some(r) = refreshed {
                println!(
                    "Saved; refreshed {} opportunities ({} new, {} kept, {} gone)",
                    r.opportunities, r.new, r.kept, r.gone
                );
            }
            Ok(())
        }
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
