//! Throughput of the Excel-correct writer and the sniffing reader on 200,000 rows of a
//! Lighthouse-shaped export, then of the leads export (100,000 leads of 35 columns) written and
//! read back whole ([`read_file`]: decoding, detection and every field checked). Prints figures;
//! not a timed test.
//! `cargo bench -p partner-advisor-formats --bench csv_throughput`
//!
//! With `PARTNER_ADVISOR_BENCH_CSV=FILE` it measures that file instead, as `benches/run.sh` does
//! with the 1,000,000-customer file the peers read too: the parse (decode, sniff, every record
//! with its line, held in memory as a table) and the export of the same table through the
//! Excel-correct writer to a file, `PARTNER_ADVISOR_BENCH_RUNS` times (default 3), one `BENCH`
//! line per run with the export's SHA-256, so a change in the output shows.

use std::path::Path;
use std::time::Instant;

use sha2::{Digest, Sha256};

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use partner_advisor_domain::{
    CallToAction, DealDetails, EmailValidity, LeadClassification, LeadQuality, LeadSource,
    LeadSubstatus, LeadType, PhoneValidity,
};
use partner_advisor_formats::{
    read_file, read_table, Cell, Delimiter, ExcelCsvWriter, FileContent, LeadRecord,
    LeadsExportWriter, LIGHTHOUSE_EXPORT_COLUMNS,
};

const ROWS: usize = 200_000;
const LEADS: usize = 100_000;

fn main() {
    if let Ok(path) = std::env::var("PARTNER_ADVISOR_BENCH_CSV") {
        return file_figures(Path::new(&path));
    }
    lighthouse();
    leads();
}

fn runs() -> usize {
    std::env::var("PARTNER_ADVISOR_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3)
}

fn bench_line(work: &str, value: f64, unit: &str, extra: serde_json::Value) {
    let line = serde_json::json!({
        "work": work, "who": "partner-advisor", "value": value, "unit": unit, "extra": extra,
    });
    println!("BENCH {line}");
}

/// A number cell where the text is one the writer gives back unchanged, so the export has the
/// types a report has (numbers, text) and the same characters as the file read.
fn typed(text: &str) -> Cell<'_> {
    let plain = !text.is_empty()
        && text.len() < 16
        && text.bytes().all(|b| b.is_ascii_digit())
        && !(text.len() > 1 && text.starts_with('0'));
    match text.parse::<i64>() {
        Ok(n) if plain => Cell::Integer(n),
        _ => Cell::Text(text),
    }
}

