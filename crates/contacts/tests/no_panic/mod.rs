//! No input makes the validators panic: deterministic pseudo-random strings built from the
//! characters that matter to them (separators, quotes, brackets, IDN and invisible characters,
//! punycode prefixes, phone punctuation), plus a few very long inputs.

use partner_advisor_contacts::{
    email_validity, is_spam_domain, phone_validity, validate_email, validate_phone, EmailValidity,
    PhoneValidity,
};

/// A small xorshift generator: the same sequence on every run and platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const EMAIL_PIECES: &[&str] = &[
    "a",
    "Z",
    "0",
    "9",
    ".",
    "..",
    "@",
    "@@",
    "-",
    "_",
    "+",
    "\"",
    "\\",
    "(",
    ")",
    "[",
    "]",
    "<",
    ">",
    ",",
    ";",
    ":",
    " ",
    "\t",
    "\r\n",
    "\n",
    "\0",
    "xn--",
    "xn--bcher-kva",
    "xn--0",
    "ü",
    "例",
    "．",
    "。",
    "＠",
    "\u{200b}",
    "\u{202e}",
    "\u{0300}",
    "\u{fffd}",
    "\u{ffff}",
    "\u{10ffff}",
    "\u{1f600}",
    "com",
    "mailinator",
    "[IPv6:::1]",
    "127.0.0.1",
    "ß",
    "İ",
    "ﬀ",
    "\u{2488}",
    "ǅ",
    "test",
    "local",
    "-0",
    "--",
];

const PHONE_PIECES: &[&str] = &[
    "0",
    "1",
    "2",
    "3",
    "4",
    "5",
    "6",
    "7",
    "8",
    "9",
    "00",
    "+",
    "++",
    "＋",
    " ",
    "-",
    ".",
    "/",
    "(",
    ")",
    "[",
    "]",
    "x",
    "ext.",
    "#",
    "*",
    ";",
    "tel:",
    ";phone-context=",
    "+1",
    "+34",
    "+44",
    "+999",
    "０",
    "٣",
    "a",
    "MICROSOFT",
    "\u{200b}",
    "\n",
    "%",
    "=",
    ";isub=",
    ",",
];

const COUNTRIES: &[&str] = &[
    "", "ES", "es", "FR", "PL", "GB", "UK", "US", "DE", "MX", "BR", "XX", "001", "Es ", "ñ", "0",
];

fn random_string(rng: &mut Rng, pieces: &[&str], max_pieces: usize) -> String {
    let count = rng.below(max_pieces + 1);
    (0..count).map(|_| *rng.pick(pieces)).collect()
}

#[test]
fn random_addresses_never_panic() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut valid = 0;
    for _ in 0..50_000 {
        let address = random_string(&mut rng, EMAIL_PIECES, 24);
        let verdict = validate_email(&address);
        valid += usize::from(verdict.validity == EmailValidity::Valid);
        assert_eq!(email_validity(&address), verdict.validity, "{address:?}");
        if let Some((_, domain)) = address.rsplit_once('@') {
            is_spam_domain(domain);
        }
        is_spam_domain(&address);
    }
    // Structured ones: a plausible local part, then random labels.
    for _ in 0..5_000 {
        let labels: Vec<String> = (0..1 + rng.below(4))
            .map(|_| random_string(&mut rng, EMAIL_PIECES, 4))
            .collect();
        let address = format!("anna@{}", labels.join("."));
        let verdict = validate_email(&address);
        valid += usize::from(verdict.validity == EmailValidity::Valid);
        assert_eq!(email_validity(&address), verdict.validity, "{address:?}");
    }
    assert!(valid > 0, "the generator should hit a few valid addresses");
}

#[test]
fn random_phone_numbers_never_panic() {
    let mut rng = Rng(0xD1B5_4A32_D192_ED03);
    let mut valid = 0;
    for _ in 0..20_000 {
        let number = random_string(&mut rng, PHONE_PIECES, 20);
        let country = *rng.pick(COUNTRIES);
        let verdict = validate_phone(&number, country);
        valid += usize::from(verdict.validity == PhoneValidity::Valid);
        assert_eq!(
            phone_validity(&number, country),
            verdict.validity,
            "{number:?}"
        );
        assert_eq!(
            verdict.e164.is_some(),
            verdict.validity == PhoneValidity::Valid,
            "{number:?}"
        );
    }
    // Digit runs of every length behind common prefixes.
    for length in 0..40 {
        for prefix in ["", "+", "00", "+34 ", "0", "1", "+1 ", "+44 0"] {
            let digits: String = (0..length)
                .map(|_| char::from(b'0' + rng.below(10) as u8))
                .collect();
            let number = format!("{prefix}{digits}");
            for country in COUNTRIES {
                let verdict = validate_phone(&number, country);
                valid += usize::from(verdict.validity == PhoneValidity::Valid);
                assert_eq!(
                    phone_validity(&number, country),
                    verdict.validity,
                    "{number:?}"
                );
            }
        }
    }
    assert!(valid > 0, "the generator should hit a few valid numbers");
}

#[test]
fn very_long_inputs_never_panic() {
    let long = "a".repeat(10_000);
    for input in [
        format!("{long}@contoso.com"),
        format!("anna@{long}.com"),
        format!("anna@{}", ["b"; 5_000].join(".")),
        format!("anna@xn--{long}.com"),
        "@".repeat(10_000),
        "ü".repeat(10_000),
    ] {
        assert_eq!(validate_email(&input).validity, EmailValidity::Invalid);
        is_spam_domain(&input);
    }
    for input in ["9".repeat(10_000), "+".repeat(10_000), "+1 ".repeat(3_000)] {
        validate_phone(&input, "US");
        validate_phone(&input, "");
    }
}
