//! Customer tenants and their computed subsegment.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

crate::wire_enum! {
    /// Size class of a customer, as Microsoft's SMC type summary names it.
    Subsegment, "subsegment" {
        /// 300 or more employees, or Azure consumption above 1,000 USD a month.
        UpperMedium => "Upper Medium",
        /// 25 to 299 employees.
        Medium => "Medium",
        /// 1 to 24 employees.
        VerySmall => "Very Small",
    }
}

/// Employees from which a customer is Upper Medium.
pub const UPPER_MEDIUM_MIN_EMPLOYEES: u32 = 300;
/// Azure consumed revenue per month (USD) above which a customer is Upper Medium.
pub const UPPER_MEDIUM_MIN_ACR_USD: f64 = 1_000.0;
/// Employees from which a customer is Medium.
pub const MEDIUM_MIN_EMPLOYEES: u32 = 25;

impl Subsegment {
    /// The subsegment of a customer with `employees` people and `acr_usd_month` of Azure spend.
    pub fn of(employees: u32, acr_usd_month: f64) -> Self {
        if employees >= UPPER_MEDIUM_MIN_EMPLOYEES || acr_usd_month > UPPER_MEDIUM_MIN_ACR_USD {
            Subsegment::UpperMedium
        } else if employees >= MEDIUM_MIN_EMPLOYEES {
            Subsegment::Medium
        } else {
            Subsegment::VerySmall
        }
    }
}

/// A customer tenant as of one snapshot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Customer {
    /// Microsoft Entra tenant ID (a GUID).
    pub tenant_id: String,
    /// Company name.
    pub name: String,
    /// Primary (default) domain of the tenant.
    pub primary_domain: String,
    /// Microsoft TPID, when known.
    pub tpid: Option<String>,
    /// Number of employees (organisation size).
    pub employees: u32,
    /// City.
    pub city: String,
    /// State, province or region.
    pub state: Option<String>,
    /// Postal code.
    pub postal_code: Option<String>,
    /// ISO 3166-1 alpha-2 country code.
    pub country: String,
    /// Industry, e.g. "Manufacturing".
    pub industry: String,
    /// Vertical inside the industry, e.g. "Discrete Manufacturing".
    pub vertical: String,
    /// Microsoft segment, e.g. "SMB".
    pub segment: String,
    /// Azure consumed revenue per month, USD.
    pub acr_usd_month: f64,
    /// Date of the customer's last transaction with the partner.
    pub last_transaction: Option<NaiveDate>,
}

impl Customer {
    /// The computed subsegment (never stored, always derived).
    pub fn subsegment(&self) -> Subsegment {
        Subsegment::of(self.employees, self.acr_usd_month)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subsegment_boundaries() {
        assert_eq!(Subsegment::of(1, 0.0), Subsegment::VerySmall);
        assert_eq!(Subsegment::of(24, 0.0), Subsegment::VerySmall);
        assert_eq!(Subsegment::of(25, 0.0), Subsegment::Medium);
        assert_eq!(Subsegment::of(299, 1_000.0), Subsegment::Medium);
        assert_eq!(Subsegment::of(299, 1_000.01), Subsegment::UpperMedium);
        assert_eq!(Subsegment::of(300, 0.0), Subsegment::UpperMedium);
        assert_eq!(Subsegment::of(3, 5_000.0), Subsegment::UpperMedium);
    }

    #[test]
    fn parse_is_tolerant() {
        assert_eq!(
            Subsegment::parse("upper_medium"),
            Ok(Subsegment::UpperMedium)
        );
        assert_eq!(Subsegment::parse("Very-Small"), Ok(Subsegment::VerySmall));
        assert!(Subsegment::parse("Large").is_err());
    }
}
