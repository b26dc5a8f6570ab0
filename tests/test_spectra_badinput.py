"""Broken files raise SpectrumFileError naming the file and the actual problem, for every reader.

Each case starts from a real sample file and breaks it the way files get
broken: empty, truncated, corrupt, wrong extension, NaN-filled, non-monotonic
wavelengths, mixed wavelength units.
"""
import re
import shutil
import struct

import numpy as np
import pytest

from models.spectra import SpectrumFileError, read_spectra
from models.spectra.readers import READERS, asd, envi, jcamp, sed, svc
from spectra_support import ECOSTRESS_FILES, ENVI_SLI, QPS, RELAB_DIR, SED_FILES, SPODUMENE_ASD, USGS
from spectra_support.jcamp_writer import jcamp_text

ASD_BIN = QPS / "asd" / "bin" / "ribb00001.asd"
SIG = QPS / "svc" / "250527_0942_R001_T002-en.sig"
SED = SED_FILES[0]
ECO = ECOSTRESS_FILES[0]
ASC = RELAB_DIR / "bkr1mm074ws.asc"
VIEWSPEC = QPS / "asd" / "txt" / "ribb00001.asd.txt"


def expect(read, path, *fragments):
    """``read(path)`` raises SpectrumFileError naming the file and containing every fragment."""
    with pytest.raises(SpectrumFileError) as info:
        read(path)
    message = str(info.value)
    assert path.name in message, message
    for fragment in fragments:
        assert re.search(fragment, message, re.I), f"{fragment!r} not in {message!r}"
    return message


def copy(src, tmp_path, name=None):
    dst = tmp_path / (name or src.name)
    shutil.copyfile(src, dst)
    return dst


def usgs_copy(tmp_path, lines):
    """A USGS record in a temporary library layout (with the real ASD wavelength table)."""
    table = next(USGS.glob("splib07a_Wavelengths_ASD*"))
    shutil.copyfile(table, tmp_path / table.name)
    path = tmp_path / SPODUMENE_ASD.name
    path.write_text("\n".join(lines) + "\n")
    return path


# --- empty --------------------------------------------------------------------

@pytest.mark.parametrize("reader", READERS, ids=lambda r: r.__name__.rsplit(".", 1)[-1])
def test_empty_file(tmp_path, reader):
    path = tmp_path / "empty.sli"
    path.write_bytes(b"")
    if reader is envi:
        shutil.copyfile(ENVI_SLI.with_suffix(".hdr"), tmp_path / "empty.hdr")
    assert not reader.can_read(path) or reader is envi
    expect(reader.read, path, "empty")
    expect(read_spectra, path, "empty")


# --- truncated ----------------------------------------------------------------

def test_truncated_asd(tmp_path):
    data = ASD_BIN.read_bytes()
    for cut, why in ((300, "header alone needs 484"), (10_000, "spectrum needs"),
                     (17_700, "reference header"), (30_000, "reference spectrum needs")):
        path = tmp_path / f"cut{cut}.asd"
        path.write_bytes(data[:cut])
        expect(read_spectra, path, "truncated ASD file", why)


def test_truncated_text_formats(tmp_path):
    text = SIG.read_text()
    (tmp_path / "a.sig").write_text(text[: len(text) - 7])  # mid-line
    expect(read_spectra, tmp_path / "a.sig", "incomplete|columns, expected")
    (tmp_path / "b.sig").write_text(text[: text.index("data=")])
    expect(read_spectra, tmp_path / "b.sig", "no 'data=' section")

    lines = SED.read_text().splitlines(keepends=True)
    (tmp_path / "c.sed").write_text("".join(lines[:500]))
    expect(read_spectra, tmp_path / "c.sed", "1024 channels but the table has 473 rows")

    lines = ECO.read_text().splitlines(keepends=True)
    (tmp_path / "d.spectrum.txt").write_text("".join(lines[:300]))
    expect(read_spectra, tmp_path / "d.spectrum.txt", "header says 561 values")

    lines = ASC.read_text().splitlines(keepends=True)
    (tmp_path / "e.asc").write_text("".join(lines[:1000]))
    expect(read_spectra, tmp_path / "e.asc", "announces 2822 points but holds 999")

    lines = VIEWSPEC.read_text().splitlines(keepends=True)
    (tmp_path / "f.txt").write_text("".join(lines[:800]) + "1150")
    expect(read_spectra, tmp_path / "f.txt", "line 801 has 1 field")

    lines = SPODUMENE_ASD.read_text().splitlines()
    expect(read_spectra, usgs_copy(tmp_path, lines[:1500]), "no ASD wavelength table with 1499 channels",
           "truncated")


