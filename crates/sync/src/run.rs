//! One sync, end to end: sign in, pull the referrals changed since the last sync and every
//! customer tenant's usage reports, apply both in one transaction, then push the leads changed
//! here. A pull that fails or is cancelled applies nothing; each push lands on its own (it has
//! already happened in Partner Center), so a sync cut short mid-push has pushed what it says.

use std::sync::Arc;
use std::time::Instant;

use chrono::{DateTime, Duration as ChronoDuration, Utc};
use futures_util::stream::{FuturesUnordered, StreamExt};
use partner_advisor_domain::Clock;
use partner_advisor_engine::jobs::{CancelToken, Progress, Step};
use partner_advisor_engine::sync::{self as local, outbox, Pull, PulledUsage, SyncSettings};
use partner_advisor_store::tables::{customers, sync as runs};
use partner_advisor_store::{SecretStore, Workspace};
use serde::{Deserialize, Serialize};

use crate::auth::TokenSource;
use crate::error::{Result, SyncError};
use crate::graph::UsageReports;
use crate::http::{Http, RetryPolicy};
use crate::referrals::{etag_of, update_body, updated_at_of, PutOutcome, Referrals};

/// What to do.
#[derive(Debug, Clone)]
pub struct SyncOptions {
    /// Pull referrals.
    pub referrals: bool,
    /// Pull usage reports.
    pub usage: bool,
    /// Push the leads changed here.
    pub push: bool,
    /// Pull every referral, not only those changed since the last sync.
    pub full: bool,
    /// Tenants fetched at once.
    pub concurrency: usize,
    /// Retries and timeouts.
    pub policy: RetryPolicy,
}

impl Default for SyncOptions {
    fn default() -> Self {
        SyncOptions {
            referrals: true,
            usage: true,
            push: true,
            full: false,
            concurrency: 8,
            policy: RetryPolicy::default(),
        }
    }
}

/// A customer tenant whose usage could not be pulled, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ipc-types", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct TenantSkipped {
    /// The tenant.
    pub tenant_id: String,
    /// The customer's name.
    pub name: String,
    /// Why.
    pub reason: String,
}

/// A push Partner Center refused.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ipc-types", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct PushRefused {
    /// The lead.
    pub lead_id: String,
    /// Partner Center's reason.
    pub reason: String,
}

/// What a sync did.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ipc-types", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SyncSummary {
    /// When it started (RFC 3339).
    pub started_at: String,
    /// How long it took, in milliseconds.
    pub duration_ms: u32,
    /// The referrals pull started here (RFC 3339); `None` for a full pull.
    pub since: Option<String>,
    /// Referrals received.
    pub referrals_received: u32,
    /// Leads added.
    pub leads_added: u32,
    /// Leads updated from Partner Center.
    pub leads_updated: u32,
    /// Referrals identical to the workspace's copy.
    pub leads_unchanged: u32,
    /// Referrals skipped, each with its reason.
    pub referrals_skipped: Vec<String>,
    /// Leads changed both here and in Partner Center since the last sync.
    pub new_conflicts: Vec<String>,
    /// Customer tenants whose usage was pulled.
    pub tenants_synced: u32,
    /// Customer tenants whose usage could not be pulled.
    pub tenants_skipped: Vec<TenantSkipped>,
    /// The snapshot holding the usage.
    pub snapshot_id: Option<u32>,
    /// Its date.
    pub as_of: Option<String>,
    /// Usage rows written (workload × month).
    pub usage_rows: u32,
    /// Leads whose changes Partner Center received.
    pub pushed: u32,
    /// Leads Partner Center had changed meanwhile, found while pushing.
    pub push_conflicts: Vec<String>,
    /// Changes Partner Center refused.
    pub push_refused: Vec<PushRefused>,
    /// Changes still waiting (the push stopped: offline, throttled).
    pub push_waiting: u32,
    /// Why the push stopped early, when it did.
    pub push_stopped: Option<String>,
}

fn n(v: u64) -> u32 {
    u32::try_from(v).unwrap_or(u32::MAX)
}

/// How far back an incremental pull reaches before the last change seen: Partner Center's
/// clocks and the order of its writes are not exact.
const OVERLAP_MINUTES: i64 = 5;

