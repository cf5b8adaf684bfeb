//! **Trials** (acquisition, business rule): convert a running trial (Microsoft Teams Exploratory
//! and any other trial) to paid before it ends.
//!
//! Fires for every trial subscription that ends within `trial_window_days` (default 30) of the
//! snapshot. The probability grows with use during the trial: 0.15 + 0.75 × the share of the
//! trial's seats active on the trial's main workload (Teams for Teams Exploratory, the average
//! over workloads otherwise), so an unused trial is Low and a busy one High.

use partner_advisor_domain::{Product, SubscriptionStatus};

use super::super::features::Features;
use super::super::history::{SnapshotInfo, TenantState, WORKLOADS};
use super::super::settings::OpportunitySettings;
use super::Fact;

/// One candidate per trial that ends soon: product, probability, reason.
pub(crate) fn evaluate(
    state: &TenantState,
    f: &Features,
    snap: &SnapshotInfo,
    settings: &OpportunitySettings,
) -> Vec<(Product, f64, Fact)> {
    let mut out = Vec::new();
    for sub in &state.subs {
        let (Some(product), SubscriptionStatus::Trial) = (sub.product, sub.status) else {
            continue;
        };
        let days = (sub.end - snap.as_of).num_days();
        if days < 0 || days > i64::from(settings.trial_window_days) {
            continue;
        }
        let teams = WORKLOADS
            .iter()
            .position(|w| *w == partner_advisor_domain::Workload::Teams)
            .unwrap_or(2);
        let (workload, active) = if product == Product::TeamsExploratory {
            ("teams", f.active[teams])
        } else {
            let best = (0..5).max_by_key(|i| f.active[*i]).unwrap_or(0);
            (
                super::super::history::workload_key(WORKLOADS[best]),
                f.active[best],
            )
        };
        let seats = sub.quantity.max(1);
        let ratio = (f64::from(active) / f64::from(seats)).min(1.0);
        let probability = 0.15 + 0.75 * ratio;
        out.push((
            product,
            probability,
            Fact::Trial {
                product: product.as_str().to_owned(),
                seats: sub.quantity,
                end_date: sub.end.to_string(),
                days,
                active: active.min(seats),
                workload: workload.to_owned(),
                ratio,
            },
        ));
    }
    out
}
