//! Microsoft 365 usage reports (Microsoft Graph `reportRoot`, FORMATS.md §4) into usage figures.
//!
//! Each per-user report gives, per user, whether the user holds a licence with a workload and the
//! user's last activity date in it. [`read_usage_report`] reads one file into a [`UsageReport`]
//! (rows checked, duplicates merged, problems with their lines); [`tenant_usage`] joins the
//! reports of one tenant by user principal name (concealed names join too: a tenant hashes a name
//! the same way in every report) and counts, per workload and month:
//!
//! - **assigned** users: licensed for the workload (`Has <X> License`, Teams' `Is Licensed`; in
//!   reports that list only licensed users or accounts, every row);
//! - **active** users: last activity date inside the month of the report's `Report Refresh Date`
//!   (a last activity date is the latest ever, so a user active in the month has one in it).
//!
//! Deleted users are left out. The month is the refresh date's month; a workload no report covers
//! for a month stays missing. `getOffice365ActiveUserCounts` gives daily counts, which cannot be
//! added up into monthly active users: it is read and summarised in notes, never stored as
//! monthly figures. `getSharePointSiteUsageDetail` describes sites, not users: also notes only.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{Datelike, NaiveDate};
use partner_advisor_domain::{Product, UsageMonth, UserActivity, Workload};
use serde::Serialize;

use crate::detect::{FileKind, UsageReportKind};
use crate::header::{normalise_header, Column, HeaderMap};
use crate::reader::{CsvText, Record};
use crate::report::ImportReport;
use crate::values::{is_concealed_name, parse_bool, parse_count, parse_date};

/// Workloads the domain tracks, with the name the active user detail report gives them.
const DETAIL_WORKLOADS: [(Workload, &str); 4] = [
    (Workload::Exchange, "Exchange"),
    (Workload::OneDrive, "OneDrive"),
    (Workload::SharePoint, "SharePoint"),
    (Workload::Teams, "Teams"),
];
/// Workloads the reports name that the app does not track (reported in notes).
const UNTRACKED_WORKLOADS: [&str; 2] = ["Skype For Business", "Yammer"];

/// One user's use of one workload.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct WorkloadUse {
    /// The workload.
    pub workload: Workload,
    /// Whether the user holds a licence that contains it.
    pub licensed: bool,
    /// The user's last activity date in it.
    pub last_activity: Option<NaiveDate>,
}

/// One user (or account) of a per-user report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UserUsage {
    /// Line of the user's (first) row.
    pub line: u64,
    /// User principal name, possibly concealed.
    pub user_principal_name: String,
    /// Per workload the report covers.
    pub workloads: Vec<WorkloadUse>,
    /// Product names of the user's licences (`Assigned Products`, `+`-separated in the file).
    pub assigned_products: Vec<String>,
}

/// Active users of one day (`getOffice365ActiveUserCounts`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DailyActiveUsers {
    /// The day.
    pub date: NaiveDate,
    /// Active users per tracked workload.
    pub counts: Vec<(Workload, u32)>,
}

/// One site of the SharePoint site usage report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SiteUsage {
    /// Site ID, or its URL when the report has no ID.
    pub site: String,
    /// Last activity on the site.
    pub last_activity: Option<NaiveDate>,
}

/// A usage report read from one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UsageReport {
    /// Which report.
    pub kind: UsageReportKind,
    /// The latest `Report Refresh Date` of its rows.
    pub refresh_date: NaiveDate,
    /// `Report Period` in days, when given.
    pub period_days: Option<u32>,
    /// Whether user names are concealed.
    pub concealed: bool,
    /// `Tenant Display Name` values (Teams, 2024 version).
    pub tenant_display_names: Vec<String>,
    /// Workloads the report covers.
    pub workloads: Vec<Workload>,
    /// Users, one per user principal name (duplicates merged), deleted users left out.
    pub users: Vec<UserUsage>,
    /// Daily counts (active user counts report only).
    pub daily: Vec<DailyActiveUsers>,
    /// Sites (site usage report only), deleted sites left out.
    pub sites: Vec<SiteUsage>,
}

