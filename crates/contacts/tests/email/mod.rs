//! E-mail: the shared suite's `practical_valid` column, then hand-written cases.

use std::collections::BTreeMap;

use partner_advisor_contacts::{email_validity, validate_email, EmailReason, EmailValidity};

use crate::support::{field, read_csv};

/// Rows where our verdict deliberately differs from `practical_valid`, by `(source, source_id)`,
/// with our verdict. The test fails if any other row disagrees, or if one of these comes to agree.
///
/// All four are `test@iana.org` with a space before or after it. We trim spaces (and tabs and
/// no-break spaces) from both ends on purpose: an address typed into a form or pasted from a
/// page with a stray space still reaches the mailbox, and `normalised` stores it trimmed. Line
/// breaks are not trimmed (a cell with a line break held more than one line), so the suite's 47
/// rows with CR/LF around the address stay invalid, as the suite says.
const DELIBERATE: &[(&str, &str, EmailValidity)] = &[
    ("isemail/tests.xml", "157", EmailValidity::Valid), // " test@iana.org"
    ("isemail/tests.xml", "158", EmailValidity::Valid), // "test@iana.org "
    (PYTHON, "test_pyisemail_tests[144]", EmailValidity::Valid), // " test@iana.org"
    (PYTHON, "test_pyisemail_tests[145]", EmailValidity::Valid), // "test@iana.org "
];

const PYTHON: &str = "python-email-validator/tests/test_syntax.py";

#[derive(Default)]
struct Matrix {
    /// practical_valid and Valid.
    both_valid: usize,
    /// practical_valid, but not Valid here.
    missed_valid: usize,
    /// Not practical_valid, but Valid here.
    wrongly_valid: usize,
    /// Neither.
    both_invalid: usize,
}

#[test]
fn agrees_with_the_practical_rule_of_the_shared_suite() {
    let (headers, records) = read_csv("email/email_cases.csv");
    assert_eq!(records.len(), 810, "the suite has 810 rows");
    let mut matrices: BTreeMap<String, Matrix> = BTreeMap::new();
    let mut misses = Vec::new();
    let mut reasons: BTreeMap<(String, &str), usize> = BTreeMap::new();
    for record in &records {
        let json = field(&headers, record, "address_json");
        let address: String = serde_json::from_str(json)
            .unwrap_or_else(|error| panic!("bad address_json {json:?}: {error}"));
        let expected = field(&headers, record, "practical_valid") == "true";
        let source = field(&headers, record, "source");
        let source_id = field(&headers, record, "source_id");
        let verdict = validate_email(&address);
        assert_eq!(email_validity(&address), verdict.validity, "{address:?}");
        let valid = verdict.validity == EmailValidity::Valid;
        *reasons
            .entry((
                field(&headers, record, "practical_reason").to_owned(),
                verdict.reason.key(),
            ))
            .or_default() += 1;
        let matrix = matrices.entry(source.to_owned()).or_default();
        match (expected, valid) {
            (true, true) => matrix.both_valid += 1,
            (true, false) => matrix.missed_valid += 1,
            (false, true) => matrix.wrongly_valid += 1,
            (false, false) => matrix.both_invalid += 1,
        }
        if expected != valid {
            misses.push((
                source.to_owned(),
                source_id.to_owned(),
                verdict.validity,
                format!(
                    "{address:?}: suite says {} ({}), we say {} ({})",
                    if expected { "valid" } else { "not valid" },
                    field(&headers, record, "practical_reason"),
                    verdict.validity,
                    verdict.reason.key()
                ),
            ));
        }
    }

    println!("e-mail suite, practical_valid against validate_email == Valid, per source:");
    println!(
        "{:<45} {:>6} {:>6} {:>6} {:>6} {:>9}",
        "source", "TP", "FN", "FP", "TN", "agree"
    );
    let mut total = Matrix::default();
    for (source, m) in &matrices {
        let rows = m.both_valid + m.missed_valid + m.wrongly_valid + m.both_invalid;
        println!(
            "{source:<45} {:>6} {:>6} {:>6} {:>6} {:>4}/{:<4}",
            m.both_valid,
            m.missed_valid,
            m.wrongly_valid,
            m.both_invalid,
            m.both_valid + m.both_invalid,
            rows
        );
        total.both_valid += m.both_valid;
        total.missed_valid += m.missed_valid;
        total.wrongly_valid += m.wrongly_valid;
        total.both_invalid += m.both_invalid;
    }
    println!(
        "{:<45} {:>6} {:>6} {:>6} {:>6} {:>4}/{:<4}",
        "all",
        total.both_valid,
        total.missed_valid,
        total.wrongly_valid,
        total.both_invalid,
        total.both_valid + total.both_invalid,
        records.len()
    );
    println!("the suite's practical_reason against our reason key:");
    for ((theirs, ours), count) in &reasons {
        println!("  {theirs:<55} {ours:<22} {count:>4}");
    }
    println!("misses ({}):", misses.len());
    for (source, id, _, text) in &misses {
        println!("  {source} #{id}: {text}");
    }

    // Where the suite names the clause an address fails, our reason names the same one.
    for ((theirs, ours), count) in &reasons {
        let same: &[&str] = match theirs.as_str() {
            "dotless domain" => &["dotlessDomain"],
            "reserved/special-use TLD" => &["reservedDomain"],
            "TLD not alphabetic (or shorter than 2)" => &["invalidTopLevelDomain"],
            "empty domain or IP literal" => &["domainLiteral", "missingDomain"],
            "local part not an unquoted ASCII dot-atom" => &["invalidLocalPart", "whitespace"],
            _ => continue,
        };
        assert!(
            same.contains(ours),
            "{count} rows the suite rejects for {theirs:?} get reason {ours:?}"
        );
    }

    let found: Vec<(&str, &str, EmailValidity)> = misses
        .iter()
        .map(|(source, id, validity, _)| (source.as_str(), id.as_str(), *validity))
        .collect();
    assert_eq!(
        found, DELIBERATE,
        "the disagreements with the suite are not exactly the deliberate ones"
    );
}

