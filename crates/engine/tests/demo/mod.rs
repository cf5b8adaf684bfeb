//! The demo workspace generator on real encrypted workspaces: determinism, shape, realism, latent
//! truths that models can recover, cancellation.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;
use std::sync::Mutex;
use std::time::Instant;

use chrono::{Duration, NaiveDate};
use partner_advisor_domain::{
    CallToAction, Customer, Lead, LeadClassification, LeadQuality, LeadSource, LeadSubstatus,
    LeadType, Product, SubscriptionStatus, Subsegment,
};
use partner_advisor_engine::demo::{create_demo_workspace, DemoConfig, DemoStats};
use partner_advisor_engine::jobs::{CancelToken, NoProgress, Step};
use partner_advisor_engine::{EngineError, ErrorCode};
use partner_advisor_store::tables::{
    crm_accounts, customers, demo_truth, external_signals, leads, partner, snapshots,
    subscriptions, usage,
};
use partner_advisor_store::{KeySource, Keychain, Workspace};
use zeroize::Zeroizing;

fn keychain() -> Keychain {
    Keychain::with_service(format!("partner-advisor-test-{}", uuid::Uuid::new_v4()))
}

fn passphrase() -> KeySource {
    KeySource::Passphrase(Zeroizing::new("demo workspace passphrase".into()))
}

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 10, 31).expect("date")
}

fn config(customers: u32, seed: u64, months: u32) -> DemoConfig {
    DemoConfig {
        months,
        ..DemoConfig::new(customers, seed, as_of())
    }
}

async fn generate(dir: &Path, config: &DemoConfig) -> (Workspace, DemoStats) {
    create_demo_workspace(
        dir,
        "Demo",
        passphrase(),
        config,
        &keychain(),
        &NoProgress,
        &CancelToken::new(),
    )
    .await
    .expect("demo workspace")
}

/// The customers of the last snapshot.
async fn last_customers(ws: &Workspace) -> (i64, Vec<Customer>) {
    let list = snapshots::list_with_contents(ws.pool())
        .await
        .expect("snapshots");
    let last = list.first().expect("a snapshot").snapshot.id;
    let customers = customers::as_of(ws.pool(), last).await.expect("customers");
    (last, customers)
}

/// Everything the store's readers can return, in a fixed order, as text.
async fn dump(ws: &Workspace) -> String {
    let pool = ws.pool();
    let mut out = String::new();
    let p = partner::get(pool).await.expect("partner");
    writeln!(out, "{p:?}").ok();
    let list = snapshots::list_with_contents(pool)
        .await
        .expect("snapshots");
    let mut tenants = BTreeSet::new();
    for s in &list {
        writeln!(out, "{s:?}").ok();
        for c in customers::as_of(pool, s.snapshot.id)
            .await
            .expect("customers")
        {
            writeln!(out, "{c:?}").ok();
            let subs = subscriptions::of_customer(pool, s.snapshot.id, &c.tenant_id)
                .await
                .expect("subscriptions");
            writeln!(out, "{subs:?}").ok();
            tenants.insert(c.tenant_id);
        }
    }
    for t in &tenants {
        let history = usage::history_of_customer(pool, t).await.expect("usage");
        writeln!(out, "{history:?}").ok();
    }
    for l in leads::all(pool).await.expect("leads") {
        let events = leads::events_of(pool, &l.id).await.expect("events");
        writeln!(out, "{l:?}\n{events:?}").ok();
    }
    writeln!(out, "{:?}", crm_accounts::all(pool).await.expect("crm")).ok();
    writeln!(
        out,
        "{:?}",
        demo_truth::customers(pool).await.expect("truth")
    )
    .ok();
    writeln!(out, "{:?}", demo_truth::leads(pool).await.expect("truth")).ok();
    writeln!(out, "{:?}", demo_truth::areas(pool).await.expect("truth")).ok();
    writeln!(
        out,
        "{:?}",
        external_signals::all(pool).await.expect("signals")
    )
    .ok();
    out
}

#[tokio::test]
async fn the_same_seed_gives_the_same_workspace_and_another_seed_another() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (a, stats_a) = generate(&tmp.path().join("a"), &config(120, 7, 6)).await;
    let (b, stats_b) = generate(&tmp.path().join("b"), &config(120, 7, 6)).await;
    let (c, _) = generate(&tmp.path().join("c"), &config(120, 8, 6)).await;
    assert_eq!(stats_a, stats_b);
    let (dump_a, dump_b, dump_c) = (dump(&a).await, dump(&b).await, dump(&c).await);
    assert!(dump_a.len() > 100_000, "{}", dump_a.len());
    assert!(dump_a == dump_b, "two generations with seed 7 differ");
    assert!(dump_a != dump_c, "seeds 7 and 8 gave the same workspace");
}

