#!/usr/bin/env bash
# Propensity reports benchmark (issue 6, "Benchmarks"): the six CloudAscent reports written by the
# release CLI (`partner-advisor report generate`) for a demo workspace of N customers — wall time,
# peak RSS (/usr/bin/time -v) and MB/s (output bytes / wall time) — and, in the same run, the same
# pipeline in polars: read the customers CSV, compute the bands (75/55/30) and the clusters through
# the default 4×4 map (SPEC §6.1), write the six CSVs. One table against the SPEC §11 budget.
#
#   benches/propensity_reports.sh [N ...]        # default: 10000 100000
#
# 1,000,000 is `benches/propensity_reports.sh 10000 1000000`, but its demo workspace alone took
# ~94 min and ~32 GB by extrapolation on the 2-core CI machine (100,000: 565 s, 3.2 GB), so the
# default stops at 100,000 and the table extrapolates to the 1M budget.
#
# The demo workspace of each N is generated once and cached under
# ${PROPENSITY_BENCH_OUT:-target/propensity-bench}/ws-N (delete it to regenerate); the demo's own
# generation time is printed the first time. Python packages go into a venv under
# ${XDG_CACHE_HOME:-$HOME/.cache}/partner-advisor/bench-venv (never into the system Python).
# The workspaces are passphrase workspaces (PARTNER_ADVISOR_PASSPHRASE, a fixed bench value unless
# set), so no OS keychain is needed.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${PROPENSITY_BENCH_OUT:-$root/target/propensity-bench}"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000)
reports=(renewal azure d365 m365 security surface)
as_of="${PROPENSITY_BENCH_AS_OF:-2026-10-31}"
export PARTNER_ADVISOR_PASSPHRASE="${PARTNER_ADVISOR_PASSPHRASE:-propensity-bench-passphrase}"

source "$root/benches/venv.sh"
bench_require_time
bench_require_venv
venv="$bench_venv"

(cd "$root" && cargo build --release -p partner-advisor-cli)
bin="$root/target/release/partner-advisor"

mkdir -p "$out"
for n in "${sizes[@]}"; do
    ws="$out/ws-$n"
    bench_demo_workspace "$bin" "$ws" "$n" "$as_of" "$out/time-demo-$n.txt"
    run="$out/run-$n"
    rm -rf "$run"
    mkdir -p "$run/engine" "$run/polars"
    for r in "${reports[@]}"; do
        /usr/bin/time -v -o "$run/time-$r.txt" \
            "$bin" report generate --workspace "$ws" --report "$r" --out "$run/engine/$r.csv" \
            </dev/null >"$run/cli-$r.txt" 2>&1 || { cat "$run/cli-$r.txt" >&2; exit 1; }
    done
    # The six in one process and one scoring pass (`--report all`), as a scheduled batch would.
    /usr/bin/time -v -o "$run/time-all.txt" \
        "$bin" report generate --workspace "$ws" --report all --out "$run/engine-all" \
        </dev/null >"$run/cli-all.txt" 2>&1 || { cat "$run/cli-all.txt" >&2; exit 1; }
    # The polars input: one customers CSV with every column of the six reports but the clusters
    # (firmographics, plays, fit and intent of each area, flags), built from the engine's files
    # (not timed), then the timed polars run in its own process for its peak RSS.
    "$venv/bin/python" "$root/benches/propensity_reports.py" prepare "$run"
    /usr/bin/time -v -o "$run/time-polars.txt" \
        "$venv/bin/python" "$root/benches/propensity_reports.py" polars "$run" \
        >"$run/polars.txt"
    "$venv/bin/python" "$root/benches/propensity_reports.py" check "$run"
done

"$venv/bin/python" "$root/benches/propensity_reports.py" table "$out" "${sizes[@]}"
