"""A deterministic, geologically honest sample study area on the ZY-1 02D AHSI band set.

``make_sample_area(out_dir)`` writes, in a few seconds:

* ``ahsi_reflectance.tif`` — 166-band int16 surface reflectance ×10000 (scale
  0.0001 recorded), per-band ``wavelength``/``wavelength_units``/``fwhm``
  metadata like a real product, nodata −9999 (a wedge at the scene edge);
* ``plutons.gpkg`` (polygons), ``faults.gpkg`` (lines);
* ``pegmatites_known.gpkg`` / ``pegmatites_hidden.gpkg`` — Li–Be (spodumene)
  pegmatite dykes, the first are the labels, the second are held back for
  evaluation; ``pegmatites_all.gpkg`` also holds the barren pegmatites;
* ``scene.json`` — parameters and counts.

The area lies in UTM 44N around Dahongliutan (79.25°E, 35.85°N) at 30 m.
Pixel spectra are linear mixtures of the committed USGS endmember table
(``resources/sample_area/endmembers_zy1_02d.csv``): banded metasedimentary host
rocks with marble lenses, two-mica granite, pegmatite dykes at their true
sub-pixel fraction (dykes are 3–30 m wide, pixels 30 m) with a muscovite–
tourmaline halo and pegmatite float around them, weathering products
and coatings, soil and sparse vegetation in the valleys.  A synthetic terrain
shades the scene (direct + diffuse light), residual atmospheric absorption
and band-dependent sensor noise with pushbroom striping are added.  There is
no channel that encodes the answer: a pegmatite is only visible as much as its
minerals change the spectrum of the pixels it crosses.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import numpy as np
from scipy import ndimage

from .. import __version__
from ..atomic import atomic_output
from ..errors import InputError
from ..progress import Progress, ensure_progress
from .endmembers import ENDMEMBER_TABLE, load_endmembers
from .geology import HALOS, TYPE_NAMES, Geology, draw_layout, make_structure, place_pegmatites

DEFAULT_EPSG = 32644  # WGS 84 / UTM zone 44N
DEFAULT_CENTRE_LONLAT = (79.25, 35.85)  # Dahongliutan, West Kunlun
PIXEL_SIZE = 30.0
MAX_PIXELS = 1000 * 1000  # the scene (abundances, 5 m supersampled dykes) is built in memory
NODATA = -9999
SCALE = 10000.0

FILES = {
    "cube": "ahsi_reflectance.tif",
    "plutons": "plutons.gpkg",
    "faults": "faults.gpkg",
    "pegmatites_known": "pegmatites_known.gpkg",
    "pegmatites_hidden": "pegmatites_hidden.gpkg",
    "pegmatites_all": "pegmatites_all.gpkg",
    "scene": "scene.json",
}


# --------------------------------------------------------------------------- helpers

def _gdal():
    from osgeo import gdal, ogr, osr

    gdal.UseExceptions()
    ogr.UseExceptions()
    osr.UseExceptions()
    return gdal, ogr, osr


@contextlib.contextmanager
def _config(**options):
    gdal, _, _ = _gdal()
    old = {k: gdal.GetConfigOption(k) for k in options}
    for k, v in options.items():
        gdal.SetConfigOption(k, v)
    try:
        yield
    finally:
        for k, v in old.items():
            gdal.SetConfigOption(k, v)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _readable(path) -> None:
    """Give a finished output the usual permissions (temporary files are created 0600)."""
    os.chmod(path, 0o666 & ~_umask())


def _smooth_noise(rng, shape, sigma) -> np.ndarray:
    """Gaussian-filtered white noise scaled to zero mean, unit std."""
    field = ndimage.gaussian_filter(rng.standard_normal(shape), sigma, mode="wrap")
    field -= field.mean()
    return field / (field.std() + 1e-12)


def _fractal(rng, shape, sigmas=(32, 16, 8, 4, 2), decay=0.55) -> np.ndarray:
    out = np.zeros(shape)
    amp = 1.0
    for s in sigmas:
        out += amp * _smooth_noise(rng, shape, s)
        amp *= decay
    out -= out.mean()
    return out / out.std()


def _noise_1d(rng, coord, corr_m) -> np.ndarray:
    """A smooth random function of a 1-D coordinate (unit std)."""
    lo, hi = float(coord.min()) - 3 * corr_m, float(coord.max()) + 3 * corr_m
    step = corr_m / 8.0
    n = int(np.ceil((hi - lo) / step)) + 1
    base = ndimage.gaussian_filter1d(rng.standard_normal(n), 8.0, mode="reflect")
    base = (base - base.mean()) / (base.std() + 1e-12)
    return np.interp(coord, lo + step * np.arange(n), base)


def _mem_layer(srs, geom_type, rings_or_lines, kind):
    _, ogr, _ = _gdal()
    ds = ogr.GetDriverByName("Memory").CreateDataSource("")
    layer = ds.CreateLayer("l", srs, geom_type)
    layer.CreateField(ogr.FieldDefn("v", ogr.OFTInteger))
    for i, coords in enumerate(rings_or_lines):
        feat = ogr.Feature(layer.GetLayerDefn())
        feat.SetField("v", i + 1)
        feat.SetGeometry(_geometry(coords, kind))
        layer.CreateFeature(feat)
    return ds, layer


def _geometry(coords, kind):
    _, ogr, _ = _gdal()
    if kind == "polygon":
        ring = ogr.Geometry(ogr.wkbLinearRing)
        for x, y in coords:
            ring.AddPoint_2D(x, y)
        geom = ogr.Geometry(ogr.wkbPolygon)
        geom.AddGeometry(ring)
        return geom
    line = ogr.Geometry(ogr.wkbLineString)
    for x, y in coords:
        line.AddPoint_2D(x, y)
    return line


def _rasterize(srs, gt, width, height, shapes, kind, attribute=None, all_touched=False, dtype=None):
    """Burn ``shapes`` onto a grid; with ``attribute`` burn the 1-based index."""
    gdal, ogr, _ = _gdal()
    ds_vec, layer = _mem_layer(srs, ogr.wkbPolygon if kind == "polygon" else ogr.wkbLineString, shapes, kind)
    ras = gdal.GetDriverByName("MEM").Create("", width, height, 1, dtype or gdal.GDT_Byte)
    ras.SetGeoTransform(gt)
    ras.SetProjection(srs.ExportToWkt())
    options = ["ALL_TOUCHED=TRUE"] if all_touched else []
    if attribute:
        options.append("ATTRIBUTE=v")
        gdal.RasterizeLayer(ras, [1], layer, options=options)
    else:
        gdal.RasterizeLayer(ras, [1], layer, burn_values=[1], options=options)
    arr = ras.GetRasterBand(1).ReadAsArray()
    del ras, ds_vec
    return arr


def _block_mean(arr: np.ndarray, f: int) -> np.ndarray:
    h, w = arr.shape[0] // f, arr.shape[1] // f
    return arr.reshape(h, f, w, f).mean(axis=(1, 3))


def _write_gpkg(path: Path, layer_name, srs, geom_type, fields, features) -> None:
    """``fields``: [(name, ogr type)], ``features``: [(geometry, {field: value})]."""
    gdal, ogr, _ = _gdal()
    with atomic_output(path) as tmp:
        tmp.unlink()  # the GPKG driver wants to create the file itself
        with _config(OGR_CURRENT_DATE="2020-11-27T00:00:00Z", OGR_SQLITE_JOURNAL="OFF"):
            ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(tmp))
            layer = ds.CreateLayer(layer_name, srs, geom_type, options=["SPATIAL_INDEX=NO"])
            for name, ftype in fields:
                layer.CreateField(ogr.FieldDefn(name, ftype))
            defn = layer.GetLayerDefn()
            layer.StartTransaction()
            for geom, attrs in features:
                feat = ogr.Feature(defn)
                for k, v in attrs.items():
                    feat.SetField(k, v)
                feat.SetGeometry(geom)
                layer.CreateFeature(feat)
            layer.CommitTransaction()
            ds = None
    _readable(path)


# --------------------------------------------------------------------------- the scene

def _grid(size, centre_lonlat, epsg):
    _, _, osr = _gdal()
    width, height = int(size[0]), int(size[1])
    if width < 20 or height < 20:
        raise InputError(f"Sample area too small ({width}×{height} px); use at least 20×20.")
    if width * height > MAX_PIXELS:
        raise InputError(
            f"Sample area too large ({width}×{height} px): the generator holds the scene in memory and is "
            f"meant for up to about {int(MAX_PIXELS ** 0.5)}×{int(MAX_PIXELS ** 0.5)} px."
        )
    wgs = osr.SpatialReference()
    wgs.ImportFromEPSG(4326)
    wgs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    if not srs.IsProjected():
        raise InputError(f"EPSG:{epsg} is not a projected CRS; the sample area needs metres.")
    cx, cy, _ = osr.CoordinateTransformation(wgs, srs).TransformPoint(*centre_lonlat)
    x0 = np.round((cx - width * PIXEL_SIZE / 2) / PIXEL_SIZE) * PIXEL_SIZE
    ytop = np.round((cy + height * PIXEL_SIZE / 2) / PIXEL_SIZE) * PIXEL_SIZE
    gt = (float(x0), PIXEL_SIZE, 0.0, float(ytop), 0.0, -PIXEL_SIZE)
    extent = (gt[0], gt[3] - height * PIXEL_SIZE, gt[0] + width * PIXEL_SIZE, gt[3])
    return srs, gt, width, height, extent


def _sampler(grid: np.ndarray, gt) -> callable:
    """Nearest-pixel lookup of a grid at map coordinates (clamped to the grid)."""
    h, w = grid.shape

    def lookup(x, y):
        col = np.clip(((np.asarray(x) - gt[0]) / gt[1]).astype(int), 0, w - 1)
        row = np.clip(((np.asarray(y) - gt[3]) / gt[5]).astype(int), 0, h - 1)
        return grid[row, col]

    return lookup


@dataclass
class _Ground:
    """What the abundance builders share: the grid, geology and the distance fields."""

    rng: np.random.Generator
    geo: Geology
    srs: object
    gt: tuple
    width: int
    height: int
    contact: np.ndarray
    fault_d: np.ndarray
    dem: np.ndarray

    @property
    def shape(self):
        return (self.height, self.width)


def _host_rock(g: _Ground) -> Dict[str, np.ndarray]:
    """Banded metasediments (quartz-rich metasandstone <-> mica schist) with marble lenses."""
    rng, lay = g.rng, g.geo.layout
    rows, cols = np.mgrid[0:g.height, 0:g.width]
    x = g.gt[0] + (cols + 0.5) * g.gt[1]
    y = g.gt[3] + (rows + 0.5) * g.gt[5]
    across = -(x - x.mean()) * np.sin(g.geo.trend) + (y - y.mean()) * np.cos(g.geo.trend)
    v = across + 150.0 * _fractal(rng, g.shape, sigmas=(24, 12, 6))
    s = 1.0 / (1.0 + np.exp(-1.6 * _noise_1d(rng, v, 350.0) + 2.0 * (lay.schist_share - 0.5)))
    n2 = 0.5 + 0.5 * np.tanh(_fractal(rng, g.shape))
    marble_band = _noise_1d(rng, v, 250.0)
    marble = np.clip((marble_band - 1.9 + 1.2 * lay.marble_share) * 1.5
                     + 0.3 * _fractal(rng, g.shape, sigmas=(40, 20)), 0.0, 1.0)
    aureole = np.exp(-np.clip(g.contact, 0, None) / 350.0) * (g.contact > 0)
    host = {
        "quartz": 0.30 + 0.30 * s, "sericite": 0.10 + 0.14 * (1 - s), "muscovite": 0.04 + 0.04 * (1 - s),
        "biotite": 0.08 + 0.10 * (1 - s) + 0.10 * aureole, "chlorite": 0.04 + 0.10 * n2 * (1 - aureole),
        "albite": 0.06 + 0.03 * s, "oligoclase": 0.03,
        # dark-grey slate and schist: fine carbonaceous matter and magnetite keep the host dark (the
        # large linear share stands in for the stronger darkening of an intimate grain mixture)
        "carbon_black": 0.22 + 0.15 * (1 - s) + 0.05 * n2, "magnetite": 0.02,
    }
    total = sum(host.values())
    host = {k: (1 - marble) * val / total for k, val in host.items()}
    host["calcite"] = marble * (0.55 + 0.2 * n2)
    host["dolomite"] = marble * (0.35 - 0.2 * n2)
    host["quartz"] = host["quartz"] + marble * 0.10
    return host


def _with_granite(g: _Ground, host: Dict[str, np.ndarray]):
    """Host rock and granite mixed by the sub-pixel contact (5x supersampled rasterisation)."""
    f = 5
    gt5 = (g.gt[0], g.gt[1] / f, 0.0, g.gt[3], 0.0, g.gt[5] / f)
    granite = _block_mean(_rasterize(g.srs, gt5, g.width * f, g.height * f, [p.ring for p in g.geo.plutons],
                                     "polygon").astype(np.float32), f).astype(np.float64)
    noise = _fractal(g.rng, g.shape, sigmas=(16, 8, 4))
    gran = {"microcline": 0.27 + 0.03 * noise, "orthoclase": 0.05, "oligoclase": 0.24 - 0.02 * noise,
            "quartz": 0.30, "biotite": 0.08 - 0.015 * noise, "muscovite": 0.06}
    rock = {k: (1 - granite) * host.get(k, 0.0) + granite * gran.get(k, 0.0) for k in set(host) | set(gran)}
    return rock, granite


def _mineral_lut(bodies, table_of) -> Tuple[List[str], np.ndarray]:
    """[bodies + 1, minerals] fractions, row 0 = no body."""
    minerals = sorted({m for p in bodies for m in table_of(p)})
    lut = np.zeros((len(bodies) + 1, len(minerals)), dtype=np.float32)
    for i, p in enumerate(bodies):
        for m, val in table_of(p).items():
            lut[i + 1, minerals.index(m)] = val
    return minerals, lut


def _with_pegmatites(g: _Ground, rock: Dict[str, np.ndarray], granite: np.ndarray):
    """Dykes at their true sub-pixel fraction (6x supersampling = 5 m), with what a field
    geologist sees around them: an exocontact halo in the host (albitisation and muscovite
    around fertile dykes, tourmaline-muscovite around barren ones, within a few tens of
    metres) and pegmatite float shed onto the slopes (patchy, fading over ~50 m)."""
    bodies, f = g.geo.pegmatites, 6
    if not bodies:
        return rock, np.zeros(g.shape)
    gt6 = (g.gt[0], g.gt[1] / f, 0.0, g.gt[3], 0.0, g.gt[5] / f)
    ids = _rasterize(g.srs, gt6, g.width * f, g.height * f, [p.ring for p in bodies], "polygon",
                     attribute=True, dtype=_gdal()[0].GDT_UInt16)
    dyke = ids > 0
    dist, (ni, nj) = ndimage.distance_transform_edt(~dyke, sampling=g.gt[1] / f, return_indices=True)
    nearest = ids[ni, nj]
    del ni, nj
    patchy = np.repeat(np.repeat(0.5 + 0.5 * np.tanh(_fractal(g.rng, g.shape, sigmas=(3, 1.5))), f, 0), f, 1)
    float_ss = np.where(dyke, 0.0, 0.30 * np.exp(-dist / 50.0) * (0.4 + patchy)).astype(np.float32)
    halo_ss = np.where(dyke, 0.0, 0.35 * np.exp(-dist / 20.0)).astype(np.float32)
    del dist
    peg_frac = _block_mean(dyke.astype(np.float32), f).astype(np.float64)
    float_frac = _block_mean(float_ss, f).astype(np.float64)
    halo = _block_mean(halo_ss, f).astype(np.float64) * (1.0 - granite)
    keep = (1.0 - halo) * (1.0 - peg_frac - float_frac)
    rock = {k: keep * val for k, val in rock.items()}
    halo_minerals, halo_lut = _mineral_lut(bodies, lambda p: HALOS[p.kind])
    for j, m in enumerate(halo_minerals):
        part = _block_mean(halo_ss * halo_lut[nearest, j], f) * (1.0 - granite)
        rock[m] = rock.get(m, 0.0) + (1.0 - peg_frac - float_frac) * part
    minerals, lut = _mineral_lut(bodies, lambda p: p.composition)
    for j, m in enumerate(minerals):
        in_dyke = _block_mean(np.where(dyke, lut[ids, j], 0.0).astype(np.float32), f)
        as_float = _block_mean(float_ss * lut[nearest, j], f)
        rock[m] = rock.get(m, 0.0) + (in_dyke + as_float).astype(np.float64)
    return rock, peg_frac


def _with_weathering(g: _Ground, rock: Dict[str, np.ndarray]):
    """Weathering products and coatings; returns the surface and the valley map."""
    rng = g.rng
    feldspar = sum(rock.get(k, 0.0) for k in ("microcline", "orthoclase", "oligoclase", "albite"))
    w_noise = 0.5 + 0.5 * np.tanh(_fractal(rng, g.shape, sigmas=(12, 6, 3)))
    fe_noise = _fractal(rng, g.shape, sigmas=(10, 5, 2))
    fault_zone = np.exp(-g.fault_d / 150.0)
    relief = ndimage.gaussian_filter(g.dem, 6) - g.dem  # >0 in valleys
    valley = np.clip(relief / (np.percentile(np.abs(relief), 95) + 1e-9), 0.0, 1.0)
    ridge = np.clip(-relief / (np.percentile(np.abs(relief), 95) + 1e-9), 0.0, 1.0)
    weather = {
        "kaolinite": 0.10 * feldspar * (0.4 + w_noise),
        "goethite": 0.015 * (1 + np.clip(fe_noise, 0, None)) + 0.05 * fault_zone,
        "hematite": 0.02 * (fe_noise > 1.0),
        "sericite": 0.06 * fault_zone,
        "montmorillonite": 0.06 * valley * w_noise,
        "desert_varnish": 0.12 * ridge * (0.3 + w_noise),
    }
    w_total = sum(weather.values())
    surface = {k: (1 - w_total) * val for k, val in rock.items()}
    for k, val in weather.items():
        surface[k] = surface.get(k, 0.0) + val
    return surface, valley


def _with_cover(g: _Ground, surface: Dict[str, np.ndarray], valley: np.ndarray):
    """Alluvium/soil and sparse (mostly dry) vegetation in the valleys."""
    cover = np.clip(1.1 * valley + 0.15 * _fractal(g.rng, g.shape, sigmas=(8, 4, 2)) - 0.15, 0.0, 0.9)
    veg = 0.5 + 0.5 * np.tanh(_fractal(g.rng, g.shape, sigmas=(6, 3)))
    cov = {"soil": 0.70 - 0.2 * veg * valley, "quartz": 0.12, "montmorillonite": 0.08,
           "dry_vegetation": 0.08 + 0.2 * veg * valley, "green_vegetation": 0.02 * veg * valley}
    cov_total = sum(cov.values())
    surface = {k: (1 - cover) * val for k, val in surface.items()}
    for k, val in cov.items():
        surface[k] = surface.get(k, 0.0) + cover * val / cov_total
    return surface


def _abundances(g: _Ground, names):
    """[M, H, W] float32 area fractions of the endmembers (sum 1 per pixel), dyke fraction, granite."""
    rock, granite = _with_granite(g, _host_rock(g))
    rock, peg_frac = _with_pegmatites(g, rock, granite)
    surface, valley = _with_weathering(g, rock)
    surface = _with_cover(g, surface, valley)
    idx = {n: i for i, n in enumerate(names)}
    A = np.zeros((len(names), g.height, g.width), dtype=np.float64)
    for k, val in surface.items():
        A[idx[k]] += np.broadcast_to(val, g.shape)
    A = np.clip(A, 0.0, None)
    A /= A.sum(axis=0, keepdims=True)
    # optics: the sensor's point spread function mixes neighbouring ground
    A = ndimage.gaussian_filter(A, sigma=(0, 0.45, 0.45), mode="nearest")
    return A.astype(np.float32), peg_frac, granite


def _terrain(rng, granite_mask, trend, gt, height, width):
    """Synthetic DEM (m): rugged high-mountain relief with NW–SE ridges; granite stands higher."""
    rows, cols = np.mgrid[0:height, 0:width]
    x = (cols + 0.5) * gt[1]
    y = (rows + 0.5) * gt[5]
    across = -x * np.sin(trend) + y * np.cos(trend)
    relief = _fractal(rng, (height, width), sigmas=(60, 30, 15, 8, 4), decay=0.6)
    ridges = _noise_1d(rng, across, 1500.0)
    granite = ndimage.gaussian_filter(granite_mask.astype(np.float64), 8)
    return 5000.0 + 200.0 * relief + 150.0 * ridges + 120.0 * granite


def _illumination(dem, pixel_size, sun_elevation_deg, sun_azimuth_deg):
    gy, gx = np.gradient(dem, pixel_size)
    # north-up grid: rows increase southwards, so d/dnorth = -gy
    slope = np.arctan(np.hypot(gx, gy))
    aspect = np.arctan2(-gx, gy)  # azimuth of the downslope direction, clockwise from north
    zen = np.deg2rad(90.0 - sun_elevation_deg)
    az = np.deg2rad(sun_azimuth_deg)
    cos_i = np.cos(zen) * np.cos(slope) + np.sin(zen) * np.sin(slope) * np.cos(az - aspect)
    return np.clip(cos_i, 0.0, None) / np.cos(zen)


def _band_snr(center_nm: np.ndarray) -> np.ndarray:
    """Rough AHSI-like SNR at 30 % reflectance; residual-atmosphere bands are poor."""
    snr = np.where(center_nm < 1000, 180.0, 120.0)
    snr = np.where(center_nm < 460, 90.0, snr)
    snr = np.where(center_nm > 2300, 70.0, snr)
    water = ((center_nm > 1330) & (center_nm < 1470)) | ((center_nm > 1780) & (center_nm < 1990)) | (center_nm > 2460)
    return np.where(water, 8.0, snr), water


def _geology(rng, srs, gt, width, height, extent):
    """Layout, structure and dykes, with the distance fields the surface builders need."""
    layout = draw_layout(rng)
    trend, plutons, faults = make_structure(rng, extent, layout)
    inside = _rasterize(srs, gt, width, height, [p.ring for p in plutons], "polygon").astype(bool)
    outside_d = ndimage.distance_transform_edt(~inside) * PIXEL_SIZE
    inside_d = ndimage.distance_transform_edt(inside) * PIXEL_SIZE
    contact = np.where(inside, -inside_d, outside_d)
    fault_mask = _rasterize(srs, gt, width, height, [f.line for f in faults], "line", all_touched=True).astype(bool)
    fault_d = ndimage.distance_transform_edt(~fault_mask) * PIXEL_SIZE
    pegmatites = place_pegmatites(rng, extent, layout, _sampler(contact, gt), _sampler(fault_d, gt))
    return Geology(trend, plutons, faults, pegmatites, layout), inside, contact, fault_d


@dataclass
class _Radiometry:
    """Per-band light, residual atmosphere and sensor noise of one scene."""

    snr: np.ndarray
    diffuse: np.ndarray
    water_depth: np.ndarray
    column_gain: np.ndarray
    column_offset: np.ndarray
    wv: np.ndarray
    brightness: np.ndarray


def _radiometry(rng, centres, layout, dem, height, width) -> _Radiometry:
    n_bands = len(centres)
    snr, _ = _band_snr(centres)
    water_depth = np.zeros(n_bands)
    for c, w, d in ((940.0, 25.0, 0.03), (1135.0, 30.0, 0.03), (1400.0, 50.0, 0.15), (1880.0, 60.0, 0.2),
                    (2500.0, 40.0, 0.1)):
        water_depth += d * np.exp(-0.5 * ((centres - c) / w) ** 2)
    return _Radiometry(
        snr=snr / layout.noise_scale,
        diffuse=np.clip(0.15 * (550.0 / centres) ** 2, 0.03, 0.3),  # skylight share, bluer
        water_depth=water_depth,
        column_gain=1.0 + rng.normal(0.0, 0.004 * layout.noise_scale, (n_bands, width)),
        column_offset=rng.normal(0.0, 0.0008 * layout.noise_scale, (n_bands, width)),
        wv=0.5 * _fractal(rng, (height, width), sigmas=(30, 15)) - (dem - 5000.0) / 1000.0,  # drier on ridges
        # sub-pixel roughness and shadowing darken natural rock surfaces well below the lab spectra of
        # powders; grain size varies from pixel to pixel
        brightness=0.62 * (1.0 + 0.04 * _fractal(rng, (height, width), sigmas=(2, 1))),
    )


def _create_cube(path, table, srs, gt, width, height, seed, layout):
    gdal = _gdal()[0]
    centres = table.center_nm
    ds = gdal.GetDriverByName("GTiff").Create(str(path), width, height, len(centres), gdal.GDT_Int16, options=[
        "INTERLEAVE=PIXEL", "COMPRESS=DEFLATE", "PREDICTOR=2", "BLOCKYSIZE=10"])
    ds.SetGeoTransform(gt)
    ds.SetProjection(srs.ExportToWkt())
    ds.SetMetadata({
        "SATELLITE": "ZY-1 02D (synthetic)", "SENSOR": "AHSI",
        "PRODUCT": "HyperProspect sample area, synthetic surface reflectance",
        "REFLECTANCE_SCALE_FACTOR": f"{SCALE:g}", "wavelength_units": "Nanometers",
        "SUN_ELEVATION": f"{layout.sun_elevation_deg:.1f}", "SUN_AZIMUTH": f"{layout.sun_azimuth_deg:.1f}",
        "GENERATOR": f"HyperProspect {__version__} models.sample_area seed={seed}",
        "SPECTRA_SOURCE": "USGS Spectral Library Version 7 (Kokaly et al. 2017, doi:10.5066/F7RR1WDJ), "
                          "convolved to AHSI bands",
    })
    for b, c in enumerate(centres):
        band = ds.GetRasterBand(b + 1)
        band.SetNoDataValue(NODATA)
        band.SetDescription(f"Band {b + 1} ({c:.2f} nm)")
        band.SetMetadata({"wavelength": f"{c:.2f}", "wavelength_units": "Nanometers",
                          "fwhm": f"{table.fwhm_nm[b]:.2f}"})
        band.SetScale(1.0 / SCALE)
        band.SetOffset(0.0)
    return ds


def _write_cube(path, rng, table, A, illum, rad: _Radiometry, nodata_cols, grid, seed, layout, progress):
    """Mixing, light, residual atmosphere and noise, per row strip, into the int16 cube."""
    srs, gt, width, height = grid
    E = table.reflectance.astype(np.float64)  # [B, M]
    n_bands = E.shape[0]
    with atomic_output(path) as tmp:
        ds = _create_cube(tmp, table, srs, gt, width, height, seed, layout)
        for r0 in range(0, height, 30):
            r1 = min(height, r0 + 30)
            n = r1 - r0
            a = A[:, r0:r1, :].reshape(A.shape[0], -1).astype(np.float64)
            refl = (E @ a).reshape(n_bands, n, width) * rad.brightness[None, r0:r1]
            d = rad.diffuse[:, None, None]
            light = illum[None, r0:r1] * (1.0 - d) + d
            atm = np.exp(-rad.water_depth[:, None, None] * 0.5 * rad.wv[None, r0:r1])  # residual after correction
            signal = refl * light * atm
            sd = 0.3 / rad.snr[:, None, None] * np.sqrt(np.clip(signal, 0.005, None) / 0.3)
            noisy = signal + rng.normal(0.0, 1.0, signal.shape) * sd
            noisy = noisy * rad.column_gain[:, None, :] + rad.column_offset[:, None, :]
            dn = np.clip(np.round(noisy * SCALE), -500, 15000).astype(np.int16)
            for i, r in enumerate(range(r0, r1)):
                dn[:, i, : nodata_cols[r]] = NODATA
            ds.WriteArray(dn, 0, r0)
            progress.update(0.35 + 0.5 * r1 / height, "spectra")
        ds.FlushCache()
        ds = None
    _readable(path)


def _write_vectors(out_dir: Path, srs, geo: Geology) -> Dict[str, str]:
    ogr = _gdal()[1]
    paths = {}
    _write_gpkg(out_dir / FILES["plutons"], "plutons", srs, ogr.wkbPolygon,
                [("id", ogr.OFTInteger), ("name", ogr.OFTString), ("lithology", ogr.OFTString)],
                [(_geometry(p.ring, "polygon"), {"id": p.id, "name": p.name, "lithology": "two-mica granite"})
                 for p in geo.plutons])
    _write_gpkg(out_dir / FILES["faults"], "faults", srs, ogr.wkbLineString,
                [("id", ogr.OFTInteger), ("name", ogr.OFTString), ("kind", ogr.OFTString)],
                [(_geometry(f.line, "line"), {"id": f.id, "name": f.name, "kind": f.kind}) for f in geo.faults])
    paths["plutons"], paths["faults"] = str(out_dir / FILES["plutons"]), str(out_dir / FILES["faults"])
    fields = [("id", ogr.OFTInteger), ("cluster", ogr.OFTInteger), ("status", ogr.OFTString),
              ("mineralised", ogr.OFTInteger), ("type", ogr.OFTString), ("zone", ogr.OFTString),
              ("length_m", ogr.OFTReal), ("width_m", ogr.OFTReal), ("strike_deg", ogr.OFTReal)]

    def features(select):
        return [(_geometry(p.ring, "polygon"), {
            "id": p.id, "cluster": p.cluster, "status": p.status, "mineralised": int(p.mineralised),
            "type": TYPE_NAMES[p.kind], "zone": p.kind, "length_m": round(p.length_m, 1),
            "width_m": round(p.width_m, 1), "strike_deg": round(p.strike_deg, 1)}) for p in geo.pegmatites if select(p)]

    for key, select in (("pegmatites_known", lambda p: p.status == "known"),
                        ("pegmatites_hidden", lambda p: p.status == "hidden"),
                        ("pegmatites_all", lambda p: True)):
        _write_gpkg(out_dir / FILES[key], "pegmatites", srs, ogr.wkbPolygon, fields, features(select))
        paths[key] = str(out_dir / FILES[key])
    return paths


def _scene(seed, grid, epsg, centre_lonlat, geo: Geology, table, endmember_table, counts) -> dict:
    srs, gt, width, height = grid
    return {
        "generator": f"HyperProspect {__version__} models.sample_area.make_sample_area",
        "seed": seed, "size_px": [width, height], "pixel_size_m": PIXEL_SIZE, "crs": f"EPSG:{epsg}",
        "geotransform": list(gt), "centre_lonlat": list(centre_lonlat),
        "regional_trend_azimuth_deg": round((90.0 - np.rad2deg(geo.trend)) % 180.0, 2),
        "layout": geo.layout.to_dict(),
        "sun_elevation_deg": round(geo.layout.sun_elevation_deg, 2),
        "sun_azimuth_deg": round(geo.layout.sun_azimuth_deg, 2),
        "nodata": NODATA, "reflectance_scale": SCALE, "bands": len(table.center_nm), "endmembers": table.names,
        "endmember_table_sha256": hashlib.sha256(Path(endmember_table or ENDMEMBER_TABLE).read_bytes()).hexdigest(),
        "counts": counts, "files": {k: FILES[k] for k in FILES},
        "acknowledgement": "Endmember spectra: USGS Spectral Library Version 7, Kokaly et al. 2017, "
                           "USGS Data Series 1035, doi:10.5066/F7RR1WDJ (convolved to the AHSI bands).",
    }


def _counts(geo: Geology, nodata_cols, width, peg_frac) -> dict:
    peg = geo.pegmatites
    return {
        "pegmatites": len(peg), "mineralised": sum(p.mineralised for p in peg),
        "known": sum(p.status == "known" for p in peg), "hidden": sum(p.status == "hidden" for p in peg),
        "barren": sum(p.status == "barren" for p in peg),
        "by_zone": {k: sum(p.kind == k for p in peg) for k in ("barren", "Be", "Li")},
        "clusters": len({p.cluster for p in peg}), "plutons": len(geo.plutons), "faults": len(geo.faults),
        "nodata_pixels": int(np.minimum(nodata_cols, width).sum()),
        "pixels_with_pegmatite": int((peg_frac > 0).sum()),
        "max_pegmatite_fraction": round(float(peg_frac.max()), 4),
    }


def make_sample_area(
    out_dir,
    size: Tuple[int, int] = (300, 300),
    seed: int = 0,
    centre_lonlat: Tuple[float, float] = DEFAULT_CENTRE_LONLAT,
    epsg: int = DEFAULT_EPSG,
    endmember_table: Optional[Path] = None,
    progress: Optional[Progress] = None,
) -> Dict[str, str]:
    """Build the sample area in ``out_dir``; returns {key: path} (keys as in ``FILES``).

    The seed draws the whole layout (:func:`~.geology.draw_layout`), so areas of different
    seeds are different fields: train on one, test on others.
    """
    progress = ensure_progress(progress)
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise InputError(f"The output folder '{out_dir}' is an existing file, not a folder.")
    out_dir.mkdir(parents=True, exist_ok=True)
    table = load_endmembers(endmember_table)
    rng = np.random.default_rng(seed)
    srs, gt, width, height, extent = _grid(size, centre_lonlat, epsg)
    progress.update(0.02, "geology")
    geo, inside, contact, fault_d = _geology(rng, srs, gt, width, height, extent)
    progress.update(0.15, "abundances")
    dem = _terrain(rng, inside, geo.trend, gt, height, width)
    ground = _Ground(rng, geo, srs, gt, width, height, contact, fault_d, dem)
    A, peg_frac, _ = _abundances(ground, table.names)
    illum = _illumination(dem, PIXEL_SIZE, geo.layout.sun_elevation_deg, geo.layout.sun_azimuth_deg)
    progress.update(0.35, "spectra")
    rad = _radiometry(rng, table.center_nm, geo.layout, dem, height, width)
    wedge_w, wedge_h = max(2, round(0.05 * width)), max(2, round(0.3 * height))
    nodata_cols = np.clip(np.round(wedge_w * (1.0 - np.arange(height) / wedge_h)), 0, None).astype(int)
    grid = (srs, gt, width, height)
    cube_path = out_dir / FILES["cube"]
    _write_cube(cube_path, rng, table, A, illum, rad, nodata_cols, grid, seed, geo.layout, progress)
    from ..raster.rendering import write_rgb_style

    style = write_rgb_style(cube_path, table.center_nm)  # QGIS opens the cube in true colour, not bands 1-3
    paths = {"cube": str(cube_path), "cube_style": style, **_write_vectors(out_dir, srs, geo)}
    progress.update(0.95, "scene description")
    scene = _scene(seed, grid, epsg, centre_lonlat, geo, table, endmember_table,
                   _counts(geo, nodata_cols, width, peg_frac))
    with atomic_output(out_dir / FILES["scene"]) as tmp:
        tmp.write_text(json.dumps(scene, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    _readable(out_dir / FILES["scene"])
    paths["scene"] = str(out_dir / FILES["scene"])
    progress.update(1.0, "done")
    return paths
