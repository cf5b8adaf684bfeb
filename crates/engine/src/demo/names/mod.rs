//! Name material per country: people, companies, cities with postal codes, web domains and
//! phone formats, so demo customers and leads look like real SMBs of the countries whose
//! languages the app speaks (Spain, France, Poland, the United Kingdom, the United States).
//!
//! Each country's tables live in their own file; this module composes them.

mod es;
mod fr;
mod gb;
mod pl;
mod us;

use rand::Rng;

use super::rng::{pick, pick_str, pick_weighted, zipf_index};
use super::text::{ascii_words, domain_label, fold_ascii};

/// A country of demo customers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Country {
    /// Spain.
    Es,
    /// France.
    Fr,
    /// Poland.
    Pl,
    /// United Kingdom.
    Gb,
    /// United States.
    Us,
}

impl Country {
    /// Every country with its share of demo customers (percent).
    pub(crate) const WEIGHTED: [(Country, u32); 5] = [
        (Country::Es, 24),
        (Country::Fr, 22),
        (Country::Pl, 16),
        (Country::Gb, 18),
        (Country::Us, 20),
    ];

    /// ISO 3166-1 alpha-2 code.
    pub(crate) fn code(self) -> &'static str {
        match self {
            Country::Es => "ES",
            Country::Fr => "FR",
            Country::Pl => "PL",
            Country::Gb => "GB",
            Country::Us => "US",
        }
    }

    /// ISO 4217 currency of deals.
    pub(crate) fn currency(self) -> &'static str {
        match self {
            Country::Es | Country::Fr => "EUR",
            Country::Pl => "PLN",
            Country::Gb => "GBP",
            Country::Us => "USD",
        }
    }

    /// Units of the local currency per US dollar (rounded, fixed for the demo).
    pub(crate) fn per_usd(self) -> f64 {
        match self {
            Country::Es | Country::Fr => 0.92,
            Country::Pl => 3.95,
            Country::Gb => 0.79,
            Country::Us => 1.0,
        }
    }

    /// The country's name tables.
    pub(crate) fn names(self) -> &'static CountryNames {
        match self {
            Country::Es => &es::NAMES,
            Country::Fr => &fr::NAMES,
            Country::Pl => &pl::NAMES,
            Country::Gb => &gb::NAMES,
            Country::Us => &us::NAMES,
        }
    }

    /// A country drawn with the demo's weights.
    pub(crate) fn draw(rng: &mut impl Rng) -> Country {
        pick_weighted(rng, &Country::WEIGHTED)
    }
}

/// How a city's postal codes look.
#[derive(Debug)]
pub(crate) enum Postal {
    /// Five digits in an inclusive numeric range (Spain, France).
    Range(u32, u32),
    /// One of these five-digit codes (French towns with a few codes).
    List(&'static [u32]),
    /// Polish `NN-NNN` with the first two digits in an inclusive range.
    Pl(u32, u32),
    /// British outward codes; the inward part is drawn (`M1 4BT`).
    Uk(&'static [&'static str]),
    /// United States three-digit ZIP prefixes; two digits are drawn.
    Zip(&'static [u32]),
}

/// A real city of a country.
#[derive(Debug)]
pub(crate) struct City {
    /// Name in the local language.
    pub name: &'static str,
    /// State, region, province or county.
    pub region: &'static str,
    /// Postal codes.
    pub postal: Postal,
}

/// The name tables of one country.
#[derive(Debug)]
pub(crate) struct CountryNames {
    /// Women's first names.
    pub first_female: &'static [&'static str],
    /// Men's first names.
    pub first_male: &'static [&'static str],
    /// Family names, most common first.
    pub surnames: &'static [&'static str],
    /// Trade words per industry index ("Transportes", "Boulangerie", "Dental").
    pub trades: [&'static [&'static str]; 14],
    /// Place-like words ("del Levante", "Pennine", "Mazowsze").
    pub places: &'static [&'static str],
    /// Brand-like words ("Nova", "Keystone").
    pub fancy: &'static [&'static str],
    /// First halves of compound names ("Bright", "Summit").
    pub compound_a: &'static [&'static str],
    /// Second halves of compound names ("water", " Ridge").
    pub compound_b: &'static [&'static str],
    /// Name templates with weights; see [`expand`] for the placeholders.
    pub templates: &'static [(&'static str, u32)],
    /// Templates for partnerships (law firms, accountants, brokers).
    pub partnership_templates: &'static [(&'static str, u32)],
    /// Legal suffixes with weights; "" means none.
    pub legal: &'static [(&'static str, u32)],
    /// Variants of each legal suffix that people type ("S.L." → "SL", "Sl").
    pub legal_variants: &'static [(&'static str, &'static [&'static str])],
    /// Words that tell two same-named companies apart ("Norte", "Group").
    pub distinguishers: &'static [&'static str],
    /// Cities, biggest first.
    pub cities: &'static [City],
    /// Top-level domains with weights.
    pub tlds: &'static [(&'static str, u32)],
    /// Free webmail domains people use instead of their company's.
    pub freemail: &'static [&'static str],
    /// Mobile phone number shapes, `#` a digit: national form, international form.
    pub phones: &'static [(&'static str, &'static str)],
}

