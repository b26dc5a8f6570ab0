"""Would one map made of two be better?  The node GCN and the gradient-boosting model, blended.  A check.

    python scripts/blend_check.py CROSS_AREA_OUT INDEPENDENT_OUT [--train-seeds 1 11]

Reads the maps that ``scripts/cross_area.py`` (``make evaluate``) and ``scripts/independent_scene.py``
(``make evaluate-independent``) wrote for their test areas (``heat_Node_GCN.tif``,
``heat_Gradient_boosting_model.tif``), blends each pair — the mean of the two probabilities, and the mean
of the two ranks within the map — and scores the blends as those scripts score every model (mean over
the test areas), beside the product's blend (``heat_Node_GCN_+_gradient_boosting.tif``, arch ``blend``,
which ranks against the training area instead of within each map).  Changes nothing the product does.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
from scipy.stats import rankdata

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from cross_area_support import NODATA, read_band_stack, score_map, write_like  # noqa: E402

KEYS = ("auc_hidden", "top10_hidden", "roc_fertile_background", "roc_fertile_barren")


def blend(d: Path, how: str) -> Path:
    a, b = (read_band_stack(d / f"heat_{n}.tif")[0] for n in ("Node_GCN", "Gradient_boosting_model"))
    ok = np.isfinite(a) & np.isfinite(b) & (a >= 0) & (b >= 0)
    out = np.full(a.shape, NODATA, np.float32)
    out[ok] = (a[ok] + b[ok]) / 2 if how == "mean" else (rankdata(a[ok]) + rankdata(b[ok])) / (2 * ok.sum())
    path = d / f"heat_blend_{how}.tif"
    write_like(d / "subset.tif", path, out)
    return path


def test_areas(out: Path, prefix: str, train_seed: int):
    """The areas a run mapped and never trained on (each holds the maps of every model)."""
    return [d for d in sorted(out.glob(f"{prefix}_*"))
            if d.name != f"{prefix}_{train_seed}" and (d / "heat_Node_GCN.tif").exists()]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("cross_area_out", type=Path)
    ap.add_argument("independent_out", type=Path)
    ap.add_argument("--train-seeds", type=int, nargs=2, default=[1, 11], help="training layout and scene")
    args = ap.parse_args()
    fields = {"sample area (make evaluate)": (test_areas(args.cross_area_out, "area", args.train_seeds[0]),
                                             "pegmatites_all.gpkg"),
              "independent (make evaluate-independent)": (
                  test_areas(args.independent_out, "scene", args.train_seeds[1]), "all.gpkg")}
    print(f"{'field':42s}{'map':44s}" + "".join(f"{k:>24s}" for k in KEYS))
    for field, (dirs, deposits) in fields.items():
        maps = {"node GCN": lambda d: d / "heat_Node_GCN.tif",
                "gradient boosting model": lambda d: d / "heat_Gradient_boosting_model.tif",
                "mean of probabilities": lambda d: blend(d, "mean"), "mean of ranks": lambda d: blend(d, "rank"),
                "the product's blend (training-area ranks)": lambda d: d / "heat_Node_GCN_+_gradient_boosting.tif"}
        for label, path_of in maps.items():
            paths = [path_of(d) for d in dirs]
            if not all(p.exists() for p in paths):
                continue  # runs before the blend was a model of the product
            rows = [score_map(p, {"pegmatites_all": str(d / deposits)}) for p, d in zip(paths, dirs)]
            print(f"{field:42s}{label:44s}" + "".join(f"{np.mean([r[k] for r in rows]):24.3f}" for k in KEYS))
    return 0


if __name__ == "__main__":
    sys.exit(main())
