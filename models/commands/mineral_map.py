"""``python -m models mineral-map CUBE -o OUT.tif``: GeoSpectra on every pixel of a hyperspectral raster.

CUBE may also be a VRT or a folder of scenes; ``--workers N`` / ``--scheduler ADDRESS`` run it on a
Dask cluster (a Cloud-Optimized GeoTIFF, the same map).

Writes ``OUT.tif`` (classes with GDAL category names; 0 nodata, 1 no diagnostic
feature), ``OUT_confidence.tif``, ``OUT.qml`` (legend) and, with ``--probabilities``,
``OUT_probabilities.tif`` (one band per named mineral).  Prints a JSON summary.
"""
from __future__ import annotations

import json
import os
import sys
import tempfile

from .cluster_args import add_cluster_arguments, cluster_settings, stderr_progress


def add_arguments(parser) -> None:
    parser.add_argument("raster", metavar="CUBE", help="hyperspectral raster (GeoTIFF, ENVI, …)")
    parser.add_argument("-o", "--output", required=True, help="class map GeoTIFF to write")
    parser.add_argument("--preset", default=None, help="sensor preset when the file has no wavelengths "
                                                       "(see resources/sensors/)")
    parser.add_argument("--wavelengths", default=None, help="band centres in nm (comma-separated or a CSV table)")
    parser.add_argument("--instrument", default=None, help="instrument family (AVIRIS, AHSI, …; default from preset)")
    parser.add_argument("--probabilities", default="",
                        help="comma-separated minerals to write probability bands for, e.g. Kaolinite,Alunite")
    parser.add_argument("--model", default=None, help="a GeoSpectra .safetensors model (default: the shipped one)")
    parser.add_argument("--device", default="auto", help="auto, cpu or cuda[:N] (default auto)")
    parser.add_argument("--fast", action="store_true",
                        help="map with a small network taught by the first of GeoSpectra's networks on a sample of "
                             "the image and checked against it (pixels it is unsure of go to that network; one "
                             "machine only)")
    parser.add_argument("--quiet", action="store_true", help="no progress on stderr")
    add_cluster_arguments(parser)


def run(args) -> int:
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")  # before torch starts its thread pool
    from ..geospectra.mineral_map import MineralMapSettings, map_minerals

    minerals = tuple(m.strip() for m in args.probabilities.split(",") if m.strip())
    settings = MineralMapSettings(preset=args.preset, wavelengths=args.wavelengths, instrument=args.instrument,
                                  probability_minerals=minerals, model=args.model, device=args.device,
                                  fast=args.fast)
    progress = stderr_progress(args.quiet)
    cluster = cluster_settings(args)
    if cluster.enabled:
        from ..mosaic.minerals import map_minerals_mosaic

        summary = map_minerals_mosaic(args.raster, args.output, cluster, settings, progress=progress)
    else:
        from ..mosaic.source import resolve_source

        with tempfile.TemporaryDirectory(prefix="hyperprospect-minerals-") as tmp:
            summary = map_minerals(resolve_source(args.raster).local(tmp), args.output, settings, progress=progress)
    if progress is not None:
        sys.stderr.write("\n")
    print(json.dumps(summary, indent=2, ensure_ascii=False))
    return 0
