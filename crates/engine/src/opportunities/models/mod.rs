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

#[cfg(test)]
mod fixtures {
    //! Hand-built tenants and what the rule and tree models must make of them.

    use chrono::NaiveDate;
    use partner_advisor_domain::{Product, SubscriptionStatus};

    use super::super::features::Features;
    use super::super::history::{Security, SnapshotInfo, Sub, TenantState};
    use super::super::settings::OpportunitySettings;
    use super::tree::Tree;
    use super::{mdb, mdo, mfa, smb_engagement, trials, Fact};

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    /// A 40-person Business Standard customer using everything well.
    fn healthy() -> Features {
        Features {
            employees: 40.0,
            employee_growth_6m: 0.05,
            paid_seats: 40.0,
            seat_change_3m: 0.0,
            live_products: 1.0,
            acr_usd: 0.0,
            days_to_renewal: 200.0,
            active_ratio: [0.9, 0.8, 0.85, 0.7, 0.75],
            assigned: [40; 5],
            active: [36, 32, 34, 28, 30],
            active_trend: [0.0; 5],
            avg_active_ratio: 0.8,
            workloads_below_half: 0.0,
            mfa_ratio: 0.9,
            mfa_enforced: 1.0,
            devices: 45.0,
            devices_per_seat: 1.125,
            has_defender_office: 0.0,
            has_defender_business: 0.0,
            has_defender_endpoint: 0.0,
            has_entra_p1: 0.0,
            has_trial: 0.0,
            has_business_premium: 0.0,
            country: "ES".into(),
            industry: "Retail".into(),
            core_product: "Microsoft 365 Business Standard".into(),
            month: day(2026, 10, 1),
        }
    }

    fn state(subs: Vec<Sub>, security: Option<Security>) -> TenantState {
        TenantState {
            employees: 40,
            acr: 0.0,
            subs,
            security,
        }
    }

    fn sub(product: Product, quantity: u32, status: SubscriptionStatus, end: NaiveDate) -> Sub {
        Sub {
            product: Some(product),
            quantity,
            status,
            end,
        }
    }

    #[test]
    fn smb_engagement_fires_on_three_poorly_adopted_workloads_only() {
        let settings = OpportunitySettings::default();
        assert!(smb_engagement::evaluate(&healthy(), &settings).is_none());
        let mut f = healthy();
        f.active_ratio = [0.9, 0.3, 0.2, 0.1, 0.8];
        let (p, fact) = smb_engagement::evaluate(&f, &settings).expect("fires");
        // 1 − mean(0.9, 0.3, 0.2, 0.1, 0.8) = 0.54.
        assert!((p - 0.54).abs() < 1e-9, "{p}");
        match fact {
            Fact::SmbBelow {
                workloads, count, ..
            } => {
                assert_eq!(count, 3);
                assert_eq!(workloads, ["coreApps", "teams", "sharePoint"]);
            }
            other => panic!("{other:?}"),
        }
        // Two poorly adopted workloads are not enough; a large company is not an SMB; a workload
        // of three users is not judged.
        f.active_ratio[3] = 0.6;
        assert!(smb_engagement::evaluate(&f, &settings).is_none());
        let mut big = healthy();
        big.active_ratio = [0.1; 5];
        big.employees = 800.0;
        assert!(smb_engagement::evaluate(&big, &settings).is_none());
        let mut tiny = healthy();
        tiny.active_ratio = [0.0; 5];
        tiny.assigned = [3; 5];
        assert!(smb_engagement::evaluate(&tiny, &settings).is_none());
    }

    #[test]
    fn trials_list_a_trial_that_ends_soon_likelier_when_used() {
        let settings = OpportunitySettings::default();
        let snap = SnapshotInfo {
            id: 1,
            as_of: day(2026, 10, 31),
            usage_month: day(2026, 10, 1),
        };
        let soon = state(
            vec![sub(
                Product::TeamsExploratory,
                20,
                SubscriptionStatus::Trial,
                day(2026, 11, 14),
            )],
            None,
        );
        let mut f = healthy();
        f.active[2] = 15;
        let found = trials::evaluate(&soon, &f, &snap, &settings);
        assert_eq!(found.len(), 1);
        let (product, p, _) = &found[0];
        assert_eq!(*product, Product::TeamsExploratory);
        // 0.15 + 0.75 × 15/20.
        assert!((p - 0.7125).abs() < 1e-9, "{p}");
        f.active[2] = 0;
        let (_, idle, _) = trials::evaluate(&soon, &f, &snap, &settings)[0].clone();
        assert!((idle - 0.15).abs() < 1e-9);
        let later = state(
            vec![sub(
                Product::TeamsExploratory,
                20,
                SubscriptionStatus::Trial,
                day(2027, 1, 31),
            )],
            None,
        );
        assert!(trials::evaluate(&later, &f, &snap, &settings).is_empty());
    }

    #[test]
    fn shipped_trees_take_the_documented_paths() {
        // MDO: mail used by 90% → MFA registered by 90% → High.
        let tree: Tree = mdo::SHIPPED.into();
        let (p, path) = tree.walk(&healthy());
        assert!((p - 0.64).abs() < 1e-9);
        let steps: Vec<&str> = path
            .iter()
            .map(|f| match f {
                Fact::TreeStep { feature, .. } => feature.as_str(),
                _ => "",
            })
            .collect();
        assert_eq!(steps, ["activeRatio.exchange", "mfaRatio"]);
        // Little mail use in a small tenant: the lowest leaf.
        let mut quiet = healthy();
        quiet.active_ratio[0] = 0.2;
        quiet.paid_seats = 6.0;
        assert!((tree.walk(&quiet).0 - 0.12).abs() < 1e-9);
        // Missing values go left.
        let mut unknown = healthy();
        unknown.active_ratio[0] = f64::NAN;
        unknown.paid_seats = 30.0;
        assert!((tree.walk(&unknown).0 - 0.24).abs() < 1e-9);

        // MFA: looks only at tenants that neither enforce nor cover MFA.
        let with_security = state(
            vec![sub(
                Product::BusinessStandard,
                40,
                SubscriptionStatus::Active,
                day(2027, 3, 1),
            )],
            Some(Security {
                mfa_registered: 8,
                ..Security::default()
            }),
        );
        let mut f = healthy();
        assert!(!mfa::eligible(&with_security, &f), "enforced and covered");
        f.mfa_enforced = 0.0;
        f.mfa_ratio = 0.2;
        assert!(mfa::eligible(&with_security, &f));
        let mfa_tree: Tree = mfa::SHIPPED.into();
        assert!((mfa_tree.walk(&f).0 - 0.22).abs() < 1e-9);
        f.has_entra_p1 = 1.0;
        assert!((mfa_tree.walk(&f).0 - 0.41).abs() < 1e-9);

        // MDB: managed devices without endpoint protection in a 40-person company.
        assert!(mdb::eligible(&with_security, &healthy()));
        let mdb_tree: Tree = mdb::SHIPPED.into();
        assert!((mdb_tree.walk(&healthy()).0 - 0.44).abs() < 1e-9);
        let mut premium = healthy();
        premium.has_defender_business = 1.0;
        assert!(!mdb::eligible(&with_security, &premium));
        // MDO recommends Business Premium to a Business Standard tenant.
        assert_eq!(
            mdo::target(&with_security, &healthy()),
            Some(Product::BusinessPremium)
        );
    }
}
