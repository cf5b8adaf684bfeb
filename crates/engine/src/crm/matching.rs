//! Matching customers to CRM accounts, pure and deterministic (SPEC §6.4; the rules are in the
//! [`crate::crm`] module documentation).

use std::collections::HashMap;

use partner_advisor_domain::CrmAccount;
use serde::Serialize;

use super::normalise;

/// How a customer was matched to its CRM account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum MatchMethod {
    /// The same normalised domain.
    Domain,
    /// A similar company name.
    Name,
    /// The same TPID.
    Tpid,
    /// No account matched.
    None,
}

impl MatchMethod {
    /// The value written in the `MatchMethod` column.
    pub fn as_str(self) -> &'static str {
        match self {
            MatchMethod::Domain => "domain",
            MatchMethod::Name => "name",
            MatchMethod::Tpid => "tpid",
            MatchMethod::None => "none",
        }
    }
}

/// What a customer is matched on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerKey {
    /// Company name.
    pub name: String,
    /// Primary domain.
    pub domain: String,
    /// TPID.
    pub tpid: Option<String>,
    /// ISO country code.
    pub country: String,
}

/// The tuning of matching.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MatchTuning {
    /// Lowest name similarity accepted (0–1).
    pub name_threshold: f64,
    /// Confidence of a domain match when several accounts share the domain.
    pub shared_domain_confidence: f64,
}

impl Default for MatchTuning {
    fn default() -> Self {
        Self {
            name_threshold: NAME_THRESHOLD,
            shared_domain_confidence: 0.9,
        }
    }
}

/// Lowest name similarity accepted by default, chosen on the demo's CRM list (seed 42, 3,000
/// customers, the `crm` integration test): see the module documentation of [`crate::crm`] for
/// the precision and recall at this and neighbouring values.
pub const NAME_THRESHOLD: f64 = 0.85;

/// Ranking penalty of a name candidate whose account gives a different domain than the
/// customer's: a different web site is evidence of a different company.
const DOMAIN_CONFLICT_PENALTY: f64 = 0.1;
/// Ranking penalty when both give a country and the countries differ.
const COUNTRY_CONFLICT_PENALTY: f64 = 0.05;
/// Ranking bonus when the countries agree (a tie-breaker between namesakes).
const COUNTRY_BONUS: f64 = 0.01;
/// Name blocks larger than this are not searched unless they are the customer's rarest key.
const MAX_BLOCK: usize = 1_000;

/// One customer's match: the account (index into the accounts), method and confidence.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Assignment {
    /// Index of the account in the list matched against.
    pub account: usize,
    /// How.
    pub method: MatchMethod,
    /// 0–1.
    pub confidence: f64,
}

/// A company name ready for comparison.
#[derive(Debug, Clone)]
struct NameKey {
    /// Normalised tokens joined by single spaces.
    joined: String,
    /// The normalised name without spaces, as characters.
    compact: Vec<char>,
    /// The tokens, as characters.
    words: Vec<Vec<char>>,
    tokens: Vec<String>,
}

impl NameKey {
    fn new(name: &str) -> Self {
        let tokens = normalise::name_tokens(name);
        Self {
            joined: tokens.join(" "),
            compact: tokens.iter().flat_map(|t| t.chars()).collect(),
            words: tokens.iter().map(|t| t.chars().collect()).collect(),
            tokens,
        }
    }

    /// Blocking keys: every token, and the first and last three characters of the compact form
    /// (so a typo in a one-word name still finds its candidates).
    fn blocks(&self) -> Vec<String> {
        let mut keys: Vec<String> = self.tokens.iter().map(|t| format!("t:{t}")).collect();
        let n = self.compact.len().min(3);
        keys.push(format!(
            "p:{}",
            self.compact[..n].iter().collect::<String>()
        ));
        let from = self.compact.len() - n;
        keys.push(format!(
            "s:{}",
            self.compact[from..].iter().collect::<String>()
        ));
        keys.sort();
        keys.dedup();
        keys
    }
}

/// An account ready for comparison.
struct AccountKey {
    name: NameKey,
    domain: Option<String>,
    tpid: Option<String>,
    country: Option<String>,
}