impl UsageReport {
    /// First day of the month the report describes.
    pub fn month(&self) -> NaiveDate {
        first_of_month(self.refresh_date)
    }
}

fn first_of_month(date: NaiveDate) -> NaiveDate {
    date.with_day(1).unwrap_or(date)
}

fn last_of_month(date: NaiveDate) -> NaiveDate {
    let first = first_of_month(date);
    first
        .checked_add_months(chrono::Months::new(1))
        .and_then(|next| next.pred_opt())
        .unwrap_or(date)
}

/// Where a per-user report says whether a user is licensed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Licence {
    /// Every row is a licensed user or account.
    EveryRow,
    /// Teams: `Is Licensed`, else a non-empty `Assigned Products`.
    TeamsIsLicensed,
}

/// Columns every report may carry.
const COMMON: [Column; 5] = [
    Column::required("Report Refresh Date"),
    Column::optional("Is Deleted"),
    Column::optional("Report Period"),
    Column::optional("Assigned Products"),
    Column::optional("Tenant Display Name"),
];

fn columns(kind: UsageReportKind) -> Vec<Column> {
    let mut columns = COMMON.to_vec();
    let user = Column::required("User Principal Name");
    let last = Column::required("Last Activity Date");
    match kind {
        UsageReportKind::Office365ActiveUserDetail => {
            columns.push(user);
            columns.push(Column::optional("Display Name"));
            for (_, name) in DETAIL_WORKLOADS {
                columns.push(Column::required(has_licence(name)));
                columns.push(Column::required(last_activity(name)));
            }
            for name in UNTRACKED_WORKLOADS {
                columns.push(Column::optional(has_licence(name)));
                columns.push(Column::optional(last_activity(name)));
            }
        }
        UsageReportKind::Office365ActiveUserCounts => {
            columns.push(Column::required("Report Date"));
            for (_, name) in DETAIL_WORKLOADS {
                columns.push(Column::required(name));
            }
            columns.push(Column::optional("Office 365"));
            for name in UNTRACKED_WORKLOADS {
                columns.push(Column::optional(name));
            }
        }
        UsageReportKind::TeamsUserActivityUserDetail => {
            columns.extend([user, last, Column::optional("Is Licensed")]);
        }
        UsageReportKind::OneDriveUsageAccountDetail => {
            columns.extend([
                Column::required("Owner Principal Name"),
                last,
                Column::optional("Site URL"),
            ]);
        }
        UsageReportKind::SharePointSiteUsageDetail => {
            columns.extend([
                Column::optional("Site Id"),
                Column::required("Site URL"),
                last,
            ]);
        }
        UsageReportKind::M365AppUserDetail
        | UsageReportKind::OneDriveActivityUserDetail
        | UsageReportKind::SharePointActivityUserDetail
        | UsageReportKind::EmailActivityUserDetail => columns.extend([user, last]),
    }
    columns
}

/// `Has Exchange License`: built at run time, so the names stay in one place.
fn has_licence(workload: &str) -> &'static str {
    match workload {
        "Exchange" => "Has Exchange License",
        "OneDrive" => "Has OneDrive License",
        "SharePoint" => "Has SharePoint License",
        "Teams" => "Has Teams License",
        "Skype For Business" => "Has Skype For Business License",
        _ => "Has Yammer License",
    }
}

fn last_activity(workload: &str) -> &'static str {
    match workload {
        "Exchange" => "Exchange Last Activity Date",
        "OneDrive" => "OneDrive Last Activity Date",
        "SharePoint" => "SharePoint Last Activity Date",
        "Teams" => "Teams Last Activity Date",
        "Skype For Business" => "Skype For Business Last Activity Date",
        _ => "Yammer Last Activity Date",
    }
}

