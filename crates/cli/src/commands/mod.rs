//! One module per command.

pub mod credentials;
pub mod crm;
pub mod demo;
pub mod import;
pub mod leads;
pub mod model;
pub mod opportunities;
pub mod report;
pub mod sync;
pub mod workspace;

use partner_advisor_store::KeySource;
use zeroize::Zeroizing;

/// Environment variable holding the passphrase of passphrase-mode workspaces.
pub const PASSPHRASE_ENV: &str = "PARTNER_ADVISOR_PASSPHRASE";

/// The key source for headless use: the passphrase from the environment, else the keychain.
pub fn key_source() -> KeySource {
    match std::env::var(PASSPHRASE_ENV) {
        Ok(p) if !p.is_empty() => KeySource::Passphrase(Zeroizing::new(p)),
        _ => KeySource::Keychain,
    }
}
