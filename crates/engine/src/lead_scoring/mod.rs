//! Predictive lead scoring (SPEC §5, FORMATS.md §5): models trained locally on the partner's
//! closed leads score every open lead 0–100 with a grade, a trend and its reasons, the way
//! Dynamics 365 Sales does.
//!
//! - [`attributes`]: the candidate attributes of a lead (keys, kinds, extractors).
//! - [`rules`]: filters, grades and their editable ranges, trend, accuracy status, the 40/40
//!   minimum and the retraining calendar with its 95% rule.
//! - [`training`]: one version trained, pure: attribute auto-selection, metrics, ROC curve,
//!   per-value insights.
//! - [`scoring`]: the [`LeadScorer`] (published models decoded once), reasons, trend and history.
//! - [`texts`]: reason sentences and tooltips (and the other words) in the four languages.
//!
//! The use cases below take an open [`Workspace`] and an injected [`Clock`]: create, edit,
//! reorder and delete models; train, publish and revert versions; edit grade ranges; score all
//! open leads ([`score_all`]) or a few inside a lead write ([`score_leads_in`]); retrain what is
//! due ([`retrain_due`]). Publishing, reverting and deleting rescore the open leads at once.
//!
//! Which leads are scored: the open ones (pending or received, waiting for the partner's
//! answer). A lead keeps the score it had when it was accepted, declined or closed.

pub mod attributes;
pub mod chart;
pub mod models;
pub mod rules;
pub mod scoring;
pub mod texts;
pub mod training;
pub mod view;

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use partner_advisor_domain::Clock;
use partner_advisor_learn as learn;
use partner_advisor_store::tables::{lead_scoring as table, leads as lead_table};
use partner_advisor_store::{SqliteConnection, StoreError, Workspace};
use serde::{Deserialize, Serialize};

pub use self::attributes::{Attribute, AttributeKind, AttributeValue};
pub use self::models::{
    default_name, ModelChanges, ModelVersion, NewModel, ScoringModel, VersionStatus,
};
pub use self::rules::{
    auto_publish, AccuracyStatus, AutoPublish, Bound, Condition, Grade, GradeRanges, LeadFilter,
    Trend, MAX_MODELS, MIN_LEADS_PER_OUTCOME, RETRAIN_DAYS,
};
pub use self::scoring::{
    top_reasons, Explained, LeadScore, LeadScorer, PublishedModel, Reason, RenderedReason,
    ScoringSummary, ValueFigures, TOP_REASONS,
};
pub use self::training::{
    AttributeReport, GradePerformance, Insights, SelectionReason, TrainedVersion, TrainingSettings,
    VersionMetrics, VersionReport,
};
use crate::{EngineError, Result};

fn not_found(what: String) -> EngineError {
    EngineError::Store(StoreError::NotFound(what))
}

async fn load_model(conn: &mut SqliteConnection, id: i64) -> Result<ScoringModel> {
    let row = table::model(conn, id)
        .await?
        .ok_or_else(|| not_found(format!("lead scoring model {id}")))?;
    ScoringModel::from_row(&row)
}

async fn all_models(conn: &mut SqliteConnection) -> Result<Vec<ScoringModel>> {
    table::models(conn)
        .await?
        .iter()
        .map(ScoringModel::from_row)
        .collect()
}

fn check_name(name: &str) -> Result<String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(EngineError::InvalidInput("a model needs a name".into()));
    }
    if name.chars().count() > 100 {
        return Err(EngineError::InvalidInput(
            "a model's name has at most 100 characters".into(),
        ));
    }
    Ok(name.to_owned())
}

fn check_tolerance(t: u8) -> Result<u8> {
    if t > 100 {
        return Err(EngineError::InvalidInput(format!(
            "the trend tolerance is in score points, 0 to 100, not {t}"
        )));
    }
    Ok(t)
}

/// Refuses a filter that another model (not `except`) already has: two models with the same
/// scope would make the second one never score (Dynamics 365 detects these too).
fn check_scope(models: &[ScoringModel], filter: &LeadFilter, except: Option<i64>) -> Result<()> {
    let mine = filter.canonical();
    if let Some(other) = models
        .iter()
        .find(|m| Some(m.id) != except && m.filter.canonical() == mine)
    {
        return Err(EngineError::InvalidInput(format!(
            "the model “{}” already scores the same leads (same filter): change the filter or \
             edit that model",
            other.name
        )));
    }
    Ok(())
}

