//! The `partner-advisor` binary end to end: real encrypted workspaces, the real keychain (inside the
//! D-Bus session the test command provides), and a machine with no keychain at all.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

const PASSPHRASE: &str = "correct horse battery staple";

/// The keychain namespace of a data folder: tests run in parallel, and one test's credentials
/// must not be another's.
fn keychain_service(data_dir: &Path) -> String {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    data_dir.hash(&mut hasher);
    format!(
        "partner-advisor-cli-test-{}-{:x}",
        std::process::id(),
        hasher.finish()
    )
}

/// The binary with a private data folder and keychain namespace.
fn cli(data_dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_partner-advisor"));
    command
        .env("PARTNER_ADVISOR_DATA_DIR", data_dir)
        .env(
            "PARTNER_ADVISOR_KEYCHAIN_SERVICE",
            keychain_service(data_dir),
        )
        .env_remove("PARTNER_ADVISOR_PASSPHRASE");
    command
}

mod crash;
mod crm;
mod exports;
mod import;
mod leads;
mod malformed;
mod report;
mod secrets;
mod sync;

/// Stores a credential with `credentials set`, its value on standard input; returns the output.
fn set_credential(data_dir: &Path, kind: &str, value: &str) -> Output {
    let mut child = cli(data_dir)
        .args(["credentials", "set", kind])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(format!("{value}\n").as_bytes())
        .expect("write");
    let out = child.wait_with_output().expect("wait");
    assert!(out.status.success(), "{:?}", text(&out));
    out
}

/// Makes a passphrase demo workspace with the binary: `demo --as-of 2026-10-31` and `args`.
fn passphrase_demo(data: &Path, ws: &Path, args: &[&str]) {
    let out = cli(data)
        .arg("demo")
        .args(args)
        .args(["--as-of", "2026-10-31", "--workspace"])
        .arg(ws)
        .env("PARTNER_ADVISOR_PASSPHRASE", PASSPHRASE)
        .output()
        .expect("demo");
    assert!(out.status.success(), "{:?}", text(&out));
}

/// Runs `f` on the passphrase workspace at `ws`, opened as the app would, then closes it.
fn on_passphrase_workspace<T>(
    ws: &Path,
    f: impl AsyncFnOnce(&partner_advisor_store::Workspace) -> T,
) -> T {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let ws = partner_advisor_store::Workspace::open(
            ws,
            partner_advisor_store::KeySource::Passphrase(zeroize::Zeroizing::new(
                PASSPHRASE.into(),
            )),
            &partner_advisor_store::Keychain::with_service("partner-advisor-cli-test-workspace"),
        )
        .await
        .expect("the workspace opens");
        let value = f(&ws).await;
        ws.close().await;
        value
    })
}

/// The first value `sql` selects from the passphrase workspace at `ws`.
fn query_text(ws: &Path, sql: &str) -> String {
    on_passphrase_workspace(ws, async |ws| {
        sqlx::query_scalar(sql)
            .fetch_one(ws.pool())
            .await
            .unwrap_or_else(|e| panic!("{sql}: {e}"))
    })
}

fn text(output: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

mod demo {
    use super::*;

    #[test]
    fn creates_a_passphrase_workspace_and_info_reads_it_back() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let ws = tmp.path().join("demo");
        let out = cli(tmp.path())
            .args([
                "demo",
                "--customers",
                "60",
                "--seed",
                "7",
                "--as-of",
                "2026-10-31",
                "--workspace",
            ])
            .arg(&ws)
            .env("PARTNER_ADVISOR_PASSPHRASE", PASSPHRASE)
            .output()
            .expect("run");
        let (stdout, stderr) = text(&out);
        assert!(out.status.success(), "{stdout}\n{stderr}");
        assert!(stdout.contains("60 customers"), "{stdout}");
        assert!(stdout.contains("24 snapshots"), "{stdout}");
        assert!(stderr.is_empty(), "quiet when piped: {stderr}");

        let out = cli(tmp.path())
            .args(["workspace", "info", "--workspace"])
            .arg(&ws)
            .env("PARTNER_ADVISOR_PASSPHRASE", PASSPHRASE)
            .output()
            .expect("run");
        let (stdout, stderr) = text(&out);
        assert!(out.status.success(), "{stderr}");
        assert!(stdout.contains("2026-10-31"), "{stdout}");
        assert!(stdout.contains("Northwind"), "{stdout}");

        let out = cli(tmp.path())
            .args(["workspace", "info", "--workspace"])
            .arg(&ws)
            .env("PARTNER_ADVISOR_PASSPHRASE", "not the passphrase at all")
            .output()
            .expect("run");
        let (_, stderr) = text(&out);
        assert!(!out.status.success());
        assert!(stderr.contains("does not open this workspace"), "{stderr}");
        assert!(!stderr.contains("not the passphrase"), "{stderr}");
    }

    #[test]
    fn without_any_keychain_it_asks_for_a_passphrase_and_leaves_nothing_behind() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let ws = tmp.path().join("demo");
        let out = cli(tmp.path())
            .args(["demo", "--customers", "20", "--workspace"])
            .arg(&ws)
            .env_remove("DBUS_SESSION_BUS_ADDRESS")
            .env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
            .output()
            .expect("run");
        let (_, stderr) = text(&out);
        assert!(!out.status.success());
        assert!(stderr.contains("PARTNER_ADVISOR_PASSPHRASE"), "{stderr}");
        assert!(!ws.exists(), "no partial workspace");
        let leftovers: Vec<_> = std::fs::read_dir(tmp.path())
            .expect("list")
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().contains("partial"))
            .collect();
        assert!(leftovers.is_empty(), "no staging folder left");
    }

    #[test]
    fn bad_arguments_fail_with_a_message() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let out = cli(tmp.path())
            .args(["demo", "--customers", "0", "--workspace"])
            .arg(tmp.path().join("x"))
            .env("PARTNER_ADVISOR_PASSPHRASE", PASSPHRASE)
            .output()
            .expect("run");
        let (_, stderr) = text(&out);
        assert!(!out.status.success());
        assert!(
            stderr.contains("between 1 and 1000000 customers"),
            "{stderr}"
        );
    }
}

