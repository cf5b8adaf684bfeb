//! The opportunities of a workspace in memory: the table's filtering, search, sort and windowing
//! run here so only the visible rows cross to the UI.

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, NaiveDate};
use partner_advisor_store::tables::{history as history_table, opportunities as table};
use partner_advisor_store::Workspace;

use super::search_text::fold;
use super::settings::OpportunitySettings;
use super::texts;
use super::view::*;
use crate::settings::Language;
use crate::{EngineError, Result};

/// Rows in one window at most.
pub const MAX_WINDOW: u32 = 500;

struct Entry {
    row: OpportunityRow,
    folded: String,
    date: NaiveDate,
    probability: f64,
    /// Position of the customer name in name order, so sorting by it compares integers.
    customer_rank: u32,
    /// Position of the recommendation text in text order.
    recommendation_rank: u32,
}

/// A probability as an integer that sorts the same way (millionths).
fn probability_key(p: f64) -> u32 {
    (p.clamp(0.0, 1.0) * 1_000_000.0).round() as u32
}

/// Fills the name and recommendation ranks: string comparisons happen once per load, not on
/// every query's sort.
fn rank(entries: &mut [Entry]) {
    let customers = ranks_of(entries, |e| &e.row.customer);
    let recommendations = ranks_of(entries, |e| &e.row.recommendation);
    for ((e, c), r) in entries.iter_mut().zip(customers).zip(recommendations) {
        e.customer_rank = c;
        e.recommendation_rank = r;
    }
}

/// Each entry's position in the order of `text`, equal texts sharing a rank.
fn ranks_of(entries: &[Entry], text: impl Fn(&Entry) -> &str) -> Vec<u32> {
    let mut order: Vec<usize> = (0..entries.len()).collect();
    order.sort_by(|&a, &b| text(&entries[a]).cmp(text(&entries[b])));
    let mut ranks = vec![0u32; entries.len()];
    let mut r = 0u32;
    for w in 0..order.len() {
        if w > 0 && text(&entries[order[w - 1]]) != text(&entries[order[w]]) {
            r += 1;
        }
        ranks[order[w]] = r;
    }
    ranks
}

/// The opportunities of one workspace in one language.
pub struct OpportunityIndex {
    workspace_id: String,
    language: Language,
    entries: Vec<Entry>,
    by_key: HashMap<String, usize>,
    overview: OpportunityOverview,
}

impl std::fmt::Debug for OpportunityIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OpportunityIndex")
            .field("workspace_id", &self.workspace_id)
            .field("rows", &self.entries.len())
            .finish()
    }
}

