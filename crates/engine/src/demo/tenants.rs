//! Who the demo customers are: their identity (name, domain, city, tenant ID), their
//! firmographics, and the latent drivers that decide what they will do.
//!
//! Identities are regenerated from the seed whenever they are needed instead of being kept in
//! memory; only a small "variant" number that keeps names unique is remembered per customer.
//!
//! # Latent drivers
//!
//! Each customer has hidden traits that show in the data it generates:
//! *engagement* (how well it adopts the workloads it pays for: usage level and trend),
//! *maturity* (IT maturity: MFA registration and enforcement, managed devices),
//! *growth* (yearly headcount growth: the employee count drifts with it).
//! The three propensities written to `demo_customer_truth` are logistic functions of those
//! traits and of plain firmographics, plus noise:
//!
//! - upgrade = σ(−1.6 + 0.9·engagement + 5·growth + 0.25·(ln employees − 2.5) + industry
//!   + headroom of the current SKU + 0.5·noise)
//! - churn = σ(−2.3 − 1.0·engagement − 4·growth + 0.5·[fewer than 10 employees] + industry
//!   − 0.35·maturity + 0.5·noise)
//! - security = σ(−1.2 + 1.0·maturity + 0.3·(ln employees − 2.5) + industry + 0.5·noise)
//!
//! Each propensity is the chance of the event within 12 months; the timeline draws the realized
//! events month by month from it. The realized dates written next to them are snapshot dates:
//! `upgraded_on` is the first snapshot that shows the customer on a higher core product (an
//! upgrade, or a trial converted into one), `churned_on` the snapshot in which it cancelled, lost
//! 30–70% of its seats or moved down a product. Usage sags in the three months before a churn.

use std::collections::HashSet;

use partner_advisor_domain::Product;
use rand::Rng;

use super::industries::{self, INDUSTRIES};
use super::names::{self, CompanyName, Country};
use super::rng::{self, fnv1a, lognormal, normal, sigmoid, weighted, Stream};

/// What identifies a customer and does not change.
#[derive(Debug, Clone)]
pub(crate) struct Identity {
    /// Microsoft Entra tenant ID.
    pub tenant_id: String,
    /// Registered name, parts kept.
    pub name: CompanyName,
    /// Primary domain.
    pub domain: String,
    /// Microsoft TPID, for some customers.
    pub tpid: Option<String>,
    /// Country.
    pub country: Country,
    /// City name.
    pub city: &'static str,
    /// Region or state.
    pub region: &'static str,
    /// Postal code.
    pub postal_code: String,
    /// Index into [`INDUSTRIES`].
    pub industry: usize,
    /// Vertical of the industry.
    pub vertical: &'static str,
}

/// The parts of an identity drawn before the name is made unique.
#[derive(Debug, Clone)]
struct IdentityDraw {
    tenant_id: String,
    base: CompanyName,
    tld: &'static str,
    style: u8,
    tpid: Option<String>,
    country: Country,
    city: usize,
    postal_code: String,
    industry: usize,
    vertical: &'static str,
}

fn draw_identity(seed: u64, index: u32) -> IdentityDraw {
    let mut r = rng::rng(seed, Stream::Identity, u64::from(index), 0);
    let country = Country::draw(&mut r);
    let names = country.names();
    let industry = weighted(&mut r, &industries::weights());
    let vertical = *rng::pick(&mut r, INDUSTRIES[industry].verticals);
    let city = names::city_index(&mut r, names);
    let postal_code = names::postal_code(&mut r, &names.cities[city]);
    let base = names::company_name(&mut r, names, industry, names.cities[city].name);
    let tld = names::tld(&mut r, names);
    let style = weighted(&mut r, &[55, 25, 12, 8]) as u8;
    let tenant_id = rng::guid(&mut r);
    let tpid = r
        .gen_bool(0.45)
        .then(|| r.gen_range(1_000_000u32..=99_999_999).to_string());
    IdentityDraw {
        tenant_id,
        base,
        tld,
        style,
        tpid,
        country,
        city,
        postal_code,
        industry,
        vertical,
    }
}

impl IdentityDraw {
    fn with_variant(self, variant: u16) -> Identity {
        let names = self.country.names();
        let city = &names.cities[self.city];
        let name = self.base.variant(variant, city.name, names);
        let domain = names::variant_domain(&self.base, &name, self.style, self.tld);
        Identity {
            tenant_id: self.tenant_id,
            name,
            domain,
            tpid: self.tpid,
            country: self.country,
            city: city.name,
            region: city.region,
            postal_code: self.postal_code,
            industry: self.industry,
            vertical: self.vertical,
        }
    }
}

/// The identity of customer `index`, with the variant that made its name unique.
pub(crate) fn identity(seed: u64, index: u32, variant: u16) -> Identity {
    draw_identity(seed, index).with_variant(variant)
}

/// Names and domains already taken, so new companies can be told apart.
#[derive(Debug, Default)]
pub(crate) struct NameBook {
    names: HashSet<u64>,
    domains: HashSet<u64>,
}