/// Adds a model (not trained yet) at the end of the scoring order. Refused beyond
/// [`MAX_MODELS`] models, or with a filter another model already has.
pub async fn create_model(
    ws: &Workspace,
    new: NewModel,
    clock: &dyn Clock,
) -> Result<ScoringModel> {
    let now = clock.now();
    new.filter.validate()?;
    new.grades.validate()?;
    let name = check_name(&new.name.clone().unwrap_or_else(|| default_name(now)))?;
    let tolerance = check_tolerance(new.trend_tolerance)?;
    if new.attributes.as_ref().is_some_and(|a| a.is_empty()) {
        return Err(EngineError::InvalidInput(
            "choose at least one attribute, or let the model select them".into(),
        ));
    }
    let mut tx = ws.begin().await?;
    let existing = all_models(&mut tx).await?;
    if existing.len() >= MAX_MODELS {
        return Err(EngineError::NotAllowed(format!(
            "a workspace holds at most {MAX_MODELS} lead scoring models, published or not: \
             delete one before adding another"
        )));
    }
    check_scope(&existing, &new.filter, None)?;
    let mut model = ScoringModel {
        id: 0,
        name,
        position: 0,
        filter: new.filter,
        attributes: new.attributes.map(|a| attributes::normalised(&a)),
        auto_retrain: new.auto_retrain,
        grades: new.grades,
        trend_tolerance: tolerance,
        created_at: now,
        updated_at: now,
    };
    let id = table::insert_model(&mut tx, &model.to_row()?).await?;
    model = load_model(&mut tx, id).await?;
    tx.commit().await.map_err(StoreError::from)?;
    tracing::info!(model = id, name = %model.name, "lead scoring model created");
    Ok(model)
}

/// Every model, in scoring order.
pub async fn models(ws: &Workspace) -> Result<Vec<ScoringModel>> {
    let mut conn = ws.pool().acquire().await.map_err(StoreError::from)?;
    all_models(&mut conn).await
}

/// One model.
pub async fn model(ws: &Workspace, id: i64) -> Result<ScoringModel> {
    let mut conn = ws.pool().acquire().await.map_err(StoreError::from)?;
    load_model(&mut conn, id).await
}

/// Changes a model's settings.
pub async fn update_model(
    ws: &Workspace,
    id: i64,
    changes: ModelChanges,
    clock: &dyn Clock,
) -> Result<ScoringModel> {
    let mut tx = ws.begin().await?;
    let mut model = load_model(&mut tx, id).await?;
    if let Some(name) = &changes.name {
        model.name = check_name(name)?;
    }
    if let Some(filter) = changes.filter {
        filter.validate()?;
        check_scope(&all_models(&mut tx).await?, &filter, Some(id))?;
        model.filter = filter;
    }
    if let Some(attrs) = changes.attributes {
        if attrs.as_ref().is_some_and(|a| a.is_empty()) {
            return Err(EngineError::InvalidInput(
                "choose at least one attribute, or let the model select them".into(),
            ));
        }
        model.attributes = attrs.map(|a| attributes::normalised(&a));
    }
    if let Some(on) = changes.auto_retrain {
        model.auto_retrain = on;
    }
    if let Some(t) = changes.trend_tolerance {
        model.trend_tolerance = check_tolerance(t)?;
    }
    model.updated_at = clock.now();
    table::update_model(&mut tx, &model.to_row()?).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(model)
}

/// Puts the models in the given scoring order (`ids` must list every model once).
pub async fn set_model_order(
    ws: &Workspace,
    ids: &[i64],
    clock: &dyn Clock,
) -> Result<Vec<ScoringModel>> {
    let now = clock.now();
    let mut tx = ws.begin().await?;
    let mut all = all_models(&mut tx).await?;
    let given: HashSet<i64> = ids.iter().copied().collect();
    let have: HashSet<i64> = all.iter().map(|m| m.id).collect();
    if given != have || ids.len() != all.len() {
        return Err(EngineError::InvalidInput(
            "the new order must list every lead scoring model exactly once".into(),
        ));
    }
    for m in &mut all {
        m.position = ids.iter().position(|&i| i == m.id).unwrap_or(0) as i64 + 1;
        m.updated_at = now;
        table::update_model(&mut tx, &m.to_row()?).await?;
    }
    let out = all_models(&mut tx).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(out)
}

