//! The scores behind the six reports, per customer: fit, intent, segment, revenue potential and
//! the reasons in each area; the plays, flags and offers; `SMCTypeSummary`, `SubSegment`,
//! `IsNonprofit`, "transacted in the last 36 months" and the Azure workloads. And the use case
//! that computes them for every customer of the latest snapshot.
//!
//! # How a run goes
//!
//! 1. **Read** the latest snapshot's customers a page at a time (`inputs.rs`) for the
//!    lookalikes' training rows: every customer, or the first [`fit::MAX_TRAINING_ROWS`] in
//!    tenant ID order beyond that (tenant IDs are random GUIDs, so they are a random sample, and
//!    a large workspace reads only that far).
//! 2. **Learn** one lookalike per area (two folds each, see [`fit`]), the lifts that explain it
//!    and the buyers' median spend per employee (the revenue potential's lookalike median).
//! 3. **Score**: read the customers again a page at a time and hand each one's
//!    [`CustomerScores`] to the caller's sink. Memory holds the training rows and one page,
//!    never every customer, so a million customers stream.
//!
//! The same workspace, options and seed give the same scores (the learner is deterministic and
//! the folds and sample come from a hash of the tenant ID).

use chrono::NaiveDate;
use partner_advisor_formats::cloudascent::{PropensityReport, SolutionArea};
use partner_advisor_store::tables::history as history_table;
use partner_advisor_store::Workspace;

use super::cohorts::{self, FlagSet, PlaySet, WorkloadSet};
use super::facts::{Edition, Facts, Identity, AREAS};
use super::fit::{self, AreaModel, FitMethod, Levels, Row, TraitLift};
use super::inputs::{self, Reader};
use super::intent::{self, Contribution};
use super::revenue;
use super::segments::{self, Band, ClusterMap, Segment, SizeFacts, SmcType};
use crate::jobs::{CancelToken, Progress, Step};
use crate::{EngineError, Result};

/// Reasons kept per area: up to three intent signals and two fit traits.
pub const MAX_REASONS: usize = 5;
/// Intent signals among the reasons.
const INTENT_REASONS: usize = 3;

/// Why a customer scores as it does in an area.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Reason {
    /// A purchase signal (intent).
    Intent(Contribution),
    /// A trait it shares with the area's buyers (fit).
    Fit(TraitLift),
}

/// One area's scores for one customer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AreaScore {
    /// Fit, 0–100.
    pub fit: u8,
    /// Intent, 0–100.
    pub intent: u8,
    /// The cell of the cluster map (A1–D4).
    pub segment: Segment,
    /// Whether the customer already owns the area.
    pub owns: bool,
    /// Untapped revenue, USD per year.
    pub revenue_potential_usd: f64,
    reasons: [Option<Reason>; MAX_REASONS],
}

impl AreaScore {
    /// The fit band.
    pub fn fit_band(&self) -> Band {
        Band::of(self.fit)
    }

    /// The intent band.
    pub fn intent_band(&self) -> Band {
        Band::of(self.intent)
    }

    /// The reasons: intent signals (most points first), then fit traits (largest lift first).
    pub fn reasons(&self) -> impl Iterator<Item = &Reason> {
        self.reasons.iter().flatten()
    }
}

/// Everything the reports say about one customer.
#[derive(Debug, Clone, PartialEq)]
pub struct CustomerScores {
    /// Tenant ID.
    pub tenant_id: String,
    /// The scored snapshot's date.
    pub as_of: NaiveDate,
    /// Per area, [`SolutionArea::ALL`] order.
    pub areas: [AreaScore; AREAS],
    /// The plays it is in.
    pub plays: PlaySet,
    /// The flags that hold.
    pub flags: FlagSet,
    offers: u8,
    /// `SMCTypeSummary`.
    pub smc_type: SmcType,
    /// `SubSegment`.
    pub sub_segment: &'static str,
    /// `IsNonprofit`: the nonprofit status, or "No".
    pub is_nonprofit: &'static str,
    /// Transacted with the partner in the 36 months before the snapshot.
    pub transacted_36m: bool,
    /// Azure workloads in use.
    pub azure_existing: WorkloadSet,
    /// Azure workloads recommended.
    pub azure_recommended: WorkloadSet,
    /// The customer's firmographics as the reports write them.
    pub customer: CustomerFacts,
}

