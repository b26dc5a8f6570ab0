"""Mosaic work on Dask: windows with halos, windowed distances, heatmap and mineral map on a cluster of two
workers equal to the single-process result, a killed worker, a failing window, cancel and the CLI."""
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from osgeo import gdal

from models.errors import CancelledError, InputError
from models.heatmap.accumulate import tile_origins
from models.mosaic.cluster import ClusterSettings
from models.mosaic.windows import plan_windows
from models.progress import Progress
from mosaic_support import cut_scenes, trained_area

REPO = Path(__file__).resolve().parents[1]
distributed = pytest.importorskip("distributed")


@pytest.mark.parametrize("H,W,core,k,s", [(100, 77, 32, 8, 4), (50, 50, 7, 5, 5), (64, 40, 16, 10, 3), (9, 4, 2, 1, 1)])
def test_window_cores_tile_the_raster_and_halos_hold_every_tile_that_touches_them(H, W, core, k, s):
    covered = np.zeros((H, W), int)
    rows, cols = tile_origins(H, k, s), tile_origins(W, k, s)
    for w in plan_windows(H, W, core, k, s):
        (r0, r1), (c0, c1) = w.core_rows, w.core_cols
        covered[r0:r1, c0:c1] += 1
        touching_r = [o for o in rows if o < r1 and o + k > r0]
        touching_c = [o for o in cols if o < c1 and o + k > c0]
        if not touching_r or not touching_c:
            assert not w.has_work
            continue
        assert w.read_rows == (touching_r[0], touching_r[-1] + k)  # starts on the lattice, ends with its last tile
        assert w.read_cols == (touching_c[0], touching_c[-1] + k)
    assert (covered == 1).all()


@pytest.fixture(scope="module")
def area(tmp_path_factory):
    folder = tmp_path_factory.mktemp("mosaic")
    a = trained_area(folder)
    a["scenes"] = str(cut_scenes(a["cube"], folder / "scenes"))
    return a


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as c:
        yield c


def test_distance_window_gives_the_whole_rasters_values(area, tmp_path):
    from models.raster.distance import distance_to_features, distance_window
    from models.raster.grid import Grid

    grid = Grid.from_raster(area["cube"])
    for vec, kind, method, signed in ((area["plutons"], "polygon", "euclidean", True),
                                      (area["faults"], "line", "idw", False)):
        out = tmp_path / f"{kind}.tif"
        distance_to_features(vec, area["cube"], out, kind=kind, method=method, signed=signed)
        whole = gdal.Open(str(out)).ReadAsArray()
        for rows, cols in (((0, 30), (0, 41)), ((17, 96), (33, 120)), ((90, 96), (100, 120))):
            part = distance_window(vec, grid, rows, cols, kind=kind, method=method, signed=signed)
            assert np.array_equal(part, whole[rows[0]:rows[1], cols[0]:cols[1]]), (kind, method, rows, cols)


def _single(area, tmp_path):
    from models.heatmap.predict import predict_heatmap

    out = tmp_path / "single.tif"
    summary = predict_heatmap(area["model"], area["cube"], out, plutons=area["plutons"], faults=area["faults"])
    return gdal.Open(str(out)).ReadAsArray(), summary


def test_heatmap_of_a_folder_of_scenes_on_two_workers_equals_the_single_process_map(area, cluster, tmp_path):
    from models.mosaic.heatmap import predict_mosaic

    single, s1 = _single(area, tmp_path)
    out = tmp_path / "mosaic.tif"
    summary = predict_mosaic(area["model"], area["scenes"], out, ClusterSettings(scheduler=cluster.scheduler_address,
                                                                                  window=24),
                             plutons=area["plutons"], faults=area["faults"])
    assert summary["scenes"] == 4 and summary["windows"] > 4
    ds = gdal.Open(str(out))
    assert ds.GetMetadata("IMAGE_STRUCTURE").get("LAYOUT") == "COG"
    assert ds.GetGeoTransform() == gdal.Open(area["cube"]).GetGeoTransform()
    mosaic = ds.ReadAsArray()
    assert np.array_equal(mosaic, single)
    assert (single > 0).any() and (single == -1).any()  # a real map with its nodata wedge, not a trivial one
    assert summary["tiles_scored"] == s1["tiles_scored"]
    assert ds.GetRasterBand(1).GetStatistics(0, 0)[1] <= 1.0
    assert Path(summary["style"]).exists()


