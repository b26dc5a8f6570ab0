"""hyperprospect:buildgraphs — stack bands and geology, cut k×k tiles into graphs, label them."""
from __future__ import annotations

from pathlib import Path

from qgis.core import (QgsProcessing, QgsProcessingException, QgsProcessingOutputNumber, QgsProcessingOutputString,
                       QgsProcessingParameterMultipleLayers, QgsProcessingParameterVectorDestination,
                       QgsProcessingUtils, QgsRasterLayer)

from ..algorithm import HyperProspectAlgorithm
from ..messages import translate_message


class BuildGraphs(HyperProspectAlgorithm):
    NAME = "buildgraphs"
    DISPLAY_NAME = "Build graph data set"
    GROUP = "graphs"
    REQUIRES = ("safetensors",)
    SHORT_HELP = (
        "Stacks the given rasters (spectral bands first, then geology layers such as distance to pluton and to "
        "fault; all on one grid), cuts the stack into k×k-pixel tiles and turns each tile into a graph: one node per "
        "pixel with the stacked values as its features, edges between pixels closer than a ground-distance "
        "threshold (1.7 × pixel size gives the 8-neighbourhood, the paper's 170 m at 100 m spacing). A tile is "
        "labelled mineralised when it meets the known bodies buffered by the label buffer (paper: 100 m). Tiles "
        "with nodata are skipped and counted. The data set file records channels, wavelengths, normalisation "
        "statistics, tile size, edge rule, grid and tile positions; it is read by 'Train GCN'."
    )
    TAGS = ("graph", "GCN", "tiles", "training data", "labels", "pegmatite", "stack")
    # parameter names
    STACK = "STACK"
    LABELS = "LABELS"
    TILE_SIZE = "TILE_SIZE"
    STRIDE = "STRIDE"
    THRESHOLD_FACTOR = "THRESHOLD_FACTOR"
    LABEL_BUFFER = "LABEL_BUFFER"
    MIN_POSITIVE_FRACTION = "MIN_POSITIVE_FRACTION"
    NEGATIVE_RATIO = "NEGATIVE_RATIO"
    KEEP_OUT = "KEEP_OUT"
    SEED = "SEED"
    OUTPUT = "OUTPUT"
    FOOTPRINTS = "FOOTPRINTS"
    HELP_PARAMETERS = (
        (NEGATIVE_RATIO, "0 keeps every barren tile; e.g. 3 samples at most three barren tiles per mineralised one "
                         "(the paper used 646 : 218)."),
        (KEEP_OUT, "Barren tiles must lie at least this far from known bodies (unlabelled otherwise)."),
        (MIN_POSITIVE_FRACTION, "Share of a tile that must lie in the buffered bodies for it to count as "
                                "mineralised (0 = touching is enough)."),
    )

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterMultipleLayers(
            self.STACK, self.tr("Rasters to stack (spectral subset, distance to pluton, distance to fault)"),
            QgsProcessing.TypeRaster))
        self.add_vector(self.LABELS, "Known mineralised bodies (polygons or points)",
                        [QgsProcessing.TypeVectorPolygon, QgsProcessing.TypeVectorPoint], optional=True)
        self.add_number(self.TILE_SIZE, "Tile size k (pixels)", 10, 2, 64, integer=True)
        self.add_number(self.STRIDE, "Stride (pixels; 0 = tile size)", 0, 0, 64, integer=True, advanced=True)
        self.add_number(self.THRESHOLD_FACTOR, "Edge threshold (× pixel size)", 1.7, 0.5, 10, advanced=True)
        self.add_number(self.LABEL_BUFFER, "Label buffer around known bodies (m)", 100.0, 0.0)
        self.add_number(self.MIN_POSITIVE_FRACTION, "Minimum positive fraction", 0.0, 0.0, 1.0, advanced=True,
                        decimals=2)
        self.add_number(self.NEGATIVE_RATIO, "Negative-to-positive ratio (0 = keep all)", 0.0, 0.0, advanced=True,
                        decimals=1)
        self.add_number(self.KEEP_OUT, "Keep-out distance for barren tiles (m)", 0.0, 0.0, advanced=True)
        self.add_number(self.SEED, "Random seed", 0, 0, integer=True, advanced=True)
        self.add_file_out(self.OUTPUT, "Graph data set", "HyperProspect graph data set (*.hpg)")
        self.addParameter(QgsProcessingParameterVectorDestination(
            self.FOOTPRINTS, self.tr("Tile footprints"), QgsProcessing.TypeVectorPolygon, optional=True,
            createByDefault=False))
        self.addOutput(QgsProcessingOutputNumber("TILES", self.tr("Tiles")))
        self.addOutput(QgsProcessingOutputNumber("POSITIVE", self.tr("Mineralised tiles")))
        self.addOutput(QgsProcessingOutputNumber("NEGATIVE", self.tr("Barren tiles")))
        self.addOutput(QgsProcessingOutputString("SUMMARY", self.tr("Summary")))

    def checkParameterValues(self, parameters, context):  # noqa: N802
        # QGIS checks a path in a layer list by loading it with OGR first ("[OGR] Cannot open …/OUTPUT.tif" in
        # every model run); give it the rasters as layers so the check does not guess the kind.
        value = parameters.get("STACK")
        if isinstance(value, (list, tuple)):
            layers = [QgsRasterLayer(v, Path(v).stem) if isinstance(v, str) and Path(v).is_file() else v
                      for v in value]
            parameters = {**parameters, "STACK": layers}
        return super().checkParameterValues(parameters, context)

    def execute(self, parameters, context, feedback):
        from ...models.graphs.tiling import build_graph_dataset

        stack = stack_sources(self, parameters, context)
        if not stack:
            raise QgsProcessingException(self.tr("Give at least one raster to stack."))
        labels, label_layer = (None, None)
        if parameters.get(self.LABELS):
            labels, label_layer = self.vector_source(parameters, self.LABELS, context, feedback)
        out = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        footprints = None
        if parameters.get(self.FOOTPRINTS):
            footprints = self.parameterAsOutputLayer(parameters, self.FOOTPRINTS, context)
        ratio = self.parameterAsDouble(parameters, self.NEGATIVE_RATIO, context)
        stride = self.parameterAsInt(parameters, self.STRIDE, context)
        ds = build_graph_dataset(
            stack, labels, out,
            tile_size=self.parameterAsInt(parameters, self.TILE_SIZE, context),
            stride=stride or None,
            threshold_factor=self.parameterAsDouble(parameters, self.THRESHOLD_FACTOR, context),
            label_buffer_m=self.parameterAsDouble(parameters, self.LABEL_BUFFER, context),
            min_positive_fraction=self.parameterAsDouble(parameters, self.MIN_POSITIVE_FRACTION, context),
            negative_ratio=ratio if ratio > 0 else None,
            keep_out_m=self.parameterAsDouble(parameters, self.KEEP_OUT, context),
            seed=self.parameterAsInt(parameters, self.SEED, context),
            footprints_path=footprints,
            label_layer=label_layer,
            progress=self.progress(feedback),
        )
        summary = ds.summary()
        for line in summary.splitlines():  # the SUMMARY output keeps the English
            feedback.pushInfo(translate_message(line))
        counts = ds.counts()
        result = {self.OUTPUT: out, "TILES": counts["tiles"], "POSITIVE": counts["mineralised"],
                  "NEGATIVE": counts["barren"], "SUMMARY": summary}
        if footprints:
            result[self.FOOTPRINTS] = footprints
        return result


def stack_sources(alg, parameters, context):
    """The STACK rasters' sources. Paths of existing files are taken as they are: resolving them as layers
    makes QGIS try OGR first and log "[OGR] Cannot open …/OUTPUT.tif" for every raster of a model run."""
    sources = []
    for value in alg.parameterAsFileList(parameters, "STACK", context) or []:
        if value and Path(value.split("|")[0]).is_file():
            sources.append(value)
            continue
        layer = QgsProcessingUtils.mapLayerFromString(value, context, True, QgsProcessingUtils.LayerHint.Raster)
        if layer is not None:
            sources.append(layer.source())
    return sources
