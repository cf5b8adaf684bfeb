//! Deterministic randomness (the same seed gives the same fixtures) and identifier shapes.

use chrono::{DateTime, SecondsFormat, Utc};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// FNV-1a: a stable hash (std's `DefaultHasher` may change between Rust releases, and fixtures
/// must not).
pub(crate) fn stable_hash(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        hash ^= u64::from(*b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// A generator for one item: its values do not depend on how many items came before.
pub(crate) fn rng_for(seed: u64, what: &str, index: u64) -> ChaCha8Rng {
    let mut key = [0u8; 32];
    key[..8].copy_from_slice(&seed.to_le_bytes());
    key[8..16].copy_from_slice(&stable_hash(what.as_bytes()).to_le_bytes());
    key[16..24].copy_from_slice(&index.to_le_bytes());
    ChaCha8Rng::from_seed(key)
}

/// A GUID-shaped identifier (`8-4-4-4-12` lower-case hex, version 4 bits set).
pub(crate) fn guid(rng: &mut impl Rng) -> String {
    let mut b: [u8; 16] = rng.gen();
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

/// Whether `text` is a GUID (any case).
pub(crate) fn is_guid(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    parts.len() == 5
        && parts
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(p, n)| p.len() == n && p.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Whether `text` is a domain name (`contoso.onmicrosoft.com`): dotted labels of letters,
/// digits and hyphens, ending in a letters-only top-level label.
pub(crate) fn is_domain(text: &str) -> bool {
    let labels: Vec<&str> = text.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
        && labels
            .last()
            .is_some_and(|t| t.len() >= 2 && t.bytes().all(|b| b.is_ascii_alphabetic()))
}

/// An unguessable token (access tokens, download names): from the OS-seeded generator, as these
/// must differ between runs.
pub(crate) fn random_hex(bytes: usize) -> String {
    let mut rng = rand::thread_rng();
    (0..bytes)
        .map(|_| format!("{:02x}", rng.gen::<u8>()))
        .collect()
}

/// A fresh quoted eTag, as the API writes them (`"\"2500ec5a-…\""`).
pub(crate) fn new_etag() -> String {
    format!("\"{}\"", guid(&mut rand::thread_rng()))
}

/// The API's date-time form: UTC with milliseconds and `Z`.
pub(crate) fn api_time(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guids_and_domains() {
        let g = guid(&mut rng_for(1, "x", 2));
        assert!(is_guid(&g), "{g}");
        assert_eq!(g, guid(&mut rng_for(1, "x", 2)));
        assert!(!is_guid("not-a-guid"));
        assert!(is_domain("contoso.onmicrosoft.com"));
        assert!(!is_domain("contoso"));
        assert!(!is_domain("bad_name.com"));
        assert!(!is_domain("a.b.1"));
    }
}
