//! `partner-advisor leads export` with the UI's filters, and lead files through `import`.

use std::path::PathBuf;

use super::{cli, text, PASSPHRASE};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../formats/tests/fixtures/leads")
}

#[test]
fn exports_the_filtered_list_and_imports_lead_files() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let ws = tmp.path().join("demo");
    let out = cli(tmp.path())
        .args([
            "demo",
            "--customers",
            "200",
            "--seed",
            "3",
            "--as-of",
            "2026-10-31",
        ])
        .arg("--workspace")
        .arg(&ws)
        .env("PARTNER_ADVISOR_PASSPHRASE", PASSPHRASE)
        .output()
        .expect("run");
    assert!(out.status.success(), "{:?}", text(&out));

    let file = tmp.path().join("offer-leads.csv");
    let out = cli(tmp.path())
        .args([
            "leads",
            "export",
            "--type",
            "Offer",
            "--email-validity",
            "valid",
        ])
        .args(["--cta", "Contact me", "--cta", "Free trial", "--lang", "es"])
        .arg("--workspace")
        .arg(&ws)
        .arg("--out")
        .arg(&file)
        .env("PARTNER_ADVISOR_PASSPHRASE", PASSPHRASE)
        .output()
        .expect("run");
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    let written: usize = stdout
        .split_whitespace()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .expect("count in 'Wrote N leads'");
    assert!(written > 0, "{stdout}");
    let bytes = std::fs::read(&file).expect("file");
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let parsed = partner_advisor_formats::read_leads_export(&bytes).expect("read");
    assert_eq!(parsed.records.len(), written);
    for r in &parsed.records {
        assert_eq!(r.lead_type, Some(partner_advisor_domain::LeadType::Offer));
        assert_eq!(
            r.email_validity,
            Some(partner_advisor_domain::EmailValidity::Valid)
        );
        assert!(matches!(
            r.call_to_action,
            Some(
                partner_advisor_domain::CallToAction::ContactMe
                    | partner_advisor_domain::CallToAction::FreeTrial
            )
        ));
        assert!(r.created_at.is_some());
    }
    let header = String::from_utf8_lossy(&bytes[3..])
        .lines()
        .next()
        .unwrap()
        .to_owned();
    assert!(
        header.starts_with("LeadId;EngagementId;CustomerName"),
        "{header}"
    );

    // A value the filter does not know is refused with the list of those it does.
    let out = cli(tmp.path())
        .args(["leads", "export", "--status", "Sold"])
        .arg("--workspace")
        .arg(&ws)
        .arg("--out")
        .arg(tmp.path().join("never.csv"))
        .env("PARTNER_ADVISOR_PASSPHRASE", PASSPHRASE)
        .output()
        .expect("run");
    let (_, stderr) = text(&out);
    assert!(!out.status.success());
    assert!(
        stderr.contains("'Sold' is not one of") && stderr.contains("Received"),
        "{stderr}"
    );
    assert!(!tmp.path().join("never.csv").exists());

    // Lead files import through the same `import` command.
    let out = cli(tmp.path())
        .arg("import")
        .arg("--workspace")
        .arg(&ws)
        .arg(fixtures().join("referrals_page1.json"))
        .arg(fixtures().join("referrals_page2.json"))
        .env("PARTNER_ADVISOR_PASSPHRASE", PASSPHRASE)
        .output()
        .expect("run");
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.contains("Imported leads: "), "{stdout}");
    assert!(!stdout.contains("Imported leads: 0 added"), "{stdout}");

    // A malformed lead file: nothing imported, the line named, a non-zero status.
    let out = cli(tmp.path())
        .arg("import")
        .arg("--workspace")
        .arg(&ws)
        .arg(fixtures().join("bad_leads.csv"))
        .env("PARTNER_ADVISOR_PASSPHRASE", PASSPHRASE)
        .output()
        .expect("run");
    let (_, stderr) = text(&out);
    assert!(!out.status.success());
    assert!(stderr.contains("line 3"), "{stderr}");
}

/// `leads accept`, `win`, `decline` and `train` under Partner Center's lifecycle: a move it
/// forbids is refused with the reason, an unknown reason lists the known ones.
#[test]
fn lifecycle_commands_follow_partner_centers_rules() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let data = tmp.path().join("data");
    let ws = tmp.path().join("ws");
    super::passphrase_demo(&data, &ws, &["--customers", "20", "--seed", "8"]);
    let w = ws.to_str().expect("path");
    let received = super::query_text(
        &ws,
        "SELECT id FROM leads WHERE substatus = 'Received' ORDER BY id",
    );
    let run = |args: &[&str]| {
        let out = cli(&data)
            .args(args)
            .env("PARTNER_ADVISOR_PASSPHRASE", PASSPHRASE)
            .output()
            .expect("run");
        (out.status.success(), text(&out))
    };
    let (ok, (_, stderr)) = run(&["leads", "win", "--workspace", w, "--lead", &received]);
    assert!(!ok && stderr.contains(&received), "{stderr}");
    let (ok, (_, stderr)) = run(&[
        "leads",
        "decline",
        "--workspace",
        w,
        "--lead",
        &received,
        "--reason",
        "bored",
    ]);
    assert!(
        !ok && stderr.contains("Customer didn't respond"),
        "{stderr}"
    );
    let (ok, (stdout, stderr)) = run(&[
        "leads",
        "accept",
        "--workspace",
        w,
        "--lead",
        &received,
        "--deal-name",
        "Pilot",
        "--value",
        "1200",
        "--team",
        "Ana",
        "--close",
        "2027-02-01",
    ]);
    assert!(ok && stdout.contains("is now Accepted"), "{stdout}{stderr}");
    let (ok, (stdout, _)) = run(&["leads", "win", "--workspace", w, "--lead", &received]);
    assert!(ok && stdout.contains("is now Won"), "{stdout}");
    let (ok, (_, stderr)) = run(&[
        "leads",
        "decline",
        "--workspace",
        w,
        "--lead",
        &received,
        "--reason",
        "Others",
    ]);
    assert!(!ok && stderr.contains("archived"), "{stderr}");
    let (ok, (stdout, stderr)) = run(&["leads", "train", "--workspace", w]);
    assert!(ok && stdout.contains("kept as a draft"), "{stdout}{stderr}");
}
