"""The shipped graphical model: listed under the provider and run end to end through qgis_process."""
import json
from pathlib import Path

from osgeo import gdal

from qgis_support import run_qgis_process


def test_model_is_listed_under_the_provider(qgis_app, qgis_processing):
    import hyperprospect
    from qgis.core import QgsApplication

    plugin = hyperprospect.classFactory(None)
    plugin.initProcessing()
    try:
        alg = QgsApplication.processingRegistry().algorithmById("hyperprospect:Prospectivity workflow")
        assert alg is not None
        assert alg.dependsOnChildAlgorithms("predict") == {"subset", "pluton", "fault", "graphs", "train"}
        ids = {c.algorithmId() for c in alg.childAlgorithms().values()}
        assert ids == {"hyperprospect:bandsubset", "hyperprospect:distancetopluton", "hyperprospect:distancetofault",
                       "hyperprospect:buildgraphs", "hyperprospect:traingcn", "hyperprospect:predictheatmap"}
        assert not any(c.algorithm() is None for c in alg.childAlgorithms().values())
    finally:
        plugin.unload()


def test_workflow_runs_through_qgis_process(qgis_profile, tmp_path):
    from models.sample_area.generator import make_sample_area

    area = make_sample_area(tmp_path / "area", size=(120, 120), seed=2)
    args = ["--json", "run", "hyperprospect:Prospectivity workflow", "--",
            f"cube={area['cube']}", f"plutons={area['plutons']}", f"faults={area['faults']}",
            f"known={area['pegmatites_known']}", f"evaluation={area['pegmatites_all']}", "evaluation_field=status",
            "epochs=3", "stride=5", "baselines=false",
            f"train:model={tmp_path / 'model.hpm'}", f"train:report={tmp_path / 'report'}",
            f"predict:heatmap={tmp_path / 'heat.tif'}"]
    proc = run_qgis_process(args, qgis_profile, timeout=1200)
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-4000:]
    results = json.loads(proc.stdout[proc.stdout.index("{"):])["results"]
    heat = tmp_path / "heat.tif"
    assert Path(results["predict:heatmap"]) == heat and heat.is_file()
    assert (tmp_path / "heat.qml").is_file()
    from models.gcn.model_file import read_metadata

    assert read_metadata(tmp_path / "model.hpm").architecture() == "blend"  # the default model, as evaluated
    arr = gdal.Open(str(heat)).ReadAsArray()
    valid = arr >= 0
    assert valid.mean() > 0.5 and arr[valid].max() <= 1.0
    assert (tmp_path / "heat_prediction_rate.json").is_file()


def test_model_run_in_qgis_logs_no_ogr_or_resource_warnings(provider, tmp_path):
    """In the desktop the run logged "[OGR] Cannot open …/OUTPUT.tif" per stacked raster and a ResourceWarning
    per worker run; both came from our code (layer-list checks, unclosed worker pipes)."""
    import gc
    import warnings

    import processing
    from qgis.core import QgsApplication

    from models.sample_area.generator import make_sample_area

    area = make_sample_area(tmp_path / "area", size=(80, 80), seed=2)
    log = []
    QgsApplication.messageLog().messageReceived.connect(lambda msg, tag, level: log.append((tag, msg)))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        processing.run("hyperprospect:Prospectivity workflow", {
            "cube": area["cube"], "plutons": area["plutons"], "faults": area["faults"],
            "known": area["pegmatites_known"], "epochs": 2, "stride": 5, "baselines": False,
            "train:model": str(tmp_path / "model.hpm"), "train:report": str(tmp_path / "report"),
            "predict:heatmap": str(tmp_path / "heat.tif")})
        gc.collect()
    QgsApplication.processEvents()
    assert (tmp_path / "heat.tif").is_file()
    assert not [m for tag, m in log if tag == "OGR" or "Cannot open" in m]
    assert not [str(w.message) for w in caught if issubclass(w.category, ResourceWarning)]
