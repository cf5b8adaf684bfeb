//! Bad input: every problem with its exact line and column, the rows with errors left out of the
//! records (and counted), malformed JSON with its line and column.

use partner_advisor_formats::{
    read_lead_file, read_leads_export, read_referrals_json, FormatError, Severity,
};

use super::{fixture, ids, problem_at};

#[test]
fn bad_leads_rows_are_reported_where_they_are() {
    let file = read_leads_export(&fixture("bad_leads.csv")).expect("read");
    assert_eq!(file.report.rows_read, 10);
    assert_eq!(ids(&file), ["L-1", "L-7"]);
    assert_eq!(file.report.rows_accepted, 2);
    assert!(!file.report.is_usable());

    let p = problem_at(&file, 3, Some("LeadId"), Severity::Error);
    assert_eq!(p.reason, "no lead ID: every lead needs one");
    let p = problem_at(&file, 4, Some("Substatus"), Severity::Error);
    assert_eq!(
        p.reason,
        "substatus 'Won' does not go with status 'Active' (Active goes with Accepted)"
    );
    let p = problem_at(&file, 5, Some("Substatus"), Severity::Error);
    assert_eq!(
        p.to_string(),
        "error, line 5, column 'Substatus': 'Sold' is not a Partner Center substatus (expected \
         one of Pending, Received, Accepted, Won, Lost, Declined, Expired)"
    );
    let p = problem_at(&file, 6, Some("CustomerName"), Severity::Error);
    assert!(p
        .reason
        .contains("neither a customer name nor a contact e-mail"));
    let p = problem_at(&file, 7, Some("LeadId"), Severity::Error);
    assert_eq!(
        p.reason,
        "the ID 'L-1' appears twice in the file: line 2 and line 7"
    );
    let p = problem_at(&file, 8, Some("CallToAction"), Severity::Warning);
    assert!(
        p.reason
            .starts_with("'Call me' is not a call to action (expected one of Get it now"),
        "{p}"
    );
    assert_eq!(file.records[1].call_to_action, None);
    let p = problem_at(&file, 9, Some("LeadCreationDateTime"), Severity::Error);
    assert!(
        p.reason
            .starts_with("'2026-13-45' is not a date (expected YYYY-MM-DD"),
        "{p}"
    );
    let on_10: Vec<_> = file
        .report
        .problems
        .iter()
        .filter(|p| p.line == Some(10))
        .map(|p| (p.column.as_deref(), p.severity))
        .collect();
    assert_eq!(
        on_10,
        [
            (Some("EstimatedDealValue"), Severity::Error),
            (Some("Currency"), Severity::Error)
        ]
    );
    let p = problem_at(&file, 11, None, Severity::Error);
    assert!(
        p.reason.starts_with("the row has 2 fields, the header 9"),
        "{p}"
    );
    assert_eq!(file.report.problems.len(), 10, "{}", file.report);
}

#[test]
fn bad_referrals_are_reported_by_line_and_path() {
    let file = read_referrals_json(&fixture("bad_referrals.json")).expect("read");
    assert_eq!(file.report.rows_read, 7);
    assert_eq!(ids(&file), ["r-1"]);
    let p = problem_at(&file, 2, Some("value[0].referralSource"), Severity::Warning);
    assert!(
        p.reason.starts_with("'LinkedIn' is not a lead source"),
        "{p}"
    );
    let p = problem_at(&file, 3, Some("value[1]"), Severity::Error);
    assert_eq!(
        p.reason,
        "value[1] is not a referral object (found the number 42)"
    );
    let p = problem_at(&file, 4, Some("value[2].id"), Severity::Error);
    assert_eq!(p.reason, "the referral has no id");
    let p = problem_at(&file, 5, Some("value[3].substatus"), Severity::Error);
    assert!(
        p.reason.contains("'Won' does not go with status 'Active'"),
        "{p}"
    );
    let p = problem_at(&file, 6, Some("value[4].id"), Severity::Error);
    assert_eq!(
        p.reason,
        "the ID 'r-1' appears twice in the file: value[0] (line 2) and value[4] (line 6)"
    );
    let p = problem_at(&file, 7, Some("value[5].status"), Severity::Error);
    assert!(
        p.reason.starts_with(
            "'Sold' is not a Partner Center status (expected one of New, Active, Closed)"
        ),
        "{p}"
    );
    let on_8: Vec<_> = file
        .report
        .problems
        .iter()
        .filter(|p| p.line == Some(8))
        .map(|p| p.column.as_deref().unwrap_or(""))
        .collect();
    assert_eq!(
        on_8,
        [
            "value[6].createdDateTime",
            "value[6].details.dealValue",
            "value[6].details.currency"
        ]
    );
}

#[test]
fn minified_json_names_items_by_path() {
    let file =
        read_lead_file(br#"{"value":[{"id":"a"},{"id":"a"},{"status":"New"}]}"#).expect("read");
    assert_eq!(ids(&file), ["a"]);
    let columns: Vec<_> = file
        .report
        .problems
        .iter()
        .map(|p| (p.line, p.column.as_deref().unwrap_or("")))
        .collect();
    assert_eq!(
        columns,
        [(Some(1), "value[1].id"), (Some(1), "value[2].id")]
    );
}

#[test]
fn malformed_json_is_an_error_with_line_and_column() {
    let text = "{\n  \"value\": [\n    {\"id\": \"a\",}\n  ]\n}";
    let err = read_lead_file(text.as_bytes()).unwrap_err();
    let FormatError::Json {
        line,
        column,
        ref reason,
    } = err
    else {
        panic!("{err}");
    };
    assert_eq!((line, column), (3, 16));
    assert_eq!(reason, "trailing comma");
    assert_eq!(
        err.to_string(),
        "malformed JSON at line 3, column 16: trailing comma"
    );
    let err = read_lead_file(b"[{\"id\": \"a\"}").unwrap_err();
    assert!(matches!(err, FormatError::Json { line: 1, .. }), "{err}");
}
