//! Intent 0–100 per customer and solution area: purchase signals, each worth points, summed and
//! mapped to a score; the signals with the most points explain it.
//!
//! Microsoft's intent is "signals related to social media and a customer's online behavior",
//! refreshed monthly. The partner's data holds the same kind of evidence: what the customer's
//! people research (imported research signals), leads from its domain, and changes that create a
//! sale (trials, growth in seats, headcount, usage or Azure spend, renewals, a device refresh, an
//! MFA roll-out, an agreement or a product's support ending). The weights are documented here
//! rather than learned: the history holds too few purchases per area to learn eleven weights
//! for eight areas, and a seller should be able to tell why a customer is hot.
//!
//! | signal | areas and points |
//! |---|---|
//! | research on the area's topic in the last 90 days | 50 × strength/100 × recency per observation, at most 60 |
//! | a lead from its domain on an offer of the area, last 90 days | 30 × recency (+10 Contact me or sales-qualified), at most 40 |
//! | a lead on the partner's profile, last 90 days | 12 × recency in every area, at most 15 |
//! | a trial of the area's product | 35 (Teams Exploratory: 20 for M365; Business Premium or E5 trial: 20 for Security) |
//! | paid seats up 10%+ in three months (25%+: ×1.5) | M365 15, Security 10, Surface 10 |
//! | headcount up 5%+ in six months (15%+: 18) | 10 in every area |
//! | active users' share up 5+ points against the three months before (10+: 15) | M365 10 |
//! | the main licence renews within 90 days | M365 15, Security 10 |
//! | the area's own product renews within 90 days | 10 (Business Central, Sales, Power Apps, Security add-ons) |
//! | Surface devices reach the end of their term within six months | Surface 30 |
//! | Azure spend up 20%+ in three months / started in the last three | Azure 25 / 30 |
//! | MFA registration up 10+ points in three months, or MFA newly enforced | Security 20 |
//! | an Enterprise or Open agreement ends within six months | Azure 20, M365 15 |
//! | Windows/SQL Server 2012 or older / Office or Office servers 2013 or older in use | Azure 10 / M365 10 |
//!
//! Recency: 1 within 30 days, 0.6 within 60, 0.35 within 90. The score is
//! `round(100 × (1 − e^(−points/60)))`: about 21 points reach Low (30), 48 Medium (55), 82 High
//! (75), so High takes two strong signals (a research surge and a lead) or one strong and
//! several supporting ones.

use chrono::NaiveDate;
use partner_advisor_domain::{ExternalSignalKind as K, Product};
use partner_advisor_formats::cloudascent::SolutionArea;

use super::facts::{core_rank, Facts, AREAS};

/// A purchase signal behind an intent score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum IntentSignal {
    /// Research on the area's topic (figure: the strongest recent strength, 0–100).
    Research,
    /// A lead from the customer's domain on an offer of the area (figure: days since).
    Lead,
    /// A lead on the partner's profile (figure: days since).
    ProfileLead,
    /// A trial of the area's product (figure: seats on trial).
    Trial,
    /// Paid seats grew (figure: % over three months).
    SeatGrowth,
    /// Headcount grew (figure: % over six months).
    HeadcountGrowth,
    /// The share of active users grew (figure: points over three months).
    UsageGrowth,
    /// The main licence or the area's product renews soon (figure: days to renewal).
    Renewal,
    /// Surface devices reach the end of their term (figure: days left).
    DeviceRefresh,
    /// Azure spend grew (figure: % over three months).
    AzureGrowth,
    /// Azure spend started in the last three months (figure: USD per month now).
    AzureStarted,
    /// MFA roll-out (figure: points of registration gained).
    MfaRollout,
    /// An agreement ends (figure: days left).
    AgreementEnding,
    /// A product out of support is in use (figure: its version's year).
    EndOfSupport,
}

/// One signal's share of an intent score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Contribution {
    /// The signal.
    pub signal: IntentSignal,
    /// Its points.
    pub points: f32,
    /// The figure its sentence quotes (see [`IntentSignal`]).
    pub figure: f32,
}

