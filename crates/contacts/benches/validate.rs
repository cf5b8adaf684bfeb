//! Throughput of the validators: `cargo bench -p partner-advisor-contacts` prints e-mails and
//! phone numbers judged per second (no harness; `std::time::Instant`).

use std::hint::black_box;
use std::time::{Duration, Instant};

use partner_advisor_contacts::{validate_email, validate_phone};

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
}
