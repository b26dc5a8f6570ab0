"""Morphological baseline correction whose structuring element follows the feature width (GeoSpectra).

A grey closing with a flat element longer than an absorption feature fills
the feature in and leaves the slowly varying background; smoothing it with
the same window removes the closing's steps.  GeoSpectra ties the element's
length to the features' full width at half maximum by a quadratic map,
clipped to 5–31 samples: ``size = 3 + w + 0.02 w²`` (w in samples, rounded
to odd), so narrow features get a short element and broad ones a long one.
For peak-like spectra (emission, absorbance) an opening is used instead.
"""
from __future__ import annotations

from typing import Optional

import numpy as np
from scipy.ndimage import grey_closing, grey_opening, uniform_filter1d
from scipy.signal import find_peaks, peak_widths

from ...errors import InputError
from ._util import as_values, fill_gaps, require_valid
from .denoise import estimate_noise_sigma

MIN_SIZE, MAX_SIZE = 5, 31


def feature_width(values, features: str = "absorption", top: int = 5) -> float:
    """Median FWHM (in samples) of the ``top`` most prominent features; 0.0 if there is none."""
    x = as_values(values)
    require_valid(x, 8, "feature width estimation")
    signal = fill_gaps(x)
    if features == "absorption":
        signal = -signal
    elif features != "peak":
        raise InputError(f"features must be 'absorption' or 'peak' (got {features!r})")
    noise = estimate_noise_sigma(x)
    span = float(np.ptp(signal))
    peaks, props = find_peaks(signal, prominence=max(5 * noise, 0.01 * span, 1e-12))
    if peaks.size == 0:
        return 0.0
    widths = peak_widths(signal, peaks, rel_height=0.5)[0]
    strongest = np.argsort(props["prominences"])[::-1][:top]
    return float(np.median(widths[strongest]))


def structuring_element_size(width_samples: float) -> int:
    """Odd element length in [5, 31] from a feature FWHM in samples (quadratic map)."""
    if not np.isfinite(width_samples) or width_samples < 0:
        raise InputError(f"feature width must be a non-negative number (got {width_samples!r})")
    size = int(round(min(max(3.0 + width_samples + 0.02 * width_samples ** 2, MIN_SIZE), MAX_SIZE)))
    if size % 2 == 0:
        size = size + 1 if size < MAX_SIZE else size - 1
    return size


def morphological_baseline(values, size: Optional[int] = None, features: str = "absorption") -> np.ndarray:
    """The background under the features; ``size`` None follows the feature width."""
    x = as_values(values)
    valid = require_valid(x, 8, "baseline correction")
    if features not in ("absorption", "peak"):
        raise InputError(f"features must be 'absorption' or 'peak' (got {features!r})")
    if size is None:
        size = structuring_element_size(feature_width(x, features))
    if not isinstance(size, (int, np.integer)) or size < 3 or size % 2 == 0 or size > x.size:
        raise InputError(f"structuring element must be an odd integer from 3 to {x.size} samples (got {size!r})")
    filled = fill_gaps(x)
    envelope = grey_closing(filled, size=int(size)) if features == "absorption" \
        else grey_opening(filled, size=int(size))
    baseline = uniform_filter1d(envelope, int(size), mode="nearest")
    baseline[~valid] = np.nan
    return baseline


def baseline_correct(values, size: Optional[int] = None, features: str = "absorption",
                     mode: str = "subtract") -> np.ndarray:
    """``values − baseline`` (or ``values / baseline`` with ``mode='divide'``)."""
    x = as_values(values)
    baseline = morphological_baseline(x, size, features)
    if mode == "subtract":
        return x - baseline
    if mode == "divide":
        if np.any(baseline[np.isfinite(baseline)] <= 0):
            raise InputError("baseline division needs a positive baseline (use mode='subtract')")
        return x / baseline
    raise InputError(f"mode must be 'subtract' or 'divide' (got {mode!r})")
