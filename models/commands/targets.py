"""``python -m models targets``: exploration target polygons from a probability raster."""
from __future__ import annotations


def add_arguments(parser) -> None:
    parser.add_argument("raster", help="probability raster (band 1)")
    parser.add_argument("-o", "--out", required=True, help="output GeoPackage (.gpkg)")
    how = parser.add_mutually_exclusive_group(required=True)
    how.add_argument("--threshold", type=float, help="targets are contiguous ground with probability ≥ this")
    how.add_argument("--top", type=float, help="or: the top share of the valid area by rank (e.g. 0.1 = top 10 %%)")
    parser.add_argument("--uncertainty", help="uncertainty raster on the same grid (mean/max per target)")
    parser.add_argument("--known", help="layer of known deposits (distance to the nearest, per target)")
    parser.add_argument("--known-layer", help="layer name inside --known (default: the first layer)")
    parser.add_argument("--min-area", type=float, default=0.0, help="drop targets smaller than this (m², default 0)")
    parser.add_argument("--connectivity", type=int, choices=(4, 8), default=8,
                        help="pixels touching at a corner belong to one target with 8 (default), not with 4")
    parser.add_argument("--layer-name", default="targets", help="layer name in the GeoPackage (default 'targets')")


def run(args) -> int:
    from ..heatmap.targets import TargetSettings, extract_targets
    from ..progress import Progress

    settings = TargetSettings(threshold=args.threshold, top_share=args.top, min_area_m2=args.min_area,
                              connectivity=args.connectivity, layer_name=args.layer_name)
    result = extract_targets(args.raster, args.out, settings, uncertainty=args.uncertainty, known=args.known,
                             known_layer=args.known_layer, progress=Progress())
    print(result.summary())
    for w in result.warnings:
        print(f"warning: {w}")
    for t in result.targets[:10]:
        dist = "" if t["dist_known_m"] is None else f", {t['dist_known_m']:.0f} m from a known deposit"
        print(f"  #{t['rank']}: {t['area_km2']:.4f} km², mean p {t['mean_prob']:.3f}, max p {t['max_prob']:.3f}{dist}")
    print(f"wrote {result.path}")
    return 0