/// The similarity of two normalised company names, 0–1: 1 when equal, 0.99 when equal but for
/// spaces, else the mean of the Jaro-Winkler similarity and the normalised optimal-string-
/// alignment (Damerau) similarity of the names without spaces, times [`EXTRA_WORD_FACTOR`] for
/// every word of either name that has no counterpart in the other (equal, or one edit away in
/// words of four letters or more, two in words of eight or more). Jaro-Winkler forgives a typo;
/// the word count keeps namesakes apart: `Kowalczyk Transport` against `Kowalczyk Transport Plus`
/// scores 0.76, where Jaro-Winkler alone gives 0.96.
fn name_similarity(a: &NameKey, b: &NameKey) -> f64 {
    if a.joined == b.joined {
        return 1.0;
    }
    if a.compact.is_empty() || b.compact.is_empty() {
        return 0.0;
    }
    if a.compact == b.compact {
        return 0.99;
    }
    name_similarity_above(a, b, 0.0)
}

/// [`name_similarity`], or 0 as soon as it is certain to be under `floor` (the cheap parts are
/// computed first: word counts, then Jaro-Winkler, and the quadratic edit distance last).
fn name_similarity_above(a: &NameKey, b: &NameKey, floor: f64) -> f64 {
    if a.joined == b.joined {
        return 1.0;
    }
    if a.compact.is_empty() || b.compact.is_empty() {
        return 0.0;
    }
    if a.compact == b.compact {
        return 0.99;
    }
    let factor = EXTRA_WORD_FACTOR.powi(unmatched_words(&a.words, &b.words) as i32);
    let longest = a.compact.len().max(b.compact.len());
    let length_gap = a.compact.len().abs_diff(b.compact.len()) as f64 / longest as f64;
    if (2.0 - length_gap) / 2.0 * factor < floor {
        return 0.0;
    }
    let jw = jaro_winkler(&a.compact, &b.compact);
    if (jw + 1.0 - length_gap) / 2.0 * factor < floor {
        return 0.0;
    }
    let edit = 1.0 - osa_distance(&a.compact, &b.compact) as f64 / longest as f64;
    (jw + edit) / 2.0 * factor
}

/// Factor applied to a name similarity for each word without a counterpart in the other name.
const EXTRA_WORD_FACTOR: f64 = 0.85;

/// Words of either list without a counterpart in the other (matched one to one, in order).
fn unmatched_words(a: &[Vec<char>], b: &[Vec<char>]) -> usize {
    let mut taken = vec![false; b.len()];
    let mut unmatched = 0;
    for x in a {
        let exact = (0..b.len()).find(|&j| !taken[j] && b[j] == *x);
        let close = exact.or_else(|| (0..b.len()).find(|&j| !taken[j] && words_close(x, &b[j])));
        match close {
            Some(j) => taken[j] = true,
            None => unmatched += 1,
        }
    }
    unmatched + taken.iter().filter(|t| !**t).count()
}

/// Whether two words differ by a typo at most.
fn words_close(x: &[char], y: &[char]) -> bool {
    let shortest = x.len().min(y.len());
    if shortest < 4 || x.len().abs_diff(y.len()) > 2 {
        return false;
    }
    let allowed = if shortest >= 8 { 2 } else { 1 };
    osa_distance(x, y) <= allowed
}

/// Jaro-Winkler similarity (prefix scale 0.1, up to four characters).
pub(crate) fn jaro_winkler(a: &[char], b: &[char]) -> f64 {
    let jaro = jaro(a, b);
    let prefix = a.iter().zip(b).take(4).take_while(|(x, y)| x == y).count() as f64;
    jaro + prefix * 0.1 * (1.0 - jaro)
}

fn jaro(a: &[char], b: &[char]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let window = (a.len().max(b.len()) / 2).saturating_sub(1);
    let mut b_used = vec![false; b.len()];
    let mut a_matched = Vec::with_capacity(a.len());
    for (i, ca) in a.iter().enumerate() {
        let lo = i.saturating_sub(window);
        let hi = (i + window + 1).min(b.len());
        for j in lo..hi {
            if !b_used[j] && b[j] == *ca {
                b_used[j] = true;
                a_matched.push(*ca);
                break;
            }
        }
    }
    let m = a_matched.len();
    if m == 0 {
        return 0.0;
    }
    let b_matched = b.iter().zip(&b_used).filter(|(_, u)| **u).map(|(c, _)| c);
    let transpositions = a_matched
        .iter()
        .zip(b_matched)
        .filter(|(x, y)| x != y)
        .count()
        / 2;
    let m = m as f64;
    (m / a.len() as f64 + m / b.len() as f64 + (m - transpositions as f64) / m) / 3.0
}