/// The single workload of a per-user report, its user column and where its licence is.
fn single_workload(kind: UsageReportKind) -> Option<(Workload, &'static str, Licence)> {
    Some(match kind {
        UsageReportKind::M365AppUserDetail => {
            (Workload::CoreApps, "User Principal Name", Licence::EveryRow)
        }
        UsageReportKind::TeamsUserActivityUserDetail => (
            Workload::Teams,
            "User Principal Name",
            Licence::TeamsIsLicensed,
        ),
        UsageReportKind::OneDriveUsageAccountDetail => (
            Workload::OneDrive,
            "Owner Principal Name",
            Licence::EveryRow,
        ),
        UsageReportKind::OneDriveActivityUserDetail => {
            (Workload::OneDrive, "User Principal Name", Licence::EveryRow)
        }
        UsageReportKind::SharePointActivityUserDetail => (
            Workload::SharePoint,
            "User Principal Name",
            Licence::EveryRow,
        ),
        UsageReportKind::EmailActivityUserDetail => {
            (Workload::Exchange, "User Principal Name", Licence::EveryRow)
        }
        _ => return None,
    })
}

/// Reads one usage report. The report is `None` when the file cannot be used at all (required
/// columns missing, no row with a refresh date); row errors are in the [`ImportReport`].
pub fn read_usage_report(
    file: &str,
    kind: UsageReportKind,
    text: &CsvText,
) -> (ImportReport, Option<UsageReport>) {
    let mut report = ImportReport::new(file, FileKind::UsageReport(kind));
    report.encoding = Some(text.encoding());
    report.delimiter = Some(text.dialect().delimiter_char());
    report.decimal_comma = text.dialect().decimal_comma;
    let mut records = text.records();
    let Some(header) = records.next() else {
        report.error(None, None, "the file is empty");
        return (report, None);
    };
    let columns = columns(kind);
    let map = HeaderMap::new(header.iter(), &columns);
    if !map.missing().is_empty() {
        report.error(
            Some(header.line),
            None,
            format!("required columns missing: {}", map.missing().join(", ")),
        );
        return (report, None);
    }
    if let Some(reason) = map.duplicated() {
        report.error(Some(header.line), None, reason);
        return (report, None);
    }
    for (found, documented) in map.approximate() {
        report.note(format!("column '{found}' read as '{documented}'"));
    }
    note_unknown_columns(&mut report, kind, map.unknown());
    let mut reader = Rows {
        report: &mut report,
        header: &header,
        map: &map,
        day_first: text.dialect().decimal_comma,
    };
    let mut parsed = UsageReport {
        kind,
        refresh_date: NaiveDate::MIN,
        period_days: None,
        concealed: false,
        tenant_display_names: Vec::new(),
        workloads: Vec::new(),
        users: Vec::new(),
        daily: Vec::new(),
        sites: Vec::new(),
    };
    match kind {
        UsageReportKind::Office365ActiveUserCounts => reader.daily(records, &mut parsed),
        UsageReportKind::SharePointSiteUsageDetail => reader.sites(records, &mut parsed),
        _ => reader.users(records, &mut parsed),
    }
    if parsed.refresh_date == NaiveDate::MIN {
        if report.rows_read == 0 {
            report.error(
                // On the header's line: a file can end with its header, and then there is
                // no line after it to name.
                Some(header.line),
                None,
                "the report has no rows after its header",
            );
        } else if report.errors().next().is_none() {
            report.error(
                None,
                Some("Report Refresh Date"),
                "no row has a report refresh date",
            );
        }
        return (report, None);
    }
    finish_notes(&mut report, &mut parsed);
    (report, Some(parsed))
}

