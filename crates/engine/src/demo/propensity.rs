//! Each demo customer's latent fit and intent per solution area (CloudAscent's eight areas), and
//! the external signals through which real data would show them.
//!
//! Everything here draws from a stream of its own ([`Stream::Propensity`]), after the customer's
//! traits are drawn and without touching the timeline, so adding it changed none of the demo's
//! subscriptions, usage, security signals, leads or CRM accounts.
//!
//! # Fit: how much the customer resembles the area's buyers
//!
//! For each area *a*, with size = ln(employees at the start) − 2.5, the customer's industry
//! affinity for the area `ind[a]` (a table below), its existing traits (engagement, maturity,
//! growth; see `tenants.rs`) and a standard normal noise εᶠ of this stream:
//!
//! - M365 (premium productivity) = σ(−0.2 + 0.45·size + industry upgrade shift +
//!   0.6·engagement + 3·growth + 0.7·εᶠ): the same drivers as the timeline's upgrades, so the
//!   customers who moved to Business Premium or Microsoft 365 E3/E5 are its buyers;
//! - Surface = σ(−1.0 + 0.4·size + 1.5·ind + 0.8·maturity + 0.7·εᶠ) (maturity also drives the
//!   timeline's Surface purchases);
//! - Azure = σ(−0.8 + 0.55·size + ind + 0.3·maturity + 0.7·εᶠ);
//! - Business Central = σ(−1.2 + 0.6 − 0.3·ln²(employees/60) + ind + 2·growth + 0.7·εᶠ): a sweet
//!   spot around 60 employees;
//! - Customer Engagement (Sales) = σ(−1.3 + 0.4·size + ind + 2·growth + 0.2·engagement + 0.7·εᶠ);
//! - Finance & Operations = σ(−0.5 + 0.7·ln(employees/250) + ind + 0.2·maturity + 0.7·εᶠ);
//! - Power Apps = σ(−1.2 + 0.35·size + ind + 0.4·maturity + 0.2·engagement + 0.7·εᶠ);
//! - Security = σ(logit of the timeline's security propensity + 0.4·εᶠ): the propensity that
//!   drives the timeline's security purchases (maturity, size, industry and its own noise).
//!
//! # Intent: how close it is to buying in the area
//!
//! A buying mood shared by the areas g and one per area εⁱ (standard normals) make the in-market
//! state m = 0.5·g + 0.85·εⁱ; intent = σ(base + 1.1·m + drivers): M365 −1.3 + 0.5·engagement +
//! 4·growth; Surface −1.5 + 3·growth; Azure, Business Central and Sales −1.5/−1.6/−1.6 + 2·growth;
//! Finance & Operations −1.8; Power Apps −1.6; Security −1.4 + 0.4·maturity. Growth shows in the
//! headcount and seats, engagement in the usage; the in-market state shows only in the research
//! signals below (as it does at Microsoft, whose intent is "signals related to … online behavior").
//!
//! # What the data shows of them (`external_signals`, observed up to the last snapshot)
//!
//! - **Ownership through other channels**, likelier the higher the fit: Business Central
//!   σ(−0.5 + 1.5·fitlogit), Dynamics 365 Sales σ(−0.7 + 1.5·…), Finance σ(0.0 + 1.5·…), Power
//!   Apps σ(−0.7 + 1.5·…), Azure σ(−0.5 + 1.5·…), Surface devices σ(−0.2 + 1.5·…) bought in the
//!   last three years (each about 5–25% of the customers). With the partner's own subscriptions
//!   (whose Business Central, Sales and Power Apps the timeline sells at random to 2–3%) they
//!   make the buyers the fit models learn from.
//! - **Install base** (technographics), likelier the higher the fit of the area it leads to:
//!   QuickBooks, Dynamics GP and NAV (Business Central); Salesforce and Dynamics CRM on premises
//!   (Sales); Dynamics AX and SAP (Finance & Operations); competing low-code platforms (Power
//!   Apps); Windows Server and SQL Server (with version, edition, licence and Software Assurance),
//!   VMware, Linux, Oracle, .NET applications, data warehouses, HPC, edge devices, GPU
//!   workstations, Remote Desktop, Citrix and Horizon, AWS and Google Cloud (Azure);
//!   third-party endpoint security (Security). Office and Office servers on premises, Google
//!   Workspace and Zoom are common and only weakly tied to fit (they feed the migrate and compete
//!   plays).
//! - **Agreements**: an Enterprise Agreement for most customers of 500+ employees, Open licences
//!   (likelier with servers or Dynamics on premises); the end date falls in the next six months
//!   with the Azure intent's probability.
//! - **Nonprofit status** for most nonprofits and a tenth of education customers.
//! - **Research** (intent): in each of the last three months, a research signal on the area's
//!   topic with probability σ(intentlogit + 0.3 − 0.5·months ago) and strength 45 +
//!   15·intentlogit + 12·noise (10–100).
//!
//! The truths go to `demo_area_truth` (fit and intent, 0–1, per area), the signals to
//! `external_signals` with source `Demo`.

