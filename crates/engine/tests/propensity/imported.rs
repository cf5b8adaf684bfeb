//! Microsoft's CloudAscent downloads imported into an encrypted demo workspace: the app's own M365
//! report read back as if it were Microsoft's agrees with the app completely (100% clusters,
//! ρ = 1), through `import_download` and the generic importer (no snapshot); rows page, filter and
//! sort; a refused file leaves nothing behind; delete.

use std::path::PathBuf;

use chrono::{TimeZone, Utc};
use partner_advisor_domain::FixedClock;
use partner_advisor_engine::import::{import_files, ImportOptions};
use partner_advisor_engine::jobs::{CancelToken, NoProgress};
use partner_advisor_engine::propensity::imported::{
    self, ImportedRowFilter, ImportedRowSort, MatchMethod,
};
use partner_advisor_engine::propensity::report::{self, ReportRequest};
use partner_advisor_engine::propensity::{self as propensity, ScoreOptions};
use partner_advisor_engine::EngineError;
use partner_advisor_formats::cloudascent::{PropensityReport, SolutionArea};
use partner_advisor_store::tables::{cloudascent_imports, snapshots};

use super::demo;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../formats/tests/fixtures/cloudascent")
        .join(name)
}

#[tokio::test]
async fn the_apps_own_report_imported_back_agrees_completely() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ws = demo(&dir.path().join("ws"), 300, 23).await;
    let clock = FixedClock(Utc.with_ymd_and_hms(2026, 11, 27, 9, 0, 0).unwrap());
    let out = dir.path().join("m365.csv");
    report::generate(
        &ws,
        &ReportRequest::new(PropensityReport::M365),
        &out,
        &NoProgress,
        &CancelToken::new(),
    )
    .await
    .expect("report");
    let snapshots_before = snapshots::list_with_contents(ws.pool())
        .await
        .expect("snapshots")
        .len();

    let started = std::time::Instant::now();
    let summary = imported::import_download(&ws, &out, &clock)
        .await
        .expect("imported");
    let import_ms = started.elapsed().as_millis();
    assert_eq!(summary.report, PropensityReport::M365);
    assert_eq!(summary.rows, 300);
    assert_eq!(summary.file_name, "m365.csv");
    assert_eq!(
        summary.columns as usize,
        PropensityReport::M365.columns().len()
    );
    assert!(
        summary.unknown_columns.is_empty(),
        "{:?}",
        summary.unknown_columns
    );
    assert_eq!(summary.imported_at, clock.0);

    let started = std::time::Instant::now();
    let cmp = imported::compare_import(&ws, summary.id, &ScoreOptions::default())
        .await
        .expect("compared");
    let compare_ms = started.elapsed().as_millis();
    assert_eq!(cmp.rows, 300);
    assert_eq!(cmp.matched, 300, "every row is a customer of the workspace");
    assert_eq!(cmp.matched_by_id + cmp.matched_by_name, 300);
    assert_eq!(cmp.cluster_agreement_pct, Some(100.0));
    assert_eq!(
        cmp.areas.iter().map(|a| a.area).collect::<Vec<_>>(),
        vec![SolutionArea::M365, SolutionArea::Surface]
    );
    for a in &cmp.areas {
        assert_eq!(a.clusters_compared, 300, "{:?}", a.area);
        assert_eq!(a.cluster_agreement_pct, Some(100.0), "{:?}", a.area);
        assert_eq!(a.same_letter_pct, Some(100.0));
        assert_eq!((a.fit_pairs, a.intent_pairs), (300, 300));
        let fit = a.fit_spearman.expect("fit has spread");
        let intent = a.intent_spearman.expect("intent has spread");
        assert!((fit - 1.0).abs() < 1e-9, "{:?} fit ρ {fit}", a.area);
        assert!(
            (intent - 1.0).abs() < 1e-9,
            "{:?} intent ρ {intent}",
            a.area
        );
    }
    for row in &cmp.rows_compared {
        assert!(row.tenant_id.is_some());
        for a in &row.areas {
            assert_eq!(a.same_cluster(), Some(true));
        }
    }
    println!(
        "300 rows: import {import_ms} ms, comparison {compare_ms} ms; matched {} by TPID, {} by name",
        cmp.matched_by_id, cmp.matched_by_name
    );
    assert!(cmp
        .rows_compared
        .iter()
        .any(|r| r.matched_by == Some(MatchMethod::CustomerId)));

    // Paged, filtered, sorted rows against the app's own scores.
    let (_, all) = propensity::all_scores(&ws, &ScoreOptions::default())
        .await
        .expect("scores");
    let act_now = all
        .iter()
        .filter(|s| {
            s.area(SolutionArea::M365)
                .segment
                .to_string()
                .starts_with('A')
        })
        .count() as u64;
    let page = imported::imported_rows(
        &ws,
        summary.id,
        &ImportedRowFilter {
            area: Some(SolutionArea::M365),
            clusters: vec!["A".into()],
            ..ImportedRowFilter::default()
        },
        ImportedRowSort::Fit(SolutionArea::M365),
        0,
        10,
    )
    .await
    .expect("page");
    assert_eq!(page.total, act_now);
    assert!(page.rows.len() as u64 == act_now.min(10));
    let fits: Vec<f64> = page
        .rows
        .iter()
        .map(|r| r.scores[0].fit.expect("fit"))
        .collect();
    assert!(fits.windows(2).all(|w| w[0] >= w[1]), "{fits:?}");
    assert!(page.rows.iter().all(|r| r.scores[0]
        .cluster
        .as_deref()
        .is_some_and(|c| c.starts_with('A'))));
    assert_eq!(page.columns.len(), PropensityReport::M365.columns().len());
    assert_eq!(
        page.rows.first().map(|r| r.cells.len()),
        Some(page.columns.len())
    );

    let strong = all
        .iter()
        .filter(|s| {
            s.area(SolutionArea::Surface).fit >= 60 && s.area(SolutionArea::Surface).intent >= 40
        })
        .count() as u64;
    let page = imported::imported_rows(
        &ws,
        summary.id,
        &ImportedRowFilter {
            area: Some(SolutionArea::Surface),
            min_fit: Some(60.0),
            min_intent: Some(40.0),
            ..ImportedRowFilter::default()
        },
        ImportedRowSort::CustomerName,
        0,
        1_000,
    )
    .await
    .expect("page");
    assert_eq!(page.total, strong);

    let name = all[7].customer.identity.name.clone();
    let needle: String = name.chars().skip(1).take(6).collect();
    let page = imported::imported_rows(
        &ws,
        summary.id,
        &ImportedRowFilter {
            text: Some(needle.to_uppercase()),
            ..ImportedRowFilter::default()
        },
        ImportedRowSort::File,
        0,
        50,
    )
    .await
    .expect("page");
    assert!(page.total >= 1);
    assert!(page
        .rows
        .iter()
        .any(|r| r.customer_name.as_deref() == Some(name.as_str())));
    let rest = imported::imported_rows(
        &ws,
        summary.id,
        &ImportedRowFilter::default(),
        ImportedRowSort::File,
        295,
        10,
    )
    .await
    .expect("last page");
    assert_eq!((rest.total, rest.rows.len()), (300, 5));
    assert_eq!(rest.rows[0].row_number, 296);

    // The generic importer takes the same file as a CloudAscent download: no snapshot.
    let via_import = import_files(
        &ws,
        std::slice::from_ref(&out),
        &ImportOptions::default(),
        &clock,
        &NoProgress,
        &CancelToken::new(),
    )
    .await
    .expect("import runs");
    assert!(via_import.succeeded(), "{:?}", via_import.error_lines());
    assert_eq!(via_import.snapshot_id, None);
    assert_eq!(via_import.cloudascent.len(), 1);
    assert_eq!(via_import.cloudascent[0].rows, 300);
    assert_eq!(
        snapshots::list_with_contents(ws.pool())
            .await
            .expect("snapshots")
            .len(),
        snapshots_before,
        "a CloudAscent import creates no snapshot"
    );
    assert_eq!(imported::list_imports(&ws).await.expect("list").len(), 2);

    imported::delete_import(&ws, summary.id)
        .await
        .expect("deleted");
    let left = imported::list_imports(&ws).await.expect("list");
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].id, via_import.cloudascent[0].id);
    assert!(matches!(
        imported::delete_import(&ws, summary.id).await,
        Err(e) if e.code() == partner_advisor_engine::ErrorCode::NotFound
    ));
    assert_eq!(
        cloudascent_imports::counts(ws.pool())
            .await
            .expect("counts"),
        (1, 300)
    );
}

