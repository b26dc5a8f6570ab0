"""File-reading reasons, identification notes and position notes of models/ are shown in Chinese (issue 18).

Real broken files go through the reader registry the way the dock loads them (``load_folder``); the reason
it reports must come out in Chinese.  And every message the source can build (scripts/message_inventory.py)
must be matched by a pattern of processing_provider/messages.py whose English template gives the message back
exactly, so a new English message without a pattern fails here.
"""
import re
import shutil
import struct
import sys

import numpy as np
import pytest

from models.spectra import load_folder, read_spectra
from models.spectra.spectrum import position_note
from qgis_support import REPO
from spectra_support import ECOSTRESS_FILES, ENVI_SLI, MINERALS, QPS, RELAB_DIR, SED_FILES, SPODUMENE_ASD, USGS
from spectra_support.jcamp_writer import jcamp_text

ASD_BIN = QPS / "asd" / "bin" / "ribb00001.asd"
SIG = QPS / "svc" / "250527_0942_R001_T002-en.sig"
VIEWSPEC = QPS / "asd" / "txt" / "ribb00001.asd.txt"
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def zh(qgis_app):
    """translate_message under the plugin's Simplified Chinese translation (what the dock shows)."""
    from qgis.PyQt.QtCore import QCoreApplication, QTranslator

    from hyperprospect.processing_provider.messages import translate_message

    translator = QTranslator()
    assert translator.load(str(REPO / "i18n" / "hyperprospect_zh_CN.qm"))
    QCoreApplication.installTranslator(translator)
    try:
        yield translate_message
    finally:
        QCoreApplication.removeTranslator(translator)


def _chinese(zh, english: str) -> str:
    text = zh(english)
    assert text != english and CJK.search(text), f"not translated: {english!r} → {text!r}"
    assert "{" not in text, text  # every placeholder filled
    return text


# --- (a) real bad inputs through the reader registry ------------------------------------------------------

def _copy(src, d, name=None):
    dst = d / (name or src.name)
    shutil.copyfile(src, dst)
    return dst


def _asd_cut(n):
    return lambda d: _write(d / f"cut{n}.asd", ASD_BIN.read_bytes()[:n])


def _asd_patched(offset, fmt, value):
    def build(d):
        data = bytearray(ASD_BIN.read_bytes())
        struct.pack_into(fmt, data, offset, value)
        return _write(d / f"corrupt{offset}.asd", bytes(data))
    return build


def _asd_nan(d):
    data = bytearray(ASD_BIN.read_bytes())
    data[484:484 + 2151 * 8] = np.full(2151, np.nan).tobytes()
    return _write(d / "nan.asd", bytes(data))


def _write(path, data):
    (path.write_bytes if isinstance(data, bytes) else path.write_text)(data)
    return path


def _lines(src, n):
    return "".join(src.read_text().splitlines(keepends=True)[:n])


def _sig_one_row(d):
    text = SIG.read_text()
    at = text.index("data=")
    rows = text[at:].splitlines()
    return _write(d / "one.sig", text[:at] + rows[0] + "\n" + rows[1] + "\n")


def _sed_without_data(d):
    """The header and the column names, no data row."""
    lines = SED_FILES[0].read_text().splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith("Data:"))
    return _write(d / "nodata.sed", "".join(lines[:at + 2]))


def _usgs(d, lines):
    table = next(USGS.glob("splib07a_Wavelengths_ASD*"))
    shutil.copyfile(table, d / table.name)
    return _write(d / SPODUMENE_ASD.name, "\n".join(lines) + "\n")


def _envi(d, edit=None, cut=None):
    sli = _copy(ENVI_SLI, d)
    header = ENVI_SLI.with_suffix(".hdr").read_text()
    _write(d / "speclib.hdr", edit(header) if edit else header)
    if cut:
        sli.write_bytes(ENVI_SLI.read_bytes()[:cut])
    return sli


def _jcamp(d, name, edit):
    (s,) = read_spectra(SPODUMENE_ASD)
    return _write(d / name, edit(jcamp_text(s.wavelengths, s.values, "t", xunits="NANOMETERS", form="DIFDUP")))


def _jcamp_short_data(text):
    body = text.replace("##END=\n", "")
    return body[: body.rindex("\n", 0, len(body) - 200)] + "\n##END=\n"


