//! The six reports written from an encrypted demo workspace: header, BOM, values read back,
//! no formula, ISO dates, chosen columns, time range, cancel and an unwritable folder.

use chrono::{Months, NaiveDate};
use partner_advisor_engine::jobs::{CancelToken, NoProgress, Step};
use partner_advisor_engine::propensity::report::{self, part_path, ReportRequest, TimeRange};
use partner_advisor_engine::propensity::segments::{ClusterMap, Segment};
use partner_advisor_engine::propensity::{self as propensity, CustomerScores, ScoreOptions};
use partner_advisor_engine::EngineError;
use partner_advisor_formats::cloudascent::{ColumnRole, PropensityReport, RenewalField};
use partner_advisor_formats::{read_table, Delimiter};

use super::demo;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Checks one written report against the scores it was written from.
fn check(report: PropensityReport, bytes: &[u8], all: &[CustomerScores]) {
    assert!(bytes.starts_with(BOM), "{report}: no BOM");
    let table = read_table(bytes).expect("parses back");
    assert_eq!(table.header.to_vec(), report.header(), "{report}: header");
    assert_eq!(
        table.rows.len(),
        all.len(),
        "{report}: one row per customer"
    );
    let map = ClusterMap::default();
    let cols = report.columns();
    for (row, s) in table.rows.iter().zip(all) {
        let cells = row.to_vec();
        assert_eq!(cells.len(), cols.len(), "{report}: width");
        for (c, cell) in cols.iter().zip(&cells) {
            assert!(
                !cell.starts_with(['=', '+', '-', '@']),
                "{report}: {} starts a formula: {cell}",
                c.name
            );
            let number = || cell.parse::<i64>().expect("a whole number");
            match c.role {
                ColumnRole::Fit(a) => {
                    assert!((0..=100).contains(&number()), "{}", c.name);
                    assert_eq!(number(), i64::from(s.area(a).fit), "{}", c.name);
                }
                ColumnRole::Intent(a) => {
                    assert!((0..=100).contains(&number()), "{}", c.name);
                    assert_eq!(number(), i64::from(s.area(a).intent), "{}", c.name);
                }
                ColumnRole::Cluster(a) => {
                    let seg = Segment::parse(cell).expect("A1–D4");
                    // Fit and intent are checked against the scores above (where the
                    // report has them: the renewal report has clusters only).
                    let area = s.area(a);
                    assert_eq!(
                        seg,
                        map.segment(area.fit, area.intent),
                        "{}: {cell}",
                        c.name
                    );
                }
                ColumnRole::Play
                | ColumnRole::Offers
                | ColumnRole::Flag(_)
                | ColumnRole::Transacted => {
                    assert!(cell == "Yes" || cell == "No", "{}: {cell}", c.name)
                }
                ColumnRole::RevenuePotential(_) => assert!(number() >= 0),
                ColumnRole::Renewal(RenewalField::AgreementEndDate) if !cell.is_empty() => {
                    NaiveDate::parse_from_str(cell, "%Y-%m-%d").expect("ISO date");
                }
                ColumnRole::Renewal(RenewalField::ExpiringRevenue) => {
                    let r = &s.customer.renewal;
                    assert_eq!(number(), r.expiring_usd.round() as i64);
                    assert_eq!(r.expiring_usd > 0.0, r.division.is_some());
                }
                ColumnRole::Renewal(RenewalField::RevSumDivisionName) => {
                    assert_eq!(cell, s.customer.renewal.division.unwrap_or(""));
                }
                ColumnRole::Renewal(RenewalField::ExpirationType) => {
                    assert!(["", "Agreement", "Subscription"].contains(&cell.as_str()));
                    assert_eq!(cell, s.customer.renewal.expiration_type.unwrap_or(""));
                }
                _ => {}
            }
        }
        let id = cols
            .iter()
            .position(|c| c.name == "Domain")
            .expect("Domain");
        assert_eq!(
            cells[id], s.customer.domain,
            "{report}: rows in tenant order"
        );
        let transacted = cells.last().expect("last");
        assert_eq!(transacted == "Yes", s.transacted_36m);
    }
}

