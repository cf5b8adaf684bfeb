//! The flyout of one opportunity: reasons as sentences, actions, resources merged with the
//! customer's figures, subscriptions, and the usage table.

use partner_advisor_store::tables::{opportunities as table, partner, subscriptions, usage};
use partner_advisor_store::Workspace;

use super::history::{workload_key, WORKLOADS};
use super::index::OpportunityIndex;
use super::models::Fact;
use super::refresh::Explanation;
use super::settings::OpportunitySettings;
use super::texts::{self, Subject};
use super::usage_trend::trend;
use super::view::*;
use crate::settings::Language;
use crate::{EngineError, Result};

/// Everything the flyout shows for one opportunity.
pub async fn detail(
    ws: &Workspace,
    index: &OpportunityIndex,
    key: &str,
    language: Language,
) -> Result<OpportunityDetail> {
    let pool = ws.pool();
    let row = index.row(key)?;
    let stored = table::get(pool, key)
        .await?
        .ok_or_else(|| EngineError::InvalidInput(format!("no opportunity {key}")))?;
    let settings = OpportunitySettings::load(ws).await?;
    let explanation: Explanation = serde_json::from_str(&stored.explanation)
        .map_err(|e| EngineError::InvalidInput(format!("stored explanation: {e}")))?;
    let partner_name = partner::get(pool)
        .await?
        .map(|p| p.name)
        .unwrap_or_default();
    let subject = Subject {
        customer: &row.customer,
        partner: &partner_name,
        product: row.product.as_deref(),
        seats: row.seats,
    };
    let t = texts::texts(language);
    let model_texts = t.model(row.model);
    let mut insights = vec![texts::probability_line(
        stored.probability,
        row.status,
        language,
    )];
    if let Some(path) = texts::tree_path(&explanation.facts, row.model, &subject, language) {
        insights.push(path);
    }
    let first_fact = explanation
        .facts
        .iter()
        .find(|f| !matches!(f, Fact::TreeStep { .. }) || explanation.facts.len() == 1)
        .or_else(|| explanation.facts.first());
    insights.extend(
        explanation
            .facts
            .iter()
            .map(|f| texts::render_fact(f, &subject, language)),
    );
    let email_insight = first_fact
        .map(|f| texts::statement(f, &subject, language))
        .unwrap_or_default();
    let subscriptions = subscriptions::of_customer(pool, stored.snapshot_id, &row.tenant_id)
        .await?
        .into_iter()
        .map(|s| SubscriptionLine {
            product: s.product.as_str().to_owned(),
            quantity: s.quantity,
            status: s.status.as_str().to_owned(),
            channel: match s.channel {
                partner_advisor_domain::PurchaseChannel::Partner => "partner".into(),
                partner_advisor_domain::PurchaseChannel::MicrosoftDirect => "microsoft".into(),
            },
            end_date: s.end.to_string(),
        })
        .collect();
    let history = usage::history_of_customer(pool, &row.tenant_id).await?;
    let latest = history.iter().map(|u| u.month).max();
    let mut months: Vec<_> = history.iter().map(|u| u.month).collect();
    months.sort_unstable();
    months.dedup();
    let usage_lines = match latest {
        Some(month) => WORKLOADS
            .iter()
            .filter_map(|w| {
                let now = history
                    .iter()
                    .find(|u| u.workload == *w && u.month == month)?;
                Some(UsageLine {
                    workload: workload_key(*w).into(),
                    label: t.workload(workload_key(*w)),
                    assigned: now.assigned,
                    active: now.active,
                    trend: trend(&history, *w, month, settings.trend_tolerance_points),
                })
            })
            .collect(),
        None => Vec::new(),
    };
    Ok(OpportunityDetail {
        model_name: model_texts.name.clone(),
        method: row.model.method(),
        why: model_texts.why.clone(),
        insights,
        also_considered: explanation
            .also_considered
            .iter()
            .map(|a| texts::also_considered(a.model, a.probability, language))
            .collect(),
        actions: texts::actions(row.model, &subject, language),
        resources: texts::resources(row.model, &subject, &email_insight, language),
        subscriptions,
        usage: usage_lines,
        usage_months: months.len() as u32,
        row,
    })
}
