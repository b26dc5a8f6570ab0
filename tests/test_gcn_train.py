"""Training: learns a separable toy set, is reproducible, cancels promptly and
writes nothing, compares models on one split, grid search."""
import numpy as np
import pytest

from models.errors import CancelledError, InputError
from models.gcn.synthetic import separable_tiles
from models.gcn.train import as_training_data, compare_models, grid_search, make_split, train_model
from models.progress import Progress

FAST = dict(hidden=16, batch_size=16, threads=1)


@pytest.fixture(scope="module")
def toy():
    return as_training_data(separable_tiles(n_pos=24, n_neg=40))


def test_learns_separable_toy_set(toy):
    r = train_model(toy, arch="enhanced", epochs=25, lr=1e-2, seed=0, **FAST)
    assert r.metrics["f1"] == 1.0 and r.metrics["accuracy"] == 1.0
    assert len(r.history) == 25 and 1 <= r.best_epoch <= 25
    assert r.history[-1]["train_loss"] < r.history[0]["train_loss"]
    assert set(r.history[0]) >= {"train_loss", "val_loss", "val_accuracy", "val_precision", "val_recall", "val_f1"}
    # the validation set is whole blocks, disjoint from training
    assert not set(toy.block[r.train_idx]) & set(toy.block[r.val_idx])


def test_same_seed_same_metrics(toy):
    a = train_model(toy, arch="enhanced", epochs=4, seed=3, **FAST)
    b = train_model(toy, arch="enhanced", epochs=4, seed=3, **FAST)
    assert [h["train_loss"] for h in a.history] == [h["train_loss"] for h in b.history]
    assert [h["val_loss"] for h in a.history] == [h["val_loss"] for h in b.history]
    assert a.metrics == b.metrics
    np.testing.assert_array_equal(a.val_scores, b.val_scores)
    c = train_model(toy, arch="enhanced", epochs=4, seed=4, **FAST)
    assert [h["train_loss"] for h in c.history] != [h["train_loss"] for h in a.history]


def test_cancel_after_two_epochs_writes_nothing(tmp_path, toy):
    from models.gcn.pipeline import run_training

    epochs_seen = []

    def report(percent, message):
        if "epoch" in message:
            epochs_seen.append(message)

    progress = Progress(report, lambda: len(epochs_seen) >= 2)
    out = tmp_path / "model.hpm"
    with pytest.raises(CancelledError):
        run_training(toy, out, tmp_path / "report", epochs=50, baselines=True, progress=progress, hidden=16)
    assert len(epochs_seen) == 2  # stopped at once: no third epoch reported
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_cancel_inside_an_epoch():
    data = as_training_data(separable_tiles(n_pos=60, n_neg=60))
    calls = []
    progress = Progress(None, lambda: calls.append(1) or len(calls) > 3)
    with pytest.raises(CancelledError):
        train_model(data, epochs=5, progress=progress, **FAST)
    assert len(calls) == 4  # checked before every batch


def test_compare_models_same_split(toy):
    c = compare_models(toy, epochs=3, lr=1e-2, **FAST)
    assert list(c.results) == ["enhanced", "plain", "cnn", "svm"]
    splits = {(tuple(r.train_idx), tuple(r.val_idx)) for r in c.results.values()}
    assert len(splits) == 1
    table = c.table()
    assert [row["model"] for row in table] == ["Enhanced GCN", "GCN", "CNN", "SVM"]
    assert all(0.0 <= row["accuracy"] <= 1.0 for row in table)
    text = c.format_table()
    assert "Enhanced GCN" in text and "SVM" in text
    # the SVM used the spectral channels only (the last channel is geology)
    assert c.results["svm"].settings["spectral_channels"] == [0, 1, 2, 3, 4]


def test_grid_search_uses_an_inner_split(toy):
    train_idx, val_idx = make_split(toy)
    best, rows = grid_search(toy, hiddens=(8, 16), lrs=(1e-2,), epochs=2, split=(train_idx, val_idx), threads=1,
                             batch_size=16)
    assert len(rows) == 2 and best["hidden"] in (8, 16) and best["lr"] == 1e-2


