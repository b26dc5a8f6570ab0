"""Which channels drive a trained model: importance on the validation split.

The drop of the validation ROC AUC (per pixel for node-level models, per tile otherwise) when a
channel's information is removed:

* a geology channel (no wavelength) is shuffled across all validation nodes (permutation
  importance: its link with the labels goes, its distribution stays);
* around a spectral band, the bands within ±30 nm are bridged by a straight line (in reflectance)
  between the nearest bands outside that window — an absorption centred there is taken out and
  every spectrum stays a plausible one. Shuffling single bands instead puts one pixel's brightness
  into another's spectrum (every band then looks vital to a model that reads spectral shape), and
  removing one band alone leaves its neighbours carrying the same feature (every band looks useless).

A geologist can then check that the map looks at the 830 nm and 2200–2350 nm features and the
geology, not at noise.
"""
from __future__ import annotations

from typing import Dict, List

import numpy as np

from .metrics import roc_auc
from .networks import predict_proba


def _score(model, x: np.ndarray, y_tile: np.ndarray, y_node) -> float:
    p = predict_proba(model, x)
    if p.ndim == 2 and y_node is not None:
        keep = y_node >= 0
        return float(roc_auc(y_node[keep], p[keep]))
    return float(roc_auc(y_tile, p.max(1) if p.ndim == 2 else p))


WINDOW_NM = 30.0  # half-width of the wavelength window taken out around each band


def _windows(wavelengths) -> Dict[int, tuple]:
    """For each spectral channel: (channels within ±WINDOW_NM of it, the nearest channel below and
    above the window, or None) — the window is bridged by a straight line between those two."""
    spectral = sorted((w, i) for i, w in enumerate(wavelengths) if w is not None)
    out = {}
    for w0, i in spectral:
        inside = [j for w, j in spectral if abs(w - w0) <= WINDOW_NM]
        below = [(w, j) for w, j in spectral if w < w0 - WINDOW_NM]
        above = [(w, j) for w, j in spectral if w > w0 + WINDOW_NM]
        out[i] = (inside, below[-1] if below else None, above[0] if above else None)
    return out


def _without(x: np.ndarray, c: int, data, windows, rng) -> np.ndarray:
    out = x.copy()
    if c not in windows:  # a geology layer: shuffled
        out[:, :, c] = rng.permutation(x[:, :, c].reshape(-1)).reshape(x.shape[:2])
        return out
    inside, lo, hi = windows[c]
    ends = [e for e in (lo, hi) if e is not None]
    if not ends:
        return out
    std = np.where(data.std > 0, data.std, 1.0)
    phys = {j: x[:, :, j] * std[j] + data.mean[j] for _, j in ends}
    for j in inside:
        w = data.wavelengths_nm[j]
        if len(ends) == 2:
            t = (w - lo[0]) / (hi[0] - lo[0])
            value = phys[lo[1]] * (1 - t) + phys[hi[1]] * t
        else:
            value = phys[ends[0][1]]
        out[:, :, j] = (value - data.mean[j]) / std[j]
    return out


def permutation_importance(model, data, val_idx, seed: int = 0, max_tiles: int = 600) -> List[Dict[str, float]]:
    """``[{channel, wavelength_nm, drop, how}]`` sorted by drop (largest first); ``data`` a TrainingData."""
    rng = np.random.default_rng(seed)
    idx = np.asarray(val_idx)
    max_tiles = min(max_tiles, getattr(model, "importance_tiles", max_tiles))  # a slow model asks for fewer
    if idx.size > max_tiles:  # enough for a stable ranking, bounded time
        idx = np.sort(rng.choice(idx, max_tiles, replace=False))
    x = np.ascontiguousarray(data.x[idx])
    y_node = data.node_y[idx] if getattr(data, "node_y", None) is not None else None
    y_tile = data.y[idx]
    if np.unique(y_tile).size < 2:
        return []
    base = _score(model, x, y_tile, y_node)
    windows = _windows(data.wavelengths_nm)
    out = []
    for c, name in enumerate(data.channel_names):
        how = f"±{WINDOW_NM:g} nm bridged" if c in windows else "shuffled"
        out.append({"channel": name, "wavelength_nm": data.wavelengths_nm[c], "how": how,
                    "drop": round(base - _score(model, _without(x, c, data, windows, rng), y_tile, y_node), 5)})
    return sorted(out, key=lambda r: -r["drop"])
