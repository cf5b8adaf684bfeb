//! What the propensity rules and models read of one customer at the scored snapshot: its
//! firmographics, what it holds (seats, trials, renewals per product), how its headcount, seats,
//! Azure spend, usage and MFA moved, its external signals and its recent leads.
//!
//! A [`Facts`] is a reusable buffer: the reader refills the same values page after page (strings
//! and lists keep their capacity), so scoring a million customers does not allocate per customer.

use chrono::NaiveDate;
use partner_advisor_domain::{ExternalSignalKind, LicenseProgram, Product, SubscriptionStatus};
use partner_advisor_formats::cloudascent::SolutionArea;

/// Products in the catalogue.
pub(crate) const PRODUCTS: usize = Product::ALL.len();
/// Solution areas.
pub(crate) const AREAS: usize = SolutionArea::ALL.len();

/// What a customer holds of one product at the snapshot.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Holding {
    /// Paid seats (or devices) of active subscriptions.
    pub active: u32,
    /// Seats on trial.
    pub trial: u32,
    /// The earliest end (renewal) date of an active subscription.
    pub renews: Option<NaiveDate>,
    /// Seats or devices of subscriptions listed at the snapshot that started in the last 36
    /// months, whatever their status (devices bought in the last three years).
    pub bought_3y: u32,
}

/// An edition, vendor or status of an external signal, as the rules read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Edition {
    /// None or one the rules do not distinguish.
    #[default]
    Other,
    /// Windows Server or SQL Server Standard.
    Standard,
    /// Windows Server Datacenter.
    Datacenter,
    /// Office for Mac.
    Mac,
    /// SAP ECC (before S/4HANA).
    SapEcc,
    /// SAP S/4HANA.
    SapS4Hana,
    /// Nonprofit: listed as a nonprofit.
    Nonprofit,
    /// Nonprofit: approved, paid offers.
    ApprovedPaid,
    /// Nonprofit: approved, free offers only.
    ApprovedFreeOnly,
    /// Nonprofit: approved, inactive.
    ApprovedInactive,
}

impl Edition {
    /// Reads an edition text (case, spaces and punctuation ignored), without allocating.
    pub fn parse(text: &str) -> Edition {
        const KEYS: [(&str, Edition); 11] = [
            ("standard", Edition::Standard),
            ("datacenter", Edition::Datacenter),
            ("mac", Edition::Mac),
            ("formac", Edition::Mac),
            ("ecc", Edition::SapEcc),
            ("ecc60", Edition::SapEcc),
            ("s4hana", Edition::SapS4Hana),
            ("nonprofit", Edition::Nonprofit),
            ("approvedpaid", Edition::ApprovedPaid),
            ("approvedfreeonly", Edition::ApprovedFreeOnly),
            ("approvedinactive", Edition::ApprovedInactive),
        ];
        let loose = || {
            text.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
        };
        KEYS.iter()
            .find(|(key, _)| loose().eq(key.chars()))
            .map_or(Edition::Other, |(_, e)| *e)
    }

    /// The `IsNonprofit` value of a nonprofit status.
    pub fn nonprofit_label(self) -> Option<&'static str> {
        Some(match self {
            Edition::Nonprofit => "Nonprofit",
            Edition::ApprovedPaid => "Approved - Paid",
            Edition::ApprovedFreeOnly => "Approved - Free Only",
            Edition::ApprovedInactive => "Approved - Inactive",
            _ => return None,
        })
    }
}

/// One external signal as the rules read it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Observed {
    /// What it is about.
    pub kind: ExternalSignalKind,
    /// The version's year (2012 for `2012 R2`).
    pub year: Option<u16>,
    /// Edition, vendor or status.
    pub edition: Edition,
    /// Licence program.
    pub license: Option<LicenseProgram>,
    /// Software Assurance.
    pub annuity: Option<bool>,
    /// Seats, servers, devices, USD per month or research strength, by kind (NaN when unknown).
    pub quantity: f64,
    /// When it was observed.
    pub observed_on: NaiveDate,
    /// When the licence or agreement ends.
    pub until: Option<NaiveDate>,
}

impl Observed {
    /// A signal with only its kind and date (tests, and kinds without details).
    pub fn new(kind: ExternalSignalKind, observed_on: NaiveDate) -> Self {
        Self {
            kind,
            year: None,
            edition: Edition::Other,
            license: None,
            annuity: None,
            quantity: f64::NAN,
            observed_on,
            until: None,
        }
    }
}