/// A company's name, kept in parts so domains and CRM spellings can be derived from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CompanyName {
    /// The name without its legal suffix.
    pub base: String,
    /// The legal suffix ("S.L.", "Sp. z o.o."), if any.
    pub legal: Option<&'static str>,
}

impl CompanyName {
    /// The name as registered: base and legal suffix.
    pub(crate) fn full(&self) -> String {
        match self.legal {
            Some(legal) => format!("{} {legal}", self.base),
            None => self.base.clone(),
        }
    }

    /// The same company told apart from a namesake: variant 1 adds the city, the next ones a
    /// distinguishing word, then city and word, then a number.
    pub(crate) fn variant(&self, variant: u16, city: &str, names: &CountryNames) -> CompanyName {
        let words = names.distinguishers;
        let n = words.len() as u16;
        let v = variant;
        let base = if v == 0 {
            self.base.clone()
        } else if v == 1 {
            format!("{} {city}", self.base)
        } else if v < 2 + n {
            format!("{} {}", self.base, words[usize::from(v - 2)])
        } else if v < 2 + 2 * n {
            format!("{} {city} {}", self.base, words[usize::from(v - 2 - n)])
        } else {
            format!("{} {}", self.base, v - 2 * n)
        };
        CompanyName {
            base,
            legal: self.legal,
        }
    }
}

/// A company name for an industry of a country.
pub(crate) fn company_name(
    rng: &mut impl Rng,
    names: &CountryNames,
    industry: usize,
    city: &str,
) -> CompanyName {
    let partnership = matches!(
        industry,
        super::industries::PROFESSIONAL | super::industries::FINANCIAL
    ) && rng.gen_bool(0.35);
    let template = if partnership {
        pick_weighted(rng, names.partnership_templates)
    } else {
        pick_weighted(rng, names.templates)
    };
    let base = expand(rng, template, names, industry, city);
    let legal = if industry == super::industries::NONPROFIT {
        None
    } else {
        Some(pick_weighted(rng, names.legal)).filter(|l| !l.is_empty())
    };
    CompanyName { base, legal }
}

/// Fills a template. Placeholders: `{T}` trade of the industry, `{S}` and `{S2}` surnames,
/// `{P}` place word, `{F}` brand word, `{A}{B}` compound halves, `{C}` the city.
fn expand(
    rng: &mut impl Rng,
    template: &str,
    names: &CountryNames,
    industry: usize,
    city: &str,
) -> String {
    let mut out = String::with_capacity(template.len() + 24);
    let mut rest = template;
    let mut first_surname: Option<&str> = None;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        let key = &rest[open + 1..open + close];
        match key {
            "T" => out.push_str(pick_str(rng, names.trades[industry % 14])),
            "S" => {
                let s = names.surnames[zipf_index(rng, names.surnames.len())];
                first_surname = Some(s);
                out.push_str(s);
            }
            "S2" => {
                let mut s = names.surnames[zipf_index(rng, names.surnames.len())];
                if Some(s) == first_surname {
                    s = pick_str(rng, names.surnames);
                }
                out.push_str(s);
            }
            "P" => out.push_str(pick_str(rng, names.places)),
            "F" => out.push_str(pick_str(rng, names.fancy)),
            "A" => out.push_str(pick_str(rng, names.compound_a)),
            "B" => out.push_str(pick_str(rng, names.compound_b)),
            "C" => out.push_str(city),
            other => out.push_str(other),
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    out
}

/// A city, weighted towards the biggest.
pub(crate) fn city_index(rng: &mut impl Rng, names: &CountryNames) -> usize {
    zipf_index(rng, names.cities.len())
}

/// A postal code of `city`.
pub(crate) fn postal_code(rng: &mut impl Rng, city: &City) -> String {
    match &city.postal {
        Postal::Range(lo, hi) => format!("{:05}", rng.gen_range(*lo..=*hi)),
        Postal::List(codes) => format!("{:05}", pick(rng, codes)),
        Postal::Pl(lo, hi) => format!(
            "{:02}-{:03}",
            rng.gen_range(*lo..=*hi),
            rng.gen_range(1..=999)
        ),
        Postal::Uk(outward) => {
            const LETTERS: &[u8] = b"ABDEFGHJLNPQRSTUWXYZ";
            format!(
                "{} {}{}{}",
                pick(rng, outward),
                rng.gen_range(1..=9),
                char::from(*pick(rng, LETTERS)),
                char::from(*pick(rng, LETTERS))
            )
        }
        Postal::Zip(prefixes) => format!("{:03}{:02}", pick(rng, prefixes), rng.gen_range(1..=99)),
    }
}

/// A person: first and last name, in the country's spelling.
pub(crate) fn person(rng: &mut impl Rng, country: Country) -> (String, String) {
    let names = country.names();
    let female = rng.gen_bool(0.5);
    let first = if female {
        names.first_female[zipf_index(rng, names.first_female.len())]
    } else {
        names.first_male[zipf_index(rng, names.first_male.len())]
    };
    let surname = names.surnames[zipf_index(rng, names.surnames.len())];
    let mut last = if female && country == Country::Pl {
        polish_feminine(surname)
    } else {
        surname.to_owned()
    };
    // Spaniards carry two family names; many write both.
    if country == Country::Es && rng.gen_bool(0.4) {
        last = format!("{last} {}", pick(rng, names.surnames));
    }
    (first.to_owned(), last)
}

/// The feminine form of a Polish family name ("Kowalski" → "Kowalska").
fn polish_feminine(surname: &str) -> String {
    for (masculine, feminine) in [("ski", "ska"), ("cki", "cka"), ("dzki", "dzka")] {
        if let Some(stem) = surname.strip_suffix(masculine) {
            return format!("{stem}{feminine}");
        }
    }
    surname.to_owned()
}

/// A web domain for a company: its name without legal suffix, folded, and a national TLD.
pub(crate) fn domain(base: &str, style: u8, tld: &str) -> String {
    format!("{}.{tld}", domain_label(base, style))
}

/// The domain of `name`, a variant of `original`: the original's domain label with the words
/// the variant added ("talleresortega" → "talleresortegavalencia"), so every variant gets a
/// domain of its own however the label was shortened.
pub(crate) fn variant_domain(
    original: &CompanyName,
    name: &CompanyName,
    style: u8,
    tld: &str,
) -> String {
    let label = domain_label(&original.base, style);
    let added = name.base.get(original.base.len()..).unwrap_or("");
    let words = ascii_words(added);
    if words.is_empty() {
        return format!("{label}.{tld}");
    }
    let joiner = if style % 4 == 1 { "-" } else { "" };
    format!("{label}{joiner}{}.{tld}", words.join(joiner))
}

/// A top-level domain of the country.
pub(crate) fn tld(rng: &mut impl Rng, names: &CountryNames) -> &'static str {
    pick_weighted(rng, names.tlds)
}

