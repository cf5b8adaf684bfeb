#!/usr/bin/env python3
"""The 1,000,000-customer data set of `benches/run.sh`, tiled from a demo workspace's reports.

    customers_1m.py RUN OUT_CSV [--rows 1000000]

RUN is a folder that `benches/propensity_reports.py prepare RUN` filled: ``customers.csv`` (one
row per customer, every column of the six reports but the clusters, as the engine wrote them)
and ``headers.json``. The demo generator cannot make a million customers in reasonable time (its
100,000 took ~9 min and 3.2 GB), so the file is tiled: copy k of every customer keeps every value
but its identity, which gets k as a suffix (CustomerID, a number, stays a number: its digits then
k's; Domain ``name-k.tld``; AccountName ``name #k``), so no two rows are the same customer.
``headers.json`` is copied beside OUT_CSV. The rows are written as they are made: memory holds
the source file, never the output.
"""

from __future__ import annotations

import argparse
import csv
import shutil
from pathlib import Path


def suffixed(row: list[str], k: int, width: int, at: dict[str, int]) -> list[str]:
    row = list(row)
    i = at.get("CustomerID")
    if i is not None and row[i]:  # customers without a TPID stay without one
        row[i] = f"{row[i]}{k:0{width}d}"
    i = at.get("Domain")
    if i is not None and row[i]:
        name, dot, tld = row[i].partition(".")
        row[i] = f"{name}-{k}{dot}{tld}"
    i = at.get("AccountName")
    if i is not None and row[i]:
        row[i] = f"{row[i]} #{k}"
    return row


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("run", type=Path, help="folder with customers.csv and headers.json")
    ap.add_argument("out", type=Path, help="the CSV to write, e.g. customers_1m.csv")
    ap.add_argument("--rows", type=int, default=1_000_000)
    args = ap.parse_args()

    with (args.run / "customers.csv").open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        source = list(reader)
    if not source:
        raise SystemExit(f"{args.run / 'customers.csv'} has no rows")
    at = {c: header.index(c) for c in ("CustomerID", "Domain", "AccountName") if c in header}
    copies = -(-args.rows // len(source))
    width = len(str(copies - 1))

    args.out.parent.mkdir(parents=True, exist_ok=True)
    part = args.out.with_name(args.out.name + ".part")
    # polars wrote the source: "\n" line ends and quotes only where needed, kept the same here.
    with part.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        written = 0
        for k in range(copies):
            chunk = source[: args.rows - written]
            w.writerows(suffixed(r, k, width, at) for r in chunk)
            written += len(chunk)
    part.replace(args.out)
    shutil.copyfile(args.run / "headers.json", args.out.parent / "headers.json")
    print(f"{args.out}: {written:,} customers ({len(source):,} tiled ×{copies}), "
          f"{len(header)} columns, {args.out.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
