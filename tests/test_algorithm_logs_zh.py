"""The algorithms' log in Chinese under the zh_CN translation (issue 18), in real QGIS on a small sample area:
samplearea → bandsubset → distance to pluton and fault → buildgraphs → traingcn (node GCN and the paper's
enhanced GCN) → predictheatmap (with targets and the prediction-rate curve) → targets → evaluateheatmap, and
mineralmap, whose legend (.qml) names the minerals in Chinese while the raster's category names stay English.

Every line the algorithms write — information, warnings, errors and the progress texts (training epochs, steps)
the compute layer sends — must come out in Chinese: no English sentence of the list below is left, and the lines
that are not the comparison table (an output that stays English, as the report) carry Chinese characters.
"""
import contextlib
import json
import re
import xml.etree.ElementTree as ET

import pytest
from osgeo import gdal

from qgis_support import REPO

CJK = re.compile(r"[\u4e00-\u9fff]")
# English the old log showed (the algorithms' own lines and what they relayed from models/)
ENGLISH = ["Sample area written to", "Kept ", " bands (", "wavelengths from", "feature(s)", "segment(s)",
           "on a ", " m grid", "euclidean", "Graph data set:", "labels:", "graph:", "channels (", " nodes",
           "directed edges", "tiles skipped", "  mean ", "  std ", "Training in a worker process", " epoch ",
           "train loss", "val loss", "Model file:", "Training report:", "WARNING", "model is poor", "Scored ",
           "skipped for nodata", "; style ", "Prediction-rate AUC", "Prediction-rate curve:", "Targets:",
           "target(s)", "km² in all", "of the valid area", "pixel ROC", "Pixel ROC", "status ", " bodies",
           "reading", "writing", "Mapped row", "Rows ", "Copied window", " pixels",
           "Scoring bodies", "Read the raster", "Polygonised", "Wrote the", "geology", "abundances", "spectra",
           "scene description", "done", "predicting", "permutation importance", "No uncertainty map",
           "no diagnostic feature", "nodata", "Could not apply the style"]


class Log:
    """A feedback that keeps every line an algorithm writes, progress texts included."""

    def __init__(self):
        from qgis.core import QgsProcessingFeedback

        log = self

        class Feedback(QgsProcessingFeedback):
            def reportError(self, error, fatalError=False):  # noqa: N802
                log.lines.append(("error", error))

            def pushWarning(self, warning):  # noqa: N802
                log.lines.append(("warning", warning))

            def pushInfo(self, info):  # noqa: N802
                log.lines.append(("info", info))

            def setProgressText(self, text):  # noqa: N802
                log.lines.append(("progress", text))

        self.lines = []
        self.feedback = Feedback()

    def texts(self, kind=None):
        return [t for k, t in self.lines if kind is None or k == kind]


@contextlib.contextmanager
def chinese():
    from qgis.PyQt.QtCore import QCoreApplication, QTranslator

    translator = QTranslator()
    assert translator.load(str(REPO / "i18n" / "hyperprospect_zh_CN.qm"))
    QCoreApplication.installTranslator(translator)
    try:
        yield
    finally:
        QCoreApplication.removeTranslator(translator)


def _run(alg, params, logs):
    import processing

    log = Log()
    result = processing.run(f"hyperprospect:{alg}", params, feedback=log.feedback)
    logs[alg] = log
    return result


def _strip(text, folder):
    """The line without the paths of this test (they hold English folder names) and JSON objects."""
    text = text.replace(str(folder), "<dir>")
    return re.sub(r"\{.*\}", "{…}", text)


