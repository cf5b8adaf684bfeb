//! The leads of a workspace in memory: filtering, search, sort and windowing run here so only
//! the visible rows cross to the UI. Time-dependent columns (flame, deadline) are computed at
//! query time from the clock the caller passes.

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, Duration, NaiveDate, Utc};
use partner_advisor_domain::{
    EmailValidity, Lead, LeadClassification, LeadQuality, LeadStatus, LeadSubstatus, PhoneValidity,
};
use partner_advisor_store::tables::leads as table;
use partner_advisor_store::{StoreError, Workspace};

use super::lifecycle::{self, Flame};
use super::view::*;
use crate::opportunities::search_text::fold;
use crate::{EngineError, Result};

/// Rows in one window at most.
pub const MAX_WINDOW: u32 = 500;
/// Days without an update after which an accepted lead is listed as stale.
pub const STALE_DAYS: i64 = 30;
/// Items in the action centre at most.
const ACTION_ITEMS: usize = 25;

#[derive(Clone)]
struct Entry {
    lead: Lead,
    score: Option<LeadScoreBadge>,
    folded: String,
    folded_customer: String,
    customer_rank: u32,
    contact_rank: u32,
    first_answer: Option<DateTime<Utc>>,
}

/// The leads of one workspace.
#[derive(Clone)]
pub struct LeadIndex {
    workspace_id: String,
    entries: Vec<Entry>,
    by_id: HashMap<String, usize>,
}

impl std::fmt::Debug for LeadIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LeadIndex")
            .field("workspace_id", &self.workspace_id)
            .field("leads", &self.entries.len())
            .finish()
    }
}

impl Entry {
    fn new(lead: Lead, first_answer: Option<DateTime<Utc>>) -> Self {
        let folded = fold(&format!(
            "{} {} {} {} {} {}",
            lead.customer_name,
            contact_name(&lead),
            lead.email,
            lead.offer_name,
            lead.id,
            lead.deal.name.as_deref().unwrap_or("")
        ));
        Entry {
            score: None,
            folded_customer: fold(&lead.customer_name),
            first_answer,
            lead,
            folded,
            customer_rank: 0,
            contact_rank: 0,
        }
    }
}

fn contact_name(lead: &Lead) -> String {
    format!("{} {}", lead.contact_first_name, lead.contact_last_name)
        .trim()
        .to_owned()
}

fn ranks(entries: &[Entry], text: impl Fn(&Entry) -> String) -> Vec<u32> {
    let keys: Vec<String> = entries.iter().map(&text).collect();
    let mut order: Vec<usize> = (0..entries.len()).collect();
    order.sort_by(|&a, &b| keys[a].cmp(&keys[b]));
    let mut out = vec![0u32; entries.len()];
    let mut r = 0u32;
    for w in 0..order.len() {
        if w > 0 && keys[order[w - 1]] != keys[order[w]] {
            r += 1;
        }
        out[order[w]] = r;
    }
    out
}

fn in_section(lead: &Lead, section: LeadSection) -> bool {
    match section {
        LeadSection::All => true,
        LeadSection::Marketplace => lead.classification == LeadClassification::CustomerInquiry,
        LeadSection::Qualified => lead.classification != LeadClassification::CustomerInquiry,
        LeadSection::Favourites => lead.favourite,
    }
}

fn parse_day(text: &Option<String>, what: &str) -> Result<Option<NaiveDate>> {
    match text.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(None),
        Some(t) => NaiveDate::parse_from_str(t, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| {
                EngineError::InvalidInput(format!("{what} '{t}' is not a date (YYYY-MM-DD)"))
            }),
    }
}

/// Filters checked once per query, then applied to every lead.
struct Matcher {
    filters: LeadFilters,
    countries: Vec<String>,
    customer: String,
    search: String,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
}

impl Matcher {
    fn new(filters: &LeadFilters, search: &str) -> Result<Self> {
        Ok(Self {
            countries: filters
                .countries
                .iter()
                .map(|c| c.trim().to_ascii_uppercase())
                .collect(),
            customer: fold(filters.customer_name.trim()),
            search: fold(search.trim()),
            from: parse_day(&filters.created_from, "created from")?,
            to: parse_day(&filters.created_to, "created to")?,
            filters: filters.clone(),
        })
    }

