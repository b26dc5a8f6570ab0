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

import numpy as np

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


def to_reflectance(values: np.ndarray) -> np.ndarray:
    """Pixels × bands in physical units → reflectance 0–1: a row whose 95th percentile exceeds 200 is read as
    ×10000, above 2 as percent (the unit guess of the mineral map and of identified spectra alike)."""
    values = np.atleast_2d(values)
    p95 = p95_reflectance(values)
    out = values.copy()
    with np.errstate(invalid="ignore"):
        out[p95 > 200.0] /= 10000.0
        out[(p95 > 2.0) & (p95 <= 200.0)] /= 100.0
    return out


def dark(refl: np.ndarray) -> np.ndarray:
    """(P,) bool: reflectance (0–1) rows whose 95th percentile is below :data:`DARK_P95`."""
    with np.errstate(invalid="ignore"):
        return p95_reflectance(refl) < DARK_P95


DARK_WARNING = ("dark (reflectance below 0.08 everywhere): shadow, water, coal and opaque minerals look alike in "
                "400–2500 nm; the mineral names are unreliable")


def looks_dark(values) -> bool:
    """One spectrum in reflectance 0–1, percent or ×10000 (told apart by its 95th percentile, as the mineral map
    does) below :data:`DARK_P95`."""
    v = np.asarray(values, np.float64)
    v = v[np.isfinite(v)]
    return bool(v.size) and bool(dark(to_reflectance(v[None, :]))[0])