@pytest.fixture(scope="module")
def chain(provider, tmp_path_factory):
    """Every algorithm run once in Chinese on a 60×60 px sample area; their logs by algorithm name."""
    d = tmp_path_factory.mktemp("zhlogs")
    logs = {}
    with chinese():
        a = _run("samplearea", {"WIDTH": 60, "HEIGHT": 60, "SEED": 5, "OUTPUT": str(d / "area")}, logs)
        sub = _run("bandsubset", {"INPUT": a["CUBE"], "OUTPUT": str(d / "sub.tif")}, logs)["OUTPUT"]
        dp = _run("distancetopluton", {"INPUT": a["PLUTONS"], "REFERENCE": sub, "SIGNED": True,
                                       "OUTPUT": str(d / "dp.tif")}, logs)["OUTPUT"]
        df = _run("distancetofault", {"INPUT": a["FAULTS"], "REFERENCE": sub, "METHOD": 1,
                                      "OUTPUT": str(d / "df.tif")}, logs)["OUTPUT"]
        g = _run("buildgraphs", {"STACK": [sub, dp, df], "LABELS": a["KNOWN"], "TILE_SIZE": 6, "STRIDE": 3,
                                 "OUTPUT": str(d / "g.hpg")}, logs)["OUTPUT"]
        model = _run("traingcn", {"DATASET": g, "EPOCHS": 2, "HIDDEN": 16, "OUTPUT": str(d / "m.hpm"),
                                  "REPORT": str(d / "rep")}, logs)["OUTPUT"]
        logs["traingcn_node"] = logs.pop("traingcn")
        _run("traingcn", {"DATASET": g, "ARCH": 0, "EPOCHS": 2, "HIDDEN": 8, "OUTPUT": str(d / "e.hpm"),
                          "REPORT": str(d / "rep_e")}, logs)
        heat = _run("predictheatmap", {"MODEL": model, "INPUT": a["CUBE"], "PLUTONS": a["PLUTONS"],
                                       "FAULTS": a["FAULTS"], "DEPOSITS": a["ALL"], "DEPOSIT_FIELD": "status",
                                       "TARGETS": str(d / "heat_targets.gpkg"), "OUTPUT": str(d / "heat.tif")},
                    logs)["OUTPUT"]
        _run("targets", {"INPUT": heat, "UNCERTAINTY": str(d / "heat_uncertainty.tif"), "KNOWN": a["KNOWN"],
                         "OUTPUT": str(d / "targets.gpkg")}, logs)
        _run("evaluateheatmap", {"INPUT": heat, "DEPOSITS": a["ALL"], "FIELD": "status", "FERTILE": "known,lost",
                                 "OUTPUT_HTML": str(d / "eval.html")}, logs)
    return d, logs


ALGORITHMS = ["samplearea", "bandsubset", "distancetopluton", "distancetofault", "buildgraphs", "traingcn_node",
              "traingcn", "predictheatmap", "targets", "evaluateheatmap"]


@pytest.mark.parametrize("alg", ALGORITHMS)
def test_the_log_speaks_chinese(chain, alg):
    folder, logs = chain
    log = logs[alg]
    assert log.texts("info"), f"{alg} wrote nothing"
    table = alg.startswith("traingcn") and _comparison_table(log)
    problems = []
    for kind, text in log.lines:
        if (table and text in table) or text.startswith("Results: {"):
            continue  # the comparison table: an output, English as in the report; QGIS's own list of results
        line = _strip(text, folder)
        left = [e for e in ENGLISH if e in line]
        if left or (not CJK.search(line) and re.search(r"[A-Za-z]{3,}", line)):
            problems.append(f"{kind}: {text!r} (English: {left})")
    assert not problems, f"{alg}:\n" + "\n".join(problems)


def _comparison_table(log):
    """The comparison table's lines (between the settings line and the model file line)."""
    texts = log.texts("info")
    start = next(i for i, t in enumerate(texts) if t.startswith("在工作进程中训练"))
    end = next(i for i, t in enumerate(texts) if t.startswith("模型文件"))
    return set(texts[start + 1:end])


def test_what_the_compute_layer_sends_is_translated(chain):
    """The relayed texts seen in the chain: epochs of both models, steps, the summaries of the graph data
    set and the targets, the evaluation's lines."""
    _, logs = chain
    node = logs["traingcn_node"].texts("progress")
    assert any(t.startswith("节点 GCN 第 2/2 轮：训练损失") for t in node), node
    assert any(t.startswith("增强 GCN 第 1/2 轮") for t in logs["traingcn"].texts("progress"))
    assert "正在写入模型文件" in node
    graphs = logs["buildgraphs"].texts("info")
    assert graphs[0].startswith("图数据集：") and any("均值" in t and "地质" in t for t in graphs), graphs
    assert any("含矿" in t for t in graphs if t.startswith("  标签："))
    assert any(t.startswith("靶区：") for t in logs["predictheatmap"].texts("info"))
    assert any("个靶区" in t for t in logs["targets"].texts("info"))
    evaluation = logs["evaluateheatmap"].texts("info")
    assert any(t.startswith("全部含矿矿体（含矿") for t in evaluation), evaluation
    assert any(t.startswith("像元 ROC AUC，含矿对背景") for t in evaluation), evaluation
    # the fertile status "lost" is not in the layer: its warning, in Chinese
    assert any(t.startswith("未找到含矿状态 lost") for t in logs["evaluateheatmap"].texts("warning"))
    assert any("带符号" in t for t in logs["distancetopluton"].texts("info"))
    assert any("反距离加权" in t for t in logs["distancetofault"].texts("info"))
    assert any("波长来源：" in t for t in logs["bandsubset"].texts("info"))


