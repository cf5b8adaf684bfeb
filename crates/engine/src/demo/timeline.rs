//! The month-by-month life of each customer: subscriptions (purchases, seat changes, trials that
//! convert or lapse, upgrades, downgrades, cancellations, renewals), workload usage, security
//! posture, and what each snapshot says about it.
//!
//! Only the current month's state is kept per customer; every snapshot's rows are produced from
//! it and written before the next month is computed. Each month's decisions come from a random
//! stream of their own (customer, month), so the result does not depend on chunking or order.

use chrono::NaiveDate;
use partner_advisor_domain::{
    Customer, Product, PurchaseChannel, SecuritySignals, Subscription, SubscriptionStatus,
    Subsegment, UsageMonth, UserActivity,
};
use partner_advisor_store::tables::demo_truth::CustomerTruth;
use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::calendar::{add_days, add_months, Calendar};
use super::catalog::{self, BASE_ADOPTION, WORKLOADS};
use super::industries::INDUSTRIES;
use super::rng::{self, lognormal, monthly_hazard, normal, sigmoid, weighted, Stream};
use super::tenants::{ChurnKind, Identity, Traits};
use super::users;

/// No workload assigned yet.
const NEVER: u16 = u16::MAX;
/// Deleted and expired subscriptions stay listed for this many snapshots.
const KEEP_CLOSED_MONTHS: u16 = 2;

/// One subscription as the generator tracks it.
#[derive(Debug, Clone)]
pub(crate) struct Sub {
    /// Number within the customer (the subscription ID derives from it).
    pub serial: u16,
    /// Product.
    pub product: Product,
    /// Seats or devices.
    pub qty: u32,
    /// Status.
    pub status: SubscriptionStatus,
    /// Start date.
    pub start: NaiveDate,
    /// End (renewal) date.
    pub end: NaiveDate,
    /// Who sold it.
    pub channel: PurchaseChannel,
    /// Snapshot index of the last status change.
    pub changed: u16,
}

impl Sub {
    fn live(&self) -> bool {
        matches!(
            self.status,
            SubscriptionStatus::Active | SubscriptionStatus::Trial
        )
    }
}

/// What changes about a customer from month to month.
#[derive(Debug, Clone)]
pub(crate) struct State {
    employees: u32,
    employee_drift: f32,
    acr: f32,
    subs: Vec<Sub>,
    next_serial: u16,
    adoption: [f32; 5],
    since: [u16; 5],
    mfa_ratio: f32,
    mfa_enforced: bool,
    last_tx: Option<NaiveDate>,
    upgraded_on: Option<NaiveDate>,
    churned_on: Option<NaiveDate>,
    cancelled: bool,
    scarred: bool,
}

/// A customer: who it is (by index and name variant), its hidden traits and current state.
#[derive(Debug, Clone)]
pub(crate) struct Tenant {
    /// Index of the customer (its random streams derive from it).
    pub index: u32,
    /// Name variant that keeps its name unique.
    pub variant: u16,
    /// Hidden traits.
    pub traits: Traits,
    state: State,
}

/// The rows one chunk of customers contributes to a snapshot.
#[derive(Debug, Default)]
pub(crate) struct Batch {
    /// Customers with their state.
    pub customers: Vec<Customer>,
    /// Subscriptions.
    pub subscriptions: Vec<Subscription>,
    /// Usage of the snapshot's month.
    pub usage: Vec<UsageMonth>,
    /// Security signals.
    pub security: Vec<SecuritySignals>,
    /// Per-user activity (last snapshot only).
    pub users: Vec<UserActivity>,
}

/// The month being generated.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Month<'a> {
    /// Demo seed.
    pub seed: u64,
    /// Snapshot index.
    pub k: usize,
    /// The demo's calendar.
    pub calendar: &'a Calendar,
}

impl Month<'_> {
    fn date(&self) -> NaiveDate {
        self.calendar.date(self.k)
    }

    fn k16(&self) -> u16 {
        u16::try_from(self.k).unwrap_or(u16::MAX - 1)
    }

    fn is_last(&self) -> bool {
        self.k + 1 == self.calendar.len()
    }

    /// A day of this snapshot's month, on or before the snapshot date.
    fn day_in_month(&self, r: &mut impl Rng) -> NaiveDate {
        let start = self.calendar.month_start(self.k);
        let span = (self.date() - start).num_days().max(0);
        add_days(start, r.gen_range(0..=span))
    }
}

/// The subscription ID of subscription `serial` of customer `index`.
fn subscription_id(seed: u64, index: u32, serial: u16) -> String {
    let a = rng::stream_seed(
        seed,
        Stream::Portfolio,
        u64::from(index),
        u64::from(serial) << 1,
    );
    let b = rng::stream_seed(
        seed,
        Stream::Portfolio,
        u64::from(index),
        (u64::from(serial) << 1) | 1,
    );
    rng::guid_from(a, b)
}

