//! Scoring leads with the published models: the [`LeadScorer`] holds every published version
//! decoded once, picks the first model (in the models' order) whose filter matches a lead, and
//! gives the score (round(100 × calibrated probability)), the grade, and every factor from the
//! exact per-row contributions; writing a score works out the trend and appends the score
//! history only when the score or the model version changed.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use partner_advisor_domain::Lead;
use partner_advisor_learn as learn;
use partner_advisor_store::tables::{lead_scoring as table, leads as lead_table};
use partner_advisor_store::SqliteConnection;
use serde::{Deserialize, Serialize};

use super::attributes::Attribute;
use super::models::{corrupt, ModelVersion, ScoringModel};
use super::rules::{is_open, Grade, Trend};
use super::texts::{self, TooltipFigures};
use super::training::{dataset, score_of, Insights, VersionReport};
use crate::settings::Language;
use crate::{EngineError, Result};

/// Positive (and negative) reasons shown per lead.
pub const TOP_REASONS: usize = 5;

/// How a value fared among the closed training leads (the figures behind a tooltip).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ValueFigures {
    /// Closed leads with the value.
    pub closed: u32,
    /// Qualified ones among them.
    pub qualified: u32,
    /// `qualified / closed`.
    pub rate: f64,
    /// Median days from creation to acceptance of the qualified ones.
    pub median_days_to_qualify: Option<f64>,
}

/// One factor of a lead's score: an attribute's value and how much it moved the score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reason {
    /// The attribute.
    pub attribute: Attribute,
    /// The lead's value (`None`: not given).
    pub value: Option<String>,
    /// Its exact contribution to the model's margin (log-odds); positive raises the score.
    pub contribution: f64,
    /// How leads with this value fared in training (`None`: no closed lead had it).
    pub figures: Option<ValueFigures>,
    /// The global qualification rate of the training leads.
    pub global_rate: f64,
}

/// A reason as shown: the sentence and its tooltip.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RenderedReason {
    /// E.g. "Finance is a strong industry".
    pub sentence: String,
    /// E.g. "64% of Finance leads qualified (global 41%), in 3 days on median (120 closed
    /// leads)".
    pub tooltip: String,
}

impl Reason {
    /// Whether it raises the score.
    pub fn is_positive(&self) -> bool {
        self.contribution > 0.0
    }

    /// The sentence and tooltip in `lang`.
    pub fn render(&self, lang: Language) -> RenderedReason {
        RenderedReason {
            sentence: texts::reason_sentence(
                self.attribute,
                self.value.as_deref(),
                self.is_positive(),
                lang,
            ),
            tooltip: texts::reason_tooltip(
                self.attribute,
                self.value.as_deref(),
                self.figures.map(|f| TooltipFigures {
                    rate: f.rate,
                    global_rate: self.global_rate,
                    closed: f.closed,
                    median_days: f.median_days_to_qualify,
                }),
                self.global_rate,
                lang,
            ),
        }
    }
}

/// The top [`TOP_REASONS`] positive factors (largest first) and the top negative ones (most
/// negative first).
pub fn top_reasons(factors: &[Reason]) -> (Vec<&Reason>, Vec<&Reason>) {
    let mut up: Vec<&Reason> = factors.iter().filter(|r| r.contribution > 0.0).collect();
    let mut down: Vec<&Reason> = factors.iter().filter(|r| r.contribution < 0.0).collect();
    up.sort_by(|a, b| b.contribution.total_cmp(&a.contribution));
    down.sort_by(|a, b| a.contribution.total_cmp(&b.contribution));
    up.truncate(TOP_REASONS);
    down.truncate(TOP_REASONS);
    (up, down)
}

/// A lead's current score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LeadScore {
    /// The lead.
    pub lead_id: String,
    /// The model that scored it.
    pub model_id: i64,
    /// The model's version.
    pub version: i64,
    /// 0–100.
    pub score: u8,
    /// Grade from the model's ranges.
    pub grade: Grade,
    /// Against the previous score.
    pub trend: Trend,
    /// The previous score.
    pub previous_score: Option<u8>,
    /// When it was scored.
    pub scored_at: DateTime<Utc>,
    /// Every non-zero factor, strongest first.
    pub factors: Vec<Reason>,
}

impl LeadScore {
    /// The top five positive and top five negative reasons.
    pub fn top_reasons(&self) -> (Vec<&Reason>, Vec<&Reason>) {
        top_reasons(&self.factors)
    }
}

