//! Reading one field of a lead, the same way in the three formats: each function takes the
//! column's name as the file gives it (a CSV header, a JSON key path) and the raw text, and
//! reports what is wrong on the row's line.

use std::sync::OnceLock;

use chrono::{DateTime, NaiveDate, Utc};
use partner_advisor_domain::wire_enum::normalise;
use partner_advisor_domain::{
    CallToAction, CloseReason, EmailValidity, LeadClassification, LeadQuality, LeadSource,
    LeadStatus, LeadSubstatus, LeadType, PhoneValidity,
};

use super::countries::country_code;
use super::dates::{parse_datetime, parse_day, SlashOrder};
use super::shown;
use crate::header::normalise_header;
use crate::report::{ImportReport, Severity};
use crate::values::{parse_bool, parse_number};

/// Partner Center's error reason codes for partner-created deals (FORMATS.md §2.2), in order.
pub const ERROR_REASONS: [&str; 9] = [
    "Duplicate - created through bulk upload",
    "Duplicate - created in Partner Center",
    "Duplicate - sent by Microsoft",
    "Connector data sync issues",
    "Customer matching issues",
    "Solution issues",
    "Test referral",
    "Data error",
    "Others",
];

/// A wire enumeration read from a lead file.
pub(crate) trait Wire: Copy + 'static {
    /// What the value is, for messages ("a Partner Center substatus").
    const WHAT: &'static str;
    /// Whether an unknown value blocks the row (`Error`) or is left empty (`Warning`).
    const BLOCKS: bool;
    /// The accepted names, for messages.
    fn names() -> Vec<&'static str>;
    /// The value of a cell's key: the domain's names and the files' other spellings.
    fn from_key(key: &Key<'_>) -> Option<Self>;
}

/// A cell's comparison key as a wire name: the domain's [`normalise`] (lower case without
/// spaces, `_` or `-`). An ASCII cell (nearly every one) is compared with a name's key as it
/// stands, without building its own.
pub(crate) enum Key<'a> {
    /// An ASCII cell, as written.
    Ascii(&'a str),
    /// Any other cell, normalised.
    Other(String),
}

impl<'a> Key<'a> {
    /// The key of `cell`.
    pub(crate) fn new(cell: &'a str) -> Self {
        if cell.is_ascii() {
            Key::Ascii(cell)
        } else {
            Key::Other(normalise(cell))
        }
    }

    /// Whether the cell's key is `key` (a normalised name).
    pub(crate) fn is(&self, key: &str) -> bool {
        match self {
            Key::Ascii(cell) => {
                // Plain index loops: this runs for every enumeration cell and candidate name,
                // and stays quick in unoptimised builds too.
                let (cell, key) = (cell.as_bytes(), key.as_bytes());
                let (mut i, mut k) = (0, 0);
                while i < cell.len() {
                    let b = cell[i];
                    i += 1;
                    if matches!(b, b' ' | b'_' | b'-') {
                        continue;
                    }
                    if k == key.len() || key[k] != b.to_ascii_lowercase() {
                        return false;
                    }
                    k += 1;
                }
                k == key.len()
            }
            Key::Other(normalised) => normalised == key,
        }
    }
}

macro_rules! wire {
    ($t:ty, $what:literal, $blocks:literal, { $($alias:literal => $v:expr),* $(,)? }) => {
        impl Wire for $t {
            const WHAT: &'static str = $what;
            const BLOCKS: bool = $blocks;
            fn names() -> Vec<&'static str> {
                <$t>::ALL.iter().map(|v| v.as_str()).collect()
            }
            fn from_key(key: &Key<'_>) -> Option<Self> {
                // The domain's `parse` (the first name whose key matches; normalising is
                // idempotent), with each name's key made once rather than per cell.
                static KEYS: OnceLock<Vec<(String, $t)>> = OnceLock::new();
                let keys = KEYS.get_or_init(|| {
                    <$t>::ALL.iter().map(|v| (normalise(v.as_str()), *v)).collect()
                });
                if let Some((_, v)) = keys.iter().find(|(k, _)| key.is(k)) {
                    return Some(*v);
                }
                $(if key.is($alias) {
                    return Some($v);
                })*
                None
            }
        }
    };
}

