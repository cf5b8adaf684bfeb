//! What the opportunities screens and exports show: the shapes that leave the engine.
//!
//! Texts arrive already rendered in the user's language; numbers that are fractions travel as
//! whole percentages so the UI never formats a probability it did not compute.

use serde::{Deserialize, Serialize};

/// The three opportunity types, one tab each.
#[cfg_attr(feature = "ipc-types", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum OpportunityType {
    /// Convert trials to paid.
    Acquisition,
    /// Early warnings: raise adoption, cut churn risk.
    Retention,
    /// Upgrade to higher-value subscriptions.
    Growth,
}

impl OpportunityType {
    /// Every type, in tab order.
    pub const ALL: [OpportunityType; 3] = [
        OpportunityType::Acquisition,
        OpportunityType::Retention,
        OpportunityType::Growth,
    ];

    /// The stable key (also the texts' key).
    pub fn key(self) -> &'static str {
        match self {
            OpportunityType::Acquisition => "acquisition",
            OpportunityType::Retention => "retention",
            OpportunityType::Growth => "growth",
        }
    }

    /// From the stable key.
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.key() == key)
    }
}

/// The eight Sales Advisor models.
#[cfg_attr(feature = "ipc-types", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ModelKind {
    /// Microsoft 365 Business SKUs (machine learning, growth).
    BSku,
    /// Microsoft 365 Enterprise SKUs (machine learning, growth).
    ESku,
    /// Churn risk (machine learning, retention).
    Churn,
    /// SMB tenant engagement (business rule, retention).
    SmbEngagement,
    /// Defender for Office 365 / Business Premium (decision tree, growth).
    Mdo,
    /// Multifactor authentication (decision tree, engagement shown under retention).
    Mfa,
    /// Defender for Business (decision tree, growth).
    Mdb,
    /// Trials (business rule, acquisition).
    Trials,
}

impl ModelKind {
    /// Every model, in the order Sales Advisor lists them.
    pub const ALL: [ModelKind; 8] = [
        ModelKind::BSku,
        ModelKind::ESku,
        ModelKind::Churn,
        ModelKind::SmbEngagement,
        ModelKind::Mdo,
        ModelKind::Mfa,
        ModelKind::Mdb,
        ModelKind::Trials,
    ];

    /// The stable key (also the texts' key).
    pub fn key(self) -> &'static str {
        match self {
            ModelKind::BSku => "bSku",
            ModelKind::ESku => "eSku",
            ModelKind::Churn => "churn",
            ModelKind::SmbEngagement => "smbEngagement",
            ModelKind::Mdo => "mdo",
            ModelKind::Mfa => "mfa",
            ModelKind::Mdb => "mdb",
            ModelKind::Trials => "trials",
        }
    }

    /// From the stable key.
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.key() == key)
    }

    /// The tab the model's opportunities appear under.
    pub fn opportunity_type(self) -> OpportunityType {
        match self {
            ModelKind::BSku | ModelKind::ESku | ModelKind::Mdo | ModelKind::Mdb => {
                OpportunityType::Growth
            }
            ModelKind::Churn | ModelKind::SmbEngagement | ModelKind::Mfa => {
                OpportunityType::Retention
            }
            ModelKind::Trials => OpportunityType::Acquisition,
        }
    }

    /// How the model decides.
    pub fn method(self) -> ModelMethod {
        match self {
            ModelKind::BSku | ModelKind::ESku | ModelKind::Churn => ModelMethod::MachineLearning,
            ModelKind::Mdo | ModelKind::Mfa | ModelKind::Mdb => ModelMethod::DecisionTree,
            ModelKind::SmbEngagement | ModelKind::Trials => ModelMethod::BusinessRule,
        }
    }
}

/// How a model decides.
#[cfg_attr(feature = "ipc-types", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ModelMethod {
    /// Trained on the workspace's snapshot history.
    MachineLearning,
    /// A readable tree, learned or shipped.
    DecisionTree,
    /// Explicit thresholds.
    BusinessRule,
}

/// High, Medium or Low.
#[cfg_attr(feature = "ipc-types", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ProbabilityStatus {
    /// Below the Medium threshold.
    Low,
    /// At or above the Medium threshold.
    Medium,
    /// At or above the High threshold.
    High,
}

impl ProbabilityStatus {
    /// The stable key (also the texts' key).
    pub fn key(self) -> &'static str {
        match self {
            ProbabilityStatus::Low => "low",
            ProbabilityStatus::Medium => "medium",
            ProbabilityStatus::High => "high",
        }
    }
}

/// Which rows the table shows.
#[cfg_attr(feature = "ipc-types", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum OpportunityTab {
    /// All opportunities.
    All,
    /// Customer acquisition.
    Acquisition,
    /// Customer retention.
    Retention,
    /// Customer growth.
    Growth,
}