fn file_figures(path: &Path) {
    let bytes = std::fs::read(path).expect("read the bench file");
    let mb = bytes.len() as f64 / 1e6;
    let out = path.with_extension("export.csv");
    for run in 0..runs() {
        let started = Instant::now();
        let table = read_table(&bytes).expect("parse");
        let parse = started.elapsed().as_secs_f64();
        let fields: usize = table.rows.iter().map(|r| r.len()).sum();
        bench_line(
            "csv_parse",
            mb / parse,
            "MB/s",
            serde_json::json!({"run": run, "mb": mb, "seconds": parse, "rows": table.rows.len(), "fields": fields}),
        );
        let cells: Vec<Vec<Cell<'_>>> = std::iter::once(&table.header)
            .chain(&table.rows)
            .map(|r| r.iter().map(typed).collect())
            .collect();
        let started = Instant::now();
        let file = std::fs::File::create(&out).expect("export file");
        let mut w = ExcelCsvWriter::new(file, Delimiter::Comma).expect("writer");
        w.rows_parallel(cells.len(), |i, w| w.row(cells[i].iter().copied()))
            .expect("rows");
        w.finish().expect("finish").sync_all().expect("sync");
        let export = started.elapsed().as_secs_f64();
        let written = std::fs::read(&out).expect("read the export back");
        let digest = hex(&Sha256::digest(&written));
        bench_line(
            "csv_export",
            written.len() as f64 / 1e6 / export,
            "MB/s",
            serde_json::json!({"run": run, "mb": written.len() as f64 / 1e6, "seconds": export, "rows": cells.len() - 1, "sha256": digest}),
        );
        println!(
            "{}: {mb:.1} MB, {} rows; parse {parse:.2} s ({:.0} MB/s); export {:.1} MB in {export:.2} s ({:.0} MB/s), sha256 {digest}",
            path.display(),
            table.rows.len(),
            mb / parse,
            written.len() as f64 / 1e6,
            written.len() as f64 / 1e6 / export,
        );
    }
    let _ = std::fs::remove_file(&out);
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn lighthouse() {
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

/// A lead as the app exports it: every column filled but the deal's, which one lead in four has.
fn lead(i: usize) -> LeadRecord {
    let pick = |all: &[&'static str]| all[i % all.len()];
    let created = Utc
        .with_ymd_and_hms(2026, 10, 31, 21, 37, 58)
        .single()
        .expect("time")
        - Duration::minutes(i as i64);
    let substatus = LeadSubstatus::ALL[i % LeadSubstatus::ALL.len()];
    let country = pick(&["PL", "ES", "FR", "GB", "US"]);
    let deal = i % 4 == 0;
    LeadRecord {
        line: 0,
        id: format!("3f2504e0-4f89-11d3-9a0c-{i:012x}"),
        engagement_id: Some(format!("93c3fa3d-8ed5-445d-88e6-{i:012x}")),
        lead_type: Some(LeadType::ALL[i % 2]),
        classification: Some(LeadClassification::ALL[i % 3]),
        source: Some(LeadSource::ALL[i % LeadSource::ALL.len()]),
        call_to_action: Some(CallToAction::ALL[i % CallToAction::ALL.len()]),
        offer_name: Some("Azure Landing Zone in 5 Days".into()),
        customer_name: Some(format!(
            "{} {i}",
            pick(&[
                "Łódź Logistyka Sp. z o.o.",
                "Contoso, Ltd",
                "Électricité Horizon SAS"
            ])
        )),
        contact_first_name: Some(pick(&["Anna", "José", "Sylvie", "Joseph"]).into()),
        contact_last_name: Some(pick(&["Kowalczyk", "Gómez", "Richard", "Moore"]).into()),
        email: Some(format!(
            "contact{i}@{}",
            pick(&["contoso.com", "op.pl", "guerrillamail.com"])
        )),
        phone: Some(
            pick(&[
                "+48 512 345 678",
                "776 053 932",
                "(608) 057-7979",
                "07 82 13 58 36",
            ])
            .into(),
        ),
        country: Some(country.into()),
        city: Some(pick(&["Łódź", "Madrid", "Tours", "Nashville"]).into()),
        industry: Some("Healthcare".into()),
        company_size: Some("51to250employees".into()),
        quality: Some(LeadQuality::ALL[i % 2]),
        status: Some(substatus.status()),
        substatus: Some(substatus),
        created_at: Some(created),
        updated_at: Some(created + Duration::hours(2)),
        expires_at: Some(created + Duration::days(180)),
        deal_value: deal.then_some(12_500.5 + i as f64),
        currency: deal.then(|| "EUR".into()),
        status_reason: None,
        deal: DealDetails {
            name: deal.then(|| format!("Landing zone {i}")),
            estimated_close: deal.then(|| created.date_naive() + Duration::days(60)),
            team_members: if deal {
                vec!["Ann Lee".into(), "Bo Chen".into()]
            } else {
                Vec::new()
            },
            ..DealDetails::default()
        },
        email_validity: Some(EmailValidity::ALL[i % EmailValidity::ALL.len()]),
        phone_validity: Some(PhoneValidity::ALL[i % PhoneValidity::ALL.len()]),
        favourite: Some(i % 7 == 0),
        etag: None,
    }
}

fn leads() {
    let mut w =
        LeadsExportWriter::new(Vec::with_capacity(64 << 20), Delimiter::Comma).expect("writer");
    for i in 0..LEADS {
        w.write(&lead(i)).expect("row");
    }
    let bytes = w.finish().expect("finish");
    let mut times = Vec::new();
    for _ in 0..5 {
        let started = Instant::now();
        let parsed = read_file("leads.csv", &bytes);
        times.push(started.elapsed().as_secs_f64());
        let FileContent::Leads { records, .. } = parsed.content else {
            panic!("not read as leads: {:?}", parsed.report.problems.first());
        };
        assert_eq!(records.len(), LEADS);
    }
    times.sort_by(f64::total_cmp);
    let median = times[2];
    println!(
        "leads export: {LEADS} leads, {:.1} MB; read back (read_file) median of 5 {:.0} ms ({:.0} MB/s, {:.0} leads/s)",
        bytes.len() as f64 / 1e6,
        median * 1e3,
        bytes.len() as f64 / 1e6 / median,
        LEADS as f64 / median,
    );
}