    fn matches(&self, e: &Entry) -> bool {
        let f = &self.filters;
        let l = &e.lead;
        fn any<T: PartialEq>(list: &[T], v: &T) -> bool {
            list.is_empty() || list.contains(v)
        }
        if !f.call_to_action.is_empty()
            && !l
                .call_to_action
                .is_some_and(|c| f.call_to_action.contains(&c))
        {
            return false;
        }
        let day = l.created_at.date_naive();
        any(&self.countries, &l.country)
            && any(&f.sources, &l.source)
            && any(&f.lead_types, &l.lead_type)
            && any(&f.qualities, &l.quality)
            && any(&f.statuses, &l.substatus)
            && any(&f.email_validity, &l.email_validity)
            && any(&f.phone_validity, &l.phone_validity)
            && self.from.is_none_or(|d| day >= d)
            && self.to.is_none_or(|d| day <= d)
            && (self.customer.is_empty() || e.folded_customer.contains(&self.customer))
            && (self.search.is_empty() || e.folded.contains(&self.search))
    }
}

fn email_order(v: EmailValidity) -> u8 {
    match v {
        EmailValidity::Valid => 0,
        EmailValidity::Unknown => 1,
        EmailValidity::Invalid => 2,
        EmailValidity::Spam => 3,
    }
}

fn phone_order(v: PhoneValidity) -> u8 {
    match v {
        PhoneValidity::Valid => 0,
        PhoneValidity::Unknown => 1,
        PhoneValidity::Invalid => 2,
    }
}

fn status_order(s: LeadSubstatus) -> u8 {
    match s {
        LeadSubstatus::Pending => 0,
        LeadSubstatus::Received => 1,
        LeadSubstatus::Accepted => 2,
        LeadSubstatus::Won => 3,
        LeadSubstatus::Lost => 4,
        LeadSubstatus::Declined => 5,
        LeadSubstatus::Expired => 6,
    }
}

fn hours_left(deadline: DateTime<Utc>, now: DateTime<Utc>) -> u32 {
    let minutes = (deadline - now).num_minutes().max(0);
    u32::try_from((minutes + 59) / 60).unwrap_or(u32::MAX)
}

/// The list row of `lead` (with its predictive score, when it has one) at `now`.
pub fn row_of(lead: &Lead, score: Option<LeadScoreBadge>, now: DateTime<Utc>) -> LeadRow {
    let hidden = lifecycle::contact_hidden(lead);
    let deadline = lifecycle::response_deadline(lead);
    LeadRow {
        id: lead.id.clone(),
        customer_name: lead.customer_name.clone(),
        contact_name: (!hidden).then(|| contact_name(lead)),
        email: (!hidden).then(|| lead.email.clone()),
        phone: (!hidden).then(|| lead.phone.clone()),
        contact_hidden: hidden,
        email_validity: lead.email_validity,
        phone_validity: lead.phone_validity,
        spam: lead.email_validity == EmailValidity::Spam,
        lead_type: lead.lead_type,
        classification: lead.classification,
        source: lead.source,
        call_to_action: lead.call_to_action,
        offer_name: lead.offer_name.clone(),
        quality: lead.quality,
        status: lead.status(),
        substatus: lead.substatus,
        archived: lifecycle::is_archived(lead),
        country: lead.country.clone(),
        industry: lead.industry.clone(),
        created_at: lead.created_at.to_rfc3339(),
        updated_at: lead.updated_at.to_rfc3339(),
        deadline: deadline.map(|d| d.to_rfc3339()),
        hours_left: deadline.map(|d| hours_left(d, now)),
        flame: lifecycle::flame(lead, now),
        favourite: lead.favourite,
        deal_value: lead.deal_value,
        currency: lead.currency.clone(),
        score,
    }
}

