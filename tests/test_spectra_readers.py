"""Every reader on the real sample files (../shared/data): values, axis, units and metadata."""
import datetime as dt

import numpy as np
import pytest

from models.spectra import AuxiliaryFileError, Spectrum, SpectrumFileError, load_folder, read_spectra
from models.spectra.readers import asd, csvtext, ecostress, envi, jcamp, relab, sed, svc, usgs
from spectra_support import (ASD_FILES, AV95, ECOSTRESS_FILES, ENVI_SLI, MINERALS, NIC4_WAVENUMBERS, QPS,
                             RELAB_DIR, SED_FILES, SPODUMENE_ASD, SPODUMENE_NIC4, SVC_FILES, USGS, usgs_column)
from spectra_support.jcamp_writer import jcamp_text


def _check_spectrum(s: Spectrum):
    assert s.values.dtype == np.float64 and s.wavelengths.dtype == np.float64
    assert s.values.shape == s.wavelengths.shape
    assert np.all(np.diff(s.wavelengths) > 0)
    assert np.isfinite(s.values).any()
    assert s.source and s.file_format


# --- ASD ----------------------------------------------------------------------

def test_all_asd_generations_load():
    assert len(ASD_FILES) == 14
    for path in ASD_FILES:
        assert asd.can_read(path)
        (s,) = asd.read(path)
        _check_spectrum(s)
        assert s.quantity == "reflectance" and s.n_bands == 2151
        assert s.wavelengths[0] == 350 and s.wavelengths[-1] == 2500
        assert s.instrument_model == "ASD FieldSpec FR"
        assert s.instrument_serial in {"18796", "16288", "16076"}
        assert s.acquired is not None and 2017 < s.acquired.year < 2023
        assert set(s.auxiliary) == {"target_dn", "reference_dn"}
        assert s.metadata["file_signature"] == "as7"


def test_asd_header_details():
    (group,) = read_spectra(QPS / "asd" / "as7" / "group100000.asd")
    assert group.integration_time_ms == (8.5,)  # stored as 8, the VNIR's 8.5 ms setting
    assert group.latitude is None  # no GPS fix recorded
    assert group.acquired == dt.datetime(2020, 9, 16, 8, 34, 48)
    (gps,) = read_spectra(QPS / "asd" / "gps" / "ww00045.asd")
    # the GPS block stores DDMM.MMMM: 4815.0544 -> 48 deg 15.0544 min
    assert gps.latitude == pytest.approx(48 + 15.0544 / 60)
    # stored -1142.5925: ASD writes east longitudes as negative numbers (issue 17: these are near Munich)
    assert gps.longitude == pytest.approx(11 + 42.5925 / 60)
    assert gps.altitude_m == pytest.approx(475.4)
    assert gps.metadata["reference_time"].startswith("2022-04-21")


def test_asd_version_1_layout_has_no_reference(tmp_path):
    """Synthetic (no v1 sample exists): an 'ASD' header with a float32 spectrum and nothing after it."""
    header = bytearray((QPS / "asd" / "bin" / "ribb00001.asd").read_bytes()[:484])
    header[0:3], header[199] = b"ASD", 0  # version 1, float32 data
    values = np.linspace(0.1, 0.5, 2151).astype("<f4")
    for data_type, quantity in ((1, "reflectance"), (0, "DN")):
        header[186] = data_type
        path = tmp_path / f"old{data_type}.asd"
        path.write_bytes(bytes(header) + values.tobytes())
        (s,) = read_spectra(path)
        assert s.quantity == quantity and not s.auxiliary and s.metadata["file_signature"] == "ASD"
        np.testing.assert_array_equal(s.values, values.astype(float))


# --- SVC ----------------------------------------------------------------------

