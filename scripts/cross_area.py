"""Cross-area evaluation: train on one sample layout, map others the model never saw.

    python scripts/cross_area.py OUT_DIR [--train-seed 1] [--test-seeds 2 3 4] [--size 300]

Every model and peer is trained on the same training layout and scored on the same test
layouts, side by side: the default blend of the node-level GCN and per-pixel gradient boosting,
each of the two alone, the paper's graph-level enhanced GCN (100 m buffer, stride = tile),
spectra-only GCN, per-pixel gradient boosting (scikit-learn HistGradientBoosting on the same
bands, continuum-removed copies and the two distances), geology-only gradient boosting (the two
distances) and a rule with no learning (1 / (1 + distance to pluton / 500 m)).  Prints one table
and writes ``cross_area.json``.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from models.gcn.pipeline import run_training  # noqa: E402
from models.graphs.tiling import build_graph_dataset  # noqa: E402
from models.heatmap.predict import predict_heatmap  # noqa: E402
from models.raster.band_subset import subset_raster  # noqa: E402
from models.raster.distance import distance_to_features  # noqa: E402
from models.sample_area import make_sample_area  # noqa: E402

from cross_area_support import (pixel_peer, rule_map, score_map,  # noqa: E402
                                write_like)


def prepare_inputs(area: dict, d: Path) -> dict:
    """Band subset and the two distance rasters of an area (keys as ``make_sample_area`` returns)."""
    d.mkdir(parents=True, exist_ok=True)
    sub = subset_raster(area["cube"], d / "subset.tif").path
    dp = d / "dist_pluton.tif"
    df = d / "dist_fault.tif"
    distance_to_features(area["plutons"], sub, dp, kind="polygon")
    distance_to_features(area["faults"], sub, df, kind="line")
    return {**area, "subset": sub, "dist_pluton": str(dp), "dist_fault": str(df), "dir": d}


def prepare(seed: int, size: int, root: Path) -> dict:
    d = root / f"area_{seed}"
    return prepare_inputs(make_sample_area(d, size=(size, size), seed=seed), d)


def score_peers(train: dict, tests: list, rows: dict) -> None:
    """The peers a user could pick instead, trained on ``train``, scored on every test area."""
    peers = {"Gradient boosting per pixel": "all", "Gradient boosting, geology only": "geology"}
    fitted = {name: pixel_peer(train, kind) for name, kind in peers.items()}
    for t in tests:
        for name, peer in fitted.items():
            out = t["dir"] / f"heat_{peers[name]}_hgb.tif"
            write_like(t["subset"], out, peer(t))
            rows.setdefault(name, []).append(score_map(out, t))
        out = t["dir"] / "heat_rule.tif"
        write_like(t["subset"], out, rule_map(t))
        rows.setdefault("Rule 1/(1+d_pluton/500 m)", []).append(score_map(out, t))


KEYS = ["auc_hidden", "top10_hidden", "auc_fertile", "auc_barren", "roc_fertile_background", "roc_fertile_barren",
        "roc_hidden_background", "roc_hidden_barren", "val_f1"]


def _short(key: str) -> str:
    return key.replace("roc_fertile_", "roc_").replace("roc_hidden_", "roc_hid_").replace("background", "bg")


def print_table(table: dict, title: str) -> None:
    keys = [k for k in KEYS if any(np.isfinite(r.get(k, np.nan)) for r in table.values())]
    print(f"\n{title}")
    print(f"{'model':46s}" + "".join(f"{_short(k):>16s}" for k in keys))
    for name, r in table.items():
        print(f"{name:46s}" + "".join(f"{r.get(k, float('nan')):16.3f}" for k in keys))


CONFIGS = {
    # name: (arch, stack, tile, stride, buffer_m, epochs, predict stride); None = the workflow's default
    # the default: the node GCN and gradient boosting below, trained together and blended by rank
    "Node GCN + gradient boosting (blend, default)": ("blend", "all", 10, 5, 100.0, None, None),
    "Node GCN": ("node", "all", 10, 5, 100.0, None, None),
    "Node GCN, spectra only": ("node", "spectra", 10, 5, 100.0, None, None),
    "Enhanced GCN (paper)": ("enhanced", "all", 10, 10, 100.0, 200, 10),
    # the product's per-pixel peer (arch gbt: node labels, no graph), beside the peer built by hand below
    "Gradient boosting model (arch gbt)": ("gbt", "all", 10, 5, 100.0, None, None),
}


def train_configs(train: dict, root: Path, only=None) -> dict:
    models = {}
    for name, (arch, stack, k, stride, buf, epochs, _) in CONFIGS.items():
        if only and name not in only:
            continue
        paths = [train["subset"]] + ([train["dist_pluton"], train["dist_fault"]] if stack == "all" else [])
        tag = name.split(" (")[0].replace(" ", "_").replace(",", "").lower() + f"_{stack}"
        graphs = root / f"{tag}.hpg"
        build_graph_dataset(paths, train["pegmatites_known"], graphs, tile_size=k, stride=stride, label_buffer_m=buf)
        t0 = time.perf_counter()
        summary = run_training(str(graphs), str(root / f"{tag}.hpm"), arch=arch, epochs=epochs,
                               class_weight="balanced")
        models[name] = {"path": str(root / f"{tag}.hpm"), "train_s": time.perf_counter() - t0, "summary": summary}
    return models


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--train-seed", type=int, default=1)
    ap.add_argument("--test-seeds", type=int, nargs="+", default=[2, 3, 4])
    ap.add_argument("--size", type=int, default=300)
    ap.add_argument("--only", nargs="*", help="model names to run (default: all)")
    args = ap.parse_args()
    root = args.out
    root.mkdir(parents=True, exist_ok=True)
    train = prepare(args.train_seed, args.size, root)
    tests = [prepare(s, args.size, root) for s in args.test_seeds]
    models = train_configs(train, root, args.only)
    rows = {}
    for t in tests:
        for name, info in models.items():
            out = t["dir"] / f"heat_{name.split(' (')[0].replace(' ', '_').replace(',', '')}.tif"
            t0 = time.perf_counter()
            predict_heatmap(info["path"], t["cube"], out, plutons=t["plutons"], faults=t["faults"],
                            stride=CONFIGS[name][6])
            res = score_map(out, t)
            res["predict_s"] = time.perf_counter() - t0
            rows.setdefault(name, []).append(res)
    score_peers(train, tests, rows)
    table = {name: {k: float(np.mean([r[k] for r in res])) for k in res[0]} for name, res in rows.items()}
    for name, info in models.items():
        table[name]["val_f1"] = float(info["summary"]["metrics"]["f1"])
        table[name]["train_s"] = info["train_s"]
    print_table(table, f"Trained on layout {args.train_seed}; mean over test layouts {args.test_seeds} "
                       f"({args.size}² px)")
    (root / "cross_area.json").write_text(json.dumps({"table": table, "per_layout": rows}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