/// What the reports write of the customer itself (copied from its facts).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CustomerFacts {
    /// Name, TPID, address, segment.
    pub identity: Identity,
    /// Primary domain (lower case).
    pub domain: String,
    /// Country code.
    pub country: String,
    /// Industry.
    pub industry: String,
    /// Vertical.
    pub vertical: String,
    /// Employees.
    pub employees: u32,
    /// Last transaction with the partner.
    pub last_transaction: Option<NaiveDate>,
    /// The agreement in force the renewal report describes: an Enterprise Agreement, else an
    /// Open agreement (program as written, end date when known).
    pub agreement: Option<(&'static str, Option<NaiveDate>)>,
    /// What comes up for renewal in the next twelve months.
    pub renewal: Renewal,
}

/// What comes up for renewal in the twelve months after the snapshot (the renewal report's
/// `Expiring Revenue`, `RevSumDivisionName` and `Expiration Type`).
///
/// A product's active subscriptions expire when their earliest end date falls in the window;
/// their revenue is paid seats (or devices) × the product's monthly list price × 12. The
/// division is the product family with the most expiring revenue (`Business Applications`,
/// …). The type is `Agreement` when the agreement in force ends in the window, `Subscription`
/// when only subscriptions do, and empty when nothing expires.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Renewal {
    /// Revenue of the expiring subscriptions, USD per year.
    pub expiring_usd: f64,
    /// The product family with the most expiring revenue.
    pub division: Option<&'static str>,
    /// `Agreement` or `Subscription`.
    pub expiration_type: Option<&'static str>,
}

/// Months ahead the renewal report looks.
const RENEWAL_MONTHS: u32 = 12;

impl Renewal {
    fn of(f: &Facts, agreement_end: Option<NaiveDate>) -> Renewal {
        use partner_advisor_domain::{Product, ProductFamily};
        let Some(until) = f
            .as_of
            .checked_add_months(chrono::Months::new(RENEWAL_MONTHS))
        else {
            return Renewal::default();
        };
        let in_window = |d: NaiveDate| d >= f.as_of && d <= until;
        let mut by_family = [0.0f64; ProductFamily::ALL.len()];
        for (i, holding) in f.products.iter().enumerate() {
            let product = Product::ALL[i];
            if holding.active > 0 && holding.renews.is_some_and(in_window) {
                by_family[product.family() as usize] +=
                    f64::from(holding.active) * product.list_price_usd_month() * 12.0;
            }
        }
        let expiring_usd: f64 = by_family.iter().sum();
        let division = by_family
            .iter()
            .enumerate()
            .filter(|(_, v)| **v > 0.0)
            .max_by(|a, b| a.1.total_cmp(b.1).then(b.0.cmp(&a.0)))
            .map(|(i, _)| ProductFamily::ALL[i].as_str());
        let expiration_type = if agreement_end.is_some_and(in_window) {
            Some("Agreement")
        } else if expiring_usd > 0.0 {
            Some("Subscription")
        } else {
            None
        };
        Renewal {
            expiring_usd,
            division,
            expiration_type,
        }
    }
}

impl CustomerFacts {
    fn copy_from(&mut self, f: &Facts) {
        use partner_advisor_domain::{ExternalSignalKind as K, LicenseProgram};
        self.identity.copy_from(&f.identity);
        for (to, from) in [
            (&mut self.domain, &f.domain),
            (&mut self.country, &f.country),
            (&mut self.industry, &f.industry),
            (&mut self.vertical, &f.vertical),
        ] {
            to.clear();
            to.push_str(from);
        }
        self.employees = f.employees;
        self.last_transaction = f.last_transaction;
        self.agreement = [K::EnterpriseAgreement, K::OpenLicense]
            .into_iter()
            .find_map(|k| {
                let a = f.agreement(k)?;
                let program = a.license.unwrap_or(if k == K::EnterpriseAgreement {
                    LicenseProgram::EnterpriseAgreement
                } else {
                    LicenseProgram::Open
                });
                Some((program.as_str(), a.until))
            });
        self.renewal = Renewal::of(f, self.agreement.and_then(|a| a.1));
    }
}

impl CustomerScores {
    /// The scores of an area.
    pub fn area(&self, area: SolutionArea) -> &AreaScore {
        &self.areas[area as usize]
    }

    /// The report's `FY24 Offers` value.
    pub fn offers(&self, report: PropensityReport) -> bool {
        self.offers & (1 << (report as u8)) != 0
    }
}