def test_svc_files_and_locales():
    assert len(SVC_FILES) == 4
    spectra = {p.name: svc.read(p)[0] for p in SVC_FILES}
    for s in spectra.values():
        _check_spectrum(s)
        assert s.quantity == "reflectance" and s.instrument_model == "SVC HR-1024i"
        assert s.instrument_serial == "A232152"
        assert set(s.auxiliary) == {"reference", "target"}
    de, en = spectra["250527_0942_R001_T002-de.sig"], spectra["250527_0942_R001_T002-en.sig"]
    assert de.metadata["decimal_comma"] and not en.metadata["decimal_comma"]
    np.testing.assert_array_equal(de.wavelengths, en.wavelengths)
    np.testing.assert_array_equal(de.values, en.values)
    np.testing.assert_array_equal(de.auxiliary["target"], en.auxiliary["target"])
    assert de.acquired == en.acquired == dt.datetime(2025, 5, 27, 9, 42, 59)
    assert de.integration_time_ms == en.integration_time_ms == (1000.0, 40.0, 10.0)
    assert de.latitude == en.latitude == pytest.approx(52 + 25.9748 / 60)
    assert de.longitude == pytest.approx(13 + 32.0490 / 60)
    assert de.values[0] == pytest.approx(0.0625)  # 6.25 % in the file


def test_svc_overlapping_detectors_are_spliced():
    s = read_spectra(QPS / "svc" / "HR.020824.0000.sig")[0]
    cuts = s.metadata["detector_overlaps"]
    assert len(cuts) == 2 and 960 < cuts[0]["cut_nm"] < 1012 and 1890 < cuts[1]["cut_nm"] < 1913
    assert s.n_bands < 1024
    assert s.acquired == dt.datetime(2024, 2, 8, 10, 8, 6)  # US month/day order with AM/PM
    day_first = read_spectra(QPS / "svc" / "241016_1051_R009_T014.sig")[0]
    assert day_first.acquired == dt.datetime(2024, 10, 16, 10, 51, 32)
    assert day_first.latitude is None


# --- Spectral Evolution -------------------------------------------------------

def test_sed_files():
    assert len(SED_FILES) == 3
    for path in SED_FILES:
        assert sed.can_read(path)
        (s,) = sed.read(path)
        _check_spectrum(s)
        assert s.instrument_model.startswith("Spectral Evolution ")
    hylite = read_spectra(SED_FILES[0])[0]
    assert hylite.instrument_model == "Spectral Evolution PSR-3500" and hylite.instrument_serial == "1456045"
    assert hylite.quantity == "reflectance" and hylite.n_bands == 1023
    assert hylite.values[0] == pytest.approx(0.11215)
    assert (hylite.latitude, hylite.longitude) == (pytest.approx(46.32004), pytest.approx(23.22582))
    assert hylite.acquired == dt.datetime(2012, 10, 1, 14, 55, 0)
    darwin = read_spectra(QPS / "spectralevolution" / "darwin.sed")[0]
    assert darwin.instrument_model == "Spectral Evolution SR-2500" and darwin.instrument_serial == "17B86K1"
    assert darwin.quantity == "ratio"  # Tgt./Ref. of a DIRECT_ENERGY measurement, not a panel reflectance
    assert darwin.n_bands == 2151 and darwin.values[0] == pytest.approx(0.038833)
    assert darwin.auxiliary["Rad. (Target)"][0] == pytest.approx(9.092904e-4)
    assert darwin.value_unit == "fraction"


# --- ENVI spectral libraries --------------------------------------------------

def test_envi_speclib_with_attribute_table():
    spectra = envi.read(ENVI_SLI)
    assert len(spectra) == 7
    for s in spectra:
        _check_spectrum(s)
        assert s.n_bands == 177 and s.wavelength_unit == "um"
        assert s.wavelengths[0] == pytest.approx(460.0) and s.wavelengths[-1] == pytest.approx(2409.0)
        assert s.fwhm[0] == pytest.approx(5.8)
        assert 52 < s.latitude < 53 and 13 < s.longitude < 14  # from EnMAP-Box's speclib.csv
    assert spectra[0].name.startswith("enmap.tif 383831.01")
    via_header = read_spectra(ENVI_SLI.with_suffix(".hdr"))
    np.testing.assert_array_equal(via_header[3].values, spectra[3].values)


