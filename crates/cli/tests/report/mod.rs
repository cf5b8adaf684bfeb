//! `partner-advisor report generate` end to end on an encrypted demo workspace.

mod compare;

use super::*;

#[test]
fn generates_a_report_and_refuses_an_unknown_one() {
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
        "120",
        "--seed",
        "4",
        "--as-of",
        "2026-10-31",
        "--workspace",
        ws_arg,
    ]);
    assert!(demo.status.success(), "{:?}", text(&demo));

    let out = tmp.path().join("azure.csv");
    let done = run(&[
        "report",
        "generate",
        "--workspace",
        ws_arg,
        "--report",
        "azure",
        "--lang",
        "fr",
        "--columns",
        "AzureIntent, AccountName,AzureCluster",
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    let (stdout, stderr) = text(&done);
    assert!(done.status.success(), "{stdout}\n{stderr}");
    assert!(
        stdout.contains("120 rows") && stdout.contains("MB"),
        "{stdout}"
    );
    let bytes = std::fs::read(&out).expect("csv");
    assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]), "UTF-8 BOM");
    let text_out = String::from_utf8(bytes[3..].to_vec()).expect("utf-8");
    let lines: Vec<&str> = text_out.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines[0], "AccountName;AzureIntent;AzureCluster");
    assert_eq!(lines.len(), 121);

    let refused = run(&[
        "report",
        "generate",
        "--workspace",
        ws_arg,
        "--report",
        "excel",
        "--out",
        tmp.path().join("x.csv").to_str().expect("utf-8"),
    ]);
    assert!(!refused.status.success());
    let (_, stderr) = text(&refused);
    assert!(
        stderr.contains("excel") && stderr.contains("renewal"),
        "{stderr}"
    );

    let unknown_column = run(&[
        "report",
        "generate",
        "--workspace",
        ws_arg,
        "--report",
        "m365",
        "--columns",
        "Bogus",
        "--out",
        tmp.path().join("y.csv").to_str().expect("utf-8"),
    ]);
    assert!(!unknown_column.status.success());
    let (_, stderr) = text(&unknown_column);
    assert!(
        stderr.contains("Bogus") && stderr.contains("M365Fit"),
        "{stderr}"
    );
    assert!(!tmp.path().join("y.csv").exists());
}
