//! Partner Center leads (referrals) with their outcomes and history.
//!
//! Each lead has a latent *qualify propensity*, a logistic function of what the lead shows:
//!
//! qualify = σ(−1.3 + industry + company size + source + call to action + classification
//! + Microsoft's quality + e-mail kind + phone validity + 0.5·noise)
//!
//! and its outcome is drawn from it: qualified leads are accepted (and later won, or still open),
//! the others are declined, lost or left to expire. The lifecycle follows Partner Center's rules:
//! a lead stays *Received* for at most 14 days and then expires unanswered; only leads created in
//! the last 14 days are still *Received* (or, for two of the newest, *Pending* on Microsoft's
//! side); accepted leads carry an estimated value in the customer's currency.
//!
//! Leads are written with the snapshot of the month they were created in (the first snapshot on
//! or after their creation date), holding their state as of the last snapshot.

use chrono::Months;
use chrono::{DateTime, Duration, Utc};
use partner_advisor_domain::{
    CallToAction, DealDetails, EmailValidity, Lead, LeadActor, LeadClassification, LeadEvent,
    LeadQuality, LeadSource, LeadSubstatus, LeadType, PhoneValidity,
};
use partner_advisor_store::tables::demo_truth::LeadTruth;
use rand::Rng;

use super::calendar::Calendar;
use super::contacts::{self, EmailKind};
use super::industries::{self, INDUSTRIES};
use super::names::{self, Country};
use super::rng::{self, lognormal, normal, pick, pick_weighted, sigmoid, weighted, Stream};
use super::tenants::Identity;
use super::PARTNER_NAME;

use crate::leads::lifecycle::{self, INFORMATIONAL_ARCHIVE_MONTHS, RESPONSE_DAYS};

/// The partner's sellers, who work accepted leads.
const SELLERS: &[&str] = &[
    "Alex Morgan",
    "Lucía Fernández",
    "Camille Laurent",
    "Piotr Wiśniewski",
    "Sam Patel",
];

/// Notes sellers leave on deals.
const DEAL_NOTES: &[&str] = &[
    "Discovery call booked; decision maker is the IT manager.",
    "Wants a quote for the next quarter.",
    "Comparing with their current provider's renewal offer.",
    "Pilot with 10 users first.",
];

/// Leads for a demo of `customers` customers: a fifth of them, at least 200, at most 50,000.
pub(crate) fn count(customers: u32) -> u32 {
    (customers / 5).clamp(200, 50_000)
}

/// One generated lead with its history and latent truth.
#[derive(Debug, Clone)]
pub(crate) struct GeneratedLead {
    /// The lead as of the last snapshot.
    pub lead: Lead,
    /// Its history.
    pub events: Vec<LeadEvent>,
    /// Its latent propensity to qualify.
    pub truth: LeadTruth,
    /// The snapshot it arrived with.
    pub snapshot: usize,
}

/// The partner's marketplace offers that generate offer leads.
const OFFERS: &[&str] = &[
    "Northwind Managed Microsoft 365",
    "Northwind Secure Modern Workplace",
    "Northwind Backup for Microsoft 365",
    "Copilot Readiness Assessment",
    "Business Central Quick Start",
    "Azure Landing Zone in 5 Days",
    "Teams Phone Migration",
];

const DECLINE_REASONS: &[&str] = &[
    "Project budget isn't adequate",
    "Customer requirement not met",
    "Not a customer",
    "Proposed time line was too short",
    "Others",
];

const LOST_REASONS: &[&str] = &[
    "Customer chose another vendor",
    "Project budget isn't adequate",
    "Customer didn't respond",
    "Proposed time line was too short",
    "Customer requirement not met",
    "Others",
];

const SPAM_REASON: &str = "Report as abuse, spam, or phishing";

/// Company size bands of the Referrals API, with their weights among leads and the logit shift.
const SIZES: &[(&str, u32, f64)] = &[
    ("1to9employees", 300, -0.6),
    ("10to50employees", 320, 0.0),
    ("51to250employees", 200, 0.5),
    ("251to1000employees", 100, 0.7),
    ("1001to5000employees", 50, 0.4),
    ("5001to10000employees", 15, 0.2),
    ("10001to20000employees", 10, 0.1),
    ("Morethan20000employees", 5, -0.2),
];

