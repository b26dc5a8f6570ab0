"""ECOSTRESS / ASTER spectral library text files (``*.spectrum.txt``).

A ``Key: value`` header (Name, Type, Class, ..., ``X Units``, ``Y Units``,
``Number of X Values``), a blank line, then two columns.  X may be µm or cm⁻¹
and may run in either direction; Y is usually reflectance in percent.  The
value count in the header detects truncated files.  ``Origin`` sometimes
carries a "lat; lon; WGS84" position.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Dict, List

import numpy as np

from .._axis import clean_values, plan_axis, unit_from_text
from .._common import (checked_position, float_or_none, guarded, head_text, parse_datetime, read_text,
                       to_float)
from ..spectrum import Spectrum, SpectrumFileError

FORMAT = "ECOSTRESS spectral library"
EXTENSIONS = (".txt",)

_QUANTITIES = (("reflect", "reflectance"), ("transmit", "transmittance"), ("emissiv", "emissivity"),
               ("absorb", "absorbance"), ("radiance", "radiance"))


def can_read(path) -> bool:
    text = head_text(path, 8192)
    return bool(re.match(r"\s*Name:", text)) and "X Units:" in text and "Y Units:" in text


@guarded(FORMAT)
def read(path) -> List[Spectrum]:
    text = read_text(path)
    lines = text.splitlines()
    header: Dict[str, str] = {}
    start = None
    for i, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            if header:
                start = i + 1
                break
            continue
        key, sep, value = stripped.partition(":")
        if sep and not re.fullmatch(r"[-+0-9.eE\s]+", stripped):
            header[key.strip()] = value.strip()
        elif header and re.match(r"[-+0-9.]", stripped):
            start = i
            break
    if "Name" not in header or "X Units" not in header:
        raise SpectrumFileError(path, "not an ECOSTRESS/ASTER library file (no 'Name:'/'X Units:' header)")
    if start is None:
        raise SpectrumFileError(path, "no data after the header (file truncated?)")
    rows = [line.split() for line in lines[start:] if line.strip()]
    table = np.empty((len(rows), 2))
    for r, row in enumerate(rows):
        if len(row) != 2:
            raise SpectrumFileError(path, f"data row {r + 1} has {len(row)} columns, expected 2 (truncated or corrupt)")
        try:
            table[r] = [to_float(row[0]), to_float(row[1])]
        except ValueError:
            raise SpectrumFileError(path, f"data row {r + 1} is not numeric: {' '.join(row)[:60]!r}")
    expected = float_or_none(header.get("Number of X Values", ""))
    if expected is not None and int(expected) != len(rows):
        raise SpectrumFileError(path, f"header says {int(expected)} values but the file has {len(rows)} rows "
                                      "(truncated or corrupt)")
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
    return [Spectrum(
        values=values, wavelengths=plan.wavelengths, quantity=quantity,
        name=header.get("Name") or Path(path).stem, source=str(path), file_format=FORMAT,
        wavelength_unit=plan.unit, value_unit="fraction" if percent else y_units,
        acquired=acquired, latitude=lat, longitude=lon, metadata=meta,
    )]
