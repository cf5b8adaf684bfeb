#!/usr/bin/env bash
# Fuzzes the importers with cargo-fuzz (libFuzzer): scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
#
# SECONDS_PER_TARGET defaults to 600; the targets default to all of them (fuzz/fuzz_targets/).
# Each target's corpus lives in fuzz/corpus/<target>/ (git-ignored) and is seeded, by copying,
# from ../shared/testsuites/, the fixtures under crates/*/tests/ and fuzz/seeds/<target>/; it
# grows from run to run. Targets run one after the other, niced, and the script ends with one
# line per target: time, executions, corpus size, crashes (a crash's input is saved under
# fuzz/artifacts/<target>/, its log under fuzz/logs/<target>.log). Exit status 1 if any crashed.
#
# Environment: FUZZ_SANITIZER (default none: the crates forbid unsafe code, and without a
# sanitizer libFuzzer still reports every panic; debug assertions and overflow checks are on),
# FUZZ_NICE (default 10), FUZZ_ARGS (more libFuzzer flags, e.g. "-jobs=2 -workers=2").
#
# The machine has a stable toolchain only: RUSTC_BOOTSTRAP=1 lets it take cargo-fuzz's -Z flags.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
fuzz="$root/fuzz"
shared="$(cd "$root/.." && pwd)/shared/testsuites"
seconds="${1:-600}"
shift || true
sanitizer="${FUZZ_SANITIZER:-none}"
niceness="${FUZZ_NICE:-10}"
export RUSTC_BOOTSTRAP=1

if ! [[ "$seconds" =~ ^[0-9]+$ ]] || [ "$seconds" -lt 1 ]; then
  echo "usage: scripts/fuzz.sh [SECONDS_PER_TARGET (default 600)] [TARGET...]" >&2
  exit 2
fi

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "== installing cargo-fuzz" >&2
  cargo install cargo-fuzz --locked
fi

