//! `partner-advisor report generate`: one of the six CloudAscent propensity reports for the
//! workspace's latest snapshot, as Excel-correct CSV. `report imports` and `report compare`:
//! Microsoft's own CloudAscent downloads imported with `import`, and how they agree with the
//! app's scores.

use std::path::PathBuf;

use anyhow::Context as _;
use partner_advisor_engine::jobs::CancelToken;
use partner_advisor_engine::opportunities::delimiter_for;
use partner_advisor_engine::propensity::report::{
    self, PropensityReport, ReportRequest, TimeRange,
};
use partner_advisor_engine::propensity::ScoreOptions;
use partner_advisor_engine::propensity::{imported, library};
use partner_advisor_store::{Keychain, Workspace};

use super::key_source;
use super::opportunities::{language, Lang};
use crate::terminal::{self, ProgressBar};

/// One of the six reports, or all six.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Report {
    /// Agreement renewal.
    Renewal,
    /// Azure.
    Azure,
    /// Dynamics 365.
    D365,
    /// Microsoft 365.
    M365,
    /// Security.
    Security,
    /// Surface.
    Surface,
    /// The six, scored once, into the `--out` folder as `<report>.csv`.
    All,
}

impl Report {
    fn reports(self) -> Vec<PropensityReport> {
        match self {
            Report::Renewal => vec![PropensityReport::AgreementRenewal],
            Report::Azure => vec![PropensityReport::Azure],
            Report::D365 => vec![PropensityReport::D365],
            Report::M365 => vec![PropensityReport::M365],
            Report::Security => vec![PropensityReport::Security],
            Report::Surface => vec![PropensityReport::Surface],
            Report::All => PropensityReport::ALL.to_vec(),
        }
    }
}

/// Report commands.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Write one report (one row per customer of the latest snapshot) to a CSV file.
    Generate {
        /// The workspace folder.
        #[arg(long)]
        workspace: PathBuf,
        /// The report.
        #[arg(long, value_enum)]
        report: Report,
        /// The CSV file to write (written as `<out>.part`, renamed when complete); with
        /// `--report all`, the folder of the six files.
        #[arg(long)]
        out: PathBuf,
        /// The columns to write, comma-separated, kept in the report's order (all by default).
        #[arg(long, default_value = "")]
        columns: String,
        /// Only customers whose last transaction is within the last N months (Lifetime by
        /// default).
        #[arg(long)]
        months: Option<u32>,
        /// Language of the signal sentences; the delimiter follows it (`;` for es, fr and pl).
        #[arg(long, value_enum, default_value = "en")]
        lang: Lang,
    },
    /// List the CloudAscent downloads imported with `partner-advisor import`.
    Imports {
        /// The workspace folder.
        #[arg(long)]
        workspace: PathBuf,
    },
    /// Compare an imported CloudAscent download with the app's scores of the latest snapshot:
    /// rows matched to customers (TPID, then name), cluster agreement and Spearman's rho of fit
    /// and intent per area.
    Compare {
        /// The workspace folder.
        #[arg(long)]
        workspace: PathBuf,
        /// The import's ID (see `report imports`).
        #[arg(long)]
        import: i64,
    },
}