/// Most signals one area can have at once.
const MAX_SIGNALS: usize = 14;

/// An intent score with its signals.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Intent {
    /// 0–100.
    pub score: u8,
    /// The sum of the points.
    pub points: f32,
    signals: [Option<Contribution>; MAX_SIGNALS],
}

impl Intent {
    /// The signals, most points first (ties in signal order).
    pub fn signals(&self) -> impl Iterator<Item = &Contribution> {
        self.signals.iter().flatten()
    }
}

/// Points per day band.
fn recency(days: i64) -> f64 {
    match days {
        ..=30 => 1.0,
        31..=60 => 0.6,
        61..=90 => 0.35,
        _ => 0.0,
    }
}

/// The research topics of an area.
pub(crate) fn research_topics(area: SolutionArea) -> &'static [K] {
    match area {
        SolutionArea::M365 => &[K::ResearchModernWork],
        SolutionArea::Surface => &[K::ResearchDevices],
        SolutionArea::Azure => &[K::ResearchCloud, K::ResearchAi],
        SolutionArea::D365BusinessCentral => &[K::ResearchErp],
        SolutionArea::D365CustomerEngagement => &[K::ResearchCrm],
        SolutionArea::D365FinanceOperations => &[K::ResearchFinance],
        SolutionArea::PowerApps => &[K::ResearchLowCode],
        SolutionArea::Security => &[K::ResearchSecurity],
    }
}

/// The areas an offer is about, read from words in its name (bit per [`SolutionArea`] index):
/// Business Central, ERP, accounting → Business Central; Dynamics 365 Sales, Sales Professional,
/// CRM → Sales; Finance and Operations, Supply Chain, Dynamics 365 Finance → Finance &
/// Operations; Power Apps, Power Platform, Power Automate, low-code → Power Apps; Azure, landing
/// zone, migration, backup, data centre → Azure; security, Defender, Sentinel, zero trust,
/// threat → Security; Surface, device, laptop, Windows 11 → Surface; Microsoft 365, Office 365,
/// Copilot, Teams, modern workplace, SharePoint, Exchange → M365.
pub fn lead_areas(offer: &str) -> u16 {
    let text = offer.to_lowercase();
    let any = |words: &[&str]| words.iter().any(|w| text.contains(w));
    let mut areas = 0u16;
    let mut add = |a: SolutionArea| areas |= 1 << (a as u16);
    if any(&["business central", "erp", "accounting"]) {
        add(SolutionArea::D365BusinessCentral);
    }
    if any(&["dynamics 365 sales", "sales professional", "crm"]) {
        add(SolutionArea::D365CustomerEngagement);
    }
    if any(&[
        "finance and operations",
        "finance & operations",
        "supply chain",
        "dynamics 365 finance",
    ]) {
        add(SolutionArea::D365FinanceOperations);
    }
    if any(&[
        "power apps",
        "power platform",
        "power automate",
        "low-code",
        "low code",
    ]) {
        add(SolutionArea::PowerApps);
    }
    if any(&[
        "azure",
        "landing zone",
        "migration",
        "backup",
        "data centre",
        "datacenter",
    ]) {
        add(SolutionArea::Azure);
    }
    if any(&["secur", "defender", "sentinel", "zero trust", "threat"]) {
        add(SolutionArea::Security);
    }
    if any(&["surface", "device", "laptop", "windows 11"]) {
        add(SolutionArea::Surface);
    }
    if any(&[
        "microsoft 365",
        "office 365",
        "copilot",
        "teams",
        "modern workplace",
        "sharepoint",
        "exchange",
    ]) {
        add(SolutionArea::M365);
    }
    areas
}