all_targets() {
  for f in "$fuzz"/fuzz_targets/*.rs; do basename "$f" .rs; done
}
if [ "$#" -gt 0 ]; then
  targets=("$@")
else
  mapfile -t targets < <(all_targets)
fi
for t in "${targets[@]}"; do
  if ! [ -f "$fuzz/fuzz_targets/$t.rs" ]; then
    echo "unknown target '$t' (targets: $(all_targets | tr '\n' ' '))" >&2
    exit 2
  fi
done

# The CRM account list reader is the engine's, which only crm_accounts builds: with the engine
# feature, in a target directory of its own (so the other targets are not rebuilt without it).
features_of() {
  case "$1" in
    crm_accounts) echo "--features engine --target-dir $fuzz/target/engine" ;;
    *) echo "" ;;
  esac
}

# Copies every file found under the given places (that exist) into corpus directory $1.
copy_seeds() {
  local dir="$1"
  shift
  local place
  for place in "$@"; do
    [ -e "$place" ] || continue
    find "$place" -type f -size -1024k \
      \( -name '*.csv' -o -name '*.tsv' -o -name '*.txt' -o -name '*.json' -o -name '*.jsonl' \) \
      -not -path '*/golden/*' -print0 |
      while IFS= read -r -d '' f; do
        local rel="${f#"$root"/}"
        rel="${rel#"$shared"/}"
        cp -n "$f" "$dir/seed-${rel//\//_}"
      done
  done
}

# The cases of the shared suites, one file each: CSV-core inputs, e-mail addresses, phone
# numbers (the contacts target reads its first byte as the country: a byte for each is prefixed).
split_cases() {
  local dir="$1" what="$2"
  command -v python3 >/dev/null || return 0
  python3 - "$shared" "$dir" "$what" <<'PY'
import csv, json, os, sys
shared, out, what = sys.argv[1:4]
def write(name, data):
    path = os.path.join(out, name)
    if not os.path.exists(path):
        with open(path, "wb") as f:
            f.write(data)
if what == "csv":
    path = os.path.join(shared, "csv", "rust_csv_core_cases.jsonl")
    if os.path.exists(path):
        for i, line in enumerate(open(path, encoding="utf-8")):
            case = json.loads(line)
            write(f"seed-csv-core-{i:03}", case["input"].encode("utf-8", "surrogatepass"))
elif what == "contacts":
    countries = ["", "US", "gb", "UK", "DE", "FR", "ES", "PL", "MX", "BR", "XX", "??"]
    path = os.path.join(shared, "email", "email_cases.csv")
    if os.path.exists(path):
        with open(path, encoding="utf-8", newline="") as f:
            for i, row in enumerate(csv.DictReader(f)):
                address = json.loads(row["address_json"]) if row.get("address_json") else row["address"]
                write(f"seed-email-{i:04}", bytes([0]) + address.encode("utf-8", "surrogatepass"))
    path = os.path.join(shared, "phone", "phone_cases.csv")
    if os.path.exists(path):
        with open(path, encoding="utf-8", newline="") as f:
            for i, row in enumerate(csv.DictReader(f)):
                region = row["region"].upper()
                pick = countries.index(region) if region in countries else 0
                write(f"seed-phone-{i:04}", bytes([pick]) + row["number"].encode("utf-8"))
PY
}

seed() {
  local target="$1" dir="$fuzz/corpus/$1"
  mkdir -p "$dir"
  case "$target" in
    contacts)
      split_cases "$dir" contacts
      ;;
    *)
      copy_seeds "$dir" "$shared/csv" "$shared/microsoft_formats" "$root"/crates/*/tests
      split_cases "$dir" csv
      ;;
  esac
  copy_seeds "$dir" "$fuzz/seeds/$target"
  # Hand seeds without a known extension too.
  if [ -d "$fuzz/seeds/$target" ]; then
    cp -n "$fuzz/seeds/$target"/* "$dir"/ 2>/dev/null || true
  fi
}

count_files() { find "$1" -maxdepth 1 -type f 2>/dev/null | wc -l; }

mkdir -p "$fuzz/logs"
summary="$fuzz/logs/summary.txt"
status=0
lines=()
cd "$fuzz"
for t in "${targets[@]}"; do
  seed "$t"
  # shellcheck disable=SC2046
  nice -n "$niceness" cargo fuzz build --sanitizer "$sanitizer" -O -a $(features_of "$t") "$t"
done
for t in "${targets[@]}"; do
  corpus="$fuzz/corpus/$t"
  artifacts="$fuzz/artifacts/$t"
  log="$fuzz/logs/$t.log"
  mkdir -p "$artifacts"
  before="$(find "$artifacts" -type f | sort)"
  seeds="$(count_files "$corpus")"
  echo "== $t: ${seconds}s from $seeds corpus files (log: ${log#"$root"/})" >&2
  start=$(date +%s)
  set +e
  # shellcheck disable=SC2046,SC2086
  nice -n "$niceness" cargo fuzz run --sanitizer "$sanitizer" -O -a $(features_of "$t") "$t" \
    "$corpus" -- -max_total_time="$seconds" -print_final_stats=1 -timeout=30 \
    -rss_limit_mb=2048 -max_len=65536 ${FUZZ_ARGS:-} >"$log" 2>&1
  code=$?
  set -e
  elapsed=$(($(date +%s) - start))
  execs="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)"
  rate="$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)"
  new="$(comm -13 <(echo "$before") <(find "$artifacts" -type f | sort) | sed '/^$/d')"
  crashes="$(printf '%s' "$new" | grep -c . || true)"
  if [ "$code" -ne 0 ] && [ "$crashes" -eq 0 ]; then
    crashes="?"
  fi
  line="$(printf '%-14s time=%4ss  execs=%-10s (%s/s)  corpus=%s files (from %s)  crashes=%s  exit=%s' \
    "$t" "$elapsed" "${execs:-?}" "${rate:-?}" "$(count_files "$corpus")" "$seeds" "$crashes" "$code")"
  if [ -n "$new" ]; then
    line="$line  artifacts: $(echo "$new" | sed "s|^$root/||" | tr '\n' ' ')"
  fi
  if [ "$code" -ne 0 ]; then
    status=1
  fi
  echo "$line" >&2
  echo "$(date -u +%FT%TZ) $line" >>"$summary"
  lines+=("$line")
done

echo
echo "== fuzzing summary (${seconds}s per target, sanitizer: $sanitizer)"
printf '%s\n' "${lines[@]}"
exit "$status"
