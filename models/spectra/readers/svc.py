"""Spectra Vista (SVC) ``.sig`` files: ``key= value`` header, ``data=``, then columns.

Columns are wavelength, reference, target and (when present) reflectance in
percent.  Numbers follow the PC's locale: German exports use decimal commas and
separate list entries with ``', '``.  Header entries come in pairs
(reference, target); the target's are used.  With "Overlap: Preserve" the three
detectors' overlapping channels are all written, so the wavelength column
restarts twice; those overlaps are spliced at their midpoints.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Dict, List

import numpy as np

from .._axis import clean_values, plan_axis
from .._common import (checked_position, ends_with_newline, floats_or_none, guarded, head_text, nmea_to_degrees,
                       parse_datetime, read_text, split_list, to_float, uses_decimal_comma)
from ..spectrum import Spectrum, SpectrumFileError

FORMAT = "Spectra Vista SIG"
EXTENSIONS = (".sig",)
SIGNATURE = "/*** Spectra Vista SIG Data ***/"

_TIME_FORMATS = (
    "%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y %I:%M:%S%p", "%d.%m.%Y %H:%M:%S", "%Y-%m-%d %H:%M:%S",
    "%d/%m/%Y %H:%M:%S", "%m/%d/%Y %H:%M:%S",
)
_QUANTITY_WORDS = (("reflect", "reflectance"), ("irradiance", "irradiance"), ("radiance", "radiance"),
                   ("transmit", "transmittance"), ("dn", "DN"), ("count", "DN"))


def can_read(path) -> bool:
    return head_text(path, 256).lstrip().startswith(SIGNATURE)


def _quantity(unit_text: str) -> str:
    low = unit_text.lower()
    for word, quantity in _QUANTITY_WORDS:
        if word in low:
            return quantity
    return "unknown"


def _parse(path, text: str):
    if not text.lstrip().startswith(SIGNATURE):
        raise SpectrumFileError(path, "not an SVC .sig file (no 'Spectra Vista SIG Data' signature)")
    header: Dict[str, str] = {}
    lines = text.splitlines()
    for i, line in enumerate(lines[1:], start=1):
        key, sep, value = line.partition("=")
        if not sep:
            continue
        key = key.strip().lower()
        if key == "data":
            return header, lines[i + 1:]
        header[key] = value.strip()
    raise SpectrumFileError(path, "no 'data=' section (file truncated?)")


@guarded(FORMAT)
def read(path) -> List[Spectrum]:
    text = read_text(path)
    header, data_lines = _parse(path, text)
    rows = [line.split() for line in data_lines if line.strip()]
    if len(rows) < 2:
        raise SpectrumFileError(path, "the data section has fewer than 2 rows")
    if not ends_with_newline(text):
        raise SpectrumFileError(path, "the last data line is incomplete (file truncated?)")
    ncols = len(rows[0])
    if ncols < 2:
        raise SpectrumFileError(path, "data rows need a wavelength and at least one value")
    decimal_comma = uses_decimal_comma(rows)
    table = np.empty((len(rows), ncols))
    for r, row in enumerate(rows):
        if len(row) != ncols:
            raise SpectrumFileError(path, f"data row {r + 1} has {len(row)} columns, expected {ncols} "
                                          "(truncated or corrupt)")
        try:
            table[r] = [to_float(t, decimal_comma) for t in row]
        except ValueError:
            raise SpectrumFileError(path, f"data row {r + 1} holds a non-numeric entry: {' '.join(row)[:60]!r}")

    plan = plan_axis(path, table[:, 0], "nm", allow_overlaps=True)
    units = split_list(header.get("units", ""), decimal_comma)
    target_unit = units[-1] if units and units[-1] else ""
    auxiliary: Dict[str, np.ndarray] = {}
    if ncols >= 4:
        values = clean_values(path, plan.take(table[:, 3]) / 100.0, "the reflectance column")
        quantity, value_unit = "reflectance", "fraction"
        auxiliary = {"reference": plan.take(table[:, 1]), "target": plan.take(table[:, 2])}
    elif ncols == 3:
        values = clean_values(path, plan.take(table[:, 2]), "the target column")
        quantity, value_unit = _quantity(target_unit), target_unit
        auxiliary = {"reference": plan.take(table[:, 1])}
    else:
        values = clean_values(path, plan.take(table[:, 1]), "the value column")
        quantity, value_unit = _quantity(target_unit), target_unit
    if quantity == "radiance":
        value_unit = "1e-10 W cm-2 nm-1 sr-1 (SVC radiance units)"

    model = serial = None
    m = re.match(r"\s*\w+\s*:\s*(\S+)\s*\(([^)]+)\)", header.get("instrument", ""))
    if m:
        serial, model = m.group(1), f"SVC {m.group(2).strip()}"
    elif header.get("instrument"):
        model = f"SVC {header['instrument']}"

    integration = floats_or_none(split_list(header.get("integration", ""), decimal_comma), decimal_comma)
    if integration and len(integration) % 2 == 0:
        integration = integration[len(integration) // 2:]
    times = split_list(header.get("time", ""), decimal_comma=True)
    acquired = parse_datetime(times[-1], _TIME_FORMATS) if times and times[-1] else None
    lats = split_list(header.get("latitude", ""), True)
    lons = split_list(header.get("longitude", ""), True)
    lat, lon = checked_position(nmea_to_degrees(lats[-1]) if lats else None,
                                nmea_to_degrees(lons[-1]) if lons else None)

    meta: Dict[str, object] = dict(header)
    meta.update(plan.notes)
    meta["decimal_comma"] = decimal_comma
    if ncols >= 4:
        meta["reflectance_scale"] = "percent in the file, divided by 100"
    return [Spectrum(
        values=values, wavelengths=plan.wavelengths, quantity=quantity,
        name=header.get("name") or Path(path).name, source=str(path), file_format=FORMAT,
        wavelength_unit="nm", value_unit=value_unit, instrument_model=model, instrument_serial=serial,
        integration_time_ms=integration, acquired=acquired, latitude=lat, longitude=lon,
        auxiliary=auxiliary, metadata=meta,
    )]
