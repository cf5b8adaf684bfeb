//! A pull applied: referrals into the leads inbox and usage reports into a new snapshot, in one
//! transaction. Either everything the pull brought lands, or nothing does.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use partner_advisor_domain::{Clock, SnapshotSource};
use partner_advisor_formats::{ImportReport, LeadRecord, TenantUsage};
use partner_advisor_store::tables::sync::{self as outbox_table, OutboxState};
use partner_advisor_store::tables::{meta, snapshots, usage};
use partner_advisor_store::{StoreError, Workspace};
use serde::Serialize;

use crate::import::CarriedForward;
use crate::jobs::CancelToken;
use crate::leads::import::{plan_synced, write as write_leads, LeadImportCounts};
use crate::Result;

/// The referrals a sync pulled.
#[derive(Debug)]
pub struct PulledReferrals {
    /// What reading the pages found (warnings for records skipped).
    pub report: ImportReport,
    /// One record per referral (the latest when a referral came twice).
    pub records: Vec<LeadRecord>,
    /// Each referral's JSON as Partner Center sent it, kept for conflicts.
    pub raw: HashMap<String, String>,
    /// The latest `updatedDateTime` among them: where the next incremental pull starts.
    pub watermark: Option<DateTime<Utc>>,
}

/// The usage reports of one customer tenant, joined.
#[derive(Debug)]
pub struct PulledUsage {
    /// The tenant.
    pub tenant_id: String,
    /// What its reports add up to.
    pub usage: TenantUsage,
    /// The reports' refresh date.
    pub refresh_date: NaiveDate,
}

/// Everything a sync pulled.
#[derive(Debug, Default)]
pub struct Pull {
    /// Referrals, when Partner Center was asked.
    pub referrals: Option<PulledReferrals>,
    /// Usage per tenant, when Graph was asked.
    pub usage: Vec<PulledUsage>,
    /// A label for the snapshot ("sync" and the time).
    pub label: String,
}

/// What applying a pull did.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PullApplied {
    /// Leads added, updated, unchanged.
    pub leads: LeadImportCounts,
    /// Leads with a change queued here that Partner Center changed too.
    pub new_conflicts: Vec<String>,
    /// Leads with a change queued here that Partner Center did not touch (pushed next).
    pub kept_local: u64,
    /// Referrals skipped, each with its reason.
    pub skipped: Vec<String>,
    /// The new snapshot holding the usage, if usage came.
    pub snapshot_id: Option<i64>,
    /// Its date.
    pub as_of: Option<NaiveDate>,
    /// Tenants whose usage it holds.
    pub tenants: u64,
    /// Usage rows (workload × month).
    pub usage_rows: u64,
    /// Per-user activity rows.
    pub user_activity_rows: u64,
    /// What the snapshot carried forward from the previous one.
    #[serde(skip)]
    pub carried_forward: CarriedForward,
}

const WATERMARK_KEY: &str = "sync.referrals.watermark";

/// Where the next incremental referrals pull starts: the latest `updatedDateTime` applied.
pub async fn watermark(ws: &Workspace) -> Result<Option<DateTime<Utc>>> {
    Ok(meta::get(ws.pool(), WATERMARK_KEY)
        .await?
        .and_then(|t| DateTime::parse_from_rfc3339(&t).ok())
        .map(|t| t.with_timezone(&Utc)))
}

/// Applies `pull` in one transaction (see the module documentation). Cancellation is honoured
/// until the commit.
pub async fn apply_pull(
    ws: &Workspace,
    pull: &mut Pull,
    clock: &dyn Clock,
    cancel: &CancelToken,
) -> Result<PullApplied> {
    let now = clock.now();
    let mut applied = PullApplied::default();
    let mut tx = ws.begin().await?;
    let latest = snapshots::latest(&mut tx).await?;

    let snapshot_id = if pull.usage.is_empty() {
        None
    } else {
        let as_of = pull
            .usage
            .iter()
            .map(|u| u.refresh_date)
            .max()
            .unwrap_or_else(|| now.date_naive());
        let id =
            snapshots::insert(&mut tx, as_of, SnapshotSource::Sync, Some(&pull.label), now).await?;
        if let Some((from, _)) = latest {
            applied.carried_forward =
                crate::import::write::carry_forward(&mut tx, from, id, cancel, &|_| {}).await?;
        }
        for tenant in &pull.usage {
            cancel.check()?;
            usage::insert_months(&mut tx, id, &tenant.usage.months).await?;
            usage::insert_user_activity(&mut tx, id, &tenant.usage.activity).await?;
            applied.usage_rows += tenant.usage.months.len() as u64;
            applied.user_activity_rows += tenant.usage.activity.len() as u64;
        }
        applied.tenants = pull.usage.len() as u64;
        applied.as_of = Some(as_of);
        Some(id)
    };
    applied.snapshot_id = snapshot_id;

    if let Some(referrals) = pull.referrals.as_mut() {
        cancel.check()?;
        let queued: HashMap<String, Option<String>> = outbox_table::entries(ws.pool())
            .await?
            .into_iter()
            .map(|e| (e.lead_id, e.base_etag))
            .collect();
        let plan = plan_synced(
            &mut tx,
            &mut referrals.report,
            &referrals.records,
            &queued,
            now,
        )
        .await?;
        let lead_snapshot = match snapshot_id.or(latest.map(|(id, _)| id)) {
            Some(id) => id,
            None => {
                snapshots::insert(
                    &mut tx,
                    now.date_naive(),
                    SnapshotSource::Sync,
                    Some(&pull.label),
                    now,
                )
                .await?
            }
        };
        cancel.check()?;
        applied.leads = write_leads(&mut tx, &plan.leads, lead_snapshot).await?;
        crate::lead_scoring::score_leads_in(&mut tx, &plan.leads.written_ids(), clock).await?;
        for id in &plan.conflicts {
            let current = outbox_table::entry(&mut tx, id).await?;
            let remote = referrals.raw.get(id).map(String::as_str).unwrap_or("{}");
            outbox_table::mark_conflict(&mut tx, id, remote).await?;
            if current.is_some_and(|e| e.state != OutboxState::Conflict) {
                applied.new_conflicts.push(id.clone());
            }
        }
        applied.kept_local = plan.kept_local;
        applied.skipped = referrals
            .report
            .problems
            .iter()
            .map(ToString::to_string)
            .collect();
        if let Some(w) = referrals.watermark {
            meta::set(&mut tx, WATERMARK_KEY, &w.to_rfc3339()).await?;
        }
    }
    cancel.check()?;
    tx.commit().await.map_err(StoreError::from)?;
    tracing::info!(
        added = applied.leads.added,
        updated = applied.leads.updated,
        conflicts = applied.new_conflicts.len(),
        tenants = applied.tenants,
        "sync pull applied"
    );
    Ok(applied)
}
