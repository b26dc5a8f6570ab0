"""The model file: round trip with identical predictions, self-description,
and refusal of pickle-based (code-executing) checkpoints."""
import json
import os
import pickle
import struct

import numpy as np
import pytest
import torch

from models.errors import InputError
from models.gcn.model_file import load_model, read_metadata, save_model
from models.gcn.networks import predict_proba
from models.gcn.synthetic import separable_tiles
from models.gcn.train import as_training_data, train_model


@pytest.fixture(scope="module")
def toy():
    d = separable_tiles(n_pos=20, n_neg=30)
    d["meta"] = {"band_ranges_nm": [[782, 902], [2014, 2400]], "geology_layers": ["c5"]}
    return as_training_data(d)


@pytest.mark.parametrize("arch", ["enhanced", "plain", "cnn", "svm"])
def test_round_trip_identical_predictions(tmp_path, toy, arch):
    r = train_model(toy, arch=arch, epochs=2, hidden=16, batch_size=16, threads=1)
    path = save_model(tmp_path / f"{arch}.hpm", r)
    model, meta = load_model(path)
    before = predict_proba(r.model, toy.x)
    after = predict_proba(model, toy.x)
    np.testing.assert_array_equal(before, after)
    assert meta["architecture"]["name"] == arch
    data = meta["data"]
    assert data["channel_names"] == toy.channel_names
    assert data["wavelengths_nm"] == toy.wavelengths_nm
    assert data["band_ranges_nm"] == [[782, 902], [2014, 2400]]
    assert data["geology_layers"] == ["c5"]
    np.testing.assert_allclose(data["mean"], toy.mean)
    np.testing.assert_allclose(data["std"], toy.std)
    assert data["tile_size"] == 4 and data["stride"] == 4
    assert data["edge_rule"]["threshold_m"] == 170.0
    assert np.array_equal(np.asarray(data["edge_index"]), toy.edge_index)
    assert data["class_names"] == ["barren", "mineralised"]
    assert meta["software"]["name"] == "HyperProspect" and meta["software"]["version"]
    assert meta["training"]["arch"] == arch and "lr" in meta["training"]
    assert "f1" in meta["metrics"]["validation"]
    assert not any(p.name.startswith(".") for p in tmp_path.iterdir())  # no temporary left
    mask = os.umask(0)
    os.umask(mask)
    assert (path.stat().st_mode & 0o777) == (0o666 & ~mask)  # not the private mode of a temporary file


def test_metadata_readable_without_weights(tmp_path, toy):
    r = train_model(toy, epochs=1, hidden=8, batch_size=16, threads=1)
    path = save_model(tmp_path / "m.hpm", r)
    meta = read_metadata(path)
    assert meta["architecture"]["config"]["hidden"] == 8
    assert meta["architecture"]["config"]["in_channels"] == 6


class _Evil:
    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def test_malicious_torch_checkpoint_is_refused(tmp_path):
    marker = tmp_path / "pwned"
    ckpt = tmp_path / "evil.pt"
    torch.save({"state_dict": {"w": torch.zeros(2)}, "payload": _Evil(marker)}, ckpt)
    assert not marker.exists()
    with pytest.raises(InputError, match="pickle"):
        load_model(ckpt)
    assert not marker.exists()
    renamed = tmp_path / "evil.hpm"  # a misleading name changes nothing
    ckpt.rename(renamed)
    with pytest.raises(InputError, match="pickle"):
        load_model(renamed)
    assert not marker.exists()


def test_plain_pickle_is_refused(tmp_path):
    marker = tmp_path / "pwned"
    path = tmp_path / "evil.hpm"
    path.write_bytes(pickle.dumps(_Evil(marker), protocol=4))
    with pytest.raises(InputError, match="pickle"):
        load_model(path)
    assert not marker.exists()


def test_other_files_are_refused(tmp_path, toy):
    junk = tmp_path / "junk.hpm"
    junk.write_bytes(b"hello world, not a model")
    with pytest.raises(InputError):
        load_model(junk)
    with pytest.raises(InputError, match="not found"):
        load_model(tmp_path / "missing.hpm")
    # a safetensors file without HyperProspect metadata
    from safetensors.torch import save_file

    bare = tmp_path / "bare.safetensors"
    save_file({"w": torch.zeros(3)}, str(bare))
    with pytest.raises(InputError, match="not a HyperProspect model"):
        load_model(bare)
    # an unknown architecture name in the metadata is refused, not looked up
    r = train_model(toy, epochs=1, hidden=8, batch_size=16, threads=1)
    good = save_model(tmp_path / "good.hpm", r)
    raw = good.read_bytes()
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8:8 + n])
    doc = json.loads(header["__metadata__"]["hyperprospect"])
    doc["architecture"]["name"] = "os.system"
    header["__metadata__"]["hyperprospect"] = json.dumps(doc)
    new = json.dumps(header).encode()
    new += b" " * ((8 - len(new) % 8) % 8)
    bad = tmp_path / "bad.hpm"
    bad.write_bytes(struct.pack("<Q", len(new)) + new + raw[8 + n:])
    with pytest.raises(InputError, match="unknown architecture"):
        load_model(bad)


def test_weights_must_match_architecture(tmp_path, toy):
    from safetensors.torch import load_file, save_file
    from safetensors import safe_open

    r = train_model(toy, epochs=1, hidden=8, batch_size=16, threads=1)
    good = save_model(tmp_path / "good.hpm", r)
    with safe_open(str(good), framework="pt") as fh:
        meta = fh.metadata()
    tensors = load_file(str(good))
    tensors["model.conv2.lin.weight"] = torch.zeros(3, 3)
    bad = tmp_path / "bad.hpm"
    save_file(tensors, str(bad), metadata=meta)
    with pytest.raises(InputError, match="shape"):
        load_model(bad)
