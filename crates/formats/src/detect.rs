//! Which known format a file is, from its header alone, so `import` needs no format flag.
//!
//! The usage reports the importer uses are recognised by a few columns no other report has
//! (the best-matching one wins, so a SharePoint site report is not taken for the OneDrive account
//! report whose columns it contains). Any other Graph usage report is named, by every Graph
//! function that writes its header, as one the importer does not use. Then the Lighthouse Sales
//! Advisor export, the co-sell opportunities CSV (`Referral ID` with one of its status or D-U-N-S
//! columns) and the Partner Center leads export (two lead-only columns such as `LeadType` and
//! `CallToAction`, or a lead/referral ID column and two more); a CloudAscent propensity report
//! download (an `<Area>Cluster`/`Fit`/`Intent` column, see
//! [`crate::cloudascent::detect_report`]) before those; everything else is unknown, with
//! the header that was seen. [`detect`] also names JSON (first character `{` or `[`) as a
//! Referrals API response.
//!
//! To recognise a new format: a variant here, its signature in [`detect_header`], its reader.

use std::collections::HashSet;
use std::fmt;

use serde::Serialize;

use crate::encoding::decode;
use crate::graph_catalog::GRAPH_REPORTS;
use crate::header::normalise_header;
use crate::leads::cosell::is_cosell_header;
use crate::leads::export::is_leads_export_header;
use crate::leads::looks_like_json;
use crate::lighthouse::LIGHTHOUSE_EXPORT_COLUMNS;
use crate::reader::CsvText;

/// The Microsoft 365 usage reports the importer turns into usage figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum UsageReportKind {
    /// `getOffice365ActiveUserDetail`: licences and last activity per workload and user.
    Office365ActiveUserDetail,
    /// `getOffice365ActiveUserCounts`: daily active users per workload.
    Office365ActiveUserCounts,
    /// `getM365AppUserDetail`: last activity in the Microsoft 365 apps per user.
    M365AppUserDetail,
    /// `getTeamsUserActivityUserDetail` (every version): Teams activity per user.
    TeamsUserActivityUserDetail,
    /// `getOneDriveUsageAccountDetail`: OneDrive accounts and their last activity.
    OneDriveUsageAccountDetail,
    /// `getOneDriveActivityUserDetail`: OneDrive file activity per user.
    OneDriveActivityUserDetail,
    /// `getSharePointSiteUsageDetail`: SharePoint sites (not users).
    SharePointSiteUsageDetail,
    /// `getSharePointActivityUserDetail`: SharePoint file and page activity per user.
    SharePointActivityUserDetail,
    /// `getEmailActivityUserDetail`: e-mail activity per user.
    EmailActivityUserDetail,
}

impl UsageReportKind {
    /// Every kind.
    pub const ALL: [UsageReportKind; 9] = [
        UsageReportKind::Office365ActiveUserDetail,
        UsageReportKind::Office365ActiveUserCounts,
        UsageReportKind::M365AppUserDetail,
        UsageReportKind::TeamsUserActivityUserDetail,
        UsageReportKind::OneDriveUsageAccountDetail,
        UsageReportKind::OneDriveActivityUserDetail,
        UsageReportKind::SharePointSiteUsageDetail,
        UsageReportKind::SharePointActivityUserDetail,
        UsageReportKind::EmailActivityUserDetail,
    ];