impl Tenant {
    /// A customer before its first month.
    pub(crate) fn new(index: u32, variant: u16, traits: Traits) -> Self {
        let state = State {
            employees: traits.employees0,
            employee_drift: 0.0,
            acr: traits.acr0,
            subs: Vec::new(),
            next_serial: 0,
            adoption: [0.0; 5],
            since: [NEVER; 5],
            mfa_ratio: (0.08 + 0.55 * sigmoid(1.2 * f64::from(traits.maturity))) as f32,
            mfa_enforced: false,
            last_tx: None,
            upgraded_on: None,
            churned_on: None,
            cancelled: false,
            scarred: false,
        };
        Self {
            index,
            variant,
            traits,
            state,
        }
    }

    /// Whether the customer exists in snapshot `k`.
    pub(crate) fn joined_by(&self, k: usize) -> bool {
        usize::from(self.traits.join) <= k
    }

    /// Advances the customer to `month` and appends what the snapshot says about it.
    pub(crate) fn advance(&mut self, month: Month<'_>, identity: &Identity, batch: &mut Batch) {
        if !self.joined_by(month.k) {
            return;
        }
        let mut r = rng::rng(
            month.seed,
            Stream::Month,
            u64::from(self.index),
            month.k as u64,
        );
        if month.k == usize::from(self.traits.join) {
            self.start(month);
        } else {
            self.evolve(month, &mut r);
        }
        self.emit(month, identity, &mut r, batch);
    }

    /// The customer's latent truth after the last month.
    pub(crate) fn truth(&self, tenant_id: String) -> CustomerTruth {
        CustomerTruth {
            tenant_id,
            upgrade_propensity: self.traits.upgrade_p,
            churn_propensity: self.traits.churn_p,
            security_propensity: self.traits.security_p,
            upgraded_on: self.state.upgraded_on,
            churned_on: self.state.churned_on,
        }
    }

    fn seat_target(&self, product: Product) -> u32 {
        let wanted =
            (f64::from(self.state.employees) * f64::from(self.traits.coverage)).round() as u32;
        wanted.clamp(1, catalog::seat_cap(product))
    }

    #[allow(clippy::too_many_arguments)]
    fn add(
        &mut self,
        product: Product,
        qty: u32,
        status: SubscriptionStatus,
        start: NaiveDate,
        end: NaiveDate,
        channel: PurchaseChannel,
        k: u16,
    ) {
        let serial = self.state.next_serial;
        self.state.next_serial = self.state.next_serial.saturating_add(1);
        self.state.subs.push(Sub {
            serial,
            product,
            qty: qty.max(1),
            status,
            start,
            end,
            channel,
            changed: k,
        });
        if status == SubscriptionStatus::Active {
            self.note_transaction(start);
        }
    }

    fn note_transaction(&mut self, date: NaiveDate) {
        if self.state.last_tx.is_none_or(|d| d < date) {
            self.state.last_tx = Some(date);
        }
    }

