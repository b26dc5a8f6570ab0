"""Which unit reflectance values are stored in — fraction, percent or ×10000 — told from many spectra at once.

A spectrum above 200 (95th percentile) is ×10000, one above 2 percent or ×10000; fraction, percent and ×10000
files alike hold dark spectra below those marks, so the spectra of one file (or the pixels of one image) are
judged together: the largest unit that at least :data:`UNIT_EVIDENCE` of them show is the file's.  The mineral
map (``geospectra/dark``) and identification share this rule.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np

UNIT_EVIDENCE = 0.05  # share of the spectra that must show a unit before the dark ones take it
_MARKS = ((10000.0, 200.0), (100.0, 2.0))
_NOT_REFLECTANCE = {"radiance", "dn", "emissivity", "absorbance", "transmittance", "irradiance"}


def own_units(p95: np.ndarray) -> np.ndarray:
    """(P,) each spectrum's unit judged alone from its 95th percentile: 10000 above 200, 100 above 2, else 1."""
    p95 = np.asarray(p95, np.float64)
    with np.errstate(invalid="ignore"):
        return np.where(p95 > _MARKS[0][1], _MARKS[0][0], np.where(p95 > _MARKS[1][1], _MARKS[1][0], 1.0))


def shown_unit(p95: np.ndarray) -> float:
    """The largest unit (10000, 100 or 1) that at least :data:`UNIT_EVIDENCE` of the 95th percentiles show."""
    units = own_units(np.asarray(p95, np.float64)[np.isfinite(p95)])
    n = max(units.size, 1)
    shown = [u for u, _ in _MARKS if (units >= u).sum() >= UNIT_EVIDENCE * n]
    return shown[0] if shown else 1.0


def file_unit_of(spectrum) -> float:
    """The unit :func:`read_spectra <models.spectra.registry.read_spectra>` measured on the spectrum's file
    (``metadata["file_unit"]``; 1 when none was)."""
    return float((getattr(spectrum, "metadata", None) or {}).get("file_unit", 1.0))


def file_unit(spectra: Sequence) -> float:
    """The unit the reflectance spectra of one file show (:func:`shown_unit` over their 400–2500 nm values).

    Spectra of another quantity (radiance, DN, …) or whose reader already stated their unit (``value_unit``, e.g.
    a "%" column turned into fractions) neither vote nor take it; 1 for a file of fewer than two voters."""
    voters = [s for s in spectra if takes_file_unit(s)]
    if len(voters) < 2:
        return 1.0
    p95 = []
    for s in voters:
        wl, v = np.asarray(s.wavelengths, np.float64), np.asarray(s.values, np.float64)
        v = v[(wl >= 400.0) & (wl <= 2500.0) & np.isfinite(v)] if wl.size == v.size else v[np.isfinite(v)]
        p95.append(np.percentile(v, 95) if v.size else np.nan)
    return shown_unit(np.array(p95))


def takes_file_unit(spectrum) -> bool:
    """A reflectance (or unlabelled) spectrum whose reader did not state its unit."""
    quantity = str(getattr(spectrum, "quantity", "") or "").lower()
    return quantity not in _NOT_REFLECTANCE and not getattr(spectrum, "value_unit", "")
