"""The probability heatmap of a mosaic, window by window on a Dask cluster.

Each task rebuilds its window's channels exactly as the single-process prediction does for the
whole raster — the spectral bands through a VRT of the window, the distances by
:func:`models.raster.distance.distance_window` on the whole grid — and scores the window with the
tiles its halo holds (:mod:`.windows`), so the assembled map equals
:func:`models.heatmap.predict.predict_heatmap`'s (tested with a local cluster of two workers).
"""
from __future__ import annotations

import contextlib
import tempfile
from pathlib import Path
from typing import Any, Dict, Optional

import numpy as np
from osgeo import gdal

from ..atomic import atomic_output
from ..heatmap.accumulate import NODATA
from ..heatmap.predict import (DESCRIPTIONS, PredictPlan, check_scored, create_output, make_scorer, plan_prediction,
                               score_window, uncertainty_path)
from ..heatmap.style import UNCERTAINTY_STYLE, write_sidecar_style
from ..progress import Progress, ensure_progress
from ..raster.grid import Grid
from .cluster import ClusterSettings, one_torch_thread, open_client, run_tasks
from .cog import write_cog
from .source import RasterSource, resolve_source, window_vrt
from .windows import Window, plan_windows

gdal.UseExceptions()
_SCORERS: Dict[tuple, Any] = {}  # per worker process: the model is loaded once, not per window

MC_NOTE = ("The Monte-Carlo passes depend on how tiles are batched: on a cluster the uncertainty map (and the mean "
           "probability it gives) is reproducible for one window size but not bit-equal to a single-process run.")


def predict_mosaic(model_path, mosaic, out_path, cluster: ClusterSettings, progress: Optional[Progress] = None,
                   **options) -> Dict[str, Any]:
    """Write the heatmap of ``mosaic`` (a raster, a VRT or a folder of scenes) as a COG on the cluster;
    ``options`` as for :func:`~models.heatmap.predict.predict_heatmap`.  Returns its summary."""
    progress = ensure_progress(progress)
    source = resolve_source(mosaic)
    with tempfile.TemporaryDirectory(prefix="hyperprospect-mosaic-") as tmp:
        plan = plan_prediction(model_path, source.local(tmp), **options)
        windows = plan_windows(plan.grid.height, plan.grid.width, cluster.window, plan.tile_size, plan.stride)
        paths = [Path(out_path)] + ([uncertainty_path(out_path)] if plan.uncertainty else [])
        counts = {"scored": 0, "skipped": 0}
        with contextlib.ExitStack() as stack:
            finals = [stack.enter_context(atomic_output(p, sidecar_suffixes=(".aux.xml",))) for p in paths]
            work = [str(Path(tmp) / f"assembly_{i}.tif") for i in range(len(paths))]
            outs = [create_output(w, plan.grid, d)[0] for w, d in zip(work, DESCRIPTIONS)]

            def write(window: Window, result) -> None:
                arrays, n = result
                counts["scored"] += n["scored"]
                counts["skipped"] += n["skipped"]
                for ds, a in zip(outs, arrays):
                    ds.GetRasterBand(1).WriteArray(a, window.core_cols[0], window.core_rows[0])

            _write_empty(outs, [w for w in windows if not w.has_work])
            with open_client(cluster) as client:
                run_tasks(client, _heatmap_window, [w for w in windows if w.has_work], write,
                          progress.span(0.0, 0.95), cluster.retries, shared={"plan": plan, "source": source})
            check_scored(counts, plan)
            for i in range(len(outs)):
                outs[i].GetRasterBand(1).ComputeStatistics(False)
                outs[i].FlushCache()
            outs.clear()  # the only references: GDAL closes the files before they are copied
            for w, f in zip(work, finals):
                write_cog(w, f, predictor="3")
            progress.update(1.0, "Wrote the Cloud-Optimized GeoTIFF")
    summary = {"output": str(out_path), "tiles_scored": counts["scored"], "tiles_skipped_nodata": counts["skipped"],
               "width": plan.grid.width, "height": plan.grid.height, "windows": len(windows),
               "scenes": source.scenes, "cluster": cluster.describe(), **plan.summary()}
    if plan.uncertainty:
        summary["uncertainty"] = str(paths[1])
        summary["notes"].append(MC_NOTE)
        summary["uncertainty_style"] = write_sidecar_style(str(paths[1]), UNCERTAINTY_STYLE)
    summary["style"] = write_sidecar_style(str(out_path))
    return summary


def _write_empty(outs, windows) -> None:
    for w in windows:
        block = np.full((w.core_rows[1] - w.core_rows[0], w.core_cols[1] - w.core_cols[0]), NODATA, np.float32)
        for ds in outs:
            ds.GetRasterBand(1).WriteArray(block, w.core_cols[0], w.core_rows[0])


def _heatmap_window(window: Window, plan: PredictPlan, source: RasterSource):
    """One window on a worker: its core arrays and tile counts."""
    from ..raster.distance import distance_window

    one_torch_thread()
    (r0, r1), (c0, c1) = window.read_rows, window.read_cols
    grid = plan.grid.window(r0, r1 - r0, c0, c1 - c0)
    with tempfile.TemporaryDirectory(prefix="hyperprospect-window-") as d:
        raster = window_vrt(source.local(d), (r0, r1), (c0, c1), Path(d) / "bands.vrt")
        geo = {}
        for g in plan.geology:
            vec, layer = plan.layers[g.feature]
            values = distance_window(vec, plan.grid, (r0, r1), (c0, c1), kind=g.kind, method=g.method,
                                     signed=g.signed, layer=layer)
            geo[g.index] = _write_array(values, grid, Path(d) / f"geology_{g.index}.tif")
        for i, path in plan.extra.items():
            geo[i] = window_vrt(path, (r0, r1), (c0, c1), Path(d) / f"channel_{i}.vrt")
        rows, cols = window.core_in_read()
        arrays, counts = score_window(plan, _scorer(plan), raster, geo, grid,
                                      own=((rows.start, rows.stop), (cols.start, cols.stop)))
    return [a[rows, cols] for a in arrays], counts


def _scorer(plan: PredictPlan):
    key = (plan.model_path, plan.uncertainty, plan.mc_samples, plan.device)
    if key not in _SCORERS:
        _SCORERS.clear()
        _SCORERS[key] = make_scorer(plan)
    return _SCORERS[key]


def _write_array(values: np.ndarray, grid: Grid, path: Path) -> str:
    ds = gdal.GetDriverByName("GTiff").Create(str(path), grid.width, grid.height, 1, gdal.GDT_Float32)
    ds.SetGeoTransform(grid.geotransform)
    ds.SetProjection(grid.crs_wkt)
    ds.GetRasterBand(1).WriteArray(values)
    ds = None
    return str(path)
