//! Lead scoring models and their versions as the engine sees them, and their mapping to and
//! from the store's rows (JSON for the structured parts).

use chrono::{DateTime, Utc};
use partner_advisor_store::tables::lead_scoring::{parse_time, ModelRow, VersionRow};
use partner_advisor_store::StoreError;
use serde::{Deserialize, Serialize};

use super::attributes::{normalised, Attribute};
use super::rules::{AccuracyStatus, GradeRanges, LeadFilter, DEFAULT_TREND_TOLERANCE};
use super::training::VersionReport;
use crate::{EngineError, Result};

/// A lead scoring model: which leads it scores, how, and how its scores are graded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoringModel {
    /// Id.
    pub id: i64,
    /// Name (default `LeadScoring_YYYYMMDDHHMM`, UTC).
    pub name: String,
    /// Position in the scoring order: a lead is scored by the first published model, in this
    /// order, whose filter matches it.
    pub position: i64,
    /// The leads it is for.
    pub filter: LeadFilter,
    /// The admin's attributes; `None`: selected automatically at each training.
    pub attributes: Option<Vec<Attribute>>,
    /// Retrain every 15 days (auto-publishing by the 95% rule).
    pub auto_retrain: bool,
    /// Grade ranges.
    pub grades: GradeRanges,
    /// Score points within which the trend is steady.
    pub trend_tolerance: u8,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Settings last changed.
    pub updated_at: DateTime<Utc>,
}

/// The settings of a new model; [`Default`] gives Dynamics 365's defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct NewModel {
    /// Name; `None` gives `LeadScoring_YYYYMMDDHHMM` (UTC, now).
    pub name: Option<String>,
    /// The leads it is for.
    pub filter: LeadFilter,
    /// The admin's attributes; `None` selects them automatically.
    pub attributes: Option<Vec<Attribute>>,
    /// Retrain automatically (default on).
    pub auto_retrain: bool,
    /// Grade ranges (default A 75–100, B 50–74, C 25–49, D 0–24).
    pub grades: GradeRanges,
    /// Trend tolerance in points (default 5).
    pub trend_tolerance: u8,
}

impl Default for NewModel {
    fn default() -> Self {
        Self {
            name: None,
            filter: LeadFilter::all(),
            attributes: None,
            auto_retrain: true,
            grades: GradeRanges::default(),
            trend_tolerance: DEFAULT_TREND_TOLERANCE,
        }
    }
}

/// Changes to a model's settings; `None` leaves a setting as it is. A new filter or attribute
/// set takes effect at the next training (the filter also at the next scoring).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ModelChanges {
    /// New name.
    pub name: Option<String>,
    /// New filter.
    pub filter: Option<LeadFilter>,
    /// New attribute choice (`Some(None)`: back to automatic selection).
    pub attributes: Option<Option<Vec<Attribute>>>,
    /// Retrain automatically.
    pub auto_retrain: Option<bool>,
    /// Trend tolerance in points.
    pub trend_tolerance: Option<u8>,
}

/// A version's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VersionStatus {
    /// Trained, not (yet) used.
    Draft,
    /// Scores leads (at most one per model).
    Published,
    /// Was published, replaced since.
    Retired,
}

impl VersionStatus {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            VersionStatus::Draft => "draft",
            VersionStatus::Published => "published",
            VersionStatus::Retired => "retired",
        }
    }

    fn parse(s: &str) -> Result<Self> {
        match s {
            "draft" => Ok(VersionStatus::Draft),
            "published" => Ok(VersionStatus::Published),
            "retired" => Ok(VersionStatus::Retired),
            other => Err(corrupt(format!("version status `{other}`"))),
        }
    }
}

/// One trained version of a model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelVersion {
    /// The model.
    pub model_id: i64,
    /// Number, from 1.
    pub version: i64,
    /// Trained.
    pub trained_at: DateTime<Utc>,
    /// Draft, published or retired.
    pub status: VersionStatus,
    /// Last published.
    pub published_at: Option<DateTime<Utc>>,
    /// Ready / OK / not ready to publish, from the validation AUC.
    pub accuracy_status: AccuracyStatus,
    /// What training measured and decided.
    pub report: VersionReport,
}

