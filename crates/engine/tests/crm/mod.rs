//! CRM matching (SPEC §6.4) on real encrypted demo workspaces: the demo's messy CRM list written
//! to a CSV file, imported, and matched against the latest snapshot, measured against the demo's
//! truth (which customer owns which account). Run with `-- --nocapture` for the figures.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::time::Instant;

use chrono::NaiveDate;
use partner_advisor_domain::CrmAccount;
use partner_advisor_engine::crm::{
    self, match_customers, CustomerKey, MatchMethod, MatchOptions, MatchTuning,
};
use partner_advisor_engine::demo::{create_demo_workspace, crm_account_owners, DemoConfig};
use partner_advisor_engine::jobs::{CancelToken, NoProgress};
use partner_advisor_formats::{Cell, Delimiter, ExcelCsvWriter};
use partner_advisor_store::tables::{customers, snapshots};
use partner_advisor_store::{KeySource, Keychain, Workspace};
use zeroize::Zeroizing;

const SEED: u64 = 42;

async fn demo(dir: &Path, customers: u32, months: u32) -> Workspace {
    let config = DemoConfig {
        months,
        ..DemoConfig::new(
            customers,
            SEED,
            NaiveDate::from_ymd_opt(2026, 10, 31).expect("date"),
        )
    };
    create_demo_workspace(
        dir,
        "CRM",
        KeySource::Passphrase(Zeroizing::new("crm matching test passphrase".into())),
        &config,
        &Keychain::with_service(format!("partner-advisor-test-{}", uuid::Uuid::new_v4())),
        &NoProgress,
        &CancelToken::new(),
    )
    .await
    .expect("demo workspace")
    .0
}

/// Writes accounts as a CRM export would: `;`-delimited UTF-8 with BOM, CRM-style headers.
fn write_crm_csv(path: &Path, accounts: &[CrmAccount]) {
    let file = std::fs::File::create(path).expect("create");
    let mut csv = ExcelCsvWriter::new(file, Delimiter::Semicolon).expect("writer");
    csv.row([
        "accountid",
        "Account Name",
        "Website",
        "TPID",
        "Country/Region",
    ])
    .expect("header");
    for a in accounts {
        csv.row([
            Cell::Text(&a.crm_id),
            Cell::Text(&a.name),
            Cell::from(a.domain.as_ref()),
            Cell::from(a.tpid.as_ref()),
            Cell::from(a.country.as_ref()),
        ])
        .expect("row");
    }
    csv.finish().expect("finish");
}

/// The latest snapshot's customers as matching keys, with their tenant IDs.
async fn customer_keys(ws: &Workspace) -> Vec<(String, CustomerKey)> {
    let mut conn = ws.pool().acquire().await.expect("conn");
    let (id, _) = snapshots::latest(&mut conn)
        .await
        .expect("latest")
        .expect("a snapshot");
    drop(conn);
    customers::as_of(ws.pool(), id)
        .await
        .expect("customers")
        .into_iter()
        .map(|c| {
            (
                c.tenant_id,
                CustomerKey {
                    name: c.name,
                    domain: c.primary_domain,
                    tpid: c.tpid,
                    country: c.country,
                },
            )
        })
        .collect()
}

/// Precision and recall of matches `(tenant_id, crm_id, method)` against the truth, overall and
/// for one method.
struct Scores {
    matched: usize,
    correct: usize,
    owners: usize,
}

impl Scores {
    fn precision(&self) -> f64 {
        self.correct as f64 / self.matched.max(1) as f64
    }
    fn recall(&self) -> f64 {
        self.correct as f64 / self.owners.max(1) as f64
    }
}

