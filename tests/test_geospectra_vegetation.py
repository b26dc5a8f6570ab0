"""The green-vegetation test (models/geospectra/vegetation.py) on the USGS library and on partial coverage."""
import importlib.util
from pathlib import Path

import numpy as np

from models.geospectra.inference import looks_like_vegetation
from models.geospectra.vegetation import VegetationTest

REPO = Path(__file__).resolve().parents[1]


def _check_script():
    spec = importlib.util.spec_from_file_location("vegetation_check", REPO / "scripts" / "vegetation_check.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_no_library_mineral_is_vegetation_and_most_leaves_are(shared_data):
    mod = _check_script()
    rows = list(mod.library_rows(shared_data / "usgs_splib07a" / "ASCIIdata_splib07a"))
    minerals = [(name, g) for c, name, _, g in rows if c == "M"]
    leaves = [g for c, _, i, g in rows if c == "V" and i["ndvi"] >= 0.6]  # plainly green plants
    assert len(minerals) > 800 and len(leaves) > 100
    assert [name for name, g in minerals if g] == []
    assert np.mean(leaves) > 0.95


def test_a_leaf_is_vegetation_a_red_mineral_is_not_and_swir_only_never_is():
    wl = np.arange(400.0, 2501.0, 10.0)
    leaf = np.interp(wl, [400, 480, 550, 600, 675, 700, 750, 900, 2500], [.04, .05, .12, .08, .04, .15, .45, .5, .3])
    red_mineral = np.interp(wl, [400, 550, 600, 750, 2500], [.03, .06, .25, .4, .5])  # cuprite-like edge, no well
    assert looks_like_vegetation(wl, leaf) and not looks_like_vegetation(wl, red_mineral)
    assert looks_like_vegetation(wl, leaf * 1e4)  # ratios: DN ×10000 or percent make no difference
    swir = wl >= 1000
    assert not VegetationTest.for_wavelengths(wl[swir]).possible and not looks_like_vegetation(wl[swir], leaf[swir])
    gaps = leaf.copy()
    gaps[(wl >= 660) & (wl <= 690)] = np.nan  # the red band missing: nothing to judge
    assert not looks_like_vegetation(wl, gaps)
