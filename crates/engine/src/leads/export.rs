//! Export of the filtered lead list (SPEC §4): exactly the rows the filters select, with
//! `LeadCreationDateTime` and the validity columns, as CSV Excel opens correctly (the shared
//! writer: UTF-8 with BOM, `;` where the language writes decimal commas, formulas neutralised).
//! Expired leads' contact details stay hidden in the file as on screen.

use std::path::Path;

use chrono::{DateTime, SecondsFormat, Utc};
use partner_advisor_domain::{Clock, EmailValidity, Lead};
use partner_advisor_formats::{Cell, Delimiter, ExcelCsvWriter, LEADS_EXPORT_COLUMNS};

use super::index::LeadIndex;
use super::lifecycle;
use super::view::{LeadExportSummary, LeadQuery};
use crate::{EngineError, Result};

/// Separator between the items of a list in one cell (team members): never the CSV delimiter.
pub const LIST_SEPARATOR: &str = " | ";

/// The file name the save dialog suggests.
pub fn file_name(clock: &dyn Clock) -> String {
    format!("leads-{}.csv", clock.now().date_naive())
}

fn time(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn yes_no(b: bool) -> &'static str {
    if b {
        "Yes"
    } else {
        "No"
    }
}

/// Writes one lead's record in [`LEADS_EXPORT_COLUMNS`] order.
fn write_lead<W: std::io::Write>(csv: &mut ExcelCsvWriter<W>, l: &Lead) -> std::io::Result<()> {
    let hidden = lifecycle::contact_hidden(l);
    let contact = |text: &str| -> String {
        if hidden {
            String::new()
        } else {
            text.to_owned()
        }
    };
    let created = time(l.created_at);
    let updated = time(l.updated_at);
    let deadline = lifecycle::response_deadline(l).map(time);
    let team = l.deal.team_members.join(LIST_SEPARATOR);
    let (first, last, email, phone) = (
        contact(&l.contact_first_name),
        contact(&l.contact_last_name),
        contact(&l.email),
        contact(&l.phone),
    );
    let record: [Cell<'_>; 35] = [
        Cell::Text(&l.id),
        l.engagement_id.as_deref().into(),
        Cell::Text(&l.customer_name),
        Cell::Text(&first),
        Cell::Text(&last),
        Cell::Text(&email),
        Cell::Text(&phone),
        Cell::Text(l.email_validity.as_str()),
        Cell::Text(l.phone_validity.as_str()),
        Cell::Text(yes_no(l.email_validity == EmailValidity::Spam)),
        Cell::Text(&l.country),
        Cell::Text(&l.city),
        Cell::Text(&l.industry),
        Cell::Text(&l.company_size),
        Cell::Text(l.lead_type.as_str()),
        Cell::Text(l.classification.as_str()),
        Cell::Text(l.source.as_str()),
        l.call_to_action.map(|c| c.as_str()).into(),
        Cell::Text(&l.offer_name),
        Cell::Text(l.quality.as_str()),
        Cell::Text(l.status().as_str()),
        Cell::Text(l.substatus.as_str()),
        Cell::Text(&created),
        Cell::Text(&updated),
        deadline.as_deref().into(),
        l.deal.name.as_deref().into(),
        l.deal_value.into(),
        l.currency.as_deref().into(),
        l.deal.estimated_close.into(),
        Cell::Text(&team),
        l.deal.notes.as_deref().into(),
        l.deal.marketing_campaign_id.as_deref().into(),
        l.deal.crm_id.as_deref().into(),
        l.status_reason.as_deref().into(),
        Cell::Text(yes_no(l.favourite)),
    ];
    csv.row(record)
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
        let mut csv = ExcelCsvWriter::new(file, delimiter)?;
        csv.row(LEADS_EXPORT_COLUMNS.iter().copied())?;
        for l in &leads {
            write_lead(&mut csv, l)?;
        }
        let file = csv.finish()?;
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
