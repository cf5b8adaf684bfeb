//! Checks on what the window sends, made at the IPC boundary before any use case runs.
//!
//! The window is treated as untrusted: whatever a script in it could send through
//! `__TAURI_INTERNALS__.invoke` is checked here. Serde already refuses wrong types, missing
//! fields and unknown enum values; this module bounds what serde lets through (text lengths,
//! control characters, list sizes, number ranges, dates) and checks every file path. A refusal
//! is the app's usual `invalidInput` error with a sentence that names the field; it never echoes
//! more than a bounded piece of what was sent. The engine checks the meaning (a lead's lifecycle,
//! a model's scope, …) afterwards, as it does for the command line.
//!
//! Paths: the native dialogs run in Rust, so a path the user picked never crosses IPC. A path
//! that does (tests and automation) is accepted only where the app itself reads and writes:
//! - a file to read is an existing regular file with an expected extension, inside the reports
//!   folder;
//! - a file to write is a `.csv` file whose folder exists inside the reports folder and outside
//!   every workspace folder (never a link, a folder or a device);
//! - a workspace folder to open may be anywhere (the user types it), but it is a folder.
//!
//! Every path is absolute, at most 4,096 bytes, without `..`, without control characters, not a
//! Windows device path, and never on `/proc`, `/sys` or `/dev` once links are resolved.

use std::fmt::Display;
use std::path::{Component, Path, PathBuf};

use chrono::NaiveDate;
use partner_advisor_engine::lead_scoring::view::ModelForm;
use partner_advisor_engine::leads::forms::{AcceptForm, CustomerForm};
use partner_advisor_engine::leads::lifecycle::LeadAction;
use partner_advisor_engine::leads::view::LeadQuery;
use partner_advisor_engine::opportunities::{Feedback, OpportunityQuery, OpportunitySettings};
use partner_advisor_engine::EngineError;

use crate::dto::cloudascent::ImportedRowsQuery;
use crate::dto::propensity::ReportSpec;
use crate::error::{IpcError, IpcResult};

/// Longest search text (the search boxes, a customer-name filter).
pub const MAX_SEARCH: usize = 200;
/// Longest identifier (a lead ID, an opportunity key, a tenant ID).
pub const MAX_ID: usize = 200;
/// Longest one-line text (names, team members, contact details).
pub const MAX_LINE: usize = 200;
/// Longest free text (notes, comments).
pub const MAX_NOTES: usize = 2_000;
/// Longest passphrase.
pub const MAX_PASSPHRASE: usize = 1_024;
/// Longest path, in bytes.
pub const MAX_PATH: usize = 4_096;
/// Rows a table window may ask for (the engine's window).
pub const MAX_WINDOW: u32 = 500;
/// Rows a report preview or a download's page may ask for.
pub const MAX_ROWS: u32 = 1_000;
/// Entries of a filter list (statuses, types, countries…).
pub const MAX_LIST: usize = 300;
/// Files one import may take.
pub const MAX_FILES: usize = 50;

/// The `invalidInput` error with `message`.
pub fn invalid(message: impl Into<String>) -> IpcError {
    EngineError::InvalidInput(message.into()).into()
}

fn length(what: &str, value: &str, max: usize) -> IpcResult<()> {
    // Bytes first: a huge string is refused without counting its characters.
    if value.len() > max * 4 || value.chars().count() > max {
        return Err(invalid(format!("{what} is longer than {max} characters")));
    }
    Ok(())
}

/// One line of text: at most `max` characters and no control characters (no line breaks, tabs
/// or NUL bytes).
pub fn line(what: &str, value: &str, max: usize) -> IpcResult<()> {
    length(what, value, max)?;
    if value.chars().any(char::is_control) {
        return Err(invalid(format!("{what} contains control characters")));
    }
    Ok(())
}

/// An optional [`line`].
pub fn optional_line(what: &str, value: Option<&str>, max: usize) -> IpcResult<()> {
    value.map_or(Ok(()), |v| line(what, v, max))
}

