//! The lead lifecycle as Partner Center runs it, as a state machine over `ReferralSubstatus`.
//!
//! ```text
//! Pending ──(Microsoft)──▶ Received ──Accept──▶ Accepted ──Won──▶ Won
//!                            │  │                  │ ▲ Edit        └──Lost─▶ Lost
//!                            │  └──Decline──▶ Declined
//!                            └──14 days, no answer──▶ Expired (contact details hidden)
//! ```
//!
//! Informational offer leads (Get it now, Free trial, Test drive) need no answer: they do not
//! expire after 14 days but are archived six months after they arrived (they may still be
//! accepted or declined meanwhile). A Contact-me lead shows a flame for its first 72 hours.
//! Closed leads (Won, Lost, Declined, Expired) are archived and read-only.
//!
//! Everything here is pure: "now" is a parameter, so the rules are tested with any clock.

use chrono::{DateTime, Duration, Months, Utc};
use partner_advisor_domain::{
    CallToAction, Lead, LeadActor, LeadEvent, LeadStatus, LeadSubstatus, LeadType,
};
use serde::{Deserialize, Serialize};

use super::forms::{AcceptForm, DeclineForm, FieldProblem, LostForm, WonForm};

/// Days a received lead waits for an answer before it expires.
pub const RESPONSE_DAYS: i64 = 14;
/// Months after which an informational (call-to-action) offer lead is archived.
pub const INFORMATIONAL_ARCHIVE_MONTHS: u32 = 6;
/// Hours a Contact-me lead shows its flame.
pub const FLAME_HOURS: i64 = 72;

/// What the partner can do to a lead.
#[cfg_attr(feature = "ipc-types", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "form", rename_all = "camelCase")]
pub enum LeadAction {
    /// Accept a received lead with the deal's details.
    Accept(AcceptForm),
    /// Change an accepted lead's details.
    Edit(AcceptForm),
    /// Decline a received lead.
    Decline(DeclineForm),
    /// Close an accepted lead as won.
    Win(WonForm),
    /// Close an accepted lead as lost.
    Lose(LostForm),
}

/// The kind of an action, for menus and messages.
#[cfg_attr(feature = "ipc-types", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ActionKind {
    /// Accept.
    Accept,
    /// Edit.
    Edit,
    /// Decline.
    Decline,
    /// Mark won.
    Win,
    /// Mark lost.
    Lose,
}

impl ActionKind {
    /// The verb, for messages.
    pub fn verb(self) -> &'static str {
        match self {
            ActionKind::Accept => "accept",
            ActionKind::Edit => "edit",
            ActionKind::Decline => "decline",
            ActionKind::Win => "mark as won",
            ActionKind::Lose => "mark as lost",
        }
    }
}

impl LeadAction {
    /// Its kind.
    pub fn kind(&self) -> ActionKind {
        match self {
            LeadAction::Accept(_) => ActionKind::Accept,
            LeadAction::Edit(_) => ActionKind::Edit,
            LeadAction::Decline(_) => ActionKind::Decline,
            LeadAction::Win(_) => ActionKind::Win,
            LeadAction::Lose(_) => ActionKind::Lose,
        }
    }
}

/// Why an action was refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LifecycleError {
    /// The lead is archived (Won, Lost, Declined or Expired).
    #[error("this lead is archived ({0}) and can no longer be changed")]
    Archived(LeadSubstatus),
    /// The action does not apply in the lead's state.
    #[error("a {substatus} lead cannot be {}", past(*.action))]
    NotAllowed {
        /// What was tried.
        action: ActionKind,
        /// The lead's substatus.
        substatus: LeadSubstatus,
    },
    /// The form has problems.
    #[error("the form has problems: {}", describe(.0))]
    Form(Vec<FieldProblem>),
}

fn past(action: ActionKind) -> &'static str {
    match action {
        ActionKind::Accept => "accepted",
        ActionKind::Edit => "edited",
        ActionKind::Decline => "declined",
        ActionKind::Win => "marked as won",
        ActionKind::Lose => "marked as lost",
    }
}

