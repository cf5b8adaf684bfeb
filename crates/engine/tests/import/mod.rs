//! Importing files into a small encrypted demo workspace: the real Microsoft Graph usage report
//! samples (shared/testsuites), the Lighthouse export, bad input of every kind, and the promise
//! that a refused, failed or cancelled import leaves the workspace exactly as it was.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use chrono::{NaiveDate, TimeZone, Utc};
use partner_advisor_domain::{Customer, FixedClock, SnapshotSource, Workload};
use partner_advisor_engine::demo::{create_demo_workspace, DemoConfig};
use partner_advisor_engine::import::{import_files, ImportOptions, ImportSummary, Severity};
use partner_advisor_engine::jobs::{CancelToken, NoProgress, Step};
use partner_advisor_engine::EngineError;
use partner_advisor_store::tables::{customers, imported_opportunities, snapshots, usage};
use partner_advisor_store::{KeySource, Keychain, Workspace};
use zeroize::Zeroizing;

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

fn sample(name: &str) -> PathBuf {
    samples().join(name)
}

fn clock() -> FixedClock {
    FixedClock(
        Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0)
            .single()
            .expect("time"),
    )
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

/// A demo workspace of 40 customers and 6 monthly snapshots, as of 2026-10-31.
async fn demo(dir: &Path) -> Workspace {
    let config = DemoConfig {
        months: 6,
        ..DemoConfig::new(40, 11, date(2026, 10, 31))
    };
    let (ws, _) = create_demo_workspace(
        dir,
        "Demo",
        KeySource::Passphrase(Zeroizing::new("import test passphrase".into())),
        &config,
        &Keychain::with_service(format!("partner-advisor-test-{}", uuid::Uuid::new_v4())),
        &NoProgress,
        &CancelToken::new(),
    )
    .await
    .expect("demo workspace");
    ws
}

async fn latest_customers(ws: &Workspace) -> Vec<Customer> {
    let list = snapshots::list_with_contents(ws.pool())
        .await
        .expect("snapshots");
    customers::as_of(ws.pool(), list[0].snapshot.id)
        .await
        .expect("customers")
}

/// Everything the workspace holds, as text: snapshots with their contents, totals.
async fn dump(ws: &Workspace) -> String {
    let mut out = String::new();
    for s in snapshots::list_with_contents(ws.pool())
        .await
        .expect("snapshots")
    {
        writeln!(out, "{s:?}").ok();
    }
    writeln!(
        out,
        "{:?}",
        snapshots::totals(ws.pool()).await.expect("totals")
    )
    .ok();
    writeln!(
        out,
        "opportunities {}",
        imported_opportunities::count(ws.pool())
            .await
            .expect("count")
    )
    .ok();
    out
}

async fn run(ws: &Workspace, files: &[PathBuf], tenant: Option<&str>) -> ImportSummary {
    import_files(
        ws,
        files,
        &ImportOptions {
            tenant_id: tenant.map(str::to_owned),
            as_of: Some(date(2026, 11, 30)),
        },
        &clock(),
        &NoProgress,
        &CancelToken::new(),
    )
    .await
    .expect("the import runs")
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write fixture");
    path
}

fn print(summary: &ImportSummary) {
    for file in &summary.files {
        println!("{file}");
    }
    for line in &summary.errors {
        println!("error: {line}");
    }
    for note in &summary.notes {
        println!("note: {note}");
    }
}

