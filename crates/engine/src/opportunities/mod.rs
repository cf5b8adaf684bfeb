//! Opportunities (Sales Advisor): eight models score every customer tenant of the latest
//! snapshot; the rules of SPEC §3.2 turn their output into at most one opportunity per customer
//! and type, with a date added that survives refreshes while the signals hold.
//!
//! - [`refresh()`] trains (when the history changed) and scores, then stores the result;
//! - [`OpportunityIndex`] serves the table (filters, search, sort, windows) from memory;
//! - [`detail()`] and [`usage_chart()`] fill the customer flyout; [`export()`] writes the view.
//!
//! The models live in `models/`, one module each; their texts in `texts/<lang>.json`.

pub(crate) mod chart;
mod detail;
mod export;
mod features;
pub(crate) mod history;
mod index;
pub(crate) mod locale_format;
mod models;
mod refresh;
pub(crate) mod search_text;
mod settings;
pub(crate) mod texts;
mod usage_trend;
mod view;

pub use detail::detail;
pub use export::{delimiter_for, export, file_name as export_file_name, COLUMNS as EXPORT_COLUMNS};
pub use index::{OpportunityIndex, MAX_WINDOW};
pub use refresh::{holdout_scores, refresh, refresh_if_behind, HoldoutScore};
pub use settings::OpportunitySettings;
pub use view::*;

use partner_advisor_domain::Clock;
use partner_advisor_store::tables::{opportunities as table, usage};
use partner_advisor_store::{StoreError, Workspace};

use crate::settings::Language;
use crate::{EngineError, Result};

/// How each model did at the last refresh.
pub async fn models(ws: &Workspace, language: Language) -> Result<Vec<ModelSummary>> {
    let stored = table::models(ws.pool()).await?;
    let t = texts::texts(language);
    Ok(ModelKind::ALL
        .into_iter()
        .map(|kind| {
            let m = stored.iter().find(|m| m.model == kind.key());
            ModelSummary {
                model: kind,
                name: t.model(kind).name.clone(),
                method: kind.method(),
                learned: m.is_some_and(|m| m.learned),
                learner: m.and_then(|m| m.learner.clone()),
                validation_auc_milli: m
                    .and_then(|m| m.auc)
                    .map(|a| (a * 1000.0).round().clamp(0.0, 1000.0) as u32),
                training_rows: m.map_or(0, |m| u32::try_from(m.rows).unwrap_or(0)),
                candidates: m.map_or(0, |m| u32::try_from(m.candidates).unwrap_or(0)),
                note: m.map_or_else(
                    || match kind.method() {
                        ModelMethod::BusinessRule => "business rule".into(),
                        _ => "not trained yet: refresh the opportunities".into(),
                    },
                    |m| m.note.clone(),
                ),
            }
        })
        .collect())
}

/// The customer's monthly active users per workload (or one workload) as an SVG chart.
pub async fn usage_chart(
    ws: &Workspace,
    tenant_id: &str,
    workload: Option<&str>,
    language: Language,
    dark: bool,
) -> Result<String> {
    let only = match workload {
        Some(key) => Some(
            history::workload_of_key(key)
                .ok_or_else(|| EngineError::InvalidInput(format!("unknown workload '{key}'")))?,
        ),
        None => None,
    };
    let months = usage::history_of_customer(ws.pool(), tenant_id).await?;
    let series: Vec<_> = history::WORKLOADS
        .into_iter()
        .filter(|w| only.is_none_or(|o| o == *w))
        .map(|w| {
            let mut points: chart::Series = months
                .iter()
                .filter(|u| u.workload == w)
                .map(|u| (u.month, u.active))
                .collect();
            points.sort_unstable();
            (w, points)
        })
        .collect();
    chart::render(&series, language, dark)
}

async fn update_feedback(
    ws: &Workspace,
    key: &str,
    clock: &dyn Clock,
    change: impl FnOnce(&mut table::StoredFeedback),
) -> Result<()> {
    let mut current = table::feedback(ws.pool())
        .await?
        .into_iter()
        .find(|f| f.key == key)
        .unwrap_or_else(|| table::StoredFeedback {
            key: key.to_owned(),
            ..Default::default()
        });
    change(&mut current);
    current.updated_at = clock.now().to_rfc3339();
    let mut tx = ws.begin().await?;
    table::put_feedback(&mut tx, &current).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(())
}

/// Stores (or clears, with `None`) the seller's feedback on an opportunity. Feedback is kept by
/// the opportunity's identity, so it survives refreshes while the opportunity does.
pub async fn set_feedback(
    ws: &Workspace,
    key: &str,
    feedback: Option<&Feedback>,
    clock: &dyn Clock,
) -> Result<()> {
    let clean = |s: &Option<String>| {
        s.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| s.chars().take(2000).collect::<String>())
    };
    update_feedback(ws, key, clock, |f| match feedback {
        Some(fb) => {
            f.helpful = Some(fb.helpful);
            f.reason = clean(&fb.reason);
            f.comment = clean(&fb.comment);
        }
        None => {
            f.helpful = None;
            f.reason = None;
            f.comment = None;
        }
    })
    .await
}

/// Dismisses an opportunity (hidden from the table and counts) or brings it back.
pub async fn set_dismissed(
    ws: &Workspace,
    key: &str,
    dismissed: bool,
    clock: &dyn Clock,
) -> Result<()> {
    update_feedback(ws, key, clock, |f| f.dismissed = dismissed).await
}
