"""The ``hyperprospect`` Processing provider."""
from __future__ import annotations

from pathlib import Path

from qgis.core import Qgis, QgsMessageLog, QgsProcessingModelAlgorithm, QgsProcessingProvider
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QIcon

from .algorithm import ICON
from .algorithms import ALGORITHMS

MODELS_DIR = Path(__file__).resolve().parents[1] / "resources" / "models"


class TranslatedModel(QgsProcessingModelAlgorithm):
    """A shipped model listed in the toolbox in the user's language (its id, from the file, stays English)."""

    def displayName(self) -> str:  # noqa: N802
        return QCoreApplication.translate("HyperProspect", super().displayName())

    def group(self) -> str:
        return QCoreApplication.translate("HyperProspect", super().group())


class HyperProspectProvider(QgsProcessingProvider):
    def id(self) -> str:
        return "hyperprospect"

    def name(self) -> str:
        return "HyperProspect"

    def longName(self) -> str:  # noqa: N802
        return "HyperProspect — hyperspectral prospectivity and spectra"

    def icon(self) -> QIcon:
        return QIcon(str(ICON))

    def svgIconPath(self) -> str:  # noqa: N802
        return str(ICON)

    def supportedOutputRasterLayerExtensions(self):  # noqa: N802
        # The compute layer writes GeoTIFF (with wavelength metadata) only.
        return ["tif"]

    def loadAlgorithms(self) -> None:  # noqa: N802
        for cls in ALGORITHMS:
            self.addAlgorithm(cls())
        # Shipped graphical models (open them in the modeller to change a step).
        for path in sorted(MODELS_DIR.glob("*.model3")):
            model = TranslatedModel()
            if model.fromFile(str(path)):
                model.setSourceFilePath(str(path))
                self.addAlgorithm(model)
            else:
                QgsMessageLog.logMessage(f"Could not read the model {path}", "HyperProspect", Qgis.Warning)
