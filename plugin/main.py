"""The plugin object QGIS creates: provider registration, menu, toolbar, dependency check."""
from __future__ import annotations

from pathlib import Path
from typing import List, Optional

from qgis.core import Qgis, QgsApplication, QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, QLocale, Qt, QTranslator
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QAction, QDockWidget, QMainWindow, QPushButton

from ..models import dependencies

PLUGIN_ROOT = Path(__file__).resolve().parents[1]
ICON = PLUGIN_ROOT / "resources" / "icons" / "hyperprospect.svg"
PICK_ICON = PLUGIN_ROOT / "resources" / "icons" / "pick_spectrum.svg"
PANEL_ICON = PLUGIN_ROOT / "resources" / "icons" / "spectra_panel.svg"
DEPENDENCY_ICON = PLUGIN_ROOT / "resources" / "icons" / "dependencies.svg"
MENU = "&HyperProspect"


def tr(text: str) -> str:
    return QCoreApplication.translate("HyperProspect", text)


# QGIS 3.22's Options dialog writes Qt's BCP-47 names (zh-Hans); older settings and systems use zh_CN or zh.
LOCALE_ALIASES = {"zh": "zh_CN", "zh_Hans": "zh_CN", "zh_Hans_CN": "zh_CN", "zh_SG": "zh_CN", "zh_Hans_SG": "zh_CN"}


def user_locale() -> str:
    """The locale QGIS uses for its own texts (at start-up QGIS writes the system's there unless overridden)."""
    return str(QgsSettings().value("locale/userLocale", "") or QLocale().name())


def translation_file(locale: str, folder: Path = PLUGIN_ROOT / "i18n") -> Optional[Path]:
    """i18n/hyperprospect_<locale>.qm for ``zh-Hans``, ``zh_CN``, ``zh`` and the like, or None."""
    name = locale.replace("-", "_").split(".")[0]
    name = LOCALE_ALIASES.get(name, name)
    for candidate in (name, name.split("_")[0]):
        qm = folder / f"hyperprospect_{LOCALE_ALIASES.get(candidate, candidate)}.qm"
        if qm.is_file():
            return qm
    return None


def install_translator() -> Optional[QTranslator]:
    """Load the plugin's translation for QGIS's locale (e.g. zh-Hans → hyperprospect_zh_CN.qm), if we ship it."""
    qm = translation_file(user_locale())
    if qm is not None:
        translator = QTranslator()
        if translator.load(str(qm)):
            QCoreApplication.installTranslator(translator)
            return translator
    return None


def dependency_target() -> Path:
    return dependencies.default_target_dir(QgsApplication.qgisSettingsDirPath())


