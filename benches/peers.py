#!/usr/bin/env python3
"""The peers of SPEC §11, measured on this machine in the same run as our figures.

Every measurement prints one line per run, the contract `benches/table.py` reads:

    BENCH {"work": ..., "who": ..., "value": ..., "unit": ..., "extra": {...}}

Modes (each repeated ``--runs K`` times, default 3):

* ``parse FILE``: polars ``read_csv`` and pandas ``read_csv`` (C engine) → ``csv_parse``, MB/s.
* ``export FILE OUTDIR``: polars ``write_csv`` and pandas ``to_csv`` of FILE → ``csv_export``.
* ``reports CUSTOMERS_CSV HEADERS_JSON OUTDIR``: the six propensity reports in polars (the code of
  ``propensity_reports.py``) and in pandas, each run in a fresh process → ``reports_six``.
* ``lightgbm LEADS_CSV`` / ``sklearn LEADS_CSV``: training on the engine's dumped 100k leads
  (``training_100k``), scoring 1,000,000 rows (``batch_scoring``) and, LightGBM only, exact
  per-row contributions (``contributions_1m``).
"""

from __future__ import annotations

import argparse
import gc
import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

ROWS_1M = 1_000_000


def bench(work: str, who: str, value: float, unit: str, **extra) -> None:
    line = {"work": work, "who": who, "value": value, "unit": unit, "extra": extra}
    print("BENCH " + json.dumps(line), flush=True)


def synced(path: Path, write) -> int:
    """Bytes written by `write(file)`, on disk: the export is timed until fsync, as ours is."""
    with path.open("wb") as f:
        write(f)
        f.flush()
        os.fsync(f.fileno())
    return path.stat().st_size


# --- CSV parse and export -------------------------------------------------------------------


def parse(args) -> None:
    import pandas as pd
    import polars as pl

    # Our parse is timed on the file's bytes already in memory (decode, sniff, every record held
    # as text), so the peers parse the same bytes from memory: neither pays for the disk.
    data = args.file.read_bytes()
    mb = len(data) / 1e6
    # Every column as text is the fair equivalent of our import: it keeps every value as written
    # (no "007" → 7, no "" → NaN, no date guessed), and so does ours. With --infer the peers guess
    # types instead (a different, lossy job), named so in "who".
    infer = args.infer
    tag = " (types inferred)" if infer else ""
    readers = {
        f"polars {pl.__version__}{tag}":
            (lambda: pl.read_csv(data)) if infer else (lambda: pl.read_csv(data, infer_schema=False)),
        f"pandas {pd.__version__} (C engine){tag}":
            (lambda: pd.read_csv(io.BytesIO(data), engine="c", low_memory=False)) if infer else
            (lambda: pd.read_csv(io.BytesIO(data), engine="c", dtype=str, keep_default_na=False)),
    }
    for who, read in readers.items():
        for run in range(args.runs):
            started = time.perf_counter()
            df = read()
            took = time.perf_counter() - started
            bench("csv_parse", who, mb / took, "MB/s", run=run, mb=mb, seconds=took,
                  rows=len(df), columns=len(df.columns))
            del df
            gc.collect()


def export(args) -> None:
    import pandas as pd
    import polars as pl

    args.outdir.mkdir(parents=True, exist_ok=True)
    # The same table for both, every value as text as the file has it, read untimed and one at
    # a time (pandas holds a million rows of 160 text columns in several GB).
    writers = [
        (f"polars {pl.__version__}", lambda: pl.read_csv(args.file, infer_schema=False),
         lambda df, f: df.write_csv(f)),
        (f"pandas {pd.__version__}",
         lambda: pd.read_csv(args.file, engine="c", dtype=str, keep_default_na=False),
         lambda df, f: df.to_csv(f, index=False)),
    ]
    for who, read, write in writers:
        df = read()
        out = args.outdir / f"export-{who.split()[0]}.csv"
        for run in range(args.runs):
            started = time.perf_counter()
            size = synced(out, lambda f: write(df, f))
            took = time.perf_counter() - started
            bench("csv_export", who, size / 1e6 / took, "MB/s", run=run, mb=size / 1e6,
                  seconds=took, rows=len(df))
            out.unlink()
        del df
        gc.collect()


# --- The six propensity reports ---------------------------------------------------------------


