"""The ``hyperprospect`` Processing provider."""
from __future__ import annotations

from pathlib import Path

from qgis.core import Qgis, QgsMessageLog, QgsProcessingModelAlgorithm, QgsProcessingProvider
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QIcon

from .algorithm import ICON
from .algorithms import ALGORITHMS

MODELS_DIR = Path(__file__).resolve().parents[1] / "resources" / "models"


def _tr(text: str) -> str:
    return QCoreApplication.translate("HyperProspect", text)


class TranslatedModel(QgsProcessingModelAlgorithm):
    """A shipped model in the user's language: its name and group in the toolbox, and, in the copy a dialog
    runs (createInstance), its description and the labels of its inputs and outputs.  The file and the id
    stay English (scripts/i18n_extract.py collects the texts from it)."""

    def displayName(self) -> str:  # noqa: N802
        return _tr(super().displayName())

    def group(self) -> str:
        return _tr(super().group())

    def createInstance(self):  # noqa: N802
        # QgsProcessingModelAlgorithm's own copy would be a plain model, in English
        model = TranslatedModel()
        model.loadVariant(self.toVariant())
        model.setSourceFilePath(self.sourceFilePath())
        model.translate_labels()
        return model

    def translate_labels(self) -> None:
        for definition in [*self.parameterDefinitions(), *self.outputDefinitions()]:
            definition.setDescription(_tr(definition.description()))
        content = dict(self.helpContent())
        if content.get("ALG_DESC"):
            content["ALG_DESC"] = _tr(content["ALG_DESC"])
            self.setHelpContent(content)


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
