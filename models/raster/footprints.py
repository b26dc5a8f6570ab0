"""Vector features on a raster grid: read them in the grid's CRS and burn their footprints.

Scoring a heatmap against deposits and measuring targets against known deposits both
need the features reprojected onto the raster's grid (which may be rotated) and the
pixels each one covers.  Footprints use GDAL's ALL_TOUCHED rule so that a dyke thinner
than a pixel, or a point, still covers the pixels it crosses.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import List, Optional, Sequence, Tuple, Union

import numpy as np
from osgeo import gdal, ogr, osr

from ..errors import InputError
from .gdalio import open_raster, open_vector, srs_from_wkt
from .grid import Grid, require_projected

gdal.UseExceptions()
ogr.UseExceptions()

PathLike = Union[str, os.PathLike]


@dataclass
class Feature:
    """One feature: the value of the chosen field (text, ``None`` if empty) and its geometry in the grid CRS."""

    value: Optional[str]
    geometry: ogr.Geometry


def read_band(path: PathLike, band: int = 1) -> Tuple[np.ndarray, np.ndarray, Grid]:
    """(values as float64, valid mask, grid) of one band; nodata, NaN and masked pixels are invalid."""
    ds = open_raster(path)
    if not 1 <= band <= ds.RasterCount:
        raise InputError(f"'{path}' has {ds.RasterCount} band(s); there is no band {band}.")
    b = ds.GetRasterBand(band)
    values = b.ReadAsArray().astype(np.float64)
    valid = np.isfinite(values)
    nodata = b.GetNoDataValue()
    if nodata is not None and np.isfinite(nodata):
        valid &= values != nodata
    flags = b.GetMaskFlags()
    if not flags & (gdal.GMF_ALL_VALID | gdal.GMF_NODATA):  # an alpha band or a mask file: honour it
        valid &= b.GetMaskBand().ReadAsArray() > 0
    grid = Grid.from_dataset(ds)
    ds = None
    return values, valid, grid


def _transform_to(layer: ogr.Layer, grid: Grid, name: str) -> Optional[osr.CoordinateTransformation]:
    target = srs_from_wkt(grid.crs_wkt)
    src = layer.GetSpatialRef()
    if src is None or target is None:
        return None  # one side has no CRS: take the coordinates as they are (the common hand-made case)
    src = src.Clone()
    src.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    if src.IsSame(target):
        return None
    try:
        return osr.CoordinateTransformation(src, target)
    except RuntimeError as exc:
        raise InputError(f"{name} cannot be reprojected onto the raster's CRS: {exc}") from exc


def read_features(path: PathLike, grid: Grid, layer: Optional[Union[str, int]] = None,
                  field: Optional[str] = None, name: str = "The deposit layer") -> List[Feature]:
    """Every feature with a geometry, reprojected into ``grid``'s CRS, with the text of ``field``."""
    ds, lyr = open_vector(path, layer)
    defn = lyr.GetLayerDefn()
    if field:
        fields = [defn.GetFieldDefn(i).GetName() for i in range(defn.GetFieldCount())]
        if field not in fields:
            raise InputError(f"{name} ('{path}') has no field '{field}'; its fields are: "
                             + (", ".join(fields) or "none") + ".")
    transform = _transform_to(lyr, grid, name)
    out: List[Feature] = []
    for feat in lyr:
        geom = feat.GetGeometryRef()
        if geom is None or geom.IsEmpty():
            continue
        geom = geom.Clone()
        if transform is not None:
            geom.Transform(transform)
        value = None
        if field and feat.IsFieldSetAndNotNull(field):
            value = str(feat.GetField(field)).strip()
        out.append(Feature(value, geom))
    del ds  # the layer lives as long as its data source: release both only now
    return out


def buffered(geometries: Sequence[ogr.Geometry], grid: Grid, buffer_m: float) -> List[ogr.Geometry]:
    """The geometries grown by ``buffer_m`` metres (the grid must be projected)."""
    if buffer_m <= 0:
        return list(geometries)
    require_projected(grid, "The raster")
    dist = buffer_m / grid.linear_unit_m
    return [g.Buffer(dist) for g in geometries]


def _memory_layer(geometries: Sequence[ogr.Geometry], grid: Grid):
    ds = ogr.GetDriverByName("Memory").CreateDataSource("")
    lyr = ds.CreateLayer("f", srs_from_wkt(grid.crs_wkt))
    for g in geometries:
        f = ogr.Feature(lyr.GetLayerDefn())
        f.SetGeometry(g)
        lyr.CreateFeature(f)
    return ds, lyr


def _burn(geometries: Sequence[ogr.Geometry], grid: Grid, all_touched: bool) -> np.ndarray:
    mem = gdal.GetDriverByName("MEM").Create("", grid.width, grid.height, 1, gdal.GDT_Byte)
    mem.SetGeoTransform(grid.geotransform)
    if grid.crs_wkt:
        mem.SetProjection(grid.crs_wkt)
    ds, lyr = _memory_layer(geometries, grid)
    gdal.RasterizeLayer(mem, [1], lyr, burn_values=[1], options=["ALL_TOUCHED=TRUE"] if all_touched else [])
    out = mem.GetRasterBand(1).ReadAsArray().astype(bool)
    del ds, mem  # the memory layer and raster, once read
    return out


def union_mask(geometries: Sequence[ogr.Geometry], grid: Grid, all_touched: bool = True) -> np.ndarray:
    """Boolean mask (height × width) of the pixels any of ``geometries`` covers."""
    if not geometries:
        return np.zeros((grid.height, grid.width), bool)
    return _burn(geometries, grid, all_touched)


def footprint(geometry: ogr.Geometry, grid: Grid,
              all_touched: bool = True) -> Optional[Tuple[int, int, np.ndarray]]:
    """``(row0, col0, mask)`` of the pixels one geometry covers, or ``None`` when it misses the grid.

    Only the pixel window around the geometry's envelope is burnt (its corners mapped
    through the inverse geotransform, so rotated grids work), which keeps thousands of
    small bodies cheap on a large raster.
    """
    inv = gdal.InvGeoTransform(grid.geotransform)
    minx, maxx, miny, maxy = geometry.GetEnvelope()
    px = [gdal.ApplyGeoTransform(inv, x, y) for x in (minx, maxx) for y in (miny, maxy)]
    c0 = max(int(np.floor(min(p[0] for p in px))) - 1, 0)
    c1 = min(int(np.floor(max(p[0] for p in px))) + 2, grid.width)
    r0 = max(int(np.floor(min(p[1] for p in px))) - 1, 0)
    r1 = min(int(np.floor(max(p[1] for p in px))) + 2, grid.height)
    if c1 <= c0 or r1 <= r0:
        return None
    mask = _burn([geometry], grid.window(r0, r1 - r0, c0, c1 - c0), all_touched)
    if not mask.any():
        return None
    return r0, c0, mask
