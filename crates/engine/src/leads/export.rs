//! Export of the filtered lead list (SPEC §4): exactly the rows the filters select, with
//! `LeadCreationDateTime` and the validity columns, as CSV Excel opens correctly (the shared
//! writer: UTF-8 with BOM, `;` where the language writes decimal commas, formulas neutralised).
//! Expired leads' contact details stay hidden in the file as on screen.

use std::path::Path;

use chrono::{DateTime, Utc};
use partner_advisor_domain::{Clock, Lead};
use partner_advisor_formats::{Delimiter, LeadRecord, LeadsExportWriter};

use super::index::LeadIndex;
use super::lifecycle;
use super::view::{LeadExportSummary, LeadQuery};
use crate::{EngineError, Result};

/// The file name the save dialog suggests.
pub fn file_name(clock: &dyn Clock) -> String {
    format!("leads-{}.csv", clock.now().date_naive())
}

/// A lead as an export record; an expired lead's contact details stay out.
fn record(l: &Lead) -> LeadRecord {
    let hidden = lifecycle::contact_hidden(l);
    let contact = |text: &str| (!hidden && !text.is_empty()).then(|| text.to_owned());
    let text = |t: &str| (!t.is_empty()).then(|| t.to_owned());
    LeadRecord {
        line: 0,
        id: l.id.clone(),
        engagement_id: l.engagement_id.clone(),
        lead_type: Some(l.lead_type),
        classification: Some(l.classification),
        source: Some(l.source),
        call_to_action: l.call_to_action,
        offer_name: text(&l.offer_name),
        customer_name: text(&l.customer_name),
        contact_first_name: contact(&l.contact_first_name),
        contact_last_name: contact(&l.contact_last_name),
        email: contact(&l.email),
        phone: contact(&l.phone),
        country: text(&l.country),
        city: text(&l.city),
        industry: text(&l.industry),
        company_size: text(&l.company_size),
        quality: Some(l.quality),
        status: Some(l.status()),
        substatus: Some(l.substatus),
        created_at: Some(l.created_at),
        updated_at: Some(l.updated_at),
        expires_at: lifecycle::response_deadline(l),
        deal_value: l.deal_value,
        currency: l.currency.clone(),
        status_reason: l.status_reason.clone(),
        deal: l.deal.clone(),
        email_validity: Some(l.email_validity),
        phone_validity: Some(l.phone_validity),
        favourite: Some(l.favourite),
        etag: None,
    }
}

/// Writes every lead `query` selects (all of them, not one window) to `path`. The file appears
/// whole or not at all: it is written beside the target and renamed at the end.
pub fn export(
    index: &LeadIndex,
    query: &LeadQuery,
    path: &Path,
    delimiter: Delimiter,
    now: DateTime<Utc>,
) -> Result<LeadExportSummary> {
    let leads = index.all_matching(query, now)?;
    let tmp = path.with_extension("csv.part");
    let io = |e: std::io::Error| EngineError::io(format!("writing {}", path.display()), e);
    let write = || -> std::io::Result<()> {
        let file = std::fs::File::create(&tmp)?;
        let mut csv = LeadsExportWriter::new(file, delimiter).map_err(std::io::Error::other)?;
        csv.write_parallel(leads.len(), |i| record(leads[i]))
            .map_err(std::io::Error::other)?;
        let file = csv.finish().map_err(std::io::Error::other)?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    };
    if let Err(e) = write() {
        let _ = std::fs::remove_file(&tmp);
        return Err(io(e));
    }
    Ok(LeadExportSummary {
        path: path.display().to_string(),
        rows: leads.len() as u32,
    })
}
