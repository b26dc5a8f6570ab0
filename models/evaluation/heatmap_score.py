"""Score any probability raster against deposits whose status is known (known / hidden / barren …).

Two views a geologist and a reviewer both need:

* per body — the prediction-rate curve of each status (share of its bodies whose best
  pixel falls in the top x % of the map's area) with its AUC, and the share captured in
  the top 5, 10 and 20 % of the area;
* per pixel — ROC AUC of pixels inside fertile bodies against background pixels (outside
  every body, optionally beyond a buffer) and against pixels inside barren bodies.  The
  second is what tells a map that sees pegmatite mineralogy from a halo around granites.

Pure compute: the raster and the layer are read through :mod:`models.raster`; nothing
here knows about QGIS.  :func:`score_heatmap` returns a :class:`HeatmapScore`;
:mod:`.report` writes it as JSON, PNG and HTML.
"""
from __future__ import annotations

import math
import os
from dataclasses import asdict, dataclass, field
from typing import Dict, List, Optional, Sequence, Union

import numpy as np

from ..errors import InputError
from ..heatmap.prediction_rate import PredictionRate, prediction_rate
from ..progress import Progress, ensure_progress
from ..raster.footprints import Feature, buffered, footprint, read_band, read_features, union_mask

PathLike = Union[str, os.PathLike]
NO_STATUS = "(no status)"
ALL_DEPOSITS = "deposits"
ROC_CURVE_POINTS = 400


@dataclass
class ScoreSettings:
    """What counts as what.  ``fertile=None`` means every status that is not barren."""

    field: Optional[str] = "status"
    barren: Sequence[str] = ("barren",)
    fertile: Optional[Sequence[str]] = None
    background_buffer_m: float = 0.0
    top_shares: Sequence[float] = (0.05, 0.10, 0.20)
    layer: Optional[Union[str, int]] = None


@dataclass
class RocScore:
    auc: float
    n_positive: int
    n_negative: int
    fpr: np.ndarray = field(repr=False, default_factory=lambda: np.zeros(0))
    tpr: np.ndarray = field(repr=False, default_factory=lambda: np.zeros(0))

    def to_dict(self) -> dict:
        return {"auc": _finite(self.auc), "n_positive_pixels": self.n_positive, "n_negative_pixels": self.n_negative,
                "curve": {"fpr": self.fpr.round(5).tolist(), "tpr": self.tpr.round(5).tolist()}}


@dataclass
class StatusScore:
    role: str                 # "fertile", "barren" or "other" (neither, when fertile statuses are named)
    n_bodies: int
    n_off_map: int            # bodies with no valid pixel under them (outside the raster or on nodata)
    curve: PredictionRate

    def to_dict(self) -> dict:
        return {"role": self.role, "n_bodies": self.n_bodies, "n_off_map": self.n_off_map,
                "prediction_rate_auc": _finite(self.curve.auc),
                "captured_in_top_area_share": self.curve.captured_at,
                "curve": self.curve.to_dict()["curve"]}


