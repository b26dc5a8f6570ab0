"""Probability heatmap from a model file on a new area (QGIS-free compute layer)."""

import numpy as np
import pytest
from osgeo import gdal

from heatmap_support import box, train_tiny_model, write_polygons, write_scene
from models.errors import CancelledError, InputError
from models.heatmap.predict import evaluate_heatmap, predict_heatmap
from models.progress import Progress


@pytest.fixture(scope="module")
def scene(tmp_path_factory):
    d = tmp_path_factory.mktemp("scene")
    return {
        "dir": d,
        "raster": write_scene(d / "scene.tif"),
        "plutons": write_polygons(d / "plutons.gpkg", [box(10, 10, 20, 20)]),
        "model": train_tiny_model(d / "model.hpm"),
        # east = on the 2207 nm ground the model learns; west = barren ground
        "deposits": write_polygons(d / "deposits.gpkg", [box(40, 10, 44, 14), box(50, 30, 53, 33), box(5, 30, 8, 33),
                                                         box(12, 40, 15, 43)],
                                   fields=["east", "east", "west", "west"]),
    }


def test_heatmap_on_the_input_grid_with_style(scene, tmp_path):
    out = tmp_path / "heat.tif"
    summary = predict_heatmap(scene["model"], scene["raster"], out, plutons=str(scene["plutons"]))
    ds, src = gdal.Open(str(out)), gdal.Open(str(scene["raster"]))
    assert ds.GetGeoTransform() == src.GetGeoTransform()
    assert (ds.RasterXSize, ds.RasterYSize) == (src.RasterXSize, src.RasterYSize)
    assert ds.GetRasterBand(1).DataType == gdal.GDT_Float32
    arr = ds.GetRasterBand(1).ReadAsArray()
    nodata = ds.GetRasterBand(1).GetNoDataValue()
    valid = arr != nodata
    assert np.all((arr[valid] >= 0) & (arr[valid] <= 1))
    assert not valid[:5, :5].any()  # the nodata corner gets no prediction
    assert arr[valid][:, None].size > 0
    east, west = arr[:, 35:][valid[:, 35:]], arr[:, :25][valid[:, :25]]
    assert east.mean() > 0.8 and west.mean() < 0.2  # the model found the 2207 nm absorption
    assert summary["tiles_skipped_nodata"] >= 1
    assert (tmp_path / "heat.qml").is_file()
    assert "singlebandpseudocolor" in (tmp_path / "heat.qml").read_text()


def test_smaller_stride_gives_smoother_map(scene, tmp_path):
    a = predict_heatmap(scene["model"], scene["raster"], tmp_path / "a.tif", plutons=str(scene["plutons"]))
    b = predict_heatmap(scene["model"], scene["raster"], tmp_path / "b.tif", plutons=str(scene["plutons"]), stride=1)
    assert b["tiles_scored"] > 10 * a["tiles_scored"]
    ua = np.unique(gdal.Open(a["output"]).ReadAsArray()).size
    ub = np.unique(gdal.Open(b["output"]).ReadAsArray()).size
    assert ub > ua


def test_refuses_raster_without_the_models_wavelengths(scene, tmp_path):
    other = write_scene(tmp_path / "other.tif", wavelengths=[450.0, 550.0, 650.0, 750.0])
    with pytest.raises(InputError, match="cannot provide"):
        predict_heatmap(scene["model"], other, tmp_path / "x.tif", plutons=str(scene["plutons"]))
    assert not (tmp_path / "x.tif").exists()


def test_refuses_missing_geology_layer(scene, tmp_path):
    with pytest.raises(InputError, match="pluton layer"):
        predict_heatmap(scene["model"], scene["raster"], tmp_path / "x.tif")


def test_cancel_leaves_no_file(scene, tmp_path):
    calls = []

    def report(p, m):
        calls.append(p)

    progress = Progress(report, lambda: len(calls) >= 3)
    with pytest.raises(CancelledError):
        predict_heatmap(scene["model"], scene["raster"], tmp_path / "c.tif", plutons=str(scene["plutons"]),
                        stride=1, progress=progress)
    assert list(tmp_path.iterdir()) == []


def test_prediction_rate_for_known_and_hidden(scene, tmp_path):
    out = tmp_path / "heat.tif"
    predict_heatmap(scene["model"], scene["raster"], out, plutons=str(scene["plutons"]))
    res = evaluate_heatmap(out, str(scene["deposits"]), group_field="status", png_path=tmp_path / "pr.png",
                           json_path=tmp_path / "pr.json")
    assert set(res) == {"east", "west"}
    assert res["east"]["n_deposits"] == 2 and res["west"]["n_deposits"] == 2
    assert res["east"]["auc"] > res["west"]["auc"] + 0.2
    curve = res["east"]["curve"]
    assert np.all(np.diff(curve["area_share"]) >= 0) and np.all(np.diff(curve["deposit_share"]) >= 0)
    assert (tmp_path / "pr.png").stat().st_size > 1000


def test_band_scale_is_applied_like_in_training(scene, tmp_path):
    """A cube stored as scaled integers must give the same map as the physical values."""
    scaled = write_scene(tmp_path / "scaled.tif", scaled=True)
    a = predict_heatmap(scene["model"], scene["raster"], tmp_path / "a.tif", plutons=str(scene["plutons"]))
    b = predict_heatmap(scene["model"], scaled, tmp_path / "b.tif", plutons=str(scene["plutons"]))
    pa, pb = gdal.Open(a["output"]).ReadAsArray(), gdal.Open(b["output"]).ReadAsArray()
    assert np.abs(pa - pb).max() < 0.05
