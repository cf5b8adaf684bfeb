//! Encoding detection, dialect sniffing, record reading and format detection on any bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use partner_advisor_formats::encoding::decode;
use partner_advisor_formats::{detect, read_table, CsvText, Dialect, FormatError};
use partner_advisor_fuzz::{check_row_lines, line_count};

fuzz_target!(|data: &[u8]| {
    let lines = line_count(data);
    match decode(data) {
        Ok((text, _)) => {
            let dialect = Dialect::sniff(&text);
            assert!(
                matches!(dialect.delimiter, b',' | b';' | b'\t'),
                "sniffed delimiter {:?}",
                dialect.delimiter
            );
            let start: String = text
                .chars()
                .take(64)
                .filter(|c| !matches!(c, '\r' | '\n'))
                .collect();
            let _ = dialect.parse_number(&start);
        }
        Err(e) => assert!(matches!(e, FormatError::Encoding { .. }), "{e}"),
    }
    let _ = detect(data).to_string();
    let Ok(csv) = CsvText::from_bytes(data) else {
        return;
    };
    // Every record starts on its own line, in file order, inside the file.
    check_row_lines("record", csv.records().map(|r| r.line), lines);
    for offset in [0, csv.text().len() / 2, csv.text().len()] {
        let line = csv.line_of(offset);
        assert!(
            line >= 1 && Some(line) <= lines,
            "line_of({offset}) = {line}"
        );
    }
    match read_table(data) {
        Ok(table) => {
            let first = csv.records().next().expect("a table has a header record");
            assert_eq!(table.header, first);
            assert_eq!(table.rows.len() + 1, csv.records().count());
        }
        Err(FormatError::Empty) => assert!(csv.records().next().is_none()),
        Err(e) => panic!("read_table failed after decoding: {e}"),
    }
});
