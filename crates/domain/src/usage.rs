//! Monthly usage per workload, and per-user activity from the Microsoft 365 usage reports.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

crate::wire_enum! {
    /// A Microsoft 365 workload, named as the Lighthouse usage table names it.
    Workload, "workload" {
        /// Exchange Online (e-mail).
        Exchange => "Exchange",
        /// Microsoft 365 Apps (Core Apps: Word, Excel, PowerPoint, Outlook).
        CoreApps => "Microsoft 365 Apps",
        /// Microsoft Teams.
        Teams => "Teams",
        /// SharePoint Online.
        SharePoint => "SharePoint",
        /// OneDrive for Business.
        OneDrive => "OneDrive",
    }
}

/// Usage of one workload by one customer in one month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UsageMonth {
    /// The customer's tenant ID.
    pub tenant_id: String,
    /// The workload.
    pub workload: Workload,
    /// First day of the month.
    pub month: NaiveDate,
    /// Users with a licence that contains the workload.
    pub assigned: u32,
    /// Users who used it intentionally during the month.
    pub active: u32,
}

impl UsageMonth {
    /// Active users over assigned users, 0 when nobody is assigned.
    pub fn active_ratio(&self) -> f64 {
        if self.assigned == 0 {
            0.0
        } else {
            f64::from(self.active) / f64::from(self.assigned)
        }
    }
}

/// One user's last activity per workload, as the Office 365 active user detail report gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserActivity {
    /// The customer's tenant ID.
    pub tenant_id: String,
    /// User principal name; concealed (hashed) when the tenant hides names in reports.
    pub user_principal_name: String,
    /// Last activity date per workload, `None` when never active or unlicensed.
    pub last_activity: Vec<(Workload, Option<NaiveDate>)>,
}
