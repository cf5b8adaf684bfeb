//! Integration tests of the formats crate: third-party CSV suites, the real Microsoft Graph usage
//! report samples, the writer read back by the reader, and the lead files (fixtures under
//! `tests/fixtures/leads`), Microsoft's CloudAscent downloads (`tests/fixtures/cloudascent`). One
//! binary, a module per area.

mod cloudascent;
mod fuzz_regressions;
mod leads;
mod suites;
mod usage_reports;
mod writer;

use std::path::PathBuf;

/// `shared/testsuites` beside the repository (or `PARTNER_ADVISOR_TESTSUITES`).
pub fn testsuites() -> PathBuf {
    let dir = std::env::var_os("PARTNER_ADVISOR_TESTSUITES")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/testsuites")
        });
    assert!(
        dir.is_dir(),
        "the third-party test suites are not at {} (set PARTNER_ADVISOR_TESTSUITES)",
        dir.display()
    );
    dir
}
