#!/usr/bin/env bash
# Runs every test of Partner Advisor: formatting and lints, Rust unit and integration tests
# (real SQLCipher files, the real Secret Service keychain), UI tests in headless Chromium, and the
# end-to-end tests of the real app window under Xvfb (tauri-driver + WebKitWebDriver).
# Installs what is missing first (Debian/Ubuntu). Prints one closing "N passed, N failed" line.
set -uo pipefail
cd "$(dirname "$0")/.."
# No step reads standard input; cargo's rustc probe does, and caches what it read (a CI runner's
# stdin once poisoned target/.rustc_info.json until the file was deleted).
exec </dev/null
scripts/setup.sh test || exit 1
export CARGO_TERM_COLOR=never
target_dir="${CARGO_TARGET_DIR:-$PWD/target}"
passed=0; failed=0; failures=()
step() {  # step NAME COMMAND...
  local name="$1"; shift
  local started=$SECONDS
  echo "::: $name"
  if "$@"; then passed=$((passed + 1)); echo "::: $name: ok ($((SECONDS - started)) s)"
  else failed=$((failed + 1)); failures+=("$name"); echo "::: $name: FAILED ($((SECONDS - started)) s)"; fi
}
with_keychain() { scripts/with-keychain.sh "$@"; }  # the real Secret Service, unlocked

step "cargo fmt" cargo fmt --all --check
step "ui typecheck" npm --prefix ui run --silent typecheck
step "ui lint" npm --prefix ui run --silent lint
step "ui build" npm --prefix ui run --silent build
step "cargo clippy" cargo clippy --workspace --all-targets --locked -- -D warnings
step "cargo test (build)" cargo test --workspace --locked --no-run
step "cargo test" with_keychain cargo test --workspace --locked --no-fail-fast
step "ui tests (Chromium)" npm --prefix ui test --silent
step "cargo build app" cargo build -p partner-advisor-app -p partner-advisor-fake-cloud -p partner-advisor-cli --locked
step "benchmark guard (results unchanged; figures printed)" benches/guard.sh "$target_dir/debug"
step "end-to-end (real window)" with_keychain node tests/e2e/run.mjs "$target_dir/debug/partner-advisor-app"
if [ "$(uname)" = Linux ]; then
  step "no network (strace, own network namespace)" tests/no-network/run.sh "$target_dir/debug"
fi

echo
[ ${#failures[@]} -eq 0 ] || echo "failed steps: ${failures[*]}"
echo "steps: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
