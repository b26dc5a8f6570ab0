"""The USGS library walker and the split by physical sample (no sample ID on both sides)."""
from pathlib import Path

import numpy as np
import pytest

from models.geospectra import library as L
from models.geospectra.grid import GRID, resample

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


@pytest.fixture(scope="module")
def lib():
    return L.load_library(DATA)


def test_title_and_sample_parsing():
    raw, specimen, name, code, refl = L.parse_title("Spodumene HS210.3B           BECKc AREF")
    assert (raw, specimen, code, refl) == ("Spodumene", "HS210.3B", "BECKc", "AREF")
    assert L.parse_title("Sodium Bicarbonate GDS55     NIC4aa RREF")[0] == "Sodium_Bicarbonate"
    assert L.physical_sample_id("HS210.3B") == "HS210"
    assert L.physical_sample_id("GDS69.d") == "GDS69"
    assert L.physical_sample_id("GDS113a") == "GDS113"
    assert L.physical_sample_id("SMR-13.e") == "SMR-13"
    assert L.species_for("Elbaite") == "Tourmaline" and L.species_for("Microcline") == "K-feldspar"
    assert L.species_for("Pyroxene") is None
    assert L.family_of("ASDNGb") == "ASD" and L.family_of("NIC4bbb") == "NIC4"


def test_walker_reads_the_library(lib):
    spod = [s for s in lib if s.raw_mineral == "Spodumene"]
    assert {s.family for s in spod} == {"ASD", "BECK", "NIC4", "AVIRIS"}
    assert {s.sample_id for s in spod} == {"HS210"}
    nic = next(s for s in spod if s.family == "NIC4")
    assert np.isnan(nic.values).any() and nic.wavelengths[0] > 1100  # -1.23e34 → NaN; Nicolet starts at 1.12 µm
    classes = L.choose_classes(lib)
    for required in L.REQUIRED_CLASSES:
        assert required in classes
    assert len(classes) >= 60


def test_split_has_no_shared_sample_ids(lib):
    classes = L.choose_classes(lib)
    split = L.split_by_sample(lib, classes, seed=0)
    assert not set(split.train_samples) & set(split.test_samples)
    test = {s.sample_id for s in lib if s.mineral in classes and split.is_test(s)}
    train = {s.sample_id for s in lib if s.mineral in classes and not split.is_test(s)}
    assert test and train and not test & train
    # the AVIRIS convolution of a record follows its lab record
    for s in lib:
        if s.family == "AVIRIS" and s.mineral in classes:
            assert s.sample_id in test or s.sample_id in train
    # a class with a single physical sample is kept for training only
    assert "Spodumene" in split.single_sample_classes
    assert all(not split.is_test(s) for s in lib if s.mineral == "Spodumene")


def test_partial_range_is_masked_not_refused():
    wl = np.linspace(1120.0, 2600.0, 3000)
    values = 0.5 + 0.01 * np.sin(wl / 50)
    values[:100] = -1.23e34
    x, m = resample(wl, values)
    assert m.shape == (1, GRID.size)
    assert m[0, GRID < 1130].sum() == 0 and m[0, (GRID > 1200)].all()
    assert np.all(x[0, m[0] == 0] == 0)
    assert np.allclose(x[0, GRID > 1200], 0.5 + 0.01 * np.sin(GRID[GRID > 1200] / 50), atol=2e-3)