def pandas_pipeline(customers: Path, headers_json: Path, out: Path) -> dict:
    """`propensity_reports.polars_pipeline` in pandas: the same bands, clusters and files."""
    import numpy as np
    import pandas as pd
    from propensity_reports import CLUSTER_MAP, REPORTS, areas

    started = time.perf_counter()
    headers = json.loads(headers_json.read_text(encoding="utf-8"))
    clusters = areas(list(dict.fromkeys(c for r in REPORTS for c in headers[r])))
    fit_intent = {c for _, f, i in clusters.values() for c in (f, i)}
    names = pd.read_csv(customers, nrows=0).columns
    df = pd.read_csv(customers, engine="c", keep_default_na=False,
                     dtype={c: ("Int32" if c in fit_intent else str) for c in names},
                     na_values={c: [""] for c in fit_intent})
    read_s = time.perf_counter() - started

    def band(col: str) -> np.ndarray:
        # A missing score compares false everywhere: "Very low", as in polars' otherwise(3).
        v = df[col].to_numpy(dtype="float64", na_value=np.nan)
        return np.select([v >= 75, v >= 55, v >= 30], [0, 1, 2], 3)

    codes = np.array([CLUSTER_MAP[f][i] for f in range(4) for i in range(4)], dtype=object)
    for c, f, i in clusters.values():
        df[c] = codes[band(f) * 4 + band(i)]
    computed_s = time.perf_counter() - started
    out.mkdir(parents=True, exist_ok=True)
    for r in REPORTS:
        df[headers[r]].to_csv(out / f"{r}.csv", index=False, encoding="utf-8-sig")
    total_s = time.perf_counter() - started
    return {"read_s": read_s, "bands_clusters_s": computed_s - read_s,
            "write_s": total_s - computed_s, "total_s": total_s,
            "rows": len(df), "areas": len(clusters)}


