"""The spectra dock in real QGIS (offscreen): load real ASD/SVC/SED files, plot, bad files, export."""
import csv
from pathlib import Path

import numpy as np
import pytest
from qgis.PyQt.QtCore import QMimeData, QPoint, Qt, QUrl
from qgis.PyQt.QtGui import QDropEvent

QPS = (Path(__file__).resolve().parents[1].parent / "shared" / "data" / "spectrometer_files" / "qps_testdata"
       / "qpstestdata")


@pytest.fixture
def dock(qgis_app, qgis_iface, qtbot):
    from hyperprospect.plugin.spectra_dock import SpectraDock

    qgis_iface.messageBar().clear_messages()
    d = SpectraDock(qgis_iface)
    qtbot.addWidget(d)
    d.show()
    return d


def _cell(d, row, col):
    return d.table.item(row, col).text()


def test_loads_real_asd_svc_sed_files(dock):
    files = [QPS / "asd" / "bin" / "ribb00001.asd", QPS / "svc" / "250527_0942_R001_T002-en.sig",
             QPS / "spectralevolution" / "darwin.sed"]
    loaded, failures = dock.load_paths([str(f) for f in files])
    assert loaded == 3 and failures == []
    assert dock.table.rowCount() == 3
    assert [_cell(dock, r, 4) for r in range(3)] == [f.name for f in files]
    assert all(_cell(dock, r, 2) for r in range(3))  # instrument shown for each
    assert "Loaded 3 spectra" in dock.status.text()
    assert len(dock.plot.axes.lines) >= 1


def test_folder_and_bad_file_go_to_message_bar(dock, qgis_iface, tmp_path):
    bad = tmp_path / "broken.asd"
    bad.write_bytes(b"ASD" + b"\x00" * 20)
    loaded, failures = dock.load_paths([str(QPS / "asd" / "as7"), str(bad)])
    assert loaded == 6
    assert [Path(f).name for f, _ in failures] == ["broken.asd"]
    from qgis.core import Qgis

    texts = qgis_iface.messageBar().get_messages(Qgis.Warning)  # pytest-qgis records what was pushed
    assert any("broken.asd" in t for t in texts), texts
    assert "Could not read 1 file" in dock.status.text()


