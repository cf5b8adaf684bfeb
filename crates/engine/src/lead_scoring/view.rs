//! What the Lead scoring page and a lead's details show, ready for the window: words in the
//! user's language, figures that may be unknown as `None`, charts as SVG drawn here so the
//! app and the tests see the same picture.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};
use partner_advisor_domain::{Clock, Lead};
use partner_advisor_store::tables::{lead_scoring as table, leads as lead_table};
use partner_advisor_store::{StoreError, Workspace};
use serde::{Deserialize, Serialize};

use super::attributes::{Attribute, AttributeKind, COMPANY_SIZE_BANDS};
use super::chart;
use super::models::{ModelChanges, ModelVersion, NewModel, ScoringModel, VersionStatus};
use super::rules::{
    outcome, AccuracyStatus, Condition, Grade, GradeRanges, LeadFilter, Trend, MAX_MODELS,
    MIN_LEADS_PER_OUTCOME,
};
use super::scoring::Reason;
use super::texts;
use super::training::training_leads;
use crate::settings::Language;
use crate::{EngineError, Result};

fn opt(x: f64) -> Option<f64> {
    x.is_finite().then_some(x)
}

/// One condition of a model's filter, with its words.
#[cfg_attr(feature = "ipc-types", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FilterConditionView {
    /// Attribute key.
    pub attribute: String,
    /// Its name.
    pub attribute_name: String,
    /// The values it accepts, as stored.
    pub values: Vec<String>,
    /// The same values as shown.
    pub labels: Vec<String>,
}

/// A model's grade ranges: D is `0..cMin`, C `cMin..bMin`, B `bMin..aMin`, A `aMin..=100`.
#[cfg_attr(feature = "ipc-types", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GradeRangesView {
    /// Lowest score of A.
    pub a_min: u8,
    /// Lowest score of B.
    pub b_min: u8,
    /// Lowest score of C.
    pub c_min: u8,
}

impl From<GradeRanges> for GradeRangesView {
    fn from(g: GradeRanges) -> Self {
        Self {
            a_min: g.a_min,
            b_min: g.b_min,
            c_min: g.c_min,
        }
    }
}

/// A version's state.
#[cfg_attr(feature = "ipc-types", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum VersionState {
    /// Trained, not used.
    Draft,
    /// Scores leads.
    Published,
    /// Was published, replaced since.
    Retired,
}

impl From<VersionStatus> for VersionState {
    fn from(s: VersionStatus) -> Self {
        match s {
            VersionStatus::Draft => VersionState::Draft,
            VersionStatus::Published => VersionState::Published,
            VersionStatus::Retired => VersionState::Retired,
        }
    }
}

/// A version as the versions list shows it.
#[cfg_attr(feature = "ipc-types", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VersionSummary {
    /// Number, from 1.
    pub version: u32,
    /// Trained, RFC 3339.
    pub trained_at: String,
    /// Draft, published or retired.
    pub state: VersionState,
    /// Last published, RFC 3339.
    pub published_at: Option<String>,
    /// Ready / OK / not ready to publish.
    pub accuracy_status: AccuracyStatus,
    /// Its label.
    pub accuracy_label: String,
    /// Validation ROC AUC.
    pub roc_auc: Option<f64>,
    /// Validation accuracy at the F1-optimal threshold.
    pub accuracy: Option<f64>,
    /// F1 at that threshold.
    pub f1: Option<f64>,
    /// Qualified leads it learnt from (training + validation).
    pub qualified: u32,
    /// Disqualified ones.
    pub disqualified: u32,
    /// The learner that won, readable.
    pub learner: String,
}

