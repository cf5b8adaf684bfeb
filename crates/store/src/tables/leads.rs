//! `leads` and `lead_events`: the referrals inbox and each lead's history.

use chrono::{DateTime, Utc};
use partner_advisor_domain::{
    CallToAction, Lead, LeadClassification, LeadEvent, LeadQuality, LeadSource, LeadSubstatus,
    LeadType,
};
use sqlx::{SqliteConnection, SqlitePool};

use super::insert_rows;
use crate::{Result, StoreError};

/// Adds leads that arrived with `snapshot_id`.
pub async fn insert_many(
    conn: &mut SqliteConnection,
    snapshot_id: i64,
    leads: &[Lead],
) -> Result<()> {
    insert_rows(
        conn,
        "INSERT INTO leads (id, snapshot_id, lead_type, classification, source, call_to_action, \
         offer_name, customer_name, contact_first_name, contact_last_name, email, phone, country, \
         industry, company_size, quality, status, substatus, created_at, updated_at, deal_value, \
         currency, status_reason) ",
        23,
        leads,
        |row, l| {
            row.push_bind(&l.id)
                .push_bind(snapshot_id)
                .push_bind(l.lead_type.as_str())
                .push_bind(l.classification.as_str())
                .push_bind(l.source.as_str())
                .push_bind(l.call_to_action.map(CallToAction::as_str))
                .push_bind(&l.offer_name)
                .push_bind(&l.customer_name)
                .push_bind(&l.contact_first_name)
                .push_bind(&l.contact_last_name)
                .push_bind(&l.email)
                .push_bind(&l.phone)
                .push_bind(&l.country)
                .push_bind(&l.industry)
                .push_bind(&l.company_size)
                .push_bind(l.quality.as_str())
                .push_bind(l.status().as_str())
                .push_bind(l.substatus.as_str())
                .push_bind(l.created_at.to_rfc3339())
                .push_bind(l.updated_at.to_rfc3339())
                .push_bind(l.deal_value)
                .push_bind(&l.currency)
                .push_bind(&l.status_reason);
        },
    )
    .await
}

/// Appends history entries.
pub async fn insert_events(conn: &mut SqliteConnection, events: &[LeadEvent]) -> Result<()> {
    insert_rows(
        conn,
        "INSERT INTO lead_events (lead_id, at, from_substatus, to_substatus, note) ",
        5,
        events,
        |row, e| {
            row.push_bind(&e.lead_id)
                .push_bind(e.at.to_rfc3339())
                .push_bind(e.from.map(LeadSubstatus::as_str))
                .push_bind(e.to.as_str())
                .push_bind(&e.note);
        },
    )
    .await
}

fn parse_time(text: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| StoreError::Corrupt(format!("time '{text}': {e}")))
}

/// Every lead, newest first.
pub async fn all(pool: &SqlitePool) -> Result<Vec<Lead>> {
    let rows = sqlx::query_as::<_, LeadRow>(
        "SELECT id, lead_type, classification, source, call_to_action, offer_name, customer_name, \
         contact_first_name, contact_last_name, email, phone, country, industry, company_size, \
         quality, substatus, created_at, updated_at, deal_value, currency, status_reason \
         FROM leads ORDER BY created_at DESC, id",
    )
    .fetch_all(pool)
    .await?;
    rows.into_iter().map(LeadRow::into_lead).collect()
}

/// A lead's history, oldest first.
pub async fn events_of(pool: &SqlitePool, lead_id: &str) -> Result<Vec<LeadEvent>> {
    let rows: Vec<(String, Option<String>, String, Option<String>)> = sqlx::query_as(
        "SELECT at, from_substatus, to_substatus, note FROM lead_events WHERE lead_id = ? ORDER BY at, id",
    )
    .bind(lead_id)
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|(at, from, to, note)| {
            Ok(LeadEvent {
                lead_id: lead_id.to_owned(),
                at: parse_time(&at)?,
                from: from.as_deref().map(LeadSubstatus::parse).transpose()?,
                to: LeadSubstatus::parse(&to)?,
                note,
            })
        })
        .collect()
}

#[derive(sqlx::FromRow)]
struct LeadRow {
    id: String,
    lead_type: String,
    classification: String,
    source: String,
    call_to_action: Option<String>,
    offer_name: String,
    customer_name: String,
    contact_first_name: String,
    contact_last_name: String,
    email: String,
    phone: String,
    country: String,
    industry: String,
    company_size: String,
    quality: String,
    substatus: String,
    created_at: String,
    updated_at: String,
    deal_value: Option<f64>,
    currency: Option<String>,
    status_reason: Option<String>,
}

impl LeadRow {
    fn into_lead(self) -> Result<Lead> {
        Ok(Lead {
            id: self.id,
            lead_type: LeadType::parse(&self.lead_type)?,
            classification: LeadClassification::parse(&self.classification)?,
            source: LeadSource::parse(&self.source)?,
            call_to_action: self
                .call_to_action
                .as_deref()
                .map(CallToAction::parse)
                .transpose()?,
            offer_name: self.offer_name,
            customer_name: self.customer_name,
            contact_first_name: self.contact_first_name,
            contact_last_name: self.contact_last_name,
            email: self.email,
            phone: self.phone,
            country: self.country,
            industry: self.industry,
            company_size: self.company_size,
            quality: LeadQuality::parse(&self.quality)?,
            substatus: LeadSubstatus::parse(&self.substatus)?,
            created_at: parse_time(&self.created_at)?,
            updated_at: parse_time(&self.updated_at)?,
            deal_value: self.deal_value,
            currency: self.currency,
            status_reason: self.status_reason,
        })
    }
}