/// Options of a scoring run.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreOptions {
    /// The fit × intent map to segments.
    pub map: ClusterMap,
    /// Seed of the lookalikes.
    pub seed: u64,
    /// Customers read and scored at a time (memory against round trips to the database; the
    /// scores do not depend on it).
    pub page_size: u32,
}

impl Default for ScoreOptions {
    fn default() -> Self {
        Self {
            map: ClusterMap::default(),
            seed: 6,
            page_size: inputs::PAGE,
        }
    }
}

/// What a scoring run did.
#[derive(Debug, Clone)]
pub struct ScoringSummary {
    /// The scored snapshot.
    pub snapshot_id: i64,
    /// Its date.
    pub as_of: NaiveDate,
    /// Customers scored.
    pub customers: u64,
    /// The lookalikes, [`SolutionArea::ALL`] order.
    pub models: Vec<AreaModel>,
    /// Milliseconds spent reading the training rows, learning, and scoring.
    pub timings_ms: [u64; 3],
}

impl ScoringSummary {
    /// How an area's fit was computed.
    pub fn method(&self, area: SolutionArea) -> &FitMethod {
        &self.models[area as usize].method
    }
}

/// What a page of customers needs from the lookalikes.
struct Learnt {
    models: Vec<AreaModel>,
    levels: Levels,
    medians: [Option<f64>; AREAS],
    read_ms: u64,
}

/// The scores of one customer from its facts, fit scores and fit reasons (pure).
pub(crate) fn assemble(
    f: &Facts,
    fit: &[u8; AREAS],
    fit_reasons: &[[Option<TraitLift>; 2]; AREAS],
    medians: &[Option<f64>; AREAS],
    map: &ClusterMap,
    out: &mut CustomerScores,
) {
    out.tenant_id.clear();
    out.tenant_id.push_str(&f.tenant_id);
    out.as_of = f.as_of;
    let plays = cohorts::plays(f, fit);
    out.plays = plays;
    out.flags = cohorts::flags(f, plays);
    out.offers = 0;
    for report in PropensityReport::ALL {
        if cohorts::offers(report, f, plays) {
            out.offers |= 1 << (report as u8);
        }
    }
    let mut potential_total = 0.0;
    for area in SolutionArea::ALL {
        let a = area as usize;
        let intent = intent::intent(f, area);
        let potential = revenue::potential(area, f, medians[a]);
        potential_total += potential;
        let mut reasons = [None; MAX_REASONS];
        let mut n = 0;
        for c in intent.signals().take(INTENT_REASONS) {
            reasons[n] = Some(Reason::Intent(*c));
            n += 1;
        }
        for t in fit_reasons[a].iter().flatten() {
            reasons[n] = Some(Reason::Fit(*t));
            n += 1;
        }
        out.areas[a] = AreaScore {
            fit: fit[a],
            intent: intent.score,
            segment: map.segment(fit[a], intent.score),
            owns: f.owns(area),
            revenue_potential_usd: potential,
            reasons,
        };
    }
    let revenue = f.monthly_revenue() * 12.0;
    let growth = match f.revenue_12m_ago {
        Some(before) if before > 0.0 => (revenue / 12.0 - before) / before,
        _ => 0.0,
    };
    out.smc_type = segments::smc_type(&SizeFacts {
        employees: f.employees,
        annual_revenue_usd: revenue,
        revenue_growth: growth,
        potential_usd: potential_total,
        acr_usd_month: f.acr_usd_month,
    });
    out.sub_segment = segments::sub_segment(
        f.employees,
        out.areas[SolutionArea::Azure as usize].revenue_potential_usd,
    );
    out.is_nonprofit = f
        .signals(partner_advisor_domain::ExternalSignalKind::Nonprofit)
        .max_by_key(|o| o.observed_on)
        .and_then(|o| o.edition.nonprofit_label())
        .or_else(|| {
            f.installed(partner_advisor_domain::ExternalSignalKind::Nonprofit)
                .then_some(Edition::Nonprofit.nonprofit_label())
                .flatten()
        })
        .unwrap_or("No");
    out.transacted_36m = f.transacted_36m();
    let (existing, recommended) = cohorts::azure_workloads(f, plays);
    out.azure_existing = existing;
    out.azure_recommended = recommended;
    out.customer.copy_from(f);
}