wire!(LeadType, "a lead type", false, {
    "profilelead" => LeadType::Profile,
    "offerlead" => LeadType::Offer,
});
wire!(LeadClassification, "a lead classification", false, {
    "direct" => LeadClassification::CustomerInquiry,
    "customerinquiries" => LeadClassification::CustomerInquiry,
    "marketingqualifiedlead" => LeadClassification::MarketingQualified,
    "mql" => LeadClassification::MarketingQualified,
    "salesqualifiedlead" => LeadClassification::SalesQualified,
    "sql" => LeadClassification::SalesQualified,
});
wire!(LeadSource, "a lead source", false, {
    "microsoftappsource" => LeadSource::AppSource,
    "profile" => LeadSource::BusinessProfile,
});
wire!(CallToAction, "a call to action", false, {});
wire!(LeadQuality, "a lead quality", false, {});
wire!(LeadStatus, "a Partner Center status", true, {
    "archived" => LeadStatus::Closed,
});
wire!(LeadSubstatus, "a Partner Center substatus", true, {});
wire!(EmailValidity, "an e-mail validity", false, {
    "notvalid" => EmailValidity::Invalid,
});
wire!(PhoneValidity, "a phone validity", false, {
    "notvalid" => PhoneValidity::Invalid,
});

/// Reads the fields of one row (or JSON item) and records its problems on its line.
pub(crate) struct Row<'r> {
    /// The file's report.
    pub report: &'r mut ImportReport,
    /// The row's line.
    pub line: u64,
    /// Whether an error was found: the row is left out of the records.
    pub failed: bool,
}

impl<'r> Row<'r> {
    /// Starts reading the row on `line`.
    pub fn new(report: &'r mut ImportReport, line: u64) -> Self {
        Self {
            report,
            line,
            failed: false,
        }
    }

    /// An error on this row.
    pub fn error(&mut self, column: &str, reason: impl Into<String>) {
        self.failed = true;
        self.report.error(Some(self.line), Some(column), reason);
    }

    /// A warning on this row.
    pub fn warning(&mut self, column: &str, reason: impl Into<String>) {
        self.report.warning(Some(self.line), Some(column), reason);
    }

    fn problem(&mut self, severity: Severity, column: &str, reason: String) {
        match severity {
            Severity::Error => self.error(column, reason),
            Severity::Warning => self.warning(column, reason),
        }
    }

    /// A wire value; empty and `None` are no value. An unknown one is an error or a warning
    /// (and no value) as [`Wire::BLOCKS`] says.
    pub fn wire<T: Wire>(&mut self, column: &str, raw: Option<&str>) -> Option<T> {
        let raw = raw?;
        let key = Key::new(raw);
        if key.is("") || key.is("none") {
            return None;
        }
        if let Some(v) = T::from_key(&key) {
            return Some(v);
        }
        let (severity, tail) = if T::BLOCKS {
            (Severity::Error, "")
        } else {
            (Severity::Warning, ": left empty")
        };
        self.problem(
            severity,
            column,
            format!(
                "'{}' is not {} (expected one of {}){tail}",
                shown(raw),
                T::WHAT,
                T::names().join(", ")
            ),
        );
        None
    }

    /// A status cell. Besides `New`/`Active`/`Closed` (and `Archived` for Closed), a substatus
    /// written in the status column is accepted, as the leads page shows one word per lead:
    /// the status follows from it and the substatus is returned too.
    pub fn status(
        &mut self,
        column: &str,
        raw: Option<&str>,
    ) -> (Option<LeadStatus>, Option<LeadSubstatus>) {
        let key = Key::new(raw.unwrap_or(""));
        if let Some(sub) = LeadSubstatus::from_key(&key) {
            if LeadStatus::from_key(&key).is_none() {
                return (Some(sub.status()), Some(sub));
            }
        }
        (self.wire(column, raw), None)
    }

    /// Checks that a substatus belongs to the status (New: Pending/Received; Active: Accepted;
    /// Closed: Won/Lost/Declined/Expired), an error on the substatus column otherwise.
    pub fn check_pair(
        &mut self,
        column: &str,
        status: Option<LeadStatus>,
        substatus: Option<LeadSubstatus>,
    ) {
        let (Some(status), Some(substatus)) = (status, substatus) else {
            return;
        };
        if substatus.status() == status {
            return;
        }
        let allowed: Vec<&str> = LeadSubstatus::ALL
            .iter()
            .filter(|s| s.status() == status)
            .map(|s| s.as_str())
            .collect();
        self.error(
            column,
            format!(
                "substatus '{substatus}' does not go with status '{status}' ({status} goes with {})",
                allowed.join(", ")
            ),
        );
    }

