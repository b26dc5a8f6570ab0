"""hyperprospect:identifyspectra in real QGIS: real spectrometer files, GPS points, bad files, qgis_process."""
import json
from pathlib import Path

import pytest

from qgis_support import log_feedback, run_qgis_process


def _qps(shared_data) -> Path:
    return shared_data / "spectrometer_files" / "qps_testdata" / "qpstestdata"


def _usgs(shared_data, name) -> Path:
    return shared_data / "usgs_splib07a" / "ASCIIdata_splib07a" / "ChapterM_Minerals" / name


def test_identifies_files_and_a_folder_with_gps_points(provider, shared_data, tmp_path):
    import processing
    from qgis.core import QgsVectorLayer

    bad = tmp_path / "broken.asd"
    bad.write_bytes(b"ASD" + b"\x00" * 20)
    files = [str(_usgs(shared_data, "splib07a_Spodumene_HS210.3B_BECKc_AREF.txt")),
             str(_qps(shared_data) / "svc" / "250527_0942_R001_T002-en.sig"), str(bad)]
    out = tmp_path / "ids.gpkg"
    result = processing.run("hyperprospect:identifyspectra", {
        "INPUT": files, "FOLDER": str(_qps(shared_data) / "asd" / "gps"), "TOP": 3, "OUTPUT": str(out)})
    layer = QgsVectorLayer(result["OUTPUT"], "ids", "ogr")
    assert layer.isValid()
    rows = {Path(f["file"]).name: f for f in layer.getFeatures()}
    assert set(rows) == {"splib07a_Spodumene_HS210.3B_BECKc_AREF.txt", "250527_0942_R001_T002-en.sig",
                         "broken.asd", "ww00045.asd", "ww00046.asd", "ww00047.asd", "readme.txt"}
    assert result["IDENTIFIED"] == 5 and result["FAILED"] == 2  # broken.asd and the folder's readme.txt
    # a library spodumene measured on the Beckman is named as such, with its probabilities ranked
    spod = rows["splib07a_Spodumene_HS210.3B_BECKc_AREF.txt"]
    assert spod["mineral_1"] == "Spodumene" and spod["family"] == "BECK"
    assert 1.0 >= spod["prob_1"] >= spod["prob_2"] >= spod["prob_3"] > 0
    assert "mineral_4" not in layer.fields().names()
    # the gps/ ASD files carry a fix: a point at (longitude, latitude) in WGS 84
    assert layer.crs().authid() == "EPSG:4326"
    for name in ("ww00045.asd", "ww00046.asd", "ww00047.asd"):
        f = rows[name]
        assert f.hasGeometry()
        p = f.geometry().asPoint()
        assert (p.x(), p.y()) == pytest.approx((f["longitude"], f["latitude"]))
        assert "vegetation" in (f["notes"] or "")  # these field spectra are of plants
    assert not spod.hasGeometry() or spod.geometry().isEmpty()  # no fix, no point
    # the unreadable file is in the table with the reason, not a crash
    broken = rows["broken.asd"]
    assert broken["error"] and not broken["mineral_1"]


def test_the_log_names_the_columns_left_out(provider, tmp_path):
    """A CSV of means and their spreads: the spreads are not identified, and the log says so by name."""
    import processing

    rows = "\n".join(f"{400 + 10 * i},{0.3 + 0.001 * i:.3f},{0.002:.3f}" for i in range(200))
    (tmp_path / "means.csv").write_text("Wavelength (nm),kaolinite mean,kaolinite sd\n" + rows + "\n")
    log = log_feedback()
    result = processing.run("hyperprospect:identifyspectra", {"INPUT": [str(tmp_path / "means.csv")],
                                                              "OUTPUT": str(tmp_path / "ids.gpkg")}, feedback=log)
    assert result["IDENTIFIED"] == 1 and result["FAILED"] == 0
    said = [i for i in log.infos if i.startswith("means.csv: left out 1 record")]
    assert said and "kaolinite sd: the spread of the values" in said[0], log.infos

    from qgis.PyQt.QtCore import QCoreApplication, QTranslator

    from qgis_support import REPO

    translator = QTranslator()
    assert translator.load(str(REPO / "i18n" / "hyperprospect_zh_CN.qm"))
    QCoreApplication.installTranslator(translator)
    try:
        log = log_feedback()
        processing.run("hyperprospect:identifyspectra", {"INPUT": [str(tmp_path / "means.csv")],
                                                         "OUTPUT": str(tmp_path / "ids_zh.gpkg")}, feedback=log)
    finally:
        QCoreApplication.removeTranslator(translator)
    said = [i for i in log.infos if i.startswith("means.csv：略去 1 条非光谱记录")]
    assert said and "kaolinite sd：数值的离散程度" in said[0], log.infos  # Chinese words, Chinese punctuation


