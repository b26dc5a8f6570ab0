"""Band centre wavelengths: ENVI headers (nm, µm, unitless), GDAL metadata, presets, user lists, errors."""
from pathlib import Path

import numpy as np
import pytest
from osgeo import gdal

from models.errors import InputError
from models.raster.wavelengths import (
    list_presets,
    load_band_table,
    parse_number_list,
    read_wavelengths,
    to_nanometres,
)

gdal.UseExceptions()

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
AVIRIS = DATA / "aviris_ng_tiles"


def write_envi(folder: Path, name: str, bands: int, header_extra: str, rows: int = 3, cols: int = 4) -> Path:
    """A tiny BSQ float32 ENVI file written by hand, so the header is exactly what the test says."""
    data = folder / f"{name}.img"
    np.arange(bands * rows * cols, dtype="<f4").tofile(data)
    (folder / f"{name}.hdr").write_text(
        "ENVI\n"
        f"samples = {cols}\nlines = {rows}\nbands = {bands}\nheader offset = 0\n"
        "file type = ENVI Standard\ndata type = 4\ninterleave = bsq\nbyte order = 0\n"
        "map info = { UTM , 1.000 , 1.000 , 500000.0 , 4000000.0 , 30.0 , 30.0 , 44 , North , WGS-84 , units=Meters }\n"
        + header_extra
    )
    return data


def write_tif(path: Path, bands: int) -> Path:
    ds = gdal.GetDriverByName("GTiff").Create(str(path), 4, 3, bands, gdal.GDT_Int16)
    ds.SetGeoTransform((500000, 30, 0, 4000000, 0, -30))
    ds = None
    return path


# ----------------------------------------------------------------------------- file metadata


def test_envi_header_in_nanometres(tmp_path):
    src = write_envi(tmp_path, "nm", 3, "wavelength units = Nanometers\nwavelength = { 800.5 , 850.25 ,\n 2200 }\n"
                                        "fwhm = { 5.0 , 5.5 , 6.0 }\n")
    wl = read_wavelengths(src)
    assert wl.centers_nm == (800.5, 850.25, 2200.0)
    assert wl.fwhm_nm == (5.0, 5.5, 6.0)
    assert "ENVI header" in wl.source


def test_envi_header_in_micrometres_converts_centres_and_fwhm(tmp_path):
    src = write_envi(tmp_path, "um", 3, "wavelength units = Micrometers\nwavelength = {0.8, 0.85, 2.2}\n"
                                        "fwhm = {0.005, 0.0055, 0.006}\n")
    wl = read_wavelengths(src)
    np.testing.assert_allclose(wl.centers_nm, [800, 850, 2200])
    np.testing.assert_allclose(wl.fwhm_nm, [5, 5.5, 6])


@pytest.mark.parametrize("units_line", ["", "wavelength units = Unknown\n"])
def test_units_guessed_from_magnitude_when_missing(tmp_path, units_line):
    src = write_envi(tmp_path, "guess", 2, units_line + "wavelength = {0.45, 2.2}\n")
    np.testing.assert_allclose(read_wavelengths(src).centers_nm, [450, 2200])
    src2 = write_envi(tmp_path, "guess_nm", 2, units_line + "wavelength = {450, 2200}\n")
    np.testing.assert_allclose(read_wavelengths(src2).centers_nm, [450, 2200])


def test_envi_index_units_are_not_wavelengths(tmp_path):
    """ENVI writes 'Index' when the list is just band numbers; that must not pass for nm."""
    src = write_envi(tmp_path, "index", 2, "wavelength units = Index\nwavelength = {1, 2}\n")
    with pytest.raises(InputError, match="no band wavelengths"):
        read_wavelengths(src)


def test_envi_header_with_wrong_count_is_reported(tmp_path):
    src = write_envi(tmp_path, "short", 3, "wavelength units = nm\nwavelength = {800, 850}\n")
    with pytest.raises(InputError, match="lists 2 wavelengths but the raster has 3 bands"):
        read_wavelengths(src)


