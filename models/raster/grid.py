"""The pixel grid of a raster: CRS, geotransform and size, plus grid comparisons.

Geotransforms may be rotated (AVIRIS-NG ENVI tiles carry ``rotation=53`` in
their ``map info``), so pixel coordinates always go through the full affine
transform and pixel sizes are the lengths of its column vectors.
"""
from __future__ import annotations

import math
import os
from dataclasses import dataclass
from typing import Optional, Tuple, Union

import numpy as np
from osgeo import gdal, osr

from ..errors import InputError
from .gdalio import describe_srs, open_raster, srs_from_wkt

gdal.UseExceptions()
osr.UseExceptions()

GeoTransform = Tuple[float, float, float, float, float, float]


@dataclass(frozen=True)
class Grid:
    """A raster grid. ``geotransform`` follows GDAL: x = g0 + col·g1 + row·g2, y = g3 + col·g4 + row·g5."""

    crs_wkt: str
    geotransform: GeoTransform
    width: int
    height: int

    # ------------------------------------------------------------------ construction
    @classmethod
    def from_dataset(cls, ds: gdal.Dataset) -> "Grid":
        return cls(ds.GetProjection() or "", tuple(float(v) for v in ds.GetGeoTransform()), ds.RasterXSize,
                   ds.RasterYSize)

    @classmethod
    def from_raster(cls, path: Union[str, os.PathLike]) -> "Grid":
        ds = open_raster(path)
        try:
            return cls.from_dataset(ds)
        finally:
            ds = None

    # ------------------------------------------------------------------ CRS
    @property
    def srs(self) -> Optional[osr.SpatialReference]:
        return srs_from_wkt(self.crs_wkt)

    @property
    def has_crs(self) -> bool:
        return bool(self.crs_wkt)

    @property
    def is_geographic(self) -> bool:
        srs = self.srs
        return bool(srs is not None and srs.IsGeographic())

    @property
    def crs_name(self) -> str:
        return describe_srs(self.srs)

    @property
    def linear_unit_m(self) -> float:
        """Metres per CRS unit (1 for metre-based CRSs, 0.3048 for feet)."""
        srs = self.srs
        if srs is None or srs.IsGeographic():
            raise InputError(f"The grid's CRS ({self.crs_name}) has no linear unit.")
        return float(srs.GetLinearUnits())

    # ------------------------------------------------------------------ geometry
    @property
    def pixel_size(self) -> Tuple[float, float]:
        """(width, height) of a pixel in CRS units, rotation included."""
        g = self.geotransform
        return (math.hypot(g[1], g[4]), math.hypot(g[2], g[5]))

    @property
    def pixel_size_m(self) -> Tuple[float, float]:
        """(width, height) of a pixel in metres; refuses geographic or CRS-less grids."""
        require_projected(self)
        f = self.linear_unit_m
        sx, sy = self.pixel_size
        return (sx * f, sy * f)

    @property
    def is_rotated(self) -> bool:
        g = self.geotransform
        return g[2] != 0.0 or g[4] != 0.0

    @property
    def is_orthogonal(self) -> bool:
        """Whether pixel columns and rows are perpendicular (north-up or purely rotated)."""
        g = self.geotransform
        sx, sy = self.pixel_size
        return abs(g[1] * g[2] + g[4] * g[5]) <= 1e-9 * sx * sy

    def pixel_to_world(self, cols, rows) -> Tuple[np.ndarray, np.ndarray]:
        """World x, y of continuous pixel positions (col 0.5, row 0.5 = first pixel centre)."""
        g = self.geotransform
        cols = np.asarray(cols, dtype=float)
        rows = np.asarray(rows, dtype=float)
        return g[0] + cols * g[1] + rows * g[2], g[3] + cols * g[4] + rows * g[5]

    def pixel_centres(self, row0: int = 0, nrows: Optional[int] = None) -> Tuple[np.ndarray, np.ndarray]:
        """x, y of the pixel centres of rows ``row0 … row0+nrows-1``, each shaped (nrows, width)."""
        nrows = self.height - row0 if nrows is None else nrows
        rows, cols = np.meshgrid(np.arange(row0, row0 + nrows) + 0.5, np.arange(self.width) + 0.5, indexing="ij")
        return self.pixel_to_world(cols, rows)

    def window(self, row0: int, nrows: int, col0: int = 0, ncols: Optional[int] = None) -> "Grid":
        """The sub-grid of a window, with its own origin."""
        ncols = self.width - col0 if ncols is None else ncols
        g = self.geotransform
        x0, y0 = self.pixel_to_world(col0, row0)
        return Grid(self.crs_wkt, (float(x0), g[1], g[2], float(y0), g[4], g[5]), int(ncols), int(nrows))

    def coarsened(self, factor: int) -> "Grid":
        """A grid ``factor`` times coarser whose pixel centres fall on every ``factor``-th
        pixel centre of this one (rows/cols 0, f, 2f, …), extended so it covers the last row/col."""
        g = self.geotransform
        f = float(factor)
        width = -(-(self.width - 1) // factor) + 1   # ceil((W-1)/f) + 1 nodes reach col W-1
        height = -(-(self.height - 1) // factor) + 1
        # Coarse centre (0.5, 0.5) must be fine centre (0.5, 0.5): origin = fine(0.5,0.5) - coarse_step·(0.5,0.5).
        cx, cy = self.pixel_to_world(0.5, 0.5)
        gt = (
            float(cx - 0.5 * f * (g[1] + g[2])), g[1] * f, g[2] * f,
            float(cy - 0.5 * f * (g[4] + g[5])), g[4] * f, g[5] * f,
        )
        return Grid(self.crs_wkt, gt, width, height)

    def describe(self) -> str:
        sx, sy = self.pixel_size
        return f"{self.width}×{self.height} pixels of {sx:g}×{sy:g} ({self.crs_name})"


def same_crs(wkt_a: str, wkt_b: str) -> bool:
    """Whether two WKT strings denote the same CRS (both empty counts as the same)."""
    if not wkt_a or not wkt_b:
        return not wkt_a and not wkt_b
    a, b = srs_from_wkt(wkt_a), srs_from_wkt(wkt_b)
    return bool(a.IsSame(b))


_RESAMPLE_ADVICE = ("Resample one onto the other (e.g. Raster ▸ Projections ▸ Warp with the other as the target "
                    "extent and resolution).")


def check_same_grid(a: Grid, b: Grid, name_a: str = "the first raster", name_b: str = "the second raster",
                    rel_tol: float = 1e-6, lead: str = "The rasters are not on the same grid",
                    advice: str = _RESAMPLE_ADVICE) -> None:
    """Raise :class:`InputError` naming the difference when ``a`` and ``b`` are not the same grid.

    Geotransforms are compared to ``rel_tol`` of a pixel, because text formats
    (ENVI ``map info``, world files) round coordinates.  ``lead`` and ``advice`` open and close
    the message (a raster stack says what to do with its geology layers).
    """
    problems = []
    if (a.width, a.height) != (b.width, b.height):
        problems.append(f"{name_a} is {a.width}×{a.height} pixels but {name_b} is {b.width}×{b.height}")
    if not same_crs(a.crs_wkt, b.crs_wkt):
        problems.append(f"{name_a} is in CRS {a.crs_name} but {name_b} is in {b.crs_name}")
    px = max(min(a.pixel_size), 1e-300)
    ga, gb = a.geotransform, b.geotransform
    if max(abs(ga[i] - gb[i]) for i in (0, 3)) > rel_tol * px:
        problems.append(f"their geotransform origins differ: ({ga[0]:.6f}, {ga[3]:.6f}) vs ({gb[0]:.6f}, {gb[3]:.6f})")
    if max(abs(ga[i] - gb[i]) for i in (1, 2, 4, 5)) > rel_tol * px:
        problems.append(
            f"their pixel sizes/rotations differ: {a.pixel_size[0]:g}×{a.pixel_size[1]:g} vs "
            f"{b.pixel_size[0]:g}×{b.pixel_size[1]:g}"
        )
    if problems:
        raise InputError(f"{lead}: " + "; ".join(problems) + ". " + advice)


def _utm_suggestion(grid: Grid) -> str:
    """'WGS 84 / UTM zone 44N (EPSG:32644)' for the centre of a geographic grid, if it can tell."""
    try:
        lon, lat = grid.pixel_to_world(grid.width / 2.0, grid.height / 2.0)
        lon, lat = float(lon), float(lat)
        if not (-180 <= lon <= 180 and -84 <= lat <= 84):
            return "a projected CRS such as UTM"
        zone = int((lon + 180) // 6) + 1
        north = lat >= 0
        code = (32600 if north else 32700) + zone
        return f"a projected CRS such as WGS 84 / UTM zone {zone}{'N' if north else 'S'} (EPSG:{code})"
    except Exception:  # noqa: BLE001 - only a hint; never mask the real message
        return "a projected CRS such as UTM"


def require_projected(grid: Grid, name: str = "The reference raster") -> None:
    """Refuse grids whose units are not lengths: distances in metres would be wrong."""
    if not grid.has_crs:
        raise InputError(
            f"{name} has no coordinate reference system, so its pixel size in metres is unknown. "
            "Assign its CRS (Raster ▸ Projections ▸ Assign Projection) and try again."
        )
    if grid.is_geographic:
        raise InputError(
            f"{name} is in a geographic CRS ({grid.crs_name}) whose units are degrees, so distances "
            f"in metres cannot be measured on its grid. Reproject it to {_utm_suggestion(grid)} "
            "(Raster ▸ Projections ▸ Warp) and try again."
        )