def test_device_parameter(provider, shared_data, tmp_path):
    import processing
    from qgis.core import QgsProcessingException

    spod = str(_usgs(shared_data, "splib07a_Spodumene_HS210.3B_BECKc_AREF.txt"))
    result = processing.run("hyperprospect:identifyspectra", {"INPUT": [spod], "TOP": 2, "DEVICE": "cpu",
                                                              "OUTPUT": str(tmp_path / "cpu.gpkg")})
    assert result["IDENTIFIED"] == 1
    with pytest.raises(QgsProcessingException, match="'gpu'"):  # the worker's message names the bad spec
        processing.run("hyperprospect:identifyspectra", {"INPUT": [spod], "DEVICE": "gpu",
                                                         "OUTPUT": str(tmp_path / "gpu.gpkg")})
    assert not (tmp_path / "gpu.gpkg").exists()


def test_refuses_without_input(provider, tmp_path):
    import processing
    from qgis.core import QgsProcessingException

    with pytest.raises(QgsProcessingException) as info:
        processing.run("hyperprospect:identifyspectra", {"OUTPUT": str(tmp_path / "x.gpkg")})
    assert "Give spectrometer files" in str(info.value)


def test_identify_through_qgis_process(qgis_profile, shared_data, tmp_path):
    out = tmp_path / "qp_ids.csv"
    beryl = _usgs(shared_data, "splib07a_Beryl_HS180.3B_ASDFRa_AREF.txt")
    proc = run_qgis_process(["--json", "run", "hyperprospect:identifyspectra", "--",
                             f"INPUT={beryl}", f"INPUT={_qps(shared_data) / 'spectralevolution' / 'darwin.sed'}",
                             "TOP=2", f"OUTPUT={out}"], qgis_profile)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    payload = json.loads(proc.stdout[proc.stdout.index("{"):])
    assert payload["results"]["IDENTIFIED"] == 2
    import csv

    with open(out, encoding="utf-8") as fh:
        rows = {Path(r["file"]).name: r for r in csv.DictReader(fh)}
    assert rows[beryl.name]["mineral_1"] == "Beryl"
    assert float(rows["darwin.sed"]["prob_1"]) >= float(rows["darwin.sed"]["prob_2"])


def test_the_log_speaks_chinese_and_the_table_stays_english(provider, shared_data, tmp_path):
    """Under the zh_CN translation the toolbox log gives the broken file's reason and the good file's notes in
    Chinese (issue 18.1); the output table keeps the English texts scripts read."""
    import re

    import processing
    from qgis.core import QgsApplication, QgsVectorLayer
    from qgis.PyQt.QtCore import QCoreApplication, QTranslator

    from hyperprospect.processing_provider.messages import translate_message
    from models.spectra import load_folder
    from qgis_support import REPO

    cjk = re.compile(r"[\u4e00-\u9fff]")
    folder = tmp_path / "spectra"
    folder.mkdir()
    good = folder / "ww00045.asd"  # a field spectrum of plants: a vegetation note
    good.write_bytes((_qps(shared_data) / "asd" / "gps" / "ww00045.asd").read_bytes())
    bad = folder / "broken.asd"
    bad.write_bytes(b"ASD" + b"\x00" * 20)
    (failure,) = load_folder([str(folder)])[1].failed
    reason = failure.reason  # what the reader says, in English

    translator = QTranslator()
    assert translator.load(str(REPO / "i18n" / "hyperprospect_zh_CN.qm"))
    QCoreApplication.installTranslator(translator)
    try:
        log = log_feedback()
        result = processing.run("hyperprospect:identifyspectra", {"FOLDER": str(folder), "OUTPUT": str(
            tmp_path / "ids.gpkg")}, feedback=log)
        chinese_reason = translate_message(reason)
        help_text = QgsApplication.processingRegistry().algorithmById("hyperprospect:identifyspectra") \
            .shortHelpString()
    finally:
        QCoreApplication.removeTranslator(translator)

    assert chinese_reason != reason and cjk.search(chinese_reason)
    broken = [e for e in log.errors if e.startswith(str(bad))]
    assert broken == [f"{bad}: {chinese_reason}"], log.errors
    assert not any(reason in e for e in log.errors)  # no English reason left in the log
    notes = [w for w in log.warnings if w.startswith(str(good))]
    assert notes and all(cjk.search(w.split(": ", 1)[1]) for w in notes), log.warnings
    assert any("植被" in w for w in notes)  # the vegetation note, in Chinese
    assert sum(bool(cjk.search(i)) for i in log.infos) >= 2  # what was read and identified
    assert not any(i.startswith(("Spectra read", "Spectra identified")) for i in log.infos)
    assert "英文" in help_text  # the help says the table stays in English
    rows = {Path(f["file"]).name: f for f in QgsVectorLayer(result["OUTPUT"], "ids", "ogr").getFeatures()}
    assert rows["broken.asd"]["error"] == reason
    assert "vegetation" in rows["ww00045.asd"]["notes"] and not cjk.search(rows["ww00045.asd"]["notes"])
