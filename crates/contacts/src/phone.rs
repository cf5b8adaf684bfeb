//! Phone numbers: parsed and checked against libphonenumber's metadata (the `phonenumber`
//! crate), with the lead's country as the default region.
//!
//! - Empty input, input without digits, a national number with no usable country, and anything
//!   libphonenumber cannot parse (too short, too long, unknown country calling code) are
//!   `Unknown`: "unknown" means only "could not be read as a phone number".
//! - A parsed number that libphonenumber says is valid is `Valid`, whatever country it belongs
//!   to (a Spanish lead may give a French mobile).
//! - Any other parsed number is `Invalid`, with the reason (length or number range).
//!
//! The country is an ISO 3166-1 alpha-2 code in any case; `UK` is read as `GB`. An empty or
//! unknown country means the number must be written internationally (`+44 …`).

use std::sync::Once;

use partner_advisor_domain::PhoneValidity;
use phonenumber::country::Id as Region;
use phonenumber::metadata::DATABASE;
use phonenumber::{Mode, ParseError, PhoneNumber, Type};
use serde::{Deserialize, Serialize};

/// The verdict on one phone number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PhoneVerdict {
    /// Partner Center's three-state validity.
    pub validity: PhoneValidity,
    /// The number in E.164 form (`+34612345678`, extension dropped), for valid numbers only.
    pub e164: Option<String>,
    /// What kind of line it is, for valid numbers whose kind the metadata tells.
    pub kind: Option<PhoneKind>,
    /// Why it got its validity.
    pub reason: PhoneReason,
}

/// Why a phone number got its verdict. [`key`](Self::key) is stable and is what the UI
/// translates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum PhoneReason {
    /// A valid number (`Valid`).
    Valid,
    /// Nothing but whitespace (`Unknown`).
    Empty,
    /// No digits, or not readable as a phone number (`Unknown`).
    NotANumber,
    /// A national number with no lead country to read it in; it needs a leading `+` (`Unknown`).
    MissingCountry,
    /// The country calling code after `+` or `00` does not exist (`Unknown`).
    InvalidCountryCode,
    /// Too few digits: to parse at all (`Unknown`) or for any number of its country (`Invalid`).
    TooShort,
    /// Too many digits: to parse at all (`Unknown`) or for any number of its country (`Invalid`).
    TooLong,
    /// A digit count between the country's shortest and longest numbers that no number of the
    /// country has (`Invalid`).
    InvalidLength,
    /// The right length, but not in any number range of its country (`Invalid`).
    InvalidForRegion,
}

impl PhoneReason {
    /// Every reason, in declaration order.
    pub const ALL: &'static [PhoneReason] = &[
        PhoneReason::Valid,
        PhoneReason::Empty,
        PhoneReason::NotANumber,
        PhoneReason::MissingCountry,
        PhoneReason::InvalidCountryCode,
        PhoneReason::TooShort,
        PhoneReason::TooLong,
        PhoneReason::InvalidLength,
        PhoneReason::InvalidForRegion,
    ];

    /// The stable camelCase key the UI translates (also the serialised form).
    pub fn key(self) -> &'static str {
        match self {
            PhoneReason::Valid => "valid",
            PhoneReason::Empty => "empty",
            PhoneReason::NotANumber => "notANumber",
            PhoneReason::MissingCountry => "missingCountry",
            PhoneReason::InvalidCountryCode => "invalidCountryCode",
            PhoneReason::TooShort => "tooShort",
            PhoneReason::TooLong => "tooLong",
            PhoneReason::InvalidLength => "invalidLength",
            PhoneReason::InvalidForRegion => "invalidForRegion",
        }
    }

    /// A one-line English explanation, for logs and the command line.
    pub fn describe(self) -> &'static str {
        match self {
            PhoneReason::Valid => "a valid phone number",
            PhoneReason::Empty => "no number given",
            PhoneReason::NotANumber => "not readable as a phone number",
            PhoneReason::MissingCountry => {
                "a national number without a country; write it with + and the country code"
            }
            PhoneReason::InvalidCountryCode => "the country calling code does not exist",
            PhoneReason::TooShort => "too few digits for a phone number of its country",
            PhoneReason::TooLong => "too many digits for a phone number of its country",
            PhoneReason::InvalidLength => "no phone number of its country has this many digits",
            PhoneReason::InvalidForRegion => "not in any number range of its country",
        }
    }
}

impl std::fmt::Display for PhoneReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.describe())
    }
}

