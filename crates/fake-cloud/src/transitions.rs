//! Which status changes a partner may make through the API (FORMATS.md §2.3): New may stay New
//! (Pending/Received) or become Active or Closed; Active may stay Active (Accepted) or become
//! Closed; Closed stays Closed (Won/Lost/Declined/Expired).

/// The statuses, in canonical spelling.
pub(crate) const STATUSES: [&str; 3] = ["New", "Active", "Closed"];

/// The substatuses that go with a status.
pub(crate) fn substatuses(status: &str) -> &'static [&'static str] {
    match status {
        "New" => &["Pending", "Received"],
        "Active" => &["Accepted"],
        "Closed" => &["Won", "Lost", "Declined", "Expired"],
        _ => &[],
    }
}

/// The canonical spelling of a status (`new` → `New`).
pub(crate) fn canonical_status(text: &str) -> Option<&'static str> {
    STATUSES
        .iter()
        .copied()
        .find(|s| s.eq_ignore_ascii_case(text.trim()))
}

/// The canonical spelling of a substatus of any status.
pub(crate) fn canonical_substatus(text: &str) -> Option<&'static str> {
    STATUSES
        .iter()
        .flat_map(|s| substatuses(s).iter().copied())
        .find(|s| s.eq_ignore_ascii_case(text.trim()))
}

/// Whether a partner may move a referral from one status to another.
fn may_move(from: &str, to: &str) -> bool {
    matches!(
        (from, to),
        ("New", "New" | "Active" | "Closed")
            | ("Active", "Active" | "Closed")
            | ("Closed", "Closed")
    )
}

/// Checks a change of `(status, substatus)`; the reason names both ends when it is refused.
pub(crate) fn check_move(from: (&str, &str), to: (&str, &str)) -> Result<(), String> {
    let (to_status, to_sub) = to;
    if !substatuses(to_status).contains(&to_sub) {
        return Err(format!(
            "substatus '{to_sub}' does not go with status '{to_status}' ({to_status} goes with {})",
            substatuses(to_status).join(", ")
        ));
    }
    if !may_move(from.0, to_status) {
        return Err(format!(
            "a referral cannot move from {}/{} to {to_status}/{to_sub}",
            from.0, from.1
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves() {
        assert!(check_move(("New", "Received"), ("Active", "Accepted")).is_ok());
        assert!(check_move(("New", "Received"), ("Closed", "Declined")).is_ok());
        assert!(check_move(("Active", "Accepted"), ("Closed", "Won")).is_ok());
        let back = check_move(("Closed", "Won"), ("Active", "Accepted")).unwrap_err();
        assert!(
            back.contains("Closed/Won") && back.contains("Active/Accepted"),
            "{back}"
        );
        assert!(check_move(("Active", "Accepted"), ("New", "Received")).is_err());
        assert!(check_move(("New", "Received"), ("Active", "Won")).is_err());
        assert_eq!(canonical_substatus("won"), Some("Won"));
        assert_eq!(canonical_status("ACTIVE"), Some("Active"));
    }
}