    /// The customer's first month: its portfolio, bought long ago or just now.
    fn start(&mut self, month: Month<'_>) {
        let mut r = rng::rng(month.seed, Stream::Portfolio, u64::from(self.index), 0);
        let k = month.k16();
        let today = month.date();
        let core = self.traits.core;
        let channel = |r: &mut ChaCha8Rng, direct: f64| {
            if r.gen_bool(direct) {
                PurchaseChannel::MicrosoftDirect
            } else {
                PurchaseChannel::Partner
            }
        };
        if self.traits.join > 0 {
            let start = month.day_in_month(&mut r);
            let trial = matches!(
                core.product,
                Product::BusinessStandard | Product::BusinessPremium
            ) && r.gen_bool(0.7);
            let qty = self.seat_target(core.product);
            if trial {
                self.add(
                    core.product,
                    qty.min(25),
                    SubscriptionStatus::Trial,
                    start,
                    add_months(start, 1),
                    PurchaseChannel::Partner,
                    k,
                );
            } else {
                self.add(
                    core.product,
                    qty,
                    SubscriptionStatus::Active,
                    start,
                    add_months(start, 12),
                    PurchaseChannel::Partner,
                    k,
                );
            }
            return;
        }
        // An existing customer: everything was bought before the window.
        let bought =
            |r: &mut ChaCha8Rng, max_days: i64| add_days(today, -r.gen_range(40..max_days));
        let direct = if core.product.family() == partner_advisor_domain::ProductFamily::Enterprise {
            0.15
        } else {
            0.07
        };
        let start = bought(&mut r, 2_200);
        let qty = self.seat_target(core.product);
        let ch = channel(&mut r, direct);
        self.add(
            core.product,
            qty,
            SubscriptionStatus::Active,
            start,
            renewal_after(start, today),
            ch,
            k,
        );
        if core.with_apps {
            let start = bought(&mut r, 1_500);
            let qty = (f64::from(qty) * r.gen_range(0.4..1.0)).round() as u32;
            let ch = channel(&mut r, direct);
            self.add(
                Product::AppsForBusiness,
                qty,
                SubscriptionStatus::Active,
                start,
                renewal_after(start, today),
                ch,
                k,
            );
        }
        let security_p = self.traits.security_p;
        for (i, addon) in catalog::security_options(core.product).iter().enumerate() {
            let p = [0.5, 0.35, 0.35][i.min(2)] * security_p;
            if r.gen_bool(p) {
                let start = bought(&mut r, 900);
                let ch = channel(&mut r, 0.05);
                self.add(
                    *addon,
                    qty,
                    SubscriptionStatus::Active,
                    start,
                    renewal_after(start, today),
                    ch,
                    k,
                );
            }
        }
        let suite_for_copilot = matches!(
            core.product,
            Product::BusinessStandard
                | Product::BusinessPremium
                | Product::Office365E3
                | Product::Microsoft365E3
                | Product::Microsoft365E5
        );
        if suite_for_copilot
            && self.state.employees >= 5
            && r.gen_bool(0.08 * self.traits.upgrade_p)
        {
            let start = bought(&mut r, 300);
            let seats = (f64::from(qty) * r.gen_range(0.03..0.2)).round() as u32;
            self.add(
                Product::Copilot,
                seats,
                SubscriptionStatus::Active,
                start,
                renewal_after(start, today),
                PurchaseChannel::Partner,
                k,
            );
        }
        if core.product == Product::ExchangeOnlinePlan1 && !core.with_apps && r.gen_bool(0.12) {
            let start = bought(&mut r, 700);
            self.add(
                Product::TeamsEssentials,
                qty,
                SubscriptionStatus::Active,
                start,
                renewal_after(start, today),
                PurchaseChannel::Partner,
                k,
            );
        }
        if r.gen_bool(0.12) {
            let start = bought(&mut r, 1_000);
            let end = add_months(start, 36);
            if end > today {
                let devices = r.gen_range(1..=(self.state.employees / 4).clamp(1, 40));
                self.add(
                    Product::SurfaceDevice,
                    devices,
                    SubscriptionStatus::Active,
                    start,
                    end,
                    PurchaseChannel::Partner,
                    k,
                );
            }
        }
        let employees = self.state.employees;
        for (product, p, min_employees) in [
            (Product::BusinessCentralEssentials, 0.03, 5),
            (Product::SalesProfessional, 0.025, 10),
            (Product::PowerAppsPremium, 0.03, 10),
        ] {
            if employees >= min_employees && r.gen_bool(p) {
                let start = bought(&mut r, 1_200);
                let seats = r.gen_range(2..=(employees / 5).clamp(2, 40));
                self.add(
                    product,
                    seats,
                    SubscriptionStatus::Active,
                    start,
                    renewal_after(start, today),
                    PurchaseChannel::Partner,
                    k,
                );
            }
        }
    }

    /// A month after the first: drift, housekeeping, events, renewals.
    fn evolve(&mut self, month: Month<'_>, r: &mut ChaCha8Rng) {
        let k = month.k16();
        let today = month.date();
        let t = &self.traits;
        // Headcount and Azure spend drift.
        self.state.employee_drift += (f64::from(t.growth) / 12.0 + 0.02 * normal(r)) as f32;
        self.state.employees = (f64::from(t.employees0)
            * f64::from(self.state.employee_drift).exp())
        .round()
        .max(1.0) as u32;
        if self.state.acr > 0.0 {
            self.state.acr *= (0.01 + 0.07 * normal(r)).exp() as f32;
        } else if !self.state.cancelled
            && r.gen_bool(0.003 * (1.0 + f64::from(u8::from(t.employees0 >= 50))))
        {
            self.state.acr = lognormal(r, 80.0, 1.2) as f32;
        }
        // Closed subscriptions drop out of the list; suspended ones are deleted.
        self.state.subs.retain(|s| {
            s.live()
                || s.status == SubscriptionStatus::Suspended
                || s.changed + KEEP_CLOSED_MONTHS > k
        });
        for s in &mut self.state.subs {
            if s.status == SubscriptionStatus::Suspended && s.changed < k {
                s.status = SubscriptionStatus::Deleted;
                s.changed = k;
                s.end = today.min(s.end);
            }
        }
        self.resolve_trials(month, r);
        match self.traits.churn.filter(|(at, _)| *at == k) {
            Some((_, kind)) => self.churn(month, kind, r),
            None if !self.state.cancelled => self.grow(month, r),
            None => {}
        }
        // Renewals and the end of device lifetimes.
        for s in &mut self.state.subs {
            if s.status != SubscriptionStatus::Active || s.end > today {
                continue;
            }
            if s.product == Product::SurfaceDevice {
                s.status = SubscriptionStatus::Expired;
                s.changed = k;
            } else {
                let renewed_on = s.end;
                s.end = renewal_after(s.end, today);
                if self.state.last_tx.is_none_or(|d| d < renewed_on) {
                    self.state.last_tx = Some(renewed_on);
                }
            }
        }
    }