impl CustomerScores {
    fn empty() -> Self {
        let blank = AreaScore {
            fit: 0,
            intent: 0,
            segment: ClusterMap::default().segment(0, 0),
            owns: false,
            revenue_potential_usd: 0.0,
            reasons: [None; MAX_REASONS],
        };
        Self {
            tenant_id: String::new(),
            as_of: NaiveDate::default(),
            areas: [blank; AREAS],
            plays: PlaySet::default(),
            flags: FlagSet::default(),
            offers: 0,
            smc_type: SmcType::VerySmall,
            sub_segment: "",
            is_nonprofit: "No",
            transacted_36m: false,
            azure_existing: WorkloadSet::default(),
            azure_recommended: WorkloadSet::default(),
            customer: CustomerFacts::default(),
        }
    }
}

/// Learns the lookalikes from a first pass over the customers.
async fn learn(
    ws: &Workspace,
    window: &inputs::Window,
    customers: u64,
    options: &ScoreOptions,
    progress: &dyn Progress,
    cancel: &CancelToken,
) -> Result<Learnt> {
    let started = std::time::Instant::now();
    let mut reader = Reader::new(ws, window.clone(), options.page_size).await?;
    let mut levels = Levels::default();
    let mut rows: Vec<Row> = Vec::new();
    let mut spend: Vec<[f64; AREAS]> = Vec::new();
    let mut page = Vec::new();
    let mut done = 0u64;
    loop {
        cancel.check()?;
        let n = reader.next(&mut page).await?;
        if n == 0 {
            break;
        }
        // Exactly the first customers up to the cap, whatever the page size.
        for f in page[..n].iter().take(fit::MAX_TRAINING_ROWS - rows.len()) {
            rows.push(fit::row(f, &mut levels));
            spend.push(SolutionArea::ALL.map(|a| fit::area_spend(a, f)));
        }
        done += n as u64;
        progress.report(Step {
            stage: "propensity.read",
            done,
            total: customers.min(fit::MAX_TRAINING_ROWS as u64),
        });
        if rows.len() >= fit::MAX_TRAINING_ROWS {
            break;
        }
    }
    let read_ms = started.elapsed().as_millis() as u64;
    let mut models = Vec::with_capacity(AREAS);
    let mut medians = [None; AREAS];
    for (i, area) in SolutionArea::ALL.into_iter().enumerate() {
        cancel.check()?;
        let area_spend: Vec<f64> = spend.iter().map(|s| s[i]).collect();
        let model = AreaModel::train(area, &rows, &area_spend, &levels, options.seed);
        medians[i] = model.median_spend_per_employee;
        models.push(model);
        progress.report(Step {
            stage: "propensity.learn",
            done: i as u64 + 1,
            total: AREAS as u64,
        });
    }
    Ok(Learnt {
        models,
        levels,
        medians,
        read_ms,
    })
}

/// Computes the scores of every customer of the latest snapshot, handing each to `sink` in
/// tenant ID order. Progress stages: `propensity.read`, `propensity.learn`, `propensity.score`.
pub async fn score_latest(
    ws: &Workspace,
    options: &ScoreOptions,
    progress: &dyn Progress,
    cancel: &CancelToken,
    sink: &mut (dyn FnMut(&CustomerScores) -> Result<()> + Send),
) -> Result<ScoringSummary> {
    let window = inputs::window(ws).await?.ok_or_else(|| {
        EngineError::InvalidInput("the workspace has no snapshot to score".into())
    })?;
    let customers =
        u64::try_from(history_table::tenants_in(ws.pool(), window.snapshot_id).await?).unwrap_or(0);
    let started = std::time::Instant::now();
    let learnt = learn(ws, &window, customers, options, progress, cancel).await?;
    let learnt_at = started.elapsed();
    let Learnt {
        models,
        mut levels,
        medians,
        read_ms,
    } = learnt;

    let mut reader = Reader::new(ws, window.clone(), options.page_size).await?;
    let mut page: Vec<Facts> = Vec::new();
    let mut rows: Vec<Row> = Vec::new();
    let mut fits: Vec<Vec<u8>> = vec![Vec::new(); AREAS];
    let mut scores = CustomerScores::empty();
    let mut done = 0u64;
    loop {
        cancel.check()?;
        let n = reader.next(&mut page).await?;
        if n == 0 {
            break;
        }
        let facts = &page[..n];
        rows.clear();
        rows.extend(facts.iter().map(|f| fit::row(f, &mut levels)));
        let ds = fit::dataset(&rows, &levels, [None, None]);
        for (model, out) in models.iter().zip(fits.iter_mut()) {
            model.score(&rows, &ds, facts, out);
        }
        for (i, f) in facts.iter().enumerate() {
            let fit: [u8; AREAS] = std::array::from_fn(|a| fits[a][i]);
            let mut reasons = [[None; 2]; AREAS];
            for (a, model) in models.iter().enumerate() {
                model.reasons(&rows[i], &mut reasons[a]);
            }
            assemble(f, &fit, &reasons, &medians, &options.map, &mut scores);
            sink(&scores)?;
        }
        done += n as u64;
        progress.report(Step {
            stage: "propensity.score",
            done,
            total: customers,
        });
    }
    Ok(ScoringSummary {
        snapshot_id: reader.window().snapshot_id,
        as_of: reader.window().as_of,
        customers: done,
        models,
        timings_ms: [
            read_ms,
            (learnt_at.as_millis() as u64).saturating_sub(read_ms),
            (started.elapsed() - learnt_at).as_millis() as u64,
        ],
    })
}

