//! Writes the generated demo into an open workspace. (Being written.)

use partner_advisor_store::Workspace;

use super::{DemoConfig, DemoStats};
use crate::jobs::{CancelToken, Progress};
use crate::Result;

/// Generates the demo described by `config` into `ws`.
pub async fn populate(
    _ws: &Workspace,
    _config: &DemoConfig,
    _progress: &dyn Progress,
    _cancel: &CancelToken,
) -> Result<DemoStats> {
    Ok(DemoStats::default())
}