/// Free text over several lines: at most `max` characters; line breaks and tabs are allowed,
/// other control characters (a NUL byte, an escape) are not.
pub fn text(what: &str, value: &str, max: usize) -> IpcResult<()> {
    length(what, value, max)?;
    if value
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return Err(invalid(format!("{what} contains control characters")));
    }
    Ok(())
}

/// An identifier: one line, not empty, at most [`MAX_ID`] characters. Whether it exists is the
/// use case's question (a clear `notFound` when it does not).
pub fn id(what: &str, value: &str) -> IpcResult<()> {
    if value.trim().is_empty() {
        return Err(invalid(format!("{what} is empty")));
    }
    line(what, value, MAX_ID)
}

/// A list of at most `max` entries.
pub fn count(what: &str, len: usize, max: usize) -> IpcResult<()> {
    if len > max {
        return Err(invalid(format!("{what}: at most {max}, not {len}")));
    }
    Ok(())
}

/// A number within `min..=max`.
pub fn within<T: PartialOrd + Display>(what: &str, value: T, min: T, max: T) -> IpcResult<()> {
    if value < min || value > max {
        return Err(invalid(format!("{what} is {min} to {max}, not {value}")));
    }
    Ok(())
}

/// A finite number within `min..=max`.
pub fn number(what: &str, value: f64, min: f64, max: f64) -> IpcResult<()> {
    if !value.is_finite() || value < min || value > max {
        return Err(invalid(format!("{what} is a number from {min} to {max}")));
    }
    Ok(())
}

/// An optional day, `YYYY-MM-DD` (empty is none).
pub fn date(what: &str, value: Option<&str>) -> IpcResult<Option<NaiveDate>> {
    let Some(text) = value.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    if text.len() > 10 {
        return Err(invalid(format!("{what} is not a date (YYYY-MM-DD)")));
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| invalid(format!("{what} '{text}' is not a date (YYYY-MM-DD)")))
}

/// A passphrase (empty means the keychain): at most [`MAX_PASSPHRASE`] characters, no control
/// characters.
pub fn passphrase(value: Option<&str>) -> IpcResult<()> {
    optional_line("the passphrase", value, MAX_PASSPHRASE)
}

// ---------------------------------------------------------------------------------------------
// The requests of the pages.

/// A window (or, for an export, the whole list) of the opportunities table.
pub fn opportunity_query(q: &OpportunityQuery, export: bool) -> IpcResult<()> {
    line("the search text", &q.search, MAX_SEARCH)?;
    count("probability statuses", q.statuses.len(), MAX_LIST)?;
    count("opportunity types", q.types.len(), MAX_LIST)?;
    date("the first day added", q.added_from.as_deref())?;
    date("the last day added", q.added_to.as_deref())?;
    if !export {
        within("rows per window", q.limit, 1, MAX_WINDOW)?;
    }
    Ok(())
}

/// A window (or, for an export, the whole list) of the leads list.
pub fn lead_query(q: &LeadQuery, export: bool) -> IpcResult<()> {
    line("the search text", &q.search, MAX_SEARCH)?;
    let f = &q.filters;
    line("the customer name filter", &f.customer_name, MAX_SEARCH)?;
    count("countries", f.countries.len(), MAX_LIST)?;
    for c in &f.countries {
        line("a country code", c, 10)?;
    }
    for (what, len) in [
        ("calls to action", f.call_to_action.len()),
        ("lead sources", f.sources.len()),
        ("lead types", f.lead_types.len()),
        ("lead qualities", f.qualities.len()),
        ("lead statuses", f.statuses.len()),
        ("e-mail validities", f.email_validity.len()),
        ("phone validities", f.phone_validity.len()),
    ] {
        count(what, len, MAX_LIST)?;
    }
    date("the first creation day", f.created_from.as_deref())?;
    date("the last creation day", f.created_to.as_deref())?;
    if !export {
        within("rows per window", q.limit, 1, MAX_WINDOW)?;
    }
    Ok(())
}

/// The largest deal value taken (a thousand billion, in any currency).
const MAX_VALUE: f64 = 1e12;