def test_header_path_is_resolved_to_the_data_file(tmp_path):
    src = write_envi(tmp_path, "hdr", 2, "wavelength = {800, 850}\n")
    assert read_wavelengths(src.with_suffix(".hdr")).centers_nm == (800.0, 850.0)


def test_gdal_band_metadata_with_units(tmp_path):
    path = write_tif(tmp_path / "bandmd.tif", 2)
    ds = gdal.Open(str(path), gdal.GA_Update)
    for i, (w, f) in enumerate([(0.83, 0.01), (2.207, 0.02)], start=1):
        ds.GetRasterBand(i).SetMetadata({"wavelength": str(w), "wavelength_units": "micrometers", "fwhm": str(f)})
    ds = None
    wl = read_wavelengths(path)
    np.testing.assert_allclose(wl.centers_nm, [830, 2207])
    np.testing.assert_allclose(wl.fwhm_nm, [10, 20])
    assert wl.source == "GDAL band metadata"


def test_gdal_imagery_domain(tmp_path):
    path = write_tif(tmp_path / "imagery.tif", 2)
    ds = gdal.Open(str(path), gdal.GA_Update)
    for i, w in enumerate([0.83, 2.207], start=1):
        ds.GetRasterBand(i).SetMetadata({"CENTRAL_WAVELENGTH_UM": str(w), "FWHM_UM": "0.01"}, "IMAGERY")
    ds = None
    wl = read_wavelengths(path)
    np.testing.assert_allclose(wl.centers_nm, [830, 2207])
    np.testing.assert_allclose(wl.fwhm_nm, [10, 10])


def test_dataset_level_envi_style_list(tmp_path):
    path = write_tif(tmp_path / "dsmd.tif", 2)
    ds = gdal.Open(str(path), gdal.GA_Update)
    ds.SetMetadata({"wavelength": "{830, 2207}", "wavelength_units": "Nanometers"})
    ds = None
    assert read_wavelengths(path).centers_nm == (830.0, 2207.0)


def test_envi_sidecar_header_beside_a_geotiff(tmp_path):
    """ENVI saves 'scene.hdr' next to 'scene.tif' with the wavelengths; GDAL does not read it for a TIFF."""
    path = write_tif(tmp_path / "scene.tif", 2)
    (tmp_path / "scene.hdr").write_text("ENVI\nwavelength units = Micrometers\nwavelength = {\n 0.83,\n 2.207}\n")
    wl = read_wavelengths(path)
    np.testing.assert_allclose(wl.centers_nm, [830, 2207])
    assert "scene.hdr" in wl.source


@pytest.mark.skipif(not AVIRIS.is_dir(), reason="shared AVIRIS-NG tiles not available")
def test_real_aviris_ng_header():
    tile = AVIRIS / "ang20140912t192359_corr_v1c_img_400-410_10-20.img"
    wl = read_wavelengths(tile)
    assert len(wl) == 432
    assert wl.centers_nm[0] == pytest.approx(346.2995778)
    assert np.all(np.diff(wl.centers_nm) > 0)
    assert 2495 < wl.centers_nm[-1] < 2510
    assert wl.fwhm_nm is not None and 5 < wl.fwhm_nm[0] < 6


# ----------------------------------------------------------------------------- presets and lists


def test_zy1_02d_preset():
    assert "zy1_02d_ahsi" in list_presets()
    for name in ("zy1_02d_ahsi", "ZY1-02D AHSI"):
        wl = load_band_table(name)
        assert len(wl) == 166
        assert wl.span_nm == (395.0, 2501.0)
        assert wl.fwhm_nm is not None and set(wl.fwhm_nm) <= {10.0, 20.0}


def test_preset_used_when_file_has_no_wavelengths(tmp_path):
    path = write_tif(tmp_path / "zy.tif", 166)
    wl = read_wavelengths(path, preset="zy1_02d_ahsi")
    assert len(wl) == 166 and "zy1_02d_ahsi" in wl.source