/// A published version ready to score: the model's settings, the decoded learner and the
/// insights behind its reasons.
#[derive(Debug, Clone)]
pub struct PublishedModel {
    /// The model's settings.
    pub settings: ScoringModel,
    /// The published version.
    pub version: i64,
    /// The attributes the learner reads, in its feature order.
    pub attributes: Vec<Attribute>,
    /// The global qualification rate of its training leads.
    pub global_rate: f64,
    /// Per attribute: the figures of each value, and of "not given".
    figures: HashMap<Attribute, (HashMap<String, ValueFigures>, Option<ValueFigures>)>,
    learner: learn::Model,
}

impl PublishedModel {
    /// A published model from its settings, version number, report and decoded learner.
    pub fn new(
        settings: ScoringModel,
        version: i64,
        insights: &Insights,
        learner: learn::Model,
    ) -> Result<Self> {
        let attributes = learner
            .schema()
            .names()
            .iter()
            .map(|n| Attribute::parse(n).ok_or_else(|| corrupt(format!("model feature `{n}`"))))
            .collect::<Result<Vec<_>>>()?;
        let mut figures: HashMap<Attribute, (HashMap<String, ValueFigures>, Option<ValueFigures>)> =
            HashMap::new();
        for a in &insights.attributes {
            let entry = figures.entry(a.attribute).or_default();
            for v in &a.values {
                let f = ValueFigures {
                    closed: v.closed,
                    qualified: v.qualified,
                    rate: v.rate,
                    median_days_to_qualify: v.median_days_to_qualify,
                };
                match &v.value {
                    Some(value) => {
                        entry.0.insert(value.clone(), f);
                    }
                    None => entry.1 = Some(f),
                }
            }
        }
        Ok(Self {
            settings,
            version,
            attributes,
            global_rate: insights.global_rate,
            figures,
            learner,
        })
    }

    /// The learner's model.
    pub fn learner(&self) -> &learn::Model {
        &self.learner
    }

    /// The figures of one value, when training saw it.
    pub fn figures(&self, attribute: Attribute, value: Option<&str>) -> Option<ValueFigures> {
        let (values, missing) = self.figures.get(&attribute)?;
        match value {
            Some(v) => values.get(v).copied(),
            None => *missing,
        }
    }

    fn reasons(&self, lead: &Lead, contributions: &[f64]) -> Vec<Reason> {
        let mut out: Vec<Reason> = self
            .attributes
            .iter()
            .zip(contributions)
            .filter(|(_, &c)| c != 0.0)
            .map(|(&a, &c)| {
                let value = a.value(lead).text().map(str::to_owned);
                Reason {
                    attribute: a,
                    figures: self.figures(a, value.as_deref()),
                    value,
                    contribution: c,
                    global_rate: self.global_rate,
                }
            })
            .collect();
        out.sort_by(|x, y| {
            y.contribution
                .abs()
                .total_cmp(&x.contribution.abs())
                .then(x.attribute.cmp(&y.attribute))
        });
        out
    }
}

/// One lead scored (not stored yet).
#[derive(Debug, Clone, PartialEq)]
pub struct Explained {
    /// The model that scored it.
    pub model_id: i64,
    /// Its version.
    pub version: i64,
    /// Calibrated probability of qualifying.
    pub probability: f64,
    /// The learner's margin (log-odds) before calibration: `base + Σ contributions`.
    pub raw_score: f64,
    /// The contributions' base.
    pub base: f64,
    /// round(100 × probability).
    pub score: u8,
    /// From the model's ranges.
    pub grade: Grade,
    /// Every non-zero factor, strongest first.
    pub factors: Vec<Reason>,
}

/// What a scoring write did.
#[cfg_attr(feature = "ipc-types", derive(specta::Type))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ScoringSummary {
    /// Open leads looked at.
    pub open_leads: u32,
    /// Leads scored.
    pub scored: u32,
    /// Open leads no published model matches (their old score, if any, removed).
    pub unscored: u32,
    /// Scores that changed (score or model version), each adding a history point.
    pub changed: u32,
}

/// The published models, decoded once: keep one and score many leads with it (scoring one
/// lead then takes well under a millisecond instead of decoding the model files every time).
#[derive(Debug, Clone, Default)]
pub struct LeadScorer {
    models: Vec<PublishedModel>,
    fingerprint: Vec<(i64, i64, String)>,
}

impl LeadScorer {
    /// A scorer of the given models, in scoring order.
    pub fn new(models: Vec<PublishedModel>) -> Self {
        Self {
            models,
            fingerprint: Vec::new(),
        }
    }

