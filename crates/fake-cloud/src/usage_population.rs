//! A customer tenant's people and sites, derived from its id alone, so that every report of
//! one tenant (and every run) tells the same story: the same users, licences and activity.

use rand::seq::SliceRandom;
use rand::Rng;

use crate::ids::{guid, rng_for, stable_hash};

/// The workloads of the active user detail report, in its column order.
pub(crate) const WORKLOADS: [&str; 6] = [
    "Exchange",
    "OneDrive",
    "SharePoint",
    "Skype For Business",
    "Yammer",
    "Teams",
];
/// Indices into [`WORKLOADS`].
pub(crate) const EXCHANGE: usize = 0;
pub(crate) const ONEDRIVE: usize = 1;
pub(crate) const SHAREPOINT: usize = 2;
pub(crate) const TEAMS: usize = 5;

/// A licence plan: its product names (as Graph writes them) and what it contains.
struct Plan {
    products: &'static [&'static str],
    /// Per workload of [`WORKLOADS`].
    workloads: [bool; 6],
    /// Whether it includes the Microsoft 365 desktop apps.
    apps: bool,
}

const PLANS: [(Plan, u32); 5] = [
    (
        Plan {
            products: &["MICROSOFT 365 BUSINESS STANDARD"],
            workloads: [true; 6],
            apps: true,
        },
        40,
    ),
    (
        Plan {
            products: &["MICROSOFT 365 BUSINESS PREMIUM"],
            workloads: [true; 6],
            apps: true,
        },
        20,
    ),
    (
        Plan {
            products: &["MICROSOFT 365 BUSINESS BASIC"],
            workloads: [true; 6],
            apps: false,
        },
        25,
    ),
    (
        Plan {
            products: &["EXCHANGE ONLINE (PLAN 1)"],
            workloads: [true, false, false, false, false, false],
            apps: false,
        },
        10,
    ),
    (
        Plan {
            products: &[],
            workloads: [false; 6],
            apps: false,
        },
        5,
    ),
];

/// How likely an engaged user is to use each workload of [`WORKLOADS`].
const USE: [f64; 6] = [0.95, 0.7, 0.6, 0.02, 0.1, 0.85];

const FIRST: [&str; 12] = [
    "Anna", "Piotr", "Maria", "John", "Sofia", "Lukas", "Emma", "Pablo", "Chloe", "Marco", "Eva",
    "Jan",
];
const LAST: [&str; 12] = [
    "Nowak", "Garcia", "Smith", "Rossi", "Muller", "Martin", "Jansen", "Dubois", "Silva", "Berg",
    "Brown", "Lopez",
];
const SITES: [&str; 8] = [
    "Sales",
    "HR",
    "Projects",
    "Finance",
    "Marketing",
    "IT",
    "Legal",
    "Operations",
];
const TEMPLATES: [&str; 3] = ["Group", "Team Site", "Communication Site"];

/// One user of a tenant. Dates are days before the report's anchor (its refresh date, or the
/// day asked for), so one population serves every period.
#[derive(Debug, Clone)]
pub(crate) struct User {
    /// `user{n}@{label}.onmicrosoft.com`.
    pub upn: String,
    /// First and last name.
    pub display_name: String,
    /// Entra object id.
    pub object_id: String,
    /// Days since deletion, for a deleted user.
    pub deleted_days_ago: Option<u32>,
    /// Licensed per workload of [`WORKLOADS`].
    pub licensed: [bool; 6],
    /// Last activity per workload of [`WORKLOADS`].
    pub last_activity: [Option<u32>; 6],
    /// Whether the user has the Microsoft 365 apps, and their last use of them.
    pub apps: bool,
    /// Last use of the apps.
    pub apps_last_activity: Option<u32>,
    /// Days since the licences were assigned.
    pub assigned_days_ago: u32,
    /// Products, as Graph writes them.
    pub products: Vec<&'static str>,
    /// How much the user does on an active day (1–20), for the counters.
    pub busyness: u32,
    /// Platforms used by the apps: Windows, Mac, Mobile, Web.
    pub platforms: [bool; 4],
    /// Apps used: Outlook, Word, Excel, PowerPoint, OneNote, Teams.
    pub app_use: [bool; 6],
}

/// One SharePoint site.
#[derive(Debug, Clone)]
pub(crate) struct Site {
    /// Site id.
    pub id: String,
    /// Its name in the URL.
    pub name: &'static str,
    /// Its template.
    pub template: &'static str,
    /// Index of its owner in the tenant's users.
    pub owner: usize,
    /// Last activity, days before the anchor.
    pub last_activity: Option<u32>,
    /// Files.
    pub files: u32,
}