def test_a_killed_worker_costs_a_retry_not_the_map(area, cluster, tmp_path):
    from models.mosaic.heatmap import predict_mosaic

    client = distributed.Client(cluster)
    pids = list(client.run(os.getpid).values())
    client.close()
    killed = []

    def report(pct, msg):
        if "Finished" in msg and not killed:
            os.kill(pids[0], signal.SIGKILL)  # the windows it held are computed again elsewhere
            killed.append(pids[0])

    single, _ = _single(area, tmp_path)
    out = tmp_path / "mosaic.tif"
    predict_mosaic(area["model"], area["cube"], out, ClusterSettings(scheduler=cluster.scheduler_address, window=16),
                   progress=Progress(report), plutons=area["plutons"], faults=area["faults"])
    assert killed
    assert np.array_equal(gdal.Open(str(out)).ReadAsArray(), single)


def test_a_window_that_fails_every_retry_leaves_no_output(area, cluster, tmp_path):
    from models.mosaic.heatmap import predict_mosaic

    scenes = cut_scenes(area["cube"], tmp_path / "scenes")
    broken = scenes / "scene_11.tif"
    data = broken.read_bytes()
    broken.write_bytes(data[:len(data) // 2])  # its header is whole: the pixels fail inside the task
    out = tmp_path / "mosaic.tif"
    with pytest.raises(InputError, match="truncated or corrupt"):
        predict_mosaic(area["model"], scenes, out, ClusterSettings(scheduler=cluster.scheduler_address, window=24,
                                                                   retries=1),
                       plutons=area["plutons"], faults=area["faults"])
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(("mosaic", ".mosaic"))]


def test_cancel_stops_the_clusters_work_and_leaves_nothing(area, cluster, tmp_path):
    from distributed.diagnostics.task_stream import TaskStreamPlugin

    from models.mosaic.heatmap import predict_mosaic

    stream = TaskStreamPlugin(cluster.scheduler)
    cluster.scheduler.add_plugin(stream, name="test-task-stream")
    seen = []
    progress = Progress(lambda pct, msg: seen.append(msg), lambda: any("Finished" in m for m in seen))
    with pytest.raises(CancelledError):
        predict_mosaic(area["model"], area["cube"], tmp_path / "mosaic.tif",
                       ClusterSettings(scheduler=cluster.scheduler_address, window=8), progress=progress,
                       plutons=area["plutons"], faults=area["faults"])
    assert list(tmp_path.iterdir()) == []
    deadline = time.time() + 30
    while cluster.scheduler.tasks and time.time() < deadline:
        time.sleep(0.1)
    assert not cluster.scheduler.tasks  # nothing left queued or running
    windows = len(plan_windows(96, 120, 8, 8, 4))
    computed = [r for r in stream.buffer if "heatmap_window" in str(r.get("key"))]
    assert 0 < len(computed) < windows // 2, (len(computed), windows)


def test_mineral_map_of_scenes_on_two_workers_equals_the_single_process_map(cluster, tmp_path):
    from models.geospectra.dataset import AHSI_TABLE
    from models.geospectra.grid import read_sensor_table
    from models.geospectra.mineral_map import MineralMapSettings, map_minerals
    from models.geospectra.synthetic_cube import layout_cube
    from models.mosaic.minerals import map_minerals_mosaic

    row = ["Kaolinite", "Alunite", "Calcite", "Muscovite", "Quartz", None, "Epidote"]
    layout = [[row[(r + c) % len(row)] for c in range(30)] for r in range(20)]
    centres, fwhm = read_sensor_table(AHSI_TABLE)
    cube = layout_cube(tmp_path / "ahsi.tif", layout, centres, fwhm, snr_db=35.0)
    settings = MineralMapSettings(probability_minerals=["Kaolinite", "Alunite"])
    s1 = map_minerals(cube, tmp_path / "single.tif", settings)
    scenes = cut_scenes(str(cube), tmp_path / "scenes", parts=(2, 3))
    s2 = map_minerals_mosaic(scenes, tmp_path / "mosaic.tif", ClusterSettings(scheduler=cluster.scheduler_address,
                                                                              window=8), settings)
    assert s2["windows"] == 12 and s2["scenes"] == 6
    for suffix in ("", "_confidence", "_probabilities"):
        a = gdal.Open(str(tmp_path / f"single{suffix}.tif")).ReadAsArray()
        ds = gdal.Open(str(tmp_path / f"mosaic{suffix}.tif"))
        assert ds.GetMetadata("IMAGE_STRUCTURE").get("LAYOUT") == "COG"
        b = ds.ReadAsArray()
        if suffix:  # the network's float sums depend on how pixels are batched: equal to float32 rounding
            assert np.array_equal(b == -1, a == -1) and np.abs(b - a).max() <= 1e-5, suffix
        else:
            assert np.array_equal(b, a)
    assert s2["pixel_counts"] == s1["pixel_counts"]
    ds = gdal.Open(str(tmp_path / "mosaic.tif"))  # kept alive while its band is used
    band = ds.GetRasterBand(1)
    band.GetStatistics(0, 0)  # reads the PAM side-car
    assert list(band.GetCategoryNames())[:2] == ["nodata", "no diagnostic feature"]
    assert Path(s2["style"]).read_text().count("paletteEntry") >= 5


def _cli(*args):
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.run([sys.executable, "-m", "models", *map(str, args)], capture_output=True, text=True,
                          env=env, cwd=REPO, timeout=600)


def test_cli_predict_here_and_on_a_local_cluster(area, tmp_path):
    single, _ = _single(area, tmp_path)
    here = _cli("predict", area["model"], area["scenes"], "-o", tmp_path / "here.tif", "--plutons", area["plutons"],
                "--faults", area["faults"], "--quiet")
    assert here.returncode == 0, here.stderr
    assert np.array_equal(gdal.Open(str(tmp_path / "here.tif")).ReadAsArray(), single)
    dask = _cli("predict", area["model"], area["scenes"], "-o", tmp_path / "dask.tif", "--plutons", area["plutons"],
                "--faults", area["faults"], "--workers", "2", "--window", "48", "--quiet")
    assert dask.returncode == 0, dask.stderr
    summary = json.loads(dask.stdout)
    assert summary["cluster"] == "local Dask cluster of 2 workers" and summary["windows"] == 6
    assert np.array_equal(gdal.Open(str(tmp_path / "dask.tif")).ReadAsArray(), single)
    bad = _cli("predict", area["model"], area["scenes"], "-o", tmp_path / "x.tif", "--faults", area["faults"],
               "--quiet")
    assert bad.returncode == 1 and "give the pluton layer" in bad.stderr and "Traceback" not in bad.stderr
    assert not (tmp_path / "x.tif").exists()


def test_uncertainty_on_a_cluster_is_written_beside_the_map_and_says_it_is_not_bit_equal(area, cluster, tmp_path):
    from models.mosaic.heatmap import MC_NOTE, predict_mosaic

    out = tmp_path / "heat.tif"
    settings = ClusterSettings(scheduler=cluster.scheduler_address, window=32)
    summary = predict_mosaic(area["model"], area["cube"], out, settings, plutons=area["plutons"],
                             faults=area["faults"], uncertainty=True, mc_samples=4)
    spread = gdal.Open(summary["uncertainty"]).ReadAsArray()
    heat = gdal.Open(str(out)).ReadAsArray()
    assert np.array_equal(spread == -1, heat == -1) and (spread[heat >= 0] >= 0).all() and spread.max() > 0
    assert MC_NOTE in summary["notes"] and Path(summary["uncertainty_style"]).exists()
    again = predict_mosaic(area["model"], area["cube"], tmp_path / "again.tif", settings, plutons=area["plutons"],
                           faults=area["faults"], uncertainty=True, mc_samples=4)
    assert np.array_equal(gdal.Open(again["uncertainty"]).ReadAsArray(), spread)  # reproducible per window size
