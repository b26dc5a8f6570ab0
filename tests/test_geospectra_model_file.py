"""GeoSpectra model file: safetensors + JSON round trip; pickle-based files are refused unread."""
import pickle

import numpy as np
import pytest
import torch

from models.errors import InputError
from models.geospectra.model_file import load_model, read_metadata, save_model
from models.geospectra.network import GeoSpectraNet
from models.geospectra.preprocess import N_STATS

CLASSES = ["Alunite", "Beryl", "Kaolinite", "Spodumene", "Quartz"]


def _meta(net):
    return {"architecture": {"name": "geospectra", "config": net.config()}, "classes": CLASSES,
            "grid": {"start_nm": 400.0, "stop_nm": 2500.0, "step_nm": 10.0, "n": 211}}


def _inputs(n=4):
    g = torch.Generator().manual_seed(0)
    x = torch.rand(n, 211, generator=g) * 0.5 + 0.2
    m = torch.ones(n, 211)
    m[0, :80] = 0
    return x * m, m, torch.tensor([0, 1, 2, 5][:n]), torch.rand(n, 4, generator=g), torch.rand(n, N_STATS, generator=g)


def test_round_trip(tmp_path):
    torch.manual_seed(0)
    net = GeoSpectraNet(len(CLASSES), N_STATS).eval()
    with torch.no_grad():
        net.inorm.running_mean.add_(0.05)  # buffers travel too
        ref = net(*_inputs())["logits"]
    path = save_model(tmp_path / "m.safetensors", net, _meta(net))
    meta = read_metadata(path)
    assert meta["classes"] == CLASSES and meta["format"] == "hyperprospect-geospectra"
    loaded, meta2 = load_model(path)
    with torch.no_grad():
        out = loaded(*_inputs())["logits"]
    assert torch.allclose(ref, out, atol=1e-6)
    assert meta2["grid"]["n"] == 211
    assert path.stat().st_size < 20e6


def test_pickle_checkpoints_are_refused_without_unpickling(tmp_path, monkeypatch):
    net = GeoSpectraNet(len(CLASSES), N_STATS)
    zipped = tmp_path / "torch_save.safetensors"
    torch.save(net.state_dict(), zipped)
    raw = tmp_path / "raw.safetensors"
    raw.write_bytes(pickle.dumps({"a": np.zeros(3)}))

    def boom(*a, **k):
        raise AssertionError("the loader tried to unpickle")

    monkeypatch.setattr(pickle, "load", boom)
    monkeypatch.setattr(pickle, "loads", boom)
    monkeypatch.setattr(torch, "load", boom)
    for p in (zipped, raw):
        with pytest.raises(InputError, match="pickle"):
            load_model(p)


def test_other_files_are_refused(tmp_path):
    from safetensors.torch import save_file

    plain = tmp_path / "plain.safetensors"
    save_file({"w": torch.zeros(2)}, str(plain))
    with pytest.raises(InputError, match="description"):
        load_model(plain)
    junk = tmp_path / "junk.safetensors"
    junk.write_bytes(b"\x10\x00\x00\x00\x00\x00\x00\x00not json at all!")
    with pytest.raises(InputError):
        load_model(junk)
    with pytest.raises(InputError, match="no such"):
        load_model(tmp_path / "missing.safetensors")
