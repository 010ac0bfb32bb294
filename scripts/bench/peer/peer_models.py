"""The peer's models: logistic regression and histogram gradient boosting from
scikit-learn, and XGBoost when Debian's python3-xgboost is installed.
YARDSTICK ONLY."""
from __future__ import annotations

import numpy as np


def available_models() -> list:
    names = ["logistic", "hgb"]
    try:
        import xgboost  # noqa: F401

        names.append("xgboost")
    except ImportError:
        pass
    return names


def make_model(name: str, seed: int, threads: int):
    if name == "logistic":
        from sklearn.impute import SimpleImputer
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import make_pipeline
        from sklearn.preprocessing import StandardScaler

        return make_pipeline(
            SimpleImputer(strategy="median", add_indicator=True),
            StandardScaler(),
            LogisticRegression(C=1.0, class_weight="balanced", max_iter=2000),
        )
    if name == "hgb":
        from sklearn.ensemble import HistGradientBoostingClassifier

        return HistGradientBoostingClassifier(max_iter=300, learning_rate=0.08, max_leaf_nodes=31, l2_regularization=1.0, early_stopping=True, validation_fraction=0.15, n_iter_no_change=15, random_state=seed)
    if name == "xgboost":
        from xgboost import XGBClassifier

        return XGBClassifier(n_estimators=300, max_depth=6, learning_rate=0.08, subsample=0.9, colsample_bytree=0.9, tree_method="hist", n_jobs=threads, random_state=seed, eval_metric="logloss")
    raise ValueError(f"unknown peer model {name!r}")


def roc_auc(scores: np.ndarray, labels: np.ndarray) -> float:
    from sklearn.metrics import roc_auc_score

    if labels.min() == labels.max():
        return float("nan")
    return float(roc_auc_score(labels, scores))


def precision_at_k(scores: np.ndarray, labels: np.ndarray, k: int) -> float:
    if len(scores) == 0:
        return float("nan")
    order = np.argsort(-scores, kind="stable")[:k]
    return float(labels[order].mean())


def borough_folds(boroughs: list, max_folds: int) -> dict:
    """Borough -> fold name: one fold per borough, or boroughs dealt round-robin into max_folds groups."""
    ordered = sorted(boroughs)
    if len(ordered) <= max_folds:
        return {b: b for b in ordered}
    groups = {}
    for i, b in enumerate(ordered):
        groups.setdefault(i % max_folds, []).append(b)
    return {b: "+".join(members) for members in groups.values() for b in members}