fn accept_form(f: &AcceptForm) -> IpcResult<()> {
    line("the deal name", &f.deal_name, MAX_LINE)?;
    number("the estimated value", f.estimated_value, 0.0, MAX_VALUE)?;
    line("the currency", &f.currency, 3)?;
    count("team members", f.team_members.len(), 20)?;
    for m in &f.team_members {
        line("a team member", m, MAX_LINE)?;
    }
    text("the notes", &f.notes, MAX_NOTES)?;
    optional_line(
        "the marketing campaign ID",
        f.marketing_campaign_id.as_deref(),
        MAX_LINE,
    )?;
    optional_line("the CRM ID", f.crm_id.as_deref(), MAX_LINE)?;
    count("more contacts", f.more_contacts.len(), 20)?;
    for c in &f.more_contacts {
        line("a contact's first name", &c.first_name, MAX_LINE)?;
        line("a contact's last name", &c.last_name, MAX_LINE)?;
        line("a contact's e-mail", &c.email, 254)?;
        line("a contact's phone", &c.phone, 50)?;
    }
    Ok(())
}

/// A lifecycle action's form (the engine then checks it against the lead).
pub fn lead_action(action: &LeadAction) -> IpcResult<()> {
    match action {
        LeadAction::Accept(f) | LeadAction::Edit(f) => accept_form(f),
        LeadAction::Decline(f) => text("the notes", &f.notes, MAX_NOTES),
        LeadAction::Lose(f) => text("the notes", &f.notes, MAX_NOTES),
        LeadAction::Win(f) => {
            if let Some(v) = f.final_value {
                number("the final value", v, 0.0, MAX_VALUE)?;
            }
            text("the notes", &f.notes, MAX_NOTES)
        }
    }
}

/// A lead's corrected industry and company size.
pub fn customer_form(f: &CustomerForm) -> IpcResult<()> {
    line("the industry", &f.industry, MAX_LINE)?;
    line("the company size", &f.company_size, 50)
}

/// A lead scoring model's settings.
pub fn model_form(f: &ModelForm) -> IpcResult<()> {
    line("the model's name", &f.name, MAX_LINE)?;
    count("filter conditions", f.filter.len(), 20)?;
    for c in &f.filter {
        line("a filter attribute", &c.attribute, 50)?;
        count("values of a filter condition", c.values.len(), MAX_LIST)?;
        for v in &c.values {
            line("a filter value", v, MAX_LINE)?;
        }
    }
    if let Some(attributes) = &f.attributes {
        count("attributes", attributes.len(), 50)?;
        for a in attributes {
            line("an attribute", a, 50)?;
        }
    }
    within("the trend tolerance", f.trend_tolerance, 0, 100)
}

/// The seller's feedback on an opportunity.
pub fn feedback(f: &Feedback) -> IpcResult<()> {
    optional_line("the feedback reason", f.reason.as_deref(), MAX_LINE)?;
    if let Some(c) = &f.comment {
        text("the feedback comment", c, MAX_NOTES)?;
    }
    Ok(())
}

/// The opportunity models' thresholds, in the ranges the settings form offers.
pub fn opportunity_settings(s: &OpportunitySettings) -> IpcResult<()> {
    number("the High threshold", s.high, 0.0, 1.0)?;
    number("the Medium threshold", s.medium, 0.0, 1.0)?;
    number("the minimum probability", s.min_probability, 0.0, 1.0)?;
    within("the horizon in months", s.horizon_months, 1, 24)?;
    number(
        "the trend tolerance in points",
        s.trend_tolerance_points,
        0.0,
        100.0,
    )?;
    number("the SMB adoption threshold", s.smb_threshold, 0.0, 1.0)?;
    within("the SMB workloads", s.smb_min_workloads, 1, 5)?;
    within("the SMB licensed users", s.smb_min_assigned, 0, 100_000)?;
    within(
        "the SMB largest organisation",
        s.smb_max_employees,
        1,
        1_000_000,
    )?;
    within("the trial window in days", s.trial_window_days, 1, 365)
}

