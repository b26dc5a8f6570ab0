"""hyperprospect:evaluateheatmap — score a probability raster against deposits of known status."""
from __future__ import annotations

import json
from pathlib import Path

from qgis.core import (QgsProcessing, QgsProcessingOutputFile, QgsProcessingOutputNumber, QgsProcessingOutputString,
                       QgsProcessingParameterField, QgsProcessingParameterFileDestination)

from ...models.evaluation import ScoreSettings, default_paths, evaluate_heatmap
from ..algorithm import HyperProspectAlgorithm
from ..messages import translate_message


def _split(text: str):
    return [t.strip() for t in (text or "").split(",") if t.strip()]


def _number(x):
    return float(x) if x is not None and x == x else None  # NaN -> None (no value)


class EvaluateHeatmap(HyperProspectAlgorithm):
    NAME = "evaluateheatmap"
    DISPLAY_NAME = "Evaluate a heatmap against deposits"
    GROUP = "model"
    REQUIRES = ("matplotlib",)
    SHORT_HELP = (
        "Scores any probability raster (band 1; higher = more prospective) against a polygon or point layer of "
        "deposits with a status field, as exploration maps are judged on ground they were not trained on. Per "
        "status (e.g. known / hidden / barren): the prediction-rate curve (share of the bodies whose best pixel "
        "lies in the top x % of the area) with its AUC, and the share captured in the top 5, 10 and 20 % of the "
        "area. Per pixel: ROC AUC of pixels inside fertile bodies against background pixels (outside every body, "
        "optionally beyond a buffer) and against pixels inside barren bodies — the second tells a map that sees "
        "pegmatite mineralogy from a halo around the granites (0.5 = chance). Writes JSON and a PNG beside the "
        "raster (or where asked) and a page for the Results Viewer. Deposits in another CRS are reprojected; "
        "nodata pixels count neither as area nor as evidence."
    )
    TAGS = ("prediction-rate curve", "AUC", "evaluation", "prospectivity", "deposits")
    # parameter names
    FIELD = "FIELD"
    BARREN = "BARREN"
    FERTILE = "FERTILE"
    BUFFER = "BUFFER"
    OUTPUT_JSON = "OUTPUT_JSON"
    HELP_PARAMETERS = (
        (FIELD, "One curve per value. Leave empty to score all deposits as one fertile group."),
        (BARREN, "Comma-separated, case-insensitive (default 'barren')."),
        (FERTILE, "Comma-separated; empty = every status that is not barren. Name e.g. 'hidden' "
                  "to judge the map on the bodies it was not trained on only."),
        (BUFFER, "Background pixels must lie this far (m) outside every body, so the edge of a "
                 "body blurred by the map is not counted against it."),
        (OUTPUT_JSON, "Skip to write <raster>_evaluation.json (and .png) beside the raster."),
    )

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_raster("INPUT", "Probability raster")
        self.add_vector("DEPOSITS", "Deposits (polygons or points)",
                        [QgsProcessing.TypeVectorPolygon, QgsProcessing.TypeVectorPoint])
        self.addParameter(QgsProcessingParameterField(self.FIELD, self.tr("Status field"), "status",
                                                      parentLayerParameterName="DEPOSITS", optional=True))
        self.add_string(self.BARREN, "Barren status values (comma-separated)", "barren", optional=True)
        self.add_string(self.FERTILE, "Fertile status values (comma-separated; empty = all but barren)", "",
                        optional=True)
        self.add_number(self.BUFFER, "Background buffer around bodies (m)", 0.0, 0.0)
        # Skipped by default (not a temporary file), so the JSON and PNG land beside the raster.
        self.addParameter(QgsProcessingParameterFileDestination(
            self.OUTPUT_JSON, self.tr("Evaluation JSON"), "JSON files (*.json)", optional=True, createByDefault=False))
        self.add_file_out("OUTPUT_HTML", "Evaluation page", "HTML files (*.html)")
        self.addOutput(QgsProcessingOutputFile("PNG", self.tr("Evaluation plots (PNG)")))
        for key, label in (("PR_AUC_FERTILE", "Prediction-rate AUC, fertile bodies"),
                           ("CAPTURED_10_FERTILE", "Share of fertile bodies in the top 10 % of the area"),
                           ("ROC_FERTILE_BACKGROUND", "Pixel ROC AUC fertile vs background"),
                           ("ROC_FERTILE_BARREN", "Pixel ROC AUC fertile vs barren")):
            self.addOutput(QgsProcessingOutputNumber(key, self.tr(label)))
        self.addOutput(QgsProcessingOutputString("PREDICTION_RATE", self.tr("Prediction-rate AUC per status (JSON)")))

    def execute(self, parameters, context, feedback):
        raster = self.raster_path(parameters, "INPUT", context)
        deposits, layer = self.vector_source(parameters, "DEPOSITS", context, feedback)
        settings = ScoreSettings(
            field=self.parameterAsString(parameters, self.FIELD, context) or None,
            barren=_split(self.parameterAsString(parameters, self.BARREN, context)),
            fertile=_split(self.parameterAsString(parameters, self.FERTILE, context)) or None,
            background_buffer_m=self.parameterAsDouble(parameters, self.BUFFER, context), layer=layer)
        json_path = self.parameterAsFileOutput(parameters, self.OUTPUT_JSON, context) or str(default_paths(raster)[0])
        png_path = str(Path(json_path).with_suffix(".png"))
        html_path = self.parameterAsFileOutput(parameters, "OUTPUT_HTML", context)
        score, files = evaluate_heatmap(raster, deposits, settings, json_path, png_path, html_path,
                                        self.progress(feedback))
        for line in self.summary_lines(score):
            feedback.pushInfo(line)
        for w in score.warnings:
            feedback.pushWarning(translate_message(w))
        return {
            self.OUTPUT_JSON: files["json"], "OUTPUT_HTML": files["html"], "PNG": files["png"],
            "PR_AUC_FERTILE": _number(score.fertile.curve.auc),
            "CAPTURED_10_FERTILE": _number(score.fertile.curve.captured_at.get("0.10")),
            "ROC_FERTILE_BACKGROUND": _number(score.pixel_roc["fertile_vs_background"].auc),
            "ROC_FERTILE_BARREN": _number(getattr(score.pixel_roc.get("fertile_vs_barren"), "auc", None)),
            "PREDICTION_RATE": json.dumps({k: _number(v.curve.auc) for k, v in score.statuses.items()}),
        }

    def summary_lines(self, score):
        """What ``HeatmapScore.summary_lines`` tells (the CLI's table), as sentences in the user's language:
        one line per status and for all fertile bodies, then the pixel ROC AUCs."""
        lines = []
        shares = list(score.settings.top_shares)
        for name, st in [*score.statuses.items(), (None, score.fertile)]:
            captured = self.tr(", ").join(self.tr("top {0} %: {1}").format(
                format(s * 100, "g"), _percent(st.curve.captured_at.get(f"{s:.2f}"))) for s in shares)
            line = self.tr("{0} ({1}, {2} body): prediction-rate AUC {3}; share captured in the {4}") \
                if st.n_bodies == 1 else \
                self.tr("{0} ({1}, {2} bodies): prediction-rate AUC {3}; share captured in the {4}")
            lines.append(line.format(
                name if name is not None else self.tr("all fertile bodies"), translate_message(st.role), st.n_bodies,
                _auc(st.curve.auc), captured))
        for key, roc in score.pixel_roc.items():
            group, _, other = key.rpartition("_vs_")
            lines.append(self.tr("Pixel ROC AUC, {0} against {1}: {2} ({3} vs {4} pixels)").format(
                translate_message(group), translate_message(other), _auc(roc.auc), roc.n_positive, roc.n_negative))
        return lines


def _auc(x) -> str:
    return f"{x:.3f}" if _number(x) is not None else "–"


def _percent(x) -> str:
    return f"{100 * x:.0f} %" if _number(x) is not None else "–"
