"""Strip accumulation of overlapping tiles and the prediction-rate curve."""
import numpy as np
import pytest

from models.heatmap.accumulate import NODATA, StripAccumulator, tile_origins
from models.heatmap.prediction_rate import prediction_rate


def _brute_force(h, w, k, s, probs):
    acc = np.zeros((h, w))
    cnt = np.zeros((h, w))
    for (r, c), p in probs.items():
        acc[r:r + k, c:c + k] += p
        cnt[r:r + k, c:c + k] += 1
    return np.where(cnt > 0, acc / np.maximum(cnt, 1), NODATA)


@pytest.mark.parametrize("k,s", [(10, 10), (10, 5), (10, 3), (4, 7)])
def test_strip_accumulator_equals_full_grid_average(k, s):
    h, w = 47, 33
    rng = np.random.default_rng(0)
    out = np.full((h, w), np.nan, np.float32)
    written = []

    def write(row, block):
        written.append((row, block.shape[0]))
        out[row:row + block.shape[0]] = block

    acc = StripAccumulator(w, h, k, s, write)
    probs = {}
    for r in tile_origins(h, k, s):
        cols = tile_origins(w, k, s)
        p = rng.random(cols.size)
        acc.add_tile_row(int(r), cols, p)
        probs.update({(int(r), int(c)): float(v) for c, v in zip(cols, p)})
        acc.finish_tile_row(int(r))
    acc.close()
    np.testing.assert_allclose(out, _brute_force(h, w, k, s, probs), rtol=1e-6)
    # every row written exactly once, in order
    rows = [r for r, n in written for r in range(r, r + n)]
    assert rows == list(range(h))
    assert acc.sum.shape[0] == k + s  # bounded buffer


def test_tile_origins():
    assert tile_origins(25, 10, 10).tolist() == [0, 10]
    assert tile_origins(9, 10, 10).tolist() == []


def test_prediction_rate_perfect_random_and_worst():
    prob = np.linspace(0, 1, 1000).reshape(40, 25)
    valid = np.ones_like(prob, bool)
    best = prediction_rate(prob, valid, np.array([1.0, 0.999, 0.998]))
    assert best.auc > 0.99
    worst = prediction_rate(prob, valid, np.array([0.0, 0.0]))
    assert worst.auc < 0.01
    rng = np.random.default_rng(1)
    rand = prediction_rate(prob, valid, rng.choice(prob.ravel(), 400))
    assert 0.4 < rand.auc < 0.6
    assert best.captured_at["0.05"] == 1.0


def test_prediction_rate_ignores_deposits_off_the_map():
    prob = np.linspace(0, 1, 100).reshape(10, 10)
    pr = prediction_rate(prob, np.ones_like(prob, bool), np.array([np.nan, 0.95]))
    assert pr.n_deposits == 1


@pytest.mark.parametrize("theta", [0.0, 53.0])
def test_deposit_scores_read_the_right_pixel_on_a_rotated_grid(tmp_path, theta):
    """A point deposit scores the value of the pixel it falls in, also when the grid is rotated
    (AVIRIS-NG tiles are turned 53°); a polygon scores the best pixel it touches."""
    from osgeo import gdal, ogr, osr

    from models.heatmap.predict import deposit_scores

    h, w = 20, 30
    t = np.radians(theta)
    gt = (600000.0, 5 * np.cos(t), 5 * np.sin(t), 4200000.0, 5 * np.sin(t), -5 * np.cos(t))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(32613)
    ds = gdal.GetDriverByName("GTiff").Create(str(tmp_path / "p.tif"), w, h, 1, gdal.GDT_Float32)
    ds.SetGeoTransform(gt)
    ds.SetProjection(srs.ExportToWkt())
    values = (np.arange(h * w, dtype=np.float32).reshape(h, w)) / (h * w)
    ds.GetRasterBand(1).WriteArray(values)
    ds.GetRasterBand(1).SetNoDataValue(-1)
    ds = None
    picks = [(2, 3), (17, 25), (10, 0), (0, 29)]
    vds = ogr.GetDriverByName("GPKG").CreateDataSource(str(tmp_path / "d.gpkg"))
    lyr = vds.CreateLayer("d", srs, ogr.wkbUnknown)
    for r, c in picks:
        x, y = gdal.ApplyGeoTransform(gt, c + 0.5, r + 0.5)
        f = ogr.Feature(lyr.GetLayerDefn())
        f.SetGeometry(ogr.CreateGeometryFromWkt(f"POINT({x} {y})"))
        lyr.CreateFeature(f)
    corners = [gdal.ApplyGeoTransform(gt, c, r)
               for c, r in ((4.2, 6.2), (6.8, 6.2), (6.8, 8.8), (4.2, 8.8), (4.2, 6.2))]
    f = ogr.Feature(lyr.GetLayerDefn())
    f.SetGeometry(ogr.CreateGeometryFromWkt("POLYGON((" + ",".join(f"{x} {y}" for x, y in corners) + "))"))
    lyr.CreateFeature(f)
    vds = None
    scores, _, _ = deposit_scores(tmp_path / "p.tif", str(tmp_path / "d.gpkg"))
    want = [values[r, c] for r, c in picks] + [values[8, 6]]  # polygon covers rows 6-8, cols 4-6
    np.testing.assert_allclose(scores["deposits"], want, rtol=1e-6)