/// Products whose trial counts for an area, with its points.
fn trial_points(area: SolutionArea, p: Product) -> f64 {
    use Product::*;
    match (area, p) {
        (SolutionArea::M365, TeamsExploratory) => 20.0,
        (SolutionArea::M365, _) if core_rank(p).is_some() || p == Copilot => 35.0,
        (SolutionArea::Security, BusinessPremium | Microsoft365E5) => 20.0,
        (SolutionArea::Security, DefenderForBusiness | DefenderForOfficeP2 | EmsE5 | EntraIdP1) => {
            35.0
        }
        (SolutionArea::D365BusinessCentral, BusinessCentralEssentials)
        | (SolutionArea::D365CustomerEngagement, SalesProfessional)
        | (SolutionArea::PowerApps, PowerAppsPremium) => 35.0,
        _ => 0.0,
    }
}

/// The area's own products, whose renewal is a moment to sell more.
fn own_products(area: SolutionArea) -> &'static [Product] {
    use Product::*;
    match area {
        SolutionArea::D365BusinessCentral => &[BusinessCentralEssentials],
        SolutionArea::D365CustomerEngagement => &[SalesProfessional],
        SolutionArea::PowerApps => &[PowerAppsPremium],
        SolutionArea::Security => &[DefenderForBusiness, DefenderForOfficeP2, EmsE5, EntraIdP1],
        _ => &[],
    }
}

fn days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    (to - from).num_days()
}

/// Points-to-score scale: `score = 100 × (1 − e^(−points/SCALE))`.
const SCALE: f64 = 60.0;

/// The score of a sum of points.
pub fn score_of(points: f64) -> u8 {
    (100.0 * (1.0 - (-points.max(0.0) / SCALE).exp())).round() as u8
}

