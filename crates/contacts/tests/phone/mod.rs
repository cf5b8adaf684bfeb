//! Phone numbers: the shared suite (libphonenumber's example numbers and their mutations), then
//! hand-written national and international forms for our countries.

use std::collections::BTreeMap;

use partner_advisor_contacts::{
    phone_validity, validate_phone, PhoneKind, PhoneReason, PhoneValidity,
};

use crate::support::{field, read_csv};

#[derive(Default)]
struct Figures {
    rows: usize,
    agree: usize,
    valid_expected: usize,
    valid_found: usize,
    unknown: usize,
    kind_checked: usize,
    kind_agree: usize,
}

#[test]
fn agrees_with_the_shared_suite() {
    let (headers, records) = read_csv("phone/phone_cases.csv");
    assert_eq!(records.len(), 257, "the suite has 257 rows");
    let mut regions: BTreeMap<String, Figures> = BTreeMap::new();
    let mut misses = Vec::new();
    let mut kind_misses = Vec::new();
    let mut outcomes: BTreeMap<(PhoneValidity, &str), Vec<String>> = BTreeMap::new();
    for record in &records {
        let number = field(&headers, record, "number");
        let region = field(&headers, record, "region");
        let expected = field(&headers, record, "expected_valid") == "true";
        let expected_kind = field(&headers, record, "expected_type");
        let verdict = validate_phone(number, region);
        assert_eq!(
            phone_validity(number, region),
            verdict.validity,
            "{number:?}"
        );
        let valid = verdict.validity == PhoneValidity::Valid;
        outcomes
            .entry((verdict.validity, verdict.reason.key()))
            .or_default()
            .push(format!("{region} {number:?}"));
        let figures = regions.entry(region.to_owned()).or_default();
        figures.rows += 1;
        figures.valid_expected += usize::from(expected);
        figures.valid_found += usize::from(valid);
        figures.unknown += usize::from(verdict.validity == PhoneValidity::Unknown);
        if expected == valid {
            figures.agree += 1;
        } else {
            misses.push(format!(
                "{region} {number:?}: suite says {}, we say {} ({}) [{}]",
                if expected { "valid" } else { "invalid" },
                verdict.validity,
                verdict.reason.key(),
                field(&headers, record, "source_note")
            ));
        }
        if expected && valid && !expected_kind.is_empty() {
            figures.kind_checked += 1;
            let ours = verdict.kind.map(PhoneKind::key).unwrap_or("none");
            // Where a country's fixed-line and mobile ranges overlap (US, MX), libphonenumber
            // says fixedLineOrMobile; the suite names the metadata section the example came
            // from (fixedLine or mobile) or, for hand-written rows, `fixedLine/mobile`.
            let same = ours == expected_kind
                || (ours == "fixedLineOrMobile"
                    && matches!(expected_kind, "fixedLine" | "mobile" | "fixedLine/mobile"));
            if same {
                figures.kind_agree += 1;
            } else {
                kind_misses.push(format!("{region} {number:?}: {expected_kind} vs {ours}"));
            }
        }
    }

    println!("phone suite, expected_valid against validate_phone == Valid, per region:");
    println!(
        "{:<6} {:>5} {:>7} {:>14} {:>11} {:>8} {:>9}",
        "region", "rows", "agree", "valid expected", "valid found", "unknown", "kind"
    );
    let mut agree = 0;
    for (region, f) in &regions {
        println!(
            "{region:<6} {:>5} {:>7} {:>14} {:>11} {:>8} {:>4}/{:<4}",
            f.rows,
            f.agree,
            f.valid_expected,
            f.valid_found,
            f.unknown,
            f.kind_agree,
            f.kind_checked
        );
        agree += f.agree;
    }
    println!("all    {:>5} {:>7}", records.len(), agree);
    println!("verdicts by validity and reason:");
    for ((validity, reason), rows) in &outcomes {
        let shown = if *validity == PhoneValidity::Valid {
            String::new()
        } else {
            rows.join(", ")
        };
        println!("  {validity:<8} {reason:<18} {:>4} {shown}", rows.len());
    }
    println!("misses ({}):", misses.len());
    for miss in &misses {
        println!("  {miss}");
    }
    println!("kind misses ({}):", kind_misses.len());
    for miss in &kind_misses {
        println!("  {miss}");
    }
    assert!(misses.is_empty(), "{} rows disagree", misses.len());
    assert!(
        kind_misses.is_empty(),
        "{} kinds disagree",
        kind_misses.len()
    );
}

/// `validate_phone(number, country)` gives `validity`, and for valid numbers `e164` and `kind`.
#[track_caller]
fn assert_phone(
    number: &str,
    country: &str,
    validity: PhoneValidity,
    e164: Option<&str>,
    kind: Option<PhoneKind>,
) {
    let verdict = validate_phone(number, country);
    assert_eq!(
        phone_validity(number, country),
        verdict.validity,
        "{number:?}"
    );
    assert_eq!(
        (verdict.validity, verdict.e164.as_deref(), verdict.kind),
        (validity, e164, kind),
        "{number:?} in {country:?} -> {verdict:?}"
    );
}

