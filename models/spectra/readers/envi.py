"""ENVI spectral libraries: a ``.hdr`` text header beside a binary ``.sli`` (one row per spectrum).

The header gives the sizes, data type, byte order, ``wavelength`` (and
``fwhm``), ``spectra names`` and optional ``data ignore value`` /
``reflectance scale factor``.  USGS libraries (converted from SPECPR) also
store their wavelength and resolution tables and error bars as library rows;
those rows are recognised by name and not returned as spectra (error bars are
attached to the spectrum they belong to).  EnMAP-Box writes an attribute
table beside the library (``<name>.csv`` with ``spectra names`` and ``wkt``);
point positions found there become the spectra's latitude/longitude.
"""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import numpy as np

from .._axis import plan_axis, unit_from_text
from .._common import ERRORBAR_NAME, decode_text, guarded, head, head_text, is_binary, read_bytes, read_text
from ..spectrum import AuxiliaryFileError, Spectrum, SpectrumFileError

FORMAT = "ENVI spectral library"
EXTENSIONS = (".sli", ".hdr", ".spl", ".lib")

_DTYPES = {1: "u1", 2: "i2", 3: "i4", 4: "f4", 5: "f8", 12: "u2", 13: "u4", 14: "i8", 15: "u8"}
_DATA_SUFFIXES = (".sli", ".spl", ".lib", ".dat", ".bin", ".img", "")
_USGS_MISSING = -1.23e34
_SKIP_NAME = re.compile(r"^\s*(wavelengths?|wavenumbers?)\b", re.I)
_RESOLUTION_NAME = re.compile(r"^\s*(resolution|bandpass|fwhm)\b", re.I)
_CHANNEL_NAME = re.compile(r"\bchannels?\s*(numbers?|no\b|#)|^\s*channels?\s*$", re.I)
_MAX_HEADER_BYTES = 16 * 1024 * 1024


def header_path(path) -> Optional[Path]:
    """The header of a library file (``x.hdr`` or ``x.sli.hdr``), or the path itself if it is one."""
    p = Path(path)
    if p.suffix.lower() == ".hdr":
        return p
    for candidate in (p.with_suffix(".hdr"), Path(str(p) + ".hdr"), p.with_suffix(".HDR")):
        if candidate.is_file():
            return candidate
    return None


def data_path(hdr: Path) -> Optional[Path]:
    """The binary file a header describes (same name with a library suffix)."""
    for suffix in _DATA_SUFFIXES:
        for candidate in (hdr.with_suffix(suffix), hdr.with_suffix(suffix.upper())):
            if candidate != hdr and candidate.is_file():
                return candidate
    return None


def _is_data_candidate(path) -> bool:
    p = Path(path)
    return p.suffix.lower() in _DATA_SUFFIXES or is_binary(head(p, 4096))


def can_read(path) -> bool:
    """A header starting with 'ENVI', or a library data file with such a header beside it."""
    hdr = header_path(path)
    if hdr is None or (hdr != Path(path) and not _is_data_candidate(path)):
        return False
    return head_text(hdr, 64).lstrip().startswith("ENVI")


def parse_header(path, text: str) -> Dict[str, str]:
    """``key = value`` pairs of an ENVI header; ``{...}`` values may span lines."""
    if not text.lstrip().startswith("ENVI"):
        raise SpectrumFileError(path, "not an ENVI header (does not start with 'ENVI')")
    fields: Dict[str, str] = {}
    for m in re.finditer(r"^[ \t]*([^=\n{}]+?)[ \t]*=[ \t]*(\{[^}]*\}|[^\n]*)", text, re.M):
        fields[m.group(1).strip().lower()] = m.group(2).strip()
    return fields


def _list(value: str) -> List[str]:
    return [v.strip() for v in value.strip().strip("{}").split(",")]


def _int(path, fields, key, default=None) -> int:
    if key not in fields:
        if default is None:
            raise SpectrumFileError(path, f"ENVI header lacks '{key}'")
        return default
    try:
        return int(fields[key])
    except ValueError:
        raise SpectrumFileError(path, f"ENVI header: '{key} = {fields[key][:30]}' is not a whole number")


def _floats(path, fields, key) -> Optional[np.ndarray]:
    if key not in fields:
        return None
    try:
        return np.array([float(v) for v in _list(fields[key]) if v], dtype=np.float64)
    except ValueError:
        raise SpectrumFileError(path, f"ENVI header: '{key}' holds a non-numeric entry")


