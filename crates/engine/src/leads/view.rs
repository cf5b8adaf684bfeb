//! What the leads screens and exports show: the shapes that leave the engine.
//!
//! Times travel as RFC 3339 strings in UTC; the UI formats them in the user's locale. Contact
//! details of expired leads never leave the engine (`None`, with `contactHidden` set).

use partner_advisor_domain::{
    CallToAction, DealDetails, EmailValidity, LeadActor, LeadClassification, LeadQuality,
    LeadSource, LeadStatus, LeadSubstatus, LeadType, PhoneValidity,
};
use serde::{Deserialize, Serialize};

use super::lifecycle::{ActionKind, Flame};

/// Partner Center's three lists.
#[cfg_attr(feature = "ipc-types", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum LeadSection {
    /// Every lead.
    All,
    /// Customer inquiries from business profiles and offer pages.
    Marketplace,
    /// Marketing- and sales-qualified leads.
    Qualified,
    /// Leads with the heart set.
    Favourites,
}

/// The column the list is sorted by.
#[cfg_attr(feature = "ipc-types", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum LeadSort {
    /// Creation time (`LeadCreationDateTime`).
    Created,
    /// Customer (company) name.
    Customer,
    /// Contact name.
    Contact,
    /// E-mail validity (Valid, Unknown, Invalid, Spam).
    EmailValidity,
    /// Phone validity (Valid, Unknown, Invalid).
    PhoneValidity,
    /// Status and substatus, in lifecycle order.
    Status,
    /// Call to action.
    CallToAction,
    /// Lead source.
    Source,
    /// Lead quality (High first).
    Quality,
    /// Country code.
    Country,
    /// Estimated deal value.
    Value,
    /// Time left to answer (received leads first, soonest deadline first).
    TimeLeft,
    /// Predictive score (unscored leads last).
    Score,
}

/// The filters of Partner Center's leads page, all combinable. An empty list means "any".
#[cfg_attr(feature = "ipc-types", derive(specta::Type))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct LeadFilters {
    /// Call to action.
    pub call_to_action: Vec<CallToAction>,
    /// ISO country codes.
    pub countries: Vec<String>,
    /// Part of the customer's name (case and accents ignored).
    pub customer_name: String,
    /// Lead source.
    pub sources: Vec<LeadSource>,
    /// Offer or profile.
    pub lead_types: Vec<LeadType>,
    /// Microsoft's quality.
    pub qualities: Vec<LeadQuality>,
    /// Substatus (Received, Accepted, Won…).
    pub statuses: Vec<LeadSubstatus>,
    /// E-mail validity.
    pub email_validity: Vec<EmailValidity>,
    /// Phone validity.
    pub phone_validity: Vec<PhoneValidity>,
    /// Created on or after this day (YYYY-MM-DD).
    pub created_from: Option<String>,
    /// Created on or before this day (YYYY-MM-DD).
    pub created_to: Option<String>,
}

/// One request for a window of the list.
#[cfg_attr(feature = "ipc-types", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LeadQuery {
    /// The list.
    pub section: LeadSection,
    /// The filters.
    pub filters: LeadFilters,
    /// Free-text search over customer, contact, e-mail, offer and ID.
    pub search: String,
    /// Sort column.
    pub sort: LeadSort,
    /// Descending order.
    pub descending: bool,
    /// First row of the window.
    pub offset: u32,
    /// Rows in the window.
    pub limit: u32,
}

impl LeadQuery {
    /// The whole section, newest first.
    pub fn section(section: LeadSection) -> Self {
        Self {
            section,
            filters: LeadFilters::default(),
            search: String::new(),
            sort: LeadSort::Created,
            descending: true,
            offset: 0,
            limit: 100,
        }
    }
}

/// One row of the list.
#[cfg_attr(feature = "ipc-types", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LeadRow {
    /// Referral ID.
    pub id: String,
    /// Customer (company) name.
    pub customer_name: String,
    /// Contact's full name; `None` when hidden.
    pub contact_name: Option<String>,
    /// Contact e-mail; `None` when hidden.
    pub email: Option<String>,
    /// Contact phone; `None` when hidden.
    pub phone: Option<String>,
    /// The contact details are hidden (expired lead).
    pub contact_hidden: bool,
    /// E-mail validity.
    pub email_validity: EmailValidity,
    /// Phone validity.
    pub phone_validity: PhoneValidity,
    /// The e-mail or its domain is a known spam or disposable one.
    pub spam: bool,
    /// Offer or profile.
    pub lead_type: LeadType,
    /// Qualification.
    pub classification: LeadClassification,
    /// Source.
    pub source: LeadSource,
    /// Call to action.
    pub call_to_action: Option<CallToAction>,
    /// Offer or profile name.
    pub offer_name: String,
    /// Microsoft's quality.
    pub quality: LeadQuality,
    /// Status.
    pub status: LeadStatus,
    /// Substatus.
    pub substatus: LeadSubstatus,
    /// Archived (read-only).
    pub archived: bool,
    /// ISO country code.
    pub country: String,
    /// Industry.
    pub industry: String,
    /// `LeadCreationDateTime`, RFC 3339.
    pub created_at: String,
    /// Last change, RFC 3339.
    pub updated_at: String,
    /// When an unanswered lead is archived, RFC 3339.
    pub deadline: Option<String>,
    /// Whole hours left before the deadline (0 when due).
    pub hours_left: Option<u32>,
    /// The Contact-me alert.
    pub flame: Option<Flame>,
    /// Heart.
    pub favourite: bool,
    /// Estimated deal value.
    pub deal_value: Option<f64>,
    /// Its currency.
    pub currency: Option<String>,
    /// The predictive score (0–100), when a published lead scoring model scores the lead.
    pub score: Option<LeadScoreBadge>,
}