/// A propensity report's spec.
pub fn report_spec(s: &ReportSpec) -> IpcResult<()> {
    line("the report's name", &s.name, 120)?;
    count("columns", s.columns.len(), MAX_LIST)?;
    for c in &s.columns {
        line("a column", c, 100)?;
    }
    if let Some(m) = s.months {
        within("the time range in months", m, 1, 120)?;
    }
    Ok(())
}

/// The cluster map: 4 rows of 4 codes.
pub fn cluster_map(cells: &[Vec<String>]) -> IpcResult<()> {
    if cells.len() != 4 || cells.iter().any(|r| r.len() != 4) {
        return Err(invalid("the cluster map has 4 rows of 4 codes"));
    }
    for code in cells.iter().flatten() {
        line("a cluster code", code, 4)?;
    }
    Ok(())
}

/// A page of an imported download's rows.
pub fn rows_query(q: &ImportedRowsQuery) -> IpcResult<()> {
    optional_line("the search text", q.text.as_deref(), MAX_SEARCH)?;
    optional_line("the solution area", q.area.as_deref(), 20)?;
    count("clusters", q.clusters.len(), 20)?;
    for c in &q.clusters {
        line("a cluster", c, 4)?;
    }
    for (what, v) in [
        ("the minimum fit", q.min_fit),
        ("the minimum intent", q.min_intent),
    ] {
        if let Some(v) = v {
            number(what, v, 0.0, 100.0)?;
        }
    }
    within("rows per page", q.limit, 1, MAX_ROWS)
}

// ---------------------------------------------------------------------------------------------
// Paths.

/// Where a path that crossed IPC may point.
#[derive(Debug, Clone)]
pub struct Folders {
    /// The reports folder: reports, exports and the files read back from them.
    pub reports: PathBuf,
    /// Folders never written to: the workspaces' default home and every known workspace.
    pub workspaces: Vec<PathBuf>,
}

impl Folders {
    /// The folders of the running app.
    pub fn of(state: &crate::state::AppState) -> Self {
        let data_dir = &state.data_dir;
        let reports =
            partner_advisor_engine::settings::Settings::load(data_dir).reports_folder(data_dir);
        let mut workspaces = vec![data_dir.join("workspaces")];
        workspaces.extend(state.context().list().into_iter().map(|w| w.path));
        Self {
            reports,
            workspaces,
        }
    }
}

/// Whether `path` (with its links resolved) is on a file system of the kernel or devices.
fn special(path: &Path) -> bool {
    cfg!(unix)
        && ["/proc", "/sys", "/dev"]
            .iter()
            .any(|p| path.starts_with(p))
}

/// The checks every path gets before the file system is asked anything.
fn syntax(what: &str, raw: &str) -> IpcResult<PathBuf> {
    if raw.is_empty() {
        return Err(invalid(format!("{what}: no path given")));
    }
    if raw.len() > MAX_PATH {
        return Err(invalid(format!(
            "{what}: the path is longer than {MAX_PATH} bytes"
        )));
    }
    if raw.chars().any(char::is_control) {
        return Err(invalid(format!(
            "{what}: the path contains control characters"
        )));
    }
    if ["\\\\.\\", "\\\\?\\", "//./", "//?/"]
        .iter()
        .any(|p| raw.starts_with(p))
    {
        return Err(invalid(format!(
            "{what}: {raw} is a device path, not a file"
        )));
    }
    let path = PathBuf::from(raw);
    if !path.is_absolute() {
        return Err(invalid(format!(
            "{what}: {raw} is not a full path (it must start at the root of a drive)"
        )));
    }
    if path.components().any(|c| c == Component::ParentDir) {
        return Err(invalid(format!("{what}: {raw} goes up with `..`")));
    }
    if special(&path) {
        return Err(invalid(format!("{what}: {raw} is a system or device file")));
    }
    Ok(path)
}

fn has_extension(path: &Path, extensions: &[&str]) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| extensions.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

