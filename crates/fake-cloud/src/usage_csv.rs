//! The Microsoft 365 usage report CSVs Graph's download links serve (FORMATS.md §4): UTF-8 with
//! a BOM, CRLF line ends, the documented header of each report, one row per user (per account,
//! site or day), all from the tenant's [`population`].

use chrono::{Datelike, Days, NaiveDate, Weekday};
use rand::Rng;

use crate::ids::rng_for;
use crate::usage_population::{
    population, Population, User, EXCHANGE, ONEDRIVE, SHAREPOINT, TEAMS, WORKLOADS,
};

/// The Graph functions served: the reports the app imports.
pub(crate) const FUNCTIONS: [&str; 9] = [
    "getOffice365ActiveUserDetail",
    "getOffice365ActiveUserCounts",
    "getM365AppUserDetail",
    "getTeamsUserActivityUserDetail",
    "getOneDriveUsageAccountDetail",
    "getOneDriveActivityUserDetail",
    "getSharePointSiteUsageDetail",
    "getSharePointActivityUserDetail",
    "getEmailActivityUserDetail",
];

/// What a report covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Window {
    /// `period='D7'` and so on: the days before the refresh date.
    Period(u32),
    /// `date=YYYY-MM-DD`: one day.
    Day(NaiveDate),
}

/// Whether a report takes `date=` (the detail reports do, the counts report does not).
pub(crate) fn takes_a_day(function: &str) -> bool {
    function != "getOffice365ActiveUserCounts"
}

/// A CSV being written.
struct Csv(String);

impl Csv {
    fn new(header: &[&str]) -> Self {
        let mut csv = Csv(String::from("\u{feff}"));
        csv.row(header.iter().map(|h| (*h).to_owned()));
        csv
    }

    fn row(&mut self, cells: impl IntoIterator<Item = String>) {
        for (i, cell) in cells.into_iter().enumerate() {
            if i > 0 {
                self.0.push(',');
            }
            if cell.contains([',', '"', '\n', '\r']) {
                self.0.push('"');
                self.0.push_str(&cell.replace('"', "\"\""));
                self.0.push('"');
            } else {
                self.0.push_str(&cell);
            }
        }
        self.0.push_str("\r\n");
    }
}

/// What every row of one report shares.
struct Context<'a> {
    tenant: &'a Population,
    refresh: String,
    anchor: NaiveDate,
    period: String,
}

impl Context<'_> {
    /// The date `days` before the anchor.
    fn day(&self, days: u32) -> String {
        self.anchor
            .checked_sub_days(Days::new(u64::from(days)))
            .map(|d| d.to_string())
            .unwrap_or_default()
    }

    fn maybe_day(&self, days: Option<u32>) -> String {
        days.map(|d| self.day(d)).unwrap_or_default()
    }

    /// The users a report lists: those with the workload (deleted ones too, as Graph lists them).
    fn users_with(&self, workload: usize) -> impl Iterator<Item = &User> {
        self.tenant
            .users
            .iter()
            .filter(move |u| u.licensed[workload])
    }
}

fn flag(b: bool) -> String {
    if b { "True" } else { "False" }.to_owned()
}

fn yes(b: bool) -> String {
    if b { "Yes" } else { "No" }.to_owned()
}

fn deleted(u: &User, c: &Context<'_>) -> (String, String) {
    (
        flag(u.deleted_days_ago.is_some()),
        c.maybe_day(u.deleted_days_ago),
    )
}

/// A count that grows with the user's activity: zero for someone idle in the window.
fn count(u: &User, last: Option<u32>, per_day: u32, window_days: u32) -> String {
    match last {
        Some(days) if days < window_days => {
            (u.busyness * per_day * window_days.min(30) / 7 + 1).to_string()
        }
        _ => "0".into(),
    }
}

/// The report `function` of `tenant`, or `None` for a function not served.
pub(crate) fn report(
    function: &str,
    tenant: &str,
    refresh: NaiveDate,
    window: Window,
) -> Option<Vec<u8>> {
    let population = population(tenant);
    let (anchor, days) = match window {
        Window::Period(days) => (refresh, days),
        Window::Day(day) => (day, 1),
    };
    let c = Context {
        tenant: &population,
        refresh: refresh.to_string(),
        anchor,
        period: days.to_string(),
    };
    let csv = match function {
        "getOffice365ActiveUserDetail" => active_user_detail(&c),
        "getOffice365ActiveUserCounts" => active_user_counts(&c, days),
        "getM365AppUserDetail" => app_user_detail(&c),
        "getTeamsUserActivityUserDetail" => teams_user_detail(&c, days),
        "getOneDriveUsageAccountDetail" => onedrive_accounts(&c),
        "getOneDriveActivityUserDetail" => file_activity(&c, days, ONEDRIVE),
        "getSharePointSiteUsageDetail" => sharepoint_sites(&c),
        "getSharePointActivityUserDetail" => file_activity(&c, days, SHAREPOINT),
        "getEmailActivityUserDetail" => email_user_detail(&c, days),
        _ => return None,
    };
    Some(csv.0.into_bytes())
}

