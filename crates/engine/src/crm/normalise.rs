//! The comparison keys of CRM matching (SPEC §6.4): domains, company names, TPIDs, countries.
//!
//! - [`domain`]: lower case, no scheme, no `www.`, no user, path, query, fragment or port, no
//!   trailing dot; an e-mail address gives its domain; an IDN is kept as given, lower-cased.
//! - [`company_name`]: accents folded (`ł`, `ß`, `æ`, `œ`, `ø` too), lower case, punctuation and
//!   whitespace collapsed to single spaces, legal suffixes removed from the end ([`LEGAL_FORMS`],
//!   repeatedly: `GmbH & Co. KG` goes whole) unless nothing else would be left.
//! - [`tpid`]: digits only. [`country`]: an ISO 3166-1 alpha-2 code from a code or a common name.

use std::sync::OnceLock;

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Legal forms removed from the end of a company name, as token sequences after folding and
/// punctuation removal (`S.A. de C.V.` is `s a de c v`; `SA de CV` is `sa de cv`). Spanish,
/// French, Polish, German, English, US, Italian, Dutch, Nordic, Japanese, Australian, Mexican,
/// Brazilian and Portuguese forms, in their usual spellings with and without dots.
pub const LEGAL_FORMS: &[&str] = &[
    // English, US, Australian
    "inc",
    "incorporated",
    "llc",
    "l l c",
    "ltd",
    "limited",
    "plc",
    "p l c",
    "llp",
    "l l p",
    "lp",
    "pllc",
    "p l l c",
    "corp",
    "corporation",
    "co",
    "company",
    "pty",
    "pty ltd",
    "pty limited",
    "proprietary limited",
    // Spanish, Mexican
    "s a",
    "sa",
    "s l",
    "sl",
    "s l u",
    "slu",
    "s l l",
    "sll",
    "s coop",
    "scoop",
    "sociedad limitada",
    "sociedad anonima",
    "sociedad cooperativa",
    "s a de c v",
    "sa de cv",
    "s de r l",
    "s de rl",
    "s de r l de c v",
    "s a b de c v",
    "sab de cv",
    "s c",
    "sc",
    // French
    "sarl",
    "s a r l",
    "sas",
    "s a s",
    "sasu",
    "s a s u",
    "eurl",
    "e u r l",
    "sca",
    "snc",
    // Polish
    "sp z o o",
    "sp z oo",
    "spzoo",
    "sp zoo",
    "spolka z o o",
    "spolka z oo",
    "spolka z ograniczona odpowiedzialnoscia",
    "spolka akcyjna",
    "sp j",
    "spj",
    "spolka jawna",
    "sp k",
    "spk",
    "spolka komandytowa",
    "s k a",
    "ska",
    // German, Austrian, Swiss
    "gmbh",
    "ag",
    "kg",
    "ohg",
    "ug",
    "gbr",
    "e v",
    "ev",
    "e k",
    "mbh",
    "kgaa",
    "se",
    // Italian, Portuguese, Brazilian
    "s p a",
    "spa",
    "s r l",
    "srl",
    "s n c",
    "ltda",
    "lda",
    "s a s",
    // Dutch, Belgian, Nordic, Japanese
    "bv",
    "b v",
    "nv",
    "n v",
    "vof",
    "oy",
    "oyj",
    "ab",
    "as",
    "a s",
    "asa",
    "aps",
    "a p s",
    "kk",
    "k k",
    "kabushiki kaisha",
    "gk",
    // Central European, Asian
    "s r o",
    "sro",
    "d o o",
    "doo",
    "kft",
    "zrt",
    "pte",
    "pte ltd",
    "sdn bhd",
    "bhd",
];

/// Free e-mail providers: an account whose only domain is one of these says nothing about the
/// company, so it never matches by domain.
const FREE_MAIL: &[&str] = &[
    "gmail.com",
    "googlemail.com",
    "outlook.com",
    "hotmail.com",
    "live.com",
    "msn.com",
    "yahoo.com",
    "icloud.com",
    "me.com",
    "aol.com",
    "gmx.de",
    "gmx.net",
    "web.de",
    "wp.pl",
    "o2.pl",
    "onet.pl",
    "interia.pl",
    "orange.fr",
    "free.fr",
    "laposte.net",
    "wanadoo.fr",
    "yahoo.es",
    "hotmail.es",
    "hotmail.fr",
    "proton.me",
    "protonmail.com",
];