def test_envi_usgs_aviris_library():
    spectra = read_spectra(AV95 / "s07_AV95_envi.sli")
    names = [s.name for s in spectra]
    assert not any(n.lower().startswith(("wavelengths", "resolution", "error bars")) for n in names)
    skipped = spectra[0].metadata["skipped_records"]
    assert len(spectra) + len(skipped) == 3139
    assert sum(1 for s in spectra if "error" in s.auxiliary) == sum(1 for r in skipped if "error" in r[1])
    assert all(s.quantity == "reflectance" for s in spectra)
    assert len(spectra[0].metadata["detector_overlaps"]) == 2  # AVIRIS spectrometers overlap twice in this table
    assert any(np.isnan(s.values).any() for s in spectra)  # -1.23e34 is missing, not a value
    assert max(np.nanmax(s.values) for s in spectra) < 1e3


# --- USGS splib07 ASCII -------------------------------------------------------

def test_usgs_record_finds_its_wavelength_table():
    (s,) = read_spectra(SPODUMENE_ASD)
    _check_spectrum(s)
    assert s.name == "Spodumene HS210.3B" and s.quantity == "reflectance"
    assert s.metadata["record"] > 0 and s.metadata["instrument_code"] == "ASDFRc"
    assert s.n_bands == 2151 and s.wavelengths[0] == pytest.approx(350, abs=1e-3)
    assert s.fwhm is not None and s.fwhm[0] == pytest.approx(8.65, abs=0.01)
    raw = usgs_column(SPODUMENE_ASD)
    np.testing.assert_allclose(s.values, np.where(raw < -1e30, np.nan, raw))


def test_usgs_missing_channels_and_other_instruments():
    (nic4,) = read_spectra(SPODUMENE_NIC4)
    assert nic4.instrument_model == "Nicolet FTIR" and nic4.wavelength_unit == "um"
    assert nic4.metadata["missing_channels"] > 0 and np.isnan(nic4.values).sum() == nic4.metadata["missing_channels"]
    assert nic4.wavelengths[-1] > 200_000  # 216 µm
    beck = read_spectra(MINERALS / "splib07a_Spodumene_HS210.3B_BECKc_AREF.txt")[0]
    assert beck.n_bands == 480 and beck.instrument_model == "Beckman 5270"
    aviris = read_spectra(next((USGS / "ChapterV_Vegetation").glob("*AVIRIS*")))[0]
    assert aviris.fwhm is not None and len(aviris.metadata["detector_overlaps"]) == 3


def test_usgs_wavelength_tables_are_companions_not_spectra():
    table = next(USGS.glob("splib07a_Wavelengths_ASD*"))
    assert usgs.can_read(table)
    with pytest.raises(AuxiliaryFileError, match="Wavelengths ASD"):
        read_spectra(table)


# --- ECOSTRESS / RELAB --------------------------------------------------------

def test_ecostress_files():
    spectra = {p.name: ecostress.read(p)[0] for p in ECOSTRESS_FILES}
    for s in spectra.values():
        _check_spectrum(s)
        assert s.quantity == "reflectance" and s.value_unit == "fraction"
    concrete = spectra["a.spectrum.txt"]
    assert concrete.n_bands == 561 and concrete.wavelengths[-1] == pytest.approx(15000)
    assert concrete.values[0] == pytest.approx(0.0882) and concrete.name == "Construction  Concrete"
    lichen = spectra["b.spectrum.txt"]
    assert (lichen.latitude, lichen.longitude) == (pytest.approx(37.232539), pytest.approx(-119.233498))
    assert lichen.acquired == dt.datetime(2014, 5, 10)
    assert spectra["c.spectrum.txt"].metadata["Genus"] == "Acer"