/// Runs a report command.
pub async fn run(command: Command) -> anyhow::Result<()> {
    match command {
        Command::Generate {
            workspace,
            report,
            out,
            columns,
            months,
            lang,
        } => {
            let language = language(lang);
            let ws = Workspace::open(&workspace, key_source(), &Keychain::app())
                .await
                .with_context(|| format!("cannot open {}", workspace.display()))?;
            let bar = ProgressBar::new("Writing the report");
            let cancel = CancelToken::new();
            terminal::cancel_on_ctrl_c(cancel.clone());
            let result = async {
                // The workspace's cluster map (a setting), as the app's own reports use it.
                let options = ScoreOptions {
                    map: library::cluster_map(&ws).await?,
                    ..ScoreOptions::default()
                };
                let all = matches!(report, Report::All);
                if all {
                    std::fs::create_dir_all(&out).map_err(|e| {
                        partner_advisor_engine::EngineError::InvalidInput(format!(
                            "cannot create the folder {}: {e}",
                            out.display()
                        ))
                    })?;
                }
                let requests: Vec<(ReportRequest, PathBuf)> = report
                    .reports()
                    .into_iter()
                    .map(|r| {
                        let request = ReportRequest {
                            columns: columns.split(',').map(|c| c.trim().to_owned()).collect(),
                            range: months.map_or(TimeRange::Lifetime, TimeRange::LastMonths),
                            delimiter: delimiter_for(language),
                            language,
                            options: options.clone(),
                            ..ReportRequest::new(r)
                        };
                        let path = if all {
                            out.join(format!("{}.csv", r.key()))
                        } else {
                            out.clone()
                        };
                        (request, path)
                    })
                    .collect();
                report::generate_many(&ws, &requests, &bar, &cancel).await
            }
            .await;
            bar.finish();
            ws.close().await;
            let summaries = result.with_context(|| match report {
                Report::All => format!("cannot write the six reports to {}", out.display()),
                one => format!(
                    "cannot write the {} report to {}",
                    one.reports()[0],
                    out.display()
                ),
            })?;
            for summary in summaries {
                println!(
                    "Wrote the {} report to {}: {} rows ({} customers as of {}), {:.2} MB in {:.1} s.",
                    summary.report,
                    summary.path.display(),
                    summary.rows,
                    summary.customers,
                    summary.as_of,
                    summary.bytes as f64 / 1_000_000.0,
                    summary.elapsed_ms as f64 / 1000.0
                );
            }
            Ok(())
        }
        Command::Imports { workspace } => {
            let ws = open(&workspace).await?;
            let result = imported::list_imports(&ws).await;
            ws.close().await;
            let list = result.context("cannot list the imported CloudAscent downloads")?;
            if list.is_empty() {
                println!("No CloudAscent download imported.");
            }
            for r in list {
                println!(
                    "{}\t{}\t{}\t{} rows\t{}\t{}",
                    r.id,
                    r.report,
                    r.imported_at.format("%Y-%m-%d %H:%M"),
                    r.rows,
                    r.file_name,
                    if r.unknown_columns.is_empty() {
                        String::new()
                    } else {
                        format!("unknown columns kept: {}", r.unknown_columns.join(", "))
                    }
                );
            }
            Ok(())
        }
        Command::Compare { workspace, import } => {
            let ws = open(&workspace).await?;
            // The workspace's cluster map (a setting), as the app's own reports use it.
            let result = async {
                let options = ScoreOptions {
                    map: library::cluster_map(&ws).await?,
                    ..ScoreOptions::default()
                };
                imported::compare_import(&ws, import, &options).await
            }
            .await;
            ws.close().await;
            let c = result.with_context(|| format!("cannot compare import {import}"))?;
            let pct = |v: Option<f64>| v.map_or_else(|| "-".to_owned(), |v| format!("{v:.1}%"));
            let rho = |v: Option<f64>| v.map_or_else(|| "-".to_owned(), |v| format!("{v:.3}"));
            println!(
                "{} ({} report, {} rows) against the app's scores as of {}: {} rows matched \
                 ({} by TPID, {} by name), {} unmatched; cluster agreement {}.",
                c.import.file_name,
                c.import.report,
                c.rows,
                c.as_of,
                c.matched,
                c.matched_by_id,
                c.matched_by_name,
                c.rows - c.matched,
                pct(c.cluster_agreement_pct)
            );
            println!("area\tclusters compared\tsame cluster\tsame letter\tfit rho\tintent rho");
            for a in &c.areas {
                println!(
                    "{}\t{}\t{}\t{}\t{}\t{}",
                    a.area.prefix(),
                    a.clusters_compared,
                    pct(a.cluster_agreement_pct),
                    pct(a.same_letter_pct),
                    rho(a.fit_spearman),
                    rho(a.intent_spearman)
                );
            }
            Ok(())
        }
    }
}

async fn open(workspace: &std::path::Path) -> anyhow::Result<Workspace> {
    Workspace::open(workspace, key_source(), &Keychain::app())
        .await
        .with_context(|| format!("cannot open {}", workspace.display()))
}
