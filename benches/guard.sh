#!/usr/bin/env bash
# The benchmark regression guard that CI runs (issue 9): a cheap subset of benches/run.sh through
# the command line. It prints each step's wall time beside the reference figure recorded in
# benches/guard.expected and their ratio, and fails only if a RESULT changes (the SHA-256 of a
# report, an export, a model file or its scores), never because a machine is slow.
#
#   benches/guard.sh BIN_DIR            # e.g. target/debug (CI) or target/release
#   benches/guard.sh BIN_DIR --update   # after an intended change of results: rewrite the digests
#                                       # and reference figures, then commit benches/guard.expected
#
# Deterministic inputs: the demo of 300 customers (seed 42, as of 2026-10-31); everything the
# steps write is derived from it. The lead export is left out on purpose: its statuses follow
# the wall clock (leads expire), so its digest would change by the day, not by the code.
set -euo pipefail

bin_dir="$(cd "${1:?usage: benches/guard.sh BIN_DIR [--update]}" && pwd)"
update="${2:-}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
expected="$root/benches/guard.expected"
cli="$bin_dir/partner-advisor"
work="$(mktemp -d "${TMPDIR:-/tmp}/partner-advisor-guard.XXXXXX")"
trap 'rm -rf "$work"' EXIT
export PARTNER_ADVISOR_PASSPHRASE="guard-passphrase-not-a-secret"
ws="$work/ws"

figures=()   # "step seconds"
digests=()   # "name sha256"
step() {  # step NAME COMMAND...: runs and times it; its output goes to $work/NAME.log
  local name="$1"; shift
  local started ended
  started=$(date +%s.%N)
  if ! "$@" </dev/null >"$work/$name.log" 2>&1; then
    cat "$work/$name.log" >&2
    echo "guard: step $name failed" >&2
    exit 1
  fi
  ended=$(date +%s.%N)
  figures+=("$name $(awk -v a="$ended" -v b="$started" 'BEGIN { printf "%.3f", a - b }')")
}
digest() {  # digest NAME FILE
  digests+=("$1 $(sha256sum "$2" | cut -d' ' -f1)")
}

step demo "$cli" demo --workspace "$ws" --customers 300 --seed 42 --as-of 2026-10-31
step reports_six "$cli" report generate --workspace "$ws" --report all --out "$work/reports"
for r in renewal azure d365 m365 security surface; do digest "report_$r" "$work/reports/$r.csv"; done
step opportunity_refresh "$cli" opportunities refresh --workspace "$ws"
step opportunity_export "$cli" opportunities export --workspace "$ws" --out "$work/opportunities.csv"
digest opportunity_export "$work/opportunities.csv"
# The learner on the M365 report: does a customer buy Azure, from everything else it shows.
step model_train "$cli" model train --data "$work/reports/m365.csv" --target "Has Azure" \
  --positive Yes --seed 7 --out "$work/model.json"
digest model_file "$work/model.json"
step model_score "$cli" model score --model "$work/model.json" --data "$work/reports/m365.csv" \
  --out "$work/scored.csv"
digest model_scores "$work/scored.csv"

if [ "$update" = "--update" ]; then
  {
    echo "# benches/guard.sh: the results (SHA-256) every run must reproduce, and reference"
    echo "# figures (seconds, $(basename "$bin_dir") build, $(date -u +%Y-%m-%d)) printed beside each run's own."
    for d in "${digests[@]}"; do echo "digest $d"; done
    for f in "${figures[@]}"; do echo "seconds $f"; done
  } >"$expected"
  echo "guard: wrote $expected"
fi

echo "step                  seconds  reference  ratio"
for f in "${figures[@]}"; do
  read -r name secs <<<"$f"
  ref=$(awk -v n="$name" '$1 == "seconds" && $2 == n { print $3 }' "$expected" 2>/dev/null)
  if [ -n "$ref" ]; then
    printf '%-20s %9.2f %10.2f %5.2fx\n' "$name" "$secs" "$ref" "$(awk -v a="$secs" -v b="$ref" 'BEGIN { print a / b }')"
  else
    printf '%-20s %9.2f %10s\n' "$name" "$secs" "-"
  fi
done

changed=0
for d in "${digests[@]}"; do
  read -r name sum <<<"$d"
  want=$(awk -v n="$name" '$1 == "digest" && $2 == n { print $3 }' "$expected" 2>/dev/null)
  if [ -z "$want" ]; then
    echo "guard: no recorded digest for $name (run with --update and commit benches/guard.expected)" >&2
    changed=1
  elif [ "$want" != "$sum" ]; then
    echo "guard: $name CHANGED: $sum, recorded $want" >&2
    changed=1
  fi
done
if [ "$changed" -ne 0 ]; then
  echo "guard: a result changed; if that is intended, run benches/guard.sh $1 --update and commit" >&2
  exit 1
fi
echo "guard: all ${#digests[@]} results identical to benches/guard.expected"
