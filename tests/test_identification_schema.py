"""One identification result schema: the CLI's JSON, identifyspectra's table and the dock's CSV agree."""
import csv
import json
import subprocess
import sys
from pathlib import Path

import numpy as np

from models.geospectra.results import csv_path, failure_record, spectrum_record, table_columns, table_row, write_csv
from models.spectra import Spectrum

QPS = (Path(__file__).resolve().parents[1].parent / "shared" / "data" / "spectrometer_files" / "qps_testdata"
       / "qpstestdata")
FILES = [QPS / "svc" / "250527_0942_R001_T002-en.sig", QPS / "asd" / "gps" / "ww00045.asd"]


def test_missing_values_are_none_not_minus_one():
    from models.geospectra.jobs import identify_arrays, spectrum_payload

    wl = np.linspace(400, 2400, 201)
    values = np.full(wl.size, 0.4)
    values[10] = np.nan
    values[20] = -1.0  # a real (if odd) value, no longer taken for "missing"
    payload = spectrum_payload(Spectrum(values=values, wavelengths=wl, name="x"), 0)
    assert payload["values"][10] is None and payload["values"][20] == -1.0
    json.dumps(payload, allow_nan=False)  # strict JSON
    rec = spectrum_record(Spectrum(values=values, wavelengths=wl, name="x"), None)
    assert rec["latitude"] is None and rec["coverage"] is None and rec["error"] is None
    row = table_row(rec, 2)
    assert list(row) == table_columns(2) and row["prob_1"] is None
    assert identify_arrays([payload], top=2)[0]["candidates"]  # the worker job accepts nulls


def test_csv_writer_adds_extension_and_keeps_everything(tmp_path):
    wl = np.linspace(400, 2400, 201)
    ok = spectrum_record(Spectrum(values=np.full(wl.size, 0.4), wavelengths=wl, name="a", source="/d/a.sig"),
                         {"candidates": [{"mineral": "Beryl", "probability": 0.7}], "instrument": "ASD",
                          "coverage": 0.9, "warnings": ["low confidence"], "diagnostic": False})
    bad = failure_record("/d/b.asd", "not an ASD file")
    assert csv_path(tmp_path / "out") == tmp_path / "out.csv" and csv_path(tmp_path / "o.CSV").name == "o.CSV"
    path = write_csv([ok, bad], tmp_path / "out")
    with open(path, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert path.name == "out.csv" and list(rows[0]) == table_columns(1)
    assert rows[0]["notes"] == "low confidence" and rows[0]["diagnostic"] == "false" and rows[0]["family"] == "ASD"
    assert rows[1]["error"] == "not an ASD file" and rows[1]["mineral_1"] == "" and rows[1]["diagnostic"] == ""


def test_cli_algorithm_and_dock_share_one_schema(provider, repo, tmp_path, qgis_iface, qtbot):
    import processing

    from hyperprospect.plugin.spectra_dock import SpectraDock

    bad = tmp_path / "broken.asd"
    bad.write_bytes(b"ASD" + b"\x00" * 20)
    paths = [str(f) for f in FILES] + [str(bad)]
    proc = subprocess.run([sys.executable, "-m", "models", "identify", *paths, "--top", "3", "--json"], cwd=repo,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    cli = {Path(r["file"]).name: r for r in json.loads(proc.stdout)}

    out = tmp_path / "alg.csv"
    processing.run("hyperprospect:identifyspectra", {"INPUT": paths, "TOP": 3, "OUTPUT": str(out)})
    with open(out, encoding="utf-8") as fh:
        alg_rows = list(csv.DictReader(fh))
    alg = {Path(r["file"]).name: r for r in alg_rows}

    dock = SpectraDock(qgis_iface)
    qtbot.addWidget(dock)
    dock.load_paths(paths)
    with qtbot.waitSignal(dock.identificationFinished, timeout=300_000):
        dock.identify()
    with open(dock.export_csv(str(tmp_path / "dock")), encoding="utf-8") as fh:
        dock_rows = list(csv.DictReader(fh))
    docked = {Path(r["file"]).name: r for r in dock_rows}

    dock_top = max(len(i.candidates) for i in dock.items)
    assert list(alg_rows[0]) == table_columns(3) and list(dock_rows[0]) == table_columns(dock_top)
    assert set(cli) == set(alg) == set(docked) == {f.name for f in FILES} | {"broken.asd"}
    head = [c for c in table_columns(0) if c not in ("notes", "error")]
    for name in cli:
        flat = {k: ("" if v is None else v) for k, v in table_row(cli[name], 3).items()}
        for col in head + ["mineral_1", "prob_1"]:
            values = [str(flat[col]).lower(), alg[name][col].lower(), docked[name][col].lower()]
            if col == "diagnostic":  # a boolean field: OGR's CSV writes it as 1/0
                values = [{"1": "true", "0": "false"}.get(v, v) for v in values]
            if col in ("latitude", "longitude", "coverage", "prob_1") and values[0]:
                assert np.allclose([float(v) for v in values], float(values[0]), rtol=1e-9), (name, col, values)
            else:
                assert values[0] == values[1] == values[2], (name, col, values)
        assert bool(flat["error"]) == bool(alg[name]["error"]) == bool(docked[name]["error"])
        assert (flat["notes"] or "") == alg[name]["notes"] == docked[name]["notes"]
    assert cli["broken.asd"]["error"] and cli["broken.asd"]["candidates"] == []
