"""Does training against known barren dykes teach a map to tell fertile from barren ones?

    python scripts/barren_negatives_check.py OUT_DIR [--generator sample|independent]

A geologist often knows some barren dykes too.  This check trains the per-pixel gradient-boosting
peer (scripts/cross_area_support.py's features) on the first area's known fertile dykes against
background beyond 200 m, once as the peer does and once with half of that area's barren dykes added
as negatives (weighted as much as the whole background), and prints the pixel ROC AUCs fertile vs
barren and fertile vs background: on the first area (hidden fertile dykes against the barren ones
not used in training) and, as a mean, on the other areas.  It is the evidence behind the README's
sentence on known barren dykes; it changes nothing the product does.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
from scipy import ndimage

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

from cross_area import prepare, prepare_inputs  # noqa: E402
from cross_area_support import features  # noqa: E402

from models.raster.footprints import read_features, union_mask  # noqa: E402
from models.raster.grid import Grid  # noqa: E402

PX = 30.0


def status_masks(area: dict):
    """The grid and the geometries of the known, hidden and barren bodies of an area."""
    grid = Grid.from_raster(area["subset"])
    feats = read_features(area["pegmatites_all"], grid, field="status")
    return grid, {st: [f.geometry for f in feats if (f.value or "").lower() == st]
                  for st in ("known", "hidden", "barren")}


def fit(train: dict, kind: str, with_barren: bool, rng: np.random.Generator):
    """→ (classifier, mask of the barren pixels used in training)."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    f = features(train, kind)
    grid, st = status_masks(train)
    known = union_mask(st["known"], grid)
    order = rng.permutation(len(st["barren"]))
    used = union_mask([st["barren"][i] for i in order[:len(order) // 2]], grid) if with_barren \
        else np.zeros_like(known)
    far = ndimage.distance_transform_edt(~(known | union_mask(st["barren"], grid))) * PX > 200.0
    ok = np.isfinite(f).all(0)
    pos = np.flatnonzero((known & ok).ravel())
    neg = np.flatnonzero((far & ok).ravel())
    neg = rng.choice(neg, size=min(len(neg), 40 * len(pos)), replace=False)
    bar = np.flatnonzero((used & ok & ~known).ravel())
    X = f.reshape(f.shape[0], -1)[:, np.r_[pos, neg, bar]].T
    y = np.r_[np.ones(len(pos)), np.zeros(len(neg) + len(bar))]
    w = np.r_[np.full(len(pos), len(neg) / len(pos)), np.ones(len(neg)),
              np.full(len(bar), len(neg) / max(len(bar), 1))]
    clf = HistGradientBoostingClassifier(max_iter=300, learning_rate=0.1, random_state=0)
    clf.fit(X, y, sample_weight=w)
    return clf, used


def score(clf, area: dict, kind: str, used=None):
    """Pixel ROC AUCs (fertile vs barren, fertile vs background beyond 90 m); with ``used``, the
    training area: hidden fertile only, and the barren pixels used in training left out."""
    from sklearn.metrics import roc_auc_score

    g = features(area, kind)
    ok = np.isfinite(g).all(0)
    p = np.full(ok.shape, np.nan)
    p[ok] = clf.predict_proba(g[:, ok].T)[:, 1]
    grid, st = status_masks(area)
    fertile = union_mask(st["hidden"] + ([] if used is not None else st["known"]), grid)
    barren = union_mask(st["barren"], grid) & (~used if used is not None else True)
    bodies = union_mask(st["known"] + st["hidden"] + st["barren"], grid)
    background = ndimage.distance_transform_edt(~bodies) * PX > 90.0
    fb, bb, gg = fertile & ~barren & ok, barren & ~fertile & ok, background & ok

    def auc(a, b):
        return roc_auc_score(np.r_[np.ones(a.sum()), np.zeros(b.sum())], np.r_[p[a], p[b]])
    return auc(fb, bb), auc(fb, gg)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--generator", choices=("sample", "independent"), default="sample")
    args = ap.parse_args()
    if args.generator == "independent":
        from independent_scene import make_scene
        areas = [prepare_inputs(make_scene(args.out / f"scene_{s}", s, 400), args.out / f"scene_{s}")
                 for s in (11, 12, 13)]
    else:
        areas = [prepare(s, 300, args.out) for s in (1, 2, 3, 4)]
    print(f"{'features':<10}{'training':<24}{'same area: fb':>14}{'bg':>7}{'other areas: fb':>17}{'bg':>7}")
    for kind in ("all", "geology"):
        for with_barren in (False, True):
            clf, used = fit(areas[0], kind, with_barren, np.random.default_rng(0))
            same = score(clf, areas[0], kind, used)
            other = np.mean([score(clf, a, kind) for a in areas[1:]], axis=0)
            label = "+ half the barren dykes" if with_barren else "known vs background"
            print(f"{kind:<10}{label:<24}{same[0]:>14.3f}{same[1]:>7.3f}{other[0]:>17.3f}{other[1]:>7.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