fn describe(problems: &[FieldProblem]) -> String {
    problems
        .iter()
        .map(|p| format!("{}: {}", p.field, p.message))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The actions a lead in `substatus` allows.
pub fn allowed_actions(substatus: LeadSubstatus) -> &'static [ActionKind] {
    match substatus {
        LeadSubstatus::Received => &[ActionKind::Accept, ActionKind::Decline],
        LeadSubstatus::Accepted => &[ActionKind::Edit, ActionKind::Win, ActionKind::Lose],
        LeadSubstatus::Pending
        | LeadSubstatus::Won
        | LeadSubstatus::Lost
        | LeadSubstatus::Declined
        | LeadSubstatus::Expired => &[],
    }
}

/// Whether the Referrals API allows a referral to move from `from` to `to` (FORMATS.md §2.3):
/// New goes anywhere, Active stays Active or closes, Closed never changes.
pub fn transition_allowed(from: LeadSubstatus, to: LeadSubstatus) -> bool {
    match from.status() {
        LeadStatus::New => true,
        LeadStatus::Active => matches!(
            to,
            LeadSubstatus::Accepted | LeadSubstatus::Won | LeadSubstatus::Lost
        ),
        LeadStatus::Closed => from == to,
    }
}

/// Whether the lead is archived (read-only).
pub fn is_archived(lead: &Lead) -> bool {
    lead.status() == LeadStatus::Closed
}

/// Whether the lead is an informational offer lead (Get it now, Free trial, Test drive).
pub fn is_informational(lead: &Lead) -> bool {
    lead.lead_type == LeadType::Offer
        && matches!(
            lead.call_to_action,
            Some(CallToAction::GetItNow | CallToAction::FreeTrial | CallToAction::TestDrive)
        )
}

/// Whether the lead's contact details are hidden: Partner Center hides them once a lead expired.
pub fn contact_hidden(lead: &Lead) -> bool {
    lead.substatus == LeadSubstatus::Expired
}

/// When a received lead is archived if nobody answers it.
pub fn response_deadline(lead: &Lead) -> Option<DateTime<Utc>> {
    if lead.substatus != LeadSubstatus::Received {
        return None;
    }
    Some(if is_informational(lead) {
        lead.created_at
            .checked_add_months(Months::new(INFORMATIONAL_ARCHIVE_MONTHS))
            .unwrap_or(lead.created_at)
    } else {
        lead.created_at + Duration::days(RESPONSE_DAYS)
    })
}

/// The Contact-me alert.
#[cfg_attr(feature = "ipc-types", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Flame {
    /// Within 72 hours of arrival: call now.
    Hot,
    /// Older than 72 hours and still open: the alert has cooled.
    Cooled,
}

/// The flame of a Contact-me lead that is still open (received or accepted).
pub fn flame(lead: &Lead, now: DateTime<Utc>) -> Option<Flame> {
    if lead.call_to_action != Some(CallToAction::ContactMe) || is_archived(lead) {
        return None;
    }
    if lead.substatus == LeadSubstatus::Pending {
        return None;
    }
    Some(if now < lead.created_at + Duration::hours(FLAME_HOURS) {
        Flame::Hot
    } else {
        Flame::Cooled
    })
}

/// A lead after a change, with the history entry that records it.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// The lead as it is now.
    pub lead: Lead,
    /// What happened.
    pub event: LeadEvent,
}

fn event(
    lead: &Lead,
    at: DateTime<Utc>,
    to: LeadSubstatus,
    actor: LeadActor,
    note: Option<String>,
    fields: Option<String>,
) -> LeadEvent {
    LeadEvent {
        lead_id: lead.id.clone(),
        at,
        from: Some(lead.substatus),
        to,
        note,
        actor,
        fields,
    }
}