fn note_unknown_columns(report: &mut ImportReport, kind: UsageReportKind, unknown: &[String]) {
    let mut workloads = Vec::new();
    for name in unknown {
        let key = normalise_header(name);
        if let Some(w) = key
            .strip_prefix("has")
            .and_then(|k| k.strip_suffix("license"))
            .filter(|w| !w.is_empty())
        {
            workloads.push((w.to_owned(), name.clone()));
        }
    }
    if kind == UsageReportKind::Office365ActiveUserDetail {
        for (_, column) in &workloads {
            report.note(format!(
                "unknown workload in column '{column}': not tracked, ignored"
            ));
        }
    }
    // The documented columns the reader does not need are not worth a note; others are.
    let documented: BTreeSet<String> = crate::graph_catalog::GRAPH_REPORTS
        .iter()
        .filter(|(f, _)| *f == kind.graph_function())
        .flat_map(|(_, h)| h.iter().map(|c| normalise_header(c)))
        .chain(
            // Older and newer versions of the Teams report.
            [
                "Tenant Display Name",
                "Shared Channel Tenant Display Names",
                "User Id",
            ]
            .iter()
            .map(|c| normalise_header(c)),
        )
        .collect();
    let surprising: Vec<&str> = unknown
        .iter()
        .filter(|u| !documented.contains(&normalise_header(u)))
        .filter(|u| !workloads.iter().any(|(_, c)| c == *u))
        .map(String::as_str)
        .collect();
    if !surprising.is_empty() {
        report.note(format!(
            "columns not in the documented report, ignored: {}",
            surprising.join(", ")
        ));
    }
}

fn finish_notes(report: &mut ImportReport, parsed: &mut UsageReport) {
    let names: Vec<&str> = parsed
        .users
        .iter()
        .map(|u| u.user_principal_name.as_str())
        .collect();
    let concealed = names.iter().filter(|n| is_concealed_name(n)).count();
    if !names.is_empty() && concealed * 2 > names.len() {
        parsed.concealed = true;
        report.concealed = true;
        report.note(
            "user names are concealed (hashed) by the tenant's report settings: users are joined \
             across reports by the same hash, but names cannot be shown",
        );
    } else if concealed > 0 {
        report.note(format!(
            "{concealed} of {} user names are concealed (hashed)",
            names.len()
        ));
    }
    // Products in the licences: known ones are fine, the others are named.
    let mut unknown: BTreeMap<String, u32> = BTreeMap::new();
    for user in &parsed.users {
        for product in &user.assigned_products {
            if Product::parse(product).is_err() {
                *unknown.entry(product.clone()).or_default() += 1;
            }
        }
    }
    if !unknown.is_empty() {
        let list: Vec<String> = unknown
            .iter()
            .map(|(p, n)| format!("{p} ({n} users)"))
            .collect();
        report.note(format!(
            "products not in the catalogue (kept out of the figures, which do not depend on them): {}",
            list.join("; ")
        ));
    }
    if parsed.kind == UsageReportKind::Office365ActiveUserCounts && !parsed.daily.is_empty() {
        let first = parsed.daily.iter().map(|d| d.date).min();
        let last = parsed.daily.iter().map(|d| d.date).max();
        let mut peaks: Vec<String> = Vec::new();
        for (workload, _) in DETAIL_WORKLOADS {
            let peak = parsed
                .daily
                .iter()
                .flat_map(|d| d.counts.iter())
                .filter(|(w, _)| *w == workload)
                .map(|(_, n)| *n)
                .max()
                .unwrap_or(0);
            peaks.push(format!("{workload} {peak}"));
        }
        report.note(format!(
            "daily active users from {} to {} (peak per day: {}); daily counts do not add up to \
             monthly active users, so they are not stored as monthly figures",
            first.map(|d| d.to_string()).unwrap_or_default(),
            last.map(|d| d.to_string()).unwrap_or_default(),
            peaks.join(", ")
        ));
    }
    if parsed.kind == UsageReportKind::SharePointSiteUsageDetail {
        let month = parsed.month();
        let active = parsed
            .sites
            .iter()
            .filter(|s| s.last_activity.is_some_and(|d| d >= month))
            .count();
        report.note(format!(
            "{} SharePoint sites, {active} active in {}; this report counts sites, not users, so \
             SharePoint users come from the active user detail or SharePoint activity reports",
            parsed.sites.len(),
            month.format("%Y-%m")
        ));
    }
}

/// Reads the rows of one report into a [`UsageReport`], recording problems.
struct Rows<'a> {
    report: &'a mut ImportReport,
    header: &'a Record,
    map: &'a HeaderMap,
    day_first: bool,
}

