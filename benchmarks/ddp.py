"""Data-parallel training throughput: torchrun with 1 vs 2 processes on this machine (CPU, gloo).

    python benchmarks/ddp.py TILES WORK_DIR

* GCN: the enhanced GCN on a synthetic graph data set of TILES tiles (10×10 nodes, 39 channels, the
  benchmark's shape), ``python -m models train`` for HP_BENCH_DDP_EPOCHS epochs (default 20), batch 32;
* GeoSpectra: ``python -m models train-geospectra`` for HP_BENCH_DDP_STEPS steps (default 100) of
  32 classes × 4 spectra.

Each configuration runs under ``torchrun --standalone``: 1 process × all cores (the default), 1 process
× 1 thread (the per-process baseline) and 2 processes × 1 thread.  Samples/s is training samples seen
per second of the training loop as the model file records it (reading the data, the split and the
file writing are outside); prints one JSON line.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
CONFIGS = ((1, None), (1, 1), (2, 1))  # (processes, threads per process; None = the default share)


def _torchrun(nproc: int, args) -> float:
    env = {**os.environ, "OMP_WAIT_POLICY": "PASSIVE", "PYTHONPATH": str(REPO)}
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "torch.distributed.run", "--standalone",
                           f"--nproc_per_node={nproc}", "-m", "models", *map(str, args)],
                          cwd=REPO, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr[-1500:])
    return time.perf_counter() - t


def _graphs(tiles: int, work: Path) -> Path:
    from models.gcn.synthetic import synthetic_tiles
    from models.graphs.dataset import GraphDataset

    d = synthetic_tiles(n_rows=24, n_cols=max(2, tiles // 24), n_pos=max(10, tiles // 4), seed=0)
    ds = GraphDataset(x=d["x"], y=d["y"], rows=d["rows"], cols=d["cols"], block=d["block"], tile_size=d["tile_size"],
                      stride=d["stride"], edge_index=d["edge_index"], edge_threshold_m=d["edge_threshold_m"],
                      channel_names=d["channel_names"], wavelengths_nm=d["wavelengths_nm"], mean=d["mean"],
                      std=d["std"], crs_wkt="", geotransform=d["geotransform"], raster_size=d["raster_size"],
                      meta=d["meta"])
    return ds.save(work / "ddp_graphs.hpg")


def gcn(tiles: int, work: Path, epochs: int) -> dict:
    from models.gcn.model_file import read_metadata

    data = _graphs(tiles, work)
    rows = []
    for nproc, threads in CONFIGS:
        out = work / f"ddp_gcn_{nproc}x{threads}.hpm"
        extra = ["--threads", threads] if threads else []
        wall = _torchrun(nproc, ["train", data, "-o", out, "--arch", "enhanced", "--epochs", epochs, "--device",
                                 "cpu", "--quiet", *extra])
        meta = read_metadata(out)
        t = meta["training"]
        train_s = sum(h["seconds"] for h in meta["history"])
        rows.append({"processes": nproc, "threads_per_process": t["threads"], "world_size": t["world_size"],
                     "epochs": epochs, "n_train": t["n_train"], "train_s": train_s,
                     "samples_per_s": t["n_train"] * epochs / train_s, "wall_s": wall,
                     "val_roc_auc": meta["metrics"]["validation"]["roc_auc"]})
    return {"tiles": tiles, "runs": rows, **_scaling(rows)}


def geospectra(work: Path, steps: int) -> dict:
    from models.geospectra.model_file import read_metadata

    data = REPO.parent / "shared" / "data"
    rows = []
    for nproc, threads in CONFIGS:
        out = work / f"ddp_gs_{nproc}x{threads}"
        extra = ["--threads", threads] if threads else []
        wall = _torchrun(nproc, ["train-geospectra", "--data", data, "--out", out, "--steps", steps, "--device", "cpu",
                                 "--json", *extra])
        t = read_metadata(out / "geospectra.safetensors")["training"]
        batch = int(t["classes_per_batch"]) * int(t["per_class"])
        rows.append({"processes": nproc, "threads_per_process": t["threads"], "world_size": t["world_size"],
                     "steps": steps, "batch": batch, "train_s": t["seconds"],
                     "samples_per_s": steps * batch / t["seconds"], "wall_s": wall})
    return {"runs": rows, **_scaling(rows)}


def _scaling(rows) -> dict:
    """2 processes against 1 process with the same cores, and against 1 process × 1 thread."""
    by = {(r["processes"], r["threads_per_process"]): r["samples_per_s"] for r in rows}
    two = by.get((2, 1))
    one_all = next((v for (p, t), v in by.items() if p == 1 and t != 1), None)
    one_single = by.get((1, 1))
    return {"speedup_2_vs_1_same_cores": None if not (two and one_all) else two / one_all,
            "efficiency_2_vs_1x1": None if not (two and one_single) else two / (2 * one_single)}


def main() -> int:
    tiles, work = int(sys.argv[1]), Path(sys.argv[2])
    work.mkdir(parents=True, exist_ok=True)
    epochs = int(os.environ.get("HP_BENCH_DDP_EPOCHS", "20"))
    steps = int(os.environ.get("HP_BENCH_DDP_STEPS", "100"))
    result = {"gcn": gcn(tiles, work, epochs), "cores": len(os.sched_getaffinity(0)),
              "load_average_at_start": list(os.getloadavg())}
    try:
        result["geospectra"] = geospectra(work, steps)
    except (RuntimeError, OSError) as exc:  # the library may be missing; the GCN figures still stand
        result["geospectra"] = {"error": str(exc)[-500:]}
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
