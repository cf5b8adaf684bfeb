//! Inputs the fuzz targets (`fuzz/`, `scripts/fuzz.sh`) found crashing or breaking an invariant,
//! minimised, as bytes: each must now read as an error or problem with a real, 1-based position.

use partner_advisor_formats::{read_file, read_lead_file, read_referrals_json, FormatError};

/// The line and column of a malformed-JSON error.
fn json_position(error: FormatError) -> (u64, u64) {
    match error {
        FormatError::Json { line, column, .. } => (line, column),
        e => panic!("expected a JSON error, got {e}"),
    }
}

/// serde_json puts a line break inside a string, or the end of the text after a line break, at
/// column 0 of the next line: the error said "column 0" (fuzz target read_file).
#[test]
fn json_fault_after_a_line_break_is_at_column_1() {
    // `["` then a line break: a control character inside a string.
    let input: &[u8] = b"[\"\n";
    assert_eq!(
        json_position(read_referrals_json(input).unwrap_err()),
        (2, 1)
    );
    assert_eq!(json_position(read_lead_file(input).unwrap_err()), (2, 1));
    // The text ends right after a line break.
    assert_eq!(
        json_position(read_referrals_json(b"{\n").unwrap_err()),
        (2, 1)
    );
    let parsed = read_file("f.json", input);
    let error = parsed.report.errors().next().expect("an error");
    assert_eq!(error.line, Some(2));
    assert!(error.reason.contains("line 2, column 1"), "{error}");
}
