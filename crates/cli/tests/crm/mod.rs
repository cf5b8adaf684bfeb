//! `partner-advisor crm match` end to end on an encrypted demo workspace: the demo's CRM list
//! exported as Excel's "Unicode text" (UTF-16, tab), matched, the output read back; bad lists
//! refused with a clear message and a non-zero exit.

use std::path::Path;

use partner_advisor_store::tables::crm_accounts;
use partner_advisor_store::{KeySource, Keychain, Workspace};
use zeroize::Zeroizing;

use super::{cli, text, PASSPHRASE};

/// The demo workspace's stored CRM list written as UTF-16 LE with BOM, tab-delimited (how Excel
/// saves "Unicode text"); returns the number of accounts.
fn export_demo_crm(ws: &Path, out: &Path) -> usize {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let accounts = runtime.block_on(async {
        let ws = Workspace::open(
            ws,
            KeySource::Passphrase(Zeroizing::new(PASSPHRASE.into())),
            &Keychain::with_service("partner-advisor-cli-crm-test"),
        )
        .await
        .expect("open");
        let accounts = crm_accounts::all(ws.pool()).await.expect("accounts");
        ws.close().await;
        accounts
    });
    let mut text = String::from("Account ID\tAccount Name\tWebsite\tTPID\tCountry\r\n");
    for a in &accounts {
        let cells = [
            a.crm_id.as_str(),
            a.name.as_str(),
            a.domain.as_deref().unwrap_or(""),
            a.tpid.as_deref().unwrap_or(""),
            a.country.as_deref().unwrap_or(""),
        ];
        text.push_str(&cells.join("\t"));
        text.push_str("\r\n");
    }
    let mut bytes = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    std::fs::write(out, bytes).expect("write");
    accounts.len()
}

/// The number after `label` in `text` ("… 12 by domain …" → 12 for "by domain").
fn count_before(text: &str, label: &str) -> u64 {
    let at = text
        .find(label)
        .unwrap_or_else(|| panic!("{label} in {text}"));
    text[..at]
        .split_whitespace()
        .last()
        .and_then(|n| n.trim_end_matches(',').parse().ok())
        .unwrap_or_else(|| panic!("count before {label} in {text}"))
}

#[test]
fn matches_a_crm_list_and_refuses_bad_ones() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let ws = tmp.path().join("demo");
    let ws_arg = ws.to_str().expect("utf-8 path");
    let run = |args: &[&str]| {
        cli(tmp.path())
            .args(args)
            .env("PARTNER_ADVISOR_PASSPHRASE", PASSPHRASE)
            .output()
            .expect("run")
    };
    let demo = run(&[
        "demo",
        "--customers",
        "150",
        "--months",
        "2",
        "--seed",
        "11",
        "--as-of",
        "2026-10-31",
        "--workspace",
        ws_arg,
    ]);
    assert!(demo.status.success(), "{:?}", text(&demo));

    let list = tmp.path().join("crm.txt");
    let accounts = export_demo_crm(&ws, &list);
    let out = tmp.path().join("matches.csv");
    let done = run(&[
        "crm",
        "match",
        "--workspace",
        ws_arg,
        "--crm",
        list.to_str().expect("utf-8"),
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    let (stdout, stderr) = text(&done);
    assert!(done.status.success(), "{stdout}\n{stderr}");
    assert!(
        stdout.contains(&format!("Read {accounts} CRM accounts")) && stdout.contains("UTF-16 LE"),
        "{stdout}"
    );
    let customers = count_before(&stdout, "customers (as of");
    let by_domain = count_before(&stdout, "by domain");
    let by_name = count_before(&stdout, "by name");
    let by_tpid = count_before(&stdout, "by TPID");
    let unmatched = count_before(&stdout, "unmatched");
    let unused = count_before(&stdout, "CRM accounts unused");
    assert_eq!(
        by_domain + by_name + by_tpid + unmatched,
        customers,
        "{stdout}"
    );
    assert!(by_domain > 0 && by_name > 0, "{stdout}");
    assert_eq!(
        accounts as u64 - unused,
        by_domain + by_name + by_tpid,
        "each account matched once in the demo: {stdout}"
    );

    let bytes = std::fs::read(&out).expect("csv");
    assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]), "UTF-8 BOM");
    let table = partner_advisor_formats::read_table(&bytes).expect("parse");
    assert_eq!(
        table.header.to_vec(),
        [
            "TenantID",
            "CustomerID",
            "CustomerName",
            "Domain",
            "CrmID",
            "CrmName",
            "MatchMethod",
            "MatchConfidence"
        ]
    );
    assert_eq!(table.rows.len() as u64, customers);
    let method = |m: &str| table.rows.iter().filter(|r| r.get(6) == Some(m)).count() as u64;
    assert_eq!(
        (
            method("domain"),
            method("name"),
            method("tpid"),
            method("none")
        ),
        (by_domain, by_name, by_tpid, unmatched)
    );
    for r in &table.rows {
        let confidence = r.get(7).expect("confidence");
        if r.get(6) == Some("none") {
            assert_eq!((r.get(4), confidence), (Some(""), ""));
        } else {
            let c: f64 = confidence.parse().expect("number");
            assert!(
                (0.0..=1.0).contains(&c) && confidence.len() <= 4,
                "{confidence}"
            );
        }
    }

    // A list without an ID column, a missing list, a workspace that is not one.
    let no_id = tmp.path().join("no-id.csv");
    std::fs::write(&no_id, "Name;Website\r\nContoso;contoso.com\r\n").expect("write");
    let missing = tmp.path().join("nowhere.csv");
    let cases = [
        (no_id.as_path(), ws_arg, "missing column Account ID"),
        (missing.as_path(), ws_arg, "cannot read"),
    ];
    for (file, workspace, expected) in cases {
        let failed = run(&[
            "crm",
            "match",
            "--workspace",
            workspace,
            "--crm",
            file.to_str().expect("utf-8"),
            "--out",
            tmp.path().join("x.csv").to_str().expect("utf-8"),
        ]);
        let (_, stderr) = text(&failed);
        assert!(!failed.status.success(), "{expected}");
        assert!(stderr.contains(expected), "{expected}: {stderr}");
        assert!(!tmp.path().join("x.csv").exists());
    }
}