async fn store_grades(
    ws: &Workspace,
    id: i64,
    edit: impl FnOnce(&GradeRanges) -> Result<GradeRanges>,
    clock: &dyn Clock,
) -> Result<GradeRanges> {
    let mut tx = ws.begin().await?;
    let mut model = load_model(&mut tx, id).await?;
    let grades = edit(&model.grades)?;
    model.grades = grades;
    model.updated_at = clock.now();
    table::update_model(&mut tx, &model.to_row()?).await?;
    table::regrade(
        &mut tx,
        id,
        i64::from(grades.a_min),
        i64::from(grades.b_min),
        i64::from(grades.c_min),
    )
    .await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(grades)
}

/// Moves one end of a grade's range, moving the neighbour's adjacent end with it (A's minimum
/// to 80 makes B's maximum 79), and re-grades the model's scores. Impossible edits are refused
/// with the reason ([`GradeRanges::with_bound`]).
pub async fn set_grade_bound(
    ws: &Workspace,
    id: i64,
    grade: Grade,
    bound: Bound,
    value: u8,
    clock: &dyn Clock,
) -> Result<GradeRanges> {
    store_grades(ws, id, |g| g.with_bound(grade, bound, value), clock).await
}

/// Sets all grade ranges at once (e.g. back to the defaults) and re-grades the model's scores.
pub async fn set_grade_ranges(
    ws: &Workspace,
    id: i64,
    ranges: GradeRanges,
    clock: &dyn Clock,
) -> Result<GradeRanges> {
    ranges.validate()?;
    store_grades(ws, id, |_| Ok(ranges), clock).await
}

/// Deletes a model with its versions and the scores it gave, then rescores the open leads
/// (another published model may match them).
pub async fn delete_model(ws: &Workspace, id: i64, clock: &dyn Clock) -> Result<ScoringSummary> {
    let mut tx = ws.begin().await?;
    table::delete_model(&mut tx, id).await?;
    tx.commit().await.map_err(StoreError::from)?;
    tracing::info!(model = id, "lead scoring model deleted");
    score_all(ws, clock).await
}

async fn run_training(
    ws: &Workspace,
    model: &ScoringModel,
    now: DateTime<Utc>,
) -> Result<TrainedVersion> {
    let leads = lead_table::all(ws.pool()).await?;
    let accepted: HashMap<String, DateTime<Utc>> = {
        let mut conn = ws.pool().acquire().await.map_err(StoreError::from)?;
        table::first_accepted(&mut conn)
            .await?
            .into_iter()
            .collect()
    };
    let settings = TrainingSettings {
        filter: model.filter.clone(),
        attributes: model.attributes.clone(),
    };
    // Training is seconds of number crunching: off the async threads.
    match tokio::task::spawn_blocking(move || training::train(&leads, &accepted, &settings, now))
        .await
    {
        Ok(result) => result,
        Err(e) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
        Err(_) => Err(EngineError::Cancelled),
    }
}

async fn store_version(
    ws: &Workspace,
    model_id: i64,
    trained: &TrainedVersion,
    now: DateTime<Utc>,
) -> Result<ModelVersion> {
    let mut tx = ws.begin().await?;
    let number = table::next_version(&mut tx, model_id).await?;
    let version = ModelVersion {
        model_id,
        version: number,
        trained_at: now,
        status: VersionStatus::Draft,
        published_at: None,
        accuracy_status: AccuracyStatus::of_auc(trained.report.metrics.roc_auc),
        report: trained.report.clone(),
    };
    table::insert_version(&mut tx, &version.to_row()?, &trained.model.to_bytes()).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(version)
}

/// Trains a new version of a model on the workspace's leads at the clock's now, kept as a
/// draft. Refused with fewer than 40 qualified or 40 disqualified leads (the message gives
/// both counts).
pub async fn train(ws: &Workspace, id: i64, clock: &dyn Clock) -> Result<ModelVersion> {
    let now = clock.now();
    let model = model(ws, id).await?;
    let trained = run_training(ws, &model, now).await?;
    let version = store_version(ws, id, &trained, now).await?;
    tracing::info!(
        model = id,
        version = version.version,
        auc = version.report.metrics.roc_auc,
        "lead scoring model trained"
    );
    Ok(version)
}

