//! `partner-advisor`: Partner Advisor's use cases from the command line (SPEC.md §10).
//!
//! Flags and glue only: every command calls a use case of `partner-advisor-engine`. A workspace's
//! key comes from the OS keychain, or from `PARTNER_ADVISOR_PASSPHRASE` for passphrase workspaces.
//! To add a command: a variant of [`Command`], a module under `commands/`, one line in `run`.

mod commands;
mod terminal;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Partner Advisor from the command line: opportunities, leads, lead scoring and propensity
/// reports on the partner's own data, offline and encrypted.
#[derive(Debug, Parser)]
#[command(name = "partner-advisor", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Create the demo workspace: a fictional partner with customers, 24 monthly snapshots,
    /// subscriptions, usage, security signals, leads and a CRM list.
    Demo(commands::demo::Args),
    /// Import files into a new snapshot (format detected): Microsoft 365 usage reports and the
    /// Lighthouse Sales Advisor opportunities export. All or nothing.
    Import(commands::import::Args),
    /// Inspect a workspace.
    #[command(subcommand)]
    Workspace(commands::workspace::Command),
    /// Partner credentials in the OS keychain (values are read from standard input, never shown).
    #[command(subcommand)]
    Credentials(commands::credentials::Command),
    /// Opportunities (Sales Advisor): refresh the models' recommendations, export them.
    #[command(subcommand)]
    Opportunities(commands::opportunities::Command),
    /// Leads (Partner Center referrals): export the filtered list.
    #[command(subcommand)]
    Leads(commands::leads::Command),
    /// Propensity reports (CloudAscent): write one of the six reports as CSV.
    #[command(subcommand)]
    Report(commands::report::Command),
    /// The partner's CRM: match its account list to the customers (domain, name, TPID).
    #[command(subcommand)]
    Crm(commands::crm::Command),
    /// Sync with Partner Center and Microsoft Graph when online; lead changes made offline.
    #[command(subcommand)]
    Sync(commands::sync::Command),
    /// Train, evaluate and apply a binary model on any CSV file (e.g. a CRM history).
    #[command(subcommand)]
    Model(commands::model::Command),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("error: cannot start: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(async {
        match cli.command {
            Command::Demo(args) => commands::demo::run(args).await,
            Command::Import(args) => commands::import::run(args).await,
            Command::Workspace(command) => commands::workspace::run(command).await,
            Command::Credentials(command) => commands::credentials::run(command),
            Command::Opportunities(command) => commands::opportunities::run(command).await,
            Command::Leads(command) => commands::leads::run(command).await,
            Command::Report(command) => commands::report::run(command).await,
            Command::Crm(command) => commands::crm::run(command).await,
            Command::Sync(command) => commands::sync::run(command).await,
            Command::Model(command) => commands::model::run(command),
        }
    });
    if std::env::var_os(PEAK_MEMORY_ENV).is_some() {
        report_peak_memory();
    }
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {}", describe(&e));
            ExitCode::FAILURE
        }
    }
}

/// Set to print the process's peak resident memory on stderr at the end (Linux), for the
/// hardening harnesses and anyone sizing a machine for a big import.
const PEAK_MEMORY_ENV: &str = "PARTNER_ADVISOR_PEAK_MEMORY";

fn report_peak_memory() {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    if let Some(line) = status.lines().find(|l| l.starts_with("VmHWM:")) {
        let kib = line.trim_start_matches("VmHWM:").trim();
        eprintln!("peak memory: {kib}");
    }
}

/// The error and its causes as one line, leaving out a cause the message before already says
/// (the engine's errors quote their OS error, which is also their source).
fn describe(e: &anyhow::Error) -> String {
    let mut text = String::new();
    for cause in e.chain() {
        let part = cause.to_string();
        if text.contains(&part) {
            continue;
        }
        if !text.is_empty() {
            text.push_str(": ");
        }
        text.push_str(&part);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::describe;

    #[test]
    fn a_cause_already_quoted_is_not_repeated() {
        let os = std::io::Error::from_raw_os_error(2);
        let quoted = anyhow::Error::new(std::io::Error::new(os.kind(), os.to_string()))
            .context(format!("cannot create /nowhere/x.csv.part: {os}"));
        assert_eq!(
            describe(&quoted),
            format!("cannot create /nowhere/x.csv.part: {os}")
        );
        let chained = anyhow::anyhow!("disk full").context("writing the report");
        assert_eq!(describe(&chained), "writing the report: disk full");
    }
}
