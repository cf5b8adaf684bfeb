//! My reports and schedules on an encrypted demo workspace: a report written and listed, a
//! preview, a cancelled run that leaves no file, an unwritable folder recorded as failed, the
//! cluster map setting, and schedules run by a fake clock (monthly on the 25th with a missed
//! month made up once; after each import).

use std::sync::atomic::{AtomicU64, Ordering};

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use partner_advisor_domain::{Clock, FixedClock, SnapshotSource};
use partner_advisor_engine::jobs::{CancelToken, NoProgress, Progress, Step};
use partner_advisor_engine::propensity::library::{self, Cadence, ReportSpec, ReportStatus};
use partner_advisor_engine::propensity::report::{self, part_path, ReportRequest};
use partner_advisor_engine::settings::Language;
use partner_advisor_engine::EngineError;
use partner_advisor_formats::cloudascent::PropensityReport;
use partner_advisor_formats::read_table;
use partner_advisor_store::tables::snapshots;

use super::demo;

fn spec(name: &str) -> ReportSpec {
    ReportSpec {
        report: PropensityReport::M365,
        name: name.into(),
        columns: Vec::new(),
        months: None,
        language: Language::En,
    }
}

fn at(y: i32, m: u32, d: u32, h: u32) -> FixedClock {
    FixedClock(Utc.with_ymd_and_hms(y, m, d, h, 0, 0).unwrap())
}

fn time(c: &FixedClock) -> DateTime<Utc> {
    c.now()
}

/// Cancels the run once scoring has started.
struct CancelWhenScoring(CancelToken, AtomicU64);