    /// Trials whose end has come convert to paid licences or lapse.
    fn resolve_trials(&mut self, month: Month<'_>, r: &mut ChaCha8Rng) {
        let today = month.date();
        let k = month.k16();
        let due: Vec<usize> = self
            .state
            .subs
            .iter()
            .enumerate()
            .filter(|(_, s)| s.status == SubscriptionStatus::Trial && s.end <= today)
            .map(|(i, _)| i)
            .collect();
        for i in due {
            let (product, qty, end) = {
                let s = &mut self.state.subs[i];
                s.status = SubscriptionStatus::Expired;
                s.changed = k;
                (s.product, s.qty, s.end)
            };
            let engagement = f64::from(self.traits.engagement);
            let core = self.primary_core();
            let convert_p = if core.is_none() {
                // A new customer trying Microsoft 365 before buying.
                0.6 + 0.25 * engagement.tanh()
            } else {
                0.12 + 0.8 * self.traits.upgrade_p + 0.12 * engagement.tanh()
            };
            if !r.gen_bool(convert_p.clamp(0.02, 0.97)) {
                continue;
            }
            let day = end.min(today);
            match (core.map(|c| self.state.subs[c].product), product) {
                (None, _) => {
                    let product = if product == Product::TeamsExploratory {
                        Product::BusinessBasic
                    } else {
                        product
                    };
                    let seats = self.seat_target(product);
                    self.add(
                        product,
                        seats,
                        SubscriptionStatus::Active,
                        day,
                        add_months(day, 12),
                        PurchaseChannel::Partner,
                        k,
                    );
                }
                (Some(Product::ExchangeOnlinePlan1), Product::TeamsExploratory) => {
                    self.change_core(month, Some(Product::BusinessBasic), day, r);
                }
                (Some(Product::AppsForBusiness), Product::TeamsExploratory) => {
                    self.change_core(month, Some(Product::BusinessStandard), day, r);
                }
                (Some(_), Product::TeamsExploratory) => {
                    self.add(
                        Product::TeamsEssentials,
                        qty,
                        SubscriptionStatus::Active,
                        day,
                        add_months(day, 12),
                        PurchaseChannel::Partner,
                        k,
                    );
                }
                (Some(_), trial_product) => {
                    self.change_core(month, Some(trial_product), day, r);
                }
            }
        }
    }

    /// Index of the live core subscription with the most seats.
    fn primary_core(&self) -> Option<usize> {
        self.state
            .subs
            .iter()
            .enumerate()
            .filter(|(_, s)| s.status == SubscriptionStatus::Active && catalog::is_core(s.product))
            .max_by_key(|(i, s)| (s.qty, usize::MAX - i))
            .map(|(i, _)| i)
    }

    fn has_live(&self, product: Product) -> bool {
        self.state
            .subs
            .iter()
            .any(|s| s.product == product && s.live())
    }

    fn has_trial(&self) -> bool {
        self.state
            .subs
            .iter()
            .any(|s| s.status == SubscriptionStatus::Trial)
    }

    /// Moves the core product to `target` (an upgrade) or one step down (`None`: a downgrade).
    /// Returns whether anything changed.
    fn change_core(
        &mut self,
        month: Month<'_>,
        target: Option<Product>,
        day: NaiveDate,
        r: &mut ChaCha8Rng,
    ) -> bool {
        let k = month.k16();
        let Some(core) = self.primary_core() else {
            return false;
        };
        let from = self.state.subs[core].product;
        let upgrade = target.is_some();
        let to = match target {
            Some(t) => t,
            None => match catalog::downgrade_of(from) {
                Some(t) => t,
                None => return false,
            },
        };
        if to == from {
            return false;
        }
        let mut qty = self.state.subs[core].qty;
        if !upgrade {
            qty = ((f64::from(qty) * r.gen_range(0.7..1.0)).round() as u32).max(1);
        }
        qty = qty.min(catalog::seat_cap(to));
        let channel = self.state.subs[core].channel;
        // The old licence goes; with both standalones, both go.
        let replaces_both = upgrade
            && matches!(
                from,
                Product::ExchangeOnlinePlan1 | Product::AppsForBusiness
            );
        let mut closing = vec![core];
        for (i, s) in self.state.subs.iter().enumerate() {
            if i == core || !s.live() {
                continue;
            }
            let standalone = matches!(
                s.product,
                Product::ExchangeOnlinePlan1 | Product::AppsForBusiness
            );
            if (replaces_both && standalone) || catalog::included_in(to, s.product) {
                closing.push(i);
            }
        }
        for i in closing {
            let s = &mut self.state.subs[i];
            s.status = SubscriptionStatus::Deleted;
            s.changed = k;
            s.end = day;
        }
        self.add(
            to,
            qty,
            SubscriptionStatus::Active,
            day,
            add_months(day, 12),
            channel,
            k,
        );
        if upgrade {
            self.state.upgraded_on.get_or_insert(month.date());
        }
        true
    }

