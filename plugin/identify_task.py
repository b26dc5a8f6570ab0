"""Identification in the background: a QgsTask that runs the model in the worker process."""
from __future__ import annotations

from typing import Any, Dict, List, Optional

from qgis.core import QgsTask
from qgis.PyQt.QtCore import pyqtSignal

from ..models.errors import CancelledError, HyperProspectError
from ..models.progress import Progress
from ..models.worker import run_in_worker


class IdentifyTask(QgsTask):
    """Sends spectra (as plain arrays) to ``geospectra.jobs:identify_arrays`` in a child process.

    QGIS stays responsive and a crash in torch cannot take it down; progress and cancel
    cross the process boundary (``models.worker``).
    """

    resultsReady = pyqtSignal(list)
    failed = pyqtSignal(str)

    def __init__(self, description: str, spectra: List[Dict[str, Any]], top: int = 5):
        super().__init__(description, QgsTask.CanCancel)
        self.spectra = spectra
        self.top = top
        self.results: Optional[list] = None
        self.error: str = ""

    def run(self) -> bool:
        progress = Progress(lambda pct, _msg: self.setProgress(pct), self.isCanceled)
        try:
            self.results = run_in_worker(
                "geospectra.jobs:identify_arrays", {"spectra": self.spectra, "top": self.top}, progress)
            return True
        except CancelledError:
            self.error = "cancelled"
            return False
        except HyperProspectError as exc:
            self.error = str(exc)
            return False
        except Exception as exc:  # noqa: BLE001 - never let a task exception reach QGIS's crash handler
            self.error = f"{type(exc).__name__}: {exc}"
            return False

    def finished(self, ok: bool) -> None:
        if ok and self.results is not None:
            self.resultsReady.emit(self.results)
        else:
            self.failed.emit(self.error or "cancelled")
