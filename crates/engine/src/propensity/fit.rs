//! Fit 0–100 per customer and solution area: a lookalike of the partner's own buyers in the area.
//!
//! # The model
//!
//! For each area the buyers are the customers that own it ([`Facts::owns`]: the area's products
//! through the partner or another channel). A binary model of `partner-advisor-learn`
//! (boosted trees or logistic regression, chosen and calibrated on a held-out fifth) learns to
//! tell them from the other customers by what a lookalike may read: size, headcount growth,
//! seats per employee, the main licence, Azure spend, adoption (share of active users), MFA
//! registration, devices per employee, the other areas owned, the install base (on-premises
//! and competing products, agreements, nonprofit status), industry and country. The columns
//! that restate the area's own ownership are left out of its model (the main licence for M365
//! and Security, Azure spend for Azure, devices for Surface, and the area's own "owns" flag).
//!
//! Customers are split in two folds by a hash of their tenant ID; each fold's model scores the
//! other fold (cross-fitting), so a buyer is never scored by a model that saw it, and a buyer
//! does not look more like the buyers than it would as a prospect.
//!
//! # The score
//!
//! The model's calibrated probability p is turned into the probability the customer is a buyer
//! if buyers were as common as the others: fit = 100 · σ(logit p − logit π), with π the share of
//! buyers the model learnt from. So the bands read the same in every area whatever its buyers'
//! share: **High (75+)**: the customer's profile is at least three times as common among the
//! buyers as among the others; **Medium (55–74)**: 1.2 to 3 times; **Low (30–54)**: about as
//! common (0.43 to 1.2 times); **Very low (under 30)**: less than 0.43 times.
//!
//! # When there are too few buyers
//!
//! With fewer than [`MIN_BUYERS`] buyers (or others) in a fold, the area gets a shipped prior
//! instead, said so in [`FitMethod::Prior`]: fit = 100 · σ(−1 + 1.2 × the area's linked install
//! base signals present (at most two) + a size term), the linked signals being the products the
//! area replaces or extends (QuickBooks, GP and NAV for Business Central, servers and other
//! clouds for Azure, …) and the size term the area's sweet spot.
//!
//! # Why the customer fits
//!
//! The explanation is the customer's traits that are most over-represented among the area's
//! buyers in the training rows: each binary input it has (a product in use, another area owned),
//! its size band and its industry, with its lift = share of buyers among the rows with the
//! trait / share of buyers overall (at least [`MIN_SUPPORT`] rows with the trait and three
//! buyers). The two largest lifts of at least 1.5 are given.

use std::collections::HashMap;
use std::sync::OnceLock;

use partner_advisor_domain::ExternalSignalKind as K;
use partner_advisor_formats::cloudascent::SolutionArea;
use partner_advisor_learn as learn;

use super::facts::{core_rank, Facts, AREAS};
use super::revenue;

/// Fewest buyers (and others) per fold to train a lookalike.
pub const MIN_BUYERS: usize = 20;
/// Most customers the lookalikes learn from (the first in tenant ID order: a random sample).
pub const MAX_TRAINING_ROWS: usize = 60_000;
/// Fewest rows with a trait for its lift to explain a score.
pub const MIN_SUPPORT: usize = 10;
/// Smallest lift that explains a score.
const MIN_LIFT: f64 = 1.5;

/// The install-base kinds the lookalike reads (every external signal that is neither research
/// nor a Microsoft product bought through another channel, which are ownership).
pub(crate) const INSTALLED: [K; 31] = [
    K::Office,
    K::ProductivityServer,
    K::WindowsServer,
    K::SqlServer,
    K::DataWarehouse,
    K::DotNetApps,
    K::RemoteDesktopServices,
    K::DynamicsGp,
    K::DynamicsNav,
    K::DynamicsAx,
    K::DynamicsCrm,
    K::Citrix,
    K::VmwareHorizon,
    K::Vmware,
    K::LinuxOss,
    K::OracleDatabase,
    K::Sap,
    K::Hpc,
    K::IotEdge,
    K::GpuWorkstations,
    K::Aws,
    K::GoogleCloud,
    K::GoogleWorkspace,
    K::Zoom,
    K::EndpointSecurity,
    K::QuickBooks,
    K::Salesforce,
    K::LowCodePlatform,
    K::EnterpriseAgreement,
    K::OpenLicense,
    K::Nonprofit,
];

