"""A colour default rendering for hyperspectral rasters: ``<name>.qml`` beside the file, which QGIS applies
when it opens the raster (QGIS 3.22 ignores GDAL's colour interpretation and would show bands 1–3).

True colour from the bands nearest 640/550/470 nm when the file has them within 40 nm; otherwise (the
782–902 + 2014–2400 nm subset) a SWIR false colour of the bands nearest 2330/2200/850 nm, the Mg-OH/CO₃,
Al-OH and Fe²⁺ features. Each channel is stretched between its 2nd and 98th percentile (after the band's
scale and offset, as QGIS shows the values).
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Optional, Sequence, Tuple, Union

import numpy as np
from osgeo import gdal

from ..atomic import atomic_output
from .wavelengths import wavelengths_from_dataset

TRUE_COLOUR_NM = (640.0, 550.0, 470.0)
FALSE_COLOUR_NM = (2330.0, 2200.0, 850.0)
MAX_OFFSET_NM = 40.0
SAMPLE_PIXELS = 512  # the stretch is computed on an overview read of at most 512×512 pixels


def rgb_bands(centres_nm: Sequence[float]) -> Tuple[Tuple[int, int, int], str]:
    """1-based (red, green, blue) bands and what they show ("true colour" or "false colour")."""
    c = np.asarray(centres_nm, float)
    for targets, kind in ((TRUE_COLOUR_NM, "true colour"), (FALSE_COLOUR_NM, "false colour")):
        idx = [int(np.argmin(np.abs(c - t))) for t in targets]
        if len(set(idx)) == 3 and all(abs(c[i] - t) <= MAX_OFFSET_NM for i, t in zip(idx, targets)):
            return (idx[0] + 1, idx[1] + 1, idx[2] + 1), kind
    n = len(c)
    if n < 3:
        raise ValueError("a colour composite needs at least three bands")
    order = np.argsort(c)  # last resort: longest, middle and shortest wavelength
    return (int(order[-1]) + 1, int(order[n // 2]) + 1, int(order[0]) + 1), "false colour"


def _stretch(ds: gdal.Dataset, band_no: int) -> Tuple[float, float]:
    band = ds.GetRasterBand(band_no)
    scale = min(1.0, SAMPLE_PIXELS / max(ds.RasterXSize, ds.RasterYSize))
    bx, by = max(1, int(ds.RasterXSize * scale)), max(1, int(ds.RasterYSize * scale))
    a = band.ReadAsArray(buf_xsize=bx, buf_ysize=by).astype(np.float64)
    valid = np.isfinite(a)
    nodata = band.GetNoDataValue()
    if nodata is not None:
        valid &= a != nodata
    a = a[valid] * (band.GetScale() or 1.0) + (band.GetOffset() or 0.0)
    if a.size == 0:
        return 0.0, 1.0
    lo, hi = np.percentile(a, [2.0, 98.0])
    return float(lo), float(hi if hi > lo else lo + 1e-6)


_CHANNEL = """      <{name}ContrastEnhancement>
        <minValue>{lo:.9g}</minValue>
        <maxValue>{hi:.9g}</maxValue>
        <algorithm>StretchToMinimumMaximum</algorithm>
      </{name}ContrastEnhancement>
"""
_QML = """<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis version="3.22" styleCategories="Symbology">
  <!-- HyperProspect: {kind} composite, bands {r}/{g}/{b} ({wr:.0f}/{wg:.0f}/{wb:.0f} nm), 2-98 % stretch -->
  <pipe>
    <rasterrenderer type="multibandcolor" redBand="{r}" greenBand="{g}" blueBand="{b}" opacity="1"
                    alphaBand="-1" nodataColor="">
      <rasterTransparency/>
      <minMaxOrigin>
        <limits>CumulativeCut</limits>
        <extent>WholeRaster</extent>
        <statAccuracy>Estimated</statAccuracy>
        <cumulativeCutLower>0.02</cumulativeCutLower>
        <cumulativeCutUpper>0.98</cumulativeCutUpper>
        <stdDevFactor>2</stdDevFactor>
      </minMaxOrigin>
{channels}    </rasterrenderer>
    <brightnesscontrast brightness="0" contrast="0" gamma="1"/>
    <huesaturation saturation="0" grayscaleMode="0" colorizeOn="0"/>
    <rasterresampler maxOversampling="2"/>
  </pipe>
  <blendMode>0</blendMode>
</qgis>
"""


def write_rgb_style(raster: Union[str, os.PathLike], centres_nm: Optional[Sequence[float]] = None) -> Optional[str]:
    """Write ``<raster>.qml`` (true or false colour); returns its path, or None for a file without three bands
    or without wavelengths (QGIS's own default is kept then)."""
    ds = gdal.Open(str(raster))
    if ds is None or ds.RasterCount < 3:
        return None
    if centres_nm is None:
        table = wavelengths_from_dataset(ds, raster)
        if table is None:
            return None
        centres_nm = table.centers_nm
    (r, g, b), kind = rgb_bands(centres_nm)
    channels = "".join(_CHANNEL.format(name=name, lo=lo, hi=hi)
                       for name, (lo, hi) in zip(("red", "green", "blue"), (_stretch(ds, k) for k in (r, g, b))))
    ds = None
    text = _QML.format(kind=kind, r=r, g=g, b=b, wr=centres_nm[r - 1], wg=centres_nm[g - 1], wb=centres_nm[b - 1],
                       channels=channels)
    target = Path(raster).with_suffix(".qml")
    with atomic_output(target) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return str(target)
