#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked gnome-keyring: the real Secret
# Service, for tests on a headless Linux machine.
#
# The keyring files live in a throwaway folder (XDG_DATA_HOME for the whole session, so a keyring
# daemon that D-Bus starts on demand uses it too), the session's daemons never hold this script's
# output open, and every daemon of the session is stopped at the end.
set -uo pipefail
keyrings="$(mktemp -d)"
KEYRINGS="$keyrings" XDG_DATA_HOME="$keyrings" dbus-run-session -- bash -c '
  printf "test-keyring-password\n" | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1 3>&- 4>&-
  for _ in $(seq 1 50); do
    if gdbus call --session --dest org.freedesktop.secrets \
        --object-path /org/freedesktop/secrets/collection/login \
        --method org.freedesktop.DBus.Properties.Get org.freedesktop.Secret.Collection Locked \
        2>/dev/null | grep -q false; then
      "$@" >&3 2>&4
      exit $?
    fi
    sleep 0.1
  done
  echo "the test keyring did not unlock" >&4
  exit 1
' bash "$@" 3>&1 4>&2 >/dev/null 2>&1
status=$?
for environ in /proc/[0-9]*/environ; do
  if { tr '\0' '\n' < "$environ"; } 2>/dev/null | grep -qx "KEYRINGS=$keyrings"; then
    pid="${environ#/proc/}"; kill "${pid%/environ}" 2>/dev/null
  fi
done
rm -rf "$keyrings"
exit $status
