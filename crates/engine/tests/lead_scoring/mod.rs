//! Lead scoring on real encrypted demo workspaces: the 40/40 refusal with its counts, a trained
//! version's metrics, ROC AUC on leads the model never saw against the demo generator's latent
//! truth, determinism and exact contributions, publish/revert/delete and the ten-model cap, the
//! first matching published model, grade boundaries and the trend, the 95% and three-month
//! auto-publish rules on the 15-day cadence with a fake clock, and reasons grounded in the
//! training data in four languages. `bench_lead_scoring` (ignored) prints the figures of
//! SPEC.md §11.
//!
//! Two demo workspaces (2,000 customers, 400 leads; seeds 7 and 8) are generated once per run
//! and copied for each test, so tests never see each other's models.

mod views;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration as StdDuration, Instant};

use chrono::{DateTime, Duration, Months, NaiveDate, TimeZone, Utc};
use partner_advisor_domain::{
    CallToAction, EmailValidity, FixedClock, Lead, LeadClassification, LeadQuality, LeadSubstatus,
    LeadType, PhoneValidity,
};
use partner_advisor_engine::demo::{create_demo_workspace, DemoConfig};
use partner_advisor_engine::jobs::{CancelToken, NoProgress};
use partner_advisor_engine::lead_scoring::{
    self as scoring, rules, training, Attribute, AutoPublish, Bound, Condition, Grade, GradeRanges,
    LeadFilter, LeadScorer, ModelChanges, NewModel, PublishedModel, RetrainOutcome,
    SelectionReason, Trend, VersionStatus,
};
use partner_advisor_engine::settings::Language;
use partner_advisor_engine::ErrorCode;
use partner_advisor_learn as learn;
use partner_advisor_store::tables::{demo_truth, leads as lead_table};
use partner_advisor_store::{KeySource, Keychain, Workspace};
use rand::{Rng, SeedableRng};
use zeroize::Zeroizing;

const PASSPHRASE: &str = "lead scoring tests passphrase";
const LANGUAGES: [Language; 4] = [Language::En, Language::Es, Language::Fr, Language::Pl];

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 10, 31).expect("date")
}

/// The end of the demo's last day: its "now".
fn demo_now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 10, 31, 23, 59, 59)
        .single()
        .expect("time")
}

fn keychain() -> Keychain {
    Keychain::with_service(format!("partner-advisor-test-{}", uuid::Uuid::new_v4()))
}

fn passphrase() -> KeySource {
    KeySource::Passphrase(Zeroizing::new(PASSPHRASE.into()))
}

/// Generates the demo of `seed` once per test run (2,000 customers: 400 leads over 24 months)
/// and returns its folder.
async fn base(seed: u64) -> &'static Path {
    static SEED_7: tokio::sync::OnceCell<PathBuf> = tokio::sync::OnceCell::const_new();
    static SEED_8: tokio::sync::OnceCell<PathBuf> = tokio::sync::OnceCell::const_new();
    let cell = if seed == 7 { &SEED_7 } else { &SEED_8 };
    cell.get_or_init(|| async move {
        let tmp = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
        remove_stale_bases(&tmp);
        let dir = tmp.join(format!("{BASE_PREFIX}{}-seed-{seed}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let (ws, _) = create_demo_workspace(
            &dir,
            "Lead scoring demo",
            passphrase(),
            &DemoConfig::new(2_000, seed, as_of()),
            &keychain(),
            &NoProgress,
            &CancelToken::new(),
        )
        .await
        .expect("demo workspace");
        // The demo comes with a first published model; these tests build their own from none.
        for m in partner_advisor_engine::lead_scoring::models(&ws)
            .await
            .expect("models")
        {
            partner_advisor_engine::lead_scoring::delete_model(
                &ws,
                m.id,
                &partner_advisor_domain::SystemClock,
            )
            .await
            .expect("delete the demo's model");
        }
        ws.close().await;
        dir
    })
    .await
    .as_path()
}

const BASE_PREFIX: &str = "lead-scoring-demo-";