#[tokio::test]
async fn the_real_graph_samples_become_a_new_snapshot_for_one_tenant() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let ws = demo(&tmp.path().join("ws")).await;
    let before = snapshots::list_with_contents(ws.pool())
        .await
        .expect("snapshots");
    let customers_before = latest_customers(&ws).await;
    let tenant = customers_before[3].tenant_id.clone();
    let files: Vec<PathBuf> = [
        "tenant-activeuserdetail.text.csv",
        "teams-useractivityuserdetail.text.csv",
        "outlook-mailactivityuserdetail.csv.csv",
        "onedrive-usageaccountdetail.text.csv",
        "spo-activityuserdetail.text.csv",
        "spo-siteusagedetail.text.csv",
        "tenant-activeusercounts.text.csv",
        "onedrive-usagestorage.csv.csv",
    ]
    .iter()
    .map(|f| sample(f))
    .collect();
    let summary = run(&ws, &files, Some(&tenant)).await;
    print(&summary);
    assert!(summary.succeeded(), "{:?}", summary.error_lines());
    assert_eq!(summary.files.len(), files.len());
    assert!(summary.files.iter().all(|f| f.errors().next().is_none()));
    assert!(summary.files[0].concealed, "hashed names are flagged");
    assert!(
        summary.files[7]
            .notes
            .iter()
            .any(|n| n.contains("not a per-user report")),
        "an unused report is named and left out"
    );
    assert!(
        summary
            .notes
            .iter()
            .any(|n| n.contains("months without usage")),
        "missing months are reported: {:?}",
        summary.notes
    );

    // One new snapshot, the latest, carrying every customer forward.
    let after = snapshots::list_with_contents(ws.pool())
        .await
        .expect("snapshots");
    assert_eq!(after.len(), before.len() + 1);
    let new = &after[0];
    assert_eq!(Some(new.snapshot.id), summary.snapshot_id);
    assert_eq!(new.snapshot.source, SnapshotSource::Import);
    assert_eq!(new.snapshot.as_of, date(2026, 11, 30));
    let label = new.label.as_deref().unwrap_or("");
    assert!(
        label.contains("tenant-activeuserdetail.text.csv"),
        "{label}"
    );
    assert_eq!(new.customers, before[0].customers);
    assert_eq!(new.subscriptions, before[0].subscriptions);
    assert_eq!(new.security_signals, before[0].security_signals);
    assert_eq!(new.leads, 0);
    assert_eq!(latest_customers(&ws).await, customers_before);

    // Usage of the chosen tenant only, in the reports' months.
    assert_eq!(new.usage_rows, summary.usage_rows);
    assert!(new.user_activity_rows >= 3, "{new:?}");
    let history = usage::history_of_customer(ws.pool(), &tenant)
        .await
        .expect("history");
    let imported: Vec<_> = history
        .iter()
        .filter(|u| u.month < date(2024, 1, 1))
        .collect();
    let months: Vec<NaiveDate> = imported.iter().map(|u| u.month).collect();
    assert!(months.contains(&date(2022, 10, 1)), "{months:?}");
    assert!(months.contains(&date(2023, 1, 1)), "{months:?}");
    let teams = imported
        .iter()
        .find(|u| u.month == date(2022, 10, 1) && u.workload == Workload::Teams)
        .expect("Teams in October 2022");
    // Two users: the active user detail's (licensed, idle in October) and the Teams report's
    // (licensed, active on 2022-10-26).
    assert_eq!((teams.assigned, teams.active), (2, 1));
    assert!(
        !imported
            .iter()
            .any(|u| u.month == date(2022, 10, 1) && u.workload == Workload::CoreApps),
        "no report covers Microsoft 365 Apps: it stays missing"
    );
    for other in customers_before.iter().filter(|c| c.tenant_id != tenant) {
        let history = usage::history_of_customer(ws.pool(), &other.tenant_id)
            .await
            .expect("history");
        assert!(
            history.iter().all(|u| u.month >= date(2024, 1, 1)),
            "no usage invented for other tenants"
        );
    }
    ws.close().await;
}

