"""Bad input through ``qgis_process`` for every algorithm (issue 17, item 9), one table row per case.

Each error row must give the user's message naming the problem, a non-zero exit, no Python traceback
(nor "worker stopped"), and leave no output behind.  Rows marked ``ok`` are inputs that look odd but are
legitimate (a layer in another CRS is reprojected, a ``file.gpkg|layername=`` URI picks its layer); they
must succeed and write the output.  The worker killed with SIGKILL mid-run is its own test below.
"""
from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from osgeo import gdal, ogr, osr

from heatmap_support import EPSG, box, train_tiny_model, write_polygons, write_scene
from qgis_support import QGIS_PROCESS, qgis_process_env, run_qgis_process
from test_worker_errors import assert_clean


def _edit_raster(path: Path, geotransform=None, epsg=None, no_crs=False) -> Path:
    ds = gdal.Open(str(path), gdal.GA_Update)
    if geotransform is not None:
        ds.SetGeoTransform(geotransform)
    if epsg is not None:
        srs = osr.SpatialReference()
        srs.ImportFromEPSG(epsg)
        ds.SetProjection(srs.ExportToWkt())
    if no_crs:
        ds.SetProjection("")
    ds = None
    for aux in path.parent.glob(path.name + ".aux.xml"):
        aux.unlink()
    return path