/// A lead from the customer's domain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LeadHit {
    /// The areas its offer is about (bit per [`SolutionArea`] index); every area for a lead on
    /// the partner's profile.
    pub areas: u16,
    /// Whether the lead came through the partner's profile rather than an offer.
    pub profile: bool,
    /// A Contact me call to action, or sales-qualified by Microsoft.
    pub hot: bool,
    /// Days between its creation and the snapshot (0 when after it).
    pub days_ago: u16,
}

/// Security posture at a snapshot.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Posture {
    /// Users registered for MFA over paid seats (0–1).
    pub mfa_ratio: f64,
    /// MFA enforced.
    pub mfa_enforced: bool,
    /// Defender for Office 365 present.
    pub defender_office: bool,
    /// Defender for Business present.
    pub defender_business: bool,
    /// Defender for Endpoint present.
    pub defender_endpoint: bool,
    /// Managed devices.
    pub devices: u32,
}

/// Everything the scores read of one customer.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    /// Tenant ID.
    pub tenant_id: String,
    /// Primary domain (lower case).
    pub domain: String,
    /// Country code.
    pub country: String,
    /// Industry.
    pub industry: String,
    /// Vertical.
    pub vertical: String,
    /// The snapshot's date.
    pub as_of: NaiveDate,
    /// Employees.
    pub employees: u32,
    /// Employees about six months before (the latest snapshot at least six months older).
    pub employees_6m: Option<u32>,
    /// Azure spend per month, USD.
    pub acr_usd_month: f64,
    /// Azure spend three months before.
    pub acr_3m: Option<f64>,
    /// Last transaction with the partner.
    pub last_transaction: Option<NaiveDate>,
    /// Holdings per product (`Product as usize`).
    pub products: [Holding; PRODUCTS],
    /// Paid seats three months before.
    pub seats_3m: Option<u32>,
    /// Monthly revenue (list prices of active subscriptions plus Azure) twelve months before.
    pub revenue_12m_ago: Option<f64>,
    /// Mean share of active users over the workloads in the latest month.
    pub usage_now: Option<f64>,
    /// The same share averaged over the three months before.
    pub usage_before: Option<f64>,
    /// Security posture now.
    pub posture: Option<Posture>,
    /// Security posture three months before.
    pub posture_3m: Option<Posture>,
    /// External signals observed up to the snapshot.
    pub observed: Vec<Observed>,
    /// Leads from the customer's domain in the 90 days before the snapshot (or since).
    pub leads: Vec<LeadHit>,
    /// What the reports write of the customer and the scores do not read.
    pub identity: Identity,
}

/// What the reports write of a customer beyond what the scores read: name, TPID, address,
/// segment (empty when unknown).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Identity {
    /// Customer name.
    pub name: String,
    /// TPID.
    pub tpid: String,
    /// City.
    pub city: String,
    /// State or region.
    pub state: String,
    /// Postal code.
    pub postal_code: String,
    /// Segment as stored (e.g. `SMB`).
    pub segment: String,
}

impl Identity {
    /// Clears every value, keeping the buffers.
    pub fn clear(&mut self) {
        self.name.clear();
        self.tpid.clear();
        self.city.clear();
        self.state.clear();
        self.postal_code.clear();
        self.segment.clear();
    }

    /// Copies `other` into `self`, reusing the buffers.
    pub fn copy_from(&mut self, other: &Identity) {
        self.clear();
        self.name.push_str(&other.name);
        self.tpid.push_str(&other.tpid);
        self.city.push_str(&other.city);
        self.state.push_str(&other.state);
        self.postal_code.push_str(&other.postal_code);
        self.segment.push_str(&other.segment);
    }
}

/// Productivity licences that make a customer a Microsoft 365 customer.
pub(crate) const M365_PRODUCTS: [Product; 9] = [
    Product::ExchangeOnlinePlan1,
    Product::AppsForBusiness,
    Product::BusinessBasic,
    Product::BusinessStandard,
    Product::BusinessPremium,
    Product::Office365E3,
    Product::Microsoft365E3,
    Product::Microsoft365E5,
    Product::TeamsEssentials,
];

/// The suites a Copilot licence attaches to.
pub(crate) const COPILOT_BASES: [Product; 5] = [
    Product::BusinessStandard,
    Product::BusinessPremium,
    Product::Office365E3,
    Product::Microsoft365E3,
    Product::Microsoft365E5,
];

/// Security products: standalone add-ons and the E5 suite.
pub(crate) const SECURITY_PRODUCTS: [Product; 5] = [
    Product::DefenderForBusiness,
    Product::DefenderForOfficeP2,
    Product::EmsE5,
    Product::EntraIdP1,
    Product::Microsoft365E5,
];

