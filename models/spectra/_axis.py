"""The wavelength axis of a file: unit, conversion to nm, order, detector overlaps, sanity.

Files store wavelengths in nm, µm or cm⁻¹, ascending or descending, and some
instruments (SVC with "Overlap: Preserve", AVIRIS band tables) repeat a few
wavelengths where two detectors overlap.  :func:`plan_axis` turns any of those
into one strictly increasing nm axis plus the index that reorders the file's
columns; anything else (shuffled, duplicated, mixed units) is refused with a
reason, because a silently re-sorted axis would hide a broken file.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Dict, List, Optional

import numpy as np

from .spectrum import SpectrumFileError

_UNIT_PATTERNS = (
    ("cm-1", re.compile(r"cm\s*\^?\s*[-−]\s*1|cm⁻¹|1\s*/\s*cm|wave\s*numbers?", re.I)),
    ("um", re.compile(r"micro|µm|μm|(?<![a-z])um(?![a-z])|micron", re.I)),
    ("nm", re.compile(r"nano|(?<![a-z])nm(?![a-z])", re.I)),
)

_UNIT_NAMES = {"nm": "nm", "um": "µm", "cm-1": "cm⁻¹"}


def unit_from_text(text: str) -> Optional[str]:
    """'nm', 'um' or 'cm-1' if ``text`` names a wavelength unit, else None."""
    for unit, pattern in _UNIT_PATTERNS:
        if pattern.search(text or ""):
            return unit
    return None


def guess_unit(raw: np.ndarray) -> str:
    """Unit from the values alone: spectrometer axes below 30 are µm, else nm."""
    finite = raw[np.isfinite(raw)]
    return "um" if finite.size and float(np.max(np.abs(finite))) < 30 else "nm"


def to_nm(raw: np.ndarray, unit: str) -> np.ndarray:
    raw = np.asarray(raw, dtype=np.float64)
    if unit == "um":
        with np.errstate(over="ignore"):  # a corrupt axis near float64's limit becomes inf, refused downstream
            return raw * 1000.0
    if unit == "cm-1":
        with np.errstate(divide="ignore", invalid="ignore"):
            return 1e7 / raw
    return raw.copy()


@dataclass
class AxisPlan:
    """Strictly increasing nm axis and how to take the file's columns onto it."""

    wavelengths: np.ndarray
    index: np.ndarray
    unit: str
    notes: Dict[str, object] = field(default_factory=dict)

    def take(self, column) -> np.ndarray:
        return np.asarray(column, dtype=np.float64)[self.index]


def _fmt(x: float) -> str:
    return f"{x:.6g}"


def _check_units(path, raw: np.ndarray, unit: str) -> None:
    """Refuse axes whose values contradict their unit or mix two units."""
    lo, hi = float(np.min(raw)), float(np.max(raw))
    if unit == "nm" and hi < 30:
        raise SpectrumFileError(path, f"wavelengths are declared in nm but run {_fmt(lo)}–{_fmt(hi)}, "
                                      "which looks like µm (unit mix-up)")
    if unit == "um" and lo > 100:
        raise SpectrumFileError(path, f"wavelengths are declared in µm but run {_fmt(lo)}–{_fmt(hi)}, "
                                      "which looks like nm (unit mix-up)")
    if unit == "cm-1" and lo <= 0:
        raise SpectrumFileError(path, f"wavenumbers must be positive (found {_fmt(lo)} cm⁻¹)")
    positive = np.sort(raw[raw > 0])
    if positive.size >= 2 and positive[-1] < 1e12:
        ratios = positive[1:] / positive[:-1]
        k = int(np.argmax(ratios))
        lower, upper = positive[: k + 1], positive[k + 1:]
        if ratios[k] > 10 and lower[-1] < 30 and upper[0] >= 100:
            scaled_lo, scaled_hi = lower[0] * 1000, lower[-1] * 1000
            if scaled_lo <= upper[-1] * 1.5 and scaled_hi >= upper[0] / 1.5:
                raise SpectrumFileError(
                    path, f"wavelength column mixes units: {lower.size} values run "
                          f"{_fmt(lower[0])}–{_fmt(lower[-1])} (µm-like) and {upper.size} run "
                          f"{_fmt(upper[0])}–{_fmt(upper[-1])} (nm-like)")


