"""The node GCN and per-pixel gradient boosting as one map: the mean of their ranks.

Measured on areas neither model saw (README, ``scripts/blend_check.py``), the two pixel models fail in
different places: the node GCN leads on the sample area's layouts, gradient boosting on the independent
generator's scenes, and the mean of their ranks within a map is as good as the better one on each and
best against the background on both.  A rank within one map needs the whole map, which windowed and
cluster prediction never hold, so ranks here are taken against the **training area**: each member's
probability becomes its share of the training area's pixels scoring lower (a quantile table per member,
stored in the model file), the two shares are averaged, and the average is mapped back through its own
quantile table and the node GCN's, so that on the training area the blend has exactly the node GCN's
distribution of probabilities (0.5 covers as much ground as it did) and the order of the mean rank.
Ranks against the training area order a new area's pixels as ranks within its own map do (the same AUCs
to the third decimal on both generators, against ``scripts/blend_check.py``'s ranks within each map).

Pixel-local, so it works tile by tile like any node model: the uncertainty map is the spread of the
Monte-Carlo dropout passes of the node GCN pushed through the same blend (gradient boosting has none).
"""
from __future__ import annotations

from typing import Any, Dict

import numpy as np

QUANTILES = 1025  # table size: ranks to 1/1024 of the training area


class RankBlend:
    """Mean rank of a node GCN and a :class:`.boosting.PixelBoosting`, on the node GCN's probability scale."""

    arch = "blend"
    node_level = True
    importance_tiles = 200  # the trees are walked on every permuted copy: fewer tiles keep importance to seconds

    def __init__(self, node, gbt, quantiles: np.ndarray):
        self.node, self.gbt = node, gbt
        self.quantiles = check_quantiles(quantiles)
        self.in_channels = getattr(node, "in_channels", None)

    @classmethod
    def fit(cls, node, gbt, x: np.ndarray) -> "RankBlend":
        """Tables from the members' pixel probabilities on tiles ``x`` ``[N, n, C]`` (the reference area)."""
        return cls.from_probabilities(node, gbt, *member_probabilities(node, gbt, x))

    @classmethod
    def from_probabilities(cls, node, gbt, p_node: np.ndarray, p_gbt: np.ndarray) -> "RankBlend":
        """Tables from the members' probabilities on the reference pixels (any shape, the same for both)."""
        p_node, p_gbt = np.ravel(p_node), np.asarray(p_gbt, np.float64).ravel()
        levels = np.linspace(0.0, 1.0, QUANTILES)
        q_node, q_gbt = np.quantile(p_node, levels), np.quantile(p_gbt, levels)
        mean = (_rank(p_node, q_node) + _rank(p_gbt, q_gbt)) / 2
        return cls(node, gbt, np.stack([q_node, q_gbt, np.quantile(mean, levels)]))

    def config(self) -> Dict[str, Any]:
        return {"node": self.node.config(), "gbt": self.gbt.config(), "quantiles": int(self.quantiles.shape[1])}

    def to(self, device):
        self.node = self.node.to(device)
        return self

    # -- prediction -------------------------------------------------------------
    def combine(self, p_node: np.ndarray, p_gbt: np.ndarray) -> np.ndarray:
        """Members' probabilities (same shape) → the blend's."""
        q_node, q_gbt, q_mean = self.quantiles
        mean = (_rank(p_node, q_node) + _rank(p_gbt, q_gbt)) / 2
        return np.interp(_rank(mean, q_mean), np.linspace(0.0, 1.0, q_node.size), q_node).astype(np.float32)

    def predict_proba(self, x) -> np.ndarray:
        """``[N, n]`` for normalised tiles ``[N, n, C]``."""
        return self.combine(*member_probabilities(self.node, self.gbt, x))

    def mc_probabilities(self, x, samples: int = 8):
        """(mean, std) over ``samples`` Monte-Carlo dropout passes of the node GCN, each blended."""
        from .node import mc_node_passes

        x = np.asarray(x, np.float32)
        p_gbt = self.gbt.predict_proba(x)
        passes = np.stack([self.combine(p, p_gbt) for p in mc_node_passes(self.node, x, samples)])
        return passes.mean(0).astype(np.float32), passes.std(0, ddof=1).astype(np.float32)

    # -- (de)serialisation --------------------------------------------------------
    def state_arrays(self) -> Dict[str, np.ndarray]:
        return {"quantiles": self.quantiles}


def member_probabilities(node, gbt, x):
    """The node GCN's and gradient boosting's pixel probabilities ``[N, n]`` on normalised tiles ``x``."""
    from .networks import predict_proba

    x = np.asarray(x, np.float32)
    return predict_proba(node, x), gbt.predict_proba(x)


def _rank(p: np.ndarray, q: np.ndarray) -> np.ndarray:
    """Share of the reference pixels scoring below ``p`` (linear between the table's entries); a value the
    table holds several times gets the middle of their shares (ground of one score is not pushed up)."""
    values, which = np.unique(q, return_inverse=True)
    shares = np.bincount(which, np.linspace(0.0, 1.0, q.size)) / np.bincount(which)
    return np.interp(np.asarray(p, np.float64), values, shares)


def check_quantiles(q) -> np.ndarray:
    """(3, Q) float64, finite, in [0, 1], non-decreasing along each row; ValueError otherwise."""
    q = np.asarray(q, np.float64)
    if q.ndim != 2 or q.shape[0] != 3 or q.shape[1] < 2:
        raise ValueError(f"blend quantile tables must be 3 rows of at least 2 values, got shape {q.shape}")
    if not np.isfinite(q).all() or q.min() < 0.0 or q.max() > 1.0 or np.any(np.diff(q, axis=1) < 0):
        raise ValueError("blend quantile tables must be finite, within [0, 1] and non-decreasing")
    return q