/// Rank of a core productivity product (higher is more valuable), as the opportunities rank
/// them.
pub(crate) fn core_rank(p: Product) -> Option<u8> {
    crate::opportunities::history::core_rank(p)
}

impl Facts {
    /// Clears every value, keeping the buffers.
    pub fn reset(&mut self) {
        self.tenant_id.clear();
        self.identity.clear();
        self.domain.clear();
        self.country.clear();
        self.industry.clear();
        self.vertical.clear();
        self.as_of = NaiveDate::default();
        self.employees = 0;
        self.employees_6m = None;
        self.acr_usd_month = 0.0;
        self.acr_3m = None;
        self.last_transaction = None;
        self.products = [Holding::default(); PRODUCTS];
        self.seats_3m = None;
        self.revenue_12m_ago = None;
        self.usage_now = None;
        self.usage_before = None;
        self.posture = None;
        self.posture_3m = None;
        self.observed.clear();
        self.leads.clear();
    }

    /// What the customer holds of `p`.
    pub fn holding(&self, p: Product) -> &Holding {
        &self.products[p as usize]
    }

    /// Paid seats of `p`.
    pub fn seats_of(&self, p: Product) -> u32 {
        self.products[p as usize].active
    }

    /// Whether an active subscription of `p` exists.
    pub fn has(&self, p: Product) -> bool {
        self.seats_of(p) > 0
    }

    /// Whether any of `products` is active.
    pub fn has_any(&self, products: &[Product]) -> bool {
        products.iter().any(|p| self.has(*p))
    }

    /// Paid seats across every product (SPEC §2: trials excluded).
    pub fn paid_seats(&self) -> u32 {
        self.products.iter().map(|h| h.active).sum()
    }

    /// The main licence: the highest-ranked active productivity product, with its seats.
    pub fn core(&self) -> Option<(Product, u32)> {
        Product::ALL
            .iter()
            .filter(|p| core_rank(**p).is_some() && self.has(**p))
            .max_by_key(|p| core_rank(**p))
            .map(|p| (*p, self.seats_of(*p)))
    }

    /// Paid productivity seats (the core licences, Teams Essentials excluded).
    pub fn productivity_seats(&self) -> u32 {
        Product::ALL
            .iter()
            .filter(|p| core_rank(**p).is_some())
            .map(|p| self.seats_of(*p))
            .sum()
    }

    /// Whether the customer has a Microsoft 365 licence (`Has M365`).
    pub fn has_m365(&self) -> bool {
        self.has_any(&M365_PRODUCTS)
    }

    /// Whether its suite carries the desktop apps (Apps for business, Business Standard or
    /// Premium, Office 365 E3, Microsoft 365 E3/E5).
    pub fn has_cloud_desktop_apps(&self) -> bool {
        self.has_any(&[
            Product::AppsForBusiness,
            Product::BusinessStandard,
            Product::BusinessPremium,
            Product::Office365E3,
            Product::Microsoft365E3,
            Product::Microsoft365E5,
        ])
    }

    /// The external signals of a kind.
    pub fn signals(&self, kind: ExternalSignalKind) -> impl Iterator<Item = &Observed> {
        self.observed.iter().filter(move |o| o.kind == kind)
    }

    /// Whether a signal of the kind was observed.
    pub fn installed(&self, kind: ExternalSignalKind) -> bool {
        self.signals(kind).next().is_some()
    }

    /// Whether a signal of the kind matching `pred` was observed.
    pub fn installed_where(
        &self,
        kind: ExternalSignalKind,
        pred: impl Fn(&Observed) -> bool,
    ) -> bool {
        self.signals(kind).any(pred)
    }

    /// Devices bought in the last three years: the partner's Surface subscriptions that
    /// started then, and Surface devices bought through other channels then.
    pub fn surface_devices_3y(&self) -> u32 {
        let since = months_before(self.as_of, 36);
        let elsewhere: f64 = self
            .signals(ExternalSignalKind::SurfaceDevices)
            .filter(|o| o.observed_on > since)
            .map(|o| {
                if o.quantity.is_finite() {
                    o.quantity
                } else {
                    1.0
                }
            })
            .sum();
        self.holding(Product::SurfaceDevice).bought_3y + elsewhere.round().max(0.0) as u32
    }