/// The numeric inputs before the "owns" flags.
const BASE: [&str; 8] = [
    "lnEmployees",
    "employeeGrowth6m",
    "seatsPerEmployee",
    "coreRank",
    "lnAzureSpend",
    "activeShare",
    "mfaShare",
    "devicesPerEmployee",
];
const CORE_RANK: usize = 3;
const AZURE_SPEND: usize = 4;
const DEVICES: usize = 7;
/// The first "owns" flag.
const OWNS: usize = BASE.len();
/// The first install-base flag.
const INSTALLED_AT: usize = OWNS + AREAS;
/// Numeric inputs.
pub(crate) const NUMERIC: usize = INSTALLED_AT + INSTALLED.len();

/// The numeric inputs' names.
fn names() -> &'static [String] {
    static NAMES: OnceLock<Vec<String>> = OnceLock::new();
    NAMES.get_or_init(|| {
        let mut v: Vec<String> = BASE.iter().map(|s| (*s).to_owned()).collect();
        v.extend(
            SolutionArea::ALL
                .iter()
                .map(|a| format!("owns{}", a.prefix())),
        );
        v.extend(INSTALLED.iter().map(|k| format!("uses{k:?}")));
        v
    })
}

/// The inputs a lookalike model leaves out for `area`.
fn excluded(area: SolutionArea) -> [Option<usize>; 2] {
    let own = Some(OWNS + area as usize);
    match area {
        SolutionArea::M365 | SolutionArea::Security => [own, Some(CORE_RANK)],
        SolutionArea::Azure => [own, Some(AZURE_SPEND)],
        SolutionArea::Surface => [own, Some(DEVICES)],
        _ => [own, None],
    }
}

/// Industry and country names, coded by first appearance.
#[derive(Debug, Default, Clone)]
pub(crate) struct Levels {
    index: HashMap<String, u32>,
    names: Vec<String>,
}

impl Levels {
    fn code(&mut self, name: &str) -> u32 {
        if let Some(c) = self.index.get(name) {
            return *c;
        }
        let c = self.names.len() as u32;
        self.index.insert(name.to_owned(), c);
        self.names.push(name.to_owned());
        c
    }
}

/// One customer's inputs.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Row {
    pub x: [f64; NUMERIC],
    pub industry: u32,
    pub country: u32,
    /// Areas owned (bit per area).
    pub owns: u16,
    /// 0 or 1: which model scores it (the other fold's).
    pub fold: u8,
    /// Size band, 0–3.
    pub size_band: u8,
}

/// The fold of a tenant: a stable hash of its ID.
pub(crate) fn fold_of(tenant_id: &str) -> u8 {
    (hash(tenant_id) & 1) as u8
}

/// 64-bit FNV-1a of a text (stable across platforms and runs).
pub(crate) fn hash(text: &str) -> u64 {
    let mut h: u64 = 0xCBF2_9CE4_8422_2325;
    for b in text.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01B3);
    }
    h ^ (h >> 29)
}

/// Size bands for explanations: 1–9, 10–49, 50–249, 250+ employees.
pub fn size_band(employees: u32) -> u8 {
    match employees {
        0..=9 => 0,
        10..=49 => 1,
        50..=249 => 2,
        _ => 3,
    }
}

fn opt(v: Option<f64>) -> f64 {
    v.unwrap_or(f64::NAN)
}

