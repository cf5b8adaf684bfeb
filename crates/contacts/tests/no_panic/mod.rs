//! No input makes the validators panic.
