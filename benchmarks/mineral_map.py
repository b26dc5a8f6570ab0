"""Mineral map of a generated AHSI cube (SIZE × SIZE × 166, int16): wall time, pixels/s, peak memory.

Run as ``python benchmarks/mineral_map.py [fast:]SIZE WORKDIR`` (``fast:`` = the checked distilled network of
:mod:`models.geospectra.fast_map`), one process per size so the peak memory (``ru_maxrss``) is this size's
alone; prints one JSON line.  Pixels are mixtures of two library reference
spectra (kaolinite, alunite, muscovite, calcite, montmorillonite, quartz, goethite, epidote) with noise, convolved
to the AHSI bands — spectra with and without diagnostic features, as on a real scene.
"""
from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path


os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")  # as in the worker: spinning threads crawl on shared CPUs
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def make_cube(path: Path, size: int, seed: int = 0) -> None:
    from models.geospectra.dataset import AHSI_TABLE
    from models.geospectra.grid import read_sensor_table
    from models.geospectra.synthetic_cube import mixture_cube

    mixture_cube(path, size, *read_sensor_table(AHSI_TABLE), seed=seed)


def main() -> int:
    if sys.argv[1] == "--make":
        make_cube(Path(sys.argv[3]), int(sys.argv[2]))
        return 0
    fast = sys.argv[1].startswith("fast:") or os.environ.get("HP_MINERAL_FAST") == "1"
    size, work = int(sys.argv[1].split(":")[-1]), Path(sys.argv[2])
    work.mkdir(parents=True, exist_ok=True)
    import torch

    torch.set_num_threads(int(os.environ.get("HP_THREADS", "2")))
    cube = work / f"mineral_cube_{size}.tif"
    t = time.time()
    # the cube is generated in a child process: GDAL's write cache must not count in the map's peak memory
    subprocess.run([sys.executable, __file__, "--make", str(size), str(cube)], check=True)
    make_s = time.time() - t
    from models.geospectra.mineral_map import MineralMapSettings, map_minerals

    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t = time.time()
    summary = map_minerals(cube, work / f"mineral_map_{size}.tif",
                           MineralMapSettings(probability_minerals=["Kaolinite"], fast=fast))
    wall = time.time() - t
    agreement = _whole_map_agreement(work, size, summary, fast)
    print(json.dumps({"size": size, "mode": "fast" if fast else "exact", "whole_map_agreement": agreement,
                      "bands": summary["bands"], "pixels": size * size, "make_cube_s": make_s,
                      "map_s": wall, "pixels_per_s": size * size / wall, "target_s_at_1000": 60.0,
                      "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                      "rss_before_map_mb": rss0, "threads": torch.get_num_threads(),
                      "classes_mapped": len(summary["pixel_counts"]),
                      "fast": summary.get("fast"), "load_average_at_end": os.getloadavg()}))
    for p in work.glob(f"mineral_*_{size}*"):
        p.unlink(missing_ok=True)
    return 0


def _whole_map_agreement(work: Path, size: int, summary, fast: bool):
    """An exact run keeps its classes for a later fast run of the same size (same cube: fixed seed), which
    reports the share of valid pixels whose class equals the exact map's."""
    import numpy as np
    from osgeo import gdal

    classes = gdal.Open(summary["output"]).ReadAsArray()
    reference = work / f"exact_classes_{size}.npy"
    if not fast:
        np.save(reference, classes)
        return None
    if not reference.exists():
        return None
    exact = np.load(reference)
    valid = exact != 0
    return float((exact[valid] == classes[valid]).mean())


if __name__ == "__main__":
    sys.exit(main())
