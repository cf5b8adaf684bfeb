//! Integration tests of the engine's use cases on real encrypted workspaces (passphrase mode, so
//! they do not depend on the OS keychain). Each capability has a module of its own.

mod crm;
mod demo;
mod import;
mod lead_scoring;
mod leads;
mod opportunities;
mod propensity;

/// One machine-readable figure for `benches/run.sh` (`benches/table.py` reads these lines).
pub fn bench_line(work: &str, value: f64, unit: &str, extra: serde_json::Value) {
    let line = serde_json::json!({
        "work": work, "who": "partner-advisor", "value": value, "unit": unit, "extra": extra,
    });
    println!("BENCH {line}");
}
