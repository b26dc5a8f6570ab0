"""Property test: random bytes and mutated real files, fed to every reader, give spectra or SpectrumFileError.

Nothing else may escape (no IndexError, struct.error, MemoryError, ...), the
error names the file, and whatever loads is a valid Spectrum.  The number of
inputs tried is printed at the end of the module and recorded as the junit
test-suite property ``spectra_fuzz_inputs``.
"""
import os
import shutil
import tempfile
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models.spectra import Spectrum, SpectrumFileError, read_spectra
from models.spectra.readers import READERS, asd, csvtext, ecostress, envi, jcamp, relab, sed, svc, usgs
from spectra_support import ECOSTRESS_FILES, ENVI_SLI, QPS, RELAB_DIR, SED_FILES, SPODUMENE_ASD, USGS
from spectra_support.jcamp_writer import jcamp_text

# per reader; HYPERPROSPECT_FUZZ_SCALE=10 runs ten times as many (a longer local soak)
_SCALE = float(os.environ.get("HYPERPROSPECT_FUZZ_SCALE", "1"))
RANDOM_EXAMPLES = max(1, int(25 * _SCALE))
MUTATED_EXAMPLES = max(1, int(30 * _SCALE))

SETTINGS = dict(deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow,
                                                                     HealthCheck.function_scoped_fixture])

PREFIXES = {  # a format's signature, so random content gets past the sniff into the parser
    asd: b"as7", svc: b"/*** Spectra Vista SIG Data ***/\n", sed: b"Comment:\nVersion: 2.0\nData:\n",
    envi: b"", usgs: b" splib07a Record=1: Spodumene HS210.3B  ASDFRc AREF\n",
    ecostress: b"Name: x\nX Units: Wavelength (micrometers)\nY Units: Reflectance (percent)\n\n",
    jcamp: b"##TITLE=x\n##JCAMP-DX=4.24\n", relab: b"  12\n", csvtext: b"wavelength,value\n",
}
COUNTS: Counter = Counter()


def _name(reader) -> str:
    return reader.__name__.rsplit(".", 1)[-1]


def _seed_files(tmp: Path):
    """reader → the real file(s) to mutate (USGS in a copy of its layout; JCAMP written from real values)."""
    table = next(USGS.glob("splib07a_Wavelengths_ASD*"))
    shutil.copyfile(table, tmp / table.name)
    (s,) = read_spectra(SPODUMENE_ASD)
    (tmp / "spodumene.jdx").write_text(jcamp_text(s.wavelengths, s.values, "spodumene", xunits="NANOMETERS",
                                                  form="DIFDUP", yfactor=1e-6))
    return {
        asd: [QPS / "asd" / "bin" / "ribb00001.asd", QPS / "asd" / "gps" / "ww00045.asd"],
        svc: [QPS / "svc" / "250527_0942_R001_T002-de.sig", QPS / "svc" / "HR.020824.0000.sig"],
        sed: SED_FILES[:2], envi: [ENVI_SLI, ENVI_SLI.with_suffix(".hdr")], usgs: [SPODUMENE_ASD],
        ecostress: ECOSTRESS_FILES[:2], jcamp: [tmp / "spodumene.jdx"],
        relab: [RELAB_DIR / "bkr1mm074ws.asc", RELAB_DIR / "bkr1mm074ws.txt"],
        csvtext: [QPS / "asd" / "txt" / "ribb00001.asd.txt"],
    }


class _FuzzSummary:
    """Prints the number of inputs tried in pytest's terminal summary (not swallowed by capture)."""

    def pytest_terminal_summary(self, terminalreporter):
        total = COUNTS["input", "total"]
        detail = ", ".join(f"{k} {COUNTS['outcome', k]}" for k in ("loaded", "refused", "fallback"))
        terminalreporter.write_sep("-", "spectra fuzz")
        terminalreporter.write_line(f"{total} inputs tried; reader calls: {detail} "
                                    "(fallback = caught by the generic 'malformed' net)")


@pytest.fixture(scope="module")
def seeds(tmp_path_factory, request, record_testsuite_property):
    tmp = tmp_path_factory.mktemp("fuzz-seeds")
    plugins = request.config.pluginmanager
    if not plugins.has_plugin("spectra-fuzz-summary"):
        plugins.register(_FuzzSummary(), "spectra-fuzz-summary")
    yield tmp, _seed_files(tmp)
    record_testsuite_property("spectra_fuzz_inputs", COUNTS["input", "total"])


