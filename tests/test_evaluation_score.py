"""Heatmap scoring on hand-made rasters whose answer is known analytically."""
import json
import math

import numpy as np
import pytest
from osgeo import gdal, ogr, osr

from models.errors import InputError
from models.evaluation import ScoreSettings, evaluate_heatmap, score_heatmap

EPSG = 32644
PIXEL = 30.0
NORTH_UP = (500000.0, PIXEL, 0.0, 4000000.0, 0.0, -PIXEL)


def rotated_gt(angle_deg=30.0):
    a = math.radians(angle_deg)
    return (500000.0, PIXEL * math.cos(a), PIXEL * math.sin(a), 4000000.0, PIXEL * math.sin(a), -PIXEL * math.cos(a))


def write_raster(path, arr, gt=NORTH_UP, nodata=None):
    ds = gdal.GetDriverByName("GTiff").Create(str(path), arr.shape[1], arr.shape[0], 1, gdal.GDT_Float32)
    ds.SetGeoTransform(gt)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(EPSG)
    ds.SetProjection(srs.ExportToWkt())
    band = ds.GetRasterBand(1)
    band.WriteArray(arr.astype(np.float32))
    if nodata is not None:
        band.SetNoDataValue(nodata)
    ds = None
    return path


def write_bodies(path, bodies, gt=NORTH_UP, epsg=EPSG, points=False):
    """``bodies``: (row, col, size, status). Polygons are the size×size pixel block inset by a quarter
    pixel (so ALL_TOUCHED burns exactly that block); points sit at the block's first pixel centre."""
    utm = osr.SpatialReference()
    utm.ImportFromEPSG(EPSG)
    utm.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    tr = None if epsg == EPSG else osr.CoordinateTransformation(utm, srs)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    lyr = ds.CreateLayer("deposits", srs, ogr.wkbPoint if points else ogr.wkbPolygon)
    lyr.CreateField(ogr.FieldDefn("status", ogr.OFTString))

    def world(c, r):
        return gt[0] + c * gt[1] + r * gt[2], gt[3] + c * gt[4] + r * gt[5]

    for r, c, k, status in bodies:
        if points:
            wkt = "POINT(%r %r)" % world(c + 0.5, r + 0.5)
        else:
            ring = [world(c + 0.25, r + 0.25), world(c + k - 0.25, r + 0.25), world(c + k - 0.25, r + k - 0.25),
                    world(c + 0.25, r + k - 0.25), world(c + 0.25, r + 0.25)]
            wkt = "POLYGON((" + ",".join(f"{x!r} {y!r}" for x, y in ring) + "))"
        geom = ogr.CreateGeometryFromWkt(wkt)
        if tr is not None:
            geom.Transform(tr)
        f = ogr.Feature(lyr.GetLayerDefn())
        f.SetGeometry(geom)
        f.SetField("status", status)
        lyr.CreateFeature(f)
    ds = None
    return path


def layout(n=30, size=2, shape=(80, 80), seed=3, statuses=("known", "hidden", "barren")):
    """Non-overlapping, non-touching bodies on a coarse lattice (a gap of ≥ 2 pixels between them)."""
    rng = np.random.default_rng(seed)
    step = size + 2
    cells = [(r, c) for r in range(1, shape[0] - step, step) for c in range(1, shape[1] - step, step)]
    pick = rng.choice(len(cells), n, replace=False)
    return [(cells[i][0], cells[i][1], size, statuses[j % len(statuses)]) for j, i in enumerate(pick)]


def burn(arr, bodies, status, value):
    for r, c, k, s in bodies:
        if s == status:
            arr[r:r + k, c:c + k] = value


