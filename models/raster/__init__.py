"""Raster preparation for prospectivity mapping (no QGIS here).

* :mod:`.wavelengths` — band centre wavelengths of a raster (file metadata,
  sensor preset, user list), always returned in nanometres.
* :mod:`.band_subset` — keep the bands whose centre lies in wavelength ranges,
  block by block, into a GeoTIFF that carries the kept wavelengths.
* :mod:`.grid` — the pixel grid of a raster (CRS, geotransform, size) and the
  check that two rasters share one.
* :mod:`.distance` — distance in metres from every pixel of a reference grid
  to polygons (plutons) or lines (faults), exact or IDW-interpolated.
* :mod:`.footprints` — one band with its valid mask; vector features reprojected onto
  a grid and the pixels each covers (heatmap evaluation, targets).
* :mod:`.polygonize` — labelled regions as polygons (GDAL Polygonize) and a
  GeoPackage polygon writer.

Every function takes plain paths and simple Python values so that the thin
Processing algorithms and the CLI can call them directly.
"""
from .band_subset import DEFAULT_RANGES_NM, SubsetResult, normalise_ranges, parse_ranges, select_bands, subset_raster
from .distance import DistanceResult, distance_to_features
from .grid import Grid, check_same_grid
from .wavelengths import (
    Wavelengths,
    list_presets,
    load_band_table,
    parse_number_list,
    read_wavelengths,
    to_nanometres,
)

__all__ = [
    "DEFAULT_RANGES_NM",
    "DistanceResult",
    "Grid",
    "SubsetResult",
    "Wavelengths",
    "check_same_grid",
    "distance_to_features",
    "list_presets",
    "load_band_table",
    "normalise_ranges",
    "parse_number_list",
    "parse_ranges",
    "read_wavelengths",
    "select_bands",
    "subset_raster",
    "to_nanometres",
]