/// Runs one sync of `ws` (see the module documentation), recording it in the workspace's sync
/// history.
#[allow(clippy::too_many_arguments)]
pub async fn sync(
    ws: &Workspace,
    secrets: Arc<dyn SecretStore>,
    settings: &SyncSettings,
    options: &SyncOptions,
    clock: &dyn Clock,
    progress: &dyn Progress,
    cancel: &CancelToken,
) -> Result<SyncSummary> {
    let started = clock.now();
    let run = runs::start_run(ws.pool(), started).await?;
    let outcome = sync_inner(
        ws, secrets, settings, options, clock, progress, cancel, started,
    )
    .await;
    let finished = clock.now();
    let (status, summary, error) = match &outcome {
        Ok(s) => ("completed", serde_json::to_string(s).ok(), None),
        Err(SyncError::Cancelled) => (
            "cancelled",
            None,
            Some(("cancelled", "cancelled".to_owned())),
        ),
        Err(e) => ("failed", None, Some((e.code(), e.to_string()))),
    };
    runs::finish_run(
        ws.pool(),
        run,
        finished,
        status,
        summary.as_deref(),
        error.as_ref().map(|(code, text)| (*code, text.as_str())),
    )
    .await?;
    match &outcome {
        Ok(s) => tracing::info!(
            referrals = s.referrals_received,
            tenants = s.tenants_synced,
            pushed = s.pushed,
            "sync completed"
        ),
        Err(e) => tracing::warn!(code = e.code(), error = %e, "sync did not complete"),
    }
    outcome
}

#[allow(clippy::too_many_arguments)]
async fn sync_inner(
    ws: &Workspace,
    secrets: Arc<dyn SecretStore>,
    settings: &SyncSettings,
    options: &SyncOptions,
    clock: &dyn Clock,
    progress: &dyn Progress,
    cancel: &CancelToken,
    started: DateTime<Utc>,
) -> Result<SyncSummary> {
    let clock_start = Instant::now();
    let settings = settings.clone().validated()?;
    let http = Http::new(options.policy.clone(), cancel.clone())?;
    let tokens = TokenSource::new(http, &settings.login_url, secrets)?;
    let mut summary = SyncSummary {
        started_at: started.to_rfc3339(),
        ..SyncSummary::default()
    };
    progress.report(Step {
        stage: "sync.referrals",
        done: 0,
        total: 1,
    });

    let mut pull = Pull {
        label: format!("sync: {}", started.format("%Y-%m-%d %H:%M UTC")),
        ..Pull::default()
    };
    if options.referrals {
        let since = if options.full {
            None
        } else {
            local::watermark(ws)
                .await?
                .map(|w| w - ChronoDuration::minutes(OVERLAP_MINUTES))
        };
        summary.since = since.map(|t| t.to_rfc3339());
        let pulled = Referrals::new(&tokens, &settings.partner_center_url)
            .changed_since(since, progress)
            .await?;
        summary.referrals_received = n(pulled.records.len() as u64);
        pull.referrals = Some(pulled);
    }
    if options.usage {
        let (usage, skipped) = pull_usage(ws, &tokens, &settings, options, progress).await?;
        pull.usage = usage;
        summary.tenants_skipped = skipped;
    }

    progress.report(Step {
        stage: "sync.write",
        done: 0,
        total: 1,
    });
    let applied = local::apply_pull(ws, &mut pull, clock, cancel)
        .await
        .map_err(|e| match e {
            partner_advisor_engine::EngineError::Cancelled => SyncError::Cancelled,
            e => SyncError::Engine(e),
        })?;
    progress.report(Step {
        stage: "sync.write",
        done: 1,
        total: 1,
    });
    summary.leads_added = n(applied.leads.added);
    summary.leads_updated = n(applied.leads.updated);
    summary.leads_unchanged = n(applied.leads.unchanged);
    summary.referrals_skipped = applied.skipped;
    summary.new_conflicts = applied.new_conflicts;
    summary.tenants_synced = n(applied.tenants);
    summary.snapshot_id = applied.snapshot_id.and_then(|id| u32::try_from(id).ok());
    summary.as_of = applied.as_of.map(|d| d.to_string());
    summary.usage_rows = n(applied.usage_rows);

    if options.push {
        push(ws, &tokens, &settings, clock, progress, &mut summary).await?;
    }
    summary.duration_ms = u32::try_from(clock_start.elapsed().as_millis()).unwrap_or(u32::MAX);
    Ok(summary)
}

