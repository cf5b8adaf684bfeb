//! The app's log: `logs/partner-advisor.log` in the data folder, and stderr.
//!
//! Logs name operations, paths and error codes. They never carry secrets: credential values and
//! passphrases are only ever held in `Zeroizing` buffers that nothing formats.

use std::path::Path;
use std::sync::Mutex;

use tracing_subscriber::fmt::writer::MakeWriterExt;
use tracing_subscriber::EnvFilter;

/// Installs the global subscriber; logging to the file is skipped if it cannot be opened.
pub fn init(data_dir: &Path) {
    let filter = EnvFilter::try_from_env("PARTNER_ADVISOR_LOG")
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tao=warn,wry=warn"));
    let dir = data_dir.join("logs");
    let file = std::fs::create_dir_all(&dir).ok().and_then(|()| {
        std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(dir.join("partner-advisor.log"))
            .ok()
    });
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(false);
    let _ = match file {
        Some(file) => builder
            .with_writer(Mutex::new(file).and(std::io::stderr))
            .try_init(),
        None => builder.with_writer(std::io::stderr).try_init(),
    };
}
