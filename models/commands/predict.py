"""``python -m models predict MODEL.hpm MOSAIC -o OUT.tif``: the probability heatmap of a raster or mosaic.

MOSAIC is one raster, a VRT of scenes or a folder of scenes.  In this process by default; with
``--workers N`` on a local Dask cluster, with ``--scheduler ADDRESS`` on a running one (the result
is then a Cloud-Optimized GeoTIFF equal to this process's).  Prints a JSON summary.
"""
from __future__ import annotations

import json
import os
import sys
import tempfile

from .cluster_args import add_cluster_arguments, cluster_settings, stderr_progress


def add_arguments(parser) -> None:
    parser.add_argument("model", metavar="MODEL.hpm", help="a model file from 'train'")
    parser.add_argument("raster", metavar="MOSAIC", help="raster, VRT, or folder of scenes to map")
    parser.add_argument("-o", "--output", required=True, help="probability GeoTIFF to write")
    parser.add_argument("--plutons", help="pluton polygons (for distance channels)")
    parser.add_argument("--faults", help="fault lines (for distance channels)")
    parser.add_argument("--pluton-layer", help="layer inside --plutons")
    parser.add_argument("--fault-layer", help="layer inside --faults")
    parser.add_argument("--stride", type=int, default=None, help="tile stride in pixels (default: the model's)")
    parser.add_argument("--uncertainty", action="store_true", help="also write <out>_uncertainty.tif (node models)")
    parser.add_argument("--mc-samples", type=int, default=8, help="Monte-Carlo dropout passes (default 8)")
    parser.add_argument("--preset", help="sensor preset when the raster has no wavelengths")
    parser.add_argument("--wavelengths", help="band centres in nm (comma-separated or a CSV table)")
    parser.add_argument("--channel", action="append", default=[], metavar="NAME=RASTER",
                        help="a raster for a model channel it cannot rebuild (repeatable)")
    parser.add_argument("--device", default="auto", help="auto, cpu or cuda[:N] (default auto)")
    parser.add_argument("--quiet", action="store_true", help="no progress on stderr")
    add_cluster_arguments(parser)


def _channels(pairs):
    from ..errors import InputError

    out = {}
    for p in pairs:
        name, sep, path = p.partition("=")
        if not sep or not name.strip() or not path.strip():
            raise InputError(f"--channel takes NAME=RASTER, not '{p}'.")
        out[name.strip()] = path.strip()
    return out


def run(args) -> int:
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")  # before torch starts its thread pool
    options = dict(plutons=args.plutons, faults=args.faults, pluton_layer=args.pluton_layer,
                   fault_layer=args.fault_layer, stride=args.stride, uncertainty=args.uncertainty,
                   mc_samples=args.mc_samples, preset=args.preset, wavelengths=args.wavelengths,
                   channel_rasters=_channels(args.channel) or None, device=args.device)
    progress = stderr_progress(args.quiet)
    cluster = cluster_settings(args)
    if cluster.enabled:
        from ..mosaic.heatmap import predict_mosaic

        summary = predict_mosaic(args.model, args.raster, args.output, cluster, progress=progress, **options)
    else:
        from ..heatmap.predict import predict_heatmap
        from ..mosaic.source import resolve_source

        with tempfile.TemporaryDirectory(prefix="hyperprospect-predict-") as tmp:
            summary = predict_heatmap(args.model, resolve_source(args.raster).local(tmp), args.output,
                                      progress=progress, **options)
    if progress is not None:
        sys.stderr.write("\n")
    print(json.dumps(summary, indent=2, ensure_ascii=False, default=str))
    return 0
