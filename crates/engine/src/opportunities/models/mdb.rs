//! **MDB growth** (growth, decision tree): Microsoft Defender for Business.
//!
//! Looks at small and medium tenants (at most [`MAX_EMPLOYEES`] employees) with paid seats and
//! no Defender for Business yet (Business Premium includes it; Microsoft 365 E5 tenants are left
//! out). The event: Defender for Business (alone or through Business Premium) within the horizon.
//! The shipped tree: tenants that manage their devices but have no endpoint protection buy it.

use partner_advisor_domain::Product;

use super::super::features::Features;
use super::super::history::TenantState;
use super::tree::{Node, ShippedTree};

/// Defender for Business is sold to organisations up to 300 users.
pub(crate) const MAX_EMPLOYEES: f64 = 300.0;

/// Inputs of the tree.
pub(crate) const INPUTS: [&str; 7] = [
    "devicesPerSeat",
    "hasDefenderEndpoint",
    "employees",
    "paidSeats",
    "mfaRatio",
    "avgActiveRatio",
    "seatChange3m",
];

/// Whether the model looks at the tenant.
pub(crate) fn eligible(state: &TenantState, f: &Features) -> bool {
    state.seats() > 0
        && f.employees <= MAX_EMPLOYEES
        && f.has_defender_business < 0.5
        && !state.has_live(Product::Microsoft365E5)
}

/// The event: Defender for Business appears.
pub(crate) fn gained(later: &TenantState) -> bool {
    later.has_live(Product::DefenderForBusiness)
        || later.has_live(Product::BusinessPremium)
        || later.security.is_some_and(|s| s.defender_business)
}

/// The tree shipped with the app.
pub(crate) const SHIPPED: ShippedTree = ShippedTree(&[
    /* 0 */
    Node::Split {
        feature: "devicesPerSeat",
        threshold: 0.5,
        left: 1,
        right: 2,
    },
    /* 1 */ Node::Leaf(0.14),
    /* 2 */
    Node::Split {
        feature: "hasDefenderEndpoint",
        threshold: 0.5,
        left: 3,
        right: 4,
    },
    /* 3 */
    Node::Split {
        feature: "employees",
        threshold: 50.0,
        left: 5,
        right: 6,
    },
    /* 4 */ Node::Leaf(0.18),
    /* 5 */ Node::Leaf(0.44),
    /* 6 */ Node::Leaf(0.61),
]);
