"""Exploration targets: the contiguous ground a geologist takes to the field, from a probability map.

Ground is selected either above a probability or as the top share of the valid area by
rank; contiguous selected pixels (8- or 4-connected) form one target.  Each target gets
its area, mean and maximum probability, mean and maximum uncertainty (when an
uncertainty raster on the same grid is given) and its distance to the nearest known
deposit (0 when it touches one), and targets smaller than a minimum area are dropped.
Targets are ranked by mean probability (rank 1 = best) and written as a GeoPackage.
"""
from __future__ import annotations

import math
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Union

import numpy as np

from ..atomic import atomic_output
from ..errors import InputError, MissingDependencyError
from ..progress import Progress, ensure_progress
from ..raster.footprints import read_band, read_features
from ..raster.grid import Grid, check_same_grid, require_projected
from ..raster.polygonize import polygonize_labels, write_polygon_layer

PathLike = Union[str, os.PathLike]
FIELDS = [("rank", "int"), ("n_pixels", "int"), ("area_m2", "real"), ("area_km2", "real"), ("mean_prob", "real"),
          ("max_prob", "real"), ("mean_uncert", "real"), ("max_uncert", "real"), ("dist_known_m", "real")]


@dataclass
class TargetSettings:
    """Give exactly one of ``threshold`` (probability ≥) or ``top_share`` (0–1 of the valid area)."""

    threshold: Optional[float] = None
    top_share: Optional[float] = None
    min_area_m2: float = 0.0
    connectivity: int = 8
    layer_name: str = "targets"


@dataclass
class TargetsResult:
    path: str
    threshold: float              # the lowest probability selected (from the rank when top_share was given)
    selected_share: float         # share of the valid area selected
    n_targets: int
    n_dropped_small: int
    targets: List[Dict[str, Optional[float]]] = field(default_factory=list)  # attributes, by rank
    warnings: List[str] = field(default_factory=list)

    def summary(self) -> str:
        area = sum(t["area_km2"] for t in self.targets)
        return (f"{self.n_targets} target(s), {area:.3f} km² in all, probability ≥ {self.threshold:.4f} "
                f"({100 * self.selected_share:.1f} % of the valid area); {self.n_dropped_small} smaller than the "
                f"minimum area dropped")


def _check(settings: TargetSettings, out_path: PathLike) -> None:
    if (settings.threshold is None) == (settings.top_share is None):
        raise InputError("Choose either a probability threshold or a top share of the area for the targets.")
    if settings.top_share is not None and not 0 < settings.top_share <= 1:
        raise InputError(f"The top share of the area must lie in (0, 1]; got {settings.top_share}.")
    if settings.connectivity not in (4, 8):
        raise InputError(f"Connectivity must be 4 or 8; got {settings.connectivity}.")
    if settings.min_area_m2 < 0:
        raise InputError("The minimum target area cannot be negative.")
    if Path(out_path).suffix.lower() != ".gpkg":
        raise InputError(f"Targets are written as a GeoPackage; give a .gpkg file name instead of '{out_path}'.")


def select(prob: np.ndarray, valid: np.ndarray, settings: TargetSettings):
    """(mask of target ground, probability cut).

    By rank, ground tied at the cut is left out when including it would exceed the
    share asked for (a map with a flat 0 background must not turn everything into a
    target); the share actually selected is reported.
    """
    if settings.threshold is not None:
        cut = float(settings.threshold)
        return valid & (prob >= cut), cut
    values = np.sort(prob[valid])[::-1]
    k = max(1, int(math.ceil(settings.top_share * values.size - 1e-9)))
    cut = float(values[k - 1])
    mask = valid & (prob >= cut)
    if mask.sum() > k and values[0] > cut:
        mask = valid & (prob > cut)
        cut = float(np.min(prob[mask]))
    return mask, cut


def _label(mask: np.ndarray, connectivity: int):
    try:
        from scipy import ndimage
    except ImportError as exc:
        raise MissingDependencyError(["scipy"], "exploration targets") from exc
    structure = np.ones((3, 3), bool) if connectivity == 8 else ndimage.generate_binary_structure(2, 1)
    labels, n = ndimage.label(mask, structure=structure)
    return labels, n


