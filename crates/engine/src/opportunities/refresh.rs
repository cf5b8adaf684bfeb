//! Refresh: score the latest snapshot with the eight models, keep at most one opportunity per
//! customer and type, carry each one's date added over from the previous refresh, and store the
//! result in one transaction.
//!
//! Models are trained only when the history changed (a new or removed snapshot, another horizon
//! or seed); otherwise the stored ones are reused and only the last months are read, which keeps
//! an on-demand refresh fast. The very first refresh replays every snapshot in order so that each
//! opportunity's date added is the first snapshot in which it appeared.

use std::collections::HashMap;
use std::time::Instant;

use chrono::NaiveDate;
use partner_advisor_domain::{Clock, Product};
use partner_advisor_learn as learn;
use partner_advisor_store::tables::{history as history_table, opportunities as table};
use partner_advisor_store::{StoreError, Workspace};
use serde::{Deserialize, Serialize};

use super::features::{self, Features};
use super::history::{History, TenantState};
use super::models::tree::Tree;
use super::models::{self, b_sku, churn, e_sku, mdb, mdo, mfa, ml, smb_engagement, trials};
use super::models::{Candidate, Fact};
use super::settings::OpportunitySettings;
use super::view::{ModelKind, ModelMethod, RefreshSummary};
use crate::{EngineError, Result};

/// What is stored with each opportunity to explain it later in any language.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Explanation {
    pub facts: Vec<Fact>,
    pub also_considered: Vec<AlsoConsidered>,
}

/// A less probable opportunity of the same type for the same customer.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct AlsoConsidered {
    pub model: ModelKind,
    pub product: Option<String>,
    pub probability: f64,
}

/// The models in use for one refresh.
#[derive(Default)]
pub(crate) struct Models {
    pub ml: HashMap<ModelKind, learn::Model>,
    pub trees: HashMap<ModelKind, Tree>,
    pub stored: Vec<table::StoredModel>,
}

fn signature(snapshots: &[(i64, String)], settings: &OpportunitySettings) -> String {
    let last = snapshots.last().map(|(id, d)| format!("{id}@{d}"));
    format!(
        "v2;{};{};h{};s{}",
        snapshots.len(),
        last.unwrap_or_default(),
        settings.horizon_months,
        settings.seed
    )
}

/// Features of every tenant at every loaded snapshot.
pub(crate) fn all_features(h: &History) -> Vec<Vec<Option<Features>>> {
    (0..h.snapshots.len())
        .map(|s| {
            (0..h.tenants.len())
                .map(|t| features::compute(h, s, t))
                .collect()
        })
        .collect()
}

/// Training rows of one model: features, label, snapshot index.
fn labelled<'a>(
    h: &History,
    feats: &'a [Vec<Option<Features>>],
    months: u32,
    eligible: impl Fn(&TenantState, &Features) -> bool,
    event: impl Fn(&TenantState, &Features, &TenantState) -> bool,
) -> Labelled<'a> {
    let mut rows = Vec::new();
    let mut labels = Vec::new();
    let mut times = Vec::new();
    let mut tenants = Vec::new();
    for (s, snap) in feats.iter().enumerate() {
        if models::horizon(h, s, months).is_none() {
            continue;
        }
        for (t, f) in snap.iter().enumerate() {
            let (Some(f), Some(state)) = (f.as_ref(), h.state(s, t)) else {
                continue;
            };
            if !eligible(state, f) {
                continue;
            }
            if let Some(label) = models::happens(h, s, t, months, |later| event(state, f, later)) {
                rows.push(f);
                labels.push(label);
                times.push(s as i64);
                tenants.push(t);
            }
        }
    }
    (rows, labels, times, tenants)
}

