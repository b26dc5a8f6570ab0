"""The spectra plot: matplotlib in Qt (zoom and pan from its toolbar), feature markers."""
from __future__ import annotations

import warnings
from pathlib import Path
from typing import Iterable, List, Optional, Sequence, Tuple

import numpy as np
from matplotlib import font_manager, rcParams
from matplotlib.backends.backend_qt5agg import FigureCanvasQTAgg, NavigationToolbar2QT
from matplotlib.figure import Figure
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

# Diagnostic absorption features a Li–Be explorer looks for (nm); labels are translated at draw time.
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
LEGEND_MAX = 8  # more curves than this: no legend unless the user asks for it (it would cover the plot)

# CJK-capable fonts by family name, and where Debian installs them (fonts-noto-cjk, fonts-wqy-*).
CJK_FAMILIES = ("Noto Sans CJK SC", "Noto Sans CJK JP", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei",
                "Source Han Sans SC", "Droid Sans Fallback", "AR PL UMing CN")
CJK_FILES = ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
             "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
             "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
             "/usr/share/fonts/truetype/arphic/uming.ttc")


def tr(text: str) -> str:
    return QCoreApplication.translate("HyperProspect", text)


def cjk_font() -> Optional[str]:
    """Make a CJK-capable font the fallback of matplotlib's sans-serif list; its family name, or None.

    Latin text keeps the default font; Chinese glyphs come from the fallback (matplotlib ≥ 3.6 falls
    back per glyph). Without any CJK font installed nothing changes: Chinese renders as boxes, as before.
    """
    known = {f.name for f in font_manager.fontManager.ttflist}
    family = next((name for name in CJK_FAMILIES if name in known), None)
    if family is None:  # installed after matplotlib built its font cache
        for path in CJK_FILES:
            if Path(path).is_file():
                try:
                    font_manager.fontManager.addfont(path)
                except (OSError, RuntimeError, ValueError):
                    continue
                family = font_manager.FontProperties(fname=path).get_name()
                break
    if family is not None:
        # matplotlib falls back glyph by glyph along font.family (a generic name resolves to one font)
        families = [f for f in rcParams["font.family"] if f != family]
        rcParams["font.family"] = families + [family]
    return family


def robust_ylim(curves: Sequence[np.ndarray], low: float = 1.0, high: float = 99.0) -> Optional[Tuple[float, float]]:
    """Y-limits from the 1st–99th percentiles of all values, so one noisy file does not flatten the rest."""
    values = np.concatenate([np.asarray(c, float).ravel() for c in curves]) if curves else np.array([])
    values = values[np.isfinite(values)]
    if values.size == 0:
        return None
    lo, hi = np.percentile(values, [low, high])
    if hi - lo < 1e-9:
        lo, hi = lo - 0.05, hi + 0.05
    pad = 0.06 * (hi - lo)
    return float(lo - pad), float(hi + pad)


def label_levels(positions: Sequence[float], span: float, min_gap: float = 0.035) -> List[int]:
    """A stagger level per marker so that labels closer than ``min_gap`` of the axis never share a line."""
    levels: List[int] = []
    last_at: dict = {}
    for x in positions:
        level = 0
        while level in last_at and x - last_at[level] < min_gap * span:
            level += 1
        last_at[level] = x
        levels.append(level)
    return levels


class _Canvas(FigureCanvasQTAgg):
    def draw(self):
        # a dock squeezed for a moment (while QGIS lays out its panels) leaves no room for the axes:
        # matplotlib then warns on every redraw; the next draw at a usable size lays out normally
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="constrained_layout not applied", category=UserWarning)
            super().draw()


class SpectraPlot(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        cjk_font()
        self.figure = Figure(figsize=(5, 3), dpi=100, layout="constrained")  # tight_layout warns in small docks
        self.canvas = _Canvas(self.figure)
        self.canvas.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        self.canvas.setMinimumHeight(120)
        self.toolbar = NavigationToolbar2QT(self.canvas, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.canvas)
        self.axes = self.figure.add_subplot(111)
        self.show_features = True
        self.show_legend: Optional[bool] = None  # None: only when there are at most LEGEND_MAX curves
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
        ys = []
        for label, wl, values in curves:
            self.axes.plot(wl, values, lw=1.2, label=label)
            ys.append(values)
            n += 1
        if reference is not None:
            label, wl, values = reference
            self.axes.plot(wl, values, lw=1.6, ls="--", c="k", label=tr("reference: {0}").format(tr(label)))
            ys.append(values)
        limits = robust_ylim(ys)
        if limits is not None:
            self.axes.set_ylim(*limits)
        if self.show_features and n:
            self._markers()
        self.axes.set_xlabel(tr("Wavelength (nm)"))
        self.axes.set_ylabel(ylabel or tr("Reflectance"))
        self.axes.grid(alpha=0.3)
        drawn = n + (reference is not None)
        legend = self.show_legend if self.show_legend is not None else drawn <= LEGEND_MAX
        if drawn and legend:
            self.axes.legend(fontsize=7, loc="best")
        self.canvas.draw_idle()
        return drawn

    def _markers(self) -> None:
        lo, hi = self.axes.get_xlim()
        shown = [(wl, name) for wl, name in FEATURES if lo <= wl <= hi]
        for (wl, name), level in zip(shown, label_levels([w for w, _ in shown], hi - lo)):
            self.axes.axvline(wl, c="tab:red", lw=0.6, alpha=0.5)
            self.axes.text(wl, 1.0 - 0.3 * level, tr(name), rotation=90, va="top", ha="right", fontsize=6,
                           color="tab:red", transform=self.axes.get_xaxis_transform())
