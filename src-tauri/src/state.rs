//! The one managed state of the app.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use partner_advisor_domain::SystemClock;
use partner_advisor_engine::jobs::CancelToken;
use partner_advisor_engine::leads::index::LeadIndex;
use partner_advisor_engine::opportunities::{self, OpportunityIndex};
use partner_advisor_engine::propensity;
use partner_advisor_engine::workspaces::Context;
use partner_advisor_engine::EngineError;
use partner_advisor_store::{Keychain, Workspace};
use tokio::sync::RwLock;

/// Everything the commands share.
pub struct AppState {
    /// The app's data folder (settings, registry, demo workspace, logs).
    pub data_dir: PathBuf,
    /// The OS keychain.
    pub keychain: Keychain,
    /// The clock.
    pub clock: SystemClock,
    /// The open workspace, if any.
    pub workspace: RwLock<Option<Workspace>>,
    /// Running jobs by id, to cancel them.
    pub jobs: Mutex<HashMap<String, CancelToken>>,
    /// The open workspace's opportunities in memory, so the table's queries never hit the disk.
    pub opportunity_index: tokio::sync::Mutex<Option<Arc<OpportunityIndex>>>,
    /// The open workspace's leads in memory.
    pub lead_index: tokio::sync::Mutex<Option<Arc<LeadIndex>>>,
    /// The job id of the sync running now: one sync at a time, by hand or on schedule.
    pub sync_job: Mutex<Option<String>>,
}

impl AppState {
    /// State over a data folder.
    pub fn new(data_dir: PathBuf) -> Self {
        Self {
            data_dir,
            keychain: Keychain::app(),
            clock: SystemClock,
            workspace: RwLock::new(None),
            jobs: Mutex::new(HashMap::new()),
            opportunity_index: tokio::sync::Mutex::new(None),
            lead_index: tokio::sync::Mutex::new(None),
            sync_job: Mutex::new(None),
        }
    }

    /// The context of workspace use cases.
    pub fn context(&self) -> Context<'_> {
        Context {
            data_dir: &self.data_dir,
            secrets: &self.keychain,
            clock: &self.clock,
        }
    }

    /// Registers a job and returns its id and cancel token.
    pub fn start_job(&self) -> (String, CancelToken) {
        let id = uuid::Uuid::new_v4().to_string();
        let token = CancelToken::new();
        if let Ok(mut jobs) = self.jobs.lock() {
            jobs.insert(id.clone(), token.clone());
        }
        (id, token)
    }

    /// Forgets a finished job.
    pub fn end_job(&self, id: &str) {
        if let Ok(mut jobs) = self.jobs.lock() {
            jobs.remove(id);
        }
    }

    /// The open workspace, or the error the UI shows when there is none.
    pub fn require_workspace<'a>(
        &self,
        guard: &'a Option<Workspace>,
    ) -> Result<&'a Workspace, EngineError> {
        guard.as_ref().ok_or(EngineError::NoWorkspaceOpen)
    }

    /// Drops the in-memory opportunities after they changed on disk.
    pub async fn forget_opportunity_index(&self) {
        self.opportunity_index.lock().await.take();
    }

    /// Drops the in-memory leads after they changed on disk.
    pub async fn forget_lead_index(&self) {
        self.lead_index.lock().await.take();
    }

    /// Lead `id` changed on disk, and only it: its entry in the in-memory leads is read again
    /// (a list of 100,000 leads is not reloaded for one edit). When that cannot be done, the
    /// leads are dropped and load again on next use.
    pub async fn lead_changed(&self, ws: &Workspace, id: &str) {
        let mut cache = self.lead_index.lock().await;
        if let Some(index) = cache.as_mut().filter(|index| index.is_for(ws)) {
            match Arc::make_mut(index).reload_lead(ws, id).await {
                Ok(()) => return,
                Err(e) => tracing::warn!("lead {id} not reloaded alone, every lead will be: {e}"),
            }
        }
        cache.take();
    }

    /// Replaces the open workspace, closing the previous one.
    pub async fn replace_workspace(&self, ws: Workspace) {
        // Reports left running by an app that closed mid-run can never finish now.
        if let Err(e) = propensity::library::mark_interrupted(&ws, &self.clock).await {
            tracing::warn!("interrupted reports not marked: {e}");
        }
        // Likewise a sync: its pull was never applied (one transaction), so say so.
        let now = partner_advisor_domain::Clock::now(&self.clock);
        if let Err(e) = partner_advisor_store::tables::sync::mark_interrupted(ws.pool(), now).await
        {
            tracing::warn!("interrupted syncs not marked: {e}");
        }
        // And an import or sync whose opportunities refresh never ran: run it now.
        if let Err(e) = opportunities::refresh_if_behind(&ws, &self.clock).await {
            tracing::warn!("opportunities not brought up to date: {e}");
        }
        self.forget_opportunity_index().await;
        self.forget_lead_index().await;
        let previous = self.workspace.write().await.replace(ws);
        if let Some(previous) = previous {
            previous.close().await;
        }
    }
}
