//! The Lighthouse Sales Advisor opportunities export reader.
#![no_main]

use libfuzzer_sys::fuzz_target;
use partner_advisor_formats::{read_lighthouse_export, CsvText};
use partner_advisor_fuzz::{check_report, check_row_lines, line_count};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = CsvText::from_bytes(data) else {
        return;
    };
    let lines = line_count(data);
    let (report, rows) = read_lighthouse_export("fuzz.csv", &text);
    check_report(&report, lines);
    check_row_lines("lighthouse row", rows.iter().map(|r| r.line), lines);
    assert!(rows.len() as u64 <= report.rows_read);
});
