"""Metrics (paper formulas 3–6, ROC, PR) agree with scikit-learn."""
import numpy as np
import pytest

from models.gcn.metrics import average_precision, classification_metrics, confusion_matrix, evaluate, roc_auc, roc_curve


def test_formulas_3_to_6():
    y = np.array([1, 1, 1, 1, 0, 0, 0, 0, 0, 0])
    p = np.array([1, 1, 1, 0, 1, 0, 0, 0, 0, 0])  # TP 3, FN 1, FP 1, TN 5
    m = classification_metrics(y, p)
    assert (m["tp"], m["fn"], m["fp"], m["tn"]) == (3, 1, 1, 5)
    assert m["accuracy"] == pytest.approx(8 / 10)
    assert m["recall"] == pytest.approx(3 / 4)
    assert m["precision"] == pytest.approx(3 / 4)
    assert m["f1"] == pytest.approx(0.75)
    assert confusion_matrix(y, p).tolist() == [[5, 1], [1, 3]]
    none = classification_metrics(y, np.zeros_like(y))
    assert none["precision"] == 0.0 and none["f1"] == 0.0


def test_curves_match_sklearn():
    sk = pytest.importorskip("sklearn.metrics")
    rng = np.random.default_rng(0)
    y = rng.integers(0, 2, 300)
    s = np.round(rng.random(300) * 0.6 + 0.4 * y, 2)  # ties included
    assert roc_auc(y, s) == pytest.approx(sk.roc_auc_score(y, s), abs=1e-12)
    assert average_precision(y, s) == pytest.approx(sk.average_precision_score(y, s), abs=1e-12)
    fpr, tpr, _ = roc_curve(y, s)
    assert fpr[0] == 0 and tpr[0] == 0 and fpr[-1] == 1 and tpr[-1] == 1
    m = evaluate(y, s)
    ref = (s >= 0.5).astype(int)
    assert m["f1"] == pytest.approx(sk.f1_score(y, ref))
    assert m["precision"] == pytest.approx(sk.precision_score(y, ref))
    assert np.isnan(roc_auc(np.ones(5), np.arange(5.0)))
