//! Dates and times in lead files, one parser for the three formats.
//!
//! Accepted, in this order:
//! - RFC 3339 / ISO 8601 with an offset or `Z` (`2026-03-04T10:00:00+02:00`, a space instead of
//!   `T`, `+0200`, any number of fractional digits): converted to UTC;
//! - ISO without an offset (`2026-03-04T10:00:00`, `2026-03-04 10:00`): taken as UTC;
//! - `YYYY-MM-DD` (and `YYYY/MM/DD`): midnight UTC;
//! - `DD.MM.YYYY` (German, Polish), optionally with `hh:mm[:ss]`: taken as UTC;
//! - `A/B/YYYY`, optionally with `hh:mm[:ss]` and `AM`/`PM`: taken as UTC. Month first
//!   (`MM/DD/YYYY`, US, as Partner Center documents it) or day first (`DD/MM/YYYY`): a value
//!   whose first part is above 12 can only be day first, one whose second part is above 12 only
//!   month first; for the others the order is decided **per column** from every row of the file
//!   (`OrderEvidence`): a column with a day-first proof reads day first, with a month-first
//!   proof or no proof at all month first (the documented form, with a note), and a column with
//!   both proofs is an error.
//!
//! Two-digit years are refused (`03/04/26` could be any of three dates). A date-only field
//! ([`parse_day`]) keeps the calendar date as written, without moving it to UTC: `2026-10-31T00:00
//! +02:00` is the 31st, the day the user meant.

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Utc};

use crate::report::ImportReport;

/// The forms a date may take, for messages.
pub const DATE_FORMS: &str = "YYYY-MM-DD, an ISO 8601 date-time such as 2026-03-04T10:00:00Z \
                              (with an offset, or none for UTC), MM/DD/YYYY [hh:mm[:ss] [AM|PM]] \
                              or DD.MM.YYYY [hh:mm[:ss]]";

/// Which part comes first in a slash date such as `03/04/2026`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SlashOrder {
    /// `MM/DD/YYYY`, as Partner Center documents its dates.
    #[default]
    MonthFirst,
    /// `DD/MM/YYYY`, as Excel writes dates in most of Europe.
    DayFirst,
}

/// A parsed value: the instant in UTC and the calendar date as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Parsed {
    instant: DateTime<Utc>,
    written: NaiveDate,
}

/// Parses a date or date-time into a UTC instant (see the module documentation). Empty text is
/// `Ok(None)`; the error is a reason a user understands, quoting the value.
pub fn parse_datetime(text: &str, order: SlashOrder) -> Result<Option<DateTime<Utc>>, String> {
    parse(text, order).map(|p| p.map(|p| p.instant))
}

/// Parses a date (a date-time is accepted and its calendar date as written kept). Empty text is
/// `Ok(None)`.
pub fn parse_day(text: &str, order: SlashOrder) -> Result<Option<NaiveDate>, String> {
    parse(text, order).map(|p| p.map(|p| p.written))
}

fn parse(text: &str, order: SlashOrder) -> Result<Option<Parsed>, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    iso(t).or_else(|| local(t, order)).map(Some).ok_or_else(|| {
        format!(
            "'{}' is not a date (expected {DATE_FORMS})",
            super::shown(t)
        )
    })
}

/// Offset forms tried after RFC 3339.
const OFFSET_FORMS: [&str; 4] = [
    "%Y-%m-%dT%H:%M:%S%.f%z",
    "%Y-%m-%d %H:%M:%S%.f %z",
    "%Y-%m-%dT%H:%M%z",
    "%Y-%m-%d %H:%M %z",
];
/// Forms without an offset, taken as UTC.
const NAIVE_FORMS: [&str; 4] = [
    "%Y-%m-%dT%H:%M:%S%.f",
    "%Y-%m-%d %H:%M:%S%.f",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M",
];

