"""Band subset: range selection, windowed copy, metadata round trip, real AVIRIS-NG tiles, errors, cancel."""
from pathlib import Path

import numpy as np
import pytest
from osgeo import gdal, osr

from models.errors import CancelledError, InputError
from models.progress import Progress
from models.raster import band_subset
from models.raster.band_subset import DEFAULT_RANGES_NM, normalise_ranges, parse_ranges, select_bands, subset_raster
from models.raster.wavelengths import load_band_table, parse_number_list, read_wavelengths

gdal.UseExceptions()

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
AVIRIS = DATA / "aviris_ng_tiles"
# The 432-band reflectance tiles (the folder also holds 1- and 3-band class/RGB rasters).
CUBES = sorted(p for p in AVIRIS.glob("*.img") if gdal.Open(str(p)).RasterCount == 432) if AVIRIS.is_dir() else []


def make_cube(path: Path, width: int, height: int, bands: int, dtype=gdal.GDT_Int16, nodata=-9999,
              wavelengths=None) -> np.ndarray:
    """A GeoTIFF cube with distinct values per band/pixel; returns its data (bands, rows, cols)."""
    rng = np.random.default_rng(7)
    data = rng.integers(-2000, 20000, size=(bands, height, width)).astype(np.int16)
    data[:, :3, :3] = nodata
    ds = gdal.GetDriverByName("GTiff").Create(str(path), width, height, bands, dtype, ["TILED=YES"])
    ds.SetGeoTransform((500000.0, 30.0, 0.0, 4000000.0, 0.0, -30.0))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(32644)
    ds.SetProjection(srs.ExportToWkt())
    for b in range(bands):
        band = ds.GetRasterBand(b + 1)
        band.WriteArray(data[b])
        band.SetNoDataValue(nodata)
        if wavelengths is not None:
            band.SetMetadata({"wavelength": str(wavelengths[b]), "wavelength_units": "nm"})
    ds = None
    return data


# ----------------------------------------------------------------------------- selection


def test_select_bands_default_ranges_inclusive():
    wl = [700, 782, 830, 902, 903, 1400, 2013.9, 2014, 2207, 2400, 2400.1]
    assert select_bands(wl) == [1, 2, 3, 7, 8, 9]
    assert select_bands(wl, [(1000, 1500)]) == [5]


def test_zy1_02d_preset_gives_about_37_bands():
    wl = load_band_table("zy1_02d_ahsi").centers_nm
    kept = select_bands(wl, DEFAULT_RANGES_NM)
    expected = sum(1 for w in wl if 782 <= w <= 902 or 2014 <= w <= 2400)
    assert len(kept) == expected and 30 <= expected <= 40


def test_range_formats():
    assert parse_ranges("782-902; 2014-2400") == [(782, 902), (2014, 2400)]
    assert parse_ranges("782 – 902, 2014 to 2400\n2450:2500") == [(782, 902), (2014, 2400), (2450, 2500)]
    assert normalise_ranges([782, 902, 2014, 2400]) == ((782, 902), (2014, 2400))      # Processing matrix
    assert normalise_ranges([(782, 902)]) == ((782, 902),)
    assert normalise_ranges("0.782-0.902") == ((782, 902),)                             # micrometres
    assert normalise_ranges(None) == DEFAULT_RANGES_NM


@pytest.mark.parametrize("ranges, message", [
    ("902-782", "minimum above its maximum"),
    ("782-902; hello", "Cannot read the wavelength ranges"),
    ([782, 902, 2014], "odd count"),
    ("", "Cannot read the wavelength ranges"),
])
def test_bad_ranges(ranges, message):
    with pytest.raises(InputError, match=message):
        normalise_ranges(ranges)


def test_ranges_selecting_nothing_names_the_span():
    with pytest.raises(InputError) as info:
        select_bands([400.0, 500.0, 2500.0], "5000-6000")
    assert "select no band" in str(info.value) and "400.0–2500.0 nm" in str(info.value)


# ----------------------------------------------------------------------------- real data