impl Progress for CancelWhenScoring {
    fn report(&self, step: Step) {
        if step.stage == "propensity.score" {
            self.1.fetch_add(1, Ordering::Relaxed);
            self.0.cancel();
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reports_are_written_listed_previewed_and_deleted() {
    let dir = tempfile::tempdir().expect("temp dir");
    let ws = demo(&dir.path().join("ws"), 200, 21).await;
    let folder = dir.path().join("reports");
    let clock = at(2026, 11, 24, 9);

    // Download now: the file is in the folder under the report's name, listed as completed.
    let written = library::write_report(
        &ws,
        &spec("M365: EMEA"),
        &folder,
        &clock,
        &NoProgress,
        &CancelToken::new(),
    )
    .await
    .expect("written");
    assert_eq!(written.status, ReportStatus::Completed);
    assert_eq!(written.path, folder.join("M365_ EMEA.csv"));
    assert!(written.file_exists);
    let bytes = std::fs::read(&written.path).expect("file");
    assert_eq!(Some(bytes.len() as u64), written.bytes);
    let table = read_table(&bytes).expect("parses");
    assert_eq!(Some(table.rows.len() as u64), written.rows);
    assert_eq!(written.as_of, NaiveDate::from_ymd_opt(2026, 10, 31));
    assert_eq!(written.started_at, time(&clock));

    // The same name again never overwrites.
    let again = library::write_report(
        &ws,
        &spec("M365: EMEA"),
        &folder,
        &clock,
        &NoProgress,
        &CancelToken::new(),
    )
    .await
    .expect("written again");
    assert_eq!(again.path, folder.join("M365_ EMEA (2).csv"));

    // The preview holds exactly the file's first rows.
    let request = spec("x").request(library::cluster_map(&ws).await.expect("map"));
    let preview = report::preview(&ws, &request, 25, &NoProgress, &CancelToken::new())
        .await
        .expect("preview");
    assert_eq!(preview.columns, PropensityReport::M365.header());
    assert_eq!(preview.rows.len(), 25);
    assert_eq!(preview.rows_in_range, None, "stopped at the limit");
    for (row, file_row) in preview.rows.iter().zip(&table.rows) {
        assert_eq!(row, &file_row.to_vec());
    }
    let whole = report::preview(&ws, &request, 10_000, &NoProgress, &CancelToken::new())
        .await
        .expect("whole preview");
    assert_eq!(whole.rows_in_range, Some(table.rows.len() as u64));
    assert_eq!(whole.customers, table.rows.len() as u64);

    // Cancelled mid-run: listed as cancelled, and no file or partial file is left.
    let token = CancelToken::new();
    let progress = CancelWhenScoring(token.clone(), AtomicU64::new(0));
    let err = library::write_report(&ws, &spec("Cancelled"), &folder, &clock, &progress, &token)
        .await
        .expect_err("cancelled");
    assert!(matches!(err, EngineError::Cancelled), "{err}");
    let listed = library::saved_reports(&ws).await.expect("list");
    let cancelled = listed
        .iter()
        .find(|r| r.spec.name == "Cancelled")
        .expect("listed");
    assert_eq!(cancelled.status, ReportStatus::Cancelled);
    assert!(!cancelled.path.exists() && !part_path(&cancelled.path).exists());
    assert!(!cancelled.file_exists);

    // A folder that cannot be created: listed as failed, with the reason.
    let blocker = dir.path().join("a file");
    std::fs::write(&blocker, "not a folder").expect("blocker");
    let err = library::write_report(
        &ws,
        &spec("Nowhere"),
        &blocker.join("reports"),
        &clock,
        &NoProgress,
        &CancelToken::new(),
    )
    .await
    .expect_err("unwritable");
    assert!(
        err.to_string().contains("cannot create the reports folder"),
        "{err}"
    );
    let listed = library::saved_reports(&ws).await.expect("list");
    let failed = listed
        .iter()
        .find(|r| r.spec.name == "Nowhere")
        .expect("listed");
    assert_eq!(failed.status, ReportStatus::Failed);
    assert!(failed
        .error
        .as_deref()
        .unwrap_or("")
        .contains("reports folder"));

    // Invalid specs are refused before anything is recorded.
    for bad in [
        spec("  "),
        ReportSpec {
            months: Some(0),
            ..spec("zero")
        },
        ReportSpec {
            columns: vec!["Nope".into()],
            ..spec("unknown column")
        },
    ] {
        let err =
            library::write_report(&ws, &bad, &folder, &clock, &NoProgress, &CancelToken::new())
                .await
                .expect_err("refused");
        assert!(matches!(err, EngineError::InvalidInput(_)), "{err}");
    }
    assert_eq!(library::saved_reports(&ws).await.expect("list").len(), 4);

    // Delete: the entry, and the file when asked.
    library::delete_saved_report(&ws, written.id, true)
        .await
        .expect("deleted");
    assert!(!written.path.exists());
    library::delete_saved_report(&ws, again.id, false)
        .await
        .expect("deleted");
    assert!(again.path.exists(), "the file stays when not asked");
    assert_eq!(library::saved_reports(&ws).await.expect("list").len(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_cluster_map_is_a_setting_reports_follow() {
    let dir = tempfile::tempdir().expect("temp dir");
    let ws = demo(&dir.path().join("ws"), 120, 4).await;
    let rows = |m: &[[&str; 4]; 4]| -> Vec<Vec<String>> {
        m.iter()
            .map(|r| r.iter().map(|c| (*c).to_owned()).collect())
            .collect()
    };
    let duplicate = [
        ["A1", "A2", "B1", "C1"],
        ["A3", "A4", "B3", "C3"],
        ["B2", "B4", "D1", "D2"],
        ["C2", "C4", "D3", "D3"],
    ];
    let err = library::set_cluster_map(&ws, &rows(&duplicate))
        .await
        .expect_err("duplicate");
    assert!(err.to_string().contains("D3 twice"), "{err}");
    // Swap two cells: a customer in High fit × Low intent is now B3.
    let swapped = [
        ["A1", "A2", "B3", "C1"],
        ["A3", "A4", "B1", "C3"],
        ["B2", "B4", "D1", "D2"],
        ["C2", "C4", "D3", "D4"],
    ];
    let map = library::set_cluster_map(&ws, &rows(&swapped))
        .await
        .expect("stored");
    assert_eq!(library::cluster_map(&ws).await.expect("read back"), map);
    let preview = report::preview(
        &ws,
        &ReportRequest {
            columns: vec!["M365Fit".into(), "M365Intent".into(), "M365Cluster".into()],
            ..spec("x").request(map)
        },
        10_000,
        &NoProgress,
        &CancelToken::new(),
    )
    .await
    .expect("preview");
    let col = |name: &str| preview.columns.iter().position(|c| *c == name).expect(name);
    let (f, i, c) = (col("M365Fit"), col("M365Intent"), col("M365Cluster"));
    let mut swapped_cells = 0;
    for row in &preview.rows {
        let (fit, intent): (u8, u8) = (row[f].parse().unwrap(), row[i].parse().unwrap());
        assert_eq!(row[c], map.segment(fit, intent).to_string());
        swapped_cells += usize::from(row[c] == "B3" && fit >= 75);
    }
    assert!(swapped_cells > 0, "no customer in a swapped cell");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn schedules_run_on_the_25th_and_after_imports() {
    let dir = tempfile::tempdir().expect("temp dir");
    let ws = demo(&dir.path().join("ws"), 120, 8).await;
    let folder = dir.path().join("reports");
    let created = at(2026, 11, 20, 10);
    let monthly = library::create_schedule(&ws, &spec("Monthly M365"), Cadence::Monthly, &created)
        .await
        .expect("monthly");
    assert_eq!(monthly.next_run_at, Some(time(&at(2026, 11, 25, 0))));
    let after = library::create_schedule(
        &ws,
        &ReportSpec {
            report: PropensityReport::Azure,
            ..spec("Azure after import")
        },
        Cadence::AfterImport,
        &created,
    )
    .await
    .expect("after import");
    assert_eq!(after.next_run_at, None);

    let due = |c: FixedClock| {
        let ws = &ws;
        async move {
            library::due_schedules(ws, &c)
                .await
                .expect("due")
                .into_iter()
                .map(|s| s.spec.name)
                .collect::<Vec<_>>()
        }
    };
    // Nothing before the 25th, and the import schedule waits for an import.
    assert!(due(at(2026, 11, 24, 23)).await.is_empty());
    assert_eq!(due(at(2026, 11, 25, 8)).await, ["Monthly M365"]);

    // The app was closed from the 24th of November to the 3rd of February: one run makes up
    // for the missed 25ths.
    let late = at(2027, 2, 3, 9);
    let ran = library::run_due(&ws, &folder, &late, &NoProgress, &CancelToken::new())
        .await
        .expect("ran");
    assert_eq!(ran.len(), 1);
    assert_eq!(ran[0].schedule_id, Some(monthly.id));
    assert_eq!(ran[0].status, ReportStatus::Completed);
    assert!(ran[0].path.is_file());
    assert!(due(at(2027, 2, 24, 23)).await.is_empty());
    let listed = library::schedules(&ws, &late).await.expect("schedules");
    let m = listed.iter().find(|s| s.id == monthly.id).expect("monthly");
    assert_eq!(m.last_run_at, Some(time(&late)));
    assert_eq!(m.next_run_at, Some(time(&at(2027, 2, 25, 0))));
    assert_eq!(m.last_report_id, Some(ran[0].id));
    assert_eq!(due(at(2027, 2, 25, 0)).await, ["Monthly M365"]);

    // A new snapshot makes the import schedule due, once.
    {
        let mut tx = ws.begin().await.expect("tx");
        snapshots::insert(
            &mut tx,
            NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
            SnapshotSource::Import,
            Some("November"),
            time(&late),
        )
        .await
        .expect("snapshot");
        tx.commit().await.expect("commit");
    }
    assert_eq!(due(at(2027, 2, 4, 9)).await, ["Azure after import"]);

    // Deleting a schedule keeps the reports it wrote, no longer marked as scheduled.
    library::delete_schedule(&ws, monthly.id)
        .await
        .expect("deleted");
    let reports = library::saved_reports(&ws).await.expect("list");
    assert_eq!(reports.len(), 1);
    assert_eq!(reports[0].schedule_id, None);
}