    /// Azure spend per month through the partner and other channels.
    pub fn azure_spend(&self) -> f64 {
        let elsewhere: f64 = self
            .signals(ExternalSignalKind::Azure)
            .map(|o| {
                if o.quantity.is_finite() {
                    o.quantity
                } else {
                    0.0
                }
            })
            .fold(0.0, f64::max);
        self.acr_usd_month.max(0.0) + elsewhere
    }

    /// Whether an agreement of the kind is in force at the snapshot (no end, or ending on or
    /// after it).
    pub fn agreement(&self, kind: ExternalSignalKind) -> Option<&Observed> {
        self.signals(kind)
            .filter(|o| o.until.is_none_or(|u| u >= self.as_of))
            .max_by_key(|o| o.observed_on)
    }

    /// Relative change of the headcount over six months.
    pub fn employee_growth(&self) -> Option<f64> {
        let before = self.employees_6m.filter(|e| *e > 0)?;
        Some((f64::from(self.employees) - f64::from(before)) / f64::from(before))
    }

    /// Relative change of paid seats over three months.
    pub fn seat_growth(&self) -> Option<f64> {
        let before = self.seats_3m.filter(|s| *s > 0)?;
        Some((f64::from(self.paid_seats()) - f64::from(before)) / f64::from(before))
    }

    /// Points (0–100) the share of active users moved against the three months before.
    pub fn usage_trend(&self) -> Option<f64> {
        Some((self.usage_now? - self.usage_before?) * 100.0)
    }

    /// Monthly revenue at list prices: active subscriptions plus Azure spend.
    pub fn monthly_revenue(&self) -> f64 {
        Product::ALL
            .iter()
            .map(|p| f64::from(self.seats_of(*p)) * p.list_price_usd_month())
            .sum::<f64>()
            + self.acr_usd_month.max(0.0)
    }

    /// Whether the customer transacted with the partner in the 36 months before the snapshot.
    pub fn transacted_36m(&self) -> bool {
        let since = months_before(self.as_of, 36);
        self.last_transaction.is_some_and(|d| d > since)
    }

    /// Whether it owns the area: what makes it one of the area's buyers for the lookalike.
    ///
    /// - M365: a premium suite (Business Premium, Microsoft 365 E3 or E5);
    /// - Surface: devices bought in the last three years;
    /// - Azure: Azure spend through the partner or another channel;
    /// - Business Central, Sales (Customer Engagement), Power Apps: the product through the
    ///   partner or another channel; Finance & Operations: through another channel (the
    ///   catalogue has no such product);
    /// - Security: a security add-on (Defender for Business, Defender for Office 365 P2, EMS E5,
    ///   Entra ID P1) or Microsoft 365 E5.
    pub fn owns(&self, area: SolutionArea) -> bool {
        use ExternalSignalKind as K;
        match area {
            SolutionArea::M365 => self.has_any(&[
                Product::BusinessPremium,
                Product::Microsoft365E3,
                Product::Microsoft365E5,
            ]),
            SolutionArea::Surface => self.surface_devices_3y() > 0,
            SolutionArea::Azure => self.azure_spend() > 0.0,
            SolutionArea::D365BusinessCentral => {
                self.has(Product::BusinessCentralEssentials) || self.installed(K::BusinessCentral)
            }
            SolutionArea::D365CustomerEngagement => {
                self.has(Product::SalesProfessional) || self.installed(K::DynamicsSales)
            }
            SolutionArea::D365FinanceOperations => self.installed(K::DynamicsFinance),
            SolutionArea::PowerApps => {
                self.has(Product::PowerAppsPremium) || self.installed(K::PowerApps)
            }
            SolutionArea::Security => self.has_any(&SECURITY_PRODUCTS),
        }
    }

    /// Records one subscription of the scored snapshot.
    pub fn add_subscription(
        &mut self,
        product: Product,
        quantity: u32,
        status: SubscriptionStatus,
        start: NaiveDate,
        end: NaiveDate,
    ) {
        let since = months_before(self.as_of, 36);
        let h = &mut self.products[product as usize];
        match status {
            SubscriptionStatus::Active => {
                h.active += quantity;
                if h.renews.is_none_or(|r| end < r) {
                    h.renews = Some(end);
                }
            }
            SubscriptionStatus::Trial => h.trial += quantity,
            _ => {}
        }
        if start > since {
            h.bought_3y += quantity;
        }
    }
}

/// The same day `months` months earlier (clamped to the month's end).
pub(crate) fn months_before(date: NaiveDate, months: u32) -> NaiveDate {
    date.checked_sub_months(chrono::Months::new(months))
        .unwrap_or(date)
}