def test_plain_arrays_and_errors():
    d = separable_tiles()
    data = as_training_data(x=d["x"], y=d["y"], rows=d["rows"], cols=d["cols"], tile_size=4)
    assert data.block.shape == d["y"].shape  # blocks derived from positions
    assert np.allclose(data.x.mean(axis=(0, 1)), 0, atol=1e-5)
    with pytest.raises(InputError):
        as_training_data(x=d["x"], y=d["y"][:-1], block=d["block"])
    with pytest.raises(InputError):
        train_model(data, arch="transformer")
    bad = dict(d)
    bad["x"] = d["x"].copy()
    bad["x"][0, 0, 0] = np.nan
    with pytest.raises(InputError):
        as_training_data(bad)


def test_graph_dataset_adapter(toy):
    graphs = pytest.importorskip("models.graphs.dataset")
    d = separable_tiles()
    ds = graphs.GraphDataset(
        x=d["x"] * 10 + 5, y=d["y"], rows=d["rows"], cols=d["cols"], block=d["block"], tile_size=4, stride=4,
        edge_index=d["edge_index"], edge_threshold_m=170.0, channel_names=d["channel_names"],
        wavelengths_nm=d["wavelengths_nm"], mean=np.full(6, 5, np.float32), std=np.full(6, 10, np.float32),
        crs_wkt="", geotransform=(0, 100, 0, 0, 0, -100), raster_size=(40, 40), meta={"geology_layers": ["c5"]})
    data = as_training_data(ds)
    np.testing.assert_allclose(data.x, d["x"], atol=1e-5)
    assert data.spectral_channels() == [0, 1, 2, 3, 4]
    assert data.describe()["geology_layers"] == ["c5"]


def test_pipeline_with_grid_search(tmp_path, toy):
    from models.gcn.model_file import read_metadata
    from models.gcn.pipeline import run_training

    messages = []
    summary = run_training(toy, tmp_path / "m.hpm", tmp_path / "rep", epochs=2, grid=True, grid_hiddens=(8,),
                           grid_lrs=(1e-2, 1e-3), threads=1, log=messages.append)
    assert summary["hidden"] == 8 and summary["lr"] in (1e-2, 1e-3)
    assert len(summary["grid_search"]) == 2
    assert any("grid search chose" in m for m in messages)
    meta = read_metadata(tmp_path / "m.hpm")
    assert meta["architecture"]["config"]["hidden"] == 8 and len(meta["grid_search"]) == 2
    assert "Grid search" in (tmp_path / "rep" / "report.html").read_text(encoding="utf-8")


def test_train_settings_are_one_frozen_value_shared_by_keywords_and_json(toy):
    """train_model(data, TrainSettings(...)) and train_model(data, arch=..., ...) are the same run; the
    settings survive the worker's JSON; unknown settings are refused by name."""
    import dataclasses
    import json

    from models.errors import InputError
    from models.gcn.settings import TrainSettings, as_settings

    s = TrainSettings(arch="enhanced", epochs=3, seed=2, class_weight=(1, 3), **FAST)
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.epochs = 4
    assert as_settings(json.loads(json.dumps(s.to_dict()))) == s
    a = train_model(toy, s)
    b = train_model(toy, arch="enhanced", epochs=3, seed=2, class_weight=[1, 3], **FAST)
    timing = ("seconds_per_epoch",)
    assert a.metrics == b.metrics and a.settings["class_weight"] == [1.0, 3.0]
    assert {k: v for k, v in a.settings.items() if k not in timing} == \
        {k: v for k, v in b.settings.items() if k not in timing}
    with pytest.raises(InputError, match="learning_rate"):
        as_settings({"learning_rate": 0.1})
    from models.gcn.settings import DEFAULT_EPOCHS

    # an architecture's own defaults fill what is not given (0 = "the model's default" in the dialog)
    assert TrainSettings.for_arch("node").epochs == DEFAULT_EPOCHS["node"] != TrainSettings.for_arch("enhanced").epochs
    assert TrainSettings.for_arch("plain", hidden=0).hidden == 256
    with pytest.raises(InputError, match="final_fit must be one of all, training"):
        train_model(toy, arch="gbt", final_fit="everything")
