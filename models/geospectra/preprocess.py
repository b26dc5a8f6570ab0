"""GeoSpectra's fixed (numpy) preprocessing on the model grid, shared by training and inference.

* :func:`fill_masked` — masked samples get the nearest valid value (so filters and
  morphology see no artificial steps); the mask travels alongside.
* :func:`snr_db` — signal-to-noise estimate: RMS of the spectrum over the
  robust noise level of the finest wavelet detail coefficients
  (σ = median|d₁| / 0.6745, Donoho & Johnstone).
* :func:`wavelet_denoise` — PyWavelets ``db2`` decomposition whose **level (1–6)
  is chosen from that SNR** (lower SNR → deeper decomposition:
  ``level = clip(round(1 + (40 − SNR_dB) / 7), 1, 6)``), soft universal
  threshold on every detail level.  Batched: spectra are grouped by level.
* :func:`spectrum_statistics` — the spectrum-statistics half of the instrument
  fingerprint.
* :func:`continuum_removed_grid` — convex-hull continuum removal on the grid
  (used by the spectral-angle baseline).

The morphological baseline correction lives in the network (``network.py``)
because it is batched with ``max_pool1d``; its structuring-element rule is
documented there.
"""
from __future__ import annotations

from typing import Dict, Tuple

import numpy as np

from .grid import GRID, N_GRID

WAVELET = "db2"
MIN_LEVEL, MAX_LEVEL = 1, 6
_SEGMENTS = 8


