"""Format sniffing, folder loading with a per-file report, and ``python -m models convert``."""
import csv
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from models.spectra import SpectrumFileError, detect_format, load_folder, read_spectra, supported_formats
from models.spectra.readers import asd, csvtext, ecostress, envi, relab, sed, svc, usgs
from spectra_support import DATA, QPS, SPECTRO, SPODUMENE_ASD

REPO = Path(__file__).resolve().parents[1]

# every sample file that is not a spectrum, and the reason it must be refused with
REFUSED = {
    "qps_testdata/qpstestdata/asd/gps/readme.txt": ("failed", "no table of wavelength and value columns"),
    "qps_testdata/qpstestdata/spectralevolution/darwin.raw": ("failed", "read darwin.sed"),
    "qps_testdata/qpstestdata/svc/HR.020824.0000.sig.jpg": ("failed", "a JPEG image, not a spectrum file"),
    "qps_testdata/qpstestdata/envi/speclib.csv": ("skipped", "attribute table of the ENVI spectral library"),
    "qps_testdata/qpstestdata/envi/speclib.hdr": ("skipped", "header of speclib.sli"),
}
FORMAT_OF = {".asd": asd, ".sig": svc, ".sed": sed, ".sli": envi, ".asc": relab}


def test_every_sample_file_loads_or_is_refused_for_the_right_reason():
    spectra, report = load_folder(SPECTRO)
    entries = {Path(e.path).relative_to(SPECTRO).as_posix(): e for e in report}
    assert len(entries) == sum(1 for p in SPECTRO.rglob("*") if p.is_file())
    for rel, entry in entries.items():
        if rel in REFUSED:
            status, reason = REFUSED[rel]
            assert entry.status == status and reason in entry.reason, entry
        else:
            assert entry.status == "loaded", entry
            expected = FORMAT_OF.get(Path(rel).suffix)
            if expected is not None:
                assert entry.format == expected.FORMAT, entry
    assert entries["spectralpython_ecostress_relab/ecostress/a.spectrum.txt"].format == ecostress.FORMAT
    assert entries["qps_testdata/qpstestdata/asd/txt/ribb00001.asd.txt"].format == csvtext.FORMAT
    assert len(report.loaded) == 32 and len(spectra) == 38
    assert "32 loaded (38 spectra), 2 skipped, 3 failed" in report.summary()


def test_single_files_and_errors():
    assert detect_format(SPODUMENE_ASD) is usgs
    with pytest.raises(SpectrumFileError, match="no such file"):
        read_spectra(SPECTRO / "nope.asd")
    with pytest.raises(SpectrumFileError, match="is a folder"):
        read_spectra(SPECTRO)
    names = [name for name, _ in supported_formats()]
    assert "JCAMP-DX" in names and "ASD FieldSpec binary" in names


def test_envi_images_are_refused_as_rasters():
    image = sorted((DATA / "aviris_ng_tiles").glob("*.img"))[0]
    with pytest.raises(SpectrumFileError, match=r"ENVI image \(ENVI Standard, 432 band\(s\)\).*raster layer"):
        read_spectra(image)
    _, report = load_folder(image.parent)
    assert len(report.skipped) == len(report.failed) == len(list(image.parent.glob("*.img")))


def test_wrong_extension_is_read_by_content(tmp_path):
    renamed = tmp_path / "really_an_asd.txt"
    renamed.write_bytes((QPS / "asd" / "bin" / "ribb00001.asd").read_bytes())
    (s,) = read_spectra(renamed)
    assert s.file_format == asd.FORMAT and "extension_mismatch" in s.metadata


def test_folder_report_lists_missing_paths(tmp_path):
    spectra, report = load_folder([tmp_path / "missing", QPS / "asd" / "bin"])
    assert len(spectra) == 5
    assert report.failed[0].reason == "no such file or folder"


def _convert(*args):
    return subprocess.run([sys.executable, "-m", "models", "convert", *map(str, args)], cwd=REPO,
                          capture_output=True, text=True, timeout=300)


def _read_csv(path):
    with open(path, newline="") as handle:
        rows = list(csv.reader(handle))
    return rows[0], rows[1:]


def test_convert_cli_writes_one_csv_and_lists_failures(tmp_path):
    out = tmp_path / "all.csv"
    proc = _convert(SPECTRO / "qps_testdata" / "qpstestdata" / "svc", QPS / "asd" / "bin" / "ribb00001.asd",
                    QPS / "envi", "-o", out)
    assert proc.returncode == 1, proc.stderr  # the .jpg photo cannot be read
    assert "HR.020824.0000.sig.jpg: a JPEG image" in proc.stderr
    assert "error:" in proc.stderr and "speclib.hdr" not in proc.stderr.split("skipped")[0]
    header, rows = _read_csv(out)
    assert header[0] == "wavelength_nm"
    assert "ribb00001.asd" in header and "HR.020824.0000.sig" in header
    assert sum(h.startswith("speclib.sli:") for h in header) == 7
    wl = np.array([float(r[0]) for r in rows])
    assert np.all(np.diff(wl) > 0) and wl[0] == pytest.approx(338.5)
    col = header.index("ribb00001.asd")
    (s,) = read_spectra(QPS / "asd" / "bin" / "ribb00001.asd")
    got = np.array([float(r[col]) for r in rows if r[col] != ""])
    np.testing.assert_allclose(got, s.values, rtol=1e-9)
    assert not list(tmp_path.glob(".*part*"))


def test_convert_cli_success_and_grid(tmp_path):
    out = tmp_path / "asd.csv"
    proc = _convert(QPS / "asd" / "bin", "-o", out, "--grid", "400:2400:10", "-q")
    assert proc.returncode == 0, proc.stderr
    header, rows = _read_csv(out)
    assert len(header) == 6 and len(rows) == 201
    assert float(rows[0][0]) == 400 and float(rows[-1][0]) == 2400


def test_convert_cli_nothing_readable_writes_nothing(tmp_path):
    out = tmp_path / "none.csv"
    proc = _convert(QPS / "asd" / "gps" / "readme.txt", "-o", out)
    assert proc.returncode == 1
    assert "readme.txt" in proc.stderr and "nothing written" in proc.stderr
    assert not out.exists() and not list(tmp_path.iterdir())