class HyperProspectPlugin:
    """Created by ``classFactory``; ``iface`` is ``None`` under ``qgis_process``."""

    def __init__(self, iface):
        self.iface = iface
        self.provider = None
        self.actions: List[QAction] = []
        self.dependency_dialog = None
        self.dock = None
        self.pixel_tool = None
        # Packages installed by our installer become importable before anything else runs.
        dependencies.activate(dependency_target())
        self.translator = install_translator()

    # -- Processing (also the only entry point under qgis_process) --------------------
    def initProcessing(self) -> None:  # noqa: N802 (QGIS API name)
        if self.provider is not None:
            return
        from ..processing_provider.provider import HyperProspectProvider

        self.provider = HyperProspectProvider()
        QgsApplication.processingRegistry().addProvider(self.provider)

    # -- GUI -----------------------------------------------------------------------
    def initGui(self) -> None:  # noqa: N802 (QGIS API name)
        self.initProcessing()
        if self.iface is None:
            return
        action = QAction(QIcon(str(DEPENDENCY_ICON)), tr("Python dependencies…"), self.iface.mainWindow())
        action.setObjectName("hyperprospectDependencies")
        action.triggered.connect(self.show_dependency_dialog)
        self.iface.addPluginToMenu(MENU, action)
        self.actions.append(action)

        dock_action = QAction(QIcon(str(PANEL_ICON)), tr("Spectra panel"), self.iface.mainWindow())
        dock_action.setObjectName("hyperprospectSpectraPanel")
        dock_action.setCheckable(True)
        dock_action.toggled.connect(self.toggle_spectra_dock)
        self.iface.addPluginToMenu(MENU, dock_action)
        self.iface.addToolBarIcon(dock_action)
        self.actions.append(dock_action)
        self.dock_action = dock_action

        pick_action = QAction(QIcon(str(PICK_ICON)), tr("Take a pixel spectrum from the map"), self.iface.mainWindow())
        pick_action.setObjectName("hyperprospectPickPixel")
        pick_action.setCheckable(True)
        pick_action.triggered.connect(self.activate_pixel_tool)
        self.iface.addPluginToMenu(MENU, pick_action)
        self.iface.addToolBarIcon(pick_action)
        self.actions.append(pick_action)
        self.pick_action = pick_action
        self.check_dependencies()

    # -- spectra dock ----------------------------------------------------------------
    def spectra_dock(self):
        if self.dock is None:
            from .spectra_dock import SpectraDock

            self.dock = SpectraDock(self.iface, self.iface.mainWindow())
            self.dock.setWindowIcon(QIcon(str(PANEL_ICON)))
            self.iface.addDockWidget(Qt.RightDockWidgetArea, self.dock)
            self._tabify_with_toolbox(self.dock)
            self.dock.visibilityChanged.connect(self.dock_action.setChecked)
        return self.dock

    def _tabify_with_toolbox(self, dock) -> None:
        """Share the Processing toolbox's place as a tab: stacked under it the plot would be a few pixels high.
        Later sessions restore wherever the user moved the panel (by its object name)."""
        window = self.iface.mainWindow()
        if not isinstance(window, QMainWindow):
            return
        toolbox = next((d for d in window.findChildren(QDockWidget) if d.objectName() == "ProcessingToolbox"), None)
        if toolbox is not None and toolbox.isVisible() and window.dockWidgetArea(toolbox) == Qt.RightDockWidgetArea:
            window.tabifyDockWidget(toolbox, dock)

    def toggle_spectra_dock(self, on: bool) -> None:
        if on:
            self.spectra_dock().show()
            self.spectra_dock().raise_()
        elif self.dock is not None:
            self.dock.hide()

    def activate_pixel_tool(self) -> None:
        from .pixel_tool import PixelSpectrumTool

        dock = self.spectra_dock()
        dock.show()
        canvas = self.iface.mapCanvas()
        self.pixel_tool = PixelSpectrumTool(
            canvas,
            on_spectrum=lambda s: (dock.add_spectrum(s, s.source), dock.identify()),
            on_error=lambda msg: self.iface.messageBar().pushMessage("HyperProspect", msg, Qgis.Warning, 6),
            layer_getter=self.iface.activeLayer,
        )
        self.pixel_tool.setAction(self.pick_action)
        canvas.setMapTool(self.pixel_tool)

    def check_dependencies(self) -> List[str]:
        """Tell the user (message bar, not a crash) which packages are missing."""
        missing = dependencies.missing_modules()
        if missing and self.iface is not None:
            bar = self.iface.messageBar()
            widget = bar.createMessage("HyperProspect", dependencies.describe_missing(missing))
            button = QPushButton(tr("Install…"), widget)
            button.clicked.connect(self.show_dependency_dialog)
            widget.layout().addWidget(button)
            bar.pushWidget(widget, Qgis.Warning)
        return missing

    def show_dependency_dialog(self) -> None:
        from .dependency_dialog import DependencyDialog

        parent = self.iface.mainWindow() if self.iface is not None else None
        self.dependency_dialog = DependencyDialog(dependency_target(), dependencies.missing_modules(), parent)
        self.dependency_dialog.show()

    def unload(self) -> None:
        for action in self.actions:
            if self.iface is not None:
                self.iface.removePluginMenu(MENU, action)
                self.iface.removeToolBarIcon(action)
            action.deleteLater()
        self.actions = []
        if self.pixel_tool is not None and self.iface is not None:
            self.iface.mapCanvas().unsetMapTool(self.pixel_tool)
            self.pixel_tool = None
        if self.dock is not None:
            if self.dock.task is not None:
                self.dock.task.cancel()
            self.iface.removeDockWidget(self.dock)
            self.dock.deleteLater()
            self.dock = None
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        if self.translator is not None:
            QCoreApplication.removeTranslator(self.translator)
            self.translator = None
