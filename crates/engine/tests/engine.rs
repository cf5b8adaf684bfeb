//! Integration tests of the engine's use cases on real encrypted workspaces (passphrase mode, so
//! they do not depend on the OS keychain). Each capability has a module of its own.

mod crm;
mod demo;
mod import;
mod lead_scoring;
mod leads;
mod opportunities;
mod propensity;
