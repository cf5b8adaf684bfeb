//! Secrets: a client secret planted in the real keychain and a customer name planted in an
//! encrypted (keychain-key) workspace; every command of the command line run, including a
//! sync against the local fake with that secret, an offline sync and a refused one. Then every
//! byte the commands printed and every file they left is scanned: the secret appears nowhere,
//! the customer's name only in the exports asked for.

use std::path::{Path, PathBuf};

use partner_advisor_fake_cloud::{Config, FakeCloud, CLIENT_ID, PARTNER_TENANT};
use partner_advisor_store::{KeySource, Keychain, Workspace};

use super::{cli, keychain_service, set_credential, text};

const SECRET: &str = "Pl4nted~Secret.7f3c9a1e-b2d4-4c5f-9e0a-1d2c3b4a5f6e";
const CUSTOMER: &str = "Quillfeather Zanzibar Holdings";

fn files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read_dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            files(&path, found);
        } else {
            found.push(path);
        }
    }
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    let utf16: Vec<u8> = needle.encode_utf16().flat_map(u16::to_le_bytes).collect();
    [needle.as_bytes(), &utf16]
        .iter()
        .any(|n| haystack.windows(n.len()).any(|w| w == *n))
}

#[test]
fn the_secret_appears_nowhere_and_the_customer_only_in_the_exports_asked_for() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let data = tmp.path().join("data");
    let ws = tmp.path().join("ws");
    let w = ws.to_str().expect("utf-8 path").to_owned();
    let exports = tmp.path().join("exports");
    std::fs::create_dir_all(&exports).expect("mkdir");
    let e = |name: &str| exports.join(name).to_str().expect("path").to_owned();
    let mut printed: Vec<u8> = Vec::new();
    let mut run = |args: &[&str], ok: bool| {
        let out = cli(&data).args(args).output().expect("run");
        assert_eq!(out.status.success(), ok, "{args:?}: {:?}", text(&out));
        printed.extend_from_slice(&out.stdout);
        printed.extend_from_slice(&out.stderr);
    };

    // The workspace's key lives in the keychain too (no passphrase).
    run(
        &[
            "demo",
            "--customers",
            "30",
            "--seed",
            "9",
            "--workspace",
            &w,
        ],
        true,
    );
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let service = keychain_service(&data);
    runtime.block_on(async {
        let ws = Workspace::open(&ws, KeySource::Keychain, &Keychain::with_service(&service))
            .await
            .expect("open");
        for table in ["customers", "leads"] {
            let column = if table == "leads" {
                "customer_name"
            } else {
                "name"
            };
            sqlx::query(&format!(
                "UPDATE {table} SET {column} = ?1 WHERE rowid = (SELECT min(rowid) FROM {table})"
            ))
            .bind(CUSTOMER)
            .execute(ws.pool())
            .await
            .expect("plant the name");
        }
        ws.close().await;
    });

    set_credential(&data, "entra-tenant-id", PARTNER_TENANT);
    set_credential(&data, "entra-client-id", CLIENT_ID);
    set_credential(&data, "entra-client-secret", SECRET);
    run(&["credentials", "status"], true);

    let samples = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/testsuites/microsoft_formats/graph_usage_reports");
    let tenant = {
        let out = cli(&data)
            .args([
                "opportunities",
                "export",
                "--workspace",
                &w,
                "--out",
                &e("o.csv"),
            ])
            .output()
            .expect("export");
        assert!(out.status.success(), "{:?}", text(&out));
        let text = std::fs::read_to_string(exports.join("o.csv")).expect("read");
        let header: Vec<&str> = text.lines().next().unwrap_or_default().split(',').collect();
        let column = header
            .iter()
            .position(|h| h.contains("Customer ID") || h.contains("Tenant"))
            .expect("a tenant column");
        text.lines()
            .nth(1)
            .expect("a row")
            .split(',')
            .nth(column)
            .expect("tenant")
            .to_owned()
    };
    run(
        &[
            "import",
            "--workspace",
            &w,
            "--tenant",
            &tenant,
            "--as-of",
            "2026-11-30",
            samples
                .join("tenant-activeuserdetail.text.csv")
                .to_str()
                .expect("path"),
        ],
        true,
    );
    run(
        &["import", "--workspace", &w, "/nonexistent/file.csv"],
        false,
    );
    run(&["workspace", "info", "--workspace", &w], true);
    run(&["opportunities", "refresh", "--workspace", &w], true);
    run(
        &[
            "opportunities",
            "export",
            "--workspace",
            &w,
            "--out",
            &e("opportunities.csv"),
        ],
        true,
    );
    run(
        &[
            "leads",
            "export",
            "--workspace",
            &w,
            "--out",
            &e("leads.csv"),
        ],
        true,
    );
    run(&["leads", "train", "--workspace", &w, "--publish"], true);
    run(
        &[
            "leads",
            "decline",
            "--workspace",
            &w,
            "--lead",
            "no-such-lead",
            "--reason",
            "Others",
        ],
        false,
    );
    for report in ["renewal", "security"] {
        run(
            &[
                "report",
                "generate",
                "--workspace",
                &w,
                "--report",
                report,
                "--out",
                &e(&format!("{report}.csv")),
            ],
            true,
        );
    }
    let crm = exports.join("crm-in.csv");
    std::fs::write(&crm, format!("Account ID,Account Name\nC1,{CUSTOMER}\n")).expect("crm");
    run(
        &[
            "crm",
            "match",
            "--workspace",
            &w,
            "--crm",
            crm.to_str().expect("path"),
            "--out",
            &e("crm.csv"),
        ],
        true,
    );
    let mut history = String::from("customer,seats,won\n");
    for i in 0..300 {
        let won = if (i * 7 + i / 5) % 3 == 0 {
            "yes"
        } else {
            "no"
        };
        history.push_str(&format!("{CUSTOMER} {},{},{won}\n", i % 4, i % 50));
    }
    std::fs::write(exports.join("history.csv"), history).expect("history");
    run(
        &[
            "model",
            "train",
            "--data",
            &e("history.csv"),
            "--target",
            "won",
            "--positive",
            "yes",
            "--out",
            &e("model.json"),
        ],
        true,
    );
    run(
        &[
            "model",
            "evaluate",
            "--model",
            &e("model.json"),
            "--data",
            &e("history.csv"),
            "--target",
            "won",
            "--positive",
            "yes",
            "--json",
        ],
        true,
    );
    run(
        &[
            "model",
            "score",
            "--model",
            &e("model.json"),
            "--data",
            &e("history.csv"),
            "--out",
            &e("scored.csv"),
        ],
        true,
    );

    // Sync: offline, against the fake with the planted secret, and refused by a rotated one.
    run(
        &[
            "sync",
            "run",
            "--base-url",
            "http://127.0.0.1:9",
            "--workspace",
            &w,
        ],
        false,
    );
    let cloud = FakeCloud::start(Config {
        referrals: 30,
        client_secret: SECRET.into(),
        ..Config::default()
    })
    .expect("fake cloud");
    run(
        &[
            "sync",
            "run",
            "--base-url",
            &cloud.base_url(),
            "--workspace",
            &w,
        ],
        true,
    );
    run(&["sync", "queue", "--workspace", &w], true);
    let rotated = FakeCloud::start(Config {
        client_secret: "another secret entirely".into(),
        ..Config::default()
    })
    .expect("fake cloud");
    run(
        &[
            "sync",
            "run",
            "--base-url",
            &rotated.base_url(),
            "--workspace",
            &w,
        ],
        false,
    );
    drop((cloud, rotated));

    assert!(!contains(&printed, SECRET), "the secret was printed");
    let mut all = Vec::new();
    files(tmp.path(), &mut all);
    assert!(all.len() > 10, "{all:?}");
    let mut carrying = Vec::new();
    for path in &all {
        let bytes = std::fs::read(path).expect("read");
        assert!(
            !contains(&bytes, SECRET),
            "the secret is in {}",
            path.display()
        );
        if contains(&bytes, CUSTOMER) {
            carrying.push(path.clone());
        }
    }
    let asked_for: Vec<PathBuf> = [
        "o.csv",
        "opportunities.csv",
        "leads.csv",
        "renewal.csv",
        "security.csv",
        "crm.csv",
        "crm-in.csv",
        "history.csv",
        // A model keeps its categorical levels: the file trained on named the customers.
        "model.json",
        "scored.csv",
    ]
    .iter()
    .map(|n| exports.join(n))
    .collect();
    for path in &carrying {
        assert!(
            asked_for.contains(path),
            "the customer's name is in plaintext in {}",
            path.display()
        );
    }
    assert!(
        carrying.contains(&exports.join("leads.csv"))
            && carrying.contains(&exports.join("renewal.csv")),
        "the planted name reached the exports (else this test proves nothing): {carrying:?}"
    );
    println!(
        "{} files scanned; the customer's name only in {} exports",
        all.len(),
        carrying.len()
    );
}
