//! Throughput of the validators: `cargo bench -p partner-advisor-contacts` prints e-mails and
//! phone numbers judged per second (no harness; `std::time::Instant`), whole verdicts and the
//! validity alone (what an import needs). The phones come from nine countries and include an
//! invalid North American number (which has the patterns of all 25 regions of +1 tried), as a
//! real lead list does.

use std::hint::black_box;
use std::time::{Duration, Instant};

use partner_advisor_contacts::{email_validity, phone_validity, validate_email, validate_phone};

const EMAILS: &[&str] = &[
    "anna@contoso.com",
    "anna+leads@contoso.co.uk",
    "jose@bücher.de",
    "x@mailinator.com",
    "x@mail.mailinator.com",
    "Anna <anna@contoso.com>",
    "not an address",
    "anna@contoso",
];

const PHONES: &[(&str, &str)] = &[
    ("612 34 56 78", "ES"),
    ("+34 612 34 56 78", ""),
    ("06 12 34 56 78", "FR"),
    ("512 345 678", "PL"),
    ("07400 123456", "GB"),
    ("(201) 555-0123", "US"),
    ("555-0123", "US"),
    ("(608) 057-7979", "US"),
    ("776 053 932", "ES"),
    ("030 901820", "DE"),
    ("06 6982 1234", "IT"),
    ("55 1234 5678", "MX"),
    ("(11) 96123-4567", "BR"),
    ("n/a", "ES"),
];

/// Runs `judge` over `inputs` repeatedly for about `budget` and returns inputs per second.
fn per_second<T>(inputs: &[T], budget: Duration, mut judge: impl FnMut(&T)) -> f64 {
    for input in inputs {
        judge(input); // warm the lazily built tables
    }
    let start = Instant::now();
    let mut count = 0u64;
    while start.elapsed() < budget {
        for input in inputs {
            judge(input);
        }
        count += inputs.len() as u64;
    }
    count as f64 / start.elapsed().as_secs_f64()
}

fn main() {
    let budget = Duration::from_secs(2);
    let emails = per_second(EMAILS, budget, |address| {
        black_box(validate_email(black_box(address)));
    });
    println!("validate_email: {emails:>12.0} e-mails/s");
    let phones = per_second(PHONES, budget, |(number, country)| {
        black_box(validate_phone(black_box(number), black_box(country)));
    });
    println!("validate_phone: {phones:>12.0} phones/s");
    let emails = per_second(EMAILS, budget, |address| {
        black_box(email_validity(black_box(address)));
    });
    println!("email_validity: {emails:>12.0} e-mails/s");
    let phones = per_second(PHONES, budget, |(number, country)| {
        black_box(phone_validity(black_box(number), black_box(country)));
    });
    println!("phone_validity: {phones:>12.0} phones/s");
}