@pytest.mark.parametrize("gt", [NORTH_UP, rotated_gt()], ids=["north-up", "rotated"])
def test_exactly_one_on_hidden_bodies(tmp_path, gt):
    bodies = layout()
    arr = np.zeros((80, 80))
    burn(arr, bodies, "hidden", 1.0)
    raster = write_raster(tmp_path / "p.tif", arr, gt)
    score = score_heatmap(raster, write_bodies(tmp_path / "d.gpkg", bodies, gt))
    hidden = score.statuses["hidden"]
    tie_share = 4 * hidden.n_bodies / arr.size  # the tied block of 1s is all needed to capture any of them
    assert hidden.role == "fertile" and hidden.n_off_map == 0
    assert hidden.curve.auc == pytest.approx(1 - tie_share, abs=1e-9)
    assert hidden.curve.captured_at == {"0.05": 1.0, "0.10": 1.0, "0.20": 1.0}
    assert score.statuses["barren"].curve.captured_at["0.20"] == 0.0
    assert score.pixel_roc["hidden_vs_background"].auc == pytest.approx(1.0)
    assert score.pixel_roc["hidden_vs_barren"].auc == pytest.approx(1.0)
    assert score.pixel_roc["hidden_vs_barren"].n_positive == 4 * hidden.n_bodies
    # known bodies score 0 like the background: all fertile pixels vs background = (1 + 0.5) / 2
    assert score.pixel_roc["fertile_vs_background"].auc == pytest.approx(0.75, abs=1e-9)


def test_random_raster_scores_chance(tmp_path):
    rng = np.random.default_rng(0)
    arr = rng.random((120, 120))
    single = layout(n=400, size=1, shape=(120, 120), seed=1, statuses=("hidden", "barren"))
    score = score_heatmap(write_raster(tmp_path / "p.tif", arr), write_bodies(tmp_path / "d.gpkg", single))
    assert score.statuses["hidden"].curve.auc == pytest.approx(0.5, abs=0.06)
    assert score.pixel_roc["fertile_vs_background"].auc == pytest.approx(0.5, abs=0.05)
    assert score.pixel_roc["fertile_vs_barren"].auc == pytest.approx(0.5, abs=0.08)


def test_best_pixel_of_a_block_is_the_max_of_its_pixels(tmp_path):
    """A body of k uniform pixels is scored by their maximum, so its expected AUC is k / (k + 1)."""
    arr = np.random.default_rng(4).random((120, 120))
    blocks = layout(n=300, size=2, shape=(120, 120), seed=2, statuses=("hidden",))
    score = score_heatmap(write_raster(tmp_path / "p.tif", arr), write_bodies(tmp_path / "d.gpkg", blocks))
    assert score.statuses["hidden"].curve.auc == pytest.approx(0.8, abs=0.04)


def test_points_and_another_crs_give_the_same_score(tmp_path):
    arr = np.random.default_rng(5).random((80, 80))
    bodies = layout(n=40)
    raster = write_raster(tmp_path / "p.tif", arr)
    utm = score_heatmap(raster, write_bodies(tmp_path / "utm.gpkg", bodies, points=True))
    geo = score_heatmap(raster, write_bodies(tmp_path / "geo.gpkg", bodies, epsg=4326, points=True))
    poly = score_heatmap(raster, write_bodies(tmp_path / "poly.gpkg", [(r, c, 1, s) for r, c, _, s in bodies],
                                             epsg=4326))
    for name in ("known", "hidden", "barren"):
        assert geo.statuses[name].curve.auc == utm.statuses[name].curve.auc == poly.statuses[name].curve.auc
    assert geo.pixel_roc["fertile_vs_barren"].auc == pytest.approx(utm.pixel_roc["fertile_vs_barren"].auc)


