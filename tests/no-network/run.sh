#!/usr/bin/env bash
# No network: the command line and the app run in a network namespace of their own (loopback
# only), every connect() traced with strace. Only the sync commands may connect over IP, and only
# to the endpoint they were given (the local fake of Microsoft's services). Linux, as root (or
# with unprivileged user namespaces), with strace, iproute2 and Xvfb.
#
# Usage: tests/no-network/run.sh BIN_DIR   (the folder holding partner-advisor, the app and the
# fake cloud, e.g. target/debug)
set -euo pipefail
bin="$(cd "${1:?usage: $0 BIN_DIR}" && pwd)"
here="$(cd "$(dirname "$0")" && pwd)"
if [ -z "${PA_NO_NETWORK_INSIDE:-}" ]; then
  # A new network namespace first, then the keychain's private D-Bus session inside it (its
  # abstract socket belongs to the namespace it was made in).
  unshare_flags=(--net)
  [ "$(id -u)" -eq 0 ] || unshare_flags=(--user --map-root-user --net)
  exec env PA_NO_NETWORK_INSIDE=1 unshare "${unshare_flags[@]}" -- \
    "$here/../../scripts/with-keychain.sh" "$0" "$bin"
fi

ip link set lo up
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export PARTNER_ADVISOR_DATA_DIR="$work/data"
export PARTNER_ADVISOR_KEYCHAIN_SERVICE="partner-advisor-no-network-$$"
export PARTNER_ADVISOR_PASSPHRASE="no network, no leaks, please"
cli="$bin/partner-advisor"
ws="$work/ws"
samples="$here/../../../shared/testsuites/microsoft_formats/graph_usage_reports"
n=0
traced() {  # traced EXPECT_OK COMMAND...: runs under strace, one trace file per command
  local ok="$1"; shift
  n=$((n + 1))
  printf '%s\n' "$*" > "$work/trace.$n.cmd"
  if strace -f -qq -e trace=connect -o "$work/trace.$n" "$@" >"$work/out.$n" 2>&1; then status=0; else status=$?; fi
  if [ "$ok" = ok ] && [ "$status" -ne 0 ]; then
    echo "FAILED: $*"; cat "$work/out.$n"; exit 1
  fi
}

traced ok "$cli" demo --customers 60 --seed 4 --as-of 2026-10-31 --workspace "$ws"
tenant="$("$cli" opportunities export --workspace "$ws" --out "$work/o.csv" >/dev/null &&
  python3 -c 'import csv,sys; r=list(csv.DictReader(open(sys.argv[1],encoding="utf-8-sig"))); print(r[0]["Customer ID"])' "$work/o.csv")"
traced ok "$cli" import --workspace "$ws" --tenant "$tenant" --as-of 2026-11-30 "$samples/tenant-activeuserdetail.text.csv"
traced ok "$cli" workspace info --workspace "$ws"
traced ok "$cli" opportunities refresh --workspace "$ws"
traced ok "$cli" opportunities export --workspace "$ws" --out "$work/opportunities.csv"
traced ok "$cli" leads export --workspace "$ws" --out "$work/leads.csv"
traced ok "$cli" leads train --workspace "$ws" --publish
for r in renewal azure d365 m365 security surface; do
  traced ok "$cli" report generate --workspace "$ws" --report "$r" --out "$work/$r.csv"
done
printf 'Account ID,Account Name\nA1,Contoso\n' > "$work/crm.csv"
traced ok "$cli" crm match --workspace "$ws" --crm "$work/crm.csv" --out "$work/crm-out.csv"
{ echo "seats,industry,won"
  for i in $(seq 0 299); do
    echo "$((i % 50)),$(( (i * 13) % 3 )),$([ $(( (i * 7 + i / 5) % 3 )) -eq 0 ] && echo yes || echo no)"
  done; } > "$work/history.csv"
traced ok "$cli" model train --data "$work/history.csv" --target won --positive yes --out "$work/model.json"
traced ok "$cli" model evaluate --model "$work/model.json" --data "$work/history.csv" --target won --positive yes
traced ok "$cli" model score --model "$work/model.json" --data "$work/history.csv" --out "$work/scored.csv"
traced ok "$cli" credentials status
printf '%s\n' "11111111-2222-3333-4444-555555555555" | traced ok "$cli" credentials set entra-tenant-id
printf '%s\n' "66666666-7777-8888-9999-000000000000" | traced ok "$cli" credentials set entra-client-id
printf '%s\n' "a secret" | traced ok "$cli" credentials set entra-client-secret
# A sync with no network at all: offline, and no IP connection but to the address given.
traced fail "$cli" sync run --workspace "$ws" --base-url "http://127.0.0.1:9"
sync_offline=$n