def _sidecar_positions(data_file: Path) -> Dict[str, Tuple[float, float]]:
    """name → (lat, lon) from an EnMAP-Box attribute table beside the library (if any)."""
    table = data_file.with_suffix(".csv")
    if not table.is_file():
        return {}
    try:
        rows = list(csv.DictReader(io.StringIO(read_text(table))))
    except (SpectrumFileError, csv.Error):
        return {}
    out = {}
    for row in rows:
        name, wkt = row.get("spectra names"), row.get("wkt") or ""
        m = re.match(r"\s*Point\s*\(\s*([-+0-9.eE]+)\s+([-+0-9.eE]+)\s*\)", wkt, re.I)
        try:
            lon, lat = (float(m.group(1)), float(m.group(2))) if m else (np.nan, np.nan)
        except ValueError:
            continue
        if name and abs(lat) <= 90 and abs(lon) <= 180:
            out[name.strip()] = (lat, lon)
    return out


@guarded(FORMAT)
def read(path) -> List[Spectrum]:
    """The library's spectra; problems of the header or data file are reported under ``path``."""
    try:
        return _read(path)
    except SpectrumFileError as exc:
        if Path(exc.path) != Path(path) and not isinstance(exc, AuxiliaryFileError):
            raise SpectrumFileError(path, f"{Path(exc.path).name}: {exc.reason}") from exc
        raise


