"""Regenerate resources/styles/*.qml with QGIS's own renderer classes (run in the venv)."""
import os
import sys
import tempfile
from pathlib import Path

import numpy as np
from osgeo import gdal, osr
from qgis.core import (QgsApplication, QgsColorRampShader, QgsRasterLayer, QgsRasterShader,
                       QgsSingleBandPseudoColorRenderer)
from qgis.PyQt.QtGui import QColor

OUT = Path(__file__).resolve().parents[1] / "resources" / "styles" / "probability_heatmap.qml"

# Low probabilities fade out so the geology underneath stays visible; the ramp climbs through
# yellow to dark red where mineralisation is most likely.
STOPS = [
    (0.00, (255, 255, 178, 0), "0.0"),
    (0.30, (254, 217, 118, 0), "0.3"),
    (0.45, (254, 178, 76, 140), "0.45"),
    (0.60, (253, 141, 60, 190), "0.6"),
    (0.75, (240, 59, 32, 220), "0.75"),
    (1.00, (189, 0, 38, 240), "1.0"),
]


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QgsApplication([], False)
    app.initQgis()
    tmp = Path(tempfile.mkdtemp()) / "p.tif"
    ds = gdal.GetDriverByName("GTiff").Create(str(tmp), 4, 4, 1, gdal.GDT_Float32)
    ds.SetGeoTransform((0, 30, 0, 120, 0, -30))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(32644)
    ds.SetProjection(srs.ExportToWkt())
    ds.GetRasterBand(1).WriteArray(np.linspace(0, 1, 16, dtype=np.float32).reshape(4, 4))
    ds = None
    layer = QgsRasterLayer(str(tmp), "p")
    ramp = QgsColorRampShader(0.0, 1.0)
    ramp.setColorRampType(QgsColorRampShader.Interpolated)
    ramp.setColorRampItemList([QgsColorRampShader.ColorRampItem(v, QColor(*c), label) for v, c, label in STOPS])
    shader = QgsRasterShader(0.0, 1.0)
    shader.setRasterShaderFunction(ramp)
    renderer = QgsSingleBandPseudoColorRenderer(layer.dataProvider(), 1, shader)
    renderer.setClassificationMin(0.0)
    renderer.setClassificationMax(1.0)
    layer.setRenderer(renderer)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    msg, ok = layer.saveNamedStyle(str(OUT))
    print(OUT, ok, msg)
    app.exitQgis()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
