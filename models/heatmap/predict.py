"""Apply a trained model to every tile of an area and write a probability heatmap.

Memory stays flat: the raster is read one strip of ``tile_size`` rows at a time
(only the bands the model uses), tiles are scored a tile row at a time, and
:class:`~.accumulate.StripAccumulator` writes finished rows straight to the output.
"""
from __future__ import annotations

import contextlib
import json
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Tuple, Union

import numpy as np
from osgeo import gdal

from ..atomic import atomic_output
from ..errors import InputError
from ..progress import Progress, ensure_progress
from ..raster.gdalio import DEFLATE_FAST, open_raster
from ..raster.grid import Grid, require_projected
from ..raster.stack import RasterStack
from ..raster.wavelengths import read_wavelengths
from .accumulate import NODATA, StripAccumulator, tile_origins
from .channels import GeologyChannel, match_bands, plan_channels
from .style import UNCERTAINTY_STYLE, write_sidecar_style

gdal.UseExceptions()
PathLike = Union[str, Path]


SCORE_BATCH_TILES = 1024  # tiles scored per call (~16 MB of float32 input for 39 channels)


def _no_grad():
    import torch

    return torch.inference_mode()


@dataclass
class PredictPlan:
    """Everything a prediction needs besides the pixels, checked once on the whole raster; small and
    picklable, so a cluster worker can score any window of the raster from it (:mod:`models.mosaic`)."""

    model_path: str
    raster: str
    grid: Grid
    tile_size: int
    stride: int
    uncertainty: bool
    mc_samples: int
    names: List[str]
    mean: np.ndarray
    std: np.ndarray
    band_of: Dict[int, int]          # model channel → 0-based band of the raster
    geology: List[GeologyChannel]    # channels recomputed from the vector layers
    extra: Dict[int, str]            # channel → the user's raster for it
    layers: Dict[str, Tuple[Optional[str], Optional[str]]]  # "pluton"/"fault" → (vector, layer)
    notes: List[str]
    architecture: Optional[str]
    quality_warning: str
    device: str = "auto"

    def summary(self) -> Dict[str, Any]:
        return {"model": self.model_path, "architecture": self.architecture, "tile_size": self.tile_size,
                "stride": self.stride, "channels": self.names, "notes": list(self.notes),
                "quality_warning": self.quality_warning}


