//! What every fuzz target checks beyond "no panic": positions reported to the user are real
//! positions in the file.

use partner_advisor_formats::encoding::decode;
use partner_advisor_formats::{FormatError, ImportReport, LeadFile};

/// The number of physical lines of the decoded file (CR, LF and CRLF end a line; the text after
/// the last line end is a line too), or `None` when the bytes do not decode.
pub fn line_count(bytes: &[u8]) -> Option<u64> {
    let (text, _) = decode(bytes).ok()?;
    let b = text.as_bytes();
    let mut lines = 1u64;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\r' if b.get(i + 1) == Some(&b'\n') => {
                lines += 1;
                i += 1;
            }
            b'\r' | b'\n' => lines += 1,
            _ => {}
        }
        i += 1;
    }
    Some(lines)
}

/// A line number shown to the user: 1-based and inside the file.
pub fn check_line(what: &str, line: u64, lines: Option<u64>) {
    assert!(line >= 1, "{what}: line {line} is not 1-based");
    if let Some(lines) = lines {
        assert!(
            line <= lines,
            "{what}: line {line} past the file's {lines} lines"
        );
    }
}

/// Every problem of a report has a line inside the file (when it has one at all), and the
/// report's counts agree.
pub fn check_report(report: &ImportReport, lines: Option<u64>) {
    for problem in &report.problems {
        if let Some(line) = problem.line {
            check_line(&format!("problem {problem}"), line, lines);
        }
        assert!(!problem.reason.is_empty(), "a problem without a reason");
    }
    assert!(
        report.rows_accepted <= report.rows_read,
        "{} rows accepted of {} read",
        report.rows_accepted,
        report.rows_read
    );
    // The report is shown to the user: formatting it must not panic either.
    let _ = report.to_string();
}

/// An error that names a position names a real one.
pub fn check_error(error: &FormatError, lines: Option<u64>) {
    if let FormatError::Json { line, column, .. } = error {
        check_line(&format!("error {error}"), *line, lines);
        assert!(
            *column >= 1,
            "error {error}: column {column} is not 1-based"
        );
    }
    let _ = error.to_string();
}

/// A lead file's report and records: lines inside the file, records in file order.
pub fn check_lead_file(leads: &LeadFile, lines: Option<u64>) {
    check_report(&leads.report, lines);
    let mut previous = 0;
    for record in &leads.records {
        check_line("lead record", record.line, lines);
        assert!(
            record.line >= previous,
            "lead records out of file order: line {} after {previous}",
            record.line
        );
        previous = record.line;
    }
    assert!(
        leads.records.len() as u64 <= leads.report.rows_read.max(leads.report.rows_accepted),
        "{} records from {} rows read",
        leads.records.len(),
        leads.report.rows_read
    );
}

/// Lines of rows a reader returned, in file order and strictly increasing (one row a record).
pub fn check_row_lines(what: &str, rows: impl IntoIterator<Item = u64>, lines: Option<u64>) {
    let mut previous = 0;
    for line in rows {
        check_line(what, line, lines);
        assert!(line > previous, "{what}: line {line} after line {previous}");
        previous = line;
    }
}