def test_relab_asc_and_txt_agree():
    (asc,) = relab.read(RELAB_DIR / "bkr1mm074ws.asc")
    (txt,) = relab.read(RELAB_DIR / "bkr1mm074ws.txt")
    assert asc.n_bands == txt.n_bands == 2822
    np.testing.assert_allclose(asc.wavelengths, txt.wavelengths, rtol=1e-5)  # nm vs µm in the files
    np.testing.assert_array_equal(asc.values, txt.values)
    assert asc.name == "MM-MEM-074-WS" and asc.metadata["description"] == "1979 Etna weathered surface"
    assert asc.acquired == dt.datetime(2005, 2, 7, 15, 39, 26)


# --- JCAMP-DX (written here from real USGS values) ------------------------------

def _nic4_valid():
    nu = usgs_column(NIC4_WAVENUMBERS)
    v = usgs_column(SPODUMENE_NIC4)
    ok = v > -1e30
    return nu[ok], v[ok]


@pytest.mark.parametrize("form", ["AFFN", "DIFDUP"])
def test_jcamp_round_trip_of_real_values(tmp_path, form):
    nu, v = _nic4_valid()
    axis = np.linspace(nu[0], nu[-1], nu.size)  # X++(Y..Y) needs an even axis
    path = tmp_path / f"spodumene_{form}.jdx"
    path.write_text(jcamp_text(axis, v, "Spodumene HS210.3B NIC4", form=form, yfactor=1e-7,
                               extra=["##SPECTROMETER/DATA SYSTEM=Nicolet FTIR", "##LONGDATE=2010/06/01 12:30:00"]))
    assert jcamp.can_read(path)
    (s,) = read_spectra(path)
    _check_spectrum(s)
    assert s.wavelength_unit == "cm-1" and s.quantity == "reflectance"
    np.testing.assert_allclose(s.wavelengths, np.sort(1e7 / axis), rtol=1e-9)
    np.testing.assert_allclose(s.values, v, atol=1e-7)  # descending cm⁻¹ is ascending nm
    assert s.instrument_model == "Nicolet FTIR" and s.acquired == dt.datetime(2010, 6, 1, 12, 30)


def test_jcamp_xypoints_and_two_blocks(tmp_path):
    (asd_s,) = read_spectra(SPODUMENE_ASD)
    block1 = jcamp_text(asd_s.wavelengths, asd_s.values, "Spodumene ASD", xunits="NANOMETERS", yfactor=1e-6)
    nu, v = _nic4_valid()
    pairs = "\n".join(f"{a:.4f}, {b:.6f}" for a, b in zip(nu[:500], v[:500]))
    block2 = ("##TITLE=Spodumene NIC4 points\n##JCAMP-DX=5.01\n##XUNITS=1/CM\n##YUNITS=REFLECTANCE\n"
              f"##NPOINTS=500\n##XYPOINTS=(XY..XY)\n{pairs}\n##END=\n")
    path = tmp_path / "two.dx"
    path.write_text(block1 + "$$ second block\n" + block2)
    first, second = read_spectra(path)
    np.testing.assert_allclose(first.values, asd_s.values, atol=1e-6)
    assert first.name == "Spodumene ASD"
    np.testing.assert_allclose(second.wavelengths, np.sort(1e7 / nu[:500]), rtol=1e-6)


# --- CSV / TXT ----------------------------------------------------------------

def test_viewspec_exports_read_as_tables():
    for path in sorted((QPS / "asd" / "txt").glob("*.txt")):
        assert csvtext.can_read(path) and not usgs.can_read(path)
        (s,) = read_spectra(path)
        assert s.file_format == csvtext.FORMAT and s.name == path.name[:-4]
        assert s.metadata["delimiter"] == ";" and s.n_bands == 2151


