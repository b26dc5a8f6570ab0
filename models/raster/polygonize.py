"""Regions of a label raster as polygons (GDAL Polygonize), and polygons written to a GeoPackage."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Dict, Iterable, Sequence, Tuple, Union

import numpy as np
from osgeo import gdal, ogr

from .gdalio import srs_from_wkt
from .grid import Grid

gdal.UseExceptions()
ogr.UseExceptions()

PathLike = Union[str, os.PathLike]
OGR_TYPES = {"int": ogr.OFTInteger64, "real": ogr.OFTReal, "str": ogr.OFTString}


def polygonize_labels(labels: np.ndarray, grid: Grid, connectivity: int = 8) -> Dict[int, ogr.Geometry]:
    """One (multi)polygon per positive label, in ``grid``'s CRS; label 0 is background.

    ``connectivity`` (4 or 8) must match the one the labels were made with, so that
    each labelled region comes out as one polygon.
    """
    if connectivity not in (4, 8):
        raise ValueError("connectivity must be 4 or 8")
    h, w = labels.shape
    mem = gdal.GetDriverByName("MEM").Create("", w, h, 1, gdal.GDT_Int32)
    mem.SetGeoTransform(grid.geotransform)
    if grid.crs_wkt:
        mem.SetProjection(grid.crs_wkt)
    band = mem.GetRasterBand(1)
    band.WriteArray(labels.astype(np.int32))
    vds = ogr.GetDriverByName("Memory").CreateDataSource("")
    lyr = vds.CreateLayer("regions", srs_from_wkt(grid.crs_wkt), ogr.wkbPolygon)
    lyr.CreateField(ogr.FieldDefn("label", ogr.OFTInteger))
    options = ["8CONNECTED=8"] if connectivity == 8 else []
    gdal.Polygonize(band, band, lyr, 0, options)  # the band is its own mask: 0 is not polygonised
    out: Dict[int, ogr.Geometry] = {}
    for feat in lyr:
        label = int(feat.GetField(0))
        geom = feat.GetGeometryRef().Clone()
        out[label] = out[label].Union(geom) if label in out else geom
    vds = mem = None
    return out


def write_polygon_layer(path: PathLike, layer_name: str, crs_wkt: str, fields: Sequence[Tuple[str, str]],
                        rows: Iterable[Tuple[ogr.Geometry, dict]]) -> int:
    """Write ``rows`` (geometry, attributes) as a GeoPackage polygon layer; returns the feature count.

    ``fields`` are (name, "int" | "real" | "str"); a ``None`` attribute is written as NULL.
    ``path`` is replaced if it exists (callers pass a temporary name from ``atomic_output``).
    """
    p = Path(path)
    if p.exists():
        p.unlink()  # the GPKG driver will not create over an (empty) existing file
    ds = gdal.GetDriverByName("GPKG").Create(str(p), 0, 0, 0, gdal.GDT_Unknown)
    lyr = ds.CreateLayer(layer_name, srs_from_wkt(crs_wkt), ogr.wkbMultiPolygon)
    for name, kind in fields:
        lyr.CreateField(ogr.FieldDefn(name, OGR_TYPES[kind]))
    n = 0
    lyr.StartTransaction()
    for geom, attrs in rows:
        f = ogr.Feature(lyr.GetLayerDefn())
        f.SetGeometry(ogr.ForceToMultiPolygon(geom))
        for name, _ in fields:
            value = attrs.get(name)
            if value is None:
                f.SetFieldNull(name)
            else:
                f.SetField(name, value)
        lyr.CreateFeature(f)
        n += 1
    lyr.CommitTransaction()
    ds = None
    return n