    /// The realized churn event of this month.
    fn churn(&mut self, month: Month<'_>, kind: ChurnKind, r: &mut ChaCha8Rng) {
        let k = month.k16();
        let day = month.day_in_month(r);
        let lost = match kind {
            ChurnKind::Cancel => {
                let mut any = false;
                for s in &mut self.state.subs {
                    if !s.live() {
                        continue;
                    }
                    any = true;
                    s.changed = k;
                    if s.status == SubscriptionStatus::Trial {
                        s.status = SubscriptionStatus::Expired;
                    } else if r.gen_bool(0.5) {
                        s.status = SubscriptionStatus::Suspended;
                    } else {
                        s.status = SubscriptionStatus::Deleted;
                        s.end = day;
                    }
                }
                self.state.cancelled = any;
                any
            }
            ChurnKind::Downgrade if self.change_core(month, None, day, r) => true,
            ChurnKind::Downgrade | ChurnKind::SeatLoss => self.lose_seats(r),
        };
        if lost {
            self.state.scarred = true;
            self.state.churned_on = Some(month.date());
        }
    }

    /// Loses 30–70% of the core seats (add-ons follow).
    fn lose_seats(&mut self, r: &mut ChaCha8Rng) -> bool {
        let Some(core) = self.primary_core() else {
            return false;
        };
        let old = self.state.subs[core].qty;
        if old < 2 {
            return false;
        }
        let keep = r.gen_range(0.3..0.7);
        let new = ((f64::from(old) * keep).round() as u32).clamp(1, old - 1);
        for s in &mut self.state.subs {
            if s.status == SubscriptionStatus::Active
                && s.product != Product::SurfaceDevice
                && s.qty > new
            {
                s.qty = ((f64::from(s.qty) * keep).round() as u32).clamp(1, s.qty);
            }
        }
        self.state.subs[core].qty = new;
        true
    }