#[tokio::test]
async fn snapshots_tables_and_every_lead_value_are_there() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (ws, stats) = generate(&tmp.path().join("demo"), &config(250, 3, 24)).await;
    let list = snapshots::list_with_contents(ws.pool())
        .await
        .expect("snapshots");
    assert_eq!(list.len(), 24);
    let dates: Vec<NaiveDate> = list.iter().rev().map(|s| s.snapshot.as_of).collect();
    assert!(dates.windows(2).all(|w| w[0] < w[1]), "{dates:?}");
    assert_eq!(dates.last(), Some(&as_of()));
    assert_eq!(
        dates[0],
        NaiveDate::from_ymd_opt(2024, 11, 30).expect("date")
    );
    for s in &list {
        assert!(
            s.customers > 0 && s.subscriptions > 0 && s.usage_rows > 0,
            "{s:?}"
        );
        assert!(s.security_signals > 0, "{s:?}");
        assert_eq!(
            s.label,
            Some(format!("Demo data {}", s.snapshot.as_of.format("%Y-%m")))
        );
    }
    assert!(list[0].user_activity_rows > 0);
    assert!(list[1..].iter().all(|s| s.user_activity_rows == 0));
    let totals = snapshots::totals(ws.pool()).await.expect("totals");
    assert_eq!(totals.customers, 250);
    assert_eq!(totals.leads, stats.leads);
    assert_eq!(totals.crm_accounts, stats.crm_accounts);
    assert!(stats.leads >= 200 && stats.crm_accounts > 150);
    assert_eq!(
        partner::get(ws.pool())
            .await
            .expect("partner")
            .map(|p| p.name),
        Some("Northwind Cloud Partners".to_owned())
    );
    assert_eq!(
        demo_truth::customers(ws.pool()).await.expect("truth").len(),
        250
    );
    // Fit and intent in each of the eight solution areas, and the external signals that show
    // them, observed up to the last snapshot.
    let areas = demo_truth::areas(ws.pool()).await.expect("area truth");
    assert_eq!(areas.len(), 250 * 8);
    assert!(areas
        .iter()
        .all(|a| (0.0..=1.0).contains(&a.fit) && (0.0..=1.0).contains(&a.intent)));
    let signals = external_signals::all(ws.pool()).await.expect("signals");
    assert_eq!(signals.len() as u64, stats.external_signals);
    assert!(signals.len() > 250, "{}", signals.len());
    assert!(signals.iter().all(|s| s.observed_on <= as_of()));

    let all = leads::all(ws.pool()).await.expect("leads");
    assert_eq!(all.len() as u64, stats.leads);
    assert_eq!(
        demo_truth::leads(ws.pool()).await.expect("truth").len(),
        all.len()
    );
    fn seen<T: Ord + Copy>(leads: &[Lead], f: impl Fn(&Lead) -> T) -> BTreeSet<T> {
        leads.iter().map(f).collect()
    }
    assert_eq!(seen(&all, |l| l.lead_type).len(), LeadType::ALL.len());
    assert_eq!(
        seen(&all, |l| l.classification).len(),
        LeadClassification::ALL.len()
    );
    assert_eq!(seen(&all, |l| l.source).len(), LeadSource::ALL.len());
    assert_eq!(seen(&all, |l| l.quality).len(), LeadQuality::ALL.len());
    assert_eq!(seen(&all, |l| l.substatus).len(), LeadSubstatus::ALL.len());
    let ctas = seen(&all, |l| l.call_to_action);
    for cta in CallToAction::ALL {
        assert!(ctas.contains(&Some(*cta)), "{cta:?}");
    }
    // Lifecycle rules.
    let end = chrono::TimeZone::from_utc_datetime(
        &chrono::Utc,
        &as_of().and_hms_opt(23, 59, 59).expect("time"),
    );
    for l in &all {
        let age = end - l.created_at;
        if matches!(
            l.substatus,
            LeadSubstatus::Received | LeadSubstatus::Pending
        ) {
            // Informational leads wait six months; every other lead 14 days.
            assert_eq!(
                partner_advisor_engine::leads::lifecycle::due_time_rule(l, end),
                None,
                "{l:?}"
            );
            if !partner_advisor_engine::leads::lifecycle::is_informational(l) {
                assert!(age < Duration::days(14), "{l:?}");
            }
        }
        if l.substatus == LeadSubstatus::Expired {
            assert!(age >= Duration::days(14), "{l:?}");
        }
        if l.deal_value.is_some() {
            let currency = match l.country.as_str() {
                "ES" | "FR" => "EUR",
                "PL" => "PLN",
                "GB" => "GBP",
                _ => "USD",
            };
            assert_eq!(l.currency.as_deref(), Some(currency), "{l:?}");
        }
        assert!(l.updated_at >= l.created_at && l.updated_at <= end);
        let history = leads::events_of(ws.pool(), &l.id).await.expect("events");
        assert_eq!(history.last().map(|e| e.to), Some(l.substatus), "{l:?}");
        assert_eq!(history.first().map(|e| e.from), Some(None));
    }
    let reasons: BTreeSet<&str> = all
        .iter()
        .filter_map(|l| l.status_reason.as_deref())
        .collect();
    assert!(
        reasons.contains("Customer chose another vendor"),
        "{reasons:?}"
    );
    assert!(all.iter().any(|l| l.email.contains("mailinator.com")
        || l.email.contains("yopmail.com")
        || l.email.contains("guerrillamail.com")));
}