#[tokio::test]
async fn a_refused_download_leaves_nothing_behind() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ws = demo(&dir.path().join("ws"), 40, 5).await;
    let clock = FixedClock(Utc.with_ymd_and_hms(2026, 11, 27, 9, 0, 0).unwrap());

    let err = imported::import_download(&ws, &fixture("bad_m365.csv"), &clock)
        .await
        .expect_err("refused");
    let EngineError::InvalidInput(text) = &err else {
        panic!("{err:?}");
    };
    assert!(text.contains("5 problems"), "{text}");
    assert!(
        text.contains("line 3, column 'M365Fit': fit 120 is not from 0 to 100"),
        "{text}"
    );
    assert!(text.contains("line 4, column 'SurfaceCluster'"), "{text}");
    assert_eq!(
        cloudascent_imports::counts(ws.pool())
            .await
            .expect("counts"),
        (0, 0)
    );

    // Not a CloudAscent file.
    let other = dir.path().join("other.csv");
    std::fs::write(&other, "Name,Value\nA,1\n").expect("write");
    assert!(matches!(
        imported::import_download(&ws, &other, &clock).await,
        Err(EngineError::InvalidInput(t)) if t.contains("not a CloudAscent")
    ));

    // A good and a bad download together: neither is imported.
    let summary = import_files(
        &ws,
        &[fixture("m365_2023.csv"), fixture("bad_m365.csv")],
        &ImportOptions::default(),
        &clock,
        &NoProgress,
        &CancelToken::new(),
    )
    .await
    .expect("import runs");
    assert!(!summary.succeeded());
    assert_eq!(
        summary.error_lines().len(),
        5,
        "{:?}",
        summary.error_lines()
    );
    assert_eq!(
        cloudascent_imports::counts(ws.pool())
            .await
            .expect("counts"),
        (0, 0)
    );

    // Mixed with another kind of file: refused as a whole.
    let summary = import_files(
        &ws,
        &[fixture("m365_2023.csv"), other],
        &ImportOptions::default(),
        &clock,
        &NoProgress,
        &CancelToken::new(),
    )
    .await
    .expect("import runs");
    assert!(!summary.succeeded());
    assert_eq!(
        cloudascent_imports::counts(ws.pool())
            .await
            .expect("counts"),
        (0, 0)
    );

    // The fixtures Microsoft-style: every one imports; unmatched rows are counted, not failed.
    for name in [
        "m365_2023.csv",
        "azure_2021.csv",
        "d365_renamed.csv",
        "security_utf16_semicolon.csv",
        "renewal_2021_tab.csv",
        "surface_2023.csv",
    ] {
        let s = imported::import_download(&ws, &fixture(name), &clock)
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let cmp = imported::compare_import(&ws, s.id, &ScoreOptions::default())
            .await
            .expect("compared");
        assert_eq!(
            cmp.matched, 0,
            "{name}: the fixtures' customers are not the demo's"
        );
        assert_eq!(cmp.cluster_agreement_pct, None);
        if name == "d365_renamed.csv" {
            assert_eq!(s.unknown_columns.len(), 3);
            assert!(s.warnings[0].starts_with("unknown columns kept"));
        }
    }
    assert_eq!(imported::list_imports(&ws).await.expect("list").len(), 6);
}