/// The inputs of a customer (industry and country coded through `levels`).
pub(crate) fn row(f: &Facts, levels: &mut Levels) -> Row {
    let mut x = [0.0; NUMERIC];
    let employees = f64::from(f.employees.max(1));
    x[0] = employees.ln();
    x[1] = opt(f.employee_growth());
    x[2] = f64::from(f.productivity_seats()) / employees;
    x[CORE_RANK] = f
        .core()
        .and_then(|(p, _)| core_rank(p))
        .map_or(0.0, f64::from);
    x[AZURE_SPEND] = f.acr_usd_month.max(0.0).ln_1p();
    x[5] = opt(f.usage_now);
    x[6] = opt(f.posture.map(|p| p.mfa_ratio));
    x[DEVICES] = opt(f.posture.map(|p| f64::from(p.devices) / employees));
    let mut owns = 0u16;
    for a in SolutionArea::ALL {
        if f.owns(a) {
            owns |= 1 << (a as u16);
            x[OWNS + a as usize] = 1.0;
        }
    }
    for (i, kind) in INSTALLED.iter().enumerate() {
        let present = match kind {
            K::EnterpriseAgreement | K::OpenLicense => f.agreement(*kind).is_some(),
            _ => f.installed(*kind),
        };
        x[INSTALLED_AT + i] = if present { 1.0 } else { 0.0 };
    }
    Row {
        x,
        industry: levels.code(&f.industry),
        country: levels.code(&f.country),
        owns,
        fold: fold_of(&f.tenant_id),
        size_band: size_band(f.employees),
    }
}

/// A learner data set of the rows: every numeric input and the two categories (each area's
/// model reads the columns it was trained on, by name).
pub(crate) fn dataset(rows: &[Row], levels: &Levels, skip: [Option<usize>; 2]) -> learn::Dataset {
    let mut ds = learn::Dataset::new();
    for (j, name) in names().iter().enumerate() {
        if skip.contains(&Some(j)) {
            continue;
        }
        ds.push_numeric(name, rows.iter().map(|r| r.x[j]).collect());
    }
    for (name, pick) in [
        ("industry", (|r: &Row| r.industry) as fn(&Row) -> u32),
        ("country", |r: &Row| r.country),
    ] {
        let column = learn::Column::Categorical {
            codes: rows.iter().map(pick).collect(),
            levels: levels.names.clone(),
        };
        // Codes come from `levels`, so the column is valid by construction.
        if let Err(e) = ds.try_push(name, column) {
            debug_assert!(false, "{e}");
        }
    }
    ds
}

/// How an area's fit is computed.
#[derive(Debug, Clone, PartialEq)]
pub enum FitMethod {
    /// The lookalike model.
    Lookalike {
        /// Its learner, e.g. "gradient-boosted trees" (both when the halves chose differently).
        learner: String,
        /// Validation ROC AUC of the two folds' models (their mean).
        validation_auc: f64,
    },
    /// The shipped prior, and why.
    Prior {
        /// Why no lookalike was trained.
        reason: String,
    },
}

/// What was learnt for one area.
#[derive(Debug, Clone)]
pub struct AreaModel {
    /// The area.
    pub area: SolutionArea,
    /// How its fit is computed.
    pub method: FitMethod,
    /// Buyers among the training rows.
    pub buyers: usize,
    /// Training rows (customers).
    pub rows: usize,
    models: Option<[learn::Model; 2]>,
    base_logit: f64,
    /// Lift per binary input (NaN below the support), per size band and per industry code.
    lift: Vec<f64>,
    band_lift: [f64; 4],
    industry_lift: Vec<f64>,
    /// The buyers' median monthly spend in the area per employee (USD), when known.
    pub median_spend_per_employee: Option<f64>,
}

/// A reason a customer fits an area.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FitTrait {
    /// A product in use (install base, agreement or status).
    Uses(K),
    /// Another area owned.
    Owns(SolutionArea),
    /// Its size band (0–3: 1–9, 10–49, 50–249, 250+ employees).
    Size(u8),
    /// Its industry.
    Industry,
}

/// A trait with its lift.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TraitLift {
    /// The trait.
    pub trait_: FitTrait,
    /// How many times likelier buyers are among customers with it.
    pub lift: f32,
}

