//! `partner-advisor import`: files into a new snapshot of a workspace, format detected.

use std::path::PathBuf;

use anyhow::Context as _;
use chrono::NaiveDate;
use partner_advisor_domain::SystemClock;
use partner_advisor_engine::import::{import_files, ImportOptions};
use partner_advisor_engine::jobs::CancelToken;
use partner_advisor_store::{Keychain, Workspace};

use super::key_source;
use crate::terminal::{self, ProgressBar};

/// Options of `import`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Workspace folder.
    #[arg(long)]
    workspace: PathBuf,
    /// The customer the Microsoft 365 usage reports belong to (they do not name their tenant):
    /// its tenant ID or primary domain.
    #[arg(long)]
    tenant: Option<String>,
    /// "As of" date of the new snapshot (YYYY-MM-DD); default: the reports' refresh date.
    #[arg(long)]
    as_of: Option<NaiveDate>,
    /// The files: Microsoft 365 usage reports (CSV), Lighthouse Sales Advisor exports, lead files,
    /// or CloudAscent propensity report downloads (on their own), in any encoding and delimiter
    /// Excel writes.
    #[arg(required = true)]
    files: Vec<PathBuf>,
}

/// Runs `import`: prints each file's report; fails, having written nothing, on any error.
pub async fn run(args: Args) -> anyhow::Result<()> {
    let ws = Workspace::open(&args.workspace, key_source(), &Keychain::app())
        .await
        .with_context(|| format!("cannot open {}", args.workspace.display()))?;
    let bar = ProgressBar::new("Importing");
    let cancel = CancelToken::new();
    terminal::cancel_on_ctrl_c(cancel.clone());
    let options = ImportOptions {
        tenant_id: args.tenant,
        as_of: args.as_of,
    };
    let result = import_files(&ws, &args.files, &options, &SystemClock, &bar, &cancel).await;
    // SPEC §3.2: the opportunities refresh after every import.
    let refreshed = match &result {
        Ok(s) if s.snapshot_id.is_some() => {
            Some(partner_advisor_engine::opportunities::refresh(&ws, &SystemClock).await)
        }
        _ => None,
    };
    // Imported leads are judged against the time rules at once (a lead 20 days old arrives expired).
    let maintained = match &result {
        Ok(s) if s.leads.is_some() => {
            Some(partner_advisor_engine::leads::maintain(&ws, &SystemClock).await)
        }
        _ => None,
    };
    bar.finish();
    ws.close().await;
    let summary = result.context("the import stopped; nothing was imported")?;
    for file in &summary.files {
        println!("{file}");
    }
    for note in &summary.notes {
        println!("note: {note}");
    }
    if let Some(leads) = summary.leads {
        println!(
            "Imported leads: {} added, {} updated, {} unchanged, {} skipped (the workspace's copy is newer).",
            leads.added, leads.updated, leads.unchanged, leads.skipped_older
        );
        match maintained {
            Some(Ok(n)) if n > 0 => {
                println!("{n} leads expired or were archived by the time rules.")
            }
            Some(Err(e)) => eprintln!("warning: the time rules could not be applied: {e}"),
            _ => {}
        }
        return Ok(());
    }
    if !summary.cloudascent.is_empty() {
        for r in &summary.cloudascent {
            println!(
                "Imported {} as CloudAscent import {}: the {} report, {} rows, {} columns{}.",
                r.file_name,
                r.id,
                r.report,
                r.rows,
                r.columns,
                if r.unknown_columns.is_empty() {
                    String::new()
                } else {
                    format!(
                        " ({} unknown kept as plays: {})",
                        r.unknown_columns.len(),
                        r.unknown_columns.join(", ")
                    )
                }
            );
        }
        println!(
            "Compare with the app's scores: partner-advisor report compare --workspace {} --import ID",
            args.workspace.display()
        );
        return Ok(());
    }
    let Some(id) = summary.snapshot_id else {
        let errors = summary.error_lines();
        const SHOWN: usize = 20;
        for line in errors.iter().take(SHOWN) {
            eprintln!("error: {line}");
        }
        if errors.len() > SHOWN {
            eprintln!(
                "error: … and {} more (fix these and import again)",
                errors.len() - SHOWN
            );
        }
        if errors
            .iter()
            .any(|e| e.contains("do not name their tenant"))
        {
            eprintln!("hint: give the tenant with --tenant TENANT_ID (or its primary domain)");
        }
        anyhow::bail!(
            "nothing was imported: {} problem{} to fix (listed above)",
            errors.len(),
            if errors.len() == 1 { "" } else { "s" }
        );
    };
    println!(
        "Imported into snapshot {id} as of {}: {} usage rows and {} user activity rows{}, {} \
         opportunities ({} unmatched); carried forward {} customers, {} subscriptions, {} \
         security rows.",
        summary.as_of.map_or_else(String::new, |d| d.to_string()),
        summary.usage_rows,
        summary.user_activity_rows,
        summary
            .tenant_id
            .as_deref()
            .map_or_else(String::new, |t| format!(" for tenant {t}")),
        summary.opportunities,
        summary.unmatched_opportunities,
        summary.carried_forward.customers,
        summary.carried_forward.subscriptions,
        summary.carried_forward.security_signals,
    );
    match refreshed {
        Some(Ok(r)) => println!(
            "Opportunities refreshed as of {}: {} listed, {} new, {} kept their date added, {} gone.",
            r.as_of, r.opportunities, r.new, r.kept, r.gone
        ),
        Some(Err(e)) => eprintln!(
            "warning: the data was imported but the opportunities could not be refreshed: {e}"
        ),
        None => {}
    }
    Ok(())
}
