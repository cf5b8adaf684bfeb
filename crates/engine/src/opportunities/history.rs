//! The workspace's snapshots in memory, shaped for the models: per snapshot and tenant, the
//! state the features are computed from, and per tenant the monthly usage series.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use partner_advisor_domain::{Product, SubscriptionStatus, Workload};
use partner_advisor_store::tables::history;
use partner_advisor_store::Workspace;

use crate::{EngineError, Result};

/// The five workloads of the usage table, in display order.
pub(crate) const WORKLOADS: [Workload; 5] = [
    Workload::Exchange,
    Workload::CoreApps,
    Workload::Teams,
    Workload::SharePoint,
    Workload::OneDrive,
];

/// The workload's key in texts and IPC.
pub(crate) fn workload_key(w: Workload) -> &'static str {
    match w {
        Workload::Exchange => "exchange",
        Workload::CoreApps => "coreApps",
        Workload::Teams => "teams",
        Workload::SharePoint => "sharePoint",
        Workload::OneDrive => "oneDrive",
    }
}

/// The workload of a key.
pub(crate) fn workload_of_key(key: &str) -> Option<Workload> {
    WORKLOADS.into_iter().find(|w| workload_key(*w) == key)
}

fn workload_index(w: Workload) -> usize {
    WORKLOADS.iter().position(|x| *x == w).unwrap_or(0)
}

/// One snapshot.
#[derive(Debug, Clone)]
pub(crate) struct SnapshotInfo {
    /// Database id.
    pub id: i64,
    /// As-of date.
    pub as_of: NaiveDate,
    /// The month its usage describes (the latest month it reports, or its as-of month).
    pub usage_month: NaiveDate,
}

/// Who a tenant is.
#[derive(Debug, Clone)]
pub(crate) struct TenantInfo {
    pub tenant_id: String,
    pub country: String,
    pub industry: String,
}

/// A subscription as the models see it.
#[derive(Debug, Clone)]
pub(crate) struct Sub {
    /// `None` for a product the catalogue does not know (kept out of the features).
    pub product: Option<Product>,
    pub quantity: u32,
    pub status: SubscriptionStatus,
    pub end: NaiveDate,
}

impl Sub {
    pub fn live(&self) -> bool {
        matches!(
            self.status,
            SubscriptionStatus::Active | SubscriptionStatus::Trial
        )
    }
}

/// Security signals of a tenant in a snapshot.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Security {
    pub mfa_registered: u32,
    pub mfa_enforced: bool,
    pub defender_office: bool,
    pub defender_business: bool,
    pub defender_endpoint: bool,
    pub devices: u32,
}

/// A tenant in a snapshot.
#[derive(Debug, Clone, Default)]
pub(crate) struct TenantState {
    pub employees: u32,
    pub acr: f64,
    pub subs: Vec<Sub>,
    pub security: Option<Security>,
}

impl TenantState {
    /// Paid licences (SPEC §2: trials excluded).
    pub fn seats(&self) -> u32 {
        self.subs
            .iter()
            .filter(|s| s.status == SubscriptionStatus::Active)
            .map(|s| s.quantity)
            .sum()
    }

    /// Whether an active or trial subscription of `product` exists.
    pub fn has_live(&self, product: Product) -> bool {
        self.subs
            .iter()
            .any(|s| s.product == Some(product) && s.status == SubscriptionStatus::Active)
    }

    /// The main licence: the highest-ranked paid productivity product.
    pub fn core(&self) -> Option<(Product, u32)> {
        self.subs
            .iter()
            .filter(|s| s.status == SubscriptionStatus::Active)
            .filter_map(|s| s.product.map(|p| (p, s.quantity, s.end)))
            .filter(|(p, _, _)| core_rank(*p).is_some())
            .max_by_key(|(p, q, _)| (core_rank(*p), *q))
            .map(|(p, q, _)| (p, q))
    }

    /// Renewal date of the main licence.
    pub fn core_end(&self) -> Option<NaiveDate> {
        let (core, _) = self.core()?;
        self.subs
            .iter()
            .filter(|s| s.product == Some(core) && s.status == SubscriptionStatus::Active)
            .map(|s| s.end)
            .min()
    }
}

