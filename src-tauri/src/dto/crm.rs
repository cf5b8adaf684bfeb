//! CRM matching across IPC (SPEC §6.4): the imported account list and how the customers match it.

use partner_advisor_engine::crm::{CrmImportSummary, CrmMatch, CrmMatchSummary};
use serde::Serialize;

use super::count;

/// What importing a CRM account list stored.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CrmImportOutcome {
    /// Accounts stored (the list replaces the previous one).
    pub accounts: u32,
    /// Accounts of the previous list removed.
    pub replaced: u32,
    /// The file's encoding, e.g. `UTF-16 LE`.
    pub encoding: String,
    /// The file's delimiter.
    pub delimiter: String,
    /// What was accepted but is worth knowing.
    pub warnings: Vec<String>,
}

impl From<&CrmImportSummary> for CrmImportOutcome {
    fn from(s: &CrmImportSummary) -> Self {
        Self {
            accounts: count(s.accounts),
            replaced: count(s.replaced),
            encoding: s.encoding.clone(),
            delimiter: match s.delimiter {
                '\t' => "tab".to_owned(),
                d => d.to_string(),
            },
            warnings: s.warnings.clone(),
        }
    }
}

/// One customer and its CRM account.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CrmMatchRow {
    /// Tenant ID.
    pub tenant_id: String,
    /// TPID.
    pub customer_id: Option<String>,
    /// Customer name.
    pub customer_name: String,
    /// Primary domain.
    pub domain: String,
    /// The CRM account's ID.
    pub crm_id: Option<String>,
    /// The CRM account's name.
    pub crm_name: Option<String>,
    /// `domain`, `name`, `tpid` or `none`.
    pub method: String,
    /// 0–1.
    pub confidence: f64,
}

impl From<&CrmMatch> for CrmMatchRow {
    fn from(m: &CrmMatch) -> Self {
        Self {
            tenant_id: m.tenant_id.clone(),
            customer_id: m.customer_id.clone(),
            customer_name: m.customer_name.clone(),
            domain: m.domain.clone(),
            crm_id: m.crm_id.clone(),
            crm_name: m.crm_name.clone(),
            method: m.method.as_str().to_owned(),
            confidence: m.confidence,
        }
    }
}

/// How the customers match the stored CRM list.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CrmMatchView {
    /// The latest snapshot's date.
    pub as_of: String,
    /// Customers.
    pub customers: u32,
    /// Matched by domain.
    pub by_domain: u32,
    /// Matched by name.
    pub by_name: u32,
    /// Matched by TPID.
    pub by_tpid: u32,
    /// Not matched.
    pub unmatched: u32,
    /// CRM accounts stored.
    pub accounts: u32,
    /// CRM accounts no customer matched.
    pub accounts_unused: u32,
    /// The file written (an export), else `null`.
    pub path: Option<String>,
    /// The first customers, tenant order.
    pub rows: Vec<CrmMatchRow>,
}

impl From<&CrmMatchSummary> for CrmMatchView {
    fn from(s: &CrmMatchSummary) -> Self {
        Self {
            as_of: s.as_of.to_string(),
            customers: count(s.customers),
            by_domain: count(s.by_domain),
            by_name: count(s.by_name),
            by_tpid: count(s.by_tpid),
            unmatched: count(s.unmatched),
            accounts: count(s.accounts),
            accounts_unused: count(s.accounts_unused),
            path: s.path.as_ref().map(|p| p.display().to_string()),
            rows: s.preview.iter().map(CrmMatchRow::from).collect(),
        }
    }
}