/// The intent of a customer in an area.
pub fn intent(f: &Facts, area: SolutionArea) -> Intent {
    let mut out = Intent {
        score: 0,
        points: 0.0,
        signals: [None; MAX_SIGNALS],
    };
    let mut n = 0;
    let mut add = |signal: IntentSignal, points: f64, figure: f64| {
        if points > 0.0 && n < MAX_SIGNALS {
            out.signals[n] = Some(Contribution {
                signal,
                points: points as f32,
                figure: figure as f32,
            });
            n += 1;
        }
    };
    let as_of = f.as_of;
    let is = |a: SolutionArea| a == area;

    // Research on the area's topics.
    let mut research = 0.0;
    let mut strongest: f64 = 0.0;
    for topic in research_topics(area) {
        for o in f.signals(*topic) {
            let strength = if o.quantity.is_finite() {
                o.quantity.clamp(0.0, 100.0)
            } else {
                50.0
            };
            let weight = recency(days_between(o.observed_on, as_of));
            if weight > 0.0 {
                research += 50.0 * strength / 100.0 * weight;
                strongest = strongest.max(strength);
            }
        }
    }
    add(IntentSignal::Research, research.min(60.0), strongest);

    // Leads from the customer's domain.
    let bit = 1u16 << (area as u16);
    let (mut lead, mut lead_days, mut profile, mut profile_days) = (0.0, i64::MAX, 0.0, i64::MAX);
    for l in &f.leads {
        let days = i64::from(l.days_ago);
        let weight = recency(days);
        if l.profile {
            profile += 12.0 * weight;
            profile_days = profile_days.min(days);
        } else if l.areas & bit != 0 {
            lead += 30.0 * weight + if l.hot { 10.0 } else { 0.0 };
            lead_days = lead_days.min(days);
        }
    }
    add(IntentSignal::Lead, lead.min(40.0), lead_days as f64);
    add(
        IntentSignal::ProfileLead,
        profile.min(15.0),
        profile_days as f64,
    );

    // Trials.
    let (mut trial, mut trial_seats): (f64, u32) = (0.0, 0);
    for p in Product::ALL {
        let h = f.holding(*p);
        if h.trial > 0 {
            let points = trial_points(area, *p);
            if points > trial {
                trial = points;
                trial_seats = h.trial;
            }
        }
    }
    add(IntentSignal::Trial, trial, f64::from(trial_seats));

    // Growth.
    if let Some(g) = f.seat_growth().filter(|g| *g >= 0.10) {
        let base = match area {
            SolutionArea::M365 => 15.0,
            SolutionArea::Security | SolutionArea::Surface => 10.0,
            _ => 0.0,
        };
        let points = if g >= 0.25 { base * 1.5 } else { base };
        add(IntentSignal::SeatGrowth, points, g * 100.0);
    }
    if let Some(g) = f.employee_growth().filter(|g| *g >= 0.05) {
        add(
            IntentSignal::HeadcountGrowth,
            if g >= 0.15 { 18.0 } else { 10.0 },
            g * 100.0,
        );
    }
    if is(SolutionArea::M365) {
        if let Some(t) = f.usage_trend().filter(|t| *t >= 5.0) {
            add(
                IntentSignal::UsageGrowth,
                if t >= 10.0 { 15.0 } else { 10.0 },
                t,
            );
        }
    }

    // Renewals.
    let soon = |d: Option<NaiveDate>| {
        d.map(|d| days_between(as_of, d))
            .filter(|d| (0..=90).contains(d))
    };
    let mut renewal: Option<(f64, i64)> = None;
    if matches!(area, SolutionArea::M365 | SolutionArea::Security) {
        if let Some(days) = f.core().and_then(|(p, _)| soon(f.holding(p).renews)) {
            renewal = Some((if is(SolutionArea::M365) { 15.0 } else { 10.0 }, days));
        }
    }
    for p in own_products(area) {
        if let Some(days) = soon(f.holding(*p).renews) {
            if renewal.is_none_or(|(_, d)| days < d) {
                renewal = Some((renewal.map_or(10.0, |(pts, _)| pts.max(10.0)), days));
            }
        }
    }
    if let Some((points, days)) = renewal {
        add(IntentSignal::Renewal, points, days as f64);
    }
    if is(SolutionArea::Surface) {
        if let Some(days) = f
            .holding(Product::SurfaceDevice)
            .renews
            .map(|d| days_between(as_of, d))
            .filter(|d| (0..=183).contains(d))
        {
            add(IntentSignal::DeviceRefresh, 30.0, days as f64);
        }
    }

    // Azure spend.
    if is(SolutionArea::Azure) {
        match f.acr_3m {
            Some(before) if before > 0.0 && f.acr_usd_month >= 1.2 * before => {
                let g = (f.acr_usd_month - before) / before;
                add(IntentSignal::AzureGrowth, 25.0, g * 100.0);
            }
            Some(before) if before <= 0.0 && f.acr_usd_month > 0.0 => {
                add(IntentSignal::AzureStarted, 30.0, f.acr_usd_month);
            }
            _ => {}
        }
    }

    // MFA roll-out.
    if is(SolutionArea::Security) {
        if let (Some(now), Some(before)) = (f.posture, f.posture_3m) {
            let gained = (now.mfa_ratio - before.mfa_ratio) * 100.0;
            if gained >= 10.0 || (now.mfa_enforced && !before.mfa_enforced) {
                add(IntentSignal::MfaRollout, 20.0, gained.max(0.0));
            }
        }
    }

    // Agreements ending.
    let agreement_points = match area {
        SolutionArea::Azure => 20.0,
        SolutionArea::M365 => 15.0,
        _ => 0.0,
    };
    if agreement_points > 0.0 {
        let ending = [K::EnterpriseAgreement, K::OpenLicense]
            .iter()
            .filter_map(|k| f.agreement(*k).and_then(|a| a.until))
            .map(|u| days_between(as_of, u))
            .filter(|d| (0..=183).contains(d))
            .min();
        if let Some(days) = ending {
            add(IntentSignal::AgreementEnding, agreement_points, days as f64);
        }
    }

    // Products out of support.
    let oldest = |kinds: &[K], last: u16| {
        kinds
            .iter()
            .flat_map(|k| f.signals(*k))
            .filter_map(|o| o.year)
            .filter(|y| *y <= last)
            .min()
    };
    let eos = match area {
        SolutionArea::Azure => oldest(&[K::WindowsServer, K::SqlServer], 2012),
        SolutionArea::M365 => oldest(&[K::Office, K::ProductivityServer], 2013),
        _ => None,
    };
    if let Some(year) = eos {
        add(IntentSignal::EndOfSupport, 10.0, f64::from(year));
    }

    let total: f64 = out.signals().map(|c| f64::from(c.points)).sum();
    out.points = total as f32;
    out.score = score_of(total);
    out.signals[..n].sort_by(|a, b| {
        let (a, b) = (a.expect("filled"), b.expect("filled"));
        b.points.total_cmp(&a.points).then(a.signal.cmp(&b.signal))
    });
    out
}

