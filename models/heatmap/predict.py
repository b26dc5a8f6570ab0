"""Apply a trained model to every tile of an area and write a probability heatmap.

Memory stays flat: the raster is read one strip of ``tile_size`` rows at a time
(only the bands the model uses), tiles are scored a tile row at a time, and
:class:`~.accumulate.StripAccumulator` writes finished rows straight to the output.
"""
from __future__ import annotations

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
from ..raster.strips import StripReader
from ..raster.wavelengths import read_wavelengths
from .accumulate import NODATA, StripAccumulator, tile_origins
from .channels import match_bands, parse_geology_channel
from .style import write_sidecar_style

gdal.UseExceptions()
PathLike = Union[str, Path]


SCORE_BATCH_TILES = 1024  # tiles scored per call (~16 MB of float32 input for 39 channels)


def _no_grad():
    import torch

    return torch.inference_mode()


def _nodata_mask(arr: np.ndarray, nodata: Optional[float]) -> np.ndarray:
    bad = ~np.isfinite(arr) if arr.dtype.kind == "f" else np.zeros(arr.shape, bool)
    if nodata is not None:
        bad |= arr == nodata
    return bad


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
) -> Dict[str, Any]:
    """Write the probability GeoTIFF (float32, [0, 1], nodata −1) and its ``.qml``; return a summary."""
    from ..gcn.model_file import load_model
    from ..gcn.networks import predict_proba
    from ..raster.distance import distance_to_features

    progress = ensure_progress(progress)
    model, meta = load_model(model_path)
    data = meta.get("data") or {}
    k = int(data["tile_size"])
    stride = int(stride or k)
    if stride < 1:
        raise InputError("The stride must be at least one pixel.")
    names = list(data["channel_names"])
    mean = np.asarray(data["mean"], np.float32)
    std = np.asarray(data["std"], np.float32)
    std = np.where(std > 0, std, 1.0).astype(np.float32)

    grid = Grid.from_raster(raster)
    require_projected(grid, f"The raster '{Path(raster).name}'")
    if grid.width < k or grid.height < k:
        raise InputError(f"The raster ({grid.width}×{grid.height} px) is smaller than one {k}×{k} tile.")
    rwl = read_wavelengths(raster, preset=preset, wavelengths=wavelengths).centers_nm
    band_of = match_bands(data["wavelengths_nm"], rwl, f"The raster '{Path(raster).name}'")
    geology = [g for g in (parse_geology_channel(i, n) for i, n in enumerate(names) if i not in band_of) if g]
    unknown = [names[i] for i in range(len(names)) if i not in band_of and i not in {g.index for g in geology}]
    if unknown:
        raise InputError(f"The model uses channels this version cannot rebuild on a new area: {', '.join(unknown)}.")

    with tempfile.TemporaryDirectory(prefix="hyperprospect-predict-") as tmpdir:
        geo_paths: Dict[int, str] = {}
        for n, g in enumerate(geology):
            vec, lyr = (plutons, pluton_layer) if g.feature == "pluton" else (faults, fault_layer)
            if not vec:
                raise InputError(f"The model uses the channel '{g.name}': give the {g.feature} layer.")
            out = Path(tmpdir) / f"geology_{g.index}.tif"
            distance_to_features(vec, raster, out, kind=g.kind, method=g.method, signed=g.signed, layer=lyr,
                                 progress=progress.span(0.2 * n / max(len(geology), 1), 0.2 * (n + 1) / max(len(geology), 1)))
            geo_paths[g.index] = str(out)
        summary = _score(model, predict_proba, raster, geo_paths, band_of, names, mean, std, k, stride, grid,
                         out_path, progress.span(0.2 if geology else 0.0, 1.0))
    summary.update({"model": str(model_path), "architecture": meta.get("architecture", {}).get("name"),
                    "tile_size": k, "stride": stride, "channels": names})
    summary["style"] = write_sidecar_style(str(out_path))
    return summary


