"""Inputs `make fuzz` found that let an untyped error escape a loader, and a quick fuzz run for CI.

Each case edits the JSON header of a valid container the way the fuzzer did; before the fix each raised
TypeError, KeyError, ValueError, AttributeError or safetensors' own SafetensorError instead of the
project's InputError naming the file.
"""
import json
import struct

import numpy as np
import pytest

from fuzz.engine import run
from heatmap_support import train_tiny_model
from models.errors import InputError
from models.gcn.model_file import load_model as load_gcn
from models.geospectra.model_file import DEFAULT_MODEL
from models.geospectra.model_file import load_model as load_geospectra
from models.graphs import GraphDataset, build_edges


def _header(data: bytes):
    (n,) = struct.unpack("<Q", data[:8])
    return json.loads(data[8:8 + n]), data[8 + n:]


def _write(path, doc, body) -> None:
    raw = json.dumps(doc).encode()
    path.write_bytes(struct.pack("<Q", len(raw)) + raw + body)


def _edit_description(src, dst, key, edit):
    """Copy ``src`` to ``dst`` with the JSON description in ``__metadata__[key]`` changed by ``edit``."""
    doc, body = _header(src.read_bytes())
    inner = json.loads(doc["__metadata__"][key])
    edit(inner)
    doc["__metadata__"][key] = json.dumps(inner)
    _write(dst, doc, body)
    return dst


@pytest.fixture(scope="module")
def hpm(tmp_path_factory):
    return train_tiny_model(tmp_path_factory.mktemp("hpm") / "tiny.hpm", epochs=1)


@pytest.fixture(scope="module")
def hpg(tmp_path_factory):
    n, k = 8, 3
    ds = GraphDataset(x=np.zeros((n, k * k, 2), np.float32), y=np.zeros(n, np.int64),
                      rows=np.arange(n, dtype=np.int32), cols=np.zeros(n, np.int32), block=np.zeros(n, np.int32),
                      tile_size=k, stride=k, edge_index=build_edges(k, 30.0), edge_threshold_m=51.0,
                      channel_names=["b1", "dist"], wavelengths_nm=[2207.5, None], mean=np.zeros(2, np.float32),
                      std=np.ones(2, np.float32), crs_wkt="", geotransform=(0, 30, 0, 0, 0, -30), raster_size=(9, 9))
    return ds.save(tmp_path_factory.mktemp("hpg") / "tiny.hpg")


def _meta_key(path):
    doc, _ = _header(path.read_bytes())
    return next(k for k, v in doc["__metadata__"].items() if v.startswith("{"))


# --- GeoSpectra safetensors ----------------------------------------------------------------

def test_geospectra_corrupt_tensor_entry_is_an_input_error(tmp_path):
    doc, body = _header(DEFAULT_MODEL.read_bytes())
    name = next(k for k in doc if k != "__metadata__")
    doc[name]["data_offsets"] = [0, 2 ** 40]
    _write(tmp_path / "bad.safetensors", doc, body)
    with pytest.raises(InputError, match="bad.safetensors"):
        load_geospectra(tmp_path / "bad.safetensors")


def test_geospectra_metadata_that_is_not_a_mapping(tmp_path):
    doc, body = _header(DEFAULT_MODEL.read_bytes())
    doc["__metadata__"] = True
    _write(tmp_path / "meta.safetensors", doc, body)
    with pytest.raises(InputError, match="meta.safetensors"):
        load_geospectra(tmp_path / "meta.safetensors")


@pytest.mark.parametrize("value", [1e308, [1, 2], -1, 10 ** 9])
def test_geospectra_absurd_network_size_is_refused_before_building(tmp_path, value):
    def edit(meta):
        meta["architecture"]["config"]["emb"] = value
    path = _edit_description(DEFAULT_MODEL, tmp_path / "size.safetensors", "hyperprospect", edit)
    with pytest.raises(InputError, match="architecture settings"):
        load_geospectra(path)


def test_geospectra_class_list_that_is_not_a_list(tmp_path):
    def edit(meta):
        meta["classes"] = 3.5
    path = _edit_description(DEFAULT_MODEL, tmp_path / "classes.safetensors", "hyperprospect", edit)
    with pytest.raises(InputError, match="class list"):
        load_geospectra(path)


# --- GCN .hpm ---------------------------------------------------------------------------------

@pytest.mark.parametrize("edit,expected", [
    (lambda d: d.update(data=[1, 2]), "malformed model description"),
    (lambda d: d.update(format_version="x"), "format version"),
    (lambda d: d["data"].update(mean=0.5), "mean is not a list"),
    (lambda d: d["architecture"].update(config=[3]), "malformed model description"),
    (lambda d: d["architecture"]["config"].update(hidden=10 ** 7), "implausible architecture sizes"),
])
def test_gcn_model_with_a_corrupt_description(hpm, tmp_path, edit, expected):
    path = _edit_description(hpm, tmp_path / "bad.hpm", _meta_key(hpm), edit)
    with pytest.raises(InputError, match=expected):
        load_gcn(path)


# --- graph data set .hpg -------------------------------------------------------------------------

@pytest.mark.parametrize("edit", [lambda d: d.update(tile_size=[3]), lambda d: d.pop("stride"),
                                  lambda d: d.update(geotransform=None), lambda d: d.update(tile_size=float("nan"))])
def test_graph_dataset_with_a_corrupt_description(hpg, tmp_path, edit):
    path = _edit_description(hpg, tmp_path / "bad.hpg", _meta_key(hpg), edit)
    with pytest.raises(InputError, match="bad.hpg"):
        GraphDataset.load(path)


# --- the quick run CI keeps --------------------------------------------------------------------------

def test_quick_fuzz_run_over_every_reader_and_loader(capsys):
    report = run(390, seed=20261202, time_limit=60)
    print(report.summary())
    assert report.inputs == 390
    assert len({t for t, _ in report.counts}) == 13  # every reader, the registry and the three loaders
    assert not report.failures, report.summary()