use chrono::NaiveDate;
use partner_advisor_domain::{ExternalSignal, ExternalSignalKind as K, LicenseProgram};
use partner_advisor_formats::cloudascent::SolutionArea;
use partner_advisor_store::tables::demo_truth::AreaTruth;
use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::calendar::{add_days, add_months};
use super::industries::INDUSTRIES;
use super::names::Country;
use super::rng::{self, lognormal, normal, pick_str, pick_weighted, sigmoid, Stream};
use super::tenants::{Identity, Traits};

/// Areas in [`SolutionArea::ALL`] order.
const AREAS: usize = SolutionArea::ALL.len();

/// Industry affinity per area (logit shifts), in [`INDUSTRIES`] order, for the areas whose
/// shift is not an existing industry effect (M365 and Security use the upgrade and security
/// shifts of `industries.rs`).
const AFFINITY: [[f64; 14]; AREAS] = {
    // Manufacturing, Retail, Professional, Healthcare, Financial, Construction, Hospitality,
    // Transportation, Real Estate, Education, Media, Technology, Agriculture, Nonprofit.
    [
        [0.0; 14],
        [
            0.0, 0.1, 0.4, 0.3, 0.3, -0.2, -0.3, -0.2, 0.1, 0.7, 0.4, 0.2, -0.5, 0.0,
        ],
        [
            0.3, 0.0, 0.0, 0.1, 0.4, -0.3, -0.4, 0.1, -0.2, -0.1, 0.1, 0.8, -0.4, -0.3,
        ],
        [
            0.6, 0.6, 0.2, -0.3, -0.1, 0.3, -0.2, 0.4, 0.0, -0.5, -0.1, 0.1, 0.3, -0.3,
        ],
        [
            0.1, 0.1, 0.5, -0.2, 0.6, -0.1, -0.3, 0.0, 0.5, -0.3, 0.3, 0.6, -0.5, 0.0,
        ],
        [
            0.8, 0.5, -0.3, -0.2, 0.1, 0.1, -0.5, 0.5, -0.4, -0.5, -0.4, 0.0, 0.2, -0.6,
        ],
        [
            0.2, 0.0, 0.3, 0.4, 0.4, 0.0, -0.3, 0.1, 0.0, 0.1, -0.1, 0.5, -0.3, 0.1,
        ],
        [0.0; 14],
    ]
};

const M365: usize = SolutionArea::M365 as usize;
const SURFACE: usize = SolutionArea::Surface as usize;
const AZURE: usize = SolutionArea::Azure as usize;
const BC: usize = SolutionArea::D365BusinessCentral as usize;
const CE: usize = SolutionArea::D365CustomerEngagement as usize;
const FO: usize = SolutionArea::D365FinanceOperations as usize;
const POWER_APPS: usize = SolutionArea::PowerApps as usize;
const SECURITY: usize = SolutionArea::Security as usize;

/// Industry indices used by the install base.
const MANUFACTURING: usize = 0;
const PROFESSIONAL: usize = 2;
const TRANSPORTATION: usize = 7;
const EDUCATION: usize = 9;
const MEDIA: usize = 10;
const TECHNOLOGY: usize = 11;
const AGRICULTURE: usize = 12;
const NONPROFIT: usize = 13;

