//! `partner`: the one partner that owns the workspace.

use partner_advisor_domain::Partner;
use sqlx::{SqliteConnection, SqlitePool};

use crate::Result;

/// Sets the partner.
pub async fn upsert(conn: &mut SqliteConnection, partner: &Partner) -> Result<()> {
    sqlx::query(
        "INSERT INTO partner (id, global_id, name) VALUES (1, ?, ?) \
         ON CONFLICT (id) DO UPDATE SET global_id = excluded.global_id, name = excluded.name",
    )
    .bind(&partner.global_id)
    .bind(&partner.name)
    .execute(conn)
    .await?;
    Ok(())
}

/// The partner, once one is known.
pub async fn get(pool: &SqlitePool) -> Result<Option<Partner>> {
    let row: Option<(String, String)> =
        sqlx::query_as("SELECT global_id, name FROM partner WHERE id = 1")
            .fetch_optional(pool)
            .await?;
    Ok(row.map(|(global_id, name)| Partner { global_id, name }))
}