/// A small builder of facts for the rules' tests.
#[cfg(test)]
pub(crate) mod fixture {
    use super::*;

    /// The fixtures' snapshot date.
    pub fn as_of() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 10, 31).expect("date")
    }

    /// A customer with `employees` and nothing else.
    pub fn customer(employees: u32) -> Facts {
        let mut f = Facts::default();
        f.tenant_id.push_str("00000000-0000-4000-8000-000000000001");
        f.domain.push_str("contoso.example");
        f.country.push_str("ES");
        f.industry.push_str("Manufacturing");
        f.vertical.push_str("Discrete Manufacturing");
        f.as_of = as_of();
        f.employees = employees;
        f
    }

    /// Adds an active subscription renewing in six months, bought two years ago.
    pub fn with(mut f: Facts, p: Product, seats: u32) -> Facts {
        let start = months_before(as_of(), 24);
        let end = as_of() + chrono::Days::new(180);
        f.add_subscription(p, seats, SubscriptionStatus::Active, start, end);
        f
    }

    /// Adds an external signal observed a month ago.
    pub fn signal(mut f: Facts, o: Observed) -> Facts {
        f.observed.push(o);
        f
    }

    /// An external signal of a kind observed a month ago.
    pub fn observed(kind: ExternalSignalKind) -> Observed {
        Observed::new(kind, months_before(as_of(), 1))
    }
}

#[cfg(test)]
mod tests {
    use super::fixture::*;
    use super::*;
    use ExternalSignalKind as K;

    #[test]
    fn ownership_reads_subscriptions_and_other_channels() {
        let f = with(customer(40), Product::BusinessStandard, 30);
        assert!(f.has_m365() && !f.owns(SolutionArea::M365));
        assert_eq!(f.core(), Some((Product::BusinessStandard, 30)));
        let f = with(f, Product::BusinessPremium, 5);
        assert!(f.owns(SolutionArea::M365));
        assert_eq!(f.core(), Some((Product::BusinessPremium, 5)));
        assert!(!f.owns(SolutionArea::D365FinanceOperations));
        let f = signal(f, observed(K::DynamicsFinance));
        assert!(f.owns(SolutionArea::D365FinanceOperations));
        let mut azure = observed(K::Azure);
        azure.quantity = 250.0;
        let f = signal(f, azure);
        assert!(f.owns(SolutionArea::Azure));
        assert_eq!(f.azure_spend(), 250.0);
    }

    #[test]
    fn devices_count_three_years_back() {
        let mut f = customer(60);
        let long_ago = months_before(as_of(), 40);
        f.add_subscription(
            Product::SurfaceDevice,
            10,
            SubscriptionStatus::Expired,
            long_ago,
            as_of(),
        );
        assert_eq!(f.surface_devices_3y(), 0);
        let mut bought = observed(K::SurfaceDevices);
        bought.quantity = 12.0;
        let f = signal(f, bought);
        assert_eq!(f.surface_devices_3y(), 12);
        assert!(f.owns(SolutionArea::Surface));
    }

    #[test]
    fn growth_and_transactions() {
        let mut f = with(customer(110), Product::BusinessBasic, 100);
        f.employees_6m = Some(100);
        f.seats_3m = Some(80);
        f.usage_now = Some(0.7);
        f.usage_before = Some(0.6);
        assert!((f.employee_growth().unwrap_or(0.0) - 0.1).abs() < 1e-9);
        assert!((f.seat_growth().unwrap_or(0.0) - 0.25).abs() < 1e-9);
        assert!((f.usage_trend().unwrap_or(0.0) - 10.0).abs() < 1e-9);
        assert!(!f.transacted_36m());
        f.last_transaction = Some(months_before(as_of(), 35));
        assert!(f.transacted_36m());
        f.last_transaction = Some(months_before(as_of(), 36));
        assert!(!f.transacted_36m());
        f.reset();
        assert_eq!(f.paid_seats(), 0);
        assert!(f.tenant_id.is_empty());
    }

    #[test]
    fn editions_are_read_loosely() {
        assert_eq!(Edition::parse("Datacenter"), Edition::Datacenter);
        assert_eq!(Edition::parse("S/4HANA"), Edition::SapS4Hana);
        assert_eq!(
            Edition::parse("approved - free only"),
            Edition::ApprovedFreeOnly
        );
        assert_eq!(Edition::parse("OutSystems"), Edition::Other);
        assert_eq!(
            Edition::ApprovedPaid.nonprofit_label(),
            Some("Approved - Paid")
        );
    }
}
