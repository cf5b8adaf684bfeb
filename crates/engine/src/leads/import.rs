//! Lead files into the inbox: the Partner Center leads export (and the app's own), the co-sell
//! opportunities CSV and Referrals API JSON pages (read by `partner_advisor_formats::leads`).
//!
//! All or nothing, like every import: records are checked against each other and against the
//! workspace first, every problem is added to its file's report with its line, and nothing is
//! written if any file has an error. Then one transaction adds the new leads and updates the
//! known ones, each change with its history entry.
//!
//! Rules for a record:
//! - A new lead needs its creation time; what a format does not say is filled as Partner Center
//!   would: an offer lead when it came from a marketplace, a profile lead otherwise; a customer
//!   inquiry unless qualified (co-sell rows are sales-qualified); quality High unless stated.
//! - A known lead may only move as the Referrals API allows (New → anything, Active → Active or
//!   Closed, Closed never changes): a Won lead that a file calls Received is an error, not an
//!   update. A record older than the workspace's copy (the partner changed it since) is skipped
//!   with a note, so local work is never overwritten by an older file. The heart stays local.
//! - Partner Center's own e-mail or phone verdict, when the file has one, is kept; the other is
//!   the app's own check.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use partner_advisor_contacts::{email_validity, phone_validity};
use partner_advisor_domain::{DealDetails, Lead};
use partner_advisor_domain::{
    LeadActor, LeadClassification, LeadEvent, LeadQuality, LeadSource, LeadStatus, LeadSubstatus,
    LeadType,
};
use partner_advisor_formats::{ImportReport, LeadFileFormat, LeadRecord};
use partner_advisor_store::tables::leads as table;
use partner_advisor_store::SqliteConnection;
use serde::Serialize;

use super::lifecycle;
use crate::Result;

/// One lead file as read: its report, its format and its records.
pub struct LeadFileInput<'a> {
    /// Its report, to which the checks add problems.
    pub report: &'a mut ImportReport,
    /// The format.
    pub format: LeadFileFormat,
    /// The records without reader errors.
    pub records: &'a [LeadRecord],
}

/// What a lead import will write.
#[derive(Debug, Default)]
pub struct LeadImportPlan {
    new: Vec<Lead>,
    updated: Vec<Lead>,
    events: Vec<LeadEvent>,
    /// Records skipped because the workspace's copy is newer.
    pub skipped_older: u64,
    /// Records identical to the workspace's copy.
    pub unchanged: u64,
}

/// What a lead import did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct LeadImportCounts {
    /// Leads added.
    pub added: u64,
    /// Known leads updated.
    pub updated: u64,
    /// Records equal to the workspace's copy.
    pub unchanged: u64,
    /// Records older than the workspace's copy, skipped.
    pub skipped_older: u64,
}

impl LeadImportPlan {
    /// The ids of the leads the plan adds or changes (to score them in the same write).
    pub fn written_ids(&self) -> Vec<String> {
        self.new
            .iter()
            .chain(&self.updated)
            .map(|l| l.id.clone())
            .collect()
    }

    /// Whether there is anything to write.
    pub fn is_empty(&self) -> bool {
        self.new.is_empty() && self.updated.is_empty()
    }
}

fn marketplace(source: Option<LeadSource>) -> bool {
    matches!(
        source,
        Some(LeadSource::AppSource | LeadSource::AzureMarketplace | LeadSource::AzurePortal)
    )
}

/// The substatus a record states, or implies from its status alone.
fn substatus_of(r: &LeadRecord) -> std::result::Result<Option<LeadSubstatus>, String> {
    match (r.substatus, r.status) {
        (Some(s), _) => Ok(Some(s)),
        (None, Some(LeadStatus::New)) => Ok(Some(LeadSubstatus::Received)),
        (None, Some(LeadStatus::Active)) => Ok(Some(LeadSubstatus::Accepted)),
        (None, Some(LeadStatus::Closed)) => Err(
            "status Closed without a substatus: say whether it was Won, Lost, Declined or Expired"
                .into(),
        ),
        (None, None) => Ok(None),
    }
}

fn text(v: &Option<String>) -> String {
    v.as_deref().map(str::trim).unwrap_or("").to_owned()
}

fn merge_deal(into: &mut DealDetails, from: &DealDetails) {
    macro_rules! take {
        ($($f:ident),*) => {$(
            if from.$f.is_some() {
                into.$f = from.$f.clone();
            }
        )*};
    }
    take!(name, estimated_close, notes, marketing_campaign_id, crm_id);
    if !from.team_members.is_empty() {
        into.team_members = from.team_members.clone();
    }
    if !from.more_contacts.is_empty() {
        into.more_contacts = from.more_contacts.clone();
    }
}

