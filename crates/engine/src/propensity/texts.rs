//! The words of the propensity scores: each reason as a sentence with the customer's figure, and
//! an area's reasons joined for the reports' `<Area>Signals` columns.
//!
//! The texts live in `texts/<lang>.json` (English, Spanish, French, Polish), with the same keys
//! and placeholders in every file (a test checks them against `en.json`); a language without a
//! file would speak English. Figures are whole numbers; lifts have one decimal, with the
//! language's decimal sign. To add a signal: its sentence in every file and a case in
//! [`reason`].

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::OnceLock;

use partner_advisor_formats::cloudascent::SolutionArea;
use serde::Deserialize;

use super::fit::FitTrait;
use super::intent::IntentSignal;
use super::scores::{AreaScore, Reason};
use crate::settings::Language;

/// Everything of one language.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Texts {
    areas: BTreeMap<String, String>,
    topics: BTreeMap<String, String>,
    intent: BTreeMap<String, String>,
    fit: BTreeMap<String, String>,
    sizes: Vec<String>,
    separator: String,
    reports: BTreeMap<String, ReportTexts>,
}

/// A report's title and one-line description.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct ReportTexts {
    title: String,
    description: String,
}

/// A report's title and one-line description in `lang`, for the report's chooser.
pub fn report_title(
    report: partner_advisor_formats::cloudascent::PropensityReport,
    lang: Language,
) -> (&'static str, &'static str) {
    texts(lang)
        .reports
        .get(report.key())
        .or_else(|| texts(Language::En).reports.get(report.key()))
        .map_or(("", ""), |r| (r.title.as_str(), r.description.as_str()))
}

/// The languages with texts, English first (the fallback).
const SOURCES: [(Language, &str); 4] = [
    (Language::En, include_str!("texts/en.json")),
    (Language::Es, include_str!("texts/es.json")),
    (Language::Fr, include_str!("texts/fr.json")),
    (Language::Pl, include_str!("texts/pl.json")),
];

/// The texts of a language (English when it has none yet), parsed once.
pub(crate) fn texts(lang: Language) -> &'static Texts {
    static PARSED: OnceLock<Vec<(Language, Texts)>> = OnceLock::new();
    crate::settings::catalogue(&PARSED, "propensity", &SOURCES, lang)
}

fn key(signal: IntentSignal) -> &'static str {
    match signal {
        IntentSignal::Research => "research",
        IntentSignal::Lead => "lead",
        IntentSignal::ProfileLead => "profileLead",
        IntentSignal::Trial => "trial",
        IntentSignal::SeatGrowth => "seatGrowth",
        IntentSignal::HeadcountGrowth => "headcountGrowth",
        IntentSignal::UsageGrowth => "usageGrowth",
        IntentSignal::Renewal => "renewal",
        IntentSignal::DeviceRefresh => "deviceRefresh",
        IntentSignal::AzureGrowth => "azureGrowth",
        IntentSignal::AzureStarted => "azureStarted",
        IntentSignal::MfaRollout => "mfaRollout",
        IntentSignal::AgreementEnding => "agreementEnding",
        IntentSignal::EndOfSupport => "endOfSupport",
    }
}

fn get<'a>(map: &'a BTreeMap<String, String>, key: &str) -> &'a str {
    map.get(key).map_or("", String::as_str)
}

/// A lift with one decimal, with the language's decimal sign.
fn lift_text(lift: f32, lang: Language) -> String {
    let text = format!("{lift:.1}");
    if lang == Language::En {
        text
    } else {
        text.replace('.', ",")
    }
}

/// The sentence of one reason. `industry` is the customer's industry (for a fit by industry).
pub fn reason(r: &Reason, area: SolutionArea, industry: &str, lang: Language) -> String {
    let t = texts(lang);
    let fill = |template: &str, values: &[(&str, &str)]| {
        crate::opportunities::texts::fill(template, values)
    };
    let area_name = get(&t.areas, area.prefix());
    match r {
        Reason::Intent(c) => {
            let figure = format!("{}", c.figure.round() as i64);
            fill(
                get(&t.intent, key(c.signal)),
                &[
                    ("figure", figure.as_str()),
                    ("topic", get(&t.topics, area.prefix())),
                ],
            )
        }
        Reason::Fit(tl) => {
            let lift = lift_text(tl.lift, lang);
            let common = [("lift", lift.as_str()), ("area", area_name)];
            match tl.trait_ {
                FitTrait::Uses(kind) => fill(
                    get(&t.fit, "uses"),
                    &[common[0], common[1], ("product", kind.as_str())],
                ),
                FitTrait::Owns(other) => fill(
                    get(&t.fit, "owns"),
                    &[
                        common[0],
                        common[1],
                        ("other", get(&t.areas, other.prefix())),
                    ],
                ),
                FitTrait::Size(band) => fill(
                    get(&t.fit, "size"),
                    &[
                        common[0],
                        common[1],
                        (
                            "size",
                            t.sizes.get(usize::from(band)).map_or("", String::as_str),
                        ),
                    ],
                ),
                FitTrait::Industry => fill(
                    get(&t.fit, "industry"),
                    &[common[0], common[1], ("industry", industry)],
                ),
            }
        }
    }
}

