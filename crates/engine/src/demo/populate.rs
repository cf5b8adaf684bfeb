//! Writes the generated demo into an open workspace, one snapshot per transaction.
//!
//! Order of work: register every customer (a unique name and its hidden traits), generate the
//! leads, then walk the months. For each snapshot a blocking producer task advances every
//! customer by one month, chunk by chunk, and hands the chunk's rows to the writer, which inserts
//! them (so generating the next chunk overlaps writing this one), adds the leads created that
//! month and commits. The latent truths, the external signals and the CRM list come last, in a
//! transaction of their own. Memory holds one month of state per customer and a few chunks of
//! rows, never the history.
//!
//! Customers are walked in tenant ID order, so each snapshot's rows reach the tenant-keyed
//! indexes in key order (one sweep through each index rather than random page visits).
//!
//! Progress stages: `demo.prepare` (customers registered), `demo.snapshots` (customer-months
//! written, over all snapshots, so the bar only moves forward), `demo.crm` (truths and CRM
//! accounts written). Cancellation is checked before every chunk on both sides.

use partner_advisor_domain::{Partner, SnapshotSource};
use partner_advisor_store::tables::{
    crm_accounts, customers, demo_truth, external_signals, leads as lead_table, partner,
    security_signals, snapshots, subscriptions, usage,
};
use partner_advisor_store::{StoreError, Workspace};
use tokio::sync::mpsc;

use super::calendar::Calendar;
use super::leads::{self, GeneratedLead};
use super::propensity;
use super::tenants::{self, NameBook};
use super::timeline::{Batch, Month, Tenant};
use super::{crm, DemoConfig, DemoStats, PARTNER_GLOBAL_ID, PARTNER_NAME};
use crate::jobs::{CancelToken, Progress, Step};
use crate::{EngineError, Result};

/// Customers advanced and written between two cancellation checks.
const CHUNK: usize = 2_000;

/// A sort key with the order of the tenant ID's text (lower-case hexadecimal GUID).
fn tenant_key(tenant_id: &str) -> u128 {
    tenant_id
        .chars()
        .filter_map(|c| c.to_digit(16))
        .fold(0u128, |key, digit| (key << 4) | u128::from(digit))
}

/// What the producer hands to the writer.
enum Piece {
    /// The rows of one chunk of customers for the current snapshot, and how many customers of
    /// the snapshot are done with it.
    Rows { batch: Batch, done: usize },
    /// Every customer of the current snapshot has been sent.
    MonthDone,
}

/// Advances every customer month by month, sending each chunk's rows to the writer. Returns the
/// customers after the last month, or early when cancelled or when the writer stopped listening.
fn produce(
    mut tenants: Vec<Tenant>,
    seed: u64,
    calendar: &Calendar,
    cancel: &CancelToken,
    sender: &mpsc::Sender<Piece>,
) -> Result<Vec<Tenant>> {
    for k in 0..calendar.len() {
        let month = Month { seed, k, calendar };
        let mut done = 0;
        for chunk in tenants.chunks_mut(CHUNK) {
            cancel.check()?;
            let mut batch = Batch::default();
            for tenant in chunk.iter_mut().filter(|t| t.joined_by(k)) {
                let identity = tenants::identity(seed, tenant.index, tenant.variant);
                tenant.advance(month, &identity, &mut batch);
            }
            done += chunk.len();
            if sender.blocking_send(Piece::Rows { batch, done }).is_err() {
                return Err(EngineError::Cancelled);
            }
        }
        if sender.blocking_send(Piece::MonthDone).is_err() {
            return Err(EngineError::Cancelled);
        }
    }
    Ok(tenants)
}

/// The producer task's end: a panic (a bug) goes on unwinding; an aborted task (the runtime
/// shutting down) counts as a cancellation.
fn join_error(e: tokio::task::JoinError) -> EngineError {
    match e.try_into_panic() {
        Ok(panic) => std::panic::resume_unwind(panic),
        Err(_) => EngineError::Cancelled,
    }
}