def test_the_poor_model_warning_in_chinese(chain):
    """Two epochs on a tiny area: when the model file records the poor-model warning, training and prediction
    give it in Chinese (the model file keeps the English)."""
    from models.gcn.model_file import read_metadata

    folder, logs = chain
    english = (read_metadata(str(folder / "m.hpm"))["training"] or {}).get("quality_warning")
    if not english:
        pytest.skip("this run's model was good enough for no warning")
    assert english.startswith("WARNING")
    for alg, kind in (("traingcn_node", "warning"), ("predictheatmap", "error")):
        shown = [t for t in logs[alg].texts(kind) if t.startswith("警告：该模型效果较差")]
        assert shown, (alg, logs[alg].lines)


# --- the mineral map: log and legend ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def cube(tmp_path_factory):
    from models.geospectra.dataset import AHSI_TABLE
    from models.geospectra.grid import read_sensor_table
    from models.geospectra.synthetic_cube import layout_cube

    centres, fwhm = read_sensor_table(AHSI_TABLE)
    layout = [["Kaolinite", "Alunite", "Quartz", None], ["Calcite", "Muscovite", "Kaolinite", "Alunite"]]
    return layout_cube(tmp_path_factory.mktemp("zhcube") / "cube.tif", layout, centres, fwhm)


def _legend(qml):
    return {int(e.get("value")): e.get("label") for e in ET.parse(qml).getroot().iter("paletteEntry")}


def _categories(tif):
    ds = gdal.Open(str(tif))  # keep the dataset alive while its band is used
    band = ds.GetRasterBand(1)
    band.GetStatistics(0, 0)
    return list(band.GetCategoryNames())


def test_mineral_map_legend_in_chinese_and_category_names_in_english(provider, cube, tmp_path):
    minerals = json.loads((REPO / "i18n" / "zh_CN.minerals.json").read_text(encoding="utf-8"))
    logs = {}
    with chinese():
        result = _run("mineralmap", {"INPUT": str(cube), "OUTPUT": str(tmp_path / "zh.tif")}, logs)
    legend = _legend(tmp_path / "zh.qml")
    names = _categories(result["OUTPUT"])
    assert names[:2] == ["nodata", "no diagnostic feature"]  # the raster stays machine-readable
    assert {"Kaolinite", "Alunite", "Calcite", "Muscovite"} <= set(names)
    assert legend[0] == "无数据" and legend[1] == "无诊断性吸收特征"
    shown = {names[v]: label for v, label in legend.items() if v >= 2}
    assert {"Kaolinite", "Alunite", "Calcite", "Muscovite"} <= set(shown)
    assert shown == {name: minerals[name] for name in shown}  # the dock's mineral names
    assert all(CJK.search(label) for label in legend.values())
    pixel_lines = logs["mineralmap"].texts("info")
    assert any(t.startswith(minerals["Kaolinite"] + "：2 个像元") for t in pixel_lines), pixel_lines
    assert any(t.startswith("无诊断性吸收特征：") for t in pixel_lines)
    for kind, text in logs["mineralmap"].lines:
        if text.startswith("Results: {"):
            continue
        left = [e for e in ENGLISH if e in _strip(text, tmp_path)]
        assert not left and CJK.search(text), (kind, text)
    # the layer QGIS loads shows the Chinese legend
    from qgis.core import QgsRasterLayer

    layer = QgsRasterLayer(result["OUTPUT"], "map")
    _, ok = layer.loadNamedStyle(str(tmp_path / "zh.qml"))
    assert ok and {c.label for c in layer.renderer().classes()} >= {minerals["Kaolinite"], "无诊断性吸收特征"}


def test_mineral_map_legend_in_english_without_the_translation(provider, cube, tmp_path):
    logs = {}
    result = _run("mineralmap", {"INPUT": str(cube), "OUTPUT": str(tmp_path / "en.tif")}, logs)
    legend = _legend(tmp_path / "en.qml")
    names = _categories(result["OUTPUT"])
    assert legend[0] == "nodata" and legend[1] == "no diagnostic feature"
    assert all(label == names[v] for v, label in legend.items())
    assert not any(CJK.search(t) for t in logs["mineralmap"].texts())
    assert "Kaolinite: 2 pixels" in logs["mineralmap"].texts("info")


def test_an_error_of_the_compute_layer_in_chinese(provider):
    """A message of models/ that stops an algorithm is shown in Chinese where a pattern knows it."""
    from qgis.core import QgsProcessingContext, QgsProcessingException

    from hyperprospect.models.errors import InputError
    from hyperprospect.processing_provider.algorithm import HyperProspectAlgorithm

    class Failing(HyperProspectAlgorithm):
        NAME = "failing"

        def execute(self, parameters, context, feedback):
            raise InputError("spectrum s1: needs at least 2 samples")

    context = QgsProcessingContext()
    with chinese(), pytest.raises(QgsProcessingException) as info:
        Failing().processAlgorithm({}, context, Log().feedback)
    assert CJK.search(str(info.value)) and "s1" in str(info.value), str(info.value)
    with pytest.raises(QgsProcessingException, match="needs at least 2 samples"):
        Failing().processAlgorithm({}, context, Log().feedback)


