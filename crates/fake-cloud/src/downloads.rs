//! Graph's pre-authenticated report downloads: a report call answers 302 to a link that needs
//! no token and works for a few minutes only.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use crate::usage_csv::Window;

/// What a download link serves.
#[derive(Debug, Clone)]
pub(crate) struct Download {
    /// The tenant whose report it is.
    pub tenant: String,
    /// The Graph function.
    pub function: String,
    /// Period or day.
    pub window: Window,
    created: Instant,
}

/// Why a download link does not serve.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unavailable {
    /// Never handed out.
    Unknown,
    /// Handed out too long ago.
    Expired,
}

/// The links handed out.
#[derive(Debug, Default)]
pub(crate) struct Downloads {
    links: HashMap<String, Download>,
}

impl Downloads {
    /// Hands out a link name (`<random>.csv`) for a report.
    pub fn create(
        &mut self,
        tenant: &str,
        function: &str,
        window: Window,
        lifetime: Duration,
    ) -> String {
        let now = Instant::now();
        // Links die after `lifetime`: forget them a while later, so the map stays small.
        self.links
            .retain(|_, d| now.duration_since(d.created) < lifetime * 2 + Duration::from_secs(60));
        let name = format!("{}.csv", crate::ids::random_hex(16));
        self.links.insert(
            name.clone(),
            Download {
                tenant: tenant.to_owned(),
                function: function.to_owned(),
                window,
                created: now,
            },
        );
        name
    }

    /// What `name` serves, if it is still valid.
    pub fn get(&self, name: &str, lifetime: Duration) -> Result<Download, Unavailable> {
        let d = self.links.get(name).ok_or(Unavailable::Unknown)?;
        if d.created.elapsed() >= lifetime {
            return Err(Unavailable::Expired);
        }
        Ok(d.clone())
    }
}
