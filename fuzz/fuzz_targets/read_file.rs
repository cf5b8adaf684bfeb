//! `read_file` (auto-detection, every importer behind it) and `read_lead_file` on any bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use partner_advisor_formats::{read_file, read_lead_file, FileContent, Severity};
use partner_advisor_fuzz::{
    check_error, check_lead_file, check_report, check_row_lines, line_count,
};

fuzz_target!(|data: &[u8]| {
    let lines = line_count(data);
    let parsed = read_file("fuzz.csv", data);
    check_report(&parsed.report, lines);
    match &parsed.content {
        FileContent::Nothing => {}
        FileContent::UsageReport(u) => {
            check_row_lines("usage user", u.users.iter().map(|u| u.line), lines)
        }
        FileContent::LighthouseOpportunities(rows) => {
            check_row_lines("lighthouse row", rows.iter().map(|r| r.line), lines)
        }
        FileContent::CloudAscent(d) => {
            check_row_lines("cloudascent row", d.rows.iter().map(|r| r.line), lines)
        }
        FileContent::Leads { records, .. } => {
            for r in records {
                partner_advisor_fuzz::check_line("lead", r.line, lines);
            }
        }
    }
    // A file that yields nothing says why.
    if parsed.content == FileContent::Nothing && parsed.report.notes.is_empty() {
        assert!(
            parsed
                .report
                .problems
                .iter()
                .any(|p| p.severity == Severity::Error),
            "nothing read and no error: {}",
            parsed.report
        );
    }
    match read_lead_file(data) {
        Ok(leads) => check_lead_file(&leads, lines),
        Err(e) => check_error(&e, lines),
    }
});
