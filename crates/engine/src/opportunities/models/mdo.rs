//! **MDO growth** (growth, decision tree): Microsoft 365 Business Premium or Microsoft Defender
//! for Office 365 (Plan 2).
//!
//! Looks at tenants on Business Basic or Standard (recommend Business Premium, which brings
//! Defender for Office 365 Plan 1) and tenants on Business Premium, Office 365 E3 or Microsoft
//! 365 E3 without Defender for Office 365 (recommend Plan 2). The event: the tenant gets Defender
//! for Office 365 (or Business Premium, or E5) within the horizon.
//! The shipped tree: mail in real use and a security-minded tenant (MFA registered) buy e-mail
//! protection; small, little-used tenants rarely do.

use partner_advisor_domain::Product;

use super::super::features::Features;
use super::super::history::TenantState;
use super::tree::{Node, ShippedTree};

/// Inputs of the tree.
pub(crate) const INPUTS: [&str; 8] = [
    "activeRatio.exchange",
    "avgActiveRatio",
    "paidSeats",
    "employees",
    "mfaRatio",
    "mfaEnforced",
    "devicesPerSeat",
    "seatChange3m",
];

/// The product recommended, or `None` when the model does not look at the tenant.
pub(crate) fn target(state: &TenantState, f: &Features) -> Option<Product> {
    use Product::*;
    let (core, _) = state.core()?;
    match core {
        BusinessBasic | BusinessStandard => Some(BusinessPremium),
        BusinessPremium | Office365E3 | Microsoft365E3 if f.has_defender_office < 0.5 => {
            Some(DefenderForOfficeP2)
        }
        _ => None,
    }
}

/// The event: Defender for Office 365 appears.
pub(crate) fn gained(from: &Features, later: &TenantState) -> bool {
    from.has_defender_office < 0.5
        && (later.has_live(Product::DefenderForOfficeP2)
            || later.has_live(Product::BusinessPremium) && !from_premium(from)
            || later.has_live(Product::Microsoft365E5)
            || later.security.is_some_and(|s| s.defender_office))
}

fn from_premium(f: &Features) -> bool {
    f.has_business_premium > 0.5
}

/// The tree shipped with the app, used until the workspace's history is enough to learn one.
pub(crate) const SHIPPED: ShippedTree = ShippedTree(&[
    /* 0 */
    Node::Split {
        feature: "activeRatio.exchange",
        threshold: 0.6,
        left: 1,
        right: 2,
    },
    /* 1 */
    Node::Split {
        feature: "paidSeats",
        threshold: 10.0,
        left: 3,
        right: 4,
    },
    /* 2 */
    Node::Split {
        feature: "mfaRatio",
        threshold: 0.5,
        left: 5,
        right: 6,
    },
    /* 3 */ Node::Leaf(0.12),
    /* 4 */ Node::Leaf(0.24),
    /* 5 */ Node::Leaf(0.38),
    /* 6 */ Node::Leaf(0.64),
]);
