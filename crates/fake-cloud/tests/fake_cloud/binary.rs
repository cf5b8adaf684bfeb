use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use partner_advisor_fake_cloud::{PARTNER_CENTER_SCOPE, PARTNER_TENANT};

use crate::client::{get, token};

#[test]
fn the_binary_prints_its_address_and_stops_when_stdin_closes() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_partner-advisor-fake-cloud"))
        .args([
            "--port",
            "0",
            "--referrals",
            "30",
            "--seed",
            "9",
            "--exit-on-stdin-eof",
        ])
        .args(["--forbid-tenant", "fabrikam.onmicrosoft.com"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let base = line
        .trim()
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("{line}"))
        .to_owned();
    assert!(base.starts_with("http://127.0.0.1:"));
    let t = token(&base, PARTNER_TENANT, PARTNER_CENTER_SCOPE);
    let page = get(&format!("{base}/v1.0/engagements/referrals"), Some(&t)).json();
    assert_eq!(page["totalCount"], 30);

    drop(child.stdin.take());
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success());
            break;
        }
        if started.elapsed() > Duration::from_secs(10) {
            child.kill().unwrap();
            panic!("the fake cloud did not stop when its stdin closed");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}
