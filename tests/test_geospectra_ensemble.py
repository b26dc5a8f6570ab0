"""GeoSpectra seed ensemble: one network to the outside, the mean of its members' probabilities inside."""
import numpy as np
import pytest
import torch

from models.errors import InputError
from models.geospectra.dataset import AugmentConfig, GridData
from models.geospectra.grid import N_GRID
from models.geospectra.model_file import load_model, save_model
from models.geospectra.network import GeoSpectraEnsemble, GeoSpectraNet, architecture_of
from models.geospectra.preprocess import N_STATS
from models.geospectra.train import TrainConfig, train, train_ensemble

CLASSES = ["Alunite", "Beryl", "Kaolinite"]


def _inputs(n=4):
    g = torch.Generator().manual_seed(1)
    x = torch.rand(n, N_GRID, generator=g) * 0.5 + 0.2
    m = torch.ones(n, N_GRID)
    m[0, :80] = 0
    return x * m, m, torch.tensor([0, 1, 2, 5][:n]), torch.rand(n, 4, generator=g), torch.rand(n, N_STATS, generator=g)


def _nets(k):
    nets = []
    for seed in range(k):
        torch.manual_seed(seed)
        nets.append(GeoSpectraNet(len(CLASSES), N_STATS).eval())
    return nets


def test_ensemble_answers_the_mean_of_its_members_probabilities():
    nets = _nets(3)
    ens = GeoSpectraEnsemble.of(nets)
    with torch.no_grad():
        want = torch.stack([torch.softmax(n(*_inputs())["logits"], 1) for n in nets]).mean(0)
        out = ens(*_inputs())
    assert torch.allclose(torch.softmax(out["logits"], 1), want, atol=1e-6)
    assert out["embedding"].shape == (4, 3 * 128)
    # the members' layer-normed embeddings side by side, scaled back to one member's norm
    one = nets[0](*_inputs())["embedding"].norm(dim=1)
    assert torch.allclose(out["embedding"].norm(dim=1).mean(), one.mean(), rtol=0.05)
    assert architecture_of(ens) == "geospectra_ensemble" and architecture_of(nets[0]) == "geospectra"


def test_ensemble_model_file_round_trip_and_tampered_member_count(tmp_path):
    ens = GeoSpectraEnsemble.of(_nets(2))
    meta = {"architecture": {"name": architecture_of(ens), "config": ens.config()}, "classes": CLASSES,
            "grid": {"start_nm": 400.0, "stop_nm": 2500.0, "step_nm": 10.0, "n": N_GRID}}
    path = save_model(tmp_path / "e.safetensors", ens, meta)
    loaded, _ = load_model(path)
    assert isinstance(loaded, GeoSpectraEnsemble) and len(loaded.members) == 2
    with torch.no_grad():
        assert torch.allclose(loaded(*_inputs())["logits"], ens(*_inputs())["logits"], atol=1e-6)
    # a description asking for hundreds of members is refused before any network is built
    meta["architecture"]["config"] = {**ens.config(), "members": 500}
    bad = save_model(tmp_path / "bad.safetensors", ens, meta)
    with pytest.raises(InputError, match="architecture settings"):
        load_model(bad)
    # three members declared, two stored: the tensors do not match
    meta["architecture"]["config"] = {**ens.config(), "members": 3}
    short = save_model(tmp_path / "short.safetensors", ens, meta)
    with pytest.raises(InputError):
        load_model(short)


def _tiny_data(per_class=8):
    rng = np.random.default_rng(0)
    wl = np.linspace(400, 2500, N_GRID)
    centres = (1400.0, 1760.0, 2200.0)
    xs, labels = [], []
    for c, centre in enumerate(centres):
        for _ in range(per_class):
            depth = rng.uniform(0.2, 0.4)
            xs.append(0.5 * (1 - depth * np.exp(-0.5 * ((wl - centre) / 30.0) ** 2)) + rng.normal(0, 0.005, N_GRID))
            labels.append(c)
    n = len(labels)
    fam = ["ASD" if i % 2 else "BECK" for i in range(n)]
    return GridData(x=np.asarray(xs, np.float32), mask=np.ones((n, N_GRID), np.float32),
                    inst=np.array([0 if f == "ASD" else 1 for f in fam]), resolution=np.full(n, 10.0),
                    spacing=np.full(n, 10.0), label=np.asarray(labels), sample_id=[f"S{i}" for i in range(n)],
                    specimen=[f"s|{i}" for i in range(n)], family=fam, source_family=fam,
                    record=[f"r{i}" for i in range(n)])


def test_train_ensemble_member_k_is_the_network_of_seed_plus_k():
    data = _tiny_data()
    cfg = TrainConfig(device="cpu", steps=6, classes_per_batch=3, per_class=4, seed=5,
                      augment=AugmentConfig(sensors=(), p_sensor=0.0))
    ens = train_ensemble(data, len(CLASSES), cfg, members=2).model
    alone = train(data, len(CLASSES), TrainConfig(**{**cfg.__dict__, "seed": 6})).model
    assert isinstance(ens, GeoSpectraEnsemble)
    for key, value in alone.state_dict().items():
        assert torch.equal(ens.members[1].state_dict()[key], value), key
    assert not torch.equal(ens.members[0].head[-1].weight, ens.members[1].head[-1].weight)
    single = train_ensemble(data, len(CLASSES), cfg, members=1).model
    assert type(single) is GeoSpectraNet
    with pytest.raises(ValueError, match="only GeoSpectra"):
        train_ensemble(data, len(CLASSES), TrainConfig(arch="plain_cnn", device="cpu"), members=2)