impl ModelVersion {
    /// The accuracy the 95% auto-publish rule compares: validation accuracy at the
    /// F1-optimal threshold.
    pub fn accuracy(&self) -> f64 {
        self.report.metrics.accuracy
    }
}

/// `LeadScoring_YYYYMMDDHHMM` in UTC, as Dynamics 365 names new models.
pub fn default_name(now: DateTime<Utc>) -> String {
    format!("LeadScoring_{}", now.format("%Y%m%d%H%M"))
}

pub(crate) fn corrupt(what: String) -> EngineError {
    EngineError::Store(StoreError::Corrupt(format!("lead scoring: {what}")))
}

fn json<T: Serialize>(v: &T) -> Result<String> {
    serde_json::to_string(v).map_err(|e| corrupt(format!("cannot write JSON ({e})")))
}

fn from_json<T: for<'de> Deserialize<'de>>(what: &str, s: &str) -> Result<T> {
    serde_json::from_str(s).map_err(|e| corrupt(format!("{what}: {e}")))
}

fn time(s: &str) -> Result<DateTime<Utc>> {
    Ok(parse_time(s)?)
}

impl ScoringModel {
    pub(crate) fn from_row(row: &ModelRow) -> Result<Self> {
        let attributes: Option<Vec<String>> = row
            .attributes
            .as_deref()
            .map(|s| from_json("model attributes", s))
            .transpose()?;
        let attributes = attributes
            .map(|keys| {
                keys.iter()
                    .map(|k| Attribute::parse(k).ok_or_else(|| corrupt(format!("attribute `{k}`"))))
                    .collect::<Result<Vec<_>>>()
            })
            .transpose()?;
        Ok(ScoringModel {
            id: row.id,
            name: row.name.clone(),
            position: row.position,
            filter: from_json("model filter", &row.filter)?,
            attributes,
            auto_retrain: row.auto_retrain,
            grades: from_json("grade ranges", &row.grades)?,
            trend_tolerance: u8::try_from(row.trend_tolerance.clamp(0, 100)).unwrap_or(0),
            created_at: time(&row.created_at)?,
            updated_at: time(&row.updated_at)?,
        })
    }

    pub(crate) fn to_row(&self) -> Result<ModelRow> {
        Ok(ModelRow {
            id: self.id,
            name: self.name.clone(),
            position: self.position,
            filter: json(&self.filter)?,
            attributes: self
                .attributes
                .as_ref()
                .map(|a| json(&normalised(a).iter().map(|x| x.key()).collect::<Vec<_>>()))
                .transpose()?,
            auto_retrain: self.auto_retrain,
            grades: json(&self.grades)?,
            trend_tolerance: i64::from(self.trend_tolerance),
            created_at: self.created_at.to_rfc3339(),
            updated_at: self.updated_at.to_rfc3339(),
        })
    }
}

impl ModelVersion {
    pub(crate) fn from_row(row: &VersionRow) -> Result<Self> {
        let report: VersionReport = from_json("version report", &row.report)?;
        Ok(ModelVersion {
            model_id: row.model_id,
            version: row.version,
            trained_at: time(&row.trained_at)?,
            status: VersionStatus::parse(&row.status)?,
            published_at: row.published_at.as_deref().map(time).transpose()?,
            accuracy_status: AccuracyStatus::of_auc(report.metrics.roc_auc),
            report,
        })
    }

    pub(crate) fn to_row(&self) -> Result<VersionRow> {
        let finite = |x: f64| x.is_finite().then_some(x);
        let r = &self.report;
        Ok(VersionRow {
            model_id: self.model_id,
            version: self.version,
            trained_at: self.trained_at.to_rfc3339(),
            status: self.status.as_str().to_owned(),
            published_at: self.published_at.map(|t| t.to_rfc3339()),
            qualified: i64::from(r.counts.qualified),
            disqualified: i64::from(r.counts.disqualified),
            training_rows: i64::from(r.counts.training_rows),
            validation_rows: i64::from(r.counts.validation_rows),
            learner: match r.learner {
                partner_advisor_learn::LearnerKind::Trees => "trees",
                partner_advisor_learn::LearnerKind::Logistic => "logistic",
            }
            .to_owned(),
            roc_auc: finite(r.metrics.roc_auc),
            accuracy: finite(r.metrics.accuracy),
            report: json(r)?,
        })
    }
}