/// A phone number: national or international form, digits drawn.
pub(crate) fn phone(rng: &mut impl Rng, names: &CountryNames, international: bool) -> String {
    let (national, intl) = pick(rng, names.phones);
    let shape = if international { intl } else { national };
    shape
        .chars()
        .map(|c| {
            if c == '#' {
                char::from(b'0' + rng.gen_range(0..10u8))
            } else {
                c
            }
        })
        .collect()
}

/// How people mistype or restyle a legal suffix in a CRM ("Sp. z o.o." → "sp z oo").
pub(crate) fn legal_variant(
    rng: &mut impl Rng,
    names: &CountryNames,
    legal: &str,
) -> Option<&'static str> {
    names
        .legal_variants
        .iter()
        .find(|(l, _)| *l == legal)
        .map(|(_, variants)| *pick(rng, variants))
}

/// `name` folded to ASCII and lower case: the key used to keep names unique.
pub(crate) fn name_key(name: &str) -> String {
    fold_ascii(name).to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::super::rng::{rng, Stream};
    use super::*;

    #[test]
    fn every_country_has_complete_tables() {
        for (country, _) in Country::WEIGHTED {
            let n = country.names();
            assert!(n.first_female.len() >= 20 && n.first_male.len() >= 20);
            assert!(n.surnames.len() >= 50, "{country:?}");
            assert!(n.cities.len() >= 20, "{country:?}");
            assert!(n.trades.iter().all(|t| !t.is_empty()), "{country:?}");
            assert!(!n.templates.is_empty() && !n.partnership_templates.is_empty());
            assert!(!n.distinguishers.is_empty() && !n.phones.is_empty());
            for (legal, _) in n.legal {
                if !legal.is_empty() {
                    assert!(
                        n.legal_variants.iter().any(|(l, _)| l == legal),
                        "{country:?} {legal}"
                    );
                }
            }
        }
    }

    #[test]
    fn names_look_like_their_country() {
        let mut r = rng(5, Stream::Identity, 0, 0);
        for (country, _) in Country::WEIGHTED {
            let names = country.names();
            for industry in 0..14 {
                let city = &names.cities[city_index(&mut r, names)];
                let name = company_name(&mut r, names, industry, city.name);
                assert!(!name.base.contains('{'), "{name:?}");
                assert!(!name.base.trim().is_empty());
                let code = postal_code(&mut r, city);
                assert!(code.len() >= 5, "{code}");
                let d = domain(&name.base, 0, tld(&mut r, names));
                assert!(d.is_ascii() && !d.contains(' '), "{d}");
            }
        }
    }

    #[test]
    fn variants_differ() {
        let names = Country::Es.names();
        let name = CompanyName {
            base: "Transportes García".into(),
            legal: Some("S.L."),
        };
        let all: std::collections::BTreeSet<String> = (0..40)
            .map(|v| name.variant(v, "Valencia", names).full())
            .collect();
        assert_eq!(all.len(), 40);
        assert_eq!(
            name.variant(1, "Valencia", names).full(),
            "Transportes García Valencia S.L."
        );
    }

    #[test]
    fn polish_women_have_feminine_names() {
        assert_eq!(polish_feminine("Kowalski"), "Kowalska");
        assert_eq!(polish_feminine("Nowak"), "Nowak");
    }
}
