//! The partner's CRM account list, as messy as real CRMs are: about 60% of the customers typed by
//! sellers (upper case, legal suffix dropped or respelled, accents lost, a typo, web addresses
//! with scheme, `www.` and paths, missing domains, TPID sometimes), plus accounts for about 10%
//! as many prospects that are not customers, so CRM matching can be measured on it.

use partner_advisor_domain::CrmAccount;
use rand::Rng;

use super::industries;
use super::names::{self, CompanyName, Country};
use super::rng::{self, weighted, Stream};
use super::tenants::{Identity, NameBook};
use super::text::fold_ascii;

/// Share of customers that have a CRM account.
const CUSTOMER_SHARE: f64 = 0.6;

/// Prospects (non-customer accounts) for a demo of `customers` customers.
pub(crate) fn prospect_count(customers: u32) -> u32 {
    (customers / 10).max(1)
}

/// The CRM account of a customer, for about 60% of them.
pub(crate) fn customer_account(seed: u64, index: u32, identity: &Identity) -> Option<CrmAccount> {
    let mut r = account_stream(seed, index)?;
    let crm_id = rng::guid(&mut r);
    let name = messy_name(&mut r, &identity.name, identity.country);
    let domain = messy_domain(&mut r, &identity.domain);
    let tpid = identity.tpid.clone().filter(|_| r.gen_bool(0.5));
    let country = r.gen_bool(0.9).then(|| identity.country.code().to_owned());
    Some(CrmAccount {
        crm_id,
        name,
        domain,
        tpid,
        country,
    })
}

/// The random stream of customer `index`'s CRM account, positioned at its CRM ID; `None` when
/// the customer has no account.
fn account_stream(seed: u64, index: u32) -> Option<impl Rng> {
    let mut r = rng::rng(seed, Stream::Crm, u64::from(index), 0);
    r.gen_bool(CUSTOMER_SHARE).then_some(r)
}

/// The CRM ID of customer `index`'s account, if it has one: the same draw as
/// [`customer_account`], without generating the rest of the account (the matching truth).
pub(crate) fn customer_account_id(seed: u64, index: u32) -> Option<String> {
    account_stream(seed, index).map(|mut r| rng::guid(&mut r))
}

/// Prospect account number `n`: a company that is not a customer, with a name of its own.
pub(crate) fn prospect_account(seed: u64, n: u32, book: &mut NameBook) -> CrmAccount {
    let mut r = rng::rng(seed, Stream::CrmProspect, u64::from(n), 0);
    let crm_id = rng::guid(&mut r);
    let country = Country::draw(&mut r);
    let names = country.names();
    let industry = weighted(&mut r, &industries::weights());
    let city = names.cities[names::city_index(&mut r, names)].name;
    let tld = names::tld(&mut r, names);
    let base = names::company_name(&mut r, names, industry, city);
    let mut chosen = None;
    for variant in 0..u16::MAX {
        let name = base.variant(variant, city, names);
        let domain = names::variant_domain(&base, &name, 0, tld);
        if book.claim_name(&name, &domain) {
            chosen = Some((name, domain));
            break;
        }
    }
    let (name, domain) = chosen.unwrap_or_else(|| {
        let name = base.variant(u16::MAX, city, names);
        let domain = names::variant_domain(&base, &name, 0, tld);
        (name, domain)
    });
    let display = messy_name(&mut r, &name, country);
    let domain = if r.gen_bool(0.75) {
        messy_domain(&mut r, &domain)
    } else {
        None
    };
    CrmAccount {
        crm_id,
        name: display,
        domain,
        tpid: None,
        country: r.gen_bool(0.9).then(|| country.code().to_owned()),
    }
}

/// A company name as a seller typed it.
fn messy_name(r: &mut impl Rng, name: &CompanyName, country: Country) -> String {
    let names = country.names();
    let mut base = name.base.clone();
    if r.gen_bool(0.18) {
        base = fold_ascii(&base);
    }
    if r.gen_bool(0.08) {
        base = typo(r, &base);
    }
    let legal = name
        .legal
        .and_then(|legal| match weighted(r, &[50, 25, 25]) {
            0 => Some(legal.to_owned()),
            1 => None,
            _ => names::legal_variant(r, names, legal).map(str::to_owned),
        });
    let mut full = match legal {
        Some(legal) if r.gen_bool(0.2) => format!("{base}, {legal}"),
        Some(legal) => format!("{base} {legal}"),
        None => base,
    };
    match weighted(r, &[82, 10, 3, 5]) {
        1 => full = full.to_uppercase(),
        2 => full = full.to_lowercase(),
        3 => full = format!("{}  ", full.replacen(' ', "  ", 1)),
        _ => {}
    }
    full
}

/// One slip of the keyboard: two letters swapped, one dropped or one doubled.
fn typo(r: &mut impl Rng, text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let letters: Vec<usize> = (0..chars.len().saturating_sub(1))
        .filter(|i| chars[*i].is_alphabetic() && chars[*i + 1].is_alphabetic())
        .collect();
    if letters.is_empty() {
        return text.to_owned();
    }
    let at = *rng::pick(r, &letters);
    let mut out = chars.clone();
    match r.gen_range(0..3) {
        0 => out.swap(at, at + 1),
        1 => {
            out.remove(at);
        }
        _ => out.insert(at, chars[at]),
    }
    out.into_iter().collect()
}

/// A web address as a seller pasted it, or none.
fn messy_domain(r: &mut impl Rng, domain: &str) -> Option<String> {
    let paths = [
        "/",
        "/contact",
        "/es/inicio",
        "/fr/accueil",
        "/pl/kontakt",
        "/about-us",
    ];
    Some(match weighted(r, &[15, 38, 18, 10, 6, 5, 4, 2, 2]) {
        0 => return None,
        1 => domain.to_owned(),
        2 => format!("www.{domain}"),
        3 => format!("https://www.{domain}"),
        4 => format!("http://{domain}"),
        5 => format!("https://{domain}/"),
        6 => format!("https://www.{domain}{}", rng::pick(r, &paths)),
        7 => format!("WWW.{}", domain.to_uppercase()),
        _ => format!("info@{domain}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::tenants;

    #[test]
    fn accounts_are_messy_but_recognisable() {
        let mut with_scheme = 0;
        let mut missing = 0;
        let mut accounts = 0;
        for i in 0..2_000 {
            let id = tenants::identity(8, i, 0);
            if let Some(a) = customer_account(8, i, &id) {
                accounts += 1;
                match &a.domain {
                    None => missing += 1,
                    Some(d) => {
                        if d.contains("://") {
                            with_scheme += 1;
                        }
                        assert!(d.to_lowercase().contains(&id.domain.to_lowercase()));
                    }
                }
            }
        }
        assert!((1_000..1_400).contains(&accounts), "{accounts}");
        assert!(
            with_scheme > 100 && missing > 100,
            "{with_scheme} {missing}"
        );
    }

    #[test]
    fn the_truth_names_the_same_accounts() {
        for i in 0..300 {
            let id = tenants::identity(3, i, 0);
            assert_eq!(
                customer_account(3, i, &id).map(|a| a.crm_id),
                customer_account_id(3, i)
            );
        }
    }

    #[test]
    fn typos_change_one_thing() {
        let mut r = rng::rng(1, Stream::Crm, 0, 0);
        for _ in 0..100 {
            let t = typo(&mut r, "Kowalczyk Transport");
            let diff = t.chars().count() as i64 - 19;
            assert!(diff.abs() <= 1, "{t}");
        }
    }
}
