"""Cancel through qgis_process as a user does it (Ctrl+C, SIGINT) in the middle of a worker job:
no output and no half-file are left, no Python traceback is printed, and the worker does not
outlive the run."""
import os
import signal
import subprocess
import time

import pytest

from heatmap_support import box, write_polygons, write_scene
from qgis_support import QGIS_PROCESS, qgis_process_env


def _workers_of(parent: int):
    """Live ``models.worker`` processes started by the process ``parent``."""
    out = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as fh:
                cmd = fh.read().replace(b"\0", b" ").decode()
            with open(f"/proc/{pid}/stat") as fh:
                ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        if "models.worker" in cmd and ppid == parent:
            out.append(int(pid))
    return out


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.timeout(600)
def test_ctrl_c_during_training_leaves_nothing(provider, qgis_profile, tmp_path):
    import processing

    scene = write_scene(tmp_path / "scene.tif", width=80, height=60)
    bodies = write_polygons(tmp_path / "b.gpkg", [box(40, 5, 43, 55), box(60, 5, 63, 55)])
    graphs = processing.run("hyperprospect:buildgraphs", {"STACK": [str(scene)], "LABELS": str(bodies),
                                                          "TILE_SIZE": 5, "STRIDE": 5,
                                                          "OUTPUT": str(tmp_path / "g.hpg")})["OUTPUT"]
    model = tmp_path / "m.hpm"
    proc = subprocess.Popen([QGIS_PROCESS, "run", "hyperprospect:traingcn", "--", f"DATASET={graphs}",
                             "ARCH=0", "EPOCHS=5000", "HIDDEN=16", f"OUTPUT={model}",
                             f"REPORT={tmp_path / 'report'}"],
                            env=qgis_process_env(qgis_profile), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    deadline = time.monotonic() + 240
    workers = []
    while not workers and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.5)  # wait until the training runs in its worker
        workers = _workers_of(proc.pid)
    assert proc.poll() is None, proc.communicate()
    time.sleep(3)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=120)
    assert "Traceback" not in out + err, (out + err)[-3000:]
    assert not model.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".m.hpm") or p.name.endswith(".part")]
    time.sleep(3)
    assert workers and not [w for w in workers if _alive(w)], "the worker outlived the cancelled run"
