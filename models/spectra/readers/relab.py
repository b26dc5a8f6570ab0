"""RELAB (Brown University) spectra: the ``.asc`` and the ``.txt`` exports.

``.asc``: first line the number of points N, then N rows "wavelength(nm) value",
then a free-text trailer (file id, sample id, description, geometry, date).
``.txt``: a title line "Brown University Keck/NASA Relab Spectrum <ids>", a
column header "Wavelength(micron)  Reflectance", then rows.
Values are bidirectional reflectance (fraction).
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Dict, List

import numpy as np

from .._axis import clean_values, plan_axis, unit_from_text
from .._common import guarded, head_text, parse_datetime, read_text, to_float
from ..spectrum import Spectrum, SpectrumFileError

FORMAT = "RELAB"
EXTENSIONS = (".asc", ".txt")
_ROW = re.compile(r"^\s*[-+]?\d+(\.\d*)?([eE][-+]?\d+)?\s+[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$")


def _is_count_line(line: str) -> bool:
    return bool(re.fullmatch(r"\s*\d{1,6}\s*", line))


def can_read(path) -> bool:
    lines = head_text(path, 1024).splitlines()
    nonblank = [line for line in lines if line.strip()]
    if len(nonblank) >= 3 and "relab" in nonblank[0].lower() and not _ROW.match(nonblank[1]):
        return True
    return len(lines) >= 3 and _is_count_line(lines[0]) and bool(_ROW.match(lines[1]))


def _rows(path, lines: List[str], first_line_no: int) -> np.ndarray:
    table = np.empty((len(lines), 2))
    for i, line in enumerate(lines):
        parts = line.split()
        try:
            if len(parts) != 2:
                raise ValueError
            table[i] = [to_float(parts[0]), to_float(parts[1])]
        except ValueError:
            raise SpectrumFileError(path, f"line {first_line_no + i} is not a 'wavelength value' row: "
                                          f"{line.strip()[:60]!r}")
    return table


def _read_asc(path, lines: List[str]):
    n = int(lines[0])
    if n < 2:
        raise SpectrumFileError(path, f"RELAB .asc announces {n} points")
    body = lines[1:1 + n]
    if len(body) < n or any(not line.strip() for line in body):
        got = sum(1 for line in body if line.strip())
        raise SpectrumFileError(path, f"RELAB .asc announces {n} points but holds {got} (truncated?)")
    table = _rows(path, body, 2)
    trailer = [line.strip() for line in lines[1 + n:] if line.strip()]
    meta: Dict[str, object] = {"trailer": trailer}
    name = trailer[1] if len(trailer) > 1 else (trailer[0] if trailer else Path(path).stem)
    description = trailer[2] if len(trailer) > 2 else ""
    m = re.search(r"Date:\s*(\S+)\s+Time:\s*(\S+)", " ".join(trailer))
    acquired = parse_datetime(f"{m.group(1)} {m.group(2)}", ("%d-%b-%y %H:%M:%S",)) if m else None
    if description:
        meta["description"] = description
    return table, "nm", name, acquired, meta


def _read_txt(path, lines: List[str]):
    nonblank = [(i, line) for i, line in enumerate(lines) if line.strip()]
    if len(nonblank) < 4:
        raise SpectrumFileError(path, "RELAB .txt without data rows")
    title, columns = nonblank[0][1].strip(), nonblank[1][1].strip()
    unit = unit_from_text(columns)
    body = [line for _, line in nonblank[2:]]
    table = _rows(path, body, nonblank[2][0] + 1)
    m = re.search(r"Relab Spectrum\s+(.*)$", title, re.I)
    return table, unit, (m.group(1) if m else Path(path).stem), None, {"title": title, "columns": columns}


@guarded(FORMAT)
def read(path) -> List[Spectrum]:
    text = read_text(path)
    lines = text.splitlines()
    if lines and _is_count_line(lines[0]):
        table, unit, name, acquired, meta = _read_asc(path, lines)
    elif any("relab" in line.lower() for line in lines[:2]):
        table, unit, name, acquired, meta = _read_txt(path, lines)
    else:
        raise SpectrumFileError(path, "not a RELAB spectrum (no point count or 'Relab Spectrum' title)")
    plan = plan_axis(path, table[:, 0], unit)
    meta.update(plan.notes)
    return [Spectrum(
        values=clean_values(path, plan.take(table[:, 1])), wavelengths=plan.wavelengths,
        quantity="reflectance", name=name, source=str(path), file_format=FORMAT,
        wavelength_unit=plan.unit, value_unit="fraction", instrument_model="RELAB",
        acquired=acquired, metadata=meta,
    )]