impl Rows<'_> {
    /// The name the file gives a documented column.
    fn name(&self, column: &str) -> String {
        self.map
            .position(column)
            .and_then(|p| self.header.get(p))
            .map_or_else(|| column.to_owned(), |n| n.trim().to_owned())
    }

    /// Checks the row's width; `false` when the row cannot be read.
    fn width_ok(&mut self, row: &Record) -> bool {
        let expected = self.header.len();
        if row.len() == expected {
            return true;
        }
        if row.len() > expected && row.iter().skip(expected).all(|f| f.trim().is_empty()) {
            self.report.warning(
                Some(row.line),
                None,
                format!(
                    "the row has {} fields, the header {}: the extra fields are empty and ignored",
                    row.len(),
                    expected
                ),
            );
            return true;
        }
        let column = if row.len() < expected {
            self.header.get(row.len()).map(|c| c.trim().to_owned())
        } else {
            None
        };
        self.report.error(
            Some(row.line),
            column.as_deref(),
            format!(
                "the row has {} fields, the header {}: the columns are shifted (a delimiter or \
                 quote in a value?)",
                row.len(),
                expected
            ),
        );
        false
    }

    fn date(&mut self, row: &Record, column: &str) -> Result<Option<NaiveDate>, ()> {
        let value = self.map.get(row, column).unwrap_or("");
        parse_date(value, self.day_first).map_err(|reason| {
            let name = self.name(column);
            self.report.error(Some(row.line), Some(&name), reason);
        })
    }

    fn flag(&mut self, row: &Record, column: &str) -> Result<Option<bool>, ()> {
        let value = self.map.get(row, column).unwrap_or("");
        parse_bool(value).map_err(|reason| {
            let name = self.name(column);
            self.report.error(Some(row.line), Some(&name), reason);
        })
    }

    /// The common fields: refresh date, period, deleted. `Err` when the row failed.
    fn common(&mut self, row: &Record, parsed: &mut UsageReport) -> Result<bool, ()> {
        let refresh = self.date(row, "Report Refresh Date");
        let deleted = self.flag(row, "Is Deleted");
        let refresh = refresh?;
        let deleted = deleted?.unwrap_or(false);
        match refresh {
            Some(d) => parsed.refresh_date = parsed.refresh_date.max(d),
            None => {
                let name = self.name("Report Refresh Date");
                self.report
                    .error(Some(row.line), Some(&name), "no report refresh date");
                return Err(());
            }
        }
        if let Some(period) = self.map.get(row, "Report Period").and_then(parse_count) {
            parsed.period_days = u32::try_from(period).ok();
        }
        if let Some(tenant) = self.map.get(row, "Tenant Display Name") {
            let tenant = tenant.trim();
            if !tenant.is_empty() && !parsed.tenant_display_names.iter().any(|t| t == tenant) {
                parsed.tenant_display_names.push(tenant.to_owned());
            }
        }
        Ok(deleted)
    }

    fn users(&mut self, records: impl Iterator<Item = Record>, parsed: &mut UsageReport) {
        let single = single_workload(parsed.kind);
        parsed.workloads = match single {
            Some((w, _, _)) => vec![w],
            None => DETAIL_WORKLOADS.iter().map(|(w, _)| *w).collect(),
        };
        let user_column = single.map_or("User Principal Name", |(_, c, _)| c);
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut deleted_users = 0u32;
        for row in records {
            self.report.rows_read += 1;
            if !self.width_ok(&row) {
                continue;
            }
            let Ok(deleted) = self.common(&row, parsed) else {
                continue;
            };
            let upn = self.map.get(&row, user_column).unwrap_or("").trim();
            if upn.is_empty() {
                let name = self.name(user_column);
                self.report
                    .error(Some(row.line), Some(&name), "no user principal name");
                continue;
            }
            let upn = upn.to_owned();
            let workloads = match single {
                Some((workload, _, licence)) => {
                    let Ok(last) = self.date(&row, "Last Activity Date") else {
                        continue;
                    };
                    let licensed = match licence {
                        Licence::EveryRow => true,
                        Licence::TeamsIsLicensed => {
                            let Ok(flag) = self.flag(&row, "Is Licensed") else {
                                continue;
                            };
                            flag.unwrap_or_else(|| {
                                !self
                                    .map
                                    .get(&row, "Assigned Products")
                                    .unwrap_or("")
                                    .trim()
                                    .is_empty()
                                    || !self.map.has("Assigned Products")
                            })
                        }
                    };
                    vec![WorkloadUse {
                        workload,
                        licensed,
                        last_activity: last,
                    }]
                }
                None => {
                    let mut uses = Vec::new();
                    let mut failed = false;
                    for (workload, name) in DETAIL_WORKLOADS {
                        let licensed = self.flag(&row, has_licence(name));
                        let last = self.date(&row, last_activity(name));
                        match (licensed, last) {
                            (Ok(licensed), Ok(last)) => uses.push(WorkloadUse {
                                workload,
                                licensed: licensed.unwrap_or(false),
                                last_activity: last,
                            }),
                            _ => failed = true,
                        }
                    }
                    if failed {
                        continue;
                    }
                    uses
                }
            };
            if deleted {
                deleted_users += 1;
                continue;
            }
            let assigned_products: Vec<String> = self
                .map
                .get(&row, "Assigned Products")
                .unwrap_or("")
                .split('+')
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(str::to_owned)
                .collect();
            let key = upn.to_lowercase();
            if let Some(&index) = seen.get(&key) {
                let first = &mut parsed.users[index];
                self.report.warning(
                    Some(row.line),
                    Some(&self.name(user_column)),
                    format!(
                        "user {upn} appears again (first on line {}): counted once",
                        first.line
                    ),
                );
                for new in workloads {
                    if let Some(old) = first
                        .workloads
                        .iter_mut()
                        .find(|w| w.workload == new.workload)
                    {
                        old.licensed |= new.licensed;
                        old.last_activity = old.last_activity.max(new.last_activity);
                    }
                }
                continue;
            }
            seen.insert(key, parsed.users.len());
            parsed.users.push(UserUsage {
                line: row.line,
                user_principal_name: upn,
                workloads,
                assigned_products,
            });
            self.report.rows_accepted += 1;
        }
        if deleted_users > 0 {
            self.report.note(format!(
                "{deleted_users} deleted users left out of the figures"
            ));
        }
    }

    fn daily(&mut self, records: impl Iterator<Item = Record>, parsed: &mut UsageReport) {
        parsed.workloads = DETAIL_WORKLOADS.iter().map(|(w, _)| *w).collect();
        let mut seen: HashMap<NaiveDate, u64> = HashMap::new();
        for row in records {
            self.report.rows_read += 1;
            if !self.width_ok(&row) || self.common(&row, parsed).is_err() {
                continue;
            }
            let Ok(date) = self.date(&row, "Report Date") else {
                continue;
            };
            let Some(date) = date else {
                let name = self.name("Report Date");
                self.report
                    .error(Some(row.line), Some(&name), "no report date");
                continue;
            };
            let mut counts = Vec::new();
            let mut failed = false;
            for (workload, name) in DETAIL_WORKLOADS {
                let value = self.map.get(&row, name).unwrap_or("").trim();
                if value.is_empty() {
                    continue;
                }
                match parse_count(value).and_then(|n| u32::try_from(n).ok()) {
                    Some(n) => counts.push((workload, n)),
                    None => {
                        let column = self.name(name);
                        self.report.error(
                            Some(row.line),
                            Some(&column),
                            format!("'{value}' is not a count of users"),
                        );
                        failed = true;
                    }
                }
            }
            if failed {
                continue;
            }
            if let Some(first) = seen.get(&date) {
                self.report.warning(
                    Some(row.line),
                    Some(&self.name("Report Date")),
                    format!("day {date} appears again (first on line {first}): counted once"),
                );
                continue;
            }
            seen.insert(date, row.line);
            parsed.daily.push(DailyActiveUsers { date, counts });
            self.report.rows_accepted += 1;
        }
        parsed.daily.sort_by_key(|d| d.date);
    }

    fn sites(&mut self, records: impl Iterator<Item = Record>, parsed: &mut UsageReport) {
        let mut seen: HashMap<String, u64> = HashMap::new();
        for row in records {
            self.report.rows_read += 1;
            if !self.width_ok(&row) {
                continue;
            }
            let Ok(deleted) = self.common(&row, parsed) else {
                continue;
            };
            let Ok(last) = self.date(&row, "Last Activity Date") else {
                continue;
            };
            let id = self
                .map
                .get(&row, "Site Id")
                .filter(|s| !s.trim().is_empty())
                .or_else(|| self.map.get(&row, "Site URL"))
                .unwrap_or("")
                .trim()
                .to_owned();
            if id.is_empty() {
                let name = self.name("Site URL");
                self.report.error(Some(row.line), Some(&name), "no site");
                continue;
            }
            if deleted {
                continue;
            }
            if let Some(first) = seen.get(&id) {
                self.report.warning(
                    Some(row.line),
                    None,
                    format!("site {id} appears again (first on line {first}): counted once"),
                );
                continue;
            }
            self.report.rows_accepted += 1;
            seen.insert(id.clone(), row.line);
            parsed.sites.push(SiteUsage {
                site: id,
                last_activity: last,
            });
        }
    }
}

