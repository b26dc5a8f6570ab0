"""hyperprospect:distancetopluton and hyperprospect:distancetofault — distance rasters on a reference grid."""
from __future__ import annotations

from qgis.core import QgsProcessing, QgsProcessingOutputNumber

from ...models.raster.distance import distance_to_features
from ..algorithm import HyperProspectAlgorithm
from ..messages import translate_message

METHODS = ["euclidean", "idw"]


class _DistanceAlgorithm(HyperProspectAlgorithm):
    GROUP = "prepare"
    REQUIRES = ("scipy",)
    KIND = "polygon"
    FEATURE = "pluton"
    GEOMETRY = QgsProcessing.TypeVectorPolygon
    SIGNED_OPTION = False
    TAGS = ("distance", "proximity", "geology", "euclidean", "IDW", "raster")
    # parameter names
    INPUT = "INPUT"
    REFERENCE = "REFERENCE"
    METHOD = "METHOD"
    SIGNED = "SIGNED"
    OUTPUT = "OUTPUT"
    HELP_PARAMETERS = (
        (REFERENCE, "The output has exactly its grid: CRS, transform and size. It must be in a projected CRS "
                    "(metres); a raster in degrees is refused rather than given wrong distances."),
        (METHOD, "Exact Euclidean distance (default) or the paper's inverse-distance-weighted interpolation of "
                 "distances sampled on a coarse lattice."),
    )

    def initAlgorithm(self, config=None):  # noqa: N802
        label = "Plutons (polygons)" if self.KIND == "polygon" else "Faults (lines)"
        self.add_vector(self.INPUT, label, [self.GEOMETRY])
        self.add_raster(self.REFERENCE, "Reference raster (grid of the output)")
        self.add_enum(self.METHOD, "Method", ["Exact Euclidean distance", "Inverse distance weighting (paper)"], 0)
        if self.SIGNED_OPTION:
            self.add_bool(self.SIGNED, "Signed distance to the contact (negative inside)", False)
        self.add_raster_out(self.OUTPUT, self.DISPLAY_NAME)  # "Distance to pluton" / "Distance to fault"
        self.addOutput(QgsProcessingOutputNumber("MAX_DISTANCE", self.tr("Largest distance (m)")))

    def execute(self, parameters, context, feedback):
        vector, layer = self.vector_source(parameters, self.INPUT, context, feedback)
        reference = self.raster_path(parameters, self.REFERENCE, context)
        dst = self.parameterAsOutputLayer(parameters, self.OUTPUT, context)
        signed = self.SIGNED_OPTION and self.parameterAsBool(parameters, self.SIGNED, context)
        result = distance_to_features(
            vector, reference, dst, kind=self.KIND,
            method=METHODS[self.parameterAsEnum(parameters, self.METHOD, context)],
            signed=signed, layer=layer, progress=self.progress(feedback))
        method = (self.tr("inverse distance weighting") if result.method == "idw"
                  else self.tr("exact Euclidean distance"))
        if result.signed:
            method = self.tr("{0}, signed").format(method)
        line = (self.tr("{0} pluton feature(s); distance {1}–{2} m on a {3} m grid ({4}).") if self.KIND == "polygon"
                else self.tr("{0} fault feature(s); distance {1}–{2} m on a {3} m grid ({4})."))
        feedback.pushInfo(line.format(result.feature_count, f"{result.min_m:.0f}", f"{result.max_m:.0f}",
                                      f"{result.pixel_size_m[0]:g}", method))
        for w in result.warnings:
            feedback.pushWarning(translate_message(w))
        return {self.OUTPUT: self.keep_raster_output(dst, context), "MAX_DISTANCE": result.max_m}


class DistanceToPluton(_DistanceAlgorithm):
    NAME = "distancetopluton"
    DISPLAY_NAME = "Distance to pluton"
    TAGS = _DistanceAlgorithm.TAGS + ("pluton", "granite", "contact")
    KIND, FEATURE, GEOMETRY, SIGNED_OPTION = "polygon", "pluton", QgsProcessing.TypeVectorPolygon, True
    SHORT_HELP = (
        "Writes a float32 raster on exactly the grid of the reference raster giving, for every pixel, the distance "
        "in metres to the nearest granite pluton: 0 inside a pluton, or, as an option, the signed distance to the "
        "contact (negative inside). Pegmatites cluster within a few kilometres of their parent granite; this is the "
        "paper's first geology channel. Polygons in another CRS are reprojected."
    )


class DistanceToFault(_DistanceAlgorithm):
    NAME = "distancetofault"
    DISPLAY_NAME = "Distance to fault"
    TAGS = _DistanceAlgorithm.TAGS + ("fault", "lineament", "structure")
    KIND, FEATURE, GEOMETRY, SIGNED_OPTION = "line", "fault", QgsProcessing.TypeVectorLine, False
    SHORT_HELP = (
        "Writes a float32 raster on exactly the grid of the reference raster giving, for every pixel, the distance "
        "in metres to the nearest fault line. Faults are the pathways of pegmatite melts; this is the paper's "
        "second geology channel. Lines in another CRS are reprojected."
    )
