//! E-mail addresses: "can we e-mail this lead?", decided offline.
//!
//! The rule is the `practical_valid` rule of the shared e-mail test suite
//! (`shared/testsuites/README.md` §1), applied after trimming spaces (not line breaks) from
//! either end:
//!
//! - a bare address (`anna@contoso.com`): no display name, angle brackets, comments or whitespace;
//! - exactly one `@`;
//! - the local part an unquoted ASCII dot-atom of 1 to 64 characters (`anna+leads` is fine; quoted
//!   and non-ASCII local parts are not, since most mail systems cannot deliver to them);
//! - the domain a DNS host name of at least two labels, each 1 to 63 characters of letters, digits
//!   and inner hyphens (no `--` in the third and fourth place except the `xn--` prefix), where an
//!   `xn--` label must hold valid punycode and a Unicode label must pass IDNA (UTS #46) mapping;
//! - the top-level domain alphabetic with at least two letters, or an `xn--` label, and not a
//!   reserved name (`.test`, `.example`, `.invalid`, `.localhost`, `.local`, `.onion`, `.arpa`,
//!   `.internal`, `.home`, `.lan`);
//! - at most 254 characters once the domain is in its ASCII (punycode) form.
//!
//! A well-formed address whose domain (or a parent domain) is on the shipped disposable list is
//! `Spam`. Nothing else is: no guessing from local parts such as `test` or `noreply`, and no DNS.
//! Empty input is `Unknown`; everything else is `Invalid`, with an [`EmailReason`] saying why.

use std::borrow::Cow;

use idna::uts46::{AsciiDenyList, DnsLength, Hyphens, Uts46};
use partner_advisor_domain::EmailValidity;
use serde::{Deserialize, Serialize};

use crate::spam_domains;

/// The longest address accepted, counted with the domain in ASCII form (RFC 5321's 256-octet
/// path less the two angle brackets).
const MAX_ADDRESS_LEN: usize = 254;
/// The longest local part (RFC 5321 §4.5.3.1.1).
const MAX_LOCAL_LEN: usize = 64;
/// The longest domain label (RFC 1035).
const MAX_LABEL_LEN: usize = 63;
/// Top-level domains that never reach a mailbox on the Internet (RFC 2606, RFC 6761, RFC 6762,
/// RFC 7686, RFC 8375, ICANN's `.internal`, and the common home-network `.lan`).
const RESERVED_TLDS: &[&str] = &[
    "arpa",
    "example",
    "home",
    "internal",
    "invalid",
    "lan",
    "local",
    "localhost",
    "onion",
    "test",
];

/// The verdict on one e-mail address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EmailVerdict {
    /// Partner Center's four-state validity.
    pub validity: EmailValidity,
    /// Why: the first rule the address failed, or [`EmailReason::Valid`].
    pub reason: EmailReason,
    /// The address as it should be stored and shown, for well-formed addresses (`Valid` and
    /// `Spam`): spaces trimmed, the local part as typed, the domain lower-cased and in Unicode form
    /// (`jose@xn--bcher-kva.de` becomes `jose@bücher.de`; an `xn--` label that does not decode
    /// to valid IDNA stays in its ASCII form). `None` for `Invalid` and `Unknown`.
    pub normalised: Option<String>,
}

/// Why an address got its verdict. [`key`](Self::key) is stable and is what the UI translates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum EmailReason {
    /// Passes every rule and is not on the disposable list.
    Valid,
    /// Nothing but whitespace.
    Empty,
    /// A display name or angle brackets (`Anna <anna@contoso.com>`).
    DisplayName,
    /// Whitespace or control characters inside the address.
    Whitespace,
    /// No `@`.
    MissingAt,
    /// More than one `@` (including one inside a quoted local part).
    MultipleAt,
    /// Nothing before the `@`.
    MissingLocalPart,
    /// The local part is not an unquoted ASCII dot-atom (quotes, non-ASCII letters, comments,
    /// characters outside RFC 5322 `atext`, or a dot at either end or doubled).
    InvalidLocalPart,
    /// The local part is longer than 64 characters.
    LocalPartTooLong,
    /// Nothing after the `@`.
    MissingDomain,
    /// An IP address in brackets instead of a domain.
    DomainLiteral,
    /// The domain is not a host name: bad characters, an empty or over-long label, a misplaced
    /// hyphen, invalid punycode or a Unicode label that IDNA rejects.
    InvalidDomain,
    /// The domain has a single label (`anna@contoso`).
    DotlessDomain,
    /// The top-level domain is numeric, a single letter or contains a hyphen.
    InvalidTopLevelDomain,
    /// The top-level domain is reserved and never routed (`.test`, `.local`, ...).
    ReservedDomain,
    /// The whole address is longer than 254 characters.
    TooLong,
    /// The domain, or a parent domain, is on the shipped disposable-domain list.
    DisposableDomain,
}

