"""Input checks shared by the preprocessing steps (typed errors, NaN/masked handling)."""
from __future__ import annotations

import numpy as np

from ...errors import InputError


def as_values(values, name: str = "values") -> np.ndarray:
    """1-D float64 copy; masked entries and ±inf become NaN."""
    if isinstance(values, np.ma.MaskedArray):
        values = np.ma.filled(values.astype(np.float64), np.nan)
    try:
        x = np.array(values, dtype=np.float64)
    except (TypeError, ValueError):
        raise InputError(f"{name} must be numbers")
    if x.ndim != 1:
        raise InputError(f"{name} must be a 1-D array (got shape {x.shape})")
    x[~np.isfinite(x)] = np.nan
    return x


def as_axis(wavelengths, name: str = "wavelengths") -> np.ndarray:
    """1-D float64, finite and strictly increasing."""
    w = as_values(wavelengths, name)
    if w.size < 2:
        raise InputError(f"{name} need at least 2 entries")
    if np.any(~np.isfinite(w)) or np.any(np.diff(w) <= 0):
        raise InputError(f"{name} must be finite and strictly increasing")
    return w


def require_valid(x: np.ndarray, minimum: int, what: str) -> np.ndarray:
    """Mask of finite entries; refuses fewer than ``minimum``."""
    valid = np.isfinite(x)
    if int(valid.sum()) < minimum:
        raise InputError(f"{what} needs at least {minimum} valid (non-NaN) values, got {int(valid.sum())}")
    return valid


def fill_gaps(x: np.ndarray) -> np.ndarray:
    """NaNs replaced by linear interpolation over the sample index (edges held constant)."""
    valid = np.isfinite(x)
    if valid.all():
        return x.copy()
    idx = np.arange(x.size)
    return np.interp(idx, idx[valid], x[valid])
