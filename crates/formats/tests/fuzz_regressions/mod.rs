//! Inputs the fuzz targets (`fuzz/`, `scripts/fuzz.sh`) found crashing or breaking an invariant,
//! minimised, as bytes: each must now read as an error or problem with a real, 1-based position.

use std::path::PathBuf;

use partner_advisor_formats::cloudascent::{detect_report, read_download};
use partner_advisor_formats::{
    read_file, read_lead_file, read_referrals_json, read_usage_report, CsvText, FormatError,
    UsageReportKind,
};

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

/// A usage report that ends with its header (no line break after it) put "no rows after its
/// header" on line 2, a line the file does not have (fuzz target usage_reports); the CloudAscent
/// reader did the same. The error is now on the header's line.
#[test]
fn no_rows_after_the_header_is_on_the_header_line() {
    // The fuzzer's input, as found: a mangled Office 365 active-user header and nothing after.
    let found: &[u8] = b"Report Refresh Date,User Id,User Principal Name,Last Activity Date,Is \
        Deleted,Deleted Date,Used Web,Used y Date,Yammer (ast Activity Date,Teams Last Activity \
        Date,Exchange License Assign Date,OneDrive License Assign Date,SharePoint License Assign \
        Date,SkypeWindows Phone,Us,No,No,No,No,No,BEEEFA";
    let header = b"Report Refresh Date,User Principal Name,Display Name,Is Deleted,Deleted Date,\
        Has Exchange License,Has OneDrive License,Has SharePoint License,Exchange Last Activity Date";
    for bytes in [
        found.to_vec(),
        header.to_vec(),
        [&header[..], b"\r\n"].concat(),
    ] {
        let text = CsvText::from_bytes(&bytes).expect("text");
        for kind in UsageReportKind::ALL {
            let (report, usage) = read_usage_report("r.csv", kind, &text);
            assert!(usage.is_none());
            let lines: Vec<_> = report.errors().map(|p| p.line).collect();
            assert!(!lines.is_empty(), "{report}");
            assert!(lines.iter().all(|&l| l == Some(1)), "{kind:?}: {report}");
        }
    }

    let fixture =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cloudascent/azure_2021.csv");
    let bytes = std::fs::read(fixture).expect("fixture");
    let end = bytes
        .iter()
        .position(|&b| b == b'\r' || b == b'\n')
        .expect("a header line");
    let text = CsvText::from_bytes(&bytes[..end]).expect("text");
    let header = text.records().next().expect("header").to_vec();
    let report = detect_report(&header).expect("a CloudAscent header");
    let (out, download) = read_download("c.csv", report, &text);
    assert!(download.is_none());
    let error = out.errors().next().expect("an error");
    assert_eq!(error.line, Some(1), "{out}");
    assert_eq!(error.reason, "the download has no rows after its header");
}
