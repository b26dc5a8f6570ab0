"""Spectrometer-file variants from other software (issue 17), each on a synthetic file of the same shape.

Every test here failed on the readers before the fix (refused, misread, or wrong values).
"""
import csv
import datetime as dt

import numpy as np
import pytest

from models.spectra import load_folder, read_spectra
from models.spectra.readers import asd, sed
from models.spectra.spectrum import SpectrumFileError, gps_position, position_note
from spectra_support import QPS
from spectra_support.jcamp_writer import jcamp_text
from spectra_support.variants import ANCILLARY, aster_text, asd_bytes, sed_without_version, write_specpr_envi

X_UM = np.round(np.linspace(15.0, 2.5, 40), 4)  # ASTER TIR files run from long to short wavelengths
Y_PCT = np.round(np.linspace(3.5, 9.25, 40), 4)


# --- 1. ASTER Spectral Library 2.0 ------------------------------------------------------------

def test_aster_header_with_blank_lines_and_digit_continuation(tmp_path):
    path = tmp_path / "mineral.sulfate.solid.so4a.spectrum.txt"
    path.write_bytes(aster_text(X_UM, Y_PCT).encode())
    (s,) = read_spectra(path)
    assert s.name == "Alunite SO-4A" and s.quantity == "reflectance"
    assert s.metadata["Measurement"] == "Biconical reflectance"
    assert "82402.05" in s.metadata["Description"]  # the continuation line belongs to the description
    np.testing.assert_allclose(s.wavelengths, X_UM[::-1] * 1000)
    np.testing.assert_allclose(s.values, Y_PCT[::-1] / 100)


def test_aster_one_row_more_than_the_header_counts_is_kept(tmp_path):
    path = tmp_path / "extra.spectrum.txt"
    path.write_bytes(aster_text(X_UM, Y_PCT, count=X_UM.size - 1).encode())
    (s,) = read_spectra(path)
    assert s.n_bands == X_UM.size
    assert "row_count_note" in s.metadata


def test_aster_fewer_rows_than_counted_says_truncated_and_many_more_does_not(tmp_path):
    short = tmp_path / "short.spectrum.txt"
    short.write_bytes(aster_text(X_UM, Y_PCT, count=X_UM.size + 5).encode())
    with pytest.raises(SpectrumFileError, match="truncated"):
        read_spectra(short)
    joined = tmp_path / "joined.spectrum.txt"
    joined.write_bytes(aster_text(X_UM, Y_PCT, count=X_UM.size - 5).encode())
    with pytest.raises(SpectrumFileError) as info:
        read_spectra(joined)
    assert "truncated" not in str(info.value)


def test_aster_final_zero_tab_row_is_dropped(tmp_path):
    path = tmp_path / "tail.spectrum.txt"
    path.write_bytes(aster_text(X_UM, Y_PCT, trailer="0.0000\t\r\n").encode())
    (s,) = read_spectra(path)
    assert s.n_bands == X_UM.size and s.metadata["dropped_last_row"] == "0.0000"


def test_aster_ancillary_companion_is_skipped_not_failed(tmp_path):
    (tmp_path / "mineral.sulfate.solid.so4a.spectrum.txt").write_bytes(aster_text(X_UM, Y_PCT).encode())
    (tmp_path / "mineral.sulfate.solid.so4a.ancillary.txt").write_bytes(ANCILLARY.encode())
    spectra, report = load_folder(tmp_path)
    assert len(spectra) == 1 and not report.failed
    assert [e.path.endswith("ancillary.txt") for e in report.skipped] == [True]


# --- 2. ASD raw mode with a white reference; radiance-mode v7 --------------------------------

TARGET = np.linspace(15.7, 17290.0, 200)
WHITE = np.linspace(150.0, 34000.0, 200)


def test_asd_raw_mode_with_white_reference_gives_reflectance(tmp_path):
    path = tmp_path / "soil00001.asd"
    path.write_bytes(asd_bytes(TARGET, WHITE, data_type=0))
    (s,) = read_spectra(path)
    assert s.quantity == "reflectance" and s.value_unit == "fraction"
    np.testing.assert_allclose(s.values, TARGET.astype("f4") / WHITE.astype("f4"), rtol=1e-6)
    np.testing.assert_allclose(s.auxiliary["target_dn"], TARGET, rtol=1e-6)
    assert "raw mode" in s.metadata["note"]


def test_asd_raw_mode_without_a_reference_taken_stays_dn(tmp_path):
    path = tmp_path / "dark00001.asd"
    path.write_bytes(asd_bytes(TARGET, WHITE, data_type=0, reference_flag=False))
    (s,) = read_spectra(path)
    assert s.quantity == "DN"
    np.testing.assert_allclose(s.values, TARGET, rtol=1e-6)


