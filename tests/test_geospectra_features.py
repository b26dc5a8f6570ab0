"""The measured feature table and the "no diagnostic feature" answer on real USGS spectra and partial coverage."""
from pathlib import Path

import numpy as np
import pytest

from models.geospectra.features import window_depths
from models.geospectra.grid import GRID
from models.geospectra.inference import get_identifier
from models.spectra import read_spectra

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
MINERALS = DATA / "usgs_splib07a" / "ASCIIdata_splib07a" / "ChapterM_Minerals"
SWIR = (1990.0, 2480.0)  # AVIRIS-like SWIR-only image


def _spectrum(name):
    return read_spectra(MINERALS / name)[0]


def _crop(s, lo, hi):
    wl = np.asarray(s.wavelengths, float)
    wl = wl * 1000 if wl.max() < 30 else wl
    keep = (wl >= lo) & (wl <= hi)
    return {"wavelengths_nm": wl[keep], "values": np.asarray(s.values, float)[keep], "name": s.name}


def test_feature_table_is_measured_and_shipped():
    ident = get_identifier()
    table = ident.features
    assert table is not None, "the shipped model carries its measured feature table"
    featureless = set(table.featureless_classes())
    assert {"Quartz", "Halite", "K-feldspar", "Albite"} <= featureless
    assert not featureless & {"Kaolinite", "Alunite", "Goethite", "Beryl", "Muscovite", "Calcite"}
    swir = np.zeros((1, GRID.size), np.float32)
    swir[0, (GRID >= SWIR[0]) & (GRID <= SWIR[1])] = 1
    featured = dict(zip(table.classes, table.featured(swir)[0]))
    # iron oxides have their features below 1.3 µm; the Al-OH / Mg-OH / CO3 minerals have theirs in 2.0–2.5 µm
    assert not featured["Goethite"] and not featured["Hematite"]
    assert featured["Montmorillonite"] and featured["Kaolinite"] and featured["Alunite"] and featured["Calcite"]


def test_window_depth_is_the_within_window_continuum_removed_depth():
    x = np.full((1, GRID.size), 0.5, np.float32)
    x[0, (GRID >= 2180) & (GRID <= 2220)] = 0.4  # a 20 % deep band at 2.2 µm
    d = window_depths(x, np.ones_like(x))[0]
    assert d[-1] == pytest.approx(0.2, abs=1e-3) and np.nanmax(d[:-1]) < 1e-3
    m = np.ones_like(x)
    m[0, GRID > 1000] = 0  # VNIR only: the SWIR windows are not covered
    assert np.isnan(window_depths(x, m)[0, -1])


@pytest.mark.parametrize("file", ["splib07a_Halite_HS433.3B_ASDFRa_AREF.txt",
                                  "splib07a_Microcline_HS103.3B_Feldspar_ASDFRc_AREF.txt"])
def test_featureless_minerals_are_answered_honestly(file):
    res = get_identifier().run([_as_input(_spectrum(file))], top=5)[0]
    d = res.as_dict(5)
    assert d["diagnostic"] is False
    assert any(w.startswith("no diagnostic feature in 400–2500 nm") and "thermal infrared" in w for w in d["warnings"])
    assert len(d["candidates"]) == 5  # still listed


def test_featured_minerals_are_named():
    for file, mineral in (("splib07a_Kaolinite_CM9_ASDNGb_AREF.txt", "Kaolinite"),
                          ("splib07a_Alunite_HS295.3B_BECKa_AREF.txt", "Alunite")):
        d = get_identifier().run([_as_input(_spectrum(file))], top=3)[0].as_dict(3)
        assert d["diagnostic"] is True and d["candidates"][0]["mineral"] == mineral
        assert d["covered"] == "400–2500 nm" and d["group"] in ("kaolin group", "sulfates (alunite–jarosite)")


def test_swir_only_goethite_is_never_the_answer():
    ident = get_identifier()
    featured = dict(zip(ident.classes, ident.features.featured(_swir_mask())[0]))
    for file in ("splib07a_Goethite_GDS134_ASDFRb_AREF.txt", "splib07a_Goethite_HS36.3_BECKb_AREF.txt"):
        d = ident.run([_as_input(_crop(_spectrum(file), *SWIR))], top=5)[0].as_dict(5)
        lo, hi = (float(v) for v in d["covered"].split(" ")[0].split("–"))
        assert 1990 <= lo <= 2000 and 2460 <= hi <= 2480
        assert any("covers only" in w for w in d["warnings"])
        if d["diagnostic"]:  # a named answer is a mineral featured in 2.0–2.5 µm, never goethite
            assert all(featured[c["mineral"]] for c in d["candidates"])
        else:
            assert any("no diagnostic feature in" in w for w in d["warnings"])
        assert d["diagnostic"] is False or d["candidates"][0]["mineral"] != "Goethite"


def test_swir_only_kaolinite_keeps_its_name():
    d = get_identifier().run([_as_input(_crop(_spectrum("splib07a_Kaolinite_CM9_ASDNGb_AREF.txt"), *SWIR))],
                             top=3)[0].as_dict(3)
    assert d["diagnostic"] is True and d["candidates"][0]["mineral"] in ("Kaolinite", "Dickite", "Halloysite")
    assert d["group"] == "kaolin group"


def _swir_mask():
    m = np.zeros((1, GRID.size), np.float32)
    m[0, (GRID >= 2000) & (GRID <= 2480)] = 1
    return m


def _as_input(item):
    from models.geospectra.inference import as_input

    return as_input(item)


def test_featureless_breakdown_counts_flags_per_class_and_report_lists_them():
    from models.geospectra.coverage_eval import _flagged_by_class, markdown_tables

    classes = ["Quartz", "Kaolinite", "Albite"]
    y = np.array([0, 0, 0, 1, 2, 2])
    diagnostic = np.array([False, True, False, True, True, False])  # False = answered "no diagnostic feature"
    featured_gt = np.array([False, False, False, True, False, False])
    by_class = _flagged_by_class(y, diagnostic, featured_gt, classes)
    assert by_class == {"Quartz": [2, 3], "Albite": [1, 2]}
    cov = {"full range (as measured)": {"GeoSpectra": {"n_featured": 1, "n_featureless": 5,
                                                       "featureless_flagged_by_class": by_class}}}
    text = "\n".join(markdown_tables(cov, {}))
    assert "Quartz 2/3, Albite 1/2" in text
