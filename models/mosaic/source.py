"""What a mosaic job reads: one raster, a VRT of scenes, or a folder of scenes made into a VRT.

The VRT of a folder is kept as XML text with absolute paths (no file is written beside the
user's data): it travels to the workers with the task, and each writes it into its own
temporary folder.  Workers must be able to read the scenes under the same paths (a shared
file system, or GDAL network paths such as ``/vsis3/``).
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import List, Optional, Tuple

from osgeo import gdal

from ..errors import InputError
from ..raster.gdalio import open_raster

gdal.UseExceptions()

# a folder's scenes; a VRT is given by its own path (in a folder it would repeat the scenes it lists)
SCENE_SUFFIXES = (".tif", ".tiff", ".img", ".dat", ".bsq", ".bil", ".bip", ".jp2", ".nc")
Span = Tuple[int, int]


@dataclass(frozen=True)
class RasterSource:
    """A raster by path, or a VRT by its XML; ``scenes``: how many files it stands for."""

    path: Optional[str] = None
    vrt_xml: Optional[str] = None
    scenes: int = 1

    def local(self, folder) -> str:
        """A path GDAL opens on this machine (the VRT written into ``folder``)."""
        if self.path:
            return self.path
        dst = Path(folder) / "mosaic.vrt"
        dst.write_text(self.vrt_xml, encoding="utf-8")
        return str(dst)


def resolve_source(path) -> RasterSource:
    """A raster or VRT as it is; a folder → the VRT of its scenes (same CRS, pixel size and bands)."""
    p = Path(path)
    if not p.exists():
        raise InputError(f"The mosaic '{p}' does not exist.")
    if not p.is_dir():
        return RasterSource(path=str(p.resolve()))
    scenes = sorted(f.resolve() for f in p.iterdir() if f.is_file() and f.suffix.lower() in SCENE_SUFFIXES)
    if not scenes:
        raise InputError(f"The folder '{p}' holds no scenes ({', '.join(SCENE_SUFFIXES)}).")
    _check_scenes(scenes)
    return RasterSource(vrt_xml=_vrt_xml(scenes), scenes=len(scenes))


def _signature(path: Path):
    ds = open_raster(path)
    gt = ds.GetGeoTransform()
    bands = [ds.GetRasterBand(b + 1) for b in range(ds.RasterCount)]
    sig = {"bands": ds.RasterCount, "pixel": (round(gt[1], 9), round(gt[5], 9)), "rotation": (gt[2], gt[4]),
           "wavelengths": [b.GetMetadataItem("wavelength") or b.GetDescription() for b in bands],
           "type": bands[0].DataType}
    srs = ds.GetSpatialRef()
    return sig, srs


def _check_scenes(scenes: List[Path]) -> None:
    first, srs0 = _signature(scenes[0])
    for s in scenes[1:]:
        sig, srs = _signature(s)
        for key, what in (("bands", "band count"), ("pixel", "pixel size"), ("rotation", "rotation"),
                          ("wavelengths", "band wavelengths"), ("type", "data type")):
            if sig[key] != first[key]:
                raise InputError(f"The scenes of a mosaic must agree in {what}: '{s.name}' differs from "
                                 f"'{scenes[0].name}'.")
        if (srs0 is None) != (srs is None) or (srs0 is not None and not srs0.IsSame(srs)):
            raise InputError(f"The scenes of a mosaic must share one CRS: '{s.name}' differs from "
                             f"'{scenes[0].name}' (reproject it first).")


def _vrt_xml(scenes: List[Path]) -> str:
    """The VRT of the scenes, with the first scene's band metadata (wavelengths, nodata, scale)."""
    mem = f"/vsimem/hyperprospect-mosaic-{uuid.uuid4().hex}.vrt"
    try:
        vrt = gdal.BuildVRT(mem, [str(s) for s in scenes])
        first = open_raster(scenes[0])
        vrt.SetMetadata(first.GetMetadata())
        for b in range(1, first.RasterCount + 1):
            src, dst = first.GetRasterBand(b), vrt.GetRasterBand(b)
            dst.SetDescription(src.GetDescription())
            dst.SetMetadata(src.GetMetadata())
            if src.GetNoDataValue() is not None:
                dst.SetNoDataValue(src.GetNoDataValue())
            dst.SetScale(src.GetScale() or 1.0)
            dst.SetOffset(src.GetOffset() or 0.0)
        vrt = first = None
        f = gdal.VSIFOpenL(mem, "rb")
        try:
            gdal.VSIFSeekL(f, 0, 2)
            size = gdal.VSIFTellL(f)
            gdal.VSIFSeekL(f, 0, 0)
            return gdal.VSIFReadL(1, size, f).decode("utf-8")
        finally:
            gdal.VSIFCloseL(f)
    finally:
        gdal.Unlink(mem)


def window_vrt(path: str, rows: Span, cols: Span, dst) -> str:
    """A VRT of one window of ``path`` (bands, nodata, scale and metadata kept)."""
    gdal.Translate(str(dst), path, format="VRT", srcWin=[cols[0], rows[0], cols[1] - cols[0], rows[1] - rows[0]])
    return str(dst)
