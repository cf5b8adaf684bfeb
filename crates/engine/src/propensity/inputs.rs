//! Reads the scored snapshot a page of customers at a time into [`Facts`]: each page is one
//! query for the customers (by tenant ID after the previous page's last) and one per table for
//! that tenant range (states three, six and twelve months before; subscriptions packed per
//! tenant; usage of the last four months; security signals now and three months before;
//! external signals observed up to the snapshot). Leads are few (a fifth of the customers at
//! most) and are indexed by domain once.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use partner_advisor_domain::external_signal::version_year;
use partner_advisor_domain::{
    CallToAction, ExternalSignalKind, LeadClassification, LeadType, LicenseProgram, Product,
    SubscriptionStatus, Workload,
};
use partner_advisor_store::tables::history::{self as history_table, FIELD, RECORD};
use partner_advisor_store::tables::{external_signals, propensity_inputs as table};
use partner_advisor_store::Workspace;

use super::facts::{months_before, Edition, Facts, LeadHit, Observed, Posture};
use super::intent::lead_areas;
use crate::{EngineError, Result};

/// Customers per page by default.
pub(crate) const PAGE: u32 = 5_000;
/// Days of leads that count as intent.
const LEAD_DAYS: i64 = 90;
/// Months of usage read for the trend (the snapshot's month and three before).
const USAGE_MONTHS: u32 = 4;

/// The scored snapshot and the earlier ones its facts compare with.
#[derive(Debug, Clone)]
pub(crate) struct Window {
    /// The latest snapshot.
    pub snapshot_id: i64,
    /// Its date.
    pub as_of: NaiveDate,
    /// The latest snapshot at least 3, 6 and 12 months older.
    s3: Option<i64>,
    s6: Option<i64>,
    s12: Option<i64>,
    /// Snapshots whose usage is read, oldest first.
    usage: Vec<i64>,
}

/// Reads an ISO date (`YYYY-MM-DD`, anything after ignored) without going through a parser.
pub(crate) fn iso_date(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |acc, c| {
            c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
        })
    };
    NaiveDate::from_ymd_opt(num(0..4)? as i32, num(5..7)?, num(8..10)?)
}

fn date(text: &str) -> Result<NaiveDate> {
    iso_date(text).ok_or_else(|| EngineError::InvalidInput(format!("stored date '{text}'")))
}

/// The window of the latest snapshot, or `None` when the workspace has no snapshot.
pub(crate) async fn window(ws: &Workspace) -> Result<Option<Window>> {
    let all = history_table::snapshots(ws.pool()).await?;
    let dated: Vec<(i64, NaiveDate)> = all
        .iter()
        .map(|(id, d)| Ok((*id, date(d)?)))
        .collect::<Result<_>>()?;
    let Some(&(snapshot_id, as_of)) = dated.last() else {
        return Ok(None);
    };
    let before = |months: u32| {
        let cut = months_before(as_of, months);
        dated
            .iter()
            .rev()
            .find(|(id, d)| *id != snapshot_id && *d <= cut)
            .map(|(id, _)| *id)
    };
    let usage_from = months_before(as_of, USAGE_MONTHS);
    Ok(Some(Window {
        snapshot_id,
        as_of,
        s3: before(3),
        s6: before(6),
        s12: before(12),
        usage: dated
            .iter()
            .filter(|(_, d)| *d > usage_from)
            .map(|(id, _)| *id)
            .collect(),
    }))
}

/// Pages through the window's customers.
pub(crate) struct Reader<'a> {
    ws: &'a Workspace,
    window: Window,
    after: Option<String>,
    leads: HashMap<String, Vec<LeadHit>>,
    done: bool,
    page: u32,
    usage: Vec<(NaiveDate, u8, usize, u32, u32)>,
}