fn logit(p: f64) -> f64 {
    let p = p.clamp(1e-4, 1.0 - 1e-4);
    (p / (1.0 - p)).ln()
}

fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

impl AreaModel {
    /// Trains the area's lookalike on the training rows (or settles for the prior).
    pub(crate) fn train(
        area: SolutionArea,
        rows: &[Row],
        spend: &[f64],
        levels: &Levels,
        seed: u64,
    ) -> AreaModel {
        let bit = 1u16 << (area as u16);
        let label = |r: &Row| r.owns & bit != 0;
        let buyers = rows.iter().filter(|r| label(r)).count();
        let (lift, band_lift, industry_lift) = lifts(rows, levels, bit);
        let median = median_spend(rows, spend, bit);
        let mut model = AreaModel {
            area,
            method: FitMethod::Prior {
                reason: String::new(),
            },
            buyers,
            rows: rows.len(),
            models: None,
            base_logit: 0.0,
            lift,
            band_lift,
            industry_lift,
            median_spend_per_employee: median,
        };
        let mut per_fold = [[0usize; 2]; 2];
        for r in rows {
            per_fold[usize::from(r.fold)][usize::from(label(r))] += 1;
        }
        let short = per_fold.iter().flatten().copied().min().unwrap_or(0);
        if short < MIN_BUYERS {
            model.method = FitMethod::Prior {
                reason: format!(
                    "{buyers} buyers among {} customers: each half needs {MIN_BUYERS} buyers and \
                     {MIN_BUYERS} others to learn a lookalike",
                    rows.len()
                ),
            };
            return model;
        }
        let skip = excluded(area);
        let mut trained = Vec::with_capacity(2);
        let mut aucs = Vec::with_capacity(2);
        let mut learner = String::new();
        for fold in 0..2u8 {
            let part: Vec<Row> = rows.iter().filter(|r| r.fold == fold).copied().collect();
            let labels: Vec<bool> = part.iter().map(label).collect();
            let ds = dataset(&part, levels, skip);
            let options = learn::TrainOptions {
                seed: seed ^ (u64::from(fold) << 32) ^ area as u64,
                ..learn::TrainOptions::default()
            };
            match learn::train(&ds, &labels, &options) {
                Ok(m) => {
                    let report = m.validation();
                    aucs.push(report.metrics.roc_auc);
                    let name = match report.learner {
                        learn::LearnerKind::Trees => "gradient-boosted trees",
                        learn::LearnerKind::Logistic => "logistic regression",
                    };
                    // Each half chooses its learner; say both when they differ.
                    if learner.is_empty() {
                        learner = name.to_owned();
                    } else if learner != name {
                        learner = format!("{learner} and {name}");
                    }
                    trained.push(m);
                }
                Err(e) => {
                    model.method = FitMethod::Prior {
                        reason: format!("the lookalike could not be trained: {e}"),
                    };
                    return model;
                }
            }
        }
        let (Some(second), Some(first)) = (trained.pop(), trained.pop()) else {
            return model;
        };
        model.models = Some([first, second]);
        model.base_logit = logit(buyers as f64 / rows.len().max(1) as f64);
        model.method = FitMethod::Lookalike {
            learner,
            validation_auc: aucs.iter().sum::<f64>() / aucs.len().max(1) as f64,
        };
        model
    }

    /// Fit scores of the rows, from a data set built by [`dataset`] over the same rows.
    pub(crate) fn score(
        &self,
        rows: &[Row],
        ds: &learn::Dataset,
        facts: &[Facts],
        out: &mut Vec<u8>,
    ) {
        out.clear();
        let Some(models) = &self.models else {
            out.extend(facts.iter().map(|f| prior(self.area, f)));
            return;
        };
        // Each fold's customers are scored by the model the other fold trained.
        let by = [models[1].predict_proba(ds), models[0].predict_proba(ds)];
        for (i, r) in rows.iter().enumerate() {
            let p = match &by[usize::from(r.fold)] {
                Ok(p) => p[i],
                Err(_) => f64::NAN,
            };
            out.push(if p.is_finite() {
                (100.0 * sigmoid(logit(p) - self.base_logit)).round() as u8
            } else {
                prior(self.area, &facts[i])
            });
        }
    }