fn active_user_detail(c: &Context<'_>) -> Csv {
    let mut header = vec![
        "Report Refresh Date",
        "User Principal Name",
        "Display Name",
        "Is Deleted",
        "Deleted Date",
    ];
    let has: Vec<String> = WORKLOADS
        .iter()
        .map(|w| format!("Has {w} License"))
        .collect();
    let last: Vec<String> = WORKLOADS
        .iter()
        .map(|w| format!("{w} Last Activity Date"))
        .collect();
    let assigned: Vec<String> = WORKLOADS
        .iter()
        .map(|w| format!("{w} License Assign Date"))
        .collect();
    header.extend(has.iter().map(String::as_str));
    header.extend(last.iter().map(String::as_str));
    header.extend(assigned.iter().map(String::as_str));
    header.push("Assigned Products");
    let mut csv = Csv::new(&header);
    for u in &c.tenant.users {
        let (is_deleted, deleted_date) = deleted(u, c);
        let mut row = vec![
            c.refresh.clone(),
            u.upn.clone(),
            u.display_name.clone(),
            is_deleted,
            deleted_date,
        ];
        row.extend(u.licensed.iter().map(|l| flag(*l)));
        row.extend(u.last_activity.iter().map(|d| c.maybe_day(*d)));
        row.extend(u.licensed.iter().map(|l| {
            if *l {
                c.day(u.assigned_days_ago)
            } else {
                String::new()
            }
        }));
        row.push(u.products.join("+"));
        csv.row(row);
    }
    csv
}

fn active_user_counts(c: &Context<'_>, days: u32) -> Csv {
    let mut csv = Csv::new(&[
        "Report Refresh Date",
        "Office 365",
        "Exchange",
        "OneDrive",
        "SharePoint",
        "Skype For Business",
        "Yammer",
        "Teams",
        "Report Date",
        "Report Period",
    ]);
    // Users active in a typical week, per workload; a weekday sees most of them, a weekend few.
    let weekly: Vec<u32> = (0..WORKLOADS.len())
        .map(|w| {
            c.tenant
                .users
                .iter()
                .filter(|u| {
                    u.deleted_days_ago.is_none() && u.last_activity[w].is_some_and(|d| d < 7)
                })
                .count() as u32
        })
        .collect();
    for back in 0..days {
        let Some(date) = c.anchor.checked_sub_days(Days::new(u64::from(back))) else {
            continue;
        };
        let mut rng = rng_for(
            c.tenant.seed,
            "day",
            u64::from(date.num_days_from_ce() as u32),
        );
        let share = if matches!(date.weekday(), Weekday::Sat | Weekday::Sun) {
            rng.gen_range(0.05..0.2)
        } else {
            rng.gen_range(0.6..0.95)
        };
        let counts: Vec<u32> = weekly
            .iter()
            .map(|n| (f64::from(*n) * share).round() as u32)
            .collect();
        let office = counts.iter().copied().max().unwrap_or(0);
        let mut row = vec![c.refresh.clone(), office.to_string()];
        row.extend(counts.iter().map(u32::to_string));
        row.push(date.to_string());
        row.push(c.period.clone());
        csv.row(row);
    }
    csv
}