/// A stored name's value: the exact wire name first (no allocation), any spelling `parse`
/// accepts otherwise.
fn stored<T: Copy>(
    all: &[T],
    name: &str,
    as_str: fn(T) -> &'static str,
    parse: impl Fn(&str) -> Option<T>,
) -> Option<T> {
    all.iter()
        .copied()
        .find(|v| as_str(*v) == name)
        .or_else(|| parse(name))
}

/// One packed external signal (see `external_signals::packed_of_tenants`); `None` for a kind
/// this build does not know or a record it cannot read.
fn observed(record: &str) -> Option<Observed> {
    let mut it = record.split(FIELD);
    let kind = stored(
        ExternalSignalKind::ALL,
        it.next()?,
        ExternalSignalKind::as_str,
        |n| ExternalSignalKind::parse(n).ok(),
    )?;
    let version = it.next()?;
    let edition = it.next()?;
    let observed_on = iso_date(it.next()?)?;
    let license = match it.next()? {
        "" => None,
        l => stored(LicenseProgram::ALL, l, LicenseProgram::as_str, |n| {
            LicenseProgram::parse(n).ok()
        }),
    };
    let annuity = match it.next()? {
        "" => None,
        a => Some(a != "0"),
    };
    let quantity = it.next()?.parse().unwrap_or(f64::NAN);
    let until = iso_date(it.next().unwrap_or(""));
    Some(Observed {
        kind,
        year: version_year(version),
        edition: if edition.is_empty() {
            Edition::Other
        } else {
            Edition::parse(edition)
        },
        license,
        annuity,
        quantity,
        observed_on,
        until,
    })
}

