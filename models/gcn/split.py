"""Train/validation split spread evenly in space, without leakage.

Tiles that overlap or touch share spatial blocks (``block`` ids from the data
set); a whole block always goes to one side.  Blocks are visited along a
serpentine path over their centres (row bands, alternating direction), and
each block is put on the side that keeps the running validation share of the
positive *and* negative tiles closest to the target (30 %).  The result is a
systematic sample: validation blocks are spread over the whole area, both
classes are split about 7:3, and the same seed gives the same split.  The seed
shifts the start of the path, so different seeds give different (equally
even) splits.
"""
from __future__ import annotations

from typing import Optional, Tuple

import numpy as np

from ..errors import InputError


def blocks_from_positions(rows, cols, block_px: int) -> np.ndarray:
    """Block ids for tiles whose top-left pixel is ``rows, cols``: square blocks
    of ``block_px`` pixels (for data without block ids of their own)."""
    rows = np.asarray(rows, dtype=np.int64)
    cols = np.asarray(cols, dtype=np.int64)
    br = rows // max(int(block_px), 1)
    bc = cols // max(int(block_px), 1)
    ncols = int(bc.max()) + 1 if bc.size else 1
    return (br * ncols + bc).astype(np.int64)


def spatial_split(
    y,
    block,
    rows=None,
    cols=None,
    val_fraction: float = 0.3,
    seed: int = 0,
    tile_size: Optional[int] = None,
    guard="touch",
) -> Tuple[np.ndarray, np.ndarray]:
    """Indices ``(train, val)`` of the labelled tiles (``y`` 0 or 1; -1 is left out).

    ``block``: spatial block id per tile (whole blocks go to one side).
    ``rows, cols``: tile positions, used to order the blocks in space (the
    block id order is used when they are missing).
    ``guard`` (with ``rows``, ``cols`` and ``tile_size``): ``"touch"`` (default)
    leaves out of training every tile that overlaps or touches a validation
    tile (``|Δrow| ≤ k`` and ``|Δcol| ≤ k``), so neither a pixel nor a tile edge
    is shared across the split; ``"overlap"`` only those sharing pixels
    (``< k``); ``"none"`` keeps all.  Touching costs training tiles along
    the borders of the validation blocks (fewer with larger blocks).
    """
    guard = {True: "touch", False: "none", None: "none"}.get(guard, guard)
    if guard not in ("touch", "overlap", "none"):
        raise InputError(f"Unknown split guard {guard!r}; use 'touch', 'overlap' or 'none'.")
    y = np.asarray(y).astype(np.int64).ravel()
    block = np.asarray(block).astype(np.int64).ravel()
    if block.shape != y.shape:
        raise InputError("The block ids and the labels differ in length.")
    if not 0.0 < val_fraction < 1.0:
        raise InputError("The validation fraction must be between 0 and 1.")
    labelled = np.nonzero(y >= 0)[0]
    if labelled.size < 2:
        raise InputError("At least two labelled tiles are needed to split into training and validation.")
    ids, inverse = np.unique(block[labelled], return_inverse=True)
    nb = ids.size
    if nb < 2:
        raise InputError("All labelled tiles are in one spatial block: they cannot be split without leakage.")
    pos = np.bincount(inverse, weights=(y[labelled] == 1), minlength=nb)
    neg = np.bincount(inverse, weights=(y[labelled] == 0), minlength=nb)

    # order blocks along a serpentine path over their centres
    if rows is not None and cols is not None:
        r = np.bincount(inverse, weights=np.asarray(rows, dtype=np.float64)[labelled],
                        minlength=nb) / np.bincount(inverse, minlength=nb)
        c = np.bincount(inverse, weights=np.asarray(cols, dtype=np.float64)[labelled],
                        minlength=nb) / np.bincount(inverse, minlength=nb)
        nbands = max(int(round(np.sqrt(nb))), 1)
        edges = np.quantile(r, np.linspace(0, 1, nbands + 1)[1:-1]) if nbands > 1 else np.array([])
        band = np.searchsorted(edges, r, side="right")
        key_c = np.where(band % 2 == 0, c, -c)
        order = np.lexsort((key_c, band))
    else:
        order = np.arange(nb)
    rng = np.random.default_rng(seed)
    order = np.roll(order, -int(rng.integers(nb)))

    total_pos, total_neg = pos.sum(), neg.sum()
    in_val = np.zeros(nb, dtype=bool)
    seen_pos = seen_neg = val_pos = val_neg = 0.0

    def err(vp, vn, sp, sn):
        e = 0.0
        if total_pos:
            e += abs(vp - val_fraction * sp) / total_pos
        if total_neg:
            e += abs(vn - val_fraction * sn) / total_neg
        return e

    for b in order:
        sp, sn = seen_pos + pos[b], seen_neg + neg[b]
        e_val = err(val_pos + pos[b], val_neg + neg[b], sp, sn)
        e_train = err(val_pos, val_neg, sp, sn)
        if e_val < e_train or (e_val == e_train and rng.random() < val_fraction):
            in_val[b] = True
            val_pos += pos[b]
            val_neg += neg[b]
        seen_pos, seen_neg = sp, sn

    # both sides need tiles; each class on both sides when there are blocks for it
    if not in_val.any():
        in_val[order[len(order) // 2]] = True
    if in_val.all():
        in_val[order[len(order) // 2]] = False
    for counts in (pos, neg):
        has = counts > 0
        if has.sum() >= 2:
            if not (in_val & has).any():
                cand = np.nonzero(has & ~in_val)[0]
                in_val[cand[np.argmin(counts[cand])]] = True
            if not (~in_val & has).any():
                cand = np.nonzero(has & in_val)[0]
                in_val[cand[np.argmin(counts[cand])]] = False

    tile_val = in_val[inverse]
    train, val = np.sort(labelled[~tile_val]), np.sort(labelled[tile_val])
    if guard != "none" and rows is not None and cols is not None and tile_size:
        reach = int(tile_size) if guard == "touch" else int(tile_size) - 1
        train = train[~touching(rows, cols, reach, train, val)]
    return train, val


def touching(rows, cols, k: int, candidates, others, chunk: int = 2048) -> np.ndarray:
    """For each tile in ``candidates``: is any tile of ``others`` within ``k``
    pixels in both row and column of its top-left corner (for k×k tiles:
    the boxes overlap or touch)?"""
    rows = np.asarray(rows, dtype=np.int64)
    cols = np.asarray(cols, dtype=np.int64)
    candidates = np.asarray(candidates, dtype=np.int64)
    others = np.asarray(others, dtype=np.int64)
    out = np.zeros(candidates.size, dtype=bool)
    if others.size == 0:
        return out
    orr, occ = rows[others], cols[others]
    for s in range(0, candidates.size, chunk):
        c = candidates[s:s + chunk]
        dr = np.abs(rows[c][:, None] - orr[None, :]) <= k
        dc = np.abs(cols[c][:, None] - occ[None, :]) <= k
        out[s:s + chunk] = np.any(dr & dc, axis=1)
    return out
