//! Export of the current view in the Lighthouse Sales Advisor export's columns (FORMATS §3),
//! as CSV that Excel opens correctly: UTF-8 with BOM, `;` where the language writes decimal
//! commas, ISO dates, formulas neutralised.

use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDate;
use partner_advisor_domain::Clock;
use partner_advisor_formats::{Cell, Delimiter, ExcelCsvWriter, LIGHTHOUSE_EXPORT_COLUMNS};
use partner_advisor_store::tables::{history as history_table, opportunities as table, partner};
use partner_advisor_store::Workspace;

use super::index::OpportunityIndex;
use super::refresh::Explanation;
use super::texts::{self, Subject};
use super::view::{ExportSummary, OpportunityQuery};
use crate::settings::Language;
use crate::{EngineError, Result};

/// The export's header: Lighthouse's columns, then the probability and the seller's feedback.
pub const COLUMNS: [&str; 16] = {
    let extra = [
        "Probability",
        "Feedback",
        "Feedback Reason",
        "Feedback Comment",
    ];
    let mut out = [""; 16];
    let mut i = 0;
    while i < LIGHTHOUSE_EXPORT_COLUMNS.len() {
        out[i] = LIGHTHOUSE_EXPORT_COLUMNS[i];
        i += 1;
    }
    let mut k = 0;
    while k < extra.len() {
        out[i + k] = extra[k];
        k += 1;
    }
    out
};

/// The file name the save dialog suggests.
pub fn file_name(clock: &dyn Clock) -> String {
    format!("opportunities-{}.csv", clock.now().date_naive())
}

/// `;` for the languages that write decimal commas (Excel's list separator there), else `,`.
pub fn delimiter_for(language: Language) -> Delimiter {
    match language {
        Language::En => Delimiter::Comma,
        Language::Es | Language::Fr | Language::Pl => Delimiter::Semicolon,
    }
}

/// The UI stores feedback reasons as keys; the export says them in words.
fn reason_words(key: &str) -> &str {
    match key {
        "alreadyInProgress" => "Already in progress",
        "notRelevant" => "Not relevant for this customer",
        "wrongProduct" => "Wrong product",
        "customerNotReady" => "Customer not ready",
        "goodTiming" => "Good timing",
        "matchesNeed" => "Matches the customer's need",
        "other" => "Other",
        free_text => free_text,
    }
}

/// Writes the rows a query selects (all of them, not one window) to `path`.
pub async fn export(
    ws: &Workspace,
    index: &OpportunityIndex,
    query: &OpportunityQuery,
    path: &Path,
    delimiter: Delimiter,
    language: Language,
) -> Result<ExportSummary> {
    let pool = ws.pool();
    let rows = index.all_rows(query)?;
    let explanations: HashMap<String, String> =
        table::explanations(pool).await?.into_iter().collect();
    let tpids: HashMap<String, Option<String>> = history_table::identities(pool)
        .await?
        .into_iter()
        .map(|r| (r.0, r.6))
        .collect();
    let partner_name = partner::get(pool)
        .await?
        .map(|p| p.name)
        .unwrap_or_default();
    let t = texts::texts(language);
    let tmp = path.with_extension("csv.part");
    let io = |e: std::io::Error| EngineError::io(format!("writing {}", path.display()), e);
    let file = std::fs::File::create(&tmp).map_err(io)?;
    let mut csv = ExcelCsvWriter::new(file, delimiter).map_err(io)?;
    csv.row(COLUMNS).map_err(io)?;
    // Each row's texts are rendered where it is formatted, on every core.
    let write_row = |i: usize, csv: &mut ExcelCsvWriter<Vec<u8>>| {
        let r = &rows[i];
        let explanation: Explanation = explanations
            .get(&r.key)
            .and_then(|e| serde_json::from_str(e).ok())
            .unwrap_or_default();
        let subject = Subject {
            customer: &r.customer,
            partner: &partner_name,
            product: r.product.as_deref(),
            seats: r.seats,
        };
        let insight: Vec<String> = explanation
            .facts
            .iter()
            .map(|f| texts::render_fact(f, &subject, language))
            .collect();
        let actions = texts::actions(r.model, &subject, language);
        let resources: Vec<String> = texts::resources(r.model, &subject, "", language)
            .into_iter()
            .map(|x| x.title)
            .collect();
        let feedback = r.feedback.as_ref();
        let tpid = tpids.get(&r.tenant_id).cloned().flatten();
        let type_name = t
            .types
            .get(r.opportunity_type.key())
            .cloned()
            .unwrap_or_default();
        let (insight, actions, resources) = (
            insight.join(" | "),
            actions.join(" | "),
            resources.join(" | "),
        );
        let status = t.status(r.status);
        let link = format!("partner-advisor://opportunities/{}", r.key);
        let helpful = feedback.map(|f| if f.helpful { "helpful" } else { "not helpful" });
        let date_added = NaiveDate::parse_from_str(&r.date_added, "%Y-%m-%d").ok();
        let record: [Cell<'_>; 16] = [
            Cell::Text(&r.tenant_id),
            tpid.as_deref().into(),
            Cell::Text(&r.customer),
            Cell::Text(&type_name),
            Cell::Text(&insight),
            Cell::Text(&actions),
            Cell::Text(&resources),
            Cell::Text(&status),
            r.product.as_deref().into(),
            r.seats.into(),
            date_added.into(),
            Cell::Text(&link),
            r.probability_pct.into(),
            helpful.into(),
            feedback
                .and_then(|f| f.reason.as_deref())
                .map(reason_words)
                .into(),
            feedback.and_then(|f| f.comment.as_deref()).into(),
        ];
        csv.row(record)
    };
    csv.rows_parallel(rows.len(), write_row).map_err(io)?;
    let file = csv.finish().map_err(io)?;
    file.sync_all().map_err(io)?;
    std::fs::rename(&tmp, path).map_err(io)?;
    Ok(ExportSummary {
        path: path.display().to_string(),
        rows: rows.len() as u32,
    })
}
