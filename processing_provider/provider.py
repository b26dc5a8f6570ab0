"""The ``hyperprospect`` Processing provider."""
from __future__ import annotations

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from .algorithm import ICON
from .algorithms import ALGORITHMS


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
