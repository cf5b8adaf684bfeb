//! What a workspace holds, as the Data page and `partner-advisor workspace info` show it.

use partner_advisor_domain::Partner;
use partner_advisor_store::manifest::KeyMode;
use partner_advisor_store::tables::partner;
use partner_advisor_store::tables::snapshots::{self, SnapshotContents, Totals};
use partner_advisor_store::Workspace;

use crate::Result;

/// A workspace's identity and contents.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkspaceSummary {
    /// Stable identifier.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Folder.
    pub path: String,
    /// How its key is kept.
    pub key_mode: KeyMode,
    /// Whether it holds generated demo data.
    pub is_demo: bool,
    /// The partner, once known.
    pub partner: Option<Partner>,
    /// Snapshots, newest first.
    pub snapshots: Vec<SnapshotContents>,
    /// Totals.
    pub totals: Totals,
    /// Bytes on disk.
    pub file_size_bytes: u64,
}

/// Summarises an open workspace.
pub async fn summarise(ws: &Workspace) -> Result<WorkspaceSummary> {
    let manifest = ws.manifest();
    Ok(WorkspaceSummary {
        id: manifest.id.clone(),
        name: manifest.name.clone(),
        path: ws.dir().display().to_string(),
        key_mode: manifest.key_mode,
        is_demo: manifest.is_demo,
        partner: partner::get(ws.pool()).await?,
        snapshots: snapshots::list_with_contents(ws.pool()).await?,
        totals: snapshots::totals(ws.pool()).await?,
        file_size_bytes: ws.file_size_bytes(),
    })
}