@pytest.mark.skipif(not CUBES, reason="shared AVIRIS-NG tiles not available")
@pytest.mark.parametrize("tile", CUBES, ids=lambda p: p.name[:30])
def test_subset_real_aviris_ng_tile(tile, tmp_path):
    out = tmp_path / "subset.tif"
    result = subset_raster(tile, out)
    src = gdal.Open(str(tile))
    dst = gdal.Open(str(out))
    src_wl = np.array(parse_number_list(src.GetMetadata("ENVI")["wavelength"]))

    # The kept bands are exactly those of the source in the ranges.
    expected = [i + 1 for i, w in enumerate(src_wl) if 782 <= w <= 902 or 2014 <= w <= 2400]
    assert list(result.band_numbers) == expected and dst.RasterCount == len(expected) > 50
    # Values identical to the source bands, data type kept.
    np.testing.assert_array_equal(dst.ReadAsArray(), src.ReadAsArray(band_list=expected))
    assert dst.GetRasterBand(1).DataType == src.GetRasterBand(1).DataType
    # Grid kept (the tiles are rotated), nodata kept (none).
    assert dst.GetGeoTransform() == src.GetGeoTransform()
    assert (dst.RasterXSize, dst.RasterYSize) == (src.RasterXSize, src.RasterYSize)
    assert dst.GetSpatialRef().IsSame(src.GetSpatialRef())
    assert dst.GetRasterBand(1).GetNoDataValue() == src.GetRasterBand(1).GetNoDataValue()
    # Wavelengths written per band, in the description, and dataset-wide; read back.
    first = expected[0]
    band = dst.GetRasterBand(1)
    assert float(band.GetMetadataItem("wavelength")) == pytest.approx(src_wl[first - 1])
    assert band.GetMetadataItem("wavelength_units") == "nm"
    assert band.GetDescription() == f"Band {first} ({src_wl[first - 1]:.1f} nm)"
    assert band.GetMetadata("IMAGERY")["CENTRAL_WAVELENGTH_UM"]
    np.testing.assert_allclose(parse_number_list(dst.GetMetadataItem("wavelength")), src_wl[np.array(expected) - 1])
    back = read_wavelengths(out)
    np.testing.assert_allclose(back.centers_nm, result.wavelengths_nm)
    np.testing.assert_allclose(back.fwhm_nm, result.fwhm_nm)
    assert all(782 <= w <= 902 or 2014 <= w <= 2400 for w in back.centers_nm)
    # A second subset of the subset (the wavelengths must survive a step).
    again = subset_raster(out, tmp_path / "again.tif", "2014-2400")
    assert all(2014 <= w <= 2400 for w in read_wavelengths(tmp_path / "again.tif").centers_nm)
    assert len(again.band_numbers) == sum(1 for w in back.centers_nm if w >= 2014)


@pytest.mark.skipif(not CUBES, reason="shared AVIRIS-NG tiles not available")
def test_subset_accepts_the_envi_header_path(tmp_path):
    result = subset_raster(CUBES[0].with_suffix(".hdr"), tmp_path / "o.tif", "2200-2210")
    assert len(result.band_numbers) == 2


# ----------------------------------------------------------------------------- synthetic cubes


def test_windowed_copy_preserves_values_nodata_and_type(tmp_path, monkeypatch):
    """A cube wider/taller than one window, copied in band groups; no read is larger than a window."""
    wl = np.linspace(400, 2500, 24)
    data = make_cube(tmp_path / "cube.tif", 300, 270, 24, wavelengths=wl)
    monkeypatch.setattr(band_subset, "BUFFER_BYTES", band_subset.WINDOW ** 2 * 2 * 3)   # 3 bands per group
    reads = []
    original = gdal.Dataset.ReadRaster

    def spy(self, xoff=0, yoff=0, xsize=None, ysize=None, *args, **kwargs):
        reads.append((xsize, ysize, len(kwargs.get("band_list") or [])))
        return original(self, xoff, yoff, xsize, ysize, *args, **kwargs)

    monkeypatch.setattr(gdal.Dataset, "ReadRaster", spy)
    result = subset_raster(tmp_path / "cube.tif", tmp_path / "out.tif")
    monkeypatch.undo()
    keep = [i for i, w in enumerate(wl) if 782 <= w <= 902 or 2014 <= w <= 2400]
    out = gdal.Open(str(tmp_path / "out.tif"))
    np.testing.assert_array_equal(out.ReadAsArray(), data[keep])
    assert out.GetRasterBand(1).DataType == gdal.GDT_Int16
    assert all(out.GetRasterBand(i + 1).GetNoDataValue() == -9999 for i in range(out.RasterCount))
    assert list(result.band_numbers) == [k + 1 for k in keep]
    assert reads and max(w * h for w, h, _ in reads) <= band_subset.WINDOW ** 2
    assert max(n for _, _, n in reads) <= 3
    assert out.GetMetadata("IMAGE_STRUCTURE").get("COMPRESSION") == "DEFLATE"


