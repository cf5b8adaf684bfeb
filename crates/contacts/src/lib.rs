//! Offline contact validation for leads (work in progress).
