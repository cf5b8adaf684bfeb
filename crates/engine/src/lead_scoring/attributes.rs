//! The candidate attributes of a lead a scoring model may read: each has a stable key (stored in
//! model settings, reports and reasons), a kind, and an extractor from a [`Lead`].
//!
//! No date or time attribute is offered (Dynamics 365 does not support them as attributes): the
//! creation time only orders the validation split. To add an attribute: a variant of
//! [`Attribute`], its key, kind and extractor here, its name and sentences in `texts/*.json`.

use partner_advisor_domain::Lead;
use serde::{Deserialize, Serialize};

/// Whether an attribute is a category or a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AttributeKind {
    /// A category (industry, country, …).
    Categorical,
    /// An ordered number (the company size band's rank).
    Numeric,
}

/// One candidate attribute of a lead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Attribute {
    /// The industry the customer gave.
    Industry,
    /// The company size band, as its rank (1 = 1–9 employees … 8 = more than 20,000).
    CompanySize,
    /// ISO country code.
    Country,
    /// Where the lead came from (AppSource, Azure Marketplace, …).
    LeadSource,
    /// Profile or offer lead.
    LeadType,
    /// Customer inquiry, marketing- or sales-qualified.
    Classification,
    /// The call to action the customer used.
    CallToAction,
    /// Microsoft's quality estimate.
    Quality,
    /// E-mail validity.
    EmailValidity,
    /// Phone validity.
    PhoneValidity,
    /// Corporate address, free mail, or none.
    EmailKind,
    /// Whether the customer gave a phone number.
    HasPhone,
    /// The offer or profile the lead came through.
    OfferName,
}

/// The value of an attribute for one lead.
#[derive(Debug, Clone, PartialEq)]
pub enum AttributeValue {
    /// A category.
    Category(String),
    /// A number, with the text it came from (the band's name for the company size).
    Number(f64, String),
    /// Not known.
    Missing,
}

impl AttributeValue {
    /// The value as stored and shown (the category, the company size band's name); `None` when
    /// missing.
    pub fn text(&self) -> Option<&str> {
        match self {
            AttributeValue::Category(s) | AttributeValue::Number(_, s) => Some(s),
            AttributeValue::Missing => None,
        }
    }
}

/// Company size bands of the Referrals API, in order: their rank is the attribute's value.
pub const COMPANY_SIZE_BANDS: [&str; 8] = [
    "1to9employees",
    "10to50employees",
    "51to250employees",
    "251to1000employees",
    "1001to5000employees",
    "5001to10000employees",
    "10001to20000employees",
    "Morethan20000employees",
];

/// Free-mail providers: an address at one of these domains is "free mail", any other
/// well-formed address "corporate". Entries ending in `.*` match any top-level suffix
/// (`hotmail.*` matches `hotmail.co.uk`). Covers the big international providers and the
/// common ones of the app's four countries' languages (Spain, France, Poland, UK/US).
pub const FREE_MAIL_DOMAINS: &[&str] = &[
    "gmail.com",
    "googlemail.com",
    "outlook.*",
    "hotmail.*",
    "live.*",
    "msn.com",
    "yahoo.*",
    "ymail.com",
    "aol.com",
    "icloud.com",
    "me.com",
    "mac.com",
    "proton.me",
    "protonmail.com",
    "gmx.*",
    "web.de",
    "mail.com",
    "zoho.com",
    "yandex.*",
    "mail.ru",
    "wp.pl",
    "o2.pl",
    "onet.pl",
    "op.pl",
    "interia.pl",
    "poczta.fm",
    "orange.fr",
    "wanadoo.fr",
    "free.fr",
    "sfr.fr",
    "laposte.net",
    "telefonica.net",
    "btinternet.com",
    "sky.com",
    "comcast.net",
];