/// Generates the demo described by `config` into `ws`.
pub async fn populate(
    ws: &Workspace,
    config: &DemoConfig,
    progress: &dyn Progress,
    cancel: &CancelToken,
) -> Result<DemoStats> {
    config.validate()?;
    let seed = config.seed;
    let n = config.customers;
    let months = config.months as usize;
    let months16 = u16::try_from(config.months).unwrap_or(u16::MAX);
    let calendar = Calendar::new(config.as_of, config.months);
    let report = |stage: &'static str, done: usize, total: usize| {
        progress.report(Step {
            stage,
            done: done as u64,
            total: total as u64,
        })
    };
    let mut stats = DemoStats {
        customers: u64::from(n),
        snapshots: config.months.into(),
        ..DemoStats::default()
    };

    // Customers: unique names and hidden traits.
    let mut book = NameBook::default();
    let mut tenants: Vec<Tenant> = Vec::with_capacity(n as usize);
    for index in 0..n {
        if index as usize % CHUNK == 0 {
            cancel.check()?;
            report("demo.prepare", index as usize, n as usize);
        }
        let (variant, _, traits) = tenants::register(&mut book, seed, index, months16);
        tenants.push(Tenant::new(index, variant, traits));
    }
    report("demo.prepare", n as usize, n as usize);

    // Leads, grouped by the snapshot they arrive with.
    let inbox_end = config
        .leads_until
        .unwrap_or_else(|| calendar.window_end())
        .max(calendar.window_end());
    let mut arrivals: Vec<Vec<GeneratedLead>> = vec![Vec::new(); months];
    {
        let customer = |c: u32| {
            let t = &tenants[c as usize];
            (tenants::identity(seed, c, t.variant), t.traits.employees0)
        };
        for i in 0..leads::count(n) {
            if i as usize % CHUNK == 0 {
                cancel.check()?;
            }
            let lead = leads::generate(seed, i, &calendar, inbox_end, n, &customer);
            arrivals[lead.snapshot.min(months - 1)].push(lead);
        }
    }

    // Customers in tenant ID order (see the module's documentation).
    tenants.sort_by_cached_key(|t| {
        let id = tenants::identity(seed, t.index, t.variant).tenant_id;
        (tenant_key(&id), t.index)
    });

    // Snapshots, one transaction each. A blocking task advances the customers and hands over
    // their rows chunk by chunk, so generating the next chunk overlaps writing this one.
    let (sender, mut pieces) = mpsc::channel::<Piece>(2);
    let producer = {
        let calendar = calendar.clone();
        let cancel = cancel.clone();
        tokio::task::spawn_blocking(move || produce(tenants, seed, &calendar, &cancel, &sender))
    };
    for (k, arrived) in arrivals.into_iter().enumerate() {
        cancel.check()?;
        // One bar over every customer-month, so the bar only ever moves forward.
        report("demo.snapshots", k * n as usize, months * n as usize);
        let mut tx = ws.begin().await?;
        if k == 0 {
            partner::upsert(
                &mut tx,
                &Partner {
                    global_id: PARTNER_GLOBAL_ID.into(),
                    name: PARTNER_NAME.into(),
                },
            )
            .await?;
        }
        let snapshot_id = snapshots::insert(
            &mut tx,
            calendar.date(k),
            SnapshotSource::Demo,
            Some(&calendar.label(k)),
            calendar.imported_at(k),
        )
        .await?;
        loop {
            let Some(piece) = pieces.recv().await else {
                // The producer stopped early: it was cancelled or failed.
                producer.await.map_err(join_error)??;
                return Err(EngineError::Cancelled);
            };
            let (batch, done) = match piece {
                Piece::Rows { batch, done } => (batch, done),
                Piece::MonthDone => break,
            };
            cancel.check()?;
            customers::insert_many(&mut tx, snapshot_id, &batch.customers).await?;
            subscriptions::insert_many(&mut tx, snapshot_id, &batch.subscriptions).await?;
            usage::insert_months(&mut tx, snapshot_id, &batch.usage).await?;
            security_signals::insert_many(&mut tx, snapshot_id, &batch.security).await?;
            usage::insert_user_activity(&mut tx, snapshot_id, &batch.users).await?;
            stats.subscriptions += batch.subscriptions.len() as u64;
            stats.usage_rows += batch.usage.len() as u64;
            stats.security_signals += batch.security.len() as u64;
            stats.user_activity_rows += batch.users.len() as u64;
            report("demo.snapshots", k * n as usize + done, months * n as usize);
        }
        for chunk in arrived.chunks(CHUNK) {
            cancel.check()?;
            let rows: Vec<_> = chunk
                .iter()
                .map(|g| {
                    let mut lead = g.lead.clone();
                    crate::leads::contacts::apply(&mut lead);
                    lead
                })
                .collect();
            lead_table::insert_many(&mut tx, snapshot_id, &rows).await?;
            let events: Vec<_> = chunk
                .iter()
                .flat_map(|g| g.events.iter().cloned())
                .collect();
            lead_table::insert_events(&mut tx, &events).await?;
            let truths: Vec<_> = chunk.iter().map(|g| g.truth.clone()).collect();
            demo_truth::insert_leads(&mut tx, &truths).await?;
            stats.leads += chunk.len() as u64;
        }
        tx.commit().await.map_err(StoreError::from)?;
        report("demo.snapshots", (k + 1) * n as usize, months * n as usize);
    }
    let tenants = producer.await.map_err(join_error)??;

    // Latent truths, external signals and the CRM list.
    let as_of = calendar.as_of();
    let prospects = crm::prospect_count(n);
    let total = n as usize + prospects as usize;
    let mut tx = ws.begin().await?;
    let mut done = 0;
    for chunk in tenants.chunks(CHUNK) {
        cancel.check()?;
        let mut truths = Vec::with_capacity(chunk.len());
        let mut accounts = Vec::with_capacity(chunk.len());
        let mut areas = Vec::with_capacity(chunk.len() * 8);
        let mut signals = Vec::with_capacity(chunk.len() * 8);
        for tenant in chunk {
            let identity = tenants::identity(seed, tenant.index, tenant.variant);
            if let Some(account) = crm::customer_account(seed, tenant.index, &identity) {
                accounts.push(account);
            }
            let latent = propensity::latent(seed, tenant.index, &tenant.traits);
            areas.extend(latent.truths(&identity.tenant_id));
            signals.extend(propensity::signals(
                seed,
                tenant.index,
                &identity,
                &tenant.traits,
                &latent,
                as_of,
            ));
            truths.push(tenant.truth(identity.tenant_id));
        }
        demo_truth::insert_customers(&mut tx, &truths).await?;
        demo_truth::insert_areas(&mut tx, &areas).await?;
        external_signals::insert_many(&mut tx, &signals).await?;
        stats.external_signals += signals.len() as u64;
        crm_accounts::insert_many(&mut tx, &accounts).await?;
        stats.crm_accounts += accounts.len() as u64;
        done += chunk.len();
        report("demo.crm", done, total);
    }
    let mut accounts = Vec::with_capacity(CHUNK);
    for p in 0..prospects {
        accounts.push(crm::prospect_account(seed, p, &mut book));
        if accounts.len() == CHUNK || p + 1 == prospects {
            cancel.check()?;
            crm_accounts::insert_many(&mut tx, &accounts).await?;
            stats.crm_accounts += accounts.len() as u64;
            done += accounts.len();
            accounts.clear();
            report("demo.crm", done, total);
        }
    }
    tx.commit().await.map_err(StoreError::from)?;
    Ok(stats)
}
