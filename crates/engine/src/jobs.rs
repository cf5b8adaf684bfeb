//! Long jobs: progress reporting and cooperative cancellation.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use crate::{EngineError, Result};

/// A step of a long job: `done` out of `total` units of the named stage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// Machine-readable stage name (the UI translates it), e.g. `demo.customers`.
    pub stage: &'static str,
    /// Units done.
    pub done: u64,
    /// Units in all.
    pub total: u64,
}

/// Where a job reports its progress.
pub trait Progress: Send + Sync {
    /// Called at each step; must return quickly.
    fn report(&self, step: Step);
}

/// Progress nobody watches.
#[derive(Debug, Default, Clone, Copy)]
pub struct NoProgress;

impl Progress for NoProgress {
    fn report(&self, _: Step) {}
}

impl<F: Fn(Step) + Send + Sync> Progress for F {
    fn report(&self, step: Step) {
        self(step)
    }
}

/// A flag a job polls between units of work; cancelling is cooperative and prompt.
#[derive(Debug, Clone, Default)]
pub struct CancelToken(Arc<AtomicBool>);

impl CancelToken {
    /// A token that is not cancelled.
    pub fn new() -> Self {
        Self::default()
    }

    /// Asks the job to stop.
    pub fn cancel(&self) {
        self.0.store(true, Ordering::SeqCst);
    }

    /// Whether cancellation was asked.
    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }

    /// `Err(Cancelled)` once cancellation was asked.
    pub fn check(&self) -> Result<()> {
        if self.is_cancelled() {
            Err(EngineError::Cancelled)
        } else {
            Ok(())
        }
    }
}