fn iso(t: &str) -> Option<Parsed> {
    // A four-digit year first (chrono's `%Y` would take `03/04/26` as the year 3).
    let b = t.as_bytes();
    if b.len() < 10 || !b[..4].iter().all(u8::is_ascii_digit) || !matches!(b[4], b'-' | b'/') {
        return None;
    }
    // A plain `YYYY-MM-DD` (how the app writes dates) is what the forms below end with; read
    // it directly rather than trying the nine forms with times first.
    if let Some(day) = plain_iso_date(b) {
        return Some(utc(day.and_time(NaiveTime::MIN)));
    }
    let with_offset = DateTime::parse_from_rfc3339(t).ok().or_else(|| {
        OFFSET_FORMS
            .iter()
            .find_map(|f| DateTime::parse_from_str(t, f).ok())
    });
    if let Some(dt) = with_offset {
        return Some(Parsed {
            instant: dt.with_timezone(&Utc),
            written: dt.date_naive(),
        });
    }
    let naive = t.strip_suffix(['Z', 'z']).unwrap_or(t);
    let naive = NAIVE_FORMS
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(naive, f).ok())
        .or_else(|| {
            ["%Y-%m-%d", "%Y/%m/%d"]
                .iter()
                .find_map(|f| NaiveDate::parse_from_str(naive, f).ok())
                .map(|d| d.and_time(NaiveTime::MIN))
        })?;
    Some(utc(naive))
}

/// A valid date written exactly `YYYY-MM-DD`.
fn plain_iso_date(b: &[u8]) -> Option<NaiveDate> {
    let [y1, y2, y3, y4, b'-', m1, m2, b'-', d1, d2] = *b else {
        return None;
    };
    let digits = [y1, y2, y3, y4, m1, m2, d1, d2];
    if !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let n = |ds: &[u8]| ds.iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0'));
    let year = i32::try_from(n(&digits[..4])).ok()?;
    NaiveDate::from_ymd_opt(year, n(&digits[4..6]), n(&digits[6..]))
}

fn utc(naive: NaiveDateTime) -> Parsed {
    Parsed {
        instant: naive.and_utc(),
        written: naive.date(),
    }
}

/// `A/B/YYYY` or `DD.MM.YYYY`, with an optional time.
fn local(t: &str, order: SlashOrder) -> Option<Parsed> {
    let mut words = t.split_whitespace();
    let date = words.next()?;
    let time: Vec<&str> = words.collect();
    let (day, month, year) = if let Some((a, b)) = slash_parts(date) {
        let year = date.rsplit('/').next()?.parse::<i32>().ok()?;
        let day_first = a > 12 || (b <= 12 && order == SlashOrder::DayFirst);
        if day_first {
            (a, b, year)
        } else {
            (b, a, year)
        }
    } else {
        let parts: Vec<&str> = date.split('.').collect();
        let [d, m, y] = parts[..] else {
            return None;
        };
        if !small(d) || !small(m) || y.len() != 4 || !digits(y) {
            return None;
        }
        (d.parse().ok()?, m.parse().ok()?, y.parse().ok()?)
    };
    let date = NaiveDate::from_ymd_opt(year, month, day)?;
    let time = clock(&time)?;
    Some(utc(date.and_time(time)))
}

/// `hh:mm[:ss]` with an optional `AM`/`PM` (also written together: `10:00PM`); none is midnight.
fn clock(words: &[&str]) -> Option<NaiveTime> {
    let (clock, meridiem) = match words {
        [] => return Some(NaiveTime::MIN),
        [clock] => {
            let upper = clock.to_ascii_uppercase();
            match upper
                .strip_suffix("AM")
                .or_else(|| upper.strip_suffix("PM"))
            {
                Some(rest) => (rest.to_owned(), Some(upper[rest.len()..].to_owned())),
                None => (upper, None),
            }
        }
        [clock, meridiem] => ((*clock).to_owned(), Some(meridiem.to_ascii_uppercase())),
        _ => return None,
    };
    let parts: Vec<&str> = clock.split(':').collect();
    if !(2..=3).contains(&parts.len()) || !parts.iter().all(|p| small(p)) {
        return None;
    }
    let n = |i: usize| parts.get(i).map_or(Some(0), |p| p.parse::<u32>().ok());
    let (mut h, m, s) = (n(0)?, n(1)?, n(2)?);
    match meridiem.as_deref() {
        None => {}
        Some(am_pm @ ("AM" | "PM")) => {
            if !(1..=12).contains(&h) {
                return None;
            }
            h %= 12;
            if am_pm == "PM" {
                h += 12;
            }
        }
        Some(_) => return None,
    }
    NaiveTime::from_hms_opt(h, m, s)
}

