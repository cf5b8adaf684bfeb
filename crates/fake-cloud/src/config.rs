//! What a fake cloud serves: its partner tenant, its app registration and the data it generates.

use std::time::Duration;

use chrono::{DateTime, NaiveDate, Utc};

/// The partner's own tenant: Partner Center tokens are issued for it only.
pub const PARTNER_TENANT: &str = "8f0c1a2b-4d5e-4f60-9a7b-1c2d3e4f5a6b";
/// The client id of the partner's app registration.
pub const CLIENT_ID: &str = "3c9e2f1a-7b6d-4e5f-8a9b-0c1d2e3f4a5b";
/// The client secret of the partner's app registration (until [`crate::Faults::set_client_secret`]).
pub const CLIENT_SECRET: &str = "fake~cloud.Secret-0123456789abcdefABCDEF";
/// The scope of a Partner Center token.
pub const PARTNER_CENTER_SCOPE: &str = "https://api.partner.microsoft.com/.default";
/// The scope of a Microsoft Graph token.
pub const GRAPH_SCOPE: &str = "https://graph.microsoft.com/.default";

/// How a [`crate::FakeCloud`] behaves and what it generates.
#[derive(Debug, Clone)]
pub struct Config {
    /// The port on 127.0.0.1; 0 picks a free one.
    pub port: u16,
    /// The partner's tenant (default [`PARTNER_TENANT`]).
    pub partner_tenant: String,
    /// The app registration's client id (default [`CLIENT_ID`]).
    pub client_id: String,
    /// The app registration's secret (default [`CLIENT_SECRET`]).
    pub client_secret: String,
    /// How long an access token is valid (default 3599 s, as Entra says).
    pub token_lifetime: Duration,
    /// How many referrals are generated at start.
    pub referrals: usize,
    /// The seed of every generated value: the same seed, count and `now` give the same referrals.
    pub seed: u64,
    /// The clock of the generated data (default: the real time at start). Edits made while
    /// running are stamped with the real time.
    pub now: DateTime<Utc>,
    /// The `Report Refresh Date` of the usage reports (default: `now`'s date less 2 days, as
    /// Microsoft's reports lag).
    pub report_date: NaiveDate,
    /// Tenants whose admin never consented to the app: no Graph token (AADSTS65001), and a 403
    /// from Graph should a token exist.
    pub forbidden_tenants: Vec<String>,
    /// Whether any well-formed tenant (a GUID or a domain) exists; when `false` only the partner
    /// tenant and [`Config::customer_tenants`] do, others are AADSTS90002.
    pub unknown_tenants_ok: bool,
    /// Customer tenants known to exist when [`Config::unknown_tenants_ok`] is `false`.
    pub customer_tenants: Vec<String>,
    /// How long a report download link answers (Graph's are short-lived: 5 minutes).
    pub download_lifetime: Duration,
}

impl Default for Config {
    fn default() -> Self {
        let now = Utc::now();
        Self {
            port: 0,
            partner_tenant: PARTNER_TENANT.to_owned(),
            client_id: CLIENT_ID.to_owned(),
            client_secret: CLIENT_SECRET.to_owned(),
            token_lifetime: Duration::from_secs(3599),
            referrals: 250,
            seed: 1,
            now,
            report_date: now.date_naive() - chrono::Days::new(2),
            forbidden_tenants: Vec::new(),
            unknown_tenants_ok: true,
            customer_tenants: Vec::new(),
            download_lifetime: Duration::from_secs(300),
        }
    }
}

impl Config {
    /// Sets `now` and the report date that follows from it (two days before).
    pub fn at(mut self, now: DateTime<Utc>) -> Self {
        self.now = now;
        self.report_date = now.date_naive() - chrono::Days::new(2);
        self
    }
}