def _check(reader, path: Path):
    """The contract: a list of valid spectra, or SpectrumFileError naming the file."""
    COUNTS["input", "total"] += 1
    for read in (reader.read, read_spectra):
        try:
            spectra = read(path)
        except SpectrumFileError as exc:
            assert path.name in str(exc) or path.with_suffix(".hdr").name in str(exc), str(exc)
            assert exc.reason
            outcome = "fallback" if exc.reason.startswith("malformed ") else "refused"
        else:
            assert isinstance(spectra, list) and spectra
            for s in spectra:
                assert isinstance(s, Spectrum)
                assert s.values.shape == s.wavelengths.shape and np.all(np.diff(s.wavelengths) > 0)
                assert np.isfinite(s.values).any()
            outcome = "loaded"
        COUNTS["outcome", outcome] += 1


def _mutate(data: bytes, draw) -> bytes:
    kind = draw(st.sampled_from(["truncate", "flip", "insert", "delete", "token", "lines", "zeros"]))
    n = len(data)
    pos = draw(st.integers(0, max(n - 1, 0)))
    if kind == "truncate":
        return data[:pos]
    if kind == "flip":
        out = bytearray(data)
        for _ in range(draw(st.integers(1, 8))):
            out[draw(st.integers(0, n - 1))] = draw(st.integers(0, 255))
        return bytes(out)
    if kind == "insert":
        return data[:pos] + draw(st.binary(min_size=1, max_size=64)) + data[pos:]
    if kind == "delete":
        return data[:pos] + data[pos + draw(st.integers(1, 4096)):]
    if kind == "zeros":
        return data[:pos] + bytes(draw(st.integers(1, 512))) + data[pos + 512:]
    if kind == "token":
        token = draw(st.sampled_from([b"nan", b"-1.23e34", b"1e308", b"-", b"", b"9" * 40, b",", b"inf",
                                      b"-0", b"1,5", b";", b"\t", b"\n", b"\x00", b"e", b"}", b"{", b"="]))
        return data[:pos] + token + data[pos + draw(st.integers(0, 12)):]
    lines = data.split(b"\n")
    i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
    lines[i], lines[j] = lines[j], lines[i]
    if draw(st.booleans()):
        lines.insert(i, lines[j])
    return b"\n".join(lines)


@pytest.mark.parametrize("reader", READERS, ids=_name)
@settings(max_examples=RANDOM_EXAMPLES, **SETTINGS)
@given(payload=st.one_of(st.binary(max_size=2048),
                         st.text(max_size=1024).map(lambda t: t.encode("utf-8")),
                         st.lists(st.floats(allow_nan=True, allow_infinity=True), max_size=60)
                         .map(lambda xs: "\n".join(f"{a!r} {b!r}" for a, b in zip(xs, xs[1:])).encode())),
       with_prefix=st.booleans())
def test_random_bytes(seeds, reader, payload, with_prefix):
    tmp_root, _ = seeds
    with tempfile.TemporaryDirectory(dir=tmp_root) as tmp:
        path = Path(tmp) / f"random{reader.EXTENSIONS[0]}"
        path.write_bytes((PREFIXES[reader] if with_prefix else b"") + payload)
        if reader is envi:  # a library needs its header: random data under a real one
            shutil.copyfile(ENVI_SLI.with_suffix(".hdr"), path.with_suffix(".hdr"))
        _check(reader, path)


@pytest.mark.parametrize("reader", READERS, ids=_name)
@settings(max_examples=MUTATED_EXAMPLES, **SETTINGS)
@given(data=st.data())
def test_mutated_real_files(seeds, reader, data):
    tmp_root, files = seeds
    source = data.draw(st.sampled_from(files[reader]))
    with tempfile.TemporaryDirectory(dir=tmp_root) as tmp:
        tmp = Path(tmp)
        if reader is usgs:
            table = next(tmp_root.glob("splib07a_Wavelengths_ASD*"))
            shutil.copyfile(table, tmp / table.name)
        if reader is envi:  # mutate the header or the library, keep the other intact
            for companion in (ENVI_SLI, ENVI_SLI.with_suffix(".hdr")):
                shutil.copyfile(companion, tmp / companion.name)
        path = tmp / source.name
        path.write_bytes(_mutate(source.read_bytes(), data.draw))
        _check(reader, tmp / ENVI_SLI.name if reader is envi else path)