def test_csv_variants(tmp_path):
    (ref,) = read_spectra(SPODUMENE_ASD)
    wl, v = ref.wavelengths, ref.values
    rows_um = "\n".join(f"{a / 1000:.6f},{b:.8f},{b * 0.5:.8f}" for a, b in zip(wl, v))
    (tmp_path / "um.csv").write_text("Wavelength (µm),spodumene,half\n" + rows_um + "\n", encoding="utf-8")
    a, b = read_spectra(tmp_path / "um.csv")
    assert (a.name, b.name, a.wavelength_unit) == ("spodumene", "half", "um")
    np.testing.assert_allclose(a.wavelengths, wl, atol=1e-3)
    np.testing.assert_allclose(b.values, v * 0.5, atol=1e-8)

    german = "\n".join(f"{a:.1f};{b * 100:.4f}".replace(".", ",") for a, b in zip(wl, v))
    (tmp_path / "de.csv").write_text("Wellenlänge [nm];Reflexion %\n" + german + "\n", encoding="cp1252")
    (s,) = read_spectra(tmp_path / "de.csv")
    assert s.metadata["decimal_comma"] and s.quantity == "reflectance"
    assert s.name == "de"  # a header naming only the quantity does not name the specimen: the file does
    np.testing.assert_allclose(s.values, v, atol=1e-6)

    plain = "\n".join(f"{a:.1f}  {b:.6f}" for a, b in zip(wl[::-1], v[::-1]))
    (tmp_path / "plain.txt").write_text("# exported spectrum\n" + plain + "\n")
    (s,) = read_spectra(tmp_path / "plain.txt")
    assert s.metadata["wavelength_unit_guessed"] and s.metadata["axis_reversed"]
    np.testing.assert_allclose(s.values, v, atol=1e-6)

    nu, nv = _nic4_valid()
    ftir = "\n".join(f"{a:.4f}\t{b:.6f}" for a, b in zip(nu, nv))
    (tmp_path / "ftir.tsv").write_text("wavenumber (cm-1)\treflectance\n" + ftir + "\n")
    (s,) = read_spectra(tmp_path / "ftir.tsv")
    assert s.wavelength_unit == "cm-1" and s.quantity == "reflectance" and s.name == "ftir"
    np.testing.assert_allclose(s.wavelengths, np.sort(1e7 / nu), rtol=1e-6)


def test_generic_value_headers_are_named_after_the_file(tmp_path):
    rows = "\n".join(f"{400 + i},{0.1 * i:.2f},{0.05 * i:.3f},{0.02 * i:.3f}" for i in range(10))
    (tmp_path / "lab7.csv").write_text("nm,Reflectance (%),R,GDS 12 kaolinite\n" + rows + "\n")
    names = [s.name for s in read_spectra(tmp_path / "lab7.csv")]
    assert names == ["lab7:Reflectance (%)", "lab7:R", "GDS 12 kaolinite"]
    excel = "\n".join(f"{400 + i},{0.1 * i:.2f},," for i in range(10))  # trailing empty columns
    (tmp_path / "sp-1.csv").write_text("wavelength_nm,refl,,\n" + excel + "\n")
    assert [s.name for s in read_spectra(tmp_path / "sp-1.csv")] == ["sp-1"]


def test_a_spread_column_beside_the_mean_is_not_a_spectrum(tmp_path):
    """Exports of averaged spectra carry the standard deviation beside the mean: it is left out (and said so),
    not identified as a mineral of its own; a table of spreads only is still read."""
    rows = "\n".join(f"{400 + i},{0.3 + 0.01 * i:.3f},{0.002:.3f},{0.25:.3f},{0.004:.3f}" for i in range(10))
    (tmp_path / "mean_sd.csv").write_text("Wavelength (nm),kaolinite mean,StdDev,alunite,alunite_std\n" + rows + "\n")
    spectra = read_spectra(tmp_path / "mean_sd.csv")
    assert [s.name for s in spectra] == ["kaolinite mean", "alunite"]
    skipped = spectra[0].metadata["skipped_records"]
    assert [name for _, name, _ in skipped] == ["StdDev", "alunite_std"] and "spread" in skipped[0][2]
    (tmp_path / "sd_only.csv").write_text("nm,sd\n" + "\n".join(f"{400 + i},0.01" for i in range(10)) + "\n")
    assert len(read_spectra(tmp_path / "sd_only.csv")) == 1
    # a spread word at the end of a name is a spread only beside the column it is the spread of: places stay
    header = "nm,quartz,quartz sd,beryl,beryl_sigma,outcrop SE,Black Hills SD,Athabasca_unc,kaolinite (mean)," \
             "kaolinite (sd)"
    (tmp_path / "suffix.csv").write_text(header + "\n" + "\n".join(
        f"{400 + i},0.5,0.01,0.4,0.02,0.3,0.35,0.45,0.6,0.01" for i in range(10)) + "\n")
    assert [s.name for s in read_spectra(tmp_path / "suffix.csv")] == [
        "quartz", "beryl", "outcrop SE", "Black Hills SD", "Athabasca_unc", "kaolinite (mean)"]
    # the load report carries what was left out, grouped by reason, for the dock and the toolbox log to say
    (entry,) = load_folder([tmp_path / "mean_sd.csv"])[1].loaded
    assert entry.count == 2 and [r for r, _ in entry.left_out] == ["StdDev", "alunite_std"]
    assert [(why, records) for why, records in entry.left_out_by_reason()] == [(skipped[0][2], ["StdDev",
                                                                                                "alunite_std"])]


