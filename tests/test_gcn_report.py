"""The training report and ``python -m models train``."""
import json

import numpy as np
import pytest

from models.gcn.synthetic import separable_tiles
from models.gcn.train import as_training_data, compare_models, train_model


@pytest.fixture(scope="module")
def comparison():
    d = separable_tiles(n_pos=20, n_neg=30)
    return compare_models(as_training_data(d), epochs=3, hidden=16, batch_size=16, threads=1)


def test_report_files(tmp_path, comparison):
    from models.gcn.report import write_report

    page = write_report(tmp_path / "rep", comparison)
    names = {p.name for p in (tmp_path / "rep").iterdir()}
    assert names == {"report.html", "report.json", "loss_curves.png", "confusion_matrix.png", "roc.png",
                     "precision_recall.png", "comparison.png"}
    html = page.read_text(encoding="utf-8")
    assert "data:image/png;base64," in html and "Enhanced GCN" in html and "SVM" in html
    doc = json.loads((tmp_path / "rep" / "report.json").read_text())
    assert set(doc["models"]) == {"enhanced", "plain", "cnn", "svm"}
    assert len(doc["models"]["enhanced"]["history"]) == 3
    assert doc["models"]["enhanced"]["confusion_matrix"] and "roc_curve" in doc["models"]["svm"]
    assert [row["model"] for row in doc["comparison"]] == ["Enhanced GCN", "GCN", "CNN", "SVM"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_report_single_model(tmp_path):
    from models.gcn.report import write_report

    r = train_model(as_training_data(separable_tiles()), epochs=2, hidden=8, threads=1)
    write_report(tmp_path, r)
    assert (tmp_path / "loss_curves.png").exists() and not (tmp_path / "comparison.png").exists()


def test_cli_train(tmp_path, capsys):
    graphs = pytest.importorskip("models.graphs.dataset")
    from models.cli import main

    d = separable_tiles(n_pos=20, n_neg=30)
    ds = graphs.GraphDataset(
        x=d["x"], y=d["y"], rows=d["rows"], cols=d["cols"], block=d["block"], tile_size=4, stride=4,
        edge_index=d["edge_index"], edge_threshold_m=170.0, channel_names=d["channel_names"],
        wavelengths_nm=d["wavelengths_nm"], mean=np.zeros(6, np.float32), std=np.ones(6, np.float32),
        crs_wkt="", geotransform=(0, 100, 0, 0, 0, -100), raster_size=(32, 32))
    path = ds.save(tmp_path / "graphs.safetensors")
    out = tmp_path / "model.hpm"
    code = main(["train", str(path), "-o", str(out), "--arch", "enhanced", "--report", str(tmp_path / "rep"),
                 "--epochs", "2", "--hidden", "16", "--baselines", "--seed", "1"])
    assert code == 0
    text = capsys.readouterr().out
    assert "epoch 1/2" in text and "epoch 2/2" in text
    assert "Enhanced GCN" in text and "CNN" in text and "SVM" in text
    assert out.exists() and (tmp_path / "model.svm.hpm").exists() and (tmp_path / "model.cnn.hpm").exists()
    assert (tmp_path / "rep" / "report.html").exists()
    code = main(["train", str(tmp_path / "missing.safetensors"), "-o", str(tmp_path / "x.hpm")])
    assert code == 1 and not (tmp_path / "x.hpm").exists()


def test_cli_trains_the_blend_by_default_and_names_a_dataset_without_pixel_labels(tmp_path, capsys):
    from models.cli import main
    from models.gcn.model_file import read_metadata
    from models.gcn.synthetic import synthetic_tiles
    from models.graphs.dataset import GraphDataset

    d = synthetic_tiles(n_rows=8, n_cols=12, n_pos=30, seed=2)
    node_y = np.zeros((len(d["y"]), 100), np.int8)
    node_y[d["y"] == 1, :10] = 1
    common = dict(x=d["x"], y=d["y"], rows=d["rows"], cols=d["cols"], block=d["block"], tile_size=d["tile_size"],
                  stride=d["stride"], edge_index=d["edge_index"], edge_threshold_m=d["edge_threshold_m"],
                  channel_names=d["channel_names"], wavelengths_nm=d["wavelengths_nm"], mean=d["mean"],
                  std=d["std"], crs_wkt="", geotransform=d["geotransform"], raster_size=d["raster_size"],
                  meta=d["meta"])
    path = GraphDataset(**common, node_y=node_y).save(tmp_path / "g.hpg")
    out = tmp_path / "model.hpm"
    assert main(["train", str(path), "-o", str(out), "--epochs", "2", "--hidden", "8", "--quiet"]) == 0
    assert read_metadata(out)["architecture"]["name"] == "blend"
    old = GraphDataset(**common).save(tmp_path / "old.hpg")  # a data set from before pixel labels
    assert main(["train", str(old), "-o", str(tmp_path / "x.hpm"), "--epochs", "2", "--quiet"]) == 1
    assert "pixel labels" in capsys.readouterr().err and not (tmp_path / "x.hpm").exists()
