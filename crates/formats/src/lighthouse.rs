//! The Microsoft 365 Lighthouse Sales Advisor opportunities export (FORMATS.md §3).
//!
//! Only the column names are documented (in prose, so the real casing may differ): the reader
//! matches them tolerantly and also takes the names the Sales Advisor table shows (`Customer
//! Tenant`, `Probability status`, `Product`, `Date created`). The opportunities exporter writes
//! [`LIGHTHOUSE_EXPORT_COLUMNS`] in this order.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use partner_advisor_domain::Product;
use serde::Serialize;

use crate::detect::FileKind;
use crate::header::{Column, HeaderMap};
use crate::reader::CsvText;
use crate::report::ImportReport;
use crate::values::{parse_count, parse_date};

/// The columns of the Sales Advisor export, in order, spelled as documented.
pub const LIGHTHOUSE_EXPORT_COLUMNS: [&str; 12] = [
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
];

const COLUMNS: [Column; 12] = [
    Column::optional("Customer ID").or(&["Tenant ID", "Customer Tenant ID", "TenantId"]),
    Column::optional("TPID"),
    Column::required("Customer Name").or(&["Customer Tenant", "Customer", "Tenant Name"]),
    Column::required("Opportunity Type").or(&["Type"]),
    Column::optional("Customer Insight").or(&["Customer Insights", "Insight", "Insights"]),
    Column::optional("Suggested Actions").or(&["Suggested Action", "Actions"]),
    Column::optional("Related Resources").or(&["Resources"]),
    Column::optional("Growth Propensity").or(&["Probability Status", "Probability", "Propensity"]),
    Column::optional("Recommended Product").or(&["Product", "Recommendation"]),
    Column::optional("Seats"),
    Column::optional("Date added").or(&["Date created", "Date Added/Created"]),
    Column::optional("Link").or(&["URL"]),
];

/// One row of the export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LighthouseOpportunity {
    /// The row's line in the file.
    pub line: u64,
    /// `Customer ID`: the customer's tenant ID.
    pub customer_id: Option<String>,
    /// `TPID`.
    pub tpid: Option<String>,
    /// `Customer Name`.
    pub customer_name: String,
    /// `Opportunity Type`: Customer acquisition, retention or growth.
    pub opportunity_type: String,
    /// `Customer Insight`.
    pub insight: Option<String>,
    /// `Suggested Actions`.
    pub actions: Option<String>,
    /// `Related Resources`.
    pub resources: Option<String>,
    /// `Growth Propensity` (High, Medium, Low).
    pub propensity: Option<String>,
    /// `Recommended Product` (blank for retention).
    pub product: Option<String>,
    /// `Seats`: paid licences of the customer.
    pub seats: Option<u32>,
    /// `Date added`.
    pub date_added: Option<NaiveDate>,
    /// `Link`: the opportunity's unique URL.
    pub link: Option<String>,
}

/// Opportunity types Sales Advisor writes.
const KNOWN_TYPES: [&str; 4] = [
    "customer acquisition",
    "customer retention",
    "customer growth",
    "customer engagement",
];

