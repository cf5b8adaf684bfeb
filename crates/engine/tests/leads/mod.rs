//! The leads inbox on real encrypted demo workspaces: the filters combined, export contents,
//! the lifecycle through the store (accept, edit, won; refusals), the time rules with a fake
//! clock, notifications, and the import of lead files in the documented formats, all or nothing.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use partner_advisor_domain::{
    CallToAction, CloseReason, EmailValidity, FixedClock, LeadActor, LeadSubstatus, LeadType,
};
use partner_advisor_engine::demo::{create_demo_workspace, DemoConfig};
use partner_advisor_engine::import::{import_files, ImportOptions};
use partner_advisor_engine::jobs::{CancelToken, NoProgress};
use partner_advisor_engine::leads::{
    self, export,
    forms::{AcceptForm, WonForm},
    index::LeadIndex,
    lifecycle::{self, LeadAction},
    notifications,
    view::{LeadFilters, LeadQuery, LeadSection, LeadSort},
};
use partner_advisor_engine::ErrorCode;
use partner_advisor_formats::{read_leads_export, Delimiter, LEADS_EXPORT_COLUMNS};
use partner_advisor_store::tables::leads as lead_table;
use partner_advisor_store::{KeySource, Keychain, Workspace};
use zeroize::Zeroizing;

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 10, 31).expect("date")
}

/// The end of the demo's last day: its "now".
fn demo_now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 10, 31, 23, 59, 59)
        .single()
        .expect("time")
}

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../formats/tests/fixtures/leads")
}

/// A demo workspace of 300 customers (200 leads) over 12 months.
async fn demo(dir: &Path) -> Workspace {
    let config = DemoConfig {
        months: 12,
        ..DemoConfig::new(300, 5, as_of())
    };
    let (ws, _) = create_demo_workspace(
        dir,
        "Leads demo",
        KeySource::Passphrase(Zeroizing::new("lead tests passphrase".into())),
        &config,
        &Keychain::with_service(format!("partner-advisor-test-{}", uuid::Uuid::new_v4())),
        &NoProgress,
        &CancelToken::new(),
    )
    .await
    .expect("demo workspace");
    ws
}

fn query(section: LeadSection, filters: LeadFilters) -> LeadQuery {
    LeadQuery {
        filters,
        limit: 500,
        ..LeadQuery::section(section)
    }
}

fn ids(index: &LeadIndex, q: &LeadQuery, now: DateTime<Utc>) -> Vec<String> {
    index
        .all_matching(q, now)
        .expect("query")
        .into_iter()
        .map(|l| l.id.clone())
        .collect()
}