/// What the usage reports of one tenant add up to.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct TenantUsage {
    /// Per workload and month: assigned and active users.
    pub months: Vec<UsageMonth>,
    /// Per user: last activity per workload the reports cover.
    pub activity: Vec<UserActivity>,
    /// Months the reports describe.
    pub covered_months: Vec<NaiveDate>,
    /// What was left missing, and why.
    pub notes: Vec<String>,
}

/// Joins the usage reports of one tenant into monthly figures and per-user activity (see the
/// module documentation).
pub fn tenant_usage(tenant_id: &str, reports: &[&UsageReport]) -> TenantUsage {
    // month → workload → user key → (licensed, last activity)
    type Users = BTreeMap<String, (bool, Option<NaiveDate>)>;
    let mut months: BTreeMap<NaiveDate, BTreeMap<Workload, Users>> = BTreeMap::new();
    // user key → (shown name, workload → last)
    let mut people: BTreeMap<String, (String, BTreeMap<Workload, Option<NaiveDate>>)> =
        BTreeMap::new();
    let mut covered: BTreeSet<Workload> = BTreeSet::new();
    for report in reports {
        if report.users.is_empty() && report.workloads.is_empty() {
            continue;
        }
        if matches!(
            report.kind,
            UsageReportKind::Office365ActiveUserCounts | UsageReportKind::SharePointSiteUsageDetail
        ) {
            continue;
        }
        let month = months.entry(report.month()).or_default();
        for &workload in &report.workloads {
            month.entry(workload).or_default();
            covered.insert(workload);
        }
        for user in &report.users {
            let key = user.user_principal_name.to_lowercase();
            let person = people
                .entry(key.clone())
                .or_insert_with(|| (user.user_principal_name.clone(), BTreeMap::new()));
            for u in &user.workloads {
                let entry = month
                    .entry(u.workload)
                    .or_default()
                    .entry(key.clone())
                    .or_insert((false, None));
                entry.0 |= u.licensed;
                entry.1 = entry.1.max(u.last_activity);
                let last = person.1.entry(u.workload).or_insert(None);
                *last = (*last).max(u.last_activity);
            }
        }
    }
    let mut out = TenantUsage::default();
    for (month, workloads) in &months {
        let end = last_of_month(*month);
        for (workload, users) in workloads {
            let assigned = users.values().filter(|(licensed, _)| *licensed).count();
            let active = users
                .values()
                .filter(|(_, last)| last.is_some_and(|d| d >= *month && d <= end))
                .count();
            out.months.push(UsageMonth {
                tenant_id: tenant_id.to_owned(),
                workload: *workload,
                month: *month,
                assigned: u32::try_from(assigned).unwrap_or(u32::MAX),
                active: u32::try_from(active).unwrap_or(u32::MAX),
            });
        }
        let missing: Vec<&str> = Workload::ALL
            .iter()
            .filter(|w| !workloads.contains_key(w))
            .map(|w| w.as_str())
            .collect();
        if !missing.is_empty() {
            out.notes.push(format!(
                "{}: no report covers {}; left missing",
                month.format("%Y-%m"),
                missing.join(", ")
            ));
        }
        out.covered_months.push(*month);
    }
    for (_, (name, lasts)) in people {
        out.activity.push(UserActivity {
            tenant_id: tenant_id.to_owned(),
            user_principal_name: name,
            last_activity: Workload::ALL
                .iter()
                .filter(|w| covered.contains(w))
                .map(|w| (*w, lasts.get(w).copied().flatten()))
                .collect(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(kind: UsageReportKind, text: &str) -> (ImportReport, Option<UsageReport>) {
        read_usage_report(
            "t.csv",
            kind,
            &CsvText::from_bytes(text.as_bytes()).unwrap(),
        )
    }

    #[test]
    fn active_user_detail_counts_licences_and_activity_in_the_month() {
        let text = "Report Refresh Date,User Principal Name,Is Deleted,Has Exchange License,Has OneDrive License,Has SharePoint License,Has Teams License,Exchange Last Activity Date,OneDrive Last Activity Date,SharePoint Last Activity Date,Teams Last Activity Date,Assigned Products\n\
2026-10-28,a@x.com,False,True,True,True,True,2026-10-20,2026-09-01,,2026-10-01,MICROSOFT 365 BUSINESS STANDARD\n\
2026-10-28,b@x.com,False,True,False,False,True,2026-10-27,,,,OFFICE 365 E3+SOMETHING NEW\n\
2026-10-28,c@x.com,True,True,True,True,True,2026-10-27,,,,\n";
        let (report, parsed) = read(UsageReportKind::Office365ActiveUserDetail, text);
        assert!(report.is_usable(), "{report}");
        let parsed = parsed.unwrap();
        assert_eq!(parsed.users.len(), 2);
        assert!(
            report
                .notes
                .iter()
                .any(|n| n.contains("SOMETHING NEW (1 users)")),
            "{report}"
        );
        let usage = tenant_usage("t", &[&parsed]);
        let get = |w: Workload| {
            usage
                .months
                .iter()
                .find(|m| m.workload == w)
                .unwrap()
                .clone()
        };
        assert_eq!(
            (
                get(Workload::Exchange).assigned,
                get(Workload::Exchange).active
            ),
            (2, 2)
        );
        assert_eq!(
            (
                get(Workload::OneDrive).assigned,
                get(Workload::OneDrive).active
            ),
            (1, 0)
        );
        assert_eq!(
            (get(Workload::Teams).assigned, get(Workload::Teams).active),
            (2, 1)
        );
        assert!(
            usage.notes[0].contains("Microsoft 365 Apps"),
            "{:?}",
            usage.notes
        );
        assert_eq!(usage.activity.len(), 2);
    }

    #[test]
    fn duplicates_are_counted_once_and_bad_rows_are_errors_with_lines() {
        let text =
            "Report Refresh Date,User Principal Name,Last Activity Date,Send Count,Receive Count\n\
2026-10-28,a@x.com,2026-10-02,1,1\n\
2026-10-28,A@X.com,2026-10-09,1,1\n\
2026-10-28,b@x.com,31/02/2026,1,1\n\
2026-10-28,c@x.com,2026-10-02,1\n";
        let (report, parsed) = read(UsageReportKind::EmailActivityUserDetail, text);
        let lines: Vec<(Option<u64>, crate::Severity)> = report
            .problems
            .iter()
            .map(|p| (p.line, p.severity))
            .collect();
        assert_eq!(
            lines,
            [
                (Some(3), crate::Severity::Warning),
                (Some(4), crate::Severity::Error),
                (Some(5), crate::Severity::Error)
            ],
            "{report}"
        );
        assert!(!report.is_usable());
        let parsed = parsed.unwrap();
        assert_eq!(parsed.users.len(), 1);
        assert_eq!(
            parsed.users[0].workloads[0].last_activity,
            NaiveDate::from_ymd_opt(2026, 10, 9)
        );
    }
}
