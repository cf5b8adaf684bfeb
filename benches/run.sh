#!/usr/bin/env bash
# The SPEC §11 benchmark: our pipelines and the peers' (polars, pandas, LightGBM, scikit-learn) in
# the same run, on the same data, one table at the end (BENCHMARKS.md says what each row times).
#
#   benches/run.sh [--runs K] [--quick] [--before OLD/table.json]
#
#   --runs K    runs of every measurement (default 3; the table prints their median and spread)
#   --quick     a try-out: the 100,000-customer file instead of 1,000,000, one run unless --runs
#   --before F  a table.json of an earlier run: the table gets a "before" column
#
# Everything goes to ${BENCH_OUT:-target/bench}: the demo workspace of ${BENCH_CUSTOMERS:-10000}
# customers (cached in ws-N: delete it to regenerate), the 1M-customer file (rebuilt when the
# engine's reports change), figures.txt (every measurement's output, its BENCH lines the
# figures), table.md and table.json. BENCH_INSTALLER=1 builds the .deb for the installer row
# (else the xz-compressed release binary stands in, labelled so). Each measurement that fails
# is reported and the run goes on: its row says "not measured"; the exit status is then 1.
# BENCH_NO_CARGO=1 uses the binaries already built and skips the cargo benches.
# Needs ~8 GB of free disk and ~6 GB of free memory at 1M customers (pandas holds the file).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

runs=""
quick=0
before=""
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) runs="$2"; shift 2 ;;
        --runs=*) runs="${1#--runs=}"; shift ;;
        --quick) quick=1; shift ;;
        --before) before="$2"; shift 2 ;;
        --before=*) before="${1#--before=}"; shift ;;
        -h|--help) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
    esac
done
if [ "$quick" = 1 ]; then
    rows=100000; big_name=customers_100k.csv; runs="${runs:-1}"
else
    rows=1000000; big_name=customers_1m.csv; runs="${runs:-3}"
fi
case "$runs" in ''|*[!0-9]*|0) echo "--runs takes a positive number" >&2; exit 2 ;; esac

out="$(mkdir -p "${BENCH_OUT:-$root/target/bench}" && cd "${BENCH_OUT:-$root/target/bench}" && pwd)"
customers="${BENCH_CUSTOMERS:-10000}"
as_of="${BENCH_AS_OF:-2026-10-31}"
export PARTNER_ADVISOR_PASSPHRASE="${PARTNER_ADVISOR_PASSPHRASE:-propensity-bench-passphrase}"
figures="$out/figures.txt"
big="$out/$big_name"
bin="$root/target/release/partner-advisor"
app="$root/target/release/partner-advisor-app"
failed=()
app_stale=0

source "$root/benches/venv.sh"
bench_require_time
py="$bench_python"

# A heading in the figures file (table.py reads only BENCH lines), with how busy the machine is:
# figures taken on a loaded machine mean little.
section() {
    printf '\n== %s (load %s)\n' "$*" "$(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$figures"
}
# measure NAME CMD...: runs CMD, its output into figures.txt; a failure is noted, not fatal.
measure() {
    local name="$1"; shift
    section "$name"
    if ! "$@" </dev/null 2>&1 | tee -a "$figures"; then
        echo "FAILED: $name (its rows will say 'not measured')" | tee -a "$figures"
        failed+=("$name")
    fi
}

{
    echo "# benches/run.sh $(date -u +%Y-%m-%dT%H:%M:%SZ): commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . 2>/dev/null || echo ' (with uncommitted changes)'), $(nproc) CPUs, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo)"
    echo "# runs $runs, demo workspace of $customers customers, $(basename "$big") ($rows rows)"
} | tee "$figures"
bench_require_venv | tee -a "$figures"

