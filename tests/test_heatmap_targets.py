"""Exploration targets from synthetic probability rasters whose regions are known."""
import numpy as np
import pytest
from osgeo import gdal, ogr, osr

from models.errors import InputError
from models.heatmap.targets import TargetSettings, extract_targets
from test_evaluation_score import NORTH_UP, PIXEL, rotated_gt, write_bodies, write_raster


def scene():
    """Block A 5×5 at 0.9, block B 2×3 at 0.7 touching a 1-pixel block C (0.95) only at a corner, rest 0.1."""
    arr = np.full((40, 40), 0.1)
    arr[5:10, 5:10] = 0.9
    arr[20:22, 20:23] = 0.7
    arr[22, 23] = 0.95
    return arr


def read_layer(path):
    ds = ogr.Open(str(path))
    lyr = ds.GetLayer(0)
    rows = [({k: f.GetField(k) for k in f.keys()}, f.GetGeometryRef().Clone()) for f in lyr]
    name = lyr.GetName()
    ds = None
    return name, rows


@pytest.mark.parametrize("gt", [NORTH_UP, rotated_gt(25.0)], ids=["north-up", "rotated"])
def test_threshold_targets_with_8_and_4_connectivity(tmp_path, gt):
    raster = write_raster(tmp_path / "p.tif", scene(), gt)
    eight = extract_targets(raster, tmp_path / "t8.gpkg", TargetSettings(threshold=0.5))
    assert [(t["rank"], t["n_pixels"]) for t in eight.targets] == [(1, 25), (2, 7)]
    assert eight.targets[1]["max_prob"] == pytest.approx(0.95)
    assert eight.targets[1]["mean_prob"] == pytest.approx((6 * 0.7 + 0.95) / 7)
    four = extract_targets(raster, tmp_path / "t4.gpkg", TargetSettings(threshold=0.5, connectivity=4))
    assert [t["n_pixels"] for t in four.targets] == [1, 25, 6]  # C alone ranks first by mean probability
    name, rows = read_layer(tmp_path / "t8.gpkg")
    assert name == "targets"
    for attrs, geom in rows:
        assert geom.GetArea() == pytest.approx(attrs["n_pixels"] * PIXEL ** 2)
        assert attrs["area_km2"] == pytest.approx(attrs["n_pixels"] * PIXEL ** 2 / 1e6)
        assert attrs["mean_uncert"] is None and attrs["dist_known_m"] is None
    # the polygon of target 1 holds the centres of block A's pixels, and not its neighbours'
    geom = dict((a["rank"], g) for a, g in rows)[1]
    centre = ogr.Geometry(ogr.wkbPoint)
    for (r, c), inside in (((5, 5), True), ((9, 9), True), ((4, 5), False), ((10, 9), False)):
        x, y = gdal.ApplyGeoTransform(gt, c + 0.5, r + 0.5)
        centre.SetPoint_2D(0, x, y)
        assert geom.Contains(centre) is inside


def test_minimum_area_drops_small_targets(tmp_path):
    raster = write_raster(tmp_path / "p.tif", scene())
    res = extract_targets(raster, tmp_path / "t.gpkg", TargetSettings(threshold=0.5, connectivity=4,
                                                                       min_area_m2=6 * PIXEL ** 2))
    assert [t["n_pixels"] for t in res.targets] == [25, 6]
    assert res.n_dropped_small == 1
    assert len(read_layer(tmp_path / "t.gpkg")[1]) == 2


def test_top_share_by_rank(tmp_path):
    arr = np.random.default_rng(0).random((50, 40))
    arr[0, 0] = np.nan  # NaN is nodata, neither ranked nor area
    res = extract_targets(write_raster(tmp_path / "p.tif", arr), tmp_path / "t.gpkg", TargetSettings(top_share=0.1))
    n_valid = arr.size - 1
    assert sum(t["n_pixels"] for t in res.targets) == int(np.ceil(0.1 * n_valid))
    assert res.threshold == pytest.approx(np.sort(arr[np.isfinite(arr)])[::-1][int(np.ceil(0.1 * n_valid)) - 1])
    assert min(t["max_prob"] for t in res.targets) >= res.threshold


def test_top_share_leaves_out_a_flat_background(tmp_path):
    """32 of 1600 pixels are above a flat background: the top 10 % is those pixels, not the whole map."""
    res = extract_targets(write_raster(tmp_path / "p.tif", scene()), tmp_path / "t.gpkg",
                          TargetSettings(top_share=0.1))
    assert sum(t["n_pixels"] for t in res.targets) == 32
    assert res.selected_share == pytest.approx(32 / 1600)
    assert res.threshold == pytest.approx(0.7) and not res.warnings