impl EmailReason {
    /// Every reason, in declaration order.
    pub const ALL: &'static [EmailReason] = &[
        EmailReason::Valid,
        EmailReason::Empty,
        EmailReason::DisplayName,
        EmailReason::Whitespace,
        EmailReason::MissingAt,
        EmailReason::MultipleAt,
        EmailReason::MissingLocalPart,
        EmailReason::InvalidLocalPart,
        EmailReason::LocalPartTooLong,
        EmailReason::MissingDomain,
        EmailReason::DomainLiteral,
        EmailReason::InvalidDomain,
        EmailReason::DotlessDomain,
        EmailReason::InvalidTopLevelDomain,
        EmailReason::ReservedDomain,
        EmailReason::TooLong,
        EmailReason::DisposableDomain,
    ];

    /// The stable camelCase key the UI translates (also the serialised form).
    pub fn key(self) -> &'static str {
        match self {
            EmailReason::Valid => "valid",
            EmailReason::Empty => "empty",
            EmailReason::DisplayName => "displayName",
            EmailReason::Whitespace => "whitespace",
            EmailReason::MissingAt => "missingAt",
            EmailReason::MultipleAt => "multipleAt",
            EmailReason::MissingLocalPart => "missingLocalPart",
            EmailReason::InvalidLocalPart => "invalidLocalPart",
            EmailReason::LocalPartTooLong => "localPartTooLong",
            EmailReason::MissingDomain => "missingDomain",
            EmailReason::DomainLiteral => "domainLiteral",
            EmailReason::InvalidDomain => "invalidDomain",
            EmailReason::DotlessDomain => "dotlessDomain",
            EmailReason::InvalidTopLevelDomain => "invalidTopLevelDomain",
            EmailReason::ReservedDomain => "reservedDomain",
            EmailReason::TooLong => "tooLong",
            EmailReason::DisposableDomain => "disposableDomain",
        }
    }

    /// A one-line English explanation, for logs and the command line.
    pub fn describe(self) -> &'static str {
        match self {
            EmailReason::Valid => "a well-formed address on a routable domain",
            EmailReason::Empty => "no address given",
            EmailReason::DisplayName => {
                "has a display name or angle brackets; only the bare address is accepted"
            }
            EmailReason::Whitespace => "contains spaces, line breaks or control characters",
            EmailReason::MissingAt => "has no @",
            EmailReason::MultipleAt => "has more than one @",
            EmailReason::MissingLocalPart => "has nothing before the @",
            EmailReason::InvalidLocalPart => {
                "the part before the @ is not a plain ASCII mailbox name (quotes, accents, \
                 comments, disallowed characters or misplaced dots)"
            }
            EmailReason::LocalPartTooLong => "the part before the @ is longer than 64 characters",
            EmailReason::MissingDomain => "has nothing after the @",
            EmailReason::DomainLiteral => "uses an IP address instead of a domain",
            EmailReason::InvalidDomain => {
                "the domain is not a valid host name (characters, empty or over-long labels, \
                 hyphens or punycode)"
            }
            EmailReason::DotlessDomain => "the domain has no dot",
            EmailReason::InvalidTopLevelDomain => {
                "the top-level domain is not alphabetic with at least two letters"
            }
            EmailReason::ReservedDomain => {
                "the top-level domain is reserved and never receives mail (.test, .local, ...)"
            }
            EmailReason::TooLong => "the address is longer than 254 characters",
            EmailReason::DisposableDomain => "the domain is a known disposable e-mail service",
        }
    }

    /// The validity this reason implies.
    pub fn validity(self) -> EmailValidity {
        match self {
            EmailReason::Valid => EmailValidity::Valid,
            EmailReason::Empty => EmailValidity::Unknown,
            EmailReason::DisposableDomain => EmailValidity::Spam,
            _ => EmailValidity::Invalid,
        }
    }
}

impl std::fmt::Display for EmailReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.describe())
    }
}

impl EmailVerdict {
    fn rejected(reason: EmailReason) -> Self {
        EmailVerdict {
            validity: reason.validity(),
            reason,
            normalised: None,
        }
    }
}

