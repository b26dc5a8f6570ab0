"""Where each mineral has a diagnostic absorption, measured on the library — and whether a spectrum shows one.

GeoSpectra is a closed-set classifier: it always names one of its classes.  Quartz,
feldspars and halite have no diagnostic absorption between 400 and 2500 nm (their
features are in the thermal infrared), and goethite's are below 1300 nm, so a
2000–2480 nm pixel cannot tell it from anything.  This module measures, instead
of listing by hand:

* :func:`window_depths` — the deepest continuum-removed band depth of a spectrum
  inside each of :data:`WINDOWS`, with the continuum (convex hull) fitted **within
  the window** over the samples the spectrum covers there, so a depth depends only
  on what a sensor covering that window would see; NaN where the spectrum covers
  less than :data:`MIN_WINDOW_COVER` of the window.
* :class:`FeatureTable` — per class, the median window depth over the class's
  library spectra that cover the window (built from the training data by the
  training script and stored in the model file).  A class *has a diagnostic
  feature* in a window when that median reaches :data:`CLASS_DEPTH`.  For a
  spectrum's coverage, the classes with a feature in a window it covers are the
  possible answers; the others are "featureless in this range".

The 1850–2000 nm molecular-water window is measured but not diagnostic: fluid
inclusions and adsorbed water put it into quartz and feldspar spectra too.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np

from .grid import GRID

# (name, lo nm, hi nm, diagnostic)
WINDOWS: Tuple[Tuple[str, float, float, bool], ...] = (
    ("Fe3+/REE 400–1000 nm", 400.0, 1000.0, True),
    ("Fe2+ 900–1300 nm", 900.0, 1300.0, True),
    ("OH 1300–1650 nm", 1300.0, 1650.0, True),
    ("SO4/OH 1650–1850 nm", 1650.0, 1850.0, True),
    ("H2O 1850–2000 nm", 1850.0, 2000.0, False),
    ("Al-OH/Mg-OH/CO3 2000–2480 nm", 2000.0, 2480.0, True),
)
MIN_WINDOW_COVER = 0.8
# A class median depth at or above this is a feature.  Measured on the library (deepest diagnostic-window median per
# class): halite 0.009, quartz 0.011, albite 0.030, K-feldspar 0.037, anorthite 0.040, cassiterite 0.041 — then a gap
# to grossular 0.061, spodumene 0.063, hedenbergite 0.071, scapolite 0.079, beryl/kaolinite/alunite 0.1–0.5; the
# threshold sits in that gap.  Goethite at 2000–2480 nm (0.050) and hematite (0.015) fall below it.
CLASS_DEPTH = 0.055
# The two thresholds of the "no diagnostic feature" answer were chosen on a validation split carved from the
# TRAINING samples (`scripts/train_geospectra.py --dev`; the test split never seen), by the rule fixed beforehand:
# most featureless spectra flagged while at most 5 % of featured ones are.  Grid depth 0.02–0.04 × share 0.3–0.7:
# (0.02, 0.7) flagged 75 % of the featureless and 4.5 % of the featured validation spectra (0.03/0.5: 75 % / 7.6 %).
# A spectrum whose deepest diagnostic-window depth is below SPECTRUM_DEPTH shows no feature (quartz and halite
# medians ≤ 0.025); a share ≥ FEATURELESS_PROBABILITY of the network's probability on classes featureless in the
# covered range also means no diagnostic feature.
SPECTRUM_DEPTH = 0.02
FEATURELESS_PROBABILITY = 0.7


def _window_masks() -> np.ndarray:
    return np.stack([(GRID >= lo) & (GRID <= hi) for _, lo, hi, _ in WINDOWS])


WINDOW_MASKS = _window_masks()  # (W, L) bool
DIAGNOSTIC = np.array([d for *_, d in WINDOWS], bool)


def window_cover(mask: np.ndarray) -> np.ndarray:
    """(B, W) share of each window's grid samples that each spectrum covers."""
    m = np.atleast_2d(np.asarray(mask) > 0.5).astype(np.float32)
    return (m @ WINDOW_MASKS.T.astype(np.float32)) / WINDOW_MASKS.sum(axis=1)[None, :]


