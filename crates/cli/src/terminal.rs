//! The terminal side of long jobs: a progress bar on a terminal, silence when piped, Ctrl-C.

use std::sync::Mutex;

use partner_advisor_engine::jobs::{CancelToken, Progress, Step};

/// A progress bar drawn on stderr when it is a terminal (indicatif hides it otherwise).
pub struct ProgressBar {
    bar: indicatif::ProgressBar,
    stage: Mutex<&'static str>,
}

impl ProgressBar {
    /// A bar with a title.
    pub fn new(title: &str) -> Self {
        let bar = indicatif::ProgressBar::new(0);
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "{prefix} {wide_bar} {pos}/{len} {msg} [{elapsed_precise}]",
        ) {
            bar.set_style(style);
        }
        bar.set_prefix(title.to_owned());
        Self {
            bar,
            stage: Mutex::new(""),
        }
    }

    /// Removes the bar.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

impl Progress for ProgressBar {
    fn report(&self, step: Step) {
        if let Ok(mut stage) = self.stage.lock() {
            if *stage != step.stage {
                *stage = step.stage;
                self.bar.set_message(step.stage);
            }
        }
        self.bar.set_length(step.total);
        self.bar.set_position(step.done);
    }
}

/// Cancels the job on the first Ctrl-C, so it can clean up instead of dying midway.
pub fn cancel_on_ctrl_c(cancel: CancelToken) {
    tokio::spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            eprintln!("\ncancelling…");
            cancel.cancel();
        }
    });
}
