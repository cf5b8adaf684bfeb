//! **Churn risk** (retention, machine learning).
//!
//! Looks at every tenant with paid seats and a main licence. The event: within the horizon
//! (default 6 months) the tenant loses at least [`SEAT_LOSS`] of its paid seats, moves its main
//! licence down, or has no paid main licence left. No product is recommended (retention).
//! Inputs and learner as for [`super::b_sku`]; falling usage and seats are what usually drive it.

use super::super::history::{core_rank, TenantState};

/// Share of paid seats lost that counts as churn.
pub(crate) const SEAT_LOSS: f64 = 0.25;

/// Whether the model looks at the tenant.
pub(crate) fn eligible(state: &TenantState) -> bool {
    state.seats() > 0 && state.core().is_some()
}

/// The event between `from` and `later`.
pub(crate) fn churned(from: &TenantState, later: &TenantState) -> bool {
    let rank = |s: &TenantState| s.core().and_then(|(p, _)| core_rank(p));
    let before = f64::from(from.seats());
    let after = f64::from(later.seats());
    match (rank(from), rank(later)) {
        (Some(a), Some(b)) => b < a || after < before * (1.0 - SEAT_LOSS),
        (Some(_), None) => true,
        _ => false,
    }
}
