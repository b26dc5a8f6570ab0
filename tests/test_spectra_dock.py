"""The spectra dock in real QGIS (offscreen): load real ASD/SVC/SED files, plot, bad files, export."""
import csv
from pathlib import Path

import numpy as np
import pytest
from qgis.PyQt.QtCore import QMimeData, QPoint, Qt, QUrl
from qgis.PyQt.QtGui import QDropEvent

QPS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "spectrometer_files" / "qps_testdata" / "qpstestdata"


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
    assert all(_cell(dock, r, 1) for r in range(3))  # instrument shown for each
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


def test_export_csv_with_candidates(dock, tmp_path):
    dock.load_paths([str(QPS / "asd" / "gps" / "ww00045.asd")])
    dock.items[0].candidates = [("Spodumene", 0.8), ("Beryl", 0.1)]
    path = dock.export_csv(str(tmp_path / "res.csv"))
    rows = list(csv.DictReader(open(path)))
    assert [r["mineral"] for r in rows] == ["Spodumene", "Beryl"]
    assert rows[0]["latitude"] != ""  # the gps/ files carry a position
    layer = dock.add_points_layer()
    assert layer is not None and layer.featureCount() == 1