fn version_summary(v: &ModelVersion, lang: Language) -> VersionSummary {
    let m = &v.report.metrics;
    VersionSummary {
        version: v.version as u32,
        trained_at: v.trained_at.to_rfc3339(),
        state: v.status.into(),
        published_at: v.published_at.map(|t| t.to_rfc3339()),
        accuracy_status: v.accuracy_status,
        accuracy_label: texts::accuracy_label(v.accuracy_status, lang),
        roc_auc: opt(m.roc_auc),
        accuracy: opt(m.accuracy),
        f1: opt(m.f1),
        qualified: v.report.counts.qualified,
        disqualified: v.report.counts.disqualified,
        learner: texts::learner_text(&v.report.learner_name, lang),
    }
}

/// A model as the Lead scoring page lists it.
#[cfg_attr(feature = "ipc-types", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ScoringModelSummary {
    /// Id.
    pub id: u32,
    /// Name.
    pub name: String,
    /// Position in the scoring order, from 1.
    pub position: u32,
    /// The leads it is for (empty: every lead).
    pub filter: Vec<FilterConditionView>,
    /// The admin's attribute keys; `None`: selected automatically.
    pub attributes: Option<Vec<String>>,
    /// Retrains every 15 days.
    pub auto_retrain: bool,
    /// Grade ranges.
    pub grades: GradeRangesView,
    /// Trend tolerance in points.
    pub trend_tolerance: u8,
    /// The published version.
    pub published_version: Option<u32>,
    /// When automatic retraining is next due (with a published version and retraining on).
    pub retrain_due_at: Option<String>,
    /// Open leads it scores now.
    pub scored_leads: u32,
    /// Closed leads its filter takes in the training window, qualified.
    pub qualified: u32,
    /// And disqualified.
    pub disqualified: u32,
    /// Versions, newest first.
    pub versions: Vec<VersionSummary>,
}

/// A value an attribute takes among the workspace's leads.
#[cfg_attr(feature = "ipc-types", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ValueChoice {
    /// As stored.
    pub value: String,
    /// As shown.
    pub label: String,
    /// Leads with it.
    pub leads: u32,
}

/// A candidate attribute and its values, for the model form.
#[cfg_attr(feature = "ipc-types", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AttributeChoice {
    /// Key.
    pub key: String,
    /// Name.
    pub name: String,
    /// Values, most frequent first (at most 200).
    pub values: Vec<ValueChoice>,
}

/// The Lead scoring page.
#[cfg_attr(feature = "ipc-types", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ScoringOverview {
    /// Models in scoring order.
    pub models: Vec<ScoringModelSummary>,
    /// At most this many models.
    pub max_models: u32,
    /// Each outcome needs at least this many closed leads to train.
    pub min_per_outcome: u32,
    /// Closed leads in the training window, qualified (every lead, no filter).
    pub qualified: u32,
    /// And disqualified.
    pub disqualified: u32,
    /// Open leads (the ones scored).
    pub open_leads: u32,
    /// Open leads with a score.
    pub scored_leads: u32,
    /// Candidate attributes with their values.
    pub attributes: Vec<AttributeChoice>,
}

fn filter_view(filter: &LeadFilter, lang: Language) -> Vec<FilterConditionView> {
    filter
        .conditions
        .iter()
        .map(|c| FilterConditionView {
            attribute: c.attribute.key().to_owned(),
            attribute_name: texts::attribute_name(c.attribute, lang),
            labels: c
                .values
                .iter()
                .map(|v| texts::value_text(c.attribute, v, lang))
                .collect(),
            values: c.values.clone(),
        })
        .collect()
}

fn attribute_choices(leads: &[Lead], lang: Language) -> Vec<AttributeChoice> {
    Attribute::ALL
        .into_iter()
        .map(|a| {
            let mut counts: HashMap<String, u32> = HashMap::new();
            for l in leads {
                if let Some(v) = a.value(l).text() {
                    *counts.entry(v.to_owned()).or_default() += 1;
                }
            }
            let mut values: Vec<ValueChoice> = counts
                .into_iter()
                .map(|(value, leads)| ValueChoice {
                    label: texts::value_text(a, &value, lang),
                    value,
                    leads,
                })
                .collect();
            values.sort_by(|x, y| y.leads.cmp(&x.leads).then(x.label.cmp(&y.label)));
            values.truncate(200);
            AttributeChoice {
                key: a.key().to_owned(),
                name: texts::attribute_name(a, lang),
                values,
            }
        })
        .collect()
}