def test_top_share_keeps_a_tied_top_and_says_so(tmp_path):
    arr = scene()
    arr[arr > 0.5] = 1.0  # 32 pixels tied at the top, more than the 1 % (16 pixels) asked for
    res = extract_targets(write_raster(tmp_path / "p.tif", arr), tmp_path / "t.gpkg", TargetSettings(top_share=0.01))
    assert sum(t["n_pixels"] for t in res.targets) == 32
    assert res.warnings and "2.0 % of the valid area shares the highest value 1" in res.warnings[0]


def test_uncertainty_per_target(tmp_path):
    arr = scene()
    unc = np.zeros_like(arr)
    unc[5:10, 5:10] = np.linspace(0, 0.2, 25).reshape(5, 5)
    unc[20:23, 20:24] = 0.3
    raster = write_raster(tmp_path / "p.tif", arr)
    res = extract_targets(raster, tmp_path / "t.gpkg", TargetSettings(threshold=0.5),
                          uncertainty=write_raster(tmp_path / "u.tif", unc))
    assert res.targets[0]["mean_uncert"] == pytest.approx(0.1)
    assert res.targets[0]["max_uncert"] == pytest.approx(0.2)
    assert res.targets[1]["mean_uncert"] == pytest.approx(0.3)
    other = write_raster(tmp_path / "u2.tif", unc[:30])
    with pytest.raises(InputError, match="not on the same grid"):
        extract_targets(raster, tmp_path / "t2.gpkg", TargetSettings(threshold=0.5), uncertainty=other)
    assert not (tmp_path / "t2.gpkg").exists()


@pytest.mark.parametrize("epsg", [32644, 4326])
def test_distance_to_known_deposits(tmp_path, epsg):
    raster = write_raster(tmp_path / "p.tif", scene())
    # a 1-pixel body (inset a quarter pixel) 3 pixels right of block A's edge, one overlapping block B
    known = write_bodies(tmp_path / "k.gpkg", [(6, 13, 1, "known"), (21, 21, 1, "known")], epsg=epsg)
    res = extract_targets(raster, tmp_path / "t.gpkg", TargetSettings(threshold=0.5), known=known)
    by_size = {t["n_pixels"]: t for t in res.targets}
    assert by_size[25]["dist_known_m"] == pytest.approx(3.25 * PIXEL, abs=0.5 if epsg == 4326 else 1e-6)
    assert by_size[7]["dist_known_m"] == pytest.approx(0.0, abs=1e-6)
    attrs = {a["n_pixels"]: a for a, _ in read_layer(tmp_path / "t.gpkg")[1]}
    assert attrs[25]["dist_known_m"] == pytest.approx(by_size[25]["dist_known_m"])


def test_bad_requests_are_refused_and_write_nothing(tmp_path):
    raster = write_raster(tmp_path / "p.tif", scene())
    with pytest.raises(InputError, match="either a probability threshold or a top share"):
        extract_targets(raster, tmp_path / "t.gpkg", TargetSettings(threshold=0.5, top_share=0.1))
    with pytest.raises(InputError, match="GeoPackage"):
        extract_targets(raster, tmp_path / "t.shp", TargetSettings(threshold=0.5))
    geo = gdal.GetDriverByName("GTiff").Create(str(tmp_path / "geo.tif"), 10, 10, 1, gdal.GDT_Float32)
    geo.SetGeoTransform((80.0, 0.001, 0, 35.0, 0, -0.001))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4326)
    geo.SetProjection(srs.ExportToWkt())
    geo = None
    with pytest.raises(InputError, match="geographic"):
        extract_targets(tmp_path / "geo.tif", tmp_path / "t.gpkg", TargetSettings(threshold=0.5))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["geo.tif", "p.tif"]


def test_no_ground_above_the_threshold_writes_an_empty_layer(tmp_path):
    res = extract_targets(write_raster(tmp_path / "p.tif", scene()), tmp_path / "t.gpkg",
                          TargetSettings(threshold=0.99))
    assert res.n_targets == 0
    assert read_layer(tmp_path / "t.gpkg")[1] == []


def test_cancel_writes_nothing(tmp_path):
    from models.errors import CancelledError
    from models.progress import Progress

    raster = write_raster(tmp_path / "p.tif", scene())
    calls = []
    with pytest.raises(CancelledError):
        extract_targets(raster, tmp_path / "t.gpkg", TargetSettings(threshold=0.5),
                        progress=Progress(lambda p, m: calls.append(p), lambda: len(calls) >= 2))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.tif"]