#[tokio::test]
async fn customers_look_like_real_smbs() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (ws, _) = generate(&tmp.path().join("demo"), &config(400, 5, 3)).await;
    let (last, customers) = last_customers(&ws).await;
    let names: BTreeSet<&str> = customers.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names.len(), customers.len(), "names are unique");
    let mut countries = BTreeMap::new();
    for c in &customers {
        *countries.entry(c.country.as_str()).or_insert(0) += 1;
        assert_eq!(c.tenant_id.len(), 36);
        assert!(c.primary_domain.is_ascii() && c.primary_domain.contains('.'));
        assert!(!c.primary_domain.contains(' '));
        assert!(c.state.is_some());
        let postal = c.postal_code.as_deref().expect("postal code");
        let digits = postal.chars().filter(char::is_ascii_digit).count();
        match c.country.as_str() {
            "ES" | "FR" | "US" => assert!(postal.len() == 5 && digits == 5, "{postal}"),
            "PL" => assert!(postal.len() == 6 && &postal[2..3] == "-", "{postal}"),
            "GB" => assert!(postal.contains(' '), "{postal}"),
            other => panic!("unexpected country {other}"),
        }
        let tld_ok = match c.country.as_str() {
            "ES" => [".es", ".com"]
                .iter()
                .any(|t| c.primary_domain.ends_with(t)),
            "FR" => [".fr", ".com", ".eu"]
                .iter()
                .any(|t| c.primary_domain.ends_with(t)),
            "PL" => [".pl", ".com"]
                .iter()
                .any(|t| c.primary_domain.ends_with(t)),
            "GB" => [".uk", ".com"]
                .iter()
                .any(|t| c.primary_domain.ends_with(t)),
            _ => true,
        };
        assert!(tld_ok, "{c:?}");
        assert!(c.segment == "SMB" || c.segment == "SMC");
        assert!(c.employees >= 1);
    }
    assert_eq!(countries.len(), 5, "{countries:?}");
    let legal = |suffix: &str| customers.iter().any(|c| c.name.ends_with(suffix));
    assert!(
        legal(" S.L.") && legal(" SARL") && legal(" Sp. z o.o.") && legal(" Ltd") && legal(" LLC")
    );
    assert!(
        customers.iter().any(|c| c.tpid.is_some()) && customers.iter().any(|c| c.tpid.is_none())
    );
    assert!(customers.iter().any(|c| c.acr_usd_month > 1_000.0));
    let zero_acr = customers.iter().filter(|c| c.acr_usd_month == 0.0).count();
    assert!(
        zero_acr * 2 > customers.len(),
        "most customers spend nothing on Azure"
    );
    // Channels and products of the last snapshot.
    let mut direct = false;
    let mut products = BTreeSet::new();
    for c in &customers {
        for s in subscriptions::of_customer(ws.pool(), last, &c.tenant_id)
            .await
            .expect("subscriptions")
        {
            direct |= s.channel == partner_advisor_domain::PurchaseChannel::MicrosoftDirect;
            products.insert(s.product);
        }
    }
    assert!(direct);
    assert!(products.len() >= 12, "{products:?}");
}

