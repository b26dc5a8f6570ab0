"""Issue-3 algorithms on the sample area: toolbox (processing.run) and qgis_process, plus bad input."""
import json
from pathlib import Path

import numpy as np
import pytest
from osgeo import gdal

from qgis_support import run_qgis_process


@pytest.fixture(scope="module")
def area(provider, tmp_path_factory):
    import processing

    folder = tmp_path_factory.mktemp("area")
    res = processing.run("hyperprospect:samplearea", {"WIDTH": 120, "HEIGHT": 100, "SEED": 3, "OUTPUT": str(folder)})
    return res


def test_chain_in_the_toolbox(area, tmp_path):
    import processing

    sub = processing.run("hyperprospect:bandsubset", {"INPUT": area["CUBE"], "OUTPUT": str(tmp_path / "sub.tif")})
    assert 30 <= sub["BAND_COUNT"] <= 40
    dp = processing.run("hyperprospect:distancetopluton", {"INPUT": area["PLUTONS"], "REFERENCE": sub["OUTPUT"],
                                                           "OUTPUT": str(tmp_path / "dp.tif")})
    df = processing.run("hyperprospect:distancetofault", {"INPUT": area["FAULTS"], "REFERENCE": sub["OUTPUT"],
                                                          "OUTPUT": str(tmp_path / "df.tif")})
    for out in (dp, df):
        a, b = gdal.Open(out["OUTPUT"]), gdal.Open(sub["OUTPUT"])
        assert a.GetGeoTransform() == b.GetGeoTransform() and a.RasterXSize == b.RasterXSize
        assert a.GetRasterBand(1).DataType == gdal.GDT_Float32
    res = processing.run("hyperprospect:buildgraphs", {
        "STACK": [sub["OUTPUT"], dp["OUTPUT"], df["OUTPUT"]], "LABELS": area["KNOWN"], "TILE_SIZE": 10,
        "OUTPUT": str(tmp_path / "graphs.hpg"), "FOOTPRINTS": str(tmp_path / "tiles.gpkg")})
    assert res["TILES"] == res["POSITIVE"] + res["NEGATIVE"]
    assert res["POSITIVE"] > 0 and res["NEGATIVE"] > 0
    assert f"channels ({sub['BAND_COUNT'] + 2})" in res["SUMMARY"]
    assert Path(res["FOOTPRINTS"]).is_file()

    from hyperprospect.models.graphs.dataset import GraphDataset

    ds = GraphDataset.load(res["OUTPUT"])
    assert ds.x.shape[1:] == (100, sub["BAND_COUNT"] + 2)


def test_batch_mode_runs_rows_like_the_batch_dialog(area, shared_data, tmp_path, qgis_new_project):
    """The batch dialog's loop (QGIS 3.22 BatchAlgorithmDialog.runAlgorithm): one algorithm instance,
    preprocessParameters, a fresh context and a BatchFeedback per row, results handled and loaded.
    Band subset also runs over every real AVIRIS-NG tile, the usual batch job on a flight line."""
    from processing.gui.BatchAlgorithmDialog import BatchFeedback
    from processing.gui.Postprocessing import handleAlgorithmResults
    from processing.tools import dataobjects
    from qgis.core import QgsApplication, QgsProcessingFeedback, QgsProcessingOutputLayerDefinition, QgsProject

    def dest(name):  # what the batch panel passes when "Load layers on completion" is ticked
        return QgsProcessingOutputLayerDefinition(str(tmp_path / name), QgsProject.instance())

    tiles = sorted(p for p in (shared_data / "aviris_ng_tiles").glob("*_img_*.img")
                   if "class" not in p.name and "_rgb" not in p.name)  # the 432-band reflectance tiles
    assert len(tiles) >= 4
    rows = {
        "hyperprospect:bandsubset": [{"INPUT": area["CUBE"], "RANGES": r, "OUTPUT": dest(f"sub{i}.tif")}
                                     for i, r in enumerate(("782-902", "2014-2400", "782-902;2014-2400"))]
        + [{"INPUT": str(t), "RANGES": "782-902;2014-2400", "OUTPUT": dest(f"av_{t.stem}.tif")} for t in tiles],
        "hyperprospect:distancetofault": [{"INPUT": area["FAULTS"], "REFERENCE": area["CUBE"], "METHOD": m,
                                           "OUTPUT": dest(f"df{m}.tif")} for m in (0, 1)],
    }
    for alg_id, params in rows.items():
        alg = QgsApplication.processingRegistry().createAlgorithmById(alg_id)
        feedback = QgsProcessingFeedback()
        multi = BatchFeedback(len(params), feedback)
        outputs = []
        for count, parameters in enumerate(params):
            multi.setCurrentStep(count)
            parameters = alg.preprocessParameters(parameters)
            context = dataobjects.createContext(feedback)
            results, ok = alg.run(parameters, context, multi)
            assert ok, multi.errors
            handleAlgorithmResults(alg, context, multi, False, parameters)
            outputs.append(results["OUTPUT"])
        assert [Path(o).name for o in outputs] == [Path(p["OUTPUT"].sink.staticValue()).name for p in params]
    counts = [gdal.Open(str(tmp_path / f"sub{i}.tif")).RasterCount for i in range(3)]
    assert counts[0] + counts[1] == counts[2] and min(counts) > 0
    av = [gdal.Open(str(tmp_path / f"av_{t.stem}.tif")) for t in tiles]
    assert len({d.RasterCount for d in av}) == 1 and av[0].RasterCount > 50  # same sensor, same band selection
    assert all(d.GetGeoTransform() == gdal.Open(str(t)).GetGeoTransform() for d, t in zip(av, tiles))
    exact, idw = (gdal.Open(str(tmp_path / f"df{m}.tif")).ReadAsArray() for m in (0, 1))
    assert not np.array_equal(exact, idw)  # each row ran with its own parameters
    assert len(QgsProject.instance().mapLayers()) >= 5 + len(tiles)  # outputs loaded as the dialog does


