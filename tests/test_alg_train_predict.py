"""traingcn and predictheatmap in real QGIS: worker process, cancel, styled output, qgis_process."""
import json
from pathlib import Path

import numpy as np
import pytest
from osgeo import gdal

from heatmap_support import box, train_tiny_model, write_polygons, write_scene
from qgis_support import log_feedback, run_qgis_process


@pytest.fixture(scope="module")
def area(provider, tmp_path_factory):
    """Sample area → subset → distances → graph data set, through the algorithms."""
    import processing

    d = tmp_path_factory.mktemp("trainarea")
    a = processing.run("hyperprospect:samplearea", {"WIDTH": 150, "HEIGHT": 150, "SEED": 5, "OUTPUT": str(d)})
    sub = processing.run("hyperprospect:bandsubset", {"INPUT": a["CUBE"], "OUTPUT": str(d / "sub.tif")})["OUTPUT"]
    dp = processing.run("hyperprospect:distancetopluton", {"INPUT": a["PLUTONS"], "REFERENCE": sub,
                                                           "OUTPUT": str(d / "dp.tif")})["OUTPUT"]
    df = processing.run("hyperprospect:distancetofault", {"INPUT": a["FAULTS"], "REFERENCE": sub,
                                                          "OUTPUT": str(d / "df.tif")})["OUTPUT"]
    g = processing.run("hyperprospect:buildgraphs", {"STACK": [sub, dp, df], "LABELS": a["KNOWN"], "STRIDE": 5,
                                                     "OUTPUT": str(d / "g.hpg")})
    return {**a, "dir": d, "graphs": g["OUTPUT"]}


def test_train_writes_model_and_report(area, tmp_path):
    import processing

    res = processing.run("hyperprospect:traingcn", {"DATASET": area["graphs"], "EPOCHS": 3, "HIDDEN": 32,
                                                    "OUTPUT": str(tmp_path / "m.hpm"), "REPORT": str(tmp_path / "rep")})
    assert Path(res["OUTPUT"]).is_file()
    assert 0.0 <= res["ACCURACY"] <= 1.0
    assert Path(res["REPORT_HTML"]).is_file()


def test_train_device_parameter_reaches_the_worker(area, tmp_path):
    import processing
    import torch
    from qgis.core import QgsProcessingException

    from models.gcn.model_file import read_metadata

    res = processing.run("hyperprospect:traingcn", {"DATASET": area["graphs"], "ARCH": 0, "EPOCHS": 1, "HIDDEN": 8,
                                                    "DEVICE": "cpu", "OUTPUT": str(tmp_path / "m.hpm"),
                                                    "REPORT": str(tmp_path / "rep")})
    training = read_metadata(res["OUTPUT"])["training"]
    assert training["device"]["device"] == "cpu" and training["world_size"] == 1
    if not torch.cuda.is_available():
        with pytest.raises(QgsProcessingException, match="no CUDA GPU"):
            processing.run("hyperprospect:traingcn", {"DATASET": area["graphs"], "ARCH": 0, "EPOCHS": 1,
                                                      "DEVICE": "cuda", "OUTPUT": str(tmp_path / "gpu.hpm"),
                                                      "REPORT": str(tmp_path / "gpu_rep")})
        assert not (tmp_path / "gpu.hpm").exists()


def test_the_final_fit_can_be_switched_off_in_the_dialog(area, tmp_path):
    import processing

    from models.gcn.model_file import read_metadata

    saved = {}
    for final in (True, False):
        res = processing.run("hyperprospect:traingcn", {"DATASET": area["graphs"], "ARCH": 4, "EPOCHS": 1,
                                                        "HIDDEN": 8, "FINAL_FIT": final,
                                                        "OUTPUT": str(tmp_path / f"{final}.hpm")})
        saved[final] = read_metadata(res["OUTPUT"])["training"]
    assert "refitted on all" in saved[True]["final_fit"]
    assert saved[False].get("final_fit") in (None, "training")  # the validated fit itself was saved


def test_train_without_destinations_saves_next_to_the_data_set(area, tmp_path):
    import shutil

    import processing
    from qgis.core import QgsProcessingOutputHtml

    graphs = tmp_path / "g.hpg"
    shutil.copy(area["graphs"], graphs)
    (tmp_path / "g_enhanced.hpm").write_bytes(b"a user's file")  # a default never replaces it
    # what the dialog passes when the destinations are left at "Save to a temporary file"
    res = processing.run("hyperprospect:traingcn", {"DATASET": str(graphs), "ARCH": 0, "EPOCHS": 2, "HIDDEN": 16,
                                                    "OUTPUT": "TEMPORARY_OUTPUT", "REPORT": "TEMPORARY_OUTPUT"})
    model = tmp_path / "g_enhanced_2.hpm"  # <data set>_<architecture>, the next free name
    assert Path(res["OUTPUT"]) == model and model.is_file()
    assert (tmp_path / "g_enhanced.hpm").read_bytes() == b"a user's file"
    assert Path(res["REPORT_HTML"]) == tmp_path / "g_enhanced_2_report" / "report.html"
    assert Path(res["REPORT_HTML"]).is_file()
    from qgis.core import QgsApplication

    alg = QgsApplication.processingRegistry().algorithmById("hyperprospect:traingcn")
    assert isinstance(alg.outputDefinition("REPORT_HTML"), QgsProcessingOutputHtml)  # the Results Viewer shows it


