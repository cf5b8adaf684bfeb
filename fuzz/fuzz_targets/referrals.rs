//! The Referrals API JSON reader (a page of referrals, or a bare array).
#![no_main]

use libfuzzer_sys::fuzz_target;
use partner_advisor_formats::read_referrals_json;
use partner_advisor_fuzz::{check_error, check_lead_file, line_count};

fuzz_target!(|data: &[u8]| {
    let lines = line_count(data);
    match read_referrals_json(data) {
        Ok(leads) => check_lead_file(&leads, lines),
        Err(e) => check_error(&e, lines),
    }
});