fn closed_counts(leads: &[Lead], filter: &LeadFilter, now: DateTime<Utc>) -> (u32, u32) {
    training_leads(leads, filter, now)
        .iter()
        .fold((0, 0), |(q, d), l| match outcome(l.substatus) {
            Some(true) => (q + 1, d),
            Some(false) => (q, d + 1),
            None => (q, d),
        })
}

/// The Lead scoring page at the clock's now.
pub async fn overview(
    ws: &Workspace,
    lang: Language,
    clock: &dyn Clock,
) -> Result<ScoringOverview> {
    let now = clock.now();
    let leads = lead_table::all(ws.pool()).await?;
    let mut conn = ws.pool().acquire().await.map_err(StoreError::from)?;
    let scores = table::all_scores(&mut conn).await?;
    let open: std::collections::HashSet<&str> = leads
        .iter()
        .filter(|l| super::rules::is_open(l))
        .map(|l| l.id.as_str())
        .collect();
    let mut scored_by_model: HashMap<i64, u32> = HashMap::new();
    let mut scored_leads = 0;
    for s in scores.iter().filter(|s| open.contains(s.lead_id.as_str())) {
        scored_leads += 1;
        *scored_by_model.entry(s.model_id).or_default() += 1;
    }
    let mut models = Vec::new();
    for m in super::all_models(&mut conn).await? {
        let versions: Vec<ModelVersion> = table::versions(&mut conn, m.id)
            .await?
            .iter()
            .map(ModelVersion::from_row)
            .collect::<Result<_>>()?;
        models.push(model_summary(
            &m,
            &versions,
            &leads,
            &scored_by_model,
            lang,
            now,
        ));
    }
    let (qualified, disqualified) = closed_counts(&leads, &LeadFilter::all(), now);
    Ok(ScoringOverview {
        models,
        max_models: MAX_MODELS as u32,
        min_per_outcome: MIN_LEADS_PER_OUTCOME as u32,
        qualified,
        disqualified,
        open_leads: open.len() as u32,
        scored_leads,
        attributes: attribute_choices(&leads, lang),
    })
}

fn model_summary(
    m: &ScoringModel,
    versions: &[ModelVersion],
    leads: &[Lead],
    scored_by_model: &HashMap<i64, u32>,
    lang: Language,
    now: DateTime<Utc>,
) -> ScoringModelSummary {
    let published = versions
        .iter()
        .find(|v| v.status == VersionStatus::Published);
    let retrain_due_at = match (m.auto_retrain, published) {
        (true, Some(_)) => versions
            .iter()
            .map(|v| v.trained_at)
            .max()
            .map(|t| super::rules::retrain_due_at(t).to_rfc3339()),
        _ => None,
    };
    let (qualified, disqualified) = closed_counts(leads, &m.filter, now);
    ScoringModelSummary {
        id: m.id as u32,
        name: m.name.clone(),
        position: m.position as u32,
        filter: filter_view(&m.filter, lang),
        attributes: m
            .attributes
            .as_ref()
            .map(|a| a.iter().map(|x| x.key().to_owned()).collect()),
        auto_retrain: m.auto_retrain,
        grades: m.grades.into(),
        trend_tolerance: m.trend_tolerance,
        published_version: published.map(|v| v.version as u32),
        retrain_due_at,
        scored_leads: scored_by_model.get(&m.id).copied().unwrap_or(0),
        qualified,
        disqualified,
        versions: versions.iter().map(|v| version_summary(v, lang)).collect(),
    }
}

