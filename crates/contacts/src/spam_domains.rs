//! The shipped list of disposable e-mail domains (`data/disposable_domains.txt`, see
//! `data/README.md` for its source, version and licence).
//!
//! A domain is spam when it, or any parent domain of it, is on the list: `mailinator.com` is
//! listed, so `eu.mailinator.com` is spam too.

use std::sync::OnceLock;

/// The embedded list: `#` comment lines, then one lower-case ASCII domain per line.
const DISPOSABLE_DOMAINS: &str = include_str!("../data/disposable_domains.txt");

/// The list's domains, sorted for binary search, parsed on first use.
fn disposable_domains() -> &'static [&'static str] {
    static DOMAINS: OnceLock<Vec<&'static str>> = OnceLock::new();
    DOMAINS.get_or_init(|| {
        let mut domains: Vec<&'static str> = DISPOSABLE_DOMAINS
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty() && !line.starts_with('#'))
            .collect();
        // The file is kept sorted (a unit test checks it); sorting again costs little and keeps
        // the binary search right if a hand edit slips through.
        domains.sort_unstable();
        domains.dedup();
        domains
    })
}

/// Whether `domain` or one of its parent domains is a known disposable or spam domain.
///
/// Accepts any case, a trailing dot, and internationalised domains in Unicode or punycode form.
/// Anything that is not a host name (empty, spaces, an IP literal) is not spam.
pub fn is_spam_domain(domain: &str) -> bool {
    let domain = domain.trim().trim_end_matches('.');
    if domain.is_empty() {
        return false;
    }
    if domain.is_ascii() {
        is_listed_ascii(&domain.to_ascii_lowercase())
    } else {
        match idna::domain_to_ascii(domain) {
            Ok(ascii) => is_listed_ascii(&ascii),
            Err(_) => false,
        }
    }
}

/// Looks up a lower-case ASCII domain and each of its parents (`a.b.c`, `b.c`, `c`).
pub(crate) fn is_listed_ascii(domain: &str) -> bool {
    let list = disposable_domains();
    let mut rest = domain;
    loop {
        if list.binary_search(&rest).is_ok() {
            return true;
        }
        match rest.split_once('.') {
            Some((_, parent)) if !parent.is_empty() => rest = parent,
            _ => return false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_is_sorted_lower_case_and_free_of_duplicates() {
        let lines: Vec<&str> = DISPOSABLE_DOMAINS
            .lines()
            .filter(|line| !line.starts_with('#'))
            .collect();
        assert!(lines.len() > 10_000, "{} domains", lines.len());
        for pair in lines.windows(2) {
            assert!(pair[0] < pair[1], "not sorted or duplicated: {pair:?}");
        }
        for line in &lines {
            assert!(
                !line.is_empty()
                    && line.is_ascii()
                    && *line == line.trim()
                    && *line == line.to_ascii_lowercase()
                    && line.contains('.'),
                "bad line {line:?}"
            );
        }
        assert_eq!(disposable_domains().len(), lines.len());
    }

    #[test]
    fn listed_domains_and_their_subdomains_are_spam() {
        assert!(is_spam_domain("mailinator.com"));
        assert!(is_spam_domain("MAILINATOR.COM."));
        assert!(is_spam_domain("eu.mailinator.com"));
        assert!(is_spam_domain("a.b.yopmail.com"));
        assert!(!is_spam_domain("contoso.com"));
        assert!(!is_spam_domain("com"));
        assert!(!is_spam_domain("mailinator-reviews.com"));
        assert!(!is_spam_domain(""));
        assert!(!is_spam_domain("."));
        assert!(!is_spam_domain("[127.0.0.1]"));
        assert!(!is_spam_domain("bücher.de"));
    }
}
