//! **MFA engagement** (engagement, shown under retention; decision tree): roll out multifactor
//! authentication in Microsoft Entra ID.
//!
//! Looks at tenants with paid seats whose MFA is neither enforced nor registered by
//! [`COVERED`] of their users (a tenant that enforces it has nothing left to roll out). The event: MFA enforced or registration reaching [`COVERED`]
//! within the horizon. No product is recommended.
//! The shipped tree: tenants that already started (some users registered) and have Entra ID P1
//! (conditional access) finish the rollout most often.

use super::super::features::Features;
use super::super::history::TenantState;
use super::tree::{Node, ShippedTree};

/// Share of users registered for MFA that counts as covered.
pub(crate) const COVERED: f64 = 0.8;

/// Inputs of the tree.
pub(crate) const INPUTS: [&str; 7] = [
    "mfaRatio",
    "mfaEnforced",
    "hasEntraP1",
    "paidSeats",
    "employees",
    "devicesPerSeat",
    "avgActiveRatio",
];

/// Whether the model looks at the tenant.
pub(crate) fn eligible(state: &TenantState, f: &Features) -> bool {
    state.seats() > 0 && state.security.is_some() && (f.mfa_enforced < 0.5 || f.mfa_ratio < COVERED)
}

/// The event: MFA enforced or covering most users.
pub(crate) fn adopted(later: &TenantState) -> bool {
    let seats = later.seats().max(1);
    later.security.is_some_and(|s| {
        s.mfa_enforced || f64::from(s.mfa_registered) / f64::from(seats) >= COVERED
    })
}

/// The tree shipped with the app.
pub(crate) const SHIPPED: ShippedTree = ShippedTree(&[
    /* 0 */
    Node::Split {
        feature: "mfaRatio",
        threshold: 0.3,
        left: 1,
        right: 2,
    },
    /* 1 */
    Node::Split {
        feature: "hasEntraP1",
        threshold: 0.5,
        left: 3,
        right: 4,
    },
    /* 2 */
    Node::Split {
        feature: "paidSeats",
        threshold: 25.0,
        left: 5,
        right: 6,
    },
    /* 3 */ Node::Leaf(0.22),
    /* 4 */ Node::Leaf(0.41),
    /* 5 */ Node::Leaf(0.48),
    /* 6 */ Node::Leaf(0.66),
]);
