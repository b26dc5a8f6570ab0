"""Identification with the shipped GeoSpectra weights on real USGS spectra, masking, batching."""
from pathlib import Path

import numpy as np
import pytest

from models.errors import InputError
from models.geospectra.inference import get_identifier, identify
from models.geospectra.jobs import identify_arrays
from models.geospectra.model_file import DEFAULT_MODEL
from models.geospectra.references import load_references
from models.spectra import read_spectra

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
MINERALS = DATA / "usgs_splib07a" / "ASCIIdata_splib07a" / "ChapterM_Minerals"

# Smoke checks: the shipped model was trained on the whole library (its accuracy on unseen
# specimens is measured in resources/geospectra/evaluation.md, not here).
CASES = [
    ("splib07a_Kaolinite_CM9_ASDNGb_AREF.txt", "Kaolinite"),
    ("splib07a_Alunite_HS295.3B_BECKa_AREF.txt", "Alunite"),
    ("splib07a_Spodumene_HS210.3B_ASDFRc_AREF.txt", "Spodumene"),
    ("splib07a_Beryl_HS180.3B_NIC4aaa_RREF.txt", "Beryl"),
]


def _spectrum(name):
    return read_spectra(MINERALS / name)[0]


def test_shipped_model_is_small_and_self_describing():
    assert DEFAULT_MODEL.is_file() and DEFAULT_MODEL.stat().st_size < 20e6
    ident = get_identifier()
    assert len(ident.classes) >= 60 and "Spodumene" in ident.classes and "K-feldspar" in ident.classes
    assert ident.meta["grid"]["n"] == 211
    refs = load_references()
    assert set(refs) == set(ident.classes)
    wl, values = refs["Spodumene"]
    assert wl.shape == values.shape == (211,)


@pytest.mark.parametrize("file,mineral", CASES)
def test_real_usgs_spectra_in_top5(file, mineral):
    (cands,) = identify([_spectrum(file)], top=5)
    assert mineral in [m for m, _ in cands], cands
    probs = [p for _, p in cands]
    assert probs == sorted(probs, reverse=True) and 0 < sum(probs) <= 1.0 + 1e-6


def test_partial_range_spectrum_is_masked():
    s = _spectrum("splib07a_Kaolinite_CM9_ASDNGb_AREF.txt")
    keep = s.wavelengths >= 1300
    (res,) = get_identifier().run(get_identifier_inputs([(s.wavelengths[keep], s.values[keep], "ASD")]))
    assert res.coverage < 0.62 and len(res.candidates) == len(get_identifier().classes)
    assert "Kaolinite" in [m for m, _ in res.candidates[:5]]
    with pytest.raises(InputError, match="cannot be identified"):
        identify([(np.linspace(3000, 5000, 100), np.full(100, 0.4))])


def get_identifier_inputs(items):
    from models.geospectra.inference import collect_inputs

    return collect_inputs(items)


def test_batched_arrays_units_and_worker_job():
    s = _spectrum("splib07a_Kaolinite_CM9_ASDNGb_AREF.txt")
    um = s.wavelengths / 1000.0  # µm table, percent reflectance
    batch = np.stack([s.values * 100.0, s.values * 90.0, s.values * 110.0])
    out = identify(batch, top=3, wavelengths=um)
    assert len(out) == 3 and all(len(c) == 3 for c in out)
    single = identify((s.wavelengths, s.values), top=3)
    assert [m for m, _ in out[0]] == [m for m, _ in single[0]]
    values = [float(v) if np.isfinite(v) else None for v in s.values]  # JSON null for missing values
    res = identify_arrays([{"wavelengths_nm": s.wavelengths.tolist(), "values": values, "row": 7},
                           {"wavelengths_nm": [5000.0, 6000.0], "values": [0.1, 0.2], "row": 8}], top=2)
    assert res[0]["row"] == 7 and len(res[0]["candidates"]) == 2 and "mineral" in res[0]["candidates"][0]
    assert res[1]["candidates"] == [] and res[1]["error"]


def test_vegetation_is_flagged_and_library_minerals_are_not():
    """The red-edge check: green leaves warned about, no USGS mineral spectrum (incl. red cuprite) flagged."""
    from pathlib import Path as _P

    from models.geospectra.inference import as_input, looks_like_vegetation
    from models.geospectra.library import load_library
    from models.spectra import read_spectra

    data = _P(__file__).resolve().parents[1].parent / "shared" / "data"
    ecostress = data / "spectrometer_files" / "spectralpython_ecostress_relab" / "ecostress"
    leaf = read_spectra(ecostress / "c.spectrum.txt")[0]
    assert "Acer" in leaf.name and looks_like_vegetation(leaf.wavelengths, leaf.values)
    assert any("vegetation" in w for w in as_input(leaf).warnings)
    minerals = load_library(data, aviris=False)
    flagged = [s.name for s in minerals if looks_like_vegetation(s.wavelengths, s.values)]
    assert len(minerals) > 1000 and flagged == []


