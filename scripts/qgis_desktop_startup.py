"""Runs inside the real QGIS desktop (``qgis --code``) for the smoke test and the README screenshot.

Reads the JSON named by ``HP_DESKTOP_CONFIG``: ``layers`` (paths, raster or vector, drawn in order, last on
top), ``spectra`` (files for the dock), ``select`` (dock row to select), ``screenshot`` (PNG path),
``result`` (JSON path). It opens the HyperProspect toolbox group and the spectra dock, loads everything,
waits for the map to render, saves a screenshot of the main window, writes what it saw (plugin loaded,
toolbox group, dock rows, layers, renderer of each raster, the message log) and quits QGIS.
"""
import json
import os
import traceback

from qgis.core import (Qgis, QgsApplication, QgsFillSymbol, QgsLineSymbol, QgsProject, QgsRasterLayer,
                       QgsVectorLayer)
from qgis.PyQt.QtCore import Qt, QTimer
from qgis.PyQt.QtWidgets import QDockWidget, QTreeView
from qgis.utils import iface, plugins

CONFIG = json.loads(open(os.environ["HP_DESKTOP_CONFIG"], encoding="utf-8").read())
LOG = []
RESULT = {"errors": []}
QgsApplication.messageLog().messageReceived.connect(
    lambda msg, tag, level: LOG.append({"tag": tag, "level": int(level), "message": msg}))


def _finish():
    RESULT["log"] = LOG
    with open(CONFIG["result"], "w", encoding="utf-8") as fh:
        json.dump(RESULT, fh, indent=1, ensure_ascii=False)
    QgsProject.instance().setDirty(False)  # no "save the project?" question on the way out
    os._exit(0)


def _guard(step):
    def run():
        try:
            step()
        except Exception:  # noqa: BLE001 - any error of a step is the smoke test's finding, reported
            RESULT["errors"].append(traceback.format_exc())
            _finish()
    return run


def _open_toolbox_group():
    iface.showProcessingToolbox() if hasattr(iface, "showProcessingToolbox") else None
    toolbox = next((d for d in iface.mainWindow().findChildren(QDockWidget) if d.objectName() == "ProcessingToolbox"),
                   None)
    if toolbox is None:
        return None
    toolbox.setVisible(True)
    if CONFIG.get("arrange"):  # for the picture: toolbox on the left (over the browser), the dock alone on the right
        window = iface.mainWindow()
        browser = next((d for d in window.findChildren(QDockWidget) if d.objectName() == "Browser"), None)
        window.addDockWidget(Qt.LeftDockWidgetArea, toolbox)
        if browser is not None:
            window.tabifyDockWidget(browser, toolbox)
    toolbox.raise_()
    search = toolbox.findChild(QTreeView)
    model = search.model() if search is not None else None
    found = []
    if model is not None:
        for row in range(model.rowCount()):
            index = model.index(row, 0)
            if "HyperProspect" in str(model.data(index)):
                search.expand(index)
                search.scrollTo(index, QTreeView.PositionAtTop)
                for child in range(model.rowCount(index)):
                    sub = model.index(child, 0, index)
                    search.expand(sub)
                    found.append(str(model.data(sub)))
    return found


def _outline(layer):
    """Geology drawn over the heatmap: pluton outlines and dashed faults, not opaque random fills."""
    if layer.geometryType() == 2:  # polygons
        symbol = QgsFillSymbol.createSimple({"color": "0,0,0,0", "outline_color": "#e7298a", "outline_width": "0.7"})
    else:
        symbol = QgsLineSymbol.createSimple({"line_color": "#111111", "line_width": "0.5", "line_style": "dash"})
    layer.renderer().setSymbol(symbol)


def load():
    plugin = plugins.get("hyperprospect")
    RESULT["plugin_loaded"] = plugin is not None
    if plugin is None:
        return _finish()
    RESULT["toolbox_groups"] = _open_toolbox_group()
    plugin.dock_action.setChecked(True)
    dock = plugin.spectra_dock()
    if CONFIG.get("arrange"):
        iface.mainWindow().addDockWidget(Qt.RightDockWidgetArea, dock)
        dock.raise_()
    project = QgsProject.instance()
    RESULT["layers"] = []
    for path in CONFIG.get("layers", []):
        is_raster = path.lower().endswith((".tif", ".tiff", ".img", ".vrt"))
        name = os.path.splitext(os.path.basename(path))[0]
        layer = QgsRasterLayer(path, name) if is_raster else QgsVectorLayer(path, name, "ogr")
        if not is_raster and CONFIG.get("outlines"):
            _outline(layer)
        project.addMapLayer(layer)
        entry = {"path": path, "valid": layer.isValid()}
        if is_raster and layer.isValid():
            ren = layer.renderer()
            entry["renderer"] = ren.type()
            if ren.type() == "multibandcolor":
                entry["bands"] = [ren.redBand(), ren.greenBand(), ren.blueBand()]
        RESULT["layers"].append(entry)
    if CONFIG.get("layers"):
        first = project.mapLayersByName(os.path.splitext(os.path.basename(CONFIG["layers"][0]))[0])
        if first:
            iface.mapCanvas().setExtent(first[0].extent())
    loaded, failures = dock.load_paths(CONFIG.get("spectra", []))
    RESULT["dock"] = {"loaded": loaded, "failures": failures, "rows": dock.table.rowCount(),
                      "status": dock.status.text(), "visible": dock.isVisible(), "title": dock.windowTitle(),
                      "xlabel": dock.plot.axes.get_xlabel()}
    if CONFIG.get("select") is not None and dock.table.rowCount():
        dock.table.selectRow(int(CONFIG["select"]))
    iface.mapCanvas().refreshAllLayers()
    if CONFIG.get("identify") and dock.items:
        def identified(ok, error):
            RESULT["identified"] = [ok, error]
            dock.table.selectRow(int(CONFIG.get("select") or 0))
            if dock.candidates.rowCount():
                dock.candidates.selectRow(0)  # overlay the best candidate's reference spectrum
            QTimer.singleShot(int(CONFIG.get("settle_ms", 4000)), _guard(shoot))
        dock.identificationFinished.connect(identified)
        dock.table.clearSelection()
        dock.identify()
        return
    QTimer.singleShot(int(CONFIG.get("settle_ms", 4000)), _guard(shoot))


def shoot():
    iface.mapCanvas().waitWhileRendering()
    window = iface.mainWindow()
    RESULT["window"] = [window.width(), window.height()]
    RESULT["screenshot_saved"] = bool(window.grab().save(CONFIG["screenshot"]))
    _finish()


def start():
    window = iface.mainWindow()
    size = CONFIG.get("window")
    if size:
        window.showNormal()
        window.resize(*size)
    QTimer.singleShot(500, _guard(load))


QTimer.singleShot(int(CONFIG.get("start_ms", 2000)), _guard(start))
if CONFIG.get("inject_error"):  # the smoke test checks that an error in a slot does reach the check
    QTimer.singleShot(1000, lambda: 1 / 0)
QTimer.singleShot(int(CONFIG.get("timeout_ms", 120000)), _finish)  # never hang a CI run
RESULT["critical_level"] = int(Qgis.Critical)
