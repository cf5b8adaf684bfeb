//! The CloudAscent propensity report download reader (the six reports).
#![no_main]

use libfuzzer_sys::fuzz_target;
use partner_advisor_formats::cloudascent::{detect_report, read_download, PropensityReport};
use partner_advisor_formats::CsvText;
use partner_advisor_fuzz::{check_report, check_row_lines, line_count};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = CsvText::from_bytes(data) else {
        return;
    };
    let lines = line_count(data);
    let header = text
        .records()
        .next()
        .map(|h| h.to_vec())
        .unwrap_or_default();
    let report = detect_report(&header)
        .unwrap_or(PropensityReport::ALL[data.len() % PropensityReport::ALL.len()]);
    let (out, download) = read_download("fuzz.csv", report, &text);
    check_report(&out, lines);
    if let Some(download) = download {
        check_row_lines(
            "cloudascent row",
            download.rows.iter().map(|r| r.line),
            lines,
        );
        let _ = download.areas();
    }
});