fn size_band(employees: u32) -> usize {
    match employees {
        0..=9 => 0,
        10..=50 => 1,
        51..=250 => 2,
        251..=1000 => 3,
        1001..=5000 => 4,
        5001..=10000 => 5,
        10001..=20000 => 6,
        _ => 7,
    }
}

fn source_effect(source: LeadSource) -> f64 {
    match source {
        LeadSource::BusinessProfile => 0.3,
        LeadSource::AppSource => 0.0,
        LeadSource::AzureMarketplace => 0.2,
        LeadSource::AzurePortal => -0.3,
    }
}

fn cta_effect(cta: Option<CallToAction>) -> f64 {
    match cta {
        Some(CallToAction::ContactMe) => 0.9,
        Some(CallToAction::FreeTrial) => 0.0,
        Some(CallToAction::TestDrive) => 0.2,
        Some(CallToAction::GetItNow) => -0.4,
        None => 0.2,
    }
}

fn classification_effect(c: LeadClassification) -> f64 {
    match c {
        LeadClassification::SalesQualified => 1.0,
        LeadClassification::MarketingQualified => 0.5,
        LeadClassification::CustomerInquiry => 0.0,
    }
}

fn email_effect(kind: EmailKind) -> f64 {
    match kind {
        EmailKind::Corporate => 0.4,
        EmailKind::Freemail => -0.3,
        EmailKind::Invalid => -1.5,
        EmailKind::Disposable => -1.8,
        EmailKind::Spam => -2.5,
    }
}

/// Whether a call to action makes the lead informational (no answer expected).
fn informational(cta: Option<CallToAction>) -> bool {
    matches!(
        cta,
        Some(CallToAction::GetItNow | CallToAction::FreeTrial | CallToAction::TestDrive)
    )
}

fn seconds(r: &mut impl Rng, lo: i64, hi: i64) -> Duration {
    Duration::seconds(r.gen_range(lo..hi.max(lo + 1)))
}