impl<'a> Reader<'a> {
    /// A reader of `window`'s customers, `page` at a time, with the leads of the last 90 days
    /// indexed.
    pub(crate) async fn new(ws: &'a Workspace, window: Window, page: u32) -> Result<Reader<'a>> {
        let since = window.as_of - chrono::Days::new(LEAD_DAYS as u64);
        let mut leads: HashMap<String, Vec<LeadHit>> = HashMap::new();
        for (email, offer, cta, lead_type, classification, created) in
            table::leads_since(ws.pool(), &since.to_string()).await?
        {
            let Some((_, domain)) = email.rsplit_once('@') else {
                continue;
            };
            let created = DateTime::parse_from_rfc3339(&created)
                .map(|d| d.with_timezone(&Utc).date_naive())
                .ok()
                .or_else(|| iso_date(&created));
            let Some(created) = created else {
                continue;
            };
            let days = (window.as_of - created).num_days().max(0);
            if days > LEAD_DAYS {
                continue;
            }
            let profile = LeadType::parse(&lead_type) == Ok(LeadType::Profile);
            let hot = cta.as_deref().map(CallToAction::parse) == Some(Ok(CallToAction::ContactMe))
                || LeadClassification::parse(&classification)
                    == Ok(LeadClassification::SalesQualified);
            leads
                .entry(domain.trim().to_lowercase())
                .or_default()
                .push(LeadHit {
                    areas: lead_areas(&offer),
                    profile,
                    hot,
                    days_ago: u16::try_from(days).unwrap_or(u16::MAX),
                });
        }
        Ok(Reader {
            ws,
            window,
            after: None,
            leads,
            done: false,
            page: page.max(1),
            usage: Vec::new(),
        })
    }

    /// The window read.
    pub(crate) fn window(&self) -> &Window {
        &self.window
    }

    /// Fills `out[..n]` with the next page's customers and returns `n` (0 when done). The
    /// facts beyond `n` are left as they were (buffers to reuse).
    pub(crate) async fn next(&mut self, out: &mut Vec<Facts>) -> Result<usize> {
        if self.done {
            return Ok(0);
        }
        let pool = self.ws.pool();
        let w = &self.window;
        let rows =
            table::tenants_page(pool, w.snapshot_id, self.after.as_deref(), self.page).await?;
        let n = rows.len();
        if n < self.page as usize {
            self.done = true;
        }
        if n == 0 {
            return Ok(0);
        }
        if out.len() < n {
            out.resize_with(n, Facts::default);
        }
        for (f, r) in out.iter_mut().zip(&rows) {
            f.reset();
            f.tenant_id.push_str(&r.0);
            f.domain.push_str(r.1.trim());
            f.domain.make_ascii_lowercase();
            f.country.push_str(&r.2);
            f.industry.push_str(&r.3);
            f.vertical.push_str(&r.4);
            f.as_of = w.as_of;
            f.employees = u32::try_from(r.5).unwrap_or(0);
            f.acr_usd_month = r.6;
            f.last_transaction = r.7.as_deref().and_then(iso_date);
            let id = &mut f.identity;
            id.name.push_str(&r.8);
            id.tpid.push_str(r.9.as_deref().unwrap_or(""));
            id.city.push_str(&r.10);
            id.state.push_str(r.11.as_deref().unwrap_or(""));
            id.postal_code.push_str(r.12.as_deref().unwrap_or(""));
            id.segment.push_str(&r.13);
        }
        let facts = &mut out[..n];
        let first = rows[0].0.clone();
        let last = rows[n - 1].0.clone();
        let at = |facts: &[Facts], tenant: &str| {
            facts
                .binary_search_by(|f| f.tenant_id.as_str().cmp(tenant))
                .ok()
        };

        // Earlier states: headcount six months before, Azure spend three months before, and
        // which tenants existed three and twelve months before.
        let earlier: Vec<i64> = [w.s3, w.s6, w.s12].into_iter().flatten().collect();
        let mut acr_12m: Vec<Option<f64>> = vec![None; n];
        for (snap, tenant, employees, acr) in table::states(pool, &earlier, &first, &last).await? {
            let Some(i) = at(facts, &tenant) else {
                continue;
            };
            let f = &mut facts[i];
            if Some(snap) == w.s3 {
                f.acr_3m = Some(acr);
                f.seats_3m = Some(0);
            }
            if Some(snap) == w.s6 {
                f.employees_6m = u32::try_from(employees).ok();
            }
            if Some(snap) == w.s12 {
                acr_12m[i] = Some(acr);
            }
        }
        for (f, acr) in facts.iter_mut().zip(&acr_12m) {
            f.revenue_12m_ago = acr.map(|a| a.max(0.0));
        }

        // Subscriptions now, three and twelve months before.
        let subs_of: Vec<i64> = [Some(w.snapshot_id), w.s3, w.s12]
            .into_iter()
            .flatten()
            .collect();
        let mut products: HashMap<String, Option<Product>> = HashMap::new();
        for (tenant, packed) in table::subscriptions_packed(pool, &subs_of, &first, &last).await? {
            let Some(i) = at(facts, &tenant) else {
                continue;
            };
            let f = &mut facts[i];
            for record in packed.split(RECORD) {
                let mut it = record.split(FIELD);
                let snap: i64 = it.next().unwrap_or("").parse().unwrap_or(-1);
                let name = it.next().unwrap_or("");
                let quantity: u32 = it.next().unwrap_or("").parse().unwrap_or(0);
                let Some(status) = stored(
                    SubscriptionStatus::ALL,
                    it.next().unwrap_or(""),
                    SubscriptionStatus::as_str,
                    |n| SubscriptionStatus::parse(n).ok(),
                ) else {
                    continue;
                };
                let product = match products.get(name) {
                    Some(p) => *p,
                    None => {
                        let p = Product::parse(name).ok();
                        products.insert(name.to_owned(), p);
                        p
                    }
                };
                let Some(product) = product else {
                    continue;
                };
                let (Some(start), Some(end)) =
                    (it.next().and_then(iso_date), it.next().and_then(iso_date))
                else {
                    continue;
                };
                if snap == w.snapshot_id {
                    f.add_subscription(product, quantity, status, start, end);
                } else if status == SubscriptionStatus::Active {
                    if Some(snap) == w.s3 {
                        if let Some(s) = f.seats_3m.as_mut() {
                            *s += quantity;
                        }
                    }
                    if Some(snap) == w.s12 {
                        if let Some(r) = f.revenue_12m_ago.as_mut() {
                            *r += f64::from(quantity) * product.list_price_usd_month();
                        }
                    }
                }
            }
        }

        // Usage: the share of active users per month, the latest report of each month.
        let usage_pos = |snap: i64| w.usage.iter().position(|s| *s == snap);
        for (tenant, packed) in table::usage_packed(pool, &w.usage, &first, &last).await? {
            let Some(i) = at(facts, &tenant) else {
                continue;
            };
            self.usage.clear();
            for record in packed.split(RECORD) {
                let mut it = record.split(FIELD);
                let snap: i64 = it.next().unwrap_or("").parse().unwrap_or(-1);
                let Some(pos) = usage_pos(snap) else {
                    continue;
                };
                let Some(workload) = stored(
                    Workload::ALL,
                    it.next().unwrap_or(""),
                    Workload::as_str,
                    |n| Workload::parse(n).ok(),
                ) else {
                    continue;
                };
                let Some(month) = it.next().and_then(iso_date) else {
                    continue;
                };
                let assigned: u32 = it.next().unwrap_or("").parse().unwrap_or(0);
                let active: u32 = it.next().unwrap_or("").parse().unwrap_or(0);
                self.usage
                    .push((month, workload as u8, pos, assigned, active));
            }
            let (now, before) = usage_shares(&mut self.usage);
            facts[i].usage_now = now;
            facts[i].usage_before = before;
        }

        // Security now and three months before.
        let security_of: Vec<i64> = [Some(w.snapshot_id), w.s3].into_iter().flatten().collect();
        for (snap, tenant, mfa, enforced, dfo, dfb, dfe, devices) in
            table::security(pool, &security_of, &first, &last).await?
        {
            let Some(i) = at(facts, &tenant) else {
                continue;
            };
            let f = &mut facts[i];
            // Users are the productivity seats (security add-ons license the same users).
            let seats = match f.productivity_seats() {
                0 => f.employees,
                n => n,
            };
            let posture = Posture {
                mfa_ratio: (mfa.max(0) as f64 / f64::from(seats.max(1))).min(1.0),
                mfa_enforced: enforced != 0,
                defender_office: dfo != 0,
                defender_business: dfb != 0,
                defender_endpoint: dfe != 0,
                devices: u32::try_from(devices).unwrap_or(0),
            };
            if snap == w.snapshot_id {
                f.posture = Some(posture);
            } else {
                f.posture_3m = Some(posture);
            }
        }

        // External signals.
        for (tenant, packed) in
            external_signals::packed_of_tenants(pool, &first, &last, w.as_of).await?
        {
            let Some(i) = at(facts, &tenant) else {
                continue;
            };
            let f = &mut facts[i];
            for record in packed.split(RECORD) {
                if let Some(o) = observed(record) {
                    f.observed.push(o);
                }
            }
        }

        // Leads from the customer's domain.
        for f in facts.iter_mut() {
            if let Some(hits) = self.leads.get(f.domain.as_str()) {
                f.leads.extend_from_slice(hits);
            }
        }
        self.after = Some(last);
        Ok(n)
    }
}

/// The mean share of active users over the workloads in the latest month, and the mean of the
/// same over up to three months before it. `points` holds (month, workload, snapshot position,
/// assigned, active); the latest snapshot's report of a month wins.
fn usage_shares(points: &mut [(NaiveDate, u8, usize, u32, u32)]) -> (Option<f64>, Option<f64>) {
    points.sort_unstable_by(|a, b| (a.0, a.1, b.2).cmp(&(b.0, b.1, a.2)));
    // Per month: the sum of shares and the number of workloads.
    let mut months: [(Option<NaiveDate>, f64, u32); 8] = [(None, 0.0, 0); 8];
    let mut m = 0usize;
    let mut previous: Option<(NaiveDate, u8)> = None;
    for &(month, workload, _, assigned, active) in points.iter() {
        if previous == Some((month, workload)) {
            continue;
        }
        previous = Some((month, workload));
        if assigned == 0 {
            continue;
        }
        if months[m].0 != Some(month) {
            if months[m].0.is_some() {
                m = (m + 1).min(months.len() - 1);
            }
            months[m] = (Some(month), 0.0, 0);
        }
        months[m].1 += f64::from(active.min(assigned)) / f64::from(assigned);
        months[m].2 += 1;
    }
    let shares: Vec<f64> = months[..=m]
        .iter()
        .filter(|(d, _, n)| d.is_some() && *n > 0)
        .map(|(_, sum, n)| sum / f64::from(*n))
        .collect();
    let Some((now, rest)) = shares.split_last() else {
        return (None, None);
    };
    let rest = &rest[rest.len().saturating_sub(3)..];
    let before = (!rest.is_empty()).then(|| rest.iter().sum::<f64>() / rest.len() as f64);
    (Some(*now), before)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, 1).expect("date")
    }

    #[test]
    fn iso_dates_are_read_fast_and_strictly() {
        assert_eq!(
            iso_date("2026-10-31"),
            NaiveDate::from_ymd_opt(2026, 10, 31)
        );
        assert_eq!(
            iso_date("2026-10-31T12:00:00Z"),
            NaiveDate::from_ymd_opt(2026, 10, 31)
        );
        assert_eq!(iso_date("2026-02-30"), None);
        assert_eq!(iso_date("20261031"), None);
    }

    #[test]
    fn packed_signals_are_read_field_by_field() {
        let record = [
            "Windows Server",
            "2012 R2",
            "Datacenter",
            "2026-09-30",
            "Open Value",
            "1",
            "4.0",
            "2027-03-31",
        ]
        .join("\u{1f}");
        let o = observed(&record).expect("a signal");
        assert_eq!(o.kind, ExternalSignalKind::WindowsServer);
        assert_eq!((o.year, o.edition), (Some(2012), Edition::Datacenter));
        assert_eq!(
            (o.license, o.annuity),
            (Some(LicenseProgram::OpenValue), Some(true))
        );
        assert_eq!(o.quantity, 4.0);
        assert_eq!(o.until, NaiveDate::from_ymd_opt(2027, 3, 31));
        let bare = ["QuickBooks", "", "", "2026-09-30", "", "", "", ""].join("\u{1f}");
        let o = observed(&bare).expect("a signal");
        assert!(o.quantity.is_nan() && o.license.is_none() && o.annuity.is_none());
        assert!(
            observed(&["Something new", "", "", "2026-09-30", "", "", "", ""].join("\u{1f}"))
                .is_none()
        );
    }

    #[test]
    fn usage_shares_take_the_latest_report_of_each_month() {
        let mut points = vec![
            (d(2026, 10), 0, 3, 10, 9),
            (d(2026, 10), 1, 3, 10, 5),
            (d(2026, 9), 0, 2, 10, 6),
            (d(2026, 9), 0, 1, 10, 1),
            (d(2026, 8), 0, 1, 10, 4),
            (d(2026, 7), 0, 0, 10, 2),
            (d(2026, 6), 0, 0, 10, 10),
        ];
        let (now, before) = usage_shares(&mut points);
        assert!((now.unwrap_or(0.0) - 0.7).abs() < 1e-9);
        // September (the later report, 0.6), August 0.4, July 0.2; June is too old.
        assert!((before.unwrap_or(0.0) - 0.4).abs() < 1e-9);
        assert_eq!(usage_shares(&mut []), (None, None));
    }
}