def test_asd_radiance_mode_v7_says_the_values_are_uncalibrated_counts(tmp_path):
    path = tmp_path / "rad00001.asd"
    path.write_bytes(asd_bytes(TARGET, WHITE, data_type=2))
    (s,) = read_spectra(path)
    assert s.quantity == "DN" and s.value_unit == asd.UNCALIBRATED
    assert "not radiance" in s.metadata["note"]


# --- 3 and 6. Spectral Evolution .sed without Version/Instrument; fractional seconds ---------

def test_sed_without_version_and_instrument_lines(tmp_path):
    wvl = np.arange(350.0, 450.0, 1.5)
    ref, tgt = np.linspace(0.3, 0.5, wvl.size), np.linspace(0.05, 0.2, wvl.size)
    path = tmp_path / "soil_00012.sed"
    path.write_text(sed_without_version(wvl, ref, tgt))
    assert sed.can_read(path)
    spectra = read_spectra(path)
    assert len(spectra) == 1
    (s,) = spectra
    assert s.file_format == sed.FORMAT and s.quantity == "reflectance" and s.name == "soil_00012"
    np.testing.assert_allclose(s.values, np.round(100 * tgt / ref, 4) / 100)
    assert set(s.auxiliary) == {"Rad. (Ref.)", "Rad. (Target)"}
    assert s.acquired == dt.datetime(2021, 6, 2, 14, 41, 51, 470000)  # fractional seconds kept


# --- 4. JCAMP-DX ---------------------------------------------------------------------------------

WN = np.linspace(4000.0, 400.0, 37)
ABS = np.linspace(0.1, 0.9, 37)


def test_jcamp_bogus_final_y_check_warns_and_keeps_the_data(tmp_path):
    text = jcamp_text(WN, ABS, "bogus check", form="DIFDUP", yunits="ABSORBANCE")
    text = text.replace("##END=", "31999@\n##END=")
    path = tmp_path / "check.jdx"
    path.write_text(text)
    (s,) = read_spectra(path)
    assert s.n_bands == WN.size
    np.testing.assert_allclose(s.values, ABS, atol=1e-6)  # 4000→400 cm⁻¹ is ascending nm
    assert any("Y-check" in w for w in s.metadata["warnings"])


def test_jcamp_y_check_failure_that_loses_values_is_still_refused(tmp_path):
    lines = jcamp_text(WN, ABS, "broken", form="DIFDUP", yunits="ABSORBANCE").splitlines()
    data_at = next(i for i, line in enumerate(lines) if line.startswith("##XYDATA")) + 2
    lines[data_at] = lines[data_at][:12] + "@" + lines[data_at][13:]  # corrupt the check value, drop nothing...
    del lines[data_at + 1]  # ...and lose a line
    path = tmp_path / "broken.jdx"
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(SpectrumFileError, match="NPOINTS"):
        read_spectra(path)


def test_jcamp_free_text_x_units(tmp_path):
    nm = np.linspace(400.0, 2400.0, 21)
    path = tmp_path / "free.jdx"
    path.write_text(jcamp_text(nm, ABS[:21], "free units", xunits="Wavelength (nm)", yunits="REFLECTANCE"))
    (s,) = read_spectra(path)
    np.testing.assert_allclose(s.wavelengths, nm)


def test_jcamp_xydata_in_xy_pairs(tmp_path):
    nm = [400.0, 410.0, 425.0, 450.0]
    text = ("##TITLE=pairs\n##JCAMP-DX=5.01\n##DATA TYPE=UV/VIS SPECTRUM\n##XUNITS=NANOMETERS\n"
            "##YUNITS=ABSORBANCE\n##NPOINTS=4\n##XYDATA=(XY..XY)\n400,0.1; 410,0.2\n425,0.3; 450,0.4\n##END=\n")
    path = tmp_path / "pairs.jdx"
    path.write_text(text)
    (s,) = read_spectra(path)
    np.testing.assert_allclose(s.wavelengths, nm)
    np.testing.assert_allclose(s.values, [0.1, 0.2, 0.3, 0.4])


def test_jcamp_neutron_scattering_in_wavenumbers_is_refused(tmp_path):
    text = jcamp_text(np.linspace(16.0, 4000.0, 30), ABS[:30], "INS spectrum", yunits="INTENSITY")
    path = tmp_path / "ins.jdx"
    path.write_text(text.replace("##DATA TYPE=INFRARED SPECTRUM", "##DATA TYPE=INELASTIC NEUTRON SCATTERING"))
    with pytest.raises(SpectrumFileError, match="NEUTRON.*not an optical"):
        read_spectra(path)