fn digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// One or two digits.
fn small(s: &str) -> bool {
    digits(s) && s.len() <= 2
}

/// The first two parts of `A/B/YYYY` (a time may follow after a space).
fn slash_parts(text: &str) -> Option<(u32, u32)> {
    // ISO and dotted dates (nearly every value) have no slash in their first two parts.
    if !text.as_bytes().iter().take(3).any(|&b| b == b'/') {
        return None;
    }
    let date = text.split_whitespace().next()?;
    let parts: Vec<&str> = date.split('/').collect();
    let [a, b, y] = parts[..] else {
        return None;
    };
    if !small(a) || !small(b) || y.len() != 4 || !digits(y) {
        return None;
    }
    Some((a.parse().ok()?, b.parse().ok()?))
}

/// What the slash dates of one column say about their order, gathered over every row before any
/// is read (see the module documentation).
#[derive(Debug, Clone, Default)]
pub(crate) struct OrderEvidence {
    /// The first value that can only be day first, with its line.
    day_first: Option<(u64, String)>,
    /// The first value that can only be month first, with its line.
    month_first: Option<(u64, String)>,
    /// The first value that reads both ways, with its line.
    ambiguous: Option<(u64, String)>,
}

impl OrderEvidence {
    /// Takes one value of the column into account.
    pub(crate) fn see(&mut self, line: u64, text: &str) {
        let Some((a, b)) = slash_parts(text.trim()) else {
            return;
        };
        let slot = match (a > 12, b > 12) {
            (true, false) => &mut self.day_first,
            (false, true) => &mut self.month_first,
            (false, false) if a != b => &mut self.ambiguous,
            _ => return,
        };
        if slot.is_none() {
            *slot = Some((line, super::shown(text.trim())));
        }
    }

