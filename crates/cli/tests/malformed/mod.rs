//! The malformed-file corpus: over 200 broken or hostile files, generated from real formats
//! (a Graph usage report, a Partner Center leads export, a CloudAscent download, a Referrals
//! API page), each imported with the binary. Every one is refused with a clear message giving
//! its position (line, column or byte), nothing is imported, the message stays short whatever
//! the file holds, and the peak memory of each run is measured and bounded.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Stdio;

use super::crash::{digest, FIRST_TENANT};
use super::{cli, passphrase_demo, query_text, PASSPHRASE};

/// One generated file: its category, name and bytes.
struct Case {
    category: &'static str,
    name: String,
    bytes: Vec<u8>,
    /// Whether the refusal may carry no position (an empty file has none).
    positionless: bool,
}

fn fixture(relative: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(relative);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

const USAGE_HEADER: &str = "Report Refresh Date,User Principal Name,Display Name,Is Deleted,\
Deleted Date,Has Exchange License,Has OneDrive License,Has SharePoint License,\
Has Skype For Business License,Has Yammer License,Has Teams License,Exchange Last Activity Date,\
OneDrive Last Activity Date,SharePoint Last Activity Date,Skype For Business Last Activity Date,\
Yammer Last Activity Date,Teams Last Activity Date,Exchange License Assign Date,\
OneDrive License Assign Date,SharePoint License Assign Date,\
Skype For Business License Assign Date,Yammer License Assign Date,Teams License Assign Date,\
Assigned Products";

/// A valid ActiveUserDetail of `users` rows (the base the usage cases break).
fn usage_report(users: usize) -> String {
    let mut out = format!("{USAGE_HEADER}\n");
    for i in 0..users {
        out.push_str(&format!(
            "2026-11-28,{i:032X},{:032X},False,,True,True,True,False,False,True,2026-11-{:02},\
2026-10-12,2026-09-30,,,2026-11-20,2021-01-10,2021-01-10,2021-01-10,,,2021-01-10,\
MICROSOFT 365 BUSINESS STANDARD\n",
            i * 7919,
            1 + i % 27
        ));
    }
    out
}

/// The byte offsets of the line starts of `text`.
fn lines(text: &[u8]) -> Vec<usize> {
    std::iter::once(0)
        .chain(
            text.iter()
                .enumerate()
                .filter(|(_, b)| **b == b'\n')
                .map(|(i, _)| i + 1),
        )
        .filter(|&i| i < text.len())
        .collect()
}

/// `text` cut inside a data row, just after a delimiter, so the last row lacks fields.
fn truncated(text: &[u8], fraction: f64) -> Vec<u8> {
    let starts = lines(text);
    let header_end = starts.get(1).copied().unwrap_or(text.len());
    let mut cut = header_end + ((text.len() - header_end) as f64 * fraction) as usize;
    cut = cut.clamp(header_end + 1, text.len().saturating_sub(2));
    // Back to the first comma of the row the cut falls in.
    let row_start = starts
        .iter()
        .rev()
        .find(|&&s| s <= cut)
        .copied()
        .unwrap_or(0);
    let row_start = row_start.max(header_end);
    let comma = text[row_start..]
        .iter()
        .position(|&b| b == b',')
        .map_or(cut, |p| row_start + p + 1);
    text[..comma].to_vec()
}

/// Row `k` (1 = the first data row) of `text` replaced by `f(row)`.
fn with_row(text: &[u8], k: usize, f: impl Fn(&str) -> String) -> Vec<u8> {
    let s = String::from_utf8_lossy(text);
    let mut rows: Vec<String> = s.split('\n').map(str::to_owned).collect();
    let k = k.min(rows.len().saturating_sub(2)).max(1);
    rows[k] = f(&rows[k]);
    rows.join("\n").into_bytes()
}

/// The field at `column` of a comma-separated row replaced.
fn set_field(row: &str, column: usize, value: &str) -> String {
    let mut fields: Vec<String> = row.split(',').map(str::to_owned).collect();
    if column < fields.len() {
        fields[column] = value.to_owned();
    }
    fields.join(",")
}

fn cases() -> Vec<Case> {
    let usage = usage_report(200).into_bytes();
    let leads = fixture("../formats/tests/fixtures/leads/partner_center_leads.csv");
    let cloudascent = fixture("../formats/tests/fixtures/cloudascent/m365_2023.csv");
    let json = fixture("../formats/tests/fixtures/leads/referrals_page1.json");
    // A typed column of each CSV base: a date, a date, a number.
    let csv_bases: [(&str, &[u8], usize); 3] = [
        ("usage", &usage, 0),
        ("leads", &leads, 14),
        ("cloudascent", &cloudascent, 42),
    ];
    let mut out = Vec::new();
    let mut add = |category: &'static str, name: String, bytes: Vec<u8>| {
        out.push(Case {
            category,
            name,
            bytes,
            positionless: false,
        })
    };

    for (base, bytes, _) in csv_bases {
        for i in 0..15 {
            let f = 0.03 + 0.064 * i as f64;
            add(
                "truncated",
                format!("{base}-cut-{i}.csv"),
                truncated(bytes, f),
            );
        }
    }
    for i in 1..=12 {
        let cut = json.len() * i / 13;
        add(
            "truncated",
            format!("referrals-cut-{i}.json"),
            json[..cut].to_vec(),
        );
    }

    for (base, bytes, _) in csv_bases {
        let mut bad = bytes.to_vec();
        bad.splice(3..3, [0xC3, 0x28, 0xFF, 0xFE, 0x80]);
        add("wrong encoding", format!("{base}-bad-utf8.csv"), bad);
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(
                String::from_utf8_lossy(bytes)
                    .encode_utf16()
                    .flat_map(u16::to_le_bytes),
            )
            .collect();
        let mut odd = utf16.clone();
        odd.truncate(odd.len() - 1);
        add("UTF-16", format!("{base}-utf16-odd.csv"), odd);
        let mut lone = utf16.clone();
        lone.splice(40..40, [0x00, 0xD8, 0x41, 0x00]);
        add("UTF-16", format!("{base}-utf16-lone-surrogate.csv"), lone);
        // Without its BOM (how some tools save it), and cut inside a character.
        let no_bom: Vec<u8> = utf16[2..utf16.len() - 1].to_vec();
        add("UTF-16", format!("{base}-utf16-no-bom-cut.csv"), no_bom);
        let utf32: Vec<u8> = [0xFF, 0xFE, 0x00, 0x00]
            .into_iter()
            .chain(
                String::from_utf8_lossy(bytes)
                    .chars()
                    .flat_map(|c| (c as u32).to_le_bytes()),
            )
            .collect();
        add("wrong encoding", format!("{base}-utf32.csv"), utf32);
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain(
                String::from_utf8_lossy(bytes)
                    .encode_utf16()
                    .flat_map(u16::to_be_bytes),
            )
            .chain([0xDC, 0x00])
            .collect();
        add("UTF-16", format!("{base}-utf16be-lone-low.csv"), be);
    }

    for (base, bytes, _) in csv_bases {
        for k in 1..=5 {
            add(
                "mixed delimiters",
                format!("{base}-semicolons-row-{k}.csv"),
                with_row(bytes, k, |r| r.replace(',', ";")),
            );
        }
        add(
            "mixed delimiters",
            format!("{base}-tabs.csv"),
            with_row(bytes, 2, |r| r.replace(',', "\t")),
        );
    }

    for (base, bytes, column) in csv_bases {
        for k in 1..=5 {
            add(
                "unbalanced quotes",
                format!("{base}-quote-row-{k}.csv"),
                with_row(bytes, k, |r| set_field(r, column + 1, "\"unclosed")),
            );
        }
    }

    let huge = "9".repeat(100 * 1024 * 1024);
    add(
        "100 MB field",
        "usage-100mb-date.csv".into(),
        with_row(&usage, 3, |r| set_field(r, 0, &huge)),
    );
    add(
        "100 MB field",
        "leads-100mb-quoted.csv".into(),
        with_row(&leads, 1, |r| set_field(r, 1, &format!("\"{huge}\""))),
    );
    drop(huge);

    let columns: String = (0..1_000_000)
        .map(|i| format!("c{i}"))
        .collect::<Vec<_>>()
        .join(",");
    add(
        "1,000,000 columns",
        "header-1m-columns.csv".into(),
        format!("{columns}\n1,2,3\n").into_bytes(),
    );
    add(
        "1,000,000 columns",
        "usage-row-1m-fields.csv".into(),
        with_row(&usage, 2, |r| format!("{r}{}", ",x".repeat(1_000_000))),
    );
    add(
        "1,000,000 columns",
        "leads-row-1m-fields.csv".into(),
        with_row(&leads, 1, |r| format!("{r}{}", ",1".repeat(1_000_000))),
    );

    for (base, bytes, column) in csv_bases {
        for k in 1..=4 {
            add(
                "NUL bytes",
                format!("{base}-nul-row-{k}.csv"),
                with_row(bytes, k, |r| set_field(r, column, "2026\0-11-28")),
            );
        }
        let mut header_nul = bytes.to_vec();
        header_nul.insert(5, 0);
        add("NUL bytes", format!("{base}-nul-header.csv"), header_nul);
    }
    add("NUL bytes", "only-nuls.csv".into(), vec![0; 4096]);

    let payloads = [
        "=HYPERLINK(\"http://x.example\",\"y\")",
        "+SUM(1+1)",
        "-2+3+cmd|' /C calc'!A0",
        "@SUM(1)",
        "\t=1",
        "=cmd|' /C calc'!A0",
        "=DDE(\"cmd\";\"/C calc\";\"x\")",
        "+1-1+cmd|'/c notepad'!A1",
    ];
    for (i, p) in payloads.iter().enumerate() {
        for (base, bytes, column) in csv_bases.iter().take(2) {
            add(
                "formula injection",
                format!("{base}-formula-{i}.csv"),
                with_row(bytes, 1 + i % 3, |r| {
                    set_field(r, *column, &format!("\"{}\"", p.replace('"', "\"\"")))
                }),
            );
        }
    }

    let names = [
        "..%2F..%2Fetc%2Fpasswd.csv",
        "..\\..\\windows\\win.ini.csv",
        "CON.csv",
        "a\nb.csv",
        "right\u{202e}vsc.exe",
        "-rf.csv",
        " leading space.csv",
        "trailing dot..csv",
        "ünïcødé 名前.csv",
        "$(touch pwned).csv",
    ];
    for (i, name) in names.iter().enumerate() {
        add(
            "path-like names",
            name.to_string(),
            with_row(&usage, 1 + i, |r| set_field(r, 0, "not a date")),
        );
    }

    for (base, bytes, column) in csv_bases {
        let s = String::from_utf8_lossy(bytes);
        let header = s
            .lines()
            .next()
            .unwrap_or_default()
            .trim_start_matches('\u{feff}');
        let name = header.split(',').nth(column).unwrap_or_default();
        let dup = s.replacen(header, &format!("{header},{name}"), 1);
        let dup = with_row(dup.as_bytes(), 1, |r| format!("{r},x"));
        add(
            "duplicate headers",
            format!("{base}-duplicate-header.csv"),
            dup,
        );
        let dup_first = s.replacen(header, &format!("{name},{header}"), 1);
        add(
            "duplicate headers",
            format!("{base}-duplicate-header-first.csv"),
            with_row(dup_first.as_bytes(), 1, |r| format!("x,{r}")),
        );
    }

    for (base, bytes, column) in csv_bases {
        for k in 1..=3 {
            add(
                "BOM in the middle",
                format!("{base}-bom-row-{k}.csv"),
                with_row(bytes, k, |r| set_field(r, column, "\u{feff}2026-11-28")),
            );
        }
        // A second file's BOM where two files were joined: a line of its own.
        add(
            "BOM in the middle",
            format!("{base}-joined-files.csv"),
            with_row(bytes, 1, |r| format!("{r}\n\u{feff}")),
        );
    }

    for (name, bytes) in [
        ("empty.csv", Vec::new()),
        ("bom-only.csv", vec![0xEF, 0xBB, 0xBF]),
        ("newlines-only.csv", b"\n\n\r\n\r\n".to_vec()),
        ("spaces-only.csv", b"   \t  ".to_vec()),
        ("utf16-bom-only.csv", vec![0xFF, 0xFE]),
    ] {
        out.push(Case {
            category: "empty",
            name: name.into(),
            bytes,
            positionless: true,
        });
    }
    let mut add = |category: &'static str, name: String, bytes: Vec<u8>| {
        out.push(Case {
            category,
            name,
            bytes,
            positionless: false,
        })
    };
    // (A leads export with no lead is a valid, empty export.)
    for (base, bytes, _) in csv_bases.iter().filter(|(b, _, _)| *b != "leads") {
        let s = String::from_utf8_lossy(bytes);
        let header = s.lines().next().unwrap_or_default().to_owned();
        add(
            "header only",
            format!("{base}-header-only.csv"),
            format!("{header}\n").into_bytes(),
        );
    }

    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    for i in 0..6 {
        let garbage: Vec<u8> = (0..20_000)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                seed as u8
            })
            .collect();
        add("binary", format!("random-{i}.bin.csv"), garbage);
    }
    for (name, magic) in [
        ("image.png.csv", &b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"[..]),
        ("workbook.xlsx.csv", b"PK\x03\x04\x14\0\x06\0\x08\0\0\0!\0"),
        ("archive.gz.csv", b"\x1f\x8b\x08\0\0\0\0\0\0\x03"),
        ("document.pdf.csv", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"),
        ("program.exe.csv", b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff"),
    ] {
        add("binary", name.into(), magic.repeat(500));
    }

    let nested = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    for (name, body) in [
        ("deep.json", nested),
        ("value-not-array.json", "{\"value\": \"abc\"}".into()),
        ("value-numbers.json", "{\"value\": [1, 2, 3]}".into()),
        (
            "bad-escape.json",
            "{\"value\": [{\"id\": \"\\x41\"}]}".into(),
        ),
        (
            "huge-number.json",
            format!("{{\"value\": [{}]}}", "9".repeat(100_000)),
        ),
        (
            "trailing-garbage.json",
            format!("{} trailing", String::from_utf8_lossy(&json)),
        ),
        (
            "unterminated-string.json",
            "{\"value\": [{\"id\": \"abc".into(),
        ),
        (
            "duplicate-keys.json",
            "{\"value\": [], \"value\": 5}".into(),
        ),
    ] {
        add("hostile JSON", name.into(), body.into_bytes());
    }

    add(
        "long lines",
        "usage-10mb-line.csv".into(),
        format!("{USAGE_HEADER}\n{}", "x".repeat(10 * 1024 * 1024)).into_bytes(),
    );
    add(
        "long lines",
        "usage-40k-value.csv".into(),
        with_row(&usage, 2, |r| set_field(r, 2, &"A".repeat(40_000))),
    );
    add(
        "long lines",
        "header-20k-columns.csv".into(),
        format!(
            "{}\n",
            (0..20_000)
                .map(|i| format!("col{i}"))
                .collect::<Vec<_>>()
                .join(",")
        )
        .into_bytes(),
    );
    for (base, bytes, column) in csv_bases {
        let s = String::from_utf8_lossy(bytes);
        let mut rows: Vec<String> = s.lines().map(str::to_owned).collect();
        for row in rows.iter_mut().skip(1) {
            *row = set_field(row, column, "yesterday");
        }
        add(
            "wrong types",
            format!("{base}-every-row-wrong.csv"),
            rows.join("\n").into_bytes(),
        );
    }
    out
}

/// Runs the binary, which prints its peak resident memory; (exit ok, stderr, peak KiB).
fn import_measured(data: &Path, ws: &Path, tenant: &str, file: &Path) -> (bool, String, i64) {
    let out = cli(data)
        .args([
            "import",
            "--tenant",
            tenant,
            "--as-of",
            "2026-11-30",
            "--workspace",
        ])
        .arg(ws)
        .arg("--")
        .arg(file)
        .env("PARTNER_ADVISOR_PASSPHRASE", PASSPHRASE)
        .env("PARTNER_ADVISOR_PEAK_MEMORY", "1")
        .stdout(Stdio::null())
        .output()
        .expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        out.status.code().is_some(),
        "{}: the process died ({:?}): {}",
        file.display(),
        out.status,
        stderr.chars().take(600).collect::<String>()
    );
    let peak = stderr
        .lines()
        .find_map(|l| l.strip_prefix("peak memory: "))
        .and_then(|v| v.trim_end_matches("kB").trim().parse().ok())
        .unwrap_or_else(|| panic!("{}: no peak memory in {stderr}", file.display()));
    (out.status.success(), stderr, peak)
}

#[test]
fn every_malformed_file_is_refused_with_its_position_in_bounded_memory() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let data = tmp.path().join("data");
    let ws = tmp.path().join("ws");
    passphrase_demo(
        &data,
        &ws,
        &["--customers", "20", "--months", "3", "--seed", "2"],
    );
    let tenant = query_text(&ws, FIRST_TENANT);
    let tenant = tenant.as_str();
    let before = digest(&ws);

    let corpus = tmp.path().join("corpus");
    std::fs::create_dir_all(&corpus).expect("mkdir");
    let cases = cases();
    assert!(cases.len() >= 200, "{} files", cases.len());
    // Per category: files, largest file (bytes), highest peak memory (KiB).
    let mut table: BTreeMap<&str, (usize, usize, i64)> = BTreeMap::new();
    let mut worst = (0i64, String::new());
    for case in &cases {
        let path = corpus.join(&case.name);
        std::fs::write(&path, &case.bytes).expect("write the case");
        let (ok, stderr, peak) = import_measured(&data, &ws, tenant, &path);
        let shown = stderr.chars().take(600).collect::<String>();
        assert!(
            !ok,
            "{} ({}) was imported: {shown}",
            case.name, case.category
        );
        assert!(
            stderr.contains("nothing was imported") || stderr.contains("cannot read"),
            "{}: {shown}",
            case.name
        );
        assert!(
            !stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"),
            "{}: {shown}",
            case.name
        );
        let positioned = ["line ", "byte ", "column "]
            .iter()
            .any(|p| stderr.contains(p));
        assert!(
            positioned || case.positionless,
            "{} ({}): no position in {shown}",
            case.name,
            case.category
        );
        assert!(
            stderr.len() < 16 * 1024,
            "{}: a {} byte message",
            case.name,
            stderr.len()
        );
        // Bounded: the process's own footprint plus a few times the file.
        let bound_kib = 128 * 1024 + (case.bytes.len() as i64 * 4) / 1024;
        assert!(
            peak <= bound_kib,
            "{}: peak {peak} KiB for a {} byte file (bound {bound_kib} KiB)",
            case.name,
            case.bytes.len()
        );
        let entry = table.entry(case.category).or_default();
        entry.0 += 1;
        entry.1 = entry.1.max(case.bytes.len());
        entry.2 = entry.2.max(peak);
        if peak > worst.0 {
            worst = (peak, case.name.clone());
        }
        std::fs::remove_file(&path).ok();
    }
    assert_eq!(digest(&ws), before, "the workspace is unchanged");
    println!(
        "{} malformed files, all refused with a position:",
        cases.len()
    );
    println!(
        "{:<20} {:>5} {:>14} {:>14}",
        "category", "files", "largest file", "peak memory"
    );
    for (category, (files, largest, peak)) in &table {
        println!(
            "{category:<20} {files:>5} {:>11} KiB {:>10} MiB",
            largest / 1024,
            peak / 1024
        );
    }
    println!("highest peak: {} MiB ({})", worst.0 / 1024, worst.1);
}
