//! `partner-advisor import` on a passphrase demo workspace: the real Graph samples for one
//! tenant, and a refused import with its lines on stderr and a non-zero exit.

use std::path::{Path, PathBuf};

use partner_advisor_store::tables::{customers, snapshots};
use partner_advisor_store::{KeySource, Keychain, Workspace};
use zeroize::Zeroizing;

use super::{cli, text, PASSPHRASE};

fn samples() -> PathBuf {
    let dir = std::env::var_os("PARTNER_ADVISOR_TESTSUITES")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/testsuites")
        })
        .join("microsoft_formats/graph_usage_reports");
    assert!(dir.is_dir(), "Graph samples not at {}", dir.display());
    dir
}

/// A small demo workspace made by the binary; returns a customer's tenant ID and the number of
/// snapshots.
fn demo(data: &Path, ws: &Path) -> (String, usize) {
    let out = cli(data)
        .args(["demo", "--customers", "12", "--months", "3", "--seed", "5"])
        .args(["--as-of", "2026-10-31", "--workspace"])
        .arg(ws)
        .env("PARTNER_ADVISOR_PASSPHRASE", PASSPHRASE)
        .output()
        .expect("run");
    assert!(out.status.success(), "{:?}", text(&out));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let ws = Workspace::open(
            ws,
            KeySource::Passphrase(Zeroizing::new(PASSPHRASE.into())),
            &Keychain::with_service("partner-advisor-cli-import-test"),
        )
        .await
        .expect("open");
        let list = snapshots::list_with_contents(ws.pool())
            .await
            .expect("snapshots");
        let tenant = customers::as_of(ws.pool(), list[0].snapshot.id)
            .await
            .expect("customers")[0]
            .tenant_id
            .clone();
        ws.close().await;
        (tenant, list.len())
    })
}

#[test]
fn imports_the_graph_samples_and_refuses_bad_files_with_their_lines() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let ws = tmp.path().join("ws");
    let (tenant, snapshots) = demo(tmp.path(), &ws);
    assert_eq!(snapshots, 3);

    let out = cli(tmp.path())
        .args([
            "import",
            "--tenant",
            &tenant,
            "--as-of",
            "2026-11-30",
            "--workspace",
        ])
        .arg(&ws)
        .arg(samples().join("tenant-activeuserdetail.text.csv"))
        .arg(samples().join("teams-useractivityuserdetail.text.csv"))
        .env("PARTNER_ADVISOR_PASSPHRASE", PASSPHRASE)
        .output()
        .expect("run");
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.contains("getOffice365ActiveUserDetail"), "{stdout}");
    assert!(stdout.contains("user names concealed"), "{stdout}");
    assert!(stdout.contains("Imported into snapshot"), "{stdout}");
    assert!(stderr.is_empty(), "quiet when piped: {stderr}");

    let info = cli(tmp.path())
        .args(["workspace", "info", "--workspace"])
        .arg(&ws)
        .env("PARTNER_ADVISOR_PASSPHRASE", PASSPHRASE)
        .output()
        .expect("run");
    let (stdout, _) = text(&info);
    assert!(stdout.contains("2026-11-30  import"), "{stdout}");

    // A malformed sample and no tenant: refused, every problem on stderr, nothing written.
    let out = cli(tmp.path())
        .args(["import", "--workspace"])
        .arg(&ws)
        .arg(samples().join("tenant-activeuserdetail.csv.csv"))
        .env("PARTNER_ADVISOR_PASSPHRASE", PASSPHRASE)
        .output()
        .expect("run");
    let (stdout, stderr) = text(&out);
    assert!(!out.status.success(), "{stdout}");
    assert!(stderr.contains("line 2"), "{stderr}");
    assert!(stderr.contains("26 fields"), "{stderr}");
    assert!(stderr.contains("--tenant"), "{stderr}");
    assert!(stderr.contains("nothing was imported"), "{stderr}");
    let after = cli(tmp.path())
        .args(["workspace", "info", "--workspace"])
        .arg(&ws)
        .env("PARTNER_ADVISOR_PASSPHRASE", PASSPHRASE)
        .output()
        .expect("run");
    // The same snapshots and totals (the file size may move as SQLite checkpoints its log).
    let without_size = |out: &str| -> Vec<String> {
        out.lines()
            .filter(|l| !l.contains(" MB"))
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(
        without_size(&text(&after).0),
        without_size(&text(&info).0),
        "the workspace is unchanged"
    );
}