/// The column the table is sorted by.
#[cfg_attr(feature = "ipc-types", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum OpportunitySort {
    /// Customer tenant name.
    Customer,
    /// Recommendation text.
    Recommendation,
    /// Probability (status, then probability).
    Probability,
    /// Opportunity type.
    Type,
    /// Paid seats.
    Seats,
    /// Date added.
    DateAdded,
    /// Feedback given (helpful first).
    Feedback,
}

/// One request for a page of the table: the tab, filters, search, sort and window.
#[cfg_attr(feature = "ipc-types", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OpportunityQuery {
    /// The tab.
    pub tab: OpportunityTab,
    /// Tenant name or domain, ignoring case and accents; empty matches all.
    pub search: String,
    /// Probability statuses to keep; empty keeps all.
    pub statuses: Vec<ProbabilityStatus>,
    /// Types to keep (within the tab); empty keeps all.
    pub types: Vec<OpportunityType>,
    /// List the dismissed opportunities (to bring one back) instead of the others.
    #[serde(default)]
    pub dismissed: bool,
    /// Date added on or after (ISO date).
    pub added_from: Option<String>,
    /// Date added on or before (ISO date).
    pub added_to: Option<String>,
    /// Sort column.
    pub sort: OpportunitySort,
    /// Descending order.
    pub descending: bool,
    /// First row of the window.
    pub offset: u32,
    /// Rows in the window (at most 500; an export ignores the window and writes every row).
    pub limit: u32,
}

impl Default for OpportunityQuery {
    fn default() -> Self {
        Self {
            tab: OpportunityTab::All,
            search: String::new(),
            statuses: Vec::new(),
            types: Vec::new(),
            dismissed: false,
            added_from: None,
            added_to: None,
            sort: OpportunitySort::DateAdded,
            descending: true,
            offset: 0,
            limit: 100,
        }
    }
}

/// The seller's feedback on one opportunity.
#[cfg_attr(feature = "ipc-types", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Feedback {
    /// Helpful or not.
    pub helpful: bool,
    /// A reason key or short text (e.g. "alreadyInProgress").
    pub reason: Option<String>,
    /// Free comment.
    pub comment: Option<String>,
}

/// One row of the recommendations table.
#[cfg_attr(feature = "ipc-types", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OpportunityRow {
    /// Stable identity across refreshes (customer, type, model, product).
    pub key: String,
    /// The customer's tenant ID.
    pub tenant_id: String,
    /// Customer tenant name.
    pub customer: String,
    /// Primary domain.
    pub domain: String,
    /// The recommendation, in the user's language.
    pub recommendation: String,
    /// The model that produced it.
    pub model: ModelKind,
    /// Its type.
    #[serde(rename = "type")]
    pub opportunity_type: OpportunityType,
    /// Recommended product (none for retention).
    pub product: Option<String>,
    /// High, Medium or Low.
    pub status: ProbabilityStatus,
    /// Probability in whole percent.
    pub probability_pct: u32,
    /// Paid seats.
    pub seats: u32,
    /// Date added (ISO date).
    pub date_added: String,
    /// The seller's feedback.
    pub feedback: Option<Feedback>,
    /// Dismissed by the seller.
    pub dismissed: bool,
}

/// Counts per type.
#[cfg_attr(feature = "ipc-types", derive(specta::Type))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TypeCounts {
    /// Customer acquisition.
    pub acquisition: u32,
    /// Customer retention.
    pub retention: u32,
    /// Customer growth.
    pub growth: u32,
}

impl TypeCounts {
    /// Adds one to a type.
    pub fn bump(&mut self, t: OpportunityType) {
        match t {
            OpportunityType::Acquisition => self.acquisition += 1,
            OpportunityType::Retention => self.retention += 1,
            OpportunityType::Growth => self.growth += 1,
        }
    }
}

/// The overview and prioritised counts at the top of the page.
#[cfg_attr(feature = "ipc-types", derive(specta::Type))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OpportunityOverview {
    /// The snapshot the opportunities come from (ISO date), none before the first refresh.
    pub as_of: Option<String>,
    /// When they were last refreshed (RFC 3339).
    pub refreshed_at: Option<String>,
    /// Customer tenants in that snapshot.
    pub customer_tenants: u32,
    /// Customers with at least one opportunity.
    pub customers_with_opportunities: u32,
    /// Opportunities per type (dismissed ones left out).
    pub by_type: TypeCounts,
    /// High-probability opportunities per type.
    pub high: TypeCounts,
    /// Medium-probability opportunities per type.
    pub medium: TypeCounts,
    /// Dismissed opportunities.
    pub dismissed: u32,
}