/// A web address, e-mail address or domain reduced to its domain (see the module
/// documentation); `None` when nothing domain-like is left (no dot).
pub fn domain(text: &str) -> Option<String> {
    let mut d = text.trim().to_lowercase();
    if let Some(rest) = d.strip_prefix("mailto:") {
        d = rest.to_owned();
    }
    if let Some(at) = d.find("://") {
        d = d[at + 3..].to_owned();
    }
    if let Some(end) = d.find(['/', '?', '#', '\\']) {
        d.truncate(end);
    }
    if let Some(at) = d.rfind('@') {
        d = d[at + 1..].to_owned();
    }
    if let Some(colon) = d.find(':') {
        d.truncate(colon);
    }
    let mut d = d.trim().trim_end_matches('.');
    while let Some(rest) = d.strip_prefix("www.") {
        d = rest;
    }
    let d = d.trim_matches('.');
    (d.contains('.') && !d.contains(char::is_whitespace)).then(|| d.to_owned())
}

/// Whether a normalised domain is a free e-mail provider's.
pub fn is_free_mail(domain: &str) -> bool {
    FREE_MAIL.contains(&domain)
}

/// Text folded to lower-case ASCII letters where it has a plain equivalent: accents removed,
/// `ł`→`l`, `ß`→`ss`, `æ`→`ae`, `œ`→`oe`, `ø`→`o`, `đ`→`d`, `ı`→`i`. Other scripts are kept.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            'ł' | 'Ł' => out.push('l'),
            'ß' | 'ẞ' => out.push_str("ss"),
            'æ' | 'Æ' => out.push_str("ae"),
            'œ' | 'Œ' => out.push_str("oe"),
            'ø' | 'Ø' => out.push('o'),
            'đ' | 'Đ' => out.push('d'),
            'ı' => out.push('i'),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// The tokens of a company name: folded, split on anything that is not a letter or digit, legal
/// forms removed from the end.
pub fn name_tokens(name: &str) -> Vec<String> {
    let folded = fold(name);
    let mut tokens: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .collect();
    while let Some(cut) = legal_suffix_len(&tokens) {
        if cut >= tokens.len() {
            break;
        }
        tokens.truncate(tokens.len() - cut);
    }
    tokens.into_iter().map(str::to_owned).collect()
}

/// The number of trailing tokens that form the longest legal form, if any.
fn legal_suffix_len(tokens: &[&str]) -> Option<usize> {
    static FORMS: OnceLock<Vec<Vec<&'static str>>> = OnceLock::new();
    let forms = FORMS.get_or_init(|| LEGAL_FORMS.iter().map(|f| f.split(' ').collect()).collect());
    forms
        .iter()
        .filter(|form| tokens.ends_with(form))
        .map(Vec::len)
        .max()
}

/// A company name as one comparison string: [`name_tokens`] joined by single spaces.
pub fn company_name(name: &str) -> String {
    name_tokens(name).join(" ")
}

/// A TPID reduced to its digits; `None` when it has none.
pub fn tpid(text: &str) -> Option<String> {
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    let digits = digits.trim_start_matches('0');
    (!digits.is_empty()).then(|| digits.to_owned())
}