fn median(values: &mut [f64]) -> Option<f64> {
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

impl LeadIndex {
    /// Loads every lead of `ws`.
    pub async fn load(ws: &Workspace) -> Result<Self> {
        let leads = table::all(ws.pool()).await?;
        let answers: HashMap<String, DateTime<Utc>> =
            table::first_answers(ws.pool()).await?.into_iter().collect();
        let mut index = Self::from_leads(ws.manifest().id.clone(), leads, &answers);
        index.attach_scores(crate::lead_scoring::score_badges(ws).await?);
        Ok(index)
    }

    /// Attaches the leads' predictive scores.
    pub fn attach_scores(&mut self, badges: Vec<crate::lead_scoring::ScoreBadge>) {
        for b in badges {
            if let Some(&i) = self.by_id.get(&b.lead_id) {
                self.entries[i].score = Some(LeadScoreBadge {
                    score: b.score,
                    grade: b.grade,
                    trend: b.trend,
                });
            }
        }
    }

    /// An index over `leads` (benchmarks and tests build one without a workspace).
    pub fn from_leads(
        workspace_id: String,
        mut leads: Vec<Lead>,
        answers: &HashMap<String, DateTime<Utc>>,
    ) -> Self {
        // The entries' order is the tie-break of every sort: newest first, then id.
        leads.sort_by(|a, b| {
            b.created_at
                .cmp(&a.created_at)
                .then_with(|| a.id.cmp(&b.id))
        });
        let entries: Vec<Entry> = leads
            .into_iter()
            .map(|lead| {
                let answer = answers.get(&lead.id).copied();
                Entry::new(lead, answer)
            })
            .collect();
        let by_id = entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.lead.id.clone(), i))
            .collect();
        let mut index = Self {
            workspace_id,
            entries,
            by_id,
        };
        index.rank();
        index
    }

    /// The sort ranks of customer and contact names.
    fn rank(&mut self) {
        let customers = ranks(&self.entries, |e| e.folded_customer.clone());
        let contacts = ranks(&self.entries, |e| fold(&contact_name(&e.lead)));
        for ((e, c), p) in self.entries.iter_mut().zip(customers).zip(contacts) {
            e.customer_rank = c;
            e.contact_rank = p;
        }
    }

    /// Reads lead `id` again from `ws` (the lead, its score, its first answer) and puts it in
    /// place: after a change to that one lead, the same index a full [`Self::load`] would give,
    /// without reading every lead. A lead not in the index, or gone from the workspace, is an
    /// error: load the index again then.
    pub async fn reload_lead(&mut self, ws: &Workspace, id: &str) -> Result<()> {
        let not_found = || {
            EngineError::Store(partner_advisor_store::StoreError::NotFound(format!(
                "lead {id}"
            )))
        };
        let i = *self.by_id.get(id).ok_or_else(not_found)?;
        let lead = {
            let mut conn = ws.pool().acquire().await.map_err(StoreError::from)?;
            table::get(&mut conn, id).await?.ok_or_else(not_found)?
        };
        let answer = table::first_answer(ws.pool(), id).await?;
        let score = crate::lead_scoring::score_badge(ws, id)
            .await?
            .map(|b| LeadScoreBadge {
                score: b.score,
                grade: b.grade,
                trend: b.trend,
            });
        let old = &self.entries[i].lead;
        // Entries are ordered by creation time (never edited): a lead whose time moved needs
        // the whole index. Ranks follow the names: they are made again when a name changed.
        if old.created_at != lead.created_at {
            return Err(EngineError::InvalidInput(format!(
                "lead {id} changed its creation time: load every lead again"
            )));
        }
        let rerank =
            old.customer_name != lead.customer_name || contact_name(old) != contact_name(&lead);
        let mut entry = Entry::new(lead, answer);
        entry.score = score;
        entry.customer_rank = self.entries[i].customer_rank;
        entry.contact_rank = self.entries[i].contact_rank;
        self.entries[i] = entry;
        if rerank {
            self.rank();
        }
        Ok(())
    }

    /// Whether this index was loaded from `ws`.
    pub fn is_for(&self, ws: &Workspace) -> bool {
        self.workspace_id == ws.manifest().id
    }

    /// Number of leads.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// One lead's list row at `now`.
    pub fn row(&self, id: &str, now: DateTime<Utc>) -> Result<LeadRow> {
        let lead = self.lead(id)?;
        let score = self.by_id.get(id).and_then(|&i| self.entries[i].score);
        Ok(row_of(lead, score, now))
    }

    /// One lead.
    pub fn lead(&self, id: &str) -> Result<&Lead> {
        self.by_id
            .get(id)
            .map(|&i| &self.entries[i].lead)
            .ok_or_else(|| {
                EngineError::Store(partner_advisor_store::StoreError::NotFound(format!(
                    "lead {id}"
                )))
            })
    }

    /// Positions of the leads matching `q`, sorted.
    fn matching(&self, q: &LeadQuery, now: DateTime<Utc>) -> Result<(u32, Vec<usize>)> {
        let matcher = Matcher::new(&q.filters, &q.search)?;
        let mut section_total = 0u32;
        let mut hits = Vec::new();
        for (i, e) in self.entries.iter().enumerate() {
            if !in_section(&e.lead, q.section) {
                continue;
            }
            section_total += 1;
            if matcher.matches(e) {
                hits.push(i);
            }
        }
        self.sort(&mut hits, q.sort, q.descending, now);
        Ok((section_total, hits))
    }

    fn sort(&self, hits: &mut [usize], sort: LeadSort, descending: bool, now: DateTime<Utc>) {
        let e = &self.entries;
        let key = |i: usize| -> i64 {
            let l = &e[i].lead;
            match sort {
                LeadSort::Created => l.created_at.timestamp(),
                LeadSort::Customer => i64::from(e[i].customer_rank),
                LeadSort::Contact => i64::from(e[i].contact_rank),
                LeadSort::EmailValidity => i64::from(email_order(l.email_validity)),
                LeadSort::PhoneValidity => i64::from(phone_order(l.phone_validity)),
                LeadSort::Status => i64::from(status_order(l.substatus)),
                LeadSort::CallToAction => l.call_to_action.map_or(9, |c| c as i64),
                LeadSort::Source => l.source as i64,
                LeadSort::Quality => i64::from(l.quality != LeadQuality::High),
                LeadSort::Country => {
                    let b = l.country.as_bytes();
                    i64::from(*b.first().unwrap_or(&b'~')) * 256
                        + i64::from(*b.get(1).unwrap_or(&b'~'))
                }
                LeadSort::Value => l.deal_value.map_or(i64::MIN, |v| (v * 100.0) as i64),
                LeadSort::TimeLeft => {
                    lifecycle::response_deadline(l).map_or(i64::MAX, |d| (d - now).num_seconds())
                }
                LeadSort::Score => e[i].score.map_or(-1, |s| i64::from(s.score)),
            }
        };
        // Keys are computed once per hit; ties fall back to the entries' own order (newest
        // first, then id), so windows are stable.
        let mut keyed: Vec<(i64, usize)> = hits.iter().map(|&i| (key(i), i)).collect();
        if descending {
            keyed.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        } else {
            keyed.sort_unstable();
        }
        for (slot, (_, i)) in hits.iter_mut().zip(keyed) {
            *slot = i;
        }
    }

    /// A window of the list.
    pub fn query(&self, q: &LeadQuery, now: DateTime<Utc>) -> Result<LeadPage> {
        if q.limit > MAX_WINDOW {
            return Err(EngineError::InvalidInput(format!(
                "at most {MAX_WINDOW} rows per window"
            )));
        }
        let (section_total, hits) = self.matching(q, now)?;
        let rows = hits
            .iter()
            .skip(q.offset as usize)
            .take(q.limit as usize)
            .map(|&i| row_of(&self.entries[i].lead, self.entries[i].score, now))
            .collect();
        Ok(LeadPage {
            section_total,
            matched: hits.len() as u32,
            offset: q.offset,
            rows,
        })
    }

    /// Every lead matching `q` (window ignored), in order: what an export writes.
    pub fn all_matching(&self, q: &LeadQuery, now: DateTime<Utc>) -> Result<Vec<&Lead>> {
        let (_, hits) = self.matching(q, now)?;
        Ok(hits.into_iter().map(|i| &self.entries[i].lead).collect())
    }

    /// The page header at `now`.
    pub fn overview(&self, now: DateTime<Utc>) -> LeadsOverview {
        let mut o = LeadsOverview {
            total: self.entries.len() as u32,
            marketplace: 0,
            qualified: 0,
            favourites: 0,
            needs_response: 0,
            hot: 0,
            stale: 0,
            action_items: Vec::new(),
            responsiveness: Responsiveness {
                median_hours_to_respond: None,
                answered: 0,
                expired: 0,
                accepted: 0,
                accepted_complete: 0,
            },
            countries: Vec::new(),
        };
        let mut countries = BTreeSet::new();
        let mut hot = Vec::new();
        let mut waiting = Vec::new();
        let mut stale = Vec::new();
        let mut response_hours = Vec::new();
        for e in &self.entries {
            let l = &e.lead;
            if in_section(l, LeadSection::Marketplace) {
                o.marketplace += 1;
            } else {
                o.qualified += 1;
            }
            o.favourites += u32::from(l.favourite);
            if !l.country.is_empty() {
                countries.insert(l.country.clone());
            }
            if lifecycle::flame(l, now) == Some(Flame::Hot)
                && l.substatus == LeadSubstatus::Received
            {
                hot.push(e);
            }
            if l.substatus == LeadSubstatus::Received && !lifecycle::is_informational(l) {
                waiting.push(e);
            }
            if l.substatus == LeadSubstatus::Accepted
                && now - l.updated_at >= Duration::days(STALE_DAYS)
            {
                stale.push(e);
            }
            if let Some(at) = e.first_answer {
                o.responsiveness.answered += 1;
                response_hours.push((at - l.created_at).num_minutes().max(0) as f64 / 60.0);
            }
            if l.substatus == LeadSubstatus::Expired {
                o.responsiveness.expired += 1;
            }
            if matches!(
                l.substatus,
                LeadSubstatus::Accepted | LeadSubstatus::Won | LeadSubstatus::Lost
            ) {
                o.responsiveness.accepted += 1;
                let complete = l.deal_value.is_some()
                    && l.deal.estimated_close.is_some()
                    && l.status() == LeadStatus::Closed;
                o.responsiveness.accepted_complete += u32::from(complete);
            }
        }
        o.needs_response = waiting.len() as u32;
        o.hot = hot.len() as u32;
        o.stale = stale.len() as u32;
        o.responsiveness.median_hours_to_respond =
            median(&mut response_hours).map(|h| (h * 10.0).round() / 10.0);
        o.countries = countries.into_iter().collect();

        hot.sort_by_key(|e| std::cmp::Reverse(e.lead.created_at));
        waiting.sort_by_key(|e| lifecycle::response_deadline(&e.lead));
        stale.sort_by_key(|e| e.lead.updated_at);
        let item = |e: &Entry, kind: ActionItemKind| ActionItem {
            id: e.lead.id.clone(),
            customer_name: e.lead.customer_name.clone(),
            kind,
            hours_left: lifecycle::response_deadline(&e.lead).map(|d| hours_left(d, now)),
            days_idle: (kind == ActionItemKind::Stale)
                .then(|| u32::try_from((now - e.lead.updated_at).num_days()).unwrap_or(0)),
        };
        let mut seen = std::collections::HashSet::new();
        for (list, kind) in [
            (&hot, ActionItemKind::HotContactMe),
            (&waiting, ActionItemKind::NeedsResponse),
            (&stale, ActionItemKind::Stale),
        ] {
            for e in list.iter() {
                if o.action_items.len() >= ACTION_ITEMS {
                    break;
                }
                if seen.insert(e.lead.id.as_str()) {
                    o.action_items.push(item(e, kind));
                }
            }
        }
        o
    }
}