def plan_prediction(
    model_path: PathLike,
    raster: PathLike,
    plutons: Optional[str] = None,
    faults: Optional[str] = None,
    pluton_layer: Optional[str] = None,
    fault_layer: Optional[str] = None,
    stride: Optional[int] = None,
    preset: Optional[str] = None,
    wavelengths: Optional[str] = None,
    uncertainty: bool = False,
    mc_samples: int = 8,
    channel_rasters: Optional[Dict[str, str]] = None,
    device: str = "auto",
) -> PredictPlan:
    """Check the model against the raster and the layers (refusing clearly what cannot be mapped) and say
    how to rebuild each channel; see :func:`predict_heatmap` for the arguments."""
    from ..device import resolve_device
    from ..gcn.model_file import load_model

    resolve_device(device)  # a bad spec or a missing GPU is refused before any work
    model, meta = load_model(model_path)
    k = meta.tile_size()
    node_level = bool(getattr(model, "node_level", False))
    notes = []
    if uncertainty and not node_level:
        uncertainty = False
        notes.append("No uncertainty map: it needs a node-level model (Node GCN); this model scores whole tiles.")
    elif uncertainty and not (hasattr(model, "mc_dropout") or hasattr(model, "mc_probabilities")):
        uncertainty = False
        notes.append("No uncertainty map: it comes from Monte-Carlo dropout, which gradient boosting does not have.")
    stride = int(stride or (max(1, k // 2) if node_level else k))
    if stride < 1:
        raise InputError("The stride must be at least one pixel.")
    names = meta.channel_names()
    std = meta.std()
    grid = Grid.from_raster(raster)
    require_projected(grid, f"The raster '{Path(raster).name}'")
    if grid.width < k or grid.height < k:
        raise InputError(f"The raster ({grid.width}×{grid.height} px) is smaller than one {k}×{k} tile.")
    rwl = read_wavelengths(raster, preset=preset, wavelengths=wavelengths).centers_nm
    band_of = match_bands(meta.wavelengths_nm(), rwl, f"The raster '{Path(raster).name}'")
    geology, extra = plan_channels(names, meta.channel_records(), set(band_of), channel_rasters)
    layers = {"pluton": (plutons, pluton_layer), "fault": (faults, fault_layer)}
    for g in geology:
        if not layers[g.feature][0]:
            raise InputError(f"The model uses the channel '{g.name}': give the {g.feature} layer.")
    return PredictPlan(
        model_path=str(model_path), raster=str(raster), grid=grid, tile_size=k, stride=stride,
        uncertainty=bool(uncertainty), mc_samples=int(mc_samples), names=names, mean=meta.mean(),
        std=np.where(std > 0, std, 1.0).astype(np.float32),
        band_of={i: b for i, b in band_of.items() if i not in extra}, geology=geology, extra=extra,
        layers=layers, notes=notes, architecture=meta.get("architecture", {}).get("name"),
        quality_warning=(meta.get("training") or {}).get("quality_warning") or "", device=device)


def predict_heatmap(model_path: PathLike, raster: PathLike, out_path: PathLike, progress: Optional[Progress] = None,
                    **options) -> Dict[str, Any]:
    """Write the probability GeoTIFF (float32, [0, 1], nodata −1) and its ``.qml``; return a summary.

    ``options`` (:func:`plan_prediction`): ``plutons``/``faults`` (and ``pluton_layer``/``fault_layer``)
    for the geology channels; ``stride`` None: the tile size for tile-level models, half of it for
    node-level ones (each pixel is then scored in four tiles with different context).  ``uncertainty``
    (node-level models): also ``<out>_uncertainty.tif``, the spread of ``mc_samples`` Monte-Carlo
    dropout passes, with its own style.  ``channel_rasters``: channel name → a single-band raster on the
    grid of ``raster`` for a channel the model file cannot rebuild itself (a mineral-probability band,
    :func:`.channels.plan_channels`); ``preset``/``wavelengths`` when the raster has no wavelengths;
    ``device``: ``auto``, ``cpu`` or ``cuda[:N]``.
    """
    from ..raster.distance import distance_to_features

    progress = ensure_progress(progress)
    plan = plan_prediction(model_path, raster, **options)
    geology = plan.geology
    with tempfile.TemporaryDirectory(prefix="hyperprospect-predict-") as tmpdir:
        geo_paths: Dict[int, str] = {}
        for n, g in enumerate(geology):
            vec, lyr = plan.layers[g.feature]
            out = Path(tmpdir) / f"geology_{g.index}.tif"
            distance_to_features(vec, raster, out, kind=g.kind, method=g.method, signed=g.signed, layer=lyr,
                                 progress=progress.span(0.2 * n / max(len(geology), 1),
                                                        0.2 * (n + 1) / max(len(geology), 1)))
            geo_paths[g.index] = str(out)
        geo_paths.update(plan.extra)
        summary = _score(plan, make_scorer(plan), raster, geo_paths, out_path,
                         progress.span(0.2 if geology else 0.0, 1.0))
    summary.update(plan.summary())
    summary["style"] = write_sidecar_style(str(out_path))
    if plan.uncertainty:
        summary["uncertainty_style"] = write_sidecar_style(summary["uncertainty"], UNCERTAINTY_STYLE)
    return summary


def uncertainty_path(out_path: PathLike) -> Path:
    p = Path(out_path)
    return p.with_name(p.stem + "_uncertainty" + (p.suffix or ".tif"))


def make_scorer(plan: PredictPlan):
    """``tiles → (probabilities, uncertainty or None)`` for the plan's model on the plan's device."""
    import torch

    from ..device import resolve_device
    from ..gcn.model_file import load_model
    from ..gcn.networks import predict_proba

    model, _ = load_model(plan.model_path)
    if isinstance(model, torch.nn.Module) or hasattr(model, "mc_probabilities"):  # SVM, trees: the CPU
        model = model.to(resolve_device(plan.device))
    if plan.uncertainty and hasattr(model, "mc_probabilities"):  # a blend: its node GCN's passes, blended
        return lambda tiles: model.mc_probabilities(tiles, plan.mc_samples)
    if plan.uncertainty:
        from ..gcn.node import mc_node_probabilities

        return lambda tiles: mc_node_probabilities(model, tiles, plan.mc_samples)
    return lambda tiles: (predict_proba(model, tiles), None)


DESCRIPTIONS = ("Probability of mineralisation", "Uncertainty (std of Monte-Carlo dropout passes)")


def create_output(path, grid: Grid, description: str):
    out = gdal.GetDriverByName("GTiff").Create(str(path), grid.width, grid.height, 1, gdal.GDT_Float32,
                                               ["TILED=YES", *DEFLATE_FAST, "PREDICTOR=3", "BIGTIFF=IF_SAFER"])
    out.SetGeoTransform(grid.geotransform)
    out.SetProjection(grid.crs_wkt)
    band = out.GetRasterBand(1)
    band.SetNoDataValue(NODATA)
    band.SetDescription(description)
    return out, band


class _Inputs:
    """The raster's spectral bands and the geology rasters, read a tile row at a time through the
    stack reader training used (same per-band nodata, scale/offset), with scale/offset and the
    normalisation folded into one multiply-add per band."""

    def __init__(self, raster, geo_paths, band_of, mean, std):
        spectral_idx, geo_idx = sorted(band_of), sorted(geo_paths)
        paths = ([str(raster)] if spectral_idx else []) + [geo_paths[i] for i in geo_idx]
        bands = ([[band_of[i] + 1 for i in spectral_idx]] if spectral_idx else []) + [[1]] * len(geo_idx)
        # block rows are decoded once and GDAL's cache is dropped after each: memory stays flat
        self.reader = RasterStack.open(paths, bands, strips=True)
        self.order = spectral_idx + geo_idx  # the model channel of each stack channel
        o = self.order
        # physical values, as the graph data set stored them (e.g. int16 reflectance × 0.0001)
        self.gain = (self.reader.scale / std[o]).astype(np.float32)  # (raw·scale + offset − mean) / std
        self.bias = ((self.reader.offset - mean[o]) / std[o]).astype(np.float32)

    def read_row(self, r: int, k: int):
        """One tile row of input (runs in the prefetch thread; GDAL releases the GIL)."""
        return self.reader.read_raw(r, k)

    def stack(self, raws, n_channels: int, k: int, width: int):
        """Normalised ``[C, k, W]`` channels and the ``[k, W]`` nodata mask of one tile row."""
        bad = self.reader.invalid(raws)
        stack = np.empty((n_channels, k, width), np.float32)
        j = 0
        for raw in raws:
            for band in raw:
                ch = self.order[j]
                np.multiply(band, self.gain[j], out=stack[ch], casting="unsafe")
                stack[ch] += self.bias[j]
                j += 1
        return stack, bad


def _tiles(stack, bad, cols, k):
    """Tiles of one tile row: ``(n_tiles, k*k, C)`` (nodes row-major within the tile) and their validity."""
    win = np.lib.stride_tricks.sliding_window_view(stack, k, axis=2)[:, :, cols]  # C, k, nT, k
    tiles = np.ascontiguousarray(win.transpose(2, 1, 3, 0)).reshape(len(cols), k * k, stack.shape[0])
    bad_tiles = np.lib.stride_tricks.sliding_window_view(bad, k, axis=1)[:, cols].any(axis=(0, 2))
    return tiles, ~bad_tiles


def _score_rows(inputs: _Inputs, scorer, accs, names, k, stride, grid: Grid, progress: Progress, own=None):
    """Score every tile row; tiles of several rows go to the model in one call (narrow rasters give
    too few tiles per row to fill a batch) while the next row is read in a thread.  ``own`` (row and
    column spans): count only tiles whose corner lies there (a window's halo tiles belong to its
    neighbours)."""
    rows, cols = tile_origins(grid.height, k, stride), tile_origins(grid.width, k, stride)
    (own_r0, own_r1), (own_c0, own_c1) = own or ((0, grid.height), (0, grid.width))
    counted = (cols >= own_c0) & (cols < own_c1)
    counts = {"scored": 0, "skipped": 0}
    pending: List[Tuple[int, np.ndarray, np.ndarray]] = []

    def flush() -> None:
        batch = [p[2] for p in pending if len(p[2])]
        outs = [np.asarray(o, np.float64) for o in scorer(np.concatenate(batch)) if o is not None] if batch else []
        i = 0
        for r0, ok_cols, tl in pending:
            for acc, o in zip(accs, outs):
                if len(tl):
                    acc.add_tile_row(r0, ok_cols, o[i:i + len(tl)])
            for acc in accs:
                acc.finish_tile_row(r0)
            i += len(tl)
        pending.clear()

    with ThreadPoolExecutor(max_workers=1) as reader, _no_grad():
        upcoming = reader.submit(inputs.read_row, int(rows[0]), k) if len(rows) else None
        queued = 0
        for t, r in enumerate(rows):
            raws = upcoming.result()
            upcoming = reader.submit(inputs.read_row, int(rows[t + 1]), k) if t + 1 < len(rows) else None
            stack, bad = inputs.stack(raws, len(names), k, grid.width)
            tiles, ok = _tiles(stack, bad, cols, k)
            mine = counted if own_r0 <= r < own_r1 else np.zeros_like(counted)
            counts["skipped"] += int((~ok & mine).sum())
            counts["scored"] += int((ok & mine).sum())
            pending.append((int(r), cols[ok], tiles[ok]))
            queued += int(ok.sum())
            if queued >= SCORE_BATCH_TILES or t + 1 == len(rows):
                flush()
                queued = 0
            progress.update((t + 1) / max(len(rows), 1), f"Scored tile row {t + 1} of {len(rows)}")
    for acc in accs:
        acc.close()
    return counts


def _score(plan: PredictPlan, scorer, raster, geo_paths, out_path, progress: Progress) -> Dict[str, Any]:
    grid, k, stride = plan.grid, plan.tile_size, plan.stride
    inputs = _Inputs(raster, geo_paths, plan.band_of, plan.mean, plan.std)
    paths = [Path(out_path)] + ([uncertainty_path(out_path)] if plan.uncertainty else [])
    with contextlib.ExitStack() as stack:
        # every output is complete before any is moved into place (cancel leaves none behind)
        tmps = [stack.enter_context(atomic_output(p, sidecar_suffixes=(".aux.xml",))) for p in paths]
        outs = [create_output(t, grid, d) for t, d in zip(tmps, DESCRIPTIONS)]
        accs = [StripAccumulator(grid.width, grid.height, k, stride,
                                 lambda row0, block, band=band: band.WriteArray(block, 0, row0)) for _, band in outs]
        counts = _score_rows(inputs, scorer, accs, plan.names, k, stride, grid, progress)
        check_scored(counts, plan)
        for _, band in outs:
            band.ComputeStatistics(False)
        del band, accs, outs  # GDAL writes and closes the files before they are moved into place
    summary = {"output": str(out_path), "tiles_scored": counts["scored"], "tiles_skipped_nodata": counts["skipped"],
               "width": grid.width, "height": grid.height}
    if plan.uncertainty:
        summary["uncertainty"] = str(paths[1])
    return summary


def check_scored(counts: Dict[str, int], plan: PredictPlan) -> None:
    """Nothing to write: say why instead of an all-nodata map (GDAL refuses its statistics)."""
    if counts["scored"] == 0:
        g = plan.grid
        raise InputError(f"No tile could be scored: every {plan.tile_size}×{plan.tile_size} tile at stride "
                         f"{plan.stride} px of the {g.width}×{g.height} px raster touches nodata "
                         f"({counts['skipped']} skipped). Use a smaller stride or a raster with more valid pixels.")


def score_window(plan: PredictPlan, scorer, raster, geo_paths, window: Grid,
                 own=None) -> Tuple[List[np.ndarray], Dict[str, int]]:
    """Probability (and uncertainty) arrays of a window whose top-left pixel is on the plan's tile lattice:
    ``raster`` and ``geo_paths`` are that window's rasters.  With the halo of
    :func:`models.mosaic.windows.plan_windows` its core equals the whole raster's result there; tiles
    are counted when their corner lies in ``own`` (the core's row and column spans in the window)."""
    k, stride = plan.tile_size, plan.stride
    inputs = _Inputs(raster, geo_paths, plan.band_of, plan.mean, plan.std)
    arrays = [np.full((window.height, window.width), NODATA, np.float32) for _ in range(1 + plan.uncertainty)]

    def writer(a):
        def write(row0, block):
            a[row0:row0 + len(block)] = block
        return write

    accs = [StripAccumulator(window.width, window.height, k, stride, writer(a)) for a in arrays]
    counts = _score_rows(inputs, scorer, accs, plan.names, k, stride, window, Progress(), own)
    inputs.reader.close()
    return arrays, counts


def deposit_scores(prob_path: PathLike, deposits: str, layer: Optional[str] = None,
                   group_field: Optional[str] = None):
    """Best probability within each deposit's footprint (points: their pixel), grouped by ``group_field``."""
    from osgeo import ogr

    from ..raster.gdalio import open_vector

    ds = open_raster(prob_path)
    grid = Grid.from_dataset(ds)
    prob = ds.GetRasterBand(1).ReadAsArray().astype(np.float64)
    nodata = ds.GetRasterBand(1).GetNoDataValue()
    ds = None
    valid = prob != nodata
    vds, vlayer = open_vector(deposits, layer)
    from osgeo import osr

    target = osr.SpatialReference()
    target.ImportFromWkt(grid.crs_wkt)
    target.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    src_srs = vlayer.GetSpatialRef()
    transform = None
    if src_srs is not None and not src_srs.IsSame(target):
        src_srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
        transform = osr.CoordinateTransformation(src_srs, target)
    inv = gdal.InvGeoTransform(grid.geotransform)
    groups: Dict[str, list] = {}
    mem = gdal.GetDriverByName("MEM")
    for feat in vlayer:
        geom = feat.GetGeometryRef()
        if geom is None:
            continue
        geom = geom.Clone()
        if transform is not None:
            geom.Transform(transform)
        key = str(feat.GetField(group_field)) if group_field else "deposits"
        # the envelope's corners in pixel space (the grid may be rotated): the pixel window to burn
        minx, maxx, miny, maxy = geom.GetEnvelope()
        px = [gdal.ApplyGeoTransform(inv, x, y) for x in (minx, maxx) for y in (miny, maxy)]
        c0 = int(np.floor(min(p[0] for p in px))) - 1
        c1 = int(np.floor(max(p[0] for p in px))) + 2
        r0 = int(np.floor(min(p[1] for p in px))) - 1
        r1 = int(np.floor(max(p[1] for p in px))) + 2
        c0, r0 = max(c0, 0), max(r0, 0)
        c1, r1 = min(c1, grid.width), min(r1, grid.height)
        score = np.nan
        if c1 > c0 and r1 > r0:
            m = mem.Create("", c1 - c0, r1 - r0, 1, gdal.GDT_Byte)
            m.SetGeoTransform(grid.window(r0, r1 - r0, c0, c1 - c0).geotransform)
            lyr_ds = ogr.GetDriverByName("Memory").CreateDataSource("")
            lyr = lyr_ds.CreateLayer("f", target)
            f = ogr.Feature(lyr.GetLayerDefn())
            f.SetGeometry(geom)
            lyr.CreateFeature(f)
            gdal.RasterizeLayer(m, [1], lyr, burn_values=[1], options=["ALL_TOUCHED=TRUE"])
            mask = m.ReadAsArray().astype(bool) & valid[r0:r1, c0:c1]
            if mask.any():
                score = float(prob[r0:r1, c0:c1][mask].max())
        groups.setdefault(key, []).append(score)
    return {k: np.asarray(v, float) for k, v in groups.items()}, prob, valid


def evaluate_heatmap(prob_path: PathLike, deposits: str, layer: Optional[str] = None,
                     group_field: Optional[str] = None, png_path: Optional[PathLike] = None,
                     json_path: Optional[PathLike] = None) -> Dict[str, Any]:
    """Prediction-rate curves (one per group, e.g. known / hidden) with AUC, as PNG and JSON."""
    from .prediction_rate import plot_prediction_rate, prediction_rate

    groups, prob, valid = deposit_scores(prob_path, deposits, layer, group_field)
    curves = {name: prediction_rate(prob, valid, scores) for name, scores in sorted(groups.items())}
    result = {name: pr.to_dict() for name, pr in curves.items()}
    if png_path:
        with atomic_output(png_path) as tmp:
            plot_prediction_rate(curves, str(tmp) + ".png")
            Path(str(tmp) + ".png").replace(tmp)
    if json_path:
        with atomic_output(json_path) as tmp:
            Path(tmp).write_text(json.dumps(result, indent=1))
    return result