    /// Growth events of a healthy month: upgrades, trials, add-ons, seats.
    fn grow(&mut self, month: Month<'_>, r: &mut ChaCha8Rng) {
        let k = month.k16();
        let t = self.traits.clone();
        let scar = if self.state.scarred { 0.35 } else { 1.0 };
        let upgrade_h = monthly_hazard(t.upgrade_p) * scar;
        let core = self.primary_core();
        let core_product = core.map(|c| self.state.subs[c].product);
        let trialing = self.has_trial();
        // A customer without a core licence (a lapsed trial) may still buy one.
        if core.is_none() && !trialing {
            if r.gen_bool(0.04) {
                let product = t.core.product;
                let seats = self.seat_target(product);
                let day = month.day_in_month(r);
                self.add(
                    product,
                    seats,
                    SubscriptionStatus::Active,
                    day,
                    add_months(day, 12),
                    PurchaseChannel::Partner,
                    k,
                );
            }
            return;
        }
        let Some(core_product) = core_product else {
            return;
        };
        // Upgrades.
        if !trialing && r.gen_bool(upgrade_h * 0.8) {
            if let Some(to) = catalog::upgrade_of(core_product, r.gen_bool(0.25)) {
                let day = month.day_in_month(r);
                self.change_core(month, Some(to), day, r);
                return;
            }
        }
        // Trials.
        if !trialing {
            let without_teams =
                !self.state.subs.iter().any(|s| {
                    s.status == SubscriptionStatus::Active && catalog::carries(s.product, 2)
                });
            let (p, product, months) = if without_teams {
                (
                    0.06,
                    Product::TeamsExploratory,
                    1 + weighted(r, &[50, 30, 20]) as u32,
                )
            } else if matches!(
                core_product,
                Product::BusinessBasic | Product::BusinessStandard
            ) {
                (0.35 * upgrade_h, Product::BusinessPremium, 1)
            } else {
                (0.0, Product::TeamsExploratory, 1)
            };
            if p > 0.0 && r.gen_bool(p.min(1.0)) {
                let day = month.day_in_month(r);
                let seats = if product == Product::TeamsExploratory {
                    ((f64::from(self.state.employees) * r.gen_range(0.3..1.0)).round() as u32)
                        .max(1)
                } else {
                    self.seat_target(product).min(25)
                };
                self.add(
                    product,
                    seats,
                    SubscriptionStatus::Trial,
                    day,
                    add_months(day, months),
                    PurchaseChannel::Partner,
                    k,
                );
            }
        }
        // Security add-ons.
        if r.gen_bool(0.5 * monthly_hazard(t.security_p)) {
            let options: Vec<Product> = catalog::security_options(core_product)
                .iter()
                .copied()
                .filter(|p| !self.has_live(*p))
                .collect();
            if !options.is_empty() {
                let product = if r.gen_bool(0.7) {
                    options[0]
                } else {
                    *rng::pick(r, &options)
                };
                let seats = core.map(|c| self.state.subs[c].qty).unwrap_or(1);
                let day = month.day_in_month(r);
                self.add(
                    product,
                    seats,
                    SubscriptionStatus::Active,
                    day,
                    add_months(day, 12),
                    PurchaseChannel::Partner,
                    k,
                );
            }
        }
        // Copilot, Surface.
        let copilot_ready = matches!(
            core_product,
            Product::BusinessStandard
                | Product::BusinessPremium
                | Product::Office365E3
                | Product::Microsoft365E3
                | Product::Microsoft365E5
        );
        let engagement = sigmoid(f64::from(t.engagement));
        if copilot_ready
            && self.state.employees >= 5
            && !self.has_live(Product::Copilot)
            && r.gen_bool(0.002 + 0.012 * t.upgrade_p * engagement)
        {
            let base = core.map(|c| self.state.subs[c].qty).unwrap_or(1);
            let seats = ((f64::from(base) * r.gen_range(0.03..0.2)).round() as u32).max(1);
            let day = month.day_in_month(r);
            self.add(
                Product::Copilot,
                seats,
                SubscriptionStatus::Active,
                day,
                add_months(day, 12),
                PurchaseChannel::Partner,
                k,
            );
        }
        if r.gen_bool(0.004 + 0.006 * sigmoid(f64::from(t.maturity))) {
            let devices = r.gen_range(1..=(self.state.employees / 4).clamp(1, 40));
            let day = month.day_in_month(r);
            self.add(
                Product::SurfaceDevice,
                devices,
                SubscriptionStatus::Active,
                day,
                add_months(day, 36),
                PurchaseChannel::Partner,
                k,
            );
        }
        // Seats follow headcount.
        if let Some(c) = self.primary_core() {
            let target = self.seat_target(self.state.subs[c].product);
            let qty = self.state.subs[c].qty;
            let mut new = qty;
            if target > qty && r.gen_bool(0.5) {
                new = qty + (target - qty).div_ceil(2);
            } else if target < qty && r.gen_bool(0.2) {
                new = qty - ((qty - target) / 3).max(1);
            }
            if new != qty {
                self.state.subs[c].qty = new.max(1);
                if new > qty {
                    let day = month.day_in_month(r);
                    self.note_transaction(day);
                }
                for s in &mut self.state.subs {
                    if s.status == SubscriptionStatus::Active
                        && matches!(
                            s.product,
                            Product::DefenderForBusiness
                                | Product::DefenderForOfficeP2
                                | Product::EntraIdP1
                                | Product::EmsE5
                        )
                        && s.qty != new
                        && r.gen_bool(0.4)
                    {
                        s.qty = new.max(1);
                    }
                }
            }
        }
    }

    /// Usage sag in the months before a churn event, and after a partial one.
    fn health_factor(&self, k: u16) -> f64 {
        let before = match self.traits.churn {
            Some((at, _)) if at >= k => match at - k {
                0 => 0.6,
                1 => 0.66,
                2 => 0.78,
                3 => 0.9,
                _ => 1.0,
            },
            _ => 1.0,
        };
        let after = if self.state.scarred { 0.85 } else { 1.0 };
        before * after
    }