/// A model's settings as the form sends them.
#[cfg_attr(feature = "ipc-types", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ModelForm {
    /// Name; empty gives `LeadScoring_YYYYMMDDHHMM` for a new model.
    pub name: String,
    /// Conditions: `(attribute key, accepted values)`; empty: every lead.
    pub filter: Vec<FilterConditionInput>,
    /// Attribute keys; `None`: selected automatically.
    pub attributes: Option<Vec<String>>,
    /// Retrain every 15 days.
    pub auto_retrain: bool,
    /// Trend tolerance in points.
    pub trend_tolerance: u8,
}

/// One condition of the form's filter.
#[cfg_attr(feature = "ipc-types", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FilterConditionInput {
    /// Attribute key.
    pub attribute: String,
    /// Accepted values.
    pub values: Vec<String>,
}

fn parse_attribute(key: &str) -> Result<Attribute> {
    Attribute::parse(key).ok_or_else(|| {
        EngineError::InvalidInput(format!(
            "unknown lead attribute `{key}`; known: {}",
            Attribute::ALL.map(Attribute::key).join(", ")
        ))
    })
}

impl ModelForm {
    fn filter(&self) -> Result<LeadFilter> {
        Ok(LeadFilter {
            conditions: self
                .filter
                .iter()
                .map(|c| {
                    Ok(Condition {
                        attribute: parse_attribute(&c.attribute)?,
                        values: c
                            .values
                            .iter()
                            .map(|v| v.trim().to_owned())
                            .filter(|v| !v.is_empty())
                            .collect(),
                    })
                })
                .collect::<Result<_>>()?,
        })
    }

    fn attributes(&self) -> Result<Option<Vec<Attribute>>> {
        self.attributes
            .as_ref()
            .map(|keys| keys.iter().map(|k| parse_attribute(k)).collect())
            .transpose()
    }

    /// The settings of a new model.
    pub fn new_model(&self) -> Result<NewModel> {
        let name = self.name.trim();
        Ok(NewModel {
            name: (!name.is_empty()).then(|| name.to_owned()),
            filter: self.filter()?,
            attributes: self.attributes()?,
            auto_retrain: self.auto_retrain,
            trend_tolerance: self.trend_tolerance,
            ..NewModel::default()
        })
    }

    /// The changes to an existing model (every setting of the form).
    pub fn changes(&self) -> Result<ModelChanges> {
        Ok(ModelChanges {
            name: Some(self.name.clone()),
            filter: Some(self.filter()?),
            attributes: Some(self.attributes()?),
            auto_retrain: Some(self.auto_retrain),
            trend_tolerance: Some(self.trend_tolerance),
        })
    }
}

/// One attribute in a version's report.
#[cfg_attr(feature = "ipc-types", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AttributeRow {
    /// Key.
    pub key: String,
    /// Name.
    pub name: String,
    /// A number (company size rank) rather than a category.
    pub numeric: bool,
    /// Read by the model.
    pub selected: bool,
    /// Share of the model's influence, 0–1.
    pub importance_share: f64,
    /// Share of the training leads with a value, 0–1.
    pub fill_rate: f64,
    /// Distinct values.
    pub distinct_values: u32,
    /// Why it is or is not used, in words.
    pub reason: String,
}

/// Precision and recall of one grade on the validation leads.
#[cfg_attr(feature = "ipc-types", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GradeRow {
    /// The grade.
    pub grade: Grade,
    /// Its range.
    pub min: u8,
    /// Its range.
    pub max: u8,
    /// Validation leads in it.
    pub leads: u32,
    /// Qualified ones.
    pub qualified: u32,
    /// Precision of "this grade or better".
    pub precision_at_or_above: Option<f64>,
    /// Recall of "this grade or better".
    pub recall_at_or_above: Option<f64>,
}