fn app_user_detail(c: &Context<'_>) -> Csv {
    const PLATFORMS: [&str; 4] = ["Windows", "Mac", "Mobile", "Web"];
    const APPS: [&str; 6] = ["Outlook", "Word", "Excel", "PowerPoint", "OneNote", "Teams"];
    let per_platform: Vec<String> = PLATFORMS
        .iter()
        .flat_map(|p| APPS.iter().map(move |a| format!("{a} ({p})")))
        .collect();
    let mut header = vec![
        "Report Refresh Date",
        "User Principal Name",
        "Last Activation Date",
        "Last Activity Date",
        "Report Period",
    ];
    header.extend(PLATFORMS);
    header.extend(APPS);
    header.extend(per_platform.iter().map(String::as_str));
    let mut csv = Csv::new(&header);
    for u in c
        .tenant
        .users
        .iter()
        .filter(|u| u.apps && u.deleted_days_ago.is_none())
    {
        let used = u.apps_last_activity.is_some();
        let mut row = vec![
            c.refresh.clone(),
            u.upn.clone(),
            c.day(u.assigned_days_ago.saturating_sub(2)),
            c.maybe_day(u.apps_last_activity),
            c.period.clone(),
        ];
        row.extend(u.platforms.iter().map(|p| yes(used && *p)));
        row.extend(u.app_use.iter().map(|a| yes(used && *a)));
        for p in u.platforms {
            row.extend(u.app_use.iter().map(|a| yes(used && p && *a)));
        }
        csv.row(row);
    }
    csv
}

fn teams_user_detail(c: &Context<'_>, days: u32) -> Csv {
    let mut csv = Csv::new(&[
        "Report Refresh Date",
        "Tenant Display Name",
        "Shared Channel Tenant Display Names",
        "User Id",
        "User Principal Name",
        "Last Activity Date",
        "Is Deleted",
        "Deleted Date",
        "Assigned Products",
        "Team Chat Message Count",
        "Private Chat Message Count",
        "Call Count",
        "Meeting Count",
        "Post Messages",
        "Reply Messages",
        "Urgent Messages",
        "Meetings Organized Count",
        "Meetings Attended Count",
        "Ad Hoc Meetings Organized Count",
        "Ad Hoc Meetings Attended Count",
        "Scheduled One-time Meetings Organized Count",
        "Scheduled One-time Meetings Attended Count",
        "Scheduled Recurring Meetings Organized Count",
        "Scheduled Recurring Meetings Attended Count",
        "Audio Duration",
        "Video Duration",
        "Screen Share Duration",
        "Audio Duration In Seconds",
        "Video Duration In Seconds",
        "Screen Share Duration In Seconds",
        "Has Other Action",
        "Is Licensed",
        "Report Period",
    ]);
    for u in &c.tenant.users {
        let last = u.last_activity[TEAMS];
        let n = |per_day| count(u, last, per_day, days);
        let seconds: u32 = n(60).parse().unwrap_or(0);
        let duration = |s: u32| format!("PT{}M{}S", s / 60, s % 60);
        let (is_deleted, deleted_date) = deleted(u, c);
        let mut row = vec![
            c.refresh.clone(),
            c.tenant.display_name.clone(),
            String::new(),
            u.object_id.clone(),
            u.upn.clone(),
            c.maybe_day(last),
            is_deleted,
            deleted_date,
            u.products.join("+"),
        ];
        row.extend([n(3), n(8), n(1), n(2), n(1), n(1), "0".into()]);
        row.extend([n(1), n(2), "0".into(), n(1), n(1), n(1), "0".into(), n(1)]);
        row.extend([
            duration(seconds),
            duration(seconds / 2),
            duration(seconds / 5),
        ]);
        row.extend([
            seconds.to_string(),
            (seconds / 2).to_string(),
            (seconds / 5).to_string(),
        ]);
        row.push(yes(last.is_some()));
        row.push(yes(u.licensed[TEAMS]));
        row.push(c.period.clone());
        csv.row(row);
    }
    csv
}

/// `https://{label}-my.sharepoint.com/personal/user1_{label}_onmicrosoft_com`.
fn onedrive_url(c: &Context<'_>, u: &User) -> String {
    let who = u.upn.replace(['@', '.'], "_");
    format!(
        "https://{}-my.sharepoint.com/personal/{who}",
        c.tenant.label
    )
}

fn onedrive_accounts(c: &Context<'_>) -> Csv {
    let mut csv = Csv::new(&[
        "Report Refresh Date",
        "Site URL",
        "Owner Display Name",
        "Is Deleted",
        "Last Activity Date",
        "File Count",
        "Active File Count",
        "Storage Used (Byte)",
        "Storage Allocated (Byte)",
        "Owner Principal Name",
        "Report Period",
    ]);
    for u in c.users_with(ONEDRIVE) {
        let files = u.busyness * 37;
        csv.row([
            c.refresh.clone(),
            onedrive_url(c, u),
            u.display_name.clone(),
            flag(u.deleted_days_ago.is_some()),
            c.maybe_day(u.last_activity[ONEDRIVE]),
            files.to_string(),
            (files / 9).to_string(),
            (u64::from(files) * 1_048_576).to_string(),
            "1099511627776".into(),
            u.upn.clone(),
            c.period.clone(),
        ]);
    }
    csv
}

