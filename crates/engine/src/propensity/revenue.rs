//! Revenue potential per customer and solution area: the untapped revenue, USD per year, at
//! list prices (SPEC §6.1: "seats × price difference, or a lookalike median").
//!
//! - **M365** (seats × price difference): the step to the suite the customer's size calls for —
//!   Business Premium up to 300 employees, Microsoft 365 E3 above (Office 365 E3 moves to
//!   Microsoft 365 E3, E3 to E5) — on its current productivity seats, plus that suite for the
//!   employees without a seat, plus Copilot for a tenth of the seats when its suite takes Copilot
//!   and it has none.
//! - **Security** (seats × price difference): on its productivity seats (its employees when it
//!   has none), the security step its licence lacks — E5 Security (12 USD) on Office 365 or
//!   Microsoft 365 E3 without both EMS E5 and Defender for Office 365 P2, Defender for Office
//!   365 P2 (5 USD) on Business Premium without it, Defender for Business (3 USD) on anything
//!   lower without it; nothing on E5.
//! - **Surface, Azure, Business Central, Sales, Finance & Operations, Power Apps** (lookalike
//!   median): the median monthly spend per employee of the area's buyers among the partner's
//!   customers, times the customer's employees, less what it spends in the area already (never
//!   below zero). Spend counts the partner's subscriptions and the quantities of products bought
//!   through other channels, at list prices (Surface devices 45 USD a month for 36 months, Business
//!   Central 80, Sales Professional 65, Power Apps Premium 20, Dynamics 365 Finance 180 per user
//!   and month; Azure at its spend). Until the area has buyers, the median is a shipped default
//!   per employee: 0.3 devices, 5 USD of Azure, a fifth of the staff on Business Central, 15% on
//!   Sales, a tenth on Finance, a fifth on Power Apps.

use partner_advisor_domain::{ExternalSignalKind as K, Product};
use partner_advisor_formats::cloudascent::SolutionArea;

use super::facts::{Facts, COPILOT_BASES};

/// Dynamics 365 Finance, USD per user and month (list price, 2023).
pub const FINANCE_PRICE_USD: f64 = 180.0;
/// Microsoft 365 E5 Security add-on, USD per user and month (list price).
pub const E5_SECURITY_PRICE_USD: f64 = 12.0;
/// Share of the seats a first Copilot purchase covers.
const COPILOT_SHARE: f64 = 0.1;
/// Employees above which Business Premium (capped at 300 seats) gives way to Microsoft 365 E3.
const BUSINESS_PLAN_CAP: u32 = 300;

/// Quantities of an external signal kind (seats, devices, USD), summed.
fn external(f: &Facts, kind: K) -> f64 {
    f.signals(kind)
        .map(|o| {
            if o.quantity.is_finite() {
                o.quantity
            } else {
                0.0
            }
        })
        .sum()
}

/// The customer's spend in an area per month, USD, at list prices.
pub(crate) fn area_spend(area: SolutionArea, f: &Facts) -> f64 {
    let seats = |p: Product| f64::from(f.seats_of(p));
    match area {
        SolutionArea::Surface => {
            f64::from(f.surface_devices_3y()) * Product::SurfaceDevice.list_price_usd_month()
        }
        SolutionArea::Azure => f.azure_spend(),
        SolutionArea::D365BusinessCentral => {
            (seats(Product::BusinessCentralEssentials) + external(f, K::BusinessCentral))
                * Product::BusinessCentralEssentials.list_price_usd_month()
        }
        SolutionArea::D365CustomerEngagement => {
            (seats(Product::SalesProfessional) + external(f, K::DynamicsSales))
                * Product::SalesProfessional.list_price_usd_month()
        }
        SolutionArea::D365FinanceOperations => external(f, K::DynamicsFinance) * FINANCE_PRICE_USD,
        SolutionArea::PowerApps => {
            (seats(Product::PowerAppsPremium) + external(f, K::PowerApps))
                * Product::PowerAppsPremium.list_price_usd_month()
        }
        SolutionArea::M365 | SolutionArea::Security => Product::ALL
            .iter()
            .map(|p| f64::from(f.seats_of(*p)) * p.list_price_usd_month())
            .sum(),
    }
}

/// The shipped spend per employee and month when the area has no buyers yet.
fn default_spend_per_employee(area: SolutionArea) -> f64 {
    match area {
        SolutionArea::Surface => 0.3 * Product::SurfaceDevice.list_price_usd_month(),
        SolutionArea::Azure => 5.0,
        SolutionArea::D365BusinessCentral => {
            0.2 * Product::BusinessCentralEssentials.list_price_usd_month()
        }
        SolutionArea::D365CustomerEngagement => {
            0.15 * Product::SalesProfessional.list_price_usd_month()
        }
        SolutionArea::D365FinanceOperations => 0.1 * FINANCE_PRICE_USD,
        SolutionArea::PowerApps => 0.2 * Product::PowerAppsPremium.list_price_usd_month(),
        SolutionArea::M365 | SolutionArea::Security => 0.0,
    }
}

/// The suite the customer's size calls for, from its main licence.
fn m365_target(core: Option<Product>, employees: u32) -> Product {
    use Product::*;
    let business = employees <= BUSINESS_PLAN_CAP;
    match core {
        Some(Microsoft365E5) => Microsoft365E5,
        Some(Microsoft365E3) => Microsoft365E5,
        Some(Office365E3) => Microsoft365E3,
        _ if business => BusinessPremium,
        _ => Microsoft365E3,
    }
}