/// A version's performance, as Dynamics 365's performance tab shows it plus calibration.
#[cfg_attr(feature = "ipc-types", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VersionView {
    /// The model.
    pub model_id: u32,
    /// The model's name.
    pub model_name: String,
    /// The version.
    pub summary: VersionSummary,
    /// ROC AUC.
    pub roc_auc: Option<f64>,
    /// Precision-recall AUC.
    pub pr_auc: Option<f64>,
    /// Log loss after calibration.
    pub log_loss: Option<f64>,
    /// Log loss before calibration.
    pub uncalibrated_log_loss: Option<f64>,
    /// Brier score.
    pub brier: Option<f64>,
    /// Expected calibration error.
    pub expected_calibration_error: Option<f64>,
    /// Accuracy at the threshold.
    pub accuracy: Option<f64>,
    /// Recall at the threshold.
    pub recall: Option<f64>,
    /// Precision at the threshold.
    pub precision: Option<f64>,
    /// F1 at the threshold.
    pub f1: Option<f64>,
    /// The F1-optimal threshold as a score.
    pub threshold_score: u8,
    /// Share of validation leads that qualified.
    pub conversion_rate: Option<f64>,
    /// Confusion matrix at the threshold: qualified predicted qualified.
    pub true_positives: u32,
    /// Disqualified predicted qualified.
    pub false_positives: u32,
    /// Disqualified predicted disqualified.
    pub true_negatives: u32,
    /// Qualified predicted disqualified.
    pub false_negatives: u32,
    /// Training rows (the older 80%).
    pub training_rows: u32,
    /// Validation rows (the most recent 20%).
    pub validation_rows: u32,
    /// The calibration chosen.
    pub calibration: String,
    /// First creation time of the training window, RFC 3339.
    pub window_start: String,
    /// The attributes were chosen by the admin.
    pub chosen_by_admin: bool,
    /// Every candidate attribute, selected ones first by influence.
    pub attributes: Vec<AttributeRow>,
    /// Per grade, with the model's current ranges.
    pub grades: Vec<GradeRow>,
    /// The ROC curve, SVG.
    pub roc_svg: String,
}

/// One version's performance page.
pub async fn version_view(
    ws: &Workspace,
    model_id: i64,
    version: i64,
    lang: Language,
    dark: bool,
) -> Result<VersionView> {
    let model = super::model(ws, model_id).await?;
    let v = super::version(ws, model_id, version).await?;
    let r = &v.report;
    let m = &r.metrics;
    Ok(VersionView {
        model_id: model_id as u32,
        model_name: model.name.clone(),
        summary: version_summary(&v, lang),
        roc_auc: opt(m.roc_auc),
        pr_auc: opt(m.pr_auc),
        log_loss: opt(m.log_loss),
        uncalibrated_log_loss: opt(m.uncalibrated_log_loss),
        brier: opt(m.brier),
        expected_calibration_error: opt(m.expected_calibration_error),
        accuracy: opt(m.accuracy),
        recall: opt(m.recall),
        precision: opt(m.precision),
        f1: opt(m.f1),
        threshold_score: m.threshold_score,
        conversion_rate: opt(m.conversion_rate),
        true_positives: m.confusion.true_positives,
        false_positives: m.confusion.false_positives,
        true_negatives: m.confusion.true_negatives,
        false_negatives: m.confusion.false_negatives,
        training_rows: r.counts.training_rows,
        validation_rows: r.counts.validation_rows,
        calibration: texts::calibration_text(&r.calibration, lang),
        window_start: r.window_start.to_rfc3339(),
        chosen_by_admin: r.chosen_by_admin,
        attributes: r
            .attributes
            .iter()
            .map(|a| AttributeRow {
                key: a.attribute.key().to_owned(),
                name: texts::attribute_name(a.attribute, lang),
                numeric: a.kind == AttributeKind::Numeric,
                selected: a.selected,
                importance_share: a.importance_share,
                fill_rate: a.fill_rate,
                distinct_values: a.distinct_values as u32,
                reason: texts::selection_reason(&a.reason, lang),
            })
            .collect(),
        grades: r
            .grade_performance(&model.grades)
            .into_iter()
            .map(|g| GradeRow {
                grade: g.grade,
                min: g.min,
                max: g.max,
                leads: g.leads,
                qualified: g.qualified,
                precision_at_or_above: opt(g.precision_at_or_above),
                recall_at_or_above: opt(g.recall_at_or_above),
            })
            .collect(),
        roc_svg: chart::roc_svg(&r.roc_curve, opt(m.roc_auc), lang, dark)?,
    })
}