mod opportunities {
    use super::*;

    #[test]
    fn refresh_then_export_a_filtered_view_as_excel_csv() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let ws = tmp.path().join("demo");
        let run = |args: &[&str]| {
            let out = cli(tmp.path())
                .args(args)
                .env("PARTNER_ADVISOR_PASSPHRASE", PASSPHRASE)
                .output()
                .expect("run");
            let (stdout, stderr) = text(&out);
            assert!(out.status.success(), "{args:?}\n{stdout}\n{stderr}");
            stdout
        };
        let ws_arg = ws.to_str().expect("utf-8 path");
        run(&[
            "demo",
            "--customers",
            "300",
            "--seed",
            "3",
            "--as-of",
            "2026-10-31",
            "--workspace",
            ws_arg,
        ]);
        let refreshed = run(&["opportunities", "refresh", "--workspace", ws_arg]);
        assert!(refreshed.contains("Refreshed"), "{refreshed}");
        assert!(refreshed.contains("Churn risk"), "{refreshed}");
        let out = tmp.path().join("growth.csv");
        let exported = run(&[
            "opportunities",
            "export",
            "--workspace",
            ws_arg,
            "--type",
            "growth",
            "--lang",
            "es",
            "--out",
            out.to_str().expect("utf-8"),
        ]);
        assert!(exported.contains("Wrote"), "{exported}");
        let bytes = std::fs::read(&out).expect("csv");
        assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]), "UTF-8 BOM");
        let text = String::from_utf8(bytes[3..].to_vec()).expect("utf-8");
        let mut lines = text.split("\r\n");
        let header = lines.next().expect("header");
        assert!(header.starts_with("Customer ID;TPID;Customer Name;Opportunity Type"));
        let rows: Vec<&str> = lines.filter(|l| !l.is_empty()).collect();
        assert!(!rows.is_empty());
        // Spanish type name for growth, and no other type in a growth export.
        assert!(
            rows.iter()
                .all(|r| r.contains("crecimiento") || r.contains("Crecimiento")),
            "{}",
            rows[0]
        );

        // Thresholds are configurable, checked, and applied by a refresh.
        let saved = run(&[
            "opportunities",
            "settings",
            "--workspace",
            ws_arg,
            "--high",
            "0.95",
        ]);
        assert!(
            saved.contains("\"high\": 0.95") && saved.contains("Saved"),
            "{saved}"
        );
        let refused = cli(tmp.path())
            .args(["opportunities", "settings", "--workspace", ws_arg])
            .args(["--high", "0.2", "--medium", "0.5"])
            .env("PARTNER_ADVISOR_PASSPHRASE", PASSPHRASE)
            .output()
            .expect("run");
        assert!(!refused.status.success());
        assert!(
            text_of(&refused).contains("Medium"),
            "{}",
            text_of(&refused)
        );

        let bad = cli(tmp.path())
            .args(["opportunities", "export", "--workspace"])
            .arg(tmp.path().join("missing"))
            .args(["--out", "x.csv"])
            .env("PARTNER_ADVISOR_PASSPHRASE", PASSPHRASE)
            .output()
            .expect("run");
        assert!(!bad.status.success());
        assert!(!text_of(&bad).is_empty());
    }

    fn text_of(out: &Output) -> String {
        String::from_utf8_lossy(&out.stderr).into_owned()
    }
}