def test_preset_and_user_list_for_files_without_wavelengths(tmp_path):
    make_cube(tmp_path / "zy.tif", 6, 5, 166)
    result = subset_raster(tmp_path / "zy.tif", tmp_path / "zy_sub.tif", preset="zy1_02d_ahsi")
    assert 30 <= len(result.band_numbers) <= 40 and "zy1_02d_ahsi" in result.wavelength_source
    assert len(read_wavelengths(tmp_path / "zy_sub.tif").centers_nm) == len(result.band_numbers)

    make_cube(tmp_path / "four.tif", 6, 5, 4)
    result = subset_raster(tmp_path / "four.tif", tmp_path / "four_sub.tif", wavelengths="0.8, 0.85, 1.4, 2.2")
    assert result.band_numbers == (1, 2, 4)
    assert read_wavelengths(tmp_path / "four_sub.tif").centers_nm == (800.0, 850.0, 2200.0)


def test_errors_leave_no_output(tmp_path):
    make_cube(tmp_path / "bare.tif", 6, 5, 4)
    with pytest.raises(InputError, match="no band wavelengths"):
        subset_raster(tmp_path / "bare.tif", tmp_path / "o.tif")
    with pytest.raises(InputError, match="select no band: the raster's 4 bands span 800.0–2200.0 nm"):
        subset_raster(tmp_path / "bare.tif", tmp_path / "o.tif", "5000-6000", wavelengths=[800, 850, 1400, 2200])
    junk = tmp_path / "junk.img"
    junk.write_bytes(b"\x00" * 100)
    with pytest.raises(InputError, match="Cannot read .*junk.img.* as a raster"):
        subset_raster(junk, tmp_path / "o.tif")
    with pytest.raises(InputError, match="not found"):
        subset_raster(tmp_path / "nope.tif", tmp_path / "o.tif")
    with pytest.raises(InputError, match="must not be the input"):
        subset_raster(tmp_path / "bare.tif", tmp_path / "bare.tif", wavelengths=[800, 850, 1400, 2200])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bare.tif", "junk.img"]


def test_cancel_leaves_no_file_and_keeps_a_previous_output(tmp_path):
    wl = np.linspace(400, 2500, 12)
    make_cube(tmp_path / "cube.tif", 600, 300, 12, wavelengths=wl)
    (tmp_path / "out.tif").write_bytes(b"previous result")
    calls = []
    progress = Progress(report=lambda pct, msg: calls.append(pct), is_cancelled=lambda: len(calls) >= 2)
    with pytest.raises(CancelledError):
        subset_raster(tmp_path / "cube.tif", tmp_path / "out.tif", progress=progress)
    assert (tmp_path / "out.tif").read_bytes() == b"previous result"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cube.tif", "out.tif"]


def test_progress_reaches_the_end(tmp_path):
    make_cube(tmp_path / "cube.tif", 300, 20, 6, wavelengths=[800, 850, 900, 2100, 2200, 2300])
    seen = []
    subset_raster(tmp_path / "cube.tif", tmp_path / "o.tif", progress=Progress(report=lambda p, m: seen.append(p)))
    assert seen == sorted(seen) and seen[-1] == pytest.approx(100.0)
