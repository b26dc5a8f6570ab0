"""Timing of the default prospectivity workflow (node GCN + gradient boosting, blended) on a sample area.

    python benchmarks/workflow.py SIZE WORK_DIR

Sample area → band subset → both distances → graph data set (10×10 tiles, stride 5) → node GCN
(default epochs) and gradient boosting, blended → heatmap with uncertainty (stride 5) of the same area;
prints one JSON line.
"""
from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def main() -> int:
    from models.gcn.pipeline import run_training
    from models.graphs.tiling import build_graph_dataset
    from models.heatmap.predict import predict_heatmap
    from models.raster.band_subset import subset_raster
    from models.raster.distance import distance_to_features
    from models.sample_area import make_sample_area

    size, work = int(sys.argv[1]), Path(sys.argv[2]) / f"workflow_{sys.argv[1]}"
    times = {}
    t = time.perf_counter()
    area = make_sample_area(work / "area", size=(size, size), seed=1)
    times["sample_area_s"] = time.perf_counter() - t
    t = time.perf_counter()
    sub = subset_raster(area["cube"], work / "sub.tif").path
    distance_to_features(area["plutons"], sub, work / "dp.tif", kind="polygon")
    distance_to_features(area["faults"], sub, work / "df.tif", kind="line")
    build_graph_dataset([sub, str(work / "dp.tif"), str(work / "df.tif")], area["pegmatites_known"],
                        work / "g.hpg", tile_size=10, stride=5)
    times["prepare_s"] = time.perf_counter() - t
    t = time.perf_counter()
    summary = run_training(str(work / "g.hpg"), str(work / "m.hpm"), arch="blend", class_weight="balanced")
    times["train_s"] = time.perf_counter() - t
    t = time.perf_counter()
    pred = predict_heatmap(work / "m.hpm", area["cube"], work / "heat.tif", plutons=area["plutons"],
                           faults=area["faults"], uncertainty=True)
    times["predict_with_uncertainty_s"] = time.perf_counter() - t
    print(json.dumps({**times, "size": size, "tiles_scored": pred["tiles_scored"], "stride": pred["stride"],
                      "best_epoch": summary["best_epoch"], "val_f1": summary["metrics"]["f1"],
                      "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