/// The versions of a model, newest first.
pub async fn versions(ws: &Workspace, id: i64) -> Result<Vec<ModelVersion>> {
    let mut conn = ws.pool().acquire().await.map_err(StoreError::from)?;
    load_model(&mut conn, id).await?;
    table::versions(&mut conn, id)
        .await?
        .iter()
        .map(ModelVersion::from_row)
        .collect()
}

/// One version of a model.
pub async fn version(ws: &Workspace, id: i64, version: i64) -> Result<ModelVersion> {
    let mut conn = ws.pool().acquire().await.map_err(StoreError::from)?;
    let row = table::version(&mut conn, id, version)
        .await?
        .ok_or_else(|| not_found(format!("version {version} of lead scoring model {id}")))?;
    ModelVersion::from_row(&row)
}

/// The decoded learner of a version (for evaluation and charts).
pub async fn version_model(ws: &Workspace, id: i64, version: i64) -> Result<learn::Model> {
    let mut conn = ws.pool().acquire().await.map_err(StoreError::from)?;
    let bytes = table::model_bytes(&mut conn, id, version)
        .await?
        .ok_or_else(|| not_found(format!("version {version} of lead scoring model {id}")))?;
    learn::Model::from_bytes(&bytes)
        .map_err(|e| models::corrupt(format!("model {id} version {version}: {e}")))
}

/// Publishes a version (the model's previously published version is retired), then rescores
/// the open leads.
pub async fn publish(
    ws: &Workspace,
    id: i64,
    version: i64,
    clock: &dyn Clock,
) -> Result<ScoringSummary> {
    let mut tx = ws.begin().await?;
    load_model(&mut tx, id).await?;
    table::publish(&mut tx, id, version, clock.now()).await?;
    tx.commit().await.map_err(StoreError::from)?;
    tracing::info!(model = id, version, "lead scoring version published");
    score_all(ws, clock).await
}

/// Goes back to an earlier version: publishes `version`, which must be older than the
/// published one.
pub async fn revert(
    ws: &Workspace,
    id: i64,
    version: i64,
    clock: &dyn Clock,
) -> Result<ScoringSummary> {
    let all = versions(ws, id).await?;
    let current = all
        .iter()
        .find(|v| v.status == VersionStatus::Published)
        .map(|v| v.version);
    if !all.iter().any(|v| v.version == version) {
        return Err(not_found(format!(
            "version {version} of lead scoring model {id}"
        )));
    }
    match current {
        Some(c) if version < c => publish(ws, id, version, clock).await,
        Some(c) => Err(EngineError::NotAllowed(format!(
            "reverting goes back to a version older than the published one ({c}); publish \
             version {version} instead"
        ))),
        None => Err(EngineError::NotAllowed(
            "nothing is published: publish a version instead of reverting".into(),
        )),
    }
}

/// Scores every open lead with the published models and stores scores, reasons and history
/// (one batch per model). Open leads no published model matches lose their old score.
pub async fn score_all(ws: &Workspace, clock: &dyn Clock) -> Result<ScoringSummary> {
    let now = clock.now();
    let leads = lead_table::all(ws.pool()).await?;
    let open: Vec<&partner_advisor_domain::Lead> =
        leads.iter().filter(|l| rules::is_open(l)).collect();
    let mut tx = ws.begin().await?;
    let scorer = LeadScorer::load(&mut tx).await?;
    let explained = scorer.explain(&open)?;
    let ids: HashSet<&str> = open.iter().map(|l| l.id.as_str()).collect();
    let existing: Vec<table::ScoreRow> = table::all_scores(&mut tx)
        .await?
        .into_iter()
        .filter(|r| ids.contains(r.lead_id.as_str()))
        .collect();
    let (_, summary) = scorer
        .write(&mut tx, &open, explained, existing, now)
        .await?;
    tx.commit().await.map_err(StoreError::from)?;
    tracing::info!(
        scored = summary.scored,
        unscored = summary.unscored,
        changed = summary.changed,
        "open leads scored"
    );
    Ok(summary)
}

