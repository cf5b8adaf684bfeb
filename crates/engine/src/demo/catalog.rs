//! What the demo knows about products: which workloads each licence carries, the upgrade and
//! downgrade ladders, and seat limits.

use partner_advisor_domain::{Product, Workload};

/// The workloads in the order the generator keeps adoption for them.
pub(crate) const WORKLOADS: [Workload; 5] = [
    Workload::Exchange,
    Workload::CoreApps,
    Workload::Teams,
    Workload::SharePoint,
    Workload::OneDrive,
];

/// Typical share of assigned users active in a month, per workload (before the tenant's own
/// engagement scales it).
pub(crate) const BASE_ADOPTION: [f64; 5] = [0.93, 0.78, 0.72, 0.5, 0.62];

/// Whether `product` carries workload number `w` (index into [`WORKLOADS`]).
pub(crate) fn carries(product: Product, w: usize) -> bool {
    use Product::*;
    match product {
        ExchangeOnlinePlan1 => w == 0,
        AppsForBusiness => w == 1 || w == 4,
        BusinessBasic => w != 1,
        BusinessStandard | BusinessPremium | Office365E3 | Microsoft365E3 | Microsoft365E5 => true,
        TeamsEssentials => w == 2 || w == 4,
        TeamsExploratory => w == 2 || w == 3 || w == 4,
        _ => false,
    }
}

/// Products that are a customer's core productivity licence.
pub(crate) fn is_core(product: Product) -> bool {
    use Product::*;
    matches!(
        product,
        ExchangeOnlinePlan1
            | AppsForBusiness
            | BusinessBasic
            | BusinessStandard
            | BusinessPremium
            | Office365E3
            | Microsoft365E3
            | Microsoft365E5
    )
}

/// Business plans stop at 300 seats.
pub(crate) fn seat_cap(product: Product) -> u32 {
    use Product::*;
    match product {
        BusinessBasic | BusinessStandard | BusinessPremium | AppsForBusiness => 300,
        _ => u32::MAX,
    }
}

/// The next step up from a core product; `alternative` picks the less common path.
pub(crate) fn upgrade_of(product: Product, alternative: bool) -> Option<Product> {
    use Product::*;
    Some(match product {
        ExchangeOnlinePlan1 if alternative => BusinessStandard,
        ExchangeOnlinePlan1 => BusinessBasic,
        AppsForBusiness => BusinessStandard,
        BusinessBasic if alternative => BusinessPremium,
        BusinessBasic => BusinessStandard,
        BusinessStandard => BusinessPremium,
        BusinessPremium => Microsoft365E3,
        Office365E3 if alternative => Microsoft365E5,
        Office365E3 => Microsoft365E3,
        Microsoft365E3 => Microsoft365E5,
        _ => return None,
    })
}

/// The step down from a core product, if there is one.
pub(crate) fn downgrade_of(product: Product) -> Option<Product> {
    use Product::*;
    Some(match product {
        BusinessPremium => BusinessStandard,
        BusinessStandard => BusinessBasic,
        BusinessBasic => ExchangeOnlinePlan1,
        Microsoft365E5 => Microsoft365E3,
        Microsoft365E3 => Office365E3,
        Office365E3 => BusinessPremium,
        _ => return None,
    })
}

/// Add-ons a core product already includes (dropped when moving to it).
pub(crate) fn included_in(core: Product, addon: Product) -> bool {
    use Product::*;
    match core {
        BusinessPremium => matches!(addon, DefenderForBusiness | EntraIdP1),
        Microsoft365E3 => matches!(addon, EntraIdP1 | EmsE5),
        Microsoft365E5 => matches!(
            addon,
            EntraIdP1 | EmsE5 | DefenderForOfficeP2 | DefenderForBusiness
        ),
        _ => false,
    }
}

/// Security add-ons a customer on `core` could still buy, most common first.
pub(crate) fn security_options(core: Product) -> &'static [Product] {
    use Product::*;
    match core {
        ExchangeOnlinePlan1 | AppsForBusiness | BusinessBasic | BusinessStandard => {
            &[DefenderForBusiness, DefenderForOfficeP2, EntraIdP1]
        }
        BusinessPremium | Microsoft365E3 => &[DefenderForOfficeP2],
        Office365E3 => &[EmsE5, DefenderForOfficeP2],
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ladders_are_consistent() {
        for product in Product::ALL.iter().copied().filter(|p| is_core(*p)) {
            for alt in [false, true] {
                if let Some(up) = upgrade_of(product, alt) {
                    assert!(is_core(up));
                    assert!(up.list_price_usd_month() > product.list_price_usd_month());
                }
            }
            if let Some(down) = downgrade_of(product) {
                assert!(down.list_price_usd_month() < product.list_price_usd_month());
            }
        }
        assert_eq!(upgrade_of(Product::Microsoft365E5, false), None);
    }

    #[test]
    fn suites_carry_every_workload() {
        assert!((0..5).all(|w| carries(Product::BusinessStandard, w)));
        assert!(!carries(Product::BusinessBasic, 1));
        assert!(!carries(Product::SurfaceDevice, 0));
    }
}
