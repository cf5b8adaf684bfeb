//! `usage_monthly` and `user_activity`: workload usage per month and per user.

use partner_advisor_domain::{UsageMonth, UserActivity, Workload};
use sqlx::{SqliteConnection, SqlitePool};

use super::customers::parse_date;
use super::{insert_rows, opt_date};
use crate::Result;

/// Writes monthly usage rows as of `snapshot_id`.
pub async fn insert_months(
    conn: &mut SqliteConnection,
    snapshot_id: i64,
    rows: &[UsageMonth],
) -> Result<()> {
    insert_rows(
        conn,
        "INSERT INTO usage_monthly (snapshot_id, tenant_id, workload, month, assigned, active) ",
        6,
        rows,
        |row, u| {
            row.push_bind(snapshot_id)
                .push_bind(&u.tenant_id)
                .push_bind(u.workload.as_str())
                .push_bind(u.month.to_string())
                .push_bind(i64::from(u.assigned))
                .push_bind(i64::from(u.active));
        },
    )
    .await
}

/// The workloads in the column order of `user_activity`.
pub const USER_ACTIVITY_WORKLOADS: [Workload; 5] = [
    Workload::Exchange,
    Workload::CoreApps,
    Workload::Teams,
    Workload::SharePoint,
    Workload::OneDrive,
];

/// Writes per-user activity as of `snapshot_id`.
pub async fn insert_user_activity(
    conn: &mut SqliteConnection,
    snapshot_id: i64,
    rows: &[UserActivity],
) -> Result<()> {
    insert_rows(
        conn,
        "INSERT INTO user_activity (snapshot_id, tenant_id, user_principal_name, exchange_last, \
         core_apps_last, teams_last, sharepoint_last, onedrive_last) ",
        8,
        rows,
        |row, a| {
            row.push_bind(snapshot_id)
                .push_bind(&a.tenant_id)
                .push_bind(&a.user_principal_name);
            for workload in USER_ACTIVITY_WORKLOADS {
                let last = a
                    .last_activity
                    .iter()
                    .find(|(w, _)| *w == workload)
                    .and_then(|(_, d)| *d);
                row.push_bind(opt_date(last));
            }
        },
    )
    .await
}

/// A customer's monthly usage history: for each month, the value of the latest snapshot that has it.
pub async fn history_of_customer(pool: &SqlitePool, tenant_id: &str) -> Result<Vec<UsageMonth>> {
    let rows: Vec<(String, String, i64, i64)> = sqlx::query_as(
        "SELECT workload, month, assigned, active FROM usage_monthly u \
         WHERE tenant_id = ? AND snapshot_id = (SELECT max(snapshot_id) FROM usage_monthly v \
           WHERE v.tenant_id = u.tenant_id AND v.workload = u.workload AND v.month = u.month) \
         ORDER BY workload, month",
    )
    .bind(tenant_id)
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|(workload, month, assigned, active)| {
            Ok(UsageMonth {
                tenant_id: tenant_id.to_owned(),
                workload: Workload::parse(&workload)?,
                month: parse_date(&month)?,
                assigned: u32::try_from(assigned).unwrap_or(0),
                active: u32::try_from(active).unwrap_or(0),
            })
        })
        .collect()
}