/// Windows' reserved device names, refused as file names on every system.
fn reserved_name(path: &Path) -> bool {
    let Some(stem) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let stem = stem.split('.').next().unwrap_or_default().trim_end();
    let upper = stem.to_ascii_uppercase();
    matches!(upper.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || ((upper.starts_with("COM") || upper.starts_with("LPT"))
            && upper.len() == 4
            && upper.as_bytes().get(3).is_some_and(u8::is_ascii_digit))
}

/// `path` with its links resolved, or `None` when it does not exist.
fn resolved(path: &Path) -> Option<PathBuf> {
    std::fs::canonicalize(path).ok()
}

fn inside(path: &Path, folder: &Path) -> bool {
    resolved(folder).is_some_and(|f| path.starts_with(f))
}

/// A file the app may read: see the module documentation. Returns it with links resolved.
pub fn file_to_read(
    what: &str,
    raw: &str,
    folders: &Folders,
    extensions: &[&str],
) -> IpcResult<PathBuf> {
    let path = syntax(what, raw)?;
    let expected = || {
        format!(
            "{what}: {raw} is not a {} file",
            extensions
                .iter()
                .map(|e| format!(".{e}"))
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    if !has_extension(&path, extensions) {
        return Err(invalid(expected()));
    }
    let Some(real) = resolved(&path) else {
        return Err(invalid(format!("{what}: there is no file {raw}")));
    };
    if special(&real) {
        return Err(invalid(format!("{what}: {raw} is a system or device file")));
    }
    if !std::fs::metadata(&real).is_ok_and(|m| m.is_file()) {
        return Err(invalid(format!("{what}: {raw} is not a regular file")));
    }
    if !has_extension(&real, extensions) {
        return Err(invalid(expected()));
    }
    if !inside(&real, &folders.reports) {
        return Err(invalid(format!(
            "{what}: {raw} is not in the reports folder ({}); choose the file in the app's \
             dialog",
            folders.reports.display()
        )));
    }
    Ok(real)
}

/// A CSV file the app may write: see the module documentation. Returns it in its folder with
/// links resolved.
pub fn file_to_write(what: &str, raw: &str, folders: &Folders) -> IpcResult<PathBuf> {
    let path = syntax(what, raw)?;
    if !has_extension(&path, &["csv"]) || reserved_name(&path) {
        return Err(invalid(format!("{what}: {raw} is not a .csv file name")));
    }
    let (Some(parent), Some(name)) = (path.parent(), path.file_name()) else {
        return Err(invalid(format!("{what}: {raw} names no file")));
    };
    let Some(folder) = resolved(parent).filter(|f| f.is_dir()) else {
        return Err(invalid(format!(
            "{what}: there is no folder {}",
            parent.display()
        )));
    };
    let target = folder.join(name);
    if special(&target) {
        return Err(invalid(format!("{what}: {raw} is a system or device file")));
    }
    if let Ok(meta) = std::fs::symlink_metadata(&target) {
        if !meta.is_file() {
            return Err(invalid(format!(
                "{what}: {raw} exists and is not a regular file"
            )));
        }
    }
    if !inside(&target, &folders.reports) {
        return Err(invalid(format!(
            "{what}: {raw} is not in the reports folder ({}); choose where to save in the \
             app's dialog",
            folders.reports.display()
        )));
    }
    if folders.workspaces.iter().any(|w| inside(&target, w)) {
        return Err(invalid(format!(
            "{what}: {raw} is inside a workspace folder"
        )));
    }
    Ok(target)
}

/// A workspace folder to open: any folder the user names, checked as any path. A folder that
/// does not exist is the engine's `workspaceNotFound`, which the window explains.
pub fn workspace_folder(raw: &str) -> IpcResult<PathBuf> {
    let what = "the workspace folder";
    let path = syntax(what, raw)?;
    if let Some(real) = resolved(&path) {
        if special(&real) {
            return Err(invalid(format!(
                "{what}: {raw} is a system or device folder"
            )));
        }
        if !real.is_dir() {
            return Err(invalid(format!("{what}: {raw} is not a folder")));
        }
    }
    Ok(path)
}

/// A report file of My reports before it is opened, shown or deleted: a regular `.csv` file
/// (never a program, a link or a folder), or no file at all.
pub fn report_file(path: &Path) -> IpcResult<()> {
    match std::fs::symlink_metadata(path) {
        Err(_) => Ok(()),
        Ok(meta) if meta.is_file() && has_extension(path, &["csv"]) => Ok(()),
        Ok(_) => Err(IpcError::from(EngineError::NotAllowed(format!(
            "{} is not a CSV report file",
            path.display()
        )))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(r: IpcResult<impl std::fmt::Debug>) -> String {
        let e = r.expect_err("refused");
        assert_eq!(e.code, partner_advisor_engine::ErrorCode::InvalidInput);
        e.message
    }

    #[test]
    fn lines_are_bounded_and_single() {
        assert!(line("the name", "Contoso Ltd — Łódź", 20).is_ok());
        assert!(message(line("the name", &"x".repeat(21), 20)).contains("longer than 20"));
        assert!(message(line("the name", &"x".repeat(1 << 20), 20)).contains("longer than 20"));
        assert!(message(line("the name", "a\0b", 20)).contains("control characters"));
        assert!(line("the name", "a\nb", 20).is_err());
        // Text that looks like SQL or HTML is text: the engine binds it and the window escapes it.
        assert!(line("the search text", "'; DROP TABLE leads; --", MAX_SEARCH).is_ok());
        assert!(line(
            "the search text",
            "<img src=x onerror=alert(1)>",
            MAX_SEARCH
        )
        .is_ok());
        assert!(text("the notes", "line 1\r\nline 2\tend", 100).is_ok());
        assert!(text("the notes", "bell\u{7}", 100).is_err());
        assert!(id("the lead ID", "  ").is_err());
        // The message never carries the refused value.
        let long = "secret".repeat(100);
        assert!(!message(line("the name", &long, 20)).contains("secret"));
    }

    #[test]
    fn numbers_and_dates_have_ranges() {
        assert!(within("rows", 500u32, 1, 500).is_ok());
        assert!(message(within("rows", 0u32, 1, 500)).contains("1 to 500"));
        assert!(within("rows", u32::MAX, 1, 500).is_err());
        assert!(number("the value", f64::NAN, 0.0, 1.0).is_err());
        assert!(number("the value", f64::INFINITY, 0.0, 1.0).is_err());
        assert!(number("the value", -0.1, 0.0, 1.0).is_err());
        assert_eq!(date("the day", Some(" ")).ok(), Some(None));
        assert!(date("the day", Some("2024-02-29")).is_ok_and(|d| d.is_some()));
        assert!(date("the day", Some("2023-02-29")).is_err());
        assert!(date("the day", Some(&"9".repeat(1 << 20))).is_err());
        assert!(passphrase(Some(&"p".repeat(MAX_PASSPHRASE + 1))).is_err());
        assert!(passphrase(None).is_ok());
    }

    #[test]
    fn the_requests_of_the_pages_are_bounded() {
        let mut q = LeadQuery::section(partner_advisor_engine::leads::view::LeadSection::All);
        assert!(lead_query(&q, false).is_ok());
        q.limit = 0;
        assert!(lead_query(&q, false).is_err());
        q.limit = u32::MAX;
        assert!(lead_query(&q, false).is_err());
        assert!(lead_query(&q, true).is_ok(), "an export ignores the window");
        q.filters.created_from = Some("yesterday".into());
        assert!(lead_query(&q, true).is_err());
        let mut o = OpportunityQuery::default();
        assert!(opportunity_query(&o, false).is_ok());
        o.search = "x".repeat(MAX_SEARCH + 1);
        assert!(opportunity_query(&o, false).is_err());
        let mut s = OpportunitySettings::default();
        assert!(opportunity_settings(&s).is_ok());
        s.trial_window_days = u32::MAX;
        assert!(opportunity_settings(&s).is_err());
        s = OpportunitySettings {
            horizon_months: 0,
            ..OpportunitySettings::default()
        };
        assert!(opportunity_settings(&s).is_err());
        let spec = ReportSpec {
            kind: crate::dto::propensity::ReportKind::M365,
            name: "Q3".into(),
            columns: vec![],
            months: Some(0),
        };
        assert!(report_spec(&spec).is_err());
        assert!(report_spec(&ReportSpec {
            months: Some(12),
            ..spec
        })
        .is_ok());
        let row = vec!["A1".to_owned(); 4];
        assert!(cluster_map(&vec![row.clone(); 4]).is_ok());
        assert!(cluster_map(&vec![row; 5]).is_err());
    }

    #[test]
    fn lead_forms_are_bounded() {
        let form = AcceptForm {
            deal_name: "Deal".into(),
            estimated_value: 12_000.0,
            currency: "EUR".into(),
            team_members: vec!["Alex".into()],
            estimated_close: NaiveDate::from_ymd_opt(2030, 1, 1).unwrap_or_default(),
            notes: "first call\nsecond call".into(),
            marketing_campaign_id: None,
            crm_id: None,
            more_contacts: vec![],
        };
        assert!(lead_action(&LeadAction::Accept(form.clone())).is_ok());
        let huge = AcceptForm {
            estimated_value: 1e300,
            ..form.clone()
        };
        assert!(lead_action(&LeadAction::Accept(huge)).is_err());
        let crowd = AcceptForm {
            team_members: vec!["Alex".into(); 1000],
            ..form.clone()
        };
        assert!(lead_action(&LeadAction::Edit(crowd)).is_err());
        let nul = AcceptForm {
            deal_name: "Deal\0".into(),
            ..form
        };
        assert!(lead_action(&LeadAction::Accept(nul)).is_err());
    }

    fn folders(root: &Path) -> Folders {
        Folders {
            reports: root.join("reports"),
            workspaces: vec![root.join("workspaces"), root.join("reports/ws")],
        }
    }

    #[test]
    fn files_are_read_only_from_the_reports_folder() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let root = tmp.path();
        let f = folders(root);
        std::fs::create_dir_all(root.join("reports/sub")).expect("mkdir");
        std::fs::write(root.join("reports/sub/a.csv"), "x").expect("write");
        std::fs::write(root.join("outside.csv"), "x").expect("write");
        std::fs::write(root.join("reports/notes.exe"), "x").expect("write");
        let ok = root.join("reports/sub/a.csv");
        let ok = ok.to_str().unwrap_or_default();
        assert!(file_to_read("the file", ok, &f, &["csv"]).is_ok());
        let outside = root.join("outside.csv");
        assert!(message(file_to_read(
            "the file",
            outside.to_str().unwrap_or_default(),
            &f,
            &["csv"]
        ))
        .contains("not in the reports folder"));
        let up = format!("{}/reports/../outside.csv", root.display());
        assert!(message(file_to_read("the file", &up, &f, &["csv"])).contains("`..`"));
        let exe = root.join("reports/notes.exe");
        assert!(file_to_read("the file", exe.to_str().unwrap_or_default(), &f, &["csv"]).is_err());
        assert!(
            message(file_to_read("the file", "reports/sub/a.csv", &f, &["csv"]))
                .contains("not a full path")
        );
        assert!(file_to_read("the file", "../../etc/passwd", &f, &["csv"]).is_err());
        assert!(file_to_read("the file", "/etc/passwd", &f, &["csv"]).is_err());
        let missing = root.join("reports/none.csv");
        assert!(message(file_to_read(
            "the file",
            missing.to_str().unwrap_or_default(),
            &f,
            &["csv"]
        ))
        .contains("there is no file"));
        assert!(file_to_read("the file", &format!("{ok}\0"), &f, &["csv"]).is_err());
        assert!(file_to_read("the file", &"/a".repeat(3000), &f, &["csv"]).is_err());
        #[cfg(unix)]
        {
            // Even when every folder is allowed: the kernel's and the devices' files are not files.
            let everything = Folders {
                reports: PathBuf::from("/"),
                workspaces: vec![],
            };
            for p in [
                "/proc/self/environ",
                "/dev/zero",
                "/dev/stdin",
                "/sys/kernel/notes",
            ] {
                assert!(file_to_read("the file", p, &everything, &["csv", ""]).is_err());
            }
            // A link in the reports folder to a file outside it is outside it.
            let link = root.join("reports/link.csv");
            std::os::unix::fs::symlink(root.join("outside.csv"), &link).expect("symlink");
            assert!(
                file_to_read("the file", link.to_str().unwrap_or_default(), &f, &["csv"]).is_err()
            );
            let dev = root.join("reports/zero.csv");
            std::os::unix::fs::symlink("/dev/zero", &dev).expect("symlink");
            assert!(message(file_to_read(
                "the file",
                dev.to_str().unwrap_or_default(),
                &everything,
                &["csv"]
            ))
            .contains("system or device"));
        }
    }

    #[test]
    fn csv_files_are_written_only_into_the_reports_folder() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let root = tmp.path();
        let f = folders(root);
        std::fs::create_dir_all(root.join("reports/ws")).expect("mkdir");
        std::fs::create_dir_all(root.join("workspaces/demo")).expect("mkdir");
        let path = |p: &str| root.join(p).to_str().unwrap_or_default().to_owned();
        assert!(file_to_write("the export", &path("reports/out.csv"), &f).is_ok());
        assert!(file_to_write("the export", &path("reports/OUT.CSV"), &f).is_ok());
        assert!(file_to_write("the export", &path("out.csv"), &f).is_err());
        assert!(file_to_write("the export", &path("reports/out.exe"), &f).is_err());
        assert!(file_to_write("the export", &path("reports/NUL.csv"), &f).is_err());
        assert!(file_to_write("the export", &path("reports/com1.csv"), &f).is_err());
        assert!(message(file_to_write(
            "the export",
            &path("reports/none/out.csv"),
            &f
        ))
        .contains("no folder"));
        assert!(
            message(file_to_write("the export", &path("reports/ws/out.csv"), &f))
                .contains("workspace folder")
        );
        assert!(file_to_write("the export", &path("workspaces/demo/out.csv"), &f).is_err());
        assert!(file_to_write("the export", &path("reports/../out.csv"), &f).is_err());
        assert!(file_to_write("the export", "out.csv", &f).is_err());
        std::fs::create_dir_all(root.join("reports/dir.csv")).expect("mkdir");
        assert!(file_to_write("the export", &path("reports/dir.csv"), &f).is_err());
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink("/etc/passwd", root.join("reports/passwd.csv"))
                .expect("symlink");
            assert!(
                message(file_to_write("the export", &path("reports/passwd.csv"), &f))
                    .contains("not a regular file")
            );
            assert!(file_to_write("the export", "/dev/null.csv", &f).is_err());
            let everything = Folders {
                reports: PathBuf::from("/"),
                workspaces: vec![],
            };
            assert!(file_to_write("the export", "/proc/self/x.csv", &everything).is_err());
        }
    }

    #[test]
    fn workspace_folders_are_folders() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path().to_str().unwrap_or_default().to_owned();
        assert!(workspace_folder(&dir).is_ok());
        assert!(
            workspace_folder(&format!("{dir}/not-yet")).is_ok(),
            "the engine says it is not there"
        );
        assert!(workspace_folder("relative/folder").is_err());
        assert!(workspace_folder(&format!("{dir}/../..")).is_err());
        assert!(workspace_folder("\\\\.\\PhysicalDrive0").is_err());
        #[cfg(unix)]
        {
            assert!(workspace_folder("/proc/self").is_err());
            assert!(workspace_folder("/dev").is_err());
            assert!(message(workspace_folder("/etc/passwd")).contains("not a folder"));
        }
    }

    #[test]
    fn only_csv_reports_are_opened_or_deleted() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let report = tmp.path().join("r.csv");
        std::fs::write(&report, "x").expect("write");
        assert!(report_file(&report).is_ok());
        assert!(report_file(&tmp.path().join("gone.csv")).is_ok());
        let program = tmp.path().join("run.sh");
        std::fs::write(&program, "x").expect("write");
        assert!(report_file(&program).is_err());
        assert!(report_file(tmp.path()).is_err());
    }
}