def test_drop_a_folder(dock):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(QPS / "asd" / "gps"))])
    event = QDropEvent(QPoint(5, 5), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    dock.dropEvent(event)
    assert dock.table.rowCount() == 3


def test_continuum_toggle_redraws(dock):
    dock.load_paths([str(QPS / "asd" / "bin" / "ribb00001.asd")])
    dock.table.selectRow(0)
    before = dock.plot.axes.lines[0].get_ydata().copy()
    dock.continuum_check.setChecked(True)
    after = dock.plot.axes.lines[0].get_ydata()
    assert np.nanmax(after) <= 1.0 + 1e-9 and not np.allclose(before, after, equal_nan=True)
    assert "Continuum" in dock.plot.axes.get_ylabel()


def test_export_csv_keeps_notes_errors_and_unidentified(dock, tmp_path):
    """One row per spectrum in the identifyspectra schema: notes, errors and unreadable files are kept."""
    bad = tmp_path / "broken.asd"
    bad.write_bytes(b"ASD" + b"\x00" * 20)
    dock.load_paths([str(QPS / "asd" / "gps" / "ww00045.asd"), str(QPS / "asd" / "gps" / "ww00046.asd"), str(bad)])
    dock.items[0].candidates = [("Spodumene", 0.8), ("Beryl", 0.1)]
    dock.items[0].warnings = ["low confidence", "looks like green vegetation"]
    dock.items[1].error = "outside the model's wavelength range"
    path = dock.export_csv(str(tmp_path / "res"))  # typed without the extension
    assert path == str(tmp_path / "res.csv") and not (tmp_path / "res").exists()
    assert not [p for p in tmp_path.iterdir() if ".part" in p.name]  # written through atomic_output
    with open(path, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    from hyperprospect.models.geospectra.results import table_columns

    assert list(rows[0]) == table_columns(2)
    assert [Path(r["file"]).name for r in rows] == ["ww00045.asd", "ww00046.asd", "broken.asd"]
    assert (rows[0]["mineral_1"], rows[0]["mineral_2"]) == ("Spodumene", "Beryl")
    assert float(rows[0]["prob_1"]) == 0.8
    notes = rows[0]["notes"].split("; ")
    assert notes[:2] == ["low confidence", "looks like green vegetation"]
    assert "longitude sign" in notes[2]  # the gps/ files: the inferred ASD sign convention is flagged
    assert rows[0]["latitude"] != ""  # the gps/ files carry a position
    assert rows[1]["mineral_1"] == "" and "wavelength range" in rows[1]["error"]
    assert rows[2]["error"] and rows[2]["name"] == ""
    assert "-1" not in {v for r in rows for v in r.values()}  # missing is empty, not a number
    layer = dock.add_points_layer()
    assert layer is not None and layer.featureCount() == 1


def test_identify_real_files_fills_table_and_overlays_reference(dock, qtbot, qgis_iface):
    """ASD, SVC and SED files identified by the shipped GeoSpectra model in a background task."""
    files = [QPS / "asd" / "bin" / "ribb00001.asd", QPS / "svc" / "250527_0942_R001_T002-en.sig",
             QPS / "spectralevolution" / "darwin.sed"]
    dock.load_paths([str(f) for f in files])
    dock.table.clearSelection()
    with qtbot.waitSignal(dock.identificationFinished, timeout=180_000) as blocker:
        dock.identify()
    assert blocker.args[0] is True, blocker.args
    from hyperprospect.models.geospectra.model_file import load_model  # noqa: F401  (the shipped classes)
    from hyperprospect.models.geospectra.references import load_references

    classes = set(load_references())
    for r in range(3):
        item = dock.items[r]
        assert len(item.candidates) == 5, (item.name, item.error)
        probs = [p for _, p in item.candidates]
        assert probs == sorted(probs, reverse=True) and 0 < sum(probs) <= 1.0 + 1e-6
        assert {m for m, _ in item.candidates} <= classes
        # the table shows the best candidate with its confidence
        best, p = item.candidates[0]
        expected = f"{best} ({p:.0%})" if item.diagnostic else f"no diagnostic feature (like {best})"
        assert _cell(dock, r, 1) == expected
    # one spectrum selected: the five candidates are listed; picking one overlays its reference
    dock.table.selectRow(0)
    assert dock.candidates.rowCount() == 5
    assert dock.candidates.item(0, 0).text() == dock.items[0].candidates[0][0]
    lines_before = len(dock.plot.axes.lines)
    dock.candidates.selectRow(1)
    labels = [ln.get_label() for ln in dock.plot.axes.lines]
    assert len(dock.plot.axes.lines) > lines_before
    assert any(dock.items[0].candidates[1][0] in lab for lab in labels), labels


def test_picked_pixels_show_their_mineral_or_no_diagnostic_feature(dock, qtbot):
    """Pixels as the pick tool adds them (AHSI bands, library spectra): a named mineral or an honest no."""
    from hyperprospect.models.geospectra.dataset import AHSI_TABLE
    from hyperprospect.models.geospectra.grid import read_sensor_table
    from hyperprospect.models.geospectra.synthetic_cube import library_pixels
    from hyperprospect.models.spectra import Spectrum

    centres, fwhm = read_sensor_table(AHSI_TABLE)
    centres, keep = np.unique(centres, return_index=True)  # the VNIR and SWIR detectors overlap: one of each
    fwhm = fwhm[keep]
    for mineral, values in zip(("Kaolinite", "Quartz"), library_pixels(["Kaolinite", "Quartz"], centres, fwhm)):
        dock.add_spectrum(Spectrum(values=values, wavelengths=centres, name=f"pixel {mineral}"), "")
    dock.table.clearSelection()
    with qtbot.waitSignal(dock.identificationFinished, timeout=180_000):
        dock.identify()
    assert dock.items[0].diagnostic and _cell(dock, 0, 1).startswith("Kaolinite (")
    assert not dock.items[1].diagnostic and _cell(dock, 1, 1).startswith("no diagnostic feature (like ")
    assert any("no diagnostic feature in" in w for w in dock.items[1].warnings)


def test_identify_reports_spectra_outside_the_model_range(dock, qtbot, qgis_iface):
    """A spectrum that cannot be identified is named in the message bar, not a traceback."""
    from qgis.core import Qgis

    from hyperprospect.models.spectra import Spectrum

    wl = np.linspace(8000.0, 14000.0, 200)  # thermal infrared: outside GeoSpectra's 350-2500 nm grid
    dock.add_spectrum(Spectrum(values=np.full(wl.size, 0.3), wavelengths=wl, name="tir_only"), "")
    dock.load_paths([str(QPS / "asd" / "bin" / "ribb00001.asd")])
    dock.table.clearSelection()
    qgis_iface.messageBar().clear_messages()
    with qtbot.waitSignal(dock.identificationFinished, timeout=180_000):
        dock.identify()
    assert dock.items[0].candidates == [] and dock.items[0].error
    assert _cell(dock, 0, 1) == "not identified"
    assert len(dock.items[1].candidates) == 5
    texts = qgis_iface.messageBar().get_messages(Qgis.Warning)
    assert any("tir_only" in t for t in texts), texts


def test_render_identified_panel_to_png(dock, qtbot, tmp_path):
    """The panel with a real field spectrum identified and a reference overlaid, as a PNG.

    ``HP_SCREENSHOTS=docs/images bash scripts/test.sh tests/test_spectra_dock.py -k render``
    refreshes the picture shipped in the README.
    """
    import os
    import shutil

    from qgis.PyQt.QtGui import QImage

    usgs = QPS.parents[2] / "usgs_splib07a" / "ASCIIdata_splib07a" / "ChapterM_Minerals"
    dock.load_paths([str(usgs / "splib07a_Lepidolite_HS167.4B_ASDFRb_AREF.txt"),
                     str(QPS / "asd" / "gps" / "ww00045.asd"), str(QPS / "asd" / "bin" / "ribb00001.asd")])
    dock.table.clearSelection()
    with qtbot.waitSignal(dock.identificationFinished, timeout=180_000) as blocker:
        dock.identify()
    assert blocker.args[0] is True
    # the field spectrum ww00045 is green vegetation: flagged rather than named with confidence
    assert any("vegetation" in w for w in dock.items[1].warnings), dock.items[1].warnings
    assert not any("vegetation" in w for w in dock.items[0].warnings)
    dock.resize(760, 820)
    dock.table.selectRow(0)
    dock.candidates.selectRow(0)
    qtbot.wait(50)
    path = tmp_path / "spectra_dock.png"
    assert dock.grab().save(str(path))
    image = QImage(str(path))
    assert image.width() >= 700 and image.height() >= 800
    # not a blank widget: the plot and the tables put many distinct colours on the picture
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    assert len(colours) > 20
    target = os.environ.get("HP_SCREENSHOTS")
    if target:
        os.makedirs(target, exist_ok=True)
        shutil.copy(path, os.path.join(target, "spectra_dock.png"))


def test_dock_fits_a_narrow_panel(dock):
    """Icon toolbar instead of seven text buttons; the plot keeps a usable height in the splitter."""
    dock.load_paths([str(QPS / "asd" / "as7")])
    dock.message("x" * 2000)  # a long error does not widen the dock or push the table away
    assert dock.minimumSizeHint().width() <= 330, dock.minimumSizeHint()
    assert len(dock.status.text()) <= 160 and dock.status.toolTip() == "x" * 2000
    assert all(b.toolTip() and not b.icon().isNull() for b in (dock.open_button, dock.identify_button,
                                                              dock.export_button, dock.clear_button))
    from qgis.PyQt.QtCore import QFile

    from hyperprospect.plugin.spectra_dock import TOOLS

    assert all(QFile(":/images/themes/default" + icon).exists() for _, icon, _ in TOOLS)  # no blank buttons
    dock.resize(300, 420)
    assert dock.plot.minimumHeight() >= 150 and not dock.splitter.childrenCollapsible()


def test_many_curves_legend_limits_and_hiding(dock, tmp_path):
    """31 curves: no legend covering the plot (unless asked for), y-limits not flattened by one noisy file,
    curves hidden by unticking them."""
    from hyperprospect.models.spectra import Spectrum

    wl = np.linspace(400.0, 2500.0, 300)
    for i in range(30):
        dock.add_spectrum(Spectrum(values=0.3 + 0.01 * i + 0.02 * np.sin(wl / 200), wavelengths=wl, name=f"s{i}"))
    noisy = np.full(wl.size, 0.3)
    noisy[::50] = 40.0  # spikes of a broken file
    dock.add_spectrum(Spectrum(values=noisy, wavelengths=wl, name="noisy"))
    dock.table.clearSelection()
    assert len(dock.plot.axes.lines) >= 31
    assert dock.plot.axes.get_legend() is None
    lo, hi = dock.plot.axes.get_ylim()
    assert hi < 2.0 and lo > 0.0  # the spikes do not set the scale
    dock.legend_check.setChecked(True)
    assert dock.plot.axes.get_legend() is not None
    curves_before = [ln.get_label() for ln in dock.plot.axes.lines if not ln.get_label().startswith("_")]
    dock.table.item(30, 0).setCheckState(Qt.Unchecked)
    curves_after = [ln.get_label() for ln in dock.plot.axes.lines if not ln.get_label().startswith("_")]
    assert "noisy" in curves_before and "noisy" not in curves_after


def test_marker_labels_do_not_overlap(dock):
    from hyperprospect.plugin.spectra_plot import label_levels

    dock.load_paths([str(QPS / "asd" / "bin" / "ribb00001.asd")])
    texts = {t.get_text(): t.get_position()[1] for t in dock.plot.axes.texts}
    near = [texts[k] for k in texts if k.endswith(("2155", "2200", "2207"))]
    assert len(near) == 3 and len(set(near)) == 3  # three close markers on three heights
    assert label_levels([100, 2000, 2010, 2020, 3000], 2150) == [0, 0, 1, 2, 0]


def test_statuses_plural_clear_and_same_named_files(dock, tmp_path):
    import shutil

    src = QPS / "svc" / "250527_0942_R001_T002-en.sig"
    for folder in ("day1", "day2"):
        (tmp_path / folder).mkdir()
        shutil.copy(src, tmp_path / folder / src.name)
    dock.load_paths([str(tmp_path / "day1" / src.name)])
    assert dock.status.text() == "Loaded 1 spectrum."
    dock.load_paths([str(tmp_path / "day2" / src.name)])
    assert [_cell(dock, r, 4) for r in range(2)] == [f"day1/{src.name}", f"day2/{src.name}"]
    dock.clear()
    assert "Loaded" not in dock.status.text() and dock.table.rowCount() == 0


def test_identify_takes_all_loaded_spectra_when_none_is_selected(dock):
    """Loading selects nothing, so Identify (and the plot) take every spectrum."""
    dock.load_paths([str(QPS / "asd" / "as7")])
    assert dock.selected_rows() == []
    assert len([ln for ln in dock.plot.axes.lines if not ln.get_label().startswith("_")]) == 6


def test_chinese_dock_renders_without_missing_glyphs(qgis_app, qgis_iface, qtbot):
    """Axis labels, marker labels, mineral names and the reference legend in Chinese draw with a CJK font."""
    import warnings

    from matplotlib.figure import Figure
    from qgis.core import QgsSettings

    import hyperprospect
    from hyperprospect.plugin.spectra_dock import SpectraDock
    from hyperprospect.plugin.spectra_plot import cjk_font

    assert cjk_font(), "no CJK font installed (Debian: fonts-wqy-microhei, see scripts/setup.sh)"
    settings = QgsSettings()
    old = settings.value("locale/userLocale", "")
    settings.setValue("locale/userLocale", "zh-Hans")
    plugin = hyperprospect.classFactory(qgis_iface)
    try:
        dock = SpectraDock(qgis_iface)
        qtbot.addWidget(dock)
        dock.show()
        dock.load_paths([str(QPS / "asd" / "bin" / "ribb00001.asd")])
        dock.table.selectRow(0)
        dock.items[0].candidates = [("Spodumene", 0.9)]
        dock._selection_changed()
        dock.candidates.selectRow(0)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            dock.plot.canvas.draw()
        texts = [t.get_text() for t in dock.plot.axes.texts] + [dock.plot.axes.get_xlabel()]
        assert "锂辉石 2207" in texts and "波长" in dock.plot.axes.get_xlabel()
        assert dock.candidates.item(0, 0).text() == "锂辉石"
        assert not [str(w.message) for w in caught if "missing from" in str(w.message)]
    finally:
        plugin.unload()
        settings.setValue("locale/userLocale", old)
    # the check can fail: the same text without the CJK fallback warns about missing glyphs
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig = Figure()
        fig.add_subplot(111).set_xlabel("波长", fontfamily="DejaVu Sans")
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        FigureCanvasAgg(fig).draw()
    assert any("missing from" in str(w.message) for w in caught)


def test_columns_that_are_not_spectra_are_said_not_hidden(dock, qgis_iface, tmp_path):
    """A table of means with their standard deviations: the dock loads the means and says which columns it
    left out and why (the spread is not a mineral to identify)."""
    from qgis.core import Qgis

    rows = "\n".join(f"{400 + i},{0.3 + 0.01 * i:.3f},{0.002:.3f},{0.25:.3f}" for i in range(10))
    (tmp_path / "means.csv").write_text("Wavelength (nm),kaolinite mean,StdDev,alunite\n" + rows + "\n")
    loaded, failures = dock.load_paths([str(tmp_path / "means.csv")])
    assert loaded == 2 and failures == [] and dock.table.rowCount() == 2
    status = dock.status.text()
    assert "means.csv: left out 1 record that is not a spectrum" in status, status
    assert "StdDev: the spread of the values" in status
    assert any("StdDev" in t for t in qgis_iface.messageBar().get_messages(Qgis.Info))
