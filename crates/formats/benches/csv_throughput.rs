//! Throughput of the Excel-correct writer and the sniffing reader on 200,000 rows of a
//! Lighthouse-shaped export. Prints figures; not a timed test.
//! `cargo bench -p partner-advisor-formats --bench csv_throughput`

use std::time::Instant;

use chrono::NaiveDate;
use partner_advisor_formats::{
    read_table, Cell, Delimiter, ExcelCsvWriter, LIGHTHOUSE_EXPORT_COLUMNS,
};

const ROWS: usize = 200_000;

fn main() {
    let date = NaiveDate::from_ymd_opt(2026, 10, 31).expect("date");
    for delimiter in [Delimiter::Comma, Delimiter::Semicolon] {
        let started = Instant::now();
        let mut w = ExcelCsvWriter::new(Vec::with_capacity(64 << 20), delimiter).expect("writer");
        w.row(LIGHTHOUSE_EXPORT_COLUMNS).expect("header");
        for i in 0..ROWS {
            w.row([
                Cell::Text("3f2504e0-4f89-11d3-9a0c-0305e82c3301"),
                Cell::Integer(1_000_000 + i as i64),
                Cell::Text("Contoso, Ltd"),
                Cell::Text("Customer growth"),
                Cell::Text("Uses 92% of its 25 seats; e-mail active \"daily\""),
                Cell::Text("Run a workshop"),
                Cell::Text("Playbook"),
                Cell::Text("High"),
                Cell::Text("Microsoft 365 Business Premium"),
                Cell::Number(25.5 + i as f64),
                Cell::Date(date),
                Cell::Text("=HYPERLINK(\"https://lighthouse\")"),
            ])
            .expect("row");
        }
        let bytes = w.finish().expect("finish");
        let written = started.elapsed().as_secs_f64();
        let started = Instant::now();
        let table = read_table(&bytes).expect("read");
        let read = started.elapsed().as_secs_f64();
        assert_eq!(table.rows.len(), ROWS);
        println!(
            "{delimiter:?}: {ROWS} rows, {:.1} MB; write {:.0} ms ({:.0} MB/s), read back with detection {:.0} ms ({:.0} MB/s)",
            bytes.len() as f64 / 1e6,
            written * 1e3,
            bytes.len() as f64 / 1e6 / written,
            read * 1e3,
            bytes.len() as f64 / 1e6 / read,
        );
    }
}
