//! `partner-advisor report generate`: one of the six CloudAscent propensity reports for the
//! workspace's latest snapshot, as Excel-correct CSV.

use std::path::PathBuf;

use anyhow::Context as _;
use partner_advisor_engine::jobs::CancelToken;
use partner_advisor_engine::opportunities::delimiter_for;
use partner_advisor_engine::propensity::report::{
    self, PropensityReport, ReportRequest, TimeRange,
};
use partner_advisor_store::{Keychain, Workspace};

use super::key_source;
use super::opportunities::{language, Lang};
use crate::terminal::{self, ProgressBar};

/// One of the six reports.
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
}

impl From<Report> for PropensityReport {
    fn from(r: Report) -> Self {
        match r {
            Report::Renewal => PropensityReport::AgreementRenewal,
            Report::Azure => PropensityReport::Azure,
            Report::D365 => PropensityReport::D365,
            Report::M365 => PropensityReport::M365,
            Report::Security => PropensityReport::Security,
            Report::Surface => PropensityReport::Surface,
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
        /// The CSV file to write (written as `<out>.part`, renamed when complete).
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
            let request = ReportRequest {
                columns: columns.split(',').map(|c| c.trim().to_owned()).collect(),
                range: months.map_or(TimeRange::Lifetime, TimeRange::LastMonths),
                delimiter: delimiter_for(language),
                language,
                ..ReportRequest::new(report.into())
            };
            let ws = Workspace::open(&workspace, key_source(), &Keychain::app())
                .await
                .with_context(|| format!("cannot open {}", workspace.display()))?;
            let bar = ProgressBar::new("Writing the report");
            let cancel = CancelToken::new();
            terminal::cancel_on_ctrl_c(cancel.clone());
            let result = report::generate(&ws, &request, &out, &bar, &cancel).await;
            bar.finish();
            ws.close().await;
            let summary = result.with_context(|| {
                format!(
                    "cannot write the {} report to {}",
                    request.report,
                    out.display()
                )
            })?;
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
            Ok(())
        }
    }
}