    /// Appends this month's rows.
    fn emit(
        &mut self,
        month: Month<'_>,
        identity: &Identity,
        r: &mut ChaCha8Rng,
        batch: &mut Batch,
    ) {
        let k = month.k16();
        let tenant_id = &identity.tenant_id;
        // Usage per workload.
        let mut assigned = [0u32; 5];
        let mut active = [0u32; 5];
        let engagement = f64::from(self.traits.engagement);
        let health = self.health_factor(k);
        for w in 0..WORKLOADS.len() {
            let entitled: u32 = self
                .state
                .subs
                .iter()
                .filter(|s| s.live() && catalog::carries(s.product, w))
                .map(|s| s.qty)
                .sum();
            if entitled == 0 {
                continue;
            }
            let ceiling = (BASE_ADOPTION[w] * (0.8 + 0.18 * engagement.tanh())).clamp(0.02, 0.99);
            let level = if self.state.since[w] == NEVER {
                self.state.since[w] = k;
                if k == 0 {
                    ceiling * r.gen_range(0.6..0.95)
                } else {
                    ceiling * r.gen_range(0.2..0.4)
                }
            } else {
                let rate = 0.06 + 0.08 * sigmoid(engagement);
                let a = f64::from(self.state.adoption[w]);
                a + rate * (ceiling - a) + 0.004 * engagement + 0.012 * normal(r)
            }
            .clamp(0.01, 0.99);
            self.state.adoption[w] = level as f32;
            let n =
                ((f64::from(entitled) * f64::from(self.traits.assign_rate)).round() as u32).max(1);
            let p = (level * health).clamp(0.0, 1.0);
            let mean = f64::from(n) * p;
            let spread = (mean * (1.0 - p)).sqrt();
            let used = (mean + spread * normal(r)).round().clamp(0.0, f64::from(n)) as u32;
            assigned[w] = n;
            active[w] = used;
            batch.usage.push(UsageMonth {
                tenant_id: tenant_id.clone(),
                workload: WORKLOADS[w],
                month: month.calendar.month_start(month.k),
                assigned: n,
                active: used,
            });
        }
        // Security posture.
        let any_live = self.state.subs.iter().any(Sub::live);
        let core_product = self.primary_core().map(|c| self.state.subs[c].product);
        let strong_core = matches!(
            core_product,
            Some(Product::BusinessPremium | Product::Microsoft365E3 | Product::Microsoft365E5)
        );
        if !self.state.mfa_enforced && any_live {
            let p = (0.01
                + 0.06 * self.traits.security_p * (0.5 + sigmoid(f64::from(self.traits.maturity))))
                * if strong_core { 2.0 } else { 1.0 };
            self.state.mfa_enforced = r.gen_bool(p.min(1.0));
        }
        let target = if self.state.mfa_enforced {
            0.95
        } else {
            0.08 + 0.55 * sigmoid(1.2 * f64::from(self.traits.maturity))
        };
        let ratio = f64::from(self.state.mfa_ratio);
        self.state.mfa_ratio =
            (ratio + 0.3 * (target - ratio) + 0.01 * normal(r)).clamp(0.0, 1.0) as f32;
        if self.traits.signals_known && any_live {
            let users = assigned.iter().copied().max().unwrap_or(0);
            let users = if users == 0 {
                self.state.employees
            } else {
                users
            };
            let has = |products: &[Product]| {
                self.state.subs.iter().any(|s| {
                    s.status == SubscriptionStatus::Active && products.contains(&s.product)
                })
            };
            let surfaces: u32 = self
                .state
                .subs
                .iter()
                .filter(|s| {
                    s.status == SubscriptionStatus::Active && s.product == Product::SurfaceDevice
                })
                .map(|s| s.qty)
                .sum();
            batch.security.push(SecuritySignals {
                tenant_id: tenant_id.clone(),
                mfa_registered_users: (f64::from(users) * f64::from(self.state.mfa_ratio)).round()
                    as u32,
                mfa_enforced: self.state.mfa_enforced,
                defender_for_office: has(&[
                    Product::DefenderForOfficeP2,
                    Product::BusinessPremium,
                    Product::Microsoft365E5,
                ]),
                defender_for_business: has(&[
                    Product::DefenderForBusiness,
                    Product::BusinessPremium,
                ]),
                defender_for_endpoint: has(&[Product::Microsoft365E3, Product::Microsoft365E5]),
                device_count: (f64::from(self.state.employees)
                    * f64::from(self.traits.devices_per_employee))
                .round() as u32
                    + surfaces,
            });
        }
        // Subscriptions.
        for s in &self.state.subs {
            batch.subscriptions.push(Subscription {
                subscription_id: subscription_id(month.seed, self.index, s.serial),
                tenant_id: tenant_id.clone(),
                product: s.product,
                quantity: s.qty,
                status: s.status,
                start: s.start,
                end: s.end.max(s.start),
                channel: s.channel,
            });
        }
        // Per-user activity, last snapshot, tenants up to 300 users.
        if month.is_last() && !self.state.cancelled {
            let users = assigned.iter().copied().max().unwrap_or(0);
            if (1..=users::MAX_USERS).contains(&users) {
                users::activity(
                    month.seed,
                    self.index,
                    identity,
                    self.traits.concealed,
                    month.date(),
                    &assigned,
                    &active,
                    &mut batch.users,
                );
            }
        }
        // The customer.
        let segment = if Subsegment::of(self.traits.employees0, f64::from(self.traits.acr0))
            == Subsegment::UpperMedium
        {
            "SMC"
        } else {
            "SMB"
        };
        batch.customers.push(Customer {
            tenant_id: tenant_id.clone(),
            name: identity.name.full(),
            primary_domain: identity.domain.clone(),
            tpid: identity.tpid.clone(),
            employees: self.state.employees,
            city: identity.city.to_owned(),
            state: Some(identity.region.to_owned()),
            postal_code: Some(identity.postal_code.clone()),
            country: identity.country.code().to_owned(),
            industry: INDUSTRIES[usize::from(self.traits.industry)]
                .name
                .to_owned(),
            vertical: identity.vertical.to_owned(),
            segment: segment.to_owned(),
            acr_usd_month: (f64::from(self.state.acr) * 100.0).round() / 100.0,
            last_transaction: self.state.last_tx,
        });
    }
}