    /// Loads and decodes every published version.
    pub async fn load(conn: &mut SqliteConnection) -> Result<Self> {
        let fingerprint = table::published_keys(conn).await?;
        let mut models = Vec::new();
        for (row, bytes) in table::published(conn).await? {
            let model_row = table::model(conn, row.model_id)
                .await?
                .ok_or_else(|| corrupt(format!("version of missing model {}", row.model_id)))?;
            let settings = ScoringModel::from_row(&model_row)?;
            let version = ModelVersion::from_row(&row)?;
            let learner = learn::Model::from_bytes(&bytes).map_err(|e| {
                corrupt(format!(
                    "the file of model {} version {}: {e}",
                    row.model_id, row.version
                ))
            })?;
            models.push(PublishedModel::new(
                settings,
                row.version,
                &version.report.insights,
                learner,
            )?);
        }
        Ok(Self {
            models,
            fingerprint,
        })
    }

    /// Whether the published versions and model settings are still those this scorer holds
    /// (one small query; reload when not).
    pub async fn is_current(&self, conn: &mut SqliteConnection) -> Result<bool> {
        Ok(table::published_keys(conn).await? == self.fingerprint)
    }

    /// The models, in scoring order.
    pub fn models(&self) -> &[PublishedModel] {
        &self.models
    }

    /// Whether no model is published.
    pub fn is_empty(&self) -> bool {
        self.models.is_empty()
    }

    /// The index of the first published model whose filter matches `lead`.
    pub fn model_for(&self, lead: &Lead) -> Option<usize> {
        self.models
            .iter()
            .position(|m| m.settings.filter.matches(lead))
    }

    /// Scores and explains leads (any lead, open or not), one batch per model.
    pub fn explain(&self, leads: &[&Lead]) -> Result<Vec<Option<Explained>>> {
        let mut out: Vec<Option<Explained>> = vec![None; leads.len()];
        let mut groups: Vec<Vec<usize>> = vec![Vec::new(); self.models.len()];
        for (i, lead) in leads.iter().enumerate() {
            if let Some(m) = self.model_for(lead) {
                groups[m].push(i);
            }
        }
        for (m, rows) in groups.iter().enumerate() {
            if rows.is_empty() {
                continue;
            }
            let model = &self.models[m];
            let batch: Vec<&Lead> = rows.iter().map(|&i| leads[i]).collect();
            let data = dataset(&batch, &model.attributes);
            let fail = |e: learn::LearnError| {
                EngineError::InvalidInput(format!(
                    "model {} version {} cannot score these leads: {e}",
                    model.settings.name, model.version
                ))
            };
            let probs = model.learner.predict_proba(&data).map_err(fail)?;
            let contributions = model.learner.contributions_matrix(&data).map_err(fail)?;
            for (k, &i) in rows.iter().enumerate() {
                let row = contributions.row(k);
                let score = score_of(probs[k]);
                out[i] = Some(Explained {
                    model_id: model.settings.id,
                    version: model.version,
                    probability: probs[k],
                    raw_score: contributions.base + row.iter().sum::<f64>(),
                    base: contributions.base,
                    score,
                    grade: model.settings.grades.grade(score),
                    factors: model.reasons(leads[i], row),
                });
            }
        }
        Ok(out)
    }

    /// Scores the open leads among `ids` and stores their scores, inside the caller's
    /// connection or transaction (the way a lead write scores the lead it saves). Decided
    /// leads keep the score they had; an open lead no model matches loses its old score.
    /// Returns the new scores.
    pub async fn score_leads(
        &self,
        conn: &mut SqliteConnection,
        ids: &[String],
        now: DateTime<Utc>,
    ) -> Result<Vec<LeadScore>> {
        // One query per few thousand leads: an import of 100,000 leads scores them all here.
        let mut leads = lead_table::get_many(conn, ids).await?;
        leads.retain(is_open);
        let refs: Vec<&Lead> = leads.iter().collect();
        let explained = self.explain(&refs)?;
        let existing = table::scores_of(
            conn,
            &leads.iter().map(|l| l.id.clone()).collect::<Vec<_>>(),
        )
        .await?;
        let (scores, _) = self.write(conn, &refs, explained, existing, now).await?;
        Ok(scores)
    }

