#!/usr/bin/env python3
"""Lead scoring: LightGBM and scikit-learn on the leads the engine trains on, beside the engine.

Run by `benches/lead_scoring_compare.sh`, which dumps the engine's training leads
(`LEAD_SCORING_DUMP_DIR`, one CSV per set: lead_id, created_at, one column per attribute,
qualified) and keeps the engine bench's output. For each CSV this script:

* splits the rows as the engine does: ordered by creation time then lead id, the older 80% train
  and the newest 20% validate (rows of the same second never straddle the cut, as in
  `learn::split`);
* encodes the company size as the engine does (its band's rank, 1..8, in the order of
  `COMPANY_SIZE_BANDS` in attributes.rs; missing stays missing) and every other attribute as a
  category whose levels are those seen in training;
* fits LightGBM (200 rounds, fixed), LightGBM with its rounds chosen on an inner time split of
  the training rows then refitted on all of them, scikit-learn's HistGradientBoostingClassifier
  (native categories; its early stopping holds out a random part of the training rows) and
  LogisticRegression on one-hot columns. The validation rows are never seen before scoring;
* prints, per set, fit time, validation ROC AUC, scoring throughput over 1,000,000 rows and the
  median latency of one row, beside the engine's figures parsed from its bench output.
"""

from __future__ import annotations

import argparse
import inspect
import math
import os
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import lightgbm as lgb
import numpy as np
import pandas as pd
import sklearn
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

VALIDATION_FRACTION = 0.2  # training::VALIDATION_FRACTION
SEED = 0
BATCH_ROWS = 1_000_000
SINGLE_ROW_RUNS = 1000


def company_size_bands(attributes_rs: Path) -> list[str]:
    """The bands of `COMPANY_SIZE_BANDS` in attributes.rs, in order (rank = index + 1)."""
    src = attributes_rs.read_text(encoding="utf-8")
    m = re.search(r"COMPANY_SIZE_BANDS:\s*\[&str;\s*(\d+)\]\s*=\s*\[(.*?)\];", src, re.S)
    if not m:
        sys.exit(f"COMPANY_SIZE_BANDS not found in {attributes_rs}")
    bands = re.findall(r'"([^"]*)"', m.group(2))
    if len(bands) != int(m.group(1)):
        sys.exit(f"COMPANY_SIZE_BANDS in {attributes_rs}: {len(bands)} bands read")
    return bands


