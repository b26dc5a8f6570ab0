"""USGS Spectral Library (splib06/splib07) ASCII files, in the library's own folder layout.

A record file holds a title line (`` splib07a Record=10170: Spodumene HS210.1B  ASDFRc AREF``)
and one value per line; its wavelengths live in a separate table of the
measuring instrument (``splib07a_Wavelengths_ASD_0.35-2.5_microns_2151_ch.txt``)
somewhere above it in the layout, with a matching bandpass (FWHM) table.  The
table is found by instrument code and channel count; ``-1.23e34`` marks a
deleted channel (NaN here).  The wavelength and bandpass tables themselves are
recognised and skipped.
"""
from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import List, Optional, Tuple

import numpy as np

from .._axis import plan_axis, unit_from_text
from .._common import guarded, head_text, read_text
from ..spectrum import AuxiliaryFileError, Spectrum, SpectrumFileError

FORMAT = "USGS spectral library ASCII"
EXTENSIONS = (".txt", ".asc")

_TITLE = re.compile(r"^\s*(splib\d\d\w*)\s+Record\s*=\s*(\d+)\s*:\s*(.*?)\s*$", re.I)
_TABLE_TITLE = re.compile(r"^(wavelengths?|wavenumbers?|bandpass|resolution)\b", re.I)
_MISSING_BELOW = -1e33
#: instrument code prefix → (wavelength-table keyword, bandpass-table keyword, model)
_INSTRUMENTS = {
    "ASDFR": ("ASD", "ASDFR", "ASD FieldSpec FR (standard resolution)"),
    "ASDHR": ("ASD", "ASDHR", "ASD FieldSpec FR (high resolution)"),
    "ASDNG": ("ASD", "ASDNG", "ASD FieldSpec NG (high resolution)"),
    "BECK": ("BECK", "BECK", "Beckman 5270"),
    "NIC4": ("NIC4", "NIC4", "Nicolet FTIR"),
    "AVIRIS": ("AVIRIS", "AVIRIS", "AVIRIS"),
}
_MEASUREMENTS = {"AREF": "reflectance", "RREF": "reflectance", "RTGC": "reflectance",
                 "TRAN": "transmittance", "RSTD": "reflectance"}
_SEARCH_LEVELS = 3


def can_read(path) -> bool:
    first = head_text(path, 512).splitlines()[:1]
    return bool(first) and _TITLE.match(first[0]) is not None


def _parse_title(path, line: str) -> Tuple[str, int, str]:
    m = _TITLE.match(line)
    if not m:
        raise SpectrumFileError(path, "not a USGS spectral library file (no 'splibNN Record=N:' title line)")
    return m.group(1), int(m.group(2)), m.group(3)


def _values(path, lines: List[str]) -> np.ndarray:
    out = np.empty(len(lines))
    for i, line in enumerate(lines):
        try:
            out[i] = float(line)
        except ValueError:
            raise SpectrumFileError(path, f"line {i + 2} is not a number: {line.strip()[:40]!r}")
    return out


@functools.lru_cache(maxsize=64)
def _table(path: str, mtime: float) -> Tuple[str, np.ndarray]:
    text = read_text(path)
    lines = [line for line in text.splitlines() if line.strip()]
    _, _, title = _parse_title(path, lines[0] if lines else "")
    return title, _values(path, lines[1:])


def _find_table(path: Path, kind: str, keyword: str, n: int) -> Optional[Tuple[Path, str, np.ndarray]]:
    """The nearest ``*_<kind>*<keyword>*`` table with ``n`` entries in the folder or above it."""
    folder = path.parent
    for _ in range(_SEARCH_LEVELS + 1):
        try:
            candidates = sorted(folder.glob(f"*{kind}*"))
        except OSError:
            candidates = []
        for candidate in candidates:
            if keyword.lower() not in candidate.name.lower() or not candidate.is_file():
                continue
            try:
                title, values = _table(str(candidate), candidate.stat().st_mtime)
            except (SpectrumFileError, OSError):
                continue
            if values.size == n:
                return candidate, title, values
        if folder.parent == folder:
            break
        folder = folder.parent
    return None


@guarded(FORMAT)
def read(path) -> List[Spectrum]:
    path = Path(path)
    text = read_text(path)
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        raise SpectrumFileError(path, "file holds only blank lines")
    library, record, title = _parse_title(path, lines[0])
    if _TABLE_TITLE.match(title):
        raise AuxiliaryFileError(path, f"{library} {title.strip()} table (used to read the library's spectra), "
                                       "not a spectrum")
    values = _values(path, lines[1:])
    if values.size < 2:
        raise SpectrumFileError(path, "fewer than 2 values after the title line")
    tokens = title.split()
    measurement = tokens[-1] if tokens and tokens[-1].isupper() and len(tokens) > 1 else ""
    code = next((t for t in reversed(tokens[:-1] if measurement else tokens)
                 if any(t.upper().startswith(k) for k in _INSTRUMENTS)), "")
    family = next((k for k in _INSTRUMENTS if code.upper().startswith(k)), None)
    if family is None:
        raise SpectrumFileError(path, f"title names no known instrument code (ASDFR, ASDNG, BECK, NIC4, AVIRIS): "
                                      f"{title!r}")
    wl_key, bp_key, model = _INSTRUMENTS[family]
    found = _find_table(path, "Wavelength", wl_key, values.size)
    if found is None:
        raise SpectrumFileError(path, f"no {wl_key} wavelength table with {values.size} channels in this folder "
                                      f"or the {_SEARCH_LEVELS} above it (the file is truncated, or not in the "
                                      "library's folder layout)")
    table_path, table_title, wavelengths = found
    unit = unit_from_text(table_title) or unit_from_text(table_path.name)
    plan = plan_axis(path, wavelengths, unit, allow_overlaps=True)
    missing = (values < _MISSING_BELOW) | ~np.isfinite(values)
    values = values.copy()
    values[missing] = np.nan
    n_channels = values.size
    values = plan.take(values)
    if not np.any(np.isfinite(values)):
        raise SpectrumFileError(path, "all channels are missing (-1.23e34)")
    fwhm = None
    bandpass = _find_table(path, "Bandpass", bp_key, n_channels)
    if bandpass is not None and plan.unit in ("um", "nm"):
        scale = 1000.0 if plan.unit == "um" else 1.0
        fwhm = plan.take(np.where(bandpass[2] > 0, bandpass[2], np.nan) * scale)
    sample = " ".join(tokens[:-2] if measurement and code else tokens)
    quantity = _MEASUREMENTS.get(measurement, "unknown")
    meta = {"title": lines[0].strip(), "library": library, "record": record, "instrument_code": code,
            "measurement": measurement, "wavelength_table": table_path.name,
            "bandpass_table": bandpass[0].name if bandpass else None, "missing_channels": int(missing.sum())}
    meta.update(plan.notes)
    if measurement == "RREF":
        meta["note"] = "relative reflectance (RREF), not absolute"
    return [Spectrum(
        values=values, wavelengths=plan.wavelengths, quantity=quantity, name=sample or path.stem,
        source=str(path), file_format=FORMAT, wavelength_unit=plan.unit,
        value_unit="fraction" if quantity == "reflectance" else "", instrument_model=model,
        fwhm=fwhm if fwhm is not None and np.all(np.isfinite(fwhm)) else None, metadata=meta,
    )]
