#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked gnome-keyring: the real Secret
# Service, for tests on a headless Linux machine. Build before calling this: the session's keyring
# is meant for the seconds the tests run, not for a long compilation.
set -euo pipefail
exec dbus-run-session -- bash -c '
  printf "test-keyring-password\n" | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1
  for _ in $(seq 1 50); do
    if gdbus call --session --dest org.freedesktop.secrets \
        --object-path /org/freedesktop/secrets/collection/login \
        --method org.freedesktop.DBus.Properties.Get org.freedesktop.Secret.Collection Locked \
        2>/dev/null | grep -q false; then
      exec "$@"
    fi
    sleep 0.1
  done
  echo "the test keyring did not unlock" >&2
  exit 1
' bash "$@"