impl OpportunityIndex {
    /// Loads the stored opportunities with their customers and feedback.
    pub async fn load(ws: &Workspace, language: Language) -> Result<Self> {
        let pool = ws.pool();
        let settings = OpportunitySettings::load(ws).await?;
        let stored = table::all(pool).await?;
        let feedback: HashMap<String, table::StoredFeedback> = table::feedback(pool)
            .await?
            .into_iter()
            .map(|f| (f.key.clone(), f))
            .collect();
        let names: HashMap<String, (String, String)> = history_table::identities(pool)
            .await?
            .into_iter()
            .map(|r| (r.0, (r.1, r.2)))
            .collect();
        let last = table::last_refresh(pool).await?;
        let mut entries = Vec::with_capacity(stored.len());
        for o in stored {
            let (Some(model), Some(opportunity_type)) = (
                ModelKind::from_key(&o.model),
                OpportunityType::from_key(&o.opportunity_type),
            ) else {
                continue;
            };
            let (customer, domain) = names.get(&o.tenant_id).cloned().unwrap_or_default();
            let date = NaiveDate::parse_from_str(&o.date_added, "%Y-%m-%d")
                .map_err(|e| EngineError::InvalidInput(format!("stored date added: {e}")))?;
            let fb = feedback.get(&o.key);
            let row = OpportunityRow {
                recommendation: texts::recommendation(model, o.product.as_deref(), language),
                key: o.key,
                tenant_id: o.tenant_id,
                customer,
                domain,
                model,
                opportunity_type,
                product: o.product,
                status: settings.status(o.probability),
                probability_pct: (o.probability * 100.0).round().clamp(0.0, 100.0) as u32,
                seats: u32::try_from(o.seats).unwrap_or(0),
                date_added: o.date_added,
                feedback: fb.and_then(|f| {
                    f.helpful.map(|helpful| Feedback {
                        helpful,
                        reason: f.reason.clone(),
                        comment: f.comment.clone(),
                    })
                }),
                dismissed: fb.is_some_and(|f| f.dismissed),
            };
            entries.push(Entry {
                folded: fold(&format!("{} {}", row.customer, row.domain)),
                row,
                date,
                probability: o.probability,
                customer_rank: 0,
                recommendation_rank: 0,
            });
        }
        rank(&mut entries);
        let mut overview = OpportunityOverview::default();
        if let Some((snapshot_id, refreshed_at)) = last {
            let as_of = history_table::as_of(pool, snapshot_id).await?;
            let tenants = history_table::tenants_in(pool, snapshot_id).await?;
            overview.as_of = as_of.map(|a| a.get(..10).unwrap_or(&a).to_owned());
            overview.refreshed_at = Some(refreshed_at);
            overview.customer_tenants = u32::try_from(tenants).unwrap_or(0);
        }
        let mut customers = HashSet::new();
        for e in &entries {
            if e.row.dismissed {
                overview.dismissed += 1;
                continue;
            }
            customers.insert(e.row.tenant_id.as_str());
            overview.by_type.bump(e.row.opportunity_type);
            match e.row.status {
                ProbabilityStatus::High => overview.high.bump(e.row.opportunity_type),
                ProbabilityStatus::Medium => overview.medium.bump(e.row.opportunity_type),
                ProbabilityStatus::Low => {}
            }
        }
        overview.customers_with_opportunities = customers.len() as u32;
        let by_key = entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.row.key.clone(), i))
            .collect();
        Ok(Self {
            workspace_id: ws.manifest().id.clone(),
            language,
            entries,
            by_key,
            overview,
        })
    }

    /// An index over given rows and probabilities, without a workspace: for measuring the
    /// table's queries at sizes no demo reaches quickly.
    #[doc(hidden)]
    pub fn from_rows(language: Language, rows: Vec<(OpportunityRow, f64)>) -> Self {
        let entries: Vec<Entry> = rows
            .into_iter()
            .filter_map(|(row, probability)| {
                let date = NaiveDate::parse_from_str(&row.date_added, "%Y-%m-%d").ok()?;
                Some(Entry {
                    folded: fold(&format!("{} {}", row.customer, row.domain)),
                    row,
                    date,
                    probability,
                    customer_rank: 0,
                    recommendation_rank: 0,
                })
            })
            .collect();
        let mut entries = entries;
        rank(&mut entries);
        let by_key = entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.row.key.clone(), i))
            .collect();
        Self {
            workspace_id: String::new(),
            language,
            entries,
            by_key,
            overview: OpportunityOverview::default(),
        }
    }

    /// Whether the index was built for this workspace and language.
    pub fn is_for(&self, ws: &Workspace, language: Language) -> bool {
        self.workspace_id == ws.manifest().id && self.language == language
    }

    /// The overview and prioritised counts.
    pub fn overview(&self) -> OpportunityOverview {
        self.overview.clone()
    }

    /// Every row.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no opportunities.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// One row by key.
    pub fn row(&self, key: &str) -> Result<OpportunityRow> {
        self.by_key
            .get(key)
            .map(|i| self.entries[*i].row.clone())
            .ok_or_else(|| EngineError::InvalidInput(format!("no opportunity {key}")))
    }

    /// The indices of the rows a query selects, in its order.
    pub(crate) fn select(&self, q: &OpportunityQuery) -> Result<Vec<usize>> {
        let parse = |d: &Option<String>| -> Result<Option<NaiveDate>> {
            d.as_deref()
                .filter(|s| !s.is_empty())
                .map(|s| {
                    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| {
                        EngineError::InvalidInput(format!("'{s}' is not a date (YYYY-MM-DD)"))
                    })
                })
                .transpose()
        };
        let from = parse(&q.added_from)?;
        let to = parse(&q.added_to)?;
        let needle = fold(&q.search);
        let tab = match q.tab {
            OpportunityTab::All => None,
            OpportunityTab::Acquisition => Some(OpportunityType::Acquisition),
            OpportunityTab::Retention => Some(OpportunityType::Retention),
            OpportunityTab::Growth => Some(OpportunityType::Growth),
        };
        let picked: Vec<usize> = self
            .entries
            .iter()
            .enumerate()
            .filter(|(_, e)| {
                let r = &e.row;
                r.dismissed == q.dismissed
                    && tab.is_none_or(|t| r.opportunity_type == t)
                    && (q.types.is_empty() || q.types.contains(&r.opportunity_type))
                    && (q.statuses.is_empty() || q.statuses.contains(&r.status))
                    && from.is_none_or(|d| e.date >= d)
                    && to.is_none_or(|d| e.date <= d)
                    && (needle.is_empty() || e.folded.contains(&needle))
            })
            .map(|(i, _)| i)
            .collect();
        // One integer key per row, so the sort compares integers only: the sorted column (its
        // rank, or the value itself), then the most probable first, then the name, then the row.
        let e = &self.entries;
        let mut keyed: Vec<(u128, u32)> = picked
            .iter()
            .map(|&i| {
                let x = &e[i];
                let primary: u32 = match q.sort {
                    OpportunitySort::Customer => x.customer_rank,
                    OpportunitySort::Recommendation => x.recommendation_rank,
                    OpportunitySort::Probability => probability_key(x.probability),
                    OpportunitySort::Type => x.row.opportunity_type as u32,
                    OpportunitySort::Seats => x.row.seats,
                    OpportunitySort::DateAdded => x.date.num_days_from_ce().max(0) as u32,
                    OpportunitySort::Feedback => match &x.row.feedback {
                        Some(f) if f.helpful => 0,
                        Some(_) => 1,
                        None => 2,
                    },
                };
                let primary = if q.descending {
                    u32::MAX - primary
                } else {
                    primary
                };
                let key = (u128::from(primary) << 96)
                    | (u128::from(u32::MAX - probability_key(x.probability)) << 64)
                    | (u128::from(x.customer_rank) << 32)
                    | i as u128;
                (key, i as u32)
            })
            .collect();
        keyed.sort_unstable_by_key(|k| k.0);
        let picked = keyed.into_iter().map(|(_, i)| i as usize).collect();
        Ok(picked)
    }

    /// One window of the table.
    pub fn query(&self, q: &OpportunityQuery) -> Result<OpportunityPage> {
        let picked = self.select(q)?;
        let start = (q.offset as usize).min(picked.len());
        let end = (start + q.limit.min(MAX_WINDOW) as usize).min(picked.len());
        Ok(OpportunityPage {
            total: picked.len() as u32,
            rows: picked[start..end]
                .iter()
                .map(|i| self.entries[*i].row.clone())
                .collect(),
        })
    }

    /// Every row a query selects (for export).
    pub fn all_rows(&self, q: &OpportunityQuery) -> Result<Vec<OpportunityRow>> {
        Ok(self
            .select(q)?
            .into_iter()
            .map(|i| self.entries[i].row.clone())
            .collect())
    }
}
