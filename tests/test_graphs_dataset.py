"""The GraphDataset contract: shapes, dtypes, normalisation, file format, splits."""
from __future__ import annotations

import numpy as np
import pytest

from models.errors import InputError
from models.graphs import GraphDataset, build_edges, datasets_equal


def _toy(n=12, k=4, c=3, seed=0, **kw):
    rng = np.random.default_rng(seed)
    rows = (np.arange(n) // 4 * k).astype(np.int32)
    cols = (np.arange(n) % 4 * k).astype(np.int32)
    args = dict(
        x=rng.normal(size=(n, k * k, c)).astype(np.float32),
        y=(np.arange(n) % 3 == 0).astype(np.int64),
        rows=rows, cols=cols, block=(rows // (2 * k) * 2 + cols // (2 * k)).astype(np.int32),
        tile_size=k, stride=k, edge_index=build_edges(k, 30.0), edge_threshold_m=51.0,
        channel_names=["b1", "b2", "dist"], wavelengths_nm=[830.0, 2207.5, None],
        mean=np.array([0.1, 0.2, 1000.0], np.float32), std=np.array([1.0, 0.0, 500.0], np.float32),
        crs_wkt='PROJCS["WGS 84 / UTM zone 44N"]', geotransform=(341970.0, 30.0, 0.0, 3973230.0, 0.0, -30.0),
        raster_size=(16, 12), meta={"note": "toy", "nested": {"a": [1, 2.5, None]}},
    )
    args.update(kw)
    return GraphDataset(**args)


def test_contract_dtypes_and_shapes_are_enforced():
    ds = _toy(y=[1, 0, -1, 0, 1, 0, 0, 0, 0, 0, 0, 1], rows=list(range(12)))
    assert ds.y.dtype == np.int64 and ds.rows.dtype == np.int32 and ds.x.dtype == np.float32
    assert ds.num_graphs == 12 and ds.num_nodes == 16 and ds.num_channels == 3
    with pytest.raises(InputError, match="x has shape"):
        _toy(x=np.zeros((12, 15, 3), np.float32))
    with pytest.raises(InputError, match="labels"):
        _toy(y=np.full(12, 2))
    with pytest.raises(InputError, match="edge_index"):
        _toy(edge_index=np.array([[0], [99]]))


def test_normalised_x_leaves_constant_channels_centred():
    ds = _toy()
    z = ds.normalised_x()
    assert z.dtype == np.float32
    assert np.allclose(z[..., 0], ds.x[..., 0] - 0.1, atol=1e-6)
    assert np.allclose(z[..., 1], ds.x[..., 1] - 0.2, atol=1e-6)  # std 0 -> only centred
    assert np.allclose(z[..., 2], (ds.x[..., 2] - 1000.0) / 500.0, atol=1e-6)


@pytest.mark.parametrize("suffix", [".safetensors", ".npz", ".graphs"])
def test_round_trip_every_format(tmp_path, suffix):
    ds = _toy()
    path = tmp_path / f"toy{suffix}"
    ds.save(path)
    back = GraphDataset.load(path)
    assert datasets_equal(ds, back)
    assert back.wavelengths_nm == [830.0, 2207.5, None]
    assert back.meta == ds.meta and back.geotransform == ds.geotransform


def test_loading_something_else_is_a_clear_error(tmp_path):
    junk = tmp_path / "junk.safetensors"
    junk.write_bytes(b"not a data set at all")
    with pytest.raises(InputError, match="not a HyperProspect graph data set"):
        GraphDataset.load(junk)
    other = tmp_path / "other.npz"
    np.savez(other, a=np.zeros(3))
    with pytest.raises(InputError):
        GraphDataset.load(other)
    with pytest.raises(InputError, match="does not exist"):
        GraphDataset.load(tmp_path / "missing.safetensors")


def test_tile_centres_and_summary():
    ds = _toy()
    centres = ds.tile_centres()
    assert centres[0].tolist() == [341970.0 + 2 * 30.0, 3973230.0 - 2 * 30.0]
    text = ds.summary()
    assert "12 tiles of 4×4 px" in text and "geology" in text and "2207.50 nm" in text


def test_block_split_keeps_blocks_whole():
    ds = _toy(n=12)
    train, val = ds.block_split(0.3, seed=0, guard=False)
    assert len(set(ds.block[train]) & set(ds.block[val])) == 0
    assert sorted(np.r_[train, val].tolist()) == list(range(12))
    with pytest.raises(InputError):
        ds.block_split(1.5)