    /// A UTC instant.
    pub fn datetime(
        &mut self,
        column: &str,
        raw: Option<&str>,
        order: SlashOrder,
    ) -> Option<DateTime<Utc>> {
        match parse_datetime(raw.unwrap_or(""), order) {
            Ok(v) => v,
            Err(reason) => {
                self.error(column, reason);
                None
            }
        }
    }

    /// A calendar date.
    pub fn day(&mut self, column: &str, raw: Option<&str>, order: SlashOrder) -> Option<NaiveDate> {
        match parse_day(raw.unwrap_or(""), order) {
            Ok(v) => v,
            Err(reason) => {
                self.error(column, reason);
                None
            }
        }
    }

    /// A country: an ISO 3166-1 alpha-2 code or an English name, as the upper-case code. An
    /// unknown one is a warning and no value.
    pub fn country(&mut self, column: &str, raw: Option<&str>) -> Option<String> {
        let raw = raw?;
        match country_code(raw) {
            Some(code) => Some(code.to_owned()),
            None => {
                self.warning(
                    column,
                    format!(
                        "'{}' is not an ISO 3166 country code (such as PL, US, DE) or a country \
                         name the app knows: left empty",
                        shown(raw)
                    ),
                );
                None
            }
        }
    }

    /// An ISO 4217 currency code: three letters, returned upper-case; anything else is an error.
    pub fn currency(&mut self, column: &str, raw: Option<&str>) -> Option<String> {
        let raw = raw?;
        if raw.len() == 3 && raw.bytes().all(|b| b.is_ascii_alphabetic()) {
            return Some(raw.to_ascii_uppercase());
        }
        self.error(
            column,
            format!(
                "'{}' is not an ISO 4217 currency code (three letters, such as USD, EUR, PLN)",
                shown(raw)
            ),
        );
        None
    }

    /// A deal value: a non-negative number in the file's decimal separator.
    pub fn amount(&mut self, column: &str, raw: Option<&str>, decimal_comma: bool) -> Option<f64> {
        let raw = raw?;
        match parse_number(raw, decimal_comma) {
            Some(v) if v >= 0.0 => Some(v),
            Some(_) => {
                self.error(
                    column,
                    format!("'{}': a deal value cannot be negative", shown(raw)),
                );
                None
            }
            None => {
                let separator = if decimal_comma { "comma" } else { "point" };
                self.error(
                    column,
                    format!(
                        "'{}' is not an amount (a number with a decimal {separator})",
                        shown(raw)
                    ),
                );
                None
            }
        }
    }

    /// Yes or no; anything else is a warning and no value.
    pub fn yes_no(&mut self, column: &str, raw: Option<&str>) -> Option<bool> {
        match parse_bool(raw.unwrap_or("")) {
            Ok(v) => v,
            Err(_) => {
                self.warning(
                    column,
                    format!(
                        "'{}' is not yes or no: left empty",
                        shown(raw.unwrap_or(""))
                    ),
                );
                None
            }
        }
    }

    /// A decline, lost or error reason, spelled as Partner Center lists it when it is one of the
    /// 8 decline/lost or 9 error reasons (compared without case and punctuation). Other text is
    /// kept as written, with a warning when `warn_unknown`.
    pub fn close_reason(
        &mut self,
        column: &str,
        raw: Option<&str>,
        warn_unknown: bool,
    ) -> Option<String> {
        let raw = raw?;
        if let Some(known) = known_reason(raw) {
            return Some(known.to_owned());
        }
        if warn_unknown {
            self.warning(
                column,
                format!(
                    "'{}' is not one of Partner Center's decline, lost or error reasons: kept as \
                     written",
                    shown(raw)
                ),
            );
        }
        Some(raw.to_owned())
    }
}