/// Judges one e-mail address (see the module documentation for the rule). Never panics.
pub fn validate_email(input: &str) -> EmailVerdict {
    if input.trim().is_empty() {
        return EmailVerdict::rejected(EmailReason::Empty);
    }
    match check(input.trim_matches(is_trimmable)) {
        Ok(address) => {
            let reason = if spam_domains::is_listed_ascii(&address.ascii_domain) {
                EmailReason::DisposableDomain
            } else {
                EmailReason::Valid
            };
            EmailVerdict {
                validity: reason.validity(),
                reason,
                normalised: Some(format!(
                    "{}@{}",
                    address.local,
                    unicode_domain(&address.ascii_domain)
                )),
            }
        }
        Err(reason) => EmailVerdict::rejected(reason),
    }
}

/// The validity [`validate_email`] gives, without the reason and normalised address it also
/// works out: what bulk checks such as an import need. Never panics.
pub fn email_validity(input: &str) -> EmailValidity {
    if input.trim().is_empty() {
        return EmailValidity::Unknown;
    }
    match check(input.trim_matches(is_trimmable)) {
        Ok(address) if spam_domains::is_listed_ascii(&address.ascii_domain) => EmailValidity::Spam,
        Ok(_) => EmailValidity::Valid,
        Err(reason) => reason.validity(),
    }
}

/// Whitespace trimmed from either end of an address: spaces, tabs and no-break spaces (what
/// copying from a web page or a form leaves), but not line breaks. A line break means the cell
/// held more than one line, so the address is rejected as it is rather than guessed at.
fn is_trimmable(c: char) -> bool {
    c.is_whitespace()
        && !matches!(
            c,
            '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
        )
}

/// A syntactically acceptable address.
struct Address<'a> {
    local: &'a str,
    /// Lower-case, punycode for internationalised labels.
    ascii_domain: String,
}

/// Applies the syntax rules, in the order the reasons are reported.
fn check(address: &str) -> Result<Address<'_>, EmailReason> {
    if address.contains(['<', '>']) {
        return Err(EmailReason::DisplayName);
    }
    if address.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(EmailReason::Whitespace);
    }
    let (local, domain) = address.split_once('@').ok_or(EmailReason::MissingAt)?;
    if domain.contains('@') {
        return Err(EmailReason::MultipleAt);
    }
    check_local_part(local)?;
    if domain.is_empty() {
        return Err(EmailReason::MissingDomain);
    }
    if domain.starts_with('[') {
        return Err(EmailReason::DomainLiteral);
    }
    let ascii_domain = to_ascii_domain(domain).ok_or(EmailReason::InvalidDomain)?;
    check_host_name(&ascii_domain)?;
    if local.len() + 1 + ascii_domain.len() > MAX_ADDRESS_LEN {
        return Err(EmailReason::TooLong);
    }
    Ok(Address {
        local,
        ascii_domain,
    })
}

/// An unquoted ASCII dot-atom of 1 to 64 characters.
fn check_local_part(local: &str) -> Result<(), EmailReason> {
    if local.is_empty() {
        return Err(EmailReason::MissingLocalPart);
    }
    let well_formed = local.split('.').all(|atom| {
        !atom.is_empty()
            && atom
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || is_atext_symbol(b))
    });
    if !well_formed {
        return Err(EmailReason::InvalidLocalPart);
    }
    if local.len() > MAX_LOCAL_LEN {
        return Err(EmailReason::LocalPartTooLong);
    }
    Ok(())
}

/// The symbols RFC 5322 allows in an `atext` besides letters and digits.
fn is_atext_symbol(b: u8) -> bool {
    b"!#$%&'*+-/=?^_`{|}~".contains(&b)
}

/// The domain lower-cased, with Unicode labels converted to punycode by IDNA (UTS #46) mapping.
/// `None` when a Unicode domain fails IDNA or holds invisible or unsafe characters. ASCII
/// domains pass through lower-cased; their labels are checked by [`check_host_name`].
fn to_ascii_domain(domain: &str) -> Option<String> {
    if domain.is_ascii() {
        return Some(domain.to_ascii_lowercase());
    }
    if domain.chars().any(is_unsafe_in_domain) {
        return None;
    }
    Uts46::new()
        .to_ascii(
            domain.as_bytes(),
            AsciiDenyList::STD3,
            Hyphens::Check,
            DnsLength::Ignore,
        )
        .ok()
        .map(Cow::into_owned)
}