/// A customer's latent fit and intent logits per area.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Latent {
    /// Fit logits, [`SolutionArea::ALL`] order.
    pub fit: [f64; AREAS],
    /// Intent logits.
    pub intent: [f64; AREAS],
}

impl Latent {
    /// The truths as stored.
    pub(crate) fn truths(&self, tenant_id: &str) -> Vec<AreaTruth> {
        SolutionArea::ALL
            .iter()
            .map(|a| AreaTruth {
                tenant_id: tenant_id.to_owned(),
                area: a.prefix().to_owned(),
                fit: sigmoid(self.fit[*a as usize]),
                intent: sigmoid(self.intent[*a as usize]),
            })
            .collect()
    }
}

/// Draws the latent fit and intent of customer `index` from its traits.
pub(crate) fn latent(seed: u64, index: u32, t: &Traits) -> Latent {
    let mut r = rng::rng(seed, Stream::Propensity, u64::from(index), 0);
    let ind = usize::from(t.industry);
    let employees = f64::from(t.employees0.max(1));
    let size = employees.ln() - 2.5;
    let growth = f64::from(t.growth);
    let engagement = f64::from(t.engagement);
    let maturity = f64::from(t.maturity);
    let mut fit = [0.0; AREAS];
    fit[M365] = -0.2 + 0.45 * size + INDUSTRIES[ind].upgrade + 0.6 * engagement + 3.0 * growth;
    fit[SURFACE] = -1.0 + 0.4 * size + 0.5 * AFFINITY[SURFACE][ind] + 0.8 * maturity;
    fit[AZURE] = -0.8 + 0.55 * size + 0.3 * maturity;
    fit[BC] = -1.2 + 0.6 - 0.3 * (employees / 60.0).ln().powi(2) + 2.0 * growth;
    fit[CE] = -1.3 + 0.4 * size + 2.0 * growth + 0.2 * engagement;
    fit[FO] = -0.5 + 0.7 * (employees / 250.0).ln() + 0.2 * maturity;
    fit[POWER_APPS] = -1.2 + 0.35 * size + 0.4 * maturity + 0.2 * engagement;
    fit[SECURITY] = (t.security_p / (1.0 - t.security_p)).ln();
    // The security propensity carries noise of its own, so it gets less of this one.
    let spread = [0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.4];
    for (a, f) in fit.iter_mut().enumerate() {
        *f += AFFINITY[a][ind] + spread[a] * normal(&mut r);
    }
    let mood = normal(&mut r);
    let mut intent = [0.0; AREAS];
    let base = [-1.3, -1.5, -1.5, -1.6, -1.6, -1.8, -1.6, -1.4];
    for (a, i) in intent.iter_mut().enumerate() {
        let in_market = 0.5 * mood + 0.85 * normal(&mut r);
        *i = base[a] + 1.1 * in_market;
    }
    intent[M365] += 0.5 * engagement + 4.0 * growth;
    intent[SURFACE] += 3.0 * growth;
    for a in [AZURE, BC, CE] {
        intent[a] += 2.0 * growth;
    }
    intent[SECURITY] += 0.4 * maturity;
    Latent { fit, intent }
}

/// The research topic of each area.
const RESEARCH: [K; AREAS] = [
    K::ResearchModernWork,
    K::ResearchDevices,
    K::ResearchCloud,
    K::ResearchErp,
    K::ResearchCrm,
    K::ResearchFinance,
    K::ResearchLowCode,
    K::ResearchSecurity,
];

/// Writes one customer's signals.
struct Signals<'a> {
    r: ChaCha8Rng,
    tenant_id: &'a str,
    as_of: NaiveDate,
    out: Vec<ExternalSignal>,
}

