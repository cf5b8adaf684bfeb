//! The Microsoft 365 usage report reader (Graph CSVs), and the per-tenant join of its result.
#![no_main]

use libfuzzer_sys::fuzz_target;
use partner_advisor_formats::{
    detect_header, read_usage_report, tenant_usage, CsvText, FileKind, UsageReportKind,
};
use partner_advisor_fuzz::{check_report, check_row_lines, line_count};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = CsvText::from_bytes(data) else {
        return;
    };
    let lines = line_count(data);
    // The kind the header names; else one picked by the input, so every kind's reader meets
    // headers that are not its own.
    let header = text
        .records()
        .next()
        .map(|h| h.to_vec())
        .unwrap_or_default();
    let kind = match detect_header(&header) {
        FileKind::UsageReport(kind) => kind,
        _ => UsageReportKind::ALL[data.len() % UsageReportKind::ALL.len()],
    };
    let (report, usage) = read_usage_report("fuzz.csv", kind, &text);
    check_report(&report, lines);
    if let Some(usage) = usage {
        check_row_lines("usage user", usage.users.iter().map(|u| u.line), lines);
        let _ = usage.month();
        let _ = tenant_usage("00000000-0000-0000-0000-000000000000", &[&usage, &usage]);
    }
});