    /// The customer's two traits most over-represented among the buyers, largest lift first.
    pub(crate) fn reasons(&self, r: &Row, out: &mut [Option<TraitLift>; 2]) {
        *out = [None, None];
        let mut consider = |t: FitTrait, lift: f64| {
            if !(lift.is_finite() && lift >= MIN_LIFT) {
                return;
            }
            let item = TraitLift {
                trait_: t,
                lift: lift as f32,
            };
            match out {
                [None, _] => out[0] = Some(item),
                [Some(a), None] if a.lift >= item.lift => out[1] = Some(item),
                [Some(a), None] => {
                    out[1] = Some(*a);
                    out[0] = Some(item);
                }
                [Some(a), Some(b)] => {
                    if item.lift > a.lift {
                        out[1] = Some(*a);
                        out[0] = Some(item);
                    } else if item.lift > b.lift {
                        out[1] = Some(item);
                    }
                }
            }
        };
        for a in SolutionArea::ALL {
            let j = OWNS + a as usize;
            if a != self.area && r.x[j] > 0.0 {
                consider(FitTrait::Owns(a), self.lift[j]);
            }
        }
        for (i, kind) in INSTALLED.iter().enumerate() {
            let j = INSTALLED_AT + i;
            if r.x[j] > 0.0 {
                consider(FitTrait::Uses(*kind), self.lift[j]);
            }
        }
        consider(
            FitTrait::Size(r.size_band),
            self.band_lift[usize::from(r.size_band.min(3))],
        );
        if let Some(l) = self.industry_lift.get(r.industry as usize) {
            consider(FitTrait::Industry, *l);
        }
    }
}

/// Lift of each binary input, size band and industry.
fn lifts(rows: &[Row], levels: &Levels, bit: u16) -> (Vec<f64>, [f64; 4], Vec<f64>) {
    let total = rows.len();
    let buyers = rows.iter().filter(|r| r.owns & bit != 0).count();
    let mut lift = vec![f64::NAN; NUMERIC];
    let mut band_lift = [f64::NAN; 4];
    let mut industry_lift = vec![f64::NAN; levels.names.len()];
    if total == 0 || buyers == 0 {
        return (lift, band_lift, industry_lift);
    }
    let base = buyers as f64 / total as f64;
    let ratio = |with: usize, buying: usize| {
        if with >= MIN_SUPPORT && buying >= 3 {
            (buying as f64 / with as f64) / base
        } else {
            f64::NAN
        }
    };
    let mut with = vec![0usize; NUMERIC];
    let mut buying = vec![0usize; NUMERIC];
    let mut bands = [[0usize; 2]; 4];
    let mut industries = vec![[0usize; 2]; levels.names.len()];
    for r in rows {
        let b = r.owns & bit != 0;
        for j in OWNS..NUMERIC {
            if r.x[j] > 0.0 {
                with[j] += 1;
                buying[j] += usize::from(b);
            }
        }
        bands[usize::from(r.size_band.min(3))][usize::from(b)] += 1;
        if let Some(slot) = industries.get_mut(r.industry as usize) {
            slot[usize::from(b)] += 1;
        }
    }
    for j in OWNS..NUMERIC {
        lift[j] = ratio(with[j], buying[j]);
    }
    for (i, [no, yes]) in bands.iter().enumerate() {
        band_lift[i] = ratio(no + yes, *yes);
    }
    for (i, [no, yes]) in industries.iter().enumerate() {
        industry_lift[i] = ratio(no + yes, *yes);
    }
    (lift, band_lift, industry_lift)
}

/// The buyers' median monthly spend per employee in the area.
fn median_spend(rows: &[Row], spend: &[f64], bit: u16) -> Option<f64> {
    let mut values: Vec<f64> = rows
        .iter()
        .zip(spend)
        .filter(|(r, s)| r.owns & bit != 0 && s.is_finite() && **s > 0.0)
        .map(|(r, s)| s / r.x[0].exp().max(1.0))
        .collect();
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let n = values.len();
    Some(if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    })
}

