//! The CRM account list reader (the engine's; needs the `engine` feature).
#![no_main]

use libfuzzer_sys::fuzz_target;
use partner_advisor_engine::crm::read_accounts;
use partner_advisor_fuzz::{check_row_lines, line_count};

fuzz_target!(|data: &[u8]| {
    let lines = line_count(data);
    match read_accounts(data) {
        Ok(file) => {
            assert_eq!(file.accounts.len(), file.lines.len());
            check_row_lines("account", file.lines.iter().copied(), lines);
            for account in &file.accounts {
                assert!(
                    !account.crm_id.trim().is_empty(),
                    "an account without an id"
                );
            }
        }
        Err(e) => {
            let message = e.to_string();
            assert!(!message.is_empty());
        }
    }
});
