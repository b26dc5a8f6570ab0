"""Place per-tile probabilities on the output grid, averaging overlapping tiles.

Tiles arrive row of tiles by row of tiles (top to bottom).  With stride ``s`` and tile
size ``k``, once the tile row starting at ``r`` is done no later tile touches rows
``< r + s``, so those rows are final and are handed to ``write_rows``.  Only ``k + s``
rows are ever held, whatever the raster's height: memory stays flat.
"""
from __future__ import annotations

from typing import Callable

import numpy as np

NODATA = -1.0


class StripAccumulator:
    def __init__(self, width: int, height: int, tile_size: int, stride: int,
                 write_rows: Callable[[int, np.ndarray], None], nodata: float = NODATA):
        self.width, self.height = width, height
        self.k, self.s = tile_size, stride
        self.write_rows = write_rows
        self.nodata = nodata
        self.base = 0  # first row held in the buffer
        rows = tile_size + stride
        self.sum = np.zeros((rows, width), np.float64)
        self.count = np.zeros((rows, width), np.uint16)

    def add_tile_row(self, row: int, cols: np.ndarray, probs: np.ndarray) -> None:
        """Add the tiles whose top-left corner is ``(row, cols[i])``: ``probs[i]`` is one
        probability for the whole tile, or ``k·k`` of them (one per pixel, row-major)."""
        if row < self.base:
            raise ValueError("tile rows must arrive in increasing order")
        self._flush_until(row)
        r0 = row - self.base
        probs = np.asarray(probs, float)
        per_pixel = probs.ndim == 2
        for i, c in enumerate(np.asarray(cols, int)):
            p = probs[i].reshape(self.k, self.k) if per_pixel else probs[i]
            self.sum[r0:r0 + self.k, c:c + self.k] += p
            self.count[r0:r0 + self.k, c:c + self.k] += 1

    def finish_tile_row(self, row: int) -> None:
        """No tile starting above ``row + stride`` will come: those rows are final."""
        self._flush_until(min(row + self.s, self.height))

    def close(self) -> None:
        self._flush_until(self.height)

    def _flush_until(self, row: int) -> None:
        n = min(row, self.height) - self.base
        while n > 0:
            take = min(n, self.sum.shape[0])
            with np.errstate(invalid="ignore", divide="ignore"):
                out = np.where(self.count[:take] > 0, self.sum[:take] / np.maximum(self.count[:take], 1), self.nodata)
            self.write_rows(self.base, out.astype(np.float32))
            self.sum = np.roll(self.sum, -take, axis=0)
            self.count = np.roll(self.count, -take, axis=0)
            self.sum[-take:] = 0
            self.count[-take:] = 0
            self.base += take
            n -= take


def tile_origins(length: int, tile_size: int, stride: int) -> np.ndarray:
    """Start offsets of full tiles along one axis (a partial tile at the edge is not scored)."""
    if length < tile_size:
        return np.zeros(0, int)
    return np.arange(0, length - tile_size + 1, stride)
