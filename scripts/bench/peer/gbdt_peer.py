"""scikit-learn's HistGradientBoostingClassifier on rows written by scripts/bench/gbdtVsSklearn.ts.

Reads DIR/meta.json and the little-endian binary matrices it names (row-major
float64 features with NaN for missing, uint8 labels), fits on the training rows
with the settings in meta.json, scores the test rows, and prints one JSON object:
fit wall and CPU seconds, iterations, test ROC AUC, predict rows per second
(and writes the test margins to the file meta.json names, for a pooled AUC).
Run with Debian's Python (python3-sklearn): /usr/bin/python3 gbdt_peer.py DIR
"""
import json
import os
import sys
import time

import numpy as np
import sklearn
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import roc_auc_score


def main(folder):
    with open(os.path.join(folder, "meta.json")) as f:
        meta = json.load(f)
    p = meta["features"]
    results = []
    for fold in meta["folds"]:
        x_train = np.fromfile(os.path.join(folder, fold["x_train"]), dtype="<f8").reshape(-1, p)
        y_train = np.fromfile(os.path.join(folder, fold["y_train"]), dtype="u1")
        x_test = np.fromfile(os.path.join(folder, fold["x_test"]), dtype="<f8").reshape(-1, p)
        y_test = np.fromfile(os.path.join(folder, fold["y_test"]), dtype="u1")
        s = meta["settings"]
        model = HistGradientBoostingClassifier(
            learning_rate=s["learning_rate"],
            max_iter=s["max_iter"],
            max_leaf_nodes=s["max_leaf_nodes"],
            max_depth=s["max_depth"],
            min_samples_leaf=s["min_samples_leaf"],
            l2_regularization=s["l2_regularization"],
            max_bins=s["max_bins"],
            early_stopping=s["early_stopping"],
            validation_fraction=s["validation_fraction"],
            n_iter_no_change=s["n_iter_no_change"],
            tol=s["tol"],
            class_weight="balanced" if s["class_weight"] == "balanced" else None,
            random_state=meta["seed"],
        )
        wall = time.perf_counter()
        cpu = time.process_time()
        model.fit(x_train, y_train)
        fit_wall = time.perf_counter() - wall
        fit_cpu = time.process_time() - cpu
        wall = time.perf_counter()
        scores = model.decision_function(x_test)
        predict_wall = time.perf_counter() - wall
        results.append(
            {
                "fold": fold["name"],
                "fit_seconds": fit_wall,
                "fit_cpu_seconds": fit_cpu,
                "iterations": int(model.n_iter_),
                "roc_auc": float(roc_auc_score(y_test, scores)),
                "predict_rows_per_second": len(y_test) / predict_wall if predict_wall > 0 else None,
            }
        )
        scores.astype("<f8").tofile(os.path.join(folder, fold["scores"]))
    print(json.dumps({"sklearn": sklearn.__version__, "threads": os.environ.get("OMP_NUM_THREADS", "all cores"), "folds": results}))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: gbdt_peer.py DIR (written by scripts/bench/gbdtVsSklearn.ts)")
    main(sys.argv[1])
