//! Lead files: the Partner Center leads export (and the app's own), the co-sell opportunities CSV
//! and Referrals API pages, read from the fixtures in `tests/fixtures/leads` and from inline
//! files; bad input with the exact line and column of each problem; the export read back.

mod bad_input;
mod cosell;
mod dates;
mod export;
mod referrals;
mod round_trip;

use std::path::PathBuf;

use partner_advisor_formats::{LeadFile, Problem, Severity};

/// The bytes of a fixture.
pub fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/leads")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The only problem on `line`, checked to be in `column` with `severity`.
pub fn problem_at<'f>(
    file: &'f LeadFile,
    line: u64,
    column: Option<&str>,
    severity: Severity,
) -> &'f Problem {
    let found: Vec<&Problem> = file
        .report
        .problems
        .iter()
        .filter(|p| p.line == Some(line))
        .collect();
    let [p] = found[..] else {
        panic!("expected one problem on line {line}, found {found:#?}");
    };
    assert_eq!(p.column.as_deref(), column, "{p}");
    assert_eq!(p.severity, severity, "{p}");
    p
}

/// The ids of the records, in order.
pub fn ids(file: &LeadFile) -> Vec<&str> {
    file.records.iter().map(|r| r.id.as_str()).collect()
}