#[tokio::test]
async fn filters_combine_and_the_export_is_exactly_the_filtered_list() {
    let dir = tempfile::tempdir().expect("dir");
    let ws = demo(&dir.path().join("ws")).await;
    let now = demo_now();
    let index = LeadIndex::load(&ws).await.expect("index");
    assert!(index.len() >= 200);

    // Each filter alone, then together: together is the intersection.
    let single = [
        LeadFilters {
            lead_types: vec![LeadType::Offer],
            ..LeadFilters::default()
        },
        LeadFilters {
            email_validity: vec![EmailValidity::Valid],
            ..LeadFilters::default()
        },
        LeadFilters {
            call_to_action: vec![CallToAction::ContactMe, CallToAction::FreeTrial],
            ..LeadFilters::default()
        },
    ];
    let sets: Vec<HashSet<String>> = single
        .iter()
        .map(|f| {
            ids(&index, &query(LeadSection::All, f.clone()), now)
                .into_iter()
                .collect()
        })
        .collect();
    let combined = LeadFilters {
        lead_types: vec![LeadType::Offer],
        email_validity: vec![EmailValidity::Valid],
        call_to_action: vec![CallToAction::ContactMe, CallToAction::FreeTrial],
        ..LeadFilters::default()
    };
    let q = LeadQuery {
        sort: LeadSort::Customer,
        descending: false,
        ..query(LeadSection::All, combined)
    };
    let together: HashSet<String> = ids(&index, &q, now).into_iter().collect();
    let expected: HashSet<String> = sets[0]
        .iter()
        .filter(|id| sets[1].contains(*id) && sets[2].contains(*id))
        .cloned()
        .collect();
    assert!(
        !together.is_empty(),
        "the demo has offer leads with valid e-mails"
    );
    assert_eq!(together, expected);
    for s in &sets {
        assert!(s.len() > together.len());
    }

    // The window and the page agree.
    let page = index
        .query(
            &LeadQuery {
                limit: 10,
                ..q.clone()
            },
            now,
        )
        .expect("page");
    assert_eq!(page.matched as usize, together.len());
    assert!(page.rows.len() <= 10);
    let names: Vec<&str> = page.rows.iter().map(|r| r.customer_name.as_str()).collect();
    let mut sorted = names.clone();
    sorted.sort_by_key(|n| n.to_lowercase());
    assert_eq!(names.len(), sorted.len());

    // Sections.
    let marketplace = index
        .query(&LeadQuery::section(LeadSection::Marketplace), now)
        .unwrap();
    let qualified = index
        .query(&LeadQuery::section(LeadSection::Qualified), now)
        .unwrap();
    assert_eq!(
        (marketplace.section_total + qualified.section_total) as usize,
        index.len()
    );

    // The export holds exactly those leads, in the list's order, with the documented columns.
    let out = dir.path().join("leads.csv");
    let summary = export::export(&index, &q, &out, Delimiter::Semicolon, now).expect("export");
    assert_eq!(summary.rows as usize, together.len());
    let bytes = std::fs::read(&out).expect("file");
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 with BOM");
    let text = String::from_utf8_lossy(&bytes[3..]).to_string();
    let header: Vec<&str> = text.lines().next().expect("header").split(';').collect();
    assert_eq!(header, LEADS_EXPORT_COLUMNS);
    let file = read_leads_export(&bytes).expect("read back");
    let exported: Vec<String> = file.records.iter().map(|r| r.id.clone()).collect();
    assert_eq!(exported, ids(&index, &q, now));
    assert!(file
        .records
        .iter()
        .all(|r| r.created_at.is_some() && r.email_validity == Some(EmailValidity::Valid)));
    ws.close().await;
}

#[tokio::test]
async fn accept_edit_win_archives_the_lead_with_its_history_and_refuses_more() {
    let dir = tempfile::tempdir().expect("dir");
    let ws = demo(&dir.path().join("ws")).await;
    let now = demo_now();
    let clock = FixedClock(now);
    let index = LeadIndex::load(&ws).await.expect("index");
    let received = index
        .all_matching(
            &query(
                LeadSection::All,
                LeadFilters {
                    statuses: vec![LeadSubstatus::Received],
                    ..LeadFilters::default()
                },
            ),
            now,
        )
        .expect("query")
        .into_iter()
        .find(|l| !lifecycle::is_informational(l))
        .expect("a received lead")
        .clone();

    let form = AcceptForm {
        deal_name: format!("{}: pilot", received.customer_name),
        estimated_value: 24_000.0,
        currency: "EUR".into(),
        team_members: vec!["Lucía Fernández".into()],
        estimated_close: received.created_at.date_naive() + Duration::days(60),
        notes: "Pilot for 20 users".into(),
        marketing_campaign_id: None,
        crm_id: Some("CRM-9".into()),
        more_contacts: Vec::new(),
    };
    let refused = leads::act(
        &ws,
        &received.id,
        &LeadAction::Win(WonForm {
            final_value: None,
            notes: String::new(),
        }),
        &clock,
    )
    .await
    .expect_err("won from received");
    assert_eq!(refused.code(), ErrorCode::NotAllowed);

    leads::act(&ws, &received.id, &LeadAction::Accept(form.clone()), &clock)
        .await
        .expect("accept");
    let edited = AcceptForm {
        estimated_value: 30_000.0,
        ..form
    };
    leads::act(&ws, &received.id, &LeadAction::Edit(edited.clone()), &clock)
        .await
        .expect("edit");
    let won = leads::act(
        &ws,
        &received.id,
        &LeadAction::Win(WonForm {
            final_value: Some(31_500.0),
            notes: "Signed".into(),
        }),
        &clock,
    )
    .await
    .expect("win");
    assert_eq!(won.substatus, LeadSubstatus::Won);

    let detail = leads::detail(&ws, &received.id, now).await.expect("detail");
    assert!(detail.row.archived);
    assert!(detail.actions.is_empty());
    assert_eq!(detail.row.deal_value, Some(31_500.0));
    assert_eq!(detail.deal.crm_id.as_deref(), Some("CRM-9"));
    let tail: Vec<(Option<LeadSubstatus>, LeadSubstatus, LeadActor)> = detail
        .history
        .iter()
        .rev()
        .take(3)
        .rev()
        .map(|h| (h.from, h.to, h.actor))
        .collect();
    assert_eq!(
        tail,
        [
            (
                Some(LeadSubstatus::Received),
                LeadSubstatus::Accepted,
                LeadActor::Partner
            ),
            (
                Some(LeadSubstatus::Accepted),
                LeadSubstatus::Accepted,
                LeadActor::Partner
            ),
            (
                Some(LeadSubstatus::Accepted),
                LeadSubstatus::Won,
                LeadActor::Partner
            ),
        ]
    );
    assert!(detail.history[detail.history.len() - 3]
        .fields
        .iter()
        .any(|(k, v)| k == "dealName" && v.ends_with(": pilot")));

    // Archived: read-only.
    let again = leads::act(&ws, &received.id, &LeadAction::Edit(edited), &clock)
        .await
        .expect_err("archived");
    assert_eq!(again.code(), ErrorCode::NotAllowed);

    // Found under Won in the list.
    let index = LeadIndex::load(&ws).await.expect("index");
    let won_ids = ids(
        &index,
        &query(
            LeadSection::All,
            LeadFilters {
                statuses: vec![LeadSubstatus::Won],
                ..LeadFilters::default()
            },
        ),
        now,
    );
    assert!(won_ids.contains(&received.id));
    ws.close().await;
}

