"""The node GCN and gradient boosting blended by rank: trained together, saved in one file, mapped tile by tile."""
import numpy as np
import pytest
from osgeo import gdal

from heatmap_support import box, write_polygons, write_scene
from models.errors import InputError
from models.gcn.blend import RankBlend, _rank
from models.gcn.model_file import load_model, save_model
from models.gcn.networks import predict_proba
from models.gcn.train import train_model
from model_file_support import round_trip, write_tampered
from test_gcn_node import _planted, held_out_pixel_auc


@pytest.fixture(scope="module")
def trained():
    data = _planted()
    return data, train_model(data, arch="blend", seed=0, epochs=6)


def test_the_blend_finds_the_planted_pixels_and_keeps_both_members(trained):
    data, result = trained
    assert held_out_pixel_auc(data, result) > 0.9
    assert set(result.members) == {"node", "gbt"}
    assert result.members["node"].arch == "node" and result.members["gbt"].arch == "gbt"
    assert result.best_epoch == result.members["node"].best_epoch
    assert isinstance(result.saved_model, RankBlend) and result.saved_model is not result.model
    assert result.saved_model.node is result.members["node"].final_model  # the final fits, blended
    assert "both models" in result.settings["final_fit"]


def test_the_blend_orders_pixels_by_the_mean_of_the_members_ranks(trained):
    data, result = trained
    blend = result.model
    x = data.x[result.val_idx]
    p_node, p_gbt = predict_proba(blend.node, x).ravel(), blend.gbt.predict_proba(x).ravel()
    q_node, q_gbt, _ = blend.quantiles
    mean_rank = (_rank(p_node, q_node) + _rank(p_gbt, q_gbt)) / 2
    out = blend.predict_proba(x).ravel()
    order = np.argsort(mean_rank, kind="stable")
    assert np.all(np.diff(out[order]) >= -1e-6)  # monotone in the mean rank


def test_the_blend_weighs_both_members_and_gives_tied_ground_its_middle_rank():
    rng = np.random.default_rng(0)
    ref_node, ref_gbt = rng.uniform(size=4000), np.where(rng.uniform(size=4000) < 0.5, 0.1, rng.uniform(size=4000))
    blend = RankBlend.fit(_Fixed(ref_node), _Fixed(ref_gbt), np.zeros((1, 4000, 1), np.float32))
    # half the reference scores 0.1 exactly, 5 % less: that ground ranks mid-block (0.30), not at its top (0.55)
    assert abs(_rank(np.array([0.1]), blend.quantiles[1])[0] - 0.30) < 0.01
    a, b = rng.uniform(size=500), rng.uniform(size=500)
    out = blend.combine(a, b)
    # a pixel first on one member and last on the other lands in the middle; agreeing members keep the ends
    assert blend.combine(np.array([0.99]), np.array([0.0]))[0] < out.max()
    assert blend.combine(np.array([0.99]), np.array([0.99]))[0] >= np.quantile(out, 0.99)
    assert np.corrcoef(np.argsort(np.argsort(out)), np.argsort(np.argsort(a)))[0, 1] < 0.9  # not a in disguise


class _Fixed:
    """A stand-in member whose pixel probabilities are given (any input tiles)."""

    in_channels = 1

    def __init__(self, p):
        self.p = np.asarray(p, np.float32)

    def predict_proba(self, x):
        return self.p.reshape(1, -1)


def test_on_its_reference_tiles_the_blend_keeps_the_node_gcns_probability_scale(trained):
    data, result = trained
    x = data.x[result.train_idx]
    levels = np.linspace(0.05, 0.95, 19)
    got = np.quantile(result.model.predict_proba(x), levels)
    want = np.quantile(predict_proba(result.model.node, x), levels)
    assert np.max(np.abs(got - want)) < 0.02


def test_blend_model_file_round_trip_and_tampered_tables(trained, tmp_path):
    data, result = trained
    meta, tensors = round_trip(result, tmp_path / "blend.hpm", RankBlend, data.x[:9])
    q = tensors["blend.quantiles"].clone()
    q[0] = q[0].flip(0)  # a table that decreases cannot be a quantile table
    with pytest.raises(InputError, match="non-decreasing"):
        load_model(write_tampered(tmp_path / "bad.hpm", {**tensors, "blend.quantiles": q}, meta))
    del tensors["blend.quantiles"]
    with pytest.raises(InputError, match="cannot be rebuilt"):
        load_model(write_tampered(tmp_path / "none.hpm", tensors, meta))


def test_a_tampered_blend_description_is_refused_before_a_network_is_built(trained, tmp_path):
    import copy

    data, result = trained
    meta, tensors = round_trip(result, tmp_path / "blend.hpm", RankBlend, data.x[:2])
    huge = copy.deepcopy(dict(meta))
    huge["architecture"]["config"]["node"]["hidden"] = 10 ** 12  # would allocate terabytes
    with pytest.raises(InputError, match="implausible node GCN sizes: hidden"):
        load_model(write_tampered(tmp_path / "huge.hpm", tensors, huge))
    other = copy.deepcopy(dict(meta))
    other["architecture"]["config"]["gbt"]["in_channels"] += 1
    with pytest.raises(InputError, match="different numbers of channels"):
        load_model(write_tampered(tmp_path / "other.hpm", tensors, other))
    broken = copy.deepcopy(dict(meta))
    broken["architecture"]["config"]["gbt"] = [1, 2]
    with pytest.raises(InputError, match="not a mapping"):
        load_model(write_tampered(tmp_path / "broken.hpm", tensors, broken))


def test_training_a_blend_reports_its_members_beside_it(tmp_path):
    from models.gcn.pipeline import run_training

    summary = run_training(_planted(n=96), tmp_path / "m.hpm", tmp_path / "rep", arch="blend", epochs=3, seed=0)
    assert [r["arch"] for r in summary["table"]] == ["blend", "node", "gbt"]
    assert load_model(summary["model"])[1]["architecture"]["name"] == "blend"
    assert (tmp_path / "rep" / "report.html").exists()


def test_blend_map_has_an_uncertainty_from_the_node_gcns_dropout(tmp_path):
    from models.graphs.tiling import build_graph_dataset
    from models.heatmap.predict import predict_heatmap

    scene = write_scene(tmp_path / "s.tif", width=60, height=50, nodata_corner=False)
    body = write_polygons(tmp_path / "b.gpkg", [box(31, 10, 33, 40)])
    ds = build_graph_dataset([str(scene)], str(body), tmp_path / "g.hpg", tile_size=5, stride=5,
                             label_buffer_m=60.0)
    model = save_model(tmp_path / "m.hpm", train_model(ds, arch="blend", seed=0, epochs=5))
    summary = predict_heatmap(model, scene, tmp_path / "h.tif", stride=None, uncertainty=True)
    assert summary["architecture"] == "blend" and summary["stride"] == 2
    heat = gdal.Open(str(tmp_path / "h.tif")).ReadAsArray()
    unc = gdal.Open(summary["uncertainty"]).ReadAsArray()
    assert heat[20, 31:33].mean() > np.median(heat[heat >= 0])  # the dyke stands out of its surroundings
    assert unc[heat >= 0].max() > 0 and np.all(unc[heat >= 0] >= 0)
