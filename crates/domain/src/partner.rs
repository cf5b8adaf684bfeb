//! The partner organisation that owns the workspace.

use serde::{Deserialize, Serialize};

/// A Microsoft partner (CSP, MSP, reseller).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Partner {
    /// The partner's global ID (formerly the MPN ID).
    pub global_id: String,
    /// The partner's legal or trading name.
    pub name: String,
}