def fill_masked(x: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Copy of ``x`` (B, L) with masked samples replaced by the nearest valid sample (0 if none)."""
    x = np.asarray(x, dtype=np.float32)
    m = np.asarray(mask) > 0.5
    out = x.copy()
    L = x.shape[1]
    idx = np.arange(L)
    for b in np.nonzero(~m.all(axis=1))[0]:
        valid = np.nonzero(m[b])[0]
        if valid.size == 0:
            out[b] = 0.0
            continue
        pos = np.searchsorted(valid, idx)
        left = valid[np.clip(pos - 1, 0, valid.size - 1)]
        right = valid[np.clip(pos, 0, valid.size - 1)]
        nearest = np.where(np.abs(idx - left) <= np.abs(right - idx), left, right)
        out[b] = x[b, nearest]
    return out


def _finest_detail(xf: np.ndarray) -> np.ndarray:
    import pywt

    _, d1 = pywt.dwt(xf, WAVELET, mode="symmetric", axis=-1)
    return d1


def noise_sigma(xf: np.ndarray) -> np.ndarray:
    d1 = _finest_detail(np.asarray(xf, dtype=np.float64))
    return np.median(np.abs(d1), axis=-1) / 0.6745


def snr_db(xf: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """SNR estimate in dB per spectrum (filled values ``xf``, mask)."""
    m = np.asarray(mask) > 0.5
    n = np.maximum(m.sum(axis=1), 1)
    rms = np.sqrt((np.where(m, xf, 0.0) ** 2).sum(axis=1) / n)
    sigma = noise_sigma(xf)
    with np.errstate(divide="ignore"):
        snr = 20.0 * np.log10(np.maximum(rms, 1e-12) / np.maximum(sigma, 1e-12))
    return np.clip(snr, -20.0, 80.0).astype(np.float32)


def wavelet_level(snr: np.ndarray) -> np.ndarray:
    return np.clip(np.round(1.0 + (40.0 - np.asarray(snr, dtype=np.float64)) / 7.0), MIN_LEVEL, MAX_LEVEL).astype(int)


THRESHOLD_RULE = "bayes"  # "bayes" (BayesShrink, per level) or "universal" (VisuShrink)


def wavelet_denoise(xf: np.ndarray, snr: np.ndarray, rule: str = None) -> Tuple[np.ndarray, np.ndarray]:
    """Soft-threshold wavelet denoising with an SNR-dependent level; returns (denoised, level).

    ``bayes``: BayesShrink, an adaptive threshold per spectrum and level,
    T = σ² / σ_x with σ_x² = max(mean(d²) − σ², 0) (every coefficient of a level
    with no signal above the noise is removed); ``universal``: T = σ·√(2 ln n).
    """
    import pywt

    rule = rule or THRESHOLD_RULE
    xf = np.asarray(xf, dtype=np.float64)
    levels = wavelet_level(snr)
    out = np.empty_like(xf)
    sigma = noise_sigma(xf)
    L = xf.shape[1]
    for level in np.unique(levels):
        rows = np.nonzero(levels == level)[0]
        coeffs = pywt.wavedec(xf[rows], WAVELET, mode="symmetric", level=int(level), axis=-1)
        sig = sigma[rows][:, None]
        new = [coeffs[0]]
        for c in coeffs[1:]:
            if rule == "universal":
                thr = sig * np.sqrt(2.0 * np.log(L))
            else:
                sx = np.sqrt(np.maximum((c ** 2).mean(axis=1, keepdims=True) - sig ** 2, 0.0))
                thr = np.where(sx > 1e-12, sig ** 2 / np.maximum(sx, 1e-12), np.abs(c).max(axis=1, keepdims=True))
            new.append(np.sign(c) * np.maximum(np.abs(c) - thr, 0.0))
        rec = pywt.waverec(new, WAVELET, mode="symmetric", axis=-1)
        out[rows] = rec[:, :L]
    return out.astype(np.float32), levels


def spectrum_statistics(xf: np.ndarray, mask: np.ndarray, snr: np.ndarray) -> np.ndarray:
    """(B, 8 + _SEGMENTS) statistics: mean, std, min, max, slope, SNR/40, valid fraction, curvature, segment means."""
    m = np.asarray(mask) > 0.5
    n = np.maximum(m.sum(axis=1), 1)
    xm = np.where(m, xf, 0.0)
    mean = xm.sum(axis=1) / n
    std = np.sqrt(np.maximum((np.where(m, xf - mean[:, None], 0.0) ** 2).sum(axis=1) / n, 0.0))
    big = np.where(m, xf, np.inf)
    small = np.where(m, xf, -np.inf)
    mn = np.where(np.isfinite(big.min(axis=1)), big.min(axis=1), 0.0)
    mx = np.where(np.isfinite(small.max(axis=1)), small.max(axis=1), 0.0)
    t = (GRID - GRID.mean()) / (GRID.max() - GRID.min())
    tc = np.where(m, t[None, :] - (np.where(m, t[None, :], 0).sum(axis=1) / n)[:, None], 0.0)
    slope = (tc * xm).sum(axis=1) / np.maximum((tc ** 2).sum(axis=1), 1e-6)
    curv = np.abs(np.diff(xf, 2, axis=1)).mean(axis=1) * 10.0
    seg = np.array_split(np.arange(N_GRID), _SEGMENTS)
    segs = []
    for s in seg:
        ms = m[:, s]
        segs.append(np.where(ms.any(axis=1), (xm[:, s]).sum(axis=1) / np.maximum(ms.sum(axis=1), 1), 0.0))
    feats = np.stack([mean, std, mn, mx, slope, np.asarray(snr) / 40.0, m.mean(axis=1), curv] + segs, axis=1)
    return np.nan_to_num(feats.astype(np.float32), nan=0.0, posinf=0.0, neginf=0.0)


N_STATS = 8 + _SEGMENTS


def continuum_removed_grid(x: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Convex-hull continuum removal of (B, L) grid spectra over their valid samples (masked → 1)."""
    x = np.asarray(x, dtype=np.float64)
    m = np.asarray(mask) > 0.5
    out = np.ones_like(x)
    for b in range(x.shape[0]):
        idx = np.nonzero(m[b])[0]
        if idx.size < 3:
            continue
        px, py = GRID[idx], x[b, idx]
        hull = []
        for i in range(idx.size):  # upper hull, monotone chain
            while len(hull) >= 2:
                i1, i2 = hull[-2], hull[-1]
                cross = (px[i2] - px[i1]) * (py[i] - py[i1]) - (py[i2] - py[i1]) * (px[i] - px[i1])
                if cross >= 0:
                    hull.pop()
                else:
                    break
            hull.append(i)
        cont = np.interp(px, px[hull], py[hull])
        with np.errstate(divide="ignore", invalid="ignore"):
            out[b, idx] = np.where(cont > 1e-9, py / cont, 1.0)
    return out.astype(np.float32)


def prepare_arrays(x: np.ndarray, mask: np.ndarray, denoise: bool = True, rule: str = None) -> Dict[str, np.ndarray]:
    """Grid values + mask → everything the network takes (except instrument ids/metadata)."""
    xf = fill_masked(x, mask)
    snr = snr_db(xf, mask)
    if denoise:
        xd, level = wavelet_denoise(xf, snr, rule)
    else:
        xd, level = xf.astype(np.float32), np.zeros(len(xf), dtype=int)
    stats = spectrum_statistics(xd, mask, snr)
    return {"x": xd.astype(np.float32), "raw": xf.astype(np.float32), "mask": np.asarray(mask, dtype=np.float32),
            "stats": stats, "snr": snr, "level": level}
