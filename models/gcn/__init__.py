"""Graph convolutional networks for prospectivity mapping (paper Table 1),
their baselines, training, metrics, the model file and the training report.

No QGIS here.  Import the submodules (``from models.gcn.train import
train_model``); this package import stays light (no torch at import time).

OpenMP wait policy.  With OpenMP's default active waiting, torch on two
threads slows down 10–40× as soon as another process keeps a core busy
(measured on the 2-core development machine: a training epoch of 23–40 s
instead of 0.4–2 s); passive waiting avoids that at a cost of about 10 % on
an idle machine.  So, unless the user chose otherwise, ``OMP_WAIT_POLICY`` is
set to ``PASSIVE`` here — it only takes effect when torch has not been loaded
yet (the worker process, ``python -m models train``, the benchmark).
"""
import os as _os
import sys as _sys

if "torch" not in _sys.modules:
    _os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
