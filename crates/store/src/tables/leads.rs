//! `leads` and `lead_events`: the referrals inbox and each lead's history.

use chrono::{DateTime, Utc};
use partner_advisor_domain::{
    CallToAction, DealDetails, EmailValidity, Lead, LeadActor, LeadClassification, LeadEvent,
    LeadQuality, LeadSource, LeadSubstatus, LeadType, PhoneValidity,
};
use sqlx::{SqliteConnection, SqlitePool};

use super::insert_rows;
use crate::{Result, StoreError};

const COLUMNS: &str = "id, lead_type, classification, source, call_to_action, offer_name, \
     customer_name, contact_first_name, contact_last_name, email, phone, country, industry, \
     company_size, quality, substatus, created_at, updated_at, deal_value, currency, status_reason, \
     engagement_id, city, email_validity, phone_validity, validity_from_pc, deal, favourite, etag";

/// Adds leads that arrived with `snapshot_id`.
pub async fn insert_many(
    conn: &mut SqliteConnection,
    snapshot_id: i64,
    leads: &[Lead],
) -> Result<()> {
    let deals = leads
        .iter()
        .map(|l| deal_json(&l.deal))
        .collect::<Result<Vec<_>>>()?;
    let rows: Vec<(&Lead, String)> = leads.iter().zip(deals).collect();
    insert_rows(
        conn,
        "INSERT INTO leads (snapshot_id, status, validity_checked, id, lead_type, classification, \
         source, call_to_action, offer_name, customer_name, contact_first_name, contact_last_name, \
         email, phone, country, industry, company_size, quality, substatus, created_at, updated_at, \
         deal_value, currency, status_reason, engagement_id, city, email_validity, phone_validity, \
         validity_from_pc, deal, favourite, etag) ",
        32,
        &rows,
        |row, (l, deal)| {
            row.push_bind(snapshot_id)
                .push_bind(l.status().as_str())
                .push_bind(l.email_validity != EmailValidity::Unknown || l.email.trim().is_empty())
                .push_bind(&l.id)
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
                .push_bind(l.substatus.as_str())
                .push_bind(l.created_at.to_rfc3339())
                .push_bind(l.updated_at.to_rfc3339())
                .push_bind(l.deal_value)
                .push_bind(&l.currency)
                .push_bind(&l.status_reason)
                .push_bind(&l.engagement_id)
                .push_bind(&l.city)
                .push_bind(l.email_validity.as_str())
                .push_bind(l.phone_validity.as_str())
                .push_bind(l.validity_from_partner_center)
                .push_bind(deal.as_str())
                .push_bind(l.favourite)
                .push_bind(&l.etag);
        },
    )
    .await
}

/// Rewrites a known lead's every field (an accepted form, an import of a newer state).
pub async fn update(conn: &mut SqliteConnection, lead: &Lead) -> Result<()> {
    let deal = deal_json(&lead.deal)?;
    let done = sqlx::query(
        "UPDATE leads SET lead_type = ?, classification = ?, source = ?, call_to_action = ?, \
         offer_name = ?, customer_name = ?, contact_first_name = ?, contact_last_name = ?, \
         email = ?, phone = ?, country = ?, industry = ?, company_size = ?, quality = ?, \
         status = ?, substatus = ?, created_at = ?, updated_at = ?, deal_value = ?, currency = ?, \
         status_reason = ?, engagement_id = ?, city = ?, email_validity = ?, phone_validity = ?, \
         validity_from_pc = ?, deal = ?, favourite = ?, etag = ?, validity_checked = 1 \
         WHERE id = ?",
    )
    .bind(lead.lead_type.as_str())
    .bind(lead.classification.as_str())
    .bind(lead.source.as_str())
    .bind(lead.call_to_action.map(CallToAction::as_str))
    .bind(&lead.offer_name)
    .bind(&lead.customer_name)
    .bind(&lead.contact_first_name)
    .bind(&lead.contact_last_name)
    .bind(&lead.email)
    .bind(&lead.phone)
    .bind(&lead.country)
    .bind(&lead.industry)
    .bind(&lead.company_size)
    .bind(lead.quality.as_str())
    .bind(lead.status().as_str())
    .bind(lead.substatus.as_str())
    .bind(lead.created_at.to_rfc3339())
    .bind(lead.updated_at.to_rfc3339())
    .bind(lead.deal_value)
    .bind(&lead.currency)
    .bind(&lead.status_reason)
    .bind(&lead.engagement_id)
    .bind(&lead.city)
    .bind(lead.email_validity.as_str())
    .bind(lead.phone_validity.as_str())
    .bind(lead.validity_from_partner_center)
    .bind(deal)
    .bind(lead.favourite)
    .bind(&lead.etag)
    .bind(&lead.id)
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound(format!("lead {}", lead.id)));
    }
    Ok(())
}

