#!/usr/bin/env bash
# Installs what building, running and testing Partner Advisor needs, and only what is missing.
# Debian/Ubuntu: apt packages (with sudo when not root), tauri-driver, npm packages.
# macOS: says exactly what is missing (Xcode command line tools, Rust, Node.js).
# Usage: scripts/setup.sh [run|test]   (test adds the packages of the end-to-end tests)
set -euo pipefail
cd "$(dirname "$0")/.."
purpose="${1:-run}"

missing_tools=()
command -v cargo >/dev/null 2>&1 || missing_tools+=("Rust (cargo): https://rustup.rs, then 'rustup default stable'")
command -v node >/dev/null 2>&1 || missing_tools+=("Node.js 20.19 or newer with npm: https://nodejs.org")

case "$(uname -s)" in
  Linux)
    if [ -r /etc/debian_version ]; then
      packages=(libwebkit2gtk-4.1-dev build-essential pkg-config libssl-dev libdbus-1-dev librsvg2-dev
                file xdg-utils)
      if [ "$purpose" = test ]; then
        packages+=(xvfb xauth webkit2gtk-driver dbus-x11 gnome-keyring libsecret-tools chromium
                   fonts-dejavu-core strace iproute2 util-linux)
      fi
      need=()
      for p in "${packages[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || need+=("$p")
      done
      if [ ${#need[@]} -gt 0 ]; then
        sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
        echo "Installing system packages: ${need[*]}"
        $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
        $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
      fi
    else
      echo "Not Debian/Ubuntu: install the WebKitGTK 4.1 development packages, OpenSSL, D-Bus and pkg-config"
      echo "(see https://v2.tauri.app/start/prerequisites/) if the build below fails."
    fi
    ;;
  Darwin)
    xcode-select -p >/dev/null 2>&1 || missing_tools+=("Xcode command line tools: xcode-select --install")
    ;;
esac

if [ ${#missing_tools[@]} -gt 0 ]; then
  echo "Partner Advisor needs these first:" >&2
  printf '  - %s\n' "${missing_tools[@]}" >&2
  exit 1
fi

if [ "$purpose" = test ] && [ "$(uname -s)" = Linux ] && ! command -v tauri-driver >/dev/null 2>&1; then
  echo "Installing tauri-driver (end-to-end tests of the real window)"
  cargo install tauri-driver --locked --version 2.1.0 --quiet
fi

install_npm() {  # $1 = folder with package-lock.json
  local stamp="$1/node_modules/.package-lock.json"
  if [ ! -f "$stamp" ] || [ "$1/package-lock.json" -nt "$stamp" ]; then
    echo "Installing npm packages in $1"
    (cd "$1" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}
install_npm ui
# The root holds only tooling (Tauri CLI, WebdriverIO), pinned exactly in package.json. npm's lock
# file for it drops the CLI's per-platform optional packages, so it is installed without one.
if [ "$purpose" = test ] && [ ! -d node_modules/webdriverio ]; then
  echo "Installing npm packages in ."
  npm install --no-package-lock --no-audit --no-fund --loglevel=error
fi
exit 0