#[tokio::test]
async fn the_six_reports_read_back_with_the_scores_they_were_written_from() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ws = demo(&dir.path().join("ws"), 300, 11).await;
    let (_, all) = propensity::all_scores(&ws, &ScoreOptions::default())
        .await
        .expect("scores");
    assert_eq!(all.len(), 300);
    let renewing = |t: &str| {
        all.iter()
            .filter(|s| s.customer.renewal.expiration_type == Some(t))
            .count()
    };
    let (agreements, subscriptions) = (renewing("Agreement"), renewing("Subscription"));
    println!("renewing in 12 months: {agreements} agreements, {subscriptions} subscriptions only");
    assert!(agreements > 0 && subscriptions > 0);
    for r in PropensityReport::ALL {
        let out = dir.path().join(format!("{r}.csv"));
        let summary = report::generate(
            &ws,
            &ReportRequest::new(r),
            &out,
            &NoProgress,
            &CancelToken::new(),
        )
        .await
        .expect("report");
        let bytes = std::fs::read(&out).expect("file");
        assert_eq!(summary.rows, 300);
        assert_eq!(summary.bytes, bytes.len() as u64);
        assert!(!part_path(&out).exists());
        check(r, &bytes, &all);
        println!(
            "{r}: {} rows, {} bytes, {} ms",
            summary.rows, summary.bytes, summary.elapsed_ms
        );
    }
    // Agreement renewal shows the agreements it knows.
    let text = std::fs::read_to_string(dir.path().join("renewal.csv")).expect("renewal");
    assert!(text.contains(",EA,") || text.contains(",Open,") || text.contains(",Open Value,"));

    // A chosen subset, in the report's order, with semicolons; an unknown name refused.
    let out = dir.path().join("subset.csv");
    let request = ReportRequest {
        columns: vec![
            "AzureIntent".into(),
            "AccountName".into(),
            "AzureCluster".into(),
        ],
        delimiter: Delimiter::Semicolon,
        ..ReportRequest::new(PropensityReport::Azure)
    };
    report::generate(&ws, &request, &out, &NoProgress, &CancelToken::new())
        .await
        .expect("subset");
    let table = read_table(&std::fs::read(&out).expect("file")).expect("parses");
    assert_eq!(table.dialect.delimiter, b';');
    assert_eq!(
        table.header.to_vec(),
        ["AccountName", "AzureIntent", "AzureCluster"]
    );
    assert_eq!(table.rows.len(), 300);
    let request = ReportRequest {
        columns: vec!["AzureIntent".into(), "Bogus".into()],
        ..ReportRequest::new(PropensityReport::Azure)
    };
    let err = report::generate(
        &ws,
        &request,
        &dir.path().join("no.csv"),
        &NoProgress,
        &CancelToken::new(),
    )
    .await
    .expect_err("unknown column");
    assert!(matches!(err, EngineError::InvalidInput(_)));
    assert!(err.to_string().contains("Bogus") && err.to_string().contains("AzureFit"));
    assert!(!dir.path().join("no.csv").exists());

    // The last six months: customers whose last transaction is on or after the cut.
    let as_of = all[0].as_of;
    let cut = as_of.checked_sub_months(Months::new(6)).expect("cut");
    let recent = all
        .iter()
        .filter(|s| s.customer.last_transaction.is_some_and(|d| d >= cut))
        .count() as u64;
    let request = ReportRequest {
        range: TimeRange::LastMonths(6),
        ..ReportRequest::new(PropensityReport::M365)
    };
    let out = dir.path().join("recent.csv");
    let summary = report::generate(&ws, &request, &out, &NoProgress, &CancelToken::new())
        .await
        .expect("recent");
    println!("last 6 months: {recent} of 300");
    assert_eq!(summary.rows, recent);
    assert!(recent > 0 && recent < 300, "{recent}");
    let table = read_table(&std::fs::read(&out).expect("file")).expect("parses");
    assert_eq!(table.rows.len() as u64, recent);
    ws.close().await;
}