#[tokio::test]
async fn unanswered_leads_expire_with_the_clock_and_hide_their_contact_everywhere() {
    let dir = tempfile::tempdir().expect("dir");
    let ws = demo(&dir.path().join("ws")).await;
    let later = demo_now() + Duration::days(15);
    let before = lead_table::all(ws.pool()).await.expect("leads");
    let waiting: Vec<_> = before
        .iter()
        .filter(|l| l.substatus == LeadSubstatus::Received && !lifecycle::is_informational(l))
        .map(|l| l.id.clone())
        .collect();
    assert!(!waiting.is_empty());
    assert_eq!(
        leads::apply_time_rules(&ws, &FixedClock(demo_now()))
            .await
            .unwrap(),
        0
    );
    let changed = leads::apply_time_rules(&ws, &FixedClock(later))
        .await
        .expect("rules");
    assert!(changed as usize >= waiting.len());
    assert_eq!(
        leads::apply_time_rules(&ws, &FixedClock(later))
            .await
            .unwrap(),
        0,
        "once"
    );

    let index = LeadIndex::load(&ws).await.expect("index");
    for id in &waiting {
        let lead = index.lead(id).expect("lead");
        assert_eq!(lead.substatus, LeadSubstatus::Expired, "{id}");
        let detail = leads::detail(&ws, id, later).await.expect("detail");
        assert!(detail.row.contact_hidden);
        assert_eq!(detail.row.email, None);
        assert_eq!(detail.contact_last_name, None);
        let last = detail.history.last().expect("history");
        assert_eq!(
            (last.to, last.actor),
            (LeadSubstatus::Expired, LeadActor::System)
        );
    }
    let out = dir.path().join("expired.csv");
    let q = query(
        LeadSection::All,
        LeadFilters {
            statuses: vec![LeadSubstatus::Expired],
            ..LeadFilters::default()
        },
    );
    export::export(&index, &q, &out, Delimiter::Comma, later).expect("export");
    let file = read_leads_export(&std::fs::read(&out).unwrap()).expect("read");
    assert!(file
        .records
        .iter()
        .all(|r| r.email.is_none() && r.phone.is_none()));
    let secret_emails: Vec<&str> = before
        .iter()
        .filter(|l| waiting.contains(&l.id))
        .map(|l| l.email.as_str())
        .filter(|e| !e.is_empty())
        .collect();
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(secret_emails.iter().all(|e| !text.contains(e)));
    ws.close().await;
}