# BENCH_NO_CARGO=1 runs with the binaries already built and skips the cargo benches (their rows
# say "not measured"): for working on the Python side without a 2-core build.
cargo_ok() {
    [ "${BENCH_NO_CARGO:-0}" != 1 ] && return 0
    echo "not measured: BENCH_NO_CARGO=1"
    return 1
}
if [ "${BENCH_NO_CARGO:-0}" != 1 ]; then
    section "cargo build --release -p partner-advisor-cli"
    cargo build --release -p partner-advisor-cli </dev/null
    # The app's rows need its current release binary: a stale one is not measured.
    measure "cargo build --release -p partner-advisor-app" cargo build --release -p partner-advisor-app
    [ ${#failed[@]} = 0 ] || app_stale=1
fi

# --- Data -----------------------------------------------------------------------------------
ws="$out/ws-$customers"
bench_demo_workspace "$bin" "$ws" "$customers" "$as_of" "$out/time-demo-$customers.txt"
reports="$out/reports-$customers"
section "the engine's six reports of the demo, and the customers file built from them"
rm -rf "$reports"
mkdir -p "$reports"
"$bin" report generate --workspace "$ws" --report all --out "$reports/engine" </dev/null
"$py" benches/propensity_reports.py prepare "$reports"
# The tiled file takes a while at 1M rows: rebuilt only when the engine's customers changed.
stamp="$(sha256sum "$reports/customers.csv" | cut -d' ' -f1) $rows"
if [ ! -f "$big" ] || [ "$(cat "$big.source" 2>/dev/null)" != "$stamp" ]; then
    "$py" benches/customers_1m.py "$reports" "$big" --rows "$rows" | tee -a "$figures"
    echo "$stamp" >"$big.source"
else
    echo "$big: up to date ($(du -m "$big" | cut -f1) MB)" | tee -a "$figures"
fi

# --- Ours -----------------------------------------------------------------------------------
# The six reports of the cached demo, each run a fresh process timed by GNU time (wall, peak
# RSS). A demo of 1M customers takes hours to generate, so the figure is the measured wall scaled
# linearly to 1M customers, flagged as such (measured_customers).
ours_reports() {
    local k
    for k in $(seq 0 $((runs - 1))); do
        /usr/bin/time -v -o "$out/time-reports-$k.txt" \
            "$bin" report generate --workspace "$ws" --report all --out "$reports/engine" \
            </dev/null >/dev/null || return 1
        "$py" - "$out/time-reports-$k.txt" "$customers" "$rows" "$k" <<'PY' || return 1
import json, sys
sys.path.insert(0, "benches")
from propensity_reports import time_v
wall, peak = time_v(__import__("pathlib").Path(sys.argv[1]))
n, target, run = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
print("BENCH " + json.dumps({"work": "reports_six", "who": "partner-advisor",
      "value": wall * target / n, "unit": "s",
      "extra": {"run": run, "peak_mb": peak, "customers": target, "measured_seconds": wall,
                **({"measured_customers": n} if n != target else {})}}))
PY
    done
}
measure "ours: the six reports (partner-advisor report generate --report all)" ours_reports

ours_csv() {
    cargo_ok || return 0
    env PARTNER_ADVISOR_BENCH_CSV="$big" PARTNER_ADVISOR_BENCH_RUNS="$runs" \
        cargo bench -p partner-advisor-formats --bench csv_throughput
}
measure "ours: CSV parse and export of $(basename "$big")" ours_csv

engine_bench() {  # engine_bench TEST: one ignored bench test of the engine, alone
    cargo_ok || return 0
    env LEAD_SCORING_DUMP_DIR="$out" PARTNER_ADVISOR_BENCH_RUNS="$runs" \
        cargo test --release -p partner-advisor-engine --test engine "$1" \
        -- --ignored --nocapture --test-threads=1
}
ours_lead_scoring() {
    cargo_ok || return 0
    # The peers train on the leads this bench dumps: never on an earlier run's.
    rm -f "$out"/leads_*.csv
    engine_bench bench_lead_scoring
}
measure "ours: lead scoring (bench_lead_scoring)" ours_lead_scoring
measure "ours: opportunity refresh (bench_opportunities)" engine_bench bench_opportunities
measure "ours: leads validate + store and the 100k list (bench_leads)" engine_bench bench_leads

# --- Peers ----------------------------------------------------------------------------------
measure "peers: CSV parse of $(basename "$big")" "$py" benches/peers.py --runs "$runs" parse "$big"
measure "peers: CSV export of $(basename "$big")" \
    "$py" benches/peers.py --runs "$runs" export "$big" "$out/peers-export"
measure "peers: the six reports from $(basename "$big")" \
    "$py" benches/peers.py --runs "$runs" reports "$big" "$out/headers.json" "$out/peers-reports"
if [ -f "$out/leads_100000.csv" ]; then
    measure "peers: LightGBM on leads_100000.csv" \
        "$py" benches/peers.py --runs "$runs" lightgbm "$out/leads_100000.csv"
    measure "peers: scikit-learn on leads_100000.csv" \
        "$py" benches/peers.py --runs "$runs" sklearn "$out/leads_100000.csv"
else
    section "peers: LightGBM and scikit-learn"
    echo "not measured: $out/leads_100000.csv is missing (the engine's lead-scoring bench dumps it)" |
        tee -a "$figures"
    failed+=("peers: lead scoring")
fi

# --- The app --------------------------------------------------------------------------------
if [ -f tests/e2e/perf.mjs ] && [ -x "$app" ] && [ "$app_stale" = 0 ]; then
    measure "app: list, score after edit, cold start, idle PSS (tests/e2e/perf.mjs)" \
        scripts/with-keychain.sh node tests/e2e/perf.mjs "$app" --runs "$runs"
else
    section "app: list, score after edit, cold start, idle PSS"
    echo "not measured: tests/e2e/perf.mjs or $app is missing (or failed to build)" |
        tee -a "$figures"
fi

installer() {
    local file what
    if [ "${BENCH_INSTALLER:-0}" = 1 ]; then
        scripts/package-linux.sh >&2 || return 1
        file="$(ls -t "${CARGO_TARGET_DIR:-target}"/release/bundle/deb/*.deb | head -1)"
        what=".deb from scripts/package-linux.sh"
        stat -c %s "$file" >"$out/installer-bytes"
    else
        # Without the packaging tools, the compressed app binary stands in: most of a .deb.
        file="$app"
        what="release binary partner-advisor-app, xz -6: not the .deb (BENCH_INSTALLER=1 builds it)"
        if [ ! -x "$file" ] || [ "$app_stale" = 1 ]; then
            echo "not measured: $file is missing or failed to build"
            return 1
        fi
        xz -6 -T1 -c "$file" | wc -c >"$out/installer-bytes" || return 1
    fi
    "$py" -c 'import json, sys
print("BENCH " + json.dumps({"work": "installer", "who": "partner-advisor",
      "value": int(open(sys.argv[1]).read()) / 1e6, "unit": "MB",
      "extra": {"what": sys.argv[2], "file": sys.argv[3]}}))' "$out/installer-bytes" "$what" "$file"
}
measure "ours: installer size" installer

# --- The table ------------------------------------------------------------------------------
section "table"
table_args=("$figures" --json "$out/table.json")
[ -z "$before" ] || table_args+=(--before "$before")
"$py" benches/table.py "${table_args[@]}" | tee "$out/table.md"
echo
echo "figures: $figures; table: $out/table.md, $out/table.json"
if [ ${#failed[@]} -gt 0 ]; then
    printf 'failed (rows not measured): %s\n' "${failed[@]}" >&2
    exit 1
fi