def test_train_cancel_writes_nothing(area, tmp_path):
    from qgis.core import QgsProcessingContext, QgsProcessingException, QgsProcessingFeedback

    import processing

    feedback = QgsProcessingFeedback()
    feedback.progressChanged.connect(lambda p: feedback.cancel() if p > 5 else None)
    with pytest.raises(QgsProcessingException, match="[Cc]ancel"):
        processing.run("hyperprospect:traingcn", {"DATASET": area["graphs"], "EPOCHS": 500, "HIDDEN": 32,
                                                  "OUTPUT": str(tmp_path / "m.hpm")},
                       context=QgsProcessingContext(), feedback=feedback)
    assert not any(tmp_path.iterdir())


def test_predict_loads_styled_layer(area, tmp_path, qgis_new_project):
    import processing
    from qgis.core import QgsProject

    model = processing.run("hyperprospect:traingcn", {"DATASET": area["graphs"], "ARCH": 4, "EPOCHS": 3, "HIDDEN": 32,
                                                      "OUTPUT": str(tmp_path / "m.hpm")})["OUTPUT"]
    log = log_feedback()
    res = processing.runAndLoadResults("hyperprospect:predictheatmap", {
        "MODEL": model, "INPUT": area["CUBE"], "PLUTONS": area["PLUTONS"], "FAULTS": area["FAULTS"],
        "DEPOSITS": area["ALL"], "DEPOSIT_FIELD": "status", "OUTPUT": str(tmp_path / "heat.tif")}, feedback=log)
    lines = log.infos + log.errors + log.warnings
    assert len(lines) == len(set(lines)), lines  # each note and warning once
    out = tmp_path / "heat.tif"
    assert out.is_file() and (tmp_path / "heat.qml").is_file()
    layers = [lyr for lyr in QgsProject.instance().mapLayers().values() if Path(lyr.source()) == out]
    assert layers, "the heatmap was not loaded"
    assert layers[0].renderer().type() == "singlebandpseudocolor"
    aucs = json.loads(res["PREDICTION_RATE"])
    assert {"known", "hidden"} <= set(aucs)  # the sample area also has barren pegmatites
    assert (tmp_path / "heat_prediction_rate.png").is_file()
    assert Path(res["PREDICTION_RATE_PLOT"]) == tmp_path / "heat_prediction_rate.png"
    page = Path(res["PREDICTION_RATE_HTML"])
    assert page == tmp_path / "heat_prediction_rate.html"
    assert "heat_prediction_rate.png" in page.read_text() and "AUC" in page.read_text()


def test_predict_refuses_mismatched_wavelengths(provider, tmp_path):
    import processing
    from qgis.core import QgsProcessingException

    model = train_tiny_model(tmp_path / "tiny.hpm", epochs=2)
    other = write_scene(tmp_path / "vis.tif", wavelengths=[450.0, 550.0, 650.0, 750.0])
    plutons = write_polygons(tmp_path / "pl.gpkg", [box(1, 1, 5, 5)])
    with pytest.raises(QgsProcessingException, match="cannot provide"):
        processing.run("hyperprospect:predictheatmap", {"MODEL": str(model), "INPUT": str(other),
                                                        "PLUTONS": str(plutons), "OUTPUT": str(tmp_path / "h.tif")})
    assert not (tmp_path / "h.tif").exists()


def test_predict_through_qgis_process(provider, qgis_profile, tmp_path):
    model = train_tiny_model(tmp_path / "tiny.hpm", epochs=2)
    scene = write_scene(tmp_path / "scene.tif")
    plutons = write_polygons(tmp_path / "pl.gpkg", [box(1, 1, 5, 5)])
    proc = run_qgis_process(["--json", "run", "hyperprospect:predictheatmap", "--", f"MODEL={model}",
                             f"INPUT={scene}", f"PLUTONS={plutons}", "STRIDE=2", f"OUTPUT={tmp_path / 'h.tif'}"],
                            qgis_profile)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    arr = gdal.Open(str(tmp_path / "h.tif")).ReadAsArray()
    assert np.nanmax(arr) <= 1.0
    assert (tmp_path / "h.qml").is_file()