#[tokio::test]
async fn new_contact_me_leads_notify_once() {
    let dir = tempfile::tempdir().expect("dir");
    let ws = demo(&dir.path().join("ws")).await;
    let clock = FixedClock(demo_now());
    let first = notifications::take_due(&ws, &clock).await.expect("due");
    let second = notifications::take_due(&ws, &clock)
        .await
        .expect("due again");
    assert!(second.is_empty(), "raised once");
    let fresh: Vec<_> = lead_table::all(ws.pool())
        .await
        .unwrap()
        .into_iter()
        .filter(|l| {
            l.call_to_action == Some(CallToAction::ContactMe)
                && matches!(
                    l.substatus,
                    LeadSubstatus::Received | LeadSubstatus::Pending
                )
                && demo_now() - l.created_at < Duration::hours(72)
        })
        .collect();
    let covered: usize = first
        .iter()
        .map(|n| match n {
            notifications::LeadNotification::Single { .. } => 1,
            notifications::LeadNotification::Digest { count, .. } => *count as usize,
        })
        .sum();
    assert_eq!(covered, fresh.len());
    ws.close().await;
}

async fn count(ws: &Workspace) -> usize {
    lead_table::all(ws.pool()).await.expect("leads").len()
}

#[tokio::test]
async fn lead_files_in_the_documented_formats_import_whole_and_once() {
    let dir = tempfile::tempdir().expect("dir");
    let ws = demo(&dir.path().join("ws")).await;
    let clock = FixedClock(demo_now());
    let before = count(&ws).await;
    let files: Vec<PathBuf> = [
        "partner_center_leads.csv",
        "cosell_opportunities.csv",
        "referrals_page1.json",
        "referrals_page2.json",
    ]
    .iter()
    .map(|f| fixtures().join(f))
    .collect();
    let summary = import_files(
        &ws,
        &files,
        &ImportOptions::default(),
        &clock,
        &NoProgress,
        &CancelToken::new(),
    )
    .await
    .expect("import");
    assert!(summary.succeeded(), "{:?}", summary.error_lines());
    let counts = summary.leads.expect("lead counts");
    assert!(counts.added >= 10, "{counts:?}");
    assert_eq!(count(&ws).await, before + counts.added as usize);

    // Partner Center's own verdict is kept.
    let contoso = lead_table::all(ws.pool())
        .await
        .unwrap()
        .into_iter()
        .find(|l| l.id == "7f3c1a52-0002-4b8e-9a11-2f5d0c9e0a02")
        .expect("imported lead");
    assert!(contoso.validity_from_partner_center);
    assert_eq!(contoso.email_validity, EmailValidity::Spam);

    // The same files again change nothing.
    let again = import_files(
        &ws,
        &files,
        &ImportOptions::default(),
        &clock,
        &NoProgress,
        &CancelToken::new(),
    )
    .await
    .expect("import");
    let counts = again.leads.expect("counts");
    assert_eq!((counts.added, counts.updated), (0, 0), "{counts:?}");
    ws.close().await;
}

#[tokio::test]
async fn bad_lead_files_import_nothing_and_say_where() {
    let dir = tempfile::tempdir().expect("dir");
    let ws = demo(&dir.path().join("ws")).await;
    let clock = FixedClock(demo_now());
    let before = lead_table::all(ws.pool()).await.expect("leads");
    let summary = import_files(
        &ws,
        &[
            fixtures().join("bad_leads.csv"),
            fixtures().join("partner_center_leads.csv"),
        ],
        &ImportOptions::default(),
        &clock,
        &NoProgress,
        &CancelToken::new(),
    )
    .await
    .expect("import ran");
    assert!(!summary.succeeded());
    let errors = summary.error_lines();
    assert!(errors.iter().any(|e| e.contains("line 3")), "{errors:#?}");
    assert_eq!(
        lead_table::all(ws.pool()).await.unwrap(),
        before,
        "nothing written"
    );

    // A known Won lead that a file calls Received: Partner Center does not allow it.
    let won = before
        .iter()
        .find(|l| l.substatus == LeadSubstatus::Won)
        .expect("a won lead");
    let path = dir.path().join("backwards.csv");
    std::fs::write(
        &path,
        format!(
            "LeadId,CustomerName,Status,Substatus,LeadCreationDateTime\r\n{},{},New,Received,{}\r\n",
            won.id,
            won.customer_name,
            won.created_at.to_rfc3339()
        ),
    )
    .unwrap();
    let summary = import_files(
        &ws,
        &[path],
        &ImportOptions::default(),
        &clock,
        &NoProgress,
        &CancelToken::new(),
    )
    .await
    .expect("import ran");
    assert!(!summary.succeeded());
    let errors = summary.error_lines();
    assert!(
        errors
            .iter()
            .any(|e| e.contains("line 2") && e.contains("does not allow")),
        "{errors:#?}"
    );
    assert_eq!(lead_table::all(ws.pool()).await.unwrap(), before);

    // Lead files and other files are not mixed in one import.
    let declined = CloseReason::Others;
    assert_eq!(declined.as_str(), "Others");
    ws.close().await;
}

