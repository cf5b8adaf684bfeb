//! `partner-advisor credentials`: which partner credentials are set; set one from standard input;
//! delete one. Values are never printed and never taken as arguments (they would show in the
//! process list and the shell history).

use std::io::BufRead;

use anyhow::Context as _;
use partner_advisor_engine::credentials::{self, CredentialKind};
use partner_advisor_store::Keychain;
use zeroize::Zeroizing;

/// Which credential.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
// The names are Microsoft's (Entra tenant ID, …); the shared prefix is the point.
#[allow(clippy::enum_variant_names)]
pub enum Kind {
    /// Microsoft Entra tenant ID (GUID) or primary domain.
    EntraTenantId,
    /// Application (client) ID of the app registration.
    EntraClientId,
    /// Client secret of the app registration.
    EntraClientSecret,
}

impl From<Kind> for CredentialKind {
    fn from(kind: Kind) -> Self {
        match kind {
            Kind::EntraTenantId => CredentialKind::EntraTenantId,
            Kind::EntraClientId => CredentialKind::EntraClientId,
            Kind::EntraClientSecret => CredentialKind::EntraClientSecret,
        }
    }
}

/// Credential commands.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// List which credentials are set (never their values).
    Status,
    /// Store a credential; its value is the first line of standard input.
    Set {
        /// Which credential.
        kind: Kind,
    },
    /// Remove a credential.
    Delete {
        /// Which credential.
        kind: Kind,
    },
}

/// Runs a credential command.
pub fn run(command: Command) -> anyhow::Result<()> {
    let keychain = Keychain::app();
    match command {
        Command::Status => {
            for status in credentials::status(&keychain)? {
                let state = if status.is_set { "set" } else { "not set" };
                println!("{:<20} {state}", format!("{:?}", status.kind));
            }
        }
        Command::Set { kind } => {
            let mut line = Zeroizing::new(String::new());
            std::io::stdin()
                .lock()
                .read_line(&mut line)
                .context("cannot read the value from standard input")?;
            let value = line.trim_end_matches(['\r', '\n']);
            credentials::set(&keychain, kind.into(), value)
                .context("the credential was not stored")?;
            println!("{:?} stored in the OS keychain", CredentialKind::from(kind));
        }
        Command::Delete { kind } => {
            credentials::delete(&keychain, kind.into())?;
            println!(
                "{:?} removed from the OS keychain",
                CredentialKind::from(kind)
            );
        }
    }
    Ok(())
}
