//! A workload's usage trend over the three previous months (SPEC §3.3): the latest month's share
//! of active users against the mean of the three months before it, with a tolerance in points so
//! that noise reads as "No change".

use chrono::NaiveDate;
use partner_advisor_domain::{UsageMonth, Workload};

use super::history::months_back;
use super::view::Trend;

/// The trend of one workload in a customer's monthly history.
pub(crate) fn trend(
    history: &[UsageMonth],
    workload: Workload,
    month: NaiveDate,
    tolerance_points: f64,
) -> Trend {
    let ratio_of = |m: NaiveDate| {
        history
            .iter()
            .find(|u| u.workload == workload && u.month == m && u.assigned > 0)
            .map(UsageMonth::active_ratio)
    };
    let Some(now) = ratio_of(month) else {
        return Trend::NoChange;
    };
    let previous: Vec<f64> = (1..=3)
        .filter_map(|k| ratio_of(months_back(month, k)))
        .collect();
    if previous.is_empty() {
        return Trend::NoChange;
    }
    let mean = previous.iter().sum::<f64>() / previous.len() as f64;
    let delta = (now - mean) * 100.0;
    if delta > tolerance_points {
        Trend::Positive
    } else if delta < -tolerance_points {
        Trend::Negative
    } else {
        Trend::NoChange
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn month(m: u32, assigned: u32, active: u32) -> UsageMonth {
        UsageMonth {
            tenant_id: "t".into(),
            workload: Workload::Teams,
            month: NaiveDate::from_ymd_opt(2026, m, 1).expect("date"),
            assigned,
            active,
        }
    }

    #[test]
    fn tolerance_decides_between_no_change_and_a_direction() {
        let h = vec![
            month(1, 100, 50),
            month(2, 100, 52),
            month(3, 100, 48),
            month(4, 100, 54),
        ];
        let at = NaiveDate::from_ymd_opt(2026, 4, 1).expect("date");
        assert_eq!(trend(&h, Workload::Teams, at, 5.0), Trend::NoChange);
        assert_eq!(trend(&h, Workload::Teams, at, 3.0), Trend::Positive);
        let falling = vec![
            month(1, 100, 80),
            month(2, 100, 70),
            month(3, 100, 75),
            month(4, 100, 40),
        ];
        assert_eq!(trend(&falling, Workload::Teams, at, 5.0), Trend::Negative);
        assert_eq!(trend(&[], Workload::Teams, at, 5.0), Trend::NoChange);
    }
}
