//! Export of the current view in the Lighthouse Sales Advisor export's columns (FORMATS §3),
//! as CSV that Excel opens correctly: UTF-8 with BOM, `;` where the language writes decimal
//! commas, ISO dates, formulas neutralised.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

use partner_advisor_domain::Clock;
use partner_advisor_store::tables::{history as history_table, opportunities as table, partner};
use partner_advisor_store::Workspace;

use super::index::OpportunityIndex;
use super::refresh::Explanation;
use super::texts::{self, Subject};
use super::view::{ExportSummary, OpportunityQuery};
use crate::settings::Language;
use crate::{EngineError, Result};

/// The export's header, as Lighthouse names the columns; then the seller's feedback.
pub const COLUMNS: [&str; 16] = [
    "Customer ID",
    "TPID",
    "Customer Name",
    "Opportunity Type",
    "Customer Insight",
    "Suggested Actions",
    "Related Resources",
    "Growth Propensity",
    "Recommended Product",
    "Seats",
    "Date added",
    "Link",
    "Probability",
    "Feedback",
    "Feedback Reason",
    "Feedback Comment",
];

/// The file name the save dialog suggests.
pub fn file_name(clock: &dyn Clock) -> String {
    format!("opportunities-{}.csv", clock.now().date_naive())
}

/// `;` for the languages that write decimal commas (Excel's list separator there), else `,`.
pub fn delimiter_for(language: Language) -> u8 {
    match language {
        Language::En => b',',
        Language::Es | Language::Fr | Language::Pl => b';',
    }
}

/// A cell Excel must not read as a formula.
pub(crate) fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    let risky = cell
        .chars()
        .next()
        .is_some_and(|c| matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r'));
    let numeric = cell.parse::<f64>().is_ok();
    if risky && !numeric {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// Writes the rows a query selects (all of them, not one window) to `path`.
pub async fn export(
    ws: &Workspace,
    index: &OpportunityIndex,
    query: &OpportunityQuery,
    path: &Path,
    delimiter: u8,
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
    let mut out = std::io::BufWriter::new(file);
    out.write_all("\u{feff}".as_bytes()).map_err(io)?;
    let mut csv = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    let csv_err = |e: csv::Error| EngineError::InvalidInput(format!("writing CSV: {e}"));
    csv.write_record(COLUMNS).map_err(csv_err)?;
    for r in &rows {
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
        let record = [
            r.tenant_id.clone(),
            tpids
                .get(&r.tenant_id)
                .cloned()
                .flatten()
                .unwrap_or_default(),
            r.customer.clone(),
            t.types
                .get(r.opportunity_type.key())
                .cloned()
                .unwrap_or_default(),
            insight.join(" | "),
            actions.join(" | "),
            resources.join(" | "),
            t.status(r.status),
            r.product.clone().unwrap_or_default(),
            r.seats.to_string(),
            r.date_added.clone(),
            format!("partner-advisor://opportunities/{}", r.key),
            format!("{}", r.probability_pct),
            feedback
                .map(|f| if f.helpful { "helpful" } else { "not helpful" }.to_owned())
                .unwrap_or_default(),
            feedback.and_then(|f| f.reason.clone()).unwrap_or_default(),
            feedback.and_then(|f| f.comment.clone()).unwrap_or_default(),
        ];
        csv.write_record(record.iter().map(|c| neutralise(c).into_owned()))
            .map_err(csv_err)?;
    }
    let out = csv
        .into_inner()
        .map_err(|e| EngineError::InvalidInput(format!("writing CSV: {e}")))?;
    let file = out.into_inner().map_err(|e| io(e.into_error()))?;
    file.sync_all().map_err(io)?;
    std::fs::rename(&tmp, path).map_err(io)?;
    Ok(ExportSummary {
        path: path.display().to_string(),
        rows: rows.len() as u32,
    })
}
