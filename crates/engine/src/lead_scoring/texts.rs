//! The words of lead scoring in the four languages: attribute names and values, the reason
//! sentences and their tooltips, why an attribute was or was not selected, accuracy statuses
//! and trends.
//!
//! The texts live in `texts/<lang>.json`; every language has the same keys and placeholders (a
//! test checks it). To add an attribute: its name in `attributes`, sentences in `sentences`
//! and a tooltip subject in `subjects`, in all four files.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

use super::attributes::{company_size_rank, Attribute, COMPANY_SIZE_BANDS};
use super::rules::{AccuracyStatus, Trend};
use super::training::SelectionReason;
use crate::settings::Language;

/// An up/down sentence pair.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct UpDown {
    pub up: String,
    pub down: String,
}

/// Plural forms: `one`, `few` (Polish 2–4), `many`, and `fraction` (non-whole numbers).
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Plural {
    pub one: String,
    pub few: String,
    pub many: String,
    pub fraction: String,
}

#[derive(Debug, Clone, Deserialize)]
pub(crate) struct CompanySize {
    pub range: String,
    pub over: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Tooltips {
    pub with_days: String,
    pub without_days: String,
    pub unseen: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Plurals {
    pub days: Plural,
    pub closed_leads: Plural,
}

/// Everything of one language.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Texts {
    pub attributes: BTreeMap<String, String>,
    pub values: BTreeMap<String, BTreeMap<String, String>>,
    pub company_size: CompanySize,
    pub sentences: BTreeMap<String, UpDown>,
    pub value_sentences: BTreeMap<String, BTreeMap<String, UpDown>>,
    pub subjects: BTreeMap<String, String>,
    pub tooltips: Tooltips,
    pub plurals: Plurals,
    pub selection: BTreeMap<String, String>,
    pub accuracy: BTreeMap<String, String>,
    pub trend: BTreeMap<String, String>,
    pub learners: BTreeMap<String, String>,
    pub calibrations: BTreeMap<String, String>,
}

const SOURCES: [(Language, &str); 4] = [
    (Language::En, include_str!("texts/en.json")),
    (Language::Es, include_str!("texts/es.json")),
    (Language::Fr, include_str!("texts/fr.json")),
    (Language::Pl, include_str!("texts/pl.json")),
];

/// The texts of a language, parsed once.
pub(crate) fn texts(lang: Language) -> &'static Texts {
    static PARSED: OnceLock<Vec<(Language, Texts)>> = OnceLock::new();
    crate::settings::catalogue(&PARSED, "lead scoring", &SOURCES, lang)
}

/// Replaces `{name}` placeholders (the opportunities' filler, shared).
pub(crate) fn fill(template: &str, values: &[(&str, &str)]) -> String {
    crate::opportunities::texts::fill(template, values)
}

fn separators(lang: Language) -> (char, &'static str) {
    match lang {
        Language::En => ('.', ","),
        Language::Es => (',', "."),
        Language::Fr => (',', "\u{202f}"),
        Language::Pl => (',', "\u{a0}"),
    }
}

/// A whole number with the language's grouping (Spanish leaves four digits ungrouped).
pub(crate) fn int(n: u64, lang: Language) -> String {
    let (_, group) = separators(lang);
    let digits = n.to_string();
    let min_grouped = if lang == Language::Es { 5 } else { 4 };
    if digits.len() < min_grouped {
        return digits;
    }
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push_str(group);
        }
        out.push(c);
    }
    out
}

/// A share 0–1 as a whole percentage ("64%", "64 %").
pub(crate) fn percent(ratio: f64, lang: Language) -> String {
    if !ratio.is_finite() {
        return "–".into();
    }
    let n = int((ratio.clamp(0.0, 1.0) * 100.0).round() as u64, lang);
    match lang {
        Language::En | Language::Pl => format!("{n}%"),
        Language::Fr | Language::Es => format!("{n}\u{a0}%"),
    }
}

/// A share 0–1 as a percentage with one decimal below 10% ("0.4%", "12%").
pub(crate) fn share(ratio: f64, lang: Language) -> String {
    if !ratio.is_finite() {
        return "–".into();
    }
    let p = ratio * 100.0;
    if p >= 9.95 {
        return percent(ratio, lang);
    }
    let (dec, _) = separators(lang);
    let text = format!("{p:.1}").replace('.', &dec.to_string());
    match lang {
        Language::En | Language::Pl => format!("{text}%"),
        Language::Fr | Language::Es => format!("{text}\u{a0}%"),
    }
}

