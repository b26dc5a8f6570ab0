"""hyperprospect:mineralmap — GeoSpectra's mineral on every pixel of a hyperspectral raster."""
from __future__ import annotations

import json
from pathlib import Path

from qgis.core import (QgsProcessingContext, QgsProcessingOutputRasterLayer, QgsProcessingOutputString,
                       QgsProcessingParameterEnum)

from ...models.geospectra.model_file import DEFAULT_MODEL, read_metadata
from ...models.raster.wavelengths import list_presets, preset_title
from ...models.worker import run_in_worker
from ..algorithm import HyperProspectAlgorithm
from ..messages import mineral_names, translate_message
from ..styling import style_on_load


def _shipped_classes(model=None):
    try:
        return list(read_metadata(model or DEFAULT_MODEL)["classes"])
    except Exception:  # noqa: BLE001 - no model shipped (or an unreadable one): empty, the run says why
        return []


def legend_labels(classes):
    """The legend's label of every class in the user's language (the dock's mineral names), where it has one;
    the raster's GDAL category names stay English for scripts."""
    from ...models.geospectra.mineral_map import NO_FEATURE_LABEL, NODATA_LABEL  # needs torch: when run
    from ...models.geospectra.dark import DARK_LABEL
    from ...models.geospectra.vegetation import VEGETATION_LABEL

    labels = {}
    for name in [NODATA_LABEL, NO_FEATURE_LABEL, VEGETATION_LABEL, DARK_LABEL, *classes]:
        shown = mineral_names(name)
        if shown != name:
            labels[name] = shown
    return labels


