"""The spectra plot: matplotlib in Qt (zoom and pan from its toolbar), feature markers."""
from __future__ import annotations

from typing import Iterable, Optional, Sequence, Tuple

import numpy as np
from matplotlib.backends.backend_qt5agg import FigureCanvasQTAgg, NavigationToolbar2QT
from matplotlib.figure import Figure
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtWidgets import QVBoxLayout, QWidget

# Diagnostic absorption features a Li–Be explorer looks for (nm).
FEATURES: Sequence[Tuple[float, str]] = (
    (830.0, "beryl Fe²⁺ 830"),
    (1410.0, "OH/H₂O 1410"),
    (1910.0, "H₂O 1910"),
    (2055.0, "beryl 2055"),
    (2155.0, "beryl 2155"),
    (2200.0, "Al-OH 2200"),
    (2207.0, "spodumene 2207"),
    (2340.0, "Mg-OH/CO₃ 2340"),
)


def tr(text: str) -> str:
    return QCoreApplication.translate("HyperProspect", text)


class SpectraPlot(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.figure = Figure(figsize=(5, 3), dpi=100, tight_layout=True)
        self.canvas = FigureCanvasQTAgg(self.figure)
        self.toolbar = NavigationToolbar2QT(self.canvas, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.canvas)
        self.axes = self.figure.add_subplot(111)
        self.show_features = True
        self.clear()

    def clear(self) -> None:
        self.axes.clear()
        self.axes.set_xlabel(tr("Wavelength (nm)"))
        self.axes.set_ylabel(tr("Reflectance"))
        self.axes.grid(alpha=0.3)
        self.canvas.draw_idle()

    def plot(self, curves: Iterable[Tuple[str, np.ndarray, np.ndarray]],
             reference: Optional[Tuple[str, np.ndarray, np.ndarray]] = None,
             ylabel: Optional[str] = None) -> int:
        """Draw ``(label, wavelengths_nm, values)`` curves; returns how many were drawn."""
        self.axes.clear()
        n = 0
        for label, wl, values in curves:
            self.axes.plot(wl, values, lw=1.2, label=label)
            n += 1
        if reference is not None:
            label, wl, values = reference
            self.axes.plot(wl, values, lw=1.6, ls="--", c="k", label=tr("reference: {0}").format(label))
        if self.show_features and n:
            lo, hi = self.axes.get_xlim()
            for wl, name in FEATURES:
                if lo <= wl <= hi:
                    self.axes.axvline(wl, c="tab:red", lw=0.6, alpha=0.5)
                    self.axes.text(wl, 1.0, name, rotation=90, va="top", ha="right", fontsize=6,
                                   color="tab:red", transform=self.axes.get_xaxis_transform())
        self.axes.set_xlabel(tr("Wavelength (nm)"))
        self.axes.set_ylabel(ylabel or tr("Reflectance"))
        self.axes.grid(alpha=0.3)
        if n or reference is not None:
            self.axes.legend(fontsize=7, loc="best")
        self.canvas.draw_idle()
        return n + (reference is not None)
