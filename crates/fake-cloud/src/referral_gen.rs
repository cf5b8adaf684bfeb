//! Generated referrals shaped like the Referrals API's sample (FORMATS.md §2.3, camelCase keys):
//! the same seed, index and clock give the same referral, so a fixture can be regenerated
//! instead of stored.
//!
//! The mix follows a partner's real inbox: recent referrals are mostly New/Received, older ones
//! Active/Accepted or Closed (Won, Lost, Declined, or Expired when nobody answered in 14 days).

use chrono::{DateTime, Duration, Utc};
use rand::seq::SliceRandom;
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use serde_json::{json, Map, Value};

use crate::ids::{api_time, guid, rng_for};

/// A country the generator places customers in: ISO code, cities, currency, phone prefix, locale.
struct Country {
    code: &'static str,
    cities: [&'static str; 3],
    currency: &'static str,
    dial: &'static str,
    locale: &'static str,
}

#[rustfmt::skip]
const COUNTRIES: [Country; 20] = [
    Country { code: "US", cities: ["Seattle", "Chicago", "Austin"], currency: "USD", dial: "+1 206", locale: "en-US" },
    Country { code: "GB", cities: ["London", "Manchester", "Leeds"], currency: "GBP", dial: "+44 20", locale: "en-GB" },
    Country { code: "DE", cities: ["Berlin", "Munich", "Hamburg"], currency: "EUR", dial: "+49 30", locale: "de-DE" },
    Country { code: "FR", cities: ["Paris", "Lyon", "Toulouse"], currency: "EUR", dial: "+33 1", locale: "fr-FR" },
    Country { code: "ES", cities: ["Madrid", "Barcelona", "Valencia"], currency: "EUR", dial: "+34 91", locale: "es-ES" },
    Country { code: "PL", cities: ["Warsaw", "Krakow", "Gdansk"], currency: "PLN", dial: "+48 22", locale: "pl-PL" },
    Country { code: "IT", cities: ["Milan", "Rome", "Turin"], currency: "EUR", dial: "+39 02", locale: "it-IT" },
    Country { code: "NL", cities: ["Amsterdam", "Rotterdam", "Utrecht"], currency: "EUR", dial: "+31 20", locale: "nl-NL" },
    Country { code: "BE", cities: ["Brussels", "Antwerp", "Ghent"], currency: "EUR", dial: "+32 2", locale: "nl-BE" },
    Country { code: "SE", cities: ["Stockholm", "Gothenburg", "Malmo"], currency: "SEK", dial: "+46 8", locale: "sv-SE" },
    Country { code: "DK", cities: ["Copenhagen", "Aarhus", "Odense"], currency: "DKK", dial: "+45 33", locale: "da-DK" },
    Country { code: "IE", cities: ["Dublin", "Cork", "Galway"], currency: "EUR", dial: "+353 1", locale: "en-IE" },
    Country { code: "PT", cities: ["Lisbon", "Porto", "Braga"], currency: "EUR", dial: "+351 21", locale: "pt-PT" },
    Country { code: "AT", cities: ["Vienna", "Graz", "Linz"], currency: "EUR", dial: "+43 1", locale: "de-AT" },
    Country { code: "CH", cities: ["Zurich", "Geneva", "Basel"], currency: "CHF", dial: "+41 44", locale: "de-CH" },
    Country { code: "CA", cities: ["Toronto", "Vancouver", "Montreal"], currency: "CAD", dial: "+1 416", locale: "en-CA" },
    Country { code: "AU", cities: ["Sydney", "Melbourne", "Brisbane"], currency: "AUD", dial: "+61 2", locale: "en-AU" },
    Country { code: "JP", cities: ["Tokyo", "Osaka", "Nagoya"], currency: "JPY", dial: "+81 3", locale: "ja-JP" },
    Country { code: "BR", cities: ["Sao Paulo", "Rio de Janeiro", "Curitiba"], currency: "BRL", dial: "+55 11", locale: "pt-BR" },
    Country { code: "MX", cities: ["Mexico City", "Guadalajara", "Monterrey"], currency: "MXN", dial: "+52 55", locale: "es-MX" },
];

/// The API's company size bands (the app's `COMPANY_SIZE_BANDS`), weighted towards small firms
/// as partners' referrals are.
const SIZES: [(&str, u32); 8] = [
    ("1to9employees", 20),
    ("10to50employees", 25),
    ("51to250employees", 22),
    ("251to1000employees", 14),
    ("1001to5000employees", 9),
    ("5001to10000employees", 4),
    ("10001to20000employees", 3),
    ("Morethan20000employees", 3),
];

const COMPANY_STEMS: [&str; 24] = [
    "Contoso",
    "Fabrikam",
    "Northwind",
    "Adatum",
    "Tailspin",
    "Woodgrove",
    "Litware",
    "Proseware",
    "Wingtip",
    "Alpine",
    "Blue Yonder",
    "Coho",
    "Lucerne",
    "Margie's",
    "Trey",
    "Wide World",
    "Fourth Coffee",
    "Humongous",
    "Southridge",
    "Relecloud",
    "Datum",
    "Bellows",
    "Graphic",
    "Consolidated",
];
const COMPANY_KINDS: [&str; 10] = [
    "Ltd",
    "GmbH",
    "S.A.",
    "Sp. z o.o.",
    "Inc.",
    "Group",
    "Logistics",
    "Foods",
    "Health",
    "Consulting",
];
const FIRST_NAMES: [&str; 16] = [
    "Anna", "Piotr", "Maria", "John", "Sofia", "Lukas", "Emma", "Pablo", "Chloe", "Marco", "Eva",
    "Tomasz", "Olivia", "Jan", "Lea", "Hugo",
];
const LAST_NAMES: [&str; 16] = [
    "Kowalska", "Nowak", "Garcia", "Smith", "Rossi", "Muller", "Martin", "Jansen", "Dubois",
    "Silva", "Berg", "Novak", "Brown", "Schmidt", "Lopez", "Moreau",
];
/// Partner Center industry tags.
const INDUSTRIES: [&str; 8] = [
    "Retail",
    "Healthcare",
    "FinancialServices",
    "Manufacturing",
    "Education",
    "Government",
    "ProfessionalServices",
    "MediaAndCommunications",
];
const PRODUCTS: [&str; 6] = [
    "Microsoft 365 Business Premium",
    "Microsoft 365 E3",
    "Microsoft Teams",
    "Dynamics 365 Sales",
    "Microsoft Azure",
    "Microsoft Defender for Business",
];
const SERVICES: [&str; 4] = ["Consulting", "Deployment", "ManagedServices", "Training"];
const CALLS_TO_ACTION: [&str; 4] = ["Contact me", "Free trial", "Get it now", "Test drive"];
const SOURCES: [&str; 3] = ["AppSource", "Azure Marketplace", "Azure portal"];
/// Partner Center's decline and lost reasons.
const CLOSE_REASONS: [&str; 5] = [
    "Project budget isn't adequate",
    "Customer didn't respond",
    "Customer chose another vendor",
    "Customer requirement not met",
    "Others",
];
const NEEDS: [&str; 6] = [
    "We are moving from on-premises Exchange and need help with the migration.",
    "Looking for a partner to roll out Teams telephony to 3 offices.",
    "Need licensing advice and a security review before renewal.",
    "Interested in a Copilot pilot for the sales team.",
    "Please call me about Business Premium and device management.",
    "We want to move our file server to SharePoint and OneDrive.",
];

/// The partner organisation every referral belongs to.
pub(crate) const PARTNER_ORGANIZATION: &str = "Fabrikam Cloud Partners";

/// The referral with this index: an old one spread over the 120 days before `now`, or, when
/// `fresh`, one created at `now` (a new lead just received).
pub(crate) fn referral(seed: u64, index: u64, now: DateTime<Utc>, fresh: bool) -> Value {
    let mut rng = rng_for(seed, "referral", index);
    let partner_org = guid(&mut rng_for(seed, "partner-organization", 0));
    let id = guid(&mut rng);
    let engagement_id = guid(&mut rng);
    let age = if fresh {
        Duration::zero()
    } else {
        Duration::seconds(rng.gen_range(0..120 * 86_400))
    };
    let created = now - age - Duration::milliseconds(rng.gen_range(0..1000));
    let age_days = age.num_days();

    let (status, substatus) = status_for(&mut rng, age_days, fresh);
    let updated = match substatus {
        "Received" | "Pending" => created + Duration::seconds(rng.gen_range(0..120)),
        "Expired" => created + Duration::days(14),
        _ => {
            let after = Duration::seconds(rng.gen_range(60..=(age.num_seconds().max(61))));
            created + after
        }
    }
    .min(now);

    let country = &COUNTRIES[rng.gen_range(0..COUNTRIES.len())];
    let company = format!(
        "{} {}",
        COMPANY_STEMS.choose(&mut rng).copied().unwrap_or("Contoso"),
        COMPANY_KINDS.choose(&mut rng).copied().unwrap_or("Ltd")
    );
    let domain = format!(
        "{}.example.{}",
        company
            .split(' ')
            .next()
            .unwrap_or("contoso")
            .to_ascii_lowercase()
            .replace('\'', ""),
        country.code.to_ascii_lowercase()
    );
    let size = weighted(&mut rng, &SIZES);
    let product = PRODUCTS.choose(&mut rng).copied().unwrap_or(PRODUCTS[0]);
    let contact = person(&mut rng, &domain, country);
    let accepted = matches!(substatus, "Accepted" | "Won" | "Lost");

    let mut details = Map::new();
    details.insert(
        "notes".into(),
        json!(NEEDS.choose(&mut rng).copied().unwrap_or(NEEDS[0])),
    );
    if accepted {
        let value = (rng.gen_range(10..400) * 250) as f64;
        details.insert("dealValue".into(), json!(value));
        details.insert("currency".into(), json!(country.currency));
        let close = created + Duration::days(rng.gen_range(30..150));
        details.insert(
            "closingDateTime".into(),
            json!(format!("{}T00:00:00Z", close.date_naive())),
        );
    }
    details.insert(
        "requirements".into(),
        json!({
            "industries": [{ "id": INDUSTRIES.choose(&mut rng).copied().unwrap_or("Retail") }],
            "products": [{ "id": product }],
            "services": [{ "id": SERVICES.choose(&mut rng).copied().unwrap_or("Consulting") }],
            "solutions": [{ "id": guid(&mut rng), "name": product, "type": "Name" }],
        }),
    );

    let mut r = Map::new();
    r.insert("id".into(), json!(id));
    r.insert("engagementId".into(), json!(engagement_id));
    r.insert("name".into(), json!(format!("{company} - {product}")));
    r.insert("organizationId".into(), json!(partner_org));
    r.insert("organizationName".into(), json!(PARTNER_ORGANIZATION));
    if accepted && rng.gen_bool(0.6) {
        r.insert(
            "externalReferenceId".into(),
            json!(format!("CRM-{:06}", rng.gen_range(0..1_000_000))),
        );
    }
    r.insert("createdDateTime".into(), json!(api_time(created)));
    r.insert("updatedDateTime".into(), json!(api_time(updated)));
    r.insert(
        "expirationDateTime".into(),
        json!(api_time(created + Duration::days(14))),
    );
    if accepted {
        let at = (created + Duration::seconds(rng.gen_range(60..86_400))).min(updated);
        r.insert("acceptedDateTime".into(), json!(api_time(at)));
    }
    r.insert("status".into(), json!(status));
    r.insert("substatus".into(), json!(substatus));
    if matches!(substatus, "Lost" | "Declined") {
        r.insert(
            "statusReason".into(),
            json!(CLOSE_REASONS.choose(&mut rng).copied().unwrap_or("Others")),
        );
    }
    let qualification = match rng.gen_range(0..100) {
        0..=39 => "Direct",
        40..=74 => "MarketingQualified",
        _ => "SalesQualified",
    };
    r.insert("qualification".into(), json!(qualification));
    r.insert(
        "type".into(),
        json!(if rng.gen_bool(0.7) {
            "Independent"
        } else {
            "Shared"
        }),
    );
    if rng.gen_bool(0.4) {
        r.insert(
            "callToAction".into(),
            json!(CALLS_TO_ACTION
                .choose(&mut rng)
                .copied()
                .unwrap_or("Contact me")),
        );
    }
    if rng.gen_bool(0.4) {
        r.insert(
            "referralSource".into(),
            json!(SOURCES.choose(&mut rng).copied().unwrap_or("AppSource")),
        );
    }
    r.insert(
        "target".into(),
        json!([{ "type": "SolutionProfile", "id": guid(&mut rng) }]),
    );
    r.insert(
        "customerProfile".into(),
        json!({
            "name": company,
            "address": {
                "addressLine1": format!("{} Main Street", rng.gen_range(1..200)),
                "addressLine2": "",
                "city": country.cities[rng.gen_range(0..3)],
                "state": "",
                "postalCode": format!("{:05}", rng.gen_range(1000..99999)),
                "country": country.code,
            },
            "size": size,
            "team": [contact],
            "ids": {},
        }),
    );
    r.insert(
        "consent".into(),
        json!({
            "consentToToShareInfoWithOthers": rng.gen_bool(0.5),
            "consentToContact": true,
        }),
    );
    r.insert("details".into(), Value::Object(details));
    let team: Vec<Value> = if accepted || status == "Active" {
        (0..rng.gen_range(1..=2))
            .map(|_| person(&mut rng, "fabrikam-partners.example.com", &COUNTRIES[0]))
            .collect()
    } else {
        Vec::new()
    };
    r.insert("team".into(), Value::Array(team));
    r.insert(
        "inviteContext".into(),
        json!({ "notes": "", "invitedBy": { "organizationId": "", "organizationName": "" } }),
    );
    r.insert("eTag".into(), json!(format!("\"{}\"", guid(&mut rng))));
    Value::Object(r)
}

/// Status and substatus for a referral `age_days` old.
fn status_for(rng: &mut ChaCha8Rng, age_days: i64, fresh: bool) -> (&'static str, &'static str) {
    if fresh {
        return ("New", "Received");
    }
    let roll = rng.gen_range(0..100);
    if age_days < 14 {
        match roll {
            0..=74 => ("New", "Received"),
            75..=79 => ("New", "Pending"),
            80..=94 => ("Active", "Accepted"),
            _ => ("Closed", "Declined"),
        }
    } else {
        match roll {
            0..=34 => ("Active", "Accepted"),
            35..=49 => ("Closed", "Won"),
            50..=64 => ("Closed", "Lost"),
            65..=74 => ("Closed", "Declined"),
            _ => ("Closed", "Expired"),
        }
    }
}

/// A person: the customer's contact or a partner team member.
fn person(rng: &mut ChaCha8Rng, domain: &str, country: &Country) -> Value {
    let first = FIRST_NAMES.choose(rng).copied().unwrap_or("Anna");
    let last = LAST_NAMES.choose(rng).copied().unwrap_or("Nowak");
    json!({
        "contactPreference": { "locale": country.locale, "disableNotifications": false },
        "firstName": first,
        "lastName": last,
        "phoneNumber": format!("{} {:03} {:04}", country.dial, rng.gen_range(200..999), rng.gen_range(0..10_000)),
        "email": format!("{}.{}@{domain}", first.to_ascii_lowercase(), last.to_ascii_lowercase()),
    })
}

/// One of `choices`, by weight.
fn weighted(rng: &mut ChaCha8Rng, choices: &[(&'static str, u32)]) -> &'static str {
    let total: u32 = choices.iter().map(|(_, w)| w).sum();
    let mut roll = rng.gen_range(0..total);
    for (value, weight) in choices {
        if roll < *weight {
            return value;
        }
        roll -= weight;
    }
    choices[0].0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_inputs_give_the_same_referral() {
        let now = Utc::now();
        assert_eq!(referral(7, 3, now, false), referral(7, 3, now, false));
        assert_ne!(
            referral(7, 3, now, false)["id"],
            referral(7, 4, now, false)["id"]
        );
        let fresh = referral(7, 5, now, true);
        assert_eq!(fresh["status"], "New");
        assert_eq!(fresh["substatus"], "Received");
    }
}