def test_tile_larger_than_raster_is_refused(area, tmp_path):
    import processing
    from qgis.core import QgsProcessingException

    with pytest.raises(QgsProcessingException) as info:
        processing.run("hyperprospect:buildgraphs", {"STACK": [str(_small_raster(tmp_path))], "TILE_SIZE": 20,
                                                     "OUTPUT": str(tmp_path / "g.hpg")})
    assert "20" in str(info.value) and "12" in str(info.value)  # names both sizes
    assert not (tmp_path / "g.hpg").exists()


def _small_raster(tmp_path):
    p = tmp_path / "small.tif"
    ds = gdal.GetDriverByName("GTiff").Create(str(p), 12, 12, 2, gdal.GDT_Float32)
    ds.SetGeoTransform((500000, 30, 0, 4000000, 0, -30))
    ds.SetProjection("EPSG:32644")
    ds = None
    return p


def test_geographic_reference_is_refused(area, tmp_path):
    import processing
    from qgis.core import QgsProcessingException

    p = tmp_path / "geo.tif"
    ds = gdal.GetDriverByName("GTiff").Create(str(p), 10, 10, 1, gdal.GDT_Float32)
    ds.SetGeoTransform((79.0, 0.0003, 0, 36.0, 0, -0.0003))
    ds.SetProjection("EPSG:4326")
    ds = None
    with pytest.raises(QgsProcessingException) as info:
        processing.run("hyperprospect:distancetofault", {"INPUT": area["FAULTS"], "REFERENCE": str(p),
                                                         "OUTPUT": str(tmp_path / "d.tif")})
    assert "WGS 84" in str(info.value) or "geographic" in str(info.value).lower()
    assert not (tmp_path / "d.tif").exists()


def test_chain_through_qgis_process(area, qgis_profile, tmp_path):
    def run(alg, **params):
        args = ["--json", "run", alg, "--"] + [f"{k}={v}" for k, v in params.items()]
        proc = run_qgis_process(args, qgis_profile)
        assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
        return json.loads(proc.stdout[proc.stdout.index("{"):])["results"]

    sub = run("hyperprospect:bandsubset", INPUT=area["CUBE"], OUTPUT=tmp_path / "sub.tif")
    dp = run("hyperprospect:distancetopluton", INPUT=area["PLUTONS"], REFERENCE=sub["OUTPUT"], SIGNED="true",
             OUTPUT=tmp_path / "dp.tif")
    arr = gdal.Open(dp["OUTPUT"]).ReadAsArray()
    assert arr.min() < 0 < arr.max()  # signed: negative inside plutons
    df = run("hyperprospect:distancetofault", INPUT=area["FAULTS"], REFERENCE=sub["OUTPUT"], METHOD=1,
             OUTPUT=tmp_path / "df.tif")
    assert np.isfinite(gdal.Open(df["OUTPUT"]).ReadAsArray()).all()
    res = run("hyperprospect:buildgraphs", STACK=sub["OUTPUT"], LABELS=area["KNOWN"], OUTPUT=tmp_path / "g.hpg")
    assert res["TILES"] > 0


def test_stack_of_files_logs_no_ogr_errors(area, tmp_path, qgis_new_project):
    """A model run used to log "[OGR] Cannot open …/OUTPUT.tif" once per stacked raster."""
    import processing
    from qgis.core import QgsApplication, QgsProject, QgsRasterLayer

    sub = processing.run("hyperprospect:bandsubset", {"INPUT": area["CUBE"], "OUTPUT": str(tmp_path / "OUTPUT.tif")})
    dp = processing.run("hyperprospect:distancetopluton", {"INPUT": area["PLUTONS"], "REFERENCE": sub["OUTPUT"],
                                                           "OUTPUT": str(tmp_path / "dp.tif")})
    in_project = QgsRasterLayer(dp["OUTPUT"], "distance")
    QgsProject.instance().addMapLayer(in_project)
    log = []
    QgsApplication.messageLog().messageReceived.connect(lambda msg, tag, level: log.append((tag, msg)))
    res = processing.run("hyperprospect:buildgraphs", {
        "STACK": [sub["OUTPUT"], in_project.id()], "LABELS": area["KNOWN"], "TILE_SIZE": 10,
        "OUTPUT": str(tmp_path / "graphs.hpg")})
    QgsApplication.processEvents()
    assert f"channels ({sub['BAND_COUNT'] + 1})" in res["SUMMARY"]  # the project layer was found by its id
    assert not [m for tag, m in log if tag == "OGR" or "Cannot open" in m], log
