"""The spatial 7:3 split: whole blocks, stratified, spread out, deterministic."""
import numpy as np
import pytest

from models.errors import InputError
from models.gcn.split import spatial_split, touching
from models.gcn.synthetic import synthetic_tiles


@pytest.fixture(scope="module")
def tiles():
    return synthetic_tiles(n_rows=24, n_cols=36, n_pos=218, n_channels=5, tile_size=4, block_tiles=3)


def test_no_block_on_both_sides_and_about_70_30(tiles):
    y, block = tiles["y"], tiles["block"]
    train, val = spatial_split(y, block, tiles["rows"], tiles["cols"], guard="none")
    assert not set(block[train]) & set(block[val])
    assert train.size + val.size == y.size and not set(train) & set(val)
    assert 0.26 <= val.size / y.size <= 0.34
    for cls in (0, 1):
        share = np.sum(y[val] == cls) / np.sum(y == cls)
        assert 0.25 <= share <= 0.35, (cls, share)


def test_spread_over_the_area(tiles):
    train, val = spatial_split(tiles["y"], tiles["block"], tiles["rows"], tiles["cols"], guard="none")
    r, c = tiles["rows"][val], tiles["cols"][val]
    height, width = tiles["rows"].max() + 4, tiles["cols"].max() + 4
    # validation tiles in every quarter of the area
    for rlo in (0, height / 2):
        for clo in (0, width / 2):
            inside = (r >= rlo) & (r < rlo + height / 2) & (c >= clo) & (c < clo + width / 2)
            assert inside.sum() >= 0.15 * val.size


def test_deterministic_and_seeded(tiles):
    a = spatial_split(tiles["y"], tiles["block"], tiles["rows"], tiles["cols"], seed=5)
    b = spatial_split(tiles["y"], tiles["block"], tiles["rows"], tiles["cols"], seed=5)
    c = spatial_split(tiles["y"], tiles["block"], tiles["rows"], tiles["cols"], seed=6)
    assert all(np.array_equal(x, z) for x, z in zip(a, b))
    assert not np.array_equal(a[1], c[1])


def test_guard_leaves_out_touching_training_tiles(tiles):
    rows, cols = tiles["rows"], tiles["cols"]
    train, val = spatial_split(tiles["y"], tiles["block"], rows, cols, tile_size=4, guard="touch")
    assert not touching(rows, cols, 4, train, val).any()
    loose, _ = spatial_split(tiles["y"], tiles["block"], rows, cols, tile_size=4, guard="none")
    assert train.size < loose.size
    overlap, _ = spatial_split(tiles["y"], tiles["block"], rows, cols, tile_size=4, guard="overlap")
    assert overlap.size == loose.size  # stride = tile size: no tiles share pixels


def test_unlabelled_left_out_and_errors():
    y = np.array([1, 0, -1, 1, 0, 0, 1, 0])
    block = np.array([0, 0, 1, 1, 2, 2, 3, 3])
    train, val = spatial_split(y, block)
    assert 2 not in train and 2 not in val
    assert set(y[val]) == {0, 1} and set(y[train]) == {0, 1}
    with pytest.raises(InputError):
        spatial_split(y, np.zeros_like(y))
    with pytest.raises(InputError):
        spatial_split(y, block, val_fraction=1.5)
