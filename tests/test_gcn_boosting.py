"""Per-pixel gradient boosting as a product model: trees kept as arrays, trained on pixel labels, mapped."""
import numpy as np
import pytest
from osgeo import gdal

from heatmap_support import box, write_polygons, write_scene
from models.errors import InputError
from models.gcn.boosting import PixelBoosting
from models.gcn.model_file import load_model, save_model
from models.gcn.node import node_config
from models.gcn.train import train_model
from model_file_support import round_trip, write_tampered
from test_gcn_node import _planted, held_out_pixel_auc


@pytest.fixture(scope="module")
def trained():
    data = _planted()
    return data, train_model(data, arch="gbt", seed=0)


def test_array_trees_give_scikit_learns_probabilities_including_missing_values():
    from sklearn.ensemble import HistGradientBoostingClassifier

    from models.gcn.boosting import _raw_scores, _tree_arrays

    rng = np.random.default_rng(0)
    f = rng.normal(size=(3000, 6))
    y = (f[:, 0] + 0.5 * f[:, 3] ** 2 + rng.normal(0, 0.3, 3000) > 0.8).astype(int)
    f[rng.uniform(size=f.shape) < 0.05] = np.nan  # scikit-learn learns where missing values go
    clf = HistGradientBoostingClassifier(max_iter=40, random_state=0).fit(f, y)
    want = clf.decision_function(f)
    got = _raw_scores(_tree_arrays(clf), f)
    assert np.allclose(got, want, atol=1e-4)


def test_a_pixel_held_by_several_tiles_scores_as_it_does_alone(trained):
    from models.gcn.boosting import _raw_scores

    data, result = trained
    model = result.model
    x = np.array(data.x[:40], np.float32)  # a copy: the fixture's tiles stay as they are
    x[1] = x[0]                            # a tile twice (overlapping tiles hold the same pixels)
    x[2, :5] = x[3, -5:]                   # pixels of one tile inside another
    px = x.reshape(-1, x.shape[-1])
    alone = _raw_scores(model.arrays, model.features(px[None])).reshape(x.shape[:2])
    assert np.array_equal(model.decision_function(x), alone)
    assert np.array_equal(model.decision_function(x[:1]), alone[:1])


def test_boosting_finds_the_planted_pixels_on_held_out_blocks(trained):
    data, result = trained
    assert held_out_pixel_auc(data, result) > 0.9
    assert result.settings["validation_pixels"]["pixel_roc_auc"] > 0.9
    assert result.best_epoch is None and result.settings["trees"] >= 1


def test_boosting_model_file_round_trip_and_tampered_trees(trained, tmp_path):
    import torch

    data, result = trained
    meta, tensors = round_trip(result, tmp_path / "gbt.hpm", PixelBoosting, data.x[:9])
    # a child pointing back up the tree (a loop) is refused before any prediction
    left = tensors["gbt.left"].clone()
    inner = torch.nonzero(tensors["gbt.is_leaf"] == 0)[0, 0]
    left[inner] = 0
    with pytest.raises(InputError, match="outside themselves"):
        load_model(write_tampered(tmp_path / "bad.hpm", {**tensors, "gbt.left": left}, meta))


def test_the_saved_model_is_refitted_on_every_labelled_tile_after_validation(trained):
    """Validation figures come from the fit on the training blocks; the model file holds a fit that has
    also seen the validation blocks (final_fit = "all", the default), or the validated fit itself."""
    data, result = trained
    assert result.final_model is not None and result.saved_model is result.final_model
    assert "refitted on all" in result.settings["final_fit"]
    every = np.flatnonzero(data.y >= 0)
    assert every.size >= result.train_idx.size + result.val_idx.size  # more than the validated fit saw
    again = PixelBoosting(result.model.config()).fit(data.x[every], data.node_y[every])
    scores = result.final_model.decision_function(data.x[result.val_idx])
    assert np.array_equal(scores, again.decision_function(data.x[result.val_idx]))
    assert not np.array_equal(scores, result.model.decision_function(data.x[result.val_idx]))
    kept = train_model(data, arch="gbt", seed=0, final_fit="training")
    assert kept.final_model is None and kept.saved_model is kept.model and "final_fit" not in kept.settings
    assert kept.metrics["roc_auc"] == result.metrics["roc_auc"]  # the same validated fit either way


def test_boosting_needs_pixel_labels_of_both_kinds():
    data = _planted(n=32)
    data.node_y = np.zeros_like(data.node_y)
    with pytest.raises(InputError, match="both classes"):
        train_model(data, arch="gbt")
    data.node_y = None
    with pytest.raises(InputError, match="pixel labels"):
        train_model(data, arch="gbt")


def test_boosting_features_ignore_brightness():
    data = _planted(n=8)
    model = PixelBoosting(node_config(data, 0))
    raw = data.x * data.std + data.mean
    brighter = ((raw * 1.6 - data.mean) / data.std).astype(np.float32)
    a, b = model.features(data.x), model.features(brighter)
    shape = slice(data.num_channels, None)  # the channels themselves change; the shape features do not
    assert np.allclose(a[:, shape], b[:, shape], atol=1e-4)
    assert not np.allclose(a[:, :data.num_channels], b[:, :data.num_channels])


def test_boosting_map_is_per_pixel_and_says_why_it_has_no_uncertainty(tmp_path):
    from models.graphs.tiling import build_graph_dataset
    from models.heatmap.predict import predict_heatmap

    scene = write_scene(tmp_path / "s.tif", width=60, height=50, nodata_corner=False)
    body = write_polygons(tmp_path / "b.gpkg", [box(31, 10, 33, 40)])
    ds = build_graph_dataset([str(scene)], str(body), tmp_path / "g.hpg", tile_size=5, stride=5,
                             label_buffer_m=60.0)
    model = save_model(tmp_path / "m.hpm", train_model(ds, arch="gbt", seed=0))
    summary = predict_heatmap(model, scene, tmp_path / "h.tif", stride=None, uncertainty=True)
    assert summary["stride"] == 2 and summary.get("uncertainty") is None
    assert any("dropout" in n for n in summary["notes"])
    assert not (tmp_path / "h_uncertainty.tif").exists()
    heat = gdal.Open(str(tmp_path / "h.tif")).ReadAsArray()
    assert heat[20, 31:33].mean() > np.median(heat[heat >= 0])  # the dyke stands out of its surroundings


def test_the_report_says_which_fit_was_saved(trained, tmp_path):
    from models.gcn.report import write_report

    _, result = trained
    html = write_report(tmp_path / "rep", result).read_text(encoding="utf-8")
    assert "Saved model: refitted on all" in html and "validation figures are those of the fit" in html

