//! One query module per table. Writes take a transaction so a use case lands whole or not at all.

pub mod cloudascent_imports;
pub mod crm_accounts;
pub mod customers;
pub mod demo_truth;
pub mod external_signals;
pub mod history;
pub mod imported_opportunities;
pub mod lead_scoring;
pub mod leads;
pub mod meta;
pub mod opportunities;
pub mod partner;
pub mod propensity_inputs;
pub mod saved_reports;
pub mod security_signals;
pub mod snapshots;
pub mod subscriptions;
pub mod sync;
pub mod usage;

use sqlx::query_builder::Separated;
use sqlx::{QueryBuilder, Sqlite, SqliteConnection};

use crate::Result;

/// SQLite's limit on bound parameters per statement, with a margin.
const MAX_BINDS: usize = 30_000;
/// Rows per multi-row INSERT: large enough to amortise parsing, small enough to stay cache-warm.
const MAX_ROWS_PER_STATEMENT: usize = 500;

/// Inserts `rows` with multi-row `INSERT … VALUES` statements of bounded size.
///
/// `head` is the statement up to `VALUES` (e.g. `INSERT INTO t (a, b) `), `columns` the number of
/// values `bind` pushes for each row.
pub(crate) async fn insert_rows<'r, T: 'r>(
    conn: &mut SqliteConnection,
    head: &str,
    columns: usize,
    rows: &'r [T],
    mut bind: impl FnMut(&mut Separated<'_, 'r, Sqlite, &'static str>, &'r T),
) -> Result<()> {
    let per_statement = (MAX_BINDS / columns.max(1)).clamp(1, MAX_ROWS_PER_STATEMENT);
    for chunk in rows.chunks(per_statement) {
        let mut builder: QueryBuilder<'r, Sqlite> = QueryBuilder::new(head);
        builder.push_values(chunk, |mut row, item| bind(&mut row, item));
        builder.build().persistent(true).execute(&mut *conn).await?;
    }
    Ok(())
}

/// Formats an optional date for storage.
pub(crate) fn opt_date(date: Option<chrono::NaiveDate>) -> Option<String> {
    date.map(|d| d.to_string())
}
