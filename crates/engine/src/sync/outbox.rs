//! Lead changes waiting for Partner Center, the conflicts among them and their resolution.
//!
//! A change is queued when the partner accepts, declines, edits, wins or loses a lead that came
//! from Partner Center through the API (it has an ETag): in the same transaction as the change,
//! so a lead and its queue entry never disagree. Leads from files and the demo have no ETag and
//! are never sent anywhere. Several changes to one lead collapse into one entry; the push sends
//! the lead as it is at push time, against the copy the first change started from.

use chrono::{DateTime, NaiveDate, Utc};
use partner_advisor_domain::{Lead, LeadActor, LeadEvent, LeadSubstatus};
use partner_advisor_formats::read_referrals_json;
use partner_advisor_store::tables::leads as leads_table;
use partner_advisor_store::tables::sync::{self as table, OutboxEntry, OutboxState};
use partner_advisor_store::{SqliteConnection, StoreError, Workspace};
use serde::{Deserialize, Serialize};

use crate::leads::lifecycle;
use crate::{EngineError, Result};

/// Queues the change just made to `before` (the lead as it was), when Partner Center knows the
/// lead.
pub(crate) async fn queue_change(
    conn: &mut SqliteConnection,
    before: &Lead,
    at: DateTime<Utc>,
) -> Result<()> {
    if before.etag.is_none() {
        return Ok(());
    }
    table::queue(
        conn,
        &before.id,
        before.etag.as_deref(),
        before.substatus,
        at,
    )
    .await?;
    Ok(())
}

/// Where a queued lead stands.
#[cfg_attr(feature = "ipc-types", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum QueueState {
    /// Waits for the next sync.
    Pending,
    /// Partner Center changed the lead too: the partner chooses.
    Conflict,
    /// Partner Center refused the change.
    Refused,
}

/// One side of a lead, as the conflict view compares them.
#[cfg_attr(feature = "ipc-types", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LeadSide {
    /// Substatus.
    pub substatus: LeadSubstatus,
    /// Deal value.
    pub deal_value: Option<f64>,
    /// Its currency.
    pub currency: Option<String>,
    /// Why declined or lost.
    pub status_reason: Option<String>,
    /// Deal name.
    pub deal_name: Option<String>,
    /// Estimated close.
    pub estimated_close: Option<NaiveDate>,
    /// Notes.
    pub notes: Option<String>,
    /// Industry.
    pub industry: String,
    /// Company size.
    pub company_size: String,
    /// Last change (RFC 3339).
    pub updated_at: String,
}

impl LeadSide {
    fn of(lead: &Lead) -> Self {
        LeadSide {
            substatus: lead.substatus,
            deal_value: lead.deal_value,
            currency: lead.currency.clone(),
            status_reason: lead.status_reason.clone(),
            deal_name: lead.deal.name.clone(),
            estimated_close: lead.deal.estimated_close,
            notes: lead.deal.notes.clone(),
            industry: lead.industry.clone(),
            company_size: lead.company_size.clone(),
            updated_at: lead.updated_at.to_rfc3339(),
        }
    }
}

/// A lead waiting for Partner Center, as the sync page lists it.
#[cfg_attr(feature = "ipc-types", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct QueueItem {
    /// The lead.
    pub lead_id: String,
    /// Its customer.
    pub customer_name: String,
    /// Where it stands.
    pub state: QueueState,
    /// The substatus Partner Center had when the change was made here.
    pub from: LeadSubstatus,
    /// The lead here.
    pub local: LeadSide,
    /// Partner Center's copy, in a conflict.
    pub remote: Option<LeadSide>,
    /// When the first change was queued (RFC 3339).
    pub queued_at: String,
    /// When the latest change was made (RFC 3339).
    pub changed_at: String,
    /// Failed attempts so far.
    pub attempts: u32,
    /// The last failure, or Partner Center's reason for refusing.
    pub last_error: Option<String>,
    /// Whether "keep mine" can be chosen: Partner Center only takes moves its lifecycle allows
    /// from its copy's substatus.
    pub can_keep_mine: bool,
}

/// How a conflict is resolved.
#[cfg_attr(feature = "ipc-types", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Resolution {
    /// Send the lead as it is here over Partner Center's copy at the next sync.
    KeepMine,
    /// Take Partner Center's copy; the change made here is dropped (its history stays).
    TakeTheirs,
}

