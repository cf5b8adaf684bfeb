//! Seeded random streams and the few distributions the generator draws from.
//!
//! Every random decision comes from a [`ChaCha8Rng`] seeded from the demo seed, a stream tag and
//! one or two indices (customer, month, lead), so a value never depends on the order in which
//! other customers or months were generated. Distributions are written here rather than taken
//! from `rand_distr` so their output is fixed by this code alone.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// What a random stream is used for; each tag gives independent draws for the same indices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u64)]
pub(crate) enum Stream {
    /// A customer's identity: country, name, city, tenant ID.
    Identity = 1,
    /// A customer's latent traits and drivers.
    Traits = 2,
    /// A customer's portfolio when it becomes a customer.
    Portfolio = 3,
    /// A customer's changes in one month.
    Month = 4,
    /// A customer's per-user activity report.
    Users = 5,
    /// One lead.
    Lead = 6,
    /// A customer's CRM account.
    Crm = 7,
    /// CRM accounts that are not customers.
    CrmProspect = 8,
    /// Realized churn month of a customer.
    Churn = 9,
    /// A customer's latent fit and intent per solution area, and its external signals.
    Propensity = 10,
}

/// SplitMix64's finaliser: a fast, well-mixed bijection on `u64`.
pub(crate) fn mix64(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The seed of stream `stream` for indices `a` and `b`.
pub(crate) fn stream_seed(seed: u64, stream: Stream, a: u64, b: u64) -> u64 {
    mix64(mix64(mix64(seed ^ mix64(stream as u64)) ^ a) ^ b.wrapping_mul(0xD6E8_FEB8_6659_FD93))
}

/// An independent generator for stream `stream` and indices `a`, `b`.
pub(crate) fn rng(seed: u64, stream: Stream, a: u64, b: u64) -> ChaCha8Rng {
    ChaCha8Rng::seed_from_u64(stream_seed(seed, stream, a, b))
}

/// 64-bit FNV-1a: a stable hash (unlike `DefaultHasher`, fixed by this code) for name sets.
pub(crate) fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xCBF2_9CE4_8422_2325;
    for b in bytes {
        hash ^= u64::from(*b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01B3);
    }
    hash
}

/// A GUID in the usual 8-4-4-4-12 lower-case form, version 4 and RFC 4122 variant bits set,
/// built from two 64-bit values.
pub(crate) fn guid_from(hi: u64, lo: u64) -> String {
    let hi = (hi & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_4000;
    let lo = (lo & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000;
    format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        hi >> 32,
        (hi >> 16) & 0xFFFF,
        hi & 0xFFFF,
        lo >> 48,
        lo & 0xFFFF_FFFF_FFFF
    )
}

/// A GUID drawn from `rng`.
pub(crate) fn guid(rng: &mut impl Rng) -> String {
    let hi: u64 = rng.gen();
    let lo: u64 = rng.gen();
    guid_from(hi, lo)
}

/// `n` upper-case hexadecimal characters drawn from `rng` (concealed names look like this).
pub(crate) fn hex_upper(rng: &mut impl Rng, n: usize) -> String {
    const DIGITS: &[u8; 16] = b"0123456789ABCDEF";
    (0..n)
        .map(|_| char::from(DIGITS[rng.gen_range(0..16)]))
        .collect()
}

/// The logistic function.
pub(crate) fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

/// A standard normal draw (Marsaglia's polar method: only `ln` and `sqrt`).
pub(crate) fn normal(rng: &mut impl Rng) -> f64 {
    loop {
        let u: f64 = rng.gen_range(-1.0..1.0);
        let v: f64 = rng.gen_range(-1.0..1.0);
        let s = u * u + v * v;
        if s > 0.0 && s < 1.0 {
            return u * (-2.0 * s.ln() / s).sqrt();
        }
    }
}

/// A log-normal draw with the given median and log-scale spread.
pub(crate) fn lognormal(rng: &mut impl Rng, median: f64, sigma: f64) -> f64 {
    median * (sigma * normal(rng)).exp()
}

/// The probability that an event with `p_year` chance per 12 months happens in one month.
pub(crate) fn monthly_hazard(p_year: f64) -> f64 {
    1.0 - (1.0 - p_year.clamp(0.0, 0.999_999)).powf(1.0 / 12.0)
}

/// An index drawn with the given integer weights (all-zero weights give 0).
pub(crate) fn weighted(rng: &mut impl Rng, weights: &[u32]) -> usize {
    let total: u32 = weights.iter().sum();
    if total == 0 {
        return 0;
    }
    let mut pick = rng.gen_range(0..total);
    for (i, w) in weights.iter().enumerate() {
        if pick < *w {
            return i;
        }
        pick -= w;
    }
    weights.len() - 1
}

/// A value from a `(value, weight)` table.
pub(crate) fn pick_weighted<T: Copy>(rng: &mut impl Rng, table: &[(T, u32)]) -> T {
    let mut total = 0u32;
    for (_, w) in table {
        total += w;
    }
    let mut pick = rng.gen_range(0..total.max(1));
    for (value, w) in table {
        if pick < *w {
            return *value;
        }
        pick -= w;
    }
    table[table.len() - 1].0
}

/// One element of a non-empty slice.
pub(crate) fn pick<'a, T>(rng: &mut impl Rng, items: &'a [T]) -> &'a T {
    &items[rng.gen_range(0..items.len())]
}

/// One string of a non-empty table.
pub(crate) fn pick_str(rng: &mut impl Rng, items: &[&'static str]) -> &'static str {
    items[rng.gen_range(0..items.len())]
}

/// An index in `0..n` favouring the first ones (weight 1/(rank+2)): big cities, common names.
pub(crate) fn zipf_index(rng: &mut impl Rng, n: usize) -> usize {
    // Inverse of the continuous approximation of a harmonic weight.
    let u: f64 = rng.gen();
    let span = ((n + 2) as f64 / 2.0).ln();
    let x = 2.0 * (u * span).exp() - 2.0;
    (x as usize).min(n - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_are_independent_and_repeatable() {
        let a: u64 = rng(7, Stream::Month, 3, 4).gen();
        let b: u64 = rng(7, Stream::Month, 3, 4).gen();
        let c: u64 = rng(7, Stream::Month, 4, 3).gen();
        let d: u64 = rng(7, Stream::Traits, 3, 4).gen();
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_ne!(a, d);
    }

    #[test]
    fn guids_look_like_version_4() {
        let g = guid(&mut rng(1, Stream::Identity, 0, 0));
        assert_eq!(g.len(), 36);
        assert_eq!(&g[14..15], "4");
        assert!(matches!(&g[19..20], "8" | "9" | "a" | "b"));
    }

    #[test]
    fn normal_has_unit_spread() {
        let mut r = rng(3, Stream::Traits, 0, 0);
        let xs: Vec<f64> = (0..20_000).map(|_| normal(&mut r)).collect();
        let mean = xs.iter().sum::<f64>() / xs.len() as f64;
        let var = xs.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / xs.len() as f64;
        assert!(mean.abs() < 0.03, "{mean}");
        assert!((var - 1.0).abs() < 0.05, "{var}");
    }

    #[test]
    fn zipf_stays_in_range_and_favours_the_first() {
        let mut r = rng(3, Stream::Identity, 0, 0);
        let mut counts = [0u32; 10];
        for _ in 0..10_000 {
            counts[zipf_index(&mut r, 10)] += 1;
        }
        assert!(counts[0] > counts[9] * 2, "{counts:?}");
        assert!(counts.iter().all(|c| *c > 0));
    }
}