/// A lead's predictive score as the list shows it.
#[cfg_attr(feature = "ipc-types", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LeadScoreBadge {
    /// 0–100.
    pub score: u8,
    /// A–D from the model's ranges.
    pub grade: crate::lead_scoring::Grade,
    /// Against the lead's previous score.
    pub trend: crate::lead_scoring::Trend,
}

/// A window of the list.
#[cfg_attr(feature = "ipc-types", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LeadPage {
    /// Leads in the section before filters.
    pub section_total: u32,
    /// Leads matching the filters and search.
    pub matched: u32,
    /// The window's first row.
    pub offset: u32,
    /// The rows.
    pub rows: Vec<LeadRow>,
}

/// A lead that needs the partner now.
#[cfg_attr(feature = "ipc-types", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ActionItem {
    /// The lead.
    pub id: String,
    /// Customer.
    pub customer_name: String,
    /// Why it is listed.
    pub kind: ActionItemKind,
    /// Hours left before it expires (received leads).
    pub hours_left: Option<u32>,
    /// Days since the last update (stale accepted leads).
    pub days_idle: Option<u32>,
}

/// Why a lead is in the action centre.
#[cfg_attr(feature = "ipc-types", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ActionItemKind {
    /// A Contact-me lead within its 72 hours.
    HotContactMe,
    /// Received, waiting for accept or decline.
    NeedsResponse,
    /// Accepted, no update for a long time.
    Stale,
}

/// How responsive the partner is, as Partner Center rewards it.
#[cfg_attr(feature = "ipc-types", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Responsiveness {
    /// Median hours from arrival to accept or decline.
    pub median_hours_to_respond: Option<f64>,
    /// Leads answered (accepted or declined).
    pub answered: u32,
    /// Leads that expired unanswered.
    pub expired: u32,
    /// Leads accepted (still open or closed won/lost).
    pub accepted: u32,
    /// Of those, how many have a value, a close date and (when closed) an outcome.
    pub accepted_complete: u32,
}

/// The page's header: counts, the action centre and responsiveness.
#[cfg_attr(feature = "ipc-types", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LeadsOverview {
    /// Leads in the workspace.
    pub total: u32,
    /// Marketplace leads.
    pub marketplace: u32,
    /// Qualified leads.
    pub qualified: u32,
    /// Favourites.
    pub favourites: u32,
    /// Received leads waiting for an answer.
    pub needs_response: u32,
    /// Contact-me leads within their 72 hours.
    pub hot: u32,
    /// Accepted leads with no update for 30 days or more.
    pub stale: u32,
    /// The most urgent items, hot first, then by deadline, then stale.
    pub action_items: Vec<ActionItem>,
    /// Responsiveness figures.
    pub responsiveness: Responsiveness,
    /// Countries present, for the filter.
    pub countries: Vec<String>,
}

/// How a contact detail was judged.
#[cfg_attr(feature = "ipc-types", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ContactCheck {
    /// The verdict shown.
    pub validity: String,
    /// Partner Center's own verdict (kept as imported) rather than the app's.
    pub from_partner_center: bool,
    /// Stable key of the app's reason (e.g. `disposableDomain`), for the UI's text.
    pub reason: String,
    /// The app's reason in English.
    pub explanation: String,
}

/// One entry of a lead's history.
#[cfg_attr(feature = "ipc-types", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LeadHistoryEntry {
    /// When, RFC 3339.
    pub at: String,
    /// Substatus before (none for the arrival).
    pub from: Option<LeadSubstatus>,
    /// Substatus after.
    pub to: LeadSubstatus,
    /// Who.
    pub actor: LeadActor,
    /// Reason or note.
    pub note: Option<String>,
    /// The fields set, as `label → value` pairs in form order.
    pub fields: Vec<(String, String)>,
}

/// Everything about one lead.
#[cfg_attr(feature = "ipc-types", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LeadDetail {
    /// The list row.
    pub row: LeadRow,
    /// Contact first name; `None` when hidden.
    pub contact_first_name: Option<String>,
    /// Contact last name; `None` when hidden.
    pub contact_last_name: Option<String>,
    /// City.
    pub city: String,
    /// Company size band.
    pub company_size: String,
    /// Engagement ID.
    pub engagement_id: Option<String>,
    /// The deal details.
    pub deal: DealDetails,
    /// Why it was declined or lost.
    pub status_reason: Option<String>,
    /// The e-mail check.
    pub email_check: ContactCheck,
    /// The phone check.
    pub phone_check: ContactCheck,
    /// The phone in international form, when it parsed.
    pub phone_international: Option<String>,
    /// What the partner can do now.
    pub actions: Vec<ActionKind>,
    /// Informational lead: needs no action, archived after six months.
    pub informational: bool,
    /// The history, oldest first.
    pub history: Vec<LeadHistoryEntry>,
}

/// What an export wrote.
#[cfg_attr(feature = "ipc-types", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LeadExportSummary {
    /// The file written.
    pub path: String,
    /// Leads written.
    pub rows: u32,
}
