//! The opportunity models' configurable thresholds, kept in the workspace (meta
//! `opportunities.settings`) so they travel with the data.

use partner_advisor_store::tables::meta;
use partner_advisor_store::Workspace;
use serde::{Deserialize, Serialize};

use super::view::ProbabilityStatus;
use crate::{EngineError, Result};

const META_KEY: &str = "opportunities.settings";

/// Thresholds and windows; the defaults are SPEC §3's.
#[cfg_attr(feature = "ipc-types", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct OpportunitySettings {
    /// Probability at or above which an opportunity is High.
    pub high: f64,
    /// Probability at or above which it is Medium.
    pub medium: f64,
    /// Learned and tree models list a tenant only at or above this probability.
    pub min_probability: f64,
    /// Months after a snapshot in which the predicted event counts.
    pub horizon_months: u32,
    /// Points of active-user share within which a usage trend is "No change".
    pub trend_tolerance_points: f64,
    /// SMB engagement: share of active users below which a workload is poorly adopted.
    pub smb_threshold: f64,
    /// SMB engagement: poorly adopted workloads needed.
    pub smb_min_workloads: u32,
    /// SMB engagement: licensed users a workload needs before its adoption is judged.
    pub smb_min_assigned: u32,
    /// SMB engagement: largest organisation that counts as SMB.
    pub smb_max_employees: u32,
    /// Trials: days before the end of a trial when it is listed.
    pub trial_window_days: u32,
    /// Seed of the learners.
    #[cfg_attr(feature = "ipc-types", specta(type = u32))]
    pub seed: u64,
}

impl Default for OpportunitySettings {
    fn default() -> Self {
        Self {
            high: 0.60,
            medium: 0.30,
            min_probability: 0.15,
            horizon_months: 6,
            trend_tolerance_points: 5.0,
            smb_threshold: 0.5,
            smb_min_workloads: 3,
            smb_min_assigned: 5,
            smb_max_employees: 299,
            trial_window_days: 30,
            seed: 7,
        }
    }
}

impl OpportunitySettings {
    /// High, Medium or Low for a probability.
    pub fn status(&self, probability: f64) -> ProbabilityStatus {
        if probability >= self.high {
            ProbabilityStatus::High
        } else if probability >= self.medium {
            ProbabilityStatus::Medium
        } else {
            ProbabilityStatus::Low
        }
    }

    /// Checks the values make sense together.
    pub fn validate(&self) -> Result<()> {
        let unit = |x: f64| (0.0..=1.0).contains(&x);
        if !(unit(self.high) && unit(self.medium) && self.medium <= self.high) {
            return Err(EngineError::InvalidInput(format!(
                "probability thresholds must satisfy 0 ≤ Medium ({}) ≤ High ({}) ≤ 1",
                self.medium, self.high
            )));
        }
        if !unit(self.smb_threshold) || !unit(self.min_probability) {
            return Err(EngineError::InvalidInput(
                "the SMB adoption threshold and the minimum probability are shares between 0 and 1"
                    .into(),
            ));
        }
        if self.horizon_months == 0 || self.smb_min_workloads == 0 || self.smb_min_workloads > 5 {
            return Err(EngineError::InvalidInput(
                "the horizon is at least one month and SMB engagement needs 1 to 5 workloads"
                    .into(),
            ));
        }
        Ok(())
    }

    /// The workspace's settings (defaults until changed).
    pub async fn load(ws: &Workspace) -> Result<Self> {
        match meta::get(ws.pool(), META_KEY).await? {
            Some(text) => serde_json::from_str(&text).map_err(|e| {
                EngineError::InvalidInput(format!("stored opportunity settings: {e}"))
            }),
            None => Ok(Self::default()),
        }
    }

    /// Stores the settings after checking them.
    pub async fn save(&self, ws: &Workspace) -> Result<()> {
        self.validate()?;
        let text = serde_json::to_string(self)
            .map_err(|e| EngineError::InvalidInput(format!("settings: {e}")))?;
        let mut tx = ws.begin().await?;
        meta::set(&mut tx, META_KEY, &text).await?;
        tx.commit()
            .await
            .map_err(partner_advisor_store::StoreError::from)?;
        Ok(())
    }
}