/// The install base an area replaces or extends (the prior's evidence).
pub(crate) fn linked(area: SolutionArea) -> &'static [K] {
    match area {
        SolutionArea::M365 => &[
            K::Office,
            K::ProductivityServer,
            K::GoogleWorkspace,
            K::Zoom,
        ],
        SolutionArea::Surface => &[K::GpuWorkstations],
        SolutionArea::Azure => &[
            K::WindowsServer,
            K::SqlServer,
            K::Vmware,
            K::LinuxOss,
            K::OracleDatabase,
            K::DotNetApps,
            K::DataWarehouse,
            K::Aws,
            K::GoogleCloud,
            K::Citrix,
            K::VmwareHorizon,
            K::RemoteDesktopServices,
        ],
        SolutionArea::D365BusinessCentral => &[K::QuickBooks, K::DynamicsGp, K::DynamicsNav],
        SolutionArea::D365CustomerEngagement => &[K::Salesforce, K::DynamicsCrm],
        SolutionArea::D365FinanceOperations => &[K::DynamicsAx, K::Sap],
        SolutionArea::PowerApps => &[K::LowCodePlatform],
        SolutionArea::Security => &[K::EndpointSecurity],
    }
}

/// The shipped prior: fit = 100 · σ(−1 + 1.2 × linked signals present (at most two) + size
/// term), the size term being +0.5 for Business Central at 10–299 employees, +0.8 for Finance &
/// Operations from 250, +0.3 for Sales from 10, and 0.2 × ln(employees / 25) elsewhere.
pub fn prior(area: SolutionArea, f: &Facts) -> u8 {
    let present = linked(area)
        .iter()
        .filter(|k| f.installed(**k))
        .count()
        .min(2);
    let e = f.employees.max(1);
    let size = match area {
        SolutionArea::D365BusinessCentral => {
            if (10..300).contains(&e) {
                0.5
            } else {
                0.0
            }
        }
        SolutionArea::D365FinanceOperations => {
            if e >= 250 {
                0.8
            } else {
                0.0
            }
        }
        SolutionArea::D365CustomerEngagement => {
            if e >= 10 {
                0.3
            } else {
                0.0
            }
        }
        _ => 0.2 * (f64::from(e) / 25.0).ln(),
    };
    (100.0 * sigmoid(-1.0 + 1.2 * present as f64 + size)).round() as u8
}

/// The area's spend per month (USD) the revenue potential compares with the buyers' median.
pub(crate) fn area_spend(area: SolutionArea, f: &Facts) -> f64 {
    revenue::area_spend(area, f)
}

#[cfg(test)]
mod tests {
    use partner_advisor_domain::Product;

    use super::super::facts::fixture::*;
    use super::*;

    #[test]
    fn rows_leave_out_what_restates_the_label() {
        let mut levels = Levels::default();
        let f = with(customer(40), Product::BusinessPremium, 40);
        let r = row(&f, &mut levels);
        assert_eq!(r.x[OWNS + SolutionArea::M365 as usize], 1.0);
        assert_eq!(r.owns, 1 << SolutionArea::M365 as u16);
        let ds = dataset(&[r], &levels, excluded(SolutionArea::M365));
        let names: Vec<&str> = ds.feature_names().iter().map(String::as_str).collect();
        assert!(!names.contains(&"ownsM365") && !names.contains(&"coreRank"));
        assert!(names.contains(&"ownsAzure") && names.contains(&"usesQuickBooks"));
        assert!(names.contains(&"industry") && names.contains(&"country"));
        assert_eq!(ds.feature_names().len(), NUMERIC - 2 + 2);
    }