@dataclass
class HeatmapScore:
    raster: str
    deposits: str
    settings: ScoreSettings
    valid_pixels: int
    statuses: Dict[str, StatusScore]
    fertile: StatusScore                  # all fertile bodies together
    pixel_roc: Dict[str, RocScore]        # "fertile_vs_background", "fertile_vs_barren", "<status>_vs_…"
    warnings: List[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        settings = asdict(self.settings)
        settings["barren"], settings["top_shares"] = list(self.settings.barren), list(self.settings.top_shares)
        if self.settings.fertile is not None:
            settings["fertile"] = list(self.settings.fertile)
        return {"raster": self.raster, "deposits": self.deposits, "settings": settings,
                "valid_pixels": self.valid_pixels,
                "statuses": {k: v.to_dict() for k, v in self.statuses.items()},
                "fertile": self.fertile.to_dict(),
                "pixel_roc": {k: v.to_dict() for k, v in self.pixel_roc.items()},
                "warnings": list(self.warnings)}

    def summary_lines(self, with_warnings: bool = True) -> List[str]:
        """A short plain-text table (one line per status, then the pixel ROC AUCs)."""
        shares = list(self.settings.top_shares)
        head = f"{'status':14s} {'role':8s} {'bodies':>6s} {'PR AUC':>7s} " + " ".join(
            f"{'top ' + format(s * 100, 'g') + '%':>8s}" for s in shares)
        lines = [head]
        for name, st in [*self.statuses.items(), ("fertile (all)", self.fertile)]:
            caps = " ".join(f"{_pct(st.curve.captured_at.get(_share_key(s))):>8s}" for s in shares)
            lines.append(f"{name[:14]:14s} {st.role:8s} {st.n_bodies:6d} {_fmt(st.curve.auc):>7s} {caps}")
        for name, roc in self.pixel_roc.items():
            lines.append(f"pixel ROC AUC {name}: {_fmt(roc.auc)} ({roc.n_positive} vs {roc.n_negative} pixels)")
        return lines + ([f"warning: {w}" for w in self.warnings] if with_warnings else [])


def _finite(x: float) -> Optional[float]:
    return float(x) if x is not None and math.isfinite(x) else None


def _fmt(x: float) -> str:
    return f"{x:.3f}" if x is not None and math.isfinite(x) else "n/a"


def _pct(x: Optional[float]) -> str:
    return f"{100 * x:.0f} %" if x is not None else "n/a"


def _share_key(s: float) -> str:
    return f"{s:.2f}"


def _roles(statuses: Sequence[str], settings: ScoreSettings, warnings: List[str]) -> Dict[str, str]:
    """Role of each status present; names are matched case-insensitively."""
    barren = {b.strip().lower() for b in settings.barren}
    fertile = None if settings.fertile is None else {f.strip().lower() for f in settings.fertile}
    present = {s.lower() for s in statuses}
    listed = ", ".join(sorted(statuses))
    if fertile is not None:
        if not fertile & present:
            raise InputError(f"None of the fertile statuses ({', '.join(settings.fertile)}) occurs in the field "
                             f"'{settings.field}'; its values are: {listed}.")
        missing = sorted(fertile - present)
        if missing:
            warnings.append(f"fertile status(es) {', '.join(missing)} not found (values present: {listed})")
        if fertile & barren:
            raise InputError(f"A status cannot be both fertile and barren: {', '.join(sorted(fertile & barren))}.")
    if settings.field and not barren & present:
        warnings.append(f"no barren bodies (status {', '.join(settings.barren)}) among {listed}: "
                        "fertile-vs-barren is not measured")
    roles = {}
    for s in statuses:
        key = s.lower()
        if key in barren:
            roles[s] = "barren"
        elif fertile is None or key in fertile:
            roles[s] = "fertile"
        else:
            roles[s] = "other"
    return roles


def _best_scores(features: List[Feature], prob, valid, grid, progress: Progress) -> np.ndarray:
    """Best valid probability under each feature (NaN when it has none)."""
    scores = np.full(len(features), np.nan)
    for i, feat in enumerate(progress.iterate(features, message="Scoring bodies")):
        fp = footprint(feat.geometry, grid)
        if fp is None:
            continue
        r0, c0, mask = fp
        h, w = mask.shape
        mask = mask & valid[r0:r0 + h, c0:c0 + w]
        if mask.any():
            scores[i] = float(prob[r0:r0 + h, c0:c0 + w][mask].max())
    return scores


def _roc(pos: np.ndarray, neg_sorted: np.ndarray) -> RocScore:
    """ROC of positive values against sorted negative values.

    The AUC is the Mann–Whitney statistic P(pos > neg) + ½·P(pos = neg) — the trapezoid
    area of the ROC curve, ties included — from one sort of the negatives (millions of
    background pixels) and a binary search per positive; the curve is sampled for the plot.
    """
    if pos.size == 0 or neg_sorted.size == 0:
        return RocScore(float("nan"), int(pos.size), int(neg_sorted.size))
    below = np.searchsorted(neg_sorted, pos, side="left")
    not_above = np.searchsorted(neg_sorted, pos, side="right")
    auc = float(np.mean(below + not_above) / (2.0 * neg_sorted.size))
    pos_sorted = np.sort(pos)
    both = np.r_[pos_sorted, neg_sorted[:: max(1, neg_sorted.size // ROC_CURVE_POINTS)]]
    thresholds = np.unique(np.r_[np.inf, both, -np.inf])[::-1]
    if thresholds.size > 2 * ROC_CURVE_POINTS:
        thresholds = thresholds[np.linspace(0, thresholds.size - 1, 2 * ROC_CURVE_POINTS).round().astype(int)]
    tpr = 1.0 - np.searchsorted(pos_sorted, thresholds, side="left") / pos_sorted.size
    fpr = 1.0 - np.searchsorted(neg_sorted, thresholds, side="left") / neg_sorted.size
    return RocScore(auc, int(pos.size), int(neg_sorted.size), fpr, tpr)


def _status_score(role: str, scores: np.ndarray, prob, valid, shares) -> StatusScore:
    curve = prediction_rate(prob, valid, scores, shares=shares)
    return StatusScore(role, int(scores.size), int(np.sum(~np.isfinite(scores))), curve)


def _pixel_rocs(prob, valid, grid, features, status_of, roles, settings) -> Dict[str, RocScore]:
    def mask_of(names) -> np.ndarray:
        return union_mask([f.geometry for f, s in zip(features, status_of) if s in names], grid) & valid

    fertile_names = [s for s, r in roles.items() if r == "fertile"]
    barren_names = [s for s, r in roles.items() if r == "barren"]
    fertile = mask_of(fertile_names)
    barren = mask_of(barren_names) & ~fertile
    grown = buffered([f.geometry for f in features], grid, settings.background_buffer_m)
    background = np.sort(prob[valid & ~union_mask(grown, grid)])
    out = {"fertile_vs_background": _roc(prob[fertile], background)}
    if barren_names:
        out["fertile_vs_barren"] = _roc(prob[fertile], np.sort(prob[barren]))
    if len(fertile_names) > 1:
        for name in fertile_names:
            own = mask_of([name])
            out[f"{name}_vs_background"] = _roc(prob[own], background)
            if barren_names:
                out[f"{name}_vs_barren"] = _roc(prob[own], np.sort(prob[barren & ~own]))
    return out


def score_heatmap(raster: PathLike, deposits: PathLike, settings: Optional[ScoreSettings] = None,
                  progress: Optional[Progress] = None) -> HeatmapScore:
    """Score band 1 of ``raster`` (any probability or score, higher = more prospective) against ``deposits``.

    Deposits (polygons or points) in another CRS are reprojected onto the raster's grid,
    which may be rotated; nodata pixels are neither area nor evidence.
    """
    settings = settings or ScoreSettings()
    progress = ensure_progress(progress)
    for s in settings.top_shares:
        if not 0 < s <= 1:
            raise InputError(f"Area shares must lie in (0, 1]; got {s}.")
    if settings.background_buffer_m < 0:
        raise InputError("The background buffer cannot be negative.")
    prob, valid, grid = read_band(raster)
    if not valid.any():
        raise InputError(f"'{raster}' has no valid pixels (all nodata).")
    progress.update(0.1, "Read the raster")
    features = read_features(deposits, grid, settings.layer, settings.field)
    if not features:
        raise InputError(f"The deposit layer '{deposits}' has no features with a geometry.")
    status_of = [(f.value or NO_STATUS) if settings.field else ALL_DEPOSITS for f in features]
    warnings: List[str] = []
    roles = _roles(sorted(set(status_of)), settings, warnings)
    scores = _best_scores(features, prob, valid, grid, progress.span(0.1, 0.7))
    status_of_arr = np.asarray(status_of, dtype=object)
    statuses = {name: _status_score(roles[name], scores[status_of_arr == name], prob, valid, settings.top_shares)
                for name in sorted(roles)}
    fertile_idx = np.isin(status_of_arr, [s for s, r in roles.items() if r == "fertile"])
    fertile = _status_score("fertile", scores[fertile_idx], prob, valid, settings.top_shares)
    for name, st in statuses.items():
        if st.n_off_map:
            warnings.append(f"{st.n_off_map} of {st.n_bodies} '{name}' bodies have no valid pixel on the raster "
                            "and are left out of their curve")
    progress.update(0.75, "Pixel ROC")
    rocs = _pixel_rocs(prob, valid, grid, features, status_of, roles, settings)
    progress.update(1.0, "Scored")
    return HeatmapScore(str(raster), str(deposits), settings, int(valid.sum()), statuses, fertile, rocs, warnings)