/// Characters UTS #46 would silently drop or that can disguise a domain: format controls
/// (zero-width, bidirectional overrides, soft hyphen), fillers, variation selectors, private-use
/// characters and noncharacters.
fn is_unsafe_in_domain(c: char) -> bool {
    let code = u32::from(c);
    c.is_whitespace()
        || c.is_control()
        || matches!(
            code,
            0x00AD
                | 0x034F
                | 0x061C
                | 0x115F..=0x1160
                | 0x17B4..=0x17B5
                | 0x180B..=0x180F
                | 0x200B..=0x200F
                | 0x202A..=0x202E
                | 0x2060..=0x206F
                | 0x3164
                | 0xE000..=0xF8FF
                | 0xFDD0..=0xFDEF
                | 0xFE00..=0xFE0F
                | 0xFEFF
                | 0xFFA0
                | 0xFFF0..=0xFFFB
                | 0xE0000..=0xE0FFF
                | 0xF0000..
        )
        || code & 0xFFFE == 0xFFFE
}

/// The host-name rules on the ASCII form of the domain.
fn check_host_name(domain: &str) -> Result<(), EmailReason> {
    let labels: Vec<&str> = domain.split('.').collect();
    if !labels.iter().all(|label| is_host_label(label)) {
        return Err(EmailReason::InvalidDomain);
    }
    let tld = match labels.as_slice() {
        [_, .., tld] => *tld,
        _ => return Err(EmailReason::DotlessDomain),
    };
    let alphabetic = tld.len() >= 2 && tld.bytes().all(|b| b.is_ascii_alphabetic());
    if !alphabetic && !tld.starts_with("xn--") {
        return Err(EmailReason::InvalidTopLevelDomain);
    }
    if RESERVED_TLDS.contains(&tld) {
        return Err(EmailReason::ReservedDomain);
    }
    Ok(())
}

/// One lower-case ASCII label: 1 to 63 letters, digits and hyphens, no hyphen at either end, no
/// `--` in the third and fourth place unless it is an `xn--` label holding valid punycode.
fn is_host_label(label: &str) -> bool {
    if label.is_empty() || label.len() > MAX_LABEL_LEN {
        return false;
    }
    if !label
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        return false;
    }
    if label.starts_with('-') || label.ends_with('-') {
        return false;
    }
    match label.strip_prefix("xn--") {
        Some(encoded) => idna::punycode::decode(encoded).is_some_and(|chars| !chars.is_empty()),
        None => label.get(2..4) != Some("--"),
    }
}

/// The domain for display: `xn--` labels decoded when they are valid IDNA, else left as they are.
fn unicode_domain(ascii: &str) -> String {
    if !ascii.contains("xn--") {
        return ascii.to_owned();
    }
    let (unicode, result) =
        Uts46::new().to_unicode(ascii.as_bytes(), AsciiDenyList::STD3, Hyphens::Allow);
    match result {
        Ok(()) => unicode.into_owned(),
        Err(_) => ascii.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_match_the_serialised_form() {
        let mut keys: Vec<&str> = EmailReason::ALL.iter().map(|r| r.key()).collect();
        for reason in EmailReason::ALL {
            let json = serde_json_string(*reason);
            assert_eq!(json, reason.key());
            assert!(!reason.describe().is_empty());
        }
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), EmailReason::ALL.len());
    }

    fn serde_json_string(reason: EmailReason) -> String {
        serde_json::to_value(reason)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default()
    }

    #[test]
    fn labels() {
        assert!(is_host_label("contoso"));
        assert!(is_host_label("c--n"));
        assert!(is_host_label("xn--bcher-kva"));
        assert!(!is_host_label("yy--0"));
        assert!(!is_host_label("xn--0"));
        assert!(!is_host_label("-a"));
        assert!(!is_host_label("a-"));
        assert!(!is_host_label(""));
        assert!(!is_host_label("a_b"));
    }

    #[test]
    fn normalised_domain_is_unicode_and_lower_case() {
        let verdict = validate_email("  Jose@XN--BCHER-KVA.DE ");
        assert_eq!(verdict.normalised.as_deref(), Some("Jose@bücher.de"));
        let verdict = validate_email("jose@Bücher.de");
        assert_eq!(verdict.normalised.as_deref(), Some("jose@bücher.de"));
        let verdict = validate_email("test@xn--example.com");
        assert_eq!(verdict.validity, EmailValidity::Valid);
        assert_eq!(verdict.normalised.as_deref(), Some("test@xn--example.com"));
    }
}
