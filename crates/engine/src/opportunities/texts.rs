//! The shipped texts of the opportunity models (names, recommendations, actions, resources,
//! insight sentences) in the four languages, and the rendering of stored reasons into sentences
//! with the customer's own figures.
//!
//! The texts live in `texts/<lang>.json`; every language has the same keys and placeholders (a
//! test checks it). To add a sentence: a key in all four files and a case in [`render_fact`].

use std::collections::BTreeMap;
use std::sync::OnceLock;

use chrono::NaiveDate;
use serde::Deserialize;

use super::history::workload_of_key;
use super::locale_format as fmt;
use super::models::{Direction, Fact, Figures};
use super::view::{ModelKind, ProbabilityStatus, Resource, ResourceKind};
use crate::settings::Language;

/// One resource text.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct ResourceText {
    pub title: String,
    #[serde(default)]
    pub subject: Option<String>,
    pub body: String,
}

/// The resources of a model.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Resources {
    pub playbook: ResourceText,
    pub demo_script: ResourceText,
    pub cheat_sheet: ResourceText,
    pub email_template: ResourceText,
}

/// The texts of one model.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct ModelTexts {
    pub name: String,
    pub recommendation: String,
    pub why: String,
    pub actions: Vec<String>,
    pub resources: Resources,
}

/// A yes/no sentence pair.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct YesNo {
    pub yes: String,
    pub no: String,
}

/// Everything of one language.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Texts {
    pub models: BTreeMap<String, ModelTexts>,
    pub features: BTreeMap<String, String>,
    pub booleans: BTreeMap<String, YesNo>,
    pub direction: BTreeMap<String, String>,
    pub tree_path: BTreeMap<String, String>,
    pub rules: BTreeMap<String, String>,
    pub types: BTreeMap<String, String>,
    pub status: BTreeMap<String, String>,
    pub workloads: BTreeMap<String, String>,
}

const SOURCES: [(Language, &str); 4] = [
    (Language::En, include_str!("texts/en.json")),
    (Language::Es, include_str!("texts/es.json")),
    (Language::Fr, include_str!("texts/fr.json")),
    (Language::Pl, include_str!("texts/pl.json")),
];

/// The raw JSON of a language (for the parity test).
#[cfg(test)]
pub(crate) fn source(lang: Language) -> &'static str {
    SOURCES
        .iter()
        .find(|(l, _)| *l == lang)
        .map_or(SOURCES[0].1, |(_, s)| s)
}

/// The texts of a language, parsed once.
pub(crate) fn texts(lang: Language) -> &'static Texts {
    static PARSED: OnceLock<Vec<(Language, Texts)>> = OnceLock::new();
    crate::settings::catalogue(&PARSED, "opportunities", &SOURCES, lang)
}

/// Replaces `{name}` placeholders; unknown ones are left as they are. Shared by every texts
/// module of the engine (opportunities, lead scoring).
pub(crate) fn fill<V: AsRef<str>>(template: &str, values: &[(&str, V)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match values.iter().find(|(n, _)| *n == name) {
                    Some((_, v)) => out.push_str(v.as_ref()),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

impl Texts {
    /// The texts of a model.
    pub fn model(&self, m: ModelKind) -> &ModelTexts {
        self.models
            .get(m.key())
            .or_else(|| self.models.values().next())
            .expect("texts have models")
    }

    fn get<'a>(map: &'a BTreeMap<String, String>, key: &str) -> &'a str {
        map.get(key).map_or("", String::as_str)
    }

    /// A workload's name.
    pub fn workload(&self, key: &str) -> String {
        Self::get(&self.workloads, key).to_owned()
    }

    /// A status's name.
    pub fn status(&self, s: ProbabilityStatus) -> String {
        Self::get(&self.status, s.key()).to_owned()
    }
}

/// The table's recommendation text.
pub(crate) fn recommendation(model: ModelKind, product: Option<&str>, lang: Language) -> String {
    let t = texts(lang);
    fill(
        &t.model(model).recommendation,
        &[("product", product.unwrap_or_default().to_owned())],
    )
}

/// The values a sentence may use about a customer.
pub(crate) struct Subject<'a> {
    pub customer: &'a str,
    pub partner: &'a str,
    pub product: Option<&'a str>,
    pub seats: u32,
}

