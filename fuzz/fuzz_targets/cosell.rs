//! The co-sell opportunities CSV reader.
#![no_main]

use libfuzzer_sys::fuzz_target;
use partner_advisor_formats::read_cosell_csv;
use partner_advisor_fuzz::{check_error, check_lead_file, line_count};

fuzz_target!(|data: &[u8]| {
    let lines = line_count(data);
    match read_cosell_csv(data) {
        Ok(leads) => check_lead_file(&leads, lines),
        Err(e) => check_error(&e, lines),
    }
});