#[tokio::test]
async fn subsegments_cover_all_three_values() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (ws, _) = generate(&tmp.path().join("demo"), &config(500, 11, 2)).await;
    let (_, customers) = last_customers(&ws).await;
    let mut counts: BTreeMap<Subsegment, usize> = BTreeMap::new();
    for c in &customers {
        *counts.entry(c.subsegment()).or_insert(0) += 1;
    }
    assert_eq!(counts.len(), 3, "{counts:?}");
    assert!(counts[&Subsegment::VerySmall] > counts[&Subsegment::Medium]);
    assert!(counts[&Subsegment::Medium] > counts[&Subsegment::UpperMedium]);
}

/// Share of `items` for which `hit` holds.
fn rate<T>(items: &[T], hit: impl Fn(&T) -> bool) -> f64 {
    items.iter().filter(|t| hit(t)).count() as f64 / items.len().max(1) as f64
}

/// The top decile and the bottom half of `items` by `score`.
fn top_decile_and_bottom_half<T: Clone>(
    items: &[T],
    score: impl Fn(&T) -> f64,
) -> (Vec<T>, Vec<T>) {
    let mut sorted = items.to_vec();
    sorted.sort_by(|a, b| score(b).total_cmp(&score(a)));
    let top = sorted[..sorted.len() / 10].to_vec();
    let bottom = sorted[sorted.len() / 2..].to_vec();
    (top, bottom)
}

#[tokio::test]
async fn latent_truths_are_recoverable_from_outcomes() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (ws, _) = generate(&tmp.path().join("demo"), &config(500, 21, 24)).await;
    let truths = demo_truth::customers(ws.pool()).await.expect("truths");
    assert_eq!(truths.len(), 500);

    let (top, bottom) = top_decile_and_bottom_half(&truths, |t| t.upgrade_propensity);
    let (hi, lo) = (
        rate(&top, |t| t.upgraded_on.is_some()),
        rate(&bottom, |t| t.upgraded_on.is_some()),
    );
    eprintln!("upgrades: top decile {hi:.2}, bottom half {lo:.2}");
    assert!(
        hi >= 3.0 * lo && hi > 0.3,
        "upgrades: top decile {hi:.2}, bottom half {lo:.2}"
    );

    let (top, bottom) = top_decile_and_bottom_half(&truths, |t| t.churn_propensity);
    let (hi, lo) = (
        rate(&top, |t| t.churned_on.is_some()),
        rate(&bottom, |t| t.churned_on.is_some()),
    );
    eprintln!("churn: top decile {hi:.2}, bottom half {lo:.2}");
    assert!(
        hi >= 3.0 * lo && hi > 0.2,
        "churn: top decile {hi:.2}, bottom half {lo:.2}"
    );

    // Security propensity shows in what customers own at the end.
    let (last, _) = last_customers(&ws).await;
    let mut secured = BTreeMap::new();
    for t in &truths {
        let subs = subscriptions::of_customer(ws.pool(), last, &t.tenant_id)
            .await
            .expect("subscriptions");
        let has = subs.iter().any(|s| {
            s.status == SubscriptionStatus::Active
                && matches!(
                    s.product,
                    Product::DefenderForBusiness
                        | Product::DefenderForOfficeP2
                        | Product::EntraIdP1
                        | Product::EmsE5
                )
        });
        secured.insert(t.tenant_id.clone(), has);
    }
    let (top, bottom) = top_decile_and_bottom_half(&truths, |t| t.security_propensity);
    let (hi, lo) = (
        rate(&top, |t| secured[&t.tenant_id]),
        rate(&bottom, |t| secured[&t.tenant_id]),
    );
    eprintln!("security: top decile {hi:.2}, bottom half {lo:.2}");
    assert!(
        hi >= 2.0 * lo && hi > 0.2,
        "security: top decile {hi:.2}, bottom half {lo:.2}"
    );

    // Leads: qualified = accepted or won; disqualified = declined, lost or expired.
    let all = leads::all(ws.pool()).await.expect("leads");
    let propensity: BTreeMap<String, f64> = demo_truth::leads(ws.pool())
        .await
        .expect("truths")
        .into_iter()
        .map(|t| (t.lead_id, t.qualify_propensity))
        .collect();
    let decided: Vec<(f64, bool)> = all
        .iter()
        .filter(|l| {
            !matches!(
                l.substatus,
                LeadSubstatus::Received | LeadSubstatus::Pending
            )
        })
        .map(|l| {
            (
                propensity[&l.id],
                matches!(l.substatus, LeadSubstatus::Accepted | LeadSubstatus::Won),
            )
        })
        .collect();
    assert!(decided.len() >= 150);
    let (top, bottom) = top_decile_and_bottom_half(&decided, |d| d.0);
    let (hi, lo) = (rate(&top, |d| d.1), rate(&bottom, |d| d.1));
    eprintln!("leads: top decile {hi:.2}, bottom half {lo:.2}");
    assert!(
        hi >= 3.0 * lo && hi > 0.4,
        "leads: top decile {hi:.2}, bottom half {lo:.2}"
    );
}

