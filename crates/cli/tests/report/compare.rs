//! `partner-advisor import` of a CloudAscent download, `report imports` and `report compare`:
//! the app's own M365 report imported back agrees completely.

use super::super::*;

#[test]
fn imports_a_cloudascent_download_and_compares_it() {
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
        "80",
        "--seed",
        "9",
        "--as-of",
        "2026-10-31",
        "--workspace",
        ws_arg,
    ]);
    assert!(demo.status.success(), "{:?}", text(&demo));
    let out = tmp.path().join("m365.csv");
    let out_arg = out.to_str().expect("utf-8");
    let done = run(&[
        "report",
        "generate",
        "--workspace",
        ws_arg,
        "--report",
        "m365",
        "--out",
        out_arg,
    ]);
    assert!(done.status.success(), "{:?}", text(&done));

    let imported = run(&["import", "--workspace", ws_arg, out_arg]);
    let (stdout, stderr) = text(&imported);
    assert!(imported.status.success(), "{stdout}\n{stderr}");
    assert!(
        stdout.contains("Imported m365.csv as CloudAscent import 1: the m365 report, 80 rows"),
        "{stdout}"
    );

    let listed = run(&["report", "imports", "--workspace", ws_arg]);
    let (stdout, _) = text(&listed);
    assert!(stdout.starts_with("1\tm365\t"), "{stdout}");

    let compared = run(&["report", "compare", "--workspace", ws_arg, "--import", "1"]);
    let (stdout, stderr) = text(&compared);
    assert!(compared.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.contains("80 rows matched"), "{stdout}");
    assert!(stdout.contains("cluster agreement 100.0%"), "{stdout}");
    assert!(
        stdout.contains("M365\t80\t100.0%\t100.0%\t1.000\t1.000"),
        "{stdout}"
    );

    let missing = run(&["report", "compare", "--workspace", ws_arg, "--import", "7"]);
    assert!(!missing.status.success());
}
