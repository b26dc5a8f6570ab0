"""Mosaic prediction on a local Dask cluster: 4 scenes of SIZE² in a 2 × 2 mosaic, 1 vs 2 workers.

    python benchmarks/mosaic.py SIZE WORK_DIR

A node GCN of the default size is trained briefly on a sample area (its speed, not its skill, is
measured), then the heatmap of a folder of four generated AHSI scenes is computed in this process
(the reference), on a cluster of one worker and on one of two; prints one JSON line with the
times, the scaling efficiency, the workers' peak memory and whether the maps are equal.
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import numpy as np
from osgeo import gdal

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))


def _model(work: Path) -> str:
    from models.gcn.pipeline import run_training
    from models.graphs.tiling import build_graph_dataset
    from models.raster.band_subset import subset_raster
    from models.raster.distance import distance_to_features
    from models.sample_area import make_sample_area

    area = make_sample_area(work / "area", size=(150, 150), seed=1)
    sub = subset_raster(area["cube"], work / "sub.tif").path
    distance_to_features(area["plutons"], sub, work / "dp.tif", kind="polygon")
    distance_to_features(area["faults"], sub, work / "df.tif", kind="line")
    build_graph_dataset([sub, str(work / "dp.tif"), str(work / "df.tif")], area["pegmatites_known"],
                        work / "g.hpg", tile_size=10, stride=5)
    run_training(str(work / "g.hpg"), str(work / "m.hpm"), arch="node", epochs=2, class_weight="balanced")
    return str(work / "m.hpm")


def _scenes(work: Path, size: int):
    from pipeline import make_cube, make_vectors

    folder = work / "scenes"
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(2):
        for j in range(2):
            path = folder / f"scene_{i}{j}.tif"
            if not path.exists():
                make_cube(path, size, seed=2 * i + j)
                ds = gdal.Open(str(path), gdal.GA_Update)
                ds.SetGeoTransform((500000 + j * size * 30, 30, 0, 4000000 - i * size * 30, 0, -30))
                ds = None
    return folder, make_vectors(work, 2 * size)


def _vm_hwm_mb() -> float:
    """Peak resident memory of this process (VmHWM; ru_maxrss would carry the parent's over exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _peak_mb(client) -> float:
    return max(client.run(_vm_hwm_mb).values())


def main() -> int:
    import distributed

    from models.heatmap.predict import predict_heatmap
    from models.mosaic.cluster import ClusterSettings
    from models.mosaic.heatmap import predict_mosaic
    from models.mosaic.source import resolve_source

    size, work = int(sys.argv[1]), Path(sys.argv[2]) / f"mosaic_{sys.argv[1]}"
    work.mkdir(parents=True, exist_ok=True)
    model = _model(work)
    folder, (plutons, faults) = _scenes(work, size)
    out = {"scene_px": size, "scenes": 4}
    t = time.perf_counter()
    ref = predict_heatmap(model, resolve_source(folder).local(work), work / "single.tif", plutons=plutons,
                          faults=faults)
    out["single_process_s"] = time.perf_counter() - t
    out["tiles"] = ref["tiles_scored"]
    single = gdal.Open(str(work / "single.tif")).ReadAsArray()
    for n in (1, 2):
        t = time.perf_counter()
        with distributed.LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                                      dashboard_address=None) as cluster, distributed.Client(cluster) as client:
            out[f"cluster_start_{n}_s"] = time.perf_counter() - t
            t = time.perf_counter()
            s = predict_mosaic(model, folder, work / f"dask_{n}.tif",
                               ClusterSettings(scheduler=cluster.scheduler_address), plutons=plutons, faults=faults)
            out[f"workers_{n}_s"] = time.perf_counter() - t
            out[f"workers_{n}_peak_worker_mb"] = _peak_mb(client)
        out["windows"] = s["windows"]
        got = gdal.Open(str(work / f"dask_{n}.tif")).ReadAsArray()
        out[f"workers_{n}_equal_to_single"] = bool(np.array_equal(got, single))
    out["scaling_efficiency"] = out["workers_1_s"] / (2 * out["workers_2_s"])
    out["mpx_per_s_2_workers"] = 4 * size * size / 1e6 / out["workers_2_s"]
    out["client_peak_rss_mb"] = _vm_hwm_mb()
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