/// A window of the table.
#[cfg_attr(feature = "ipc-types", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OpportunityPage {
    /// Rows matching the query.
    pub total: u32,
    /// The requested window of them.
    pub rows: Vec<OpportunityRow>,
}

/// The kinds of shipped resource.
#[cfg_attr(feature = "ipc-types", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ResourceKind {
    /// Sales playbook.
    Playbook,
    /// Demo script.
    DemoScript,
    /// Cheat sheet.
    CheatSheet,
    /// E-mail template.
    EmailTemplate,
}

/// A resource merged with the customer's name and figures.
#[cfg_attr(feature = "ipc-types", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Resource {
    /// Which resource.
    pub kind: ResourceKind,
    /// Title.
    pub title: String,
    /// E-mail subject (e-mail templates only).
    pub subject: Option<String>,
    /// Body text: paragraphs separated by blank lines, `- ` bullets, `1. ` steps.
    pub body: String,
}

/// One subscription of the customer.
#[cfg_attr(feature = "ipc-types", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SubscriptionLine {
    /// Product name.
    pub product: String,
    /// Purchased quantity.
    pub quantity: u32,
    /// Active, Trial, Suspended, Expired, Deleted.
    pub status: String,
    /// Bought from the partner (`partner`) or Microsoft directly (`microsoft`).
    pub channel: String,
    /// Renewal or end date (ISO).
    pub end_date: String,
}

/// Usage trend over the three previous months.
#[cfg_attr(feature = "ipc-types", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Trend {
    /// Within the tolerance.
    NoChange,
    /// Rising.
    Positive,
    /// Falling.
    Negative,
}

/// One workload row of the usage table.
#[cfg_attr(feature = "ipc-types", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UsageLine {
    /// Workload key: exchange, coreApps, teams, sharePoint, oneDrive.
    pub workload: String,
    /// Workload name in the user's language.
    pub label: String,
    /// Users with the workload in an assigned licence (latest month).
    pub assigned: u32,
    /// Active users (latest month).
    pub active: u32,
    /// Trend over the three previous months.
    pub trend: Trend,
}

/// Everything the flyout shows for one opportunity.
#[cfg_attr(feature = "ipc-types", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OpportunityDetail {
    /// The row (header of the flyout).
    pub row: OpportunityRow,
    /// The model's name.
    pub model_name: String,
    /// How the model decides.
    pub method: ModelMethod,
    /// What the model looks for, one sentence.
    pub why: String,
    /// Sentences with the customer's own numbers that explain the recommendation.
    pub insights: Vec<String>,
    /// Other opportunities of the same type this customer had, less probable.
    pub also_considered: Vec<String>,
    /// Concrete next steps.
    pub actions: Vec<String>,
    /// Playbook, demo script, cheat sheet, e-mail template.
    pub resources: Vec<Resource>,
    /// The customer's subscriptions in the snapshot.
    pub subscriptions: Vec<SubscriptionLine>,
    /// The usage table.
    pub usage: Vec<UsageLine>,
    /// Months of usage history the chart covers.
    pub usage_months: u32,
}

/// How one model did at the last refresh.
#[cfg_attr(feature = "ipc-types", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ModelSummary {
    /// The model.
    pub model: ModelKind,
    /// Its name in the user's language.
    pub name: String,
    /// How it decides.
    pub method: ModelMethod,
    /// Learned from this workspace's history (false: the shipped tree or a rule).
    pub learned: bool,
    /// The learner chosen, e.g. "gradient-boosted trees", "logistic regression", "decision tree".
    pub learner: Option<String>,
    /// ROC AUC on the most recent held-out snapshots, in thousandths.
    pub validation_auc_milli: Option<u32>,
    /// Tenant-snapshots it learned from.
    pub training_rows: u32,
    /// Opportunities it produced (before "one per type").
    pub candidates: u32,
    /// Why it is or is not learned, in plain words (English; shown as a detail).
    pub note: String,
}

/// What a refresh did.
#[cfg_attr(feature = "ipc-types", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RefreshSummary {
    /// The snapshot scored (ISO date).
    pub as_of: String,
    /// Opportunities now listed.
    pub opportunities: u32,
    /// Of them, new since the previous refresh.
    pub new: u32,
    /// Opportunities that kept their date added.
    pub kept: u32,
    /// Opportunities of the previous refresh that are gone.
    pub gone: u32,
    /// Milliseconds the refresh took.
    pub duration_ms: u32,
    /// The models.
    pub models: Vec<ModelSummary>,
}

/// What an export wrote.
#[cfg_attr(feature = "ipc-types", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportSummary {
    /// The file written.
    pub path: String,
    /// Rows written.
    pub rows: u32,
}