/// A tenant's population.
#[derive(Debug, Clone)]
pub(crate) struct Population {
    /// The domain label: `contoso` of `contoso.onmicrosoft.com`.
    pub label: String,
    /// The tenant's display name.
    pub display_name: String,
    /// Users (5 to 80).
    pub users: Vec<User>,
    /// Sites (2 to 8).
    pub sites: Vec<Site>,
    /// Seed for day-by-day figures.
    pub seed: u64,
}

/// The domain label of a tenant: a domain's first label, else `t` and a hash of the id.
pub(crate) fn tenant_label(tenant: &str) -> String {
    let t = tenant.trim().to_ascii_lowercase();
    if t.contains('.') {
        let first: String = t
            .split('.')
            .next()
            .unwrap_or("")
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect();
        if !first.is_empty() {
            return first;
        }
    }
    format!("t{:08x}", stable_hash(t.as_bytes()) as u32)
}

/// The population of `tenant`.
pub(crate) fn population(tenant: &str) -> Population {
    let key = tenant.trim().to_ascii_lowercase();
    let seed = stable_hash(key.as_bytes());
    let mut rng = rng_for(seed, "tenant", 0);
    let label = tenant_label(&key);
    let count = 5 + (seed % 76) as usize;
    let mut users = Vec::with_capacity(count);
    for n in 1..=count {
        let plan = {
            let total: u32 = PLANS.iter().map(|(_, w)| w).sum();
            let mut roll = rng.gen_range(0..total);
            let mut chosen = &PLANS[0].0;
            for (plan, weight) in &PLANS {
                if roll < *weight {
                    chosen = plan;
                    break;
                }
                roll -= weight;
            }
            chosen
        };
        // Engaged users were active this week, occasional ones in the last two months.
        let engagement = rng.gen_range(0..100);
        let mut last_activity = [None; 6];
        for (w, slot) in last_activity.iter_mut().enumerate() {
            if plan.workloads[w] && rng.gen_bool(USE[w]) {
                *slot = match engagement {
                    0..=69 => Some(rng.gen_range(0..7)),
                    70..=84 => Some(rng.gen_range(7..60)),
                    _ => None,
                };
            }
        }
        let apps_last_activity = if plan.apps && engagement < 85 {
            Some(rng.gen_range(0..if engagement < 70 { 7 } else { 45 }))
        } else {
            None
        };
        let mut products = plan.products.to_vec();
        if !products.is_empty() && rng.gen_bool(0.05) {
            products.push("MICROSOFT 365 COPILOT");
        }
        let first = FIRST.choose(&mut rng).copied().unwrap_or("Anna");
        let last = LAST.choose(&mut rng).copied().unwrap_or("Nowak");
        users.push(User {
            upn: format!("user{n}@{label}.onmicrosoft.com"),
            display_name: format!("{first} {last}"),
            object_id: guid(&mut rng),
            deleted_days_ago: (n == count && seed % 3 == 0).then(|| rng.gen_range(3..20)),
            licensed: plan.workloads,
            last_activity,
            apps: plan.apps,
            apps_last_activity,
            assigned_days_ago: rng.gen_range(60..900),
            products,
            busyness: rng.gen_range(1..=20),
            platforms: [
                rng.gen_bool(0.8),
                rng.gen_bool(0.15),
                rng.gen_bool(0.5),
                rng.gen_bool(0.4),
            ],
            app_use: [
                rng.gen_bool(0.9),
                rng.gen_bool(0.8),
                rng.gen_bool(0.7),
                rng.gen_bool(0.5),
                rng.gen_bool(0.3),
                rng.gen_bool(0.7),
            ],
        });
    }
    let site_count = rng.gen_range(2..=8);
    let mut names = SITES.to_vec();
    names.shuffle(&mut rng);
    let sites = names
        .into_iter()
        .take(site_count)
        .map(|name| Site {
            id: guid(&mut rng),
            name,
            template: TEMPLATES.choose(&mut rng).copied().unwrap_or("Group"),
            owner: rng.gen_range(0..count),
            last_activity: rng.gen_bool(0.85).then(|| rng.gen_range(0..30)),
            files: rng.gen_range(10..5000),
        })
        .collect();
    let mut name = label.clone();
    if let Some(first) = name.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    Population {
        display_name: format!("{name} (fake)"),
        label,
        users,
        sites,
        seed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tenant_always_has_the_same_users() {
        let a = population("2b0c4f4e-8f3a-4c2e-9d51-7a1e3c5b9f10");
        let b = population("2B0C4F4E-8F3A-4C2E-9D51-7A1E3C5B9F10");
        assert_eq!(a.users.len(), b.users.len());
        assert!((5..=80).contains(&a.users.len()));
        assert_eq!(a.users[0].upn, b.users[0].upn);
        assert_eq!(tenant_label("contoso.onmicrosoft.com"), "contoso");
        assert!(population("contoso.onmicrosoft.com").users[0]
            .upn
            .ends_with("@contoso.onmicrosoft.com"));
    }
}