/// Partner Center's copy in an entry, as the lead it would make of the local one.
fn remote_lead(local: &Lead, entry: &OutboxEntry) -> Option<Lead> {
    let json = entry.remote.as_deref()?;
    let file = read_referrals_json(json.as_bytes()).ok()?;
    let record = file.records.into_iter().next()?;
    crate::leads::import::take_remote(local, &record).ok()
}

fn item(entry: &OutboxEntry, lead: &Lead) -> QueueItem {
    let remote = remote_lead(lead, entry);
    let state = match entry.state {
        OutboxState::Pending => QueueState::Pending,
        OutboxState::Conflict => QueueState::Conflict,
        OutboxState::Refused => QueueState::Refused,
    };
    let can_keep_mine = remote
        .as_ref()
        .is_none_or(|r| lifecycle::transition_allowed(r.substatus, lead.substatus));
    QueueItem {
        lead_id: lead.id.clone(),
        customer_name: lead.customer_name.clone(),
        state,
        from: entry.base_substatus,
        local: LeadSide::of(lead),
        remote: remote.as_ref().map(LeadSide::of),
        queued_at: entry.queued_at.to_rfc3339(),
        changed_at: entry.changed_at.to_rfc3339(),
        attempts: u32::try_from(entry.attempts).unwrap_or(u32::MAX),
        last_error: entry.last_error.clone(),
        can_keep_mine,
    }
}

/// Every lead waiting for Partner Center, conflicts first, then the oldest change.
pub async fn queue(ws: &Workspace) -> Result<Vec<QueueItem>> {
    let entries = table::entries(ws.pool()).await?;
    let mut conn = ws.pool().acquire().await.map_err(StoreError::from)?;
    let mut items = Vec::with_capacity(entries.len());
    for entry in &entries {
        if let Some(lead) = leads_table::get(&mut conn, &entry.lead_id).await? {
            items.push(item(entry, &lead));
        }
    }
    items.sort_by_key(|i| (i.state != QueueState::Conflict, i.queued_at.clone()));
    Ok(items)
}

/// How many leads wait, how many of them are conflicts and how many were refused.
pub async fn counts(ws: &Workspace) -> Result<(u32, u32, u32)> {
    let (all, conflicts, refused) = table::counts(ws.pool()).await?;
    let n = |v: i64| u32::try_from(v).unwrap_or(0);
    Ok((n(all), n(conflicts), n(refused)))
}

/// The leads a push sends: pending entries with the lead as it is now.
pub async fn to_push(ws: &Workspace) -> Result<Vec<(OutboxEntry, Lead)>> {
    let entries = table::entries(ws.pool()).await?;
    let mut conn = ws.pool().acquire().await.map_err(StoreError::from)?;
    let mut out = Vec::new();
    for entry in entries {
        if entry.state != OutboxState::Pending {
            continue;
        }
        if let Some(lead) = leads_table::get(&mut conn, &entry.lead_id).await? {
            out.push((entry, lead));
        }
    }
    Ok(out)
}

/// Partner Center took the lead: it now has `etag`, changed at `updated_at`. The entry goes,
/// unless the partner changed the lead again while it was being sent (then it stays, rebased).
pub async fn pushed(
    ws: &Workspace,
    sent: &Lead,
    etag: Option<&str>,
    updated_at: Option<DateTime<Utc>>,
    at: DateTime<Utc>,
) -> Result<()> {
    let mut tx = ws.begin().await?;
    let Some(mut lead) = leads_table::get(&mut tx, &sent.id).await? else {
        return Ok(());
    };
    let changed_again = lead != *sent;
    lead.etag = etag.map(str::to_owned).or(lead.etag);
    if !changed_again {
        if let Some(t) = updated_at {
            lead.updated_at = lead.updated_at.max(t);
        }
    }
    leads_table::update(&mut tx, &lead).await?;
    leads_table::insert_events(
        &mut tx,
        &[LeadEvent {
            lead_id: lead.id.clone(),
            at,
            from: Some(sent.substatus),
            to: sent.substatus,
            note: Some(SENT_NOTE.into()),
            actor: LeadActor::System,
            fields: None,
        }],
    )
    .await?;
    if changed_again {
        table::rebase(&mut tx, &lead.id, etag, sent.substatus).await?;
    } else {
        table::remove(&mut tx, &lead.id).await?;
    }
    tx.commit().await.map_err(StoreError::from)?;
    Ok(())
}