/// An area's reasons as one cell (`<Area>Signals`), written into `out` (cleared first).
pub fn signals_cell(
    score: &AreaScore,
    area: SolutionArea,
    industry: &str,
    lang: Language,
    out: &mut String,
) {
    out.clear();
    let sep = &texts(lang).separator;
    for (i, r) in score.reasons().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        let _ = write!(out, "{}", reason(r, area, industry, lang));
    }
}

#[cfg(test)]
mod tests {
    use partner_advisor_domain::ExternalSignalKind as K;

    use super::super::fit::TraitLift;
    use super::super::intent::Contribution;
    use super::*;

    /// Placeholders of a template.
    fn placeholders(s: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut rest = s;
        while let Some(i) = rest.find('{') {
            let Some(j) = rest[i..].find('}') else { break };
            out.push(rest[i + 1..i + j].to_owned());
            rest = &rest[i + j + 1..];
        }
        out.sort();
        out
    }

    #[test]
    fn every_language_has_every_key_and_placeholder_of_english() {
        let en = texts(Language::En);
        for (lang, _) in SOURCES {
            let t = texts(lang);
            for (a, b) in [
                (&en.areas, &t.areas),
                (&en.topics, &t.topics),
                (&en.intent, &t.intent),
                (&en.fit, &t.fit),
            ] {
                assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
                for (k, v) in a {
                    assert_eq!(placeholders(v), placeholders(&b[k]), "{lang:?} {k}");
                }
            }
            assert_eq!(t.sizes.len(), 4);
        }
        for area in SolutionArea::ALL {
            assert!(!get(&en.areas, area.prefix()).is_empty());
            assert!(!get(&en.topics, area.prefix()).is_empty());
        }
        for s in [
            IntentSignal::Research,
            IntentSignal::Lead,
            IntentSignal::ProfileLead,
            IntentSignal::Trial,
            IntentSignal::SeatGrowth,
            IntentSignal::HeadcountGrowth,
            IntentSignal::UsageGrowth,
            IntentSignal::Renewal,
            IntentSignal::DeviceRefresh,
            IntentSignal::AzureGrowth,
            IntentSignal::AzureStarted,
            IntentSignal::MfaRollout,
            IntentSignal::AgreementEnding,
            IntentSignal::EndOfSupport,
        ] {
            assert!(!get(&en.intent, key(s)).is_empty(), "{s:?}");
        }
    }

    #[test]
    fn reasons_read_as_sentences_with_the_figures() {
        let research = Reason::Intent(Contribution {
            signal: IntentSignal::Research,
            points: 40.0,
            figure: 80.0,
        });
        assert_eq!(
            reason(
                &research,
                SolutionArea::D365BusinessCentral,
                "Retail",
                Language::En
            ),
            "Researching ERP and accounting software online (strength 80 of 100)"
        );
        let uses = Reason::Fit(TraitLift {
            trait_: FitTrait::Uses(K::QuickBooks),
            lift: 3.24,
        });
        assert_eq!(
            reason(
                &uses,
                SolutionArea::D365BusinessCentral,
                "Retail",
                Language::En
            ),
            "Uses QuickBooks (3.2× as common among Business Central buyers)"
        );
        let industry = Reason::Fit(TraitLift {
            trait_: FitTrait::Industry,
            lift: 2.0,
        });
        assert_eq!(
            reason(&industry, SolutionArea::Azure, "Technology", Language::En),
            "Technology (2.0× as common among Azure buyers)"
        );
        assert_eq!(
            reason(
                &uses,
                SolutionArea::D365BusinessCentral,
                "Retail",
                Language::Es
            ),
            "Usa QuickBooks (3,2× más frecuente entre los compradores de Business Central)"
        );
        assert_eq!(
            reason(&research, SolutionArea::Security, "Retail", Language::Fr),
            "Se renseigne en ligne sur la sécurité et la protection contre les menaces \
             (intensité 80 sur 100)"
        );
    }
}
