//! The Partner Center leads export reader (and the app's own export).
#![no_main]

use libfuzzer_sys::fuzz_target;
use partner_advisor_formats::read_leads_export;
use partner_advisor_fuzz::{check_error, check_lead_file, line_count};

fuzz_target!(|data: &[u8]| {
    let lines = line_count(data);
    match read_leads_export(data) {
        Ok(leads) => check_lead_file(&leads, lines),
        Err(e) => check_error(&e, lines),
    }
});