/// `validate_email(address)` gives `validity` for `reason`.
#[track_caller]
fn assert_verdict(address: &str, validity: EmailValidity, reason: EmailReason) {
    let verdict = validate_email(address);
    assert_eq!(email_validity(address), verdict.validity, "{address:?}");
    assert_eq!(
        (verdict.validity, verdict.reason),
        (validity, reason),
        "{address:?} -> {verdict:?}"
    );
    assert_eq!(
        verdict.normalised.is_some(),
        matches!(validity, EmailValidity::Valid | EmailValidity::Spam),
        "{address:?}: normalised only for well-formed addresses"
    );
}

#[test]
fn ordinary_and_plus_addressed_addresses_are_valid() {
    use EmailReason::Valid;
    for address in [
        "anna@contoso.com",
        "anna+leads@contoso.com",
        "Anna.Smith@Contoso.COM",
        "first.last-name_2@sub.contoso.co.uk",
        "o'brien@contoso.ie",
        "x@contoso.museum",
    ] {
        assert_verdict(address, EmailValidity::Valid, Valid);
    }
    let verdict = validate_email("  Anna+leads@CONTOSO.com\u{a0}");
    assert_eq!(
        verdict.normalised.as_deref(),
        Some("Anna+leads@contoso.com")
    );
}

#[test]
fn internationalised_domains_are_valid_but_not_internationalised_local_parts() {
    use EmailReason::{InvalidDomain, InvalidLocalPart, Valid};
    use EmailValidity::{Invalid, Valid as Ok};
    assert_verdict("jose@bücher.de", Ok, Valid);
    assert_verdict("jose@xn--bcher-kva.de", Ok, Valid);
    assert_verdict("jose@BÜCHER.de", Ok, Valid);
    assert_verdict("info@例子.广告", Ok, Valid);
    assert_verdict("info@xn--fsqu00a.xn--4rr70v", Ok, Valid);
    assert_verdict("jeff@臺網中心.tw", Ok, Valid);
    // The practical rule wants an ASCII local part: many mail systems cannot deliver to
    // `josé@` (SMTPUTF8), so an accented local part is Invalid even on an IDN domain.
    assert_verdict("josé@bücher.de", Invalid, InvalidLocalPart);
    assert_verdict("用户@例子.广告", Invalid, InvalidLocalPart);
    // Invalid punycode, IDNA-rejected and disguising characters.
    assert_verdict("jose@xn--0.de", Invalid, InvalidDomain);
    assert_verdict("jose@b\u{fc}cher\u{200b}.de", Invalid, InvalidDomain);
    assert_verdict("jose@b\u{fc}cher\u{202e}.de", Invalid, InvalidDomain);
    assert_verdict("me@\u{2488}wouldbeinvalid.com", Invalid, InvalidDomain);

    let verdict = validate_email("jose@xn--bcher-kva.de");
    assert_eq!(verdict.normalised.as_deref(), Some("jose@bücher.de"));
    let verdict = validate_email("info@例子.广告");
    assert_eq!(verdict.normalised.as_deref(), Some("info@例子.广告"));
}