/// Rank of a core (user-licence) product: higher is more valuable. Business SKUs rank below
/// Enterprise SKUs; standalone apps below suites.
pub(crate) fn core_rank(p: Product) -> Option<u8> {
    use Product::*;
    Some(match p {
        ExchangeOnlinePlan1 => 1,
        AppsForBusiness => 2,
        BusinessBasic => 3,
        BusinessStandard => 4,
        BusinessPremium => 5,
        Office365E3 => 6,
        Microsoft365E3 => 7,
        Microsoft365E5 => 8,
        _ => return None,
    })
}

/// One month of one workload.
#[derive(Debug, Clone, Copy)]
pub(crate) struct UsagePoint {
    pub month: NaiveDate,
    /// Index of the snapshot that reported it.
    pub snap: u16,
    pub workload: u8,
    pub assigned: u32,
    pub active: u32,
}

/// Everything loaded.
#[derive(Debug, Default)]
pub(crate) struct History {
    pub snapshots: Vec<SnapshotInfo>,
    pub tenants: Vec<TenantInfo>,
    pub tenant_index: HashMap<String, u32>,
    /// `[snapshot][tenant]`; `None` when the tenant is not in the snapshot.
    pub states: Vec<Vec<Option<TenantState>>>,
    /// Per tenant, sorted by month then snapshot.
    pub usage: Vec<Vec<UsagePoint>>,
}

fn parse_date(text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text.get(..10).unwrap_or(text), "%Y-%m-%d")
        .map_err(|e| EngineError::InvalidInput(format!("stored date '{text}': {e}")))
}

pub(crate) fn month_start(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap_or(d)
}

