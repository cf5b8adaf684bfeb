//! Security posture signals of a tenant.

use serde::{Deserialize, Serialize};

/// What is known about a tenant's security posture as of a snapshot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecuritySignals {
    /// The customer's tenant ID.
    pub tenant_id: String,
    /// Users registered for multifactor authentication.
    pub mfa_registered_users: u32,
    /// Whether MFA is enforced (security defaults or conditional access).
    pub mfa_enforced: bool,
    /// Microsoft Defender for Office 365 present.
    pub defender_for_office: bool,
    /// Microsoft Defender for Business present.
    pub defender_for_business: bool,
    /// Microsoft Defender for Endpoint present.
    pub defender_for_endpoint: bool,
    /// Managed devices.
    pub device_count: u32,
}
