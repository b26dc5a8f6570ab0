"""evaluateheatmap and targets in real QGIS, through qgis_process and through ``python -m models``."""
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from qgis_support import run_qgis_process
from test_evaluation_score import burn, layout, write_bodies, write_raster


@pytest.fixture()
def scene(tmp_path):
    """A map exactly 1 on the hidden bodies, 0.5 on the known ones, 0 elsewhere (barren included)."""
    bodies = layout()
    arr = np.zeros((80, 80))
    burn(arr, bodies, "hidden", 1.0)
    burn(arr, bodies, "known", 0.5)
    return {"raster": write_raster(tmp_path / "map.tif", arr), "deposits": write_bodies(tmp_path / "dep.gpkg", bodies),
            "known": write_bodies(tmp_path / "known.gpkg", [b for b in bodies if b[3] == "known"]),
            "n_hidden": sum(b[3] == "hidden" for b in bodies)}


def test_evaluate_in_qgis_writes_beside_the_raster(provider, scene, tmp_path):
    import processing
    from qgis.core import QgsApplication

    alg = QgsApplication.processingRegistry().algorithmById("hyperprospect:evaluateheatmap")
    assert alg.outputDefinition("OUTPUT_HTML").type() == "outputHtml"  # shown in the Results Viewer
    res = processing.run("hyperprospect:evaluateheatmap", {
        "INPUT": str(scene["raster"]), "DEPOSITS": str(scene["deposits"]), "FIELD": "status",
        "FERTILE": "hidden", "OUTPUT_HTML": str(tmp_path / "page.html")})
    assert res["OUTPUT_JSON"] == str(tmp_path / "map_evaluation.json")
    data = json.loads(Path(res["OUTPUT_JSON"]).read_text())
    assert data["statuses"]["known"]["role"] == "other"
    assert res["ROC_FERTILE_BACKGROUND"] == pytest.approx(1.0)
    assert res["ROC_FERTILE_BARREN"] == pytest.approx(1.0)
    assert res["CAPTURED_10_FERTILE"] == 1.0
    assert res["PR_AUC_FERTILE"] == pytest.approx(1 - 4 * scene["n_hidden"] / 6400)
    assert set(json.loads(res["PREDICTION_RATE"])) == {"known", "hidden", "barren"}
    assert Path(res["PNG"]).read_bytes()[:4] == b"\x89PNG"
    assert "Pixels: ROC AUC" in Path(res["OUTPUT_HTML"]).read_text()


def test_evaluate_memory_layer_in_another_crs(provider, scene, tmp_path):
    """A filtered layer in EPSG:4326 is exported by the base class and reprojected by the compute layer."""
    import processing
    from qgis.core import QgsVectorLayer

    geo = write_bodies(tmp_path / "geo.gpkg", layout(), epsg=4326)
    layer = QgsVectorLayer(str(geo), "geo", "ogr")
    layer.setSubsetString("\"status\" <> 'known'")
    res = processing.run("hyperprospect:evaluateheatmap", {
        "INPUT": str(scene["raster"]), "DEPOSITS": layer, "FIELD": "status",
        "OUTPUT_JSON": str(tmp_path / "e.json"), "OUTPUT_HTML": str(tmp_path / "e.html")})
    assert set(json.loads(res["PREDICTION_RATE"])) == {"hidden", "barren"}
    assert res["ROC_FERTILE_BARREN"] == pytest.approx(1.0)
    assert (tmp_path / "e.png").is_file()


def test_evaluate_refuses_a_missing_status(provider, scene, tmp_path):
    import processing
    from qgis.core import QgsProcessingException

    with pytest.raises(QgsProcessingException, match="None of the fertile statuses"):
        processing.run("hyperprospect:evaluateheatmap", {
            "INPUT": str(scene["raster"]), "DEPOSITS": str(scene["deposits"]), "FERTILE": "hiden",
            "OUTPUT_HTML": str(tmp_path / "e.html")})
    assert not (tmp_path / "map_evaluation.json").exists()


def test_targets_loaded_in_qgis(provider, scene, tmp_path, qgis_new_project):
    import processing
    from qgis.core import QgsProject

    out = tmp_path / "targets.gpkg"
    res = processing.runAndLoadResults("hyperprospect:targets", {
        "INPUT": str(scene["raster"]), "METHOD": 0, "THRESHOLD": 0.75, "KNOWN": str(scene["known"]),
        "OUTPUT": str(out)})
    assert res["N_TARGETS"] == scene["n_hidden"]  # the hidden bodies, each its own target
    layers = [lyr for lyr in QgsProject.instance().mapLayers().values() if Path(lyr.source().split("|")[0]) == out]
    assert layers, "the targets were not loaded"
    lyr = layers[0]
    assert lyr.featureCount() == scene["n_hidden"]
    f = next(lyr.getFeatures())
    assert f["n_pixels"] == 4 and f["area_m2"] == pytest.approx(3600.0) and f["max_prob"] == pytest.approx(1.0)
    assert f["dist_known_m"] > 0  # the hidden bodies never touch the known ones (layout keeps gaps)
    assert lyr.renderer().type() == "singleSymbol" and lyr.labelsEnabled()