def _splice_overlaps(nm: np.ndarray) -> Optional[tuple]:
    """Index keeping each detector segment up to the middle of its overlap with the next.

    Returns ``(index, notes)`` when ``nm`` (ascending overall) is a few strictly
    increasing segments that each restart inside the previous one, else None.
    """
    breaks = np.flatnonzero(np.diff(nm) <= 0) + 1
    if breaks.size == 0 or breaks.size > 8:
        return None
    bounds = [0, *breaks.tolist(), nm.size]
    segments = [np.arange(a, b) for a, b in zip(bounds[:-1], bounds[1:])]
    if any(seg.size < 3 for seg in segments):
        return None
    kept = segments[0]
    cuts: List[dict] = []
    for seg in segments[1:]:
        prev_start, prev_end = nm[kept[0]], nm[kept[-1]]
        start, end = nm[seg[0]], nm[seg[-1]]
        if not (start > prev_start and end > prev_end):
            return None
        cut = 0.5 * (start + prev_end)
        left = kept[nm[kept] < cut]
        right = seg[nm[seg] >= cut]
        cuts.append({"cut_nm": round(float(cut), 4),
                     "dropped_channels": int(kept.size - left.size + seg.size - right.size)})
        kept = np.concatenate([left, right])
    if kept.size < 2 or np.any(np.diff(nm[kept]) <= 0):
        return None
    return kept, cuts


def _describe_disorder(nm: np.ndarray, ascending: bool) -> str:
    d = np.diff(nm) if ascending else -np.diff(nm)
    i = int(np.flatnonzero(d <= 0)[0])
    if nm[i] == nm[i + 1]:
        return f"duplicate wavelength {_fmt(nm[i])} nm (samples {i + 1} and {i + 2})"
    return (f"wavelengths are not monotonic: {_fmt(nm[i + 1])} nm follows {_fmt(nm[i])} nm "
            f"(sample {i + 2})")


def plan_axis(path, raw, unit: Optional[str], allow_overlaps: bool = False) -> AxisPlan:
    """Check a file's wavelength column and plan the strictly increasing nm axis.

    ``unit`` None means "guess from the values" (recorded in the notes);
    ``allow_overlaps`` accepts detector-overlap restarts (instrument formats).
    """
    raw = np.asarray(raw, dtype=np.float64)
    if raw.ndim != 1 or raw.size < 2:
        raise SpectrumFileError(path, f"needs at least 2 spectral samples (found {raw.size})")
    bad = np.flatnonzero(~np.isfinite(raw))
    if bad.size:
        raise SpectrumFileError(path, f"wavelength of sample {bad[0] + 1} is missing or not a number")
    notes: Dict[str, object] = {}
    if unit is None:
        unit = guess_unit(raw)
        notes["wavelength_unit_guessed"] = True
    _check_units(path, raw, unit)
    nm = to_nm(raw, unit)
    if not np.all(np.isfinite(nm)) or nm.min() <= 0 or nm.max() > 1e6:
        raise SpectrumFileError(path, f"wavelengths {_fmt(raw.min())}–{_fmt(raw.max())} "
                                      f"{_UNIT_NAMES[unit]} are outside any spectrometer's range")
    ascending = nm[-1] > nm[0]
    order = np.arange(nm.size) if ascending else np.arange(nm.size)[::-1]
    if not ascending:
        notes["axis_reversed"] = True
    d = np.diff(nm[order])
    if np.all(d > 0):
        index = order
    else:
        spliced = _splice_overlaps(nm[order]) if allow_overlaps else None
        if spliced is None:
            raise SpectrumFileError(path, _describe_disorder(nm, ascending))
        kept, cuts = spliced
        index = order[kept]
        notes["detector_overlaps"] = cuts
    return AxisPlan(wavelengths=nm[index], index=index, unit=unit, notes=notes)


def clean_values(path, values, label: str = "") -> np.ndarray:
    """float64 values with ±inf turned into NaN; refuses a spectrum with no value at all."""
    v = np.asarray(values, dtype=np.float64).copy()
    v[~np.isfinite(v)] = np.nan
    if not np.any(np.isfinite(v)):
        what = f" of {label}" if label else ""
        raise SpectrumFileError(path, f"all values{what} are missing or NaN")
    return v