def _write_lines(path: Path, lines, epsg=EPSG) -> Path:
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    lyr = ds.CreateLayer(path.stem, srs, ogr.wkbLineString)
    for line in lines:
        f = ogr.Feature(lyr.GetLayerDefn())
        f.SetGeometry(ogr.CreateGeometryFromWkt("LINESTRING(" + ",".join(f"{x} {y}" for x, y in line) + ")"))
        lyr.CreateFeature(f)
    ds = None
    return path


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    d = tmp_path_factory.mktemp("bad-input")
    scene = write_scene(d / "scene.tif")
    good = scene.read_bytes()
    f = {"scene": scene}
    for name, kw in (("nocrs", {"no_crs": True}),
                     ("geographic", {"epsg": 4326, "geotransform": (11.0, 0.0003, 0, 48.0, 0, -0.0003)}),
                     ("rotated", {"geotransform": (500000, 25.98, 15.0, 4000000, 15.0, -25.98)}),
                     ("sheared", {"geotransform": (500000, 30.0, 10.0, 4000000, 0.0, -30.0)})):
        f[name] = _edit_raster(write_scene(d / f"{name}.tif"), **kw)
    (d / "corrupt.tif").write_bytes(b"II*\x00" + os.urandom(4096))
    (d / "truncated.tif").write_bytes(good[: len(good) // 3])
    f["corrupt"], f["truncated"] = d / "corrupt.tif", d / "truncated.tif"
    f["plutons"] = write_polygons(d / "plutons.gpkg", [box(1, 1, 8, 8), box(30, 20, 40, 30)])
    f["empty"] = write_polygons(d / "empty.gpkg", [])
    lon_lat = [(11.0 + c * 0.0003, 48.0 - r * 0.0003) for c, r in ((1, 1), (8, 1), (8, 8), (1, 8), (1, 1))]
    f["plutons4326"] = write_polygons(d / "plutons4326.gpkg", [box(1, 1, 8, 8)], epsg=4326)  # far away in UTM
    f["plutons4326_here"] = _reprojected_plutons(d / "plutons_wgs84.gpkg")
    f["faults"] = _write_lines(d / "faults.gpkg", [[(500000 + 30 * 2, 4000000 - 30 * 40), (500000 + 30 * 55, 4000000 - 30 * 3)]])
    f["empty_lines"] = _write_lines(d / "nolines.gpkg", [])
    f["model"] = train_tiny_model(d / "tiny.hpm", epochs=2)
    model = f["model"].read_bytes()
    (d / "trunc.hpm").write_bytes(model[: len(model) // 3])
    f["trunc_model"] = d / "trunc.hpm"
    f["vis"] = write_scene(d / "vis.tif", wavelengths=[450.0, 550.0, 650.0, 750.0])
    (d / "trunc.hpg").write_bytes(b"\x10\x00\x00\x00\x00\x00\x00\x00{\"trunc")
    f["trunc_hpg"] = d / "trunc.hpg"
    (d / "broken.asd").write_bytes(b"as7" + bytes(100))
    f["broken_asd"] = d / "broken.asd"
    (d / "a_file").write_text("not a folder")
    f["a_file"] = d / "a_file"
    del lon_lat
    return f


def _reprojected_plutons(path: Path) -> Path:
    """The scene's plutons, stored in WGS 84: the algorithm must reproject them, not refuse them."""
    src, dst = osr.SpatialReference(), osr.SpatialReference()
    src.ImportFromEPSG(EPSG)
    dst.ImportFromEPSG(4326)
    for s in (src, dst):
        s.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    tr = osr.CoordinateTransformation(src, dst)
    rings = [[tr.TransformPoint(x, y)[:2] for x, y in box(1, 1, 8, 8)]]
    return write_polygons(path, rings, epsg=4326)


PLUTON = "hyperprospect:distancetopluton"
FAULT = "hyperprospect:distancetofault"
SUBSET = "hyperprospect:bandsubset"
GRAPHS = "hyperprospect:buildgraphs"
TRAIN = "hyperprospect:traingcn"
PREDICT = "hyperprospect:predictheatmap"
IDENTIFY = "hyperprospect:identifyspectra"
SAMPLE = "hyperprospect:samplearea"
CHECK = "hyperprospect:checkdependencies"

# (algorithm, case, parameters with {names} of the inputs fixture, output parameter, expected text or "ok")
CASES = [
    (PLUTON, "raster without CRS", {"INPUT": "{plutons}", "REFERENCE": "{nocrs}"}, "OUTPUT", "no coordinate reference system"),
    (PLUTON, "raster in a geographic CRS", {"INPUT": "{plutons}", "REFERENCE": "{geographic}"}, "OUTPUT", "degrees"),
    (PLUTON, "sheared raster (distances on its affine grid)", {"INPUT": "{plutons}", "REFERENCE": "{sheared}"},
     "OUTPUT", "ok"),
    (PLUTON, "corrupt raster", {"INPUT": "{plutons}", "REFERENCE": "{corrupt}"}, "OUTPUT", "corrupt.tif"),
    # only the reference's grid is used, and a truncated GeoTIFF's header still describes it
    (PLUTON, "truncated reference raster", {"INPUT": "{plutons}", "REFERENCE": "{truncated}"}, "OUTPUT", "ok"),
    (PLUTON, "empty vector layer", {"INPUT": "{empty}", "REFERENCE": "{scene}"}, "OUTPUT", "has no features"),
    (PLUTON, "vector in another CRS with impossible coordinates", {"INPUT": "{plutons4326}", "REFERENCE": "{scene}"},
     "OUTPUT", "cannot be reprojected"),
    (PLUTON, "vector in another CRS over the raster", {"INPUT": "{plutons4326_here}", "REFERENCE": "{scene}"},
     "OUTPUT", "ok"),
    (PLUTON, "gpkg|layername= URI", {"INPUT": "{plutons}|layername=plutons", "REFERENCE": "{scene}"},
     "OUTPUT", "ok"),
    (FAULT, "empty line layer", {"INPUT": "{empty_lines}", "REFERENCE": "{scene}"}, "OUTPUT", "has no features"),
    (FAULT, "raster in a geographic CRS", {"INPUT": "{faults}", "REFERENCE": "{geographic}"}, "OUTPUT", "degrees"),
    (SUBSET, "corrupt raster", {"INPUT": "{corrupt}", "RANGES": "800-2300"}, "OUTPUT", "corrupt.tif"),
    (SUBSET, "truncated raster", {"INPUT": "{truncated}", "RANGES": "800-2300"}, "OUTPUT", "truncated.tif"),
    (SUBSET, "no band in the ranges", {"INPUT": "{scene}", "RANGES": "400-500"}, "OUTPUT", "400"),
    (SUBSET, "rotated raster keeps its grid", {"INPUT": "{rotated}", "RANGES": "800-2300"}, "OUTPUT", "ok"),
    (GRAPHS, "tile larger than the raster", {"STACK": "{scene}", "LABELS": "{plutons}", "TILE_SIZE": "64"},
     "OUTPUT", "tile"),
    (GRAPHS, "raster without CRS", {"STACK": "{nocrs}", "LABELS": "{plutons}", "TILE_SIZE": "5"}, "OUTPUT", "coordinate reference system"),
    (GRAPHS, "truncated raster", {"STACK": "{truncated}", "LABELS": "{plutons}", "TILE_SIZE": "5"}, "OUTPUT",
     "truncated.tif"),
    (GRAPHS, "corrupt raster", {"STACK": "{corrupt}", "LABELS": "{plutons}", "TILE_SIZE": "5"}, "OUTPUT",
     "corrupt.tif"),
    (GRAPHS, "empty label layer", {"STACK": "{scene}", "LABELS": "{empty}", "TILE_SIZE": "5"}, "OUTPUT", "empty"),
    (TRAIN, "truncated graph data set", {"DATASET": "{trunc_hpg}", "EPOCHS": "2", "HIDDEN": "16"}, "OUTPUT",
     "trunc.hpg"),
    (PREDICT, "truncated model file", {"MODEL": "{trunc_model}", "INPUT": "{scene}", "PLUTONS": "{plutons}"},
     "OUTPUT", "trunc.hpm"),
    (PREDICT, "model trained on other bands", {"MODEL": "{model}", "INPUT": "{vis}", "PLUTONS": "{plutons}"},
     "OUTPUT", "cannot provide"),
    (PREDICT, "corrupt raster", {"MODEL": "{model}", "INPUT": "{corrupt}", "PLUTONS": "{plutons}"}, "OUTPUT",
     "corrupt.tif"),
    (PREDICT, "truncated raster", {"MODEL": "{model}", "INPUT": "{truncated}", "PLUTONS": "{plutons}"}, "OUTPUT",
     "truncated.tif"),
    (PREDICT, "raster in a geographic CRS", {"MODEL": "{model}", "INPUT": "{geographic}", "PLUTONS": "{plutons}"},
     "OUTPUT", "degrees"),
    (PREDICT, "stride larger than the raster, the only tile on nodata", {"MODEL": "{model}", "INPUT": "{scene}", "PLUTONS": "{plutons}",
                                              "STRIDE": "256"}, "OUTPUT", "No tile could be scored"),
    (IDENTIFY, "only a broken spectrometer file", {"INPUT": "{broken_asd}"}, "OUTPUT", "broken.asd"),
    (SAMPLE, "output folder is a file", {"WIDTH": "50", "HEIGHT": "50", "OUTPUT": "{a_file}"}, None, "a_file"),
    (CHECK, "no input at all", {}, None, "ok"),
]

_OUT_SUFFIX = {GRAPHS: ".hpg", TRAIN: ".hpm", IDENTIFY: ".gpkg"}


def _args(params, inputs, out):
    args = [f"{k}={v.format(**inputs)}" for k, v in params.items()]
    return args + ([f"{out[0]}={out[1]}"] if out else [])


@pytest.mark.parametrize("alg,case,params,out_param,expected", CASES, ids=[f"{a.split(':')[1]}-{c}" for a, c, *_ in CASES])
def test_bad_input(qgis_profile, inputs, tmp_path, alg, case, params, out_param, expected):
    out = tmp_path / ("out" + _OUT_SUFFIX.get(alg, ".tif"))
    proc = run_qgis_process(["run", alg, "--", *_args(params, inputs, (out_param, out) if out_param else None)],
                            qgis_profile)
    text = proc.stdout + proc.stderr
    if expected == "ok":
        assert proc.returncode == 0, text
        assert out_param is None or out.exists(), text
        assert "Traceback" not in text
        return
    assert proc.returncode != 0, text
    assert_clean(text, expected)
    leftovers = [p.name for p in tmp_path.iterdir()]
    assert not leftovers, f"{case}: left {leftovers}"


def _children(pid: int):
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


def test_worker_killed_with_sigkill_is_a_message_not_a_crash(qgis_profile, inputs, tmp_path):
    """Training's worker is killed mid-run: qgis_process reports it, exits cleanly, leaves no model."""
    hpg = tmp_path / "g.hpg"
    done = run_qgis_process(["run", GRAPHS, "--", f"STACK={inputs['scene']}", f"LABELS={inputs['plutons']}",
                             "TILE_SIZE=5", "STRIDE=2", f"OUTPUT={hpg}"], qgis_profile)
    assert done.returncode == 0, done.stdout + done.stderr
    model = tmp_path / "m.hpm"
    proc = subprocess.Popen([QGIS_PROCESS, "run", TRAIN, "--", f"DATASET={hpg}", "EPOCHS=10000", "HIDDEN=16",
                             f"OUTPUT={model}"], env=qgis_process_env(qgis_profile), stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    try:
        worker = None
        deadline = time.monotonic() + 120
        while worker is None and time.monotonic() < deadline and proc.poll() is None:
            kids = [k for k in _children(proc.pid) if b"worker" in Path(f"/proc/{k}/cmdline").read_bytes()]
            worker = kids[0] if kids else None
            time.sleep(0.5)
        if worker is None:
            proc.kill()
            pytest.fail("no worker process appeared:\n" + proc.communicate()[0][-3000:])
        time.sleep(2)
        os.kill(worker, signal.SIGKILL)
        text, _ = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode not in (0, -signal.SIGSEGV, -signal.SIGABRT), text
    assert "stopped unexpectedly" in text and "Traceback" not in text, text
    assert not model.exists() and [p.name for p in tmp_path.iterdir()] == ["g.hpg"]


def test_truncated_raster_pixels_are_an_input_error_in_every_reading_path(inputs, tmp_path):
    """GDAL's RuntimeError on undecodable pixels became a traceback in band subset, predict and build graphs."""
    from models.errors import InputError
    from models.geospectra.mineral_map import raster_unit
    from models.graphs.tiling import _read_strip, open_stack
    from models.raster.band_subset import subset_raster
    from models.raster.gdalio import open_raster
    from models.raster.strips import StripReader

    with pytest.raises(InputError, match="truncated.tif.*truncated or corrupt"):
        subset_raster(inputs["truncated"], tmp_path / "sub.tif", ranges="800-2300")
    with pytest.raises(InputError, match="truncated.tif.*truncated or corrupt"):
        StripReader(open_raster(inputs["truncated"])).read(0, 50)
    info = open_stack([str(inputs["truncated"])])
    with pytest.raises(InputError, match="truncated.tif.*truncated or corrupt"):
        _read_strip(info, 0, 50)
    with pytest.raises(InputError, match="truncated.tif.*truncated or corrupt"):  # the mineral map's unit rows
        raster_unit(inputs["truncated"])
    assert list(tmp_path.iterdir()) == []