    /// The column's order; a note when ambiguous values were read by it, an error when the
    /// column mixes both orders (on the line of the later proof).
    pub(crate) fn resolve(&self, column: &str, report: &mut ImportReport) -> SlashOrder {
        match (&self.day_first, &self.month_first) {
            (Some(day), Some(month)) => {
                let later = day.0.max(month.0);
                report.error(
                    Some(later),
                    Some(column),
                    format!(
                        "the column writes dates both day first (line {}: '{}') and month first \
                         (line {}: '{}'); write them all one way",
                        day.0, day.1, month.0, month.1
                    ),
                );
                SlashOrder::MonthFirst
            }
            (Some(day), None) => {
                if let Some((line, value)) = &self.ambiguous {
                    report.note(format!(
                        "column '{column}': dates such as '{value}' (line {line}) read day first \
                         (DD/MM/YYYY), as line {} ('{}') shows",
                        day.0, day.1
                    ));
                }
                SlashOrder::DayFirst
            }
            (None, _) => {
                if let Some((line, value)) = &self.ambiguous {
                    report.note(format!(
                        "column '{column}': dates such as '{value}' (line {line}) read month \
                         first (MM/DD/YYYY, as Partner Center writes them): no date in the column \
                         has a day above 12 to show the order"
                    ));
                }
                SlashOrder::MonthFirst
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> Option<DateTime<Utc>> {
        Utc.with_ymd_and_hms(y, mo, d, h, mi, s).single()
    }

    #[test]
    fn iso_forms_become_utc() {
        let m = SlashOrder::MonthFirst;
        assert_eq!(
            parse_datetime("2026-03-04T10:00:00+02:00", m),
            Ok(at(2026, 3, 4, 8, 0, 0))
        );
        assert_eq!(
            parse_datetime("2026-03-04 10:00:00 -0500", m),
            Ok(at(2026, 3, 4, 15, 0, 0))
        );
        assert_eq!(
            parse_datetime("2026-03-04T10:00:00Z", m),
            Ok(at(2026, 3, 4, 10, 0, 0))
        );
        assert_eq!(
            parse_datetime("2026-03-04T10:00", m),
            Ok(at(2026, 3, 4, 10, 0, 0))
        );
        assert_eq!(parse_datetime("2026-03-04", m), Ok(at(2026, 3, 4, 0, 0, 0)));
        assert_eq!(
            parse_datetime("2019-05-30T18:36:06.6173389Z", m).map(|d| d.map(|d| d.timestamp())),
            Ok(at(2019, 5, 30, 18, 36, 6).map(|d| d.timestamp()))
        );
        assert_eq!(parse_datetime("  ", m), Ok(None));
    }

    #[test]
    fn local_forms() {
        let m = SlashOrder::MonthFirst;
        let d = SlashOrder::DayFirst;
        assert_eq!(parse_datetime("03/04/2026", m), Ok(at(2026, 3, 4, 0, 0, 0)));
        assert_eq!(parse_datetime("03/04/2026", d), Ok(at(2026, 4, 3, 0, 0, 0)));
        assert_eq!(
            parse_datetime("13/04/2026", m),
            Ok(at(2026, 4, 13, 0, 0, 0))
        );
        assert_eq!(
            parse_datetime("3/4/2026 1:05:09 PM", m),
            Ok(at(2026, 3, 4, 13, 5, 9))
        );
        assert_eq!(
            parse_datetime("3/4/2026 12:30 am", m),
            Ok(at(2026, 3, 4, 0, 30, 0))
        );
        assert_eq!(
            parse_datetime("3/4/2026 10:00PM", m),
            Ok(at(2026, 3, 4, 22, 0, 0))
        );
        assert_eq!(
            parse_datetime("04.03.2026 17:45", m),
            Ok(at(2026, 3, 4, 17, 45, 0))
        );
        for bad in [
            "03/04/26",
            "13/13/2026",
            "2026-02-30",
            "yesterday",
            "3/4/2026 13:00 PM",
            "3/4/2026 10:00 XM",
            "04.03.2026.1",
        ] {
            let e = parse_datetime(bad, m).unwrap_err();
            assert!(e.contains(bad) && e.contains("MM/DD/YYYY"), "{e}");
        }
    }

    #[test]
    fn plain_dates_read_as_chrono_reads_them() {
        for text in [
            "2026-03-04",
            "0000-01-01",
            "0001-01-01",
            "9999-12-31",
            "2024-02-29",
            "2026-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-01-00",
            "2026-1-01",
            "2026/03/04",
            "+026-03-04",
            "2026-03-0x",
        ] {
            let chrono = NaiveDate::parse_from_str(text, "%Y-%m-%d").ok();
            let fast = plain_iso_date(text.as_bytes());
            if text.len() == 10
                && text.as_bytes()[4] == b'-'
                && text.bytes().filter(u8::is_ascii_digit).count() == 8
            {
                assert_eq!(fast, chrono, "{text}");
            } else {
                assert_eq!(fast, None, "{text}");
            }
        }
        assert_eq!(
            parse_day("2026-02-30", SlashOrder::MonthFirst).map_err(|e| e.contains("not a date")),
            Err(true)
        );
    }

    #[test]
    fn a_date_keeps_its_calendar_day() {
        assert_eq!(
            parse_day("2026-10-31T00:00:00+02:00", SlashOrder::MonthFirst),
            Ok(NaiveDate::from_ymd_opt(2026, 10, 31))
        );
    }

    #[test]
    fn the_column_decides_the_order() {
        let mut report = ImportReport::new("f", crate::FileKind::Unknown { header: vec![] });
        let mut e = OrderEvidence::default();
        e.see(2, "03/04/2026");
        e.see(3, "04/04/2026");
        assert_eq!(e.resolve("Created", &mut report), SlashOrder::MonthFirst);
        assert_eq!(report.notes.len(), 1);
        e.see(4, "25/04/2026");
        assert_eq!(e.resolve("Created", &mut report), SlashOrder::DayFirst);
        e.see(7, "04/25/2026");
        assert_eq!(e.resolve("Created", &mut report), SlashOrder::MonthFirst);
        let error = report.errors().next().unwrap();
        assert_eq!(error.line, Some(7));
        assert!(error.reason.contains("line 4") && error.reason.contains("line 7"));
    }
}
