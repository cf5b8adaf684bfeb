//! Events the app sends to the UI: one progress event for every long job, and one change event
//! so every open screen refreshes after a write.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use partner_advisor_engine::jobs::{Progress, Step};
use serde::{Deserialize, Serialize};
use tauri::AppHandle;
use tauri_specta::Event;

/// Progress of a long job (`job-progress`).
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, tauri_specta::Event)]
#[serde(rename_all = "camelCase")]
pub struct JobProgress {
    /// The job, to cancel it with `cancel_job`.
    pub job_id: String,
    /// Stage name, e.g. `demo.snapshots` (the UI translates it).
    pub stage: String,
    /// Units done (never NaN, so a plain number in TypeScript).
    #[specta(type = u32)]
    pub done: f64,
    /// Units in all.
    #[specta(type = u32)]
    pub total: f64,
    /// Whether this is the last event of the job.
    pub finished: bool,
}

/// Sends a job's progress to the UI, at most every 50 ms.
pub struct ProgressEmitter {
    app: AppHandle,
    job_id: String,
    last: Mutex<Option<Instant>>,
}

const MIN_INTERVAL: Duration = Duration::from_millis(50);

impl ProgressEmitter {
    /// An emitter for one job.
    pub fn new(app: AppHandle, job_id: String) -> Self {
        Self {
            app,
            job_id,
            last: Mutex::new(None),
        }
    }

    /// Tells the UI the job is over.
    pub fn finish(&self) {
        self.emit("done", 1, 1, true);
    }

    fn emit(&self, stage: &str, done: u64, total: u64, finished: bool) {
        let event = JobProgress {
            job_id: self.job_id.clone(),
            stage: stage.to_owned(),
            done: done as f64,
            total: total as f64,
            finished,
        };
        if let Err(e) = event.emit(&self.app) {
            tracing::warn!("progress event lost: {e}");
        }
    }
}

impl Progress for ProgressEmitter {
    fn report(&self, step: Step) {
        let now = Instant::now();
        let due = match self.last.lock() {
            Ok(mut last) => {
                let due = step.done >= step.total
                    || last.is_none_or(|t| now.duration_since(t) >= MIN_INTERVAL);
                if due {
                    *last = Some(now);
                }
                due
            }
            Err(_) => false,
        };
        if due {
            self.emit(step.stage, step.done, step.total, false);
        }
    }
}

/// Data of an area changed on disk (`data-changed`): screens showing it reload.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, tauri_specta::Event)]
#[serde(rename_all = "camelCase")]
pub struct DataChanged {
    /// The area: `opportunities`, `snapshots`, `leads`, `reports`, `sync`.
    pub area: String,
}

impl DataChanged {
    /// The opportunities changed.
    pub fn opportunities() -> Self {
        Self {
            area: "opportunities".into(),
        }
    }

    /// The leads changed.
    pub fn leads() -> Self {
        Self {
            area: "leads".into(),
        }
    }

    /// My reports or the report schedules changed.
    pub fn reports() -> Self {
        Self {
            area: "reports".into(),
        }
    }

    /// A sync started or ended, or the queue of lead changes for Partner Center changed.
    pub fn sync() -> Self {
        Self {
            area: "sync".into(),
        }
    }

    /// The snapshots (and what they hold) changed.
    pub fn snapshots() -> Self {
        Self {
            area: "snapshots".into(),
        }
    }

    /// Sends the event; a window that is gone is not an error.
    pub fn emit(&self, app: &AppHandle) {
        if let Err(e) = tauri_specta::Event::emit(self, app) {
            tracing::warn!("cannot send data-changed: {e}");
        }
    }
}