def time_split(df: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The engine's split (learn::split::split_rows, Split::TimeOrdered on whole seconds)."""
    df = df.sort_values(["created_at", "lead_id"], kind="mergesort").reset_index(drop=True)
    t = (df["created_at"].astype("int64") // 10**9).to_numpy()  # ns -> s, like timestamp()
    order = np.argsort(t, kind="stable")
    t_sorted = t[order]
    n = len(df)
    # Rust's f64::round rounds half away from zero.
    target = n - int(math.floor(n * VALIDATION_FRACTION + 0.5))
    target = min(max(target, 1), max(n - 1, 1))
    at = t_sorted[min(target, n - 1)]
    first = int(np.searchsorted(t_sorted, at, side="left"))
    after = int(np.searchsorted(t_sorted, at, side="right"))
    if first > 0 and after < n:
        cut = first if target - first <= after - target else after
    elif first > 0:
        cut = first
    elif after < n:
        cut = after
    else:
        sys.exit("every row has the same time: a time-ordered split is impossible")
    valid = np.zeros(n, dtype=bool)
    valid[order[cut:]] = True
    return df[~valid].reset_index(drop=True), df[valid].reset_index(drop=True)


def features(
    train: pd.DataFrame, valid: pd.DataFrame, attributes: list[str], bands: list[str]
) -> tuple[pd.DataFrame, pd.DataFrame, list[str]]:
    """Company size as its rank; the rest as categories with the training rows' levels."""
    rank = {b: i + 1 for i, b in enumerate(bands)}
    xs = []
    for part in (train, valid):
        x = pd.DataFrame(index=part.index)
        for a in attributes:
            if a == "company_size":
                x[a] = part[a].map(rank).astype("float64")
            else:
                x[a] = part[a]
        xs.append(x)
    categorical = [a for a in attributes if a != "company_size"]
    for a in categorical:
        levels = sorted(xs[0][a].dropna().unique())
        dtype = pd.CategoricalDtype(levels)
        for x in xs:
            x[a] = x[a].astype(object).astype(dtype)
    return xs[0], xs[1], categorical


def load_set(
    path: Path, bands: list[str]
) -> tuple[pd.DataFrame, pd.DataFrame, np.ndarray, pd.DataFrame, np.ndarray, list[str]]:
    """A dumped leads CSV as (all rows, train X, train y, validation X, validation y, the
    categorical attributes), split and encoded as the engine does (also used by peers.py)."""
    df = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
    attributes = [c for c in df.columns if c not in ("lead_id", "created_at", "qualified")]
    df["created_at"] = pd.to_datetime(df["created_at"], utc=True, format="ISO8601")
    train, valid = time_split(df)
    xt, xv, categorical = features(train, valid, attributes, bands)
    yt = train["qualified"].astype(int).to_numpy()
    yv = valid["qualified"].astype(int).to_numpy()
    return df, xt, yt, xv, yv, categorical


@dataclass
class Row:
    leads: int
    model: str
    train_rows: int
    valid_rows: int
    fit_seconds: float
    auc: float
    batch_rows_per_second: float | None = None
    single_row_us: float | None = None
    note: str = ""


def scoring_figures(predict, x: pd.DataFrame) -> tuple[float, float]:
    """Rows per second of `predict` over 1,000,000 rows (the rows repeated), and its median
    latency on one row (already a one-row frame)."""
    big = x.iloc[np.arange(BATCH_ROWS) % len(x)].reset_index(drop=True)
    t = time.perf_counter()
    p = predict(big)
    took = time.perf_counter() - t
    assert len(p) == BATCH_ROWS
    rows = [x.iloc[[i % len(x)]] for i in range(SINGLE_ROW_RUNS)]
    predict(rows[0])  # warm-up
    lat = []
    for r in rows:
        t = time.perf_counter()
        predict(r)
        lat.append(time.perf_counter() - t)
    return BATCH_ROWS / took, float(np.median(lat)) * 1e6


def fit_models(
    leads: int, xt: pd.DataFrame, yt: np.ndarray, xv: pd.DataFrame, yv: np.ndarray,
    categorical: list[str],
) -> list[Row]:
    rows = []

    def record(name, fit, note=""):
        t = time.perf_counter()
        predict = fit()
        took = time.perf_counter() - t
        auc = roc_auc_score(yv, predict(xv))
        rps, us = scoring_figures(predict, xv)
        rows.append(Row(leads, name, len(xt), len(xv), took, auc, rps, us, note))
        print(f"  {name}: fit {took:.2f} s, validation ROC AUC {auc:.4f} {note}", flush=True)

    lgb_params = dict(
        learning_rate=0.05, num_leaves=31, min_child_samples=20, random_state=SEED, verbose=-1
    )

    def lightgbm_fixed():
        m = lgb.LGBMClassifier(n_estimators=200, **lgb_params).fit(xt, yt)
        return lambda x: m.predict_proba(x)[:, 1]

    record("LightGBM, 200 rounds", lightgbm_fixed, "(lr 0.05, 31 leaves)")

    inner_note = {}

    def lightgbm_inner():
        # Rounds chosen on the newest 20% of the training rows (they are in time order), then
        # refitted on all training rows: the validation rows stay unseen.
        cut = len(xt) - int(math.floor(len(xt) * VALIDATION_FRACTION + 0.5))
        held_out = (xt.iloc[cut:], yt[cut:])
        if "eval_X" in inspect.signature(lgb.LGBMClassifier.fit).parameters:  # lightgbm >= 4.7
            evaluation = dict(eval_X=(held_out[0],), eval_y=(held_out[1],))
        else:
            evaluation = dict(eval_set=[held_out])
        probe = lgb.LGBMClassifier(n_estimators=2000, **lgb_params).fit(
            xt.iloc[:cut], yt[:cut], eval_metric="binary_logloss",
            callbacks=[lgb.early_stopping(50, verbose=False)], **evaluation,
        )
        rounds = max(int(probe.best_iteration_ or 0), 1)
        inner_note["rounds"] = rounds
        m = lgb.LGBMClassifier(n_estimators=rounds, **lgb_params).fit(xt, yt)
        return lambda x: m.predict_proba(x)[:, 1]

    record("LightGBM, inner time split", lightgbm_inner)
    rows[-1].note = f"({inner_note['rounds']} rounds, refitted)"
    print(f"    {rows[-1].note}")

    hgb_note = {}

    def hist_gradient_boosting():
        m = HistGradientBoostingClassifier(
            categorical_features="from_dtype", learning_rate=0.1, max_iter=500,
            early_stopping=True, validation_fraction=0.1, n_iter_no_change=20,
            random_state=SEED,
        ).fit(xt, yt)
        hgb_note["iter"] = m.n_iter_
        return lambda x: m.predict_proba(x)[:, 1]

    record("sklearn HistGradientBoosting", hist_gradient_boosting)
    rows[-1].note = f"({hgb_note['iter']} iterations, early stop on 10% of training)"
    print(f"    {rows[-1].note}")

    def logistic():
        numeric = [c for c in xt.columns if c not in categorical]
        pre = ColumnTransformer([
            ("num", make_pipeline(SimpleImputer(strategy="median", add_indicator=True),
                                  StandardScaler()), numeric),
            ("cat", make_pipeline(
                SimpleImputer(strategy="constant", fill_value="(missing)"),
                OneHotEncoder(handle_unknown="ignore"),
            ), categorical),
        ])
        m = Pipeline([("pre", pre), ("lr", LogisticRegression(C=1.0, max_iter=2000))])
        # Categories as plain objects (SimpleImputer does not take pandas categoricals).
        m.fit(as_objects(xt, categorical), yt)
        return lambda x: m.predict_proba(as_objects(x, categorical))[:, 1]

    record("sklearn LogisticRegression", logistic, "(one-hot, C=1)")
    return rows


def as_objects(x: pd.DataFrame, categorical: list[str]) -> pd.DataFrame:
    x = x.copy()
    for c in categorical:
        x[c] = x[c].astype(object).where(x[c].notna(), np.nan)
    return x


def engine_rows(output: Path) -> tuple[dict[int, dict[str, str]], dict[str, str]]:
    text = output.read_text(encoding="utf-8", errors="replace")
    kv = re.compile(r'(\w+)=("[^"]*"|\S+)')

    def parse(line: str) -> dict[str, str]:
        return {k: v.strip('"') for k, v in kv.findall(line)}

    training = {}
    scoring: dict[str, str] = {}
    for line in text.splitlines():
        if line.startswith("bench-engine-training "):
            d = parse(line)
            training[int(d["leads"])] = d
        elif line.startswith("bench-engine-scoring "):
            scoring = parse(line)
    if not training:
        sys.exit(f"no `bench-engine-training` line in {output}: did the bench run?")
    return training, scoring


def fmt(v: float | None, spec: str) -> str:
    return "—" if v is None or (isinstance(v, float) and math.isnan(v)) else format(v, spec)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("csv", nargs="+", type=Path, help="leads_<n>.csv dumped by the engine bench")
    ap.add_argument("--engine-output", type=Path, required=True)
    ap.add_argument("--attributes-rs", type=Path, required=True)
    args = ap.parse_args()

    bands = company_size_bands(args.attributes_rs)
    engine, engine_scoring = engine_rows(args.engine_output)
    print(
        f"\nPython {sys.version.split()[0]}: lightgbm {lgb.__version__}, scikit-learn "
        f"{sklearn.__version__}, pandas {pd.__version__}, numpy {np.__version__}"
    )
    # Timings mean little on a busy machine: say how busy it was.
    load = os.getloadavg()[0]
    print(f"load average (1 min) {load:.2f} on {os.cpu_count()} CPUs at the start")
    table: list[Row] = []
    largest = max(int(re.search(r"(\d+)", p.stem).group(1)) for p in args.csv)
    for path in args.csv:
        leads = int(re.search(r"(\d+)", path.stem).group(1))
        df, xt, yt, xv, yv, categorical = load_set(path, bands)
        levels = {a: len(xt[a].cat.categories) for a in categorical}
        print(
            f"\n{path.name}: {len(df)} closed leads, {len(xt)} train / {len(xv)} validate "
            f"(qualified {yt.mean():.1%} / {yv.mean():.1%}); levels {levels}"
        )
        e = engine.get(leads)
        if e:
            same = (int(e["training_rows"]), int(e["validation_rows"])) == (len(xt), len(xv))
            print(
                f"  engine split: {e['training_rows']} / {e['validation_rows']} "
                f"({'the same rows' if same else 'DIFFERENT from this split'})"
            )
            erow = Row(
                leads, "engine (training::train)", int(e["training_rows"]),
                int(e["validation_rows"]), float(e["fit_seconds"]),
                float(e["validation_roc_auc"]),
                note=f"({e['learner']}; {e['attributes']} attributes; "
                     f"raw AUC of the chosen {float(e['chosen_raw_auc']):.4f})",
            )
            if leads == largest and engine_scoring:
                erow.batch_rows_per_second = float(engine_scoring["batch_rows_per_second"])
                erow.single_row_us = float(engine_scoring["single_lead_median_us"])
            table.append(erow)
        table.extend(fit_models(leads, xt, yt, xv, yv, categorical))

    head = (
        f"{'leads':>7}  {'model':<30} {'train':>6} {'valid':>6} {'fit (s)':>8} "
        f"{'ROC AUC':>8} {'1M rows/s':>10} {'1 row (µs)':>10}  note"
    )
    print("\n" + head)
    print("-" * len(head))
    for r in table:
        print(
            f"{r.leads:>7}  {r.model:<30} {r.train_rows:>6} {r.valid_rows:>6} "
            f"{r.fit_seconds:>8.2f} {r.auc:>8.4f} {fmt(r.batch_rows_per_second, ',.0f'):>10} "
            f"{fmt(r.single_row_us, '.1f'):>10}  {r.note}"
        )
    print(
        "\nfit (s): wall time of training on this machine; the engine's includes choosing the "
        "attributes (up to two fits, each trying two tree settings and three logistic ones), "
        "calibration and its report.\n"
        "ROC AUC: on the newest 20% of the rows, which no Python model saw before scoring; the "
        "engine's is that of its calibrated probabilities (cross-fitted on the validation rows), "
        "and its learner stops boosting and picks its candidate on those same rows.\n"
        f"1M rows/s: predict_proba over {BATCH_ROWS:,} rows (the validation rows repeated, the "
        "table built beforehand); the engine's is its model trained through the workspace on the "
        f"{largest:,}-lead set plus the demo's leads.\n"
        "1 row (µs): median of predict_proba on a one-row table, over "
        f"{SINGLE_ROW_RUNS} rows (the engine's includes building that table from a lead).\n"
        f"load average (1 min) {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs at the end "
        f"({load:.2f} at the start)."
    )


if __name__ == "__main__":
    main()
