//! Dataset snapshots: everything imported or synced at one point in time.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

crate::wire_enum! {
    /// Where a snapshot came from.
    SnapshotSource, "snapshot source" {
        /// The generated demo workspace.
        Demo => "demo",
        /// Files imported by the user.
        Import => "import",
        /// Pulled from Partner Center and Microsoft Graph.
        Sync => "sync",
    }
}

/// A dataset snapshot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    /// Store identifier.
    pub id: i64,
    /// The date the data describes ("as of").
    pub as_of: NaiveDate,
    /// Where it came from.
    pub source: SnapshotSource,
    /// When it was written to the workspace.
    pub imported_at: DateTime<Utc>,
}