/// Sets or clears the heart.
pub async fn set_favourite(pool: &SqlitePool, id: &str, favourite: bool) -> Result<()> {
    let done = sqlx::query("UPDATE leads SET favourite = ? WHERE id = ?")
        .bind(favourite)
        .bind(id)
        .execute(pool)
        .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound(format!("lead {id}")));
    }
    Ok(())
}

/// Leads whose contact the app has not judged yet: `(id, email, phone, country)`.
pub async fn unchecked_contacts(
    pool: &SqlitePool,
) -> Result<Vec<(String, String, String, String)>> {
    Ok(sqlx::query_as(
        "SELECT id, email, phone, country FROM leads WHERE validity_checked = 0 AND validity_from_pc = 0",
    )
    .fetch_all(pool)
    .await?)
}

/// Stores the app's verdicts on contacts.
pub async fn set_validities(
    conn: &mut SqliteConnection,
    verdicts: &[(String, EmailValidity, PhoneValidity)],
) -> Result<()> {
    for (id, email, phone) in verdicts {
        sqlx::query(
            "UPDATE leads SET email_validity = ?, phone_validity = ?, validity_checked = 1 \
             WHERE id = ? AND validity_from_pc = 0",
        )
        .bind(email.as_str())
        .bind(phone.as_str())
        .bind(id)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Marks leads as notified at `at`.
pub async fn mark_notified(
    conn: &mut SqliteConnection,
    ids: &[String],
    at: DateTime<Utc>,
) -> Result<()> {
    let at = at.to_rfc3339();
    for id in ids {
        sqlx::query("UPDATE leads SET notified_at = ? WHERE id = ?")
            .bind(&at)
            .bind(id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Ids of Contact-me leads nobody has been notified about yet, with their creation time.
pub async fn unnotified_contact_me(pool: &SqlitePool) -> Result<Vec<(String, DateTime<Utc>)>> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT id, created_at FROM leads WHERE notified_at IS NULL AND call_to_action = ? \
         ORDER BY created_at, id",
    )
    .bind(CallToAction::ContactMe.as_str())
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|(id, at)| Ok((id, parse_time(&at)?)))
        .collect()
}

/// Appends history entries.
pub async fn insert_events(conn: &mut SqliteConnection, events: &[LeadEvent]) -> Result<()> {
    insert_rows(
        conn,
        "INSERT INTO lead_events (lead_id, at, from_substatus, to_substatus, note, actor, fields) ",
        7,
        events,
        |row, e| {
            row.push_bind(&e.lead_id)
                .push_bind(e.at.to_rfc3339())
                .push_bind(e.from.map(LeadSubstatus::as_str))
                .push_bind(e.to.as_str())
                .push_bind(&e.note)
                .push_bind(e.actor.as_str())
                .push_bind(&e.fields);
        },
    )
    .await
}

pub(crate) fn parse_time(text: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| StoreError::Corrupt(format!("time '{text}': {e}")))
}

fn deal_json(deal: &DealDetails) -> Result<String> {
    serde_json::to_string(deal).map_err(|e| StoreError::Corrupt(format!("deal details: {e}")))
}

/// Every lead, newest first.
pub async fn all(pool: &SqlitePool) -> Result<Vec<Lead>> {
    let rows = sqlx::query_as::<_, LeadRow>(&format!(
        "SELECT {COLUMNS} FROM leads ORDER BY created_at DESC, id"
    ))
    .fetch_all(pool)
    .await?;
    rows.into_iter().map(LeadRow::into_lead).collect()
}

/// The leads in one substatus (the time rules only look at received ones).
pub async fn with_substatus(pool: &SqlitePool, substatus: LeadSubstatus) -> Result<Vec<Lead>> {
    let rows = sqlx::query_as::<_, LeadRow>(&format!(
        "SELECT {COLUMNS} FROM leads WHERE substatus = ? ORDER BY created_at, id"
    ))
    .bind(substatus.as_str())
    .fetch_all(pool)
    .await?;
    rows.into_iter().map(LeadRow::into_lead).collect()
}

/// One lead, inside a transaction.
pub async fn get(conn: &mut SqliteConnection, id: &str) -> Result<Option<Lead>> {
    let row = sqlx::query_as::<_, LeadRow>(&format!("SELECT {COLUMNS} FROM leads WHERE id = ?"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    row.map(LeadRow::into_lead).transpose()
}

/// The leads among `ids` that exist, in the order of `ids` (a repeated id gives its lead once):
/// [`get`] for many, a few thousand per query rather than one query each.
pub async fn get_many(conn: &mut SqliteConnection, ids: &[String]) -> Result<Vec<Lead>> {
    let mut found = std::collections::HashMap::with_capacity(ids.len());
    for chunk in ids.chunks(5_000) {
        let mut builder =
            sqlx::QueryBuilder::new(format!("SELECT {COLUMNS} FROM leads WHERE id IN ("));
        let mut list = builder.separated(", ");
        for id in chunk {
            list.push_bind(id);
        }
        builder.push(")");
        let rows: Vec<LeadRow> = builder.build_query_as().fetch_all(&mut *conn).await?;
        for row in rows {
            let lead = row.into_lead()?;
            found.insert(lead.id.clone(), lead);
        }
    }
    Ok(ids.iter().filter_map(|id| found.remove(id)).collect())
}

/// A lead's history, oldest first.
pub async fn events_of(pool: &SqlitePool, lead_id: &str) -> Result<Vec<LeadEvent>> {
    type Row = (
        String,
        Option<String>,
        String,
        Option<String>,
        String,
        Option<String>,
    );
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT at, from_substatus, to_substatus, note, actor, fields FROM lead_events \
         WHERE lead_id = ? ORDER BY at, id",
    )
    .bind(lead_id)
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|(at, from, to, note, actor, fields)| {
            Ok(LeadEvent {
                lead_id: lead_id.to_owned(),
                at: parse_time(&at)?,
                from: from.as_deref().map(LeadSubstatus::parse).transpose()?,
                to: LeadSubstatus::parse(&to)?,
                note,
                actor: LeadActor::parse(&actor)?,
                fields,
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
    engagement_id: Option<String>,
    city: String,
    email_validity: String,
    phone_validity: String,
    validity_from_pc: bool,
    deal: String,
    favourite: bool,
    etag: Option<String>,
}

impl LeadRow {
    fn into_lead(self) -> Result<Lead> {
        let deal: DealDetails = serde_json::from_str(&self.deal)
            .map_err(|e| StoreError::Corrupt(format!("lead {} deal details: {e}", self.id)))?;
        Ok(Lead {
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
            engagement_id: self.engagement_id,
            city: self.city,
            email_validity: EmailValidity::parse(&self.email_validity)?,
            phone_validity: PhoneValidity::parse(&self.phone_validity)?,
            validity_from_partner_center: self.validity_from_pc,
            deal,
            favourite: self.favourite,
            etag: self.etag,
            id: self.id,
        })
    }
}

/// When lead `lead_id` was first accepted or declined, if it was ([`first_answers`] for one).
pub async fn first_answer(pool: &SqlitePool, lead_id: &str) -> Result<Option<DateTime<Utc>>> {
    let at: Option<String> = sqlx::query_scalar(
        "SELECT MIN(at) FROM lead_events \
         WHERE lead_id = ? AND to_substatus IN ('Accepted', 'Declined') \
         AND from_substatus IN ('Received', 'Pending')",
    )
    .bind(lead_id)
    .fetch_one(pool)
    .await?;
    at.map(|at| parse_time(&at)).transpose()
}

/// When each answered lead was first accepted or declined: `(lead id, time)`.
pub async fn first_answers(pool: &SqlitePool) -> Result<Vec<(String, DateTime<Utc>)>> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT lead_id, MIN(at) FROM lead_events \
         WHERE to_substatus IN ('Accepted', 'Declined') AND from_substatus IN ('Received', 'Pending') \
         GROUP BY lead_id",
    )
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|(id, at)| Ok((id, parse_time(&at)?)))
        .collect()
}