#[test]
fn our_countries_in_national_and_international_form() {
    use PhoneKind::*;
    use PhoneValidity::Valid;
    let cases: &[(&str, &str, &str, PhoneKind)] = &[
        // Spain
        ("612 34 56 78", "ES", "+34612345678", Mobile),
        ("+34 612 34 56 78", "ES", "+34612345678", Mobile),
        ("0034 612345678", "ES", "+34612345678", Mobile),
        ("91 123 45 67", "ES", "+34911234567", FixedLine),
        ("900 123 456", "es", "+34900123456", TollFree),
        // France
        ("06 12 34 56 78", "FR", "+33612345678", Mobile),
        ("+33 6 12 34 56 78", "FR", "+33612345678", Mobile),
        ("+33 (0)1 23 45 67 89", "FR", "+33123456789", FixedLine),
        ("01.23.45.67.89", "fr", "+33123456789", FixedLine),
        // Poland
        ("512 345 678", "PL", "+48512345678", Mobile),
        ("+48 512-345-678", "PL", "+48512345678", Mobile),
        ("12 345 67 89", "PL", "+48123456789", FixedLine),
        // United Kingdom (and the common "UK" for GB)
        ("07400 123456", "GB", "+447400123456", Mobile),
        ("+44 7400 123456", "GB", "+447400123456", Mobile),
        ("0121 234 5678", "UK", "+441212345678", FixedLine),
        ("+44 (0)121 234 5678", "gb", "+441212345678", FixedLine),
        // United States
        ("(201) 555-0123", "US", "+12015550123", FixedLineOrMobile),
        ("201.555.0123", "us", "+12015550123", FixedLineOrMobile),
        ("+1 201-555-0123", "US", "+12015550123", FixedLineOrMobile),
        ("1 (201) 555-0123", "US", "+12015550123", FixedLineOrMobile),
        ("tel:+1-201-555-0123", "", "+12015550123", FixedLineOrMobile),
    ];
    for &(number, country, e164, kind) in cases {
        assert_phone(number, country, Valid, Some(e164), Some(kind));
    }
}

#[test]
fn invalid_numbers_of_our_countries() {
    let cases: &[(&str, &str, PhoneReason)] = &[
        ("412 345 678", "ES", PhoneReason::InvalidForRegion),
        ("+34 612 34 56", "ES", PhoneReason::TooShort),
        ("612 34 56 78 9", "ES", PhoneReason::TooLong),
        ("06 12 34 56 7", "FR", PhoneReason::TooShort),
        ("+33 0 12 34 56 78", "FR", PhoneReason::TooShort),
        ("012 345 678", "PL", PhoneReason::InvalidForRegion),
        ("+48 512 345 67", "PL", PhoneReason::InvalidForRegion),
        ("07400 12345", "GB", PhoneReason::InvalidForRegion),
        ("+44 7400 1234567", "GB", PhoneReason::TooLong),
        ("555-0123", "US", PhoneReason::InvalidForRegion),
        ("+1 (101) 555-0123", "US", PhoneReason::InvalidLength),
        ("+34 000 000 000", "ES", PhoneReason::InvalidForRegion),
    ];
    for &(number, country, reason) in cases {
        let verdict = validate_phone(number, country);
        assert_eq!(
            (verdict.validity, verdict.reason, verdict.e164, verdict.kind),
            (PhoneValidity::Invalid, reason, None, None),
            "{number:?} in {country:?}"
        );
    }
}

#[test]
fn a_valid_number_of_another_country_is_valid() {
    let verdict = validate_phone("+33 6 12 34 56 78", "ES");
    assert_eq!(verdict.validity, PhoneValidity::Valid);
    assert_eq!(verdict.e164.as_deref(), Some("+33612345678"));
    let verdict = validate_phone("00 44 7400 123456", "PL");
    assert_eq!(verdict.e164.as_deref(), Some("+447400123456"));
}

#[test]
fn unknown_only_when_it_cannot_be_read() {
    let cases: &[(&str, &str, PhoneReason)] = &[
        ("", "ES", PhoneReason::Empty),
        ("   ", "ES", PhoneReason::Empty),
        ("n/a", "ES", PhoneReason::NotANumber),
        ("-", "US", PhoneReason::NotANumber),
        ("call me", "GB", PhoneReason::NotANumber),
        ("612 34 56 78", "", PhoneReason::MissingCountry),
        ("612 34 56 78", "XX", PhoneReason::MissingCountry),
        ("612 34 56 78", "Spain", PhoneReason::MissingCountry),
        ("+999 1234 5678", "ES", PhoneReason::InvalidCountryCode),
        ("+34", "ES", PhoneReason::NotANumber),
    ];
    for &(number, country, reason) in cases {
        let verdict = validate_phone(number, country);
        assert_eq!(
            (verdict.validity, verdict.reason, verdict.e164, verdict.kind),
            (PhoneValidity::Unknown, reason, None, None),
            "{number:?} in {country:?}"
        );
    }
    // With no lead country, an international number is still read.
    let verdict = validate_phone("+34 612 34 56 78", "");
    assert_eq!(verdict.validity, PhoneValidity::Valid);
}

#[test]
fn reasons_have_keys_and_descriptions() {
    for reason in PhoneReason::ALL {
        assert!(!reason.key().is_empty() && !reason.describe().is_empty());
    }
    assert_eq!(PhoneReason::NotANumber.key(), "notANumber");
    assert_eq!(PhoneReason::InvalidForRegion.key(), "invalidForRegion");
    assert_eq!(PhoneKind::FixedLine.key(), "fixedLine");
}
