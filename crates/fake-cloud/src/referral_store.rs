//! The referrals the fake Partner Center holds, with what its list call filters and sorts on
//! kept beside each one, and pages cut by keyset (`$skipToken` is the last item's sort key), so
//! paging stays correct while referrals change between pages.

use std::cmp::Ordering;
use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use serde_json::{json, Value};

use crate::ids::{api_time, new_etag};
use crate::odata::{parse_instant, Clause, Filter, OrderBy, TextField, TimeField};
use crate::referral_gen;

/// One referral and the fields the list call reads.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    /// The referral, as served.
    pub value: Value,
    id: String,
    created: DateTime<Utc>,
    updated: DateTime<Utc>,
    status: String,
    substatus: String,
    engagement_id: String,
}

/// A string at a key of the referral.
fn text<'v>(value: &'v Value, key: &str) -> &'v str {
    value.get(key).and_then(Value::as_str).unwrap_or("")
}

impl Entry {
    fn new(value: Value) -> Self {
        let time = |key: &str| parse_instant(text(&value, key)).unwrap_or(DateTime::UNIX_EPOCH);
        Self {
            id: text(&value, "id").to_owned(),
            created: time("createdDateTime"),
            updated: time("updatedDateTime"),
            status: text(&value, "status").to_owned(),
            substatus: text(&value, "substatus").to_owned(),
            engagement_id: text(&value, "engagementId").to_owned(),
            value,
        }
    }

    fn time(&self, field: TimeField) -> DateTime<Utc> {
        match field {
            TimeField::Updated => self.updated,
            TimeField::Created => self.created,
        }
    }

    fn matches(&self, filter: &Filter) -> bool {
        filter.iter().all(|clause| match clause {
            Clause::Time(field, op, at) => op.holds(self.time(*field).cmp(at)),
            Clause::Text(field, equal, value) => {
                let mine = match field {
                    TextField::Status => &self.status,
                    TextField::Substatus => &self.substatus,
                    TextField::EngagementId => &self.engagement_id,
                    TextField::Id => &self.id,
                };
                mine.eq_ignore_ascii_case(value) == *equal
            }
        })
    }

    /// The sort key: the date, then the id so that equal dates still have one order.
    fn key(&self, field: TimeField) -> (DateTime<Utc>, &str) {
        (self.time(field), &self.id)
    }
}

/// Where a page ended: the sort key of its last item (what `$skipToken` carries).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Cursor {
    at: DateTime<Utc>,
    id: String,
}

impl Cursor {
    /// The opaque `$skipToken`.
    pub fn encode(&self) -> String {
        let nanos = self.at.timestamp_nanos_opt().unwrap_or(0);
        format!("{nanos}~{}", self.id)
            .bytes()
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    /// Reads a `$skipToken`.
    pub fn decode(token: &str) -> Option<Self> {
        let bytes: Option<Vec<u8>> = (0..token.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(token.get(i..i + 2)?, 16).ok())
            .collect();
        let text = String::from_utf8(bytes?).ok()?;
        let (nanos, id) = text.split_once('~')?;
        Some(Self {
            at: DateTime::from_timestamp_nanos(nanos.parse().ok()?),
            id: id.to_owned(),
        })
    }
}

/// One page of a list.
#[derive(Debug)]
pub(crate) struct Page {
    /// The referrals on it.
    pub items: Vec<Value>,
    /// How many referrals match the filter in all.
    pub total: usize,
    /// Where the next page starts, when there is one.
    pub next: Option<Cursor>,
}

/// The referrals.
pub(crate) struct ReferralStore {
    entries: Vec<Entry>,
    /// Lower-case id → index in `entries`.
    by_id: HashMap<String, usize>,
    seed: u64,
    /// The index of the next generated referral.
    next_index: u64,
    /// Indices sorted by (updated, id) and (created, id) ascending; rebuilt after a change.
    sorted: [Option<Vec<usize>>; 2],
}

impl ReferralStore {
    /// `count` generated referrals.
    pub fn generated(seed: u64, count: usize, now: DateTime<Utc>) -> Self {
        let mut store = Self {
            entries: Vec::with_capacity(count),
            by_id: HashMap::with_capacity(count),
            seed,
            next_index: 0,
            sorted: [None, None],
        };
        for _ in 0..count {
            let value = referral_gen::referral(seed, store.next_index, now, false);
            store.next_index += 1;
            store.insert(value);
        }
        store
    }

    /// Adds `n` referrals just received (New/Received, created `now`); their ids.
    pub fn add_fresh(&mut self, n: usize, now: DateTime<Utc>) -> Vec<String> {
        (0..n)
            .map(|_| {
                let value = referral_gen::referral(self.seed, self.next_index, now, true);
                self.next_index += 1;
                self.insert(value)
            })
            .collect()
    }

    /// Adds a referral, or replaces the one with its id; its id. One without an id gets one.
    pub fn insert(&mut self, mut value: Value) -> String {
        if text(&value, "id").is_empty() {
            if let Some(obj) = value.as_object_mut() {
                obj.insert(
                    "id".into(),
                    json!(crate::ids::guid(&mut rand::thread_rng())),
                );
            }
        }
        let entry = Entry::new(value);
        let id = entry.id.clone();
        let key = id.to_ascii_lowercase();
        match self.by_id.get(&key) {
            Some(&i) => self.entries[i] = entry,
            None => {
                self.by_id.insert(key, self.entries.len());
                self.entries.push(entry);
            }
        }
        self.sorted = [None, None];
        id
    }

