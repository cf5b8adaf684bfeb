//! **B-SKU: Microsoft 365 Business SKUs** (growth, machine learning).
//!
//! Looks at tenants whose main licence is a standalone app or a Business SKU below Premium
//! (Exchange Online Plan 1, Microsoft 365 Apps for business, Business Basic, Business Standard).
//! The event: within the horizon (default 6 months) the tenant's main licence moves up the
//! Business ladder. The recommended product is the next rung: Exchange → Business Basic,
//! Apps for business → Business Standard, Basic → Standard, Standard → Premium.
//! Inputs: every feature of [`super::super::features`]; learner and settings chosen on the most
//! recent labelled snapshots (see [`super::ml`]).

use partner_advisor_domain::Product;

use super::super::history::{core_rank, TenantState};

/// The product this model recommends to a tenant, or `None` when it does not look at it.
pub(crate) fn target(state: &TenantState) -> Option<Product> {
    use Product::*;
    let (core, _) = state.core()?;
    Some(match core {
        ExchangeOnlinePlan1 => BusinessBasic,
        AppsForBusiness => BusinessStandard,
        BusinessBasic => BusinessStandard,
        BusinessStandard => BusinessPremium,
        _ => return None,
    })
}

/// The event: a main licence ranked above `from` within the Business ladder or beyond.
pub(crate) fn upgraded(from: &TenantState, later: &TenantState) -> bool {
    let rank = |s: &TenantState| s.core().and_then(|(p, _)| core_rank(p)).unwrap_or(0);
    rank(later) > rank(from)
}
