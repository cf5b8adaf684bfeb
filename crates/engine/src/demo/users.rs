//! Per-user activity for the last snapshot, as the Office 365 active user detail report gives it:
//! one row per user with the last activity date per workload. About 30% of tenants conceal user
//! names (Microsoft's default since 2021), so their UPNs are hashed-looking hex strings.

use std::collections::HashSet;

use chrono::NaiveDate;
use partner_advisor_domain::UserActivity;
use rand::Rng;

use super::calendar::add_days;
use super::catalog::WORKLOADS;
use super::names;
use super::rng::{self, Stream};
use super::tenants::Identity;
use super::text::email_local;

/// Tenants with more users than this get no per-user rows (keeps the demo small).
pub(crate) const MAX_USERS: u32 = 300;

/// Appends one row per user of a tenant with `assigned`/`active` users per workload this month.
///
/// Users are ranked by activity: user `j` holds a workload's licence when `j < assigned`, and
/// used it in the last 28 days when `j < active`, so the rows add up to the monthly counts.
#[allow(clippy::too_many_arguments)]
pub(crate) fn activity(
    seed: u64,
    index: u32,
    identity: &Identity,
    concealed: bool,
    today: NaiveDate,
    assigned: &[u32; 5],
    active: &[u32; 5],
    out: &mut Vec<UserActivity>,
) {
    let mut r = rng::rng(seed, Stream::Users, u64::from(index), 0);
    let users = assigned.iter().copied().max().unwrap_or(0);
    let mut taken: HashSet<String> = HashSet::with_capacity(users as usize);
    for j in 0..users {
        let upn = loop {
            let candidate = if concealed {
                rng::hex_upper(&mut r, 32)
            } else {
                let (first, last) = names::person(&mut r, identity.country);
                let local = email_local(&first, &last);
                let mut upn = format!("{local}@{}", identity.domain);
                let mut n = 2;
                while taken.contains(&upn) {
                    upn = format!("{local}{n}@{}", identity.domain);
                    n += 1;
                }
                upn
            };
            if !taken.contains(&candidate) {
                break candidate;
            }
        };
        taken.insert(upn.clone());
        let last_activity = (0..WORKLOADS.len())
            .map(|w| {
                let date = if j < active[w] {
                    // Active users: a recent day, the most active users the most recently.
                    let back = r.gen_range(0..=27u32.min(1 + j / 3));
                    Some(add_days(today, -i64::from(back)))
                } else if j < assigned[w] && r.gen_bool(0.55) {
                    Some(add_days(today, -r.gen_range(30..200)))
                } else {
                    None
                };
                (WORKLOADS[w], date)
            })
            .collect();
        out.push(UserActivity {
            tenant_id: identity.tenant_id.clone(),
            user_principal_name: upn,
            last_activity,
        });
    }
}