fn non_empty(text: &str) -> Option<String> {
    let t = text.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

fn optional(text: &Option<String>) -> Option<String> {
    text.as_deref().and_then(non_empty)
}

fn json(value: &impl Serialize) -> Option<String> {
    serde_json::to_string(value).ok()
}

fn apply_accept_form(lead: &mut Lead, form: &AcceptForm) {
    lead.deal_value = Some(form.estimated_value);
    lead.currency = Some(form.currency.clone());
    lead.deal.name = non_empty(&form.deal_name);
    lead.deal.estimated_close = Some(form.estimated_close);
    lead.deal.team_members = form
        .team_members
        .iter()
        .filter_map(|m| non_empty(m))
        .collect();
    lead.deal.notes = non_empty(&form.notes);
    lead.deal.marketing_campaign_id = optional(&form.marketing_campaign_id);
    lead.deal.crm_id = optional(&form.crm_id);
    lead.deal.more_contacts = form.more_contacts.clone();
}

/// Applies the partner's `action` to `lead` at `now`, or says why it cannot be done.
pub fn apply(
    lead: &Lead,
    action: &LeadAction,
    now: DateTime<Utc>,
) -> Result<Change, LifecycleError> {
    let kind = action.kind();
    if is_archived(lead) {
        return Err(LifecycleError::Archived(lead.substatus));
    }
    if !allowed_actions(lead.substatus).contains(&kind) {
        return Err(LifecycleError::NotAllowed {
            action: kind,
            substatus: lead.substatus,
        });
    }
    let problems = match action {
        LeadAction::Accept(f) | LeadAction::Edit(f) => f.problems(lead.created_at.date_naive()),
        LeadAction::Decline(f) => f.problems(),
        LeadAction::Win(f) => f.problems(),
        LeadAction::Lose(f) => f.problems(),
    };
    if !problems.is_empty() {
        return Err(LifecycleError::Form(problems));
    }
    // A clock behind the lead's own history must not write time backwards.
    let at = now.max(lead.updated_at);
    let mut next = lead.clone();
    let event = match action {
        LeadAction::Accept(form) | LeadAction::Edit(form) => {
            apply_accept_form(&mut next, form);
            next.substatus = LeadSubstatus::Accepted;
            let note = match kind {
                ActionKind::Accept => Some(form.deal_name.trim().to_owned()),
                _ => Some("Deal details edited".to_owned()),
            };
            event(
                lead,
                at,
                LeadSubstatus::Accepted,
                LeadActor::Partner,
                note,
                json(form),
            )
        }
        LeadAction::Decline(form) => {
            next.substatus = LeadSubstatus::Declined;
            next.status_reason = Some(form.reason.as_str().to_owned());
            event(
                lead,
                at,
                LeadSubstatus::Declined,
                LeadActor::Partner,
                Some(form.reason.as_str().to_owned()),
                json(form),
            )
        }
        LeadAction::Win(form) => {
            if form.final_value.is_some() {
                next.deal_value = form.final_value;
            }
            next.substatus = LeadSubstatus::Won;
            event(
                lead,
                at,
                LeadSubstatus::Won,
                LeadActor::Partner,
                non_empty(&form.notes),
                json(form),
            )
        }
        LeadAction::Lose(form) => {
            next.substatus = LeadSubstatus::Lost;
            next.status_reason = Some(form.reason.as_str().to_owned());
            event(
                lead,
                at,
                LeadSubstatus::Lost,
                LeadActor::Partner,
                Some(form.reason.as_str().to_owned()),
                json(form),
            )
        }
    };
    next.updated_at = at;
    Ok(Change { lead: next, event })
}

/// Note of the expiry entry.
pub const EXPIRED_NOTE: &str = "No response within 14 days";
/// Note of the informational archive entry.
pub const ARCHIVED_NOTE: &str = "Informational lead archived after 6 months";

/// The time rule due on `lead` at `now`, if any: expiry of an unanswered lead, or the archiving
/// of an informational one. The change is dated at its deadline, not at `now`, so a laptop that
/// was closed for a week still records when the lead really expired.
pub fn due_time_rule(lead: &Lead, now: DateTime<Utc>) -> Option<Change> {
    let deadline = response_deadline(lead)?;
    if now < deadline {
        return None;
    }
    let at = deadline.max(lead.updated_at);
    let note = if is_informational(lead) {
        ARCHIVED_NOTE
    } else {
        EXPIRED_NOTE
    };
    let mut next = lead.clone();
    next.substatus = LeadSubstatus::Expired;
    next.updated_at = at;
    let event = event(
        lead,
        at,
        LeadSubstatus::Expired,
        LeadActor::System,
        Some(note.to_owned()),
        None,
    );
    Some(Change { lead: next, event })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDate, TimeZone};
    use partner_advisor_domain::{
        CloseReason, DealDetails, EmailValidity, LeadClassification, LeadQuality, LeadSource,
        PhoneValidity,
    };
    use rand::{Rng, SeedableRng};
    use rand_chacha::ChaCha8Rng;

    fn t0() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 2, 9, 30, 0).unwrap()
    }

    fn lead(substatus: LeadSubstatus, cta: Option<CallToAction>, lead_type: LeadType) -> Lead {
        Lead {
            id: "L1".into(),
            lead_type,
            classification: LeadClassification::CustomerInquiry,
            source: LeadSource::AppSource,
            call_to_action: cta,
            offer_name: "Offer".into(),
            customer_name: "Contoso".into(),
            contact_first_name: "Ana".into(),
            contact_last_name: "García".into(),
            email: "ana@contoso.es".into(),
            phone: "+34 612 345 678".into(),
            country: "ES".into(),
            industry: "Retail".into(),
            company_size: "10to50employees".into(),
            quality: LeadQuality::High,
            substatus,
            created_at: t0(),
            updated_at: t0(),
            deal_value: None,
            currency: None,
            status_reason: None,
            engagement_id: None,
            city: "Madrid".into(),
            email_validity: EmailValidity::Valid,
            phone_validity: PhoneValidity::Valid,
            validity_from_partner_center: false,
            deal: DealDetails::default(),
            favourite: false,
            etag: None,
        }
    }

    fn accept_form() -> AcceptForm {
        AcceptForm {
            deal_name: "Contoso: Teams Phone".into(),
            estimated_value: 12_000.0,
            currency: "EUR".into(),
            team_members: vec!["Lucía Fernández".into()],
            estimated_close: NaiveDate::from_ymd_opt(2026, 6, 30).unwrap(),
            notes: "Call booked".into(),
            marketing_campaign_id: None,
            crm_id: Some("CRM-1".into()),
            more_contacts: Vec::new(),
        }
    }

    fn action_of(kind: ActionKind, r: &mut impl Rng) -> LeadAction {
        let reason = CloseReason::ALL[r.gen_range(0..CloseReason::ALL.len())];
        match kind {
            ActionKind::Accept => LeadAction::Accept(accept_form()),
            ActionKind::Edit => LeadAction::Edit(AcceptForm {
                estimated_value: f64::from(r.gen_range(0..50_000)),
                ..accept_form()
            }),
            ActionKind::Decline => LeadAction::Decline(DeclineForm {
                reason,
                notes: String::new(),
            }),
            ActionKind::Win => LeadAction::Win(WonForm {
                final_value: r.gen_bool(0.5).then_some(15_000.0),
                notes: String::new(),
            }),
            ActionKind::Lose => LeadAction::Lose(LostForm {
                reason,
                notes: "Budget cut".into(),
            }),
        }
    }

    const KINDS: [ActionKind; 5] = [
        ActionKind::Accept,
        ActionKind::Edit,
        ActionKind::Decline,
        ActionKind::Win,
        ActionKind::Lose,
    ];

    fn random_lead(r: &mut impl Rng) -> Lead {
        let substatus = LeadSubstatus::ALL[r.gen_range(0..LeadSubstatus::ALL.len())];
        let cta = [
            None,
            Some(CallToAction::ContactMe),
            Some(CallToAction::GetItNow),
            Some(CallToAction::FreeTrial),
            Some(CallToAction::TestDrive),
        ][r.gen_range(0..5)];
        let lead_type = if r.gen_bool(0.5) {
            LeadType::Offer
        } else {
            LeadType::Profile
        };
        lead(substatus, cta, lead_type)
    }

    #[test]
    fn no_illegal_transition_succeeds() {
        let mut r = ChaCha8Rng::seed_from_u64(7);
        for _ in 0..5_000 {
            let l = random_lead(&mut r);
            let kind = KINDS[r.gen_range(0..KINDS.len())];
            let now = t0() + Duration::hours(r.gen_range(0..24 * 30));
            let result = apply(&l, &action_of(kind, &mut r), now);
            let legal = allowed_actions(l.substatus).contains(&kind);
            match result {
                Ok(change) => {
                    assert!(legal, "{kind:?} succeeded from {:?}", l.substatus);
                    assert!(transition_allowed(l.substatus, change.lead.substatus));
                    assert_eq!(change.event.from, Some(l.substatus));
                    assert_eq!(change.event.to, change.lead.substatus);
                    assert_eq!(change.event.actor, LeadActor::Partner);
                    assert!(change.lead.updated_at >= l.updated_at);
                }
                Err(LifecycleError::Archived(s)) => {
                    assert_eq!(s, l.substatus);
                    assert_eq!(l.status(), LeadStatus::Closed);
                }
                Err(LifecycleError::NotAllowed { action, substatus }) => {
                    assert!(!legal);
                    assert_eq!((action, substatus), (kind, l.substatus));
                }
                Err(LifecycleError::Form(p)) => panic!("valid form refused: {p:?}"),
            }
        }
    }

    #[test]
    fn specific_illegal_moves_are_refused() {
        let received = lead(LeadSubstatus::Received, None, LeadType::Profile);
        let won = WonForm {
            final_value: None,
            notes: String::new(),
        };
        assert!(matches!(
            apply(&received, &LeadAction::Win(won.clone()), t0()),
            Err(LifecycleError::NotAllowed { .. })
        ));
        let archived = lead(LeadSubstatus::Won, None, LeadType::Profile);
        assert_eq!(
            apply(&archived, &LeadAction::Edit(accept_form()), t0()),
            Err(LifecycleError::Archived(LeadSubstatus::Won))
        );
        let pending = lead(LeadSubstatus::Pending, None, LeadType::Profile);
        assert!(apply(&pending, &LeadAction::Accept(accept_form()), t0()).is_err());
    }

    #[test]
    fn every_legal_sequence_ends_archived() {
        let mut r = ChaCha8Rng::seed_from_u64(11);
        for case in 0..2_000 {
            let mut l = random_lead(&mut r);
            l.substatus = LeadSubstatus::Received;
            let mut now = l.created_at;
            let mut steps = 0;
            while !is_archived(&l) {
                steps += 1;
                assert!(steps < 500, "case {case} never archived: {l:?}");
                if r.gen_bool(0.4) {
                    now += Duration::hours(r.gen_range(1..24 * 40));
                    if let Some(c) = due_time_rule(&l, now) {
                        assert_eq!(c.lead.substatus, LeadSubstatus::Expired);
                        assert!(transition_allowed(l.substatus, c.lead.substatus));
                        l = c.lead;
                    }
                    continue;
                }
                let allowed = allowed_actions(l.substatus);
                assert!(!allowed.is_empty(), "stuck open: {l:?}");
                let kind = allowed[r.gen_range(0..allowed.len())];
                let change = apply(&l, &action_of(kind, &mut r), now).expect("legal action");
                l = change.lead;
            }
            assert!(allowed_actions(l.substatus).is_empty());
            assert!(due_time_rule(&l, now + Duration::days(10_000)).is_none());
        }
    }

    #[test]
    fn unanswered_leads_expire_after_14_days_and_hide_their_contact() {
        let l = lead(
            LeadSubstatus::Received,
            Some(CallToAction::ContactMe),
            LeadType::Offer,
        );
        let deadline = t0() + Duration::days(14);
        assert_eq!(response_deadline(&l), Some(deadline));
        assert!(due_time_rule(&l, deadline - Duration::seconds(1)).is_none());
        let c = due_time_rule(&l, deadline + Duration::days(3)).expect("expired");
        assert_eq!(c.lead.substatus, LeadSubstatus::Expired);
        assert_eq!(
            c.event.at, deadline,
            "dated at its deadline, not when noticed"
        );
        assert_eq!(c.event.actor, LeadActor::System);
        assert!(contact_hidden(&c.lead));
        assert!(!contact_hidden(&l));
    }

    #[test]
    fn informational_leads_wait_six_months_then_archive() {
        for cta in [
            CallToAction::GetItNow,
            CallToAction::FreeTrial,
            CallToAction::TestDrive,
        ] {
            let l = lead(LeadSubstatus::Received, Some(cta), LeadType::Offer);
            assert!(is_informational(&l));
            assert!(due_time_rule(&l, t0() + Duration::days(20)).is_none());
            let six = Utc.with_ymd_and_hms(2026, 9, 2, 9, 30, 0).unwrap();
            assert!(due_time_rule(&l, six - Duration::seconds(1)).is_none());
            let c = due_time_rule(&l, six).expect("archived");
            assert_eq!(c.event.note.as_deref(), Some(ARCHIVED_NOTE));
        }
        let profile = lead(
            LeadSubstatus::Received,
            Some(CallToAction::GetItNow),
            LeadType::Profile,
        );
        assert!(!is_informational(&profile));
    }

    #[test]
    fn the_contact_me_flame_burns_72_hours_then_cools() {
        let l = lead(
            LeadSubstatus::Received,
            Some(CallToAction::ContactMe),
            LeadType::Profile,
        );
        assert_eq!(flame(&l, t0() + Duration::hours(71)), Some(Flame::Hot));
        assert_eq!(flame(&l, t0() + Duration::hours(72)), Some(Flame::Cooled));
        let accepted = lead(
            LeadSubstatus::Accepted,
            Some(CallToAction::ContactMe),
            LeadType::Profile,
        );
        assert_eq!(
            flame(&accepted, t0() + Duration::hours(1)),
            Some(Flame::Hot)
        );
        let closed = lead(
            LeadSubstatus::Declined,
            Some(CallToAction::ContactMe),
            LeadType::Profile,
        );
        assert_eq!(flame(&closed, t0()), None);
        let other = lead(
            LeadSubstatus::Received,
            Some(CallToAction::FreeTrial),
            LeadType::Offer,
        );
        assert_eq!(flame(&other, t0()), None);
    }

    #[test]
    fn accept_records_the_form_and_its_history_entry() {
        let l = lead(LeadSubstatus::Received, None, LeadType::Profile);
        let at = t0() + Duration::hours(5);
        let c = apply(&l, &LeadAction::Accept(accept_form()), at).unwrap();
        assert_eq!(c.lead.substatus, LeadSubstatus::Accepted);
        assert_eq!(c.lead.deal_value, Some(12_000.0));
        assert_eq!(c.lead.currency.as_deref(), Some("EUR"));
        assert_eq!(c.lead.deal.name.as_deref(), Some("Contoso: Teams Phone"));
        assert_eq!(c.lead.deal.crm_id.as_deref(), Some("CRM-1"));
        assert_eq!(c.event.at, at);
        let fields: serde_json::Value =
            serde_json::from_str(c.event.fields.as_deref().unwrap()).unwrap();
        assert_eq!(fields["currency"], "EUR");

        let lost = apply(
            &c.lead,
            &LeadAction::Lose(LostForm {
                reason: CloseReason::ChoseAnotherVendor,
                notes: String::new(),
            }),
            at + Duration::days(9),
        )
        .unwrap();
        assert_eq!(lost.lead.status(), LeadStatus::Closed);
        assert_eq!(
            lost.lead.status_reason.as_deref(),
            Some("Customer chose another vendor")
        );
    }

    #[test]
    fn forms_say_what_is_wrong_field_by_field() {
        let l = lead(LeadSubstatus::Received, None, LeadType::Profile);
        let bad = AcceptForm {
            deal_name: "  ".into(),
            estimated_value: -1.0,
            currency: "euro".into(),
            team_members: vec![String::new()],
            estimated_close: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            ..accept_form()
        };
        let Err(LifecycleError::Form(problems)) = apply(&l, &LeadAction::Accept(bad), t0()) else {
            panic!("refused");
        };
        let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "dealName",
                "estimatedValue",
                "currency",
                "teamMembers",
                "estimatedClose"
            ]
        );
    }
}