fn score<'a>(
    matches: impl Iterator<Item = (&'a str, &'a str)>,
    truth: &HashMap<String, String>,
    owners: usize,
) -> Scores {
    let mut matched = 0;
    let mut correct = 0;
    for (tenant, crm_id) in matches {
        matched += 1;
        if truth.get(crm_id).is_some_and(|t| t == tenant) {
            correct += 1;
        }
    }
    Scores {
        matched,
        correct,
        owners,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn matches_the_demo_crm_list_with_high_precision_and_recall() {
    const CUSTOMERS: u32 = 3_000;
    let dir = tempfile::tempdir().expect("tempdir");
    let ws = demo(&dir.path().join("ws"), CUSTOMERS, 3).await;

    // The demo's stored list, written out as a CRM export and imported back.
    let stored = crm::stored_accounts(&ws).await.expect("stored");
    let csv = dir.path().join("crm.csv");
    write_crm_csv(&csv, &stored);
    let imported = crm::import_accounts(&ws, &csv).await.expect("import");
    assert_eq!(imported.accounts, stored.len() as u64);
    assert_eq!(imported.replaced, stored.len() as u64);
    assert_eq!(imported.delimiter, ';');
    // The file reader trims values (sellers leave trailing spaces); otherwise the list is stored
    // as read, in the same (CRM ID) order.
    let accounts = crm::read_accounts_file(&csv).expect("read").accounts;
    let again = crm::stored_accounts(&ws).await.expect("again");
    assert!(again == accounts, "the stored list is the file's");
    assert!(stored
        .iter()
        .zip(&accounts)
        .all(|(s, a)| s.crm_id == a.crm_id && s.name.trim() == a.name));

    let truth: HashMap<String, String> = crm_account_owners(SEED, CUSTOMERS).into_iter().collect();
    let keys = customer_keys(&ws).await;
    let present: HashSet<&str> = keys.iter().map(|(t, _)| t.as_str()).collect();
    let owners = truth
        .values()
        .filter(|t| present.contains(t.as_str()))
        .count();

    let out = dir.path().join("matches.csv");
    let started = Instant::now();
    let options = MatchOptions {
        preview: usize::MAX,
        ..MatchOptions::default()
    };
    let summary = crm::match_accounts(&ws, &accounts, &out, &options, &CancelToken::new())
        .await
        .expect("match");
    let elapsed = started.elapsed();
    assert!(!partner_advisor_engine::propensity::report::part_path(&out).exists());
    assert_eq!(summary.customers, keys.len() as u64);
    assert_eq!(
        summary.by_domain + summary.by_name + summary.by_tpid + summary.unmatched,
        summary.customers
    );
    let rows = &summary.preview;
    assert_eq!(rows.len() as u64, summary.customers);
    let matched = |m: Option<MatchMethod>| {
        rows.iter()
            .filter(move |r| m.is_none_or(|m| r.method == m))
            .filter_map(|r| Some((r.tenant_id.as_str(), r.crm_id.as_deref()?)))
    };
    let all = score(matched(None), &truth, owners);
    println!(
        "figure: CRM matching of {} customers against {} accounts ({} owned by a customer of the \
         latest snapshot): {:.0} ms",
        summary.customers,
        accounts.len(),
        owners,
        elapsed.as_secs_f64() * 1000.0
    );
    println!(
        "figure: matched by domain {}, name {}, TPID {}; unmatched {}; accounts unused {}",
        summary.by_domain,
        summary.by_name,
        summary.by_tpid,
        summary.unmatched,
        summary.accounts_unused
    );
    println!(
        "figure: overall precision {:.4} recall {:.4} ({} of {} matches correct)",
        all.precision(),
        all.recall(),
        all.correct,
        all.matched
    );
    for method in [MatchMethod::Domain, MatchMethod::Name, MatchMethod::Tpid] {
        let s = score(matched(Some(method)), &truth, owners);
        println!(
            "figure:   {:<6} precision {:.4} ({} of {})",
            method.as_str(),
            s.precision(),
            s.correct,
            s.matched
        );
    }

    // The threshold sweep the default was chosen from: name matching alone (no domains, no
    // TPIDs), so every owner must be found by its name.
    let names_only: Vec<CrmAccount> = accounts
        .iter()
        .map(|a| CrmAccount {
            domain: None,
            tpid: None,
            ..a.clone()
        })
        .collect();
    let customer_keys: Vec<CustomerKey> = keys.iter().map(|(_, k)| k.clone()).collect();
    let mut at_default = None;
    for threshold in [0.70, 0.75, 0.80, 0.85, 0.90, 0.95] {
        let tuning = MatchTuning {
            name_threshold: threshold,
            ..MatchTuning::default()
        };
        let assigned = match_customers(&customer_keys, &names_only, &tuning);
        let pairs = keys.iter().zip(&assigned).filter_map(|((t, _), a)| {
            a.map(|a| (t.as_str(), names_only[a.account].crm_id.as_str()))
        });
        let s = score(pairs, &truth, owners);
        println!(
            "figure: names only, threshold {threshold:.2}: precision {:.4} recall {:.4}",
            s.precision(),
            s.recall()
        );
        if threshold == crm::matching::NAME_THRESHOLD {
            at_default = Some(s);
        }
    }
    let names = at_default.expect("the default is in the sweep");

    // Floors a little under the measured figures (1.0 and 1.0 overall; 1.0 and 0.9955 on names
    // alone at 0.85, see the crm module documentation), so a change to the generator's mess does
    // not fail the test while a matcher that lets wrong matches in does.
    assert!(all.precision() >= 0.995, "precision {}", all.precision());
    assert!(all.recall() >= 0.98, "recall {}", all.recall());
    assert!(
        names.precision() >= 0.995,
        "names precision {}",
        names.precision()
    );
    assert!(names.recall() >= 0.97, "names recall {}", names.recall());

    // The file: BOM, header, one row per customer, same rows as the summary.
    let bytes = std::fs::read(&out).expect("csv");
    assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]));
    let table = partner_advisor_formats::read_table(&bytes).expect("parse");
    assert_eq!(
        table.header.to_vec(),
        crm::OUTPUT_COLUMNS.map(str::to_owned).to_vec()
    );
    assert_eq!(table.rows.len() as u64, summary.customers);
    for (record, row) in table.rows.iter().zip(rows) {
        assert_eq!(record.get(0), Some(row.tenant_id.as_str()));
        assert_eq!(
            record.get(4).filter(|v| !v.is_empty()),
            row.crm_id.as_deref()
        );
        assert_eq!(record.get(6), Some(row.method.as_str()));
    }
    ws.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_list_changes_nothing_and_a_failed_match_leaves_no_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ws = demo(&dir.path().join("ws"), 60, 2).await;
    let before = crm::stored_accounts(&ws).await.expect("stored");
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "Id,Name\r\n1,Good\r\n1,Same ID\r\n").expect("write");
    let err = crm::import_accounts(&ws, &bad).await.expect_err("refused");
    assert!(err.to_string().contains("line 3"), "{err}");
    assert_eq!(crm::stored_accounts(&ws).await.expect("after"), before);

    let out = dir.path().join("no-such-folder").join("m.csv");
    let err = crm::match_accounts(
        &ws,
        &before,
        &out,
        &MatchOptions::default(),
        &CancelToken::new(),
    )
    .await
    .expect_err("no folder");
    assert!(err.to_string().contains("cannot create"), "{err}");
    assert!(!out.exists());

    let preview = crm::preview_matches(
        &ws,
        &before,
        &MatchOptions {
            preview: 5,
            ..Default::default()
        },
    )
    .await
    .expect("preview");
    assert_eq!(preview.preview.len(), 5);
    assert_eq!(preview.path, None);
    ws.close().await;
}