    /// Stores the explained scores of `leads`, given their existing score rows.
    pub(crate) async fn write(
        &self,
        conn: &mut SqliteConnection,
        leads: &[&Lead],
        explained: Vec<Option<Explained>>,
        existing: Vec<table::ScoreRow>,
        now: DateTime<Utc>,
    ) -> Result<(Vec<LeadScore>, ScoringSummary)> {
        let mut by_lead: HashMap<String, table::ScoreRow> = existing
            .into_iter()
            .map(|r| (r.lead_id.clone(), r))
            .collect();
        let at = now.to_rfc3339();
        let mut summary = ScoringSummary {
            open_leads: leads.len() as u32,
            ..ScoringSummary::default()
        };
        let mut rows = Vec::new();
        let mut history = Vec::new();
        let mut removed = Vec::new();
        let mut scores = Vec::new();
        for (lead, e) in leads.iter().zip(explained) {
            let previous = by_lead.remove(&lead.id);
            let Some(e) = e else {
                summary.unscored += 1;
                if previous.is_some() {
                    removed.push(lead.id.clone());
                }
                continue;
            };
            summary.scored += 1;
            let tolerance = self
                .models
                .iter()
                .find(|m| m.settings.id == e.model_id)
                .map_or(0, |m| m.settings.trend_tolerance);
            let unchanged = previous.as_ref().is_some_and(|p| {
                p.model_id == e.model_id && p.version == e.version && p.score == i64::from(e.score)
            });
            let (trend, previous_score) = match (&previous, unchanged) {
                (Some(p), true) => (
                    Trend::parse(&p.trend).unwrap_or(Trend::NotEnoughInfo),
                    p.previous_score.map(clamp_score),
                ),
                (Some(p), false) => {
                    let before = clamp_score(p.score);
                    (
                        Trend::between(Some(before), e.score, tolerance),
                        Some(before),
                    )
                }
                (None, _) => (Trend::NotEnoughInfo, None),
            };
            if !unchanged {
                summary.changed += 1;
                history.push(table::HistoryRow {
                    lead_id: lead.id.clone(),
                    at: at.clone(),
                    model_id: e.model_id,
                    version: e.version,
                    score: i64::from(e.score),
                });
            }
            rows.push(table::ScoreRow {
                lead_id: lead.id.clone(),
                model_id: e.model_id,
                version: e.version,
                score: i64::from(e.score),
                grade: e.grade.as_str().to_owned(),
                trend: trend.as_str().to_owned(),
                previous_score: previous_score.map(i64::from),
                scored_at: at.clone(),
                reasons: factors_json(&e.factors)?,
            });
            scores.push(LeadScore {
                lead_id: lead.id.clone(),
                model_id: e.model_id,
                version: e.version,
                score: e.score,
                grade: e.grade,
                trend,
                previous_score,
                scored_at: now,
                factors: e.factors,
            });
        }
        table::delete_scores(conn, &removed).await?;
        table::upsert_scores(conn, &rows).await?;
        table::append_history(conn, &history).await?;
        Ok((scores, summary))
    }
}

fn clamp_score(s: i64) -> u8 {
    s.clamp(0, 100) as u8
}

/// How a factor is stored: `[attribute key, value, contribution]`.
#[derive(Serialize, Deserialize)]
struct StoredFactor(String, Option<String>, f64);

fn factors_json(factors: &[Reason]) -> Result<String> {
    let stored: Vec<StoredFactor> = factors
        .iter()
        .map(|r| {
            StoredFactor(
                r.attribute.key().to_owned(),
                r.value.clone(),
                (r.contribution * 1e6).round() / 1e6,
            )
        })
        .collect();
    serde_json::to_string(&stored).map_err(|e| corrupt(format!("cannot write reasons ({e})")))
}

/// A stored score back as a [`LeadScore`], its factors joined with the insights of the
/// version that gave it.
pub(crate) fn score_from_row(
    row: &table::ScoreRow,
    report: Option<&VersionReport>,
) -> Result<LeadScore> {
    let stored: Vec<StoredFactor> = serde_json::from_str(&row.reasons)
        .map_err(|e| corrupt(format!("reasons of lead {}: {e}", row.lead_id)))?;
    let global_rate = report.map_or(f64::NAN, |r| r.insights.global_rate);
    let factors = stored
        .into_iter()
        .filter_map(|StoredFactor(key, value, contribution)| {
            let attribute = Attribute::parse(&key)?;
            let figures = report
                .and_then(|r| r.insights.value(attribute, value.as_deref()))
                .map(|v| ValueFigures {
                    closed: v.closed,
                    qualified: v.qualified,
                    rate: v.rate,
                    median_days_to_qualify: v.median_days_to_qualify,
                });
            Some(Reason {
                attribute,
                value,
                contribution,
                figures,
                global_rate,
            })
        })
        .collect();
    Ok(LeadScore {
        lead_id: row.lead_id.clone(),
        model_id: row.model_id,
        version: row.version,
        score: clamp_score(row.score),
        grade: Grade::parse(&row.grade).ok_or_else(|| corrupt(format!("grade `{}`", row.grade)))?,
        trend: Trend::parse(&row.trend).ok_or_else(|| corrupt(format!("trend `{}`", row.trend)))?,
        previous_score: row.previous_score.map(clamp_score),
        scored_at: table::parse_time(&row.scored_at)?,
        factors,
    })
}