#[test]
fn disposable_domains_and_their_subdomains_are_spam() {
    use EmailReason::DisposableDomain;
    use EmailValidity::Spam;
    assert_verdict("x@mailinator.com", Spam, DisposableDomain);
    assert_verdict("x@MAILINATOR.COM", Spam, DisposableDomain);
    assert_verdict("x@mail.mailinator.com", Spam, DisposableDomain);
    assert_verdict("someone+tag@yopmail.com", Spam, DisposableDomain);
    assert_verdict("x@guerrillamail.com", Spam, DisposableDomain);
    // Lookalikes and ordinary providers are not.
    assert_verdict(
        "x@mailinator-reviews.com",
        EmailValidity::Valid,
        EmailReason::Valid,
    );
    assert_verdict("x@outlook.com", EmailValidity::Valid, EmailReason::Valid);
    // Spam needs a well-formed address first.
    assert_verdict(
        "x..y@mailinator.com",
        EmailValidity::Invalid,
        EmailReason::InvalidLocalPart,
    );
}

#[test]
fn malformed_addresses_are_invalid_with_their_reason() {
    use EmailReason::*;
    use EmailValidity::Invalid;
    let cases = [
        ("Anna <anna@contoso.com>", DisplayName),
        ("anna smith@contoso.com", Whitespace),
        ("anna@contoso.com\n", Whitespace),
        ("anna@contoso.com\nbob@contoso.com", Whitespace),
        ("anna.contoso.com", MissingAt),
        ("anna@@contoso.com", MultipleAt),
        ("\"anna@home\"@contoso.com", MultipleAt),
        ("@contoso.com", MissingLocalPart),
        (".anna@contoso.com", InvalidLocalPart),
        ("anna.@contoso.com", InvalidLocalPart),
        ("an..na@contoso.com", InvalidLocalPart),
        ("\"anna\"@contoso.com", InvalidLocalPart),
        ("anna(comment)@contoso.com", InvalidLocalPart),
        ("anna,bob@contoso.com", InvalidLocalPart),
        (&format!("{}@contoso.com", "a".repeat(65)), LocalPartTooLong),
        ("anna@", MissingDomain),
        ("anna@[127.0.0.1]", DomainLiteral),
        ("anna@[IPv6:::1]", DomainLiteral),
        ("anna@contoso..com", InvalidDomain),
        ("anna@.contoso.com", InvalidDomain),
        ("anna@contoso.com.", InvalidDomain),
        ("anna@-contoso.com", InvalidDomain),
        ("anna@contoso-.com", InvalidDomain),
        ("anna@con_toso.com", InvalidDomain),
        ("anna@ab--cd.com", InvalidDomain),
        (&format!("anna@{}.com", "a".repeat(64)), InvalidDomain),
        ("anna@contoso", DotlessDomain),
        ("anna@localhost", DotlessDomain),
        ("anna@contoso.c", InvalidTopLevelDomain),
        ("anna@contoso.123", InvalidTopLevelDomain),
        ("anna@10.0.0.1", InvalidTopLevelDomain),
        ("anna@contoso.co-uk", InvalidTopLevelDomain),
        ("anna@contoso.test", ReservedDomain),
        ("anna@printer.local", ReservedDomain),
        ("anna@router.LAN", ReservedDomain),
        ("anna@x.example", ReservedDomain),
        (
            &format!("anna@{}.com", vec!["a".repeat(62); 4].join(".")),
            TooLong,
        ),
    ];
    for (address, reason) in cases {
        assert_verdict(address, Invalid, reason);
    }
}

#[test]
fn empty_input_is_unknown() {
    for address in ["", " ", "\t", "\r\n", "\u{a0}"] {
        assert_verdict(address, EmailValidity::Unknown, EmailReason::Empty);
    }
}

#[test]
fn reasons_have_keys_and_descriptions() {
    for reason in EmailReason::ALL {
        assert!(!reason.key().is_empty() && !reason.describe().is_empty());
        assert_eq!(reason.validity(), {
            match reason {
                EmailReason::Valid => EmailValidity::Valid,
                EmailReason::Empty => EmailValidity::Unknown,
                EmailReason::DisposableDomain => EmailValidity::Spam,
                _ => EmailValidity::Invalid,
            }
        });
    }
    assert_eq!(EmailReason::ReservedDomain.key(), "reservedDomain");
    assert_eq!(EmailReason::DisposableDomain.key(), "disposableDomain");
}
