"""One reader for a stack of rasters on one grid: the channels a model sees.

Graph tiling (training) and heatmap prediction both read the stack through
:class:`RasterStack`, so the two see the same values and the same valid pixels.
One place owns, per channel: its name, centre wavelength (through
:mod:`.wavelengths`: units from the file, µm guessed from the median, ENVI
``Index`` units refused as wavelengths), nodata value (each band its own),
scale/offset, and what it is (:class:`Channel`: spectral, geology distance or
mineral probability, from the metadata :mod:`.distance` writes).  The model is
EnMAP-Box's ``rasterreader.py``.

Reads come as physical values (``raw · scale + offset``, float32) with a validity
mask: a pixel is valid where every channel is finite and not its band's nodata.
"""
from __future__ import annotations

import dataclasses
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple

import numpy as np

from ..errors import InputError
from .gdalio import open_raster, unreadable
from .grid import Grid, check_same_grid, require_projected
from .strips import StripReader
from .wavelengths import _unit_kind, to_nanometres, wavelengths_from_dataset

_DESC_WAVELENGTH = re.compile(
    r"(\d+(?:\.\d+)?)\s*(nm|nanometers?|nanometres?|um|µm|μm|micrometers?|micrometres?|microns?)\b",
    re.IGNORECASE,
)
_WAVELENGTH_KEYS = ("wavelength", "center_wavelength", "centre_wavelength", "central_wavelength")
_STACK_ADVICE = ("Compute the geology rasters on the grid of the hyperspectral raster (or resample) before "
                 "stacking.")

SPECTRAL, GEOLOGY, MINERAL, OTHER = "spectral", "geology", "mineral", "other"


@dataclass(frozen=True)
class Channel:
    """One band of the stack, with what a model needs to rebuild it on a new area.

    ``kind``: ``spectral`` (has a wavelength), ``geology`` (a distance raster written by
    :mod:`.distance`: ``distance`` holds feature, method, signed, source layer), ``mineral``
    (a mineral-probability band: band or dataset metadata ``mineral=<name>``), else ``other``.
    """

    name: str
    path: str
    band: int  # 1-based in its file
    kind: str
    wavelength_nm: Optional[float] = None
    nodata: Optional[float] = None
    scale: float = 1.0
    offset: float = 0.0
    distance: Optional[Dict[str, Any]] = None
    mineral: Optional[str] = None

    def record(self) -> Dict[str, Any]:
        """The JSON record stored in graph data sets and model files (issue 14 item 4)."""
        rec: Dict[str, Any] = {"name": self.name, "kind": self.kind, "wavelength_nm": self.wavelength_nm,
                               "source": {"file": Path(self.path).name, "band": self.band}}
        if self.distance is not None:
            rec["distance"] = dict(self.distance)
        if self.mineral is not None:
            rec["mineral"] = self.mineral
        return rec


# ----------------------------------------------------------------------------- channel metadata

def _band_wavelengths(ds) -> List[Optional[float]]:
    """Per-band wavelengths for files that do not carry one list for all bands (mixed stacks)."""
    envi = ds.GetMetadata("ENVI") or {}
    file_units = ds.GetMetadataItem("wavelength_units") or envi.get("wavelength_units") or envi.get(
        "wavelength units")
    out: List[Optional[float]] = []
    for b in range(1, ds.RasterCount + 1):
        band = ds.GetRasterBand(b)
        md = {k.lower(): v for k, v in (band.GetMetadata() or {}).items()}
        units = md.get("wavelength_units") or md.get("wavelength units") or file_units
        value = None
        for key in _WAVELENGTH_KEYS:
            try:
                value = float(str(md[key]).strip().split()[0])
                break
            except (KeyError, ValueError, IndexError):
                continue
        imagery = band.GetMetadata("IMAGERY") or {}
        if value is None and "CENTRAL_WAVELENGTH_UM" in imagery:
            try:
                value, units = float(imagery["CENTRAL_WAVELENGTH_UM"]), "um"
            except ValueError:
                value = None
        if value is None:
            match = _DESC_WAVELENGTH.search(band.GetDescription() or "")
            if match:
                value, units = float(match.group(1)), match.group(2)
        if value is None or not math.isfinite(value) or value <= 0 or _unit_kind(units) in ("index",
                                                                                          "unsupported"):
            out.append(None)
        else:
            out.append(float(to_nanometres([value], units)[0]))
    return out


def _file_wavelengths(ds, path: Path) -> List[Optional[float]]:
    if _unit_kind((ds.GetMetadata("ENVI") or {}).get("wavelength_units")) == "index":
        return [None] * ds.RasterCount  # band numbers, not wavelengths
    found = wavelengths_from_dataset(ds, path)
    return list(found.centers_nm) if found is not None else _band_wavelengths(ds)