def _score(model, predict_proba, raster, geo_paths, band_of, names, mean, std, k, stride, grid: Grid,
           out_path, progress: Progress) -> Dict[str, Any]:
    src = open_raster(raster)
    geo = {i: open_raster(p) for i, p in geo_paths.items()}
    spectral_idx = sorted(band_of)
    band_list = [band_of[i] + 1 for i in spectral_idx]
    nodata = src.GetRasterBand(1).GetNoDataValue()
    # Physical values, as the graph data set stored them (e.g. int16 reflectance × 0.0001).
    scale = np.array([src.GetRasterBand(b).GetScale() or 1.0 for b in band_list], np.float32)
    offset = np.array([src.GetRasterBand(b).GetOffset() or 0.0 for b in band_list], np.float32)
    gain = (scale / std[spectral_idx]).astype(np.float32)                 # (raw·scale + offset − mean) / std
    bias = ((offset - mean[spectral_idx]) / std[spectral_idx]).astype(np.float32)
    W, H = grid.width, grid.height
    rows = tile_origins(H, k, stride)
    cols = tile_origins(W, k, stride)
    n_scored = 0
    n_skipped = 0
    with atomic_output(out_path, sidecar_suffixes=(".aux.xml",)) as tmp:
        drv = gdal.GetDriverByName("GTiff")
        out = drv.Create(str(tmp), W, H, 1, gdal.GDT_Float32,
                         ["TILED=YES", *DEFLATE_FAST, "PREDICTOR=3", "BIGTIFF=IF_SAFER"])
        out.SetGeoTransform(grid.geotransform)
        out.SetProjection(grid.crs_wkt)
        ob = out.GetRasterBand(1)
        ob.SetNoDataValue(NODATA)
        ob.SetDescription("Probability of mineralisation")
        written = {"rows": 0}

        def write_rows(row0: int, block: np.ndarray) -> None:
            ob.WriteArray(block, 0, row0)
            written["rows"] += block.shape[0]

        acc = StripAccumulator(W, H, k, stride, write_rows)

        # Block rows are decoded once and GDAL's cache is dropped after each: memory stays flat.
        spec_reader = StripReader(src, band_list)
        geo_readers = {ch: StripReader(ds, [1]) for ch, ds in geo.items()}

        def read_row(r: int):
            """One tile row of input (runs in the prefetch thread; GDAL releases the GIL)."""
            spec = spec_reader.read(r, k).copy()
            geos = {ch: rd.read(r, k)[0].astype(np.float32) for ch, rd in geo_readers.items()}
            return spec, geos

        pending: List[Tuple[int, np.ndarray, np.ndarray]] = []   # tile rows waiting to be scored together

        def flush() -> None:
            batch = [p[2] for p in pending if len(p[2])]
            probs = np.empty(0)
            if batch:
                with _no_grad():
                    probs = np.asarray(predict_proba(model, np.concatenate(batch)), np.float64)
            i = 0
            for r0, ok_cols, tl in pending:
                if len(tl):
                    acc.add_tile_row(r0, ok_cols, probs[i:i + len(tl)])
                    i += len(tl)
                acc.finish_tile_row(r0)
            pending.clear()

        # Reading the next tile row overlaps scoring of the current ones, and tiles of several
        # rows are scored in one call (narrow rasters give too few tiles per row to fill a batch).
        with ThreadPoolExecutor(max_workers=1) as reader:
            upcoming = reader.submit(read_row, int(rows[0])) if len(rows) else None
            queued = 0
            for t, r in enumerate(rows):
                r = int(r)
                spec, geos = upcoming.result()
                upcoming = reader.submit(read_row, int(rows[t + 1])) if t + 1 < len(rows) else None
                bad = _nodata_mask(spec, nodata).any(axis=0)
                # physical value (scale/offset) and normalisation folded into one multiply-add per band
                stack = np.empty((len(names), k, W), np.float32)
                for j, ch in enumerate(spectral_idx):
                    np.multiply(spec[j], gain[j], out=stack[ch], casting="unsafe")
                    stack[ch] += bias[j]
                for ch, g in geos.items():
                    bad |= ~np.isfinite(g)
                    np.subtract(g, mean[ch], out=stack[ch])
                    stack[ch] /= std[ch]
                # tiles: (n_tiles, C, k, k) -> nodes row-major within the tile -> (n_tiles, k*k, C)
                win = np.lib.stride_tricks.sliding_window_view(stack, k, axis=2)[:, :, cols]  # C, k, nT, k
                tiles = np.ascontiguousarray(win.transpose(2, 1, 3, 0)).reshape(len(cols), k * k, len(names))
                bad_tiles = np.lib.stride_tricks.sliding_window_view(bad, k, axis=1)[:, cols].any(axis=(0, 2))
                ok = ~bad_tiles
                n_skipped += int(bad_tiles.sum())
                pending.append((r, cols[ok], tiles[ok]))
                queued += int(ok.sum())
                n_scored += int(ok.sum())
                if queued >= SCORE_BATCH_TILES or t + 1 == len(rows):
                    flush()
                    queued = 0
                progress.update((t + 1) / max(len(rows), 1), f"Scored tile row {t + 1} of {len(rows)}")
        acc.close()
        if n_scored == 0:  # nothing to write: say why instead of an all-nodata map (GDAL refuses its statistics)
            raise InputError(f"No tile could be scored: every {k}×{k} tile at stride {stride} px of the "
                             f"{grid.width}×{grid.height} px raster touches nodata ({n_skipped} skipped). "
                             "Use a smaller stride or a raster with more valid pixels.")
        ob.ComputeStatistics(False)
        ob = None
        out = None
    src = None
    geo = None
    return {"output": str(out_path), "tiles_scored": n_scored, "tiles_skipped_nodata": n_skipped,
            "width": W, "height": H}


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