/// History note of a change Partner Center received.
pub const SENT_NOTE: &str = "Sent to Partner Center";

/// Partner Center changed the lead since the change was made here: keep its copy for the
/// partner to compare.
pub async fn conflicted(ws: &Workspace, lead_id: &str, remote_json: &str) -> Result<()> {
    let mut conn = ws.pool().acquire().await.map_err(StoreError::from)?;
    table::mark_conflict(&mut conn, lead_id, remote_json).await?;
    Ok(())
}

/// Partner Center refused the change, for `reason`.
pub async fn refused(ws: &Workspace, lead_id: &str, reason: &str) -> Result<()> {
    let mut conn = ws.pool().acquire().await.map_err(StoreError::from)?;
    table::mark_refused(&mut conn, lead_id, reason).await?;
    Ok(())
}

/// A push that failed for a passing reason (offline, throttled): tried again next sync.
pub async fn attempt_failed(ws: &Workspace, lead_id: &str, error: &str) -> Result<()> {
    let mut conn = ws.pool().acquire().await.map_err(StoreError::from)?;
    table::record_attempt(&mut conn, lead_id, error).await?;
    Ok(())
}

/// Resolves the conflict on `lead_id`.
///
/// - Keep mine: the entry goes back to pending against Partner Center's copy, so the next push
///   overwrites it. Refused when Partner Center's lifecycle does not allow the move from its
///   copy (a lead it closed as won cannot be accepted again).
/// - Take theirs: the lead becomes Partner Center's copy, with a history entry; the entry goes.
pub async fn resolve(
    ws: &Workspace,
    lead_id: &str,
    resolution: Resolution,
    clock: &dyn partner_advisor_domain::Clock,
) -> Result<Lead> {
    let now = clock.now();
    let mut tx = ws.begin().await?;
    let entry = table::entry(&mut tx, lead_id)
        .await?
        .filter(|e| e.state == OutboxState::Conflict)
        .ok_or_else(|| EngineError::NotAllowed(format!("lead {lead_id} has no conflict")))?;
    let lead = leads_table::get(&mut tx, lead_id)
        .await?
        .ok_or_else(|| EngineError::Store(StoreError::NotFound(format!("lead {lead_id}"))))?;
    let remote = remote_lead(&lead, &entry).ok_or_else(|| {
        EngineError::InvalidInput(format!(
            "Partner Center's copy of lead {lead_id} cannot be read; sync again"
        ))
    })?;
    let result = match resolution {
        Resolution::KeepMine => {
            if !lifecycle::transition_allowed(remote.substatus, lead.substatus) {
                return Err(EngineError::NotAllowed(format!(
                    "Partner Center has this lead as {}; it does not allow moving it to {}, so \
                     your copy cannot replace it",
                    remote.substatus, lead.substatus
                )));
            }
            table::rebase(&mut tx, lead_id, remote.etag.as_deref(), remote.substatus).await?;
            lead
        }
        Resolution::TakeTheirs => {
            leads_table::update(&mut tx, &remote).await?;
            leads_table::insert_events(
                &mut tx,
                &[LeadEvent {
                    lead_id: lead_id.to_owned(),
                    at: now,
                    from: Some(lead.substatus),
                    to: remote.substatus,
                    note: Some(TAKEN_NOTE.into()),
                    actor: LeadActor::Partner,
                    fields: None,
                }],
            )
            .await?;
            table::remove(&mut tx, lead_id).await?;
            crate::lead_scoring::score_leads_in(&mut tx, std::slice::from_ref(&remote.id), clock)
                .await?;
            remote
        }
    };
    tx.commit().await.map_err(StoreError::from)?;
    tracing::info!(lead = lead_id, ?resolution, "sync conflict resolved");
    Ok(result)
}

/// History note of a conflict resolved in Partner Center's favour.
pub const TAKEN_NOTE: &str = "Partner Center's copy kept; the change made here was dropped";