def _region_stats(labels, n, prob, uncert, uvalid, pixel_area_m2) -> List[dict]:
    from scipy import ndimage

    index = np.arange(1, n + 1)
    count = np.bincount(labels.ravel(), minlength=n + 1)[1:]
    mean = ndimage.mean(prob, labels, index)
    peak = ndimage.maximum(prob, labels, index)
    rows = []
    if uncert is not None:
        ulab = np.where(uvalid, labels, 0)
        ucount = np.bincount(ulab.ravel(), minlength=n + 1)[1:]
        umean = ndimage.mean(uncert, ulab, index)
        umax = ndimage.maximum(uncert, ulab, index)
    for i in range(n):
        has_u = uncert is not None and ucount[i] > 0
        area = float(count[i]) * pixel_area_m2
        rows.append({"label": i + 1, "n_pixels": int(count[i]), "area_m2": area, "area_km2": area / 1e6,
                     "mean_prob": float(mean[i]), "max_prob": float(peak[i]),
                     "mean_uncert": float(umean[i]) if has_u else None,
                     "max_uncert": float(umax[i]) if has_u else None, "dist_known_m": None})
    return rows


def _known_collection(known: PathLike, known_layer, grid: Grid):
    from osgeo import ogr

    feats = read_features(known, grid, known_layer, name="The known-deposit layer")
    if not feats:
        raise InputError(f"The known-deposit layer '{known}' has no features with a geometry.")
    collection = ogr.Geometry(ogr.wkbGeometryCollection)
    for f in feats:
        collection.AddGeometry(f.geometry)
    return collection


def _read_uncertainty(uncertainty: Optional[PathLike], grid: Grid):
    if not uncertainty:
        return None, None
    values, valid, ugrid = read_band(uncertainty)
    check_same_grid(grid, ugrid, "the probability raster", "the uncertainty raster")
    return values, valid


def extract_targets(prob_raster: PathLike, out_path: PathLike, settings: Optional[TargetSettings] = None,
                    uncertainty: Optional[PathLike] = None, known: Optional[PathLike] = None,
                    known_layer: Optional[Union[str, int]] = None,
                    progress: Optional[Progress] = None) -> TargetsResult:
    """Target polygons from band 1 of ``prob_raster``, written to the GeoPackage ``out_path`` (atomically)."""
    settings = settings or TargetSettings(top_share=0.10)
    progress = ensure_progress(progress)
    _check(settings, out_path)
    prob, valid, grid = read_band(prob_raster)
    require_projected(grid, "The probability raster")
    if not valid.any():
        raise InputError(f"'{prob_raster}' has no valid pixels (all nodata).")
    uncert, uvalid = _read_uncertainty(uncertainty, grid)
    progress.update(0.1, "Read the rasters")
    mask, cut = select(prob, valid, settings)
    labels, n = _label(mask, settings.connectivity)
    g = grid.geotransform
    pixel_area_m2 = abs(g[1] * g[5] - g[2] * g[4]) * grid.linear_unit_m ** 2
    rows = _region_stats(labels, n, prob, uncert, uvalid, pixel_area_m2)
    kept = [r for r in rows if r["area_m2"] >= settings.min_area_m2]
    kept.sort(key=lambda r: (-r["mean_prob"], -r["area_m2"]))
    progress.update(0.3, f"{len(kept)} target(s)")
    ranked = np.zeros(n + 1, np.int32)
    for rank, r in enumerate(kept, start=1):
        r["rank"] = rank
        ranked[r.pop("label")] = rank
    polygons = polygonize_labels(ranked[labels], grid, settings.connectivity) if kept else {}
    progress.update(0.7, "Polygonised the targets")
    if known:
        collection = _known_collection(known, known_layer, grid)
        for r in kept:
            r["dist_known_m"] = float(polygons[r["rank"]].Distance(collection)) * grid.linear_unit_m
    with atomic_output(out_path) as tmp:
        write_polygon_layer(tmp, settings.layer_name, grid.crs_wkt, FIELDS,
                            ((polygons[r["rank"]], r) for r in kept))
    progress.update(1.0, "Wrote the targets")
    share = float(mask.sum() / valid.sum())
    warnings = []
    if settings.top_share is not None and share > settings.top_share + 0.5 / valid.sum():
        warnings.append(f"{100 * share:.1f} % of the valid area shares the highest value {cut:g}, more than the "
                        f"{100 * settings.top_share:g} % asked for; all of it is selected")
    return TargetsResult(str(out_path), cut, share, len(kept), n - len(kept), kept, warnings)
