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
from .channels import match_bands, plan_channels
from .style import UNCERTAINTY_STYLE, write_sidecar_style

gdal.UseExceptions()
PathLike = Union[str, Path]


SCORE_BATCH_TILES = 1024  # tiles scored per call (~16 MB of float32 input for 39 channels)


def _no_grad():
    import torch

    return torch.inference_mode()


def predict_heatmap(
    model_path: PathLike,
    raster: PathLike,
    out_path: PathLike,
    plutons: Optional[str] = None,
    faults: Optional[str] = None,
    pluton_layer: Optional[str] = None,
    fault_layer: Optional[str] = None,
    stride: Optional[int] = None,
    preset: Optional[str] = None,
    wavelengths: Optional[str] = None,
    progress: Optional[Progress] = None,
    uncertainty: bool = False,
    mc_samples: int = 8,
    channel_rasters: Optional[Dict[str, str]] = None,
) -> Dict[str, Any]:
    """Write the probability GeoTIFF (float32, [0, 1], nodata −1) and its ``.qml``; return a summary.

    ``stride`` None: the tile size for tile-level models, half of it for node-level ones (each
    pixel is then scored in four tiles with different context).  ``uncertainty`` (node-level
    models): also ``<out>_uncertainty.tif``, the spread of ``mc_samples`` Monte-Carlo dropout
    passes, with its own style.  ``channel_rasters``: channel name → a single-band raster on the
    grid of ``raster`` for a channel the model file cannot rebuild itself (a mineral-probability
    band, :func:`.channels.plan_channels`).
    """
    from ..gcn.model_file import load_model
    from ..gcn.networks import predict_proba
    from ..raster.distance import distance_to_features

    progress = ensure_progress(progress)
    model, meta = load_model(model_path)
    k = meta.tile_size()
    node_level = bool(getattr(model, "node_level", False))
    notes = []
    if uncertainty and not node_level:
        uncertainty = False
        notes.append("No uncertainty map: it needs a node-level model (Node GCN); this model scores whole tiles.")
    stride = int(stride or (max(1, k // 2) if node_level else k))
    if stride < 1:
        raise InputError("The stride must be at least one pixel.")
    names = meta.channel_names()
    mean, std = meta.mean(), meta.std()
    std = np.where(std > 0, std, 1.0).astype(np.float32)

    grid = Grid.from_raster(raster)
    require_projected(grid, f"The raster '{Path(raster).name}'")
    if grid.width < k or grid.height < k:
        raise InputError(f"The raster ({grid.width}×{grid.height} px) is smaller than one {k}×{k} tile.")
    rwl = read_wavelengths(raster, preset=preset, wavelengths=wavelengths).centers_nm
    band_of = match_bands(meta.wavelengths_nm(), rwl, f"The raster '{Path(raster).name}'")
    geology, extra = plan_channels(names, meta.channel_records(), set(band_of), channel_rasters)
    band_of = {i: b for i, b in band_of.items() if i not in extra}

    with tempfile.TemporaryDirectory(prefix="hyperprospect-predict-") as tmpdir:
        geo_paths: Dict[int, str] = {}
        for n, g in enumerate(geology):
            vec, lyr = (plutons, pluton_layer) if g.feature == "pluton" else (faults, fault_layer)
            if not vec:
                raise InputError(f"The model uses the channel '{g.name}': give the {g.feature} layer.")
            out = Path(tmpdir) / f"geology_{g.index}.tif"
            distance_to_features(vec, raster, out, kind=g.kind, method=g.method, signed=g.signed, layer=lyr,
                                 progress=progress.span(0.2 * n / max(len(geology), 1),
                                                        0.2 * (n + 1) / max(len(geology), 1)))
            geo_paths[g.index] = str(out)
        geo_paths.update(extra)
        scorer = _mc_scorer(model, mc_samples) if uncertainty else lambda tiles: (predict_proba(model, tiles), None)
        summary = _score(scorer, raster, geo_paths, band_of, names, mean, std, k, stride, grid,
                         out_path, progress.span(0.2 if geology else 0.0, 1.0), uncertainty)
    summary.update({"model": str(model_path), "architecture": meta.get("architecture", {}).get("name"),
                    "tile_size": k, "stride": stride, "channels": names, "notes": notes,
                    "quality_warning": (meta.get("training") or {}).get("quality_warning") or ""})
    summary["style"] = write_sidecar_style(str(out_path))
    if uncertainty:
        summary["uncertainty_style"] = write_sidecar_style(summary["uncertainty"], UNCERTAINTY_STYLE)
    return summary


def uncertainty_path(out_path: PathLike) -> Path:
    p = Path(out_path)
    return p.with_name(p.stem + "_uncertainty" + (p.suffix or ".tif"))


def _mc_scorer(model, samples: int):
    from ..gcn.node import mc_node_probabilities

    return lambda tiles: mc_node_probabilities(model, tiles, samples)


def _create_output(path, grid: Grid, description: str):
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


def _score_rows(inputs: _Inputs, scorer, accs, names, k, stride, grid: Grid, progress: Progress):
    """Score every tile row; tiles of several rows go to the model in one call (narrow rasters give
    too few tiles per row to fill a batch) while the next row is read in a thread."""
    rows, cols = tile_origins(grid.height, k, stride), tile_origins(grid.width, k, stride)
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
            counts["skipped"] += int((~ok).sum())
            pending.append((int(r), cols[ok], tiles[ok]))
            queued += int(ok.sum())
            counts["scored"] += int(ok.sum())
            if queued >= SCORE_BATCH_TILES or t + 1 == len(rows):
                flush()
                queued = 0
            progress.update((t + 1) / max(len(rows), 1), f"Scored tile row {t + 1} of {len(rows)}")
    for acc in accs:
        acc.close()
    return counts


def _score(scorer, raster, geo_paths, band_of, names, mean, std, k, stride, grid: Grid,
           out_path, progress: Progress, uncertainty: bool = False) -> Dict[str, Any]:
    inputs = _Inputs(raster, geo_paths, band_of, mean, std)
    paths = [Path(out_path)] + ([uncertainty_path(out_path)] if uncertainty else [])
    descriptions = ["Probability of mineralisation", "Uncertainty (std of Monte-Carlo dropout passes)"]
    with contextlib.ExitStack() as stack:
        # every output is complete before any is moved into place (cancel leaves none behind)
        tmps = [stack.enter_context(atomic_output(p, sidecar_suffixes=(".aux.xml",))) for p in paths]
        outs = [_create_output(t, grid, d) for t, d in zip(tmps, descriptions)]
        accs = [StripAccumulator(grid.width, grid.height, k, stride,
                                 lambda row0, block, band=band: band.WriteArray(block, 0, row0)) for _, band in outs]
        counts = _score_rows(inputs, scorer, accs, names, k, stride, grid, progress)
        if counts["scored"] == 0:  # nothing to write: say why instead of an all-nodata map (GDAL refuses its stats)
            raise InputError(f"No tile could be scored: every {k}×{k} tile at stride {stride} px of the "
                             f"{grid.width}×{grid.height} px raster touches nodata ({counts['skipped']} skipped). "
                             "Use a smaller stride or a raster with more valid pixels.")
        for _, band in outs:
            band.ComputeStatistics(False)
        del band, accs, outs  # GDAL writes and closes the files before they are moved into place
    summary = {"output": str(out_path), "tiles_scored": counts["scored"], "tiles_skipped_nodata": counts["skipped"],
               "width": grid.width, "height": grid.height}
    if uncertainty:
        summary["uncertainty"] = str(paths[1])
    return summary


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