/// The e-mail kind values.
pub const EMAIL_CORPORATE: &str = "corporate";
/// A free-mail address.
pub const EMAIL_FREE_MAIL: &str = "free_mail";
/// No usable address.
pub const EMAIL_NONE: &str = "none";
/// `has_phone` values.
pub const YES: &str = "yes";
/// `has_phone` values.
pub const NO: &str = "no";

impl Attribute {
    /// Every attribute, in the order reports list them.
    pub const ALL: [Attribute; 13] = [
        Attribute::Industry,
        Attribute::CompanySize,
        Attribute::Country,
        Attribute::LeadSource,
        Attribute::LeadType,
        Attribute::Classification,
        Attribute::CallToAction,
        Attribute::Quality,
        Attribute::EmailValidity,
        Attribute::PhoneValidity,
        Attribute::EmailKind,
        Attribute::HasPhone,
        Attribute::OfferName,
    ];

    /// The stable key (also the column name in the learner's data).
    pub fn key(self) -> &'static str {
        match self {
            Attribute::Industry => "industry",
            Attribute::CompanySize => "company_size",
            Attribute::Country => "country",
            Attribute::LeadSource => "lead_source",
            Attribute::LeadType => "lead_type",
            Attribute::Classification => "classification",
            Attribute::CallToAction => "call_to_action",
            Attribute::Quality => "quality",
            Attribute::EmailValidity => "email_validity",
            Attribute::PhoneValidity => "phone_validity",
            Attribute::EmailKind => "email_kind",
            Attribute::HasPhone => "has_phone",
            Attribute::OfferName => "offer_name",
        }
    }

    /// The attribute with this key.
    pub fn parse(key: &str) -> Option<Attribute> {
        Attribute::ALL.into_iter().find(|a| a.key() == key)
    }

    /// Category or number.
    pub fn kind(self) -> AttributeKind {
        match self {
            Attribute::CompanySize => AttributeKind::Numeric,
            _ => AttributeKind::Categorical,
        }
    }

    /// The attribute's value for `lead`.
    pub fn value(self, lead: &Lead) -> AttributeValue {
        let text = |s: &str| {
            let s = s.trim();
            if s.is_empty() {
                AttributeValue::Missing
            } else {
                AttributeValue::Category(s.to_owned())
            }
        };
        let cat = |s: &str| AttributeValue::Category(s.to_owned());
        match self {
            Attribute::Industry => text(&lead.industry),
            Attribute::CompanySize => match company_size_rank(&lead.company_size) {
                Some(rank) => AttributeValue::Number(
                    f64::from(rank),
                    COMPANY_SIZE_BANDS[rank as usize - 1].to_owned(),
                ),
                None => AttributeValue::Missing,
            },
            Attribute::Country => text(&lead.country.to_ascii_uppercase()),
            Attribute::LeadSource => cat(lead.source.as_str()),
            Attribute::LeadType => cat(lead.lead_type.as_str()),
            Attribute::Classification => cat(lead.classification.as_str()),
            Attribute::CallToAction => match lead.call_to_action {
                Some(c) => cat(c.as_str()),
                None => AttributeValue::Missing,
            },
            Attribute::Quality => cat(lead.quality.as_str()),
            Attribute::EmailValidity => cat(lead.email_validity.as_str()),
            Attribute::PhoneValidity => cat(lead.phone_validity.as_str()),
            Attribute::EmailKind => cat(email_kind(&lead.email)),
            Attribute::HasPhone => cat(if lead.phone.chars().any(|c| c.is_ascii_digit()) {
                YES
            } else {
                NO
            }),
            Attribute::OfferName => text(&lead.offer_name),
        }
    }
}

