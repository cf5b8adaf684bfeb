//! Crash safety: the binary killed with SIGKILL at random points during an import, a lead
//! scoring training, a report generation and a lead transition. After every kill the workspace
//! opens, `PRAGMA integrity_check` says ok, and its content is exactly what it was before the
//! command or exactly what an uninterrupted run leaves, never in between; a report file is
//! either absent or complete.
//!
//! `PARTNER_ADVISOR_CRASH_KILLS` sets the number of kills (100 by default, spread over the four
//! commands); `PARTNER_ADVISOR_CRASH_SEED` replays a run (the seed is printed).

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use partner_advisor_domain::SystemClock;
use partner_advisor_engine::opportunities;
use sqlx::Row;

use super::{cli, on_passphrase_workspace, passphrase_demo, query_text, text, PASSPHRASE};

/// A customer's tenant, to import usage for.
pub(crate) const FIRST_TENANT: &str = "SELECT tenant_id FROM customers ORDER BY tenant_id LIMIT 1";

/// Each table's row count and a hash of its rows (every column, in a stable order).
pub(crate) type Digest = BTreeMap<String, (i64, u64)>;

/// Opens the workspace as the app would (which completes an opportunities refresh that an
/// import did not live to run), checks its integrity and digests every table.
pub(crate) fn digest(ws: &Path) -> Digest {
    on_passphrase_workspace(ws, async |ws| {
        opportunities::refresh_if_behind(ws, &SystemClock)
            .await
            .expect("the opportunities catch up");
        let pool = ws.pool();
        let check: String = sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_one(pool)
            .await
            .expect("integrity_check");
        assert_eq!(check, "ok", "integrity_check after the kill");
        let tables: Vec<String> = sqlx::query_scalar(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
             ORDER BY name",
        )
        .fetch_all(pool)
        .await
        .expect("tables");
        let mut digest = Digest::new();
        for table in tables {
            let columns: Vec<String> =
                sqlx::query(&format!("SELECT name FROM pragma_table_info('{table}')"))
                    .fetch_all(pool)
                    .await
                    .expect("columns")
                    .iter()
                    .map(|r| r.get::<String, _>(0))
                    .collect();
            let row = columns
                .iter()
                .map(|c| format!("quote(\"{c}\")"))
                .collect::<Vec<_>>()
                .join(" || char(31) || ");
            let rows: Vec<String> =
                sqlx::query_scalar(&format!("SELECT {row} FROM \"{table}\" ORDER BY 1"))
                    .fetch_all(pool)
                    .await
                    .expect("rows");
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            rows.hash(&mut hasher);
            digest.insert(table, (rows.len() as i64, hasher.finish()));
        }
        digest
    })
}

/// Where a killed run left the workspace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Before,
    After,
}

/// Before: every table as it was. After: every table the command changes has the row count an
/// uninterrupted run leaves, and every table it does not change is exactly as it was. (Rows the
/// command writes carry the time they were written, so their hashes differ from run to run.)
fn classify(state: &Digest, before: &Digest, after: &Digest) -> Option<Outcome> {
    if state == before {
        return Some(Outcome::Before);
    }
    let matches_after = state.len() == after.len()
        && after.iter().all(|(table, (count, hash))| {
            let Some((c, h)) = state.get(table) else {
                return false;
            };
            let untouched = before.get(table) == Some(&(*count, *hash));
            c == count && (!untouched || h == hash)
        });
    matches_after.then_some(Outcome::After)
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read_dir") {
        let entry = entry.expect("entry");
        std::fs::copy(entry.path(), to.join(entry.file_name())).expect("copy");
    }
}

/// A small deterministic generator, so that a failing run can be replayed from its seed.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// One command run against a copy of the base workspace.
struct Operation {
    name: &'static str,
    args: Vec<String>,
    /// The report the command writes, checked for absent-or-complete.
    out: Option<PathBuf>,
}

impl Operation {
    fn command(&self, data: &Path, ws: &Path) -> Command {
        let mut command = cli(data);
        command
            .args(
                self.args
                    .iter()
                    .map(|a| a.replace("{ws}", &ws.display().to_string())),
            )
            .env("PARTNER_ADVISOR_PASSPHRASE", PASSPHRASE)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        command
    }
}