    /// The Microsoft Graph function that produces the report.
    pub fn graph_function(self) -> &'static str {
        match self {
            UsageReportKind::Office365ActiveUserDetail => "getOffice365ActiveUserDetail",
            UsageReportKind::Office365ActiveUserCounts => "getOffice365ActiveUserCounts",
            UsageReportKind::M365AppUserDetail => "getM365AppUserDetail",
            UsageReportKind::TeamsUserActivityUserDetail => "getTeamsUserActivityUserDetail",
            UsageReportKind::OneDriveUsageAccountDetail => "getOneDriveUsageAccountDetail",
            UsageReportKind::OneDriveActivityUserDetail => "getOneDriveActivityUserDetail",
            UsageReportKind::SharePointSiteUsageDetail => "getSharePointSiteUsageDetail",
            UsageReportKind::SharePointActivityUserDetail => "getSharePointActivityUserDetail",
            UsageReportKind::EmailActivityUserDetail => "getEmailActivityUserDetail",
        }
    }

    /// The report's name in the Microsoft 365 admin centre.
    pub fn title(self) -> &'static str {
        match self {
            UsageReportKind::Office365ActiveUserDetail => "Microsoft 365 active user detail",
            UsageReportKind::Office365ActiveUserCounts => "Microsoft 365 active user counts",
            UsageReportKind::M365AppUserDetail => "Microsoft 365 Apps user detail",
            UsageReportKind::TeamsUserActivityUserDetail => "Teams user activity detail",
            UsageReportKind::OneDriveUsageAccountDetail => "OneDrive usage account detail",
            UsageReportKind::OneDriveActivityUserDetail => "OneDrive activity user detail",
            UsageReportKind::SharePointSiteUsageDetail => "SharePoint site usage detail",
            UsageReportKind::SharePointActivityUserDetail => "SharePoint activity user detail",
            UsageReportKind::EmailActivityUserDetail => "E-mail activity user detail",
        }
    }

    /// Columns that together identify the report: distinctive ones only, so that a file that
    /// lacks a column the reader needs is still named, and its reader says what is missing.
    fn signature(self) -> &'static [&'static str] {
        match self {
            UsageReportKind::Office365ActiveUserDetail => {
                &["User Principal Name", "Has Exchange License"]
            }
            UsageReportKind::Office365ActiveUserCounts => {
                &["Office 365", "Exchange", "Teams", "Report Date"]
            }
            UsageReportKind::M365AppUserDetail => {
                &["User Principal Name", "Last Activation Date", "Word"]
            }
            UsageReportKind::TeamsUserActivityUserDetail => {
                &["User Principal Name", "Private Chat Message Count"]
            }
            UsageReportKind::OneDriveUsageAccountDetail => {
                &["Owner Principal Name", "Storage Allocated (Byte)"]
            }
            UsageReportKind::OneDriveActivityUserDetail => &[
                "User Principal Name",
                "Viewed Or Edited File Count",
                "Synced File Count",
            ],
            UsageReportKind::SharePointSiteUsageDetail => &["Root Web Template", "Page View Count"],
            UsageReportKind::SharePointActivityUserDetail => &[
                "User Principal Name",
                "Viewed Or Edited File Count",
                "Visited Page Count",
            ],
            UsageReportKind::EmailActivityUserDetail => {
                &["User Principal Name", "Send Count", "Receive Count"]
            }
        }
    }

    /// The full documented header (for scoring near matches).
    fn documented_header(self) -> &'static [&'static str] {
        GRAPH_REPORTS
            .iter()
            .find(|(f, _)| *f == self.graph_function())
            .map_or(&[], |(_, h)| h)
    }
}

/// What a file is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum FileKind {
    /// A Microsoft 365 usage report the importer uses.
    UsageReport(UsageReportKind),
    /// A Microsoft 365 usage report the importer does not use (counts, storage, devices…), named
    /// by every Graph function that writes this header.
    UnusedUsageReport {
        /// The Graph functions whose header this is.
        functions: Vec<&'static str>,
    },
    /// The Lighthouse Sales Advisor opportunities export.
    LighthouseOpportunities,
    /// The Partner Center leads export, or the app's own leads export.
    PartnerCenterLeads,
    /// The co-sell opportunities CSV of Partner Center's Referrals workspace.
    CoSellOpportunities,
    /// A Referrals API response (JSON): a page of referrals.
    ReferralsApi,
    /// One of Microsoft's CloudAscent propensity report downloads (imported as a report of its
    /// own, not into a snapshot).
    CloudAscent(crate::cloudascent::PropensityReport),
    /// Not a format the app knows.
    Unknown {
        /// The first record of the file, as seen.
        header: Vec<String>,
    },
}

impl FileKind {
    /// Whether the importer can take the file.
    pub fn is_importable(&self) -> bool {
        matches!(
            self,
            FileKind::UsageReport(_)
                | FileKind::LighthouseOpportunities
                | FileKind::PartnerCenterLeads
                | FileKind::CoSellOpportunities
                | FileKind::ReferralsApi
                | FileKind::CloudAscent(_)
        )
    }