/// One factor of a lead's score, in words.
#[cfg_attr(feature = "ipc-types", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReasonView {
    /// Attribute key.
    pub attribute: String,
    /// Attribute name.
    pub attribute_name: String,
    /// The lead's value, as shown (`None`: not given).
    pub value: Option<String>,
    /// "Finance is a strong industry".
    pub sentence: String,
    /// The partner's own figures behind it.
    pub tooltip: String,
    /// Its contribution to the model's log-odds.
    pub contribution: f64,
    /// Share of the lead's total influence, 0–1.
    pub weight: f64,
}

fn reason_view(r: &Reason, total: f64, lang: Language) -> ReasonView {
    let rendered = r.render(lang);
    ReasonView {
        attribute: r.attribute.key().to_owned(),
        attribute_name: texts::attribute_name(r.attribute, lang),
        value: r
            .value
            .as_deref()
            .map(|v| texts::value_text(r.attribute, v, lang)),
        sentence: rendered.sentence,
        tooltip: rendered.tooltip,
        contribution: r.contribution,
        weight: if total > 0.0 {
            r.contribution.abs() / total
        } else {
            0.0
        },
    }
}

/// One point of a lead's score over time.
#[cfg_attr(feature = "ipc-types", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ScoreHistoryPoint {
    /// When, RFC 3339.
    pub at: String,
    /// 0–100.
    pub score: u8,
    /// The model's version that gave it.
    pub version: u32,
}

/// A lead's score with its reasons and its history.
#[cfg_attr(feature = "ipc-types", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LeadScoreView {
    /// 0–100.
    pub score: u8,
    /// Grade.
    pub grade: Grade,
    /// Trend.
    pub trend: Trend,
    /// The trend in words.
    pub trend_label: String,
    /// The score before.
    pub previous_score: Option<u8>,
    /// The model that scored it.
    pub model_id: u32,
    /// Its name.
    pub model_name: String,
    /// Its version.
    pub version: u32,
    /// When, RFC 3339.
    pub scored_at: String,
    /// The lead is still open, so its score follows its changes (a decided lead keeps the
    /// score it had).
    pub live: bool,
    /// The top five factors raising the score, strongest first.
    pub positive: Vec<ReasonView>,
    /// The top five lowering it, strongest first.
    pub negative: Vec<ReasonView>,
    /// Every factor, strongest first.
    pub factors: Vec<ReasonView>,
    /// Score over time, oldest first.
    pub history: Vec<ScoreHistoryPoint>,
    /// The history as a chart, SVG.
    pub chart_svg: String,
}