/// Which plural form a number takes in a language.
fn plural_form(n: f64, lang: Language) -> fn(&Plural) -> &String {
    let whole = n.fract() == 0.0;
    match lang {
        // French: singular below 2 ("1,5 jour").
        Language::Fr if n < 2.0 => |p| &p.one,
        Language::Fr => |p| &p.many,
        Language::En | Language::Es if whole && n == 1.0 => |p| &p.one,
        Language::En | Language::Es => |p| &p.many,
        Language::Pl if !whole => |p| &p.fraction,
        Language::Pl => {
            let i = n as u64;
            if i == 1 {
                |p| &p.one
            } else if (2..=4).contains(&(i % 10)) && !(12..=14).contains(&(i % 100)) {
                |p| &p.few
            } else {
                |p| &p.many
            }
        }
    }
}

/// A count with its noun in the right plural form.
pub(crate) fn counted(plural: &Plural, n: f64, text: &str, lang: Language) -> String {
    fill(plural_form(n, lang)(plural), &[("n", text)])
}

/// Days as a short number: one decimal below 10, whole above ("0.5", "3", "12").
pub(crate) fn days(d: f64, lang: Language) -> (f64, String) {
    let (dec, _) = separators(lang);
    if d < 9.95 {
        let r = (d * 10.0).round() / 10.0;
        let text = if r.fract() == 0.0 {
            format!("{r:.0}")
        } else {
            format!("{r:.1}").replace('.', &dec.to_string())
        };
        (r, text)
    } else {
        let r = d.round();
        (r, int(r as u64, lang))
    }
}

/// An attribute's name ("Industry").
pub fn attribute_name(attribute: Attribute, lang: Language) -> String {
    texts(lang)
        .attributes
        .get(attribute.key())
        .cloned()
        .unwrap_or_else(|| attribute.key().to_owned())
}

/// A value of an attribute as shown: company size bands as "51–250 employees", the values
/// the app names (lead type, call to action, e-mail kind, …) translated, the rest as stored.
pub fn value_text(attribute: Attribute, value: &str, lang: Language) -> String {
    let t = texts(lang);
    if attribute == Attribute::CompanySize {
        if let Some(rank) = company_size_rank(value) {
            let bounds = |band: &str| -> Vec<u64> {
                band.split(|c: char| !c.is_ascii_digit())
                    .filter(|s| !s.is_empty())
                    .filter_map(|s| s.parse().ok())
                    .collect()
            };
            let b = bounds(COMPANY_SIZE_BANDS[rank as usize - 1]);
            return match b.as_slice() {
                [from, to] => fill(
                    &t.company_size.range,
                    &[("from", &int(*from, lang)), ("to", &int(*to, lang))],
                ),
                [from] => fill(&t.company_size.over, &[("from", &int(*from, lang))]),
                _ => value.to_owned(),
            };
        }
    }
    t.values
        .get(attribute.key())
        .and_then(|m| m.get(value))
        .cloned()
        .unwrap_or_else(|| value.to_owned())
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The reason sentence for `attribute` = `value` pushing the score up (`positive`) or down.
pub fn reason_sentence(
    attribute: Attribute,
    value: Option<&str>,
    positive: bool,
    lang: Language,
) -> String {
    let t = texts(lang);
    let pick = |ud: &UpDown| {
        if positive {
            ud.up.clone()
        } else {
            ud.down.clone()
        }
    };
    let name = attribute_name(attribute, lang);
    match value {
        None => t
            .sentences
            .get("missing")
            .map(|s| fill(&pick(s), &[("attribute", &name)]))
            .unwrap_or_default(),
        Some(v) => {
            if let Some(s) = t
                .value_sentences
                .get(attribute.key())
                .and_then(|m| m.get(v))
            {
                return pick(s);
            }
            let shown = value_text(attribute, v, lang);
            t.sentences
                .get(attribute.key())
                .map(|s| fill(&pick(s), &[("value", &shown)]))
                .unwrap_or_else(|| format!("{name}: {shown}"))
        }
    }
}

/// The figures behind a reason's tooltip.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TooltipFigures {
    /// Qualification rate of the value among closed leads.
    pub rate: f64,
    /// The global qualification rate.
    pub global_rate: f64,
    /// Closed leads with the value.
    pub closed: u32,
    /// Median days to qualify, when known.
    pub median_days: Option<f64>,
}