/// The rows of the most recent snapshots, whole snapshots only, up to `cap` rows (the latest
/// snapshot is always kept whole): recent behaviour is what the next months resemble, and the cap
/// bounds training time for large partners.
fn most_recent(rows: Labelled<'_>, cap: usize) -> Labelled<'_> {
    let (f, l, t, n) = rows;
    if f.len() <= cap {
        return (f, l, t, n);
    }
    let mut snapshots: Vec<i64> = t.clone();
    snapshots.sort_unstable();
    snapshots.dedup();
    let mut kept = 0;
    let mut from = *snapshots.last().unwrap_or(&0);
    for s in snapshots.iter().rev() {
        let count = t.iter().filter(|x| *x == s).count();
        if kept > 0 && kept + count > cap {
            break;
        }
        kept += count;
        from = *s;
    }
    let keep: Vec<usize> = (0..f.len()).filter(|&i| t[i] >= from).collect();
    (
        keep.iter().map(|&i| f[i]).collect(),
        keep.iter().map(|&i| l[i]).collect(),
        keep.iter().map(|&i| t[i]).collect(),
        keep.iter().map(|&i| n[i]).collect(),
    )
}

/// Training rows: features, labels, snapshot indices, tenant indices.
type Labelled<'a> = (Vec<&'a Features>, Vec<bool>, Vec<i64>, Vec<usize>);

fn ml_spec(kind: ModelKind) -> (fn(&TenantState, &Features) -> bool, EventFn) {
    match kind {
        ModelKind::BSku => (
            |s, _| b_sku::target(s).is_some(),
            |from, _, later| b_sku::upgraded(from, later),
        ),
        ModelKind::ESku => (
            |s, _| e_sku::target(s).is_some(),
            |from, _, later| b_sku::upgraded(from, later),
        ),
        _ => (
            |s, _| churn::eligible(s),
            |from, _, later| churn::churned(from, later),
        ),
    }
}

type EventFn = fn(&TenantState, &Features, &TenantState) -> bool;

/// Eligibility, event, inputs and shipped tree of a decision-tree model.
type TreeSpec = (
    fn(&TenantState, &Features) -> bool,
    EventFn,
    &'static [&'static str],
    models::tree::ShippedTree,
);

fn tree_spec(kind: ModelKind) -> TreeSpec {
    match kind {
        ModelKind::Mdo => (
            |s, f| mdo::target(s, f).is_some(),
            |_, f, later| mdo::gained(f, later),
            &mdo::INPUTS,
            mdo::SHIPPED,
        ),
        ModelKind::Mfa => (
            mfa::eligible,
            |_, _, later| mfa::adopted(later),
            &mfa::INPUTS,
            mfa::SHIPPED,
        ),
        _ => (
            mdb::eligible,
            |_, _, later| mdb::gained(later),
            &mdb::INPUTS,
            mdb::SHIPPED,
        ),
    }
}

/// Trains (or chooses) the six learned models on the whole history.
pub(crate) fn train_all(
    h: &History,
    feats: &[Vec<Option<Features>>],
    settings: &OpportunitySettings,
    signature: &str,
    now: &str,
) -> Models {
    let mut out = Models::default();
    for kind in [ModelKind::BSku, ModelKind::ESku, ModelKind::Churn] {
        let (eligible, event) = ml_spec(kind);
        let (rows, labels, times, _) = most_recent(
            labelled(h, feats, settings.horizon_months, eligible, event),
            ml::MAX_TRAINING_ROWS,
        );
        let choice = ml::train(&rows, &labels, &times, settings.seed);
        out.stored.push(table::StoredModel {
            model: kind.key().into(),
            signature: signature.into(),
            learned: choice.model.is_some(),
            learner: choice.learner.clone(),
            auc: choice.auc,
            rows: rows.len() as i64,
            candidates: 0,
            note: choice.note.clone(),
            payload: choice.model.as_ref().map(learn::Model::to_bytes),
            trained_at: now.into(),
        });
        if let Some(model) = choice.model {
            out.ml.insert(kind, model);
        }
    }
    for kind in [ModelKind::Mdo, ModelKind::Mfa, ModelKind::Mdb] {
        let (eligible, event, inputs, shipped) = tree_spec(kind);
        let (rows, labels, times, _) = labelled(h, feats, settings.horizon_months, eligible, event);
        let choice = models::tree::choose(&rows, &labels, &times, inputs, shipped);
        out.stored.push(table::StoredModel {
            model: kind.key().into(),
            signature: signature.into(),
            learned: choice.learned,
            learner: Some("decision tree".into()),
            auc: choice.auc,
            rows: choice.rows as i64,
            candidates: 0,
            note: choice.note.clone(),
            payload: serde_json::to_vec(&choice.tree).ok(),
            trained_at: now.into(),
        });
        out.trees.insert(kind, choice.tree);
    }
    out
}

