//! `partner-advisor sync` end to end: credentials in the real keychain, a demo workspace, the
//! local fake of Microsoft's services; and what the partner reads when offline.

use partner_advisor_fake_cloud::{Config, FakeCloud, CLIENT_ID, CLIENT_SECRET, PARTNER_TENANT};

use super::{cli, set_credential, text, PASSPHRASE};

#[test]
fn sync_pulls_referrals_and_usage_with_keychain_credentials_and_says_when_offline() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let ws = tmp.path().join("demo");
    let out = cli(tmp.path())
        .args(["demo", "--customers", "25", "--seed", "3", "--workspace"])
        .arg(&ws)
        .env("PARTNER_ADVISOR_PASSPHRASE", PASSPHRASE)
        .output()
        .expect("demo");
    assert!(out.status.success(), "{:?}", text(&out));

    // Without credentials: what to set.
    let out = cli(tmp.path())
        .args([
            "sync",
            "run",
            "--base-url",
            "http://127.0.0.1:9",
            "--workspace",
        ])
        .arg(&ws)
        .env("PARTNER_ADVISOR_PASSPHRASE", PASSPHRASE)
        .output()
        .expect("sync");
    let (_, stderr) = text(&out);
    assert!(!out.status.success());
    assert!(stderr.contains("missingCredentials"), "{stderr}");

    set_credential(tmp.path(), "entra-tenant-id", PARTNER_TENANT);
    set_credential(tmp.path(), "entra-client-id", CLIENT_ID);
    set_credential(tmp.path(), "entra-client-secret", CLIENT_SECRET);

    // Offline: a clear message, exit status 1, nothing changed.
    let out = cli(tmp.path())
        .args([
            "sync",
            "run",
            "--base-url",
            "http://127.0.0.1:9",
            "--workspace",
        ])
        .arg(&ws)
        .env("PARTNER_ADVISOR_PASSPHRASE", PASSPHRASE)
        .output()
        .expect("sync");
    let (stdout, stderr) = text(&out);
    assert!(!out.status.success(), "{stdout}");
    assert!(stderr.contains("offline"), "{stderr}");
    assert!(!stderr.contains(CLIENT_SECRET));

    let cloud = FakeCloud::start(Config {
        referrals: 140,
        ..Config::default()
    })
    .expect("fake cloud");
    let out = cli(tmp.path())
        .args(["sync", "run", "--json", "--base-url"])
        .arg(cloud.base_url())
        .arg("--workspace")
        .arg(&ws)
        .env("PARTNER_ADVISOR_PASSPHRASE", PASSPHRASE)
        .output()
        .expect("sync");
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    let summary: serde_json::Value = serde_json::from_str(&stdout).expect("JSON summary");
    assert_eq!(summary["referralsReceived"], 140);
    assert_eq!(summary["leadsAdded"], 140);
    assert_eq!(summary["tenantsSynced"], 25);
    assert!(summary["snapshotId"].is_u64());
    assert!(!stdout.contains(CLIENT_SECRET) && !stderr.contains(CLIENT_SECRET));

    // The second run is incremental and in words.
    let out = cli(tmp.path())
        .args(["sync", "run", "--no-usage", "--base-url"])
        .arg(cloud.base_url())
        .arg("--workspace")
        .arg(&ws)
        .env("PARTNER_ADVISOR_PASSPHRASE", PASSPHRASE)
        .output()
        .expect("sync");
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.contains("changed since"), "{stdout}");
    assert!(stdout.contains("0 new leads"), "{stdout}");

    let out = cli(tmp.path())
        .args(["sync", "queue", "--workspace"])
        .arg(&ws)
        .env("PARTNER_ADVISOR_PASSPHRASE", PASSPHRASE)
        .output()
        .expect("queue");
    let (stdout, _) = text(&out);
    assert!(stdout.contains("No lead changes wait"), "{stdout}");
}
