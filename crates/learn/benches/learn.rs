//! Learner benchmarks (SPEC.md §11): training on 10k and 100k rows, batch scoring at 1M rows,
//! exact contributions for 1M rows, single-row scoring latency, and the real data sets' AUCs.
//! Figures are printed, never asserted. Run with `cargo bench -p partner-advisor-learn`;
//! `LEARN_BENCH_ROWS=1000000` sets the scoring size, `LEARN_BENCH_SHAP_ROWS` the contributions
//! size (default: the same), `LEARN_BENCH_QUICK=1` a smaller run.

use std::time::Instant;

use partner_advisor_learn::{
    table::Table, train, Candidates, Dataset, Model, TrainOptions, TreeParams,
};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// 30 features: 24 numeric (some missing) and 6 categorical (3 to 40 levels); the outcome
/// depends on a dozen of them, with interactions.
fn synthetic(rows: usize, seed: u64) -> (Dataset, Vec<bool>) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut data = Dataset::new();
    let mut z = vec![0.0f64; rows];
    for f in 0..24 {
        let missing = if f % 4 == 0 { 0.1 } else { 0.0 };
        let v: Vec<f64> = (0..rows)
            .map(|_| {
                if rng.gen_bool(missing) {
                    f64::NAN
                } else {
                    rng.gen_range(-2.0..2.0)
                }
            })
            .collect();
        let w = if f < 10 {
            0.4 - f64::from(f) * 0.03
        } else {
            0.0
        };
        for (zi, &x) in z.iter_mut().zip(&v) {
            if !x.is_nan() {
                *zi += w * x;
                if f == 1 {
                    *zi += 0.5 * (x * x - 1.0);
                }
            }
        }
        data.push_numeric(&format!("num{f}"), v);
    }
    for f in 0..6 {
        let levels = [3, 5, 8, 12, 20, 40][f];
        let effects: Vec<f64> = (0..levels).map(|_| rng.gen_range(-0.6..0.6)).collect();
        let codes: Vec<usize> = (0..rows).map(|_| rng.gen_range(0..levels)).collect();
        for (zi, &c) in z.iter_mut().zip(&codes) {
            if f < 3 {
                *zi += effects[c];
            }
        }
        data.push_categorical(
            &format!("cat{f}"),
            codes.iter().map(|c| Some(format!("L{c}"))).collect(),
        );
    }
    let labels = z
        .iter()
        .map(|&zi| rng.gen_bool(1.0 / (1.0 + (1.5 - zi).exp())))
        .collect();
    (data, labels)
}

fn seconds(t: Instant) -> f64 {
    t.elapsed().as_secs_f64()
}

/// CPU seconds used by this process so far (user + system), on Linux; other machines print
/// wall-clock figures only. On a shared machine the CPU time says what the code costs.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let after = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

/// Wall and CPU time of a closure, as text.
fn timed<T>(f: impl FnOnce() -> T) -> (T, f64, String) {
    let cpu = cpu_seconds();
    let t = Instant::now();
    let out = f();
    let wall = seconds(t);
    let cpu = match (cpu, cpu_seconds()) {
        (Some(a), Some(b)) => format!("{wall:.2} s wall, {:.2} s CPU", b - a),
        _ => format!("{wall:.2} s wall"),
    };
    (out, wall, cpu)
}

fn bench_training(rows: usize) -> Model {
    let (data, labels) = synthetic(rows, 1);
    let trees_only = TrainOptions {
        candidates: Candidates::TreesOnly,
        tree_grid: vec![TreeParams::default()],
        ..TrainOptions::default()
    };
    let (model, _, time) = timed(|| train(&data, &labels, &trees_only).expect("train"));
    let v = model.validation();
    println!(
        "training, one tree model (31 leaves, depth 6, ≤300 trees, early stopping), {rows} rows × 30 features: {time}, {} trees, validation AUC {:.4}",
        v.candidates[0].trees.unwrap_or(0),
        v.candidates[0].validation_auc
    );
    let (full, _, time) = timed(|| train(&data, &labels, &TrainOptions::default()).expect("train"));
    let v = full.validation();
    println!(
        "training, full selection (3 logistic + 2 tree candidates, calibration), {rows} rows: {time}, chose {} (AUC {:.4})",
        v.chosen,
        v.metrics.roc_auc
    );
    model
}

fn main() {
    let quick = std::env::var("LEARN_BENCH_QUICK").is_ok();
    let score_rows: usize = std::env::var("LEARN_BENCH_ROWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if quick { 100_000 } else { 1_000_000 });
    println!(
        "threads available: {}",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    bench_training(10_000);
    let model = bench_training(if quick { 30_000 } else { 100_000 });

    let (data, _) = synthetic(score_rows, 2);
    let (p, s, time) = timed(|| model.predict_proba(&data).expect("score"));
    println!(
        "batch scoring, tree model, {score_rows} rows: {time}, {:.2}M rows/s (checksum {:.3})",
        score_rows as f64 / s / 1e6,
        p.iter().sum::<f64>()
    );

    let one = data.select_rows(&[7]);
    let t = Instant::now();
    let n = 1000;
    for _ in 0..n {
        let _ = model.predict_proba(&one).expect("score");
    }
    println!(
        "single-row scoring: {:.1} µs per row",
        seconds(t) / f64::from(n) * 1e6
    );

    let shap_rows: usize = std::env::var("LEARN_BENCH_SHAP_ROWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(score_rows)
        .min(score_rows);
    let shap_data = if shap_rows < score_rows {
        data.select_rows(&(0..shap_rows).collect::<Vec<_>>())
    } else {
        data
    };
    let (c, s, time) = timed(|| {
        model
            .contributions_matrix(&shap_data)
            .expect("contributions")
    });
    println!(
        "exact contributions (TreeSHAP), {shap_rows} rows: {time} ({:.1} s wall per 1M rows; first row sums to {:.6})",
        s * 1e6 / shap_rows as f64,
        c.base + c.row(0).iter().sum::<f64>()
    );

    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    for (file, target) in [("credit_data.csv", "Status"), ("lending_club.csv", "Class")] {
        let Ok(table) = Table::read(&dir.join(file)) else {
            println!("{file}: absent, skipped");
            continue;
        };
        let outcome = table.outcome(target, "bad", None).expect("outcome");
        let typed = table.infer(&[target]).expect("types");
        let rows = outcome.known_rows();
        let labels: Vec<bool> = rows
            .iter()
            .map(|&r| outcome.labels[r] == Some(true))
            .collect();
        let data = typed.dataset.select_rows(&rows);
        let t = Instant::now();
        let model = train(&data, &labels, &TrainOptions::default()).expect("train");
        let v = model.validation();
        let aucs: Vec<String> = v
            .candidates
            .iter()
            .map(|c| format!("{} {:.4}", c.name, c.validation_auc))
            .collect();
        println!(
            "{file}: {:.2} s; chose {} with validation ROC AUC {:.4} (constant score 0.5); candidates: {}",
            seconds(t),
            v.chosen,
            v.metrics.roc_auc,
            aucs.join("; ")
        );
    }
}