/// The first anniversary of `start` (yearly terms) after `today`.
fn renewal_after(start: NaiveDate, today: NaiveDate) -> NaiveDate {
    let mut end = add_months(start, 12);
    let mut years = 1;
    while end <= today && years < 100 {
        years += 1;
        end = add_months(start, 12 * years);
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::tenants::{self, NameBook};

    fn run(seed: u64, customers: u32, months: u32) -> Vec<Batch> {
        let as_of = NaiveDate::from_ymd_opt(2026, 10, 31).expect("date");
        let calendar = Calendar::new(as_of, months);
        let mut book = NameBook::default();
        let mut tenants: Vec<Tenant> = (0..customers)
            .map(|i| {
                let (variant, _, traits) = tenants::register(&mut book, seed, i, months as u16);
                Tenant::new(i, variant, traits)
            })
            .collect();
        (0..months as usize)
            .map(|k| {
                let mut batch = Batch::default();
                for t in &mut tenants {
                    let identity = tenants::identity(seed, t.index, t.variant);
                    t.advance(
                        Month {
                            seed,
                            k,
                            calendar: &calendar,
                        },
                        &identity,
                        &mut batch,
                    );
                }
                batch
            })
            .collect()
    }

    fn fingerprint(batches: &[Batch]) -> String {
        let mut out = String::new();
        for b in batches {
            out.push_str(&format!(
                "{:?}{:?}{:?}{:?}{:?}",
                b.customers, b.subscriptions, b.usage, b.security, b.users
            ));
        }
        out
    }

    #[test]
    fn every_row_is_deterministic() {
        let a = run(11, 60, 8);
        let b = run(11, 60, 8);
        assert_eq!(fingerprint(&a), fingerprint(&b));
        assert!(a
            .last()
            .is_some_and(|b| !b.users.is_empty() && !b.security.is_empty()));
        assert_ne!(fingerprint(&a), fingerprint(&run(12, 60, 8)));
    }

    #[test]
    fn rows_are_consistent() {
        let batches = run(5, 300, 24);
        for b in &batches {
            for u in &b.usage {
                assert!(u.active <= u.assigned, "{u:?}");
                assert!(u.assigned > 0);
            }
            for s in &b.subscriptions {
                assert!(s.start <= s.end, "{s:?}");
                assert!(s.quantity > 0);
            }
            for s in &b.security {
                assert!(s.mfa_registered_users <= s.device_count.max(s.mfa_registered_users));
            }
        }
        let statuses: std::collections::BTreeSet<&str> = batches
            .iter()
            .flat_map(|b| b.subscriptions.iter().map(|s| s.status.as_str()))
            .collect();
        for status in SubscriptionStatus::ALL {
            assert!(statuses.contains(status.as_str()), "{statuses:?}");
        }
        let products: std::collections::BTreeSet<&str> = batches
            .iter()
            .flat_map(|b| b.subscriptions.iter().map(|s| s.product.as_str()))
            .collect();
        assert!(products.len() >= 15, "{products:?}");
        let direct = batches
            .iter()
            .flat_map(|b| &b.subscriptions)
            .filter(|s| s.channel == PurchaseChannel::MicrosoftDirect)
            .count();
        assert!(direct > 0);
    }

    #[test]
    fn subscription_ids_are_stable_across_months() {
        let batches = run(3, 40, 6);
        let first: std::collections::BTreeMap<&str, (Product, NaiveDate)> = batches[0]
            .subscriptions
            .iter()
            .map(|s| (s.subscription_id.as_str(), (s.product, s.start)))
            .collect();
        for b in &batches[1..] {
            for s in &b.subscriptions {
                if let Some((product, start)) = first.get(s.subscription_id.as_str()) {
                    assert_eq!((*product, *start), (s.product, s.start));
                }
            }
        }
    }
}