impl Signals<'_> {
    fn chance(&mut self, logit: f64) -> bool {
        self.r.gen_bool(sigmoid(logit))
    }

    /// A day within the last `days` days.
    fn recent(&mut self, days: i64) -> NaiveDate {
        add_days(self.as_of, -self.r.gen_range(0..days.max(1)))
    }

    fn push(&mut self, kind: K, observed_on: NaiveDate) -> &mut ExternalSignal {
        self.out.push(ExternalSignal {
            tenant_id: self.tenant_id.to_owned(),
            kind,
            version: None,
            edition: None,
            license: None,
            annuity: None,
            quantity: None,
            observed_on,
            until: None,
            source: "Demo".to_owned(),
        });
        let last = self.out.len() - 1;
        &mut self.out[last]
    }

    /// An install-base observation of the last two years.
    fn installed(&mut self, kind: K) -> &mut ExternalSignal {
        let on = self.recent(720);
        self.push(kind, on)
    }

    /// A licence program for an on-premises product, its Software Assurance and end date.
    fn licensing(&mut self, large: bool) -> (LicenseProgram, Option<bool>, Option<NaiveDate>) {
        let ea = if large { 25 } else { 2 };
        let program = pick_weighted(
            &mut self.r,
            &[
                (LicenseProgram::Open, 15),
                (LicenseProgram::OpenValue, 20),
                (LicenseProgram::EnterpriseAgreement, ea),
                (LicenseProgram::Oem, 30),
                (LicenseProgram::Retail, 5),
                (LicenseProgram::Csp, 15),
            ],
        );
        let annuity = match program {
            LicenseProgram::Open
            | LicenseProgram::OpenValue
            | LicenseProgram::EnterpriseAgreement => Some(self.r.gen_bool(0.6)),
            LicenseProgram::Csp => Some(self.r.gen_bool(0.3)),
            LicenseProgram::Oem | LicenseProgram::Retail => Some(false),
        };
        let until = match program {
            LicenseProgram::Oem | LicenseProgram::Retail => None,
            _ => {
                let months = self.r.gen_range(0..48u32);
                Some(add_days(add_months(self.as_of, months), -365))
            }
        };
        (program, annuity, until)
    }

    /// A server product with version, edition, licence and Software Assurance.
    fn server(&mut self, kind: K, employees: u32) {
        let version = pick_weighted(
            &mut self.r,
            &[
                ("2008 R2", 8),
                ("2012 R2", 22),
                ("2016", 30),
                ("2019", 28),
                ("2022", 12),
            ],
        );
        let edition = if kind == K::WindowsServer {
            Some(if self.r.gen_bool(0.25) {
                "Datacenter"
            } else {
                "Standard"
            })
        } else {
            Some(if self.r.gen_bool(0.3) {
                "Enterprise"
            } else {
                "Standard"
            })
        };
        let (license, annuity, until) = self.licensing(employees >= 250);
        let servers = self.r.gen_range(1..=(employees / 20 + 2)).min(60);
        let s = self.installed(kind);
        s.version = Some(version.to_owned());
        s.edition = edition.map(str::to_owned);
        s.license = Some(license);
        s.annuity = annuity;
        s.until = until;
        s.quantity = Some(f64::from(servers));
    }

    /// A Dynamics product on premises (possibly on an Open licence).
    fn dynamics_on_prem(&mut self, kind: K, employees: u32) {
        let (license, annuity, until) = self.licensing(employees >= 250);
        let users = self.r.gen_range(2..=(employees / 4).clamp(2, 80));
        let s = self.installed(kind);
        s.license = Some(license);
        s.annuity = annuity;
        s.until = until;
        s.quantity = Some(f64::from(users));
    }
}

