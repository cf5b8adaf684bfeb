//! The model inputs of one tenant at one snapshot (headcount, seats and their changes, usage
//! per workload and its trend, security posture, products), computed from that snapshot and the ones
//! before it only (never from later ones, so training rows see what a refresh would have seen).

use chrono::NaiveDate;
use partner_advisor_domain::{Product, SubscriptionStatus};
use partner_advisor_learn as learn;

use super::history::{core_rank, months_back, History, TenantState, WORKLOADS};

/// Below this share of active users a workload counts as poorly adopted.
pub(crate) const LOW_ADOPTION: f64 = 0.5;

/// The inputs of the models for one tenant at one snapshot. Missing values are NaN.
#[derive(Debug, Clone)]
pub(crate) struct Features {
    pub employees: f64,
    /// Relative change of the headcount over six months.
    pub employee_growth_6m: f64,
    pub paid_seats: f64,
    pub seat_change_3m: f64,
    pub live_products: f64,
    pub acr_usd: f64,
    pub days_to_renewal: f64,
    /// Active over assigned users per workload in the snapshot's month.
    pub active_ratio: [f64; 5],
    pub assigned: [u32; 5],
    pub active: [u32; 5],
    /// Points (0–100) the active ratio moved against the mean of the three previous months.
    pub active_trend: [f64; 5],
    pub avg_active_ratio: f64,
    pub workloads_below_half: f64,
    pub mfa_ratio: f64,
    pub mfa_enforced: f64,
    pub devices: f64,
    pub devices_per_seat: f64,
    pub has_defender_office: f64,
    pub has_defender_business: f64,
    pub has_defender_endpoint: f64,
    pub has_entra_p1: f64,
    pub has_trial: f64,
    pub has_business_premium: f64,
    pub country: String,
    pub industry: String,
    pub core_product: String,
    /// The month the usage figures describe.
    pub month: NaiveDate,
}

/// Numeric features by name, in a fixed order (the data set's column order).
pub(crate) const NUMERIC: [&str; 28] = [
    "employees",
    "employeeGrowth6m",
    "paidSeats",
    "seatChange3m",
    "liveProducts",
    "acrUsd",
    "daysToRenewal",
    "activeRatio.exchange",
    "activeRatio.coreApps",
    "activeRatio.teams",
    "activeRatio.sharePoint",
    "activeRatio.oneDrive",
    "activeTrend.exchange",
    "activeTrend.coreApps",
    "activeTrend.teams",
    "activeTrend.sharePoint",
    "activeTrend.oneDrive",
    "avgActiveRatio",
    "workloadsBelowHalf",
    "mfaRatio",
    "mfaEnforced",
    "devicesPerSeat",
    "hasDefenderOffice",
    "hasDefenderBusiness",
    "hasDefenderEndpoint",
    "hasEntraP1",
    "hasTrial",
    "hasBusinessPremium",
];

/// Categorical features by name.
pub(crate) const CATEGORICAL: [&str; 3] = ["country", "industry", "coreProduct"];

impl Features {
    /// The value of a numeric feature by name.
    pub fn numeric(&self, name: &str) -> f64 {
        let w = |key: &str| {
            WORKLOADS
                .iter()
                .position(|x| super::history::workload_key(*x) == key)
                .unwrap_or(0)
        };
        match name {
            "employees" => self.employees,
            "employeeGrowth6m" => self.employee_growth_6m,
            "paidSeats" => self.paid_seats,
            "seatChange3m" => self.seat_change_3m,
            "liveProducts" => self.live_products,
            "acrUsd" => self.acr_usd,
            "daysToRenewal" => self.days_to_renewal,
            "avgActiveRatio" => self.avg_active_ratio,
            "workloadsBelowHalf" => self.workloads_below_half,
            "mfaRatio" => self.mfa_ratio,
            "mfaEnforced" => self.mfa_enforced,
            "devicesPerSeat" => self.devices_per_seat,
            "hasDefenderOffice" => self.has_defender_office,
            "hasDefenderBusiness" => self.has_defender_business,
            "hasDefenderEndpoint" => self.has_defender_endpoint,
            "hasEntraP1" => self.has_entra_p1,
            "hasTrial" => self.has_trial,
            "hasBusinessPremium" => self.has_business_premium,
            other => match other.split_once('.') {
                Some(("activeRatio", k)) => self.active_ratio[w(k)],
                Some(("activeTrend", k)) => self.active_trend[w(k)],
                _ => f64::NAN,
            },
        }
    }

    /// The value of a categorical feature by name.
    pub fn categorical(&self, name: &str) -> &str {
        match name {
            "country" => &self.country,
            "industry" => &self.industry,
            _ => &self.core_product,
        }
    }
}

fn flag(b: bool) -> f64 {
    if b {
        1.0
    } else {
        0.0
    }
}

fn ratio(active: u32, assigned: u32) -> f64 {
    if assigned == 0 {
        f64::NAN
    } else {
        f64::from(active.min(assigned)) / f64::from(assigned)
    }
}