def test_truncated_envi_and_jcamp(tmp_path):
    sli = copy(ENVI_SLI, tmp_path)
    copy(ENVI_SLI.with_suffix(".hdr"), tmp_path)
    sli.write_bytes(ENVI_SLI.read_bytes()[:5000])
    expect(read_spectra, sli, "truncated ENVI library", "9912 bytes")
    (s,) = read_spectra(SPODUMENE_ASD)
    text = jcamp_text(s.wavelengths, s.values, "t", xunits="NANOMETERS", form="DIFDUP")
    (tmp_path / "a.jdx").write_text(text[: len(text) // 2])
    expect(read_spectra, tmp_path / "a.jdx", "##END|truncated")
    body = text.replace("##END=\n", "")
    cut = body[: body.rindex("\n", 0, len(body) - 200)] + "\n##END=\n"
    (tmp_path / "b.jdx").write_text(cut)
    expect(read_spectra, tmp_path / "b.jdx", "NPOINTS=2151 but the data hold")


# --- corrupt ------------------------------------------------------------------

def test_corrupt_asd_header(tmp_path):
    data = bytearray(ASD_BIN.read_bytes())
    for offset, fmt, value, why in ((204, "<H", 0, "0 channels"), (199, "B", 9, "data format code 9"),
                                    (186, "B", 42, "data type code 42"), (195, "<f", -1.0, "step -1")):
        broken = bytearray(data)
        struct.pack_into(fmt, broken, offset, value)
        path = tmp_path / f"corrupt{offset}.asd"
        path.write_bytes(bytes(broken))
        expect(asd.read, path, "corrupt ASD header", why)


def test_corrupt_text(tmp_path):
    (tmp_path / "a.sig").write_text(SIG.read_text().replace("\n344.3  144.20", "\n344.3  14x.20", 1))
    expect(svc.read, tmp_path / "a.sig", "non-numeric")
    (tmp_path / "b.jdx").write_text("##TITLE=x\n##JCAMP-DX=4.24\n##XUNITS=1/CM\n##YUNITS=ABSORBANCE\n"
                                    "##FIRSTX=1000\n##LASTX=990\n##NPOINTS=11\n##XYDATA=(X++(Y..Y))\n"
                                    "1000 A12J3K1\n996 A18J1\n##END=\n")
    expect(jcamp.read, tmp_path / "b.jdx", "Y-check failed")
    header = ENVI_SLI.with_suffix(".hdr").read_text().replace("data type = 5", "data type = 77")
    copy(ENVI_SLI, tmp_path)
    (tmp_path / "speclib.hdr").write_text(header)
    expect(read_spectra, tmp_path / "speclib.sli", "unsupported ENVI data type 77")


# --- wrong extension ------------------------------------------------------------

def test_wrong_extension(tmp_path):
    photo = copy(QPS / "svc" / "HR.020824.0000.sig.jpg", tmp_path, "photo.asd")
    expect(read_spectra, photo, "JPEG image")
    expect(asd.read, photo, "not an ASD FieldSpec file")
    note = copy(QPS / "asd" / "gps" / "readme.txt", tmp_path, "notes.sig")
    expect(read_spectra, note, r"extension \.sig of Spectra Vista SIG files, but its content \(text\)")
    raw = copy(QPS / "spectralevolution" / "darwin.raw", tmp_path, "darwin.sed")
    expect(read_spectra, raw, r"extension \.sed of Spectral Evolution SED files, but its content \(binary")
    expect(sed.read, raw, "binary content")


# --- NaN-filled -----------------------------------------------------------------

def test_nan_filled(tmp_path):
    data = bytearray(ASD_BIN.read_bytes())
    data[484:484 + 2151 * 8] = np.full(2151, np.nan).tobytes()
    (tmp_path / "nan.asd").write_bytes(bytes(data))
    expect(read_spectra, tmp_path / "nan.asd", "all values of the ASD spectrum are missing or NaN")

    (tmp_path / "nan.csv").write_text("wavelength,a,b\n" + "".join(f"{400 + i},nan,\n" for i in range(50)))
    expect(read_spectra, tmp_path / "nan.csv", "all values are missing or NaN")

    lines = SPODUMENE_ASD.read_text().splitlines()
    expect(read_spectra, usgs_copy(tmp_path, lines[:1] + [" -1.2300000e+034"] * 2151), "all channels are missing")

    lines = ECO.read_text().splitlines()
    start = lines.index("") + 1
    nan_rows = [f"{row.split()[0]}\tNaN" for row in lines[start:] if row.strip()]
    (tmp_path / "n.spectrum.txt").write_text("\n".join(lines[:start] + nan_rows) + "\n")
    expect(read_spectra, tmp_path / "n.spectrum.txt", "all values are missing or NaN")


# --- non-monotonic --------------------------------------------------------------

def test_non_monotonic(tmp_path):
    lines = VIEWSPEC.read_text().splitlines()
    lines[100], lines[101] = lines[101], lines[100]
    (tmp_path / "swapped.txt").write_text("\n".join(lines) + "\n")
    expect(read_spectra, tmp_path / "swapped.txt", "not monotonic", "449 nm follows 450 nm")

    lines = SED.read_text().splitlines()
    i = next(k for k, line in enumerate(lines) if line.startswith("Data:")) + 300
    lines[i], lines[i + 7] = lines[i + 7], lines[i]
    (tmp_path / "swapped.sed").write_text("\n".join(lines) + "\n")
    expect(read_spectra, tmp_path / "swapped.sed", "not monotonic")

    lines = ECO.read_text().splitlines()
    lines[-3] = lines[-3].replace(lines[-3].split()[0], "0.5")
    (tmp_path / "x.spectrum.txt").write_text("\n".join(lines) + "\n")
    expect(read_spectra, tmp_path / "x.spectrum.txt", "not monotonic")

    (tmp_path / "dup.csv").write_text("nm,v\n400,1\n401,2\n401,3\n402,4\n")
    expect(read_spectra, tmp_path / "dup.csv", "duplicate wavelength 401 nm")


# --- unit-mixed ------------------------------------------------------------------

def test_unit_mixed(tmp_path):
    rows = [f"{0.35 + 0.001 * i:.3f},{0.5:.2f}" for i in range(300)] + [f"{650 + i},{0.5:.2f}" for i in range(300)]
    (tmp_path / "mixed.csv").write_text("wavelength,reflectance\n" + "\n".join(rows) + "\n")
    expect(read_spectra, tmp_path / "mixed.csv", "mixes units", "300 values run 0.35–0.649", "650–949")

    (tmp_path / "says_nm.csv").write_text("wavelength_nm,r\n" + "".join(f"{0.4 + 0.01 * i:.2f},0.5\n"
                                                                           for i in range(100)))
    expect(read_spectra, tmp_path / "says_nm.csv", "declared in nm but run 0.4–1.39", "looks like µm")

    text = ECO.read_text().replace("X Units: Wavelength (micrometers)", "X Units: Wavelength (nanometers)")
    (tmp_path / "u.spectrum.txt").write_text(text)
    expect(read_spectra, tmp_path / "u.spectrum.txt", "declared in nm", "µm")

    header = ENVI_SLI.with_suffix(".hdr").read_text().replace("Micrometers", "Nanometers")
    copy(ENVI_SLI, tmp_path)
    (tmp_path / "speclib.hdr").write_text(header)
    expect(read_spectra, tmp_path / "speclib.sli", "declared in nm")


def test_no_reader_lets_other_exceptions_escape_on_sample_files(tmp_path):
    """Every reader's read() on every sample file: spectra or SpectrumFileError, nothing else."""
    samples = [p for p in QPS.parent.parent.rglob("*") if p.is_file()]
    for reader in READERS:
        for path in samples:
            try:
                spectra = reader.read(path)
            except SpectrumFileError as exc:
                assert exc.reason
            else:
                assert spectra and all(s.values.size for s in spectra)