def test_utf16_table(tmp_path):
    text = "wavelength,value\n" + "\n".join(f"{400 + i},{0.1 * i:.2f}" for i in range(10)) + "\n"
    (tmp_path / "excel.txt").write_bytes(text.encode("utf-16"))
    (s,) = read_spectra(tmp_path / "excel.txt")
    assert s.n_bands == 10 and s.values[3] == pytest.approx(0.3)


def test_reader_refuses_other_formats():
    with pytest.raises(SpectrumFileError, match="not an ASD"):
        asd.read(SVC_FILES[0])
    with pytest.raises(SpectrumFileError, match="not an SVC"):
        svc.read(SED_FILES[0])
    with pytest.raises(SpectrumFileError, match="Spectral Evolution"):
        sed.read(ECOSTRESS_FILES[0])
    with pytest.raises(SpectrumFileError, match="ECOSTRESS"):
        ecostress.read(SPODUMENE_ASD)
    with pytest.raises(SpectrumFileError, match="USGS"):
        usgs.read(ECOSTRESS_FILES[0])
    with pytest.raises(SpectrumFileError, match="JCAMP"):
        jcamp.read(SPODUMENE_ASD)
    with pytest.raises(SpectrumFileError, match="RELAB"):
        relab.read(SVC_FILES[0])
    with pytest.raises(SpectrumFileError, match="no table of numbers"):
        csvtext.read(QPS / "asd" / "gps" / "readme.txt")


def test_a_file_unit_is_measured_on_its_reflectance_spectra_only(tmp_path):
    """models.spectra.units.file_unit: the bright columns of a percent table tell a dark column its unit; a column
    the reader already turned into fractions ("%" in its header) and a DN column neither vote nor take it."""
    wl = np.arange(400, 2501, 10)
    bright, dark = 40 + 10 * np.sin(wl / 300.0), 0.5 + 0.2 * np.sin(wl / 300.0)
    rows = "\n".join(f"{w},{b:.4f},{d:.4f},{b:.4f},{3000 + 100 * d:.1f}" for w, b, d in zip(wl, bright, dark))
    (tmp_path / "t.csv").write_text("nm,rock,coal,rock (%),DN\n" + rows + "\n")
    spectra = read_spectra(tmp_path / "t.csv")
    assert [s.name for s in spectra][:3] == ["rock", "coal", "rock (%)"] and spectra[3].quantity == "DN"
    assert [s.metadata.get("file_unit") for s in spectra] == [100.0, 100.0, None, None]
    (tmp_path / "two.csv").write_text("nm,coal,DN\n" + "\n".join(
        f"{w},{d:.4f},{3000 + 100 * d:.1f}" for w, d in zip(wl, dark)) + "\n")
    assert all("file_unit" not in s.metadata for s in read_spectra(tmp_path / "two.csv"))  # DN does not vote
