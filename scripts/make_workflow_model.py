"""Regenerate resources/models/prospectivity_workflow.model3 with QGIS's model API.

The model chains band subset → distance to pluton → distance to fault → build graphs →
train GCN → predict heatmap. It is shipped so that users find it under the provider in the
toolbox and can open it in the graphical modeller to change it.
"""
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "resources" / "models" / "prospectivity_workflow.model3"
# the inputs in the order the steps use them (band subset, distances, graphs, training, evaluation)
WORKFLOW_ORDER = ["cube", "ranges", "plutons", "faults", "known", "stride", "epochs", "baselines", "evaluation",
                  "evaluation_field"]


def main() -> int:
    from qgis.core import (QgsApplication, QgsProcessing, QgsProcessingModelAlgorithm,
                           QgsProcessingModelChildAlgorithm, QgsProcessingModelChildParameterSource as Src,
                           QgsProcessingModelOutput, QgsProcessingModelParameter, QgsProcessingParameterBoolean,
                           QgsProcessingParameterField, QgsProcessingParameterNumber, QgsProcessingParameterRasterLayer,
                           QgsProcessingParameterString, QgsProcessingParameterVectorLayer)
    from qgis.PyQt.QtCore import QPointF

    app = QgsApplication([], False)
    app.initQgis()
    sys.path.append("/usr/share/qgis/python/plugins")  # QGIS's own Processing plugin (Debian path)
    from processing.core.Processing import Processing
    Processing.initialize()
    # Register our provider so the child algorithms resolve (the plugin's package name is hyperprospect).
    import tempfile
    link_dir = Path(tempfile.mkdtemp())
    (link_dir / "hyperprospect").symlink_to(REPO, target_is_directory=True)
    sys.path.insert(0, str(link_dir))
    import hyperprospect
    plugin = hyperprospect.classFactory(None)
    plugin.initProcessing()

    m = QgsProcessingModelAlgorithm("Prospectivity workflow", "Workflows", "workflows")
    m.setHelpContent({
        "ALG_DESC": "The whole workflow of the paper: keep the diagnostic bands, compute distance to plutons and "
                    "faults, cut the stack into overlapping 10×10-pixel graphs labelled from the known pegmatites, "
                    "train the node GCN (the paper's enhanced-GCN trunk scoring every pixel) and per-pixel "
                    "gradient boosting, blended by rank (the default model, never far from the better of the two "
                    "on areas they were not trained on), and write the probability heatmap and its uncertainty map. "
                    "Open it in the graphical modeller to change any step (Train GCN ▸ Model = Enhanced GCN "
                    "(paper) and stride 0 give the paper's configuration).",
    })

    def param(p, x, y):
        mp = QgsProcessingModelParameter(p.name())
        mp.setPosition(QPointF(x, y))
        m.addModelParameter(p, mp)  # the model takes ownership of p

    param(QgsProcessingParameterRasterLayer("cube", "Hyperspectral raster"), 120, 60)
    param(QgsProcessingParameterVectorLayer("plutons", "Plutons", [QgsProcessing.TypeVectorPolygon]), 120, 140)
    param(QgsProcessingParameterVectorLayer("faults", "Faults", [QgsProcessing.TypeVectorLine]), 120, 220)
    param(QgsProcessingParameterVectorLayer("known", "Known mineralised bodies",
                                            [QgsProcessing.TypeVectorPolygon, QgsProcessing.TypeVectorPoint]), 120, 300)
    param(QgsProcessingParameterVectorLayer("evaluation", "Deposits for the prediction-rate curve",
                                            [QgsProcessing.TypeVectorPolygon, QgsProcessing.TypeVectorPoint],
                                            optional=True), 120, 380)
    param(QgsProcessingParameterField("evaluation_field", "Deposit group field (e.g. status)",
                                      parentLayerParameterName="evaluation", optional=True), 120, 460)
    param(QgsProcessingParameterString("ranges", "Wavelength ranges (nm)", "782-902; 2014-2400"), 120, 540)
    param(QgsProcessingParameterNumber("epochs", "Epochs (0 = the model's default)",
                                       QgsProcessingParameterNumber.Integer, 0, False, 0), 120, 620)
    param(QgsProcessingParameterNumber("stride", "Training tile stride (pixels; 0 = tile size)",
                                       QgsProcessingParameterNumber.Integer, 5, False, 0), 120, 700)
    param(QgsProcessingParameterBoolean("baselines", "Compare with baselines (plain GCN, CNN, SVM)", False), 120, 780)

    def child(alg_id, cid, desc, x, y, sources, outputs=None):
        c = QgsProcessingModelChildAlgorithm(alg_id)
        c.setChildId(cid)
        c.setDescription(desc)
        c.setPosition(QPointF(x, y))
        for name, srcs in sources.items():
            c.addParameterSources(name, srcs if isinstance(srcs, list) else [srcs])
        if outputs:
            outs = {}
            for model_name, (child_out, desc_out) in outputs.items():
                o = QgsProcessingModelOutput(model_name, desc_out)
                o.setChildId(cid)
                o.setChildOutputName(child_out)
                outs[model_name] = o
            c.setModelOutputs(outs)
        m.addChildAlgorithm(c)

    child("hyperprospect:bandsubset", "subset", "Band subset", 420, 60,
          {"INPUT": Src.fromModelParameter("cube"), "RANGES": Src.fromModelParameter("ranges"),
           "PRESET": Src.fromStaticValue(0), "OVERRIDE": Src.fromStaticValue(False)})
    child("hyperprospect:distancetopluton", "pluton", "Distance to pluton", 420, 160,
          {"INPUT": Src.fromModelParameter("plutons"), "REFERENCE": Src.fromChildOutput("subset", "OUTPUT"),
           "METHOD": Src.fromStaticValue(0), "SIGNED": Src.fromStaticValue(False)})
    child("hyperprospect:distancetofault", "fault", "Distance to fault", 420, 260,
          {"INPUT": Src.fromModelParameter("faults"), "REFERENCE": Src.fromChildOutput("subset", "OUTPUT"),
           "METHOD": Src.fromStaticValue(0)})
    child("hyperprospect:buildgraphs", "graphs", "Build graph data set", 720, 160,
          {"STACK": [Src.fromChildOutput("subset", "OUTPUT"), Src.fromChildOutput("pluton", "OUTPUT"),
                     Src.fromChildOutput("fault", "OUTPUT")],
           "LABELS": Src.fromModelParameter("known"), "TILE_SIZE": Src.fromStaticValue(10),
           "STRIDE": Src.fromModelParameter("stride"), "THRESHOLD_FACTOR": Src.fromStaticValue(1.7),
           "LABEL_BUFFER": Src.fromStaticValue(100.0), "MIN_POSITIVE_FRACTION": Src.fromStaticValue(0.0),
           "NEGATIVE_RATIO": Src.fromStaticValue(0.0), "KEEP_OUT": Src.fromStaticValue(0.0),
           "SEED": Src.fromStaticValue(0)})
    child("hyperprospect:traingcn", "train", "Train GCN", 1000, 160,
          {"DATASET": Src.fromChildOutput("graphs", "OUTPUT"), "ARCH": Src.fromStaticValue(6),
           "EPOCHS": Src.fromModelParameter("epochs"), "LR": Src.fromStaticValue(0.001),
           "HIDDEN": Src.fromStaticValue(0), "BATCH": Src.fromStaticValue(32), "SEED": Src.fromStaticValue(0),
           "BASELINES": Src.fromModelParameter("baselines"), "GRID": Src.fromStaticValue(False),
           "BALANCE": Src.fromStaticValue(True)},
          {"model": ("OUTPUT", "Trained model"), "report": ("REPORT", "Training report")})
    child("hyperprospect:predictheatmap", "predict", "Predict probability heatmap", 1280, 160,
          {"MODEL": Src.fromChildOutput("train", "OUTPUT"), "INPUT": Src.fromModelParameter("cube"),
           "PLUTONS": Src.fromModelParameter("plutons"), "FAULTS": Src.fromModelParameter("faults"),
           "STRIDE": Src.fromStaticValue(0), "PRESET": Src.fromStaticValue(0),
           "UNCERTAINTY": Src.fromStaticValue(True), "DEPOSITS": Src.fromModelParameter("evaluation"),
           "DEPOSIT_FIELD": Src.fromModelParameter("evaluation_field")},
          {"heatmap": ("OUTPUT", "Probability heatmap")})
    # QGIS lists a model's inputs alphabetically unless told otherwise: give them the workflow's order
    m.setParameterOrder(WORKFLOW_ORDER)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    ok = m.toFile(str(OUT))
    print(OUT, ok)
    app.exitQgis()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
