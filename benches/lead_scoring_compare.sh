#!/usr/bin/env bash
# Lead scoring benchmark (issue 5, "Benchmarks"): the engine's own figures (training at 10,000
# and 100,000 leads, batch scoring of 1,000,000 rows, single-lead latency), then LightGBM and
# scikit-learn trained on the very same leads with the same time split, side by side.
#
#   benches/lead_scoring_compare.sh
#
# Python packages go into a venv under ${XDG_CACHE_HOME:-$HOME/.cache}/partner-advisor/bench-venv
# (never into the system Python); the dumped CSVs and the engine's output go to
# ${LEAD_SCORING_BENCH_OUT:-target/lead-scoring-bench}. Takes several minutes: a release build
# of the engine's tests, the bench itself, and the first time a pip install.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${LEAD_SCORING_BENCH_OUT:-$root/target/lead-scoring-bench}"

source "$root/benches/venv.sh"
bench_require_venv
venv="$bench_venv"

mkdir -p "$out"
rm -f "$out"/leads_*.csv "$out/engine-bench.txt"
(
    cd "$root"
    LEAD_SCORING_DUMP_DIR="$out" cargo test --release -p partner-advisor-engine --test engine \
        bench_lead_scoring -- --ignored --nocapture
) 2>&1 | tee "$out/engine-bench.txt"

"$venv/bin/python" "$root/benches/lead_scoring_compare.py" \
    --engine-output "$out/engine-bench.txt" \
    --attributes-rs "$root/crates/engine/src/lead_scoring/attributes.rs" \
    "$out/leads_10000.csv" "$out/leads_100000.csv"