/// The kind of line, as libphonenumber's metadata classifies the number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum PhoneKind {
    /// A geographic landline.
    FixedLine,
    /// A mobile phone.
    Mobile,
    /// Either; the number alone does not tell (the United States and Canada).
    FixedLineOrMobile,
    /// Free to call.
    TollFree,
    /// A premium-rate service.
    PremiumRate,
    /// A shared-cost service.
    SharedCost,
    /// A personal number routed to another line.
    PersonalNumber,
    /// Voice over IP.
    Voip,
    /// A pager.
    Pager,
    /// A universal access ("company") number.
    Uan,
    /// A voicemail access number.
    Voicemail,
}

impl PhoneKind {
    /// The stable camelCase key the UI translates (also the serialised form).
    pub fn key(self) -> &'static str {
        match self {
            PhoneKind::FixedLine => "fixedLine",
            PhoneKind::Mobile => "mobile",
            PhoneKind::FixedLineOrMobile => "fixedLineOrMobile",
            PhoneKind::TollFree => "tollFree",
            PhoneKind::PremiumRate => "premiumRate",
            PhoneKind::SharedCost => "sharedCost",
            PhoneKind::PersonalNumber => "personalNumber",
            PhoneKind::Voip => "voip",
            PhoneKind::Pager => "pager",
            PhoneKind::Uan => "uan",
            PhoneKind::Voicemail => "voicemail",
        }
    }

    fn from_type(kind: Type) -> Option<Self> {
        Some(match kind {
            Type::FixedLine => PhoneKind::FixedLine,
            Type::Mobile => PhoneKind::Mobile,
            Type::FixedLineOrMobile => PhoneKind::FixedLineOrMobile,
            Type::TollFree => PhoneKind::TollFree,
            Type::PremiumRate => PhoneKind::PremiumRate,
            Type::SharedCost => PhoneKind::SharedCost,
            Type::PersonalNumber => PhoneKind::PersonalNumber,
            Type::Voip => PhoneKind::Voip,
            Type::Pager => PhoneKind::Pager,
            Type::Uan => PhoneKind::Uan,
            Type::Voicemail => PhoneKind::Voicemail,
            _ => return None,
        })
    }
}

impl PhoneVerdict {
    fn unknown(reason: PhoneReason) -> Self {
        PhoneVerdict {
            validity: PhoneValidity::Unknown,
            e164: None,
            kind: None,
            reason,
        }
    }

    fn invalid(reason: PhoneReason) -> Self {
        PhoneVerdict {
            validity: PhoneValidity::Invalid,
            ..PhoneVerdict::unknown(reason)
        }
    }
}

/// Judges one phone number, read in `country` (ISO 3166-1 alpha-2, any case, may be empty)
/// unless it is written internationally. Never panics.
pub fn validate_phone(input: &str, country: &str) -> PhoneVerdict {
    match read(input, country) {
        Ok(number) => judge(&number),
        Err(verdict) => verdict,
    }
}

/// The validity [`validate_phone`] gives, without the E.164 form, line kind and reason it also
/// works out: what bulk checks such as an import need. Never panics.
pub fn phone_validity(input: &str, country: &str) -> PhoneValidity {
    match read(input, country) {
        Ok(number) if number.is_valid() => PhoneValidity::Valid,
        Ok(_) => PhoneValidity::Invalid,
        Err(verdict) => verdict.validity,
    }
}

/// The number parsed, or the verdict on input that cannot be.
fn read(input: &str, country: &str) -> Result<PhoneNumber, PhoneVerdict> {
    let number = input.trim();
    if number.is_empty() {
        return Err(PhoneVerdict::unknown(PhoneReason::Empty));
    }
    if !number.chars().any(|c| c.is_numeric()) {
        return Err(PhoneVerdict::unknown(PhoneReason::NotANumber));
    }
    let region = parse_region(country);
    // Written internationally when the first digit or plus sign is a plus (`+34…`, `(+34)…`,
    // `tel:+34…`, the full-width `＋`).
    let international = number
        .chars()
        .find(|c| c.is_numeric() || matches!(c, '+' | '\u{FF0B}'))
        .is_some_and(|c| !c.is_numeric());
    if region.is_none() && !international {
        return Err(PhoneVerdict::unknown(PhoneReason::MissingCountry));
    }
    enlarge_regex_cache();
    match phonenumber::parse(region, number) {
        Ok(parsed) => Ok(parsed),
        // The crate reads the national number as an integer, which fails only when it is all
        // zeros (`+34 000 000 000`): parsed as far as it can be, and never a valid number.
        Err(ParseError::MalformedInteger(_)) => {
            Err(PhoneVerdict::invalid(PhoneReason::InvalidForRegion))
        }
        Err(error) => Err(PhoneVerdict::unknown(parse_error_reason(&error))),
    }
}