/// Filter, search and sort latency over 100,000 leads, and lead import throughput: a bench that
/// prints figures (SPEC §11), not a timed test.
///
/// `cargo test -p partner-advisor-engine --test engine bench_leads -- --ignored --nocapture`
#[tokio::test]
#[ignore = "benchmark: prints figures"]
async fn bench_leads() {
    use std::collections::HashMap;
    use std::time::Instant;

    let dir = tempfile::tempdir().expect("dir");
    let ws = demo(&dir.path().join("ws")).await;
    let seed_leads = lead_table::all(ws.pool()).await.expect("leads");
    let target = 100_000usize;
    let mut leads = Vec::with_capacity(target);
    for i in 0..target {
        let mut l = seed_leads[i % seed_leads.len()].clone();
        l.id = format!("{}-{i}", l.id);
        l.customer_name = format!("{} {}", l.customer_name, i / seed_leads.len());
        l.created_at -= Duration::minutes((i / seed_leads.len()) as i64);
        leads.push(l);
    }
    let now = demo_now();
    let started = Instant::now();
    let index = LeadIndex::from_leads("bench".into(), leads.clone(), &HashMap::new());
    println!(
        "index of {} leads built in {:?}",
        index.len(),
        started.elapsed()
    );

    let median = |f: &dyn Fn() -> usize| {
        let mut times = Vec::new();
        let mut n = 0;
        for _ in 0..5 {
            let t = Instant::now();
            n = f();
            times.push(t.elapsed());
        }
        times.sort();
        (times[2], n)
    };
    let cases: Vec<(&str, LeadQuery)> = vec![
        ("all, newest first", LeadQuery::section(LeadSection::All)),
        (
            "search 'łódź'",
            LeadQuery {
                search: "łódź".into(),
                ..LeadQuery::section(LeadSection::All)
            },
        ),
        (
            "search 'sol'",
            LeadQuery {
                search: "sol".into(),
                ..LeadQuery::section(LeadSection::All)
            },
        ),
        (
            "marketplace, offer + valid e-mail + 2 CTAs",
            LeadQuery {
                filters: LeadFilters {
                    lead_types: vec![LeadType::Offer],
                    email_validity: vec![EmailValidity::Valid],
                    call_to_action: vec![CallToAction::ContactMe, CallToAction::FreeTrial],
                    ..LeadFilters::default()
                },
                ..LeadQuery::section(LeadSection::Marketplace)
            },
        ),
        (
            "sort by customer",
            LeadQuery {
                sort: LeadSort::Customer,
                descending: false,
                ..LeadQuery::section(LeadSection::All)
            },
        ),
        (
            "sort by e-mail validity",
            LeadQuery {
                sort: LeadSort::EmailValidity,
                ..LeadQuery::section(LeadSection::All)
            },
        ),
    ];
    for (name, q) in &cases {
        let (t, matched) = median(&|| index.query(q, now).expect("query").matched as usize);
        println!(
            "{name:<45} {matched:>7} matched  median {:>7.2} ms",
            t.as_secs_f64() * 1e3
        );
    }
    let (t, _) = median(&|| index.overview(now).action_items.len());
    println!(
        "{:<45} {:>7}          median {:>7.2} ms",
        "overview (action centre)",
        "",
        t.as_secs_f64() * 1e3
    );

    // Import throughput: the 100,000 leads written as the app's export, imported into a demo
    // workspace that has none of them (their ids are new) (parse, check, validate contacts, store encrypted).
    let file = dir.path().join("leads-100k.csv");
    let all = LeadQuery {
        limit: 0,
        ..LeadQuery::section(LeadSection::All)
    };
    let t = Instant::now();
    export::export(&index, &all, &file, Delimiter::Comma, now).expect("export");
    let size = std::fs::metadata(&file).expect("size").len();
    let export_s = t.elapsed().as_secs_f64();
    println!(
        "export 100,000 leads: {:.2} s, {:.1} MB, {:.0} MB/s",
        export_s,
        size as f64 / 1e6,
        size as f64 / 1e6 / export_s
    );
    // Where the import's time goes: reading the file, then judging the contacts.
    let bytes = std::fs::read(&file).expect("bytes");
    let t = Instant::now();
    let parsed = partner_advisor_formats::read_file("leads.csv", &bytes);
    println!(
        "  read + parse: {:.2} s ({} rows accepted)",
        t.elapsed().as_secs_f64(),
        parsed.report.rows_accepted
    );
    let t = Instant::now();
    for l in &leads {
        std::hint::black_box(leads::contacts::judge(&l.email, &l.phone, &l.country));
    }
    println!("  contact checks: {:.2} s", t.elapsed().as_secs_f64());
    let fresh = demo(&dir.path().join("ws2")).await;
    let t = Instant::now();
    let summary = import_files(
        &fresh,
        &[file],
        &ImportOptions::default(),
        &FixedClock(now),
        &NoProgress,
        &CancelToken::new(),
    )
    .await
    .expect("import");
    let secs = t.elapsed().as_secs_f64();
    assert!(summary.succeeded(), "{:?}", summary.error_lines().first());
    let added = summary.leads.expect("counts").added;
    println!(
        "import {added} leads: {secs:.2} s, {:.0} leads/s, {:.1} MB/s",
        added as f64 / secs,
        size as f64 / 1e6 / secs
    );
    crate::bench_line(
        "validate_store",
        added as f64 / secs,
        "rows/s",
        serde_json::json!({"rows": added, "seconds": secs, "mb": size as f64 / 1e6,
            "what": "a Partner Center leads export imported: parsed, checked, contacts validated, stored encrypted"}),
    );
    fresh.close().await;
    ws.close().await;
}