/// An ISO 3166-1 alpha-2 code from a code or a common English or local name of the countries the
/// app's users work in; `None` when not recognised.
pub fn country(text: &str) -> Option<String> {
    let key = fold(text.trim());
    let key = key.trim_matches('.');
    if key.len() == 2 && key.chars().all(|c| c.is_ascii_alphabetic()) {
        return Some(match key {
            "uk" => "GB".to_owned(),
            _ => key.to_ascii_uppercase(),
        });
    }
    let code = match key {
        "spain" | "espana" | "espagne" | "hiszpania" => "ES",
        "france" | "francia" | "francja" => "FR",
        "poland" | "polska" | "polonia" | "pologne" => "PL",
        "united kingdom" | "great britain" | "england" | "scotland" | "wales" | "reino unido"
        | "royaume-uni" | "wielka brytania" => "GB",
        "united states"
        | "united states of america"
        | "usa"
        | "u.s.a"
        | "u.s"
        | "estados unidos"
        | "etats-unis"
        | "stany zjednoczone" => "US",
        "germany" | "deutschland" | "alemania" | "allemagne" | "niemcy" => "DE",
        "italy" | "italia" | "italie" | "wlochy" => "IT",
        "portugal" | "portugalia" => "PT",
        "netherlands" | "the netherlands" | "nederland" | "holland" => "NL",
        "belgium" | "belgique" | "belgie" => "BE",
        "mexico" => "MX",
        "canada" => "CA",
        "ireland" | "irlanda" => "IE",
        _ => return None,
    };
    Some(code.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domains_lose_scheme_www_path_port_and_user() {
        let cases = [
            ("contoso.com", Some("contoso.com")),
            ("WWW.CONTOSO.COM", Some("contoso.com")),
            ("https://www.contoso.com/es/inicio", Some("contoso.com")),
            ("http://contoso.com:8080/x?y=1#z", Some("contoso.com")),
            ("https://contoso.com/", Some("contoso.com")),
            ("contoso.com.", Some("contoso.com")),
            ("info@Contoso.co.uk", Some("contoso.co.uk")),
            ("mailto:ventas@empresa.es", Some("empresa.es")),
            (
                "  www.kowalczyk-transport.pl/pl/kontakt ",
                Some("kowalczyk-transport.pl"),
            ),
            ("https://user:pw@www.example.fr/accueil", Some("example.fr")),
            ("Müller-Bäckerei.DE", Some("müller-bäckerei.de")),
            ("xn--mller-kva.de", Some("xn--mller-kva.de")),
            ("n/a", None),
            ("", None),
            ("contoso", None),
        ];
        for (input, want) in cases {
            assert_eq!(domain(input).as_deref(), want, "{input}");
        }
        assert!(is_free_mail(&domain("jan@gmail.com").expect("domain")));
    }

    #[test]
    fn names_lose_legal_forms_accents_case_and_punctuation() {
        let cases = [
            // Spanish
            ("Construcciones Martínez, S.L.", "construcciones martinez"),
            ("CONSTRUCCIONES MARTINEZ SL", "construcciones martinez"),
            ("Transportes Núñez Sociedad Limitada", "transportes nunez"),
            ("Grupo Peñalver S.A. de C.V.", "grupo penalver"),
            (
                "Asesoría Gómez y Asociados S.L.U.",
                "asesoria gomez y asociados",
            ),
            ("Cooperativa Olivarera S. Coop.", "cooperativa olivarera"),
            // French
            ("Boulangerie Lefèvre SARL", "boulangerie lefevre"),
            (
                "Société Générale d'Électricité S.A.S.",
                "societe generale d electricite",
            ),
            ("Cabinet Dupré & Fils, EURL", "cabinet dupre fils"),
            // Polish
            (
                "Przedsiębiorstwo Łączność Sp. z o.o.",
                "przedsiebiorstwo lacznosc",
            ),
            ("KOWALCZYK TRANSPORT SP. Z O.O.", "kowalczyk transport"),
            ("Kowalczyk Transport sp z oo", "kowalczyk transport"),
            (
                "Żabka Polska Spółka z ograniczoną odpowiedzialnością",
                "zabka polska",
            ),
            ("Wiśniewski i Wspólnicy Sp.j.", "wisniewski i wspolnicy"),
            ("Orlen Spółka Akcyjna", "orlen"),
            // German
            ("Müller Straßenbau GmbH & Co. KG", "muller strassenbau"),
            ("Bäckerei Schäfer e.K.", "backerei schafer"),
            ("Siemens AG", "siemens"),
            // English, US and others
            ("Contoso, Inc.", "contoso"),
            ("Contoso Incorporated", "contoso"),
            ("Fabrikam  Corp", "fabrikam"),
            ("Northwind Traders Pty Ltd", "northwind traders"),
            ("Smith & Co.", "smith"),
            ("Tailspin Toys B.V.", "tailspin toys"),
            ("Nokia Oyj", "nokia"),
            ("Sony K.K.", "sony"),
            ("Fiat S.p.A.", "fiat"),
            // Only a legal form: kept rather than emptied.
            ("S.A.", "s a"),
            ("Company", "company"),
        ];
        for (input, want) in cases {
            assert_eq!(company_name(input), want, "{input}");
        }
    }

    #[test]
    fn tpids_and_countries() {
        assert_eq!(tpid(" 12-345 678 ").as_deref(), Some("12345678"));
        assert_eq!(tpid("0012345").as_deref(), Some("12345"));
        assert_eq!(tpid("n/a"), None);
        assert_eq!(country("es").as_deref(), Some("ES"));
        assert_eq!(country("España").as_deref(), Some("ES"));
        assert_eq!(country("UK").as_deref(), Some("GB"));
        assert_eq!(country("Polska").as_deref(), Some("PL"));
        assert_eq!(country("Atlantis"), None);
    }
}
