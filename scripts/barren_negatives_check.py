"""Does training against known barren dykes teach a map to tell fertile from barren ones?

    python scripts/barren_negatives_check.py OUT_DIR [--generator sample|independent]

A geologist often knows some barren dykes too.  This check trains the per-pixel gradient-boosting
peer of the cross-area tables (scripts/cross_area_support.pixel_peer) on the first area, once as it
is and once with half of that area's barren dykes added as negatives (weighing as much as the whole
background), and prints the pixel ROC AUCs fertile vs barren and fertile vs background: on the first
area (hidden fertile dykes against the barren ones not used in training) and, as a mean, on the
other areas, scored by score_map as in the README's tables; then a two-stage map (the plain peer × a
fertile-vs-barren classifier of the known dykes).  A last row per feature set, the *oracle*,
trains on every fertile pixel against every barren one of the first area (labels nobody has): its
fertile-vs-barren AUC on the other areas shows how far these features set the two apart at all.  It is the
evidence behind the README's sentence on known barren dykes; it changes nothing the product does.
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
from cross_area_support import (NODATA, body_mask, features, pixel_peer, pixel_predictor,  # noqa: E402
                                score_map, write_like)

from models.raster.footprints import read_features, union_mask  # noqa: E402
from models.raster.grid import Grid  # noqa: E402

PX = 30.0


def status_masks(area: dict):
    """The grid and the geometries of the known, hidden and barren bodies of an area."""
    grid = Grid.from_raster(area["subset"])
    feats = read_features(area["pegmatites_all"], grid, field="status")
    return grid, {st: [f.geometry for f in feats if (f.value or "").lower() == st]
                  for st in ("known", "hidden", "barren")}


def barren_half(area: dict, rng: np.random.Generator) -> np.ndarray:
    """Pixel mask of a random half of an area's barren dykes (the ones a geologist would know)."""
    grid, st = status_masks(area)
    order = rng.permutation(len(st["barren"]))
    return union_mask([st["barren"][i] for i in order[:len(order) // 2]], grid)


def same_area(predict, area: dict, used: np.ndarray):
    """Pixel ROC AUCs on the training area: hidden fertile vs the barren pixels not used in training,
    and vs background beyond 90 m of every body (score_map cannot leave the used ones out)."""
    from sklearn.metrics import roc_auc_score

    p = predict(area)
    ok = p != NODATA
    grid, st = status_masks(area)
    hidden, barren = union_mask(st["hidden"], grid), union_mask(st["barren"], grid) & ~used
    bodies = union_mask(st["known"] + st["hidden"] + st["barren"], grid)
    background = ndimage.distance_transform_edt(~bodies) * PX > 90.0

    def auc(a, b):
        return roc_auc_score(np.r_[np.ones(a.sum()), np.zeros(b.sum())], np.r_[p[a], p[b]])
    return auc(hidden & ~barren & ok, barren & ~hidden & ok), auc(hidden & ok, background & ok)


def dyke_classifier(area: dict, kind: str, fertile: np.ndarray, barren: np.ndarray):
    """The peer's classifier trained on pixels of ``fertile`` against pixels of ``barren`` (masks), balanced."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    f = features(area, kind)
    ok = np.isfinite(f).all(0)
    pos, neg = np.flatnonzero((fertile & ~barren & ok).ravel()), np.flatnonzero((barren & ~fertile & ok).ravel())
    X = f.reshape(f.shape[0], -1)[:, np.r_[pos, neg]].T
    y = np.r_[np.ones(len(pos)), np.zeros(len(neg))]
    clf = HistGradientBoostingClassifier(max_iter=300, learning_rate=0.1, class_weight="balanced", random_state=0)
    clf.fit(X, y)
    return pixel_predictor(clf, kind)


def oracle_peer(area: dict, kind: str):
    """Every fertile pixel (known and hidden) against every barren one of ``area``: labels no geologist
    has; its fertile-vs-barren AUC on other areas shows how far these features set the two apart at all."""
    grid, st = status_masks(area)
    return dyke_classifier(area, kind, union_mask(st["known"] + st["hidden"], grid), union_mask(st["barren"], grid))


def two_stage(area: dict, kind: str, used: np.ndarray):
    """P(pegmatite-like) of the plain peer × P(fertile | dyke) from the known fertile against the known
    (``used``) barren dykes: the background stays the first stage's, fertile vs barren the second's."""
    first = pixel_peer(area, kind)
    second = dyke_classifier(area, kind, body_mask(area, "pegmatites_known"), used)

    def predict(other: dict) -> np.ndarray:
        p, q = first(other), second(other)
        return np.where((p != NODATA) & (q != NODATA), p * q, NODATA).astype(np.float32)
    return predict


def other_areas(predict, areas: list, out: Path):
    """Mean fertile-vs-barren and fertile-vs-background pixel ROC AUCs, scored as the README's tables."""
    rows = []
    for i, a in enumerate(areas):
        path = out / f"barren_check_{i}.tif"
        write_like(a["subset"], path, predict(a))
        s = score_map(path, a)
        rows.append((s["roc_fertile_barren"], s["roc_fertile_background"]))
    return np.mean(rows, axis=0)


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
    used = barren_half(areas[0], np.random.default_rng(0))  # the same known barren dykes for every row
    for kind in ("all", "geology"):
        for with_barren in (False, True):
            predict = pixel_peer(areas[0], kind, extra_negatives=used if with_barren else None)
            same = same_area(predict, areas[0], used)
            other = other_areas(predict, areas[1:], args.out)
            label = "+ half the barren dykes" if with_barren else "known vs background"
            print(f"{kind:<10}{label:<24}{same[0]:>14.3f}{same[1]:>7.3f}{other[0]:>17.3f}{other[1]:>7.3f}")
        predict = two_stage(areas[0], kind, used)
        same, other = same_area(predict, areas[0], used), other_areas(predict, areas[1:], args.out)
        print(f"{kind:<10}{'two-stage, half barren':<24}{same[0]:>14.3f}{same[1]:>7.3f}"
              f"{other[0]:>17.3f}{other[1]:>7.3f}")
        other = other_areas(oracle_peer(areas[0], kind), areas[1:], args.out)
        print(f"{kind:<10}{'oracle: fertile vs barren':<24}{'–':>14}{'–':>7}{other[0]:>17.3f}{'–':>7}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
