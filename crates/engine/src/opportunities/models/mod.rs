//! The eight Sales Advisor models. Each module says what the model is for, which tenants it
//! looks at, what counts as the event it predicts, its inputs and its defaults. They share three
//! harnesses: [`ml`] (learned from history), [`tree`] (readable decision trees) and plain rules.
//!
//! To add a model: a module with its eligibility and label (or rule), a [`ModelKind`] variant,
//! its texts in `texts/*.json`, and one line in [`super::refresh`].

pub(crate) mod b_sku;
pub(crate) mod churn;
pub(crate) mod e_sku;
pub(crate) mod mdb;
pub(crate) mod mdo;
pub(crate) mod mfa;
pub(crate) mod ml;
pub(crate) mod smb_engagement;
pub(crate) mod tree;
pub(crate) mod trials;

use partner_advisor_domain::Product;
use serde::{Deserialize, Serialize};

use super::features::Features;
use super::history::{History, TenantState};
use super::view::ModelKind;

/// One model's opinion about one tenant, before "one per type".
#[derive(Debug, Clone)]
pub(crate) struct Candidate {
    /// Tenant index in the history.
    pub tenant: usize,
    pub model: ModelKind,
    pub product: Option<Product>,
    pub probability: f64,
    pub facts: Vec<Fact>,
}

/// Up or down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) enum Direction {
    Up,
    Down,
}

/// The customer's figures a sentence needs.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Figures {
    /// The feature's value (a ratio 0–1 for ratios); NaN (stored as null) when not numeric.
    #[serde(deserialize_with = "nan_if_null")]
    pub value: f64,
    /// Categorical value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub active: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assigned: Option<u32>,
    /// Month (ISO) the usage figures describe.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub month: Option<String>,
}

/// JSON has no NaN: serde writes it as null, and null reads back as NaN.
fn nan_if_null<'de, D: serde::Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    Ok(Option::<f64>::deserialize(d)?.unwrap_or(f64::NAN))
}

/// One reason behind an opportunity, kept structured so it renders in any language later.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub(crate) enum Fact {
    /// A model input and how it moved the probability (machine learning).
    Feature {
        feature: String,
        figures: Figures,
        direction: Direction,
        /// Share of the explanation (|contribution| over the sum of the shown ones).
        weight: f64,
    },
    /// One step of a decision tree's path.
    TreeStep {
        feature: String,
        figures: Figures,
        /// `le` (≤ threshold), `gt`, `in` (one of the categories), `missing`.
        op: String,
        threshold: f64,
        categories: Vec<String>,
    },
    /// SMB engagement: workloads below the threshold.
    SmbBelow {
        workloads: Vec<String>,
        count: u32,
        total: u32,
        threshold: f64,
        employees: u32,
    },
    /// Trials: the trial and its use.
    Trial {
        product: String,
        seats: u32,
        end_date: String,
        days: i64,
        active: u32,
        workload: String,
        ratio: f64,
    },
}

/// The figures of a feature of a tenant, for its sentence.
pub(crate) fn figures_of(f: &Features, feature: &str) -> Figures {
    if super::features::CATEGORICAL.contains(&feature) {
        return Figures {
            value: f64::NAN,
            text: Some(f.categorical(feature).to_owned()),
            ..Figures::default()
        };
    }
    let mut fig = Figures {
        value: f.numeric(feature),
        ..Figures::default()
    };
    if let Some(("activeRatio", key)) = feature.split_once('.') {
        if let Some(w) = super::history::workload_of_key(key) {
            let i = super::history::WORKLOADS
                .iter()
                .position(|x| *x == w)
                .unwrap_or(0);
            fig.active = Some(f.active[i]);
            fig.assigned = Some(f.assigned[i]);
            fig.month = Some(f.month.to_string());
        }
    }
    if feature == "devicesPerSeat" && f.devices.is_finite() {
        fig.active = Some(f.devices as u32);
    }
    fig
}

/// Labels within a horizon: the snapshots after `s` up to `horizon` months later, if the whole
/// horizon has been observed.
pub(crate) fn horizon(
    h: &History,
    s: usize,
    months: u32,
) -> Option<std::ops::RangeInclusive<usize>> {
    let start = h.snapshots[s].usage_month;
    let end = start.checked_add_months(chrono::Months::new(months))?;
    let last = h.snapshots.iter().rposition(|x| x.usage_month <= end)?;
    let observed = h.snapshots.last()?.usage_month >= end;
    (observed && last > s).then_some(s + 1..=last)
}

/// Whether anything in the horizon after `s` satisfies `event` for tenant `t`.
pub(crate) fn happens(
    h: &History,
    s: usize,
    t: usize,
    months: u32,
    event: impl Fn(&TenantState) -> bool,
) -> Option<bool> {
    let range = horizon(h, s, months)?;
    Some(range.into_iter().any(|i| h.state(i, t).is_some_and(&event)))
}