fn feature_sentence(
    t: &Texts,
    feature: &str,
    fig: &Figures,
    s: &Subject<'_>,
    lang: Language,
) -> String {
    let customer = ("customer", s.customer.to_owned());
    if let Some(yes_no) = t.booleans.get(feature) {
        return if fig.value >= 0.5 {
            yes_no.yes.clone()
        } else {
            yes_no.no.clone()
        };
    }
    let (base, workload) = match feature.split_once('.') {
        Some((b, w)) => (b, Some(w)),
        None => (feature, None),
    };
    let Some(template) = t.features.get(base) else {
        return feature.to_owned();
    };
    let value = match base {
        "country" | "industry" | "coreProduct" => fig.text.clone().unwrap_or_default(),
        "employees" | "paidSeats" | "liveProducts" | "daysToRenewal" | "workloadsBelowHalf" => {
            fmt::int(fig.value.round() as i64, lang)
        }
        "acrUsd" => fmt::int(fig.value.round() as i64, lang),
        "seatChange3m" | "employeeGrowth6m" => format!(
            "{}%",
            fmt::signed(fig.value * 100.0, lang).trim_end_matches('%')
        ),
        "activeTrend" => fmt::signed(fig.value, lang),
        "devicesPerSeat" => fmt::decimal(fig.value, 1, lang),
        _ => fmt::percent(fig.value, lang),
    };
    let month = fig
        .month
        .as_deref()
        .and_then(|m| NaiveDate::parse_from_str(m, "%Y-%m-%d").ok())
        .map(|m| fmt::month(m, lang))
        .unwrap_or_default();
    let workload_name = workload
        .filter(|w| workload_of_key(w).is_some())
        .map(|w| t.workload(w))
        .unwrap_or_default();
    fill(
        template,
        &[
            customer,
            ("value", value),
            ("workload", workload_name),
            ("active", fmt::int(i64::from(fig.active.unwrap_or(0)), lang)),
            (
                "assigned",
                fmt::int(i64::from(fig.assigned.unwrap_or(0)), lang),
            ),
            (
                "devices",
                fmt::int(i64::from(fig.active.unwrap_or(0)), lang),
            ),
            ("month", month),
            ("product", s.product.unwrap_or_default().to_owned()),
        ],
    )
}

/// One stored reason as a sentence, saying which way it moved the likelihood.
pub(crate) fn render_fact(fact: &Fact, s: &Subject<'_>, lang: Language) -> String {
    sentence(fact, s, lang, true)
}

/// One stored reason as a plain statement about the customer (for the e-mail to it).
pub(crate) fn statement(fact: &Fact, s: &Subject<'_>, lang: Language) -> String {
    sentence(fact, s, lang, false)
}

fn sentence(fact: &Fact, s: &Subject<'_>, lang: Language, with_direction: bool) -> String {
    let t = texts(lang);
    match fact {
        Fact::Feature {
            feature,
            figures,
            direction,
            ..
        } => {
            let sentence = feature_sentence(t, feature, figures, s, lang);
            if !with_direction {
                return sentence;
            }
            let dir = Texts::get(
                &t.direction,
                match direction {
                    Direction::Up => "up",
                    Direction::Down => "down",
                },
            );
            format!("{sentence} ({dir})")
        }
        Fact::TreeStep {
            feature, figures, ..
        } => feature_sentence(t, feature, figures, s, lang),
        Fact::SmbBelow {
            workloads,
            count,
            total,
            threshold,
            ..
        } => {
            let names: Vec<String> = workloads.iter().map(|w| t.workload(w)).collect();
            fill(
                Texts::get(&t.rules, "smbBelow"),
                &[
                    ("count", fmt::int(i64::from(*count), lang)),
                    ("total", fmt::int(i64::from(*total), lang)),
                    ("threshold", fmt::percent(*threshold, lang)),
                    ("workloads", names.join(", ")),
                ],
            )
        }
        Fact::Trial {
            product,
            seats,
            end_date,
            days,
            active,
            workload,
            ratio,
        } => {
            let end = NaiveDate::parse_from_str(end_date, "%Y-%m-%d")
                .map(|d| fmt::date(d, lang))
                .unwrap_or_else(|_| end_date.clone());
            let ends = fill(
                Texts::get(&t.rules, "trialEnds"),
                &[
                    ("product", product.clone()),
                    ("seats", fmt::int(i64::from(*seats), lang)),
                    ("date", end),
                    ("days", fmt::int(*days, lang)),
                ],
            );
            let usage = fill(
                Texts::get(&t.rules, "trialUsage"),
                &[
                    ("active", fmt::int(i64::from(*active), lang)),
                    ("seats", fmt::int(i64::from(*seats), lang)),
                    ("workload", t.workload(workload)),
                    ("value", fmt::percent(*ratio, lang)),
                ],
            );
            format!("{ends}. {usage}")
        }
    }
}

/// The whole path of a tree in one line: "step → step → recommend X".
pub(crate) fn tree_path(
    facts: &[Fact],
    model: ModelKind,
    s: &Subject<'_>,
    lang: Language,
) -> Option<String> {
    let t = texts(lang);
    let steps: Vec<String> = facts
        .iter()
        .filter(|f| matches!(f, Fact::TreeStep { .. }))
        .map(|f| render_fact(f, s, lang))
        .collect();
    if steps.is_empty() {
        return None;
    }
    let arrow = Texts::get(&t.tree_path, "arrow");
    let end = fill(
        Texts::get(&t.tree_path, "recommend"),
        &[("model", t.model(model).name.clone())],
    );
    Some(format!("{}{arrow}{end}", steps.join(arrow)))
}

