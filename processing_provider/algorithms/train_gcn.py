"""hyperprospect:traingcn — train the enhanced GCN (and the paper's baselines) on a graph data set."""
from __future__ import annotations

import json
from pathlib import Path

from qgis.core import QgsProcessingOutputHtml, QgsProcessingOutputNumber, QgsProcessingOutputString

from ...models.worker import run_in_worker
from ..algorithm import HyperProspectAlgorithm, is_temporary, unused_path
from ..messages import translate_message

ARCHS = ["enhanced", "plain", "cnn", "svm", "node", "gbt", "blend"]  # indices are stable: users' scripts pass them


class TrainGCN(HyperProspectAlgorithm):
    NAME = "traingcn"
    DISPLAY_NAME = "Train GCN"
    GROUP = "model"
    REQUIRES = ("torch", "safetensors", "sklearn", "matplotlib")
    SHORT_HELP = (
        "Trains a prospectivity model on a graph data set: by default the node GCN (the paper's enhanced-GCN trunk "
        "scoring every pixel) and per-pixel gradient boosting, blended by rank; either of the two alone; or the "
        "paper's enhanced graph convolutional network (three GCN layers with batch normalisation, two "
        "batch-normalised residual projections, global add pooling; Adam, learning rate 0.001, hidden size 256, "
        "200 epochs), keeping the checkpoint best on validation. The 7:3 "
        "train/validation split takes whole spatial blocks, spread evenly over the area, so overlapping or touching "
        "tiles never leak across it. Optionally trains the baselines on the same split (plain GCN, CNN on the tiles, "
        "SVM on the spectral channels) and a grid search over hidden size and learning rate. Writes a "
        "self-describing model file (safetensors + JSON: channels, wavelengths, normalisation, tile size, classes) "
        "and an HTML report with loss curves, metrics, confusion matrix, ROC and precision-recall curves and the "
        "comparison table. Training runs in a separate process: QGIS stays responsive and cancel stops it promptly."
    )
    TAGS = ("GCN", "graph neural network", "deep learning", "training", "CNN", "SVM", "prospectivity", "pegmatite")
    # parameter names
    DATASET = "DATASET"
    ARCH = "ARCH"
    EPOCHS = "EPOCHS"
    LR = "LR"
    HIDDEN = "HIDDEN"
    BATCH = "BATCH"
    SEED = "SEED"
    BASELINES = "BASELINES"
    GRID = "GRID"
    BALANCE = "BALANCE"
    FINAL_FIT = "FINAL_FIT"
    DEVICE = "DEVICE"
    OUTPUT = "OUTPUT"
    REPORT = "REPORT"
    HELP_PARAMETERS = (
        (ARCH, "Node GCN + gradient boosting (recommended) trains the two pixel models below on the same split "
               "and maps the mean of their ranks (each pixel's share of the training area scoring lower), on the "
               "node GCN's probability scale: on areas neither saw, each of the two wins on some fields and the "
               "blend comes close to the better one (README, 'How good is the map'). Node GCN scores every pixel: "
               "the paper's enhanced-GCN trunk with one output per node, spectral-shape features (log reflectance "
               "relative to its mean, continuum-removed depth) and a per-pixel skip, trained on the pixels of the "
               "known bodies; its map follows the dykes. Enhanced GCN (paper) classifies whole tiles as in Table 1. "
               "Gradient boosting judges each pixel on its own bands, spectral shape and geology layers: the "
               "per-pixel peer. Once validated, the pixel models are fitted again on every labelled tile and that "
               "fit is saved; the report's figures are those of the validated fit."),
        (BASELINES, "Also train plain GCN, CNN and SVM (and, for the pixel models, the paper's enhanced GCN and "
                    "per-pixel gradient boosting) on the same split (the paper's Fig. 6); each is saved beside the "
                    "model (<model>.<arch>.hpm), a blend's two models too."),
        (GRID, "Try hidden sizes 64/128/256 × learning rates 0.01/0.001/0.0001 before the final run."),
        (FINAL_FIT, "On (default): once validated, the pixel models (node GCN, gradient boosting, their blend) are "
                    "fitted again on every labelled tile, validation blocks included, and that fit is saved; it "
                    "maps unseen fields better. Off: the saved model is the validated fit itself."),
        (BALANCE, "Mineralised tiles are rare; weighting the loss by inverse class frequency keeps the models from "
                  "answering 'barren' everywhere. Off = the paper's plain cross-entropy."),
        (DEVICE, "Where torch trains: auto = a CUDA GPU when torch sees one, else the CPU; cpu; cuda or cuda:N "
                 "for a given GPU. A GPU asked for on a machine without one stops with a message naming what "
                 "there is. The model file records the device."),
        (OUTPUT, "Left as a temporary file, the model is saved next to the graph data set instead "
                 "(<data set>_<model>.hpm), so it outlives the QGIS session."),
        (REPORT, "Left empty or temporary, the report goes next to the model file (<model>_report/report.html); "
                 "the Results Viewer opens it."),
    )

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_file(self.DATASET, "Graph data set", "hpg")
        self.add_enum(self.ARCH, "Model", ["Enhanced GCN (paper)", "Plain GCN", "CNN", "SVM (spectral channels)",
                                           "Node GCN: every pixel",
                                           "Gradient boosting: every pixel, no graph",
                                           "Node GCN + gradient boosting, blended (recommended)"], 6)
        self.add_number(self.EPOCHS, "Epochs (0 = the model's default: 40 node GCN, 200 paper)", 0, 0, 10000,
                        integer=True)
        self.add_number(self.LR, "Learning rate", 0.001, 0.0001, 1.0, advanced=True, decimals=4)
        self.add_number(self.HIDDEN, "Hidden size (0 = the model's default: 128 node GCN, 256 paper)", 0, 0, 4096,
                        integer=True, advanced=True)
        self.add_number(self.BATCH, "Batch size", 32, 1, 4096, integer=True, advanced=True)
        self.add_number(self.SEED, "Random seed", 0, 0, integer=True, advanced=True)
        self.add_bool(self.BASELINES, "Compare with baselines (plain GCN, CNN, SVM)", False)
        self.add_bool(self.GRID, "Grid search over hidden size and learning rate", False, advanced=True)
        self.add_bool(self.BALANCE, "Balance classes (weight the loss by inverse class frequency)", True,
                      advanced=True)
        self.add_bool(self.FINAL_FIT, "Save a final fit on every labelled tile (pixel models)", True, advanced=True)
        self.add_string(self.DEVICE, "Device (auto, cpu, cuda or cuda:N)", "auto", advanced=True)
        self.add_file_out(self.OUTPUT, "Model file", "HyperProspect model (*.hpm)")
        self.add_folder_out(self.REPORT, "Training report folder", optional=True)
        for key, label in (("ACCURACY", "Validation accuracy"), ("PRECISION", "Validation precision"),
                           ("RECALL", "Validation recall"), ("F1", "Validation F1")):
            self.addOutput(QgsProcessingOutputNumber(key, self.tr(label)))
        self.addOutput(QgsProcessingOutputString("COMPARISON", self.tr("Comparison table")))
        self.addOutput(QgsProcessingOutputHtml("REPORT_HTML", self.tr("Training report")))

    def destinations(self, parameters, context, dataset: str, arch: str):
        """(model path, report folder): where the user asked, or next to the graph data set (model) and next to
        the model (report) when left temporary, never over an existing file."""
        output = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        if not output or is_temporary(output):
            output = str(unused_path(Path(dataset).with_name(f"{Path(dataset).stem}_{arch}.hpm")))
        report = self.parameterAsString(parameters, self.REPORT, context) or None
        if report:
            report = self.parameterAsFileOutput(parameters, self.REPORT, context)
        if not report or is_temporary(report):
            report = str(unused_path(Path(output).with_name(f"{Path(output).stem}_report")))
        return output, report

    def execute(self, parameters, context, feedback):
        dataset = self.parameterAsFile(parameters, self.DATASET, context)
        arch = ARCHS[self.parameterAsEnum(parameters, self.ARCH, context)]
        output, report = self.destinations(parameters, context, dataset, arch)
        from ...models.gcn.settings import TrainSettings

        settings = TrainSettings.for_arch(
            arch,
            epochs=self.parameterAsInt(parameters, self.EPOCHS, context) or None,
            hidden=self.parameterAsInt(parameters, self.HIDDEN, context) or None,
            lr=self.parameterAsDouble(parameters, self.LR, context),
            batch_size=self.parameterAsInt(parameters, self.BATCH, context),
            seed=self.parameterAsInt(parameters, self.SEED, context),
            class_weight="balanced" if self.parameterAsBool(parameters, self.BALANCE, context) else None,
            final_fit="all" if self.parameterAsBool(parameters, self.FINAL_FIT, context) else "training",
            device=(self.parameterAsString(parameters, self.DEVICE, context) or "auto").strip(),
        ).to_dict()
        kwargs = dict(dataset=dataset, output=output, report_dir=report, settings=settings,
                      baselines=self.parameterAsBool(parameters, self.BASELINES, context),
                      grid=self.parameterAsBool(parameters, self.GRID, context))
        settings = {**settings, "baselines": kwargs["baselines"], "grid": kwargs["grid"]}
        feedback.pushInfo(self.tr("Training in a worker process: {0}").format(json.dumps(settings)))
        summary = run_in_worker("gcn.pipeline:run_training", kwargs, self.progress(feedback))
        metrics = summary.get("metrics") or {}
        table = summary.get("text_table") or ""
        for line in table.splitlines():  # the comparison table (also an output) stays as the report has it
            feedback.pushInfo(line)
        if summary.get("quality_warning"):
            feedback.pushWarning(translate_message(summary["quality_warning"]))
        feedback.pushInfo(self.tr("Model file: {0}").format(output))
        if summary.get("report"):
            feedback.pushInfo(self.tr("Training report: {0}").format(summary["report"]))
        results = {self.OUTPUT: output, self.REPORT: report, "COMPARISON": table,
                   "REPORT_HTML": summary.get("report") or ""}
        for key in ("accuracy", "precision", "recall", "f1"):
            results[key.upper()] = metrics.get(key)
        return results