def test_nodata_is_neither_area_nor_evidence(tmp_path):
    bodies = layout()
    arr = np.zeros((80, 80))
    burn(arr, bodies, "hidden", 1.0)
    arr[:, :20] = -9999.0  # nodata strip; bodies under it are off the map
    n_under = sum(1 for r, c, k, s in bodies if s == "hidden" and c < 20)
    assert n_under > 0
    score = score_heatmap(write_raster(tmp_path / "p.tif", arr, nodata=-9999.0),
                          write_bodies(tmp_path / "d.gpkg", bodies))
    hidden = score.statuses["hidden"]
    assert score.valid_pixels == 80 * 60
    on_map = [b for b in bodies if b[3] == "hidden" and b[1] >= 20]
    # bodies straddling the strip edge keep their valid pixels only
    assert hidden.n_off_map == sum(1 for r, c, k, s in bodies if s == "hidden" and c + k <= 20)
    assert hidden.curve.captured_at["0.05"] == 1.0 and len(on_map) <= hidden.n_bodies - hidden.n_off_map
    assert any("no valid pixel" in w for w in score.warnings)


def test_background_buffer_drops_the_halo(tmp_path):
    """Bodies at 0.8 inside a one-pixel halo at 0.9: the halo beats the bodies unless it is buffered away."""
    bodies = layout(n=20, statuses=("hidden",))
    arr = np.zeros((80, 80))
    for r, c, k, _ in bodies:
        arr[r - 1:r + k + 1, c - 1:c + k + 1] = 0.9
        arr[r:r + k, c:c + k] = 0.8
    raster = write_raster(tmp_path / "p.tif", arr)
    deposits = write_bodies(tmp_path / "d.gpkg", bodies)
    plain = score_heatmap(raster, deposits).pixel_roc["fertile_vs_background"]
    buffered = score_heatmap(raster, deposits, ScoreSettings(background_buffer_m=PIXEL)).pixel_roc[
        "fertile_vs_background"]
    assert plain.auc < 0.99
    assert buffered.auc == pytest.approx(1.0)
    assert buffered.n_negative == plain.n_negative - 12 * len(bodies)


def test_user_names_barren_and_fertile(tmp_path):
    bodies = layout(statuses=("Known", "hidden", "sterile"))
    arr = np.zeros((80, 80))
    burn(arr, bodies, "hidden", 1.0)
    burn(arr, bodies, "Known", 0.5)
    raster = write_raster(tmp_path / "p.tif", arr)
    deposits = write_bodies(tmp_path / "d.gpkg", bodies)
    score = score_heatmap(raster, deposits, ScoreSettings(barren=["STERILE"], fertile=["hidden"]))
    assert {k: v.role for k, v in score.statuses.items()} == {"Known": "other", "hidden": "fertile",
                                                              "sterile": "barren"}
    assert score.pixel_roc["fertile_vs_background"].auc == pytest.approx(1.0)  # known pixels are not background
    default = score_heatmap(raster, deposits, ScoreSettings(barren=["sterile"]))
    assert default.statuses["Known"].role == "fertile"
    with pytest.raises(InputError, match="values are: Known, hidden, sterile"):
        score_heatmap(raster, deposits, ScoreSettings(fertile=["hiden"]))
    with pytest.raises(InputError, match="no field 'kind'"):
        score_heatmap(raster, deposits, ScoreSettings(field="kind"))


def test_files_beside_the_raster(tmp_path):
    bodies = layout()
    arr = np.random.default_rng(2).random((80, 80))
    raster = write_raster(tmp_path / "map.tif", arr)
    score, files = evaluate_heatmap(raster, write_bodies(tmp_path / "d.gpkg", bodies), html_path=tmp_path / "e.html")
    assert files["json"] == str(tmp_path / "map_evaluation.json")
    assert files["png"] == str(tmp_path / "map_evaluation.png")
    data = json.loads((tmp_path / "map_evaluation.json").read_text())  # strict JSON: no NaN
    assert set(data["statuses"]) == {"known", "hidden", "barren"}
    assert data["statuses"]["hidden"]["prediction_rate_auc"] == pytest.approx(score.statuses["hidden"].curve.auc)
    assert (tmp_path / "map_evaluation.png").read_bytes()[:4] == b"\x89PNG"
    assert "data:image/png;base64" in (tmp_path / "e.html").read_text()
    assert not list(tmp_path.glob(".*part*"))


