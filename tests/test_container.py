"""The one safetensors + JSON container: cleaning, typed getters, dtype checks, one sniff for all three files."""
import json
import math
import struct

import numpy as np
import pytest

from models import container
from models.errors import InputError

KIND = container.Kind("test-format", 2, "test file", "Give a test file.")


def test_json_clean_has_one_behaviour_for_nan_and_numpy():
    doc = {"nan": float("nan"), "inf": np.float32("inf"), "b": np.bool_(True), "i": np.int64(3),
           "f": np.float64(0.5), "arr": np.array([1.0, np.nan]), "t": (1, 2), 4: None}
    clean = container.json_clean(doc)
    assert clean == {"nan": None, "inf": None, "b": True, "i": 3, "f": 0.5, "arr": [1.0, None],
                     "t": [1, 2], "4": None}
    assert type(clean["b"]) is bool and type(clean["i"]) is int
    json.loads(container.dumps(doc))  # strict JSON, no NaN token


def test_write_read_round_trip_and_getters(tmp_path):
    path = container.write(tmp_path / "a.bin", {"w": np.arange(6, dtype=np.float32).reshape(2, 3)},
                           {"size": "5", "nested": {"x": math.nan}}, KIND)
    doc, arrays = container.read(path, KIND)
    assert doc["format"] == "test-format" and doc["format_version"] == 2
    assert doc.get_field("size", cast=int) == 5
    assert doc.get_field("nested", "x", default=7) == 7  # NaN was written as null
    with pytest.raises(InputError, match=r"a\.bin.*has no 'missing\.key'"):
        doc.get_field("missing", "key")
    with pytest.raises(InputError, match=r"a\.bin.*'nested' in the test file is malformed"):
        doc.get_field("nested", cast=float)
    container.check_arrays(path, arrays, {"w": ((2, 3), "float32")}, "test layout")
    with pytest.raises(InputError, match=r"a\.bin: tensor w has shape \(2, 3\) float32, expected any shape int64"):
        container.check_arrays(path, arrays, {"w": (None, "int64")}, "test layout")
    with pytest.raises(InputError, match="missing"):
        container.check_arrays(path, arrays, {"v": (None, "int64")}, "test layout")


def test_newer_format_and_foreign_documents_are_refused(tmp_path):
    newer = container.Kind("test-format", 3, "test file", "")
    path = container.write(tmp_path / "new.bin", {"w": np.zeros(2, np.float32)}, {}, newer)
    with pytest.raises(InputError, match="newer HyperProspect"):
        container.read_document(path, KIND)
    other = container.Kind("other-format", 1, "other file", "")
    with pytest.raises(InputError, match="new.bin is not a other file"):
        container.read_document(path, other)


def test_header_size_limit(tmp_path):
    path = tmp_path / "huge.bin"
    path.write_bytes(struct.pack("<Q", container.MAX_HEADER_BYTES + 1) + b"{" + b" " * 64)
    with pytest.raises(InputError, match="huge.bin is not a test file"):
        container.read(path, KIND)


def test_graph_data_set_with_a_wrong_dtype_is_refused(tmp_path):
    from models.graphs.dataset import KIND as GRAPHS

    from tests.test_graphs_dataset import _toy

    ds = _toy()
    arrays = {name: getattr(ds, name) for name in ("x", "rows", "cols", "block", "edge_index", "mean", "std")}
    arrays["y"] = ds.y.astype(np.float64)  # labels as floats: not the contract
    path = container.write(tmp_path / "bad.hpg", arrays, ds._header(), GRAPHS)
    from models.graphs import GraphDataset

    with pytest.raises(InputError, match=r"bad\.hpg: tensor y has shape .* float64, expected any shape int64"):
        GraphDataset.load(path)