def hull_depth(px: np.ndarray, y: np.ndarray, valid: np.ndarray) -> np.ndarray:
    """(B,) deepest 1 − y/continuum over each row's valid samples; the continuum is the upper convex hull.

    The monotone chain of :func:`.preprocess.continuum_removed_grid`, run for all rows at once (a per-row
    Python loop would cost minutes on an image): same hull, same pop rule.
    """
    y = np.asarray(y, np.float64)
    valid = np.asarray(valid, bool)
    B, L = y.shape
    stack = np.zeros((B, L), np.int64)
    h = np.zeros(B, np.int64)
    rows_all = np.arange(B)
    for i in range(L):
        active = valid[:, i] & (h >= 2)
        while active.any():
            rows = rows_all[active]
            i1, i2 = stack[rows, h[rows] - 2], stack[rows, h[rows] - 1]
            cross = (px[i2] - px[i1]) * (y[rows, i] - y[rows, i1]) - (y[rows, i2] - y[rows, i1]) * (px[i] - px[i1])
            pop = cross >= 0
            h[rows[pop]] -= 1
            active = np.zeros(B, bool)
            active[rows[pop]] = True
            active &= h >= 2
        rows = rows_all[valid[:, i]]
        stack[rows, h[rows]] = i
        h[rows] += 1
    on_hull = np.zeros((B, L), bool)
    cols = np.arange(L)[None, :]
    on_hull[np.nonzero(cols < h[:, None])[0], stack[cols < h[:, None]]] = True
    idx = np.broadcast_to(cols, (B, L))
    left = np.maximum.accumulate(np.where(on_hull, idx, -1), axis=1)
    right = \
        np.flip(np.minimum.accumulate(np.flip(np.where(on_hull, idx, L), axis=1), axis=1), axis=1)
    ok = valid & (left >= 0) & (right < L)
    lc, rc = np.clip(left, 0, L - 1), np.clip(right, 0, L - 1)
    yl, yr = np.take_along_axis(y, lc, 1), np.take_along_axis(y, rc, 1)
    span = px[rc] - px[lc]
    t = np.where(span > 0, (px[None, :] - px[lc]) / np.where(span > 0, span, 1.0), 0.0)
    cont = yl + t * (yr - yl)
    with np.errstate(divide="ignore", invalid="ignore"):
        cr = np.where(ok & (cont > 1e-9), y / cont, 1.0)
    return np.where(ok, 1.0 - cr, 0.0).max(axis=1) if L else np.zeros(B)


def chord_depth(px: np.ndarray, y: np.ndarray, valid: np.ndarray) -> np.ndarray:
    """(B,) deepest 1 − y/chord, the chord joining each row's first and last valid sample: a lower bound of
    :func:`hull_depth` (the hull is concave and passes through both ends, so it never lies below the chord)."""
    y = np.asarray(y, np.float64)
    B, L = y.shape
    any_valid = valid.any(axis=1)
    first = valid.argmax(axis=1)
    last = L - 1 - valid[:, ::-1].argmax(axis=1)
    r = np.arange(B)
    y0, y1 = y[r, first], y[r, last]
    span = px[last] - px[first]
    t = np.where(span[:, None] > 0, (px[None, :] - px[first][:, None]) / np.where(span > 0, span, 1.0)[:, None], 0.0)
    chord = y0[:, None] + t * (y1 - y0)[:, None]
    with np.errstate(divide="ignore", invalid="ignore"):
        d = np.where(valid & (chord > 1e-9), 1.0 - y / chord, 0.0)
    return np.where(any_valid, d.max(axis=1), 0.0)


def shows_feature(x: np.ndarray, mask: np.ndarray, depth: float) -> np.ndarray:
    """(B,) bool: a diagnostic window's within-window continuum-removed depth reaches ``depth``.

    Same answer as ``window_depths(...)[:, DIAGNOSTIC].max(1) >= depth``; the exact hull is computed only for
    the rows the cheap chord bound cannot decide.
    """
    x = np.atleast_2d(np.asarray(x, np.float32))
    m = np.atleast_2d(np.asarray(mask)) > 0.5
    cover = window_cover(m)
    found = np.zeros(x.shape[0], bool)
    for w in np.nonzero(DIAGNOSTIC)[0][::-1]:  # 2.0–2.5 µm first: most minerals are decided there
        cols = np.nonzero(WINDOW_MASKS[w])[0]
        rows = np.nonzero(~found & (cover[:, w] >= MIN_WINDOW_COVER))[0]
        if rows.size == 0:
            continue
        xs, ms = x[rows][:, cols], m[rows][:, cols]
        hit = chord_depth(GRID[cols], xs, ms) >= depth
        found[rows[hit]] = True
        # upper bound: the hull never exceeds the window's maximum, so depth ≤ 1 − y / max(y)
        top = np.where(ms, xs, -np.inf).max(axis=1)
        with np.errstate(divide="ignore", invalid="ignore"):
            bound = np.where(ms & (top[:, None] > 1e-9), 1.0 - xs / top[:, None], 0.0).max(axis=1)
        rest = np.nonzero(~hit & (bound >= depth))[0]
        if rest.size:
            found[rows[rest]] = hull_depth(GRID[cols], xs[rest], ms[rest]) >= depth
    return found


