//! **SMB tenant engagement** (retention, business rule).
//!
//! A small or medium business (at most `smb_max_employees`, default 299 employees) whose active users stay below the adoption threshold (default 50%) on at least
//! `smb_min_workloads` (default 3) of the five workloads it has licences for: Exchange (e-mail),
//! Microsoft 365 Apps, Teams, SharePoint and OneDrive. Its probability is the share of licensed
//! users who are not active, averaged over those workloads: the more unused, the more urgent.
//! Workloads with fewer than `smb_min_assigned` (default 5) licensed users are not judged.

use super::super::features::Features;
use super::super::history::{workload_key, WORKLOADS};
use super::super::settings::OpportunitySettings;
use super::Fact;

/// The probability and the reason, when the rule fires.
pub(crate) fn evaluate(f: &Features, settings: &OpportunitySettings) -> Option<(f64, Fact)> {
    if f.employees > f64::from(settings.smb_max_employees) {
        return None;
    }
    let mut below = Vec::new();
    let mut ratios = Vec::new();
    for (i, w) in WORKLOADS.iter().enumerate() {
        let r = f.active_ratio[i];
        // A workload of a handful of users says little about adoption.
        if f.assigned[i] < settings.smb_min_assigned || !r.is_finite() {
            continue;
        }
        ratios.push(r);
        if r < settings.smb_threshold {
            below.push(workload_key(*w).to_owned());
        }
    }
    if below.len() < settings.smb_min_workloads as usize {
        return None;
    }
    let mean = ratios.iter().sum::<f64>() / ratios.len() as f64;
    let fact = Fact::SmbBelow {
        count: below.len() as u32,
        total: ratios.len() as u32,
        workloads: below,
        threshold: settings.smb_threshold,
        employees: f.employees as u32,
    };
    Some(((1.0 - mean).clamp(0.0, 1.0), fact))
}