/// ActiveUserDetail with `users` concealed users: a usage report big enough for an import to
/// take a while.
fn big_usage_report(path: &Path, users: usize) {
    let header = "Report Refresh Date,User Principal Name,Display Name,Is Deleted,Deleted Date,\
Has Exchange License,Has OneDrive License,Has SharePoint License,Has Skype For Business License,\
Has Yammer License,Has Teams License,Exchange Last Activity Date,OneDrive Last Activity Date,\
SharePoint Last Activity Date,Skype For Business Last Activity Date,Yammer Last Activity Date,\
Teams Last Activity Date,Exchange License Assign Date,OneDrive License Assign Date,\
SharePoint License Assign Date,Skype For Business License Assign Date,\
Yammer License Assign Date,Teams License Assign Date,Assigned Products";
    let mut out = String::with_capacity(users * 300);
    out.push_str(header);
    out.push('\n');
    for i in 0..users {
        out.push_str(&format!(
            "2026-11-28,{i:032X},{:032X},False,,True,True,True,False,False,True,2026-11-{:02},\
2026-10-12,2026-09-30,,,2026-11-20,2021-01-10,2021-01-10,2021-01-10,,,2021-01-10,\
MICROSOFT 365 BUSINESS STANDARD\n",
            i * 7919,
            1 + i % 27
        ));
    }
    std::fs::write(path, out).expect("write the usage report");
}

fn run_to_end(op: &Operation, data: &Path, ws: &Path) -> Duration {
    let started = Instant::now();
    let out = op.command(data, ws).output().expect("run");
    assert!(out.status.success(), "{}: {:?}", op.name, text(&out));
    started.elapsed()
}

#[test]
fn sigkill_anywhere_leaves_the_workspace_before_or_after() {
    let kills: usize = std::env::var("PARTNER_ADVISOR_CRASH_KILLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100);
    let seed: u64 = std::env::var("PARTNER_ADVISOR_CRASH_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos() as u64)
                .unwrap_or(1)
        });
    println!("crash harness: {kills} kills, PARTNER_ADVISOR_CRASH_SEED={seed}");
    let mut rng = SplitMix(seed);

    let tmp = tempfile::tempdir().expect("tempdir");
    let data = tmp.path().join("data");
    let base = tmp.path().join("base");
    passphrase_demo(&data, &base, &["--customers", "400", "--seed", "11"]);
    let before = digest(&base);

    // A received lead to accept, and a tenant to import usage for.
    let lead = query_text(
        &base,
        "SELECT id FROM leads WHERE substatus = 'Received' ORDER BY id",
    );
    let tenant = query_text(&base, FIRST_TENANT);
    let usage = tmp.path().join("ActiveUserDetail.csv");
    big_usage_report(&usage, 40_000);
    let report = tmp.path().join("renewal.csv");

    let operations = [
        Operation {
            name: "import",
            args: vec![
                "import".into(),
                "--tenant".into(),
                tenant,
                "--as-of".into(),
                "2026-11-30".into(),
                "--workspace".into(),
                "{ws}".into(),
                usage.display().to_string(),
            ],
            out: None,
        },
        Operation {
            name: "lead scoring training",
            args: ["leads", "train", "--workspace", "{ws}"]
                .map(String::from)
                .to_vec(),
            out: None,
        },
        Operation {
            name: "report generation",
            args: vec![
                "report".into(),
                "generate".into(),
                "--workspace".into(),
                "{ws}".into(),
                "--report".into(),
                "renewal".into(),
                "--out".into(),
                report.display().to_string(),
            ],
            out: Some(report.clone()),
        },
        Operation {
            name: "lead transition",
            args: vec![
                "leads".into(),
                "accept".into(),
                "--workspace".into(),
                "{ws}".into(),
                "--lead".into(),
                lead,
                "--deal-name".into(),
                "Crash test".into(),
                "--value".into(),
                "25000".into(),
                "--currency".into(),
                "EUR".into(),
                "--team".into(),
                "Ana".into(),
                "--close".into(),
                "2027-03-31".into(),
            ],
            out: None,
        },
    ];

    for (index, op) in operations.iter().enumerate() {
        // The uninterrupted run: how long it takes and what it leaves.
        let reference = tmp.path().join(format!("reference-{index}"));
        copy_dir(&base, &reference);
        let duration = run_to_end(op, &data, &reference);
        let after = digest(&reference);
        let complete = op.out.as_ref().map(|p| {
            let bytes = std::fs::read(p).expect("the reference report");
            std::fs::remove_file(p).expect("remove");
            bytes
        });
        assert!(
            op.out.is_some() || after != before,
            "{} changes the workspace or writes a file",
            op.name
        );

        let share = kills / operations.len() + usize::from(index < kills % operations.len());
        let (mut at_before, mut at_after, mut finished) = (0, 0, 0);
        let (mut files_complete, mut files_absent) = (0, 0);
        for kill in 0..share {
            let ws = tmp.path().join(format!("kill-{index}-{kill}"));
            copy_dir(&base, &ws);
            // Anywhere from the start of the process to the end of an uninterrupted run.
            let delay = Duration::from_micros(rng.below(duration.as_micros() as u64));
            let mut child = op.command(&data, &ws).spawn().expect("spawn");
            std::thread::sleep(delay);
            let killed = child.try_wait().expect("try_wait").is_none();
            child.kill().ok();
            child.wait().expect("wait");
            let state = digest(&ws);
            let outcome = classify(&state, &before, &after).unwrap_or_else(|| {
                panic!(
                    "{}: killed after {delay:?} (seed {seed}), the workspace is neither before \
                     nor after the command:\n{}",
                    op.name,
                    differences(&state, &before, &after)
                )
            });
            match outcome {
                Outcome::Before => at_before += 1,
                Outcome::After => at_after += 1,
            }
            finished += usize::from(!killed);
            if let (Some(path), Some(complete)) = (&op.out, &complete) {
                match std::fs::read(path) {
                    Ok(bytes) => {
                        assert_eq!(
                            &bytes, complete,
                            "{}: killed after {delay:?}, the report is there but incomplete",
                            op.name
                        );
                        std::fs::remove_file(path).expect("remove");
                        files_complete += 1;
                    }
                    Err(e) => {
                        assert_eq!(e.kind(), std::io::ErrorKind::NotFound);
                        files_absent += 1;
                    }
                }
            }
            std::fs::remove_dir_all(&ws).ok();
        }
        let files = if op.out.is_some() {
            format!("; the report complete {files_complete} times, absent {files_absent} times")
        } else {
            String::new()
        };
        println!(
            "{:<22} {share:>3} kills within {:>5} ms: the workspace before {at_before} times, \
             after {at_after} times ({finished} runs had already finished){files}",
            op.name,
            duration.as_millis()
        );
    }
}