/// The resources of a model merged with the customer's figures.
pub(crate) fn resources(
    model: ModelKind,
    s: &Subject<'_>,
    insight: &str,
    lang: Language,
) -> Vec<Resource> {
    let t = texts(lang);
    let r = &t.model(model).resources;
    let values = [
        ("customer", s.customer.to_owned()),
        ("partner", s.partner.to_owned()),
        ("product", s.product.unwrap_or_default().to_owned()),
        ("seats", fmt::int(i64::from(s.seats), lang)),
        ("insight", insight.to_owned()),
    ];
    [
        (ResourceKind::Playbook, &r.playbook),
        (ResourceKind::DemoScript, &r.demo_script),
        (ResourceKind::CheatSheet, &r.cheat_sheet),
        (ResourceKind::EmailTemplate, &r.email_template),
    ]
    .into_iter()
    .map(|(kind, text)| Resource {
        kind,
        title: fill(&text.title, &values),
        subject: text.subject.as_deref().map(|x| fill(x, &values)),
        body: fill(&text.body, &values),
    })
    .collect()
}

/// The suggested actions of a model for a customer.
pub(crate) fn actions(model: ModelKind, s: &Subject<'_>, lang: Language) -> Vec<String> {
    let values = [
        ("customer", s.customer.to_owned()),
        ("product", s.product.unwrap_or_default().to_owned()),
        ("seats", fmt::int(i64::from(s.seats), lang)),
        ("partner", s.partner.to_owned()),
    ];
    texts(lang)
        .model(model)
        .actions
        .iter()
        .map(|a| fill(a, &values))
        .collect()
}

/// "Model (34%)": the flyout lists these under its own "Also considered" heading.
pub(crate) fn also_considered(model: ModelKind, probability: f64, lang: Language) -> String {
    let t = texts(lang);
    format!(
        "{} ({})",
        t.model(model).name,
        fmt::percent(probability, lang)
    )
}

/// "Likelihood 64% (High)".
pub(crate) fn probability_line(
    probability: f64,
    status: ProbabilityStatus,
    lang: Language,
) -> String {
    let t = texts(lang);
    fill(
        Texts::get(&t.rules, "probability"),
        &[
            ("value", fmt::percent(probability, lang)),
            ("status", t.status(status)),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every `{placeholder}` of a string.
    fn placeholders(s: &str) -> Vec<String> {
        let mut out: Vec<String> = s
            .split('{')
            .skip(1)
            .filter_map(|x| x.split_once('}').map(|(p, _)| p.to_owned()))
            .collect();
        out.sort();
        out
    }

    fn flatten(prefix: &str, v: &serde_json::Value, out: &mut BTreeMap<String, Vec<String>>) {
        match v {
            serde_json::Value::Object(m) => {
                for (k, x) in m {
                    flatten(&format!("{prefix}.{k}"), x, out);
                }
            }
            serde_json::Value::Array(a) => {
                for (i, x) in a.iter().enumerate() {
                    flatten(&format!("{prefix}[{i}]"), x, out);
                }
            }
            serde_json::Value::String(s) => {
                out.insert(prefix.to_owned(), placeholders(s));
            }
            _ => {}
        }
    }

    #[test]
    fn every_language_has_the_same_keys_and_placeholders() {
        let shape = |l: Language| {
            let v: serde_json::Value = serde_json::from_str(source(l)).expect("json");
            let mut out = BTreeMap::new();
            flatten("", &v, &mut out);
            out
        };
        let en = shape(Language::En);
        for l in [Language::Es, Language::Fr, Language::Pl] {
            assert_eq!(shape(l), en, "{l:?} differs from English");
            let t = texts(l);
            for m in ModelKind::ALL {
                assert!(t.models.contains_key(m.key()), "{l:?} lacks {m:?}");
            }
        }
    }

    #[test]
    fn sentences_fill_every_placeholder() {
        let s = Subject {
            customer: "Contoso",
            partner: "Northwind",
            product: Some("Microsoft 365 Business Premium"),
            seats: 42,
        };
        for l in [Language::En, Language::Es, Language::Fr, Language::Pl] {
            for m in ModelKind::ALL {
                for r in resources(m, &s, "Teams: 3 of 40 users active", l) {
                    assert!(!r.body.contains('{'), "{l:?} {m:?} {:?}", r.kind);
                }
                assert!(actions(m, &s, l).iter().all(|a| !a.contains('{')));
            }
        }
    }
}