/// Reads the export. Rows with errors are left out of the result and reported.
pub fn read_lighthouse_export(
    file: &str,
    text: &CsvText,
) -> (ImportReport, Vec<LighthouseOpportunity>) {
    let mut report = ImportReport::new(file, FileKind::LighthouseOpportunities);
    report.encoding = Some(text.encoding());
    report.delimiter = Some(text.dialect().delimiter_char());
    report.decimal_comma = text.dialect().decimal_comma;
    let mut records = text.records();
    let Some(header) = records.next() else {
        report.error(None, None, "the file is empty");
        return (report, Vec::new());
    };
    let map = HeaderMap::new(header.iter(), &COLUMNS);
    let mut missing: Vec<&str> = map.missing().to_vec();
    if !map.has("Customer ID") && !map.has("TPID") {
        missing.push("Customer ID (or TPID)");
    }
    if !missing.is_empty() {
        report.error(
            Some(header.line),
            None,
            format!("required columns missing: {}", missing.join(", ")),
        );
        return (report, Vec::new());
    }
    if let Some(reason) = map.duplicated() {
        report.error(Some(header.line), None, reason);
        return (report, Vec::new());
    }
    for (found, documented) in map.approximate() {
        report.note(format!("column '{found}' read as '{documented}'"));
    }
    if !map.unknown().is_empty() {
        report.note(format!(
            "columns not in the documented export, ignored: {}",
            map.unknown().join(", ")
        ));
    }
    let name_of = |column: &str| {
        map.position(column)
            .and_then(|p| header.get(p))
            .map_or_else(|| column.to_owned(), |n| n.trim().to_owned())
    };
    let day_first = text.dialect().decimal_comma;
    let mut rows = Vec::new();
    let mut seen: HashMap<(String, String, String), u64> = HashMap::new();
    let mut unknown_products: BTreeMap<String, u32> = BTreeMap::new();
    let mut unknown_types: BTreeMap<String, u32> = BTreeMap::new();
    for row in records {
        report.rows_read += 1;
        if row.len() != header.len()
            && !(row.len() > header.len() && row.iter().skip(header.len()).all(str::is_empty))
        {
            report.error(
                Some(row.line),
                None,
                format!(
                    "the row has {} fields, the header {}",
                    row.len(),
                    header.len()
                ),
            );
            continue;
        }
        let text_of = |column: &str| {
            map.get(&row, column)
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_owned)
        };
        let customer_id = text_of("Customer ID");
        let tpid = text_of("TPID");
        let mut failed = false;
        if customer_id.is_none() && tpid.is_none() {
            report.error(
                Some(row.line),
                Some(&name_of("Customer ID")),
                "no customer ID or TPID",
            );
            failed = true;
        }
        let customer_name = text_of("Customer Name").unwrap_or_default();
        let Some(opportunity_type) = text_of("Opportunity Type") else {
            report.error(
                Some(row.line),
                Some(&name_of("Opportunity Type")),
                "no opportunity type",
            );
            continue;
        };
        let seats = match text_of("Seats") {
            None => None,
            Some(v) => match parse_count(&v).and_then(|n| u32::try_from(n).ok()) {
                Some(n) => Some(n),
                None => {
                    report.error(
                        Some(row.line),
                        Some(&name_of("Seats")),
                        format!("'{v}' is not a number of seats"),
                    );
                    failed = true;
                    None
                }
            },
        };
        let date_added = match parse_date(map.get(&row, "Date added").unwrap_or(""), day_first) {
            Ok(d) => d,
            Err(reason) => {
                report.error(Some(row.line), Some(&name_of("Date added")), reason);
                failed = true;
                None
            }
        };
        if failed {
            continue;
        }
        let product = text_of("Recommended Product");
        if let Some(p) = &product {
            if Product::parse(p).is_err() {
                *unknown_products.entry(p.clone()).or_default() += 1;
            }
        }
        if !KNOWN_TYPES.contains(&opportunity_type.to_lowercase().as_str()) {
            *unknown_types.entry(opportunity_type.clone()).or_default() += 1;
        }
        let key = (
            customer_id
                .clone()
                .or_else(|| tpid.clone())
                .unwrap_or_default()
                .to_lowercase(),
            opportunity_type.to_lowercase(),
            product.clone().unwrap_or_default().to_lowercase(),
        );
        if let Some(first) = seen.get(&key) {
            report.warning(
                Some(row.line),
                None,
                format!(
                    "the same opportunity ({customer_name}, {opportunity_type}) appears again \
                     (first on line {first}): counted once"
                ),
            );
            continue;
        }
        seen.insert(key, row.line);
        rows.push(LighthouseOpportunity {
            line: row.line,
            customer_id,
            tpid,
            customer_name,
            opportunity_type,
            insight: text_of("Customer Insight"),
            actions: text_of("Suggested Actions"),
            resources: text_of("Related Resources"),
            propensity: text_of("Growth Propensity"),
            product,
            seats,
            date_added,
            link: text_of("Link"),
        });
        report.rows_accepted += 1;
    }
    if !unknown_products.is_empty() {
        let list: Vec<String> = unknown_products
            .iter()
            .map(|(p, n)| format!("{p} ({n})"))
            .collect();
        report.note(format!(
            "recommended products not in the catalogue (kept as written): {}",
            list.join("; ")
        ));
    }
    if !unknown_types.is_empty() {
        let list: Vec<String> = unknown_types
            .iter()
            .map(|(p, n)| format!("{p} ({n})"))
            .collect();
        report.note(format!(
            "opportunity types Sales Advisor does not document (kept as written): {}",
            list.join("; ")
        ));
    }
    (report, rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_export_tolerantly() {
        let text = "\u{feff}customer id;TPID;Customer name;Opportunity type;Customer insight;Suggested actions;Related resources;Growth propensity;Recommended product;Seats;Date added;Link\r\n\
t-1;123;Contoso;Customer growth;\"Uses 92% of seats; wants more\";Call;Playbook;High;Microsoft 365 Business Premium;1.200;31/10/2026;https://x/1\r\n\
t-2;;Fabrikam;Customer retention;Low usage;Workshop;;Medium;;12;2026-10-01;\r\n\
;;Nobody;Customer growth;;;;;;;;\r\n";
        let (report, rows) =
            read_lighthouse_export("l.csv", &CsvText::from_bytes(text.as_bytes()).unwrap());
        assert_eq!(report.delimiter, Some(';'));
        assert_eq!(rows.len(), 2, "{report}");
        assert_eq!(rows[0].seats, Some(1200));
        assert_eq!(rows[0].date_added, NaiveDate::from_ymd_opt(2026, 10, 31));
        assert_eq!(
            rows[0].insight.as_deref(),
            Some("Uses 92% of seats; wants more")
        );
        assert_eq!(rows[1].product, None);
        assert_eq!(report.errors().count(), 1);
        assert_eq!(report.errors().next().unwrap().line, Some(4));
    }
}
