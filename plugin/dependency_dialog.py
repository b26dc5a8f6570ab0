"""Dialog that lists missing packages and installs them with pip, log visible."""
from __future__ import annotations

from pathlib import Path
from typing import List, Optional

from qgis.PyQt.QtCore import QCoreApplication, QProcess, pyqtSignal
from qgis.PyQt.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
)

from ..models import dependencies


def tr(text: str) -> str:
    return QCoreApplication.translate("HyperProspect", text)


class DependencyDialog(QDialog):
    """Shows what is missing; "Install" runs pip in a QProcess so QGIS stays responsive."""

    installFinished = pyqtSignal(bool, str)  # ok, error message

    def __init__(self, target: Path, missing: List[str], parent=None, requirements: Path = dependencies.REQUIREMENTS):
        super().__init__(parent)
        self.setWindowTitle(tr("HyperProspect — Python dependencies"))
        self.target = Path(target)
        self.requirements = Path(requirements)
        self.missing = list(missing)
        self.process: Optional[QProcess] = None
        self.log_lines: List[str] = []
        self.error = ""

        layout = QVBoxLayout(self)
        self.label = QLabel(self._status_text())
        self.label.setWordWrap(True)
        layout.addWidget(self.label)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        layout.addWidget(self.progress)
        self.log = QPlainTextEdit()
        self.log.setReadOnly(True)
        self.log.setMinimumSize(640, 240)
        layout.addWidget(self.log)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Close)
        self.install_button = QPushButton(tr("Install"))
        self.buttons.addButton(self.install_button, QDialogButtonBox.ActionRole)
        self.install_button.clicked.connect(self.start_install)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.install_button.setEnabled(bool(self.missing))

    def _status_text(self) -> str:
        if not self.missing:
            return tr("All Python packages HyperProspect needs are available.")
        return (
            dependencies.describe_missing(self.missing)
            + "\n"
            + tr("Install the pinned versions into {0} (added to Python's search path)?").format(self.target)
        )

    def start_install(self) -> None:
        cmd = dependencies.pip_command(self.target, self.requirements)
        self.target.mkdir(parents=True, exist_ok=True)
        self.log.appendPlainText("$ " + " ".join(cmd))
        self.progress.setRange(0, 0)  # pip reports no percentage: busy indicator
        self.install_button.setEnabled(False)
        self.process = QProcess(self)
        self.process.setProcessChannelMode(QProcess.MergedChannels)
        self.process.readyReadStandardOutput.connect(self._read_output)
        self.process.finished.connect(self._finished)
        self.process.errorOccurred.connect(self._process_error)
        self.process.start(cmd[0], cmd[1:])

    def _read_output(self) -> None:
        data = bytes(self.process.readAllStandardOutput()).decode("utf-8", "replace")
        for line in data.splitlines():
            self.log_lines.append(line)
            self.log.appendPlainText(line)

    def _process_error(self, _error) -> None:
        if self.process is not None and self.process.state() == QProcess.NotRunning:
            self._finished(-1, None)

    def _finished(self, exit_code: int, _status) -> None:
        if self.process is None:
            return
        self._read_output()
        log_path = self.target.parent / "hyperprospect-pip-install.log"
        try:
            log_path.write_text("\n".join(self.log_lines) + "\n", encoding="utf-8")
        except OSError:
            pass
        self.process = None
        self.progress.setRange(0, 1)
        ok = exit_code == 0
        if ok:
            dependencies.activate(self.target)
            self.missing = dependencies.missing_modules()
            ok = not self.missing
            self.error = "" if ok else dependencies.describe_missing(self.missing)
        else:
            self.error = dependencies.summarise_pip_failure(self.log_lines, exit_code)
        self.progress.setValue(1 if ok else 0)
        self.label.setText(
            tr("Installation finished. Restart QGIS if a package was already loaded.") if ok
            else self.error + "\n" + tr("The full pip log is in {0}.").format(log_path)
        )
        self.install_button.setEnabled(not ok)
        self.installFinished.emit(ok, self.error)