def test_dark_spectra_are_warned_about_in_any_unit():
    """Below reflectance 0.08 everywhere (magnetite, carbon black, water) the names are unreliable: said in the
    warnings, whether the values are fractions, percent or ×10000; a bright mineral gets no such warning."""
    from models.geospectra.dark import DARK_WARNING
    from models.geospectra.inference import as_input

    wl = np.linspace(400.0, 2500.0, 300)
    dim = 0.03 + 0.01 * np.sin(wl / 300.0)
    bright = 0.6 - 0.2 * np.exp(-((wl - 2200.0) / 15.0) ** 2)
    for scale in (1.0, 100.0, 10000.0):
        assert DARK_WARNING in as_input((wl, dim * scale)).warnings
        assert DARK_WARNING not in as_input((wl, bright * scale)).warnings


def test_a_spectrum_in_percent_or_x10000_is_named_as_in_reflectance():
    """Each file its own unit: a pixel profile copied out of an integer image (×10000) or a percent table names
    the same minerals with the same probabilities as the fraction, also when identified together."""
    from models.geospectra.dataset import AHSI_TABLE
    from models.geospectra.grid import read_sensor_table
    from models.geospectra.synthetic_cube import library_pixels

    centres, fwhm = read_sensor_table(AHSI_TABLE)
    pixels = library_pixels(["Kaolinite", "Alunite", "Calcite", "Goethite"], centres, fwhm)
    fraction = identify([(centres, p) for p in pixels], top=2)
    mixed = identify([(centres, p * s) for p, s in zip(pixels, (10000.0, 100.0, 10000.0, 1.0))], top=2)
    assert [r[0][0] for r in fraction] == ["Kaolinite", "Alunite", "Calcite", "Goethite"]
    for a, b in zip(fraction, mixed):
        assert [n for n, _ in a] == [n for n, _ in b]
        assert np.allclose([p for _, p in a], [p for _, p in b], atol=1e-4)


def test_a_dark_spectrum_takes_the_unit_of_its_file(tmp_path):
    """A percent table without a unit in its header, with a coal-dark sample (0.3–0.9 %, all below 2) beside
    bright ones: the dark one is percent like its file (``models.spectra.units.file_unit``, measured when the file
    is read, so also when it is identified alone) — said to be dark, not a bright spectrum at reflectance 0.3–0.9
    named with no warning.  A DN column beside a reflectance one does not make the reflectance ×10000, and a
    spectrum alone in its file keeps its own unit."""
    from models.geospectra.dark import DARK_WARNING
    from models.geospectra.dataset import AHSI_TABLE
    from models.geospectra.grid import read_sensor_table
    from models.geospectra.jobs import spectrum_payload
    from models.geospectra.synthetic_cube import library_pixels

    centres, fwhm = read_sensor_table(AHSI_TABLE)
    kaolinite, alunite = library_pixels(["Kaolinite", "Alunite"], centres, fwhm)
    keep = np.nonzero(np.diff(np.concatenate([[0.0], np.maximum.accumulate(centres)])) > 0)[0]  # one detector
    centres, kaolinite, alunite = centres[keep], kaolinite[keep], alunite[keep]  # where the two overlap

    def table(name, header, *columns):
        rows = "\n".join(",".join([f"{w:.2f}"] + [f"{c[i]:.6f}" for c in columns]) for i, w in enumerate(centres))
        (tmp_path / name).write_text(header + "\n" + rows + "\n")
        return read_spectra(tmp_path / name)

    percent = table("percent.csv", "wavelength,kaolinite,alunite,coal", 100 * kaolinite, 100 * alunite, kaolinite)
    alone = table("alone.csv", "wavelength,bright", kaolinite)
    mixed = table("mixed.csv", "wavelength,reflectance,DN", kaolinite, 3000 + 20000 * alunite)
    assert [s.metadata.get("file_unit") for s in percent] == [100.0] * 3
    assert [s.quantity for s in mixed] == ["reflectance", "DN"] and "file_unit" not in mixed[0].metadata
    spectra = percent + alone + mixed[:1]
    results = identify_arrays([spectrum_payload(s, i) for i, s in enumerate(spectra)], top=2)
    assert [r["candidates"][0]["mineral"] for r in results[:2]] == ["Kaolinite", "Alunite"]
    assert results[2]["warnings"].count(DARK_WARNING) == 1, results[2]
    for r in results[3:]:  # alone in its file / beside a DN column: reflectance as stored
        assert DARK_WARNING not in r["warnings"] and r["candidates"][0]["mineral"] == "Kaolinite", r
    (coal,) = identify_arrays([spectrum_payload(percent[2], 0)], top=2)  # the dark sample selected alone
    assert DARK_WARNING in coal["warnings"]
