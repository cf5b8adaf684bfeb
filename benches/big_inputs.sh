#!/usr/bin/env bash
# Big inputs: a 1 GB Microsoft 365 active user detail report (4.2 million users) and a
# 1,000,000-lead Partner Center leads export, each imported with the command line into a copy of
# a demo workspace; prints the time and the peak memory of each import (the binary reports its
# own peak with PARTNER_ADVISOR_PEAK_MEMORY=1). Needs about 3 GB of free disk and 8 GB of memory.
#
# Usage: benches/big_inputs.sh [BIN]   (default: target/release/partner-advisor, built if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${1:-target/release/partner-advisor}"
[ -x "$bin" ] || cargo build --release -p partner-advisor-cli
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export PARTNER_ADVISOR_DATA_DIR="$work/data" PARTNER_ADVISOR_PASSPHRASE="big inputs, bounded memory"
export PARTNER_ADVISOR_PEAK_MEMORY=1
"$bin" demo --customers 60 --seed 7 --as-of 2026-10-31 --workspace "$work/base" >/dev/null
"$bin" opportunities export --workspace "$work/base" --out "$work/o.csv" >/dev/null
"$bin" leads export --workspace "$work/base" --out "$work/leads.csv" >/dev/null
python3 - "$work" <<'PY'
import csv, sys, uuid
work = sys.argv[1]
header = ("Report Refresh Date,User Principal Name,Display Name,Is Deleted,Deleted Date,"
  "Has Exchange License,Has OneDrive License,Has SharePoint License,Has Skype For Business License,"
  "Has Yammer License,Has Teams License,Exchange Last Activity Date,OneDrive Last Activity Date,"
  "SharePoint Last Activity Date,Skype For Business Last Activity Date,Yammer Last Activity Date,"
  "Teams Last Activity Date,Exchange License Assign Date,OneDrive License Assign Date,"
  "SharePoint License Assign Date,Skype For Business License Assign Date,Yammer License Assign Date,"
  "Teams License Assign Date,Assigned Products\n")
with open(f"{work}/usage-1gb.csv", "w") as f:
    f.write(header); size = len(header); i = 0
    while size < 1024 ** 3:
        row = (f"2026-11-28,user{i:09d}@contoso-big.onmicrosoft.com,User Number {i:09d},False,,True,"
               f"True,True,False,False,True,2026-11-{1 + i % 27:02d},2026-10-12,2026-09-30,,,2026-11-20,"
               "2021-01-10,2021-01-10,2021-01-10,,,2021-01-10,"
               "MICROSOFT 365 BUSINESS STANDARD+MICROSOFT 365 E3\n")
        f.write(row); size += len(row); i += 1
rows = list(csv.reader(open(f"{work}/leads.csv", encoding="utf-8-sig")))
head, data = rows[0], rows[1:]
lead, engagement = head.index("LeadId"), head.index("EngagementId")
with open(f"{work}/leads-1m.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f); w.writerow(head)
    for i in range(1_000_000):
        r = list(data[i % len(data)])
        r[lead] = str(uuid.UUID(int=i + 1)); r[engagement] = str(uuid.UUID(int=10 ** 12 + i))
        w.writerow(r)
PY
tenant="$(python3 -c 'import csv,sys; print(next(csv.DictReader(open(sys.argv[1],encoding="utf-8-sig")))["Customer ID"])' "$work/o.csv")"
run() {  # run NAME FILE ARGS...
  local name="$1" file="$2"; shift 2
  rm -rf "$work/ws"; cp -r "$work/base" "$work/ws"
  local started=$SECONDS
  local out; out="$("$bin" import --workspace "$work/ws" "$@" "$file" 2>&1)"
  local peak; peak="$(printf '%s\n' "$out" | sed -n 's/^peak memory: //p')"
  printf '%-34s %8s MB  %6s s  peak memory %s\n' "$name" "$(( $(stat -c %s "$file") / 1000000 ))" \
    "$((SECONDS - started))" "$peak"
}
run "usage report (4.2 million users)" "$work/usage-1gb.csv" --tenant "$tenant" --as-of 2026-11-30
run "leads export (1,000,000 leads)" "$work/leads-1m.csv"
