"""GeoSpectra's mineral map of a mosaic, window by window on a Dask cluster.

Pixels are classified one by one, so windows need no halo; each task reads its window with GDAL
and returns its classes, confidence and chosen probabilities; the client assembles them and
copies each to a Cloud-Optimized GeoTIFF, with the legend the single-process map has
(:func:`models.geospectra.mineral_map.map_minerals`).
"""
from __future__ import annotations

import functools
import tempfile
from pathlib import Path
from typing import Any, Dict, Optional

from ..geospectra.dark import to_reflectance
from ..geospectra.mineral_map import (MineralMapSettings, MineralPlan, classify_pixels, classify_strip,
                                      map_outputs, plan_mineral_map, read_pixels)
from ..progress import Progress, ensure_progress
from ..raster.gdalio import open_raster
from .cluster import ClusterSettings, one_torch_thread, open_client, run_tasks
from .cog import write_cog
from .source import RasterSource, resolve_source
from .windows import Window, plan_windows


def map_minerals_mosaic(mosaic, out_path, cluster: ClusterSettings, settings: Optional[MineralMapSettings] = None,
                        progress: Optional[Progress] = None) -> Dict[str, Any]:
    """Write the mineral map of ``mosaic`` (a raster, a VRT or a folder of scenes) on the cluster."""
    settings = settings or MineralMapSettings()
    progress = ensure_progress(progress)
    out_path = Path(out_path)
    source = resolve_source(mosaic)
    with tempfile.TemporaryDirectory(prefix="hyperprospect-mosaic-") as tmp:
        local = source.local(tmp)
        plan = plan_mineral_map(local, out_path, settings)
        like = open_raster(local)
        windows = plan_windows(like.RasterYSize, like.RasterXSize, cluster.window)

        def finish(assembled, temporary) -> None:
            for key, src in assembled.items():
                write_cog(src, temporary[key], predictor="NO" if key == "cls" else "YES",
                          resampling="NEAREST" if key == "cls" else "AVERAGE")

        with map_outputs(out_path, like, plan, assemble_in=tmp, finish=finish) as out:
            def write(w: Window, result) -> None:
                out.write(w.core_rows[0], w.core_cols[0], *result)

            with open_client(cluster) as client:
                run_tasks(client, _minerals_window, windows, write, progress, cluster.retries,
                          shared={"plan": plan, "source": source})
        like = None
    summary = plan.summary(out_path, out.counts)
    summary.update({"windows": len(windows), "scenes": source.scenes, "cluster": cluster.describe()})
    if settings.fast:
        summary["fast"] = {"used": False, "reason": "fast mapping runs on one machine; on a cluster every pixel is "
                                                    "mapped by GeoSpectra"}
    return summary


def _minerals_window(window: Window, plan: MineralPlan, source: RasterSource):
    """One window on a worker: its classes, confidence and probabilities, shaped as the window."""
    from ..geospectra.inference import get_identifier

    one_torch_thread()
    (r0, r1), (c0, c1) = window.core_rows, window.core_cols
    with tempfile.TemporaryDirectory(prefix="hyperprospect-window-") as d:
        src = open_raster(source.local(d))
        # each window judges its own unit: the scenes of a mosaic may store reflectance differently
        refl, p95 = to_reflectance(read_pixels(src, plan, r0, r1 - r0, c0, c1 - c0), with_p95=True)
        src = None
    classify = functools.partial(classify_pixels, get_identifier(plan.settings.model, plan.settings.device), plan)
    cls, conf, probs = classify_strip(plan, classify, refl, p95)
    shape = (r1 - r0, c1 - c0)
    return cls.reshape(shape), conf.reshape(shape), probs.reshape(*shape, -1)
