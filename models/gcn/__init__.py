"""Graph convolutional networks for prospectivity mapping (paper Table 1),
their baselines, training, metrics, the model file and the training report.

No QGIS here.  Import the submodules (``from models.gcn.train import
train_model``); this package import stays light (no torch at import time).
"""
