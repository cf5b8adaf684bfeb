//! Which desktop notifications new Contact-me leads raise (SPEC §4): one per lead, or a single
//! digest for a day on which more than ten arrived. Only leads still within their 72-hour flame
//! notify; older ones (a workspace opened after a long time away) are marked as seen quietly,
//! since the action centre lists them anyway.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use partner_advisor_domain::{Clock, LeadSubstatus};
use partner_advisor_store::tables::leads as table;
use partner_advisor_store::{StoreError, Workspace};
use serde::{Deserialize, Serialize};

use super::lifecycle::FLAME_HOURS;
use crate::Result;

/// More than this many Contact-me leads in one day arrive as one digest.
pub const DIGEST_ABOVE: usize = 10;

/// One desktop notification to raise.
#[cfg_attr(feature = "ipc-types", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    rename_all = "camelCase",
    rename_all_fields = "camelCase",
    tag = "kind"
)]
pub enum LeadNotification {
    /// A single new Contact-me lead.
    Single {
        /// The lead, opened when the notification is activated.
        lead_id: String,
        /// Its customer.
        customer_name: String,
        /// The offer or profile it came through.
        offer_name: String,
    },
    /// More than ten in one day.
    Digest {
        /// The day (UTC) they arrived.
        day: NaiveDate,
        /// How many.
        count: u32,
        /// The newest, opened when the notification is activated.
        lead_id: String,
    },
}

/// A new Contact-me lead, as the planner sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arrival {
    /// The lead.
    pub lead_id: String,
    /// When it arrived.
    pub created_at: DateTime<Utc>,
    /// Customer.
    pub customer_name: String,
    /// Offer or profile.
    pub offer_name: String,
    /// Still waiting for an answer (received or pending).
    pub open: bool,
}

/// Plans the notifications for `unseen` Contact-me leads at `now`. `arrived_per_day` counts
/// every Contact-me lead per UTC day, seen or not, so the eleventh of a day tips it into a
/// digest. Returns the notifications and every lead id to mark as seen.
pub fn plan(
    unseen: &[Arrival],
    arrived_per_day: &BTreeMap<NaiveDate, usize>,
    now: DateTime<Utc>,
) -> (Vec<LeadNotification>, Vec<String>) {
    let fresh = |a: &Arrival| a.open && now - a.created_at < Duration::hours(FLAME_HOURS);
    let mut by_day: BTreeMap<NaiveDate, Vec<&Arrival>> = BTreeMap::new();
    for a in unseen.iter().filter(|a| fresh(a)) {
        by_day.entry(a.created_at.date_naive()).or_default().push(a);
    }
    let mut out = Vec::new();
    for (day, mut arrivals) in by_day {
        arrivals.sort_by_key(|a| std::cmp::Reverse(a.created_at));
        let that_day = arrived_per_day
            .get(&day)
            .copied()
            .unwrap_or(0)
            .max(arrivals.len());
        if that_day > DIGEST_ABOVE {
            out.push(LeadNotification::Digest {
                day,
                count: arrivals.len() as u32,
                lead_id: arrivals[0].lead_id.clone(),
            });
        } else {
            out.extend(arrivals.iter().map(|a| LeadNotification::Single {
                lead_id: a.lead_id.clone(),
                customer_name: a.customer_name.clone(),
                offer_name: a.offer_name.clone(),
            }));
        }
    }
    let seen = unseen.iter().map(|a| a.lead_id.clone()).collect();
    (out, seen)
}

/// The notifications due now for `ws`; the leads they cover are marked as notified in the same
/// step, so a notification is raised once.
pub async fn take_due(ws: &Workspace, clock: &dyn Clock) -> Result<Vec<LeadNotification>> {
    let now = clock.now();
    let unseen_ids = table::unnotified_contact_me(ws.pool()).await?;
    if unseen_ids.is_empty() {
        return Ok(Vec::new());
    }
    let leads = table::all(ws.pool()).await?;
    let mut per_day: BTreeMap<NaiveDate, usize> = BTreeMap::new();
    let mut unseen = Vec::new();
    let wanted: std::collections::HashSet<&str> =
        unseen_ids.iter().map(|(id, _)| id.as_str()).collect();
    for l in &leads {
        if l.call_to_action != Some(partner_advisor_domain::CallToAction::ContactMe) {
            continue;
        }
        *per_day.entry(l.created_at.date_naive()).or_default() += 1;
        if wanted.contains(l.id.as_str()) {
            unseen.push(Arrival {
                lead_id: l.id.clone(),
                created_at: l.created_at,
                customer_name: l.customer_name.clone(),
                offer_name: l.offer_name.clone(),
                open: matches!(
                    l.substatus,
                    LeadSubstatus::Received | LeadSubstatus::Pending
                ),
            });
        }
    }
    let (notes, seen) = plan(&unseen, &per_day, now);
    let mut tx = ws.begin().await?;
    table::mark_notified(&mut tx, &seen, now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(notes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn arrival(i: u32, at: DateTime<Utc>) -> Arrival {
        Arrival {
            lead_id: format!("L{i}"),
            created_at: at,
            customer_name: format!("Customer {i}"),
            offer_name: "Offer".into(),
            open: true,
        }
    }

    fn counts(list: &[Arrival]) -> BTreeMap<NaiveDate, usize> {
        let mut m = BTreeMap::new();
        for a in list {
            *m.entry(a.created_at.date_naive()).or_default() += 1;
        }
        m
    }

    #[test]
    fn ten_in_a_day_are_single_eleven_are_a_digest() {
        let now = Utc.with_ymd_and_hms(2026, 11, 24, 18, 0, 0).unwrap();
        let ten: Vec<_> = (0..10)
            .map(|i| arrival(i, now - Duration::minutes(i64::from(i) * 30)))
            .collect();
        let (notes, seen) = plan(&ten, &counts(&ten), now);
        assert_eq!(notes.len(), 10);
        assert!(notes
            .iter()
            .all(|n| matches!(n, LeadNotification::Single { .. })));
        assert_eq!(seen.len(), 10);

        let eleven: Vec<_> = (0..11)
            .map(|i| arrival(i, now - Duration::minutes(i64::from(i) * 30)))
            .collect();
        let (notes, _) = plan(&eleven, &counts(&eleven), now);
        assert_eq!(
            notes,
            vec![LeadNotification::Digest {
                day: now.date_naive(),
                count: 11,
                lead_id: "L0".into()
            }]
        );
    }

    #[test]
    fn the_eleventh_of_a_day_tips_into_a_digest_even_after_ten_singles() {
        let now = Utc.with_ymd_and_hms(2026, 11, 24, 18, 0, 0).unwrap();
        let late = vec![arrival(99, now - Duration::minutes(5))];
        let mut per_day = BTreeMap::new();
        per_day.insert(now.date_naive(), 11);
        let (notes, _) = plan(&late, &per_day, now);
        assert!(matches!(
            notes[..],
            [LeadNotification::Digest { count: 1, .. }]
        ));
    }

    #[test]
    fn old_or_answered_leads_are_marked_seen_without_a_notification() {
        let now = Utc.with_ymd_and_hms(2026, 11, 24, 18, 0, 0).unwrap();
        let old = arrival(1, now - Duration::hours(FLAME_HOURS + 1));
        let mut answered = arrival(2, now - Duration::hours(1));
        answered.open = false;
        let list = vec![old, answered];
        let (notes, seen) = plan(&list, &counts(&list), now);
        assert!(notes.is_empty());
        assert_eq!(seen, vec!["L1".to_owned(), "L2".to_owned()]);
    }
}