def test_both_through_qgis_process(provider, scene, qgis_profile, tmp_path):
    proc = run_qgis_process(["--json", "run", "hyperprospect:evaluateheatmap", "--", f"INPUT={scene['raster']}",
                             f"DEPOSITS={scene['deposits']}", "FIELD=status",
                             f"OUTPUT_JSON={tmp_path / 'q.json'}", f"OUTPUT_HTML={tmp_path / 'q.html'}"], qgis_profile)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    results = json.loads(proc.stdout[proc.stdout.index("{"):])["results"]
    assert results["ROC_FERTILE_BARREN"] == pytest.approx(1.0)  # hidden 1 and known 0.5 both beat barren 0
    assert (tmp_path / "q.png").is_file()
    proc = run_qgis_process(["--json", "run", "hyperprospect:targets", "--", f"INPUT={scene['raster']}",
                             "METHOD=1", "TOP_PERCENT=0.5", "MIN_AREA=1000", f"OUTPUT={tmp_path / 't.gpkg'}"],
                            qgis_profile)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    results = json.loads(proc.stdout[proc.stdout.index("{"):])["results"]
    assert results["N_TARGETS"] == scene["n_hidden"] and results["CUT"] == pytest.approx(1.0)


def _cli(repo, *args):
    return subprocess.run([sys.executable, "-m", "models", *args], cwd=repo, capture_output=True, text=True,
                          timeout=120)


def test_cli_evaluate_and_targets(repo, scene, tmp_path):
    proc = _cli(repo, "evaluate", str(scene["raster"]), "--deposits", str(scene["deposits"]), "--field", "status",
                "-o", str(tmp_path / "out.json"))
    assert proc.returncode == 0, proc.stderr
    data = json.loads((tmp_path / "out.json").read_text())
    assert data["statuses"]["hidden"]["captured_in_top_area_share"]["0.05"] == 1.0
    assert (tmp_path / "out.png").is_file()
    assert "hidden" in proc.stdout and "pixel ROC AUC fertile_vs_barren" in proc.stdout
    bad = _cli(repo, "evaluate", str(scene["raster"]), "--deposits", str(scene["deposits"]), "--field", "kind")
    assert bad.returncode == 1 and "no field 'kind'" in bad.stderr
    proc = _cli(repo, "targets", str(scene["raster"]), "-o", str(tmp_path / "t.gpkg"), "--threshold", "0.4",
                "--known", str(scene["known"]))
    assert proc.returncode == 0, proc.stderr
    assert f"{2 * scene['n_hidden']} target(s)" in proc.stdout  # hidden (1) and known (0.5) bodies
    assert (tmp_path / "t.gpkg").is_file()


def test_cli_compares_several_maps(repo, scene, tmp_path):
    other = write_raster(tmp_path / "flat.tif", np.full((80, 80), 0.5))
    proc = _cli(repo, "evaluate", str(scene["raster"]), str(other), "--deposits", str(scene["deposits"]))
    assert proc.returncode == 0, proc.stderr
    assert "PR AUC hidden" in proc.stdout
    rows = {ln.split()[0]: ln.split()[1:] for ln in proc.stdout.splitlines() if ln.startswith(str(tmp_path))}
    assert rows[str(scene["raster"])][-1] == "1.000" and rows[str(other)][-1] == "0.500"
    assert (tmp_path / "flat_evaluation.json").is_file() and (tmp_path / "map_evaluation.png").is_file()
    bad = _cli(repo, "evaluate", str(scene["raster"]), str(other), "--deposits", str(scene["deposits"]), "-o", "x.json")
    assert bad.returncode == 1 and "single raster" in bad.stderr


def test_the_log_counts_one_body_in_the_singular(provider, tmp_path):
    """A status with a single body reads "1 body", the others "n bodies" (what a user reads in the log)."""
    import processing

    from qgis_support import log_feedback

    bodies = layout(n=7, statuses=("hidden", "hidden", "hidden", "barren", "barren", "barren", "known"))
    arr = np.zeros((80, 80), np.float32)
    burn(arr, bodies, "hidden", 1.0)
    log = log_feedback()
    processing.run("hyperprospect:evaluateheatmap", {
        "INPUT": str(write_raster(tmp_path / "map.tif", arr)),
        "DEPOSITS": str(write_bodies(tmp_path / "d.gpkg", bodies)),
        "FIELD": "status", "FERTILE": "hidden", "OUTPUT_HTML": str(tmp_path / "page.html")}, feedback=log)
    text = "\n".join(log.infos)
    assert "known (other, 1 body):" in text and "hidden (fertile, 3 bodies):" in text, text
