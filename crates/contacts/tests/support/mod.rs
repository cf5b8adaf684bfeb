//! Where the shared third-party test suites live, and reading them.

use std::path::PathBuf;

/// `shared/testsuites`, beside the repository (`/work/main` next to `/work/shared`).
pub fn testsuites() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/testsuites");
    assert!(
        dir.is_dir(),
        "the shared test suites are missing: expected {} (shared/ must sit beside the repository)",
        dir.display()
    );
    dir
}

/// Every record of a CSV file under `shared/testsuites`, with its header.
pub fn read_csv(relative: &str) -> (csv::StringRecord, Vec<csv::StringRecord>) {
    let path = testsuites().join(relative);
    let mut reader = csv::Reader::from_path(&path)
        .unwrap_or_else(|error| panic!("cannot open {}: {error}", path.display()));
    let headers = reader.headers().expect("header row").clone();
    let records = reader
        .records()
        .collect::<Result<Vec<_>, _>>()
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()));
    (headers, records)
}

/// A field by column name.
pub fn field<'a>(
    headers: &csv::StringRecord,
    record: &'a csv::StringRecord,
    name: &str,
) -> &'a str {
    let index = headers
        .iter()
        .position(|header| header == name)
        .unwrap_or_else(|| panic!("no column {name:?} in {headers:?}"));
    record.get(index).unwrap_or("")
}
