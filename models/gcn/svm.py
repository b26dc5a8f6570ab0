"""The SVM baseline of the paper: an RBF ``SVC`` on the spectral channels only.

Each tile is described by its mean spectrum (the mean over its nodes of the
spectral channels, geology channels left out, as in the paper).  Probabilities
come from Platt scaling fitted on 5-fold cross-validated decision values of
the training tiles (what ``SVC(probability=True)`` does inside libsvm; that
option is deprecated in scikit-learn 1.9).  The fitted model is kept as plain
arrays (support vectors, dual coefficients, intercept, gamma, Platt a/b) and
predicts with numpy, so it is saved in the same safetensors model file as the
networks and loads without scikit-learn or pickle.
"""
from __future__ import annotations

from typing import Dict, Sequence

import numpy as np


class SVMBaseline:
    arch = "svm"

    def __init__(self, channel_index: Sequence[int], in_channels: int, C: float = 1.0, gamma="scale",
                 class_weight=None, seed: int = 0):
        self.channel_index = np.asarray(list(channel_index), dtype=np.int64)
        self.in_channels = int(in_channels)
        self.C = float(C)
        self.gamma_option = gamma
        self.class_weight = class_weight
        self.seed = int(seed)
        self.arrays: Dict[str, np.ndarray] = {}

    # -- features -----------------------------------------------------------
    def features(self, x) -> np.ndarray:
        x = np.asarray(x, dtype=np.float32)
        if x.ndim != 3 or x.shape[2] != self.in_channels:
            raise ValueError(f"expected tiles [N, nodes, {self.in_channels}], got {x.shape}")
        return x[:, :, self.channel_index].mean(axis=1, dtype=np.float64)

    # -- fitting ------------------------------------------------------------
    def fit(self, x, y) -> "SVMBaseline":
        from sklearn.linear_model import LogisticRegression
        from sklearn.model_selection import StratifiedKFold, cross_val_predict
        from sklearn.svm import SVC

        f = self.features(x)
        y = np.asarray(y).astype(np.int64)
        cw = self.class_weight
        if cw not in (None, "balanced"):
            cw = {0: float(cw[0]), 1: float(cw[1])}

        def make():
            return SVC(C=self.C, kernel="rbf", gamma=self.gamma_option, class_weight=cw)

        n_splits = int(min(5, np.bincount(y, minlength=2).min()))
        if n_splits >= 2:
            cv = StratifiedKFold(n_splits=n_splits, shuffle=True, random_state=self.seed)
            dec = cross_val_predict(make(), f, y, cv=cv, method="decision_function")
            platt = LogisticRegression(C=1e6).fit(dec.reshape(-1, 1), y)
            a, b = float(platt.coef_[0, 0]), float(platt.intercept_[0])
        else:  # too few tiles of a class for cross-validation: plain logistic of the margin
            a, b = 1.0, 0.0
        svc = make().fit(f, y)
        self.arrays = {
            "support_vectors": np.ascontiguousarray(svc.support_vectors_, dtype=np.float64),
            "dual_coef": np.ascontiguousarray(svc.dual_coef_[0], dtype=np.float64),
            "intercept": np.array([svc.intercept_[0]], dtype=np.float64),
            "gamma": np.array([svc._gamma], dtype=np.float64),
            "platt": np.array([a, b], dtype=np.float64),
            "channel_index": self.channel_index.copy(),
        }
        return self

    # -- prediction -----------------------------------------------------------
    def decision_function(self, x, chunk: int = 4096) -> np.ndarray:
        if not self.arrays:
            raise RuntimeError("the SVM baseline is not fitted")
        f = self.features(x)
        sv = self.arrays["support_vectors"]
        coef = self.arrays["dual_coef"]
        gamma = float(self.arrays["gamma"][0])
        sv_sq = (sv ** 2).sum(1)
        out = np.empty(f.shape[0], dtype=np.float64)
        for s in range(0, f.shape[0], chunk):
            fc = f[s:s + chunk]
            d2 = (fc ** 2).sum(1)[:, None] + sv_sq[None, :] - 2.0 * fc @ sv.T
            out[s:s + chunk] = np.exp(-gamma * np.maximum(d2, 0.0)) @ coef + self.arrays["intercept"][0]
        return out

    def predict_proba(self, x) -> np.ndarray:
        a, b = self.arrays["platt"]
        z = np.clip(a * self.decision_function(x) + b, -50, 50)
        return (1.0 / (1.0 + np.exp(-z))).astype(np.float32)

    # -- (de)serialisation ----------------------------------------------------
    def config(self) -> dict:
        return {"in_channels": self.in_channels, "C": self.C,
                "gamma": self.gamma_option if isinstance(self.gamma_option, str) else float(self.gamma_option),
                "class_weight": (self.class_weight if self.class_weight in (None, "balanced")
                                 else list(map(float, self.class_weight))),
                "seed": self.seed,
                "num_support_vectors": int(self.arrays["support_vectors"].shape[0]) if self.arrays else 0}

    def state_arrays(self) -> Dict[str, np.ndarray]:
        return dict(self.arrays)

    @classmethod
    def from_arrays(cls, config: dict, arrays: Dict[str, np.ndarray]) -> "SVMBaseline":
        need = {"support_vectors", "dual_coef", "intercept", "gamma", "platt", "channel_index"}
        missing = need - set(arrays)
        if missing:
            raise ValueError(f"SVM arrays missing: {', '.join(sorted(missing))}")
        m = cls(arrays["channel_index"], config["in_channels"], C=config.get("C", 1.0),
                gamma=config.get("gamma", "scale"), class_weight=config.get("class_weight"), seed=config.get("seed", 0))
        m.arrays = {k: np.asarray(arrays[k]) for k in need}
        m.arrays["channel_index"] = m.arrays["channel_index"].astype(np.int64)
        sv, coef = m.arrays["support_vectors"], m.arrays["dual_coef"]
        if sv.ndim != 2 or coef.shape != (sv.shape[0],) or sv.shape[1] != m.channel_index.size:
            raise ValueError("SVM arrays have inconsistent shapes")
        if m.channel_index.size and (m.channel_index.min() < 0 or m.channel_index.max() >= m.in_channels):
            raise ValueError("SVM channel index outside the channels")
        return m
