"""StripReader: row windows equal GDAL's own reads, in any block layout, without GDAL hoarding blocks."""
import numpy as np
import pytest
from osgeo import gdal

from models.raster import strips
from models.raster.strips import StripReader


def _raster(path, layout, width=53, height=97, bands=5):
    opts = {"tiled16": ["TILED=YES", "BLOCKXSIZE=16", "BLOCKYSIZE=16", "INTERLEAVE=PIXEL"],
            "striped": ["TILED=NO", "BLOCKYSIZE=1", "INTERLEAVE=BAND"],
            "onestrip": ["TILED=NO", f"BLOCKYSIZE={height}"]}[layout]
    ds = gdal.GetDriverByName("GTiff").Create(str(path), width, height, bands, gdal.GDT_Int16, opts)
    data = np.random.default_rng(1).integers(-3000, 3000, (bands, height, width)).astype(np.int16)
    for b in range(bands):
        ds.GetRasterBand(b + 1).WriteArray(data[b])
    ds = None
    return gdal.Open(str(path)), data


@pytest.mark.parametrize("layout", ["tiled16", "striped", "onestrip"])
@pytest.mark.parametrize("k,stride", [(10, 10), (10, 3), (4, 7), (1, 1)])
def test_windows_equal_direct_reads(tmp_path, monkeypatch, layout, k, stride):
    monkeypatch.setattr(strips, "MIN_STRIP_ROWS", 20)  # several strips in a small raster
    ds, data = _raster(tmp_path / "r.tif", layout)
    bands = [4, 2]
    reader = StripReader(ds, bands)
    for r in range(0, ds.RasterYSize - k + 1, stride):
        got = reader.read(r, k)
        np.testing.assert_array_equal(got, data[[b - 1 for b in bands], r:r + k])


def test_gdal_cache_is_dropped_after_each_strip(tmp_path, monkeypatch):
    monkeypatch.setattr(strips, "MIN_STRIP_ROWS", 16)
    ds, _ = _raster(tmp_path / "r.tif", "tiled16", width=400, height=400, bands=8)
    reader = StripReader(ds, [1, 2, 3])
    before = gdal.GetCacheUsed()
    for r in range(0, 400 - 10 + 1, 10):
        reader.read(r, 10)
        assert gdal.GetCacheUsed() - before < 400 * 16 * 8 * 2  # less than one strip of every band
    assert reader.strip_rows == 16


def test_going_backwards_is_refused(tmp_path):
    ds, _ = _raster(tmp_path / "r.tif", "tiled16")
    reader = StripReader(ds)
    reader.read(70, 10)                 # the first strip (rows 0-63) is gone
    with pytest.raises(ValueError):
        reader.read(30, 10)
    with pytest.raises(ValueError):
        reader.read(90, 10)  # past the last row