fn file_activity(c: &Context<'_>, days: u32, workload: usize) -> Csv {
    let sharepoint = workload == SHAREPOINT;
    let mut header = vec![
        "Report Refresh Date",
        "User Principal Name",
        "Is Deleted",
        "Deleted Date",
        "Last Activity Date",
        "Viewed Or Edited File Count",
        "Synced File Count",
        "Shared Internally File Count",
        "Shared Externally File Count",
    ];
    if sharepoint {
        header.push("Visited Page Count");
    }
    header.extend(["Assigned Products", "Report Period"]);
    let mut csv = Csv::new(&header);
    for u in c.users_with(workload) {
        let last = u.last_activity[workload];
        let n = |per_day| count(u, last, per_day, days);
        let (is_deleted, deleted_date) = deleted(u, c);
        let mut row = vec![
            c.refresh.clone(),
            u.upn.clone(),
            is_deleted,
            deleted_date,
            c.maybe_day(last),
            n(4),
            n(2),
            n(1),
            "0".into(),
        ];
        if sharepoint {
            row.push(n(3));
        }
        row.extend([u.products.join("+"), c.period.clone()]);
        csv.row(row);
    }
    csv
}

fn sharepoint_sites(c: &Context<'_>) -> Csv {
    let mut csv = Csv::new(&[
        "Report Refresh Date",
        "Site Id",
        "Site URL",
        "Owner Display Name",
        "Is Deleted",
        "Last Activity Date",
        "File Count",
        "Active File Count",
        "Page View Count",
        "Visited Page Count",
        "Storage Used (Byte)",
        "Storage Allocated (Byte)",
        "Root Web Template",
        "Owner Principal Name",
        "Report Period",
    ]);
    for s in &c.tenant.sites {
        let owner = &c.tenant.users[s.owner];
        csv.row([
            c.refresh.clone(),
            s.id.clone(),
            format!("https://{}.sharepoint.com/sites/{}", c.tenant.label, s.name),
            owner.display_name.clone(),
            "False".into(),
            c.maybe_day(s.last_activity),
            s.files.to_string(),
            (s.files / 12).to_string(),
            (s.files / 3).to_string(),
            (s.files / 40).to_string(),
            (u64::from(s.files) * 2_097_152).to_string(),
            "27487790694400".into(),
            s.template.to_owned(),
            owner.upn.clone(),
            c.period.clone(),
        ]);
    }
    csv
}

fn email_user_detail(c: &Context<'_>, days: u32) -> Csv {
    let mut csv = Csv::new(&[
        "Report Refresh Date",
        "User Principal Name",
        "Display Name",
        "Is Deleted",
        "Deleted Date",
        "Last Activity Date",
        "Send Count",
        "Receive Count",
        "Read Count",
        "Meeting Created Count",
        "Meeting Interacted Count",
        "Assigned Products",
        "Report Period",
    ]);
    for u in c.users_with(EXCHANGE) {
        let last = u.last_activity[EXCHANGE];
        let n = |per_day| count(u, last, per_day, days);
        let (is_deleted, deleted_date) = deleted(u, c);
        csv.row([
            c.refresh.clone(),
            u.upn.clone(),
            u.display_name.clone(),
            is_deleted,
            deleted_date,
            c.maybe_day(last),
            n(5),
            n(20),
            n(15),
            n(1),
            n(2),
            u.products.join("+"),
            c.period.clone(),
        ]);
    }
    csv
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_report_has_a_bom_crlf_and_rows_as_wide_as_its_header() {
        let refresh = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        for function in FUNCTIONS {
            let bytes = report(
                function,
                "contoso.onmicrosoft.com",
                refresh,
                Window::Period(30),
            )
            .unwrap();
            let text = String::from_utf8(bytes).unwrap();
            assert!(text.starts_with('\u{feff}'), "{function}");
            let lines: Vec<&str> = text.trim_end().split("\r\n").collect();
            assert!(lines.len() > 1, "{function}");
            let width = lines[0].split(',').count();
            for line in &lines {
                assert_eq!(line.split(',').count(), width, "{function}: {line}");
            }
        }
        assert!(report("getNothing", "x.com", refresh, Window::Period(7)).is_none());
    }
}
