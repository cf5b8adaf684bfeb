#!/usr/bin/env bash
# Builds the Linux installer (.deb; BUNDLES=deb,appimage for both) with the Tauri CLI.
#
# The root tauri.conf.json is the one source of truth. The CLI, however, wants the configuration
# beside a Cargo.toml that has a [package] (the root one is a virtual workspace manifest), so this
# script points the CLI at src-tauri (TAURI_APP_PATH) and hands it the root configuration with its
# paths rebased onto src-tauri, in a generated file that is removed afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh run
[ -d node_modules/@tauri-apps/cli ] || npm install --no-package-lock --no-audit --no-fund --loglevel=error
node scripts/rebase-tauri-config.mjs tauri.conf.json src-tauri/tauri.conf.json
trap 'rm -f src-tauri/tauri.conf.json' EXIT
TAURI_APP_PATH=src-tauri TAURI_FRONTEND_PATH=. npx tauri build --bundles "${BUNDLES:-deb}" "$@"
ls -la "${CARGO_TARGET_DIR:-target}"/release/bundle/*/
