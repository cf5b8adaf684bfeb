//! The forms Partner Center asks for at each step: accept (and edit), decline, won, lost.
//!
//! Each form checks itself and says, field by field, what is wrong, so the UI can point at the
//! field and the command line can print the reason.

use chrono::NaiveDate;
use partner_advisor_domain::{CloseReason, LeadContact};
use serde::{Deserialize, Serialize};

/// Longest free text kept in a field (Partner Center's notes limit is of this order).
pub const MAX_TEXT: usize = 2_000;
/// Longest deal name.
pub const MAX_DEAL_NAME: usize = 200;

/// The accept form, also used to edit an accepted lead.
#[cfg_attr(feature = "ipc-types", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AcceptForm {
    /// Deal name.
    pub deal_name: String,
    /// Estimated deal value.
    pub estimated_value: f64,
    /// ISO 4217 currency of the value.
    pub currency: String,
    /// The partner's team members working the deal (at least one).
    pub team_members: Vec<String>,
    /// Estimated purchase date.
    pub estimated_close: NaiveDate,
    /// Notes.
    pub notes: String,
    /// Optional marketing campaign ID.
    pub marketing_campaign_id: Option<String>,
    /// Optional CRM ID.
    pub crm_id: Option<String>,
    /// Optional further customer contacts.
    pub more_contacts: Vec<LeadContact>,
}

/// The decline form.
#[cfg_attr(feature = "ipc-types", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeclineForm {
    /// Why, from Partner Center's list.
    pub reason: CloseReason,
    /// Notes.
    pub notes: String,
}

/// The form to close an accepted lead as lost.
#[cfg_attr(feature = "ipc-types", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LostForm {
    /// Why, from Partner Center's list.
    pub reason: CloseReason,
    /// Notes.
    pub notes: String,
}

/// The form to close an accepted lead as won: the final value when it differs from the estimate.
#[cfg_attr(feature = "ipc-types", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WonForm {
    /// The deal's final value, in the lead's currency; `None` keeps the estimate.
    pub final_value: Option<f64>,
    /// Notes.
    pub notes: String,
}

/// A field that failed its check, with the reason in English (the UI shows its own text per
/// field and code).
#[cfg_attr(feature = "ipc-types", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldProblem {
    /// The form field (camelCase, as in the form).
    pub field: String,
    /// What is wrong.
    pub message: String,
}

fn problem(field: &str, message: impl Into<String>) -> FieldProblem {
    FieldProblem {
        field: field.to_owned(),
        message: message.into(),
    }
}

fn check_text(out: &mut Vec<FieldProblem>, field: &str, text: &str, max: usize) {
    if text.chars().count() > max {
        out.push(problem(field, format!("at most {max} characters")));
    }
}

/// Whether `code` looks like an ISO 4217 currency code (three upper-case letters).
pub fn is_currency_code(code: &str) -> bool {
    code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase())
}

impl AcceptForm {
    /// Every problem with the form; empty when it can be saved. `created` is the lead's
    /// creation day: a deal cannot close before the lead arrived.
    pub fn problems(&self, created: NaiveDate) -> Vec<FieldProblem> {
        let mut out = Vec::new();
        if self.deal_name.trim().is_empty() {
            out.push(problem("dealName", "a deal name is required"));
        }
        check_text(&mut out, "dealName", &self.deal_name, MAX_DEAL_NAME);
        if !self.estimated_value.is_finite() || self.estimated_value < 0.0 {
            out.push(problem(
                "estimatedValue",
                "the estimated value must be a number of zero or more",
            ));
        }
        if !is_currency_code(&self.currency) {
            out.push(problem(
                "currency",
                "the currency must be an ISO 4217 code such as EUR, USD or PLN",
            ));
        }
        if self.team_members.iter().all(|m| m.trim().is_empty()) {
            out.push(problem("teamMembers", "add at least one team member"));
        }
        for member in &self.team_members {
            check_text(&mut out, "teamMembers", member, MAX_DEAL_NAME);
        }
        if self.estimated_close < created {
            out.push(problem(
                "estimatedClose",
                format!(
                    "the estimated purchase date cannot be before the lead arrived ({created})"
                ),
            ));
        }
        check_text(&mut out, "notes", &self.notes, MAX_TEXT);
        for (field, value) in [
            ("marketingCampaignId", &self.marketing_campaign_id),
            ("crmId", &self.crm_id),
        ] {
            if let Some(v) = value {
                check_text(&mut out, field, v, MAX_DEAL_NAME);
            }
        }
        for c in &self.more_contacts {
            if c.first_name.trim().is_empty() && c.last_name.trim().is_empty() {
                out.push(problem("moreContacts", "each contact needs a name"));
            }
        }
        out
    }
}

fn close_problems(notes: &str) -> Vec<FieldProblem> {
    let mut out = Vec::new();
    check_text(&mut out, "notes", notes, MAX_TEXT);
    out
}

impl DeclineForm {
    /// Every problem with the form.
    pub fn problems(&self) -> Vec<FieldProblem> {
        close_problems(&self.notes)
    }
}

impl LostForm {
    /// Every problem with the form.
    pub fn problems(&self) -> Vec<FieldProblem> {
        close_problems(&self.notes)
    }
}

impl WonForm {
    /// Every problem with the form.
    pub fn problems(&self) -> Vec<FieldProblem> {
        let mut out = close_problems(&self.notes);
        if let Some(v) = self.final_value {
            if !v.is_finite() || v < 0.0 {
                out.push(problem(
                    "finalValue",
                    "the final value must be a number of zero or more",
                ));
            }
        }
        out
    }
}

/// Longest industry name kept.
pub const MAX_INDUSTRY: usize = 100;

/// The customer's details the partner may correct on a lead that is not archived: what the
/// customer typed is often vague, and the score reads these.
#[cfg_attr(feature = "ipc-types", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomerForm {
    /// Industry (free text; the UI offers the workspace's).
    pub industry: String,
    /// Company size band as the Referrals API names it (`10to50employees`), or empty.
    pub company_size: String,
}

impl CustomerForm {
    /// Every problem with the form.
    pub fn problems(&self) -> Vec<FieldProblem> {
        let mut out = Vec::new();
        check_text(&mut out, "industry", self.industry.trim(), MAX_INDUSTRY);
        let size = self.company_size.trim();
        if !size.is_empty()
            && !crate::lead_scoring::attributes::COMPANY_SIZE_BANDS
                .iter()
                .any(|b| b.eq_ignore_ascii_case(size))
        {
            out.push(problem(
                "companySize",
                format!(
                    "unknown company size `{size}`; one of {}",
                    crate::lead_scoring::attributes::COMPANY_SIZE_BANDS.join(", ")
                ),
            ));
        }
        out
    }
}