#[tokio::test]
async fn the_demo_scores_its_open_leads_and_an_imported_lead_is_scored_as_it_is_saved() {
    let dir = tempfile::tempdir().expect("dir");
    let ws = demo(&dir.path().join("ws")).await;
    let now = demo_now();
    let index = LeadIndex::load(&ws).await.expect("index");
    let open = LeadQuery {
        filters: LeadFilters {
            statuses: vec![LeadSubstatus::Received, LeadSubstatus::Pending],
            ..LeadFilters::default()
        },
        sort: LeadSort::Score,
        ..query(LeadSection::All, LeadFilters::default())
    };
    let page = index.query(&open, now).expect("page");
    assert!(page.matched > 0);
    assert!(
        page.rows.iter().all(|r| r.score.is_some()),
        "every open demo lead carries a score from the first model"
    );
    let scores: Vec<u8> = page.rows.iter().map(|r| r.score.unwrap().score).collect();
    assert!(
        scores.windows(2).all(|w| w[0] >= w[1]),
        "sorted by score: {scores:?}"
    );

    // A lead imported as Received is scored in the same write.
    let id = "7f3c1a52-0001-4b8e-9a11-2f5d0c9e0a01";
    let summary = import_files(
        &ws,
        &[fixtures().join("partner_center_leads.csv")],
        &ImportOptions::default(),
        &FixedClock(Utc.with_ymd_and_hms(2026, 3, 3, 9, 0, 0).single().unwrap()),
        &NoProgress,
        &CancelToken::new(),
    )
    .await
    .expect("import");
    assert!(summary.succeeded(), "{:?}", summary.error_lines());
    let score = partner_advisor_engine::lead_scoring::lead_score(&ws, id)
        .await
        .expect("score")
        .expect("the imported lead is scored");
    assert!(score.score <= 100);
    let detail = leads::detail(&ws, id, now).await.expect("detail");
    assert_eq!(detail.row.score.map(|s| s.score), Some(score.score));
    ws.close().await;
}