/// Removes the demo folders earlier test runs left (a run cannot remove its own at exit):
/// those of processes that are gone (where `/proc` says so), or older than a day.
fn remove_stale_bases(tmp: &Path) {
    let Ok(entries) = std::fs::read_dir(tmp) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = name.strip_prefix(BASE_PREFIX) else {
            continue;
        };
        let pid = rest.split('-').next().unwrap_or_default();
        if pid == std::process::id().to_string() {
            continue;
        }
        let gone = Path::new("/proc").is_dir() && !Path::new("/proc").join(pid).exists();
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > StdDuration::from_secs(86_400));
        if gone || old {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// A fresh copy of the demo of `seed`, opened.
async fn workspace(seed: u64) -> (tempfile::TempDir, Workspace) {
    let from = base(seed).await;
    let tmp = tempfile::tempdir().expect("dir");
    let to = tmp.path().join("ws");
    std::fs::create_dir_all(&to).expect("mkdir");
    // The base was checkpointed into its database when closed: its log files (which SQLite
    // removes a moment after the last connection closes) are not needed.
    for entry in std::fs::read_dir(from).expect("read base") {
        let entry = entry.expect("entry");
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with("-wal") || name.ends_with("-shm") {
            continue;
        }
        std::fs::copy(entry.path(), to.join(&name)).expect("copy");
    }
    let ws = Workspace::open(&to, passphrase(), &keychain())
        .await
        .expect("open copy");
    (tmp, ws)
}

fn closed_in_window(leads: &[Lead], now: DateTime<Utc>) -> Vec<&Lead> {
    let start = now - Months::new(training::TRAINING_WINDOW_MONTHS);
    leads
        .iter()
        .filter(|l| l.created_at >= start && l.created_at <= now)
        .filter(|l| rules::outcome(l.substatus).is_some())
        .collect()
}

fn is_qualified(l: &Lead) -> bool {
    matches!(l.substatus, LeadSubstatus::Accepted | LeadSubstatus::Won)
}

/// The probability that a random pair of leads with different propensities is ordered the
/// same way by `scores` (ties in the score count one half): ROC AUC generalised to a
/// continuous truth.
fn concordance(scores: &[f64], truth: &[f64]) -> f64 {
    let mut idx: Vec<usize> = (0..scores.len()).collect();
    idx.sort_by(|&a, &b| truth[a].total_cmp(&truth[b]));
    let (mut agree, mut pairs) = (0.0, 0.0);
    for i in 0..idx.len() {
        for j in i + 1..idx.len() {
            let (a, b) = (idx[i], idx[j]);
            if truth[a] == truth[b] {
                continue;
            }
            pairs += 1.0;
            agree += match scores[b].total_cmp(&scores[a]) {
                std::cmp::Ordering::Greater => 1.0,
                std::cmp::Ordering::Equal => 0.5,
                std::cmp::Ordering::Less => 0.0,
            };
        }
    }
    agree / pairs
}

async fn trained_and_published(ws: &Workspace, clock: &FixedClock) -> scoring::ScoringModel {
    let m = scoring::create_model(ws, NewModel::default(), clock)
        .await
        .expect("model");
    let v = scoring::train(ws, m.id, clock).await.expect("train");
    scoring::publish(ws, m.id, v.version, clock)
        .await
        .expect("publish");
    m
}

async fn open_leads(ws: &Workspace) -> Vec<Lead> {
    lead_table::all(ws.pool())
        .await
        .expect("leads")
        .into_iter()
        .filter(rules::is_open)
        .collect()
}

#[tokio::test]
async fn training_refuses_fewer_than_40_of_each_outcome_with_both_counts() {
    let (_dir, ws) = workspace(7).await;
    let clock = FixedClock(demo_now());
    let leads = lead_table::all(ws.pool()).await.expect("leads");
    let closed = closed_in_window(&leads, demo_now());
    let all_q = closed.iter().filter(|l| is_qualified(l)).count();
    assert!(
        all_q >= 40 && closed.len() - all_q >= 40,
        "the demo has enough for 40/40: {all_q} qualified of {}",
        closed.len()
    );

    // Polish sales-qualified leads: a few dozen at most.
    let filter = LeadFilter {
        conditions: vec![
            Condition {
                attribute: Attribute::Country,
                values: vec!["PL".into()],
            },
            Condition {
                attribute: Attribute::Classification,
                values: vec!["Sales qualified".into()],
            },
        ],
    };
    let model = scoring::create_model(
        &ws,
        NewModel {
            filter,
            ..NewModel::default()
        },
        &clock,
    )
    .await
    .expect("model");
    let mine: Vec<&&Lead> = closed
        .iter()
        .filter(|l| l.country == "PL" && l.classification == LeadClassification::SalesQualified)
        .collect();
    let q = mine.iter().filter(|l| is_qualified(l)).count();
    let d = mine.len() - q;
    assert!(q < 40 || d < 40);
    let err = scoring::train(&ws, model.id, &clock)
        .await
        .expect_err("too few leads");
    assert_eq!(err.code(), ErrorCode::InvalidInput);
    let message = err.to_string();
    println!("{message}");
    assert!(
        message.contains(&format!("there are {q} qualified and {d} disqualified")),
        "{message}"
    );
    assert!(message.contains("at least 40 qualified and 40 disqualified"));
    assert!(scoring::versions(&ws, model.id)
        .await
        .expect("versions")
        .is_empty());
}

#[tokio::test]
async fn a_version_has_its_metrics_and_ranks_unseen_leads_like_the_generator() {
    let (_dir, ws) = workspace(7).await;
    let clock = FixedClock(demo_now());
    let model = scoring::create_model(&ws, NewModel::default(), &clock)
        .await
        .expect("model");
    assert!(model.name.starts_with("LeadScoring_202610312359"));
    assert!(model.auto_retrain);
    assert_eq!(model.grades, GradeRanges::default());
    let started = Instant::now();
    let v = scoring::train(&ws, model.id, &clock).await.expect("train");
    println!("trained on 400 demo leads in {:?}", started.elapsed());
    assert_eq!((v.version, v.status), (1, VersionStatus::Draft));

    // Counts: every closed lead of the window, split 80/20 by time.
    let leads = lead_table::all(ws.pool()).await.expect("leads");
    let closed = closed_in_window(&leads, demo_now());
    let q = closed.iter().filter(|l| is_qualified(l)).count() as u32;
    let r = &v.report;
    assert_eq!(r.counts.qualified, q);
    assert_eq!(
        r.counts.qualified + r.counts.disqualified,
        closed.len() as u32
    );
    assert_eq!(
        r.counts.training_rows + r.counts.validation_rows,
        closed.len() as u32
    );
    let share = f64::from(r.counts.validation_rows) / closed.len() as f64;
    assert!((0.15..=0.25).contains(&share), "{share}");
    // The validation rows are the most recent ones.
    let mut by_time: Vec<&&Lead> = closed.iter().collect();
    by_time.sort_by(|a, b| a.created_at.cmp(&b.created_at).then(a.id.cmp(&b.id)));
    let valid = &by_time[by_time.len() - r.counts.validation_rows as usize..];
    assert_eq!(
        valid.iter().filter(|l| is_qualified(l)).count() as u32,
        r.counts.validation_qualified
    );

    // Metrics as Dynamics shows them.
    let m = &r.metrics;
    let c = m.confusion;
    assert_eq!(
        c.true_positives + c.false_positives + c.true_negatives + c.false_negatives,
        r.counts.validation_rows
    );
    let total = f64::from(r.counts.validation_rows);
    assert!((m.accuracy - f64::from(c.true_positives + c.true_negatives) / total).abs() < 1e-12);
    assert!(
        (m.recall - f64::from(c.true_positives) / f64::from(c.true_positives + c.false_negatives))
            .abs()
            < 1e-12
    );
    assert!((m.conversion_rate - f64::from(r.counts.validation_qualified) / total).abs() < 1e-12);
    assert_eq!(m.threshold_score, (m.threshold * 100.0).round() as u8);
    for x in [m.roc_auc, m.pr_auc, m.brier, m.f1, m.precision] {
        assert!((0.0..=1.0).contains(&x), "{m:?}");
    }
    assert!(m.log_loss > 0.0 && m.expected_calibration_error >= 0.0);
    assert_eq!(v.accuracy_status, rules::AccuracyStatus::of_auc(m.roc_auc));
    let hist: u32 = r
        .score_histogram
        .qualified
        .iter()
        .chain(&r.score_histogram.disqualified)
        .sum();
    assert_eq!(hist, r.counts.validation_rows);
    let curve = &r.roc_curve;
    assert_eq!((curve[0].fpr, curve[0].tpr), (0.0, 0.0));
    let last = curve.last().expect("points");
    assert_eq!((last.fpr, last.tpr), (1.0, 1.0));
    assert!(curve
        .windows(2)
        .all(|w| w[1].fpr >= w[0].fpr && w[1].tpr >= w[0].tpr));
    let area = training::roc_area(curve);
    println!(
        "validation (most recent {} leads): ROC AUC {:.3} (curve of the margins {area:.3}), \
         PR AUC {:.3}, log loss {:.3} (uncalibrated {:.3}), Brier {:.3}, ECE {:.3}, accuracy \
         {:.3}, recall {:.3}, precision {:.3}, F1 {:.3} at {}, learner {} ({}), {}",
        r.counts.validation_rows,
        m.roc_auc,
        m.pr_auc,
        m.log_loss,
        m.uncalibrated_log_loss,
        m.brier,
        m.expected_calibration_error,
        m.accuracy,
        m.recall,
        m.precision,
        m.f1,
        m.threshold_score,
        r.learner_name,
        r.calibration,
        v.accuracy_status.label()
    );
    for g in r.grade_performance(&GradeRanges::default()) {
        println!(
            "  grade {:?} {}–{}: {} leads, {} qualified; precision ≥ {:.2}, recall ≥ {:.2}",
            g.grade,
            g.min,
            g.max,
            g.leads,
            g.qualified,
            g.precision_at_or_above,
            g.recall_at_or_above
        );
    }

    // Attributes: every candidate reported once, the selected ones above the documented cut.
    assert_eq!(r.attributes.len(), Attribute::ALL.len());
    let mut selected_share = 0.0;
    for a in &r.attributes {
        println!(
            "  {:<15} {:>5.1}% filled {:>5.1}% {:>3} values: {}",
            a.attribute.key(),
            a.importance_share * 100.0,
            a.fill_rate * 100.0,
            a.distinct_values,
            a.reason.describe()
        );
        match a.reason {
            SelectionReason::Selected { share } => {
                assert!(a.selected && share >= training::MIN_IMPORTANCE_SHARE * 0.5);
                selected_share += share;
            }
            SelectionReason::LittleInfluence { share } => {
                assert!(!a.selected && share < training::MIN_IMPORTANCE_SHARE)
            }
            SelectionReason::Sparse { fill_rate } => {
                assert!(!a.selected && fill_rate < training::MIN_FILL_RATE)
            }
            SelectionReason::Constant => assert!(!a.selected && a.distinct_values <= 1),
            _ => panic!("no admin choice here: {a:?}"),
        }
    }
    assert!((selected_share - 1.0).abs() < 1e-9, "{selected_share}");
    assert!(r.most_influential(5).len() <= 5);
    let top: Vec<&str> = r.most_influential(5).iter().map(|a| a.key()).collect();
    println!("most influential: {top:?}");

    // Unseen leads: the demo of another seed draws new leads from the same generator. Score its
    // closed leads with the published model and compare with what happened and with the
    // generator's latent propensity.
    scoring::publish(&ws, model.id, v.version, &clock)
        .await
        .expect("publish");
    let scorer = {
        let mut conn = ws.pool().acquire().await.expect("conn");
        LeadScorer::load(&mut conn).await.expect("scorer")
    };
    let (_dir8, other) = workspace(8).await;
    let fresh = lead_table::all(other.pool()).await.expect("leads");
    let fresh_closed = closed_in_window(&fresh, demo_now());
    let truth: HashMap<String, f64> = demo_truth::leads(other.pool())
        .await
        .expect("truth")
        .into_iter()
        .map(|t| (t.lead_id, t.qualify_propensity))
        .collect();
    let explained = scorer.explain(&fresh_closed).expect("explain");
    let probs: Vec<f64> = explained
        .iter()
        .map(|e| e.as_ref().expect("the model takes every lead").probability)
        .collect();
    let outcomes: Vec<bool> = fresh_closed.iter().map(|l| is_qualified(l)).collect();
    let propensity: Vec<f64> = fresh_closed.iter().map(|l| truth[&l.id]).collect();
    let auc = learn::metrics::roc_auc(&probs, &outcomes);
    let ceiling = learn::metrics::roc_auc(&propensity, &outcomes);
    let ranking = concordance(&probs, &propensity);
    println!(
        "unseen leads (seed 8, {} closed): ROC AUC vs outcome {auc:.3} (the generator's own \
         propensity: {ceiling:.3}); concordance with the propensity ranking {ranking:.3}",
        fresh_closed.len()
    );
    // Floors. The generator draws each outcome from its propensity, so even the propensity
    // itself ranks the outcomes of these leads with an AUC of only 0.835 (printed above): the
    // ceiling. The model learns from 369 closed leads and is tested on 365 others, where it
    // reaches 0.754 (standard error of an AUC on 365 leads: about 0.025). 0.70 sits two
    // standard errors below that and 0.2 above a constant score (0.5): a model that lost an
    // attribute's signal or mixed up its outcomes fails it. Against the propensity itself (no
    // outcome noise) the ranking agrees on 0.796 of pairs; it must stay at 0.75 or more.
    assert!(auc >= 0.70, "ROC AUC on unseen leads {auc:.3}");
    assert!(
        ranking >= 0.75,
        "concordance with the propensity {ranking:.3}"
    );
    assert!(
        auc <= ceiling + 0.05,
        "no better than the truth: {auc} vs {ceiling}"
    );
}

#[tokio::test]
async fn the_admin_can_choose_the_attributes() {
    let (_dir, ws) = workspace(7).await;
    let clock = FixedClock(demo_now());
    let model = scoring::create_model(&ws, NewModel::default(), &clock)
        .await
        .expect("model");
    let chosen = vec![Attribute::Quality, Attribute::Industry, Attribute::Quality];
    let model = scoring::update_model(
        &ws,
        model.id,
        ModelChanges {
            attributes: Some(Some(chosen)),
            ..ModelChanges::default()
        },
        &clock,
    )
    .await
    .expect("choose");
    assert_eq!(
        model.attributes,
        Some(vec![Attribute::Industry, Attribute::Quality])
    );
    let v = scoring::train(&ws, model.id, &clock).await.expect("train");
    assert!(v.report.chosen_by_admin);
    for a in &v.report.attributes {
        let mine = matches!(a.attribute, Attribute::Industry | Attribute::Quality);
        assert_eq!(a.selected, mine, "{a:?}");
        assert_eq!(
            a.reason,
            if mine {
                SelectionReason::ChosenByAdmin
            } else {
                SelectionReason::NotChosenByAdmin
            }
        );
    }
    let shares: f64 = v.report.selected().map(|a| a.importance_share).sum();
    assert!((shares - 1.0).abs() < 1e-9);
    for lang in LANGUAGES {
        assert!(
            !scoring::texts::selection_reason(&SelectionReason::ChosenByAdmin, lang).is_empty()
        );
    }
    let err = scoring::update_model(
        &ws,
        model.id,
        ModelChanges {
            attributes: Some(Some(Vec::new())),
            ..ModelChanges::default()
        },
        &clock,
    )
    .await
    .expect_err("none");
    assert_eq!(err.code(), ErrorCode::InvalidInput);
}

#[tokio::test]
async fn same_leads_give_the_same_model_bytes_and_contributions_reconcile() {
    let (_dir, ws) = workspace(7).await;
    let (_dir2, twin) = workspace(7).await;
    let clock = FixedClock(demo_now());
    let model = scoring::create_model(&ws, NewModel::default(), &clock)
        .await
        .expect("model");
    let v1 = scoring::train(&ws, model.id, &clock).await.expect("v1");
    let v2 = scoring::train(&ws, model.id, &clock).await.expect("v2");
    let twin_model = scoring::create_model(&twin, NewModel::default(), &clock)
        .await
        .expect("model");
    let t1 = scoring::train(&twin, twin_model.id, &clock)
        .await
        .expect("twin");
    let bytes = |m: learn::Model| m.to_bytes();
    let b1 = bytes(
        scoring::version_model(&ws, model.id, v1.version)
            .await
            .expect("v1"),
    );
    assert_eq!(
        b1,
        bytes(
            scoring::version_model(&ws, model.id, v2.version)
                .await
                .expect("v2")
        )
    );
    assert_eq!(
        b1,
        bytes(
            scoring::version_model(&twin, twin_model.id, t1.version)
                .await
                .expect("t1")
        )
    );
    assert_eq!(v1.report, v2.report);

    scoring::publish(&ws, model.id, v1.version, &clock)
        .await
        .expect("publish");
    let scorer = {
        let mut conn = ws.pool().acquire().await.expect("conn");
        LeadScorer::load(&mut conn).await.expect("scorer")
    };
    let open = open_leads(&ws).await;
    assert!(open.len() >= 20, "{} open leads", open.len());
    let refs: Vec<&Lead> = open.iter().collect();
    let explained = scorer.explain(&refs).expect("explain");
    let published: &PublishedModel = &scorer.models()[0];
    let data = training::dataset(&refs, &published.attributes);
    let raw = published.learner().raw_score(&data).expect("raw");
    let probs = published.learner().predict_proba(&data).expect("proba");
    for (i, e) in explained.iter().enumerate() {
        let e = e.as_ref().expect("scored");
        let sum: f64 = e.factors.iter().map(|f| f.contribution).sum();
        assert!(
            (e.base + sum - raw[i]).abs() < 1e-9,
            "base {} + Σ {sum} vs raw {}",
            e.base,
            raw[i]
        );
        assert!((e.raw_score - raw[i]).abs() < 1e-9);
        assert_eq!(e.probability, probs[i]);
        assert_eq!(e.score, training::score_of(probs[i]));
        let stored = scoring::lead_score(&ws, &open[i].id)
            .await
            .expect("score")
            .expect("stored");
        assert_eq!((stored.score, stored.grade), (e.score, e.grade));
        let stored_sum: f64 = stored.factors.iter().map(|f| f.contribution).sum();
        assert!((stored_sum - sum).abs() < 1e-4);
    }
}

#[tokio::test]
async fn versions_publish_revert_and_delete_and_ten_models_at_most() {
    let (_dir, ws) = workspace(7).await;
    let clock = FixedClock(demo_now());
    let open = open_leads(&ws).await;
    let model = scoring::create_model(&ws, NewModel::default(), &clock)
        .await
        .expect("model");
    let v1 = scoring::train(&ws, model.id, &clock).await.expect("v1");
    assert!(scoring::score_badges(&ws).await.expect("badges").is_empty());
    let summary = scoring::publish(&ws, model.id, v1.version, &clock)
        .await
        .expect("publish");
    assert_eq!(summary.open_leads as usize, open.len());
    assert_eq!(summary.scored as usize, open.len());
    assert_eq!(summary.changed as usize, open.len());
    assert_eq!(
        scoring::score_badges(&ws).await.expect("badges").len(),
        open.len()
    );

    let v2 = scoring::train(&ws, model.id, &clock).await.expect("v2");
    assert_eq!(v2.status, VersionStatus::Draft);
    let statuses = |vs: Vec<scoring::ModelVersion>| -> Vec<(i64, VersionStatus)> {
        vs.into_iter().map(|v| (v.version, v.status)).collect()
    };
    assert_eq!(
        statuses(scoring::versions(&ws, model.id).await.expect("versions")),
        vec![(2, VersionStatus::Draft), (1, VersionStatus::Published)]
    );
    scoring::publish(&ws, model.id, 2, &clock)
        .await
        .expect("publish 2");
    assert_eq!(
        statuses(scoring::versions(&ws, model.id).await.expect("versions")),
        vec![(2, VersionStatus::Published), (1, VersionStatus::Retired)]
    );
    let lead = &open[0].id;
    assert_eq!(
        scoring::lead_score(&ws, lead)
            .await
            .expect("score")
            .expect("scored")
            .version,
        2
    );
    scoring::revert(&ws, model.id, 1, &clock)
        .await
        .expect("revert");
    assert_eq!(
        statuses(scoring::versions(&ws, model.id).await.expect("versions")),
        vec![(2, VersionStatus::Retired), (1, VersionStatus::Published)]
    );
    let score = scoring::lead_score(&ws, lead)
        .await
        .expect("score")
        .expect("scored");
    assert_eq!(score.version, 1);
    // v1 and v2 are the same model: the score did not move, but each version change is a point.
    let history = scoring::score_history(&ws, lead).await.expect("history");
    assert_eq!(
        history.iter().map(|p| p.version).collect::<Vec<_>>(),
        vec![1, 2, 1]
    );
    assert!(history.iter().all(|p| p.score == score.score));
    assert_eq!(score.trend, Trend::Steady);
    let err = scoring::revert(&ws, model.id, 2, &clock)
        .await
        .expect_err("newer");
    assert_eq!(err.code(), ErrorCode::NotAllowed);
    let err = scoring::revert(&ws, model.id, 9, &clock)
        .await
        .expect_err("missing");
    assert_eq!(err.code(), ErrorCode::NotFound);
    let err = scoring::publish(&ws, model.id, 9, &clock)
        .await
        .expect_err("missing");
    assert_eq!(err.code(), ErrorCode::NotFound);

    // Same scope twice is refused.
    let err = scoring::create_model(&ws, NewModel::default(), &clock)
        .await
        .expect_err("same scope");
    assert_eq!(err.code(), ErrorCode::InvalidInput);
    println!("{err}");

    // Ten models at most, published or not.
    for i in 1..10 {
        scoring::create_model(
            &ws,
            NewModel {
                name: Some(format!("Offer {i}")),
                filter: LeadFilter::one(Attribute::OfferName, &[&format!("Offer {i}")]),
                ..NewModel::default()
            },
            &clock,
        )
        .await
        .expect("model");
    }
    let err = scoring::create_model(
        &ws,
        NewModel {
            filter: LeadFilter::one(Attribute::OfferName, &["Offer 11"]),
            ..NewModel::default()
        },
        &clock,
    )
    .await
    .expect_err("eleventh");
    assert_eq!(err.code(), ErrorCode::NotAllowed);
    assert!(err.to_string().contains("at most 10"), "{err}");
    assert_eq!(scoring::models(&ws).await.expect("models").len(), 10);

    // Deleting the model takes its versions and scores; nothing else matches these leads.
    let summary = scoring::delete_model(&ws, model.id, &clock)
        .await
        .expect("delete");
    assert_eq!(summary.scored, 0);
    assert!(scoring::lead_score(&ws, lead)
        .await
        .expect("score")
        .is_none());
    assert!(scoring::score_badges(&ws).await.expect("badges").is_empty());
    assert!(scoring::score_history(&ws, lead)
        .await
        .expect("history")
        .is_empty());
    let err = scoring::versions(&ws, model.id).await.expect_err("deleted");
    assert_eq!(err.code(), ErrorCode::NotFound);
    assert_eq!(scoring::models(&ws).await.expect("models").len(), 9);
}

#[tokio::test]
async fn the_first_matching_published_model_scores_a_lead() {
    let (_dir, ws) = workspace(7).await;
    let clock = FixedClock(demo_now());
    let offers = scoring::create_model(
        &ws,
        NewModel {
            name: Some("Offer leads".into()),
            filter: LeadFilter::one(Attribute::LeadType, &["Offer"]),
            ..NewModel::default()
        },
        &clock,
    )
    .await
    .expect("offers");
    let all = scoring::create_model(
        &ws,
        NewModel {
            name: Some("All leads".into()),
            ..NewModel::default()
        },
        &clock,
    )
    .await
    .expect("all");
    for m in [&offers, &all] {
        let v = scoring::train(&ws, m.id, &clock).await.expect("train");
        scoring::publish(&ws, m.id, v.version, &clock)
            .await
            .expect("publish");
    }
    let offer_report = scoring::version(&ws, offers.id, 1)
        .await
        .expect("v1")
        .report;
    // Every training lead of the offer model is an offer lead: its lead type is constant.
    let lead_type = offer_report
        .attributes
        .iter()
        .find(|a| a.attribute == Attribute::LeadType)
        .expect("lead type");
    assert_eq!(lead_type.reason, SelectionReason::Constant);
    assert!(!lead_type.selected);

    let open = open_leads(&ws).await;
    let by_model = |scores: &[(String, i64)]| -> (usize, usize) {
        (
            scores.iter().filter(|s| s.1 == offers.id).count(),
            scores.iter().filter(|s| s.1 == all.id).count(),
        )
    };
    let mut scores = Vec::new();
    for l in &open {
        let s = scoring::lead_score(&ws, &l.id)
            .await
            .expect("score")
            .expect("scored");
        let expected = if l.lead_type == LeadType::Offer {
            offers.id
        } else {
            all.id
        };
        assert_eq!(s.model_id, expected, "{:?}", l.lead_type);
        scores.push((l.id.clone(), s.model_id));
    }
    let (o, a) = by_model(&scores);
    assert!(o > 0 && a > 0, "{o} offer, {a} other");

    // Put "All leads" first: it now takes every lead.
    let order = scoring::set_model_order(&ws, &[all.id, offers.id], &clock)
        .await
        .expect("order");
    assert_eq!(order[0].id, all.id);
    let summary = scoring::score_all(&ws, &clock).await.expect("score all");
    assert_eq!(summary.scored as usize, open.len());
    assert_eq!(
        summary.changed as usize, o,
        "only the offer leads changed model"
    );
    for l in &open {
        let s = scoring::lead_score(&ws, &l.id)
            .await
            .expect("score")
            .expect("scored");
        assert_eq!(s.model_id, all.id);
    }
    let err = scoring::set_model_order(&ws, &[all.id], &clock)
        .await
        .expect_err("incomplete");
    assert_eq!(err.code(), ErrorCode::InvalidInput);
}

fn worst(lead: &mut Lead) {
    lead.email = "asdf@mailinator.com".into();
    lead.email_validity = EmailValidity::Spam;
    lead.phone = String::new();
    lead.phone_validity = PhoneValidity::Unknown;
    lead.quality = LeadQuality::Low;
    lead.classification = LeadClassification::CustomerInquiry;
    lead.call_to_action = Some(CallToAction::GetItNow);
    lead.company_size = "1to9employees".into();
}

fn best(lead: &mut Lead) {
    lead.email = "ana.garcia@contoso.es".into();
    lead.email_validity = EmailValidity::Valid;
    lead.phone = "+34 612 345 678".into();
    lead.phone_validity = PhoneValidity::Valid;
    lead.quality = LeadQuality::High;
    lead.classification = LeadClassification::SalesQualified;
    lead.call_to_action = Some(CallToAction::ContactMe);
    lead.company_size = "251to1000employees".into();
}

async fn rewrite(ws: &Workspace, lead: &Lead, clock: &FixedClock) -> scoring::LeadScore {
    // As a lead write will: save the lead and score it in the same transaction.
    let mut tx = ws.begin().await.expect("tx");
    lead_table::update(&mut tx, lead).await.expect("update");
    let scores = scoring::score_leads_in(&mut tx, std::slice::from_ref(&lead.id), clock)
        .await
        .expect("score");
    tx.commit().await.expect("commit");
    scores.into_iter().next().expect("scored")
}

#[tokio::test]
async fn grade_boundaries_move_their_neighbour_and_the_trend_has_a_tolerance() {
    let (_dir, ws) = workspace(7).await;
    let clock = FixedClock(demo_now());
    let model = trained_and_published(&ws, &clock).await;

    let g = scoring::set_grade_bound(&ws, model.id, Grade::A, Bound::Min, 80, &clock)
        .await
        .expect("A from 80");
    assert_eq!(
        (g.range(Grade::A), g.range(Grade::B)),
        ((80, 100), (50, 79))
    );
    let g = scoring::set_grade_bound(&ws, model.id, Grade::C, Bound::Max, 59, &clock)
        .await
        .expect("C to 59");
    assert_eq!((g.range(Grade::B), g.range(Grade::C)), ((60, 79), (25, 59)));
    for (grade, bound, value) in [
        (Grade::A, Bound::Min, 40),
        (Grade::B, Bound::Min, 80),
        (Grade::D, Bound::Min, 5),
        (Grade::A, Bound::Max, 90),
        (Grade::C, Bound::Min, 0),
    ] {
        let err = scoring::set_grade_bound(&ws, model.id, grade, bound, value, &clock)
            .await
            .expect_err("impossible");
        assert_eq!(err.code(), ErrorCode::InvalidInput);
        println!("{grade:?} {bound:?} {value}: {err}");
    }
    let kept = scoring::model(&ws, model.id).await.expect("model").grades;
    assert_eq!(kept, g);
    for b in scoring::score_badges(&ws).await.expect("badges") {
        assert_eq!(b.grade, g.grade(b.score), "{b:?}");
    }
    scoring::set_grade_ranges(&ws, model.id, GradeRanges::default(), &clock)
        .await
        .expect("reset");

    // Trend: the same lead made worse, then better, then nudged within a wide tolerance.
    let mut lead = open_leads(&ws).await.remove(0);
    let first = scoring::lead_score(&ws, &lead.id)
        .await
        .expect("score")
        .expect("scored");
    assert_eq!(first.trend, Trend::NotEnoughInfo);
    assert_eq!(first.previous_score, None);
    worst(&mut lead);
    let low = rewrite(&ws, &lead, &clock).await;
    best(&mut lead);
    let high = rewrite(&ws, &lead, &clock).await;
    println!(
        "lead scores: demo {} → worst {} → best {}",
        first.score, low.score, high.score
    );
    assert!(
        high.score > low.score + 5,
        "{} vs {}",
        high.score,
        low.score
    );
    assert_eq!(high.trend, Trend::Improving);
    assert_eq!(high.previous_score, Some(low.score));
    assert_eq!(
        low.trend,
        Trend::between(Some(first.score), low.score, rules::DEFAULT_TREND_TOLERANCE)
    );
    // Rescoring an unchanged lead changes nothing, history included.
    let points = scoring::score_history(&ws, &lead.id)
        .await
        .expect("h")
        .len();
    let again = rewrite(&ws, &lead, &clock).await;
    assert_eq!(
        (again.score, again.trend, again.previous_score),
        (high.score, Trend::Improving, Some(low.score))
    );
    assert_eq!(
        scoring::score_history(&ws, &lead.id)
            .await
            .expect("h")
            .len(),
        points
    );
    // With a tolerance of 100 points every move is steady.
    scoring::update_model(
        &ws,
        model.id,
        ModelChanges {
            trend_tolerance: Some(100),
            ..ModelChanges::default()
        },
        &clock,
    )
    .await
    .expect("tolerance");
    worst(&mut lead);
    let steady = rewrite(&ws, &lead, &clock).await;
    assert_eq!(steady.score, low.score);
    assert_eq!(steady.trend, Trend::Steady);
    let history = scoring::score_history(&ws, &lead.id).await.expect("h");
    assert_eq!(
        history.iter().map(|p| p.score).collect::<Vec<_>>(),
        vec![first.score, low.score, high.score, low.score]
    );
    // A decided lead keeps the score it had.
    lead.substatus = LeadSubstatus::Declined;
    let mut tx = ws.begin().await.expect("tx");
    lead_table::update(&mut tx, &lead).await.expect("update");
    let none = scoring::score_leads_in(&mut tx, std::slice::from_ref(&lead.id), &clock)
        .await
        .expect("score");
    tx.commit().await.expect("commit");
    assert!(none.is_empty());
    assert_eq!(
        scoring::lead_score(&ws, &lead.id)
            .await
            .expect("score")
            .expect("kept")
            .score,
        low.score
    );
}

#[test]
fn the_auto_publish_rule() {
    let trained = demo_now();
    let day = Duration::days(1);
    assert_eq!(
        scoring::auto_publish(0.76, 0.80, trained, trained + day),
        AutoPublish::Accurate { ratio: 0.95 }
    );
    assert!(matches!(
        scoring::auto_publish(0.75, 0.80, trained, trained + day),
        AutoPublish::KeepDraft { .. }
    ));
    let three_months = trained + Months::new(3);
    assert!(matches!(
        scoring::auto_publish(0.5, 0.80, trained, three_months),
        AutoPublish::KeepDraft { .. }
    ));
    assert_eq!(
        scoring::auto_publish(0.5, 0.80, trained, three_months + Duration::seconds(1)),
        AutoPublish::PublishedTooOld
    );
    assert_eq!(rules::retrain_due_at(trained), trained + Duration::days(15));
}

#[tokio::test]
async fn retraining_every_15_days_publishes_by_the_95_percent_and_three_month_rules() {
    let (_dir, ws) = workspace(7).await;
    let t0 = demo_now();
    let at = |days: i64| FixedClock(t0 + Duration::days(days));
    let model = trained_and_published(&ws, &at(0)).await;
    // Two bystanders: one without automatic retraining, one never published.
    let off = scoring::create_model(
        &ws,
        NewModel {
            filter: LeadFilter::one(Attribute::LeadType, &["Offer"]),
            auto_retrain: false,
            ..NewModel::default()
        },
        &at(0),
    )
    .await
    .expect("off");
    let draft_only = scoring::create_model(
        &ws,
        NewModel {
            filter: LeadFilter::one(Attribute::LeadType, &["Profile"]),
            ..NewModel::default()
        },
        &at(0),
    )
    .await
    .expect("draft");
    let outcome = |reports: &[scoring::RetrainReport], id: i64| {
        reports
            .iter()
            .find(|r| r.model_id == id)
            .expect("reported")
            .outcome
            .clone()
    };

    let r = scoring::retrain_due(&ws, &at(14)).await.expect("day 14");
    assert_eq!(
        outcome(&r, model.id),
        RetrainOutcome::NotDue {
            due_at: t0 + Duration::days(15)
        }
    );
    assert_eq!(outcome(&r, off.id), RetrainOutcome::AutoRetrainOff);
    assert_eq!(
        outcome(&r, draft_only.id),
        RetrainOutcome::NoPublishedVersion
    );

    // Day 15: the same leads give a model as accurate as the published one: published.
    let r = scoring::retrain_due(&ws, &at(15)).await.expect("day 15");
    match outcome(&r, model.id) {
        RetrainOutcome::Published {
            version: 2,
            rule: AutoPublish::Accurate { ratio },
            ..
        } => assert!(ratio >= 0.95, "{ratio}"),
        other => panic!("{other:?}"),
    }
    let day_15_accuracy = scoring::version(&ws, model.id, 2)
        .await
        .expect("v2")
        .accuracy();
    // Day 16: the latest version is a day old: not due until day 30.
    let r = scoring::retrain_due(&ws, &at(16)).await.expect("day 16");
    assert_eq!(
        outcome(&r, model.id),
        RetrainOutcome::NotDue {
            due_at: t0 + Duration::days(30)
        }
    );

    // The outcomes turn to noise (half of them flipped): the retrained model is far less
    // accurate and stays a draft.
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(99);
    let mut tx = ws.begin().await.expect("tx");
    for mut lead in lead_table::all(ws.pool()).await.expect("leads") {
        let Some(qualified) = rules::outcome(lead.substatus) else {
            continue;
        };
        if rng.gen_bool(0.5) {
            lead.substatus = if qualified {
                LeadSubstatus::Declined
            } else {
                LeadSubstatus::Accepted
            };
            lead_table::update(&mut tx, &lead).await.expect("flip");
        }
    }
    tx.commit().await.expect("commit");
    let r = scoring::retrain_due(&ws, &at(30)).await.expect("day 30");
    match outcome(&r, model.id) {
        RetrainOutcome::KeptAsDraft {
            version: 3,
            rule: AutoPublish::KeepDraft { ratio },
            accuracy,
            published_accuracy,
        } => {
            println!("noise: accuracy {accuracy:.3} vs {published_accuracy:.3} ({ratio:.2})");
            assert!(ratio < 0.95);
            assert_eq!(published_accuracy, day_15_accuracy);
        }
        other => panic!("{other:?}"),
    }
    let published = |vs: Vec<scoring::ModelVersion>| {
        vs.into_iter()
            .find(|v| v.status == VersionStatus::Published)
            .map(|v| v.version)
    };
    assert_eq!(
        published(scoring::versions(&ws, model.id).await.expect("versions")),
        Some(2)
    );
    // Day 45: due again, still worse, and the published version (day 15) is not 3 months old.
    let r = scoring::retrain_due(&ws, &at(45)).await.expect("day 45");
    assert!(
        matches!(
            outcome(&r, model.id),
            RetrainOutcome::KeptAsDraft { version: 4, .. }
        ),
        "{r:?}"
    );
    // Four months on, the published version is more than three months old: the new one is
    // published whatever its accuracy.
    let later = FixedClock(t0 + Months::new(4));
    let r = scoring::retrain_due(&ws, &later).await.expect("month 4");
    assert!(
        matches!(
            outcome(&r, model.id),
            RetrainOutcome::Published {
                version: 5,
                rule: AutoPublish::PublishedTooOld,
                ..
            }
        ),
        "{r:?}"
    );
    assert_eq!(
        published(scoring::versions(&ws, model.id).await.expect("versions")),
        Some(5)
    );
    let v = scoring::versions(&ws, model.id).await.expect("versions");
    assert_eq!(
        v.iter().map(|v| (v.version, v.status)).collect::<Vec<_>>(),
        vec![
            (5, VersionStatus::Published),
            (4, VersionStatus::Draft),
            (3, VersionStatus::Draft),
            (2, VersionStatus::Retired),
            (1, VersionStatus::Retired),
        ]
    );
    // Open leads carry the new version's scores.
    for b in scoring::score_badges(&ws).await.expect("badges") {
        let s = scoring::lead_score(&ws, &b.lead_id)
            .await
            .expect("score")
            .expect("scored");
        if s.model_id == model.id {
            assert_eq!(s.version, 5);
        }
    }
}

#[tokio::test]
async fn reasons_are_five_up_five_down_in_four_languages_and_grounded_in_the_training_data() {
    let (_dir, ws) = workspace(7).await;
    let clock = FixedClock(demo_now());
    let model = trained_and_published(&ws, &clock).await;
    let report = scoring::version(&ws, model.id, 1).await.expect("v1").report;
    let leads = lead_table::all(ws.pool()).await.expect("leads");
    let closed = closed_in_window(&leads, demo_now());
    let global = closed.iter().filter(|l| is_qualified(l)).count() as f64 / closed.len() as f64;
    assert!((report.insights.global_rate - global).abs() < 1e-12);
    // Days from creation to the first acceptance, from each lead's history.
    let mut accepted_after: HashMap<String, f64> = HashMap::new();
    for l in closed.iter().filter(|l| is_qualified(l)) {
        let events = lead_table::events_of(ws.pool(), &l.id)
            .await
            .expect("events");
        if let Some(e) = events.iter().find(|e| e.to == LeadSubstatus::Accepted) {
            accepted_after.insert(
                l.id.clone(),
                (e.at - l.created_at).num_seconds() as f64 / 86_400.0,
            );
        }
    }

    let mut shown = 0;
    for lead in open_leads(&ws).await {
        let s = scoring::lead_score(&ws, &lead.id)
            .await
            .expect("score")
            .expect("scored");
        let (up, down) = s.top_reasons();
        assert!(up.len() <= 5 && down.len() <= 5);
        assert!(!up.is_empty() || !down.is_empty());
        assert!(up
            .windows(2)
            .all(|w| w[0].contribution >= w[1].contribution));
        assert!(down
            .windows(2)
            .all(|w| w[0].contribution <= w[1].contribution));
        assert!(up.iter().all(|r| r.contribution > 0.0));
        assert!(down.iter().all(|r| r.contribution < 0.0));
        for r in up.iter().chain(&down) {
            assert_eq!(r.value.as_deref(), r.attribute.value(&lead).text());
            for lang in LANGUAGES {
                let text = r.render(lang);
                assert!(!text.sentence.trim().is_empty() && !text.sentence.contains('{'));
                assert!(!text.tooltip.trim().is_empty() && !text.tooltip.contains('{'));
            }
            // The tooltip's figures are the training data's.
            let with: Vec<&&Lead> = closed
                .iter()
                .filter(|l| r.attribute.value(l).text() == r.value.as_deref())
                .collect();
            let f = r
                .figures
                .expect("every open lead's values were seen in training");
            assert_eq!(f.closed as usize, with.len(), "{:?}", r.attribute);
            let q: Vec<&&&Lead> = with.iter().filter(|l| is_qualified(l)).collect();
            assert_eq!(f.qualified as usize, q.len());
            assert!((r.global_rate - global).abs() < 1e-12);
            let mut days: Vec<f64> = q
                .iter()
                .filter_map(|l| accepted_after.get(&l.id).copied())
                .collect();
            days.sort_by(f64::total_cmp);
            let median = match days.len() {
                0 => None,
                n if n % 2 == 1 => Some(days[n / 2]),
                n => Some((days[n / 2 - 1] + days[n / 2]) / 2.0),
            };
            match (f.median_days_to_qualify, median) {
                (Some(a), Some(b)) => assert!((a - b).abs() < 1e-6, "{a} vs {b}"),
                (a, b) => assert_eq!(a, b),
            }
        }
        if shown < 2 {
            shown += 1;
            println!("lead {} scores {} ({:?}):", lead.id, s.score, s.grade);
            for lang in LANGUAGES {
                for r in up.iter().chain(&down).take(3) {
                    let t = r.render(lang);
                    println!("  [{lang:?}] {} — {}", t.sentence, t.tooltip);
                }
            }
        }
    }
    assert!(shown > 0);
}

/// Leads cloned from the demo's with new ids, creation times spread over the window and one
/// attribute in ten taken from another lead. A tenth are open (received in the last 14 days);
/// the others get an outcome drawn from their original's latent propensity, so the data keeps
/// the demo's noise instead of repeating its 400 outcomes.
fn synthesise(
    demo: &[Lead],
    propensity: &HashMap<String, f64>,
    n: usize,
    now: DateTime<Utc>,
) -> Vec<Lead> {
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(n as u64);
    let start = now - Months::new(training::TRAINING_WINDOW_MONTHS);
    let span = (now - start).num_seconds();
    (0..n)
        .map(|i| {
            let orig = &demo[rng.gen_range(0..demo.len())];
            let other = &demo[rng.gen_range(0..demo.len())];
            let mut l = orig.clone();
            l.id = format!("synthetic-{i:07}");
            match rng.gen_range(0..10) {
                0 => l.industry = other.industry.clone(),
                1 => l.country = other.country.clone(),
                2 => l.company_size = other.company_size.clone(),
                3 => l.offer_name = other.offer_name.clone(),
                _ => {}
            }
            if rng.gen_bool(0.1) {
                l.created_at = now - Duration::seconds(rng.gen_range(0..14 * 86_400));
                l.substatus = LeadSubstatus::Received;
            } else {
                l.created_at = start + Duration::seconds(rng.gen_range(0..span));
                let p = propensity.get(&orig.id).copied().unwrap_or(0.5);
                l.substatus = if rng.gen_bool(p) {
                    LeadSubstatus::Accepted
                } else {
                    LeadSubstatus::Declined
                };
            }
            l.updated_at = l.created_at;
            l
        })
        .collect()
}

fn median(mut v: Vec<StdDuration>) -> StdDuration {
    v.sort();
    v[v.len() / 2]
}

fn p95(mut v: Vec<StdDuration>) -> StdDuration {
    v.sort();
    v[v.len() * 95 / 100]
}

/// The figures of SPEC.md §11 for lead scoring: training at 10,000 and 100,000 leads, batch
/// scoring rows per second, single-lead scoring latency as a lead write sees it.
///
/// `cargo test --release -p partner-advisor-engine --test engine bench_lead_scoring -- --ignored --nocapture`
#[tokio::test]
#[ignore = "benchmark: prints figures"]
async fn bench_lead_scoring() {
    let (_dir, ws) = workspace(7).await;
    let now = demo_now();
    let clock = FixedClock(now);
    let demo = lead_table::all(ws.pool()).await.expect("leads");
    let propensity: HashMap<String, f64> = demo_truth::leads(ws.pool())
        .await
        .expect("truth")
        .into_iter()
        .map(|t| (t.lead_id, t.qualify_propensity))
        .collect();
    let settings = scoring::TrainingSettings::default();
    // `benches/lead_scoring_compare.sh` sets this to train LightGBM and scikit-learn on the
    // very rows the engine trains on.
    let dump_dir = std::env::var_os("LEAD_SCORING_DUMP_DIR").map(PathBuf::from);
    let mut big = Vec::new();
    for n in [10_000, 100_000] {
        let leads = synthesise(&demo, &propensity, n, now);
        if let Some(dir) = &dump_dir {
            std::fs::create_dir_all(dir).expect("dump dir");
            let path = dir.join(format!("leads_{n}.csv"));
            let rows = training::training_leads(&leads, &settings.filter, now);
            let field = |s: &str| {
                if s.contains([',', '"', '\n', '\r']) {
                    format!("\"{}\"", s.replace('"', "\"\""))
                } else {
                    s.to_owned()
                }
            };
            let mut csv = String::from("lead_id,created_at");
            for a in Attribute::ALL {
                csv.push(',');
                csv.push_str(a.key());
            }
            csv.push_str(",qualified\n");
            for l in &rows {
                csv.push_str(&field(&l.id));
                csv.push(',');
                csv.push_str(
                    &l.created_at
                        .to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true),
                );
                for a in Attribute::ALL {
                    csv.push(',');
                    csv.push_str(&field(a.value(l).text().unwrap_or("")));
                }
                let qualified = rules::outcome(l.substatus) == Some(true);
                csv.push_str(if qualified { ",1\n" } else { ",0\n" });
            }
            std::fs::write(&path, csv).expect("write the dump");
            println!(
                "wrote the {} training leads of the {n}-lead set to {}",
                rows.len(),
                path.display()
            );
        }
        let t = Instant::now();
        let trained = training::train(&leads, &HashMap::new(), &settings, now).expect("train");
        let took = t.elapsed();
        let r = &trained.report;
        println!(
            "training on {n} leads ({} closed): {took:.2?} (auto-selection: up to two fits), {} \
             attributes selected, {} ({}), validation ROC AUC {:.3}",
            r.counts.qualified + r.counts.disqualified,
            r.selected().count(),
            r.learner_name,
            r.calibration,
            r.metrics.roc_auc
        );
        // One machine-readable line for the comparison script. `validation_roc_auc` is that of
        // the calibrated probabilities (cross-fitted), `chosen_raw_auc` the chosen candidate's
        // before calibration.
        let v = trained.model.validation();
        let raw = v
            .candidates
            .iter()
            .find(|c| c.name == v.chosen)
            .map_or(f64::NAN, |c| c.validation_auc);
        println!(
            "bench-engine-training leads={n} rows={} training_rows={} validation_rows={} \
             fit_seconds={:.4} validation_roc_auc={:.4} chosen_raw_auc={raw:.4} attributes={} \
             learner=\"{}\"",
            r.counts.qualified + r.counts.disqualified,
            r.counts.training_rows,
            r.counts.validation_rows,
            took.as_secs_f64(),
            r.metrics.roc_auc,
            r.selected().count(),
            r.learner_name
        );
        if n == 100_000 {
            crate::bench_line(
                "training_100k",
                took.as_secs_f64(),
                "s",
                serde_json::json!({"auc": r.metrics.roc_auc, "raw_auc": raw,
                    "learner": r.learner_name, "rows": r.counts.qualified + r.counts.disqualified}),
            );
        }
        big = leads;
    }

    // The 100,000 leads in the workspace: trained, published and scored through the use cases.
    {
        let mut tx = ws.begin().await.expect("tx");
        let (snapshot, _) = partner_advisor_store::tables::snapshots::latest(&mut tx)
            .await
            .expect("snapshot")
            .expect("a snapshot");
        lead_table::insert_many(&mut tx, snapshot, &big)
            .await
            .expect("insert");
        tx.commit().await.expect("commit");
    }
    let model = scoring::create_model(&ws, NewModel::default(), &clock)
        .await
        .expect("model");
    let t = Instant::now();
    let v = scoring::train(&ws, model.id, &clock).await.expect("train");
    println!(
        "train through the workspace ({} leads, loading included): {:.2?}, {}",
        big.len() + demo.len(),
        t.elapsed(),
        v.report.learner_name
    );
    let t = Instant::now();
    let summary = scoring::publish(&ws, model.id, v.version, &clock)
        .await
        .expect("publish");
    println!(
        "publish + score_all: {} open leads scored and stored with reasons and history in {:.2?}",
        summary.scored,
        t.elapsed()
    );

    // Batch scoring in memory.
    let scorer = {
        let mut conn = ws.pool().acquire().await.expect("conn");
        LeadScorer::load(&mut conn).await.expect("scorer")
    };
    let learner = scorer.models()[0].learner().clone();
    let refs: Vec<&Lead> = big.iter().collect();
    let t = Instant::now();
    let explained = scorer.explain(&refs).expect("explain");
    let took = t.elapsed();
    assert_eq!(explained.len(), refs.len());
    println!(
        "explain (score, contributions, reasons) {} leads: {took:.2?} = {:.0} leads/s",
        refs.len(),
        refs.len() as f64 / took.as_secs_f64()
    );
    let attrs = scorer.models()[0].attributes.clone();
    let t = Instant::now();
    let data = training::dataset(&refs, &attrs);
    println!("  of which building the data: {:.2?}", t.elapsed());
    let t = Instant::now();
    learner.predict_proba(&data).expect("proba");
    println!("  of which scores: {:.2?}", t.elapsed());
    let t = Instant::now();
    learner.contributions_matrix(&data).expect("contributions");
    println!("  of which exact contributions: {:.2?}", t.elapsed());
    let tiled: Vec<usize> = (0..1_000_000).map(|i| i % refs.len()).collect();
    let million = data.select_rows(&tiled);
    for c in &learner.validation().candidates {
        println!(
            "  candidate {}: validation AUC {:.4}, trees {:?}",
            c.name, c.validation_auc, c.trees
        );
    }
    let t = Instant::now();
    let p = learner.predict_proba(&million).expect("proba");
    let took = t.elapsed();
    println!(
        "predict_proba 1,000,000 rows ({:?}): {took:.2?} = {:.2}M rows/s",
        learner.learner(),
        p.len() as f64 / took.as_secs_f64() / 1e6
    );
    let batch_rows_per_second = p.len() as f64 / took.as_secs_f64();
    crate::bench_line(
        "batch_scoring",
        batch_rows_per_second,
        "rows/s",
        serde_json::json!({"rows": p.len(), "seconds": took.as_secs_f64(),
            "learner": format!("{:?}", learner.learner()),
            "mean_probability": p.iter().sum::<f64>() / p.len() as f64}),
    );
    let t = Instant::now();
    let c = learner
        .contributions_matrix(&million)
        .expect("contributions");
    let took = t.elapsed();
    println!(
        "contributions of 1,000,000 rows: {took:.2?} ({} values)",
        c.values.len()
    );
    crate::bench_line(
        "contributions_1m",
        took.as_secs_f64(),
        "s",
        serde_json::json!({"rows": million.rows(), "values": c.values.len()}),
    );

    // One lead saved and scored inside its write transaction.
    let open = open_leads(&ws).await;
    let mut with_cache = Vec::new();
    let mut without_cache = Vec::new();
    for i in 0..200 {
        let mut lead = open[i % open.len()].clone();
        if i % 2 == 0 {
            best(&mut lead);
        } else {
            worst(&mut lead);
        }
        let t = Instant::now();
        let mut tx = ws.begin().await.expect("tx");
        lead_table::update(&mut tx, &lead).await.expect("update");
        let s = scorer
            .score_leads(&mut tx, std::slice::from_ref(&lead.id), now)
            .await
            .expect("score");
        tx.commit().await.expect("commit");
        with_cache.push(t.elapsed());
        assert_eq!(s.len(), 1);
        let t = Instant::now();
        let mut tx = ws.begin().await.expect("tx");
        lead_table::update(&mut tx, &lead).await.expect("update");
        scoring::score_leads_in(&mut tx, std::slice::from_ref(&lead.id), &clock)
            .await
            .expect("score");
        tx.commit().await.expect("commit");
        without_cache.push(t.elapsed());
    }
    println!(
        "one lead saved and scored in its transaction ({:?} model), LeadScorer kept: median \
         {:.2?}, p95 {:.2?}; decoding the models each time: median {:.2?}, p95 {:.2?} (budget \
         50 ms)",
        learner.learner(),
        median(with_cache.clone()),
        p95(with_cache.clone()),
        median(without_cache.clone()),
        p95(without_cache.clone())
    );
    crate::bench_line(
        "score_on_save",
        median(with_cache.clone()).as_secs_f64() * 1e3,
        "ms",
        serde_json::json!({"p95_ms": p95(with_cache).as_secs_f64() * 1e3,
            "models_decoded_each_time_median_ms": median(without_cache.clone()).as_secs_f64() * 1e3,
            "models_decoded_each_time_p95_ms": p95(without_cache).as_secs_f64() * 1e3,
            "saves": 200}),
    );
    let one: Vec<&Lead> = vec![&open[0]];
    let mut pure = Vec::new();
    for _ in 0..1000 {
        let t = Instant::now();
        let e = scorer.explain(&one).expect("explain");
        pure.push(t.elapsed());
        assert!(e[0].is_some());
    }
    println!(
        "one lead scored and explained in memory: median {:.2?}",
        median(pure)
    );
    // The score alone, as a one-row table: what a Python model's `predict_proba` on one row does.
    let mut single = Vec::new();
    for i in 0..1000 {
        let lead = &open[i % open.len()];
        let t = Instant::now();
        let p = learner
            .predict_proba(&training::dataset(&[lead], &attrs))
            .expect("proba");
        single.push(t.elapsed());
        assert_eq!(p.len(), 1);
    }
    let single = median(single);
    println!("one lead scored in memory (its one-row table + predict_proba): median {single:.2?}");
    println!(
        "bench-engine-scoring learner={:?} batch_rows=1000000 batch_rows_per_second={:.0} \
         single_lead_median_us={:.2}",
        learner.learner(),
        batch_rows_per_second,
        single.as_secs_f64() * 1e6
    );
}