#[tokio::test]
async fn cancelling_stops_promptly_and_leaves_no_folder() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("demo");
    let cancel = CancelToken::new();
    let steps: Mutex<Vec<Step>> = Mutex::new(Vec::new());
    let progress = |step: Step| {
        // Progress counts customer-months: cancel once two of the 500-customer snapshots are written.
        if step.stage == "demo.snapshots" && step.done >= 2 * 500 && !cancel.is_cancelled() {
            cancel.cancel();
        }
        steps.lock().expect("lock").push(step);
    };
    let result = create_demo_workspace(
        &dir,
        "Demo",
        passphrase(),
        &config(500, 1, 24),
        &keychain(),
        &progress,
        &cancel,
    )
    .await;
    assert!(cancel.is_cancelled(), "the cancel point was reached");
    let error = result.expect_err("cancelled generation fails");
    assert!(matches!(error, EngineError::Cancelled), "{error:?}");
    assert_eq!(error.code(), ErrorCode::Cancelled);
    // Promptness is measured in work, not seconds: nothing is written past the cancel point.
    let steps = steps.lock().expect("lock");
    let furthest = steps
        .iter()
        .filter(|s| s.stage == "demo.snapshots")
        .map(|s| s.done)
        .max();
    assert_eq!(furthest, Some(2 * 500), "no snapshot after the cancel");
    assert!(!dir.exists());
    let left: Vec<_> = std::fs::read_dir(tmp.path())
        .expect("read tempdir")
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

/// Measures generation: `DEMO_BENCH_CUSTOMERS` (default 3000) customers, 24 months.
/// `cargo test -p partner-advisor-engine --test engine -- --ignored --nocapture bench_demo`
#[tokio::test]
#[ignore = "benchmark: run by hand"]
async fn bench_demo() {
    let customers: u32 = std::env::var("DEMO_BENCH_CUSTOMERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3_000);
    let dir = std::env::var_os("DEMO_BENCH_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(std::env::temp_dir)
        .join(format!("demo-bench-{customers}-{}", uuid::Uuid::new_v4()));
    let last_report = Mutex::new(Instant::now());
    let started = Instant::now();
    let progress = |step: Step| {
        let mut last = last_report.lock().expect("lock");
        if step.stage != "demo.customers" || last.elapsed().as_secs() >= 10 {
            eprintln!(
                "{:>7.1} s {} {}/{}",
                started.elapsed().as_secs_f64(),
                step.stage,
                step.done,
                step.total
            );
            *last = Instant::now();
        }
    };
    let (ws, stats) = create_demo_workspace(
        &dir,
        "Bench",
        passphrase(),
        &config(customers, 42, 24),
        &keychain(),
        &progress,
        &CancelToken::new(),
    )
    .await
    .expect("demo");
    let seconds = started.elapsed().as_secs_f64();
    let bytes = ws.file_size_bytes();
    let list = snapshots::list_with_contents(ws.pool())
        .await
        .expect("snapshots");
    let states: u64 = list.iter().map(|s| s.customers).sum();
    let mut events = 0u64;
    for l in leads::all(ws.pool()).await.expect("leads") {
        events += leads::events_of(ws.pool(), &l.id)
            .await
            .expect("events")
            .len() as u64;
    }
    // Customer identities and states, subscriptions, usage, user activity, security, leads, lead
    // events, lead truths, customer truths, CRM accounts.
    let rows = states
        + stats.customers
        + stats.subscriptions
        + stats.usage_rows
        + stats.user_activity_rows
        + stats.security_signals
        + 2 * stats.leads
        + events
        + stats.customers
        + stats.crm_accounts;
    println!(
        "demo bench: {customers} customers, {seconds:.1} s, {rows} rows ({:.0} rows/s), {:.1} MB; {stats:?}",
        rows as f64 / seconds,
        bytes as f64 / 1e6
    );
    ws.close().await;
    std::fs::remove_dir_all(&dir).ok();
}
