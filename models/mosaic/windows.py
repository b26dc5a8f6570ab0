"""Cut a raster into windows whose cores tile it exactly, each with the halo its tiles need.

With tile size ``k`` and stride ``s`` a pixel's prediction is the mean over every tile (on the
lattice ``0, s, 2s, …``) that covers it.  A window reads the rows and columns of every lattice
tile that touches its core, starting on a lattice point, so scoring the window alone gives its
core pixels exactly the tiles — and so the values — the whole raster gives them.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import List, Optional, Tuple

Span = Tuple[int, int]  # half-open pixel range [start, stop)


@dataclass(frozen=True)
class Window:
    index: int
    core_rows: Span
    core_cols: Span
    read_rows: Optional[Span]  # None: no tile touches the core (it stays nodata)
    read_cols: Optional[Span]

    @property
    def has_work(self) -> bool:
        return self.read_rows is not None

    def core_in_read(self) -> Tuple[slice, slice]:
        """The core as slices of the window's read arrays."""
        (r0, r1), (c0, c1) = self.core_rows, self.core_cols
        return slice(r0 - self.read_rows[0], r1 - self.read_rows[0]), slice(c0 - self.read_cols[0],
                                                                            c1 - self.read_cols[0])


def _halo(span: Span, length: int, tile: int, stride: int) -> Optional[Span]:
    """Rows (or columns) of the lattice tiles that touch ``span``; None when none does."""
    last = (length - tile) // stride * stride if length >= tile else -1
    a, b = span
    first = max(0, -(-(a - tile + 1) // stride)) * stride
    final = min(last, (b - 1) // stride * stride)
    return (first, final + tile) if last >= 0 and first <= final else None


def plan_windows(height: int, width: int, core: int, tile: int = 1, stride: int = 1) -> List[Window]:
    """Windows of about ``core`` × ``core`` pixels (a multiple of the stride) covering the raster,
    row by row; ``tile = stride = 1`` for per-pixel work (no halo)."""
    if min(height, width, core, tile, stride) < 1:
        raise ValueError("sizes must be positive")
    step = max(stride, core // stride * stride)
    windows = []
    for r in range(0, height, step):
        rows = (r, min(r + step, height))
        for c in range(0, width, step):
            cols = (c, min(c + step, width))
            hr, hc = _halo(rows, height, tile, stride), _halo(cols, width, tile, stride)
            work = hr is not None and hc is not None
            windows.append(Window(len(windows), rows, cols, hr if work else None, hc if work else None))
    return windows
