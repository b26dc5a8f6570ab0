"""hyperprospect:predictheatmap — probability of mineralisation for every tile of an area."""
from __future__ import annotations

import json
from pathlib import Path

from qgis.core import (QgsProcessing, QgsProcessingOutputFile, QgsProcessingOutputHtml, QgsProcessingOutputNumber,
                       QgsProcessingOutputRasterLayer, QgsProcessingOutputString, QgsProcessingParameterField,
                       QgsProcessingParameterVectorDestination)

from ...models.heatmap.style import STYLE
from ...models.raster.wavelengths import list_presets, preset_title
from ...models.worker import run_in_worker
from ..algorithm import HyperProspectAlgorithm
from ..messages import translate_message
from ..styling import style_on_load


class PredictHeatmap(HyperProspectAlgorithm):
    NAME = "predictheatmap"
    DISPLAY_NAME = "Predict probability heatmap"
    GROUP = "predict"
    REQUIRES = ("torch", "safetensors", "scipy", "matplotlib")
    SHORT_HELP = (
        "Applies a trained model to every tile of an area and writes a float32 GeoTIFF of the probability of "
        "mineralisation (0–1, nodata where no full tile fits or the input has nodata) on the input grid, styled as a "
        "heatmap (a .qml beside it; low probabilities transparent). Give the raw hyperspectral raster and the pluton "
        "and fault layers: the model file remembers its bands, geology layers, normalisation and tile size, so the "
        "channels are rebuilt here exactly as in training, and an image whose wavelengths cannot provide them is "
        "refused. Stride = tile size gives one value per tile as in the paper; smaller strides average overlapping "
        "tiles into a smoother map. With a layer of known deposits, writes the prediction-rate curve (share of "
        "deposits captured against share of the area, by rank) with its AUC."
    )
    TAGS = ("heatmap", "probability", "prospectivity", "prediction", "GCN", "prediction-rate", "AUC", "pegmatite")
    # parameter names
    MODEL = "MODEL"
    INPUT = "INPUT"
    PLUTONS = "PLUTONS"
    FAULTS = "FAULTS"
    STRIDE = "STRIDE"
    PRESET = "PRESET"
    DEPOSITS = "DEPOSITS"
    DEPOSIT_FIELD = "DEPOSIT_FIELD"
    UNCERTAINTY = "UNCERTAINTY"
    TARGETS = "TARGETS"
    TARGET_PERCENT = "TARGET_PERCENT"
    SCHEDULER = "SCHEDULER"
    DEVICE = "DEVICE"
    OUTPUT = "OUTPUT"
    HELP_PARAMETERS = (
        (STRIDE, "0 = the model's default: tile size for tile models, half of it for the node GCN (every pixel "
                 "scored in four tiles). Smaller strides cost (tile/stride)² more tiles."),
        (UNCERTAINTY, "For the node GCN: the spread (standard deviation) of eight Monte-Carlo dropout passes, as a "
                      "second raster '<heatmap>_uncertainty.tif' with its own style. High probability with low "
                      "spread is a confident target; high spread means the model is unsure there (unusual spectra "
                      "or geology) — check it in the field before trusting it."),
        (TARGETS, "Contiguous ground in the top share of the area, ranked, with area, mean/max probability and "
                  "uncertainty and the distance to the nearest deposit of the deposits layer: what to take to the "
                  "field (the same as Exploration targets from a heatmap)."),
        (DEPOSITS, "Gives the prediction-rate curve: a PNG and a page the Results Viewer opens, beside the heatmap."),
        (DEPOSIT_FIELD, "E.g. a 'status' field with known / hidden: one curve per value."),
        (SCHEDULER, "Empty: this computer. An address such as tcp://host:8786 sends the windows of the raster to "
                    "that Dask cluster (the same map, as a Cloud-Optimized GeoTIFF); the cluster's workers must "
                    "read the raster and layers under the same paths and have HyperProspect's models package."),
        (DEVICE, "Where the network runs: auto = a CUDA GPU when torch sees one, else the CPU; cpu; cuda or "
                 "cuda:N for a given GPU. The results are the same within float precision."),
    )

    def initAlgorithm(self, config=None):  # noqa: N802
        self.presets = [None] + list_presets()
        self.add_file(self.MODEL, "Model file", "hpm")
        self.add_raster(self.INPUT, "Hyperspectral raster (all bands)")
        self.add_vector(self.PLUTONS, "Plutons (if the model uses distance to pluton)",
                        [QgsProcessing.TypeVectorPolygon], optional=True)
        self.add_vector(self.FAULTS, "Faults (if the model uses distance to fault)",
                        [QgsProcessing.TypeVectorLine], optional=True)
        self.add_number(self.STRIDE, "Stride (pixels; 0 = tile size)", 0, 0, 256, integer=True, advanced=True)
        self.add_enum(self.PRESET, "Sensor preset (when the raster has no wavelengths)",
                      ["(none)"] + [preset_title(p) for p in self.presets[1:]], 0)
        self.add_vector(self.DEPOSITS, "Known deposits for the prediction-rate curve",
                        [QgsProcessing.TypeVectorPolygon, QgsProcessing.TypeVectorPoint], optional=True)
        self.add(QgsProcessingParameterField(self.DEPOSIT_FIELD, self.tr("Deposit group field"),
                                             parentLayerParameterName=self.DEPOSITS, optional=True))
        self.add_bool(self.UNCERTAINTY, "Also write the uncertainty map (node GCN; 8 Monte-Carlo dropout passes)", True)
        self.add(QgsProcessingParameterVectorDestination(
            self.TARGETS, self.tr("Exploration targets (top share of the area)"), QgsProcessing.TypeVectorPolygon,
            optional=True, createByDefault=False))
        self.add_number(self.TARGET_PERCENT, "Targets: top share of the area (%)", 5.0, 0.01, 100.0, advanced=True)
        self.add_string(self.SCHEDULER, "Dask scheduler address (empty = this computer)", "", optional=True,
                        advanced=True)
        self.add_string(self.DEVICE, "Device (auto, cpu, cuda or cuda:N)", "auto", advanced=True)
        self.add_raster_out(self.OUTPUT, "Probability heatmap")
        self.addOutput(QgsProcessingOutputNumber("TILES", self.tr("Tiles scored")))
        self.addOutput(QgsProcessingOutputRasterLayer("UNCERTAINTY_MAP", self.tr("Uncertainty map")))
        self.addOutput(QgsProcessingOutputString("PREDICTION_RATE", self.tr("Prediction-rate AUC (JSON)")))
        self.addOutput(QgsProcessingOutputFile("PREDICTION_RATE_PLOT", self.tr("Prediction-rate curve (PNG)")))
        self.addOutput(QgsProcessingOutputHtml("PREDICTION_RATE_HTML", self.tr("Prediction-rate curve")))

    def execute(self, parameters, context, feedback):
        model = self.parameterAsFile(parameters, self.MODEL, context)
        raster = self.raster_path(parameters, self.INPUT, context)
        out = self.parameterAsOutputLayer(parameters, self.OUTPUT, context)
        kwargs = {"model_path": model, "raster": raster, "out_path": out,
                  "stride": self.parameterAsInt(parameters, self.STRIDE, context) or None,
                  "uncertainty": self.parameterAsBool(parameters, self.UNCERTAINTY, context),
                  "device": (self.parameterAsString(parameters, self.DEVICE, context) or "auto").strip(),
                  "scheduler": self.parameterAsString(parameters, self.SCHEDULER, context).strip() or None}
        preset = self.presets[self.parameterAsEnum(parameters, self.PRESET, context)]
        if preset:
            kwargs["preset"] = preset
        for key, name in ((self.PLUTONS, "plutons"), (self.FAULTS, "faults")):
            if parameters.get(key):
                path, layer = self.vector_source(parameters, key, context, feedback)
                kwargs[name], kwargs[name[:-1] + "_layer"] = path, layer
        evaluate = None
        if parameters.get(self.DEPOSITS):
            path, layer = self.vector_source(parameters, self.DEPOSITS, context, feedback)
            stem = str(Path(out).with_suffix(""))
            evaluate = {"deposits": path, "layer": layer,
                        "group_field": self.parameterAsString(parameters, self.DEPOSIT_FIELD, context) or None,
                        "png_path": stem + "_prediction_rate.png", "json_path": stem + "_prediction_rate.json",
                        "html_path": stem + "_prediction_rate.html"}
        targets = None
        if parameters.get(self.TARGETS):
            targets = {"path": self.parameterAsOutputLayer(parameters, self.TARGETS, context),
                       "top_share": self.parameterAsDouble(parameters, self.TARGET_PERCENT, context) / 100.0,
                       "known": evaluate["deposits"] if evaluate else None,
                       "known_layer": evaluate["layer"] if evaluate else None}
        summary = run_in_worker("heatmap.jobs:predict", {**kwargs, "evaluate": evaluate, "targets": targets},
                                self.progress(feedback))
        feedback.pushInfo(self.tr("Scored {0} tiles ({1} skipped for nodata); style {2}").format(
            summary["tiles_scored"], summary["tiles_skipped_nodata"], summary["style"]))
        aucs = {}
        for group, res in (summary.get("prediction_rate") or {}).items():
            aucs[group] = res["auc"]
            line = self.tr("Prediction-rate AUC ({0}, {1} body): {2}") if res["n_deposits"] == 1 else \
                self.tr("Prediction-rate AUC ({0}, {1} bodies): {2}")
            feedback.pushInfo(line.format(
                group, res["n_deposits"], f"{res['auc']:.3f}"))
        for note in summary.get("notes") or []:
            feedback.pushInfo(translate_message(note))
        if summary.get("quality_warning"):
            feedback.reportError(translate_message(summary["quality_warning"]), fatalError=False)
        style_on_load(context, out, summary.get("style") or str(STYLE))
        results = {self.OUTPUT: out, "TILES": summary["tiles_scored"], "PREDICTION_RATE": json.dumps(aucs)}
        if summary.get("uncertainty"):
            style_on_load(context, summary["uncertainty"], summary["uncertainty_style"], name="Uncertainty",
                          beside=out)
            results["UNCERTAINTY_MAP"] = summary["uncertainty"]
        if summary.get("targets"):
            feedback.pushInfo(self.tr("Targets: {0}").format(translate_message(summary["targets"]["summary"])))
            for w in summary["targets"].get("warnings") or []:
                feedback.pushWarning(translate_message(w))
            results[self.TARGETS] = summary["targets"]["path"]
        if evaluate:
            results["PREDICTION_RATE_PLOT"] = evaluate["png_path"]
            results["PREDICTION_RATE_HTML"] = summary.get("prediction_rate_html") or ""
            feedback.pushInfo(self.tr("Prediction-rate curve: {0}").format(evaluate["png_path"]))
        return results