/// Scores the open leads among `ids` inside the caller's transaction (a lead write: import,
/// create, edit), loading the published models first. To score many writes, keep a
/// [`LeadScorer`] and call [`LeadScorer::score_leads`] (reload it when
/// [`LeadScorer::is_current`] says so).
pub async fn score_leads_in(
    conn: &mut SqliteConnection,
    ids: &[String],
    clock: &dyn Clock,
) -> Result<Vec<LeadScore>> {
    let scorer = LeadScorer::load(conn).await?;
    scorer.score_leads(conn, ids, clock.now()).await
}

/// Scores the open leads among `ids` in a transaction of their own.
pub async fn score_leads(
    ws: &Workspace,
    ids: &[String],
    clock: &dyn Clock,
) -> Result<Vec<LeadScore>> {
    let mut tx = ws.begin().await?;
    let scores = score_leads_in(&mut tx, ids, clock).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(scores)
}

/// A lead's current score with every factor and the figures behind its tooltips; `None` when
/// it was never scored.
pub async fn lead_score(ws: &Workspace, lead_id: &str) -> Result<Option<LeadScore>> {
    let mut conn = ws.pool().acquire().await.map_err(StoreError::from)?;
    let Some(row) = table::score(&mut conn, lead_id).await? else {
        return Ok(None);
    };
    let report = match table::version(&mut conn, row.model_id, row.version).await? {
        Some(v) => Some(ModelVersion::from_row(&v)?.report),
        None => None,
    };
    scoring::score_from_row(&row, report.as_ref()).map(Some)
}

/// A lead's score, grade and trend for lists.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoreBadge {
    /// The lead.
    pub lead_id: String,
    /// 0–100.
    pub score: u8,
    /// Grade.
    pub grade: Grade,
    /// Trend.
    pub trend: Trend,
}

/// Every scored lead's score, grade and trend.
pub async fn score_badges(ws: &Workspace) -> Result<Vec<ScoreBadge>> {
    let mut conn = ws.pool().acquire().await.map_err(StoreError::from)?;
    table::all_scores(&mut conn)
        .await?
        .into_iter()
        .map(badge_of)
        .collect()
}

/// One lead's badge, if it has a score.
pub async fn score_badge(ws: &Workspace, lead_id: &str) -> Result<Option<ScoreBadge>> {
    let mut conn = ws.pool().acquire().await.map_err(StoreError::from)?;
    table::score_of(&mut conn, lead_id)
        .await?
        .map(badge_of)
        .transpose()
}

fn badge_of(r: table::ScoreRow) -> Result<ScoreBadge> {
    Ok(ScoreBadge {
        score: r.score.clamp(0, 100) as u8,
        grade: Grade::parse(&r.grade)
            .ok_or_else(|| models::corrupt(format!("grade `{}`", r.grade)))?,
        trend: Trend::parse(&r.trend)
            .ok_or_else(|| models::corrupt(format!("trend `{}`", r.trend)))?,
        lead_id: r.lead_id,
    })
}

/// One point of a lead's score over time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScorePoint {
    /// When.
    pub at: DateTime<Utc>,
    /// The model.
    pub model_id: i64,
    /// Its version.
    pub version: i64,
    /// 0–100.
    pub score: u8,
}

/// A lead's score over time, oldest first (a point per change of score or model version).
pub async fn score_history(ws: &Workspace, lead_id: &str) -> Result<Vec<ScorePoint>> {
    let mut conn = ws.pool().acquire().await.map_err(StoreError::from)?;
    table::history_of(&mut conn, lead_id)
        .await?
        .into_iter()
        .map(|h| {
            Ok(ScorePoint {
                at: table::parse_time(&h.at)?,
                model_id: h.model_id,
                version: h.version,
                score: h.score.clamp(0, 100) as u8,
            })
        })
        .collect()
}

