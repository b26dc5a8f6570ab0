"""Hyperspectral test cubes whose pixels are known library spectra (tests and the mineral-map benchmark).

Pixels are the shipped per-class reference spectra (``references.json``, USGS
lab records) convolved to a sensor's bands (Gaussian SRFs from the centres and
FWHM), optionally mixed and with noise, stored as int16 reflectance × 10000 with
GDAL scale 0.0001 and per-band ``wavelength``/``fwhm`` metadata — the way AHSI
or AVIRIS reflectance products arrive.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Optional, Sequence

import numpy as np
from osgeo import gdal

from ..raster.gdalio import DEFLATE_FAST
from .grid import band_convolve
from .references import load_references

NODATA = -9999


def library_pixels(minerals: Sequence[str], centres_nm, fwhm_nm) -> np.ndarray:
    """(len(minerals), bands) reflectance of each mineral's reference spectrum as the sensor sees it."""
    refs = load_references()
    rows = []
    for m in minerals:
        wl, vals = refs[m]
        rows.append(band_convolve(wl, vals[None, :], centres_nm, fwhm_nm)[0])
    return np.asarray(rows, np.float64)


def write_cube(path, height: int, width: int, centres_nm, fwhm_nm,
               pixels: Callable[[int, int], np.ndarray], block_rows: int = 64,
               epsg: int = 32650, pixel_size: float = 30.0) -> Path:
    """Write ``pixels(row0, nrows)`` → (nrows, width, bands) reflectance (NaN = nodata) strip by strip."""
    centres = np.asarray(centres_nm, np.float64)
    fwhm = np.asarray(fwhm_nm, np.float64)
    ds = gdal.GetDriverByName("GTiff").Create(str(path), width, height, centres.size, gdal.GDT_Int16,
                                             ["TILED=YES", "BLOCKXSIZE=256", "BLOCKYSIZE=256", "INTERLEAVE=PIXEL",
                                              *DEFLATE_FAST, "BIGTIFF=IF_SAFER"])
    ds.SetGeoTransform((500000.0, pixel_size, 0.0, 4500000.0, 0.0, -pixel_size))
    from osgeo import osr

    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    ds.SetProjection(srs.ExportToWkt())
    for b in range(centres.size):
        band = ds.GetRasterBand(b + 1)
        band.SetNoDataValue(NODATA)
        band.SetScale(1e-4)
        band.SetOffset(0.0)
        band.SetMetadata({"wavelength": f"{centres[b]:.3f}", "wavelength_units": "nm", "fwhm": f"{fwhm[b]:.3f}"})
    for r0 in range(0, height, block_rows):
        n = min(block_rows, height - r0)
        refl = np.asarray(pixels(r0, n), np.float64)
        data = np.where(np.isfinite(refl), np.clip(np.round(refl * 1e4), -32000, 32000), NODATA).astype(np.int16)
        for b in range(centres.size):
            ds.GetRasterBand(b + 1).WriteArray(data[:, :, b], 0, r0)
    ds.FlushCache()
    ds = None
    return Path(path)


def layout_cube(path, layout: Sequence[Sequence[Optional[str]]], centres_nm, fwhm_nm, snr_db: Optional[float] = None,
                seed: int = 0) -> Path:
    """A cube whose pixel (r, c) is ``layout[r][c]``'s reference spectrum (None → nodata)."""
    names = sorted({m for row in layout for m in row if m})
    spec = dict(zip(names, library_pixels(names, centres_nm, fwhm_nm)))
    H, W, B = len(layout), len(layout[0]), len(centres_nm)
    rng = np.random.default_rng(seed)
    cube = np.full((H, W, B), np.nan)
    for r, row in enumerate(layout):
        for c, m in enumerate(row):
            if m:
                v = spec[m].copy()
                if snr_db is not None:
                    sigma = np.sqrt(np.nanmean(v ** 2) / 10 ** (snr_db / 10))
                    v = v + rng.standard_normal(B) * sigma
                cube[r, c] = v
    return write_cube(path, H, W, centres_nm, fwhm_nm, lambda r0, n: cube[r0:r0 + n])


MIXTURE_MINERALS = ("Kaolinite", "Alunite", "Muscovite", "Calcite", "Montmorillonite", "Quartz", "Goethite",
                    "Epidote")


def mixture_cube(path, size: int, centres_nm, fwhm_nm, seed: int = 0, nodata_rows: Sequence[int] = (),
                 minerals: Sequence[str] = MIXTURE_MINERALS) -> Path:
    """SIZE × SIZE pixels, each two random minerals mixed 60–100 : 40–0, brightness × 0.7–1.2 and noise σ 0.004
    (spectra with and without diagnostic features, as on a real scene); ``nodata_rows`` all nodata."""
    spec = np.nan_to_num(library_pixels(minerals, centres_nm, fwhm_nm), nan=0.3)
    rng = np.random.default_rng(seed)

    def pixels(r0, n):
        a = rng.integers(0, len(minerals), (n, size))
        b = rng.integers(0, len(minerals), (n, size))
        f = rng.uniform(0.6, 1.0, (n, size, 1))
        refl = (f * spec[a] + (1 - f) * spec[b]) * rng.uniform(0.7, 1.2, (n, size, 1))
        refl = refl + rng.normal(0, 0.004, refl.shape)
        for r in nodata_rows:
            if r0 <= r < r0 + n:
                refl[r - r0] = np.nan
        return refl

    return write_cube(path, size, size, centres_nm, fwhm_nm, pixels, block_rows=64)
