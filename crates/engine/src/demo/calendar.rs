//! The demo's calendar: which dates the snapshots describe, and month arithmetic.
//!
//! The last snapshot is dated `as_of` itself (the data is "as of" the date the user asked for);
//! each earlier snapshot is the last day of a preceding month, so snapshot `k` of `n` is the month
//! end `n - 1 - k` months before `as_of`'s month. Usage of snapshot `k` is reported for the month
//! that contains its date (the first day of that month is the `month` column).

use chrono::{DateTime, Datelike, Months, NaiveDate, NaiveTime, TimeZone, Utc};

/// The snapshot dates of one demo.
#[derive(Debug, Clone)]
pub(crate) struct Calendar {
    dates: Vec<NaiveDate>,
}

impl Calendar {
    /// Dates for `months` snapshots ending at `as_of`.
    pub(crate) fn new(as_of: NaiveDate, months: u32) -> Self {
        let first_of_month = first_day(as_of);
        let dates = (0..months)
            .map(|k| {
                let back = months - 1 - k;
                if back == 0 {
                    as_of
                } else {
                    month_end(sub_months(first_of_month, back))
                }
            })
            .collect();
        Self { dates }
    }

    /// Number of snapshots.
    pub(crate) fn len(&self) -> usize {
        self.dates.len()
    }

    /// Date of snapshot `k`.
    pub(crate) fn date(&self, k: usize) -> NaiveDate {
        self.dates[k]
    }

    /// First day of the month of snapshot `k` (the usage month).
    pub(crate) fn month_start(&self, k: usize) -> NaiveDate {
        first_day(self.dates[k])
    }

    /// The last snapshot's date.
    pub(crate) fn as_of(&self) -> NaiveDate {
        self.dates[self.dates.len() - 1]
    }

    /// The first instant of the window the demo covers (start of the first snapshot's month).
    pub(crate) fn window_start(&self) -> DateTime<Utc> {
        at(self.month_start(0), 0, 0, 0)
    }

    /// The last instant of the window (end of the `as_of` day).
    pub(crate) fn window_end(&self) -> DateTime<Utc> {
        at(self.as_of(), 23, 59, 59)
    }

    /// The snapshot a moment belongs to: the first whose date is on or after the moment's date.
    pub(crate) fn snapshot_of(&self, moment: DateTime<Utc>) -> usize {
        let day = moment.date_naive();
        self.dates
            .iter()
            .position(|d| *d >= day)
            .unwrap_or(self.dates.len() - 1)
    }

    /// A label for snapshot `k`, e.g. "Demo data 2026-10".
    pub(crate) fn label(&self, k: usize) -> String {
        format!("Demo data {}", self.dates[k].format("%Y-%m"))
    }

    /// When snapshot `k` was "imported": its date at 23:00 UTC.
    pub(crate) fn imported_at(&self, k: usize) -> DateTime<Utc> {
        at(self.dates[k], 23, 0, 0)
    }
}

/// First day of `date`'s month.
pub(crate) fn first_day(date: NaiveDate) -> NaiveDate {
    date.with_day(1).unwrap_or(date)
}

/// Last day of `date`'s month.
pub(crate) fn month_end(date: NaiveDate) -> NaiveDate {
    let first = first_day(date);
    add_months(first, 1).pred_opt().unwrap_or(first)
}

/// `date` plus `n` months (the day is clamped to the target month's length).
pub(crate) fn add_months(date: NaiveDate, n: u32) -> NaiveDate {
    date.checked_add_months(Months::new(n)).unwrap_or(date)
}

/// `date` minus `n` months (the day is clamped to the target month's length).
pub(crate) fn sub_months(date: NaiveDate, n: u32) -> NaiveDate {
    date.checked_sub_months(Months::new(n)).unwrap_or(date)
}

/// `date` plus `days` days (negative to go back).
pub(crate) fn add_days(date: NaiveDate, days: i64) -> NaiveDate {
    date.checked_add_signed(chrono::Duration::days(days))
        .unwrap_or(date)
}

/// A UTC instant on `date`.
pub(crate) fn at(date: NaiveDate, h: u32, m: u32, s: u32) -> DateTime<Utc> {
    let time = NaiveTime::from_hms_opt(h.min(23), m.min(59), s.min(59)).unwrap_or(NaiveTime::MIN);
    Utc.from_utc_datetime(&date.and_time(time))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    #[test]
    fn snapshots_are_month_ends_then_as_of() {
        let cal = Calendar::new(d(2026, 11, 20), 4);
        assert_eq!(cal.date(0), d(2026, 8, 31));
        assert_eq!(cal.date(1), d(2026, 9, 30));
        assert_eq!(cal.date(2), d(2026, 10, 31));
        assert_eq!(cal.date(3), d(2026, 11, 20));
        assert_eq!(cal.month_start(3), d(2026, 11, 1));
        assert_eq!(cal.label(2), "Demo data 2026-10");
    }

    #[test]
    fn leap_years_and_year_boundaries() {
        let cal = Calendar::new(d(2024, 3, 31), 3);
        assert_eq!(cal.date(0), d(2024, 1, 31));
        assert_eq!(cal.date(1), d(2024, 2, 29));
        assert_eq!(cal.snapshot_of(at(d(2024, 2, 10), 5, 0, 0)), 1);
        assert_eq!(cal.snapshot_of(at(d(2024, 1, 1), 5, 0, 0)), 0);
    }
}