class MineralMap(HyperProspectAlgorithm):
    NAME = "mineralmap"
    DISPLAY_NAME = "Map minerals (GeoSpectra per pixel)"
    GROUP = "spectra"
    REQUIRES = ("torch", "safetensors")
    SHORT_HELP = (
        "Applies the GeoSpectra network to every pixel of a hyperspectral reflectance raster, seeing each pixel as "
        "the sensor recorded it (band centres and FWHM from the file or a sensor preset). Writes a class raster on "
        "the input grid (GDAL category names, a legend of mineral names; 'no diagnostic feature' where the pixel "
        "shows no absorption a mineral can be told by in the covered range, 'green vegetation' where the pixel is a "
        "plant's (red edge, chlorophyll absorption, green peak), 'dark surface' where it reflects less than 8 % "
        "everywhere (shadow, water, coal or opaque minerals, which VNIR–SWIR cannot tell apart), 'nodata' where the "
        "input has none), a "
        "confidence raster (_confidence.tif: probability of the mapped answer) and, for the minerals you pick, "
        "probability bands (_probabilities.tif, one band per mineral, 0 on green vegetation and dark surfaces, usable "
        "as extra channels in Build graphs). "
        "Only minerals with a diagnostic feature inside the image's wavelength range can be mapped: on a "
        "2.0–2.5 µm image iron oxides cannot be the answer."
    )
    TAGS = ("GeoSpectra", "mineral map", "classification", "hyperspectral", "spodumene", "beryl")
    # parameter names
    PRESET = "PRESET"
    PROBABILITIES = "PROBABILITIES"
    MODEL = "MODEL"
    SCHEDULER = "SCHEDULER"
    DEVICE = "DEVICE"
    FAST = "FAST"
    HELP_PARAMETERS = (
        (PRESET, "Used when the raster carries no wavelengths."),
        (PROBABILITIES, "Minerals whose probability is written as bands (optional)."),
        (MODEL, "Empty = the shipped model."),
        (FAST, "The first of GeoSpectra's networks (the shipped model averages four) classifies a sample of the "
               "image's pixels; a small network learns its answers and maps the image several times faster, sending "
               "to that network every pixel it is unsure of or has not seen the like of. It is checked on held-out "
               "pixels and dropped unless it agrees on 98 % of them (then the whole model maps every pixel); the log "
               "gives the agreement. Not used with a Dask scheduler."),
        (SCHEDULER, "Empty: this computer. An address such as tcp://host:8786 sends windows of the raster to that "
                    "Dask cluster (the same map, as Cloud-Optimized GeoTIFFs); its workers must read the raster "
                    "under the same path and have HyperProspect's models package."),
        (DEVICE, "Where the network runs: auto = a CUDA GPU when torch sees one, else the CPU; cpu; cuda or "
                 "cuda:N for a given GPU. The results are the same within float precision."),
    )

    def initAlgorithm(self, config=None):  # noqa: N802
        self.presets = [None] + list_presets()
        self.classes = _shipped_classes()
        self.add_raster("INPUT", "Hyperspectral reflectance raster")
        self.add_enum(self.PRESET, "Sensor preset (when the raster has no wavelengths)",
                      ["(none)"] + [preset_title(p) for p in self.presets[1:]], 0)
        # shown by their names in the user's language; the run passes the model's class names
        self.addParameter(QgsProcessingParameterEnum(self.PROBABILITIES, self.tr("Probability bands for minerals"),
                                                     [self.tr(c) for c in self.classes], allowMultiple=True,
                                                     optional=True))
        self.add_file(self.MODEL, "GeoSpectra model (empty = shipped)", "safetensors", optional=True)
        self.add_bool(self.FAST, "Fast mapping (small network taught and checked by GeoSpectra)", False)
        self.add_string(self.SCHEDULER, "Dask scheduler address (empty = this computer)", "", optional=True,
                        advanced=True)
        self.add_string(self.DEVICE, "Device (auto, cpu, cuda or cuda:N)", "auto", advanced=True)
        self.add_raster_out("OUTPUT", "Mineral classes")
        self.addOutput(QgsProcessingOutputRasterLayer("CONFIDENCE", self.tr("Confidence")))
        self.addOutput(QgsProcessingOutputRasterLayer("PROBABILITY_BANDS", self.tr("Mineral probabilities")))
        self.addOutput(QgsProcessingOutputString("PIXEL_COUNTS", self.tr("Pixels per class (JSON)")))

    def _report_fast(self, fast, feedback) -> None:
        if not fast:
            return
        if not fast.get("used"):
            feedback.pushWarning(self.tr("Fast mapping not used: {0}").format(translate_message(fast["reason"])))
            return
        pixels = fast["pixels"]
        feedback.pushInfo(self.tr("Fast mapping: the small network agreed with GeoSpectra on {0:.1%} of {1} held-out "
                                  "pixels; GeoSpectra mapped {2:.1%} of the image itself.").format(
            fast["agreement_on_held_out"], fast["held_out_pixels"],
            pixels["exact"] / max(1, pixels["exact"] + pixels["fast"])))

    def execute(self, parameters, context, feedback):
        out = self.parameterAsOutputLayer(parameters, "OUTPUT", context)
        picked = [self.classes[i] for i in self.parameterAsEnums(parameters, self.PROBABILITIES, context)]
        model = self.parameterAsFile(parameters, self.MODEL, context) or None
        kwargs = {"raster": self.raster_path(parameters, "INPUT", context), "out_path": out,
                  "probability_minerals": picked, "model": model,
                  "labels": legend_labels(_shipped_classes(model) if model else self.classes),
                  "scheduler": self.parameterAsString(parameters, self.SCHEDULER, context).strip() or None,
                  "device": (self.parameterAsString(parameters, self.DEVICE, context) or "auto").strip(),
                  "fast": self.parameterAsBool(parameters, self.FAST, context)}
        preset_index = self.parameterAsEnum(parameters, self.PRESET, context)
        if preset_index > 0:
            kwargs["preset"] = self.presets[preset_index]
        summary = run_in_worker("geospectra.jobs:mineral_map", kwargs, self.progress(feedback))
        for name, count in summary["pixel_counts"].items():
            text = self.tr("{0}: 1 pixel") if count == 1 else self.tr("{0}: {1} pixels")
            feedback.pushInfo(text.format(mineral_names(name), count))
        self._report_fast(summary.get("fast"), feedback)
        style_on_load(context, out, summary["style"])
        results = {"OUTPUT": out, "CONFIDENCE": summary["confidence"], "PROBABILITY_BANDS": summary["probabilities"],
                   "PIXEL_COUNTS": json.dumps(summary["pixel_counts"])}
        if context.willLoadLayerOnCompletion(out):
            stem = Path(out).stem
            for key in ("CONFIDENCE", "PROBABILITY_BANDS"):
                if results[key]:
                    details = QgsProcessingContext.LayerDetails(f"{stem} {key.lower().replace('_', ' ')}",
                                                                context.project(), key)
                    context.addLayerToLoadOnCompletion(results[key], details)
        return results