/// Optimal string alignment distance: insertions, deletions, substitutions and adjacent
/// transpositions each cost one.
pub(crate) fn osa_distance(a: &[char], b: &[char]) -> usize {
    let (n, m) = (a.len(), b.len());
    let mut prev2 = vec![0usize; m + 1];
    let mut prev: Vec<usize> = (0..=m).collect();
    let mut cur = vec![0usize; m + 1];
    for i in 1..=n {
        cur[0] = i;
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(prev2[j - 2] + 1);
            }
            cur[j] = d;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[m]
}

/// Matches every customer to at most one account (see the [`crate::crm`] module documentation):
/// domain, then name, then TPID. Returns one entry per customer, in order.
pub fn match_customers(
    customers: &[CustomerKey],
    accounts: &[CrmAccount],
    tuning: &MatchTuning,
) -> Vec<Option<Assignment>> {
    let keys: Vec<AccountKey> = accounts
        .iter()
        .map(|a| AccountKey {
            name: NameKey::new(&a.name),
            domain: a
                .domain
                .as_deref()
                .and_then(normalise::domain)
                .filter(|d| !normalise::is_free_mail(d)),
            tpid: a.tpid.as_deref().and_then(normalise::tpid),
            country: a.country.as_deref().and_then(normalise::country),
        })
        .collect();
    let customer_names: Vec<NameKey> = customers.iter().map(|c| NameKey::new(&c.name)).collect();
    let customer_domains: Vec<Option<String>> = customers
        .iter()
        .map(|c| normalise::domain(&c.domain))
        .collect();
    let customer_tpids: Vec<Option<String>> = customers
        .iter()
        .map(|c| c.tpid.as_deref().and_then(normalise::tpid))
        .collect();
    let customer_countries: Vec<Option<String>> = customers
        .iter()
        .map(|c| normalise::country(&c.country))
        .collect();

    let mut out: Vec<Option<Assignment>> = vec![None; customers.len()];
    let mut used = vec![false; accounts.len()];

    // 1. Domain.
    let mut by_domain: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, k) in keys.iter().enumerate() {
        if let Some(d) = &k.domain {
            by_domain.entry(d.as_str()).or_default().push(i);
        }
    }
    for (c, domain) in customer_domains.iter().enumerate() {
        let Some(found) = domain.as_deref().and_then(|d| by_domain.get(d)) else {
            continue;
        };
        let (account, confidence) = if let [only] = found[..] {
            (only, 1.0)
        } else {
            // The closest name; the first in the file on a tie.
            let mut best = found[0];
            let mut best_sim = name_similarity(&customer_names[c], &keys[best].name);
            for &a in &found[1..] {
                let sim = name_similarity(&customer_names[c], &keys[a].name);
                if sim > best_sim {
                    best = a;
                    best_sim = sim;
                }
            }
            (best, tuning.shared_domain_confidence)
        };
        used[account] = true;
        out[c] = Some(Assignment {
            account,
            method: MatchMethod::Domain,
            confidence,
        });
    }

    // 2. Name, among the customers and accounts still free: every pair above the threshold,
    // assigned greedily best first, so an account goes to at most one customer by name.
    let mut blocks: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, k) in keys.iter().enumerate() {
        if used[i] || k.name.compact.is_empty() {
            continue;
        }
        for key in k.name.blocks() {
            blocks.entry(key).or_default().push(i);
        }
    }
    let mut pairs: Vec<(f64, f64, usize, usize)> = Vec::new();
    let mut seen = vec![usize::MAX; accounts.len()];
    for (c, name) in customer_names.iter().enumerate() {
        if out[c].is_some() || name.compact.is_empty() {
            continue;
        }
        let mut found: Vec<&Vec<usize>> =
            name.blocks().iter().filter_map(|k| blocks.get(k)).collect();
        found.sort_by_key(|b| b.len());
        for (rank, block) in found.into_iter().enumerate() {
            if rank > 0 && block.len() > MAX_BLOCK {
                break;
            }
            for &a in block {
                if seen[a] == c {
                    continue;
                }
                seen[a] = c;
                let k = &keys[a];
                if let (Some(x), Some(y)) = (&customer_tpids[c], &k.tpid) {
                    if x != y {
                        continue;
                    }
                }
                let sim = name_similarity_above(name, &k.name, tuning.name_threshold);
                if sim < tuning.name_threshold {
                    continue;
                }
                let mut rank_score = sim;
                if let (Some(x), Some(y)) = (&customer_domains[c], &k.domain) {
                    if x != y {
                        rank_score -= DOMAIN_CONFLICT_PENALTY;
                    }
                }
                if let (Some(x), Some(y)) = (&customer_countries[c], &k.country) {
                    rank_score += if x == y {
                        COUNTRY_BONUS
                    } else {
                        -COUNTRY_CONFLICT_PENALTY
                    };
                }
                if rank_score >= tuning.name_threshold {
                    pairs.push((rank_score, sim, c, a));
                }
            }
        }
    }
    pairs.sort_by(|x, y| {
        y.0.total_cmp(&x.0)
            .then(y.1.total_cmp(&x.1))
            .then(x.2.cmp(&y.2))
            .then(x.3.cmp(&y.3))
    });
    for (_, sim, c, a) in pairs {
        if out[c].is_none() && !used[a] {
            used[a] = true;
            out[c] = Some(Assignment {
                account: a,
                method: MatchMethod::Name,
                confidence: sim,
            });
        }
    }

    // 3. TPID, among the accounts still free (the first in the file when several share one).
    let mut by_tpid: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, k) in keys.iter().enumerate() {
        if let (Some(t), false) = (&k.tpid, used[i]) {
            by_tpid.entry(t.as_str()).or_default().push(i);
        }
    }
    for (c, tpid) in customer_tpids.iter().enumerate() {
        if out[c].is_some() {
            continue;
        }
        let Some(found) = tpid.as_deref().and_then(|t| by_tpid.get(t)) else {
            continue;
        };
        if let Some(&a) = found.iter().find(|&&a| !used[a]) {
            used[a] = true;
            out[c] = Some(Assignment {
                account: a,
                method: MatchMethod::Tpid,
                confidence: 1.0,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    fn customer(name: &str, domain: &str, tpid: Option<&str>) -> CustomerKey {
        CustomerKey {
            name: name.into(),
            domain: domain.into(),
            tpid: tpid.map(str::to_owned),
            country: "ES".into(),
        }
    }

    fn account(id: &str, name: &str, domain: Option<&str>, tpid: Option<&str>) -> CrmAccount {
        CrmAccount {
            crm_id: id.into(),
            name: name.into(),
            domain: domain.map(str::to_owned),
            tpid: tpid.map(str::to_owned),
            country: Some("ES".into()),
        }
    }

    #[test]
    fn string_measures() {
        assert_eq!(osa_distance(&chars("abcd"), &chars("abdc")), 1);
        assert_eq!(osa_distance(&chars("kitten"), &chars("sitting")), 3);
        assert_eq!(osa_distance(&chars(""), &chars("abc")), 3);
        let jw = jaro_winkler(&chars("martha"), &chars("marhta"));
        assert!((jw - 0.9611).abs() < 1e-3, "{jw}");
        let sim = |a: &str, b: &str| name_similarity(&NameKey::new(a), &NameKey::new(b));
        assert_eq!(
            sim("Kowalczyk Transport Sp. z o.o.", "KOWALCZYK TRANSPORT"),
            1.0
        );
        assert!(sim("Kowalczyk Transport", "Kowalczyk Transprot") > 0.95);
        assert!(sim("Kowalczyk Transport", "Kowalczyk Transport Plus") < NAME_THRESHOLD);
        assert!(sim("Kowalczyk Transport", "Nowak Budownictwo") < 0.6);
    }

    #[test]
    fn domain_then_name_then_tpid() {
        let customers = [
            customer("Construcciones Martínez S.L.", "martinez.es", None),
            customer("Transportes Núñez S.A.", "nunez.es", None),
            customer("Asesoría Gómez", "gomez.es", Some("555")),
            customer("Nadie", "nadie.es", None),
            customer("Dos Cuentas SL", "dos.es", None),
        ];
        let accounts = [
            account("n", "TRANSPORTES NUNEZ", None, None),
            account("m", "Martinez", Some("https://www.martinez.es/"), None),
            account("g", "Gomez Asesores", None, Some("555")),
            account("x", "Otra", Some("otra.es"), None),
            account("d1", "Dos", Some("dos.es"), None),
            account("d2", "Dos Cuentas", Some("www.dos.es"), None),
        ];
        let out = match_customers(&customers, &accounts, &MatchTuning::default());
        let got: Vec<_> = out
            .iter()
            .map(|a| a.map(|a| (accounts[a.account].crm_id.as_str(), a.method, a.confidence)))
            .collect();
        assert_eq!(
            got,
            [
                Some(("m", MatchMethod::Domain, 1.0)),
                Some(("n", MatchMethod::Name, 1.0)),
                Some(("g", MatchMethod::Tpid, 1.0)),
                None,
                Some(("d2", MatchMethod::Domain, 0.9)),
            ]
        );
    }

    #[test]
    fn an_account_goes_to_one_customer_by_name_the_closest() {
        let customers = [
            customer("Kowalczyk Transport Plus", "a.pl", None),
            customer("Kowalczyk Transport", "b.pl", None),
        ];
        let accounts = [account("k", "Kowalczyk Transprot", None, None)];
        let out = match_customers(&customers, &accounts, &MatchTuning::default());
        assert_eq!(out[0], None);
        assert_eq!(out[1].map(|a| a.account), Some(0));
    }
}

#[cfg(test)]
mod scale {
    use super::*;

    /// 100,000 customers against 100,000 accounts (half of them the customers' names with a
    /// slip, none with a domain, so every match goes through name blocking). Run with
    /// `cargo test -p partner-advisor-engine --lib crm::matching::scale -- --ignored --nocapture`.
    #[test]
    #[ignore = "a figure, not a check: about 3 s here (opt-level 2)"]
    fn hundred_thousand_by_hundred_thousand() {
        const WORDS: [&str; 24] = [
            "transport",
            "kowalczyk",
            "martinez",
            "dupont",
            "consulting",
            "bau",
            "systems",
            "dental",
            "logistics",
            "nowak",
            "garcia",
            "lefevre",
            "smith",
            "catering",
            "serwis",
            "hotel",
            "grupo",
            "ets",
            "bureau",
            "software",
            "metal",
            "design",
            "global",
            "plus",
        ];
        let name = |i: usize| {
            let mut x = i.wrapping_mul(2_654_435_761) ^ 0x9e37;
            let mut parts = vec![format!("{}{}", WORDS[x % 24], i % 997)];
            for _ in 0..2 {
                x /= 24;
                parts.push(WORDS[x % 24].to_owned());
            }
            parts.join(" ")
        };
        let customers: Vec<CustomerKey> = (0..100_000)
            .map(|i| CustomerKey {
                name: format!("{} S.L.", name(i)),
                domain: format!("c{i}.example"),
                tpid: None,
                country: "ES".into(),
            })
            .collect();
        let accounts: Vec<CrmAccount> = (0..100_000)
            .map(|i| {
                let n = if i % 2 == 0 {
                    name(i)
                } else {
                    name(i + 1_000_000)
                };
                CrmAccount {
                    crm_id: i.to_string(),
                    name: n.to_uppercase(),
                    domain: None,
                    tpid: None,
                    country: Some("ES".into()),
                }
            })
            .collect();
        let started = std::time::Instant::now();
        let out = match_customers(&customers, &accounts, &MatchTuning::default());
        let matched = out.iter().flatten().count();
        let correct = out
            .iter()
            .enumerate()
            .filter(|(c, a)| a.is_some_and(|a| a.account == *c))
            .count();
        println!(
            "figure: 100k × 100k by name: {:.2} s, {matched} matched, {correct} correct",
            started.elapsed().as_secs_f64()
        );
        assert!(correct >= 49_000);
    }
}