def _distance_record(ds, band) -> Optional[Dict[str, Any]]:
    md = {**(ds.GetMetadata() or {}), **(band.GetMetadata() or {})}
    if "distance_to" not in md:
        return None
    return {"feature": md["distance_to"], "method": md.get("distance_method", "euclidean"),
            "signed": str(md.get("distance_signed", "no")).lower() in ("yes", "true", "1"),
            "source_layer": md.get("source_layer") or None, "source_vector": md.get("source_vector") or None}


def _channels_of(ds, path: str) -> List[Channel]:
    wavelengths = _file_wavelengths(ds, Path(path))
    stem = Path(path).stem
    out = []
    for b in range(1, ds.RasterCount + 1):
        band = ds.GetRasterBand(b)
        wl = wavelengths[b - 1]
        distance = _distance_record(ds, band)
        mineral = band.GetMetadataItem("mineral") or (ds.GetMetadataItem("mineral") if ds.RasterCount == 1 else None)
        kind = GEOLOGY if distance else MINERAL if mineral else SPECTRAL if wl is not None else OTHER
        desc = (band.GetDescription() or "").strip()
        name = desc or (f"{wl:.2f} nm" if wl is not None else stem if ds.RasterCount == 1 else f"{stem} band {b}")
        out.append(Channel(name, path, b, kind, wl, band.GetNoDataValue(),
                           float(band.GetScale() if band.GetScale() is not None else 1.0),
                           float(band.GetOffset() if band.GetOffset() is not None else 0.0), distance, mineral))
    return out


def _unique_names(channels: List[Channel]) -> List[Channel]:
    """Prefix the file name where two inputs use the same channel name."""
    seen: Dict[str, int] = {}
    for ch in channels:
        seen[ch.name] = seen.get(ch.name, 0) + 1
    if all(v == 1 for v in seen.values()):
        return channels
    names = [f"{Path(ch.path).stem}: {ch.name}" if seen[ch.name] > 1 else ch.name for ch in channels]
    if len(set(names)) != len(names):
        names = [f"{n} #{i + 1}" for i, n in enumerate(names)]
    return [dataclasses.replace(ch, name=n) for n, ch in zip(names, channels)]


# ----------------------------------------------------------------------------- the stack

def _check_grid(grid: Grid, name: str) -> None:
    """Projected (ground distances in metres) and orthogonal (the edge rule assumes perpendicular rows)."""
    sx, sy = grid.pixel_size
    if not (sx > 0 and sy > 0):
        raise InputError(f"Raster '{name}' has a degenerate geotransform {grid.geotransform} (zero pixel size).")
    if not grid.has_crs:
        raise InputError(
            f"Raster '{name}' has no coordinate reference system: ground distances (edge threshold, "
            "label buffer) need a projected CRS in metres.")
    require_projected(grid, f"Raster '{name}'")
    # Rotated grids (AVIRIS-NG tiles are turned 53° to the flight line) are fine: tiles are cut in
    # pixel space and only footprints and labels go through the full affine transform.
    if not grid.is_orthogonal:
        raise InputError(
            f"Raster '{name}' has a sheared grid (geotransform {grid.geotransform}: pixel rows and columns are "
            "not perpendicular); warp it to a north-up or rotated grid first (e.g. gdalwarp).")


@dataclass
class _Source:
    path: str
    ds: Any
    bands: List[int]
    reader: Optional[StripReader] = None