/// The snapshot at least `k` months before snapshot `s` (the latest such), if loaded.
pub(crate) fn snapshot_before(h: &History, s: usize, k: u32) -> Option<usize> {
    let target = months_back(h.snapshots[s].usage_month, k);
    (0..s).rev().find(|&i| h.snapshots[i].usage_month <= target)
}

/// The features of tenant `t` at snapshot `s`, or `None` when it is not a customer then.
pub(crate) fn compute(h: &History, s: usize, t: usize) -> Option<Features> {
    let state = h.state(s, t)?;
    let snap = &h.snapshots[s];
    let month = snap.usage_month;
    let seats = state.seats();
    let earlier = snapshot_before(h, s, 3).and_then(|e| h.state(e, t));
    let seat_change = match earlier.map(TenantState::seats) {
        Some(before) if before > 0 => (f64::from(seats) - f64::from(before)) / f64::from(before),
        _ => f64::NAN,
    };
    let growth = match snapshot_before(h, s, 6).and_then(|e| h.state(e, t)) {
        Some(before) if before.employees > 0 => {
            (f64::from(state.employees) - f64::from(before.employees)) / f64::from(before.employees)
        }
        _ => f64::NAN,
    };
    let mut active_ratio = [f64::NAN; 5];
    let mut assigned = [0u32; 5];
    let mut active = [0u32; 5];
    let mut trend = [f64::NAN; 5];
    for w in 0..5 {
        if let Some((a, u)) = h.usage_at(t, s, w, month) {
            assigned[w] = a;
            active[w] = u;
            active_ratio[w] = ratio(u, a);
        }
        let previous: Vec<f64> = (1..=3)
            .filter_map(|k| h.usage_at(t, s, w, months_back(month, k)))
            .map(|(a, u)| ratio(u, a))
            .filter(|r| r.is_finite())
            .collect();
        if !previous.is_empty() && active_ratio[w].is_finite() {
            let mean = previous.iter().sum::<f64>() / previous.len() as f64;
            trend[w] = (active_ratio[w] - mean) * 100.0;
        }
    }
    let known: Vec<f64> = active_ratio
        .iter()
        .copied()
        .filter(|r| r.is_finite())
        .collect();
    let avg = if known.is_empty() {
        f64::NAN
    } else {
        known.iter().sum::<f64>() / known.len() as f64
    };
    let below = known.iter().filter(|r| **r < LOW_ADOPTION).count();
    let sec = state.security;
    let core = state.core();
    let live = |p: Product| state.has_live(p);
    let days_to_renewal = state
        .core_end()
        .map_or(f64::NAN, |end| (end - snap.as_of).num_days() as f64);
    let users = seats.max(1);
    Some(Features {
        employees: f64::from(state.employees),
        employee_growth_6m: growth,
        paid_seats: f64::from(seats),
        seat_change_3m: seat_change,
        live_products: state.subs.iter().filter(|s| s.live()).count() as f64,
        acr_usd: state.acr,
        days_to_renewal,
        active_ratio,
        assigned,
        active,
        active_trend: trend,
        avg_active_ratio: avg,
        workloads_below_half: if known.is_empty() {
            f64::NAN
        } else {
            below as f64
        },
        mfa_ratio: sec.map_or(f64::NAN, |x| {
            (f64::from(x.mfa_registered) / f64::from(users)).min(1.0)
        }),
        mfa_enforced: sec.map_or(f64::NAN, |x| flag(x.mfa_enforced)),
        devices: sec.map_or(f64::NAN, |x| f64::from(x.devices)),
        devices_per_seat: sec.map_or(f64::NAN, |x| f64::from(x.devices) / f64::from(users)),
        has_defender_office: flag(
            sec.is_some_and(|x| x.defender_office)
                || live(Product::DefenderForOfficeP2)
                || live(Product::Microsoft365E5),
        ),
        has_defender_business: flag(
            sec.is_some_and(|x| x.defender_business)
                || live(Product::DefenderForBusiness)
                || live(Product::BusinessPremium),
        ),
        has_defender_endpoint: flag(sec.is_some_and(|x| x.defender_endpoint)),
        has_entra_p1: flag(
            live(Product::EntraIdP1) || core.is_some_and(|(p, _)| core_rank(p).unwrap_or(0) >= 5),
        ),
        has_trial: flag(
            state
                .subs
                .iter()
                .any(|x| x.status == SubscriptionStatus::Trial),
        ),
        has_business_premium: flag(live(Product::BusinessPremium)),
        country: h.tenants[t].country.clone(),
        industry: h.tenants[t].industry.clone(),
        core_product: core.map_or_else(|| "None".to_owned(), |(p, _)| p.as_str().to_owned()),
        month,
    })
}

/// A learner data set of the given feature rows, with the named columns.
pub(crate) fn dataset(
    rows: &[&Features],
    numeric: &[&str],
    categorical: &[&str],
) -> learn::Dataset {
    let mut ds = learn::Dataset::new();
    for name in numeric {
        ds.push_numeric(name, rows.iter().map(|f| f.numeric(name)).collect());
    }
    for name in categorical {
        ds.push_categorical(
            name,
            rows.iter()
                .map(|f| Some(f.categorical(name).to_owned()))
                .collect(),
        );
    }
    ds
}
