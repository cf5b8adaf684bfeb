//! The Excel-correct writer read back by the reader: every delimiter, awkward text survives, the
//! reader detects what the writer wrote (delimiter and decimal comma).

use chrono::NaiveDate;
use partner_advisor_formats::{
    read_table, Cell, Delimiter, Encoding, ExcelCsvWriter, LIGHTHOUSE_EXPORT_COLUMNS,
};

#[test]
fn what_the_writer_writes_the_reader_reads() {
    let awkward = [
        "plain",
        "Contoso, Ltd; \"quoted\"",
        "two\r\nlines",
        "Zażółć gęślą jaźń — Ñandú",
        "",
        " leading space",
    ];
    for delimiter in [Delimiter::Comma, Delimiter::Semicolon] {
        let mut w = ExcelCsvWriter::new(Vec::new(), delimiter).expect("writer");
        w.row(LIGHTHOUSE_EXPORT_COLUMNS).expect("header");
        for (i, text) in awkward.iter().enumerate() {
            let mut cells: Vec<Cell<'_>> = vec![Cell::Text(text); 12];
            cells[9] = Cell::Number(1234.5 + i as f64);
            cells[10] = Cell::Date(NaiveDate::from_ymd_opt(2026, 10, 31).expect("date"));
            w.row(cells).expect("row");
        }
        let bytes = w.finish().expect("finish");
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
        let table = read_table(&bytes).expect("read back");
        assert_eq!(table.encoding, Encoding::Utf8Bom);
        assert_eq!(table.dialect.delimiter, delimiter.as_byte());
        assert_eq!(
            table.dialect.decimal_comma,
            delimiter == Delimiter::Semicolon
        );
        assert_eq!(table.header.to_vec(), LIGHTHOUSE_EXPORT_COLUMNS);
        assert_eq!(table.rows.len(), awkward.len());
        for (i, (row, text)) in table.rows.iter().zip(awkward).enumerate() {
            assert_eq!(row.get(0), Some(text));
            assert_eq!(
                table.dialect.parse_number(row.get(9).expect("seats")),
                Some(1234.5 + i as f64)
            );
            assert_eq!(row.get(10), Some("2026-10-31"));
        }
        // Ten two-line text cells make the next record start eleven lines further down.
        assert_eq!(table.rows[3].line, table.rows[2].line + 11);
    }
}

#[test]
fn writing_a_large_file_is_buffered() {
    let mut w =
        ExcelCsvWriter::new(Vec::with_capacity(8 << 20), Delimiter::Semicolon).expect("writer");
    for i in 0..100_000i64 {
        w.row([
            Cell::Integer(i),
            Cell::Text("Contoso"),
            Cell::Number(i as f64 / 3.0),
            Cell::Text("=cmd"),
        ])
        .expect("row");
    }
    let bytes = w.finish().expect("finish");
    let table = read_table(&bytes).expect("read back");
    assert_eq!(table.rows.len(), 99_999);
    assert_eq!(table.rows[0].get(3), Some("'=cmd"));
}