/// Sets the validities: Partner Center's where the record has them, the app's for the rest
/// (judged only where the record has none).
fn set_validity(lead: &mut Lead, r: &LeadRecord) {
    lead.validity_from_partner_center = r.email_validity.is_some() || r.phone_validity.is_some();
    lead.email_validity = r
        .email_validity
        .unwrap_or_else(|| email_validity(&lead.email));
    lead.phone_validity = r
        .phone_validity
        .unwrap_or_else(|| phone_validity(&lead.phone, &lead.country));
}

/// A new lead from a record, or why it cannot be one.
fn new_lead(
    r: &LeadRecord,
    format: LeadFileFormat,
    substatus: Option<LeadSubstatus>,
    now: DateTime<Utc>,
) -> std::result::Result<Lead, String> {
    // The co-sell download has no creation column: such a referral is dated when it arrives here.
    let created_at = match (r.created_at, format) {
        (Some(t), _) => t,
        (None, LeadFileFormat::CoSellOpportunities) => now,
        (None, _) => {
            return Err("a new lead needs its creation time (LeadCreationDateTime)".into());
        }
    };
    let lead_type = r.lead_type.unwrap_or(if marketplace(r.source) {
        LeadType::Offer
    } else {
        LeadType::Profile
    });
    let source = r.source.unwrap_or(match lead_type {
        LeadType::Profile => LeadSource::BusinessProfile,
        LeadType::Offer => LeadSource::AppSource,
    });
    let classification = r.classification.unwrap_or(match format {
        LeadFileFormat::CoSellOpportunities => LeadClassification::SalesQualified,
        _ => LeadClassification::CustomerInquiry,
    });
    let mut lead = Lead {
        id: r.id.trim().to_owned(),
        lead_type,
        classification,
        source,
        call_to_action: r.call_to_action,
        offer_name: text(&r.offer_name),
        customer_name: text(&r.customer_name),
        contact_first_name: text(&r.contact_first_name),
        contact_last_name: text(&r.contact_last_name),
        email: text(&r.email),
        phone: text(&r.phone),
        country: text(&r.country).to_ascii_uppercase(),
        industry: text(&r.industry),
        company_size: text(&r.company_size),
        quality: r.quality.unwrap_or(LeadQuality::High),
        substatus: substatus.unwrap_or(LeadSubstatus::Received),
        created_at,
        updated_at: r.updated_at.unwrap_or(created_at).max(created_at),
        deal_value: r.deal_value,
        currency: r.currency.clone(),
        status_reason: r.status_reason.clone(),
        engagement_id: r.engagement_id.clone(),
        city: text(&r.city),
        email_validity: partner_advisor_domain::EmailValidity::Unknown,
        phone_validity: partner_advisor_domain::PhoneValidity::Unknown,
        validity_from_partner_center: false,
        deal: r.deal.clone(),
        favourite: r.favourite.unwrap_or(false),
        etag: r.etag.clone(),
    };
    set_validity(&mut lead, r);
    Ok(lead)
}

/// The known lead updated by a record: every field the record states replaces the stored one.
fn updated_lead(known: &Lead, r: &LeadRecord, substatus: Option<LeadSubstatus>) -> Lead {
    let mut l = known.clone();
    macro_rules! set_text {
        ($($f:ident),*) => {$(
            if let Some(v) = r.$f.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
                l.$f = v.to_owned();
            }
        )*};
    }
    set_text!(
        offer_name,
        customer_name,
        contact_first_name,
        contact_last_name,
        email,
        phone,
        industry,
        company_size,
        city
    );
    if let Some(c) = r
        .country
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        l.country = c.to_ascii_uppercase();
    }
    if let Some(v) = r.lead_type {
        l.lead_type = v;
    }
    if let Some(v) = r.classification {
        l.classification = v;
    }
    if let Some(v) = r.source {
        l.source = v;
    }
    if r.call_to_action.is_some() {
        l.call_to_action = r.call_to_action;
    }
    if let Some(v) = r.quality {
        l.quality = v;
    }
    if let Some(s) = substatus {
        l.substatus = s;
    }
    if let Some(t) = r.updated_at {
        l.updated_at = t.max(l.updated_at);
    }
    if r.deal_value.is_some() {
        l.deal_value = r.deal_value;
    }
    if r.currency.is_some() {
        l.currency = r.currency.clone();
    }
    if r.status_reason.is_some() {
        l.status_reason = r.status_reason.clone();
    }
    if r.engagement_id.is_some() {
        l.engagement_id = r.engagement_id.clone();
    }
    if r.etag.is_some() {
        l.etag = r.etag.clone();
    }
    merge_deal(&mut l.deal, &r.deal);
    if r.email_validity.is_some()
        || r.phone_validity.is_some()
        || !known.validity_from_partner_center
    {
        set_validity(&mut l, r);
    }
    l
}

