//! Partner Advisor's use cases, shared by the desktop app and the command line.
//!
//! Each module is one capability seen from the user's side: [`demo`] creates the demo workspace,
//! [`workspaces`] keeps the list of workspaces and opens them, [`summary`] says what a workspace
//! holds, [`credentials`] keeps partner credentials in the OS keychain, [`settings`] keeps the
//! user's preferences, [`lead_scoring`] scores open leads with locally trained models,
//! [`propensity`] scores fit and intent per customer and solution area (CloudAscent). Long jobs
//! take a [`jobs::Progress`] sink and a [`jobs::CancelToken`].
//!
//! To add a use case: a module here that takes an open [`partner_advisor_store::Workspace`] (or
//! the registry), returns [`Result`], and knows nothing about Tauri or the terminal.

pub mod credentials;
pub mod crm;
pub mod demo;
pub mod error;
pub mod import;
pub mod jobs;
pub mod lead_scoring;
pub mod leads;
pub mod opportunities;
pub mod propensity;
pub mod settings;
pub mod summary;
pub mod sync;
pub mod workspaces;

pub use error::{EngineError, ErrorCode, Result};
