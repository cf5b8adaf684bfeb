//! Leads: the Partner Center referrals inbox (SPEC §4).
//!
//! - [`lifecycle`]: the state machine (accept, decline, edit, won, lost) and the time rules
//!   (14-day expiry, 6-month archiving of informational leads, the 72-hour Contact-me flame).
//! - [`forms`]: the forms Partner Center asks for, each checking itself field by field.
//! - [`index`]: the list in memory, with the nine filters, search, sort and windows.
//! - [`contacts`]: the offline e-mail and phone checks, applied as leads are saved.
//! - [`notifications`]: which desktop notifications new Contact-me leads raise.
//! - [`export`] and [`import`]: the filtered list out as CSV, lead files in.
//!
//! Every change goes through one transaction that updates the lead and appends its history
//! entry, so a lead and its history never disagree.

pub mod contacts;
pub mod export;
pub mod forms;
pub mod import;
pub mod index;
pub mod lifecycle;
pub mod notifications;
pub mod view;

use chrono::{DateTime, Utc};
use partner_advisor_domain::{Clock, Lead, LeadEvent, LeadSubstatus};
use partner_advisor_store::tables::leads as table;
use partner_advisor_store::{StoreError, Workspace};

use self::lifecycle::{Change, LeadAction, LifecycleError};
use self::view::{LeadDetail, LeadHistoryEntry};
use crate::{EngineError, Result};

impl From<LifecycleError> for EngineError {
    fn from(e: LifecycleError) -> Self {
        match e {
            LifecycleError::Form(_) => EngineError::InvalidInput(e.to_string()),
            LifecycleError::Archived(_) | LifecycleError::NotAllowed { .. } => {
                EngineError::NotAllowed(e.to_string())
            }
        }
    }
}

async fn load(conn: &mut partner_advisor_store::SqliteConnection, id: &str) -> Result<Lead> {
    table::get(conn, id)
        .await?
        .ok_or_else(|| EngineError::Store(StoreError::NotFound(format!("lead {id}"))))
}

async fn save(conn: &mut partner_advisor_store::SqliteConnection, change: &Change) -> Result<()> {
    table::update(conn, &change.lead).await?;
    table::insert_events(conn, std::slice::from_ref(&change.event)).await?;
    Ok(())
}

/// Applies the partner's `action` to lead `id`. A time rule that fell due first (the lead expired
/// while the app was closed) is applied and recorded, and the action is then refused.
pub async fn act(ws: &Workspace, id: &str, action: &LeadAction, clock: &dyn Clock) -> Result<Lead> {
    let now = clock.now();
    let mut tx = ws.begin().await?;
    let lead = load(&mut tx, id).await?;
    if let Some(expired) = lifecycle::due_time_rule(&lead, now) {
        save(&mut tx, &expired).await?;
        tx.commit().await.map_err(StoreError::from)?;
        return Err(LifecycleError::Archived(expired.lead.substatus).into());
    }
    let change = lifecycle::apply(&lead, action, now)?;
    save(&mut tx, &change).await?;
    crate::sync::outbox::queue_change(&mut tx, &lead, change.lead.updated_at).await?;
    tx.commit().await.map_err(StoreError::from)?;
    tracing::info!(lead = id, action = ?action.kind(), to = %change.lead.substatus, "lead changed");
    Ok(change.lead)
}

/// Corrects the customer's industry and company size on lead `id` (not archived), records the
/// change in its history and rescores it in the same write. Nothing changes (and nothing is
/// recorded) when the values are the ones the lead has.
pub async fn edit_customer(
    ws: &Workspace,
    id: &str,
    form: &forms::CustomerForm,
    clock: &dyn Clock,
) -> Result<Lead> {
    let now = clock.now();
    let problems = form.problems();
    if !problems.is_empty() {
        return Err(LifecycleError::Form(problems).into());
    }
    let mut tx = ws.begin().await?;
    let lead = load(&mut tx, id).await?;
    if let Some(expired) = lifecycle::due_time_rule(&lead, now) {
        save(&mut tx, &expired).await?;
        tx.commit().await.map_err(StoreError::from)?;
        return Err(LifecycleError::Archived(expired.lead.substatus).into());
    }
    if lifecycle::is_archived(&lead) {
        return Err(LifecycleError::Archived(lead.substatus).into());
    }
    let industry = form.industry.trim().to_owned();
    let size = form.company_size.trim();
    let company_size = crate::lead_scoring::attributes::COMPANY_SIZE_BANDS
        .iter()
        .find(|b| b.eq_ignore_ascii_case(size))
        .map_or_else(String::new, |b| (*b).to_owned());
    if industry == lead.industry && company_size == lead.company_size {
        return Ok(lead);
    }
    let mut changed = lead.clone();
    changed.industry = industry;
    changed.company_size = company_size;
    changed.updated_at = now;
    let fields = serde_json::json!({
        "industry": changed.industry,
        "companySize": changed.company_size,
    });
    let change = Change {
        event: LeadEvent {
            lead_id: lead.id.clone(),
            at: now,
            from: Some(lead.substatus),
            to: lead.substatus,
            note: None,
            actor: partner_advisor_domain::LeadActor::Partner,
            fields: Some(fields.to_string()),
        },
        lead: changed,
    };
    save(&mut tx, &change).await?;
    crate::sync::outbox::queue_change(&mut tx, &lead, now).await?;
    crate::lead_scoring::score_leads_in(&mut tx, std::slice::from_ref(&lead.id), clock).await?;
    tx.commit().await.map_err(StoreError::from)?;
    tracing::info!(lead = id, "lead customer details edited");
    Ok(change.lead)
}

