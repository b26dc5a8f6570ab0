"""Grid: pixel geometry (rotated AVIRIS-NG grids included), grid comparison and CRS refusals."""
from pathlib import Path

import numpy as np
import pytest
from osgeo import gdal, osr

from models.errors import InputError
from models.raster.grid import Grid, check_same_grid, require_projected

gdal.UseExceptions()

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
TILE = DATA / "aviris_ng_tiles" / "ang20140912t192359_corr_v1c_img_400-410_10-20.img"


def wkt(epsg: int) -> str:
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    return srs.ExportToWkt()


UTM = Grid(wkt(32644), (500000.0, 30.0, 0.0, 4000000.0, 0.0, -30.0), 50, 40)


@pytest.mark.skipif(not TILE.is_file(), reason="shared AVIRIS-NG tiles not available")
def test_real_rotated_tile():
    grid = Grid.from_raster(TILE)
    assert (grid.width, grid.height) == (10, 10)
    assert grid.is_rotated and grid.is_orthogonal and not grid.is_geographic
    np.testing.assert_allclose(grid.pixel_size_m, (3.1, 3.1), rtol=1e-9)
    # Pixel centres agree with GDAL's own transform.
    x, y = grid.pixel_centres()
    for row, col in [(0, 0), (3, 7), (9, 9)]:
        gx, gy = gdal.ApplyGeoTransform(grid.geotransform, col + 0.5, row + 0.5)
        assert (x[row, col], y[row, col]) == pytest.approx((gx, gy), abs=1e-6)


def test_window_and_coarsened_grids_line_up():
    x, y = UTM.pixel_centres()
    win = UTM.window(5, 10, col0=3, ncols=7)
    wx, wy = win.pixel_centres()
    np.testing.assert_allclose(wx, x[5:15, 3:10])
    np.testing.assert_allclose(wy, y[5:15, 3:10])
    coarse = UTM.coarsened(4)
    cx, cy = coarse.pixel_centres()
    assert (coarse.width, coarse.height) == (14, 11)       # nodes at 0,4,…,48 and one beyond 49
    np.testing.assert_allclose(cx[:-1, :-1], x[0::4, 0::4])
    np.testing.assert_allclose(cy[:-1, 0], y[0::4, 0][:10])


def test_pixel_size_in_metres_for_a_feet_crs():
    grid = Grid(wkt(2227), (6000000.0, 100.0, 0.0, 2000000.0, 0.0, -100.0), 10, 10)   # US survey feet
    assert grid.pixel_size_m[0] == pytest.approx(30.480061, rel=1e-6)


def test_same_grid_passes_and_each_difference_is_named():
    check_same_grid(UTM, Grid(UTM.crs_wkt, UTM.geotransform, 50, 40))
    with pytest.raises(InputError, match="'a' is 50×40 pixels but 'b' is 51×40"):
        check_same_grid(UTM, Grid(UTM.crs_wkt, UTM.geotransform, 51, 40), "'a'", "'b'")
    with pytest.raises(InputError, match="UTM zone 44N.*UTM zone 45N"):
        check_same_grid(UTM, Grid(wkt(32645), UTM.geotransform, 50, 40))
    with pytest.raises(InputError, match="origins differ"):
        check_same_grid(UTM, Grid(UTM.crs_wkt, (500015.0, 30.0, 0.0, 4000000.0, 0.0, -30.0), 50, 40))
    with pytest.raises(InputError, match="pixel sizes/rotations differ: 30×30 vs 10×10"):
        check_same_grid(UTM, Grid(UTM.crs_wkt, (500000.0, 10.0, 0.0, 4000000.0, 0.0, -10.0), 50, 40))


def test_geographic_and_crs_less_grids_are_refused():
    geo = Grid(wkt(4326), (78.0, 0.0003, 0.0, 35.5, 0.0, -0.0003), 100, 100)
    with pytest.raises(InputError) as info:
        require_projected(geo)
    message = str(info.value)
    assert "geographic CRS (WGS 84" in message and "degrees" in message
    assert "UTM zone 44N (EPSG:32644)" in message
    with pytest.raises(InputError, match="geographic"):
        geo.pixel_size_m
    with pytest.raises(InputError, match="no coordinate reference system"):
        require_projected(Grid("", UTM.geotransform, 5, 5))