/// The external signals of customer `index` as of `as_of`.
pub(crate) fn signals(
    seed: u64,
    index: u32,
    identity: &Identity,
    t: &Traits,
    latent: &Latent,
    as_of: NaiveDate,
) -> Vec<ExternalSignal> {
    let mut s = Signals {
        r: rng::rng(seed, Stream::Propensity, u64::from(index), 1),
        tenant_id: &identity.tenant_id,
        as_of,
        out: Vec::with_capacity(12),
    };
    let f = &latent.fit;
    let employees = t.employees0.max(1);
    let size = f64::from(employees).ln() - 2.5;
    let ind = usize::from(t.industry);

    // Microsoft cloud through other channels: the buyers the lookalikes learn from.
    for (kind, area, a, b) in [
        (K::BusinessCentral, BC, -0.5, 1.5),
        (K::DynamicsSales, CE, -0.7, 1.5),
        (K::DynamicsFinance, FO, 0.0, 1.5),
        (K::PowerApps, POWER_APPS, -0.7, 1.5),
    ] {
        if s.chance(a + b * f[area]) {
            let users = s.r.gen_range(2..=(employees / 5).clamp(2, 60));
            s.installed(kind).quantity = Some(f64::from(users));
        }
    }
    if s.chance(-0.5 + 1.5 * f[AZURE]) {
        let spend = (lognormal(&mut s.r, 300.0, 1.2) * 100.0).round() / 100.0;
        s.installed(K::Azure).quantity = Some(spend);
    }
    if s.chance(-0.2 + 1.5 * f[SURFACE]) {
        let devices = s.r.gen_range(1..=(employees / 3).clamp(1, 80));
        let bought = s.recent(3 * 365 - 30);
        s.push(K::SurfaceDevices, bought).quantity = Some(f64::from(devices));
    }

    // Modern work: perpetual Office, servers, competitors (common, weakly tied to fit).
    if s.chance(-1.2 - 0.3 * f[M365]) {
        let (version, mac) = pick_weighted(
            &mut s.r,
            &[
                (("2010", false), 10),
                (("2013", false), 15),
                (("2016", false), 35),
                (("2019", false), 25),
                (("2019", true), 5),
                (("2021", false), 10),
            ],
        );
        let seats = s.r.gen_range(1..=employees.min(300));
        let o = s.installed(K::Office);
        o.version = Some(version.to_owned());
        o.edition = mac.then(|| "Mac".to_owned());
        o.quantity = Some(f64::from(seats));
    }
    if s.chance(-2.4 + 0.3 * size) {
        let version = pick_weighted(
            &mut s.r,
            &[
                ("2007", 10),
                ("2010", 30),
                ("2013", 30),
                ("2016", 20),
                ("2019", 10),
            ],
        );
        let edition = pick_str(&mut s.r, &["Exchange Server", "SharePoint Server"]);
        let o = s.installed(K::ProductivityServer);
        o.version = Some(version.to_owned());
        o.edition = Some(edition.to_owned());
    }
    if s.chance(-3.0) {
        s.installed(K::GoogleWorkspace);
    }
    if s.chance(-1.6 + 0.2 * size) {
        s.installed(K::Zoom);
    }

    // Azure's install base.
    let small = if employees >= 10 { 0.0 } else { -1.7 };
    let mut servers = false;
    if s.chance(0.2 + small + 0.6 * f[AZURE]) {
        s.server(K::WindowsServer, employees);
        servers = true;
    }
    if s.chance(if servers { -0.8 } else { -3.0 } + 0.6 * f[AZURE]) {
        s.server(K::SqlServer, employees);
        servers = true;
    }
    let vertical_boost = |list: &[usize]| if list.contains(&ind) { 0.8 } else { 0.0 };
    for (kind, logit) in [
        (K::Vmware, -2.0 + 0.7 * f[AZURE] + 0.3 * size),
        (K::LinuxOss, -2.5 + 0.7 * f[AZURE]),
        (K::OracleDatabase, -3.8 + 0.7 * f[AZURE] + 0.3 * size),
        (K::DotNetApps, -2.2 + 0.7 * f[AZURE]),
        (K::DataWarehouse, -3.8 + 0.7 * f[AZURE] + 0.3 * size),
        (
            K::Hpc,
            -4.5 + 0.7 * f[AZURE] + vertical_boost(&[MANUFACTURING, TECHNOLOGY]),
        ),
        (
            K::IotEdge,
            -4.0 + 0.6 * f[AZURE] + vertical_boost(&[MANUFACTURING, TRANSPORTATION, AGRICULTURE]),
        ),
        (
            K::GpuWorkstations,
            -3.5 + 0.3 * f[AZURE] + vertical_boost(&[MEDIA, PROFESSIONAL, MANUFACTURING]),
        ),
        (K::RemoteDesktopServices, -2.5 + 0.5 * f[AZURE]),
        (K::Citrix, -3.2 + 0.5 * f[AZURE] + 0.3 * size),
        (K::VmwareHorizon, -3.8 + 0.5 * f[AZURE] + 0.3 * size),
        (K::Aws, -2.8 + 0.6 * f[AZURE]),
        (K::GoogleCloud, -3.8 + 0.6 * f[AZURE]),
    ] {
        if s.chance(logit) {
            s.installed(kind);
        }
    }
    if s.chance(-4.0 + 0.9 * f[FO]) {
        let edition = if s.r.gen_bool(0.7) { "ECC" } else { "S/4HANA" };
        s.installed(K::Sap).edition = Some(edition.to_owned());
    }

    // Business applications' install base.
    let quickbooks = if employees < 100 { -2.2 } else { -3.5 };
    if s.chance(quickbooks + 0.9 * f[BC]) {
        s.installed(K::QuickBooks);
    }
    let europe = identity.country != Country::Us;
    let mut dynamics = false;
    if s.chance(-3.4 + if europe { 0.0 } else { 0.5 } + 0.9 * f[BC]) {
        s.dynamics_on_prem(K::DynamicsGp, employees);
        dynamics = true;
    }
    if s.chance(-3.2 + if europe { 0.4 } else { 0.0 } + 0.9 * f[BC]) {
        s.dynamics_on_prem(K::DynamicsNav, employees);
        dynamics = true;
    }
    if s.chance(-3.6 + 1.0 * f[FO]) {
        s.dynamics_on_prem(K::DynamicsAx, employees);
        dynamics = true;
    }
    if s.chance(-3.8 + 0.9 * f[CE]) {
        s.dynamics_on_prem(K::DynamicsCrm, employees);
        dynamics = true;
    }
    if s.chance(-2.6 + 0.9 * f[CE]) {
        s.installed(K::Salesforce);
    }
    if s.chance(-2.0 + 1.2 * f[POWER_APPS]) {
        let vendor = pick_str(
            &mut s.r,
            &[
                "Salesforce Lightning Platform",
                "OutSystems",
                "Quickbase",
                "Mendix",
            ],
        );
        s.installed(K::LowCodePlatform).edition = Some(vendor.to_owned());
    }

    // Security.
    if s.chance(-1.2 + 0.3 * f[SECURITY]) {
        let vendor = pick_str(
            &mut s.r,
            &[
                "CrowdStrike",
                "Sophos",
                "ESET",
                "Trend Micro",
                "SentinelOne",
            ],
        );
        s.installed(K::EndpointSecurity).edition = Some(vendor.to_owned());
    }

    // Agreements: the end falls in the next six months with the Azure intent's probability.
    let ending_soon = sigmoid(latent.intent[AZURE]);
    let ea = match employees {
        500.. => -0.5,
        250..=499 => -2.5,
        _ => -6.0,
    };
    for (kind, logit) in [
        (K::EnterpriseAgreement, ea),
        (
            K::OpenLicense,
            -2.2 + if servers || dynamics { 0.8 } else { 0.0 },
        ),
    ] {
        if s.chance(logit) {
            let months = if s.r.gen_bool(ending_soon) {
                s.r.gen_range(0..6u32)
            } else {
                s.r.gen_range(6..36u32)
            };
            let until = add_days(add_months(as_of, months), s.r.gen_range(1..28));
            let signed = s.recent(365);
            let a = s.push(kind, signed);
            a.until = Some(until);
            if kind == K::EnterpriseAgreement {
                a.quantity = Some(f64::from(employees) * 300.0);
            }
        }
    }

    // Nonprofit status.
    let nonprofit = match ind {
        NONPROFIT => 0.85,
        EDUCATION => 0.1,
        _ => 0.0,
    };
    if nonprofit > 0.0 && s.r.gen_bool(nonprofit) {
        let status = pick_weighted(
            &mut s.r,
            &[
                ("Nonprofit", 20),
                ("Approved - Paid", 40),
                ("Approved - Free Only", 25),
                ("Approved - Inactive", 15),
            ],
        );
        s.installed(K::Nonprofit).edition = Some(status.to_owned());
    }

    // Research: the in-market state, month by month.
    for (a, topic) in RESEARCH.iter().enumerate() {
        let logit = latent.intent[a];
        for months_ago in 0..3u32 {
            if s.chance(logit + 0.3 - 0.5 * f64::from(months_ago)) {
                let strength = (45.0 + 15.0 * logit + 12.0 * normal(&mut s.r)).clamp(10.0, 100.0);
                let end = add_days(as_of, -30 * i64::from(months_ago));
                let on = add_days(end, -s.r.gen_range(0..28));
                s.push(*topic, on).quantity = Some(strength.round());
            }
        }
    }
    s.out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::tenants::{self, NameBook};

    fn customers(n: u32) -> Vec<(Identity, Traits)> {
        let mut book = NameBook::default();
        (0..n)
            .map(|i| {
                let (_, id, t) = tenants::register(&mut book, 5, i, 24);
                (id, t)
            })
            .collect()
    }

    #[test]
    fn latent_propensities_and_signals_are_deterministic() {
        let as_of = NaiveDate::from_ymd_opt(2026, 10, 31).expect("date");
        for (i, (id, t)) in customers(50).iter().enumerate() {
            let a = latent(5, i as u32, t);
            let b = latent(5, i as u32, t);
            assert_eq!(format!("{a:?}"), format!("{b:?}"));
            let sa = signals(5, i as u32, id, t, &a, as_of);
            let sb = signals(5, i as u32, id, t, &b, as_of);
            assert_eq!(sa, sb);
            assert!(sa.iter().all(|s| s.observed_on <= as_of));
        }
    }

    #[test]
    fn signals_follow_the_truth() {
        let as_of = NaiveDate::from_ymd_opt(2026, 10, 31).expect("date");
        let mut owners = [(0.0, 0usize); 2];
        let mut research = [(0.0, 0usize); 2];
        for (i, (id, t)) in customers(2_000).iter().enumerate() {
            let l = latent(5, i as u32, t);
            let s = signals(5, i as u32, id, t, &l, as_of);
            let owns = s.iter().any(|x| x.kind == K::BusinessCentral);
            let slot = &mut owners[usize::from(owns)];
            slot.0 += sigmoid(l.fit[BC]);
            slot.1 += 1;
            let surge = s.iter().any(|x| x.kind == K::ResearchErp);
            let slot = &mut research[usize::from(surge)];
            slot.0 += sigmoid(l.intent[BC]);
            slot.1 += 1;
        }
        let mean = |(sum, n): (f64, usize)| sum / n.max(1) as f64;
        assert!(mean(owners[1]) > mean(owners[0]) + 0.15, "{owners:?}");
        assert!(mean(research[1]) > mean(research[0]) + 0.1, "{research:?}");
    }
}

