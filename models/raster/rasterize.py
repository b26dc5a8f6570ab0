"""Burn vector geometries onto a raster grid in memory (nothing is written to disk)."""
from __future__ import annotations

from typing import Sequence

import numpy as np
from osgeo import gdal, ogr, osr

gdal.UseExceptions()
ogr.UseExceptions()


def rasterize_geometries(geoms: Sequence, geotransform, width: int, height: int, crs_wkt: str,
                         all_touched: bool = True) -> np.ndarray:
    """Boolean ``[height, width]``: pixels the OGR geometries (in the grid's CRS) cover.

    ``all_touched``: every pixel a geometry touches, which is what a 5-m dyke on a 30-m
    grid needs to be seen at all; otherwise only pixels whose centre lies inside.
    """
    srs = osr.SpatialReference()
    if crs_wkt:
        srs.ImportFromWkt(crs_wkt)
    vec = ogr.GetDriverByName("Memory").CreateDataSource("")
    layer = vec.CreateLayer("burn", srs if crs_wkt else None, ogr.wkbUnknown)
    for g in geoms:
        feat = ogr.Feature(layer.GetLayerDefn())
        feat.SetGeometry(g)
        layer.CreateFeature(feat)
    ras = gdal.GetDriverByName("MEM").Create("", int(width), int(height), 1, gdal.GDT_Byte)
    ras.SetGeoTransform(tuple(geotransform))
    if crs_wkt:
        ras.SetProjection(crs_wkt)
    gdal.RasterizeLayer(ras, [1], layer, burn_values=[1], options=["ALL_TOUCHED=TRUE"] if all_touched else [])
    out = ras.GetRasterBand(1).ReadAsArray().astype(bool)
    ras = vec = None
    return out
