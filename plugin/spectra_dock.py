"""The spectra dock: load spectrometer files, look at them, ask which mineral they are."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple

import numpy as np
from qgis.core import (Qgis, QgsApplication, QgsFeature, QgsField, QgsGeometry, QgsPointXY, QgsProject,
                       QgsSettings, QgsVectorLayer)
from qgis.gui import QgsDockWidget
from qgis.PyQt.QtCore import QCoreApplication, Qt, QVariant, pyqtSignal
from qgis.PyQt.QtWidgets import (QAbstractItemView, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QMenu,
                                 QProgressBar, QSizePolicy, QSplitter, QTableWidget, QTableWidgetItem, QToolButton,
                                 QVBoxLayout, QWidget)

from ..models.geospectra.results import failure_record, spectrum_record, write_csv
from ..models.spectra.spectrum import gps_position, position_note
from ..processing_provider.messages import left_out_text, translate_message
from .spectra_plot import SpectraPlot

STATUS_CHARS = 160  # the status line shows this much; the full text is its tooltip and in the message bar
# toolbar: attribute, theme icon, tooltip
TOOLS = (("open_button", "/mActionFileOpen.svg", "Open files…"),
         ("folder_button", "/mIconFolderOpen.svg", "Open folder…"),
         ("identify_button", "/mActionIdentify.svg", "Identify the selected spectra (all when none is selected)"),
         ("cancel_button", "/mTaskCancel.svg", "Cancel"),
         ("export_button", "/mActionFileSaveAs.svg", "Export CSV…"),
         ("points_button", "/mIconPointLayer.svg", "Points layer"),
         ("clear_button", "/mActionDeleteSelected.svg", "Clear"))


def plural(n: int, one: str, many: str) -> str:
    """The translated singular or plural text, to be formatted by the caller (``{0}`` is the count)."""
    return tr(one) if n == 1 else tr(many)


def distinct_labels(files: Sequence[str]) -> List[str]:
    """File names, with as many parent folders as it takes to tell same-named files apart."""
    parts = [Path(f).parts if f else ("",) for f in files]
    depth = [1] * len(files)
    for _ in range(8):
        labels = ["/".join(p[-d:]) for p, d in zip(parts, depth)]
        clash = {lab for lab in labels if labels.count(lab) > 1}
        if not clash:
            break
        depth = [d + 1 if lab in clash and d < len(p) else d for lab, d, p in zip(labels, depth, parts)]
    return ["/".join(p[-d:]) for p, d in zip(parts, depth)]

SETTINGS_PREFIX = "hyperprospect/spectra_dock/"


def tr(text: str) -> str:
    return QCoreApplication.translate("HyperProspect", text)


@dataclass
class LoadedSpectrum:
    """One spectrum in the panel, with what identification said about it."""

    spectrum: Any  # models.spectra Spectrum
    file: str
    candidates: List[Tuple[str, float]] = field(default_factory=list)
    error: str = ""  # why identification gave no answer (e.g. outside the model's range)
    warnings: List[str] = field(default_factory=list)  # e.g. low confidence, vegetation, partial coverage
    result: Dict[str, Any] = field(default_factory=dict)  # identify_arrays' answer (family, coverage, …)
    visible: bool = True  # unticked in the table: not drawn
    diagnostic: bool = True  # False: no diagnostic absorption in the covered range (candidates are only "like")

    def record(self) -> Dict[str, Any]:
        """This spectrum in the identification result schema (models.geospectra.results)."""
        result = {**self.result, "candidates": [{"mineral": m, "probability": p} for m, p in self.candidates],
                  "notes": list(self.warnings), "error": self.error}
        return spectrum_record(self.spectrum, result, file=self.file)

    @property
    def name(self) -> str:
        return getattr(self.spectrum, "name", "") or Path(self.file).stem

    @property
    def instrument(self) -> str:
        s = self.spectrum
        model = getattr(s, "instrument_model", None) or getattr(s, "instrument", None) or ""
        serial = getattr(s, "instrument_serial", None)
        return f"{model} #{serial}" if model and serial else str(model)

    @property
    def date(self) -> str:
        t = getattr(self.spectrum, "acquired", None)
        return str(t)[:19] if t else ""

    @property
    def position(self) -> Optional[Tuple[float, float]]:
        return gps_position(self.spectrum)

    @property
    def position_note(self) -> str:
        return position_note(self.spectrum)


class SpectraDock(QgsDockWidget):
    """Open or drop files/folders → list + plot → Identify (background) → top-5, reference overlay."""

    spectraChanged = pyqtSignal()
    identificationFinished = pyqtSignal(bool, str)

    def __init__(self, iface=None, parent=None):
        super().__init__(tr("HyperProspect spectra"), parent)
        self.setObjectName("HyperProspectSpectraDock")  # QGIS restores its place by this name
        self.iface = iface
        self.items: List[LoadedSpectrum] = []
        self.task = None
        self.references: Optional[Dict[str, Tuple[np.ndarray, np.ndarray]]] = None
        self.setAcceptDrops(True)

        self.failures: List[Tuple[str, str]] = []  # files that could not be read: kept for the CSV
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(self._toolbar())
        splitter = QSplitter(Qt.Vertical)
        splitter.setChildrenCollapsible(False)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels([tr("Name"), tr("Best match"), tr("Instrument"), tr("Date"), tr("File")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMinimumHeight(70)
        splitter.addWidget(self.table)
        self.plot = SpectraPlot()
        self.plot.setMinimumHeight(180)
        splitter.addWidget(self.plot)
        self.candidates = QTableWidget(0, 2)
        self.candidates.setHorizontalHeaderLabels([tr("Mineral"), tr("Confidence")])
        self.candidates.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.candidates.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.candidates.horizontalHeader().setStretchLastSection(True)
        self.candidates.setMinimumHeight(60)
        splitter.addWidget(self.candidates)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setStretchFactor(2, 1)
        splitter.setSizes([140, 320, 110])
        self.splitter = splitter
        layout.addWidget(splitter, 1)
        self.setWidget(body)
        self.setMinimumWidth(260)

        self.open_button.clicked.connect(self.choose_files)
        self.folder_button.clicked.connect(self.choose_folder)
        self.identify_button.clicked.connect(self.identify)
        self.cancel_button.clicked.connect(self.cancel)
        self.export_button.clicked.connect(self.choose_export)
        self.points_button.clicked.connect(self.add_points_layer)
        self.clear_button.clicked.connect(self.clear)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.itemChanged.connect(self._visibility_changed)
        self.candidates.itemSelectionChanged.connect(self.refresh_plot)
        self.continuum_check.toggled.connect(self.refresh_plot)
        self.features_check.toggled.connect(self._features_toggled)
        self.legend_check.toggled.connect(self._legend_toggled)
        self._update_buttons()

    def _toolbar(self) -> QVBoxLayout:
        """Icon buttons with tooltips and three toggles: the dock fits a narrow side panel."""
        rows = QVBoxLayout()
        tools = QHBoxLayout()
        tools.setSpacing(2)
        for attr, icon, tip in TOOLS:
            button = QToolButton()
            button.setIcon(QgsApplication.getThemeIcon(icon))
            button.setToolTip(tr(tip))
            button.setAutoRaise(True)
            setattr(self, attr, button)
            tools.addWidget(button)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setMaximumWidth(120)
        self.progress.setVisible(False)
        tools.addWidget(self.progress)
        tools.addStretch(1)
        rows.addLayout(tools)
        # display toggles in one menu button: three check boxes would set the dock's width
        view = QToolButton()
        view.setIcon(QgsApplication.getThemeIcon("/mActionShowAllLayers.svg"))
        view.setToolTip(tr("Display: continuum removal, feature markers, legend"))
        view.setPopupMode(QToolButton.InstantPopup)
        menu = QMenu(view)
        self.continuum_check = menu.addAction(tr("Continuum removed"))
        self.features_check = menu.addAction(tr("Feature markers"))
        self.legend_check = menu.addAction(tr("Legend (shown by itself for up to 8 curves)"))
        for action in (self.continuum_check, self.features_check, self.legend_check):
            action.setCheckable(True)
        self.features_check.setChecked(True)
        view.setMenu(menu)
        self.view_button = view
        tools.insertWidget(len(TOOLS), view)
        self.status = QLabel(tr("Open or drop spectrometer files or folders here."))
        # one line, never wider than the dock: long notes and errors are elided; the tooltip has them in full
        self.status.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
        rows.addWidget(self.status)
        return rows

    def set_status(self, text: str) -> None:
        short = text if len(text) <= STATUS_CHARS else text[:STATUS_CHARS - 1].rstrip() + "…"
        self.status.setText(short)
        self.status.setToolTip(text)

    # -- messages ------------------------------------------------------------------
    def message(self, text: str, level=Qgis.Info) -> None:
        self.set_status(text)
        if self.iface is not None:
            self.iface.messageBar().pushMessage("HyperProspect", text, level, 8)

    # -- loading -------------------------------------------------------------------
    def last_folder(self) -> str:
        return QgsSettings().value(SETTINGS_PREFIX + "last_folder", str(Path.home()))

    def choose_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, tr("Open spectrometer files"), self.last_folder(),
                                                tr("Spectra (*.asd *.sig *.sed *.sli *.hdr *.txt *.csv *.jdx *.dx *.spc);;All files (*)"))
        if files:
            self.load_paths(files)

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("Open a folder of spectra"), self.last_folder())
        if folder:
            self.load_paths([folder])

    def load_paths(self, paths: Sequence[str]) -> Tuple[int, List[Tuple[str, str]]]:
        """Load files and folders; bad files go to the message bar with the reason. Returns (loaded, failures)."""
        from ..models.spectra import load_folder

        paths = [str(p) for p in paths]
        if not paths:
            return 0, []
        first = Path(paths[0])
        QgsSettings().setValue(SETTINGS_PREFIX + "last_folder", str(first if first.is_dir() else first.parent))
        spectra, report = load_folder(paths)
        failures = [(str(e.path), e.reason) for e in report.failed]
        self.failures += failures
        for s in spectra:
            self.items.append(LoadedSpectrum(s, str(getattr(s, "source", "") or "")))
        self._fill_table()
        text = plural(len(spectra), "Loaded 1 spectrum.", "Loaded {0} spectra.").format(len(spectra))
        left = [left_out_text(e) for e in report.loaded if e.left_out]  # spreads, axis rows: said, not hidden
        if left:
            more = tr(" (and {0} more)").format(len(left) - 3) if len(left) > 3 else ""
            text += " " + tr("; ").join(left[:3]) + more + tr(".")
        if failures:
            details = "; ".join(f"{Path(f).name}: {translate_message(why)}" for f, why in failures[:5])
            more = tr(" (and {0} more)").format(len(failures) - 5) if len(failures) > 5 else ""
            self.message(text + " " + plural(len(failures), "Could not read 1 file: {1}{2}",
                                             "Could not read {0} files: {1}{2}").format(len(failures), details, more),
                         Qgis.Warning)
        else:
            self.message(text, Qgis.Info)
        # nothing is selected: the plot shows every spectrum and Identify takes them all
        self.refresh_plot()
        self.spectraChanged.emit()
        return len(spectra), failures

    def add_spectrum(self, spectrum: Any, source: str = "") -> None:
        """Add an in-memory spectrum (e.g. a pixel picked on the map)."""
        self.items.append(LoadedSpectrum(spectrum, source))
        self._fill_table()
        self.table.selectRow(len(self.items) - 1)
        self.spectraChanged.emit()

    def clear(self) -> None:
        self.items = []
        self.failures = []
        self._fill_table()
        self.candidates.setRowCount(0)
        self.refresh_plot()
        self.set_status(tr("Open or drop spectrometer files or folders here."))
        self.spectraChanged.emit()

    # drag & drop of files and folders
    def dragEnterEvent(self, event):  # noqa: N802
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event):  # noqa: N802
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.load_paths(paths)

    # -- table and plot --------------------------------------------------------------
    def _fill_table(self) -> None:
        self.table.blockSignals(True)  # itemChanged would fire for every cell set
        self.table.setRowCount(len(self.items))
        labels = distinct_labels([item.file for item in self.items])
        for row, (item, label) in enumerate(zip(self.items, labels)):
            best = f"{tr(item.candidates[0][0])} ({item.candidates[0][1]:.0%})" if item.candidates else ""
            if item.candidates and not item.diagnostic:
                best = tr("no diagnostic feature (like {0})").format(tr(item.candidates[0][0]))
            if item.error and not item.candidates:
                best = tr("not identified")
            for col, text in enumerate((item.name, best, item.instrument, item.date, label)):
                cell = QTableWidgetItem(text)
                tip = text
                if col == 0:  # the tick shows or hides the curve; a doubtful GPS position is flagged here
                    cell.setFlags(cell.flags() | Qt.ItemIsUserCheckable)
                    cell.setCheckState(Qt.Checked if item.visible else Qt.Unchecked)
                    tip = tr("Untick to hide this curve")
                    if item.position_note:
                        tip = f"{tip}\n{translate_message(item.position_note)}"
                        cell.setIcon(QgsApplication.getThemeIcon("/mIconWarning.svg"))
                elif col == 4:
                    tip = item.file
                elif col == 1 and (item.error or item.warnings):
                    tip = "\n".join(translate_message(t) for t in ([item.error] if item.error else item.warnings))
                    cell.setIcon(QgsApplication.getThemeIcon("/mIconWarning.svg"))
                cell.setToolTip(tip)
                self.table.setItem(row, col, cell)
        self.table.resizeColumnsToContents()
        self.table.blockSignals(False)
        self._update_buttons()

    def _visibility_changed(self, cell: QTableWidgetItem) -> None:
        if cell.column() == 0 and cell.row() < len(self.items):
            self.items[cell.row()].visible = cell.checkState() == Qt.Checked
            self.refresh_plot()

    def selected_rows(self) -> List[int]:
        return sorted({i.row() for i in self.table.selectedItems()})

    def _selection_changed(self) -> None:
        rows = self.selected_rows()
        self.candidates.setRowCount(0)
        if len(rows) == 1 and self.items[rows[0]].candidates:
            cands = self.items[rows[0]].candidates
            self.candidates.setRowCount(len(cands))
            for r, (mineral, p) in enumerate(cands):
                self.candidates.setItem(r, 0, QTableWidgetItem(tr(mineral)))
                self.candidates.setItem(r, 1, QTableWidgetItem(f"{p:.1%}"))
            self.candidates.resizeColumnToContents(0)
            if self.items[rows[0]].warnings:
                self.set_status(tr("Note: {0}").format("; ".join(translate_message(w)
                                                                 for w in self.items[rows[0]].warnings)))
        self.refresh_plot()

    def _legend_toggled(self, on: bool) -> None:
        self.plot.show_legend = on
        self.refresh_plot()

    def _features_toggled(self, on: bool) -> None:
        self.plot.show_features = on
        self.refresh_plot()

    def _curve(self, spectrum) -> Tuple[np.ndarray, np.ndarray]:
        wl = np.asarray(spectrum.wavelengths, float)
        values = np.asarray(spectrum.values, float)
        if self.continuum_check.isChecked():
            from ..models.spectra.preprocess import continuum_removed

            values = continuum_removed(values, wl)
        return wl, values

    def refresh_plot(self) -> None:
        rows = self.selected_rows() or list(range(len(self.items)))
        curves = []
        for r in (r for r in rows if self.items[r].visible):
            try:
                wl, values = self._curve(self.items[r].spectrum)
            except Exception as exc:  # a spectrum that cannot be drawn must not break the panel
                self.set_status(f"{self.items[r].name}: {exc}")
                continue
            curves.append((self.items[r].name, wl, values))
        reference = None
        cand_rows = sorted({i.row() for i in self.candidates.selectedItems()})
        if cand_rows and len(rows) == 1:
            mineral = self.items[rows[0]].candidates[cand_rows[0]][0]
            ref = self.reference_spectrum(mineral)
            if ref is not None:
                wl, values = ref
                if self.continuum_check.isChecked():
                    from ..models.spectra.preprocess import continuum_removed

                    values = continuum_removed(values, wl)
                reference = (mineral, wl, values)
        ylabel = tr("Continuum-removed reflectance") if self.continuum_check.isChecked() else None
        self.plot.plot(curves, reference, ylabel)

    def reference_spectrum(self, mineral: str) -> Optional[Tuple[np.ndarray, np.ndarray]]:
        if self.references is None:
            try:
                from ..models.geospectra.references import load_references

                self.references = load_references()
            except Exception as exc:
                self.set_status(tr("No reference spectra: {0}").format(exc))
                self.references = {}
        return self.references.get(mineral)

    # -- identification ----------------------------------------------------------------
    def identify(self) -> None:
        from qgis.core import QgsApplication as _App

        from .identify_task import IdentifyTask

        rows = self.selected_rows() or list(range(len(self.items)))
        if not rows:
            self.message(tr("Load spectra first."), Qgis.Warning)
            return
        from ..models.geospectra.jobs import spectrum_payload

        payload = [spectrum_payload(self.items[r].spectrum, r) for r in rows]
        self._pending_rows = rows
        title = plural(len(rows), "Identifying 1 spectrum", "Identifying {0} spectra").format(len(rows))
        self.task = IdentifyTask(title, payload)
        self.task.progressChanged.connect(lambda p: self.progress.setValue(int(p)))
        self.task.resultsReady.connect(self._identified)
        self.task.failed.connect(self._identify_failed)
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self._update_buttons(running=True)
        _App.taskManager().addTask(self.task)

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()

    def _identified(self, results: list) -> None:
        problems = []
        for r, res in zip(self._pending_rows, results):
            self.items[r].candidates = [(c["mineral"], float(c["probability"])) for c in res["candidates"]]
            self.items[r].error = res.get("error", "")
            self.items[r].warnings = list(res.get("notes") or res.get("warnings") or [])
            self.items[r].result = {k: v for k, v in res.items() if k not in ("candidates", "warnings", "notes")}
            self.items[r].diagnostic = bool(res.get("diagnostic", True))
            if self.items[r].error:
                problems.append(f"{self.items[r].name}: {translate_message(self.items[r].error)}")
        self.task = None
        self.progress.setVisible(False)
        self._fill_table()
        self._selection_changed()
        if problems:
            self.message(plural(len(results), "Identified {0} of 1 spectrum; not identified: {2}",
                                "Identified {0} of {1} spectra; not identified: {2}").format(
                len(results) - len(problems), len(results), "; ".join(problems[:5])), Qgis.Warning)
        else:
            self.message(plural(len(results), "Identified 1 spectrum.", "Identified {0} spectra.").format(len(results)),
                         Qgis.Success)
        self.identificationFinished.emit(True, "")

    def _identify_failed(self, error: str) -> None:
        self.task = None
        self.progress.setVisible(False)
        self._update_buttons()
        text = (tr("Identification cancelled.") if error == "cancelled"
                else tr("Identification failed: {0}").format(translate_message(error)))
        self.message(text, Qgis.Warning if error == "cancelled" else Qgis.Critical)
        self.identificationFinished.emit(False, error)

    def _update_buttons(self, running: bool = False) -> None:
        has = bool(self.items)
        self.identify_button.setEnabled(has and not running)
        self.cancel_button.setEnabled(running)
        self.export_button.setEnabled(has and not running)
        self.points_button.setEnabled(any(i.candidates and i.position for i in self.items) and not running)
        self.clear_button.setEnabled(has and not running)

    # -- export ------------------------------------------------------------------------
    def choose_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, tr("Export identification results"), self.last_folder(),
                                              "CSV (*.csv)")
        if path:
            self.export_csv(path)

    def export_csv(self, path: str) -> str:
        """Every loaded spectrum (identified or not, with notes and errors) and every unreadable file, one row
        each, in the schema of the identifyspectra table; written atomically, ``.csv`` added if missing."""
        records = [item.record() for item in self.items] + [failure_record(f, why) for f, why in self.failures]
        written = str(write_csv(records, path))
        self.message(tr("Results written to {0}").format(written), Qgis.Success)
        return written

    def add_points_layer(self) -> Optional[QgsVectorLayer]:
        """A memory point layer (WGS 84) of the identified spectra that carry GPS positions."""
        layer = QgsVectorLayer("Point?crs=EPSG:4326", tr("Identified spectra"), "memory")
        pr = layer.dataProvider()
        pr.addAttributes([QgsField("name", QVariant.String), QgsField("file", QVariant.String),
                          QgsField("instrument", QVariant.String), QgsField("mineral", QVariant.String),
                          QgsField("probability", QVariant.Double), QgsField("position_note", QVariant.String)])
        layer.updateFields()
        feats = []
        for item in self.items:
            if not item.candidates or item.position is None:
                continue
            lat, lon = item.position
            f = QgsFeature(layer.fields())
            f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(lon, lat)))
            f.setAttributes([item.name, item.file, item.instrument, item.candidates[0][0], item.candidates[0][1],
                             item.position_note or None])
            feats.append(f)
        if not feats:
            self.message(tr("None of the identified spectra carries a GPS position."), Qgis.Warning)
            return None
        pr.addFeatures(feats)
        layer.updateExtents()
        QgsProject.instance().addMapLayer(layer)
        return layer