#[cfg(test)]
mod diagnostics {
    use super::*;
    use crate::demo::tenants::{self, NameBook};

    /// Prints the spread of the fit logits and how common each signal is (run by hand).
    #[test]
    #[ignore = "diagnostic: prints figures"]
    fn spread_and_prevalence() {
        let as_of = NaiveDate::from_ymd_opt(2026, 10, 31).expect("date");
        let mut book = NameBook::default();
        let mut fits: Vec<Vec<f64>> = vec![Vec::new(); AREAS];
        let mut counts: std::collections::BTreeMap<String, usize> = Default::default();
        let n = 5_000;
        for i in 0..n {
            let (_, id, t) = tenants::register(&mut book, 42, i, 24);
            let l = latent(42, i, &t);
            for (v, x) in fits.iter_mut().zip(l.fit) {
                v.push(x);
            }
            let mut seen = std::collections::BTreeSet::new();
            for s in signals(42, i, &id, &t, &l, as_of) {
                seen.insert(format!("{:?}", s.kind));
            }
            for k in seen {
                *counts.entry(k).or_default() += 1;
            }
        }
        for (a, v) in fits.iter_mut().enumerate() {
            v.sort_by(f64::total_cmp);
            let q = |p: f64| v[((v.len() - 1) as f64 * p) as usize];
            println!(
                "{:?}: fit logit q10 {:.2} q50 {:.2} q90 {:.2}",
                SolutionArea::ALL[a],
                q(0.1),
                q(0.5),
                q(0.9)
            );
        }
        for (k, c) in counts {
            println!("{k}: {:.1}%", 100.0 * c as f64 / f64::from(n));
        }
    }
}