/// Lead `id`'s score, reasons and history, its chart's times `utc_offset_minutes` ahead of UTC
/// (the user's time zone); `None` when no model ever scored it.
pub async fn lead_score_view(
    ws: &Workspace,
    id: &str,
    lang: Language,
    dark: bool,
    utc_offset_minutes: i32,
) -> Result<Option<LeadScoreView>> {
    let offset = chrono::FixedOffset::east_opt(utc_offset_minutes.clamp(-18 * 60, 18 * 60) * 60)
        .ok_or_else(|| EngineError::InvalidInput("a UTC offset within ±18 hours".into()))?;
    let Some(score) = super::lead_score(ws, id).await? else {
        return Ok(None);
    };
    let (model_name, grades) = match super::model(ws, score.model_id).await {
        Ok(m) => (m.name, m.grades),
        Err(_) => (String::new(), GradeRanges::default()),
    };
    let live = {
        let mut conn = ws.pool().acquire().await.map_err(StoreError::from)?;
        lead_table::get(&mut conn, id)
            .await?
            .is_some_and(|l| super::rules::is_open(&l))
    };
    let history = super::score_history(ws, id).await?;
    let total: f64 = score.factors.iter().map(|r| r.contribution.abs()).sum();
    let (up, down) = score.top_reasons();
    let mut factors: Vec<&Reason> = score.factors.iter().collect();
    factors.sort_by(|a, b| b.contribution.abs().total_cmp(&a.contribution.abs()));
    let points: Vec<(DateTime<Utc>, u8)> = history.iter().map(|p| (p.at, p.score)).collect();
    Ok(Some(LeadScoreView {
        score: score.score,
        grade: score.grade,
        trend: score.trend,
        trend_label: texts::trend_label(score.trend, lang),
        previous_score: score.previous_score,
        model_id: score.model_id as u32,
        model_name,
        version: score.version as u32,
        scored_at: score.scored_at.to_rfc3339(),
        live,
        positive: up.iter().map(|r| reason_view(r, total, lang)).collect(),
        negative: down.iter().map(|r| reason_view(r, total, lang)).collect(),
        factors: factors
            .iter()
            .map(|r| reason_view(r, total, lang))
            .collect(),
        history: history
            .iter()
            .map(|p| ScoreHistoryPoint {
                at: p.at.to_rfc3339(),
                score: p.score,
                version: p.version as u32,
            })
            .collect(),
        chart_svg: chart::score_history_svg(&points, &grades, offset, lang, dark)?,
    }))
}

/// The values a lead's customer fields take across the workspace, for the edit form.
#[cfg_attr(feature = "ipc-types", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomerFieldChoices {
    /// Industries in use, most frequent first.
    pub industries: Vec<String>,
    /// The company size bands, in order, with their labels.
    pub company_sizes: Vec<ValueChoice>,
}

/// The industries in use and the company size bands.
pub async fn customer_field_choices(
    ws: &Workspace,
    lang: Language,
) -> Result<CustomerFieldChoices> {
    let leads = lead_table::all(ws.pool()).await?;
    let mut counts: BTreeMap<String, u32> = BTreeMap::new();
    let mut sizes: HashMap<&str, u32> = HashMap::new();
    for l in &leads {
        let industry = l.industry.trim();
        if !industry.is_empty() {
            *counts.entry(industry.to_owned()).or_default() += 1;
        }
        *sizes.entry(l.company_size.as_str()).or_default() += 1;
    }
    let mut industries: Vec<(String, u32)> = counts.into_iter().collect();
    industries.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    Ok(CustomerFieldChoices {
        industries: industries.into_iter().map(|(i, _)| i).collect(),
        company_sizes: COMPANY_SIZE_BANDS
            .iter()
            .map(|b| ValueChoice {
                value: (*b).to_owned(),
                label: texts::value_text(Attribute::CompanySize, b, lang),
                leads: sizes.get(b).copied().unwrap_or(0),
            })
            .collect(),
    })
}

/// One model as the page lists it.
pub async fn model_view(
    ws: &Workspace,
    id: i64,
    lang: Language,
    clock: &dyn Clock,
) -> Result<ScoringModelSummary> {
    overview(ws, lang, clock)
        .await?
        .models
        .into_iter()
        .find(|m| i64::from(m.id) == id)
        .ok_or_else(|| super::not_found(format!("lead scoring model {id}")))
}

/// One version as the versions list shows it.
pub async fn version_summary_of(
    ws: &Workspace,
    id: i64,
    version: i64,
    lang: Language,
) -> Result<VersionSummary> {
    Ok(version_summary(
        &super::version(ws, id, version).await?,
        lang,
    ))
}