def peak_mb() -> float:
    """This process's peak resident set (VmHWM), MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def reports_once(args) -> None:
    """One run in this (fresh) process; prints its figures as JSON for the parent."""
    if args.impl == "polars":
        from propensity_reports import polars_pipeline as pipeline
    else:
        pipeline = pandas_pipeline
    figures = pipeline(args.customers, args.headers, args.outdir)
    figures["peak_mb"] = peak_mb()
    print(json.dumps(figures))


def versions() -> dict[str, str]:
    from importlib.metadata import version
    return {"polars": f"polars {version('polars')}", "pandas": f"pandas {version('pandas')}"}


def reports(args) -> None:
    names = versions()
    for impl in args.impl:
        out = args.outdir / impl
        for run in range(args.runs):
            # A fresh interpreter per run: its peak RSS is the run's own, and the wall time is end
            # to end (interpreter, imports, read, compute, write), as our CLI's is.
            started = time.perf_counter()
            done = subprocess.run(
                [sys.executable, __file__, "_reports-once", impl, str(args.customers),
                 str(args.headers), str(out)],
                stdout=subprocess.PIPE, text=True, check=True)
            wall = time.perf_counter() - started
            inner = json.loads(done.stdout.strip().splitlines()[-1])
            bench("reports_six", names[impl], wall, "s", run=run, peak_mb=inner["peak_mb"],
                  customers=inner["rows"], in_process_s=inner["total_s"], read_s=inner["read_s"],
                  bands_clusters_s=inner["bands_clusters_s"], write_s=inner["write_s"])
    if len(args.impl) > 1:
        same_clusters(args.outdir, args.impl)
    if not args.keep:
        for impl in args.impl:
            for f in (args.outdir / impl).glob("*.csv"):
                f.unlink()


def same_clusters(outdir: Path, impls: list[str]) -> None:
    """Both peers did the same work: every cluster of every report is the same."""
    import polars as pl
    from propensity_reports import REPORTS

    for r in REPORTS:
        base = None
        for impl in impls:
            path = outdir / impl / f"{r}.csv"
            cols = [c for c in pl.read_csv(path, n_rows=0).columns if c.endswith("Cluster")]
            df = pl.read_csv(path, columns=cols, infer_schema=False)
            if base is None:
                base = df
            elif not df.equals(base):
                sys.exit(f"{r}.csv: {impls[0]} and {impl} computed different clusters")
    print(f"check: {' and '.join(impls)} computed the same clusters in the six reports",
          file=sys.stderr)


# --- Lead scoring: LightGBM and scikit-learn --------------------------------------------------


def lead_models(args) -> None:
    import numpy as np
    from sklearn.metrics import roc_auc_score

    import lead_scoring_compare as lsc

    bands = lsc.company_size_bands(args.attributes_rs)
    _, xt, yt, xv, yv, _ = lsc.load_set(args.leads, bands)
    # The 1,000,000 rows to score: the validation rows repeated, built before any timing.
    big = xv.iloc[np.arange(ROWS_1M) % len(xv)].reset_index(drop=True)
    sizes = dict(train_rows=len(xt), valid_rows=len(xv))

    if args.mode == "lightgbm":
        import lightgbm as lgb
        who = f"LightGBM {lgb.__version__}"
        # SPEC §11's peer: 100 trees of 31 leaves, LightGBM's other defaults (learning rate 0.1).
        make = lambda: lgb.LGBMClassifier(n_estimators=100, num_leaves=31, random_state=lsc.SEED,
                                          verbose=-1)
        setting = "100 trees, 31 leaves"
    else:
        import sklearn
        from sklearn.ensemble import HistGradientBoostingClassifier
        who = f"scikit-learn {sklearn.__version__} HistGradientBoosting"
        # The same model as LightGBM's: 100 iterations of 31 leaves, no early stopping.
        make = lambda: HistGradientBoostingClassifier(
            max_iter=100, max_leaf_nodes=31, learning_rate=0.1, early_stopping=False,
            categorical_features="from_dtype", random_state=lsc.SEED)
        setting = "100 iterations, 31 leaves"

    model = None
    for run in range(args.runs):
        model = make()
        started = time.perf_counter()
        model.fit(xt, yt)
        took = time.perf_counter() - started
        auc = float(roc_auc_score(yv, model.predict_proba(xv)[:, 1]))
        bench("training_100k", who, took, "s", run=run, auc=auc, model=setting, **sizes)

    for run in range(args.runs):
        started = time.perf_counter()
        p = model.predict_proba(big)
        took = time.perf_counter() - started
        assert len(p) == ROWS_1M
        bench("batch_scoring", who, ROWS_1M / took, "rows/s", run=run, rows=ROWS_1M,
              seconds=took)

    if args.mode == "lightgbm":
        # Exact TreeSHAP takes minutes on a million rows here: a probe on 100,000 says whether
        # the runs can afford the full million, else they measure 100,000 and scale ×10.
        probe_rows = ROWS_1M // 10
        started = time.perf_counter()
        model.predict(big.iloc[:probe_rows], pred_contrib=True)
        probe = time.perf_counter() - started
        rows = ROWS_1M if probe * ROWS_1M / probe_rows <= args.contrib_limit else probe_rows
        part = big if rows == ROWS_1M else big.iloc[:rows]
        for run in range(args.runs):
            started = time.perf_counter()
            c = model.predict(part, pred_contrib=True)
            took = time.perf_counter() - started
            assert c.shape[0] == rows
            extra = dict(run=run, seconds=took)
            if rows != ROWS_1M:
                extra["measured_rows"] = rows
            bench("contributions_1m", who, took * ROWS_1M / rows, "s", **extra)


# --- Command line -------------------------------------------------------------------------


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3, help="runs of each measurement (default 3)")
    sub = ap.add_subparsers(dest="mode", required=True)

    p = sub.add_parser("parse", help="csv_parse: polars and pandas read_csv")
    p.add_argument("file", type=Path)
    p.add_argument("--infer", action="store_true",
                   help="let the peers infer column types (not the equivalent of our import)")
    p.set_defaults(func=parse)

    p = sub.add_parser("export", help="csv_export: polars write_csv and pandas to_csv")
    p.add_argument("file", type=Path)
    p.add_argument("outdir", type=Path)
    p.set_defaults(func=export)

    p = sub.add_parser("reports", help="reports_six: the six reports in polars and pandas")
    p.add_argument("customers", type=Path)
    p.add_argument("headers", type=Path)
    p.add_argument("outdir", type=Path)
    p.add_argument("--impl", nargs="+", choices=["polars", "pandas"],
                   default=["polars", "pandas"])
    p.add_argument("--keep", action="store_true", help="keep the last run's six files")
    p.set_defaults(func=reports)

    p = sub.add_parser("_reports-once")
    p.add_argument("impl", choices=["polars", "pandas"])
    p.add_argument("customers", type=Path)
    p.add_argument("headers", type=Path)
    p.add_argument("outdir", type=Path)
    p.set_defaults(func=reports_once)

    for mode in ("lightgbm", "sklearn"):
        p = sub.add_parser(mode, help="training_100k, batch_scoring"
                           + (", contributions_1m" if mode == "lightgbm" else ""))
        p.add_argument("leads", type=Path, help="leads_100000.csv dumped by the engine bench")
        p.add_argument("--attributes-rs", type=Path,
                       default=HERE.parent / "crates/engine/src/lead_scoring/attributes.rs")
        p.add_argument("--contrib-limit", type=float, default=120.0,
                       help="seconds a 1M-row pred_contrib run may take before 100k rows ×10 "
                            "stand in for it (default 120)")
        p.set_defaults(func=lead_models)

    args = ap.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
