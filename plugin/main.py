"""The plugin object QGIS creates: provider registration, menu, toolbar, dependency check."""
from __future__ import annotations

from pathlib import Path
from typing import List, Optional

from qgis.core import Qgis, QgsApplication
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QAction, QPushButton

from . import dependencies

PLUGIN_ROOT = Path(__file__).resolve().parents[1]
ICON = PLUGIN_ROOT / "resources" / "icons" / "hyperprospect.svg"
MENU = "&HyperProspect"


def tr(text: str) -> str:
    return QCoreApplication.translate("HyperProspect", text)


def dependency_target() -> Path:
    return dependencies.default_target_dir(QgsApplication.qgisSettingsDirPath())


class HyperProspectPlugin:
    """Created by ``classFactory``; ``iface`` is ``None`` under ``qgis_process``."""

    def __init__(self, iface):
        self.iface = iface
        self.provider = None
        self.actions: List[QAction] = []
        self.dependency_dialog = None
        # Packages installed by our installer become importable before anything else runs.
        dependencies.activate(dependency_target())

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
        self.check_dependencies()

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
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
