"""Convex-hull continuum removal: the geologist's standard view of absorption features.

The continuum is the upper convex hull of the spectrum (straight segments
touching it from above); dividing by it leaves 1.0 outside features and the
band depth ``1 − CR`` inside them, independent of overall brightness.
"""
from __future__ import annotations

from typing import Tuple

import numpy as np

from ...errors import InputError
from ._util import as_axis, as_values, require_valid


def upper_hull(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Indices of the upper convex hull of points sorted by ``x`` (Andrew's monotone chain)."""
    hull: list = []
    for i in range(x.size):
        while len(hull) >= 2:
            a, b = hull[-2], hull[-1]
            # drop b if it lies on or below the segment a→i
            if (x[b] - x[a]) * (y[i] - y[a]) - (y[b] - y[a]) * (x[i] - x[a]) >= 0:
                hull.pop()
            else:
                break
        hull.append(i)
    return np.asarray(hull, dtype=int)


def convex_hull_continuum(values, wavelengths) -> np.ndarray:
    """The hull continuum on ``wavelengths`` (NaN outside the valid range)."""
    v = as_values(values)
    wl = as_axis(wavelengths)
    if v.size != wl.size:
        raise InputError(f"{v.size} values but {wl.size} wavelengths")
    valid = require_valid(v, 2, "continuum removal")
    xv, yv = wl[valid], v[valid]
    hull = upper_hull(xv, yv)
    continuum = np.interp(wl, xv[hull], yv[hull])
    continuum[(wl < xv[0]) | (wl > xv[-1])] = np.nan
    return continuum


def continuum_removed(values, wavelengths) -> np.ndarray:
    """``values / continuum``; needs positive values (reflectance-like)."""
    v = as_values(values)
    continuum = convex_hull_continuum(v, wavelengths)
    if np.any(continuum[np.isfinite(continuum)] <= 0):
        raise InputError("continuum removal needs a positive spectrum (reflectance); its hull touches zero")
    with np.errstate(invalid="ignore"):
        return v / continuum


def deepest_feature(values, wavelengths, lo: float, hi: float) -> Tuple[float, float]:
    """(wavelength, band depth 1 − CR) of the continuum-removed minimum within [lo, hi]."""
    wl = as_axis(wavelengths)
    cr = continuum_removed(values, wl)
    window = (wl >= lo) & (wl <= hi) & np.isfinite(cr)
    if not window.any():
        raise InputError(f"no valid value between {lo:g} and {hi:g}")
    i = np.flatnonzero(window)[np.argmin(cr[window])]
    return float(wl[i]), float(1.0 - cr[i])
