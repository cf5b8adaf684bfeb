//! **E-SKU: Microsoft 365 Enterprise SKUs** (growth, machine learning).
//!
//! Looks at tenants on Business Premium, Office 365 E3 or Microsoft 365 E3: the customers who can
//! move to (or within) the Enterprise SKUs. The event: within the horizon (default 6 months) the
//! main licence moves up (Business Premium → Microsoft 365 E3, Office 365 E3 → Microsoft 365 E3,
//! Microsoft 365 E3 → Microsoft 365 E5), which is also the recommended product.
//! Inputs and learner as for [`super::b_sku`].

use partner_advisor_domain::Product;

use super::super::history::TenantState;

/// The product this model recommends to a tenant, or `None` when it does not look at it.
pub(crate) fn target(state: &TenantState) -> Option<Product> {
    use Product::*;
    let (core, _) = state.core()?;
    Some(match core {
        BusinessPremium | Office365E3 => Microsoft365E3,
        Microsoft365E3 => Microsoft365E5,
        _ => return None,
    })
}
