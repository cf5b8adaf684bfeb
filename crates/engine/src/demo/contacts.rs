//! Lead contacts as customers type them into marketplace forms: mostly proper business e-mails
//! and phone numbers, some free webmail, and a share of invalid, disposable and spam-looking
//! ones that the app's validation must catch.

use rand::Rng;

use super::names::{self, Country};
use super::rng::{pick, weighted};
use super::text::{ascii_words, email_local};

/// What kind of e-mail address a lead carries (the generator's truth; the app re-derives it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EmailKind {
    /// Someone at the company's own domain.
    Corporate,
    /// A free webmail address.
    Freemail,
    /// Syntactically broken.
    Invalid,
    /// A disposable-mailbox domain (mailinator.com and the like).
    Disposable,
    /// Obviously fake or spam.
    Spam,
}

/// Disposable-mailbox domains.
const DISPOSABLE: &[&str] = &[
    "mailinator.com",
    "guerrillamail.com",
    "yopmail.com",
    "10minutemail.com",
    "trashmail.com",
    "sharklasers.com",
    "maildrop.cc",
];

/// Role mailboxes per country.
fn role_box(country: Country) -> &'static [&'static str] {
    match country {
        Country::Es => &["info", "contacto", "administracion", "oficina"],
        Country::Fr => &["contact", "info", "accueil", "direction"],
        Country::Pl => &["biuro", "kontakt", "info", "sekretariat"],
        Country::Gb | Country::Us => &["info", "office", "hello", "admin"],
    }
}

/// Draws the kind of e-mail address.
pub(crate) fn email_kind(r: &mut impl Rng) -> EmailKind {
    match weighted(r, &[62, 15, 7, 8, 8]) {
        0 => EmailKind::Corporate,
        1 => EmailKind::Freemail,
        2 => EmailKind::Invalid,
        3 => EmailKind::Disposable,
        _ => EmailKind::Spam,
    }
}

/// An e-mail address of `kind` for a contact of a company at `domain`.
pub(crate) fn email(
    r: &mut impl Rng,
    kind: EmailKind,
    country: Country,
    first: &str,
    last: &str,
    domain: &str,
) -> String {
    let local = email_local(first, last);
    let first_word = ascii_words(first).concat();
    let last_word = ascii_words(last).into_iter().next().unwrap_or_default();
    match kind {
        EmailKind::Corporate => match weighted(r, &[55, 20, 12, 13]) {
            0 => format!("{local}@{domain}"),
            1 => format!(
                "{}{last_word}@{domain}",
                first_word.chars().next().unwrap_or('x')
            ),
            2 => format!("{first_word}@{domain}"),
            _ => format!("{}@{domain}", pick(r, role_box(country))),
        },
        EmailKind::Freemail => {
            let host = pick(r, country.names().freemail);
            if r.gen_bool(0.4) {
                format!("{local}{}@{host}", r.gen_range(1..99))
            } else {
                format!("{local}@{host}")
            }
        }
        EmailKind::Invalid => match r.gen_range(0..6) {
            0 => format!("{local}.{domain}"),
            1 => format!("{local}@@{domain}"),
            2 => format!("{first_word} {last_word}@{domain}"),
            3 => format!("{local}@gmial.con"),
            4 => format!("{local}@{}", domain.split('.').next().unwrap_or(domain)),
            _ => format!("{local}@{domain}."),
        },
        EmailKind::Disposable => {
            let host = pick(r, DISPOSABLE);
            if r.gen_bool(0.5) {
                format!("{local}@{host}")
            } else {
                format!("{}{}@{host}", first_word, r.gen_range(100..9999))
            }
        }
        EmailKind::Spam => match r.gen_range(0..7) {
            0 => "test@test.com".to_owned(),
            1 => "asdf@asdf.com".to_owned(),
            2 => format!("noreply@{domain}"),
            3 => format!("seo.services.{}@gmail.com", r.gen_range(24..999)),
            4 => format!("winner.prize{}@outlook.com", r.gen_range(2020..2030)),
            5 => "admin@example.com".to_owned(),
            _ => format!("crypto.invest{}@mail.ru", r.gen_range(1..999)),
        },
    }
}

/// A phone number as typed: national or international, sometimes invalid or missing.
/// Returns the number and whether it is a valid one.
pub(crate) fn phone(r: &mut impl Rng, country: Country) -> (String, bool) {
    match weighted(r, &[50, 38, 8, 4]) {
        0 => (names::phone(r, country.names(), false), true),
        1 => (names::phone(r, country.names(), true), true),
        2 => {
            let junk = ["123", "000000000", "n/a", "+34 12", "tel", "1234567", "-"];
            ((*pick(r, &junk)).to_owned(), false)
        }
        _ => (String::new(), false),
    }
}