fn differences(state: &Digest, before: &Digest, after: &Digest) -> String {
    state
        .iter()
        .filter(|(t, d)| before.get(*t) != Some(d))
        .map(|(t, (count, _))| {
            format!(
                "  {t}: {count} rows (before {:?}, after {:?})",
                before.get(t).map(|d| d.0),
                after.get(t).map(|d| d.0)
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Ctrl-C (SIGINT) during an import of a big usage report: the import stops, says so, and the
/// workspace is exactly as before, at any moment of the import.
#[test]
fn ctrl_c_cancels_an_import_leaving_nothing_half_imported() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let data = tmp.path().join("data");
    let base = tmp.path().join("base");
    passphrase_demo(
        &data,
        &base,
        &["--customers", "30", "--months", "3", "--seed", "4"],
    );
    let before = digest(&base);
    let tenant = query_text(&base, FIRST_TENANT);
    let usage = tmp.path().join("ActiveUserDetail.csv");
    big_usage_report(&usage, 300_000);
    let (mut cancelled, mut early, mut finished) = (0, 0, 0);
    for (i, delay_ms) in [200u64, 600, 1200, 2000, 3000].into_iter().enumerate() {
        let ws = tmp.path().join(format!("ws-{i}"));
        copy_dir(&base, &ws);
        let child = cli(&data)
            .args([
                "import",
                "--tenant",
                &tenant,
                "--as-of",
                "2026-11-30",
                "--workspace",
            ])
            .arg(&ws)
            .arg(&usage)
            .env("PARTNER_ADVISOR_PASSPHRASE", PASSPHRASE)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        std::thread::sleep(Duration::from_millis(delay_ms));
        Command::new("kill")
            .args(["-INT", &child.id().to_string()])
            .status()
            .expect("kill -INT");
        let out = child.wait_with_output().expect("wait");
        let (stdout, stderr) = text(&out);
        if out.status.success() {
            // Finished before the signal: then it is all there.
            assert!(stdout.contains("Imported into snapshot"), "{stdout}");
            finished += 1;
            continue;
        }
        assert_eq!(digest(&ws), before, "cancelled after {delay_ms} ms");
        if out.status.code().is_none() {
            // The signal came before the handler was in place: the default action ended it.
            early += 1;
            continue;
        }
        assert!(
            stderr.contains("cancel") && stderr.contains("nothing was imported"),
            "{stderr}"
        );
        cancelled += 1;
    }
    // Early signals can land before the handler is in place (the default action then ends the
    // process, also harmless), late ones after the end on a fast machine.
    assert!(
        cancelled >= 2,
        "{cancelled} of 5 runs cancelled, {early} ended before the handler, {finished} finished"
    );
}
