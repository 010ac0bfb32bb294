#!/usr/bin/python3
"""YARDSTICK, NOT PART OF THE PRODUCT.

A reference implementation of the HMO task with the stack a data scientist
would reach for (pandas, scikit-learn, XGBoost), used by `npm run bench` to
compare end-to-end time, memory and accuracy with the TypeScript pipeline in
one run. It reads the same drop (validating it per hmo-harmonised/1.0),
builds comparable point-in-time features, validates models leave-borough-out,
and writes per-borough top-N lists of candidates (not HMO-licensed at the
extract date, never inspected).

Run with Debian's Python (the packages come from apt, not pip):
    /usr/bin/python3 scripts/bench/peer/hmo_peer.py --drop DROP --out OUT

Prints one JSON object per line on stdout ({"event":"stage_start",...}), like
`hmo run --json`, so the harness can attribute time and memory to stages.
Writes OUT/summary.json, OUT/predictions.csv and OUT/lists/<model>/<GSS>.csv.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time

import numpy as np
import pandas as pd

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from peer_features import build_features, targets_for_scoring, targets_for_training  # noqa: E402
from peer_ingest import ingest_borough, load_schema  # noqa: E402
from peer_models import available_models, borough_folds, make_model, precision_at_k, roc_auc  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SCHEMA = os.path.normpath(os.path.join(HERE, "..", "..", "..", "data", "standard", "hmo-harmonised-v1.json"))


class Stages:
    def __init__(self) -> None:
        self.seconds = {}

    def start(self, stage: str) -> None:
        self._t = time.perf_counter()
        self._stage = stage
        print(json.dumps({"event": "stage_start", "stage": stage}), flush=True)

    def end(self, **extra) -> None:
        seconds = time.perf_counter() - self._t
        self.seconds[self._stage] = seconds
        print(json.dumps({"event": "stage_end", "stage": self._stage, "seconds": round(seconds, 3), "cached": False, **extra}), flush=True)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Peer (yardstick) implementation of the HMO pipeline in pandas/scikit-learn/XGBoost.")
    ap.add_argument("--drop", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--schema", default=DEFAULT_SCHEMA)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--top", type=int, default=100)
    ap.add_argument("--max-borough-folds", type=int, default=8)
    ap.add_argument("--models", default=",".join(available_models()))
    ap.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--recent-months", type=int, default=12)
    ap.add_argument("--long-months", type=int, default=36)
    ap.add_argument("--validate-only", action="store_true", help="read and validate the drop, write summary.json, stop")
    args = ap.parse_args(argv)
    models = [m for m in args.models.split(",") if m]
    unknown = [m for m in models if m not in available_models()]
    if unknown:
        print(f"peer: model(s) not available here: {', '.join(unknown)}", file=sys.stderr)
        return 2
    if not os.path.isdir(args.drop):
        print(f"peer: drop folder {args.drop} does not exist", file=sys.stderr)
        return 2
    os.makedirs(args.out, exist_ok=True)
    np.random.seed(args.seed)
    # scikit-learn's HistGradientBoosting and numpy's BLAS take their thread count from
    # OpenMP/BLAS pools, not from a parameter: cap them at --threads like XGBoost's n_jobs.
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=args.threads)
    stages = Stages()
    schema = load_schema(args.schema)

    stages.start("ingest")
    boroughs, parts, extract_dates = {}, {}, {}
    for code in sorted(d for d in os.listdir(args.drop) if os.path.isdir(os.path.join(args.drop, d))):
        result = ingest_borough(args.drop, code, schema)
        boroughs[code] = {
            "status": result.status,
            "errors": result.errors,
            "warnings": result.warnings[:20],
            "tables": {t: {"rows_read": c.rows_read, "rows_accepted": c.rows_accepted, "reasons": c.reasons} for t, c in result.counts.items()},
        }
        if result.status == "ok":
            extract_dates[code] = result.extract_date
            for name, frame in result.tables.items():
                parts.setdefault(name, []).append(frame)
    tables = {name: pd.concat(frames, ignore_index=True) for name, frames in parts.items()}
    del parts
    rows_read = sum(t["rows_read"] for b in boroughs.values() for t in b["tables"].values())
    stages.end(rows=rows_read)
    if args.validate_only:
        write_summary(args.out, {"yardstick": True, "validate_only": True, "stage_seconds": stages.seconds, "boroughs": boroughs})
        return 0
    if not extract_dates:
        print("peer: no usable borough in the drop", file=sys.stderr)
        return 1

    stages.start("features")
    train_targets = targets_for_training(tables)
    train_x = build_features(tables, train_targets, args.recent_months, args.long_months)
    score_targets = targets_for_scoring(tables, extract_dates)
    score_x = build_features(tables, score_targets, args.recent_months, args.long_months)
    stages.end(rows=len(score_x) + len(train_x))

    stages.start("train")
    labels = train_targets["label"].to_numpy()
    if len(np.unique(labels)) < 2:
        print(f"peer: the drop has {len(labels)} labelled properties, not of both outcomes: nothing to train on", file=sys.stderr)
        return 1
    folds = borough_folds(list(extract_dates), args.max_borough_folds)
    fold_of_row = train_targets["borough_code"].map(folds).to_numpy()
    x = train_x.to_numpy(dtype=np.float64)
    predictions, metrics = [], {}
    for name in models:
        scores = np.full(len(labels), np.nan)
        for fold in sorted(set(folds.values())):
            held = fold_of_row == fold
            rest = ~held
            if held.sum() == 0 or len(np.unique(labels[rest])) < 2:
                continue
            model = make_model(name, args.seed, args.threads)
            model.fit(x[rest], labels[rest])
            scores[held] = model.predict_proba(x[held])[:, 1]
        done = ~np.isnan(scores)
        per_borough = []
        for code in sorted(extract_dates):
            rows = done & (train_targets["borough_code"].to_numpy() == code)
            if rows.any():
                per_borough.append(precision_at_k(scores[rows], labels[rows], args.top))
        metrics[name] = {
            "lobo_roc_auc": roc_auc(scores[done], labels[done]) if done.any() else float("nan"),
            f"lobo_precision_at_{args.top}": float(np.mean(per_borough)) if per_borough else float("nan"),
        }
        predictions.append(pd.DataFrame({
            "scheme": "lobo", "model": name, "fold": fold_of_row[done], "borough_code": train_targets["borough_code"].to_numpy()[done],
            "uprn": train_targets["uprn"].to_numpy()[done].astype(np.int64),
            "inspection_date": pd.to_datetime(train_targets["inspection_date"]).dt.strftime("%Y-%m-%d").to_numpy()[done],
            "label": labels[done], "score": scores[done],
        }))
    final = {}
    for name in models:
        model = make_model(name, args.seed, args.threads)
        model.fit(x, labels)
        final[name] = model
    best = max(models, key=lambda m: (np.nan_to_num(metrics[m][f"lobo_precision_at_{args.top}"], nan=-1), np.nan_to_num(metrics[m]["lobo_roc_auc"], nan=-1)))
    stages.end(rows=len(labels))

    stages.start("rank")
    props = score_targets
    inspected = tables["inspections"][["borough_code", "uprn"]].drop_duplicates().assign(inspected=True)
    lic = tables["licences"]
    lic_extract = lic["borough_code"].map(extract_dates)
    hmo_licensed = lic[lic["scheme"].isin(["mandatory-hmo", "additional-hmo"]) & (lic["start_date"] <= lic_extract) & (lic_extract <= lic["end_date"])]
    hmo_licensed = hmo_licensed[["borough_code", "uprn"]].drop_duplicates().assign(licensed=True)
    flags = props[["borough_code", "uprn"]].merge(inspected, how="left", on=["borough_code", "uprn"]).merge(hmo_licensed, how="left", on=["borough_code", "uprn"])
    candidate = (flags["inspected"].isna() & flags["licensed"].isna()).to_numpy()
    score_matrix = score_x.to_numpy(dtype=np.float64)[candidate]
    cand = props.loc[candidate, ["borough_code", "uprn"]].reset_index(drop=True)
    addresses = tables["properties"][["borough_code", "uprn", "address"]]
    listed = 0
    for name in models:
        cand_scores = final[name].predict_proba(score_matrix)[:, 1]
        ranked = cand.assign(score=cand_scores).sort_values(["borough_code", "score", "uprn"], ascending=[True, False, True], kind="stable")
        top = ranked.groupby("borough_code", sort=True).head(args.top)
        for code, rows in top.groupby("borough_code", sort=True):
            folder = os.path.join(args.out, "lists", name)
            os.makedirs(folder, exist_ok=True)
            out = rows.assign(rank=np.arange(1, len(rows) + 1)).merge(addresses, on=["borough_code", "uprn"], how="left")[["rank", "uprn", "address", "score"]]
            out.to_csv(os.path.join(folder, f"{code}.csv"), index=False, float_format="%.6f")
            listed += len(out)
    stages.end(rows=int(candidate.sum()) * len(models), scored=int(candidate.sum()))

    pd.concat(predictions, ignore_index=True).to_csv(os.path.join(args.out, "predictions.csv"), index=False, float_format="%.8f")
    import sklearn

    versions = {"python": sys.version.split()[0], "pandas": pd.__version__, "numpy": np.__version__, "scikit-learn": sklearn.__version__}
    try:
        import xgboost

        versions["xgboost"] = xgboost.__version__
    except ImportError:
        versions["xgboost"] = None
    summary = {
        "yardstick": True,
        "versions": versions,
        "models": models,
        "best_model": best,
        "metrics": metrics,
        "folds": folds,
        "features": list(train_x.columns),
        "training_rows": int(len(labels)),
        "training_positives": int(labels.sum()),
        "properties": int(len(score_targets)),
        "candidates": int(candidate.sum()),
        "top": args.top,
        "stage_seconds": stages.seconds,
        "boroughs": boroughs,
    }
    write_summary(args.out, summary)
    return 0


def write_summary(out: str, summary: dict) -> None:
    """summary.json, written to a temporary file and renamed into place."""
    with open(os.path.join(out, "summary.json.tmp"), "w", encoding="utf-8") as f:
        json.dump(summary, f, indent=2, default=str)
    os.replace(os.path.join(out, "summary.json.tmp"), os.path.join(out, "summary.json"))


if __name__ == "__main__":
    sys.exit(main())
