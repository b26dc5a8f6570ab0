"""hyperprospect:predictheatmap — probability of mineralisation for every tile of an area."""
from __future__ import annotations

import json
from pathlib import Path

from qgis.core import (QgsProcessing, QgsProcessingOutputNumber, QgsProcessingOutputRasterLayer,
                       QgsProcessingOutputString,
                       QgsProcessingParameterField)

from ...models.heatmap.style import STYLE
from ...models.raster.wavelengths import list_presets
from ...models.worker import run_in_worker
from ..algorithm import HyperProspectAlgorithm
from ..styling import style_on_load


class PredictHeatmap(HyperProspectAlgorithm):
    NAME = "predictheatmap"
    DISPLAY_NAME = "Predict probability heatmap"
    GROUP = "predict"
    REQUIRES = ("torch", "safetensors")
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
    HELP_PARAMETERS = (
        ("Stride", "0 = the model's default: tile size for tile models, half of it for the node GCN (every pixel "
                   "scored in four tiles). Smaller strides cost (tile/stride)² more tiles."),
        ("Uncertainty map", "For the node GCN: the spread (standard deviation) of eight Monte-Carlo dropout "
                            "passes, as a second raster '<heatmap>_uncertainty.tif' with its own style. High "
                            "probability with low spread is a confident target; high spread means the model is "
                            "unsure there (unusual spectra or geology) — check it in the field before trusting it."),
        ("Deposit group field", "E.g. a 'status' field with known / hidden: one curve per value."),
    )

    def initAlgorithm(self, config=None):  # noqa: N802
        self.presets = ["(none)"] + list_presets()
        self.add_file("MODEL", "Model file", "hpm")
        self.add_raster("INPUT", "Hyperspectral raster (all bands)")
        self.add_vector("PLUTONS", "Plutons (if the model uses distance to pluton)",
                        [QgsProcessing.TypeVectorPolygon], optional=True)
        self.add_vector("FAULTS", "Faults (if the model uses distance to fault)",
                        [QgsProcessing.TypeVectorLine], optional=True)
        self.add_number("STRIDE", "Stride (pixels; 0 = tile size)", 0, 0, 256, integer=True)
        self.add_enum("PRESET", "Sensor preset (when the raster has no wavelengths)", self.presets, 0)
        self.add_vector("DEPOSITS", "Known deposits for the prediction-rate curve",
                        [QgsProcessing.TypeVectorPolygon, QgsProcessing.TypeVectorPoint], optional=True)
        self.addParameter(QgsProcessingParameterField("DEPOSIT_FIELD", self.tr("Deposit group field"),
                                                      parentLayerParameterName="DEPOSITS", optional=True))
        self.add_bool("UNCERTAINTY", "Also write the uncertainty map (node GCN; 8 Monte-Carlo dropout passes)", True)
        self.add_raster_out("OUTPUT", "Probability heatmap")
        self.addOutput(QgsProcessingOutputNumber("TILES", self.tr("Tiles scored")))
        self.addOutput(QgsProcessingOutputRasterLayer("UNCERTAINTY_MAP", self.tr("Uncertainty map")))
        self.addOutput(QgsProcessingOutputString("PREDICTION_RATE", self.tr("Prediction-rate AUC (JSON)")))

    def execute(self, parameters, context, feedback):
        model = self.parameterAsFile(parameters, "MODEL", context)
        raster = self.raster_path(parameters, "INPUT", context)
        out = self.parameterAsOutputLayer(parameters, "OUTPUT", context)
        kwargs = {"model_path": model, "raster": raster, "out_path": out,
                  "stride": self.parameterAsInt(parameters, "STRIDE", context) or None,
                  "uncertainty": self.parameterAsBool(parameters, "UNCERTAINTY", context)}
        preset_index = self.parameterAsEnum(parameters, "PRESET", context)
        if preset_index > 0:
            kwargs["preset"] = self.presets[preset_index]
        for key, name in (("PLUTONS", "plutons"), ("FAULTS", "faults")):
            if parameters.get(key):
                path, layer = self.vector_source(parameters, key, context, feedback)
                kwargs[name], kwargs[name[:-1] + "_layer"] = path, layer
        evaluate = None
        if parameters.get("DEPOSITS"):
            path, layer = self.vector_source(parameters, "DEPOSITS", context, feedback)
            stem = Path(out).with_suffix("")
            evaluate = {"deposits": path, "layer": layer,
                        "group_field": self.parameterAsString(parameters, "DEPOSIT_FIELD", context) or None,
                        "png_path": str(stem) + "_prediction_rate.png", "json_path": str(stem) + "_prediction_rate.json"}
        summary = run_in_worker("heatmap.jobs:predict", {**kwargs, "evaluate": evaluate}, self.progress(feedback))
        feedback.pushInfo(f"Scored {summary['tiles_scored']} tiles ({summary['tiles_skipped_nodata']} skipped for nodata); "
                          f"style {summary['style']}")
        aucs = {}
        for group, res in (summary.get("prediction_rate") or {}).items():
            aucs[group] = res["auc"]
            feedback.pushInfo(f"Prediction-rate AUC ({group}, {res['n_deposits']} bodies): {res['auc']:.3f}")
        for note in summary.get("notes") or []:
            feedback.pushInfo(note)
        if summary.get("quality_warning"):
            feedback.reportError(summary["quality_warning"], fatalError=False)
        style_on_load(context, out, summary.get("style") or str(STYLE))
        results = {"OUTPUT": out, "TILES": summary["tiles_scored"], "PREDICTION_RATE": json.dumps(aucs)}
        if summary.get("uncertainty"):
            style_on_load(context, summary["uncertainty"], summary["uncertainty_style"], name="Uncertainty",
                          beside=out)
            results["UNCERTAINTY_MAP"] = summary["uncertainty"]
        return results