Y_CHECK = ("##TITLE=x\n##JCAMP-DX=4.24\n##XUNITS=1/CM\n##YUNITS=ABSORBANCE\n##FIRSTX=1000\n##LASTX=990\n"
           "##NPOINTS=11\n##XYDATA=(X++(Y..Y))\n1000 A12J3K1\n996 A18J1\n##END=\n")

# (case, builder(tmp folder) → path, a fragment of the English reason that shows the intended check fired)
CASES = [
    ("asd header cut", _asd_cut(300), "header alone needs 484"),
    ("asd spectrum cut", _asd_cut(10_000), "the spectrum needs bytes"),
    ("asd reference header cut", _asd_cut(17_700), "reference header is missing"),
    ("asd reference cut", _asd_cut(30_000), "the reference spectrum needs bytes"),
    ("asd 0 channels", _asd_patched(204, "<H", 0), "corrupt ASD header: 0 channels"),
    ("asd data format", _asd_patched(199, "B", 9), "unknown data format code 9"),
    ("asd data type", _asd_patched(186, "B", 42), "unknown data type code 42"),
    ("asd step", _asd_patched(195, "<f", -1.0), "step -1"),
    ("asd all NaN", _asd_nan, "all values of the ASD spectrum"),
    ("sig cut mid-line", lambda d: _write(d / "a.sig", SIG.read_text()[:-7]), "incomplete|columns, expected"),
    ("sig without data=", lambda d: _write(d / "b.sig", SIG.read_text()[: SIG.read_text().index("data=")]),
     "no 'data=' section"),
    ("sig non-numeric", lambda d: _write(d / "c.sig", SIG.read_text().replace("\n344.3  144.20", "\n344.3  14x.20", 1)),
     "non-numeric"),
    ("sed cut", lambda d: _write(d / "c.sed", _lines(SED_FILES[0], 500)), "channels but the table has"),
    ("sed without data", _sed_without_data, "the table has 0 rows|at least 2 spectral samples"),
    ("ecostress cut", lambda d: _write(d / "d.spectrum.txt", _lines(ECOSTRESS_FILES[0], 300)),
     "header says 561 values"),
    ("relab cut", lambda d: _write(d / "e.asc", _lines(RELAB_DIR / "bkr1mm074ws.asc", 1000)),
     "announces 2822 points but holds 999"),
    ("viewspec cut", lambda d: _write(d / "f.txt", _lines(VIEWSPEC, 800) + "1150"), "line 801 has 1 field"),
    ("usgs cut", lambda d: _usgs(d, SPODUMENE_ASD.read_text().splitlines()[:1500]), "no ASD wavelength table"),
    ("usgs all missing", lambda d: _usgs(d, SPODUMENE_ASD.read_text().splitlines()[:1] + [" -1.2300000e+034"] * 2151),
     "all channels are missing"),
    ("envi library cut", lambda d: _envi(d, cut=5000), "truncated ENVI library"),
    ("envi header lacks samples", lambda d: _envi(d, lambda h: re.sub(r"(?m)^samples\s*=.*\n", "", h)),
     "ENVI header lacks 'samples'"),
    ("envi data type", lambda d: _envi(d, lambda h: h.replace("data type = 5", "data type = 77")),
     "unsupported ENVI data type 77"),
    ("envi header in nm", lambda d: _envi(d, lambda h: h.replace("Micrometers", "Nanometers")), "declared in nm"),
    ("envi header without library", lambda d: _copy(ENVI_SLI.with_suffix(".hdr"), d, "alone.hdr"),
     "without its data file"),
    ("jcamp without END", lambda d: _jcamp(d, "a.jdx", lambda t: t[: len(t) // 2]), "##END"),
    ("jcamp short data", lambda d: _jcamp(d, "b.jdx", _jcamp_short_data), "NPOINTS=2151 but the data hold"),
    ("jcamp y-check", lambda d: _write(d / "y.jdx", Y_CHECK), "Y-check failed"),
    ("jcamp no data", lambda d: _write(d / "n.jdx", "##TITLE=x\n##JCAMP-DX=4.24\n##END=\n"), "holds no XYDATA"),
    ("html page", lambda d: _write(d / "page.asd", "<!DOCTYPE html><html><body>404</body></html>\n"), "HTML page"),
    ("xml document", lambda d: _write(d / "doc.txt", '<?xml version="1.0"?><a/>\n'), "XML document"),
    ("binary junk", lambda d: _write(d / "junk.bin", bytes(range(256)) * 8), "binary data of an unknown format"),
    ("zip archive", lambda d: _write(d / "spectra.txt", b"PK\x03\x04" + bytes(200)), "ZIP archive"),
    ("photo as .asd", lambda d: _copy(QPS / "svc" / "HR.020824.0000.sig.jpg", d, "photo.asd"), "JPEG image"),
    ("text as .sig", lambda d: _copy(QPS / "asd" / "gps" / "readme.txt", d, "notes.sig"),
     r"extension \.sig .* \(text\)"),
    ("raw as .sed", lambda d: _copy(QPS / "spectralevolution" / "darwin.raw", d, "darwin.sed"),
     r"extension \.sed .* \(binary data\)"),
    ("sed binary raw", lambda d: _copy(QPS / "spectralevolution" / "darwin.raw", d), "export the spectrum as .sed"),
    ("prose text", lambda d: _write(d / "notes.txt", "field notes\nsunny, no clouds\n"), "without a recognised"),
    ("one-row spectrum", _sig_one_row, "fewer than 2 rows"),
    ("one-sample library", lambda d: _envi(d, lambda h: re.sub(r"(?m)^samples\s*=.*$", "samples = 1", h)),
     "samples ≥ 2"),
    ("duplicate wavelength", lambda d: _write(d / "dup.csv", "nm,v\n400,1\n401,2\n401,3\n402,4\n"),
     "duplicate wavelength 401 nm"),
    ("all NaN csv", lambda d: _write(d / "nan.csv", "wavelength,a,b\n" + "".join(f"{400 + i},nan,\n"
                                                                                 for i in range(50))),
     "all values are missing"),
    ("mixed units", lambda d: _write(d / "mixed.csv", "wavelength,reflectance\n" + "\n".join(
        [f"{0.35 + 0.001 * i:.3f},0.50" for i in range(300)] + [f"{650 + i},0.50" for i in range(300)]) + "\n"),
     "mixes units"),
    ("empty file", lambda d: _write(d / "empty.asd", b""), "file is empty"),
    ("missing file", lambda d: d / "gone.asd", "no such file or folder"),
]


@pytest.mark.parametrize("case,build,fragment", CASES, ids=[c[0] for c in CASES])
def test_real_reading_errors_are_shown_in_chinese(zh, tmp_path, case, build, fragment):
    path = build(tmp_path)
    spectra, report = load_folder([path])
    assert not spectra and len(report.failed) == 1, str(report)
    reason = report.failed[0].reason
    assert re.search(fragment, reason), f"{case}: {fragment!r} not in {reason!r}"
    _chinese(zh, reason)


def test_the_cases_hit_many_distinct_messages(tmp_path):
    """At least 20 different reader checks (patterns) among the cases above, not one message many times."""
    from hyperprospect.processing_provider.messages import match

    templates = set()
    for i, (_, build, _) in enumerate(CASES):
        folder = tmp_path / str(i)
        folder.mkdir()
        _, report = load_folder([build(folder)])
        reason = report.failed[0].reason
        found = match(reason) or match(reason.partition(": ")[2])
        templates.add(found[1])
    assert len(templates) >= 20, templates


def test_identification_notes_and_errors_in_chinese(zh):
    """Notes and errors of identify_arrays (what the dock and identify-spectra show) on real spectra."""
    from models.geospectra.jobs import identify_arrays, spectrum_payload

    halite = read_spectra(MINERALS / "splib07a_Halite_HS433.3B_ASDFRa_AREF.txt")[0]
    goethite = read_spectra(MINERALS / "splib07a_Goethite_GDS134_ASDFRb_AREF.txt")[0]
    keep = (goethite.wavelengths >= 1990) & (goethite.wavelengths <= 2480)
    swir = goethite.replace(wavelengths=goethite.wavelengths[keep], values=goethite.values[keep], fwhm=None,
                            auxiliary={})
    leaf = read_spectra(ECOSTRESS_FILES[0].parent / "c.spectrum.txt")[0]
    payload = [spectrum_payload(s, i) for i, s in enumerate((halite, swir, leaf))]
    payload.append({"wavelengths_nm": [5000.0, 5500.0, 6000.0], "values": [0.1, 0.2, 0.3], "name": "tir", "row": 3})
    results = identify_arrays(payload, top=3)
    notes = [n for r in results[:3] for n in r.get("warnings") or []]
    assert any(n.startswith("no diagnostic feature") for n in notes)
    assert any(n.startswith("covers only") for n in notes) and any("vegetation" in n for n in notes)
    for note in notes:
        _chinese(zh, note)
    featureless = next(n for n in notes if n.startswith("no diagnostic feature"))
    like = featureless.split(": ", 1)[1].split("-like")[0].split("/")  # mineral names are translated too
    assert not any(name in zh(featureless) for name in like), zh(featureless)
    assert "cannot be identified" in results[3]["error"]
    _chinese(zh, results[3]["error"])


def test_asd_position_note_and_value_notes_in_chinese(zh):
    from models.geospectra.inference import as_input

    (s,) = read_spectra(QPS / "asd" / "gps" / "ww00045.asd")
    assert "ASD" in _chinese(zh, position_note(s))
    radiance = s.replace(quantity="radiance")
    (note,) = [w for w in as_input(radiance).warnings if "reflectance" in w]
    assert "辐亮度" in _chinese(zh, note)


def test_a_companion_file_prefix_is_kept():
    from hyperprospect.processing_provider.messages import translate_message

    assert translate_message("speclib.hdr: an unknown text") == "speclib.hdr: an unknown text"


# --- (b) every message of the source has a pattern ---------------------------------------------------------

def _inventory():
    sys.path.insert(0, str(REPO / "scripts"))
    try:
        import message_inventory
    finally:
        sys.path.pop(0)
    return message_inventory.messages()


def test_every_message_of_the_source_has_a_pattern_with_its_exact_english():
    from hyperprospect.processing_provider.messages import match

    found = _inventory()
    assert len(found) > 140  # the inventory reads the readers, registry and identification notes
    problems = []
    for message in found:
        for sample in message.samples:
            hit = match(sample)
            if hit is None:
                problems.append(f"{message.where}: no pattern for {sample!r}")
            elif hit[1].format(*(g or "" for g in hit[0].groups())) != sample:
                problems.append(f"{message.where}: template {hit[1]!r} does not give back {sample!r}")
    assert not problems, "add a pattern to processing_provider/messages.py MESSAGE_PATTERNS:\n" + "\n".join(problems)


def test_every_pattern_is_reachable():
    """No pattern is shadowed by one before it (its own template as a message finds it first)."""
    from hyperprospect.processing_provider.messages import MESSAGE_PATTERNS, match

    for _, template in MESSAGE_PATTERNS:
        sample = re.sub(r"\{\d\}", "7", template)
        hit = match(sample)
        assert hit is not None and hit[1] == template, (template, hit and hit[1])


# --- (c) what the other algorithms relay to their log (issue 18: steps, epochs, warnings, notes) -------------

def test_every_log_text_of_the_compute_layer_has_a_pattern_and_comes_out_in_chinese(zh):
    """Progress texts (training epochs, steps), warnings and notes of models/ that traingcn, predictheatmap,
    the distance rasters, bandsubset, buildgraphs, targets, evaluateheatmap, mineralmap and samplearea show:
    each has a pattern giving back its English exactly, and comes out in Chinese."""
    from hyperprospect.processing_provider.messages import match

    sys.path.insert(0, str(REPO / "scripts"))
    try:
        import message_inventory
    finally:
        sys.path.pop(0)
    found = message_inventory.log_messages()
    assert len(found) > 50
    where = {m.where.split(":")[0] for m in found}
    assert {"models/gcn/node.py", "models/gcn/train.py", "models/gcn/pipeline.py", "models/heatmap/predict.py",
            "models/raster/distance.py", "models/graphs/tiling.py", "models/evaluation/heatmap_score.py"} <= where
    problems = []
    for message in found:
        for sample in message.samples:
            hit = match(sample)
            if hit is None:
                problems.append(f"{message.where}: no pattern for {sample!r}")
                continue
            if hit[1].format(*(g or "" for g in hit[0].groups())) != sample:
                problems.append(f"{message.where}: template {hit[1]!r} does not give back {sample!r}")
            shown = zh(sample)
            if shown == sample or not CJK.search(shown) or "{" in shown:
                problems.append(f"{message.where}: not translated: {sample!r} → {shown!r}")
    assert not problems, "add a pattern to processing_provider/messages.py MESSAGE_PATTERNS and its Chinese to " \
                         "i18n/zh_CN.logs.json:\n" + "\n".join(problems)


def test_real_training_lines_and_the_poor_model_warning_in_chinese(zh):
    """The texts as the compute layer writes them, numbers and all."""
    from models.gcn.networks import ARCH_LABELS

    epoch = (f"{ARCH_LABELS['enhanced']} epoch 3/40: train loss 0.6931, val loss 0.7012, val acc 0.512, "
             "val F1 0.333")
    assert _chinese(zh, epoch).startswith("增强 GCN 第 3/40 轮")
    node = ("Node GCN epoch 12/40: train loss 0.1234, val loss 0.2345, val pixel ROC AUC 0.912, "
            "val tile F1 0.800")
    assert "0.912" in _chinese(zh, node)
    warning = ("WARNING: this model is poor — validation ROC AUC 0.55 (below 0.7). Its map is not much better than "
               "chance on held-out ground: add known bodies, check the labels and the bands, and do not rank "
               "targets with it.")
    assert "0.55" in _chinese(zh, warning) and "警告" in zh(warning)
    assert _chinese(zh, "    3 distance_to_pluton                   geology  mean 1520.3  std 880.1").startswith(
        "    3 distance_to_pluton")
    assert "830.00 nm" in _chinese(zh, "    1 band_830                          830.00 nm  mean 0.2  std 0.05")
    assert _chinese(zh, "sensor preset 'zy1_02d_ahsi'") == "传感器预设“zy1_02d_ahsi”"
    assert zh("Layer 'faults' of 'area.gpkg' has no CRS; its coordinates are taken to be in the raster's CRS "
              "(WGS 84 / UTM zone 44N (EPSG:32644)).").startswith("“area.gpkg”的图层“faults”")


# --- (d) the typed errors that stop the other algorithms ------------------------------------------------------

def test_every_error_of_the_compute_layer_has_a_pattern_and_comes_out_in_chinese(zh):
    """InputError, WorkerCrashed and MissingDependencyError messages of rasters, distances, graph data sets,
    training, prediction, targets, evaluation, the sample area, mosaics, model files, the worker and devices
    (what processing_provider/algorithm.py shows when an algorithm stops): each has a pattern giving back its
    English exactly, and comes out in Chinese with every placeholder filled."""
    from hyperprospect.processing_provider.messages import match

    sys.path.insert(0, str(REPO / "scripts"))
    try:
        import message_inventory
    finally:
        sys.path.pop(0)
    found = message_inventory.error_messages()
    assert len(found) > 180
    where = {m.where.split(":")[0] for m in found}
    assert {"models/raster/grid.py", "models/raster/distance.py", "models/raster/band_subset.py",
            "models/graphs/tiling.py", "models/gcn/train.py", "models/heatmap/channels.py",
            "models/heatmap/targets.py", "models/evaluation/heatmap_score.py", "models/sample_area/generator.py",
            "models/mosaic/source.py", "models/container.py", "models/worker.py", "models/device.py",
            "models/errors.py"} <= where
    problems = []
    for message in found:
        for sample in message.samples:
            hit = match(sample)
            if hit is None:
                problems.append(f"{message.where}: no pattern for {sample!r}")
                continue
            if hit[1].format(*(g or "" for g in hit[0].groups())) != sample:
                problems.append(f"{message.where}: template {hit[1]!r} does not give back {sample!r}")
            shown = zh(sample)
            if shown == sample or not CJK.search(shown) or re.search(r"\{\d\}", shown):
                problems.append(f"{message.where}: not translated: {sample!r} → {shown!r}")
    assert not problems, "add a pattern to processing_provider/messages.py MESSAGE_PATTERNS and its Chinese to " \
                         "i18n/zh_CN.errors.json:\n" + "\n".join(problems)


ERRORS_WITH_PARTS = [
    ("The reference raster 'dem.tif' has no coordinate reference system, so its pixel size in metres is unknown. "
     "Assign its CRS (Raster ▸ Projections ▸ Assign Projection) and try again.", "参考栅格“dem.tif”没有坐标参考系"),
    ("Layer 'faults' of 'area.gpkg' holds polygons, but distance to faults needs a line layer.",
     "“area.gpkg”的图层“faults”包含多边形，但到断裂的距离需要线图层。"),
    ("Feature 12 of layer 'faults' of 'area.gpkg' falls outside the area where WGS 84 is defined.",
     "“area.gpkg”的图层“faults”的要素 12 位于 WGS 84 的定义范围之外。"),
    ("/data/m.hpm is not a HyperProspect model file (too short).",
     "/data/m.hpm 不是 HyperProspect 模型文件（文件过短）。"),
    ("HyperProspect graph data set not found: /data/g.hpg (no such file).",
     "未找到 HyperProspect 图数据集：/data/g.hpg"),
    ("The sensor preset 'zy1_02d_ahsi' describes 166 bands but 'cube.tif' has 40 bands; choose the preset of the "
     "sensor that recorded this image, or a list with one wavelength per band.",
     "传感器预设“zy1_02d_ahsi”描述了 166 个波段"),
    ("The scenes of a mosaic must agree in pixel size: 'b.tif' differs from 'a.tif'.", "必须具有相同的像元大小"),
    ("Missing Python package(s) for distance rasters: scipy. Install them with Plugins ▸ HyperProspect ▸ Python "
     "dependencies…, or run: python -m pip install \"scipy>=1.10\".", "缺少 Python 包（距离栅格）：scipy。请通过"),
]


@pytest.mark.parametrize("english,chinese", ERRORS_WITH_PARTS, ids=["no crs", "geometry type", "feature", "model file",
                                                                    "not found", "preset", "mosaic", "dependency"])
def test_errors_with_message_parts_in_chinese(zh, english, chinese):
    """Names of rasters and layers, file kinds, purposes inside an error are translated too; paths and values
    are kept."""
    assert chinese in _chinese(zh, english), zh(english)


def test_missing_dask_names_the_package_and_is_translated(zh, monkeypatch):
    """Mosaic work on a cluster without the distributed package: the error names it (it used to spell out its
    sentence as the package list) and comes out in Chinese."""
    from models.errors import MissingDependencyError
    from models.mosaic.cluster import _distributed

    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed → ImportError
    with pytest.raises(MissingDependencyError) as info:
        _distributed()
    english = str(info.value)
    assert english.startswith("Missing Python package(s) for mosaic work on a Dask cluster: distributed. Install"), \
        english
    assert _chinese(zh, english).startswith("缺少 Python 包（在 Dask 集群上进行镶嵌处理）：distributed。"), zh(english)


def test_rasters_on_different_grids_in_chinese(zh):
    """The differences of two grids ("; "-separated, between a lead and an advice) are translated one by one."""
    from osgeo import osr

    from models.errors import InputError
    from models.raster.grid import Grid, check_same_grid

    def wkt(epsg):
        srs = osr.SpatialReference()
        srs.ImportFromEPSG(epsg)
        return srs.ExportToWkt()

    a = Grid(wkt(32644), (500000.0, 30.0, 0.0, 4000000.0, 0.0, -30.0), 40, 30)
    b = Grid(wkt(32645), (500015.0, 15.0, 0.0, 4000000.0, 0.0, -15.0), 80, 60)
    with pytest.raises(InputError) as info:
        check_same_grid(a, b, "the probability raster", "the uncertainty raster")
    shown = _chinese(zh, str(info.value))
    assert shown.startswith(
        "这些栅格不在同一网格上：概率栅格为 40×30 像元，而不确定性栅格为 80×60 像元；"
        "概率栅格的坐标参考系为 WGS 84 / UTM zone 44N (EPSG:32644)，"
        "而不确定性栅格为 WGS 84 / UTM zone 45N (EPSG:32645)；"
        "二者的地理变换原点不同：(500000.000000, 4000000.000000) 与 (500015.000000, 4000000.000000)；"
        "二者的像元大小/旋转不同：30×30 与 15×15。请将其中一个重采样到另一个上"), shown

    from models.raster.stack import _STACK_ADVICE

    with pytest.raises(InputError) as info:  # a raster stack (Build graph data set)
        check_same_grid(a, Grid(a.crs_wkt, a.geotransform, 41, 30), "'cube.tif'", "'dp.tif'",
                        lead="Rasters are not on one grid", advice=_STACK_ADVICE)
    assert _chinese(zh, str(info.value)) == ("栅格不在同一网格上：'cube.tif'为 40×30 像元，而'dp.tif'为 41×30 像元。"
                                             "请先在高光谱栅格的网格上计算地质栅格（或进行重采样），再进行叠加。")
