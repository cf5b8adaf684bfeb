//! The e-mail and phone validators: the first byte picks the lead's country, the rest is the
//! contact as text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use partner_advisor_contacts::{
    email_validity, is_spam_domain, phone_validity, validate_email, validate_phone,
};

const COUNTRIES: [&str; 12] = [
    "", "US", "gb", "UK", "DE", "FR", "ES", "PL", "MX", "BR", "XX", "??",
];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let country = COUNTRIES[usize::from(pick) % COUNTRIES.len()];
    let input = String::from_utf8_lossy(rest);
    let email = validate_email(&input);
    assert_eq!(email.validity, email_validity(&input), "{input:?}");
    let _ = email.reason.key();
    if let Some((_, domain)) = input.rsplit_once('@') {
        let _ = is_spam_domain(domain);
    }
    let phone = validate_phone(&input, country);
    assert_eq!(
        phone.validity,
        phone_validity(&input, country),
        "{input:?} in {country:?}"
    );
    let _ = phone.reason.key();
});