/// The tooltip of a reason: the value's qualification rate against the global one, the
/// median days to qualify and the closed leads behind it; `figures` `None` when no closed
/// lead had the value.
pub fn reason_tooltip(
    attribute: Attribute,
    value: Option<&str>,
    figures: Option<TooltipFigures>,
    global_rate: f64,
    lang: Language,
) -> String {
    let t = texts(lang);
    let Some(f) = figures.filter(|f| f.closed > 0) else {
        return fill(
            &t.tooltips.unseen,
            &[("global", &percent(global_rate, lang))],
        );
    };
    let subject = match value {
        None => fill(
            t.subjects.get("missing").map_or("", String::as_str),
            &[(
                "attributeLower",
                &lower_first(&attribute_name(attribute, lang)),
            )],
        ),
        Some(v) => fill(
            t.subjects
                .get(attribute.key())
                .map_or("{value}", String::as_str),
            &[("value", &value_text(attribute, v, lang))],
        ),
    };
    let closed = counted(
        &t.plurals.closed_leads,
        f64::from(f.closed),
        &int(u64::from(f.closed), lang),
        lang,
    );
    let rate = percent(f.rate, lang);
    let global = percent(f.global_rate, lang);
    match f.median_days {
        Some(d) => {
            let (n, text) = days(d, lang);
            let days = counted(&t.plurals.days, n, &text, lang);
            fill(
                &t.tooltips.with_days,
                &[
                    ("rate", &rate),
                    ("subject", &subject),
                    ("global", &global),
                    ("days", &days),
                    ("closed", &closed),
                ],
            )
        }
        None => fill(
            &t.tooltips.without_days,
            &[
                ("rate", &rate),
                ("subject", &subject),
                ("global", &global),
                ("closed", &closed),
            ],
        ),
    }
}

/// Why an attribute was or was not selected, in `lang`.
pub fn selection_reason(reason: &SelectionReason, lang: Language) -> String {
    let t = texts(lang);
    let get = |k: &str| t.selection.get(k).cloned().unwrap_or_default();
    match reason {
        SelectionReason::Selected { share: s } => {
            fill(&get("selected"), &[("share", &share(*s, lang))])
        }
        SelectionReason::ChosenByAdmin => get("chosenByAdmin"),
        SelectionReason::Constant => get("constant"),
        SelectionReason::Sparse { fill_rate } => {
            fill(&get("sparse"), &[("fill", &percent(*fill_rate, lang))])
        }
        SelectionReason::LittleInfluence { share: s } => {
            fill(&get("littleInfluence"), &[("share", &share(*s, lang))])
        }
        SelectionReason::NotChosenByAdmin => get("notChosenByAdmin"),
    }
}

/// An accuracy status's label in `lang`.
pub fn accuracy_label(status: AccuracyStatus, lang: Language) -> String {
    let key = match status {
        AccuracyStatus::ReadyToPublish => "readyToPublish",
        AccuracyStatus::OkToPublish => "okToPublish",
        AccuracyStatus::NotReadyToPublish => "notReadyToPublish",
    };
    texts(lang).accuracy.get(key).cloned().unwrap_or_default()
}

/// A number as the learn crate writes it (`0.1`) with the language's decimal separator.
fn local_number(text: &str, lang: Language) -> String {
    let (decimal, _) = separators(lang);
    text.trim().replace('.', &decimal.to_string())
}

/// The learner of a version in `lang`, from the name the learn crate gives it
/// ("boosted trees (31 leaves, depth 6, learning rate 0.1)", "logistic regression (L2 0.1)");
/// a name of another shape is shown as it is.
pub fn learner_text(name: &str, lang: Language) -> String {
    let t = texts(lang);
    let get = |k: &str| t.learners.get(k).cloned().unwrap_or_default();
    if let Some(l2) = name
        .strip_prefix("logistic regression (L2 ")
        .and_then(|r| r.strip_suffix(')'))
    {
        return fill(&get("logistic"), &[("l2", &local_number(l2, lang))]);
    }
    let trees = name
        .strip_prefix("boosted trees (")
        .and_then(|r| r.strip_suffix(')'))
        .and_then(|r| {
            let mut parts = r.split(", ");
            let leaves = parts.next()?.strip_suffix(" leaves")?;
            let depth = parts.next()?.strip_prefix("depth ")?;
            let rate = parts.next()?.strip_prefix("learning rate ")?;
            parts.next().is_none().then_some((leaves, depth, rate))
        });
    match trees {
        Some((leaves, depth, rate)) => fill(
            &get("trees"),
            &[
                ("leaves", leaves),
                ("depth", depth),
                ("rate", &local_number(rate, lang)),
            ],
        ),
        None => name.to_owned(),
    }
}

/// A calibration method's name ("Platt scaling") in `lang`; another name is shown as it is.
pub fn calibration_text(name: &str, lang: Language) -> String {
    texts(lang)
        .calibrations
        .get(name)
        .cloned()
        .unwrap_or_else(|| name.to_owned())
}

