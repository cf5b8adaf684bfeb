//! The write step of an import: one transaction, one new snapshot.

use chrono::NaiveDate;
use partner_advisor_domain::{Clock, SnapshotSource};
use partner_advisor_store::tables::{
    customers, imported_opportunities, security_signals, snapshots, subscriptions, usage,
};
use partner_advisor_store::Workspace;

use super::checks::Plan;
use super::{CarriedForward, ImportSummary};
use crate::jobs::{CancelToken, Progress, Step};
use crate::Result;

/// Write steps, for progress.
const STEPS: u64 = 6;

/// Copies snapshot `from`'s customer states, subscriptions and security signals into snapshot
/// `to`, so a snapshot that brings only usage (or only opportunities) still holds the whole
/// workspace.
/// Cancellation is checked before each table, and `step` told 1 and 2 after the first two.
pub(crate) async fn carry_forward(
    conn: &mut partner_advisor_store::SqliteConnection,
    from: i64,
    to: i64,
    cancel: &CancelToken,
    step: &(dyn Fn(u64) + Sync),
) -> Result<CarriedForward> {
    cancel.check()?;
    let customers = customers::copy_states(conn, from, to).await?;
    step(1);
    cancel.check()?;
    let subscriptions = subscriptions::copy_snapshot(conn, from, to).await?;
    step(2);
    cancel.check()?;
    let security_signals = security_signals::copy_snapshot(conn, from, to).await?;
    Ok(CarriedForward {
        from_snapshot: Some(from),
        customers,
        subscriptions,
        security_signals,
    })
}

/// Writes the plan as a new snapshot; nothing is written unless every step succeeds.
#[allow(clippy::too_many_arguments)]
pub(super) async fn write(
    workspace: &Workspace,
    plan: &Plan,
    as_of: NaiveDate,
    label: &str,
    clock: &dyn Clock,
    progress: &dyn Progress,
    cancel: &CancelToken,
    summary: &mut ImportSummary,
) -> Result<()> {
    let step = |done: u64| {
        progress.report(Step {
            stage: "import.write",
            done,
            total: STEPS,
        })
    };
    step(0);
    cancel.check()?;
    let mut tx = workspace.begin().await?;
    let latest = snapshots::latest(&mut tx).await?;
    if let Some((_, latest_as_of)) = latest {
        if as_of < latest_as_of {
            summary.notes.push(format!(
                "the new snapshot is dated {as_of}, before the workspace's latest snapshot \
                 ({latest_as_of}): it carries that snapshot's customers forward, and screens that \
                 show the latest snapshot keep showing {latest_as_of} (give an as-of date to date it later)"
            ));
        }
    }
    let id = snapshots::insert(
        &mut tx,
        as_of,
        SnapshotSource::Import,
        Some(label),
        clock.now(),
    )
    .await?;

    // Carry the latest snapshot's customers, subscriptions and security signals forward.
    if let Some((from, _)) = latest {
        summary.carried_forward = carry_forward(&mut tx, from, id, cancel, &step).await?;
    }
    step(3);

    cancel.check()?;
    if let Some(tenant_usage) = &plan.usage {
        usage::insert_months(&mut tx, id, &tenant_usage.months).await?;
        summary.usage_rows = tenant_usage.months.len() as u64;
        step(4);
        cancel.check()?;
        usage::insert_user_activity(&mut tx, id, &tenant_usage.activity).await?;
        summary.user_activity_rows = tenant_usage.activity.len() as u64;
    }
    step(5);

    cancel.check()?;
    imported_opportunities::insert_many(&mut tx, id, &plan.opportunities).await?;
    summary.opportunities = plan.opportunities.len() as u64;
    summary.unmatched_opportunities = plan
        .opportunities
        .iter()
        .filter(|o| o.tenant_id.is_none())
        .count() as u64;

    cancel.check()?;
    tx.commit()
        .await
        .map_err(partner_advisor_store::StoreError::from)?;
    step(STEPS);
    summary.snapshot_id = Some(id);
    summary.tenant_id = plan.tenant_id.clone();
    Ok(())
}
