"""Dark surfaces: image pixels too dark for VNIR–SWIR mineralogy.

A pixel whose 95th-percentile reflectance (over its valid bands, 0–1) is below :data:`DARK_P95`
reflects less than 8 % of the light anywhere in 400–2500 nm.  Such pixels are shadow, water, coal,
burnt ground or opaque minerals, which VNIR–SWIR cannot tell apart: an absorption of a few per cent
of a 0.03 reflectance is at the noise level of an airborne sensor.  GeoSpectra named the dark pixels
of a real AVIRIS-NG coal-mining tile (``../shared/data/aviris_ng_tiles``, ``…4200-4210_70-80``)
pyrite, chalcopyrite, ulexite, carnallite and apatite at 10–20 % — a guess, not an answer.

Measured on the USGS library (``python scripts/dark_check.py``, every splib07a ASD / Beckman / AVIRIS
spectrum with 20 or more samples in 400–2500 nm): the mineral spectra below the threshold (about 3.5 %
of chapter M) are all opaque minerals — carbon black, magnetite, galena, chalcopyrite, ilmenite,
psilomelane, pyrrhotite, cassiterite, allanite, pyrite — whose spectra are dark and flat; the others
are marsh water and covellite–pyrite mixtures.  The mineral map gives such pixels a class of their own
(:mod:`.mineral_map`) instead of a mineral name.
"""
from __future__ import annotations

from typing import Optional

import numpy as np

from ..spectra.units import own_units, shown_unit  # one unit rule for image strips and files

DARK_P95 = 0.08
DARK_LABEL = "dark surface"


def p95_reflectance(refl: np.ndarray) -> np.ndarray:
    """(P, bands) values, NaN = missing → the 95th percentile of each row's valid values (NaN when none).

    A sort, not ``nanpercentile`` (which is a hundred times slower row by row); NaN sorts last."""
    refl = np.atleast_2d(np.asarray(refl))
    srt = np.sort(refl, axis=1)
    n = np.isfinite(refl).sum(axis=1)
    pos = np.clip(np.floor(0.95 * (n - 1)).astype(int), 0, max(refl.shape[1] - 1, 0))
    p95 = np.take_along_axis(srt, pos[:, None], axis=1)[:, 0] if refl.size else np.zeros(0)
    return np.where(n > 0, p95, np.nan)


def reflectance_divisors(p95: np.ndarray, one_unit: bool = True, floor=1.0) -> np.ndarray:
    """(P,) 95th percentiles of pixels in physical units → each pixel's divisor to reflectance 0–1.

    A pixel above 200 is ×10000 and one above 2 percent or ×10000; fraction, percent and ×10000 files alike hold
    dark pixels below those marks, so when the rows share ``one_unit`` (a strip of an image: one file has one
    unit) a pixel takes the largest unit that at least 5 % of them show — a coal seam at reflectance 0.01 stored
    as 100 is ×10000 when the ground around it is, not percent — and never less than ``floor`` (the unit a
    sample of the whole image shows: a strip that is dark from edge to edge has no bright pixel to tell it).
    Otherwise (spectra of several files) each row is judged alone, never below its own ``floor`` (the unit its
    file shows, ``models.spectra.units.file_unit``)."""
    own = own_units(p95)
    if not one_unit:
        return np.maximum(own, floor)  # (P,) floors: the unit each row's file shows (identification)
    return np.maximum(own, max(shown_unit(p95), floor))


def to_reflectance(values: np.ndarray, with_p95: bool = False, one_unit: bool = True, floor=1.0):
    """Pixels × bands (NaN = missing) in physical units → reflectance 0–1: the unit guess of the mineral map
    (rows of one image, ``one_unit``, at least the image's ``floor``) and of identified spectra (rows of several
    files) alike, :func:`reflectance_divisors`; ``with_p95`` also returns each row's 95th percentile in
    reflectance, for :func:`dark` without a second sort."""
    values = np.atleast_2d(values)
    p95 = p95_reflectance(values)
    div = reflectance_divisors(p95, one_unit, floor)
    out = values / div[:, None].astype(values.dtype)
    return (out, p95 / div) if with_p95 else out


def dark(refl: np.ndarray, p95: Optional[np.ndarray] = None) -> np.ndarray:
    """(P,) bool: reflectance (0–1) rows whose 95th percentile (``p95`` when known) is below :data:`DARK_P95`."""
    with np.errstate(invalid="ignore"):
        return (p95_reflectance(refl) if p95 is None else p95) < DARK_P95


DARK_WARNING = ("dark (reflectance below 0.08 everywhere): shadow, water, coal and opaque minerals look alike in "
                "400–2500 nm; the mineral names are unreliable")


def looks_dark(values, floor: float = 1.0) -> bool:
    """One spectrum in reflectance 0–1, percent or ×10000 (told apart by its 95th percentile, as the mineral map
    does, and at least ``floor``, the unit its file shows) below :data:`DARK_P95`."""
    v = np.asarray(values, np.float64)
    v = v[np.isfinite(v)]
    return bool(v.size) and bool(dark(*to_reflectance(v[None, :], with_p95=True, floor=floor))[0])
