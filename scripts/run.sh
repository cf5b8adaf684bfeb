#!/usr/bin/env bash
# Launches Partner Advisor on the bundled demo workspace (generated on the first start),
# installing whatever is missing first. Linux and macOS; on Windows use scripts/run.ps1.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh run
npm --prefix ui run build --silent
exec cargo run --release -p partner-advisor-app "$@"