def test_jcamp_percent_transmittance_without_percent_sign_is_scaled(tmp_path):
    t_pct = np.linspace(12.0, 96.0, 37)
    path = tmp_path / "trans.jdx"
    path.write_text(jcamp_text(WN, t_pct, "transmittance", yunits="TRANSMITTANCE", yfactor=1e-3))
    (s,) = read_spectra(path)
    assert s.quantity == "transmittance" and s.value_unit == "fraction"
    np.testing.assert_allclose(s.values, t_pct / 100, atol=1e-5)
    assert any("percent" in w for w in s.metadata["warnings"])


def test_jcamp_ntuples_is_refused_by_name(tmp_path):
    text = ("##TITLE=nmr\n##JCAMP-DX=5.00\n##DATA TYPE=INFRARED SPECTRUM\n##NTUPLES=INFRARED SPECTRUM\n"
            "##VAR_NAME=WAVENUMBERS, TRANSMITTANCE, PAGE NUMBER\n##PAGE=N=1\n"
            "##DATA TABLE=(X++(R..R)), XYDATA\n4000 10 11 12\n##END NTUPLES=INFRARED SPECTRUM\n##END=\n")
    path = tmp_path / "tuples.jdx"
    path.write_text(text)
    with pytest.raises(SpectrumFileError, match="NTUPLES"):
        read_spectra(path)


# --- 5. USGS ENVI library converted from SPECPR (splib06) -------------------------------------

def test_specpr_envi_skips_channel_numbers_and_uses_resolution_as_fwhm(tmp_path):
    wl = np.linspace(0.4, 2.5, 224)
    res = np.full(224, 0.0094) + wl * 0.001
    spectra = np.vstack([np.linspace(0.2, 0.6, 224), np.linspace(0.7, 0.3, 224)])
    sli = write_specpr_envi(tmp_path / "s06av95a_envi", wl, res, spectra, ["Kaolinite CM9", "Spodumene HS210"])
    out = read_spectra(sli)
    assert [s.name for s in out] == ["Kaolinite CM9", "Spodumene HS210"]
    for s in out:
        np.testing.assert_allclose(s.fwhm, res.astype("f4") * 1000, rtol=1e-6)
    reasons = [r for _, _, r in out[0].metadata["skipped_records"]]
    assert any("channel numbers" in r for r in reasons) and any("FWHM" in r for r in reasons)


# --- 7. ASD GPS longitude sign, shown where positions are --------------------------------------

def test_asd_east_longitude_stored_negative_is_placed_east_with_a_note(tmp_path):
    path = tmp_path / "munich00045.asd"
    path.write_bytes(asd_bytes(TARGET, WHITE, data_type=1, gps=(4815.0544, -1142.5925, 475.4)))
    (s,) = read_spectra(path)
    lat, lon = gps_position(s)
    assert lat == pytest.approx(48.2509, abs=1e-4) and lon == pytest.approx(11.7099, abs=1e-4)
    assert s.altitude_m == pytest.approx(475.4)
    assert "longitude sign" in position_note(s)


def test_real_gps_asd_file_lands_near_munich():
    (s,) = read_spectra(QPS / "asd" / "gps" / "ww00045.asd")
    lat, lon = gps_position(s)
    assert 48 < lat < 48.5 and 11.5 < lon < 12.0  # the EnVAL transects are in Bavaria, not the Atlantic
    assert position_note(s)


def test_spectrum_without_a_position_has_no_position_note():
    (s,) = read_spectra(QPS / "asd" / "bin" / "ribb00001.asd")
    assert gps_position(s) is None and position_note(s) == ""


def test_dock_csv_and_points_layer_show_the_position_note(qgis_app, qgis_iface, qtbot, tmp_path):
    from hyperprospect.plugin.spectra_dock import SpectraDock

    dock = SpectraDock(qgis_iface)
    qtbot.addWidget(dock)
    dock.load_paths([str(QPS / "asd" / "gps" / "ww00045.asd")])
    item = dock.items[0]
    item.candidates = [("Quartz", 0.9)]
    dock._fill_table()
    assert "longitude sign" in dock.table.item(0, 0).toolTip()
    with open(dock.export_csv(str(tmp_path / "r.csv")), encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert "longitude sign" in rows[0]["notes"]  # the one schema carries it in the notes
    layer = dock.add_points_layer()
    (feature,) = layer.getFeatures()
    assert "longitude sign" in feature["position_note"]
    assert feature.geometry().asPoint().x() == pytest.approx(11.71, abs=0.01)


def test_jcamp_huge_repeat_count_is_refused_at_once(tmp_path):
    """Found by make fuzz: a DUP count of millions was expanded value by value (minutes) before the check."""
    lines = jcamp_text(WN, ABS, "dup", form="DIFDUP", yunits="ABSORBANCE").splitlines()
    data_at = next(i for i, line in enumerate(lines) if line.startswith("##XYDATA")) + 1
    lines[data_at] += "T655352799"
    path = tmp_path / "dup.jdx"
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(SpectrumFileError, match="repeat count 2655352799"):
        read_spectra(path)
