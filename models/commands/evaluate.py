"""``python -m models evaluate``: score a probability raster against deposits of known status."""
from __future__ import annotations

import json
import sys

from ..progress import Progress


def add_arguments(parser) -> None:
    parser.add_argument("raster", nargs="+",
                        help="probability (or score) raster(s); band 1 is scored, higher = more prospective. "
                             "With several, each gets its files beside it and one comparison table is printed")
    parser.add_argument("--deposits", required=True, help="polygon or point layer of deposits")
    parser.add_argument("--layer", help="layer name inside --deposits (default: the first layer)")
    parser.add_argument("--field", default="status",
                        help="status field (default 'status'); '' scores all deposits as one fertile group")
    parser.add_argument("--barren", default="barren",
                        help="comma-separated status value(s) of barren bodies (default 'barren')")
    parser.add_argument("--fertile", default=None,
                        help="comma-separated status values that count as fertile (default: every non-barren one)")
    parser.add_argument("--buffer", type=float, default=0.0,
                        help="background pixels must lie this many metres outside every body (default 0)")
    parser.add_argument("--top", default="0.05,0.10,0.20",
                        help="area shares for the captured-bodies figures (default 0.05,0.10,0.20)")
    parser.add_argument("-o", "--out", help="JSON output of a single raster (default: <raster>_evaluation.json "
                                            "beside the raster)")
    parser.add_argument("--png", help="PNG output (default: the JSON path with .png)")
    parser.add_argument("--html", help="also write an HTML page here")
    parser.add_argument("--json", action="store_true", help="print the whole score as JSON instead of a table")


def _split(text):
    return [t.strip() for t in text.split(",") if t.strip()] if text else []


def run(args) -> int:
    from ..errors import InputError
    from ..evaluation import ScoreSettings, comparison_table, evaluate_heatmap

    try:
        top = [float(t) for t in _split(args.top)]
    except ValueError as exc:
        raise InputError(f"--top takes comma-separated numbers such as 0.05,0.1: {exc}") from exc
    settings = ScoreSettings(field=args.field or None, barren=_split(args.barren),
                             fertile=_split(args.fertile) or None, background_buffer_m=args.buffer,
                             top_shares=top, layer=args.layer)
    if len(args.raster) > 1 and (args.out or args.png or args.html or args.json):
        raise InputError("-o, --png, --html and --json take a single raster; with several, each raster gets "
                         "<raster>_evaluation.json/.png beside it.")
    png = args.png or (str(args.out).rsplit(".", 1)[0] + ".png" if args.out else None)
    scores = {}
    for raster in args.raster:
        score, files = evaluate_heatmap(raster, args.deposits, settings, json_path=args.out, png_path=png,
                                        html_path=args.html, progress=Progress())
        scores[raster] = score
        if args.json:
            print(json.dumps(json.loads(open(files["json"]).read()), indent=1))
        else:
            print(f"== {raster}")
            print("\n".join(score.summary_lines()))
        print("wrote " + ", ".join(files.values()), file=sys.stderr)
    if len(scores) > 1:
        statuses = [s for s in ("hidden",) if all(s in sc.statuses for sc in scores.values())] + [None]
        print("\n" + comparison_table(scores, statuses))
    return 0
