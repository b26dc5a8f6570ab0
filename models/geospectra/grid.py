"""The model's wavelength grid and how any spectrum gets onto it.

GeoSpectra works on one fixed grid: 400–2500 nm every 10 nm (211 samples).  A
spectrum from any instrument is brought onto it by :func:`resample`:

* where the source samples finer than the grid (ASD 1 nm, Nicolet FTIR), the
  grid value is a Gaussian-weighted mean with a 10 nm FWHM (a 10 nm instrument);
* where it samples coarser (AVIRIS, AHSI SWIR, sparse CSV tables), it is linearly
  interpolated between the two neighbouring source samples;
* missing source values (NaN, USGS ``-1.23e34``) are left out and the weights
  renormalised; a grid sample with less than half of its weight on valid data,
  outside the source's range, or inside a gap wider than
  ``max(3 × the local spacing, 40 nm)`` is **masked** (mask 0, value 0).  A
  partial-range spectrum (Nicolet from 1120 nm, a VNIR-only field unit) is
  therefore handled by the mask, not refused.

The weights depend only on the source wavelengths, so they are cached per
wavelength table and a batch sharing one table is one matrix product.

:func:`band_convolve` simulates an imaging sensor (ZY-1 02D AHSI, AVIRIS) from a
finer spectrum with Gaussian spectral response functions.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Tuple

import numpy as np

from ..errors import InputError

GRID_START_NM = 400.0
GRID_STOP_NM = 2500.0
GRID_STEP_NM = 10.0
GRID = np.round(np.arange(GRID_START_NM, GRID_STOP_NM + GRID_STEP_NM / 2, GRID_STEP_NM), 6)
N_GRID = GRID.size  # 211
GRID_FWHM_NM = 10.0
MIN_COVERAGE = 0.5
MISSING_BELOW = -1e30  # USGS deleted-point value is -1.23e34

_FWHM_TO_SIGMA = 1.0 / (2.0 * np.sqrt(2.0 * np.log(2.0)))


def to_nanometres(wavelengths) -> np.ndarray:
    """Wavelengths as float64 nm: a table whose largest value is below 30 is taken as µm."""
    wl = np.asarray(wavelengths, dtype=np.float64).ravel()
    finite = wl[np.isfinite(wl)]
    if finite.size and float(np.max(np.abs(finite))) < 30.0:
        wl = wl * 1000.0
    return wl


def clean_values(values) -> np.ndarray:
    """float64 copy with missing markers (non-finite, -1.23e34) as NaN."""
    v = np.array(values, dtype=np.float64, copy=True)
    v[~np.isfinite(v) | (v < MISSING_BELOW)] = np.nan
    return v


def _local_spacing(wl: np.ndarray) -> np.ndarray:
    d = np.diff(wl)
    if d.size == 0:
        return np.full_like(wl, GRID_STEP_NM)
    left = np.concatenate([[d[0]], d])
    right = np.concatenate([d, [d[-1]]])
    return np.minimum(left, right)


@lru_cache(maxsize=64)
def _weights_cached(key: bytes, n: int) -> np.ndarray:  # pragma: no cover - thin wrapper
    wl = np.frombuffer(key, dtype=np.float64, count=n)
    return _build_weights(wl)


def _build_weights(wl: np.ndarray) -> np.ndarray:
    """(N_GRID, n) float64 weights taking a spectrum sampled at ``wl`` (ascending nm) to the grid."""
    n = wl.size
    W = np.zeros((N_GRID, n), dtype=np.float64)
    if n == 0:
        return W
    spacing = _local_spacing(wl)
    med = float(np.median(spacing)) if n > 1 else GRID_STEP_NM
    lo_edge = wl[0] - 0.5 * spacing[0]
    hi_edge = wl[-1] + 0.5 * spacing[-1]
    idx_right = np.searchsorted(wl, GRID)  # first source index >= g
    for gi, g in enumerate(GRID):
        if g < lo_edge or g > hi_edge:
            continue
        r = int(idx_right[gi])
        li, ri = max(r - 1, 0), min(r, n - 1)
        local = float(spacing[min(max(r, 0), n - 1)])
        if local < GRID_STEP_NM * 0.95:
            sigma = GRID_FWHM_NM * _FWHM_TO_SIGMA
            a = np.searchsorted(wl, g - 2.5 * sigma)
            b = np.searchsorted(wl, g + 2.5 * sigma)
            if b > a:
                x = wl[a:b]
                W[gi, a:b] = np.exp(-0.5 * ((x - g) / sigma) ** 2)
                continue
        # linear interpolation (coarse source) or nearest at the ends
        if li == ri or wl[ri] == wl[li]:
            if abs(wl[li] - g) <= max(0.5 * local, 0.5 * GRID_STEP_NM):
                W[gi, li] = 1.0
            continue
        gap = wl[ri] - wl[li]
        if gap > max(3.0 * med, 40.0):
            continue
        t = (g - wl[li]) / gap
        W[gi, li] = 1.0 - t
        W[gi, ri] = t
    return W


def grid_weights(wavelengths_nm: np.ndarray) -> np.ndarray:
    """Cached resampling weights for an ascending nm wavelength table."""
    wl = np.ascontiguousarray(wavelengths_nm, dtype=np.float64)
    return _weights_cached(wl.tobytes(), wl.size)


def _prepare_axis(wavelengths, values) -> Tuple[np.ndarray, np.ndarray]:
    wl = to_nanometres(wavelengths)
    v = clean_values(values)
    if v.ndim == 1:
        v = v[None, :]
    if wl.size != v.shape[-1]:
        raise InputError(f"{wl.size} wavelengths but {v.shape[-1]} values")
    if np.all(np.diff(wl) > 0):  # already strictly increasing and finite: no copies
        return wl, v
    ok = np.isfinite(wl)
    wl, v = wl[ok], v[:, ok]
    order = np.argsort(wl, kind="stable")
    wl, v = wl[order], v[:, order]
    keep = np.concatenate([[True], np.diff(wl) > 0])  # drop duplicated wavelengths (detector overlaps)
    return wl[keep], v[:, keep]


def resample(wavelengths, values) -> Tuple[np.ndarray, np.ndarray]:
    """``values`` (n,) or (B, n) sampled at ``wavelengths`` → (B, N_GRID) values and mask (float32).

    Masked samples hold 0.  A batch shares one wavelength table.
    """
    wl, v = _prepare_axis(wavelengths, values)
    W = grid_weights(wl)
    valid = np.isfinite(v)
    total = W.sum(axis=1)[None, :]
    if valid.all():  # the common case: one product, in float32
        num = v.astype(np.float32) @ W.T.astype(np.float32)
        den = np.broadcast_to(total, num.shape)
    else:
        vz = np.where(valid, v, 0.0)
        num = vz @ W.T
        den = valid.astype(np.float64) @ W.T
    with np.errstate(invalid="ignore", divide="ignore"):
        coverage = np.where(total > 0, den / np.where(total > 0, total, 1.0), 0.0)
        out = np.where(den > 0, num / np.where(den > 0, den, 1.0), 0.0)
    mask = coverage >= MIN_COVERAGE - 1e-9
    out = np.where(mask, out, 0.0)
    return out.astype(np.float32), mask.astype(np.float32)


def band_convolve(wavelengths, values, centres_nm, fwhm_nm) -> np.ndarray:
    """Simulate a sensor: Gaussian SRFs (centres, FWHM in nm) over a finer spectrum → (B, bands),
    NaN where uncovered."""
    wl, v = _prepare_axis(wavelengths, values)
    c = np.asarray(centres_nm, dtype=np.float64)[:, None]
    s = np.asarray(fwhm_nm, dtype=np.float64)[:, None] * _FWHM_TO_SIGMA
    K = np.exp(-0.5 * ((wl[None, :] - c) / s) ** 2)
    K[np.abs(wl[None, :] - c) > 3 * s] = 0.0
    valid = np.isfinite(v)
    vz = np.where(valid, v, 0.0)
    num = vz @ K.T
    den = valid.astype(np.float64) @ K.T
    total = K.sum(axis=1)[None, :]
    with np.errstate(invalid="ignore", divide="ignore"):
        out = num / den
        cov = den / np.where(total > 0, total, 1.0)
    out[(cov < MIN_COVERAGE) | (total <= 0) | ~np.isfinite(out)] = np.nan
    return out


@lru_cache(maxsize=256)
def _spacing_resolution(key: bytes, n: int) -> float:
    wl = np.sort(np.frombuffer(key, dtype=np.float64, count=n))
    d = np.diff(wl)
    d = d[d > 0]
    return float(np.median(d)) if d.size else GRID_STEP_NM


def native_resolution_nm(wavelengths, fwhm=None) -> float:
    """A scalar resolution of a source table: median FWHM if known, else median sampling interval."""
    if fwhm is not None:
        f = np.asarray(fwhm, dtype=np.float64)
        f = f[np.isfinite(f) & (f > 0)]
        if f.size:
            f = to_nanometres(f) if np.max(f) < 0.5 else f  # µm FWHM tables
            return float(np.median(f))
    wl = np.ascontiguousarray(to_nanometres(wavelengths), dtype=np.float64)
    wl = wl[np.isfinite(wl)]
    return _spacing_resolution(wl.tobytes(), wl.size)


def read_sensor_table(path: Path) -> Tuple[np.ndarray, np.ndarray]:
    """(centres, fwhm) in nm from a ``band,center_nm,fwhm_nm`` CSV (``#`` comments)."""
    rows = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#") or line.lower().startswith("band"):
            continue
        parts = [p.strip() for p in line.split(",")]
        rows.append((float(parts[1]), float(parts[2])))
    arr = np.asarray(rows, dtype=np.float64)
    return arr[:, 0], arr[:, 1]