/// Patterns the `phonenumber` metadata's regular-expression cache keeps compiled: more than the
/// metadata has (1,104 distinct patterns for 246 regions in 9.0.33), so none is ever compiled
/// twice. The crate's own cache holds 100 and evicts the least recently used: an invalid North
/// American number alone tries the patterns of all 25 regions of +1, so leads from five
/// countries judged in turn (104 patterns) recompiled patterns on nearly every call (the demo's
/// leads: ~40 µs a phone instead of ~12 µs; nine countries: 375 phones a second). Compiled
/// patterns take memory only for the countries actually judged (about 10 MB for those five,
/// about 90 MB for every country).
const REGEX_CACHE_CAPACITY: usize = 2048;

/// Gives the metadata's regular-expression cache [`REGEX_CACHE_CAPACITY`], once.
fn enlarge_regex_cache() {
    static ENLARGED: Once = Once::new();
    ENLARGED.call_once(|| {
        if let Ok(mut cache) = DATABASE.cache().lock() {
            if cache.capacity() < REGEX_CACHE_CAPACITY {
                cache.set_capacity(REGEX_CACHE_CAPACITY);
            }
        }
    });
}

/// The region for a lead country code: trimmed, any case, `UK` taken as `GB`.
fn parse_region(country: &str) -> Option<Region> {
    let &[a, b] = country.trim().as_bytes() else {
        return None;
    };
    let code = [a.to_ascii_uppercase(), b.to_ascii_uppercase()];
    let code = if &code == b"UK" { b"GB" } else { &code };
    std::str::from_utf8(code).ok()?.parse().ok()
}

fn parse_error_reason(error: &ParseError) -> PhoneReason {
    match error {
        ParseError::InvalidCountryCode => PhoneReason::InvalidCountryCode,
        ParseError::TooShortAfterIdd | ParseError::TooShortNsn => PhoneReason::TooShort,
        ParseError::TooLong => PhoneReason::TooLong,
        _ => PhoneReason::NotANumber,
    }
}

/// The verdict on a parsed number.
fn judge(number: &PhoneNumber) -> PhoneVerdict {
    if number.is_valid() {
        return PhoneVerdict {
            validity: PhoneValidity::Valid,
            e164: Some(number.format().mode(Mode::E164).to_string()),
            kind: PhoneKind::from_type(number.number_type(&DATABASE)),
            reason: PhoneReason::Valid,
        };
    }
    PhoneVerdict::invalid(invalid_reason(number))
}

/// Why a parsed number is not valid: its length against every length a number of its country
/// calling code can have, else its number range.
fn invalid_reason(number: &PhoneNumber) -> PhoneReason {
    let Some(regions) = DATABASE.by_code(&number.code().value()) else {
        return PhoneReason::InvalidCountryCode;
    };
    // libphonenumber's general descriptor leaves its lengths to be derived from the number
    // types, so take the union of the types' lengths.
    let mut lengths: Vec<usize> = regions
        .iter()
        .flat_map(|metadata| {
            let d = metadata.descriptors();
            [
                d.fixed_line(),
                d.mobile(),
                d.toll_free(),
                d.premium_rate(),
                d.shared_cost(),
                d.personal_number(),
                d.voip(),
                d.pager(),
                d.uan(),
                d.voicemail(),
            ]
        })
        .flatten()
        .flat_map(|descriptor| descriptor.possible_length().iter().map(|&l| usize::from(l)))
        .collect();
    lengths.sort_unstable();
    lengths.dedup();
    let digits = number.national().to_string().len();
    match (lengths.first(), lengths.last()) {
        (Some(&shortest), _) if digits < shortest => PhoneReason::TooShort,
        (_, Some(&longest)) if digits > longest => PhoneReason::TooLong,
        (Some(_), Some(_)) if lengths.binary_search(&digits).is_err() => PhoneReason::InvalidLength,
        _ => PhoneReason::InvalidForRegion,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_match_the_serialised_form() {
        let mut keys: Vec<&str> = PhoneReason::ALL.iter().map(|r| r.key()).collect();
        for reason in PhoneReason::ALL {
            let json = serde_json::to_value(reason).unwrap_or_default();
            assert_eq!(json.as_str(), Some(reason.key()));
            assert!(!reason.describe().is_empty());
        }
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), PhoneReason::ALL.len());
        let json = serde_json::to_value(PhoneKind::FixedLineOrMobile).unwrap_or_default();
        assert_eq!(json.as_str(), Some(PhoneKind::FixedLineOrMobile.key()));
    }

    #[test]
    fn regions() {
        assert_eq!(parse_region("es"), Some(Region::ES));
        assert_eq!(parse_region(" GB "), Some(Region::GB));
        assert_eq!(parse_region("uk"), Some(Region::GB));
        assert_eq!(parse_region(""), None);
        assert_eq!(parse_region("XX"), None);
        assert_eq!(parse_region("ESP"), None);
        assert_eq!(parse_region("é"), None);
        assert_eq!(parse_region(" u k"), None);
        assert_eq!(parse_region("us\n"), Some(Region::US));
    }
}