/// The stored models, if they were trained on this history.
fn cached_models(stored: Vec<table::StoredModel>, signature: &str) -> Option<Models> {
    let mut out = Models::default();
    for kind in [
        ModelKind::BSku,
        ModelKind::ESku,
        ModelKind::Churn,
        ModelKind::Mdo,
        ModelKind::Mfa,
        ModelKind::Mdb,
    ] {
        let m = stored
            .iter()
            .find(|m| m.model == kind.key() && m.signature == signature)?;
        match kind.method() {
            ModelMethod::MachineLearning => {
                if let Some(bytes) = &m.payload {
                    out.ml.insert(kind, learn::Model::from_bytes(bytes).ok()?);
                }
            }
            _ => {
                let tree: Tree = serde_json::from_slice(m.payload.as_deref()?).ok()?;
                out.trees.insert(kind, tree);
            }
        }
    }
    out.stored = stored;
    Some(out)
}

/// Rows a learned model scores in one batch: tenants, their features, the product offered.
type MlBatch<'a> = (Vec<usize>, Vec<&'a Features>, Vec<Option<Product>>);

/// Every model's opinion of every tenant at snapshot `s` (no reasons yet).
pub(crate) fn candidates_at(
    h: &History,
    s: usize,
    feats: &[Option<Features>],
    models: &Models,
    settings: &OpportunitySettings,
) -> Vec<Candidate> {
    let mut out = Vec::new();
    let mut ml_rows: HashMap<ModelKind, MlBatch<'_>> = HashMap::new();
    for (t, f) in feats.iter().enumerate() {
        let (Some(f), Some(state)) = (f.as_ref(), h.state(s, t)) else {
            continue;
        };
        let mut push_ml = |kind: ModelKind, product: Option<Product>| {
            let e = ml_rows.entry(kind).or_default();
            e.0.push(t);
            e.1.push(f);
            e.2.push(product);
        };
        if let Some(p) = b_sku::target(state) {
            push_ml(ModelKind::BSku, Some(p));
        }
        if let Some(p) = e_sku::target(state) {
            push_ml(ModelKind::ESku, Some(p));
        }
        if churn::eligible(state) {
            push_ml(ModelKind::Churn, None);
        }
        let mut tree = |kind: ModelKind, product: Option<Product>| {
            if let Some(tree) = models.trees.get(&kind) {
                out.push(Candidate {
                    tenant: t,
                    model: kind,
                    product,
                    probability: tree.walk(f).0,
                    facts: Vec::new(),
                });
            }
        };
        if let Some(p) = mdo::target(state, f) {
            tree(ModelKind::Mdo, Some(p));
        }
        if mfa::eligible(state, f) {
            tree(ModelKind::Mfa, None);
        }
        if mdb::eligible(state, f) {
            tree(ModelKind::Mdb, Some(Product::DefenderForBusiness));
        }
        if let Some((p, fact)) = smb_engagement::evaluate(f, settings) {
            out.push(Candidate {
                tenant: t,
                model: ModelKind::SmbEngagement,
                product: None,
                probability: p,
                facts: vec![fact],
            });
        }
        for (product, p, fact) in trials::evaluate(state, f, &h.snapshots[s], settings) {
            out.push(Candidate {
                tenant: t,
                model: ModelKind::Trials,
                product: Some(product),
                probability: p,
                facts: vec![fact],
            });
        }
    }
    let mut kinds: Vec<_> = ml_rows.into_iter().collect();
    kinds.sort_by_key(|(k, _)| *k);
    for (kind, (tenants, rows, products)) in kinds {
        let Some(model) = models.ml.get(&kind) else {
            continue;
        };
        let probs = ml::predict(model, &rows);
        for ((t, p), product) in tenants.into_iter().zip(probs).zip(products) {
            if p.is_finite() {
                out.push(Candidate {
                    tenant: t,
                    model: kind,
                    product,
                    probability: p,
                    facts: Vec::new(),
                });
            }
        }
    }
    out
}

/// A winning opportunity with the ones it beat.
pub(crate) struct Winner {
    pub candidate: Candidate,
    pub also: Vec<AlsoConsidered>,
}

