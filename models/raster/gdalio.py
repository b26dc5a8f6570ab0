"""Opening rasters and vectors with GDAL/OGR, turning failures into :class:`InputError`.

We use the ``osgeo`` bindings (not rasterio) because inside QGIS they are the
same GDAL QGIS itself links; a second, bundled GDAL in the same process can
clash.  Exceptions are switched on so that a failure surfaces as a Python
exception we can re-word for the user instead of a ``None`` we might miss.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Optional, Tuple, Union

from osgeo import gdal, ogr, osr

from ..errors import InputError

gdal.UseExceptions()
ogr.UseExceptions()
osr.UseExceptions()

PathLike = Union[str, os.PathLike]

# Extensions ENVI data files commonly carry next to their ``.hdr``.
# GeoTIFF compression for every raster we write: DEFLATE (readable by any GIS) at its
# fastest level on all cores — 2x faster than the default level 6 for a ~2 % larger file.
DEFLATE_FAST = ["COMPRESS=DEFLATE", "ZLEVEL=1", "NUM_THREADS=ALL_CPUS"]

_ENVI_DATA_SUFFIXES = ("", ".img", ".dat", ".bsq", ".bil", ".bip", ".raw", ".envi")


def resolve_raster_path(path: PathLike) -> Path:
    """The file GDAL should open for ``path``.

    A user picking an ENVI ``.hdr`` in a file dialog means the data file it
    describes; GDAL cannot open the header itself, so we look for the data file
    beside it.
    """
    p = Path(path)
    if p.suffix.lower() == ".hdr":
        stem = p.with_suffix("")
        candidates = [Path(str(stem) + s) for s in _ENVI_DATA_SUFFIXES]
        found = [c for c in candidates if c.is_file()]
        if len(found) == 1:
            return found[0]
        raise InputError(
            f"'{p}' is an ENVI header; choose the data file it describes "
            f"(for example '{stem.name}.img') instead."
        )
    return p


def open_raster(path: PathLike, update: bool = False) -> gdal.Dataset:
    """Open a raster read-only (or for update) or raise :class:`InputError`."""
    p = resolve_raster_path(path)
    if not p.exists():
        raise InputError(f"Raster file not found: '{p}'.")
    try:
        ds = gdal.Open(str(p), gdal.GA_Update if update else gdal.GA_ReadOnly)
    except RuntimeError as exc:
        raise InputError(f"Cannot read '{p}' as a raster: {exc}") from exc
    if ds is None or ds.RasterCount == 0:
        raise InputError(f"Cannot read '{p}' as a raster: it has no raster bands.")
    return ds


def file_versions(path: PathLike) -> Tuple[Tuple[str, float], ...]:
    """(file, modification time) of every file GDAL reads for the raster (data, header, .aux.xml): what a cache
    of something measured on the raster is keyed by."""
    files = open_raster(path).GetFileList() or []
    return tuple((f, os.path.getmtime(f)) for f in files if os.path.exists(f))


def unreadable(ds: gdal.Dataset, exc: Exception) -> InputError:
    """The error for pixels GDAL cannot decode (a truncated or corrupt file), naming the file."""
    name = Path(ds.GetDescription()).name or "the raster"
    return InputError(f"Cannot read the pixels of '{name}': the file is truncated or corrupt ({exc}).")


def split_layer_uri(uri: PathLike) -> Tuple[str, Optional[Union[str, int]]]:
    """Split a QGIS-style source ``file.gpkg|layername=faults`` into path and layer.

    QGIS hands layer sources in that form to Processing algorithms, so accepting
    it here saves every caller from parsing it.
    """
    text = str(uri)
    if "|" not in text:
        return text, None
    path, *options = text.split("|")
    layer: Optional[Union[str, int]] = None
    for option in options:
        key, _, value = option.partition("=")
        key = key.strip().lower()
        if key == "layername":
            layer = value
        elif key == "layerid" and value.strip().lstrip("-").isdigit():
            layer = int(value)
    return path, layer


def open_vector(path: PathLike, layer: Optional[Union[str, int]] = None) -> Tuple[ogr.DataSource, ogr.Layer]:
    """Open a vector file and pick one layer (by name, by index, or the first).

    The data source is returned with the layer because an OGR layer is only
    valid while its data source is alive.
    """
    path_text, uri_layer = split_layer_uri(path)
    if layer is None:
        layer = uri_layer
    p = Path(path_text)
    if not p.exists():
        raise InputError(f"Vector file not found: '{p}'.")
    try:
        ds = ogr.Open(str(p), 0)
    except RuntimeError as exc:
        raise InputError(f"Cannot read '{p}' as a vector layer: {exc}") from exc
    if ds is None or ds.GetLayerCount() == 0:
        raise InputError(f"Cannot read '{p}' as a vector layer: it holds no layers.")
    names = [ds.GetLayerByIndex(i).GetName() for i in range(ds.GetLayerCount())]
    if layer is None:
        lyr = ds.GetLayerByIndex(0)
    elif isinstance(layer, int):
        if not 0 <= layer < len(names):
            raise InputError(f"'{p}' has {len(names)} layer(s); there is no layer number {layer}.")
        lyr = ds.GetLayerByIndex(layer)
    else:
        lyr = ds.GetLayerByName(str(layer))
        if lyr is None:
            raise InputError(f"'{p}' has no layer named '{layer}'; its layers are: {', '.join(names)}.")
    return ds, lyr


def srs_from_wkt(wkt: str) -> Optional[osr.SpatialReference]:
    """A spatial reference in x=easting/longitude, y=northing/latitude order, or ``None``.

    GDAL 3 honours the CRS's official axis order (latitude first for EPSG:4326);
    raster geotransforms and most vector files use x/y order, so we pin that.
    """
    if not wkt:
        return None
    srs = osr.SpatialReference()
    srs.ImportFromWkt(wkt)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return srs


def describe_srs(srs: Optional[osr.SpatialReference]) -> str:
    """A short human name such as ``WGS 84 / UTM zone 44N (EPSG:32644)``."""
    if srs is None:
        return "no coordinate reference system"
    name = srs.GetName() or "unnamed CRS"
    code = srs.GetAuthorityCode(None)
    authority = srs.GetAuthorityName(None)
    if not code:
        # Work on a copy: AutoIdentifyEPSG adds the code to the object it is called on.
        probe = srs.Clone()
        try:
            if probe.AutoIdentifyEPSG() == 0:
                code, authority = probe.GetAuthorityCode(None), "EPSG"
        except RuntimeError:
            code = None
    authority = authority or "EPSG"
    return f"{name} ({authority}:{code})" if code else name
