"""``python -m models build-graphs``: cut a raster stack into labelled graph tiles."""
from __future__ import annotations

import sys

from ..progress import Progress


def add_arguments(parser) -> None:
    parser.add_argument("stack", nargs="+", help="rasters of the stack, in channel order (spectral subset first, "
                                                 "then geology layers); all on one grid")
    parser.add_argument("-o", "--out", required=True, help="output data set (.safetensors, or .npz)")
    parser.add_argument("--labels", help="polygon layer of known mineralised bodies (omit for a prediction set)")
    parser.add_argument("--label-layer", help="layer name inside --labels (default: the first layer)")
    parser.add_argument("--tile-size", type=int, default=10, help="tile edge in pixels (default 10)")
    parser.add_argument("--stride", type=int, default=None, help="step between tiles in pixels (default: tile size)")
    parser.add_argument("--threshold-factor", type=float, default=1.7,
                        help="edge threshold as a multiple of the pixel size (default 1.7 = 8-neighbourhood)")
    parser.add_argument("--label-buffer", type=float, default=100.0,
                        help="buffer around known bodies in metres (default 100)")
    parser.add_argument("--min-positive-fraction", type=float, default=0.0,
                        help="share of a tile's area inside the buffered bodies needed to call it positive "
                             "(default 0: any contact)")
    parser.add_argument("--negative-ratio", type=float, default=None,
                        help="keep at most this many barren tiles per mineralised tile (default: all)")
    parser.add_argument("--keep-out", type=float, default=0.0,
                        help="barren tiles must lie at least this many metres from a known body (default 0)")
    parser.add_argument("--block-tiles", type=int, default=5,
                        help="spatial block edge in tiles, for leak-free splits (default 5)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the negative sampling (default 0)")
    parser.add_argument("--footprints", help="also write the tile polygons with their labels to this GeoPackage")
    parser.add_argument("--quiet", action="store_true", help="no progress output")


def run(args) -> int:
    from ..graphs import build_graph_dataset

    last = [-10.0]

    def report(percent: float, message: str) -> None:
        if not args.quiet and (percent - last[0] >= 10 or percent >= 100):
            last[0] = percent
            print(f"  {percent:5.1f}% {message}", file=sys.stderr)

    ds = build_graph_dataset(
        args.stack, args.labels, args.out,
        tile_size=args.tile_size, stride=args.stride, threshold_factor=args.threshold_factor,
        label_buffer_m=args.label_buffer, min_positive_fraction=args.min_positive_fraction,
        negative_ratio=args.negative_ratio, keep_out_m=args.keep_out, seed=args.seed,
        footprints_path=args.footprints, progress=Progress(report), label_layer=args.label_layer,
        block_tiles=args.block_tiles,
    )
    counts = ds.meta.get("counts", {})
    print(ds.summary())
    print(
        f"tile positions {counts.get('positions')}, skipped for nodata {counts.get('skipped_nodata')}, "
        f"excluded (ambiguous {counts.get('excluded_ambiguous', 0)}, keep-out {counts.get('excluded_keep_out', 0)}, "
        f"dropped by ratio {counts.get('negatives_dropped_by_ratio', 0)})"
    )
    print(f"wrote {args.out}" + (f" and {args.footprints}" if args.footprints else ""))
    return 0