def test_preset_band_count_mismatch(tmp_path):
    path = write_tif(tmp_path / "ten.tif", 10)
    with pytest.raises(InputError, match="describes 166 bands but 'ten.tif' has 10 bands"):
        read_wavelengths(path, preset="zy1_02d_ahsi")


def test_unknown_preset_lists_available(tmp_path):
    path = write_tif(tmp_path / "x.tif", 2)
    with pytest.raises(InputError, match="Unknown sensor preset 'hyperion'.*zy1_02d_ahsi"):
        read_wavelengths(path, preset="hyperion")


def test_no_wavelengths_and_no_preset(tmp_path):
    path = write_tif(tmp_path / "bare.tif", 3)
    with pytest.raises(InputError) as info:
        read_wavelengths(path)
    message = str(info.value)
    assert "'bare.tif' carries no band wavelengths" in message and "zy1_02d_ahsi" in message


def test_user_list_text_numbers_and_units(tmp_path):
    path = write_tif(tmp_path / "u.tif", 3)
    assert read_wavelengths(path, wavelengths="800, 850; 2200").centers_nm == (800.0, 850.0, 2200.0)
    np.testing.assert_allclose(read_wavelengths(path, wavelengths=[0.8, 0.85, 2.2]).centers_nm, [800, 850, 2200])
    np.testing.assert_allclose(
        read_wavelengths(path, wavelengths=[0.8, 0.85, 2.2], fwhm=[0.01, 0.01, 0.02], wavelength_units="um").fwhm_nm,
        [10, 10, 20])


def test_user_table_file(tmp_path):
    path = write_tif(tmp_path / "t.tif", 3)
    table = tmp_path / "bands.csv"
    table.write_text("# my sensor\nband,wavelength_um,fwhm_um\n1,0.8,0.01\n2,0.85,0.01\n3,2.2,0.02\n")
    wl = read_wavelengths(path, wavelengths=str(table))
    np.testing.assert_allclose(wl.centers_nm, [800, 850, 2200])
    np.testing.assert_allclose(wl.fwhm_nm, [10, 10, 20])


def test_user_list_wrong_count_and_bad_token(tmp_path):
    path = write_tif(tmp_path / "w.tif", 3)
    with pytest.raises(InputError, match="describes 2 bands but 'w.tif' has 3 bands"):
        read_wavelengths(path, wavelengths="800, 850")
    with pytest.raises(InputError, match="'abc' in the wavelength list is not a number"):
        read_wavelengths(path, wavelengths="800, abc, 900")


def test_file_wins_unless_override(tmp_path):
    src = write_envi(tmp_path, "own", 2, "wavelength units = nm\nwavelength = {800, 850}\n")
    assert read_wavelengths(src, wavelengths="1000, 1100").centers_nm == (800.0, 850.0)
    assert read_wavelengths(src, wavelengths="1000, 1100", override_file=True).centers_nm == (1000.0, 1100.0)


def test_unreadable_and_missing_files(tmp_path):
    junk = tmp_path / "junk.tif"
    junk.write_text("not a raster")
    with pytest.raises(InputError, match="Cannot read '.*junk.tif' as a raster"):
        read_wavelengths(junk)
    with pytest.raises(InputError, match="Raster file not found"):
        read_wavelengths(tmp_path / "missing.tif")


def test_to_nanometres_rules():
    np.testing.assert_allclose(to_nanometres([0.4, 2.5]), [400, 2500])
    np.testing.assert_allclose(to_nanometres([400, 2500]), [400, 2500])
    np.testing.assert_allclose(to_nanometres([400, 2500], "Nanometers"), [400, 2500])
    np.testing.assert_allclose(to_nanometres([0.4], "µm"), [400])
    with pytest.raises(InputError, match="positive numbers"):
        to_nanometres([400, -1])
    with pytest.raises(InputError, match="not a wavelength"):
        to_nanometres([4000, 5000], "Wavenumber")
    assert parse_number_list("{ 1.5 , 2 ,\n 3e2 }") == [1.5, 2.0, 300.0]
