"""Read a raster top to bottom in row windows, decoding every block once, with bounded memory.

Prediction reads windows of ``tile_size`` rows (10) from rasters stored in blocks
of 256 rows.  Left to itself GDAL keeps every decoded block in its cache until
``GDAL_CACHEMAX`` (5 % of RAM) is full, so memory grows with the raster; flushing
after every window instead re-decodes each block 25 times (2.5× slower).
:class:`StripReader` reads whole block rows ("strips") of the wanted bands into
one array, drops GDAL's cached blocks right away (their pixels are now in the
array), and serves windows from it, carrying the few rows a window needs across
a strip boundary.  Memory: one strip of the wanted bands plus one window.
"""
from __future__ import annotations

from typing import Optional, Sequence

import numpy as np
from osgeo import gdal

from .gdalio import unreadable

MIN_STRIP_ROWS = 64    # files stored row by row (ENVI, striped TIFF) are read 64 rows at a time


class StripReader:
    """Windows ``[row, row + n)`` × all columns of ``band_list`` (1-based), in increasing ``row``."""

    def __init__(self, ds: gdal.Dataset, band_list: Optional[Sequence[int]] = None):
        self.ds = ds
        self.band_list = list(band_list) if band_list is not None else list(range(1, ds.RasterCount + 1))
        block_rows = max(1, int(ds.GetRasterBand(self.band_list[0]).GetBlockSize()[1]))
        self.strip_rows = block_rows * max(1, -(-MIN_STRIP_ROWS // block_rows))  # whole block rows
        self._buf: Optional[np.ndarray] = None  # [bands, rows, width]
        self._row0 = 0                          # raster row of _buf[:, 0]

    def read(self, row: int, nrows: int) -> np.ndarray:
        """``[bands, nrows, width]`` (a view: copy it to keep it past the next call)."""
        height = self.ds.RasterYSize
        if row < self._row0 or nrows < 1 or row + nrows > height:
            raise ValueError(f"rows {row}–{row + nrows - 1} cannot be read after row {self._row0} "
                             f"of a {height}-row raster")
        while self._buf is None or row + nrows > self._row0 + self._buf.shape[1]:
            end = self._row0 + (0 if self._buf is None else self._buf.shape[1])
            # next strip: from `end` to the next multiple of strip_rows (block aligned)
            stop = min(height, (end // self.strip_rows + 1) * self.strip_rows)
            try:
                strip = self.ds.ReadAsArray(0, end, self.ds.RasterXSize, stop - end, band_list=self.band_list)
            except RuntimeError as exc:
                raise unreadable(self.ds, exc) from None
            strip = strip.reshape(len(self.band_list), stop - end, self.ds.RasterXSize)
            self.ds.FlushCache()  # the strip's blocks are decoded into `strip`: don't let GDAL hoard them
            if self._buf is None:
                self._buf, self._row0 = strip, end
            else:
                keep = self._buf[:, row - self._row0:]     # rows still needed (the window's head)
                self._buf = np.concatenate([keep, strip], axis=1) if keep.shape[1] else strip
                self._row0 = row if keep.shape[1] else end
        start = row - self._row0
        return self._buf[:, start:start + nrows]