@dataclass
class RasterStack:
    """Bands of several rasters on one projected grid, read a window of rows at a time.

    ``bands``: per path, the 1-based bands to read (None: all).  ``strips=True`` reads through
    :class:`.strips.StripReader` (rows in increasing order, every block decoded once: prediction);
    otherwise any rows in any order (tiling reads a strip twice).
    """

    sources: List[_Source]
    grid: Grid
    channels: List[Channel]

    @classmethod
    def open(cls, paths: Sequence[str], bands: Optional[Sequence[Optional[Sequence[int]]]] = None,
             strips: bool = False) -> "RasterStack":
        paths = [str(p) for p in (paths or [])]
        if not paths:
            raise InputError("No input raster given: pass the hyperspectral (subset) raster and any geology rasters.")
        sources, channels, ref = [], [], None
        for i, path in enumerate(paths):
            ds = open_raster(path)
            if ds.GetGeoTransform(can_return_null=True) is None:
                raise InputError(f"Raster '{path}' has no georeferencing (geotransform).")
            grid = Grid.from_dataset(ds)
            if ref is None:
                ref = (path, grid)
                _check_grid(grid, Path(path).name)
            else:
                check_same_grid(ref[1], grid, f"'{Path(ref[0]).name}'", f"'{Path(path).name}'",
                                lead="Rasters are not on one grid", advice=_STACK_ADVICE)
            wanted = list(bands[i]) if bands is not None and bands[i] is not None else None
            all_channels = _channels_of(ds, path)
            band_list = wanted or list(range(1, ds.RasterCount + 1))
            channels += [all_channels[b - 1] for b in band_list]
            sources.append(_Source(path, ds, band_list, StripReader(ds, band_list) if strips else None))
        grid = ref[1]
        return cls(sources, grid, _unique_names(channels))

    # ------------------------------------------------------------------ properties
    @property
    def width(self) -> int:
        return self.grid.width

    @property
    def height(self) -> int:
        return self.grid.height

    @property
    def pixel_size_m(self) -> Tuple[float, float]:
        return self.grid.pixel_size_m

    @property
    def geotransform(self) -> Tuple[float, ...]:
        return self.grid.geotransform

    @property
    def crs_wkt(self) -> str:
        return self.grid.crs_wkt

    @property
    def srs(self):
        return self.grid.srs

    @property
    def unit_m(self) -> float:
        """Metres per CRS unit."""
        return self.grid.linear_unit_m

    @property
    def channel_names(self) -> List[str]:
        return [c.name for c in self.channels]

    @property
    def wavelengths_nm(self) -> List[Optional[float]]:
        return [c.wavelength_nm for c in self.channels]

    @property
    def scale(self) -> np.ndarray:
        return np.array([c.scale for c in self.channels], np.float32)

    @property
    def offset(self) -> np.ndarray:
        return np.array([c.offset for c in self.channels], np.float32)

    def source_records(self) -> List[Dict[str, Any]]:
        """Per input file: path, band count, and per band nodata (None for none or NaN), scale, offset."""
        out, c = [], 0
        for src in self.sources:
            chans = self.channels[c:c + len(src.bands)]
            c += len(src.bands)
            out.append({"path": str(Path(src.path).resolve()) if Path(src.path).exists() else src.path,
                        "bands": len(src.bands),
                        "nodata": [None if ch.nodata is None or math.isnan(ch.nodata) else ch.nodata for ch in chans],
                        "scale": [ch.scale for ch in chans], "offset": [ch.offset for ch in chans]})
        return out

    # ------------------------------------------------------------------ reads
    def read_raw(self, row: int, nrows: int) -> List[np.ndarray]:
        """Per source, its bands' stored values ``[bands, nrows, W]`` (a copy)."""
        out = []
        for src in self.sources:
            if src.reader is not None:
                raw = src.reader.read(row, nrows).copy()
            else:
                try:
                    raw = src.ds.ReadAsArray(0, row, self.width, nrows, band_list=src.bands)
                except RuntimeError as exc:  # undecodable pixels: a truncated or corrupt file, named
                    raise unreadable(src.ds, exc) from None
                if raw is None:
                    raise InputError(f"Could not read rows {row}–{row + nrows - 1} of '{src.path}'.")
            out.append(raw.reshape(len(src.bands), nrows, self.width))
        return out

    def invalid(self, raws: Sequence[np.ndarray]) -> np.ndarray:
        """``[nrows, W]``: pixels where any band is non-finite or equals its own band's nodata."""
        bad = np.zeros(raws[0].shape[1:], dtype=bool)
        c = 0
        for raw in raws:
            for band in raw:
                nd = self.channels[c].nodata
                if band.dtype.kind == "f":
                    bad |= ~np.isfinite(band)
                if nd is not None and not math.isnan(nd):
                    bad |= band == (band.dtype.type(nd) if band.dtype.kind == "f" else nd)
                c += 1
        return bad

    def read(self, row: int, nrows: int) -> Tuple[np.ndarray, np.ndarray]:
        """Physical values ``[C, nrows, W]`` (float32, scale/offset applied) and validity ``[nrows, W]``."""
        raws = self.read_raw(row, nrows)
        out = np.empty((len(self.channels), nrows, self.width), dtype=np.float32)
        c = 0
        for raw in raws:
            for band in raw:
                ch = self.channels[c]
                values = band.astype(np.float64)
                if ch.scale != 1.0 or ch.offset != 0.0:
                    values = values * ch.scale + ch.offset
                out[c] = values
                c += 1
        valid = ~self.invalid(raws) & np.isfinite(out).all(axis=0)
        return out, valid

    def close(self) -> None:
        for src in self.sources:
            src.reader = None
            src.ds = None