/// Every customer's scores, in tenant ID order (small workspaces and tests; reports stream
/// through [`score_latest`]).
pub async fn all_scores(
    ws: &Workspace,
    options: &ScoreOptions,
) -> Result<(ScoringSummary, Vec<CustomerScores>)> {
    let mut all = Vec::new();
    let summary = score_latest(
        ws,
        options,
        &crate::jobs::NoProgress,
        &CancelToken::new(),
        &mut |s: &CustomerScores| {
            all.push(s.clone());
            Ok(())
        },
    )
    .await?;
    Ok((summary, all))
}

#[cfg(test)]
mod tests {
    use partner_advisor_domain::{ExternalSignalKind as K, Product};

    use super::super::facts::fixture::*;
    use super::super::fit::FitTrait;
    use super::super::intent::IntentSignal;
    use super::*;

    #[test]
    fn a_customer_is_assembled_from_its_facts_and_fits() {
        let mut f = with(customer(40), Product::BusinessStandard, 40);
        let mut research = observed(K::ResearchErp);
        research.quantity = 100.0;
        research.observed_on = as_of() - chrono::Days::new(10);
        f = signal(f, research);
        let mut status = observed(K::Nonprofit);
        status.edition = Edition::ApprovedPaid;
        f = signal(f, status);
        f.last_transaction = Some(as_of());
        let mut fit = [10u8; AREAS];
        fit[SolutionArea::D365BusinessCentral as usize] = 80;
        let mut reasons = [[None; 2]; AREAS];
        reasons[SolutionArea::D365BusinessCentral as usize][0] = Some(TraitLift {
            trait_: FitTrait::Uses(K::QuickBooks),
            lift: 3.0,
        });
        let mut out = CustomerScores::empty();
        assemble(
            &f,
            &fit,
            &reasons,
            &[None; AREAS],
            &ClusterMap::default(),
            &mut out,
        );
        let bc = out.area(SolutionArea::D365BusinessCentral);
        assert_eq!(bc.fit, 80);
        assert_eq!(bc.intent, intent::score_of(50.0));
        assert_eq!(bc.segment.to_string(), "A2", "High fit, Medium intent");
        let why: Vec<&Reason> = bc.reasons().collect();
        assert!(matches!(why[0], Reason::Intent(c) if c.signal == IntentSignal::Research));
        assert!(matches!(why[1], Reason::Fit(t) if t.trait_ == FitTrait::Uses(K::QuickBooks)));
        assert!(bc.revenue_potential_usd > 0.0);
        assert!(!bc.owns);
        assert_eq!(out.is_nonprofit, "Approved - Paid");
        assert!(out.transacted_36m);
        assert_eq!(out.smc_type, SmcType::Medium);
        assert_eq!(out.sub_segment, "Medium Business");
        assert!(out.plays.contains(cohorts::Play::CopilotAttach));
        assert!(out.offers(PropensityReport::M365));
        assert!(out
            .flags
            .contains(partner_advisor_formats::cloudascent::Flag::HasM365));
        assert_eq!(out.area(SolutionArea::Azure).segment.to_string(), "D4");
    }
}
