"""Classification metrics of the paper (formulas 3–6) and the curves of the report.

Plain numpy.  The positive class is 1 (mineralised).  Where a ratio has a zero
denominator (no predicted positives, no actual positives) it is 0, as in
scikit-learn's ``zero_division=0``.
"""
from __future__ import annotations

from typing import Dict

import numpy as np


def confusion(y_true, y_pred) -> Dict[str, int]:
    y_true = np.asarray(y_true).astype(np.int64).ravel()
    y_pred = np.asarray(y_pred).astype(np.int64).ravel()
    if y_true.shape != y_pred.shape:
        raise ValueError("y_true and y_pred differ in length")
    return {
        "tp": int(np.sum((y_true == 1) & (y_pred == 1))),
        "tn": int(np.sum((y_true == 0) & (y_pred == 0))),
        "fp": int(np.sum((y_true == 0) & (y_pred == 1))),
        "fn": int(np.sum((y_true == 1) & (y_pred == 0))),
    }


def confusion_matrix(y_true, y_pred) -> np.ndarray:
    """``[[TN, FP], [FN, TP]]`` (rows: truth 0/1, columns: prediction 0/1)."""
    c = confusion(y_true, y_pred)
    return np.array([[c["tn"], c["fp"]], [c["fn"], c["tp"]]], dtype=np.int64)


def _ratio(a: float, b: float) -> float:
    return float(a) / float(b) if b else 0.0


def classification_metrics(y_true, y_pred) -> Dict[str, float]:
    """Accuracy (3), recall (4), precision (5) and F1 (6) plus the counts."""
    c = confusion(y_true, y_pred)
    tp, tn, fp, fn = c["tp"], c["tn"], c["fp"], c["fn"]
    accuracy = _ratio(tp + tn, tp + fp + tn + fn)
    recall = _ratio(tp, tp + fn)
    precision = _ratio(tp, tp + fp)
    f1 = _ratio(2 * precision * recall, precision + recall)
    return {"accuracy": accuracy, "precision": precision, "recall": recall, "f1": f1, **c}


def _sorted_counts(y_true, scores):
    y_true = np.asarray(y_true).astype(np.int64).ravel()
    scores = np.asarray(scores, dtype=np.float64).ravel()
    order = np.argsort(-scores, kind="mergesort")
    s = scores[order]
    t = y_true[order] == 1
    # one point per distinct threshold (ties are taken together)
    distinct = np.r_[np.nonzero(np.diff(s))[0], s.size - 1] if s.size else np.array([], dtype=np.int64)
    tps = np.cumsum(t)[distinct]
    fps = (distinct + 1) - tps
    return tps.astype(np.float64), fps.astype(np.float64), s[distinct]


def roc_curve(y_true, scores):
    """False- and true-positive rates over all thresholds, from (0, 0) to (1, 1)."""
    tps, fps, thr = _sorted_counts(y_true, scores)
    p = tps[-1] if tps.size else 0.0
    n = fps[-1] if fps.size else 0.0
    tpr = np.r_[0.0, tps / p] if p else np.r_[0.0, np.zeros_like(tps)]
    fpr = np.r_[0.0, fps / n] if n else np.r_[0.0, np.zeros_like(fps)]
    return fpr, tpr, np.r_[np.inf, thr]


def roc_auc(y_true, scores) -> float:
    """Area under the ROC curve (trapezoids; NaN when only one class is present)."""
    y = np.asarray(y_true).ravel()
    if not (np.any(y == 1) and np.any(y == 0)):
        return float("nan")
    fpr, tpr, _ = roc_curve(y_true, scores)
    return float(np.trapz(tpr, fpr))


def precision_recall_curve(y_true, scores):
    """Precision and recall over all thresholds (recall increasing), starting at
    recall 0 with precision 1."""
    tps, fps, thr = _sorted_counts(y_true, scores)
    p = tps[-1] if tps.size else 0.0
    precision = np.where(tps + fps > 0, tps / np.maximum(tps + fps, 1), 1.0)
    recall = tps / p if p else np.zeros_like(tps)
    return np.r_[1.0, precision], np.r_[0.0, recall], np.r_[np.inf, thr]


def average_precision(y_true, scores) -> float:
    """Area under the precision–recall curve as average precision
    (Σ (R_k − R_{k−1}) P_k, the step-wise area; NaN without positives)."""
    y = np.asarray(y_true).ravel()
    if not np.any(y == 1):
        return float("nan")
    precision, recall, _ = precision_recall_curve(y_true, scores)
    return float(np.sum(np.diff(recall) * precision[1:]))


def best_f1_threshold(y_true, scores) -> float:
    """The score threshold with the highest F1 on ``(y_true, scores)`` (0.5 without positives)."""
    y = np.asarray(y_true).astype(np.int64).ravel()
    if not (y == 1).any():
        return 0.5
    tps, fps, thresholds = _sorted_counts(y, scores)
    f1 = 2 * tps / (tps + fps + (y == 1).sum())
    return float(thresholds[int(np.argmax(f1))])


def evaluate(y_true, scores, threshold: float = 0.5) -> Dict[str, float]:
    """All metrics of one model on one set: the four of the paper at
    ``threshold``, the confusion counts, ROC AUC and PR AUC (average precision)."""
    scores = np.asarray(scores, dtype=np.float64).ravel()
    out = classification_metrics(y_true, (scores >= threshold).astype(np.int64))
    out["roc_auc"] = roc_auc(y_true, scores)
    out["pr_auc"] = average_precision(y_true, scores)
    out["n"] = int(scores.size)
    out["threshold"] = float(threshold)
    return out
