"""How high can validation F1 go when only some fertile bodies are known?  A check, not a product path.

    python scripts/val_f1_ceiling_check.py OUT_DIR [--seeds 1 2 3] [--size 300]

The training area's validation split scores a model against the *known* bodies only (tiles meeting
them within the label buffer; pixels inside them).  The sample area's other fertile bodies are hidden,
so a perfect detector of fertile pegmatite — one that marks every fertile body, known or not, and
nothing else — is scored with a false positive on every hidden one.  This prints that detector's F1
on the workflow's own tiling and split (tile size 10, stride 5, 100 m buffer, the default spatial
7:3 split), at tile and at pixel level, for each layout: the ceiling of "validation F1" on that
ground for any model, however good.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from cross_area import prepare  # noqa: E402

from models.gcn.metrics import classification_metrics  # noqa: E402
from models.gcn.settings import TrainSettings  # noqa: E402
from models.gcn.train import as_training_data, make_split  # noqa: E402
from models.graphs.tiling import build_graph_dataset  # noqa: E402


def fertile_layer(area: dict, out: Path) -> str:
    """Every mineralised body (known and hidden), none of the barren ones."""
    from osgeo import gdal

    gdal.VectorTranslate(str(out), area["pegmatites_all"], options=gdal.VectorTranslateOptions(
        where="mineralised = 1", layerName="pegmatites"))
    return str(out)


def ceiling(area: dict, d: Path) -> dict:
    paths = [area["subset"], area["dist_pluton"], area["dist_fault"]]
    known = as_training_data(build_graph_dataset(paths, area["pegmatites_known"], d / "known.hpg",
                                                 tile_size=10, stride=5, label_buffer_m=100.0))
    every = as_training_data(build_graph_dataset(paths, fertile_layer(area, d / "fertile.gpkg"), d / "all.hpg",
                                                 tile_size=10, stride=5, label_buffer_m=100.0))
    at = {(r, c): i for i, (r, c) in enumerate(zip(every.rows.tolist(), every.cols.tolist()))}
    s = TrainSettings()
    _, val = make_split(known, val_fraction=s.val_fraction, seed=s.seed, guard=s.split_guard)
    match = np.asarray([at[(int(known.rows[i]), int(known.cols[i]))] for i in val])
    tile_pred = (every.y[match] == 1).astype(np.int64)  # the perfect detector marks every fertile tile
    tiles = classification_metrics(known.y[val], tile_pred)
    truth, keep = known.node_y[val], known.node_y[val] >= 0
    pixels = classification_metrics((truth[keep] == 1).astype(np.int64),
                                    (every.node_y[match][keep] == 1).astype(np.int64))
    return {"val_tiles": int(val.size), "positive_tiles_known": int((known.y[val] == 1).sum()),
            "positive_tiles_all": int(tile_pred.sum()), "tile_f1": tiles["f1"], "tile_precision": tiles["precision"],
            "pixel_f1": pixels["f1"], "pixel_precision": pixels["precision"]}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    ap.add_argument("--size", type=int, default=300)
    args = ap.parse_args()
    print(f"{'layout':>7s} {'val tiles':>10s} {'known +':>8s} {'fertile +':>10s} {'tile F1':>8s} "
          f"{'tile prec':>10s} {'pixel F1':>9s} {'pixel prec':>11s}")
    rows = []
    for seed in args.seeds:
        area = prepare(seed, args.size, args.out)
        r = ceiling(area, area["dir"])
        rows.append(r)
        print(f"{seed:7d} {r['val_tiles']:10d} {r['positive_tiles_known']:8d} {r['positive_tiles_all']:10d} "
              f"{r['tile_f1']:8.3f} {r['tile_precision']:10.3f} {r['pixel_f1']:9.3f} {r['pixel_precision']:11.3f}")
    print(f"{'mean':>7s} {'':10s} {'':8s} {'':10s} {np.mean([r['tile_f1'] for r in rows]):8.3f} "
          f"{np.mean([r['tile_precision'] for r in rows]):10.3f} {np.mean([r['pixel_f1'] for r in rows]):9.3f} "
          f"{np.mean([r['pixel_precision'] for r in rows]):11.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