#[tokio::test]
async fn bad_input_is_refused_with_lines_and_nothing_is_half_imported() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let ws = demo(&tmp.path().join("ws")).await;
    let customers = latest_customers(&ws).await;
    let (tenant, other) = (&customers[0], &customers[1]);
    let before = dump(&ws).await;

    let teams_other = write(
        tmp.path(),
        "teams-other.csv",
        &format!(
            "Report Refresh Date,User Id,User Principal Name,Last Activity Date,Is Deleted,Deleted Date,Assigned Products,Team Chat Message Count,Private Chat Message Count,Call Count,Meeting Count,Tenant Display Name,Is Licensed,Report Period\n\
             2026-11-28,1,6E55A185B405B6F2A6804BB7897C8AAB,2026-11-26,False,,MICROSOFT 365 BUSINESS STANDARD,5,0,0,0,\"{}\",Yes,30\n",
            other.name
        ),
    );
    let missing_column = write(
        tmp.path(),
        "email-missing-column.csv",
        "Report Refresh Date,User Principal Name,Display Name,Is Deleted,Send Count,Receive Count\n\
         2026-11-28,a@x.com,A,False,1,2\n",
    );
    let malformed = sample("tenant-activeuserdetail.csv.csv");
    let bad_date = write(
        tmp.path(),
        "email-bad-date.csv",
        "Report Refresh Date,User Principal Name,Last Activity Date,Send Count,Receive Count,Report Period\n\
         2026-11-28,a@x.com,2026-11-02,1,1,30\n\
         2026-11-28,b@x.com,\"2026-11-31\",1,1,30\n",
    );
    let unknown = write(tmp.path(), "notes.csv", "Name;Phone\nAda;123\n");
    let missing_file = tmp.path().join("does-not-exist.csv");
    let files = vec![
        sample("outlook-mailactivityuserdetail.csv.csv"),
        teams_other,
        missing_column,
        malformed,
        bad_date,
        unknown,
        missing_file,
    ];
    let summary = run(&ws, &files, Some(&tenant.tenant_id)).await;
    print(&summary);
    assert!(!summary.succeeded());
    let errors =
        |i: usize| -> Vec<String> { summary.files[i].errors().map(ToString::to_string).collect() };
    assert!(errors(0).is_empty(), "the good file has no error");
    assert!(
        errors(1)
            .iter()
            .any(|e| e.contains("another customer") && e.contains(&other.name)),
        "{:?}",
        errors(1)
    );
    assert!(
        errors(2)
            .iter()
            .any(|e| e.contains("required columns missing: Last Activity Date")),
        "{:?}",
        errors(2)
    );
    assert!(
        errors(3)
            .iter()
            .any(|e| e.contains("line 2") && e.contains("26 fields, the header 24")),
        "{:?}",
        errors(3)
    );
    assert!(
        errors(4).iter().any(|e| e.contains("line 3")
            && e.contains("Last Activity Date")
            && e.contains("2026-11-31")),
        "{:?}",
        errors(4)
    );
    assert!(
        errors(5).iter().any(|e| e.contains("not a format")),
        "{:?}",
        errors(5)
    );
    assert!(
        errors(6).iter().any(|e| e.contains("cannot read")),
        "{:?}",
        errors(6)
    );
    assert!(summary.error_lines().len() >= 6);
    assert_eq!(dump(&ws).await, before, "nothing written");

    // Usage reports without a tenant, or for a tenant the workspace does not hold.
    let good = vec![sample("outlook-mailactivityuserdetail.csv.csv")];
    let summary = run(&ws, &good, None).await;
    assert!(!summary.succeeded());
    assert!(
        summary.error_lines()[0].contains("do not name their tenant"),
        "{:?}",
        summary.error_lines()
    );
    let summary = run(&ws, &good, Some("00000000-dead-beef-0000-000000000000")).await;
    assert!(!summary.succeeded());
    assert!(
        summary.error_lines()[0].contains("not a customer of this workspace"),
        "{:?}",
        summary.error_lines()
    );
    assert_eq!(dump(&ws).await, before, "nothing written");
    ws.close().await;
}

#[tokio::test]
async fn duplicates_and_unknown_workloads_are_reported_but_not_fatal() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let ws = demo(&tmp.path().join("ws")).await;
    let tenant = latest_customers(&ws).await[2].clone();
    let detail = write(
        tmp.path(),
        "active-users.csv",
        "\u{feff}Report Refresh Date;User Principal Name;Is Deleted;Has Exchange License;Has OneDrive License;Has SharePoint License;Has Teams License;Has Copilot License;Exchange Last Activity Date;OneDrive Last Activity Date;SharePoint Last Activity Date;Teams Last Activity Date;Copilot Last Activity Date;Assigned Products\r\n\
         28/11/2026;ada@x.com;False;True;True;True;True;True;02/11/2026;;;20/11/2026;;MICROSOFT 365 BUSINESS PREMIUM\r\n\
         28/11/2026;ADA@x.com;False;True;True;True;True;True;03/11/2026;;;;;MICROSOFT 365 BUSINESS PREMIUM\r\n\
         28/11/2026;bob@x.com;True;True;True;True;True;False;01/11/2026;;;;;\r\n\
         28/11/2026;cy@x.com;False;True;False;False;False;False;15/10/2026;;;;;EXCHANGE ONLINE (PLAN 1)\r\n",
    );
    let summary = run(&ws, &[detail], Some(&tenant.primary_domain)).await;
    print(&summary);
    assert!(summary.succeeded(), "{:?}", summary.error_lines());
    let report = &summary.files[0];
    assert_eq!(report.delimiter, Some(';'));
    let duplicate = report
        .problems
        .iter()
        .find(|p| p.severity == Severity::Warning)
        .expect("a warning for the duplicate");
    assert_eq!(duplicate.line, Some(3));
    assert!(duplicate.reason.contains("counted once"));
    assert!(
        report
            .notes
            .iter()
            .any(|n| n.contains("Has Copilot License")),
        "unknown workload noted: {:?}",
        report.notes
    );
    assert!(report.notes.iter().any(|n| n.contains("1 deleted users")));
    let history = usage::history_of_customer(ws.pool(), &tenant.tenant_id)
        .await
        .expect("history");
    let november = |w: Workload| {
        history
            .iter()
            .find(|u| u.month == date(2026, 11, 1) && u.workload == w)
            .map(|u| (u.assigned, u.active))
    };
    // ada (once) and cy hold Exchange; ada was active in November, cy last in October.
    assert_eq!(november(Workload::Exchange), Some((2, 1)));
    assert_eq!(november(Workload::Teams), Some((1, 1)));
    assert_eq!(november(Workload::OneDrive), Some((1, 0)));
    assert_eq!(summary.user_activity_rows, 2);
    ws.close().await;
}

