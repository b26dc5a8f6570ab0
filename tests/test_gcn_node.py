"""The node-level (pixel) GCN: features, training on pixel labels, model file, per-pixel maps."""
import json

import numpy as np
import pytest
import torch
from osgeo import gdal

from heatmap_support import WAVELENGTHS, box, write_polygons, write_scene
from models.gcn.layers import normalized_adjacency
from models.gcn.node import NodeGCN, band_groups, node_config
from models.gcn.train import as_training_data, train_model

SWIR = [2000.0 + 20 * i for i in range(12)]
VNIR = [780.0 + 20 * i for i in range(6)]


def _planted(n=240, k=5, seed=0):
    """Tiles of VNIR+SWIR reflectance; labelled pixels carry a 2200-nm absorption, others not;
    brightness varies by tile so only the spectral shape tells them apart."""
    rng = np.random.default_rng(seed)
    wl = VNIR + SWIR
    x = 0.3 + rng.normal(0, 0.004, (n, k * k, len(wl)))
    node_y = (rng.uniform(size=(n, k * k)) < 0.08).astype(np.int8)
    node_y[n // 2:] = 0  # half the tiles hold no positive pixel
    dip = np.exp(-0.5 * ((np.array(wl) - 2200.0) / 25.0) ** 2) * 0.25
    x[node_y == 1] *= 1 - dip
    x *= rng.uniform(0.5, 1.5, (n, 1, 1))  # illumination / albedo per tile
    y = node_y.max(1).astype(np.int64)
    names = [f"Band {i + 1} ({w:.1f} nm)" for i, w in enumerate(wl)]
    data = as_training_data(x=x.astype(np.float32), y=y, tile_size=k, rows=(np.arange(n) // 16) * 10,
                            cols=(np.arange(n) % 16) * 10, channel_names=names, wavelengths_nm=wl, node_y=node_y)
    return data


def test_band_groups_split_at_the_water_gap():
    groups = band_groups(VNIR + SWIR)
    assert groups == [list(range(6)), list(range(6, 18))]
    assert band_groups([800.0, 810.0]) == []  # too short to have a continuum


def test_spectral_features_ignore_brightness():
    data = _planted(n=16)
    model = NodeGCN(node_config(data, 16), normalized_adjacency(data.edge_index, data.num_nodes)).eval()
    raw = data.x * data.std + data.mean
    brighter = (raw * 1.6 - data.mean) / data.std
    a = model.features(torch.from_numpy(np.ascontiguousarray(data.x.transpose(1, 0, 2))))
    b = model.features(torch.from_numpy(np.ascontiguousarray(brighter.transpose(1, 0, 2).astype(np.float32))))
    assert torch.allclose(a, b, atol=1e-4)


@pytest.fixture(scope="module")
def trained():
    data = _planted()
    return data, train_model(data, arch="node", epochs=25, hidden=32, batch_size=16, seed=0)


def held_out_pixel_auc(data, result) -> float:
    """Pixel ROC AUC of a node-level model on its held-out tiles (one probability per pixel asserted)."""
    from models.gcn.metrics import roc_auc
    from models.gcn.networks import predict_proba

    val = result.val_idx
    probs = predict_proba(result.model, data.x[val])
    assert probs.shape == (len(val), data.num_nodes)
    keep = data.node_y[val] >= 0
    return roc_auc(data.node_y[val][keep], probs[keep])


def test_node_model_finds_the_planted_pixels_on_held_out_blocks(trained):
    data, result = trained
    assert held_out_pixel_auc(data, result) > 0.9
    pixels = result.settings["validation_pixels"]
    assert pixels["pixel_roc_auc"] > 0.9
    assert 0 < result.settings["decision_threshold"] < 1
    assert result.metrics["threshold"] == result.settings["decision_threshold"]


def test_node_model_needs_pixel_labels():
    from models.errors import InputError

    data = _planted(n=32)
    data.node_y = None
    with pytest.raises(InputError, match="pixel labels"):
        train_model(data, arch="node", epochs=1, hidden=8)


def test_node_model_file_round_trip(trained, tmp_path):
    from models.gcn.model_file import load_model, save_model
    from models.gcn.networks import predict_proba

    data, result = trained
    path = save_model(tmp_path / "node.hpm", result)
    model, meta = load_model(path)
    assert meta["architecture"]["name"] == "node"
    x = data.x[:7]
    assert np.allclose(predict_proba(model, x), predict_proba(result.saved_model, x), atol=1e-6)


def test_the_saved_node_model_is_refitted_on_every_labelled_tile(trained):
    """After validation the node GCN runs again on every labelled tile for its kept epochs (same seed and
    schedule); the validated model stays the one the report describes."""
    from models.gcn.networks import predict_proba
    from models.gcn.node import refit_node_model

    data, result = trained
    final = result.final_model
    assert final is not None and result.saved_model is final and final is not result.model
    every = np.flatnonzero(data.y >= 0)
    assert every.size > result.train_idx.size
    assert f"for the kept {result.best_epoch} epochs" in result.settings["final_fit"]
    again = refit_node_model(data, data.node_y, every, result.settings, result.best_epoch)
    x = data.x[result.val_idx]
    assert np.allclose(predict_proba(final, x), predict_proba(again, x), atol=1e-6)  # same seed, same fit
    assert held_out_pixel_auc(data, result) > 0.9  # the validated model, as the report says


def test_permutation_importance_ranks_the_absorption_band_high(trained):
    from models.gcn.importance import permutation_importance

    data, result = trained
    ranking = permutation_importance(result.model, data, result.val_idx)
    top = [r["wavelength_nm"] for r in ranking[:4]]
    assert any(abs(w - 2200.0) <= 20 for w in top), ranking[:6]
    assert len(ranking) == data.num_channels


def test_poor_model_is_called_poor():
    from models.gcn.pipeline import quality_warning

    data = _planted(n=96, seed=3)
    rng = np.random.default_rng(0)
    data.node_y = (rng.uniform(size=data.node_y.shape) < 0.08).astype(np.int8)  # labels unrelated to spectra
    data.y = data.node_y.max(1).astype(np.int64)
    result = train_model(data, arch="node", epochs=4, hidden=8, batch_size=16)
    assert "poor" in quality_warning(result)


def test_accumulator_averages_pixel_values_of_overlapping_tiles():
    from models.heatmap.accumulate import StripAccumulator

    out = np.zeros((4, 6), np.float32)

    def write(row0, block):
        out[row0:row0 + len(block)] = block

    acc = StripAccumulator(6, 4, tile_size=4, stride=2, write_rows=write)
    acc.add_tile_row(0, np.array([0, 2]), np.stack([np.full(16, 0.2), np.arange(16) / 16]))
    acc.finish_tile_row(0)
    acc.close()
    assert out[0, 0] == pytest.approx(0.2)             # first tile only
    assert out[0, 2] == pytest.approx((0.2 + 0.0) / 2)  # both tiles: 0.2 and pixel (0, 0) of the second
    assert out[1, 5] == pytest.approx(7 / 16)          # second tile only, pixel (1, 3)


def test_pixel_labels_and_per_pixel_map_follow_the_bodies(tmp_path):
    """Tiling records 1 on touched pixels, −1 in the buffer, 0 beyond; a node model's map puts the
    highest values on the body, not on the whole tile, and writes an uncertainty map beside it."""
    from models.gcn.model_file import save_model
    from models.graphs.dataset import GraphDataset
    from models.graphs.tiling import build_graph_dataset
    from models.heatmap.predict import predict_heatmap

    scene = write_scene(tmp_path / "s.tif", width=60, height=50, nodata_corner=False)
    body = write_polygons(tmp_path / "b.gpkg", [box(31, 10, 33, 40)])  # a 2-px dyke, north-south
    ds = build_graph_dataset([str(scene)], str(body), tmp_path / "g.hpg", tile_size=5, stride=5,
                             label_buffer_m=60.0)
    again = GraphDataset.load(tmp_path / "g.hpg")
    assert np.array_equal(again.node_y, ds.node_y)
    nodes = {}
    for t in range(ds.num_graphs):
        for i, v in enumerate(ds.node_y[t]):
            nodes[(ds.rows[t] + i // 5, ds.cols[t] + i % 5)] = v
    assert nodes[(20, 31)] == 1 and nodes[(20, 32)] == 1
    assert nodes[(20, 34)] == -1 and nodes[(20, 29)] == -1  # within 60 m of the dyke
    assert nodes[(20, 40)] == 0 and nodes[(5, 5)] == 0
    with pytest.raises(Exception):
        nodes[(20, 60)]
    result = train_model(ds, arch="node", epochs=3, hidden=8, batch_size=8)
    model = save_model(tmp_path / "m.hpm", result)
    summary = predict_heatmap(model, scene, tmp_path / "h.tif", stride=None, uncertainty=True)
    assert summary["stride"] == 2  # half the tile for node models
    heat = gdal.Open(str(tmp_path / "h.tif")).ReadAsArray()
    unc = gdal.Open(summary["uncertainty"]).ReadAsArray()
    assert heat.shape == unc.shape == (50, 60)
    assert np.all(unc[heat >= 0] >= 0) and (tmp_path / "h_uncertainty.qml").is_file()
    assert len(np.unique(heat[heat >= 0])) > 100  # a per-pixel map, not one value per tile
    json.dumps(summary)


def test_bands_with_different_nodata_mask_the_same_pixels_in_training_and_prediction(tmp_path):
    from models.gcn.model_file import save_model
    from models.graphs.tiling import build_graph_dataset
    from models.heatmap.predict import predict_heatmap

    tif = write_scene(tmp_path / "s.tif", width=60, height=50, nodata_corner=False)
    ds = gdal.Open(str(tif), gdal.GA_Update)
    arr = ds.GetRasterBand(3).ReadAsArray()
    arr[12, 22] = 0  # the nodata value of band 3 only (band 1's is -9999): a VRT carries one per band
    ds.GetRasterBand(3).WriteArray(arr)
    ds = None
    scene = tmp_path / "s.vrt"
    gdal.BuildVRT(str(scene), [str(tif)])
    vrt = gdal.Open(str(scene), gdal.GA_Update)
    for b, wl in enumerate(WAVELENGTHS, start=1):
        vrt.GetRasterBand(b).SetMetadata({"wavelength": str(wl), "wavelength_units": "nm"})
    vrt.GetRasterBand(3).SetNoDataValue(0)
    vrt = None
    assert gdal.Open(str(scene)).GetRasterBand(1).GetNoDataValue() == -9999
    body = write_polygons(tmp_path / "b.gpkg", [box(25, 5, 27, 45), box(50, 5, 52, 45)])
    data = build_graph_dataset([str(scene)], str(body), tmp_path / "g.hpg", tile_size=5, stride=5, block_tiles=2)
    trained_tiles = {(int(r), int(c)) for r, c in zip(data.rows, data.cols)}
    assert (10, 20) not in trained_tiles and (10, 15) in trained_tiles
    model = save_model(tmp_path / "m.hpm", train_model(data, arch="enhanced", epochs=2, hidden=8))
    predict_heatmap(model, scene, tmp_path / "h.tif", stride=5)
    heat = gdal.Open(str(tmp_path / "h.tif")).ReadAsArray()
    predicted_tiles = {(r, c) for r in range(0, 50, 5) for c in range(0, 60, 5) if heat[r, c] >= 0}
    assert predicted_tiles == trained_tiles
