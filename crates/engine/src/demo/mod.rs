//! The demo workspace: a fictional partner with customers, 24 monthly snapshots, leads and a CRM
//! list, generated deterministically from a seed and an "as of" date.
//!
//! Behaviour comes from latent drivers per customer (propensity to upgrade, churn, buy security;
//! fit and intent per solution area) and per lead (propensity to qualify). The drivers are written
//! to the `demo_*_truth` tables so tests can measure how well the models recover them.
//!
//! Inside: `names` (per-country people, companies, cities, domains), `industries`, `tenants`
//! (identity, firmographics, latent drivers), `catalog` (products and workloads), `timeline`
//! (each customer's month: subscriptions, usage, security), `users` (per-user activity),
//! `leads` and `contacts`, `crm`, `propensity` (fit and intent per solution area and the external
//! signals that show them), and `populate`, which writes it all; `calendar`, `rng` and
//! `text` are the plumbing. Everything random comes from seeded streams per customer, month or
//! lead, so the same seed, size, date and months give byte-identical tables.

mod calendar;
mod catalog;
mod contacts;
mod crm;
mod industries;
mod leads;
mod names;
mod populate;
mod propensity;
mod rng;
mod tenants;
mod text;
mod timeline;
mod users;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use partner_advisor_store::{CreateOptions, KeySource, SecretStore, Workspace};

use crate::jobs::{CancelToken, Progress};
use crate::{EngineError, Result};

pub use populate::populate;

/// Customers in the demo workspace by default.
pub const DEFAULT_CUSTOMERS: u32 = 3_000;
/// Monthly snapshots in the demo workspace.
pub const DEFAULT_MONTHS: u32 = 24;
/// Largest demo the generator accepts (benchmarks).
pub const MAX_CUSTOMERS: u32 = 1_000_000;
/// Seed of the bundled demo workspace.
pub const DEFAULT_SEED: u64 = 42;

/// The demo's fictional partner.
const PARTNER_NAME: &str = "Northwind Cloud Partners";
/// The demo partner's global ID (formerly MPN ID).
const PARTNER_GLOBAL_ID: &str = "4870213";

/// What to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoConfig {
    /// Number of customer tenants, 1 to [`MAX_CUSTOMERS`].
    pub customers: u32,
    /// Random seed: the same seed, size and date give the same workspace.
    pub seed: u64,
    /// Date of the last snapshot; earlier snapshots are month ends before it.
    pub as_of: NaiveDate,
    /// Number of monthly snapshots.
    pub months: u32,
    /// The lead inbox's "now": leads arrive until this instant (default: the end of the as-of
    /// day). The app sets it to the moment the demo is generated, so its inbox has leads waiting
    /// for an answer whatever the day of the month, while snapshots stay month ends.
    pub leads_until: Option<chrono::DateTime<chrono::Utc>>,
}

impl DemoConfig {
    /// The default demo for a given "as of" date.
    pub fn new(customers: u32, seed: u64, as_of: NaiveDate) -> Self {
        Self {
            customers,
            seed,
            as_of,
            months: DEFAULT_MONTHS,
            leads_until: None,
        }
    }

    fn validate(&self) -> Result<()> {
        if self.customers == 0 || self.customers > MAX_CUSTOMERS {
            return Err(EngineError::InvalidInput(format!(
                "the demo holds between 1 and {MAX_CUSTOMERS} customers, not {}",
                self.customers
            )));
        }
        if !(2..=120).contains(&self.months) {
            return Err(EngineError::InvalidInput(format!(
                "the demo holds between 2 and 120 monthly snapshots, not {}",
                self.months
            )));
        }
        Ok(())
    }
}

/// What a generated demo holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DemoStats {
    /// Customer tenants.
    pub customers: u64,
    /// Snapshots.
    pub snapshots: u64,
    /// Subscription rows across snapshots.
    pub subscriptions: u64,
    /// Monthly usage rows.
    pub usage_rows: u64,
    /// Per-user activity rows.
    pub user_activity_rows: u64,
    /// Security signal rows.
    pub security_signals: u64,
    /// Leads.
    pub leads: u64,
    /// CRM accounts.
    pub crm_accounts: u64,
    /// External signals (install base, agreements, research).
    pub external_signals: u64,
}

/// Which demo customer owns which CRM account: `(crm_id, tenant_id)` for every customer of a demo
/// generated with `seed` and `customers` that has a CRM account (prospects own none). The CRM
/// matching tests measure precision and recall against it; the generated data is unchanged.
pub fn crm_account_owners(seed: u64, customers: u32) -> Vec<(String, String)> {
    (0..customers)
        .filter_map(|index| {
            crm::customer_account_id(seed, index)
                .map(|crm_id| (crm_id, tenants::identity(seed, index, 0).tenant_id))
        })
        .collect()
}

/// Creates the demo workspace in `dir`: all of it, or nothing.
///
/// The workspace is written in a sibling folder and moved into place only when complete, so a
/// cancelled or failed generation never leaves a half-filled workspace behind.
pub async fn create_demo_workspace(
    dir: &Path,
    name: &str,
    key: KeySource,
    config: &DemoConfig,
    secrets: &dyn SecretStore,
    progress: &dyn Progress,
    cancel: &CancelToken,
) -> Result<(Workspace, DemoStats)> {
    config.validate()?;
    if dir.exists()
        && std::fs::read_dir(dir)
            .map_err(|e| EngineError::io(format!("reading {}", dir.display()), e))?
            .next()
            .is_some()
    {
        return Err(EngineError::InvalidInput(format!(
            "{} is not empty; choose a new folder for the demo workspace",
            dir.display()
        )));
    }
    let staging = staging_dir(dir);
    let key_for_reopen = key.clone();
    let ws = Workspace::create(
        &staging,
        CreateOptions {
            name: name.to_owned(),
            key,
            is_demo: true,
        },
        secrets,
    )
    .await?;
    let account = partner_advisor_store::workspace::key_account(&ws.manifest().id);
    let mut generated = populate(&ws, config, progress, cancel).await;
    if generated.is_ok() {
        // The demo opens on the Opportunities page with its recommendations already there.
        if let Err(e) =
            crate::opportunities::refresh(&ws, &partner_advisor_domain::SystemClock).await
        {
            generated = Err(e);
        }
        // ...and its leads scored by a first model trained on their history.
        if generated.is_ok() {
            let clock = partner_advisor_domain::SystemClock;
            if let Err(e) = crate::lead_scoring::first_model(&ws, &clock).await {
                generated = Err(e);
            }
        }
    }
    ws.close().await;
    let stats = match generated {
        Ok(stats) => stats,
        Err(e) => {
            let _ = std::fs::remove_dir_all(&staging);
            let _ = secrets.delete(&account);
            return Err(e);
        }
    };
    if dir.exists() {
        std::fs::remove_dir(dir)
            .map_err(|e| EngineError::io(format!("replacing {}", dir.display()), e))?;
    }
    std::fs::rename(&staging, dir)
        .map_err(|e| EngineError::io(format!("moving the demo into {}", dir.display()), e))?;
    let ws = Workspace::open(dir, key_for_reopen, secrets).await?;
    Ok((ws, stats))
}

fn staging_dir(dir: &Path) -> PathBuf {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "workspace".into());
    dir.with_file_name(format!(".{name}.partial-{}", uuid::Uuid::new_v4()))
}