# A sync against the local fake, on loopback.
"$bin/partner-advisor-fake-cloud" --port 0 --referrals 20 > "$work/fake.out" 2>&1 &
fake=$!
for _ in $(seq 1 100); do grep -q "listening on" "$work/fake.out" && break; sleep 0.1; done
fake_url="$(sed -n 's/.*listening on \(http[^ ]*\).*/\1/p' "$work/fake.out" | head -1)"
[ -n "$fake_url" ] || { echo "the fake cloud did not start"; cat "$work/fake.out"; exit 1; }
fake_port="${fake_url##*:}"; fake_port="${fake_port%%/*}"
echo "fake cloud at $fake_url"
echo "(the fake's credentials are its own defaults; the refusal below is expected)"
traced fail "$cli" sync run --workspace "$ws" --base-url "$fake_url"
sync_fake=$n
kill "$fake" 2>/dev/null || true

# The app on the demo workspace, for 20 seconds in a real (virtual) display.
export PARTNER_ADVISOR_DATA_DIR="$work/app-data"
unset PARTNER_ADVISOR_PASSPHRASE
n=$((n + 1)); app=$n
echo "$bin/partner-advisor-app" > "$work/trace.$n.cmd"
timeout --signal=TERM 20 xvfb-run -a -s "-screen 0 1280x800x24 -nolisten tcp" \
  strace -f -qq -e trace=connect -o "$work/trace.$n" "$bin/partner-advisor-app" >"$work/out.$n" 2>&1 || true

# The check itself: a connection attempt it must see.
strace -f -qq -e trace=connect -o "$work/self-check" bash -c 'exec 3<>/dev/tcp/192.0.2.1/443' 2>/dev/null || true
grep -qE 'connect\(.*sa_family=AF_INET' "$work/self-check" || { echo "strace did not see a connection attempt"; exit 1; }

# Every connect() over IP, per command.
failed=0; total=0; ip=0
for i in $(seq 1 "$n"); do
  [ -f "$work/trace.$i" ] || continue
  calls=$(grep -c 'connect(' "$work/trace.$i" || true)
  total=$((total + calls))
  inet=$(grep -E 'connect\(.*sa_family=AF_INET6?' "$work/trace.$i" || true)
  allowed=""
  if [ "$i" -eq "$sync_offline" ]; then allowed='sin_port=htons\(9\),.*inet_addr\("127\.0\.0\.1"\)'; fi
  if [ "$i" -eq "$sync_fake" ]; then allowed="sin_port=htons\\($fake_port\\),.*inet_addr\\(\"127\\.0\\.0\\.1\"\\)"; fi
  bad="$inet"
  [ -n "$allowed" ] && bad="$(printf '%s\n' "$inet" | grep -Ev "$allowed" || true)"
  ip=$((ip + $(printf '%s' "$inet" | grep -c . || true)))
  if [ -n "$bad" ]; then
    failed=1
    echo "NETWORK: $(cat "$work/trace.$i.cmd")"; printf '%s\n' "$bad" | head -5
  fi
done
grep -q 'X11-unix' "$work/trace.$app" || { echo "the app never reached the display"; cat "$work/out.$app"; exit 1; }
[ -s "$work/trace.$app" ] || { echo "the app was not traced"; cat "$work/out.$app"; exit 1; }
grep -q 'connect(' "$work/trace.$app" || { echo "the app made no connection at all (did it start?)"; cat "$work/out.$app"; exit 1; }
[ "$(grep -cE "htons\($fake_port\)" "$work/trace.$sync_fake")" -gt 0 ] || { echo "the sync never reached the fake"; exit 1; }
echo "the app's connections: $(grep -c 'connect(' "$work/trace.$app") (unix sockets: X display, D-Bus, WebKit's own processes)"
echo "$n commands traced (the app for 20 s): $total connect() calls, $ip over IP, all to the sync endpoint given"
[ "$failed" -eq 0 ] && echo "no network: ok"
exit "$failed"
