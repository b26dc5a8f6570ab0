"""ASD reflectance equals ViewSpec Pro's export of the same files (asd/bin vs asd/txt) to 1e-6."""
import numpy as np
import pytest

from models.spectra import read_spectra
from models.spectra.bench import asd_parse_rate
from spectra_support import QPS

BIN_FILES = sorted((QPS / "asd" / "bin").glob("*.asd"))


def _viewspec(path):
    lines = path.read_text().splitlines()
    assert lines[0].startswith("Wavelength;")
    table = np.array([[float(v) for v in line.split(";")] for line in lines[1:] if line.strip()])
    return table[:, 0], table[:, 1]


@pytest.mark.parametrize("path", BIN_FILES, ids=lambda p: p.name)
def test_reflectance_matches_viewspec_export(path):
    (s,) = read_spectra(path)
    wl, expected = _viewspec(QPS / "asd" / "txt" / f"{path.name}.txt")
    np.testing.assert_array_equal(s.wavelengths, wl)
    np.testing.assert_allclose(s.values, expected, rtol=0, atol=1e-6)
    # and reflectance is the ratio of the stored target and white-reference counts
    np.testing.assert_allclose(s.values, s.auxiliary["target_dn"] / s.auxiliary["reference_dn"], rtol=1e-12)


def test_all_five_exports_are_checked():
    assert len(BIN_FILES) == 5


def test_benchmark_reports_a_rate():
    rate = asd_parse_rate(QPS / "asd" / "bin", repeats=2)
    assert rate > 50  # files per second; the note in the report gives the measured figure