/// Sets or clears a lead's heart (allowed on any lead, archived ones included).
pub async fn set_favourite(ws: &Workspace, id: &str, favourite: bool) -> Result<()> {
    table::set_favourite(ws.pool(), id, favourite).await?;
    Ok(())
}

/// Applies every time rule that is due at `clock`'s now: expiry of unanswered leads and the
/// archiving of informational ones. Returns how many leads changed. Run at start-up and
/// periodically while the app runs.
pub async fn apply_time_rules(ws: &Workspace, clock: &dyn Clock) -> Result<u32> {
    let now = clock.now();
    let due: Vec<Change> = table::with_substatus(ws.pool(), LeadSubstatus::Received)
        .await?
        .iter()
        .filter_map(|l| lifecycle::due_time_rule(l, now))
        .collect();
    if due.is_empty() {
        return Ok(0);
    }
    let mut tx = ws.begin().await?;
    for change in &due {
        save(&mut tx, change).await?;
    }
    tx.commit().await.map_err(StoreError::from)?;
    tracing::info!(leads = due.len(), "time rules applied to leads");
    Ok(due.len() as u32)
}

/// Everything start-up does for leads: judge contacts not judged yet, then the time rules.
pub async fn maintain(ws: &Workspace, clock: &dyn Clock) -> Result<u32> {
    contacts::check_unchecked(ws).await?;
    apply_time_rules(ws, clock).await
}

fn history_entry(e: LeadEvent) -> LeadHistoryEntry {
    let fields = e
        .fields
        .as_deref()
        .and_then(|f| serde_json::from_str::<serde_json::Value>(f).ok())
        .map(|v| flatten_fields(&v))
        .unwrap_or_default();
    LeadHistoryEntry {
        at: e.at.to_rfc3339(),
        from: e.from,
        to: e.to,
        actor: e.actor,
        note: e.note,
        fields,
    }
}

/// The form's fields as `(field, value)` pairs in the form's order, empty ones left out.
fn flatten_fields(v: &serde_json::Value) -> Vec<(String, String)> {
    let Some(map) = v.as_object() else {
        return Vec::new();
    };
    map.iter()
        .filter_map(|(k, v)| {
            let text = match v {
                serde_json::Value::Null => return None,
                serde_json::Value::String(s) if s.trim().is_empty() => return None,
                serde_json::Value::String(s) => s.clone(),
                serde_json::Value::Array(items) if items.is_empty() => return None,
                serde_json::Value::Array(items) => items
                    .iter()
                    .map(|i| match i {
                        serde_json::Value::String(s) => s.clone(),
                        serde_json::Value::Object(o) => o
                            .values()
                            .filter_map(|x| x.as_str())
                            .filter(|s| !s.is_empty())
                            .collect::<Vec<_>>()
                            .join(" "),
                        other => other.to_string(),
                    })
                    .collect::<Vec<_>>()
                    .join(", "),
                other => other.to_string(),
            };
            Some((k.clone(), text))
        })
        .collect()
}

/// Everything about lead `id` at `now`.
pub async fn detail(ws: &Workspace, id: &str, now: DateTime<Utc>) -> Result<LeadDetail> {
    let lead = {
        let mut conn = ws.pool().acquire().await.map_err(StoreError::from)?;
        load(&mut conn, id).await?
    };
    let history = table::events_of(ws.pool(), id)
        .await?
        .into_iter()
        .map(history_entry)
        .collect();
    let hidden = lifecycle::contact_hidden(&lead);
    let (email_check, phone_check, phone_international) = contacts::checks(&lead);
    let score = crate::lead_scoring::lead_score(ws, id)
        .await?
        .map(|s| view::LeadScoreBadge {
            score: s.score,
            grade: s.grade,
            trend: s.trend,
        });
    Ok(LeadDetail {
        row: index::row_of(&lead, score, now),
        contact_first_name: (!hidden).then(|| lead.contact_first_name.clone()),
        contact_last_name: (!hidden).then(|| lead.contact_last_name.clone()),
        city: lead.city.clone(),
        company_size: lead.company_size.clone(),
        engagement_id: lead.engagement_id.clone(),
        deal: lead.deal.clone(),
        status_reason: lead.status_reason.clone(),
        email_check,
        phone_check,
        phone_international: if hidden { None } else { phone_international },
        actions: lifecycle::allowed_actions(lead.substatus).to_vec(),
        informational: lifecycle::is_informational(&lead),
        history,
    })
}
