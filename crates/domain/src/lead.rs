//! Partner Center leads (referrals): kinds, sources, statuses and their history.
//!
//! Statuses and substatuses are the Referrals API's (`ReferralStatus` × `ReferralSubstatus`).
//! The lifecycle rules (which transition is allowed, expiry, archiving) belong to the leads
//! capability; this module only names things.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

crate::wire_enum! {
    /// Profile leads come from the partner's business profile, offer leads from marketplace offers.
    LeadType, "lead type" {
        /// From the partner's business profile.
        Profile => "Profile",
        /// From a marketplace offer (AppSource, Azure Marketplace, Azure portal).
        Offer => "Offer",
    }
}

crate::wire_enum! {
    /// How far Microsoft qualified the lead.
    LeadClassification, "lead classification" {
        /// A customer inquiry from a profile or offer page.
        CustomerInquiry => "Customer inquiry",
        /// Marketing-qualified.
        MarketingQualified => "Marketing qualified",
        /// Sales-qualified.
        SalesQualified => "Sales qualified",
    }
}

crate::wire_enum! {
    /// Where the lead came from.
    LeadSource, "lead source" {
        /// Microsoft AppSource.
        AppSource => "AppSource",
        /// Azure Marketplace.
        AzureMarketplace => "Azure Marketplace",
        /// Azure portal.
        AzurePortal => "Azure portal",
        /// The partner's business profile in Partner Center.
        BusinessProfile => "Business profile",
    }
}

crate::wire_enum! {
    /// The call to action the customer used.
    CallToAction, "call to action" {
        /// "Get it now".
        GetItNow => "Get it now",
        /// "Free trial".
        FreeTrial => "Free trial",
        /// "Test drive".
        TestDrive => "Test drive",
        /// "Contact me": the customer asked to be contacted.
        ContactMe => "Contact me",
    }
}

crate::wire_enum! {
    /// Microsoft's estimate of the lead's quality.
    LeadQuality, "lead quality" {
        /// Higher chance of conversion.
        High => "High",
        /// Potential spam.
        Low => "Low",
    }
}

crate::wire_enum! {
    /// `ReferralStatus` of the Referrals API.
    LeadStatus, "lead status" {
        /// Not answered yet.
        New => "New",
        /// Accepted and being worked.
        Active => "Active",
        /// Archived.
        Closed => "Closed",
    }
}

crate::wire_enum! {
    /// `ReferralSubstatus` of the Referrals API.
    LeadSubstatus, "lead substatus" {
        /// Waiting on Microsoft.
        Pending => "Pending",
        /// Received, waiting for the partner's answer.
        Received => "Received",
        /// Accepted by the partner.
        Accepted => "Accepted",
        /// Closed as won.
        Won => "Won",
        /// Closed as lost.
        Lost => "Lost",
        /// Declined by the partner.
        Declined => "Declined",
        /// Not answered within 14 days.
        Expired => "Expired",
    }
}

crate::wire_enum! {
    /// E-mail validity as Partner Center shows it.
    EmailValidity, "e-mail validity" {
        /// A deliverable-looking address on a real domain.
        Valid => "Valid",
        /// Not an address one can write to.
        Invalid => "Invalid",
        /// A disposable or known-spam domain or address.
        Spam => "Spam",
        /// Not known (empty, or not judged).
        Unknown => "Unknown",
    }
}

crate::wire_enum! {
    /// Phone validity as Partner Center shows it.
    PhoneValidity, "phone validity" {
        /// A valid number for its country.
        Valid => "Valid",
        /// Parsed, but not a valid number.
        Invalid => "Invalid",
        /// Empty or not parseable.
        Unknown => "Unknown",
    }
}

crate::wire_enum! {
    /// Partner Center's decline and lost reason codes, in Partner Center's order.
    CloseReason, "decline or lost reason" {
        /// 1.
        BudgetNotAdequate => "Project budget isn't adequate",
        /// 2.
        CustomerDidNotRespond => "Customer didn't respond",
        /// 3.
        ChoseAnotherVendor => "Customer chose another vendor",
        /// 4.
        RequirementNotMet => "Customer requirement not met",
        /// 5.
        NotACustomer => "Not a customer",
        /// 6.
        TimelineTooShort => "Proposed time line was too short",
        /// 7.
        AbuseSpamPhishing => "Report as abuse, spam, or phishing",
        /// 8.
        Others => "Others",
    }
}

impl LeadSubstatus {
    /// The status a substatus belongs to.
    pub fn status(self) -> LeadStatus {
        match self {
            LeadSubstatus::Pending | LeadSubstatus::Received => LeadStatus::New,
            LeadSubstatus::Accepted => LeadStatus::Active,
            LeadSubstatus::Won
            | LeadSubstatus::Lost
            | LeadSubstatus::Declined
            | LeadSubstatus::Expired => LeadStatus::Closed,
        }
    }
}