/// The workspace's copy of each of `ids` it holds.
async fn known_leads(conn: &mut SqliteConnection, ids: &[String]) -> Result<HashMap<String, Lead>> {
    Ok(table::get_many(conn, ids)
        .await?
        .into_iter()
        .map(|l| (l.id.clone(), l))
        .collect())
}

/// Checks every record of `files` against each other and the workspace; adds each problem to
/// its file's report (errors block the import) and returns what to write.
pub async fn plan(
    conn: &mut SqliteConnection,
    files: &mut [LeadFileInput<'_>],
    now: DateTime<Utc>,
) -> Result<LeadImportPlan> {
    let ids: Vec<String> = files
        .iter()
        .flat_map(|f| f.records.iter().map(|r| r.id.trim().to_owned()))
        .collect();
    let known = known_leads(conn, &ids).await?;
    let mut plan = LeadImportPlan::default();
    let mut first_seen: HashMap<String, (String, u64)> = HashMap::new();
    for file in files.iter_mut() {
        let name = file.report.file.clone();
        for r in file.records {
            let id = r.id.trim().to_owned();
            if let Some((other, line)) = first_seen.get(&id) {
                file.report.error(
                    Some(r.line),
                    None,
                    format!("lead {id} is also at line {line} of {other}: one lead, one row"),
                );
                continue;
            }
            first_seen.insert(id.clone(), (name.clone(), r.line));
            let substatus = match substatus_of(r) {
                Ok(s) => s,
                Err(reason) => {
                    file.report.error(Some(r.line), Some("Status"), reason);
                    continue;
                }
            };
            if let Some(created) = r.created_at {
                if created > now + chrono::Duration::days(1) {
                    file.report.error(
                        Some(r.line),
                        Some("LeadCreationDateTime"),
                        format!("lead {id} was created in the future ({created})"),
                    );
                    continue;
                }
            }
            match known.get(&id) {
                None => match new_lead(r, file.format, substatus, now) {
                    Ok(lead) => {
                        plan.events.push(LeadEvent {
                            lead_id: lead.id.clone(),
                            at: lead.created_at,
                            from: None,
                            to: lead.substatus,
                            note: Some(format!("Imported from {name}")),
                            actor: LeadActor::Import,
                            fields: None,
                        });
                        plan.new.push(lead);
                    }
                    Err(reason) => file.report.error(Some(r.line), None, reason),
                },
                Some(current) => {
                    let to = substatus.unwrap_or(current.substatus);
                    if !lifecycle::transition_allowed(current.substatus, to) {
                        file.report.error(
                            Some(r.line),
                            Some("Substatus"),
                            format!(
                                "lead {id} is {} in the workspace; the file says {to}, a move Partner Center does not allow",
                                current.substatus
                            ),
                        );
                        continue;
                    }
                    if r.updated_at.is_some_and(|t| t < current.updated_at) {
                        plan.skipped_older += 1;
                        file.report.warning(
                            Some(r.line),
                            None,
                            format!("lead {id} changed in the workspace after this file was written; the workspace's copy is kept"),
                        );
                        continue;
                    }
                    let next = updated_lead(current, r, substatus);
                    if &next == current {
                        plan.unchanged += 1;
                        continue;
                    }
                    if next.substatus != current.substatus {
                        plan.events.push(LeadEvent {
                            lead_id: id.clone(),
                            at: r.updated_at.unwrap_or(now),
                            from: Some(current.substatus),
                            to: next.substatus,
                            note: Some(format!("Imported from {name}")),
                            actor: LeadActor::Import,
                            fields: None,
                        });
                    }
                    plan.updated.push(next);
                }
            }
        }
    }
    Ok(plan)
}

/// Writes the plan with `conn` (inside the caller's transaction); new leads arrive with
/// `snapshot_id`.
pub async fn write(
    conn: &mut SqliteConnection,
    plan: &LeadImportPlan,
    snapshot_id: i64,
) -> Result<LeadImportCounts> {
    table::insert_many(conn, snapshot_id, &plan.new).await?;
    for lead in &plan.updated {
        table::update(conn, lead).await?;
    }
    table::insert_events(conn, &plan.events).await?;
    Ok(LeadImportCounts {
        added: plan.new.len() as u64,
        updated: plan.updated.len() as u64,
        unchanged: plan.unchanged,
        skipped_older: plan.skipped_older,
    })
}

/// What a sync pull will write, beyond [`LeadImportPlan`]: the leads whose queued local change
/// Partner Center overtook.
#[derive(Debug, Default)]
pub struct SyncedPlan {
    /// New and updated leads.
    pub leads: LeadImportPlan,
    /// Leads with a queued change that Partner Center changed too.
    pub conflicts: Vec<String>,
    /// Leads with a queued change that Partner Center did not change (they are pushed next).
    pub kept_local: u64,
}

/// Plans the referrals a sync pulled (`records`, one per referral) against the workspace.
///
/// Partner Center is the reference for a lead nobody changed here: its copy replaces the local
/// one whenever its ETag differs, whatever the local state (Partner Center may have accepted a
/// lead the app expired by its clock). A lead with a queued change (`queued`: lead → the ETag the
/// change started from) keeps the local copy: when Partner Center's ETag is still that one, the
/// change is pushed next; otherwise it is a conflict for the partner to resolve. A record that
/// cannot become a lead is reported as a warning in `report` and skipped, never silently.
pub async fn plan_synced(
    conn: &mut SqliteConnection,
    report: &mut ImportReport,
    records: &[LeadRecord],
    queued: &HashMap<String, Option<String>>,
    now: DateTime<Utc>,
) -> Result<SyncedPlan> {
    let ids: Vec<String> = records.iter().map(|r| r.id.trim().to_owned()).collect();
    let known = known_leads(conn, &ids).await?;
    let mut plan = SyncedPlan::default();
    for r in records {
        let id = r.id.trim().to_owned();
        let substatus = match substatus_of(r) {
            Ok(s) => s,
            Err(reason) => {
                report.warning(
                    Some(r.line),
                    Some("status"),
                    format!("referral {id} skipped: {reason}"),
                );
                continue;
            }
        };
        let Some(current) = known.get(&id) else {
            match new_lead(r, LeadFileFormat::ReferralsApiJson, substatus, now) {
                Ok(lead) => {
                    plan.leads.events.push(LeadEvent {
                        lead_id: lead.id.clone(),
                        at: lead.created_at,
                        from: None,
                        to: lead.substatus,
                        note: Some(SYNCED_NOTE.into()),
                        actor: LeadActor::Microsoft,
                        fields: None,
                    });
                    plan.leads.new.push(lead);
                }
                Err(reason) => report.warning(
                    Some(r.line),
                    None,
                    format!("referral {id} skipped: {reason}"),
                ),
            }
            continue;
        };
        if let Some(base) = queued.get(&id) {
            if r.etag.is_some() && r.etag != *base {
                plan.conflicts.push(id);
            } else {
                plan.kept_local += 1;
            }
            continue;
        }
        if r.etag.is_some() && r.etag == current.etag {
            plan.leads.unchanged += 1;
            continue;
        }
        let next = updated_lead(current, r, substatus);
        if &next == current {
            plan.leads.unchanged += 1;
            continue;
        }
        if next.substatus != current.substatus {
            plan.leads.events.push(LeadEvent {
                lead_id: id.clone(),
                at: r.updated_at.unwrap_or(now),
                from: Some(current.substatus),
                to: next.substatus,
                note: Some(SYNCED_NOTE.into()),
                actor: LeadActor::Microsoft,
                fields: None,
            });
        }
        plan.leads.updated.push(next);
    }
    Ok(plan)
}

/// History note of a change that came from Partner Center through sync.
pub const SYNCED_NOTE: &str = "Synced from Partner Center";

/// A known lead with Partner Center's copy `r` taken over it (a conflict resolved in Partner
/// Center's favour): every field the copy states, its substatus and ETag.
pub fn take_remote(known: &Lead, r: &LeadRecord) -> std::result::Result<Lead, String> {
    let substatus = substatus_of(r)?;
    let mut lead = updated_lead(known, r, substatus);
    lead.etag = r.etag.clone();
    if let Some(t) = r.updated_at {
        lead.updated_at = t;
    }
    Ok(lead)
}
