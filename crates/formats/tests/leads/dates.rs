//! Dates in other formats and time zones, and ambiguous ones ordered by their column.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use partner_advisor_formats::{read_leads_export, LeadFile, Severity};

use super::problem_at;

fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> Option<DateTime<Utc>> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).single()
}

fn leads(dates: &[&str]) -> LeadFile {
    let mut text = String::from("LeadId,CustomerName,LeadCreationDateTime,EstimatedCloseDate\n");
    for (i, d) in dates.iter().enumerate() {
        text.push_str(&format!("L-{i},Contoso,{d},{d}\n"));
    }
    read_leads_export(text.as_bytes()).expect("read")
}

fn created(file: &LeadFile) -> Vec<Option<DateTime<Utc>>> {
    file.records.iter().map(|r| r.created_at).collect()
}

#[test]
fn us_german_and_offset_forms() {
    let file = leads(&[
        "03/04/2026 10:30 PM",
        "12/25/2026",
        "04.03.2026 17:45",
        "2026-03-04T10:00:00+02:00",
        "2026-03-04 23:30:00 -05:00",
        "2026-03-04",
    ]);
    assert!(file.report.is_usable(), "{}", file.report);
    assert_eq!(
        created(&file),
        [
            utc(2026, 3, 4, 22, 30),
            utc(2026, 12, 25, 0, 0),
            utc(2026, 3, 4, 17, 45),
            utc(2026, 3, 4, 8, 0),
            utc(2026, 3, 5, 4, 30),
            utc(2026, 3, 4, 0, 0),
        ]
    );
    // A date-only column keeps the day as written, whatever the offset.
    assert_eq!(
        file.records[4].deal.estimated_close,
        NaiveDate::from_ymd_opt(2026, 3, 4)
    );
}

#[test]
fn an_ambiguous_date_follows_the_rows_that_prove_the_order() {
    let file = leads(&["03/04/2026", "25/04/2026"]);
    assert!(file.report.problems.is_empty(), "{}", file.report);
    assert_eq!(
        created(&file),
        [utc(2026, 4, 3, 0, 0), utc(2026, 4, 25, 0, 0)]
    );
    assert!(file.report.notes.iter().any(|n| n.contains(
        "column 'LeadCreationDateTime': dates such as '03/04/2026' (line 2) read day first"
    )));
}

#[test]
fn without_proof_slash_dates_are_month_first_with_a_note() {
    let file = leads(&["03/04/2026", "04/04/2026"]);
    assert!(file.report.problems.is_empty(), "{}", file.report);
    assert_eq!(
        created(&file),
        [utc(2026, 3, 4, 0, 0), utc(2026, 4, 4, 0, 0)]
    );
    assert!(file
        .report
        .notes
        .iter()
        .any(|n| n.contains("read month first (MM/DD/YYYY, as Partner Center writes them)")));
}

#[test]
fn a_column_in_both_orders_is_an_error_naming_both_lines() {
    let file = read_leads_export(
        b"LeadId,CustomerName,LeadCreationDateTime\nL-1,A,25/04/2026\nL-2,B,03/04/2026\nL-3,C,04/25/2026\n",
    )
    .expect("read");
    let p = problem_at(&file, 4, Some("LeadCreationDateTime"), Severity::Error);
    assert_eq!(
        p.reason,
        "the column writes dates both day first (line 2: '25/04/2026') and month first (line 4: \
         '04/25/2026'); write them all one way"
    );
    assert!(!file.report.is_usable());
}

#[test]
fn an_unreadable_date_names_the_forms_expected() {
    let file = leads(&["2026-03-04", "31/31/2026"]);
    let [p1, p2] = &file.report.problems[..] else {
        panic!("{}", file.report);
    };
    for p in [p1, p2] {
        assert_eq!(p.line, Some(3));
        assert_eq!(p.severity, Severity::Error);
        assert!(
            p.reason.starts_with(
                "'31/31/2026' is not a date (expected YYYY-MM-DD, an ISO 8601 date-time"
            ),
            "{p}"
        );
        assert!(
            p.reason
                .contains("MM/DD/YYYY [hh:mm[:ss] [AM|PM]] or DD.MM.YYYY"),
            "{p}"
        );
    }
    assert_eq!(p1.column.as_deref(), Some("LeadCreationDateTime"));
    assert_eq!(p2.column.as_deref(), Some("EstimatedCloseDate"));
}