/// A trend's label in `lang`.
pub fn trend_label(trend: Trend, lang: Language) -> String {
    texts(lang)
        .trend
        .get(trend.as_str())
        .cloned()
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learner_and_calibration_names_are_translated_from_the_learn_crates_words() {
        assert_eq!(
            learner_text(
                "boosted trees (31 leaves, depth 6, learning rate 0.1)",
                Language::Es
            ),
            "árboles potenciados (31 hojas, profundidad 6, tasa de aprendizaje 0,1)"
        );
        assert_eq!(
            learner_text("logistic regression (L2 0.1)", Language::Pl),
            "regresja logistyczna (L2 0,1)"
        );
        assert_eq!(
            learner_text("logistic regression (L2 0.1)", Language::En),
            "logistic regression (L2 0.1)"
        );
        assert_eq!(learner_text("a new learner", Language::Fr), "a new learner");
        assert_eq!(
            calibration_text("Platt scaling", Language::Fr),
            "mise à l’échelle de Platt"
        );
        assert_eq!(calibration_text("none", Language::Es), "ninguna");
        assert_eq!(calibration_text("beta", Language::Pl), "beta");
        for lang in ALL {
            for name in ["none", "Platt scaling", "isotonic regression"] {
                assert!(
                    texts(lang).calibrations.contains_key(name),
                    "{lang:?} {name}"
                );
            }
        }
    }

    const ALL: [Language; 4] = [Language::En, Language::Es, Language::Fr, Language::Pl];

    fn source(lang: Language) -> &'static str {
        SOURCES
            .iter()
            .find(|(l, _)| *l == lang)
            .map_or("", |(_, s)| s)
    }

    fn placeholders(s: &str) -> Vec<String> {
        let mut out: Vec<String> = s
            .split('{')
            .skip(1)
            .filter_map(|p| p.split_once('}').map(|(n, _)| n.to_owned()))
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
        for l in ALL {
            assert_eq!(shape(l), en, "{l:?} differs from English");
            let t = texts(l);
            for a in Attribute::ALL {
                assert!(t.attributes.contains_key(a.key()), "{l:?} {a:?}");
                assert!(t.sentences.contains_key(a.key()), "{l:?} {a:?}");
                assert!(t.subjects.contains_key(a.key()), "{l:?} {a:?}");
            }
        }
    }

    #[test]
    fn sentences_and_tooltips_read_well() {
        assert_eq!(
            reason_sentence(Attribute::Industry, Some("Finance"), true, Language::En),
            "Finance is a strong industry"
        );
        assert_eq!(
            reason_sentence(Attribute::EmailKind, Some("free_mail"), false, Language::En),
            "A free-mail address lowers the score"
        );
        let f = TooltipFigures {
            rate: 0.64,
            global_rate: 0.41,
            closed: 120,
            median_days: Some(3.04),
        };
        assert_eq!(
            reason_tooltip(
                Attribute::Industry,
                Some("Finance"),
                Some(f),
                0.41,
                Language::En
            ),
            "64% of Finance leads qualified (global 41%), in 3 days on median (120 closed leads)"
        );
        assert_eq!(
            value_text(Attribute::CompanySize, "51to250employees", Language::Fr),
            "51 à 250 salariés"
        );
        assert_eq!(
            value_text(
                Attribute::CompanySize,
                "Morethan20000employees",
                Language::En
            ),
            "more than 20,000 employees"
        );
        for l in ALL {
            for a in Attribute::ALL {
                for v in [None, Some("x")] {
                    for up in [true, false] {
                        let s = reason_sentence(a, v, up, l);
                        assert!(!s.is_empty() && !s.contains('{'), "{l:?} {a:?} {s}");
                    }
                    let tip = reason_tooltip(a, v, Some(f), 0.41, l);
                    assert!(!tip.contains('{'), "{l:?} {a:?} {tip}");
                    assert!(!reason_tooltip(a, v, None, 0.41, l).contains('{'));
                }
            }
        }
    }

    #[test]
    fn plurals_follow_the_language() {
        let t = texts(Language::Pl);
        assert_eq!(counted(&t.plurals.days, 1.0, "1", Language::Pl), "1 dzień");
        assert_eq!(counted(&t.plurals.days, 3.0, "3", Language::Pl), "3 dni");
        assert_eq!(
            counted(&t.plurals.days, 1.5, "1,5", Language::Pl),
            "1,5 dnia"
        );
        assert_eq!(
            counted(&t.plurals.closed_leads, 22.0, "22", Language::Pl),
            "22 zamknięte leady"
        );
        assert_eq!(
            counted(&t.plurals.closed_leads, 12.0, "12", Language::Pl),
            "12 zamkniętych leadów"
        );
        let fr = texts(Language::Fr);
        assert_eq!(
            counted(&fr.plurals.days, 1.5, "1,5", Language::Fr),
            "1,5 jour"
        );
        assert_eq!(days(0.44, Language::Fr).1, "0,4");
        assert_eq!(days(12.4, Language::En).1, "12");
        assert_eq!(share(0.004, Language::En), "0.4%");
    }
}
