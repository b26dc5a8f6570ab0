"""Resampling a spectrum onto another wavelength grid.

Going to a coarser sensor (target bands given by centre and FWHM) convolves
with each band's Gaussian response, as the sensor itself would integrate the
light; when the source's own FWHM is known only the missing blur
``sqrt(FWHM_t² − FWHM_s²)`` is added.  Where the kernel would be narrower than
two source samples (a finer grid, or no FWHM given) the spectrum is
interpolated instead (linear, or cubic spline as GeoSpectra's calibration
step).  Missing channels are never invented: a target value next to a NaN
is NaN, a band whose response falls mostly on missing channels is NaN.
"""
from __future__ import annotations

import numpy as np
from scipy.interpolate import CubicSpline

from ...errors import InputError
from ..spectrum import Spectrum
from ._util import as_axis, as_values

_FWHM_TO_SIGMA = 1.0 / (2.0 * np.sqrt(2.0 * np.log(2.0)))


def _linear(v: np.ndarray, wl: np.ndarray, t: np.ndarray) -> np.ndarray:
    out = np.full(t.size, np.nan)
    inside = (t >= wl[0]) & (t <= wl[-1])
    if not inside.any():
        return out
    ti = t[inside]
    j = np.clip(np.searchsorted(wl, ti, side="right") - 1, 0, wl.size - 2)
    frac = (ti - wl[j]) / (wl[j + 1] - wl[j])
    with np.errstate(invalid="ignore"):
        mixed = v[j] * (1.0 - frac) + v[j + 1] * frac
    out[inside] = np.where(frac == 0, v[j], np.where(frac == 1, v[j + 1], mixed))
    return out


def _cubic(v: np.ndarray, wl: np.ndarray, t: np.ndarray) -> np.ndarray:
    out = _linear(v, wl, t)
    valid = np.flatnonzero(np.isfinite(v))
    runs = np.split(valid, np.flatnonzero(np.diff(valid) > 1) + 1) if valid.size else []
    for run in runs:
        if run.size < 4:
            continue
        inside = (t >= wl[run[0]]) & (t <= wl[run[-1]])
        if inside.any():
            out[inside] = CubicSpline(wl[run], v[run])(t[inside])
    return out


def _convolve(v: np.ndarray, wl: np.ndarray, centres: np.ndarray, kernel_fwhm: np.ndarray,
              min_coverage: float) -> np.ndarray:
    d = np.diff(wl)
    dlam = np.concatenate([[d[0] / 2], (d[:-1] + d[1:]) / 2, [d[-1] / 2]])
    valid = np.isfinite(v)
    filled = np.where(valid, v, 0.0)
    out = np.full(centres.size, np.nan)
    for k, (c, f) in enumerate(zip(centres, kernel_fwhm)):
        sigma = f * _FWHM_TO_SIGMA
        lo, hi = np.searchsorted(wl, [c - 4 * sigma, c + 4 * sigma])
        if hi <= lo:
            continue
        w = np.exp(-0.5 * ((wl[lo:hi] - c) / sigma) ** 2) * dlam[lo:hi]
        wv = w * valid[lo:hi]
        total = wv.sum()
        if total > 0 and total / (sigma * np.sqrt(2 * np.pi)) >= min_coverage:
            out[k] = float(np.dot(wv, filled[lo:hi]) / total)
    return out


def resample(values, wavelengths, target, target_fwhm=None, *, source_fwhm=None, method: str = "linear",
             min_coverage: float = 0.5, allow_disjoint: bool = False) -> np.ndarray:
    """Values of a spectrum on the ``target`` wavelengths (same unit as ``wavelengths``).

    ``target_fwhm`` (scalar or per band) switches on Gaussian band-response
    convolution for bands broader than two source samples; ``source_fwhm``
    (scalar or per source sample) is the source's own resolution;
    ``min_coverage`` is the share of a band's response that must fall on valid
    source samples.  Returns NaN outside the source range.
    """
    v = as_values(values)
    wl = as_axis(wavelengths)
    t = as_axis(target, "target wavelengths")
    if v.size != wl.size:
        raise InputError(f"{v.size} values but {wl.size} wavelengths")
    if method not in ("linear", "cubic"):
        raise InputError(f"unknown interpolation method {method!r} (linear or cubic)")
    if not 0 < min_coverage <= 1:
        raise InputError("min_coverage must be in (0, 1]")
    valid = np.isfinite(v)
    if not valid.any():
        raise InputError("the spectrum has no valid value to resample")
    lo, hi = wl[valid][0], wl[valid][-1]
    if (t[-1] < lo or t[0] > hi) and not allow_disjoint:
        raise InputError(f"target grid {t[0]:g}–{t[-1]:g} does not overlap the spectrum's {lo:g}–{hi:g}")
    interpolate = _cubic if method == "cubic" else _linear
    if target_fwhm is None:
        return interpolate(v, wl, t)
    ft = np.broadcast_to(np.asarray(target_fwhm, dtype=np.float64), t.shape).copy()
    if np.any(~np.isfinite(ft)) or np.any(ft <= 0):
        raise InputError("target FWHM must be positive")
    fs = np.zeros_like(ft)
    if source_fwhm is not None:
        sf = np.broadcast_to(np.asarray(source_fwhm, dtype=np.float64), wl.shape)
        if np.any(~np.isfinite(sf)) or np.any(sf < 0):
            raise InputError("source FWHM must be finite and not negative")
        fs = np.interp(t, wl, sf)
    kernel = np.sqrt(np.maximum(ft ** 2 - fs ** 2, 0.0))
    step = np.interp(t, 0.5 * (wl[1:] + wl[:-1]), np.diff(wl))
    conv = kernel >= 2 * step
    out = np.full(t.size, np.nan)
    if (~conv).any():
        out[~conv] = interpolate(v, wl, t[~conv])
    if conv.any():
        out[conv] = _convolve(v, wl, t[conv], kernel[conv], min_coverage)
    return out


def resample_spectrum(spectrum: Spectrum, target, target_fwhm=None, *, method: str = "linear",
                      min_coverage: float = 0.5) -> Spectrum:
    """:func:`resample` for a :class:`Spectrum` (its own FWHM used when known); metadata records it."""
    values = resample(spectrum.values, spectrum.wavelengths, target, target_fwhm,
                      source_fwhm=spectrum.fwhm, method=method, min_coverage=min_coverage)
    t = np.asarray(target, dtype=np.float64)
    fwhm = None if target_fwhm is None else np.broadcast_to(np.asarray(target_fwhm, float), t.shape).copy()
    meta = dict(spectrum.metadata, resampled_from=f"{spectrum.n_bands} bands "
                f"{spectrum.wavelengths[0]:g}–{spectrum.wavelengths[-1]:g} nm")
    return spectrum.replace(values=values, wavelengths=t, fwhm=fwhm, auxiliary={}, metadata=meta)