#[tokio::test]
async fn a_cancelled_or_failed_report_leaves_no_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ws = demo(&dir.path().join("ws"), 200, 5).await;
    let request = ReportRequest {
        options: ScoreOptions {
            page_size: 40,
            ..ScoreOptions::default()
        },
        ..ReportRequest::new(PropensityReport::D365)
    };
    let out = dir.path().join("d365.csv");
    let cancel = CancelToken::new();
    let token = cancel.clone();
    let progress = move |step: Step| {
        if step.stage == "propensity.score" && step.done >= 40 {
            token.cancel();
        }
    };
    let err = report::generate(&ws, &request, &out, &progress, &cancel)
        .await
        .expect_err("cancelled");
    assert!(matches!(err, EngineError::Cancelled), "{err}");
    assert!(!out.exists());
    assert!(!part_path(&out).exists());

    // A folder that does not exist (nor can be created by the report).
    let missing = dir.path().join("missing").join("d365.csv");
    let err = report::generate(&ws, &request, &missing, &NoProgress, &CancelToken::new())
        .await
        .expect_err("unwritable");
    let text = err.to_string();
    assert!(matches!(err, EngineError::Io { .. }), "{text}");
    assert!(text.contains("d365.csv.part"), "{text}");
    assert!(!missing.exists());
    // A read-only folder (as non-root: root writes anywhere).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let locked = dir.path().join("locked");
        std::fs::create_dir(&locked).expect("mkdir");
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o555)).expect("chmod");
        let out = locked.join("d365.csv");
        if std::fs::File::create(locked.join("probe")).is_err() {
            let err = report::generate(&ws, &request, &out, &NoProgress, &CancelToken::new())
                .await
                .expect_err("read-only");
            assert!(err.to_string().contains("cannot create"), "{err}");
        }
        assert!(!out.exists() && !part_path(&out).exists());
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
    ws.close().await;
}

#[tokio::test]
async fn six_reports_in_one_pass_are_the_files_written_one_by_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ws = demo(&dir.path().join("ws"), 150, 3).await;
    let requests: Vec<(ReportRequest, std::path::PathBuf)> = PropensityReport::ALL
        .into_iter()
        .map(|r| {
            (
                ReportRequest::new(r),
                dir.path().join(format!("all-{r}.csv")),
            )
        })
        .collect();
    let summaries = report::generate_many(&ws, &requests, &NoProgress, &CancelToken::new())
        .await
        .expect("six at once");
    assert_eq!(summaries.len(), 6);
    for ((request, path), summary) in requests.iter().zip(&summaries) {
        let one = dir.path().join(format!("one-{}.csv", request.report));
        report::generate(&ws, request, &one, &NoProgress, &CancelToken::new())
            .await
            .expect("one");
        assert_eq!(
            std::fs::read(path).expect("all"),
            std::fs::read(&one).expect("one"),
            "{}",
            request.report
        );
        assert_eq!(summary.rows, 150);
    }
    // Cancelled: none of the six is left, complete or partial.
    let cancel = CancelToken::new();
    cancel.cancel();
    let again: Vec<(ReportRequest, std::path::PathBuf)> = requests
        .iter()
        .map(|(r, p)| (r.clone(), p.with_extension("again.csv")))
        .collect();
    let err = report::generate_many(&ws, &again, &NoProgress, &cancel)
        .await
        .expect_err("cancelled");
    assert!(matches!(err, EngineError::Cancelled), "{err}");
    for (_, p) in &again {
        assert!(!p.exists() && !part_path(p).exists(), "{}", p.display());
    }
}

/// A disk that fills up mid-report: the `.part` file is `/dev/full`, where every write fails
/// with "No space left on device" as a full disk's would.
#[cfg(target_os = "linux")]
#[tokio::test]
async fn a_full_disk_mid_report_leaves_no_file_that_looks_complete() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ws = demo(&dir.path().join("ws"), 120, 9).await;
    let out = dir.path().join("full.csv");
    std::os::unix::fs::symlink("/dev/full", part_path(&out)).expect("symlink");
    let err = report::generate(
        &ws,
        &ReportRequest::new(PropensityReport::M365),
        &out,
        &NoProgress,
        &CancelToken::new(),
    )
    .await
    .expect_err("the disk is full");
    let text = err.to_string();
    assert!(
        text.contains("writing") && text.contains("No space left on device"),
        "{text}"
    );
    assert!(!out.exists(), "no file under the report's name");
    assert!(
        std::fs::symlink_metadata(part_path(&out)).is_err(),
        "the partial file is removed"
    );
}