/// Every customer tenant's usage, several tenants at once. A tenant whose admin has not
/// consented (or whose reports Graph refuses) is skipped with its reason; any other failure
/// (offline, throttled past every retry, cancelled) stops the sync, and nothing is applied.
async fn pull_usage(
    ws: &Workspace,
    tokens: &TokenSource,
    settings: &SyncSettings,
    options: &SyncOptions,
    progress: &dyn Progress,
) -> Result<(Vec<PulledUsage>, Vec<TenantSkipped>)> {
    let tenants = customers::identities(ws.pool()).await?;
    let total = tenants.len() as u64;
    let reports = UsageReports::new(tokens, &settings.graph_url, settings.usage_period);
    let mut queue = tenants.iter();
    let mut running = FuturesUnordered::new();
    for t in queue.by_ref().take(options.concurrency.max(1)) {
        running.push(fetch_tenant(&reports, t));
    }
    let mut usage = Vec::with_capacity(tenants.len());
    let mut skipped = Vec::new();
    let mut done = 0u64;
    progress.report(Step {
        stage: "sync.usage",
        done,
        total,
    });
    while let Some((tenant, result)) = running.next().await {
        match result {
            Ok(u) => usage.push(u),
            Err(e @ (SyncError::MissingPermission { .. } | SyncError::Refused { .. })) => skipped
                .push(TenantSkipped {
                    tenant_id: tenant.tenant_id.clone(),
                    name: tenant.name.clone(),
                    reason: e.to_string(),
                }),
            Err(e) => return Err(e),
        }
        if let Some(t) = queue.next() {
            running.push(fetch_tenant(&reports, t));
        }
        done += 1;
        progress.report(Step {
            stage: "sync.usage",
            done,
            total,
        });
    }
    usage.sort_by(|a, b| a.tenant_id.cmp(&b.tenant_id));
    skipped.sort_by(|a, b| a.tenant_id.cmp(&b.tenant_id));
    Ok((usage, skipped))
}

async fn fetch_tenant<'a>(
    reports: &'a UsageReports<'a>,
    tenant: &'a customers::CustomerIdentity,
) -> (&'a customers::CustomerIdentity, Result<PulledUsage>) {
    (tenant, reports.tenant(&tenant.tenant_id).await)
}

/// Sends each lead changed here. Partner Center's copy is read first: when its ETag is no longer
/// the one the change started from, the lead is a conflict and nothing is sent; otherwise the
/// lead goes as a PUT guarded by `If-Match`, so a change made in Partner Center in between is
/// still caught. A passing failure (offline, throttled) stops the push and keeps the rest queued.
async fn push(
    ws: &Workspace,
    tokens: &TokenSource,
    settings: &SyncSettings,
    clock: &dyn Clock,
    progress: &dyn Progress,
    summary: &mut SyncSummary,
) -> Result<()> {
    let queue = outbox::to_push(ws).await?;
    let total = queue.len() as u64;
    let api = Referrals::new(tokens, &settings.partner_center_url);
    for (i, (entry, lead)) in queue.iter().enumerate() {
        progress.report(Step {
            stage: "sync.push",
            done: i as u64,
            total,
        });
        let result = push_one(&api, entry.base_etag.as_deref(), lead).await;
        match result {
            Ok(Pushed::Sent(remote)) => {
                outbox::pushed(
                    ws,
                    lead,
                    etag_of(&remote).as_deref(),
                    updated_at_of(&remote),
                    clock.now(),
                )
                .await?;
                summary.pushed += 1;
            }
            Ok(Pushed::Conflict(remote)) => {
                outbox::conflicted(ws, &lead.id, &remote.to_string()).await?;
                summary.push_conflicts.push(lead.id.clone());
            }
            Ok(Pushed::Refused(reason)) => {
                outbox::refused(ws, &lead.id, &reason).await?;
                summary.push_refused.push(PushRefused {
                    lead_id: lead.id.clone(),
                    reason,
                });
            }
            Err(SyncError::Cancelled) => return Err(SyncError::Cancelled),
            Err(e) => {
                outbox::attempt_failed(ws, &lead.id, &e.to_string()).await?;
                summary.push_waiting = n(total - i as u64);
                summary.push_stopped = Some(e.to_string());
                if !e.is_transient() {
                    return Err(e);
                }
                break;
            }
        }
    }
    progress.report(Step {
        stage: "sync.push",
        done: total,
        total,
    });
    Ok(())
}

enum Pushed {
    Sent(serde_json::Value),
    Conflict(serde_json::Value),
    Refused(String),
}

async fn push_one(
    api: &Referrals<'_>,
    base_etag: Option<&str>,
    lead: &partner_advisor_domain::Lead,
) -> Result<Pushed> {
    let Some(remote) = api.get(&lead.id).await? else {
        return Ok(Pushed::Refused(format!(
            "Partner Center has no referral {}",
            lead.id
        )));
    };
    let remote_etag = etag_of(&remote);
    if base_etag.is_some() && remote_etag.as_deref() != base_etag {
        return Ok(Pushed::Conflict(remote));
    }
    let Some(etag) = remote_etag else {
        return Ok(Pushed::Refused(
            "Partner Center's copy has no ETag to guard the update".into(),
        ));
    };
    let mut lead = lead.clone();
    lead.etag = Some(etag.clone());
    let body = update_body(&remote, &lead);
    match api.put(&lead.id, &body, &etag).await? {
        PutOutcome::Accepted(v) => Ok(Pushed::Sent(v)),
        PutOutcome::Conflict => {
            let now = api.get(&lead.id).await?.unwrap_or(remote);
            Ok(Pushed::Conflict(now))
        }
        PutOutcome::Refused(reason) => Ok(Pushed::Refused(reason)),
    }
}
