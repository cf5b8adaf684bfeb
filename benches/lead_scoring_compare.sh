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
venv="${XDG_CACHE_HOME:-$HOME/.cache}/partner-advisor/bench-venv"
out="${LEAD_SCORING_BENCH_OUT:-$root/target/lead-scoring-bench}"
python="${PYTHON:-python3}"

if [ ! -x "$venv/bin/python" ]; then
    mkdir -p "$(dirname "$venv")"
    if ! "$python" -m venv "$venv"; then
        rm -rf "$venv"
        if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
            apt-get install -y python3-venv || { apt-get update && apt-get install -y python3-venv; }
            "$python" -m venv "$venv"
        else
            echo "python3 -m venv failed: install python3-venv (apt) and run again" >&2
            exit 1
        fi
    fi
fi

# Pinned: the newest releases at the time of writing for Python >= 3.11, and the last ones that
# still support 3.9/3.10 otherwise.
if "$venv/bin/python" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)'; then
    pins=(lightgbm==4.7.0 scikit-learn==1.9.1 pandas==3.1.1 numpy==2.4.6)
else
    pins=(lightgbm==4.6.0 scikit-learn==1.6.1 pandas==2.2.3 numpy==2.0.2)
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check "${pins[@]}"
echo "Python $("$venv/bin/python" -c 'import platform; print(platform.python_version())'):" \
    $("$venv/bin/python" -m pip freeze --disable-pip-version-check |
        grep -iE '^(lightgbm|scikit-learn|pandas|numpy|scipy)==' | tr '\n' ' ')

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
