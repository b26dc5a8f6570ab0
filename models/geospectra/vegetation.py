"""Green vegetation: a pixel (or spectrum) that is a leaf's, not a mineral's.

GeoSpectra knows minerals only, so a vegetated pixel would be named after the mineral
that mimics chlorophyll best (lazurite: blue-violet, dark red, bright near infrared).
A spectrum is *green vegetation* when all three hold, each mean taken over the
spectrum's own bands in the ranges of :data:`RANGES`:

* NDVI = (NIR − red) / (NIR + red) ≥ :data:`NDVI_MIN`;
* the chlorophyll well: red lies below the chord from the green peak to the red-edge
  shoulder by at least :data:`WELL_MIN` (1 − red / chord at 675 nm);
* the green peak: green / blue ≥ :data:`GREEN_PEAK_MIN` (chlorophyll absorbs blue).

Measured on the USGS library (splib07a, every ASD / Beckman / AVIRIS spectrum covering
470–880 nm; ``scripts/vegetation_check.py``): no mineral spectrum of chapter M passes —
lazurite fails the green peak (0.5), cuprite and sphalerite the well (≤ 0.17), almandine
the green peak (0.98) — while most green vegetation of chapter V does; dry grass and
other non-photosynthetic vegetation do not (they are not green), nor does sparse
vegetation over soil below NDVI 0.3, which stays a mineral pixel.  A spectrum that does
not cover 470–880 nm is never called vegetation (SWIR-only sensors cannot see chlorophyll).
"""
from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Dict, Tuple

import numpy as np

RANGES: Dict[str, Tuple[float, float]] = {
    "blue": (470.0, 490.0), "green": (540.0, 560.0), "red": (660.0, 690.0),
    "shoulder": (750.0, 770.0), "nir": (780.0, 880.0),
}
GREEN_NM, RED_NM, SHOULDER_NM = 550.0, 675.0, 760.0
NDVI_MIN = 0.3
WELL_MIN = 0.2
GREEN_PEAK_MIN = 1.1
VEGETATION_LABEL = "green vegetation"


@dataclass(frozen=True)
class VegetationTest:
    """The band groups of one wavelength table (sorted or not), built once per raster or per grid."""

    groups: Dict[str, np.ndarray]  # range name → column indices (empty when the table misses the range)

    @classmethod
    def for_wavelengths(cls, centres_nm) -> "VegetationTest":
        c = np.asarray(centres_nm, np.float64)
        return cls({k: np.nonzero((c >= lo) & (c <= hi))[0] for k, (lo, hi) in RANGES.items()})

    @property
    def possible(self) -> bool:
        """Whether the wavelengths reach every range (otherwise no spectrum is called vegetation)."""
        return all(g.size for g in self.groups.values())

    def indices(self, refl: np.ndarray) -> Dict[str, np.ndarray]:
        """(B, bands) reflectance, NaN = missing → NDVI, chlorophyll well, green peak (B,); NaN where not seen."""
        refl = np.atleast_2d(np.asarray(refl, np.float64))
        nan = np.full(refl.shape[0], np.nan)
        if not self.possible:
            return {"ndvi": nan, "well": nan, "green_peak": nan}
        with np.errstate(invalid="ignore", divide="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # "mean of empty slice": a range all missing → NaN
            m = {k: np.nanmean(refl[:, g], axis=1) for k, g in self.groups.items()}
            ndvi = (m["nir"] - m["red"]) / (m["nir"] + m["red"])
            chord = m["green"] + (m["shoulder"] - m["green"]) * (RED_NM - GREEN_NM) / (SHOULDER_NM - GREEN_NM)
            well = np.where(chord > 0, 1.0 - m["red"] / chord, np.nan)
            peak = np.where(m["blue"] > 0, m["green"] / m["blue"], np.nan)
            dark = ~(m["nir"] > 0)  # fill values, shadow: nothing to judge
        return {k: np.where(dark, np.nan, v) for k, v in (("ndvi", ndvi), ("well", well), ("green_peak", peak))}

    def green(self, refl: np.ndarray) -> np.ndarray:
        """(B,) bool: green vegetation by the three tests of the module docstring."""
        i = self.indices(refl)
        with np.errstate(invalid="ignore"):
            return (i["ndvi"] >= NDVI_MIN) & (i["well"] >= WELL_MIN) & (i["green_peak"] >= GREEN_PEAK_MIN)


def vegetation_note(ndvi: float) -> str:
    return (f"green vegetation (NDVI {ndvi:.2f}, chlorophyll absorption at 670 nm): not a mineral spectrum; "
            "the candidates are for whatever shows through")
