"""hyperprospect:traingcn — train the enhanced GCN (and the paper's baselines) on a graph data set."""
from __future__ import annotations

import json

from qgis.core import QgsProcessingOutputNumber, QgsProcessingOutputString

from ...models.worker import run_in_worker
from ..algorithm import HyperProspectAlgorithm

ARCHS = ["enhanced", "plain", "cnn", "svm", "node"]  # indices are stable: users' scripts pass them


class TrainGCN(HyperProspectAlgorithm):
    NAME = "traingcn"
    DISPLAY_NAME = "Train GCN"
    GROUP = "model"
    REQUIRES = ("torch", "torch_geometric", "sklearn", "safetensors")
    SHORT_HELP = (
        "Trains the paper's enhanced graph convolutional network (three GCN layers with batch normalisation, two "
        "batch-normalised residual projections, global add pooling) on a graph data set, with Adam, learning rate "
        "0.001, hidden size 256 and 200 epochs by default, keeping the checkpoint best on validation. The 7:3 "
        "train/validation split takes whole spatial blocks, spread evenly over the area, so overlapping or touching "
        "tiles never leak across it. Optionally trains the baselines on the same split (plain GCN, CNN on the tiles, "
        "SVM on the spectral channels) and a grid search over hidden size and learning rate. Writes a "
        "self-describing model file (safetensors + JSON: channels, wavelengths, normalisation, tile size, classes) "
        "and an HTML report with loss curves, metrics, confusion matrix, ROC and precision-recall curves and the "
        "comparison table. Training runs in a separate process: QGIS stays responsive and cancel stops it promptly."
    )
    HELP_PARAMETERS = (
        ("Model", "Node GCN (recommended) scores every pixel: the paper's enhanced-GCN trunk with one output per "
                  "node, spectral-shape features (log reflectance relative to its mean, continuum-removed depth) "
                  "and a per-pixel skip, trained on the pixels of the known bodies; its map follows the dykes "
                  "and beats the tile models on areas it was not trained on (README, 'How good is the map'). "
                  "Enhanced GCN (paper) classifies whole tiles as in Table 1."),
        ("Compare with baselines", "Also train plain GCN, CNN and SVM (and, for the node GCN, the paper's enhanced "
                                   "GCN) on the same split (the paper's Fig. 6)."),
        ("Grid search", "Try hidden sizes 64/128/256 × learning rates 0.01/0.001/0.0001 before the final run."),
        ("Balance classes", "Mineralised tiles are rare; weighting the loss by inverse class frequency keeps the "
                            "models from answering 'barren' everywhere. Off = the paper's plain cross-entropy."),
    )

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_file("DATASET", "Graph data set", "hpg")
        self.add_enum("ARCH", "Model", ["Enhanced GCN (paper)", "Plain GCN", "CNN", "SVM (spectral channels)",
                                        "Node GCN: every pixel (recommended)"], 4)
        self.add_number("EPOCHS", "Epochs (0 = the model's default: 60 node GCN, 200 paper)", 0, 0, 10000, integer=True)
        self.add_number("LR", "Learning rate", 0.001, 1e-6, 1.0)
        self.add_number("HIDDEN", "Hidden size (0 = the model's default: 128 node GCN, 256 paper)", 0, 0, 4096,
                        integer=True)
        self.add_number("BATCH", "Batch size", 32, 1, 4096, integer=True)
        self.add_number("SEED", "Random seed", 0, 0, integer=True)
        self.add_bool("BASELINES", "Compare with baselines (plain GCN, CNN, SVM)", False)
        self.add_bool("GRID", "Grid search over hidden size and learning rate", False)
        self.add_bool("BALANCE", "Balance classes (weight the loss by inverse class frequency)", True)
        self.add_file_out("OUTPUT", "Model file", "HyperProspect model (*.hpm)")
        self.add_folder_out("REPORT", "Training report folder", optional=True)
        for key, label in (("ACCURACY", "Validation accuracy"), ("PRECISION", "Validation precision"),
                           ("RECALL", "Validation recall"), ("F1", "Validation F1")):
            self.addOutput(QgsProcessingOutputNumber(key, self.tr(label)))
        self.addOutput(QgsProcessingOutputString("COMPARISON", self.tr("Comparison table")))
        self.addOutput(QgsProcessingOutputString("REPORT_HTML", self.tr("Report page")))

    def execute(self, parameters, context, feedback):
        dataset = self.parameterAsFile(parameters, "DATASET", context)
        output = self.parameterAsFileOutput(parameters, "OUTPUT", context)
        report = self.parameterAsString(parameters, "REPORT", context) or None
        if report:
            report = self.parameterAsFileOutput(parameters, "REPORT", context)
        kwargs = dict(
            dataset=dataset, output=output, report_dir=report,
            arch=ARCHS[self.parameterAsEnum(parameters, "ARCH", context)],
            epochs=self.parameterAsInt(parameters, "EPOCHS", context) or None,
            lr=self.parameterAsDouble(parameters, "LR", context),
            hidden=self.parameterAsInt(parameters, "HIDDEN", context) or None,
            batch_size=self.parameterAsInt(parameters, "BATCH", context),
            seed=self.parameterAsInt(parameters, "SEED", context),
            baselines=self.parameterAsBool(parameters, "BASELINES", context),
            grid=self.parameterAsBool(parameters, "GRID", context),
            class_weight="balanced" if self.parameterAsBool(parameters, "BALANCE", context) else None,
        )
        feedback.pushInfo(f"Training in a worker process: {json.dumps({k: v for k, v in kwargs.items() if k not in ('dataset', 'output', 'report_dir')})}")
        summary = run_in_worker("gcn.pipeline:run_training", kwargs, self.progress(feedback))
        metrics = summary.get("metrics") or {}
        table = summary.get("text_table") or ""
        if table:
            for line in table.splitlines():
                feedback.pushInfo(line)
        results = {"OUTPUT": output, "REPORT": report, "COMPARISON": table,
                   "REPORT_HTML": summary.get("report") or ""}
        for key in ("accuracy", "precision", "recall", "f1"):
            results[key.upper()] = metrics.get(key)
        return results
