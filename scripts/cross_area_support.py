"""Peers and scoring for scripts/cross_area.py (the peers a user could build in an afternoon)."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import numpy as np
from osgeo import gdal
from scipy import ndimage

from models.raster.footprints import read_features, union_mask
from models.raster.grid import Grid
from models.raster.wavelengths import read_wavelengths

gdal.UseExceptions()
NODATA = -1.0


def read_band_stack(path) -> np.ndarray:
    """[B, H, W] float32 physical values (scale/offset applied), NaN where nodata."""
    ds = gdal.Open(str(path))
    out = []
    for b in range(1, ds.RasterCount + 1):
        band = ds.GetRasterBand(b)
        a = band.ReadAsArray().astype(np.float32)
        nd = band.GetNoDataValue()
        if nd is not None:
            a[a == nd] = np.nan
        out.append(a * (band.GetScale() or 1.0) + (band.GetOffset() or 0.0))
    return np.stack(out)


def shape_features(refl: np.ndarray, wl: np.ndarray) -> np.ndarray:
    """The node GCN's spectral features (log-relative, endpoint continuum removed), per pixel."""
    from models.gcn.node import band_groups

    r = np.clip(refl, 1e-3, None)
    parts = []
    for g in band_groups(wl):
        rg = r[g]
        lg = np.log(rg)
        parts.append(lg - lg.mean(0, keepdims=True))
        t = ((wl[g] - wl[g][0]) / (wl[g][-1] - wl[g][0]))[:, None, None]
        parts.append(rg / (rg[:1] * (1 - t) + rg[-1:] * t) - 1.0)
    return np.concatenate(parts)


def features(area: dict, kind: str) -> np.ndarray:
    """[F, H, W] features of a peer: ``all`` (bands + shape features + distances) or ``geology``."""
    dists = np.stack([read_band_stack(area["dist_pluton"])[0], read_band_stack(area["dist_fault"])[0]])
    if kind == "geology":
        return dists
    refl = read_band_stack(area["subset"])
    return np.concatenate([refl, shape_features(refl, np.asarray(read_wavelengths(area["subset"]).centers_nm)), dists])


def body_mask(area: dict, path_key: str) -> np.ndarray:
    """Pixels of the subset's grid that the bodies of ``area[path_key]`` touch."""
    grid = Grid.from_raster(area["subset"])
    return union_mask([f.geometry for f in read_features(area[path_key], grid)], grid)


def pixel_peer(train: dict, kind: str, seed: int = 0, extra_negatives: Optional[np.ndarray] = None):
    """HistGradientBoosting on pixels of the known bodies against pixels > 200 m from them (classes
    balanced); ``extra_negatives`` (a pixel mask, e.g. known barren dykes) adds negatives weighing as
    much as that whole background."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    f = features(train, kind)
    known = body_mask(train, "pegmatites_known")
    far = ndimage.distance_transform_edt(~known) * 30.0 > 200.0
    ok = np.isfinite(f).all(0)
    pos = np.flatnonzero((known & ok).ravel())
    neg = np.flatnonzero((far & ok).ravel())
    rng = np.random.default_rng(seed)
    neg = rng.choice(neg, size=min(len(neg), 40 * len(pos)), replace=False)
    extra = np.zeros(0, int) if extra_negatives is None else np.flatnonzero((extra_negatives & ok & ~known).ravel())
    X = f.reshape(f.shape[0], -1)[:, np.r_[pos, neg, extra]].T
    y = np.r_[np.ones(len(pos)), np.zeros(len(neg) + len(extra))]
    half = (len(pos) + len(neg)) / 2  # "balanced": each class of the plain peer weighs half of its samples
    weights = np.r_[np.full(len(pos), half / len(pos)), np.full(len(neg), half / len(neg)),
                    np.full(len(extra), half / max(len(extra), 1))]
    clf = HistGradientBoostingClassifier(max_iter=300, learning_rate=0.1, random_state=seed)
    clf.fit(X, y, sample_weight=weights)
    return pixel_predictor(clf, kind)


def pixel_predictor(clf, kind: str):
    """area → the fitted per-pixel classifier's probability map on ``kind`` features (NODATA where any is missing)."""
    def predict(area: dict) -> np.ndarray:
        g = features(area, kind)
        good = np.isfinite(g).all(0)
        out = np.full(good.shape, NODATA, np.float32)
        out[good] = clf.predict_proba(g[:, good].T)[:, 1]
        return out

    return predict


def rule_map(area: dict) -> np.ndarray:
    d = read_band_stack(area["dist_pluton"])[0]
    ok = np.isfinite(read_band_stack(area["subset"])).all(0)
    return np.where(ok, 1.0 / (1.0 + d / 500.0), NODATA).astype(np.float32)


def write_like(ref, out, arr: np.ndarray) -> None:
    src = gdal.Open(str(ref))
    ds = gdal.GetDriverByName("GTiff").Create(str(out), src.RasterXSize, src.RasterYSize, 1, gdal.GDT_Float32)
    ds.SetGeoTransform(src.GetGeoTransform())
    ds.SetProjection(src.GetProjection())
    ds.GetRasterBand(1).SetNoDataValue(NODATA)
    ds.GetRasterBand(1).WriteArray(arr)
    ds = None


def score_map(prob_path: Path, area: dict) -> dict:
    """The cross-area figures of one map (models.evaluation, as hyperprospect:evaluateheatmap scores it).

    In a test area every body is unseen, so "fertile" (known + hidden there) is the fair set; the
    hidden ones are also reported alone. Background: beyond 90 m (3 px) of every body."""
    from models.evaluation import ScoreSettings, score_heatmap

    score = score_heatmap(str(prob_path), area["pegmatites_all"], ScoreSettings(background_buffer_m=90.0))
    res = {}
    for status in ("hidden", "barren"):
        st = score.statuses.get(status)
        res[f"auc_{status}"] = float(st.curve.auc) if st else float("nan")
        res[f"top10_{status}"] = float(st.curve.captured_at["0.10"]) if st else float("nan")
    res["auc_fertile"] = float(score.fertile.curve.auc)
    res["top10_fertile"] = float(score.fertile.curve.captured_at["0.10"])
    res["roc_fertile_background"] = float(score.pixel_roc["fertile_vs_background"].auc)
    res["roc_fertile_barren"] = float(score.pixel_roc["fertile_vs_barren"].auc)
    for other in ("background", "barren"):  # hidden alone: what a model trained on this area's known ones found
        roc = score.pixel_roc.get(f"hidden_vs_{other}")
        res[f"roc_hidden_{other}"] = float(roc.auc) if roc else float("nan")
    return res
