//! Where sync connects, and when it runs by itself. Not secrets: the app registration's IDs and
//! secret live in the keychain ([`crate::credentials`]).

use serde::{Deserialize, Serialize};

use crate::{EngineError, Result};

/// Microsoft's identity platform.
pub const LOGIN_URL: &str = "https://login.microsoftonline.com";
/// Partner Center's REST API.
pub const PARTNER_CENTER_URL: &str = "https://api.partner.microsoft.com";
/// Microsoft Graph.
pub const GRAPH_URL: &str = "https://graph.microsoft.com";

/// The usage report period Graph is asked for (`period` of FORMATS.md §4).
#[cfg_attr(feature = "ipc-types", derive(specta::Type))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum UsagePeriod {
    /// The last 7 days.
    D7,
    /// The last 30 days.
    #[default]
    D30,
    /// The last 90 days.
    D90,
    /// The last 180 days.
    D180,
}

impl UsagePeriod {
    /// Graph's name for it.
    pub fn as_str(self) -> &'static str {
        match self {
            UsagePeriod::D7 => "D7",
            UsagePeriod::D30 => "D30",
            UsagePeriod::D90 => "D90",
            UsagePeriod::D180 => "D180",
        }
    }
}

/// Sync preferences.
#[cfg_attr(feature = "ipc-types", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct SyncSettings {
    /// Base URL of the token endpoint (the tenant and `/oauth2/v2.0/token` follow).
    pub login_url: String,
    /// Base URL of Partner Center's API (`/v1.0/engagements/referrals` follows).
    pub partner_center_url: String,
    /// Base URL of Microsoft Graph (`/v1.0/reports/…` follows).
    pub graph_url: String,
    /// Sync when the app starts (and a workspace is open).
    pub on_startup: bool,
    /// Sync every N hours while the app runs; `None` for never.
    pub every_hours: Option<u32>,
    /// The usage report period to pull.
    pub usage_period: UsagePeriod,
}

impl Default for SyncSettings {
    fn default() -> Self {
        SyncSettings {
            login_url: LOGIN_URL.to_owned(),
            partner_center_url: PARTNER_CENTER_URL.to_owned(),
            graph_url: GRAPH_URL.to_owned(),
            on_startup: false,
            every_hours: None,
            usage_period: UsagePeriod::D30,
        }
    }
}

impl SyncSettings {
    /// Every base URL points either at HTTPS or at this machine (a local test server); the hours
    /// are 1 to 168. Trailing slashes are dropped.
    pub fn validated(mut self) -> Result<Self> {
        for (what, url) in [
            ("sign-in URL", &mut self.login_url),
            ("Partner Center URL", &mut self.partner_center_url),
            ("Microsoft Graph URL", &mut self.graph_url),
        ] {
            let trimmed = url.trim().trim_end_matches('/').to_owned();
            check_base_url(what, &trimmed)?;
            *url = trimmed;
        }
        if let Some(h) = self.every_hours {
            if !(1..=168).contains(&h) {
                return Err(EngineError::InvalidInput(format!(
                    "sync every {h} hours: choose 1 to 168 hours"
                )));
            }
        }
        Ok(self)
    }
}

fn check_base_url(what: &str, url: &str) -> Result<()> {
    let refuse = |why: &str| Err(EngineError::InvalidInput(format!("the {what} {why}")));
    if url.len() > 2048 || url.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return refuse("is too long or contains spaces or control characters");
    }
    let Some((scheme, rest)) = url.split_once("://") else {
        return refuse("must start with https://");
    };
    let host = rest
        .split(['/', '?', '#'])
        .next()
        .unwrap_or_default()
        .rsplit('@')
        .next()
        .unwrap_or_default();
    if rest.contains('@') || rest.contains('?') || rest.contains('#') {
        return refuse("must be a plain base URL (no user, query or fragment)");
    }
    let host_name = if host.starts_with('[') {
        host.split(']')
            .next()
            .unwrap_or_default()
            .trim_start_matches('[')
    } else {
        host.split(':').next().unwrap_or_default()
    };
    if host_name.is_empty() {
        return refuse("has no host");
    }
    let loopback = matches!(host_name, "localhost" | "127.0.0.1" | "::1");
    match scheme.to_ascii_lowercase().as_str() {
        "https" => Ok(()),
        "http" if loopback => Ok(()),
        "http" => refuse("must use https:// (plain http:// only for this machine, for tests)"),
        _ => refuse("must start with https://"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_are_https_or_loopback() {
        let ok = SyncSettings {
            partner_center_url: "http://127.0.0.1:8123/".into(),
            ..SyncSettings::default()
        }
        .validated()
        .expect("loopback http is allowed");
        assert_eq!(ok.partner_center_url, "http://127.0.0.1:8123");
        for bad in [
            "http://example.com",
            "ftp://127.0.0.1",
            "https://user@example.com",
            "https://example.com/?x=1",
            "example.com",
            "https://",
        ] {
            let s = SyncSettings {
                graph_url: bad.into(),
                ..SyncSettings::default()
            };
            assert!(s.validated().is_err(), "{bad} should be refused");
        }
        let hours = SyncSettings {
            every_hours: Some(0),
            ..SyncSettings::default()
        };
        assert!(hours.validated().is_err());
    }
}