/// A lead (referral) as the partner sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Lead {
    /// Referral ID.
    pub id: String,
    /// Profile or offer lead.
    pub lead_type: LeadType,
    /// Qualification.
    pub classification: LeadClassification,
    /// Source.
    pub source: LeadSource,
    /// Call to action, for offer leads and Contact-me profile leads.
    pub call_to_action: Option<CallToAction>,
    /// Offer or profile the lead came through.
    pub offer_name: String,
    /// The customer's company name.
    pub customer_name: String,
    /// Contact first name.
    pub contact_first_name: String,
    /// Contact last name.
    pub contact_last_name: String,
    /// Contact e-mail.
    pub email: String,
    /// Contact phone, as typed by the customer.
    pub phone: String,
    /// ISO 3166-1 alpha-2 country code.
    pub country: String,
    /// Industry the customer gave.
    pub industry: String,
    /// Company size band as the Referrals API names it, e.g. `10to50employees`.
    pub company_size: String,
    /// Microsoft's quality estimate.
    pub quality: LeadQuality,
    /// Current substatus (the status follows from it).
    pub substatus: LeadSubstatus,
    /// When Microsoft created the referral.
    pub created_at: DateTime<Utc>,
    /// Last change.
    pub updated_at: DateTime<Utc>,
    /// Estimated deal value once accepted.
    pub deal_value: Option<f64>,
    /// ISO 4217 currency of the deal value.
    pub currency: Option<String>,
    /// Why it was declined or lost, from Partner Center's list.
    pub status_reason: Option<String>,
    /// The engagement the referral belongs to (several referrals can share one).
    pub engagement_id: Option<String>,
    /// The customer's city.
    pub city: String,
    /// E-mail validity: Partner Center's verdict when imported, else the app's own.
    pub email_validity: EmailValidity,
    /// Phone validity: Partner Center's verdict when imported, else the app's own.
    pub phone_validity: PhoneValidity,
    /// The two validities are Partner Center's own verdict (kept as imported, never recomputed).
    pub validity_from_partner_center: bool,
    /// The deal as the partner described it when accepting (and editing) the lead.
    pub deal: DealDetails,
    /// Heart toggle.
    pub favourite: bool,
    /// Partner Center's ETag, kept for pushing changes back.
    pub etag: Option<String>,
}

/// What the partner tells Partner Center about the deal, beyond its value and currency.
#[cfg_attr(feature = "ipc-types", derive(specta::Type))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DealDetails {
    /// Deal name.
    pub name: Option<String>,
    /// Estimated purchase (close) date.
    pub estimated_close: Option<NaiveDate>,
    /// The partner's team members working the lead.
    pub team_members: Vec<String>,
    /// Notes.
    pub notes: Option<String>,
    /// Marketing campaign ID.
    pub marketing_campaign_id: Option<String>,
    /// The partner's CRM ID for the deal.
    pub crm_id: Option<String>,
    /// More customer contacts.
    pub more_contacts: Vec<LeadContact>,
}

/// A customer contact beyond the lead's own.
#[cfg_attr(feature = "ipc-types", derive(specta::Type))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct LeadContact {
    /// First name.
    pub first_name: String,
    /// Last name.
    pub last_name: String,
    /// E-mail.
    pub email: String,
    /// Phone.
    pub phone: String,
}

impl Lead {
    /// The status implied by the substatus.
    pub fn status(&self) -> LeadStatus {
        self.substatus.status()
    }
}

/// One entry in a lead's history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LeadEvent {
    /// The lead.
    pub lead_id: String,
    /// When it happened.
    pub at: DateTime<Utc>,
    /// Substatus before, `None` for the creation.
    pub from: Option<LeadSubstatus>,
    /// Substatus after.
    pub to: LeadSubstatus,
    /// Free text (reason, notes).
    pub note: Option<String>,
    /// Who made the change.
    pub actor: LeadActor,
    /// The fields the change set, as JSON (the accept form, the decline reason…).
    pub fields: Option<String>,
}

crate::wire_enum! {
    /// Who changed a lead.
    LeadActor, "lead actor" {
        /// The partner, in the app.
        Partner => "Partner",
        /// A time rule (expiry, archiving).
        System => "System",
        /// An import or a sync.
        Import => "Import",
        /// Microsoft (the state as received).
        Microsoft => "Microsoft",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn substatus_implies_status() {
        assert_eq!(LeadSubstatus::Received.status(), LeadStatus::New);
        assert_eq!(LeadSubstatus::Accepted.status(), LeadStatus::Active);
        for closed in [
            LeadSubstatus::Won,
            LeadSubstatus::Lost,
            LeadSubstatus::Declined,
            LeadSubstatus::Expired,
        ] {
            assert_eq!(closed.status(), LeadStatus::Closed);
        }
    }

    #[test]
    fn wire_names_round_trip() {
        for cta in CallToAction::ALL {
            assert_eq!(CallToAction::parse(cta.as_str()), Ok(*cta));
        }
        assert_eq!(
            CallToAction::parse("contact_me"),
            Ok(CallToAction::ContactMe)
        );
    }
}