/// At most one opportunity per customer and type: the most probable wins (ties: model order).
pub(crate) fn select(
    mut candidates: Vec<Candidate>,
    settings: &OpportunitySettings,
) -> Vec<Winner> {
    candidates.retain(|c| c.probability >= settings.min_probability);
    candidates.sort_by(|a, b| {
        (a.tenant, a.model.opportunity_type())
            .cmp(&(b.tenant, b.model.opportunity_type()))
            .then(b.probability.total_cmp(&a.probability))
            .then(a.model.cmp(&b.model))
    });
    let mut out: Vec<Winner> = Vec::new();
    for c in candidates {
        match out.last_mut() {
            Some(w)
                if w.candidate.tenant == c.tenant
                    && w.candidate.model.opportunity_type() == c.model.opportunity_type() =>
            {
                w.also.push(AlsoConsidered {
                    model: c.model,
                    product: c.product.map(|p| p.as_str().to_owned()),
                    probability: c.probability,
                });
            }
            _ => out.push(Winner {
                candidate: c,
                also: Vec::new(),
            }),
        }
    }
    out
}

/// The identity of an opportunity across refreshes.
pub(crate) fn key(tenant_id: &str, model: ModelKind, product: Option<Product>) -> String {
    format!(
        "{tenant_id}|{}|{}|{}",
        model.opportunity_type().key(),
        model.key(),
        product.map_or("-", |p| p.as_str())
    )
}

/// Date added: kept from `previous` when the same opportunity was there, else `today`.
pub(crate) fn carry_dates(
    keys: &[String],
    previous: &HashMap<String, String>,
    today: NaiveDate,
) -> Vec<String> {
    keys.iter()
        .map(|k| {
            previous
                .get(k)
                .cloned()
                .unwrap_or_else(|| today.to_string())
        })
        .collect()
}