/// Intent in every area, [`SolutionArea::ALL`] order.
pub fn intents(f: &Facts) -> [Intent; AREAS] {
    SolutionArea::ALL.map(|a| intent(f, a))
}

#[cfg(test)]
mod tests {
    use partner_advisor_domain::SubscriptionStatus;

    use super::super::facts::fixture::*;
    use super::super::facts::{months_before, LeadHit, Posture};
    use super::*;

    fn research(kind: K, strength: f64, days: u64) -> super::super::facts::Observed {
        let mut o = observed(kind);
        o.observed_on = as_of() - chrono::Days::new(days);
        o.quantity = strength;
        o
    }

    fn top(i: &Intent) -> Option<IntentSignal> {
        i.signals().next().map(|c| c.signal)
    }

    #[test]
    fn the_score_maps_points_to_the_bands() {
        assert_eq!(score_of(0.0), 0);
        assert!(score_of(21.0) >= 30 && score_of(20.0) < 30);
        assert!(score_of(48.0) >= 55 && score_of(47.0) < 55);
        assert!(score_of(82.0) >= 75 && score_of(81.0) < 75);
        assert!(score_of(1_000.0) <= 100);
    }

    #[test]
    fn nothing_scores_zero() {
        let f = with(customer(20), Product::BusinessBasic, 20);
        for i in intents(&f) {
            assert_eq!(i.score, 0);
            assert_eq!(i.signals().count(), 0);
        }
    }

    #[test]
    fn research_counts_by_strength_and_recency_in_its_area_only() {
        let f = signal(customer(40), research(K::ResearchErp, 100.0, 10));
        let bc = intent(&f, SolutionArea::D365BusinessCentral);
        assert_eq!(bc.points, 50.0);
        assert_eq!(top(&bc), Some(IntentSignal::Research));
        assert_eq!(intent(&f, SolutionArea::D365CustomerEngagement).score, 0);
        let f = signal(f, research(K::ResearchErp, 80.0, 45));
        let bc = intent(&f, SolutionArea::D365BusinessCentral);
        assert_eq!(bc.points, 60.0, "capped");
        let old = signal(customer(40), research(K::ResearchErp, 100.0, 95));
        assert_eq!(intent(&old, SolutionArea::D365BusinessCentral).score, 0);
        // Azure reads cloud and AI research.
        let f = signal(customer(40), research(K::ResearchAi, 60.0, 40));
        assert!((intent(&f, SolutionArea::Azure).points - 18.0).abs() < 1e-4);
    }

    #[test]
    fn leads_count_for_their_areas_and_profile_leads_for_all() {
        let mut f = customer(40);
        f.leads.push(LeadHit {
            areas: lead_areas("Business Central Quick Start"),
            profile: false,
            hot: true,
            days_ago: 5,
        });
        f.leads.push(LeadHit {
            areas: 0,
            profile: true,
            hot: false,
            days_ago: 50,
        });
        let bc = intent(&f, SolutionArea::D365BusinessCentral);
        assert_eq!(top(&bc), Some(IntentSignal::Lead));
        assert!((bc.points - (40.0 + 7.2)).abs() < 1e-4, "{bc:?}");
        let azure = intent(&f, SolutionArea::Azure);
        assert_eq!(top(&azure), Some(IntentSignal::ProfileLead));
        assert_eq!(
            lead_areas("Azure Landing Zone in 5 Days"),
            1 << SolutionArea::Azure as u16
        );
        let secure = lead_areas("Northwind Secure Modern Workplace");
        assert_eq!(
            secure,
            (1 << SolutionArea::Security as u16) | (1 << SolutionArea::M365 as u16)
        );
        assert_eq!(lead_areas("Something else"), 0);
    }

