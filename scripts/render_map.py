"""Render the prospectivity map to PNG with QGIS itself (print layout: legend, scale bar, north arrow).

Usage: python scripts/render_map.py OUT.png CUBE HEATMAP PLUTONS FAULTS PEGMATITES_ALL [TITLE]
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import (QgsApplication, QgsContrastEnhancement, QgsFillSymbol,
                       QgsLayoutExporter, QgsLayoutItemLabel, QgsLayoutItemLegend, QgsLayoutItemMap,
                       QgsLayoutItemPicture, QgsLayoutItemScaleBar, QgsLayoutPoint, QgsLayoutSize, QgsLineSymbol,
                       QgsMultiBandColorRenderer, QgsMapLayerLegendUtils, QgsPrintLayout, QgsProject,
                       QgsScaleBarSettings, QgsRasterLayer, QgsRendererCategory,
                       QgsCategorizedSymbolRenderer, QgsUnitTypes, QgsVectorLayer)
from qgis.PyQt.QtGui import QFont

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def true_colour(cube: str) -> QgsRasterLayer:
    from models.raster.wavelengths import read_wavelengths

    wl = list(read_wavelengths(cube).centers_nm)
    pick = [min(range(len(wl)), key=lambda i: abs(wl[i] - t)) + 1 for t in (640.0, 550.0, 470.0)]
    layer = QgsRasterLayer(cube, "True colour (AHSI 640/550/470 nm)")
    r = QgsMultiBandColorRenderer(layer.dataProvider(), *pick)
    for band, setter in zip(pick, (r.setRedContrastEnhancement, r.setGreenContrastEnhancement,
                                   r.setBlueContrastEnhancement)):
        ce = QgsContrastEnhancement(layer.dataProvider().dataType(band))
        stats = layer.dataProvider().bandStatistics(band)
        ce.setMinimumValue(stats.mean - 2 * stats.stdDev)
        ce.setMaximumValue(stats.mean + 2 * stats.stdDev)
        ce.setContrastEnhancementAlgorithm(QgsContrastEnhancement.StretchToMinimumMaximum)
        setter(ce)
    layer.setRenderer(r)
    return layer


def main(argv) -> int:
    out, cube, heat, plutons, faults, pegmatites = argv[:6]
    title = argv[6] if len(argv) > 6 else "HyperProspect — Li–Be pegmatite prospectivity"
    app = QgsApplication([], False)
    app.initQgis()
    project = QgsProject.instance()
    base = true_colour(cube)
    heat_layer = QgsRasterLayer(heat, "Probability of mineralisation")
    heat_layer.loadNamedStyle(str(Path(heat).with_suffix(".qml")))
    pl = QgsVectorLayer(plutons, "Granite plutons", "ogr")
    pl.setRenderer(pl.renderer().__class__(QgsFillSymbol.createSimple(
        {"color": "0,0,0,0", "outline_color": "#e7298a", "outline_width": "0.6"})))
    fa = QgsVectorLayer(faults, "Faults", "ogr")
    fa.setRenderer(fa.renderer().__class__(QgsLineSymbol.createSimple({"line_color": "#111111", "line_width": "0.5",
                                                                       "line_style": "dash"})))
    pg = QgsVectorLayer(pegmatites, "Pegmatites", "ogr")
    cats = []
    # Dykes are narrower than a pixel: draw them with thick coloured outlines so they show at map scale.
    for value, label, colour in (("known", "Known Li–Be pegmatite (in its known layer)", "#00e5ff"),
                                 ("hidden", "Hidden Li–Be pegmatite (not in it)", "#39ff14"),
                                 ("barren", "Barren pegmatite", "#8c8c8c")):
        sym = QgsFillSymbol.createSimple({"color": colour, "outline_color": colour, "outline_width": "0.7"})
        cats.append(QgsRendererCategory(value, sym, label))
    pg.setRenderer(QgsCategorizedSymbolRenderer("status", cats))
    for lyr in (base, heat_layer, pl, fa, pg):
        if not lyr.isValid():
            print(f"invalid layer: {lyr.name()} {lyr.source()}", file=sys.stderr)
            return 1
        project.addMapLayer(lyr)
    project.setCrs(base.crs())  # map units = metres, so the scale bar is right

    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    page = layout.pageCollection().page(0)
    page.setPageSize(QgsLayoutSize(297, 210, QgsUnitTypes.LayoutMillimeters))
    m = QgsLayoutItemMap(layout)
    m.attemptMove(QgsLayoutPoint(8, 18, QgsUnitTypes.LayoutMillimeters))
    m.attemptResize(QgsLayoutSize(185, 185, QgsUnitTypes.LayoutMillimeters))
    m.setLayers([pg, fa, pl, heat_layer, base])
    m.setExtent(base.extent())
    m.setFrameEnabled(True)
    layout.addLayoutItem(m)
    label = QgsLayoutItemLabel(layout)
    label.setText(title)
    label.setFont(QFont("DejaVu Sans", 16, QFont.Bold))
    label.attemptMove(QgsLayoutPoint(8, 5, QgsUnitTypes.LayoutMillimeters))
    label.attemptResize(QgsLayoutSize(280, 10, QgsUnitTypes.LayoutMillimeters))
    layout.addLayoutItem(label)
    legend = QgsLayoutItemLegend(layout)
    legend.setLinkedMap(m)
    legend.setTitle("Legend")
    legend.setAutoUpdateModel(False)
    root = legend.model().rootGroup()
    base_node = root.findLayer(base.id())
    if base_node is not None:  # the composite needs no colour swatches per band
        QgsMapLayerLegendUtils.setLegendNodeOrder(base_node, [])
    heat_node = root.findLayer(heat_layer.id())
    if heat_node is not None:  # keep the ramp, drop GDAL's "Band 1 (Gray)" caption
        QgsMapLayerLegendUtils.setLegendNodeOrder(heat_node, [1])
    legend.model().refreshLayerLegend(base_node)
    legend.model().refreshLayerLegend(heat_node)
    legend.attemptMove(QgsLayoutPoint(198, 18, QgsUnitTypes.LayoutMillimeters))
    layout.addLayoutItem(legend)
    bar = QgsLayoutItemScaleBar(layout)
    bar.setStyle("Single Box")
    bar.setLinkedMap(m)
    bar.setUnits(QgsUnitTypes.DistanceKilometers)
    bar.setUnitLabel("km")
    bar.setSegmentSizeMode(QgsScaleBarSettings.SegmentSizeFixed)
    bar.setUnitsPerSegment(1.0)
    bar.setNumberOfSegments(3)
    bar.setNumberOfSegmentsLeft(0)
    bar.setHeight(3)
    bar.update()
    bar.attemptMove(QgsLayoutPoint(198, 175, QgsUnitTypes.LayoutMillimeters))
    layout.addLayoutItem(bar)
    north = QgsLayoutItemPicture(layout)
    north.setPicturePath(str(REPO / "resources" / "icons" / "north_arrow.svg"))
    north.attemptMove(QgsLayoutPoint(268, 140, QgsUnitTypes.LayoutMillimeters))
    north.attemptResize(QgsLayoutSize(16, 22, QgsUnitTypes.LayoutMillimeters))
    layout.addLayoutItem(north)
    note = QgsLayoutItemLabel(layout)
    note.setText(f"CRS: {base.crs().authid()} · 30 m · rendered by QGIS {app.applicationVersion() or ''}")
    note.setFont(QFont("DejaVu Sans", 7))
    note.attemptMove(QgsLayoutPoint(198, 200, QgsUnitTypes.LayoutMillimeters))
    note.attemptResize(QgsLayoutSize(95, 6, QgsUnitTypes.LayoutMillimeters))
    layout.addLayoutItem(note)
    settings = QgsLayoutExporter.ImageExportSettings()
    settings.dpi = 110
    result = QgsLayoutExporter(layout).exportToImage(out, settings)
    app.exitQgis()
    if result != QgsLayoutExporter.Success:
        print(f"export failed: {result}", file=sys.stderr)
        return 1
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
