"""The plugin object QGIS creates: provider registration, menu, toolbar, dependency check."""
from __future__ import annotations

from pathlib import Path
from typing import List, Optional

from qgis.core import Qgis, QgsApplication, QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, QLocale, Qt, QTranslator
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QAction, QPushButton

from ..models import dependencies

PLUGIN_ROOT = Path(__file__).resolve().parents[1]
ICON = PLUGIN_ROOT / "resources" / "icons" / "hyperprospect.svg"
PICK_ICON = PLUGIN_ROOT / "resources" / "icons" / "pick_spectrum.svg"
MENU = "&HyperProspect"


def tr(text: str) -> str:
    return QCoreApplication.translate("HyperProspect", text)


def install_translator() -> Optional[QTranslator]:
    """Load i18n/hyperprospect_<locale>.qm for QGIS's user locale (e.g. zh_CN), if we ship it."""
    locale = str(QgsSettings().value("locale/userLocale", "") or QLocale().name())
    folder = PLUGIN_ROOT / "i18n"
    candidates = [folder / f"hyperprospect_{locale}.qm"] + sorted(folder.glob(f"hyperprospect_{locale[:2]}*.qm"))
    for qm in candidates:
        if qm.is_file():
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
        action = QAction(QIcon(str(ICON)), tr("Python dependencies…"), self.iface.mainWindow())
        action.setObjectName("hyperprospectDependencies")
        action.triggered.connect(self.show_dependency_dialog)
        self.iface.addPluginToMenu(MENU, action)
        self.actions.append(action)

        dock_action = QAction(QIcon(str(ICON)), tr("Spectra panel"), self.iface.mainWindow())
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
            self.iface.addDockWidget(Qt.RightDockWidgetArea, self.dock)
            self.dock.visibilityChanged.connect(self.dock_action.setChecked)
        return self.dock

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