/// What automatic retraining did for one model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", tag = "outcome")]
pub enum RetrainOutcome {
    /// The model does not retrain automatically.
    AutoRetrainOff,
    /// Nothing is published yet (automatic retraining starts with the first publication).
    NoPublishedVersion,
    /// Not due yet.
    NotDue {
        /// When it will be.
        due_at: DateTime<Utc>,
    },
    /// Retrained and published.
    Published {
        /// The new version.
        version: i64,
        /// Which rule published it.
        rule: AutoPublish,
        /// Its accuracy.
        accuracy: f64,
        /// The accuracy of the version it replaced.
        previous_accuracy: f64,
    },
    /// Retrained and kept as a draft (the published version stays).
    KeptAsDraft {
        /// The new version.
        version: i64,
        /// Why it was not published.
        rule: AutoPublish,
        /// Its accuracy.
        accuracy: f64,
        /// The published version's accuracy.
        published_accuracy: f64,
    },
    /// Training failed (e.g. fewer than 40/40 leads now).
    Failed {
        /// Why.
        message: String,
    },
}

/// One model's retraining.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RetrainReport {
    /// The model.
    pub model_id: i64,
    /// Its name.
    pub model_name: String,
    /// What happened.
    pub outcome: RetrainOutcome,
}

/// Retrains every model with automatic retraining on whose latest version is at least
/// [`RETRAIN_DAYS`] old, and publishes the new version by [`auto_publish`]'s rule (accuracy at
/// least 95% of the published version's, or the published version older than three months);
/// otherwise it stays a draft. Rescores the open leads when anything was published. Run at
/// start-up and daily.
pub async fn retrain_due(ws: &Workspace, clock: &dyn Clock) -> Result<Vec<RetrainReport>> {
    let now = clock.now();
    let mut reports = Vec::new();
    let mut published_any = false;
    for model in models(ws).await? {
        let outcome = if !model.auto_retrain {
            RetrainOutcome::AutoRetrainOff
        } else {
            let all = versions(ws, model.id).await?;
            match all.iter().find(|v| v.status == VersionStatus::Published) {
                None => RetrainOutcome::NoPublishedVersion,
                Some(current) => {
                    let latest = all.iter().map(|v| v.trained_at).max().unwrap_or(now);
                    let due_at = rules::retrain_due_at(latest);
                    if now < due_at {
                        RetrainOutcome::NotDue { due_at }
                    } else {
                        match run_training(ws, &model, now).await {
                            Err(e) => RetrainOutcome::Failed {
                                message: e.to_string(),
                            },
                            Ok(trained) => {
                                let new = store_version(ws, model.id, &trained, now).await?;
                                let rule = auto_publish(
                                    new.accuracy(),
                                    current.accuracy(),
                                    current.trained_at,
                                    now,
                                );
                                if rule.publishes() {
                                    let mut tx = ws.begin().await?;
                                    table::publish(&mut tx, model.id, new.version, now).await?;
                                    tx.commit().await.map_err(StoreError::from)?;
                                    published_any = true;
                                    RetrainOutcome::Published {
                                        version: new.version,
                                        rule,
                                        accuracy: new.accuracy(),
                                        previous_accuracy: current.accuracy(),
                                    }
                                } else {
                                    RetrainOutcome::KeptAsDraft {
                                        version: new.version,
                                        rule,
                                        accuracy: new.accuracy(),
                                        published_accuracy: current.accuracy(),
                                    }
                                }
                            }
                        }
                    }
                }
            }
        };
        tracing::info!(model = model.id, ?outcome, "lead scoring retraining");
        reports.push(RetrainReport {
            model_id: model.id,
            model_name: model.name,
            outcome,
        });
    }
    if published_any {
        score_all(ws, clock).await?;
    }
    Ok(reports)
}

/// A workspace's first model, as Dynamics 365 sets one up: every lead, attributes chosen
/// automatically, trained on the closed leads and published, then every open lead scored.
/// `None` (and nothing kept) when the history is too small to train on (the 40/40 rule), so a
/// new workspace simply has no scores until it has enough closed leads.
pub async fn first_model(ws: &Workspace, clock: &dyn Clock) -> Result<Option<ScoringSummary>> {
    if !models(ws).await?.is_empty() {
        return Ok(None);
    }
    let model = create_model(ws, NewModel::default(), clock).await?;
    match train(ws, model.id, clock).await {
        Ok(version) => Ok(Some(publish(ws, model.id, version.version, clock).await?)),
        Err(EngineError::InvalidInput(reason)) => {
            tracing::info!(%reason, "no first lead scoring model");
            delete_model(ws, model.id, clock).await?;
            Ok(None)
        }
        Err(e) => Err(e),
    }
}
