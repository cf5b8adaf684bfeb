//! The offline contact checks applied to leads: the app's verdict on each e-mail and phone,
//! unless Partner Center's own verdict came with the lead (then that one is kept and shown).

use partner_advisor_contacts::{email_validity, phone_validity, validate_email, validate_phone};
use partner_advisor_domain::{EmailValidity, Lead, PhoneValidity};
use partner_advisor_store::tables::leads as table;
use partner_advisor_store::{StoreError, Workspace};

use super::view::ContactCheck;
use crate::Result;

/// The app's verdicts on an e-mail and a phone (with the lead's country as the phone's region).
pub fn judge(email: &str, phone: &str, country: &str) -> (EmailValidity, PhoneValidity) {
    (email_validity(email), phone_validity(phone, country))
}

/// Sets a new or edited lead's validities, unless they are Partner Center's.
pub fn apply(lead: &mut Lead) {
    if !lead.validity_from_partner_center {
        (lead.email_validity, lead.phone_validity) = judge(&lead.email, &lead.phone, &lead.country);
    }
}

/// What the lead's details say about its e-mail and phone, and the phone in international form.
pub fn checks(lead: &Lead) -> (ContactCheck, ContactCheck, Option<String>) {
    let email = validate_email(&lead.email);
    let phone = validate_phone(&lead.phone, &lead.country);
    let pc = lead.validity_from_partner_center;
    (
        ContactCheck {
            validity: lead.email_validity.as_str().to_owned(),
            from_partner_center: pc,
            reason: email.reason.key().to_owned(),
            explanation: email.reason.describe().to_owned(),
        },
        ContactCheck {
            validity: lead.phone_validity.as_str().to_owned(),
            from_partner_center: pc,
            reason: phone.reason.key().to_owned(),
            explanation: phone.reason.describe().to_owned(),
        },
        phone.e164,
    )
}

/// Judges every lead the app has not judged yet (a workspace made before validation existed,
/// or leads written by the demo generator). Returns how many were judged.
pub async fn check_unchecked(ws: &Workspace) -> Result<u32> {
    let pending = table::unchecked_contacts(ws.pool()).await?;
    if pending.is_empty() {
        return Ok(0);
    }
    let verdicts: Vec<_> = pending
        .iter()
        .map(|(id, email, phone, country)| {
            let (e, p) = judge(email, phone, country);
            (id.clone(), e, p)
        })
        .collect();
    let mut tx = ws.begin().await?;
    table::set_validities(&mut tx, &verdicts).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(verdicts.len() as u32)
}