def _raster(path, bands, crs="EPSG:32644"):
    ds = gdal.GetDriverByName("GTiff").Create(str(path), 24, 24, bands, gdal.GDT_Int16)
    ds.SetGeoTransform((500000, 30, 0, 4000000, 0, -30))
    if crs:
        ds.SetProjection(crs)
    ds = None
    return str(path)


def _plutons(path):
    from osgeo import ogr, osr

    srs = osr.SpatialReference()
    srs.ImportFromEPSG(32644)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    layer = ds.CreateLayer("plutons", srs, ogr.wkbPolygon)
    feature = ogr.Feature(layer.GetLayerDefn())
    feature.SetGeometry(ogr.CreateGeometryFromWkt(
        "POLYGON ((500100 3999900, 500300 3999900, 500300 3999700, 500100 3999700, 500100 3999900))"))
    layer.CreateFeature(feature)
    ds = None
    return str(path)


# (algorithm, parameters(folder), the start of the Chinese error, a fragment of the English one)
BAD_INPUTS = [
    ("distancetopluton", lambda d: {"INPUT": _plutons(d / "p.gpkg"), "REFERENCE": _raster(d / "nocrs.tif", 1, None),
                                    "OUTPUT": str(d / "dp.tif")},
     "参考栅格“nocrs.tif”没有坐标参考系", "The reference raster 'nocrs.tif' has no coordinate reference system"),
    ("bandsubset", lambda d: {"INPUT": _raster(d / "nowl.tif", 166), "OUTPUT": str(d / "o.tif")},
     "“nowl.tif”不含波段波长", "'nowl.tif' carries no band wavelengths"),
    ("bandsubset", lambda d: {"INPUT": _raster(d / "zy.tif", 166), "PRESET": 1, "RANGES": "5000-6000",
                              "OUTPUT": str(d / "o.tif")},
     "波长范围 5000–6000 nm 未选中任何波段：该栅格的 166 个波段覆盖",
     "The wavelength ranges 5000–6000 nm select no band"),
]


@pytest.mark.parametrize("alg,params,chinese_start,english", BAD_INPUTS,
                         ids=["distance, raster without CRS", "band subset, no wavelengths", "band subset, no band"])
def test_an_algorithm_stopped_by_a_bad_input_says_why_in_chinese(provider, tmp_path, alg, params, chinese_start,
                                                                   english):
    """A real run in Chinese: the compute layer's error that stops the algorithm is shown in Chinese (paths and
    values kept), English without the translation."""
    import processing
    from qgis.core import QgsProcessingException

    with chinese(), pytest.raises(QgsProcessingException) as info:
        processing.run(f"hyperprospect:{alg}", params(tmp_path), feedback=Log().feedback)
    shown = str(info.value)
    assert shown.startswith(chinese_start), shown
    assert not re.search(r"[A-Za-z]{3,} [a-z]{3,} [a-z]{3,}", shown), shown  # no English sentence left
    with pytest.raises(QgsProcessingException, match=re.escape(english)):
        processing.run(f"hyperprospect:{alg}", params(tmp_path), feedback=Log().feedback)


def test_a_missing_package_is_reported_in_chinese(provider):
    """The dependency check of every algorithm (before it runs, and when it is run anyway) speaks Chinese; the
    package name and the pip command are kept."""
    from qgis.core import QgsProcessingContext, QgsProcessingException

    from hyperprospect.processing_provider.algorithm import HyperProspectAlgorithm

    class NeedsPackage(HyperProspectAlgorithm):
        NAME, DISPLAY_NAME, REQUIRES = "needspackage", "Train GCN", ("hp_no_such_package",)

    context = QgsProcessingContext()
    with chinese():
        ok, message = NeedsPackage().checkParameterValues({}, context)
        with pytest.raises(QgsProcessingException) as info:
            NeedsPackage().processAlgorithm({}, context, Log().feedback)
    assert not ok and message.startswith(
        "缺少 Python 包（训练 GCN）：hp_no_such_package。请通过 插件 ▸ HyperProspect ▸ Python 依赖包… 安装"), message
    assert message.endswith("python -m pip install hp_no_such_package。"), message
    assert str(info.value) == message
    ok, message = NeedsPackage().checkParameterValues({}, context)
    assert message.startswith("Missing Python package(s) for Train GCN: hp_no_such_package. Install them with")