/// The revenue potential of the customer in the area, USD per year (whole dollars).
/// `median_spend_per_employee` is the area's lookalike median (see the module).
pub fn potential(area: SolutionArea, f: &Facts, median_spend_per_employee: Option<f64>) -> f64 {
    let monthly = match area {
        SolutionArea::M365 => m365(f),
        SolutionArea::Security => security(f),
        _ => {
            let per_employee =
                median_spend_per_employee.unwrap_or_else(|| default_spend_per_employee(area));
            (per_employee * f64::from(f.employees) - area_spend(area, f)).max(0.0)
        }
    };
    (monthly * 12.0).round()
}

fn m365(f: &Facts) -> f64 {
    let core = f.core();
    let seats = f.productivity_seats();
    let target = m365_target(core.map(|(p, _)| p), f.employees);
    let step: f64 = Product::ALL
        .iter()
        .filter(|p| super::facts::core_rank(**p).is_some())
        .map(|p| {
            let gap = (target.list_price_usd_month() - p.list_price_usd_month()).max(0.0);
            f64::from(f.seats_of(*p)) * gap
        })
        .sum();
    let uncovered = f64::from(f.employees.saturating_sub(seats)) * target.list_price_usd_month();
    let copilot = if f.has_any(&COPILOT_BASES) && !f.has(Product::Copilot) {
        (f64::from(seats) * COPILOT_SHARE).ceil() * Product::Copilot.list_price_usd_month()
    } else {
        0.0
    };
    step + uncovered + copilot
}

fn security(f: &Facts) -> f64 {
    use Product::*;
    let seats = match f.productivity_seats() {
        0 => f.employees,
        n => n,
    };
    let price = if f.has(Microsoft365E5) {
        0.0
    } else if f.has_any(&[Office365E3, Microsoft365E3]) {
        if f.has(EmsE5) && f.has(DefenderForOfficeP2) {
            0.0
        } else {
            E5_SECURITY_PRICE_USD
        }
    } else if f.has(BusinessPremium) {
        if f.has(DefenderForOfficeP2) {
            0.0
        } else {
            DefenderForOfficeP2.list_price_usd_month()
        }
    } else if f.has(DefenderForBusiness) {
        0.0
    } else {
        DefenderForBusiness.list_price_usd_month()
    };
    f64::from(seats) * price
}

#[cfg(test)]
mod tests {
    use super::super::facts::fixture::*;
    use super::*;

    #[test]
    fn m365_is_the_step_to_the_right_suite_plus_the_uncovered_staff_and_copilot() {
        // 40 Business Standard seats, 50 employees: 40 × (22 − 12.5) + 10 × 22 + 4 × 30.
        let f = with(customer(50), Product::BusinessStandard, 40);
        let expected = (40.0 * 9.5 + 10.0 * 22.0 + 4.0 * 30.0) * 12.0;
        assert_eq!(potential(SolutionArea::M365, &f, None), expected);
        // E5 everywhere with Copilot: nothing left.
        let f = with(
            with(customer(400), Product::Microsoft365E5, 400),
            Product::Copilot,
            40,
        );
        assert_eq!(potential(SolutionArea::M365, &f, None), 0.0);
        // Office 365 E3 steps to Microsoft 365 E3.
        let f = with(customer(400), Product::Office365E3, 400);
        let expected = (400.0 * 13.0 + 40.0 * 30.0) * 12.0;
        assert_eq!(potential(SolutionArea::M365, &f, None), expected);
    }

    #[test]
    fn security_is_the_missing_step() {
        let f = with(customer(20), Product::BusinessBasic, 20);
        assert_eq!(
            potential(SolutionArea::Security, &f, None),
            20.0 * 3.0 * 12.0
        );
        let f = with(customer(20), Product::BusinessPremium, 20);
        assert_eq!(
            potential(SolutionArea::Security, &f, None),
            20.0 * 5.0 * 12.0
        );
        let f = with(customer(400), Product::Microsoft365E3, 400);
        assert_eq!(
            potential(SolutionArea::Security, &f, None),
            400.0 * 12.0 * 12.0
        );
        let f = with(customer(400), Product::Microsoft365E5, 400);
        assert_eq!(potential(SolutionArea::Security, &f, None), 0.0);
    }

    #[test]
    fn other_areas_use_the_lookalike_median_less_current_spend() {
        let f = with(customer(50), Product::BusinessCentralEssentials, 5);
        let bc = SolutionArea::D365BusinessCentral;
        assert_eq!(area_spend(bc, &f), 400.0);
        // Buyers spend 16 USD per employee: 800 − 400 a month.
        assert_eq!(potential(bc, &f, Some(16.0)), 400.0 * 12.0);
        assert_eq!(potential(bc, &f, Some(4.0)), 0.0);
        // No buyers yet: the shipped default (a fifth of 50 staff at 80 USD) less the spend.
        assert_eq!(potential(bc, &f, None), (10.0 * 80.0 - 400.0) * 12.0);
        let mut fin = observed(K::DynamicsFinance);
        fin.quantity = 10.0;
        let f = signal(customer(300), fin);
        assert_eq!(area_spend(SolutionArea::D365FinanceOperations, &f), 1_800.0);
    }
}
