//! Opportunities (Sales Advisor): eight models score every customer tenant of the latest
//! snapshot; the rules of SPEC §3.2 turn their output into at most one opportunity per customer
//! and type, with a date added that survives refreshes while the signals hold.

mod view;

pub use view::*;

use std::path::Path;

use partner_advisor_domain::Clock;
use partner_advisor_store::Workspace;

use crate::settings::Language;
use crate::{EngineError, Result};

/// The opportunities of one workspace in memory, in one language: the table's queries run here.
#[derive(Debug)]
pub struct OpportunityIndex {
    workspace_id: String,
    language: Language,
}

impl OpportunityIndex {
    /// Loads the stored opportunities.
    pub async fn load(ws: &Workspace, language: Language) -> Result<Self> {
        Ok(Self {
            workspace_id: ws.manifest().id.clone(),
            language,
        })
    }

    /// Whether the index was built for this workspace and language.
    pub fn is_for(&self, ws: &Workspace, language: Language) -> bool {
        self.workspace_id == ws.manifest().id && self.language == language
    }

    /// The overview.
    pub fn overview(&self) -> OpportunityOverview {
        OpportunityOverview::default()
    }

    /// A window of the table.
    pub fn query(&self, _query: &OpportunityQuery) -> Result<OpportunityPage> {
        Err(EngineError::InvalidInput("not built".into()))
    }

    /// One row by key.
    pub fn row(&self, _key: &str) -> Result<OpportunityRow> {
        Err(EngineError::InvalidInput("not built".into()))
    }
}

/// The flyout.
pub async fn detail(_ws: &Workspace, _key: &str, _language: Language) -> Result<OpportunityDetail> {
    Err(EngineError::InvalidInput("not built".into()))
}

/// The usage chart.
pub async fn usage_chart(
    _ws: &Workspace,
    _tenant_id: &str,
    _workload: Option<&str>,
    _language: Language,
    _dark: bool,
) -> Result<String> {
    Err(EngineError::InvalidInput("not built".into()))
}

/// Refresh.
pub async fn refresh(
    _ws: &Workspace,
    _clock: &dyn Clock,
    _language: Language,
) -> Result<RefreshSummary> {
    Err(EngineError::InvalidInput("not built".into()))
}

/// Models.
pub async fn models(_ws: &Workspace, _language: Language) -> Result<Vec<ModelSummary>> {
    Ok(Vec::new())
}

/// Feedback.
pub async fn set_feedback(
    _ws: &Workspace,
    _key: &str,
    _feedback: Option<&Feedback>,
    _clock: &dyn Clock,
) -> Result<()> {
    Ok(())
}

/// Dismiss.
pub async fn set_dismissed(
    _ws: &Workspace,
    _key: &str,
    _dismissed: bool,
    _clock: &dyn Clock,
) -> Result<()> {
    Ok(())
}

/// Export file name.
pub fn export_file_name(_clock: &dyn Clock) -> String {
    "opportunities.csv".into()
}

/// Delimiter.
pub fn delimiter_for(language: Language) -> u8 {
    match language {
        Language::En => b',',
        _ => b';',
    }
}

/// Export.
pub async fn export(
    _ws: &Workspace,
    _index: &OpportunityIndex,
    _query: &OpportunityQuery,
    _path: &Path,
    _delimiter: u8,
    _language: Language,
) -> Result<ExportSummary> {
    Err(EngineError::InvalidInput("not built".into()))
}