    #[test]
    fn trials_growth_and_renewals() {
        let mut f = with(customer(50), Product::BusinessStandard, 40);
        f.add_subscription(
            Product::BusinessPremium,
            25,
            SubscriptionStatus::Trial,
            months_before(as_of(), 0),
            as_of(),
        );
        f.seats_3m = Some(30);
        f.employees_6m = Some(40);
        f.usage_now = Some(0.8);
        f.usage_before = Some(0.65);
        let m365 = intent(&f, SolutionArea::M365);
        let signals: Vec<IntentSignal> = m365.signals().map(|c| c.signal).collect();
        assert_eq!(
            signals,
            vec![
                IntentSignal::Trial,
                IntentSignal::SeatGrowth,
                IntentSignal::HeadcountGrowth,
                IntentSignal::UsageGrowth
            ]
        );
        // 35 + 22.5 (seats up 33%) + 18 (headcount up 25%) + 15 (15 points of usage).
        assert_eq!(m365.points, 90.5);
        assert_eq!(m365.score, score_of(90.5));
        let security = intent(&f, SolutionArea::Security);
        assert_eq!(top(&security), Some(IntentSignal::Trial));
        assert_eq!(security.points, 20.0 + 15.0 + 18.0);
        // The fixture renews in 180 days; within 90 it counts.
        let mut soon = customer(50);
        soon.add_subscription(
            Product::BusinessStandard,
            40,
            SubscriptionStatus::Active,
            months_before(as_of(), 11),
            as_of() + chrono::Days::new(30),
        );
        let m = intent(&soon, SolutionArea::M365);
        assert_eq!(top(&m), Some(IntentSignal::Renewal));
        assert_eq!(m.points, 15.0);
        assert_eq!(intent(&soon, SolutionArea::Security).points, 10.0);
    }

    #[test]
    fn azure_security_surface_and_compelling_events() {
        let mut f = customer(120);
        f.acr_usd_month = 600.0;
        f.acr_3m = Some(400.0);
        assert_eq!(
            top(&intent(&f, SolutionArea::Azure)),
            Some(IntentSignal::AzureGrowth)
        );
        f.acr_3m = Some(0.0);
        assert_eq!(
            top(&intent(&f, SolutionArea::Azure)),
            Some(IntentSignal::AzureStarted)
        );
        f.posture_3m = Some(Posture {
            mfa_ratio: 0.3,
            ..Posture::default()
        });
        f.posture = Some(Posture {
            mfa_ratio: 0.45,
            ..Posture::default()
        });
        assert_eq!(intent(&f, SolutionArea::Security).points, 20.0);
        f.add_subscription(
            Product::SurfaceDevice,
            10,
            SubscriptionStatus::Active,
            months_before(as_of(), 33),
            as_of() + chrono::Days::new(90),
        );
        assert_eq!(
            top(&intent(&f, SolutionArea::Surface)),
            Some(IntentSignal::DeviceRefresh)
        );
        let mut ea = observed(K::EnterpriseAgreement);
        ea.until = Some(as_of() + chrono::Days::new(120));
        let mut ws = observed(K::WindowsServer);
        ws.year = Some(2012);
        let f = signal(signal(customer(600), ea), ws);
        let azure = intent(&f, SolutionArea::Azure);
        assert_eq!(azure.points, 30.0);
        assert_eq!(top(&azure), Some(IntentSignal::AgreementEnding));
        assert_eq!(intent(&f, SolutionArea::M365).points, 15.0);
    }
}