    /// Whether the file holds leads (read by [`crate::leads`], imported as leads rather than
    /// into a snapshot).
    pub fn is_leads(&self) -> bool {
        matches!(
            self,
            FileKind::PartnerCenterLeads | FileKind::CoSellOpportunities | FileKind::ReferralsApi
        )
    }
}

impl fmt::Display for FileKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FileKind::UsageReport(kind) => {
                write!(f, "{} ({})", kind.title(), kind.graph_function())
            }
            FileKind::UnusedUsageReport { functions } => write!(
                f,
                "a Microsoft 365 usage report that is not a per-user report we use ({})",
                functions.join(" or ")
            ),
            FileKind::LighthouseOpportunities => {
                f.write_str("Lighthouse Sales Advisor opportunities export")
            }
            FileKind::PartnerCenterLeads => f.write_str("Partner Center leads export"),
            FileKind::CoSellOpportunities => {
                f.write_str("Partner Center co-sell opportunities CSV")
            }
            FileKind::ReferralsApi => f.write_str("Partner Center Referrals API response (JSON)"),
            FileKind::CloudAscent(report) => f.write_str(report.title()),
            FileKind::Unknown { header } if header.is_empty() => f.write_str("unknown format"),
            FileKind::Unknown { header } => {
                let shown: Vec<&str> = header.iter().take(8).map(String::as_str).collect();
                write!(
                    f,
                    "unknown format (header: {}{})",
                    shown.join(", "),
                    if header.len() > 8 { ", …" } else { "" }
                )
            }
        }
    }
}

/// Names the format of a file from its bytes.
pub fn detect(bytes: &[u8]) -> FileKind {
    let Ok((text, encoding)) = decode(bytes) else {
        return FileKind::Unknown { header: Vec::new() };
    };
    if looks_like_json(&text) {
        return FileKind::ReferralsApi;
    }
    let Ok(text) = CsvText::from_decoded(text, encoding) else {
        return FileKind::Unknown { header: Vec::new() };
    };
    match text.records().next() {
        Some(header) => detect_header(&header.to_vec()),
        None => FileKind::Unknown { header: Vec::new() },
    }
}

/// Names the format of a file from its header record.
pub fn detect_header(header: &[String]) -> FileKind {
    let keys: HashSet<String> = header.iter().map(|h| normalise_header(h)).collect();
    let has = |name: &str| keys.contains(&normalise_header(name));

    let best_used = UsageReportKind::ALL
        .into_iter()
        .filter(|kind| kind.signature().iter().all(|c| has(c)))
        .max_by_key(|kind| {
            let documented = kind.documented_header();
            let present = documented.iter().filter(|c| has(c)).count() as i64;
            let absent = documented.len() as i64 - present;
            present - absent
        });
    if let Some(kind) = best_used {
        return FileKind::UsageReport(kind);
    }

    // Other Graph reports: the closest documented header, if it is close (Jaccard ≥ 0.8).
    let mut best: Option<(f64, &[&str])> = None;
    for (_, columns) in GRAPH_REPORTS {
        let documented: HashSet<String> = columns.iter().map(|c| normalise_header(c)).collect();
        let common = documented.intersection(&keys).count() as f64;
        let union = documented.union(&keys).count() as f64;
        let score = if union == 0.0 { 0.0 } else { common / union };
        if best.is_none_or(|(s, _)| score > s) {
            best = Some((score, columns));
        }
    }
    if let Some((score, columns)) = best.filter(|(s, _)| *s >= 0.8) {
        let _ = score;
        let functions = GRAPH_REPORTS
            .iter()
            .filter(|(_, c)| *c == columns)
            .map(|(f, _)| *f)
            .collect();
        return FileKind::UnusedUsageReport { functions };
    }

    if let Some(report) = crate::cloudascent::detect_report(header) {
        return FileKind::CloudAscent(report);
    }
    let lighthouse = LIGHTHOUSE_EXPORT_COLUMNS.iter().filter(|c| has(c)).count();
    if has("Opportunity Type") && lighthouse >= 4 {
        return FileKind::LighthouseOpportunities;
    }
    if is_cosell_header(header) {
        return FileKind::CoSellOpportunities;
    }
    if is_leads_export_header(header) {
        return FileKind::PartnerCenterLeads;
    }
    FileKind::Unknown {
        header: header
            .iter()
            .map(|h| h.trim().trim_start_matches('\u{feff}').to_owned())
            .collect(),
    }
}