    #[test]
    fn the_prior_rewards_linked_install_base_and_size() {
        let small = customer(40);
        let qb = signal(customer(40), observed(K::QuickBooks));
        let both = signal(qb.clone(), observed(K::DynamicsGp));
        let bc = SolutionArea::D365BusinessCentral;
        assert!(prior(bc, &small) < prior(bc, &qb));
        assert!(prior(bc, &qb) < prior(bc, &both));
        assert_eq!(prior(bc, &small), (100.0 * sigmoid(-0.5)).round() as u8);
        assert!(
            prior(SolutionArea::D365FinanceOperations, &customer(300))
                > prior(SolutionArea::D365FinanceOperations, &small)
        );
    }

    #[test]
    fn folds_are_stable_and_balanced() {
        assert_eq!(fold_of("a"), fold_of("a"));
        let ones = (0..2_000)
            .filter(|i| fold_of(&format!("00000000-0000-4000-8000-{i:012}")) == 1)
            .count();
        assert!((900..1_100).contains(&ones), "{ones}");
    }

    #[test]
    fn a_lookalike_learns_what_buyers_share_and_scores_the_other_fold() {
        // Buyers of Business Central: QuickBooks users are five times likelier to buy.
        let mut levels = Levels::default();
        let mut facts = Vec::new();
        for i in 0..1_200u32 {
            let mut f = customer(20 + i % 50);
            f.tenant_id = format!("00000000-0000-4000-8000-{i:012}");
            let qb = i % 4 == 0;
            if qb {
                f = signal(f, observed(K::QuickBooks));
            }
            let buys = if qb {
                i % 8 == 0 || i % 12 == 0
            } else {
                i % 24 == 1
            };
            if buys {
                f = with(f, Product::BusinessCentralEssentials, 3);
            }
            facts.push(f);
        }
        let rows: Vec<Row> = facts.iter().map(|f| row(f, &mut levels)).collect();
        let spend: Vec<f64> = facts
            .iter()
            .map(|f| area_spend(SolutionArea::D365BusinessCentral, f))
            .collect();
        let m = AreaModel::train(SolutionArea::D365BusinessCentral, &rows, &spend, &levels, 7);
        assert!(
            matches!(m.method, FitMethod::Lookalike { .. }),
            "{:?}",
            m.method
        );
        let ds = dataset(&rows, &levels, [None, None]);
        let mut scores = Vec::new();
        m.score(&rows, &ds, &facts, &mut scores);
        let mean = |qb: bool| {
            let picked: Vec<f64> = rows
                .iter()
                .zip(&scores)
                .filter(|(r, _)| (r.x[INSTALLED_AT + 25] > 0.0) == qb)
                .map(|(_, s)| f64::from(*s))
                .collect();
            picked.iter().sum::<f64>() / picked.len() as f64
        };
        assert!(
            mean(true) > mean(false) + 20.0,
            "{} {}",
            mean(true),
            mean(false)
        );
        let mut why = [None, None];
        m.reasons(&rows[0], &mut why);
        assert_eq!(
            why[0].map(|t| t.trait_),
            Some(FitTrait::Uses(K::QuickBooks))
        );
        assert!(m.median_spend_per_employee.is_some());
        // Deterministic.
        let again = AreaModel::train(SolutionArea::D365BusinessCentral, &rows, &spend, &levels, 7);
        let mut scores2 = Vec::new();
        again.score(&rows, &ds, &facts, &mut scores2);
        assert_eq!(scores, scores2);
    }

    #[test]
    fn too_few_buyers_fall_back_to_the_prior() {
        let mut levels = Levels::default();
        let facts: Vec<Facts> = (0..100).map(|_| customer(30)).collect();
        let rows: Vec<Row> = facts.iter().map(|f| row(f, &mut levels)).collect();
        let m = AreaModel::train(SolutionArea::PowerApps, &rows, &[0.0; 100], &levels, 1);
        assert!(matches!(m.method, FitMethod::Prior { .. }));
        let ds = dataset(&rows, &levels, [None, None]);
        let mut scores = Vec::new();
        m.score(&rows, &ds, &facts, &mut scores);
        assert_eq!(scores[0], prior(SolutionArea::PowerApps, &facts[0]));
    }
}