/// The rank (1–8) of a company size band: the Referrals API's names (`10to50employees`,
/// `Morethan20000employees`) in any case, also written with spaces or a dash (`10 to 50`,
/// `10-50`). `None` when unknown.
pub fn company_size_rank(band: &str) -> Option<u8> {
    let b: String = band
        .chars()
        .filter(|c| !c.is_whitespace() && *c != ',' && *c != '.')
        .collect::<String>()
        .to_ascii_lowercase();
    let b = b.trim_end_matches("employees");
    if b.is_empty() {
        return None;
    }
    if let Some(rest) = b.strip_prefix("morethan") {
        return rest.parse::<u32>().ok().map(|_| 8);
    }
    let lower: u32 = b
        .split(|c: char| !c.is_ascii_digit())
        .next()
        .and_then(|d| d.parse().ok())?;
    let upper_bounds = [9, 50, 250, 1000, 5000, 10_000, 20_000];
    Some(
        upper_bounds
            .iter()
            .position(|&u| lower <= u)
            .map_or(8, |i| i as u8 + 1),
    )
}

/// `corporate`, `free_mail` or `none` (empty, or no domain after a single `@`).
pub fn email_kind(email: &str) -> &'static str {
    let email = email.trim();
    let Some((local, domain)) = email.rsplit_once('@') else {
        return EMAIL_NONE;
    };
    let domain = domain.trim_end_matches('.').to_ascii_lowercase();
    if local.is_empty() || local.contains('@') || !domain.contains('.') {
        return EMAIL_NONE;
    }
    if is_free_mail(&domain) {
        EMAIL_FREE_MAIL
    } else {
        EMAIL_CORPORATE
    }
}

/// Whether `domain` (lower case) is a free-mail provider of [`FREE_MAIL_DOMAINS`].
pub fn is_free_mail(domain: &str) -> bool {
    FREE_MAIL_DOMAINS
        .iter()
        .any(|d| match d.strip_suffix(".*") {
            Some(name) => domain
                .strip_prefix(name)
                .is_some_and(|rest| rest.starts_with('.') && rest.len() > 1),
            None => domain == *d,
        })
}

/// The set of attributes a lead filter or a model reads, in [`Attribute::ALL`] order, without
/// duplicates.
pub fn normalised(attributes: &[Attribute]) -> Vec<Attribute> {
    Attribute::ALL
        .into_iter()
        .filter(|a| attributes.contains(a))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn company_size_bands_rank_in_order() {
        for (i, band) in COMPANY_SIZE_BANDS.iter().enumerate() {
            assert_eq!(company_size_rank(band), Some(i as u8 + 1), "{band}");
        }
        assert_eq!(company_size_rank("10 to 50 employees"), Some(2));
        assert_eq!(company_size_rank("51-250"), Some(3));
        assert_eq!(company_size_rank("MoreThan20000Employees"), Some(8));
        assert_eq!(company_size_rank(""), None);
        assert_eq!(company_size_rank("unknown"), None);
    }

    #[test]
    fn email_kinds() {
        assert_eq!(email_kind("ana@contoso.es"), EMAIL_CORPORATE);
        assert_eq!(email_kind("ana@gmail.com"), EMAIL_FREE_MAIL);
        assert_eq!(email_kind("jan@WP.PL"), EMAIL_FREE_MAIL);
        assert_eq!(email_kind("bob@hotmail.co.uk"), EMAIL_FREE_MAIL);
        assert_eq!(email_kind("bob@yahoo.fr"), EMAIL_FREE_MAIL);
        assert_eq!(email_kind("bob@hotmailer.com"), EMAIL_CORPORATE);
        assert_eq!(email_kind(""), EMAIL_NONE);
        assert_eq!(email_kind("no address"), EMAIL_NONE);
        assert_eq!(email_kind("a@@b.com"), EMAIL_NONE);
        assert_eq!(email_kind("a@localhost"), EMAIL_NONE);
    }

    #[test]
    fn keys_round_trip() {
        for a in Attribute::ALL {
            assert_eq!(Attribute::parse(a.key()), Some(a));
            let json = serde_json::to_string(&a).expect("json");
            assert_eq!(json, format!("\"{}\"", a.key()));
        }
    }
}
