"""A learner-independent check of the training rows `hmo features` writes.

scikit-learn's HistGradientBoostingClassifier (default settings, fixed seed)
is fitted leave-borough-out on the rows of OUT/features/<GSS>/train.parquet
(exported to CSV by learnerCheck.ts: Debian has no pyarrow), and scored on the
held-out borough's undeclared rows. Prints one JSON object: pooled ROC AUC and
average precision, precision@100 per borough and pooled (the mean), on
  - every held-out undeclared row (one per conclusive inspection), and
  - the latest conclusive inspection of each held-out property (the population
    of the former one-row-per-property files, so old and new files compare).
With --latest-only-train the model is fitted on each property's latest row only
(the rows of the former files), to tell the effect of the features from that of
the extra rows.

Run through `node dist/scripts/bench/check/learnerCheck.js --out OUT`.
"""
import argparse
import json
import sys

import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import average_precision_score, roc_auc_score

KEYS = ["borough_code", "uprn", "as_of", "label", "inspection_date", "trigger", "declared"]


def latest_flags(frame: pd.DataFrame) -> np.ndarray:
    last = frame.groupby(["borough_code", "uprn"])["inspection_date"].transform("max")
    return (frame["inspection_date"] == last).to_numpy()


def precision_at(scores: np.ndarray, labels: np.ndarray, k: int) -> float:
    if len(scores) == 0:
        return float("nan")
    order = np.argsort(-scores, kind="stable")[: min(k, len(scores))]
    return float(labels[order].mean())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--csv", required=True)
    parser.add_argument("--latest-only-train", action="store_true")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    frame = pd.read_csv(args.csv, low_memory=False)
    frame["declared"] = frame["declared"].astype(str).str.lower().isin(["true", "1"])
    frame["latest"] = latest_flags(frame)
    features = [c for c in frame.columns if c not in KEYS and c != "latest"]
    categorical = [c for c in features if frame[c].dtype == object]
    x = pd.get_dummies(frame[features], columns=categorical, dummy_na=True).astype(float).to_numpy()
    y = frame["label"].to_numpy()
    boroughs = sorted(frame["borough_code"].unique())
    score = np.full(len(frame), np.nan)
    for code in boroughs:
        test = (frame["borough_code"] == code).to_numpy()
        train = ~test
        if args.latest_only_train:
            train &= frame["latest"].to_numpy()
        if len(np.unique(y[train])) < 2:
            continue
        model = HistGradientBoostingClassifier(random_state=args.seed)
        model.fit(x[train], y[train])
        score[test] = model.predict_proba(x[test])[:, 1]

    def summary(mask: np.ndarray) -> dict:
        mask = mask & ~np.isnan(score)
        out = {"rows": int(mask.sum()), "positives": int(y[mask].sum())}
        if out["positives"] == 0 or out["positives"] == out["rows"]:
            return out
        out["roc_auc"] = round(float(roc_auc_score(y[mask], score[mask])), 4)
        out["average_precision"] = round(float(average_precision_score(y[mask], score[mask])), 4)
        per = {}
        for code in boroughs:
            m = mask & (frame["borough_code"] == code).to_numpy()
            per[code] = round(precision_at(score[m], y[m], 100), 4)
        out["precision_at_100"] = per
        out["precision_at_100_mean"] = round(float(np.nanmean(list(per.values()))), 4)
        return out

    undeclared = ~frame["declared"].to_numpy()
    result = {
        "rows": len(frame),
        "features": len(features),
        "train": "latest row per property" if args.latest_only_train else "every row",
        "every_undeclared_row": summary(undeclared),
        "latest_undeclared_row": summary(undeclared & frame["latest"].to_numpy()),
    }
    json.dump(result, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main()