impl NameBook {
    /// Takes the first variant of `draw` whose name and domain are both free.
    fn claim(&mut self, draw: IdentityDraw) -> (u16, Identity) {
        let mut variant = 0u16;
        loop {
            let identity = draw.clone().with_variant(variant);
            let name_key = fnv1a(names::name_key(&identity.name.base).as_bytes());
            let domain_key = fnv1a(identity.domain.as_bytes());
            if !self.names.contains(&name_key) && !self.domains.contains(&domain_key) {
                self.names.insert(name_key);
                self.domains.insert(domain_key);
                return (variant, identity);
            }
            variant = variant.saturating_add(1);
            if variant == u16::MAX {
                return (variant, identity);
            }
        }
    }

    /// Takes a company name for someone who is not a customer (CRM prospects); `false` when
    /// the name or the domain is taken.
    pub(crate) fn claim_name(&mut self, name: &CompanyName, domain: &str) -> bool {
        let name_key = fnv1a(names::name_key(&name.base).as_bytes());
        let domain_key = fnv1a(domain.as_bytes());
        if self.names.contains(&name_key) || self.domains.contains(&domain_key) {
            return false;
        }
        self.names.insert(name_key);
        self.domains.insert(domain_key);
        true
    }
}

/// The core product a customer starts with, and whether it holds both standalones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Core {
    /// The main productivity product.
    pub product: Product,
    /// Exchange Online and Microsoft 365 Apps for business side by side.
    pub with_apps: bool,
}

/// How a customer churns, when it does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ChurnKind {
    /// Cancels everything (some subscriptions suspended first).
    Cancel,
    /// Loses 30–70% of its seats.
    SeatLoss,
    /// Moves its core product one step down.
    Downgrade,
}

/// A customer's hidden traits and drivers: fixed for the whole demo.
#[derive(Debug, Clone)]
pub(crate) struct Traits {
    /// Index into [`INDUSTRIES`].
    pub industry: u8,
    /// Employees at the start.
    pub employees0: u32,
    /// Yearly headcount growth rate.
    pub growth: f32,
    /// Workload adoption trait, N(0, 1).
    pub engagement: f32,
    /// IT maturity trait, N(0, 1).
    pub maturity: f32,
    /// Share of employees who hold a licence.
    pub coverage: f32,
    /// Share of licences assigned to a user.
    pub assign_rate: f32,
    /// Managed devices per employee.
    pub devices_per_employee: f32,
    /// Azure spend per month at the start (USD).
    pub acr0: f32,
    /// Snapshot index from which it is a customer.
    pub join: u16,
    /// Core product at the start.
    pub core: Core,
    /// Security signals are known for this tenant.
    pub signals_known: bool,
    /// The tenant conceals user names in usage reports.
    pub concealed: bool,
    /// Propensity to upgrade within 12 months.
    pub upgrade_p: f64,
    /// Propensity to churn within 12 months.
    pub churn_p: f64,
    /// Propensity to buy security within 12 months.
    pub security_p: f64,
    /// Realized churn: snapshot index and kind.
    pub churn: Option<(u16, ChurnKind)>,
}

/// How much room the core product leaves for an upgrade (a shift of the upgrade logit).
fn headroom(core: Core) -> f64 {
    match core.product {
        Product::ExchangeOnlinePlan1 | Product::AppsForBusiness => 0.5,
        Product::BusinessBasic => 0.3,
        Product::BusinessStandard => 0.0,
        Product::BusinessPremium => -0.4,
        Product::Office365E3 => 0.1,
        Product::Microsoft365E3 => -0.5,
        _ => -6.0,
    }
}

/// Employees from a heavy-tailed distribution: mostly 1–300, a few up to a few thousand.
fn draw_employees(r: &mut impl Rng) -> u32 {
    let value = if r.gen_bool(0.04) {
        let u: f64 = r.gen_range(0.0005..1.0);
        150.0 * u.powf(-1.0 / 1.1)
    } else {
        lognormal(r, 12.0, 1.25)
    };
    value.round().clamp(1.0, 5_000.0) as u32
}

fn draw_core(r: &mut impl Rng, employees: u32) -> Core {
    if employees >= 300 {
        let product = [
            Product::Office365E3,
            Product::Microsoft365E3,
            Product::Microsoft365E5,
        ][weighted(r, &[35, 45, 20])];
        return Core {
            product,
            with_apps: false,
        };
    }
    match weighted(r, &[14, 6, 5, 28, 32, 15]) {
        0 => Core {
            product: Product::ExchangeOnlinePlan1,
            with_apps: false,
        },
        1 => Core {
            product: Product::AppsForBusiness,
            with_apps: false,
        },
        2 => Core {
            product: Product::ExchangeOnlinePlan1,
            with_apps: true,
        },
        3 => Core {
            product: Product::BusinessBasic,
            with_apps: false,
        },
        4 => Core {
            product: Product::BusinessStandard,
            with_apps: false,
        },
        _ => Core {
            product: Product::BusinessPremium,
            with_apps: false,
        },
    }
}

