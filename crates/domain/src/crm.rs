//! Accounts from the partner's own CRM, matched later against propensity reports.

use serde::{Deserialize, Serialize};

/// One account of the partner's CRM export, as messy as real CRMs are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CrmAccount {
    /// The CRM's own identifier.
    pub crm_id: String,
    /// Account name as typed by a seller.
    pub name: String,
    /// Web site or e-mail domain, possibly with scheme, `www.` or path.
    pub domain: Option<String>,
    /// Microsoft TPID when the seller recorded it.
    pub tpid: Option<String>,
    /// ISO 3166-1 alpha-2 country code.
    pub country: Option<String>,
}