impl History {
    /// Loads the given snapshots (all when `None`), oldest first.
    pub async fn load(ws: &Workspace, only: Option<&[i64]>) -> Result<Self> {
        let pool = ws.pool();
        let all = history::snapshots(pool).await?;
        let chosen: Vec<(i64, NaiveDate)> = all
            .iter()
            .filter(|(id, _)| only.is_none_or(|o| o.contains(id)))
            .map(|(id, d)| Ok((*id, parse_date(d)?)))
            .collect::<Result<_>>()?;
        let mut h = History::default();
        if chosen.is_empty() {
            return Ok(h);
        }
        let ids: Vec<i64> = chosen.iter().map(|(id, _)| *id).collect();
        let snap_pos: HashMap<i64, usize> = chosen
            .iter()
            .enumerate()
            .map(|(i, (id, _))| (*id, i))
            .collect();
        for row in history::identities(pool).await? {
            let idx = h.tenants.len() as u32;
            h.tenant_index.insert(row.0.clone(), idx);
            h.tenants.push(TenantInfo {
                tenant_id: row.0,
                country: row.3,
                industry: row.4,
            });
        }
        let n_t = h.tenants.len();
        h.states = vec![vec![None; n_t]; chosen.len()];
        h.usage = vec![Vec::new(); n_t];

        let tenant = |h: &History, id: &str| h.tenant_index.get(id).map(|i| *i as usize);
        for (snap, tid, employees, acr) in history::states_since(pool, &ids).await? {
            let (Some(s), Some(t)) = (snap_pos.get(&snap), tenant(&h, &tid)) else {
                continue;
            };
            h.states[*s][t] = Some(TenantState {
                employees: u32::try_from(employees).unwrap_or(0),
                acr,
                subs: Vec::new(),
                security: None,
            });
        }
        let mut products: HashMap<String, Option<Product>> = HashMap::new();
        let field = |it: &mut std::str::Split<'_, char>| it.next().unwrap_or_default().to_owned();
        for (tid, packed) in history::subscriptions_packed_since(pool, &ids).await? {
            let Some(t) = tenant(&h, &tid) else {
                continue;
            };
            for record in packed.split(history::RECORD) {
                let mut it = record.split(history::FIELD);
                let snap: i64 = field(&mut it).parse().unwrap_or(-1);
                let product = field(&mut it);
                let qty: i64 = field(&mut it).parse().unwrap_or(0);
                let status = field(&mut it);
                let end = field(&mut it);
                let Some(s) = snap_pos.get(&snap) else {
                    continue;
                };
                let product = *products
                    .entry(product)
                    .or_insert_with_key(|name| Product::parse(name).ok());
                let Ok(status) = SubscriptionStatus::parse(&status) else {
                    continue;
                };
                let end = parse_date(&end)?;
                if let Some(state) = h.states[*s][t].as_mut() {
                    state.subs.push(Sub {
                        product,
                        quantity: u32::try_from(qty).unwrap_or(0),
                        status,
                        end,
                    });
                }
            }
        }
        for (snap, tid, mfa, enforced, dfo, dfb, dfe, devices) in
            history::security_since(pool, &ids).await?
        {
            let (Some(s), Some(t)) = (snap_pos.get(&snap), tenant(&h, &tid)) else {
                continue;
            };
            if let Some(state) = h.states[*s][t].as_mut() {
                state.security = Some(Security {
                    mfa_registered: u32::try_from(mfa).unwrap_or(0),
                    mfa_enforced: enforced != 0,
                    defender_office: dfo != 0,
                    defender_business: dfb != 0,
                    defender_endpoint: dfe != 0,
                    devices: u32::try_from(devices).unwrap_or(0),
                });
            }
        }
        let mut latest_month: Vec<Option<NaiveDate>> = vec![None; chosen.len()];
        let mut months: HashMap<String, NaiveDate> = HashMap::new();
        let mut workloads: HashMap<String, Option<Workload>> = HashMap::new();
        for (tid, packed) in history::usage_packed_since(pool, &ids).await? {
            let Some(t) = tenant(&h, &tid) else {
                continue;
            };
            for record in packed.split(history::RECORD) {
                let mut it = record.split(history::FIELD);
                let snap: i64 = field(&mut it).parse().unwrap_or(-1);
                let workload = field(&mut it);
                let month = field(&mut it);
                let assigned: i64 = field(&mut it).parse().unwrap_or(0);
                let active: i64 = field(&mut it).parse().unwrap_or(0);
                let Some(s) = snap_pos.get(&snap) else {
                    continue;
                };
                let Some(w) = *workloads
                    .entry(workload)
                    .or_insert_with_key(|name| Workload::parse(name).ok())
                else {
                    continue;
                };
                let month = match months.get(&month) {
                    Some(m) => *m,
                    None => {
                        let m = month_start(parse_date(&month)?);
                        months.insert(month, m);
                        m
                    }
                };
                let lm = &mut latest_month[*s];
                if lm.is_none_or(|x| x < month) {
                    *lm = Some(month);
                }
                h.usage[t].push(UsagePoint {
                    month,
                    snap: *s as u16,
                    workload: workload_index(w) as u8,
                    assigned: u32::try_from(assigned).unwrap_or(0),
                    active: u32::try_from(active).unwrap_or(0),
                });
            }
        }
        for series in &mut h.usage {
            series.sort_by_key(|p| (p.month, p.snap, p.workload));
        }
        h.snapshots = chosen
            .iter()
            .zip(latest_month)
            .map(|((id, as_of), lm)| SnapshotInfo {
                id: *id,
                as_of: *as_of,
                usage_month: lm.unwrap_or_else(|| month_start(*as_of)),
            })
            .collect();
        Ok(h)
    }

    /// The state of tenant `t` in snapshot `s`.
    pub fn state(&self, s: usize, t: usize) -> Option<&TenantState> {
        self.states.get(s)?.get(t)?.as_ref()
    }

    /// Assigned and active users of workload `w` in `month`, as known at snapshot `s` (the
    /// latest report of that month from a snapshot no later than `s`).
    pub fn usage_at(&self, t: usize, s: usize, w: usize, month: NaiveDate) -> Option<(u32, u32)> {
        let series = &self.usage[t];
        let start = series.partition_point(|p| p.month < month);
        series[start..]
            .iter()
            .take_while(|p| p.month == month)
            .filter(|p| p.workload as usize == w && (p.snap as usize) <= s)
            .max_by_key(|p| p.snap)
            .map(|p| (p.assigned, p.active))
    }
}

/// The first day of the month `k` months before `month`.
pub(crate) fn months_back(month: NaiveDate, k: u32) -> NaiveDate {
    month
        .checked_sub_months(chrono::Months::new(k))
        .unwrap_or(month)
}