    /// The referral with this id.
    pub fn get(&self, id: &str) -> Option<&Value> {
        self.by_id
            .get(&id.to_ascii_lowercase())
            .map(|&i| &self.entries[i].value)
    }

    /// Every referral, in the order they were added.
    pub fn all(&self) -> Vec<Value> {
        self.entries.iter().map(|e| e.value.clone()).collect()
    }

    /// Changes a referral: applies `edit`, then gives it a new eTag and `updatedDateTime` = the
    /// real time (later than its previous one, so an incremental sync sees every change). The
    /// referral as changed, or `None` when there is none with this id.
    pub fn update(&mut self, id: &str, edit: impl FnOnce(&mut Value)) -> Option<Value> {
        let &i = self.by_id.get(&id.to_ascii_lowercase())?;
        let previous = self.entries[i].updated;
        let mut value = self.entries[i].value.clone();
        edit(&mut value);
        let stamp = Utc::now().max(previous + Duration::milliseconds(1));
        if let Some(obj) = value.as_object_mut() {
            obj.insert("eTag".into(), json!(new_etag()));
            obj.insert("updatedDateTime".into(), json!(api_time(stamp)));
            // The id is the key: an edit cannot change it.
            obj.insert("id".into(), json!(self.entries[i].id));
        }
        self.entries[i] = Entry::new(value.clone());
        self.sorted = [None, None];
        Some(value)
    }

    /// Where the order by `field` is cached.
    fn slot(field: TimeField) -> usize {
        match field {
            TimeField::Updated => 0,
            TimeField::Created => 1,
        }
    }

    /// Builds the ascending (date, id) order by `field` unless it is cached.
    fn ensure_sorted(&mut self, field: TimeField) {
        let entries = &self.entries;
        self.sorted[Self::slot(field)].get_or_insert_with(|| {
            let mut order: Vec<usize> = (0..entries.len()).collect();
            order.sort_by(|&a, &b| entries[a].key(field).cmp(&entries[b].key(field)));
            order
        });
    }

    /// A page of the referrals that match `filter`, in `order`, after `after`.
    pub fn page(
        &mut self,
        filter: &Filter,
        order: OrderBy,
        after: Option<&Cursor>,
        top: usize,
    ) -> Page {
        let field = order.field;
        self.ensure_sorted(field);
        let sorted: &[usize] = self.sorted[Self::slot(field)].as_deref().unwrap_or(&[]);
        let entries = &self.entries;
        let total = entries.iter().filter(|e| e.matches(filter)).count();
        let compare = |i: usize, c: &Cursor| entries[i].key(field).cmp(&(c.at, c.id.as_str()));
        // The part of the ascending order that comes after the cursor in the asked order.
        let (start, end) = match (after, order.descending) {
            (None, _) => (0, sorted.len()),
            (Some(c), false) => (
                sorted.partition_point(|&i| compare(i, c) != Ordering::Greater),
                sorted.len(),
            ),
            (Some(c), true) => (
                0,
                sorted.partition_point(|&i| compare(i, c) == Ordering::Less),
            ),
        };
        let window = sorted[start..end].iter().copied();
        let candidates: Box<dyn Iterator<Item = usize>> = if order.descending {
            Box::new(window.rev())
        } else {
            Box::new(window)
        };
        let mut picked: Vec<usize> = candidates
            .filter(|&i| entries[i].matches(filter))
            .take(top + 1)
            .collect();
        let more = picked.len() > top;
        picked.truncate(top);
        let next = more.then(|| {
            let last = &entries[picked[picked.len() - 1]];
            Cursor {
                at: last.time(field),
                id: last.id.clone(),
            }
        });
        Page {
            items: picked.iter().map(|&i| entries[i].value.clone()).collect(),
            total,
            next,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_cover_every_referral_once_in_both_orders() {
        let mut store = ReferralStore::generated(3, 57, Utc::now());
        for descending in [false, true] {
            let order = OrderBy {
                field: TimeField::Created,
                descending,
            };
            let mut seen = Vec::new();
            let mut after: Option<Cursor> = None;
            loop {
                let page = store.page(&Vec::new(), order, after.as_ref(), 10);
                assert_eq!(page.total, 57);
                seen.extend(
                    page.items
                        .iter()
                        .map(|v| v["id"].as_str().unwrap().to_owned()),
                );
                match page.next {
                    Some(c) => after = Some(Cursor::decode(&c.encode()).unwrap()),
                    None => break,
                }
            }
            let mut unique = seen.clone();
            unique.sort();
            unique.dedup();
            assert_eq!((seen.len(), unique.len()), (57, 57));
        }
    }

    #[test]
    fn an_update_gets_a_new_etag_and_a_later_date() {
        let mut store = ReferralStore::generated(3, 5, Utc::now());
        let first = store.all()[0].clone();
        let id = first["id"].as_str().unwrap();
        let changed = store.update(id, |v| v["name"] = json!("Renamed")).unwrap();
        assert_ne!(changed["eTag"], first["eTag"]);
        assert_eq!(store.get(id).unwrap()["name"], "Renamed");
        assert!(
            parse_instant(changed["updatedDateTime"].as_str().unwrap())
                > parse_instant(first["updatedDateTime"].as_str().unwrap())
        );
        assert!(Cursor::decode("zz").is_none());
    }
}