/// The snapshots the latest one's features read: those of its last four months (usage and its
/// trend) and the latest ones at least three and six months older (seat and headcount change).
fn snapshots_for_features(all: &[(i64, String)]) -> Vec<i64> {
    let parse = |d: &str| NaiveDate::parse_from_str(d.get(..10).unwrap_or(d), "%Y-%m-%d").ok();
    let Some(last) = all.last().and_then(|(_, d)| parse(d)) else {
        return all.iter().map(|(id, _)| *id).collect();
    };
    let month = super::history::month_start(last);
    let back = |k: u32| super::history::months_back(month, k);
    let mut ids: Vec<i64> = all
        .iter()
        .filter(|(_, d)| parse(d).is_some_and(|d| d >= back(3)))
        .map(|(id, _)| *id)
        .collect();
    for k in [3, 6] {
        // The latest snapshot dated before month m−k+1 starts: within month m−k or earlier.
        let before = back(k - 1);
        if let Some((id, _)) = all
            .iter()
            .rev()
            .find(|(_, d)| parse(d).is_some_and(|d| d < before))
        {
            ids.push(*id);
        }
    }
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// Refreshes the opportunities when the latest snapshot is newer than the last refresh: an
/// import or sync whose refresh was interrupted (the app closed, the machine lost power) is
/// completed when the workspace is next opened. `None` when they were current.
pub async fn refresh_if_behind(
    ws: &Workspace,
    clock: &dyn Clock,
) -> Result<Option<RefreshSummary>> {
    let Some(&(latest, _)) = history_table::snapshots(ws.pool()).await?.last() else {
        return Ok(None);
    };
    match table::last_refresh(ws.pool()).await? {
        Some((refreshed, _)) if refreshed == latest => Ok(None),
        _ => {
            tracing::info!(
                snapshot = latest,
                "opportunities behind the latest snapshot: refreshing"
            );
            refresh(ws, clock).await.map(Some)
        }
    }
}

/// Recomputes the opportunities from the latest snapshot and stores them.
pub async fn refresh(ws: &Workspace, clock: &dyn Clock) -> Result<RefreshSummary> {
    let started = Instant::now();
    let settings = OpportunitySettings::load(ws).await?;
    let pool = ws.pool();
    let snapshots = history_table::snapshots(pool).await?;
    if snapshots.is_empty() {
        return Err(EngineError::InvalidInput(
            "the workspace has no data yet: import a snapshot first".into(),
        ));
    }
    let sig = signature(&snapshots, &settings);
    let now = clock.now().to_rfc3339();
    let first_refresh = table::last_refresh(pool).await?.is_none();
    let cached = if first_refresh {
        None
    } else {
        cached_models(table::models(pool).await?, &sig)
    };
    let trained = cached.is_none();
    let (h, feats, mut models) = match cached {
        Some(models) => {
            let h = History::load(ws, Some(&snapshots_for_features(&snapshots))).await?;
            let feats = vec![Vec::new(); h.snapshots.len()];
            (h, feats, models)
        }
        None => {
            let h = History::load(ws, None).await?;
            let feats = all_features(&h);
            let models = train_all(&h, &feats, &settings, &sig, &now);
            (h, feats, models)
        }
    };
    let last = h.snapshots.len() - 1;
    let latest_feats: Vec<Option<Features>> = if feats[last].is_empty() {
        (0..h.tenants.len())
            .map(|t| features::compute(&h, last, t))
            .collect()
    } else {
        feats[last].clone()
    };

    // Date added: the previous refresh, or a replay of the whole history on the first one.
    let mut previous: HashMap<String, String> =
        table::dates_added(pool).await?.into_iter().collect();
    if first_refresh {
        previous.clear();
        for (s, snapshot_feats) in feats.iter().enumerate().take(last) {
            let winners = select(
                candidates_at(&h, s, snapshot_feats, &models, &settings),
                &settings,
            );
            let keys: Vec<String> = winners
                .iter()
                .map(|w| {
                    key(
                        &h.tenants[w.candidate.tenant].tenant_id,
                        w.candidate.model,
                        w.candidate.product,
                    )
                })
                .collect();
            let dates = carry_dates(&keys, &previous, h.snapshots[s].as_of);
            previous = keys.into_iter().zip(dates).collect();
        }
    }
    let winners = select(
        candidates_at(&h, last, &latest_feats, &models, &settings),
        &settings,
    );
    let mut ml_facts: HashMap<(ModelKind, usize), Vec<Fact>> = HashMap::new();
    for (kind, model) in &models.ml {
        let tenants: Vec<usize> = winners
            .iter()
            .filter(|w| w.candidate.model == *kind)
            .map(|w| w.candidate.tenant)
            .filter(|t| latest_feats[*t].is_some())
            .collect();
        let rows: Vec<&Features> = tenants
            .iter()
            .filter_map(|t| latest_feats[*t].as_ref())
            .collect();
        for (t, facts) in tenants.into_iter().zip(ml::explain_all(model, &rows)) {
            ml_facts.insert((*kind, t), facts);
        }
    }
    let mut per_model: HashMap<ModelKind, i64> = HashMap::new();
    let snap = &h.snapshots[last];
    let mut rows = Vec::with_capacity(winners.len());
    let (mut new, mut kept) = (0u32, 0u32);
    for w in winners {
        let c = &w.candidate;
        *per_model.entry(c.model).or_default() += 1;
        let tenant = &h.tenants[c.tenant];
        let k = key(&tenant.tenant_id, c.model, c.product);
        let date_added = match previous.get(&k) {
            Some(d) => {
                kept += 1;
                d.clone()
            }
            None => {
                new += 1;
                snap.as_of.to_string()
            }
        };
        let f = latest_feats[c.tenant].as_ref();
        let facts = match (c.model.method(), f) {
            (ModelMethod::MachineLearning, Some(_)) => {
                ml_facts.remove(&(c.model, c.tenant)).unwrap_or_default()
            }
            (ModelMethod::DecisionTree, Some(f)) => models
                .trees
                .get(&c.model)
                .map(|t| t.walk(f).1)
                .unwrap_or_default(),
            _ => c.facts.clone(),
        };
        let explanation = Explanation {
            facts,
            also_considered: w.also,
        };
        let seats = h.state(last, c.tenant).map_or(0, TenantState::seats);
        rows.push(table::StoredOpportunity {
            key: k,
            tenant_id: tenant.tenant_id.clone(),
            opportunity_type: c.model.opportunity_type().key().into(),
            model: c.model.key().into(),
            product: c.product.map(|p| p.as_str().to_owned()),
            probability: c.probability,
            seats: i64::from(seats),
            date_added,
            snapshot_id: snap.id,
            explanation: serde_json::to_string(&explanation)
                .map_err(|e| EngineError::InvalidInput(format!("explanation: {e}")))?,
        });
    }
    let current: std::collections::HashSet<&str> = rows.iter().map(|r| r.key.as_str()).collect();
    let gone = if first_refresh {
        0
    } else {
        previous
            .keys()
            .filter(|k| !current.contains(k.as_str()))
            .count() as u32
    };
    for (kind, note) in [
        (
            ModelKind::SmbEngagement,
            format!(
                "business rule: at most {} employees, at least {} of the workloads with {} or more \
                 licensed users below {:.0}% active users",
                settings.smb_max_employees,
                settings.smb_min_workloads,
                settings.smb_min_assigned,
                settings.smb_threshold * 100.0
            ),
        ),
        (
            ModelKind::Trials,
            format!(
                "business rule: trials ending within {} days, likelier the more their users are active",
                settings.trial_window_days
            ),
        ),
    ] {
        models.stored.retain(|m| m.model != kind.key());
        models.stored.push(table::StoredModel {
            model: kind.key().into(),
            signature: sig.clone(),
            learned: false,
            learner: None,
            auc: None,
            rows: 0,
            candidates: 0,
            note,
            payload: None,
            trained_at: now.clone(),
        });
    }
    for m in &mut models.stored {
        m.candidates = ModelKind::from_key(&m.model)
            .and_then(|k| per_model.get(&k).copied())
            .unwrap_or(0);
    }
    let duration_ms = started.elapsed().as_millis().min(u128::from(u32::MAX)) as u32;
    let mut tx = ws.begin().await?;
    table::replace_all(&mut tx, &rows).await?;
    for m in &models.stored {
        // Reused models keep their stored bytes; only what they produced changes.
        if trained || m.payload.is_none() {
            table::put_model(&mut tx, m).await?;
        } else {
            table::set_model_candidates(&mut tx, &m.model, m.candidates).await?;
        }
    }
    table::log_refresh(
        &mut tx,
        snap.id,
        &now,
        rows.len() as i64,
        i64::from(duration_ms),
    )
    .await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(RefreshSummary {
        as_of: snap.as_of.to_string(),
        opportunities: rows.len() as u32,
        new,
        kept,
        gone,
        duration_ms,
        models: Vec::new(),
    })
}

/// A score on a held-out snapshot, from a model trained only on earlier snapshots.
#[derive(Debug, Clone)]
pub struct HoldoutScore {
    /// The model.
    pub model: ModelKind,
    /// The tenant.
    pub tenant_id: String,
    /// The snapshot scored.
    pub as_of: NaiveDate,
    /// The model's probability.
    pub probability: f64,
    /// Whether the event happened in the horizon, as the history shows it.
    pub label: bool,
}

/// Scores the most recent labelled snapshots (the validation part) with models trained on the
/// older ones only, for measuring the models against an outside truth (the demo generator's).
pub async fn holdout_scores(ws: &Workspace) -> Result<Vec<HoldoutScore>> {
    let settings = OpportunitySettings::load(ws).await?;
    let h = History::load(ws, None).await?;
    let feats = all_features(&h);
    let mut out = Vec::new();
    let mut emit = |kind: ModelKind,
                    rows: &[&Features],
                    labels: &[bool],
                    times: &[i64],
                    tenants: &[usize],
                    probs: &dyn Fn(&[&Features]) -> Vec<f64>| {
        let cut = ml::time_cut(times, ml::VALIDATION_FRACTION);
        let val: Vec<usize> = (0..rows.len()).filter(|&i| times[i] >= cut).collect();
        let vr: Vec<&Features> = val.iter().map(|&i| rows[i]).collect();
        for (&i, p) in val.iter().zip(probs(&vr)) {
            out.push(HoldoutScore {
                model: kind,
                tenant_id: h.tenants[tenants[i]].tenant_id.clone(),
                as_of: h.snapshots[times[i] as usize].as_of,
                probability: p,
                label: labels[i],
            });
        }
    };
    for kind in [ModelKind::BSku, ModelKind::ESku, ModelKind::Churn] {
        let (eligible, event) = ml_spec(kind);
        let (rows, labels, times, tenants) =
            labelled(&h, &feats, settings.horizon_months, eligible, event);
        let cut = ml::time_cut(&times, ml::VALIDATION_FRACTION);
        let train: Vec<usize> = (0..rows.len()).filter(|&i| times[i] < cut).collect();
        // Trained as a refresh would have been at the cut: the same cap on rows.
        let (tr, tl, tt, _) = most_recent(
            (
                train.iter().map(|&i| rows[i]).collect(),
                train.iter().map(|&i| labels[i]).collect(),
                train.iter().map(|&i| times[i]).collect(),
                train.iter().map(|&i| tenants[i]).collect(),
            ),
            ml::MAX_TRAINING_ROWS,
        );
        let choice = ml::train(&tr, &tl, &tt, settings.seed);
        let Some(model) = choice.model else { continue };
        emit(kind, &rows, &labels, &times, &tenants, &|r| {
            ml::predict(&model, r)
        });
    }
    for kind in [ModelKind::Mdo, ModelKind::Mfa, ModelKind::Mdb] {
        let (eligible, event, inputs, shipped) = tree_spec(kind);
        let (rows, labels, times, tenants) =
            labelled(&h, &feats, settings.horizon_months, eligible, event);
        let cut = ml::time_cut(&times, ml::VALIDATION_FRACTION);
        let train: Vec<usize> = (0..rows.len()).filter(|&i| times[i] < cut).collect();
        let choice = models::tree::choose(
            &train.iter().map(|&i| rows[i]).collect::<Vec<_>>(),
            &train.iter().map(|&i| labels[i]).collect::<Vec<_>>(),
            &train.iter().map(|&i| times[i]).collect::<Vec<_>>(),
            inputs,
            shipped,
        );
        emit(kind, &rows, &labels, &times, &tenants, &|r| {
            choice.tree.predict(r)
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{Rng, SeedableRng};

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 1, d).expect("date")
    }

    #[test]
    fn date_added_holds_while_the_opportunity_does_and_restarts_after_a_gap() {
        let a = "t1|growth|bSku|Microsoft 365 Business Standard".to_owned();
        let b = "t2|retention|churn|-".to_owned();
        // Refresh 1: both appear.
        let keys1 = vec![a.clone(), b.clone()];
        let d1 = carry_dates(&keys1, &HashMap::new(), day(1));
        let prev1: HashMap<_, _> = keys1.into_iter().zip(d1).collect();
        // Refresh 2: same signals for A, B gone.
        let keys2 = vec![a.clone()];
        let d2 = carry_dates(&keys2, &prev1, day(2));
        assert_eq!(d2, vec![day(1).to_string()]);
        let prev2: HashMap<_, _> = keys2.into_iter().zip(d2).collect();
        // Refresh 3: B is back: a new date; A still keeps its first one.
        let keys3 = vec![a.clone(), b.clone()];
        let d3 = carry_dates(&keys3, &prev2, day(3));
        assert_eq!(d3, vec![day(1).to_string(), day(3).to_string()]);
    }

    #[test]
    fn at_most_one_opportunity_per_customer_and_type() {
        let settings = OpportunitySettings::default();
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(11);
        for _ in 0..200 {
            let n = rng.gen_range(0..60);
            let candidates: Vec<Candidate> = (0..n)
                .map(|_| Candidate {
                    tenant: rng.gen_range(0..8),
                    model: ModelKind::ALL[rng.gen_range(0..8)],
                    product: None,
                    probability: rng.gen_range(0.0..1.0),
                    facts: Vec::new(),
                })
                .collect();
            let winners = select(candidates.clone(), &settings);
            let mut seen = std::collections::HashSet::new();
            for w in &winners {
                let c = &w.candidate;
                assert!(
                    seen.insert((c.tenant, c.model.opportunity_type())),
                    "two of a type"
                );
                // The winner is the most probable of its customer and type.
                let best = candidates
                    .iter()
                    .filter(|x| {
                        x.tenant == c.tenant
                            && x.model.opportunity_type() == c.model.opportunity_type()
                    })
                    .map(|x| x.probability)
                    .fold(f64::MIN, f64::max);
                assert_eq!(c.probability, best);
                assert!(w.also.iter().all(|a| a.probability <= c.probability));
            }
            // Every customer and type with an eligible candidate has its winner.
            let expected: std::collections::HashSet<_> = candidates
                .iter()
                .filter(|c| c.probability >= settings.min_probability)
                .map(|c| (c.tenant, c.model.opportunity_type()))
                .collect();
            assert_eq!(seen, expected);
        }
    }
}