def _read(path) -> List[Spectrum]:
    hdr = header_path(path)
    if hdr is None:
        raise SpectrumFileError(path, "ENVI spectral library without its .hdr header")
    if hdr != Path(path) and not _is_data_candidate(path):
        raise SpectrumFileError(path, "a text file, not the binary data of an ENVI spectral library")
    fields = parse_header(hdr, decode_text(hdr, read_bytes(hdr, _MAX_HEADER_BYTES)))
    file_type = fields.get("file type", "").lower()
    samples, lines = _int(hdr, fields, "samples"), _int(hdr, fields, "lines")
    bands = _int(hdr, fields, "bands", 1)
    if (file_type and "library" not in file_type) or bands != 1:
        raise SpectrumFileError(hdr, f"an ENVI image ({fields.get('file type', 'no file type')}, {bands} band(s)), "
                                     "not a spectral library: open it as a raster layer")
    if samples < 2 or lines < 1:
        raise SpectrumFileError(hdr, f"ENVI library needs samples ≥ 2 and lines ≥ 1 (has {samples}, {lines})")
    data_file = Path(path) if hdr != Path(path) else data_path(hdr)
    if data_file is None:
        raise SpectrumFileError(path, "ENVI header without its data file (.sli) beside it")
    code = _int(hdr, fields, "data type")
    if code not in _DTYPES:
        raise SpectrumFileError(hdr, f"unsupported ENVI data type {code}")
    order = _int(hdr, fields, "byte order", 0)
    offset = _int(hdr, fields, "header offset", 0)
    if order not in (0, 1) or offset < 0:
        raise SpectrumFileError(hdr, f"corrupt ENVI header (byte order {order}, header offset {offset})")
    dtype = np.dtype(_DTYPES[code]).newbyteorder("<" if order == 0 else ">")
    need = offset + samples * lines * dtype.itemsize
    size = data_file.stat().st_size if data_file.is_file() else 0
    if size == 0:
        raise SpectrumFileError(data_file, "file is empty")
    if size < need:
        raise SpectrumFileError(data_file, f"truncated ENVI library: {samples}×{lines} values need {need} bytes, "
                                           f"the file has {size}")
    raw = read_bytes(data_file)
    table = np.frombuffer(raw, dtype=dtype, count=samples * lines, offset=offset).reshape(lines, samples)
    table = table.astype(np.float64)

    wl = _floats(hdr, fields, "wavelength")
    if wl is None or wl.size != samples:
        raise SpectrumFileError(hdr, f"ENVI header needs a 'wavelength' list of {samples} values "
                                     f"(has {0 if wl is None else wl.size})")
    unit_text = fields.get("wavelength units", "")
    unit = unit_from_text(unit_text) if unit_text and unit_text.lower() != "unknown" else None
    plan = plan_axis(hdr, wl, unit, allow_overlaps=True)
    fwhm = _floats(hdr, fields, "fwhm")
    fwhm_nm = None
    if fwhm is not None and fwhm.size == samples:
        fwhm_nm = plan.take(fwhm * (1000.0 if plan.unit == "um" else 1.0)) if plan.unit != "cm-1" else None

    ignore = fields.get("data ignore value")
    ignore_value = float(ignore) if ignore and re.fullmatch(r"[-+0-9.eE]+", ignore) else None
    with np.errstate(all="ignore"):
        missing = np.isclose(table, _USGS_MISSING, rtol=1e-5) | ~np.isfinite(table)
        if ignore_value is not None and np.isfinite(ignore_value):
            missing |= np.isclose(table, ignore_value, rtol=1e-6, atol=0)
    table[missing] = np.nan
    scale = fields.get("reflectance scale factor")
    try:
        scale_value = float(scale) if scale else None
    except ValueError:
        scale_value = None
    if scale_value and scale_value > 0 and scale_value != 1:
        table /= scale_value

    names = _list(fields["spectra names"]) if "spectra names" in fields else []
    if len(names) != lines:
        names = [f"{data_file.stem}[{i}]" for i in range(lines)]
    titles = _list(fields.get("z plot titles", ""))
    y_title = titles[1] if len(titles) > 1 else ""
    quantity = "reflectance" if (scale_value or "reflect" in y_title.lower()) else "unknown"
    positions = _sidecar_positions(data_file)

    common = {k: v for k, v in fields.items() if k not in ("spectra names", "wavelength", "fwhm", "band names")}
    common.update(plan.notes)
    spectra: List[Spectrum] = []
    skipped = []
    for i, name in enumerate(names):
        row = plan.take(table[i])
        if _SKIP_NAME.match(name):
            skipped.append((i, name, "axis table stored as a library row"))
            continue
        if _CHANNEL_NAME.search(name) or _is_channel_numbers(table[i]):
            skipped.append((i, name, "channel numbers stored as a library row"))
            continue
        if _RESOLUTION_NAME.match(name):
            skipped.append((i, name, "resolution (FWHM) table stored as a library row"))
            if fwhm_nm is None and plan.unit != "cm-1" and np.all(np.isfinite(row)) and np.all(row > 0):
                fwhm_nm = row * (1000.0 if plan.unit == "um" else 1.0)
                for s in spectra:  # rows before it share the axis
                    s.fwhm = fwhm_nm
            continue
        if ERRORBAR_NAME.match(name):
            if spectra and spectra[-1].metadata.get("library_index") == i - 1:
                spectra[-1].auxiliary["error"] = row
            skipped.append((i, name, "error bars of the preceding spectrum"))
            continue
        if not np.any(np.isfinite(row)):
            skipped.append((i, name, "all values missing"))
            continue
        lat, lon = positions.get(name, (None, None))
        spectra.append(Spectrum(
            values=row, wavelengths=plan.wavelengths, quantity=quantity, name=name,
            source=str(data_file), file_format=FORMAT, wavelength_unit=plan.unit,
            value_unit="fraction" if quantity == "reflectance" else "",
            latitude=lat, longitude=lon, fwhm=fwhm_nm,
            metadata=dict(common, library_index=i),
        ))
    if not spectra:
        raise SpectrumFileError(data_file, "the library holds no spectrum with valid values")
    if skipped:
        for s in spectra:
            s.metadata["skipped_records"] = skipped
    return spectra


def _is_channel_numbers(row: np.ndarray) -> bool:
    """A row holding 1, 2, ... N (or 0 ... N-1): SPECPR's channel-number record, not a spectrum."""
    n = row.size
    return n >= 3 and bool(np.all(np.isfinite(row))) and (
        np.array_equal(row, np.arange(1, n + 1)) or np.array_equal(row, np.arange(n)))


def refuse_sidecar(path) -> None:
    """Raise AuxiliaryFileError if ``path`` is EnMAP-Box's attribute table of a library."""
    p = Path(path)
    if p.suffix.lower() == ".csv" and header_path(p.with_suffix(".sli")) is not None \
            and p.with_suffix(".sli").is_file():
        first = head_text(p, 512).splitlines()[:1]
        if first and "spectra names" in first[0].lower():
            raise AuxiliaryFileError(p, f"attribute table of the ENVI spectral library {p.with_suffix('.sli').name} "
                                        "(read with it), not a spectrum")