/// The canonical spelling of a known reason.
fn known_reason(text: &str) -> Option<&'static str> {
    // Each reason's key, made once.
    static KEYS: OnceLock<Vec<(String, &'static str)>> = OnceLock::new();
    let keys = KEYS.get_or_init(|| {
        CloseReason::ALL
            .iter()
            .map(|r| r.as_str())
            .chain(ERROR_REASONS)
            .map(|r| (normalise_header(r), r))
            .collect()
    });
    let key = normalise_header(text);
    keys.iter().find(|(k, _)| *k == key).map(|(_, r)| *r)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::FileKind;

    fn row(report: &mut ImportReport) -> Row<'_> {
        Row::new(report, 14)
    }

    #[test]
    fn unknown_values_say_what_was_expected() {
        let mut report = ImportReport::new("f", FileKind::Unknown { header: vec![] });
        let mut r = row(&mut report);
        assert_eq!(r.wire::<LeadSubstatus>("Substatus", Some("Sold")), None);
        assert_eq!(
            r.wire::<CallToAction>("CTA", Some("contact_me")),
            Some(CallToAction::ContactMe)
        );
        assert_eq!(r.wire::<CallToAction>("CTA", Some("Call me")), None);
        assert_eq!(r.wire::<LeadStatus>("Status", Some("None")), None);
        let p = &report.problems;
        assert_eq!(p.len(), 2);
        assert_eq!(
            p[0].to_string(),
            "error, line 14, column 'Substatus': 'Sold' is not a Partner Center substatus \
             (expected one of Pending, Received, Accepted, Won, Lost, Declined, Expired)"
        );
        assert_eq!(p[1].severity, Severity::Warning);
    }

    #[test]
    fn keys_compare_as_the_domain_normalises() {
        for cell in [
            "",
            "None",
            "NONE ",
            "Marketing qualified",
            "marketing_QUALIFIED",
            "Sales-Qualified",
            "Get it now",
            "getitnow!",
            "  won",
            "Wön",
            "\u{212A}",
            "İ",
            "Closed",
            "closedx",
        ] {
            for key in [
                "",
                "none",
                "marketingqualified",
                "salesqualified",
                "getitnow",
                "won",
                "k",
            ] {
                assert_eq!(
                    Key::new(cell).is(key),
                    normalise(cell) == key,
                    "{cell:?} {key:?}"
                );
            }
        }
    }

    #[test]
    fn status_pairs_and_reasons() {
        let mut report = ImportReport::new("f", FileKind::Unknown { header: vec![] });
        let mut r = row(&mut report);
        assert_eq!(
            r.status("Status", Some("Won")),
            (Some(LeadStatus::Closed), Some(LeadSubstatus::Won))
        );
        r.check_pair(
            "Substatus",
            Some(LeadStatus::Active),
            Some(LeadSubstatus::Won),
        );
        r.check_pair(
            "Substatus",
            Some(LeadStatus::New),
            Some(LeadSubstatus::Pending),
        );
        assert_eq!(
            r.close_reason("Reason", Some("customer didnt respond"), true),
            Some("Customer didn't respond".to_owned())
        );
        assert_eq!(
            r.close_reason("Reason", Some("DUPLICATE – sent by Microsoft"), true),
            Some("Duplicate - sent by Microsoft".to_owned())
        );
        assert_eq!(
            r.close_reason("Reason", Some("Too expensive"), true),
            Some("Too expensive".to_owned())
        );
        assert_eq!(report.problems.len(), 2);
        assert!(report.problems[0].reason.contains(
            "substatus 'Won' does not go with status 'Active' (Active goes with Accepted)"
        ));
        assert_eq!(report.problems[1].severity, Severity::Warning);
    }

    #[test]
    fn currencies_amounts_countries() {
        let mut report = ImportReport::new("f", FileKind::Unknown { header: vec![] });
        let mut r = row(&mut report);
        assert_eq!(r.currency("Currency", Some("usd")), Some("USD".into()));
        assert_eq!(r.currency("Currency", Some("€")), None);
        assert_eq!(r.amount("Value", Some("1.234,5"), true), Some(1234.5));
        assert_eq!(r.amount("Value", Some("-5"), false), None);
        assert_eq!(r.amount("Value", Some("lots"), false), None);
        assert_eq!(r.country("Country", Some("Poland")), Some("PL".into()));
        assert_eq!(r.country("Country", Some("Atlantis")), None);
        assert_eq!(report.errors().count(), 3);
        assert_eq!(report.problems.len(), 4);
    }
}
