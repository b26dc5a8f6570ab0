"""ECOSTRESS / ASTER spectral library text files (``*.spectrum.txt``).

A ``Key: value`` header (Name, Type, Class, ..., ``X Units``, ``Y Units``,
``Number of X Values``), a blank line, then two columns.  X may be µm or cm⁻¹
and may run in either direction; Y is usually reflectance in percent.  The
value count in the header detects truncated files.  ``Origin`` sometimes
carries a "lat; lon; WGS84" position.  ASTER 2.0 files (JPL/JHU, 2008–2017)
have blank lines inside the header and continuation lines that may start with
digits, sometimes one data row more than the header counts and a final
``0.0000<TAB>`` row; their ``*.ancillary.txt`` companions are not spectra.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Dict, List

import numpy as np

from .._axis import clean_values, plan_axis, unit_from_text
from .._common import (checked_position, float_or_none, guarded, head_text, parse_datetime, read_text,
                       to_float)
from ..spectrum import AuxiliaryFileError, Spectrum, SpectrumFileError

FORMAT = "ECOSTRESS spectral library"
EXTENSIONS = (".txt",)

_QUANTITIES = (("reflect", "reflectance"), ("transmit", "transmittance"), ("emissiv", "emissivity"),
               ("absorb", "absorbance"), ("radiance", "radiance"))


def is_ancillary(path) -> bool:
    """An ASTER library ``*.ancillary.txt`` companion (sample notes, no spectrum)."""
    return Path(path).name.lower().endswith(".ancillary.txt") and "X Units:" not in head_text(path, 16384)


def can_read(path) -> bool:
    if is_ancillary(path):
        return True  # read() reports it as a companion file, skipped when loading folders
    text = head_text(path, 8192)
    return bool(re.match(r"\s*Name:", text)) and "X Units:" in text and "Y Units:" in text


def _data_row(line: str):
    """The numbers of a data row (1 or 2 numeric fields), else None."""
    fields = line.split()
    if not 1 <= len(fields) <= 2:
        return None
    try:
        numbers = [to_float(f) for f in fields]
    except ValueError:
        return None
    return numbers if np.isfinite(numbers[0]) else None


def _split(lines: List[str]):
    """(header lines, data lines): the data block is the longest tail of numeric rows and blank lines.

    ASTER 2.0 files have blank lines inside the header (after ``Description:``) and
    continuation lines that may start with digits, so neither ends the header.
    """
    start = len(lines)
    while start > 0 and (not lines[start - 1].strip() or _data_row(lines[start - 1]) is not None):
        start -= 1
    return lines[:start], [line for line in lines[start:] if line.strip()]


def _parse_header(lines: List[str]) -> Dict[str, str]:
    header: Dict[str, str] = {}
    last = None
    for line in lines:
        stripped = line.strip()
        if not stripped:
            continue
        m = re.match(r"([A-Za-z][A-Za-z0-9 ._()/#-]{0,40}):(.*)$", stripped)
        if m and not re.fullmatch(r"[-+0-9.eE\s]+", stripped):
            last = m.group(1).strip()
            header[last] = m.group(2).strip()
        elif last is not None:  # a continuation line of the previous field
            header[last] = f"{header[last]} {stripped}".strip()
    return header


@guarded(FORMAT)
def read(path) -> List[Spectrum]:
    if is_ancillary(path):
        raise AuxiliaryFileError(path, "ancillary information of an ASTER/ECOSTRESS library spectrum, not a spectrum")
    text = read_text(path)
    head_lines, data_lines = _split(text.splitlines())
    header = _parse_header(head_lines)
    if "Name" not in header or "X Units" not in header:
        raise SpectrumFileError(path, "not an ECOSTRESS/ASTER library file (no 'Name:'/'X Units:' header)")
    rows = [_data_row(line) for line in data_lines]
    notes: Dict[str, object] = {}
    if rows and len(rows[-1]) == 1 and len(rows) > 2:  # a final "0.0000<TAB>" row without a value
        notes["dropped_last_row"] = data_lines[-1].strip()
        rows = rows[:-1]
    if not rows:
        raise SpectrumFileError(path, "no data after the header (file truncated?)")
    for r, row in enumerate(rows):
        if len(row) != 2:
            raise SpectrumFileError(path, f"data row {r + 1} has {len(row)} column(s), expected 2 "
                                          "(truncated or corrupt)")
    table = np.array(rows, dtype=np.float64)
    expected = float_or_none(header.get("Number of X Values", ""))
    if expected is not None and int(expected) != len(rows):
        if len(rows) < expected:
            raise SpectrumFileError(path, f"header says {int(expected)} values but the file has only {len(rows)} "
                                          "rows (truncated)")
        if len(rows) > expected + 1:
            raise SpectrumFileError(path, f"header says {int(expected)} values but the file has {len(rows)} rows "
                                          "(two tables joined, or a corrupt header)")
        notes["row_count_note"] = f"header says {int(expected)} values, the file has {len(rows)}; all rows kept"
    x_units, y_units = header.get("X Units", ""), header.get("Y Units", "")
    unit = unit_from_text(x_units)
    if unit is None:
        raise SpectrumFileError(path, f"X Units {x_units!r} is not a wavelength or wavenumber unit")
    plan = plan_axis(path, table[:, 0], unit)
    percent = "percent" in y_units.lower() or "%" in y_units
    values = clean_values(path, plan.take(table[:, 1]) / (100.0 if percent else 1.0))
    quantity = next((q for word, q in _QUANTITIES if word in y_units.lower()), "unknown")
    m = re.match(r"\s*(-?\d+\.\d+)\s*[;,]\s*(-?\d+\.\d+)", header.get("Origin", ""))
    lat, lon = checked_position(float(m.group(1)), float(m.group(2))) if m else (None, None)
    acquired = parse_datetime(header.get("Collection Date", ""), ("%m/%d/%Y", "%Y-%m-%d", "%d-%b-%Y"))
    meta: Dict[str, object] = dict(header)
    meta.update(plan.notes)
    meta.update(notes)
    return [Spectrum(
        values=values, wavelengths=plan.wavelengths, quantity=quantity,
        name=header.get("Name") or Path(path).stem, source=str(path), file_format=FORMAT,
        wavelength_unit=plan.unit, value_unit="fraction" if percent else y_units,
        acquired=acquired, latitude=lat, longitude=lon, metadata=meta,
    )]
