"""Synthetic tile data sets for tests and benchmarks (no files, no QGIS).

:func:`synthetic_tiles` imitates the paper's data set: a grid of k×k tiles,
37 "AHSI" bands in 782–902 and 2014–2400 nm plus two geology channels
(distance to pluton, distance to fault).  Mineralised tiles form spatial
clusters; inside them a narrow dyke of pixels carries beryl/spodumene-like
absorptions (830, 2207 nm) and the tiles lie closer to plutons and faults.
Barren tiles sometimes carry a decoy dyke with the absorption shifted, so the
task needs the spectral shape and the geology together, not just brightness.
"""
from __future__ import annotations

from typing import Any, Dict

import numpy as np

from .layers import grid_edge_index


def ahsi_like_wavelengths(n_bands: int = 37):
    """``n_bands`` centre wavelengths in 782–902 and 2014–2400 nm."""
    n_vnir = max(1, round(n_bands * 0.2))
    n_swir = n_bands - n_vnir
    return list(np.linspace(782, 902, n_vnir)) + list(np.linspace(2014, 2400, n_swir))


def synthetic_tiles(
    n_rows: int = 24,
    n_cols: int = 36,
    n_pos: int = 218,
    n_channels: int = 39,
    tile_size: int = 10,
    block_tiles: int = 5,
    noise: float = 0.5,
    signal: float = 0.3,
    geology: float = 0.2,
    decoys: float = 0.35,
    seed: int = 0,
) -> Dict[str, Any]:
    """Arrays for :func:`~.train.as_training_data` (raw ``x`` with mean/std).

    Defaults: 24×36 = 864 tiles, 218 mineralised and 646 barren, 10×10 nodes,
    39 channels (37 spectral + 2 geology), spatial blocks of 5×5 tiles.
    """
    rng = np.random.default_rng(seed)
    n_tiles = n_rows * n_cols
    if not 0 < n_pos < n_tiles:
        raise ValueError("n_pos must be between 0 and the number of tiles")
    n_bands = n_channels - 2
    wl = np.asarray(ahsi_like_wavelengths(n_bands))
    k = tile_size
    tr, tc = np.meshgrid(np.arange(n_rows), np.arange(n_cols), indexing="ij")
    tr, tc = tr.ravel(), tc.ravel()
    # clustered mineralisation: a smooth random field, top n_pos tiles positive
    field = np.zeros(n_tiles)
    for _ in range(max(3, n_pos // 25)):
        cr, cc = rng.uniform(0, n_rows), rng.uniform(0, n_cols)
        s = rng.uniform(1.0, 3.0)
        field += np.exp(-((tr - cr) ** 2 + (tc - cc) ** 2) / (2 * s * s))
    field += 0.15 * rng.standard_normal(n_tiles)
    y = np.zeros(n_tiles, dtype=np.int64)
    y[np.argsort(-field)[:n_pos]] = 1

    # background spectra: smooth mixtures of three end-members + pixel noise
    endm = np.stack([1.0 + 0.3 * np.sin(wl / 300.0 + p) for p in rng.uniform(0, 6, 3)])  # [3, bands]
    mix = rng.dirichlet(np.ones(3), size=(n_tiles, k * k))                                   # [N, n, 3]
    spectra = mix @ endm + noise * rng.standard_normal((n_tiles, k * k, n_bands))

    def absorption(centre, width):
        return np.exp(-((wl - centre) ** 2) / (2 * width ** 2))

    target = 0.6 * absorption(830, 40) + absorption(2207, 25) + 0.5 * absorption(2155, 25)
    decoy = 0.6 * absorption(880, 40) + absorption(2330, 25) + 0.5 * absorption(2060, 25)
    rr, cc = np.meshgrid(np.arange(k), np.arange(k), indexing="ij")
    rr, cc = rr.ravel(), cc.ravel()
    for i in range(n_tiles):
        positive = y[i] == 1
        if not positive and rng.random() > decoys:
            continue
        theta = rng.uniform(0, np.pi)
        off = rng.uniform(-k / 4, k / 4)
        dist = np.abs((rr - k / 2) * np.cos(theta) - (cc - k / 2) * np.sin(theta) - off)
        dyke = dist < rng.uniform(0.7, 1.4)
        depth = signal * rng.uniform(0.6, 1.4)
        shape = target if positive else decoy
        spectra[i, dyke] -= depth * shape
    # geology: distances (m) — mineralised ground nearer to plutons and faults, noisily
    near = np.where(y == 1, 1.0, 0.0) * geology + (1.0 - geology) * rng.random(n_tiles)
    d_pluton = (3000 * (1 - near))[:, None] + 400 * rng.standard_normal((n_tiles, k * k)) + 30 * rr[None]
    d_fault = ((2000 * (1 - near) * rng.uniform(0.5, 1.5, n_tiles))[:, None]
               + 300 * rng.standard_normal((n_tiles, k * k)) + 30 * cc[None])
    x = np.concatenate([spectra, np.abs(d_pluton)[..., None], np.abs(d_fault)[..., None]], axis=2).astype(np.float32)
    mean = x.mean(axis=(0, 1), dtype=np.float64).astype(np.float32)
    std = x.std(axis=(0, 1), dtype=np.float64).astype(np.float32)
    block = (tr // block_tiles) * ((n_cols + block_tiles - 1) // block_tiles) + (tc // block_tiles)
    return {
        "x": x, "y": y, "mean": mean, "std": std,
        "rows": (tr * k).astype(np.int32), "cols": (tc * k).astype(np.int32), "block": block.astype(np.int32),
        "tile_size": k, "stride": k, "edge_index": grid_edge_index(k, 1.7).numpy(), "edge_threshold_m": 170.0,
        "channel_names": [f"band_{w:.0f}nm" for w in wl] + ["distance_to_pluton", "distance_to_fault"],
        "wavelengths_nm": [float(w) for w in wl] + [None, None],
        "class_names": ["barren", "mineralised"],
        "meta": {"band_ranges_nm": [[782, 902], [2014, 2400]],
                 "geology_layers": ["distance_to_pluton", "distance_to_fault"],
                 "pixel_size_m": 100.0, "source": "synthetic"},
        "crs_wkt": None, "geotransform": [0.0, 100.0, 0.0, 0.0, 0.0, -100.0], "raster_size": [n_cols * k, n_rows * k],
    }


def separable_tiles(n_pos: int = 24, n_neg: int = 40, n_channels: int = 6, tile_size: int = 4,
                    seed: int = 0) -> Dict[str, Any]:
    """A tiny, linearly separable toy set (positives bright in channel 0)."""
    rng = np.random.default_rng(seed)
    n = n_pos + n_neg
    y = np.r_[np.ones(n_pos, np.int64), np.zeros(n_neg, np.int64)]
    rng.shuffle(y)
    x = 0.3 * rng.standard_normal((n, tile_size * tile_size, n_channels)).astype(np.float32)
    x[y == 1, :, 0] += 2.0
    x[y == 1, :, 1] -= 1.0
    side = int(np.ceil(np.sqrt(n)))
    tr, tc = np.divmod(np.arange(n), side)
    return {"x": x, "y": y, "rows": tr * tile_size, "cols": tc * tile_size, "block": (tr // 2) * side + tc // 2,
            "tile_size": tile_size, "stride": tile_size, "edge_index": grid_edge_index(tile_size, 1.7).numpy(),
            "edge_threshold_m": 170.0, "wavelengths_nm": [800.0 + 100 * i for i in range(n_channels - 1)] + [None],
            "channel_names": [f"c{i}" for i in range(n_channels)], "meta": {"geology_layers": [f"c{n_channels - 1}"]}}