def window_depths(x: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """(B, W) deepest within-window continuum-removed depth per window (NaN where the window is not covered)."""
    x = np.atleast_2d(np.asarray(x, dtype=np.float32))
    m = np.atleast_2d(np.asarray(mask, dtype=np.float32))
    cover = window_cover(m)
    out = np.full((x.shape[0], len(WINDOWS)), np.nan, np.float32)
    for w in range(len(WINDOWS)):
        rows = np.nonzero(cover[:, w] >= MIN_WINDOW_COVER)[0]
        if rows.size == 0:
            continue
        cols = np.nonzero(WINDOW_MASKS[w])[0]
        out[rows, w] = hull_depth(GRID[cols], x[rows][:, cols], m[rows][:, cols] > 0.5)
    return out


def coverage_text(mask_row: np.ndarray) -> str:
    """"400–2500 nm" (or "1990–2480 nm", with the gaps counted) for one grid mask."""
    idx = np.nonzero(np.asarray(mask_row) > 0.5)[0]
    if idx.size == 0:
        return "nothing"
    gaps = int(np.count_nonzero(np.diff(idx) > 1))
    text = f"{GRID[idx[0]]:.0f}–{GRID[idx[-1]]:.0f} nm"
    return text + (f" with {gaps} gap{'s' if gaps > 1 else ''}" if gaps else "")


@dataclass
class FeatureTable:
    """Median window depths per class (C, W), NaN where no spectrum of the class covers the window."""

    classes: List[str]
    depths: np.ndarray
    class_depth: float = CLASS_DEPTH
    featureless_probability: float = FEATURELESS_PROBABILITY
    spectrum_depth: float = SPECTRUM_DEPTH

    @classmethod
    def measure(cls, x: np.ndarray, mask: np.ndarray, labels: np.ndarray, classes: Sequence[str]) -> "FeatureTable":
        d = window_depths(x, mask)
        med = np.full((len(classes), len(WINDOWS)), np.nan, np.float32)
        for c in range(len(classes)):
            rows = d[np.asarray(labels) == c]
            for w in range(len(WINDOWS)):
                v = rows[:, w][np.isfinite(rows[:, w])] if rows.size else rows
                if v.size:
                    med[c, w] = float(np.median(v))
        return cls(list(classes), med)

    # -- model-file JSON ----------------------------------------------------------------
    def to_json(self) -> Dict:
        return {"windows": [{"name": n, "lo_nm": lo, "hi_nm": hi, "diagnostic": d} for n, lo, hi, d in WINDOWS],
                "min_window_cover": MIN_WINDOW_COVER, "class_depth": self.class_depth,
                "spectrum_depth": self.spectrum_depth, "featureless_probability": self.featureless_probability,
                "depths": {c: [None if not np.isfinite(v) else round(float(v), 4) for v in self.depths[i]]
                           for i, c in enumerate(self.classes)}}

    @classmethod
    def from_json(cls, obj: Dict, classes: Sequence[str]) -> "FeatureTable":
        names = [w["name"] for w in obj.get("windows", [])]
        if names != [n for n, *_ in WINDOWS]:
            raise ValueError("the model's feature windows differ from this software's")
        depths = np.array([[np.nan if v is None else v for v in obj["depths"][c]] for c in classes], np.float32)
        return cls(list(classes), depths, float(obj.get("class_depth", CLASS_DEPTH)),
                   float(obj.get("featureless_probability", FEATURELESS_PROBABILITY)),
                   float(obj.get("spectrum_depth", SPECTRUM_DEPTH)))

    # -- questions ----------------------------------------------------------------------
    def featured(self, mask: np.ndarray) -> np.ndarray:
        """(B, C) bool: the class has a diagnostic feature in a window each spectrum covers."""
        cover = window_cover(mask) >= MIN_WINDOW_COVER          # (B, W)
        has = np.nan_to_num(self.depths, nan=0.0) >= self.class_depth
        has &= DIAGNOSTIC[None, :]                                # (C, W)
        return (cover.astype(np.float32) @ has.T.astype(np.float32)) > 0

    def featureless_classes(self) -> List[str]:
        """Classes with no diagnostic feature anywhere in 400–2500 nm."""
        full = np.ones((1, GRID.size), np.float32)
        return [c for c, f in zip(self.classes, self.featured(full)[0]) if not f]

    def spectrum_evidence(self, x: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """(B,) deepest diagnostic-window depth of each spectrum (0 where no diagnostic window is covered)."""
        d = window_depths(x, mask)[:, DIAGNOSTIC]
        return np.nan_to_num(d, nan=0.0).max(axis=1) if d.size else np.zeros(len(d), np.float32)

    def decide(self, probs: np.ndarray, x: np.ndarray, mask: np.ndarray):
        """→ (diagnostic (B,) bool, featured (B, C) bool, featureless share (B,), feature seen (B,) bool).

        No diagnostic feature when the spectrum's own deepest diagnostic-window depth is below
        ``spectrum_depth`` or the network puts at least ``featureless_probability`` on classes that
        have no feature in the covered range.
        """
        featured = self.featured(mask)
        share = 1.0 - (probs * featured).sum(axis=1)
        evidence = shows_feature(x, mask, self.spectrum_depth)
        diagnostic = evidence & (share < self.featureless_probability)
        return diagnostic, featured, share, evidence


def featureless_note(coverage: str, likeness: Sequence[str], window_lo_nm: Optional[float] = None) -> str:
    """The user-facing "no diagnostic feature" note."""
    like = "/".join(m.lower() for m in likeness[:3]) or "featureless"
    need = ("thermal infrared needed" if window_lo_nm is None or window_lo_nm <= 450
            else "a wider range (VNIR–SWIR) or thermal infrared needed")
    return f"no diagnostic feature in {coverage}: {like}-like; {need}"
