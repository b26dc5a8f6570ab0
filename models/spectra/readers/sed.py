"""Spectral Evolution ``.sed`` files (PSR/SR/RS³/oreXpress): ``Key: value`` header, ``Data:``, a table.

The table's first column is the wavelength; the last is what the instrument
was set to measure (reflectance or target/reference ratio in percent,
radiance...).  The header's ``Channels`` count detects truncated files.
Header lists come in (reference, target) pairs; the target's are used.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Dict, List

import numpy as np

from .._axis import clean_values, plan_axis
from .._common import (checked_position, float_or_none, floats_or_none, guarded, head_text, parse_datetime,
                       read_text, split_list, to_float, uses_decimal_comma)
from ..spectrum import Spectrum, SpectrumFileError

FORMAT = "Spectral Evolution SED"
EXTENSIONS = (".sed",)

_DATES = ("%m/%d/%Y", "%d/%m/%Y", "%Y-%m-%d", "%d.%m.%Y")
# times may carry fractional seconds (14:41:51.47)
_DATE_FORMATS = tuple(f"{d} {t}" for d in _DATES for t in ("%H:%M:%S", "%H:%M:%S.%f"))
# keys only Spectral Evolution headers use; any of them marks a .sed whose Version/Instrument lines are missing
_SED_KEYS = r"Version|Instrument|Detectors|Measurement|Radiometric Calibration|Foreoptic|Dark Mode|Channels|Columns"


def can_read(path) -> bool:
    text = head_text(path, 8192)
    data = re.search(r"^\s*Data:[ \t]*\r?\n\s*(\S+)", text, re.M)
    if not (re.match(r"\s*Comment:", text) and data):
        return False
    return bool(re.search(rf"^\s*({_SED_KEYS})\b[^:\n]*:", text, re.M)) or data.group(1).startswith(("Wvl", "Chan"))


def _column_quantity(name: str, measurement: str) -> tuple:
    """(quantity, is_percent) of a data column from its header."""
    low = name.lower()
    percent = "%" in name
    if "reflect" in low:
        return "reflectance", percent
    if "tgt./ref" in low.replace(" ", "") or "tgt/ref" in low.replace(" ", ""):
        return ("reflectance" if measurement.upper() == "REFLECTANCE" else "ratio"), percent
    if "irrad" in low:
        return "irradiance", percent
    if "rad" in low:
        return "radiance", percent
    if "trans" in low:
        return "transmittance", percent
    if "abs" in low:
        return "absorbance", percent
    if "dn" in low:
        return "DN", percent
    return "unknown", percent


@guarded(FORMAT)
def read(path) -> List[Spectrum]:
    text = read_text(path)
    lines = text.splitlines()
    header: Dict[str, str] = {}
    data_at = None
    for i, line in enumerate(lines):
        key, sep, value = line.partition(":")
        if not sep:
            continue
        key = key.strip()
        if key == "Data":
            data_at = i + 1
            break
        header[key] = value.strip()
    if "Comment" not in header and "Version" not in header:
        raise SpectrumFileError(path, "not a Spectral Evolution .sed file (no 'Comment:'/'Version:' header)")
    if data_at is None or data_at >= len(lines):
        raise SpectrumFileError(path, "no 'Data:' section (file truncated?)")
    names = [c.strip() for c in lines[data_at].split("\t") if c.strip()]
    body = [line for line in lines[data_at + 1:] if line.strip()]
    ncols = len(names)
    if ncols < 2 or any(re.fullmatch(r"[-+0-9.eE]+", n) for n in names):
        raise SpectrumFileError(path, "the line after 'Data:' must name the columns (Wvl, ...)")
    decimal_comma = uses_decimal_comma([line.split() for line in body])
    table = np.empty((len(body), ncols))
    for r, line in enumerate(body):
        tokens = line.split()
        if len(tokens) != ncols:
            raise SpectrumFileError(path, f"data row {r + 1} has {len(tokens)} columns, expected {ncols} "
                                          "(truncated or corrupt)")
        try:
            table[r] = [to_float(t, decimal_comma) for t in tokens]
        except ValueError:
            raise SpectrumFileError(path, f"data row {r + 1} holds a non-numeric entry: {line.strip()[:60]!r}")
    expected = float_or_none(header.get("Channels", ""))
    if expected is not None and int(expected) != len(body):
        raise SpectrumFileError(path, f"header says {int(expected)} channels but the table has {len(body)} rows "
                                      "(truncated or corrupt)")
    wl_col = next((c for c, n in enumerate(names) if n.lower().startswith("wvl")), 0)
    plan = plan_axis(path, table[:, wl_col], "nm", allow_overlaps=True)

    measurement = header.get("Measurement", "")
    quantity, percent = _column_quantity(names[-1], measurement)
    values = plan.take(table[:, -1]) / (100.0 if percent else 1.0)
    values = clean_values(path, values, f"column {names[-1]!r}")
    value_unit = "fraction" if percent else header.get("Units", "")
    if quantity == "radiance":
        value_unit = header.get("Units", "")
    auxiliary = {names[c]: plan.take(table[:, c]) for c in range(ncols - 1) if c != wl_col}

    model = serial = None
    instrument = header.get("Instrument", "")
    m = re.match(r"\s*([^\s\[]+?)_SN(\S+)", instrument)
    if m:
        model, serial = f"Spectral Evolution {m.group(1)}", m.group(2)
    elif instrument:
        model = f"Spectral Evolution {instrument.split('[')[0].strip()}"
    integration = floats_or_none(split_list(header.get("Integration", "")))
    if integration and len(integration) % 2 == 0:
        integration = integration[len(integration) // 2:]
    dates = split_list(header.get("Date", ""))
    times = split_list(header.get("Time", ""))
    acquired = parse_datetime(f"{dates[-1]} {times[-1]}", _DATE_FORMATS) if dates and times else None
    lat, lon = checked_position(float_or_none(header.get("Latitude", "")),
                                float_or_none(header.get("Longitude", "")))
    altitude = float_or_none(header.get("Altitude", "")) if lat is not None else None

    meta: Dict[str, object] = dict(header)
    meta.update(plan.notes)
    meta["columns"] = names
    return [Spectrum(
        values=values, wavelengths=plan.wavelengths, quantity=quantity, name=Path(path).stem,
        source=str(path), file_format=FORMAT, wavelength_unit="nm", value_unit=value_unit,
        instrument_model=model, instrument_serial=serial, integration_time_ms=integration,
        acquired=acquired, latitude=lat, longitude=lon, altitude_m=altitude,
        auxiliary=auxiliary, metadata=meta,
    )]