/// Generates lead `index`. `customer` gives the identity of an existing customer by index
/// (some leads come from companies that are already customers).
pub(crate) fn generate(
    seed: u64,
    index: u32,
    calendar: &Calendar,
    end: DateTime<Utc>,
    customers: u32,
    customer: &dyn Fn(u32) -> (Identity, u32),
) -> GeneratedLead {
    let mut r = rng::rng(seed, Stream::Lead, u64::from(index), 0);
    let start = calendar.window_start();
    let window = (end - start).num_seconds().max(1);
    let pending = index < 2;
    let created: DateTime<Utc> = if pending {
        end - seconds(&mut r, 2 * 3_600, 30 * 3_600)
    } else if r.gen_bool(0.05) {
        end - seconds(&mut r, 0, RESPONSE_DAYS * 86_400)
    } else {
        let u: f64 = r.gen::<f64>().powf(0.8);
        start + Duration::seconds((u * window as f64) as i64)
    };
    let created = created.max(start);

    // Who the lead is.
    let existing = customers > 0 && r.gen_bool(0.2);
    let (country, company, domain, industry, band, city) = if existing {
        let (id, employees) = customer(r.gen_range(0..customers));
        let band = size_band(employees);
        (
            id.country,
            id.name.full(),
            id.domain,
            id.industry,
            band,
            id.city,
        )
    } else {
        let country = Country::draw(&mut r);
        let names = country.names();
        let industry = weighted(&mut r, &industries::weights());
        let city = names.cities[names::city_index(&mut r, names)].name;
        let name = names::company_name(&mut r, names, industry, city);
        let tld = names::tld(&mut r, names);
        let domain = names::domain(&name.base, r.gen_range(0..3), tld);
        let weights: Vec<u32> = SIZES.iter().map(|s| s.1).collect();
        let band = weighted(&mut r, &weights);
        (country, name.full(), domain, industry, band, city)
    };
    let lead_type = if r.gen_bool(0.65) {
        LeadType::Offer
    } else {
        LeadType::Profile
    };
    let (source, call_to_action, offer_name) = match lead_type {
        LeadType::Offer => {
            let source = pick_weighted(
                &mut r,
                &[
                    (LeadSource::AppSource, 50),
                    (LeadSource::AzureMarketplace, 30),
                    (LeadSource::AzurePortal, 20),
                ],
            );
            let cta = pick_weighted(
                &mut r,
                &[
                    (CallToAction::GetItNow, 30),
                    (CallToAction::FreeTrial, 30),
                    (CallToAction::TestDrive, 15),
                    (CallToAction::ContactMe, 25),
                ],
            );
            (source, Some(cta), (*pick(&mut r, OFFERS)).to_owned())
        }
        LeadType::Profile => {
            let cta = r.gen_bool(0.7).then_some(CallToAction::ContactMe);
            (LeadSource::BusinessProfile, cta, PARTNER_NAME.to_owned())
        }
    };
    let classification = pick_weighted(
        &mut r,
        &[
            (LeadClassification::CustomerInquiry, 60),
            (LeadClassification::MarketingQualified, 25),
            (LeadClassification::SalesQualified, 15),
        ],
    );

    // The contact.
    let kind = contacts::email_kind(&mut r);
    let (mut first, mut last) = names::person(&mut r, country);
    let mut company = company;
    if kind == EmailKind::Spam && r.gen_bool(0.4) {
        first = (*pick(&mut r, &["Test", "asdf", "John", "Admin"])).to_owned();
        last = (*pick(&mut r, &["Test", "asdf", "Doe", "User"])).to_owned();
        if !existing {
            company = (*pick(
                &mut r,
                &["Test company", "asdf", "N/A", "Best SEO Services"],
            ))
            .to_owned();
        }
    }
    let email = contacts::email(&mut r, kind, country, &first, &last, &domain);
    let (phone, phone_valid) = contacts::phone(&mut r, country);
    let suspicious = matches!(
        kind,
        EmailKind::Invalid | EmailKind::Disposable | EmailKind::Spam
    );
    let quality = if r.gen_bool(if suspicious { 0.8 } else { 0.15 }) {
        LeadQuality::Low
    } else {
        LeadQuality::High
    };

    // The latent propensity to qualify, and the outcome drawn from it.
    let logit = -1.3
        + INDUSTRIES[industry].qualify
        + SIZES[band].2
        + source_effect(source)
        + cta_effect(call_to_action)
        + classification_effect(classification)
        + if quality == LeadQuality::High {
            0.6
        } else {
            -0.6
        }
        + email_effect(kind)
        + if phone_valid { 0.2 } else { -0.4 }
        + 0.5 * normal(&mut r);
    let propensity = sigmoid(logit);
    let qualified = r.gen_bool(propensity);

    let id = rng::guid(&mut r);
    let mut events = Vec::with_capacity(4);
    let mut event = |at: DateTime<Utc>, from: Option<LeadSubstatus>, to, note: Option<String>| {
        let actor = match (from, to) {
            (None, _) => LeadActor::Microsoft,
            (_, LeadSubstatus::Expired) => LeadActor::System,
            _ => LeadActor::Partner,
        };
        events.push(LeadEvent {
            lead_id: id.clone(),
            at,
            from,
            to,
            note,
            actor,
            fields: None,
        });
    };
    let age = end - created;
    let median_hours = if call_to_action == Some(CallToAction::ContactMe) {
        20.0
    } else if informational(call_to_action) {
        70.0
    } else {
        40.0
    };
    let delay_s = (lognormal(&mut r, median_hours, 1.0) * 3_600.0).clamp(600.0, 13.5 * 86_400.0);
    let answered_at = created + Duration::seconds(delay_s as i64);
    let close_at = answered_at + seconds(&mut r, 14 * 86_400, 160 * 86_400);
    let decline_reason = if kind == EmailKind::Spam && r.gen_bool(0.7) {
        SPAM_REASON
    } else {
        *pick(&mut r, DECLINE_REASONS)
    };
    let lost_reason = *pick(&mut r, LOST_REASONS);
    let pick_outcome = weighted(
        &mut r,
        if informational(call_to_action) {
            &[55, 30, 15]
        } else {
            &[25, 40, 35]
        },
    );
    let won_closes = r.gen_bool(0.85);
    let respond_now = r.gen_bool(0.45);
    let deal = format!("{company}: {offer_name}");

    let substatus = if pending {
        event(created, None, LeadSubstatus::Pending, None);
        LeadSubstatus::Pending
    } else {
        event(created, None, LeadSubstatus::Received, None);
        if age < Duration::days(RESPONSE_DAYS) {
            if answered_at <= end && respond_now {
                if qualified {
                    event(
                        answered_at,
                        Some(LeadSubstatus::Received),
                        LeadSubstatus::Accepted,
                        Some(deal.clone()),
                    );
                    LeadSubstatus::Accepted
                } else {
                    event(
                        answered_at,
                        Some(LeadSubstatus::Received),
                        LeadSubstatus::Declined,
                        Some(decline_reason.to_owned()),
                    );
                    LeadSubstatus::Declined
                }
            } else {
                LeadSubstatus::Received
            }
        } else if qualified {
            event(
                answered_at,
                Some(LeadSubstatus::Received),
                LeadSubstatus::Accepted,
                Some(deal.clone()),
            );
            if close_at <= end && won_closes {
                event(
                    close_at,
                    Some(LeadSubstatus::Accepted),
                    LeadSubstatus::Won,
                    None,
                );
                LeadSubstatus::Won
            } else {
                LeadSubstatus::Accepted
            }
        } else {
            match pick_outcome {
                // Informational leads need no answer: they wait six months, then are archived.
                0 if informational(call_to_action) => {
                    let archive_at = created
                        .checked_add_months(Months::new(INFORMATIONAL_ARCHIVE_MONTHS))
                        .unwrap_or(created);
                    if archive_at <= end {
                        event(
                            archive_at,
                            Some(LeadSubstatus::Received),
                            LeadSubstatus::Expired,
                            Some(lifecycle::ARCHIVED_NOTE.to_owned()),
                        );
                        LeadSubstatus::Expired
                    } else {
                        LeadSubstatus::Received
                    }
                }
                0 => {
                    event(
                        created + Duration::days(RESPONSE_DAYS),
                        Some(LeadSubstatus::Received),
                        LeadSubstatus::Expired,
                        Some(lifecycle::EXPIRED_NOTE.to_owned()),
                    );
                    LeadSubstatus::Expired
                }
                2 if close_at <= end => {
                    event(
                        answered_at,
                        Some(LeadSubstatus::Received),
                        LeadSubstatus::Accepted,
                        Some(deal.clone()),
                    );
                    event(
                        close_at,
                        Some(LeadSubstatus::Accepted),
                        LeadSubstatus::Lost,
                        Some(lost_reason.to_owned()),
                    );
                    LeadSubstatus::Lost
                }
                _ => {
                    event(
                        answered_at,
                        Some(LeadSubstatus::Received),
                        LeadSubstatus::Declined,
                        Some(decline_reason.to_owned()),
                    );
                    LeadSubstatus::Declined
                }
            }
        }
    };
    let updated_at = events.last().map(|e| e.at).unwrap_or(created);
    let has_deal = matches!(
        substatus,
        LeadSubstatus::Accepted | LeadSubstatus::Won | LeadSubstatus::Lost
    );
    let value_known = substatus == LeadSubstatus::Won || r.gen_bool(0.85);
    let deal_value = (has_deal && value_known).then(|| {
        let size = 1.0 + 0.5 * band as f64;
        let usd = lognormal(&mut r, 9_000.0 * size, 0.8);
        ((usd * country.per_usd()) / 50.0).round() * 50.0
    });
    let status_reason = match substatus {
        LeadSubstatus::Declined => Some(decline_reason.to_owned()),
        LeadSubstatus::Lost => Some(lost_reason.to_owned()),
        _ => None,
    };
    // Drawn last, so the draws above (and every lead's outcome) stay as they were.
    let engagement_id = rng::guid(&mut r);
    let favourite = r.gen_bool(0.04);
    let deal = if has_deal {
        let days_to_close = r.gen_range(30..150);
        DealDetails {
            name: Some(deal.clone()),
            estimated_close: Some((answered_at + Duration::days(days_to_close)).date_naive()),
            team_members: vec![(*pick(&mut r, SELLERS)).to_owned()],
            notes: r
                .gen_bool(0.5)
                .then(|| (*pick(&mut r, DEAL_NOTES)).to_owned()),
            marketing_campaign_id: None,
            crm_id: r
                .gen_bool(0.6)
                .then(|| format!("CRM-{:06}", r.gen_range(0..1_000_000))),
            more_contacts: Vec::new(),
        }
    } else {
        DealDetails::default()
    };
    GeneratedLead {
        lead: Lead {
            id: id.clone(),
            lead_type,
            classification,
            source,
            call_to_action,
            offer_name,
            customer_name: company,
            contact_first_name: first,
            contact_last_name: last,
            email,
            phone,
            country: country.code().to_owned(),
            industry: INDUSTRIES[industry].name.to_owned(),
            company_size: SIZES[band].0.to_owned(),
            quality,
            substatus,
            created_at: created,
            updated_at,
            currency: deal_value.map(|_| country.currency().to_owned()),
            deal_value,
            status_reason,
            engagement_id: Some(engagement_id),
            city: city.to_owned(),
            email_validity: EmailValidity::Unknown,
            phone_validity: PhoneValidity::Unknown,
            validity_from_partner_center: false,
            deal,
            favourite,
            etag: None,
        },
        events,
        truth: LeadTruth {
            lead_id: id,
            qualify_propensity: propensity,
        },
        snapshot: calendar.snapshot_of(created),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::tenants;
    use chrono::NaiveDate;

    fn leads(n: u32) -> Vec<GeneratedLead> {
        let calendar = Calendar::new(NaiveDate::from_ymd_opt(2026, 10, 31).expect("date"), 24);
        let customer = |c: u32| (tenants::identity(4, c, 0), 20);
        (0..n)
            .map(|i| generate(4, i, &calendar, calendar.window_end(), 100, &customer))
            .collect()
    }

    #[test]
    fn lifecycle_rules_hold() {
        let calendar = Calendar::new(NaiveDate::from_ymd_opt(2026, 10, 31).expect("date"), 24);
        let end = calendar.window_end();
        for g in leads(2_000) {
            let l = &g.lead;
            assert!(l.created_at >= calendar.window_start() && l.created_at <= end);
            assert!(l.updated_at >= l.created_at && l.updated_at <= end, "{l:?}");
            let age = end - l.created_at;
            if matches!(
                l.substatus,
                LeadSubstatus::Received | LeadSubstatus::Pending
            ) {
                if !lifecycle::is_informational(l) {
                    assert!(age < Duration::days(RESPONSE_DAYS), "{l:?}");
                }
                assert_eq!(lifecycle::due_time_rule(l, end), None, "{l:?}");
            }
            if l.substatus == LeadSubstatus::Expired {
                assert!(age >= Duration::days(RESPONSE_DAYS));
            }
            assert_eq!(l.deal_value.is_some(), l.currency.is_some());
            if l.deal_value.is_some() {
                assert!(matches!(
                    l.substatus,
                    LeadSubstatus::Accepted | LeadSubstatus::Won | LeadSubstatus::Lost
                ));
            }
            assert_eq!(g.events.last().map(|e| e.to), Some(l.substatus));
            for pair in g.events.windows(2) {
                assert!(pair[0].at <= pair[1].at);
                assert_eq!(pair[1].from, Some(pair[0].to));
            }
            if l.lead_type == LeadType::Profile {
                assert_eq!(l.source, LeadSource::BusinessProfile);
            }
        }
    }

    #[test]
    fn every_value_appears() {
        let all = leads(400);
        for s in LeadSubstatus::ALL {
            assert!(all.iter().any(|g| g.lead.substatus == *s), "{s:?}");
        }
        for c in CallToAction::ALL {
            assert!(all.iter().any(|g| g.lead.call_to_action == Some(*c)));
        }
        for s in LeadSource::ALL {
            assert!(all.iter().any(|g| g.lead.source == *s));
        }
    }
}