/// Draws the traits of customer `index` (its industry comes from its identity).
pub(crate) fn traits(seed: u64, index: u32, industry: usize, months: u16) -> Traits {
    let mut r = rng::rng(seed, Stream::Traits, u64::from(index), 0);
    let ind = &INDUSTRIES[industry];
    let employees0 = draw_employees(&mut r);
    let growth = 0.03 + 0.10 * normal(&mut r);
    let engagement = normal(&mut r);
    let maturity = normal(&mut r);
    let coverage = r.gen_range(0.55..1.0);
    let assign_rate = r.gen_range(0.86..1.0);
    let devices_per_employee = 0.5 + 0.6 * sigmoid(maturity) + r.gen_range(0.0..0.3);
    let p_azure = 0.2
        + 0.2 * f64::from(u8::from(employees0 >= 50))
        + 0.2 * f64::from(u8::from(employees0 >= 300));
    let acr0 = if r.gen_bool(p_azure) {
        lognormal(&mut r, 120.0, 1.6)
    } else {
        0.0
    };
    let join = if months > 1 && r.gen_bool(0.15) {
        r.gen_range(1..months)
    } else {
        0
    };
    let core = draw_core(&mut r, employees0);
    let signals_known = r.gen_bool(0.85);
    let concealed = r.gen_bool(0.3);
    let size = f64::from(employees0).ln() - 2.5;
    let (n1, n2, n3) = (normal(&mut r), normal(&mut r), normal(&mut r));
    let upgrade_logit = -1.6
        + 0.9 * engagement
        + 5.0 * growth
        + 0.25 * size
        + ind.upgrade
        + headroom(core)
        + 0.5 * n1;
    let churn_logit = -2.3 - 1.0 * engagement - 4.0 * growth
        + 0.5 * f64::from(u8::from(employees0 < 10))
        + ind.churn
        - 0.35 * maturity
        + 0.5 * n2;
    let security_logit = -1.2 + 1.0 * maturity + 0.3 * size + ind.security + 0.5 * n3;
    let upgrade_p = sigmoid(upgrade_logit);
    let churn_p = sigmoid(churn_logit);
    let security_p = sigmoid(security_logit);
    let churn = realized_churn(seed, index, join, months, churn_p);
    Traits {
        industry: industry as u8,
        employees0,
        growth: growth as f32,
        engagement: engagement as f32,
        maturity: maturity as f32,
        coverage: coverage as f32,
        assign_rate: assign_rate as f32,
        devices_per_employee: devices_per_employee as f32,
        acr0: acr0 as f32,
        join,
        core,
        signals_known,
        concealed,
        upgrade_p,
        churn_p,
        security_p,
        churn,
    }
}

/// The month a customer churns, drawn month by month from its churn propensity (known ahead so
/// usage can sag in the months before, as it does in real life).
fn realized_churn(
    seed: u64,
    index: u32,
    join: u16,
    months: u16,
    churn_p: f64,
) -> Option<(u16, ChurnKind)> {
    let mut r = rng::rng(seed, Stream::Churn, u64::from(index), 0);
    let hazard = rng::monthly_hazard(churn_p);
    for k in join + 1..months {
        if r.gen_bool(hazard) {
            let kind = match weighted(&mut r, &[45, 35, 20]) {
                0 => ChurnKind::Cancel,
                1 => ChurnKind::SeatLoss,
                _ => ChurnKind::Downgrade,
            };
            return Some((k, kind));
        }
    }
    None
}

/// Draws customer `index` and claims a unique name for it: its variant and traits.
pub(crate) fn register(
    book: &mut NameBook,
    seed: u64,
    index: u32,
    months: u16,
) -> (u16, Identity, Traits) {
    let draw = draw_identity(seed, index);
    let industry = draw.industry;
    let (variant, identity) = book.claim(draw);
    (variant, identity, traits(seed, index, industry, months))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identities_regenerate_identically() {
        let a = identity(9, 17, 1);
        let b = identity(9, 17, 1);
        assert_eq!(a.tenant_id, b.tenant_id);
        assert_eq!(a.name, b.name);
        assert_eq!(a.domain, b.domain);
        assert_ne!(identity(9, 18, 0).tenant_id, a.tenant_id);
    }

    #[test]
    fn names_are_unique_in_a_crowd() {
        let mut book = NameBook::default();
        let mut seen = HashSet::new();
        for i in 0..5_000 {
            let (_, id, _) = register(&mut book, 1, i, 24);
            assert!(
                seen.insert(names::name_key(&id.name.full())),
                "{:?}",
                id.name
            );
        }
    }

    #[test]
    fn employees_are_heavy_tailed() {
        let mut r = rng::rng(2, Stream::Traits, 0, 0);
        let xs: Vec<u32> = (0..20_000).map(|_| draw_employees(&mut r)).collect();
        let small = xs.iter().filter(|x| **x < 25).count() as f64 / xs.len() as f64;
        let big = xs.iter().filter(|x| **x >= 300).count() as f64 / xs.len() as f64;
        let max = xs.iter().copied().max().unwrap_or(0);
        assert!((0.55..0.8).contains(&small), "{small}");
        assert!((0.01..0.06).contains(&big), "{big}");
        assert!(max >= 2_000, "{max}");
    }
}