def test_pixel_auc_matches_the_trapezoid_roc_with_ties(tmp_path):
    """The Mann–Whitney AUC equals the ROC trapezoid of models.gcn.metrics on the same pixels, ties included."""
    from models.gcn.metrics import roc_auc

    rng = np.random.default_rng(7)
    bodies = layout(n=60, statuses=("hidden", "barren"))
    arr = np.round(rng.random((80, 80)), 1)  # 11 distinct values: many ties
    for r, c, k, s in bodies:
        if s == "hidden":
            arr[r:r + k, c:c + k] = np.round(np.clip(arr[r:r + k, c:c + k] + 0.3, 0, 1), 1)
    score = score_heatmap(write_raster(tmp_path / "p.tif", arr), write_bodies(tmp_path / "d.gpkg", bodies))
    inside = {s: np.zeros(arr.shape, bool) for s in ("hidden", "barren")}
    for r, c, k, s in bodies:
        inside[s][r:r + k, c:c + k] = True
    background = ~(inside["hidden"] | inside["barren"])
    for key, neg in (("fertile_vs_background", background), ("fertile_vs_barren", inside["barren"])):
        y = np.r_[np.ones(inside["hidden"].sum()), np.zeros(neg.sum())]
        expected = roc_auc(y, np.r_[arr[inside["hidden"]], arr[neg]])
        assert score.pixel_roc[key].auc == pytest.approx(expected, abs=1e-12)
        roc = score.pixel_roc[key]
        assert roc.fpr[0] == 0 and roc.tpr[0] == 0 and roc.fpr[-1] == 1 and roc.tpr[-1] == 1
        assert np.all(np.diff(roc.fpr) >= 0) and np.all(np.diff(roc.tpr) >= 0)


def test_cancel_writes_nothing(tmp_path):
    from models.errors import CancelledError
    from models.progress import Progress

    calls = []
    progress = Progress(lambda p, m: calls.append(p), lambda: len(calls) > 3)
    raster = write_raster(tmp_path / "p.tif", np.random.default_rng(0).random((80, 80)))
    deposits = write_bodies(tmp_path / "d.gpkg", layout())
    with pytest.raises(CancelledError):
        evaluate_heatmap(raster, deposits, progress=progress)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.gpkg", "p.tif"]


def test_scores_depend_on_ranks_only_and_compare_in_one_table(tmp_path):
    from models.evaluation import comparison_table

    arr = np.random.default_rng(9).random((80, 80))
    bodies = layout()
    burn(arr, bodies, "hidden", 0.9)
    deposits = write_bodies(tmp_path / "d.gpkg", bodies)
    a = score_heatmap(write_raster(tmp_path / "a.tif", arr), deposits)
    b = score_heatmap(write_raster(tmp_path / "b.tif", np.exp(3 * arr) - 7), deposits)  # same ranks
    c = score_heatmap(write_raster(tmp_path / "c.tif", 1 - arr), deposits)              # reversed ranks
    assert b.statuses["hidden"].curve.auc == a.statuses["hidden"].curve.auc
    assert b.pixel_roc["fertile_vs_barren"].auc == pytest.approx(a.pixel_roc["fertile_vs_barren"].auc)
    assert c.pixel_roc["hidden_vs_background"].auc == pytest.approx(1 - a.pixel_roc["hidden_vs_background"].auc)
    table = comparison_table({"model": a, "same ranks": b, "reversed": c}, ["hidden", None]).splitlines()
    assert len(table) == 4 and "PR AUC hidden" in table[0] and "ROC fert/barren" in table[0]
    assert table[1].split()[1] == f"{a.statuses['hidden'].curve.auc:.3f}"
    assert table[1].split()[1:] == table[2].split()[2:]
