"""Map tool: click a pixel of a hyperspectral raster to take its spectrum into the spectra dock."""
from __future__ import annotations

from types import SimpleNamespace
from typing import Callable, Dict, Optional, Tuple

import numpy as np
from qgis.core import (QgsCoordinateTransform, QgsMapLayerType, QgsPointXY, QgsProject, QgsRaster,
                       QgsRasterLayer)
from qgis.gui import QgsMapToolEmitPoint
from qgis.PyQt.QtCore import QCoreApplication


def tr(text: str) -> str:
    return QCoreApplication.translate("HyperProspect", text)


_UNITS: Dict[Tuple, float] = {}


def layer_unit(source: str) -> float:
    """The unit of a raster layer's values (``mineral_map.raster_unit``), once per version of its files (data,
    header, .aux.xml): a dark pixel (shadow, water) cannot tell on its own whether 150 is ×10000 or percent.
    1 (each pixel judged alone) when the rows cannot be read — the picked pixel may still be."""
    from ..models.geospectra.mineral_map import raster_unit
    from ..models.raster.gdalio import file_versions

    path = source.split("|")[0]
    try:
        key = (path, *file_versions(path))
        if key not in _UNITS:
            _UNITS[key] = raster_unit(path)
        return _UNITS[key]
    except Exception:  # noqa: BLE001 - a damaged part of the file must not stop a pick of an intact pixel
        return 1.0


def pixel_spectrum(layer: QgsRasterLayer, point: QgsPointXY, point_crs=None):
    """The spectrum of ``layer`` at ``point`` (map CRS ``point_crs``), wavelengths from the layer's metadata."""
    from ..models.geospectra.dark import to_reflectance
    from ..models.raster.wavelengths import read_wavelengths

    if point_crs is not None and point_crs != layer.crs():
        point = QgsCoordinateTransform(point_crs, layer.crs(), QgsProject.instance()).transform(point)
    if not layer.extent().contains(point):
        raise ValueError(tr("The point is outside the layer '{0}'.").format(layer.name()))
    wl = read_wavelengths(layer.source())
    result = layer.dataProvider().identify(point, QgsRaster.IdentifyFormatValue)
    if not result.isValid():
        raise ValueError(tr("Could not read the pixel of '{0}'.").format(layer.name()))
    values = result.results()
    arr = np.array([np.nan if values.get(b) is None else float(values[b]) for b in range(1, layer.bandCount() + 1)])
    nodata = layer.dataProvider().sourceNoDataValue(1) if layer.dataProvider().sourceHasNoDataValue(1) else None
    if nodata is not None:
        arr[arr == nodata] = np.nan
    # QGIS applied the bands' scale and offset; the unit (fraction, percent, ×10000) is the image's, read once
    arr = to_reflectance(arr[None, :], floor=layer_unit(layer.source()))[0]
    return SimpleNamespace(
        values=arr,
        wavelengths=np.asarray(wl.centers_nm, float),
        fwhm=None if wl.fwhm_nm is None else np.asarray(wl.fwhm_nm, float),  # seen as the sensor sees it
        name=f"{layer.name()} @ {point.x():.1f}, {point.y():.1f}",
        instrument=layer.name(),
        source=layer.source(),
    )


class PixelSpectrumTool(QgsMapToolEmitPoint):
    def __init__(self, canvas, on_spectrum: Callable, on_error: Callable[[str], None],
                 layer_getter: Optional[Callable[[], Optional[QgsRasterLayer]]] = None):
        super().__init__(canvas)
        self.on_spectrum = on_spectrum
        self.on_error = on_error
        self.layer_getter = layer_getter
        self.canvasClicked.connect(self._clicked)

    def _layer(self) -> Optional[QgsRasterLayer]:
        layer = self.layer_getter() if self.layer_getter else None
        if layer is not None and layer.type() == QgsMapLayerType.RasterLayer and layer.bandCount() > 3:
            return layer
        for lyr in self.canvas().layers():
            if lyr.type() == QgsMapLayerType.RasterLayer and lyr.bandCount() > 3:
                return lyr
        return None

    def _clicked(self, point, _button) -> None:
        layer = self._layer()
        if layer is None:
            self.on_error(tr("Select a hyperspectral raster layer (more than 3 bands) first."))
            return
        try:
            spectrum = pixel_spectrum(layer, point, self.canvas().mapSettings().destinationCrs())
        except Exception as exc:  # noqa: BLE001 - any failure to read the pixel is shown, not raised into Qt
            self.on_error(str(exc))
            return
        self.on_spectrum(spectrum)
