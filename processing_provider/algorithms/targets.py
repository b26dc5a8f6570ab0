"""hyperprospect:targets — exploration target polygons from a probability heatmap."""
from __future__ import annotations

from qgis.core import (QgsFillSymbol, QgsPalLayerSettings, QgsProcessing, QgsProcessingLayerPostProcessorInterface,
                       QgsProcessingOutputNumber, QgsProcessingOutputString, QgsProcessingParameterVectorDestination,
                       QgsSingleSymbolRenderer, QgsTextFormat, QgsVectorLayerSimpleLabeling)
from qgis.PyQt.QtGui import QColor

from ...models.heatmap.targets import TargetSettings, extract_targets
from ..algorithm import HyperProspectAlgorithm
from ..messages import translate_message

NEIGHBOURS = [8, 4]
_ALIVE = []  # Processing calls post-processors after the algorithm object may be gone


class TargetStyle(QgsProcessingLayerPostProcessorInterface):
    """Targets drawn as outlines (the heatmap stays visible underneath), labelled with their rank."""

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802
        if layer is None:
            return
        symbol = QgsFillSymbol.createSimple({"color": "0,0,0,0", "outline_color": "20,20,20,255",
                                             "outline_width": "0.6"})
        layer.setRenderer(QgsSingleSymbolRenderer(symbol))
        labels = QgsPalLayerSettings()
        labels.fieldName = "rank"
        fmt = QgsTextFormat()
        fmt.setColor(QColor(20, 20, 20))
        fmt.setSize(9)
        labels.setFormat(fmt)
        layer.setLabeling(QgsVectorLayerSimpleLabeling(labels))
        layer.setLabelsEnabled(True)
        layer.triggerRepaint()


class ExplorationTargets(HyperProspectAlgorithm):
    NAME = "targets"
    DISPLAY_NAME = "Exploration targets from a heatmap"
    GROUP = "predict"
    REQUIRES = ("scipy",)
    SHORT_HELP = (
        "Turns a probability heatmap into target polygons to take to the field: contiguous ground with a "
        "probability at or above a threshold, or in the top share of the area by rank (ground tied at the cut is "
        "left out when it would exceed the share, so a flat background never becomes a target). Each target "
        "carries its rank (1 = highest mean probability), area in m² and km², mean and maximum probability, mean "
        "and maximum uncertainty (with an uncertainty raster on the same grid) and the distance in metres to the "
        "nearest known deposit (0 when it touches one; with a layer of known deposits, in any CRS). Targets "
        "smaller than the minimum area are dropped. Written as a GeoPackage; the raster must be in a projected "
        "CRS so that areas are in metres."
    )
    TAGS = ("exploration targets", "polygons", "threshold", "prospectivity", "field work")
    # parameter names
    METHOD = "METHOD"
    CONNECTIVITY = "CONNECTIVITY"
    KNOWN = "KNOWN"
    HELP_PARAMETERS = (
        (METHOD, "A probability threshold, or the top share of the valid area (percent) by rank."),
        (CONNECTIVITY, "8: pixels touching at a corner form one target (follows thin diagonal dykes); "
                       "4: only pixels sharing an edge."),
        (KNOWN, "A target far from every known deposit is a new idea; one on top of a known deposit "
                "confirms the map."),
    )

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_raster("INPUT", "Probability heatmap")
        self.add_enum(self.METHOD, "Selection", ["Probability threshold", "Top share of the area (by rank)"], 1)
        self.add_number("THRESHOLD", "Probability threshold", 0.5)
        self.add_number("TOP_PERCENT", "Top share of the area (%)", 5.0, 0.001, 100.0)
        self.add_raster("UNCERTAINTY", "Uncertainty raster (same grid)", optional=True)
        self.add_vector(self.KNOWN, "Known deposits", [QgsProcessing.TypeVectorAnyGeometry], optional=True)
        self.add_number("MIN_AREA", "Minimum target area (m²)", 0.0, 0.0)
        self.add_enum(self.CONNECTIVITY, "Connectivity", ["8 (corners join)", "4 (edges only)"], 0)
        self.addParameter(QgsProcessingParameterVectorDestination(
            "OUTPUT", self.tr("Exploration targets"), QgsProcessing.TypeVectorPolygon))
        self.addOutput(QgsProcessingOutputNumber("N_TARGETS", self.tr("Number of targets")))
        self.addOutput(QgsProcessingOutputNumber("CUT", self.tr("Lowest probability selected")))
        self.addOutput(QgsProcessingOutputString("SUMMARY", self.tr("Summary")))

    def execute(self, parameters, context, feedback):
        raster = self.raster_path(parameters, "INPUT", context)
        by_rank = self.parameterAsEnum(parameters, self.METHOD, context) == 1
        settings = TargetSettings(
            threshold=None if by_rank else self.parameterAsDouble(parameters, "THRESHOLD", context),
            top_share=self.parameterAsDouble(parameters, "TOP_PERCENT", context) / 100.0 if by_rank else None,
            min_area_m2=self.parameterAsDouble(parameters, "MIN_AREA", context),
            connectivity=NEIGHBOURS[self.parameterAsEnum(parameters, self.CONNECTIVITY, context)])
        uncertainty = self.raster_path(parameters, "UNCERTAINTY", context) if parameters.get("UNCERTAINTY") else None
        known, known_layer = (None, None)
        if parameters.get(self.KNOWN):
            known, known_layer = self.vector_source(parameters, self.KNOWN, context, feedback)
        out = self.parameterAsOutputLayer(parameters, "OUTPUT", context)
        result = extract_targets(raster, out, settings, uncertainty=uncertainty, known=known,
                                 known_layer=known_layer, progress=self.progress(feedback))
        feedback.pushInfo(translate_message(result.summary()))  # the SUMMARY output keeps the English
        for w in result.warnings:
            feedback.pushWarning(translate_message(w))
        if result.n_targets == 0:
            feedback.pushWarning(self.tr("No ground was selected: lower the threshold or raise the share."))
        if context.willLoadLayerOnCompletion(out):
            style = TargetStyle()
            _ALIVE.append(style)
            context.layerToLoadOnCompletionDetails(out).setPostProcessor(style)
        return {"OUTPUT": out, "N_TARGETS": result.n_targets, "CUT": result.threshold, "SUMMARY": result.summary()}