#[tokio::test]
async fn the_lighthouse_export_is_matched_by_tenant_id_or_tpid() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let ws = demo(&tmp.path().join("ws")).await;
    let customers = latest_customers(&ws).await;
    let with_tpid = customers
        .iter()
        .find(|c| c.tpid.is_some())
        .expect("a demo customer with a TPID");
    let export = write(
        tmp.path(),
        "Sales Advisor export.csv",
        &format!(
            "Customer ID,TPID,Customer Name,Opportunity Type,Customer Insight,Suggested Actions,Related Resources,Growth Propensity,Recommended Product,Seats,Date added,Link\r\n\
             {},,{},Customer growth,\"Uses 92% of its seats, e-mail active\",Run a workshop,Playbook,High,Microsoft 365 Business Premium,25,2026-10-01,https://lighthouse/1\r\n\
             ,{},{},Customer retention,Teams usage fell,Call,,Medium,,12,2026-09-15,\r\n\
             11111111-2222-3333-4444-555555555555,,Unknown Co,Customer acquisition,Trial,Convert,,Low,Microsoft Teams Exploratory,3,2026-10-20,\r\n",
            customers[0].tenant_id,
            customers[0].name.replace(',', " "),
            with_tpid.tpid.as_deref().unwrap_or(""),
            with_tpid.name.replace(',', " "),
        ),
    );
    let summary = run(&ws, &[export], None).await;
    print(&summary);
    assert!(summary.succeeded(), "{:?}", summary.error_lines());
    assert_eq!(summary.opportunities, 3);
    assert_eq!(summary.unmatched_opportunities, 1);
    assert!(summary.files[0]
        .notes
        .iter()
        .any(|n| n.contains("Unknown Co")));
    let rows = imported_opportunities::of_snapshot(ws.pool(), summary.snapshot_id.expect("id"))
        .await
        .expect("rows");
    assert_eq!(
        rows[0].tenant_id.as_deref(),
        Some(customers[0].tenant_id.as_str())
    );
    assert_eq!(
        rows[1].tenant_id.as_deref(),
        Some(with_tpid.tenant_id.as_str())
    );
    assert_eq!(rows[2].tenant_id, None);
    assert_eq!(rows[0].seats, Some(25));
    assert_eq!(
        rows[0].insight.as_deref(),
        Some("Uses 92% of its seats, e-mail active")
    );
    assert_eq!(rows[1].date_added, Some(date(2026, 9, 15)));
    ws.close().await;
}

#[tokio::test]
async fn a_cancelled_import_leaves_the_workspace_as_it_was() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let ws = demo(&tmp.path().join("ws")).await;
    let tenant = latest_customers(&ws).await[0].tenant_id.clone();
    let before = dump(&ws).await;
    let cancel = CancelToken::new();
    let steps: Mutex<Vec<Step>> = Mutex::new(Vec::new());
    // Cancel once the subscriptions have been copied into the new snapshot, mid-transaction.
    let progress = |step: Step| {
        if step.stage == "import.write" && step.done >= 2 {
            cancel.cancel();
        }
        steps.lock().expect("lock").push(step);
    };
    let result = import_files(
        &ws,
        &[sample("tenant-activeuserdetail.text.csv")],
        &ImportOptions {
            tenant_id: Some(tenant),
            as_of: None,
        },
        &clock(),
        &progress,
        &cancel,
    )
    .await;
    assert!(matches!(result, Err(EngineError::Cancelled)), "{result:?}");
    let furthest = steps
        .lock()
        .expect("lock")
        .iter()
        .filter(|s| s.stage == "import.write")
        .map(|s| s.done)
        .max();
    assert_eq!(furthest, Some(2), "nothing written past the cancel point");
    assert_eq!(dump(&ws).await, before, "rolled back");
    ws.close().await;
}
