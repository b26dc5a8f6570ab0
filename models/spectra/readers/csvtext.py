"""Plain tables: one wavelength column and one or more value columns (CSV, TSV, whitespace).

Detected, not configured: the delimiter and decimal mark (the pair that reads
the longest block of numeric rows wins), a header line naming the columns,
the wavelength column (named like "wavelength"/"wvl"/"nm", else the first)
and its unit (from the header, else from the value range: below 30 means µm).
Columns headed as a spread ("StdDev", "refl_std", "± 1σ", "error") are left
out (listed in ``skipped_records``): they are not spectra.
Rows with a number in the first field outside the data block (a truncated
last line, a second table) are refused rather than silently dropped.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import List, Optional, Sequence, Tuple

import numpy as np

from .._axis import plan_axis, unit_from_text
from .._common import (bare_header, guarded, head_text, is_spread_name, name_stem, read_text, spread_of,
                       to_float)
from ..spectrum import Spectrum, SpectrumFileError

FORMAT = "CSV/text table"
EXTENSIONS = (".csv", ".txt", ".tsv", ".dat", ".prn")

# (delimiter or None for whitespace, decimal comma)
_CANDIDATES = ((";", False), (";", True), ("\t", False), ("\t", True), (",", False), (None, False), (None, True))
_COMMENT = ("#", "//", "!")
_WAVELENGTH_NAME = re.compile(r"wave|wvl|(?<![a-z])wl(?![a-z])|lambda|λ|(?<![a-z])nm(?![a-z])|µm|μm|"
                              r"(?<![a-z])um(?![a-z])|micron|cm-1|cm\^-1|1/cm|wellenl", re.I)
_QUANTITIES = (("reflect", "reflectance"), ("reflex", "reflectance"), ("réflect", "reflectance"),
               ("irrad", "irradiance"), ("radiance", "radiance"),
               ("transm", "transmittance"), ("absorb", "absorbance"), ("emiss", "emissivity"),
               ("dn", "DN"), ("count", "DN"))
_SNIFF_LINES = 400
# A value column headed only by its quantity ("Reflectance (%)", "R", "value") says nothing about the specimen:
# such spectra are named after the file, so 476 exported CSVs do not all come out as "reflectance".
_GENERIC_VALUE_NAME = re.compile(r"(%?\s*(r|rel|refl|reflectance|reflexion|réflectance|reflectancia|reflectivity|"
                                 r"value|values|y|intensity|data|spectrum|signal|mean|average|irradiance|radiance|"
                                 r"transmittance|absorbance|emissivity|dn|counts?)\s*%?)?", re.I)

def _fields(line: str, delim: Optional[str]) -> List[str]:
    line = line.strip()
    if delim is None:
        return line.split()
    if line.endswith(delim):
        line = line[:-1]
    return [f.strip() for f in line.split(delim)]


def _numbers(fields: Sequence[str], decimal_comma: bool) -> Optional[List[float]]:
    try:
        return [to_float(f, decimal_comma) for f in fields]
    except ValueError:
        return None


def _is_numeric_start(line: str, delim, decimal_comma) -> bool:
    fields = _fields(line, delim)
    if not fields:
        return False
    try:
        return np.isfinite(to_float(fields[0], decimal_comma))
    except ValueError:
        return False


def _longest_run(lines: List[str], delim, decimal_comma) -> Tuple[int, int, int]:
    """(start, stop, ncols) of the longest run of numeric rows with one column count ≥ 2."""
    best = (0, 0, 0)
    run_start, run_cols = None, 0
    for i, line in enumerate(lines + [""]):
        fields = _fields(line, delim) if line else []
        nums = _numbers(fields, decimal_comma) if len(fields) >= 2 else None
        ok = nums is not None and bool(np.isfinite(nums[0]))
        if ok and run_start is not None and len(fields) == run_cols:
            continue
        if run_start is not None and i - run_start > best[1] - best[0]:
            best = (run_start, i, run_cols)
        run_start, run_cols = (i, len(fields)) if ok else (None, 0)
    return best


def _layout(lines: List[str]):
    """The delimiter, decimal mark and data block that read the most numeric rows."""
    best = None
    for delim, decimal_comma in _CANDIDATES:
        start, stop, ncols = _longest_run(lines, delim, decimal_comma)
        if stop - start >= 2 and (best is None or stop - start > best[3] - best[2]):
            best = (delim, decimal_comma, start, stop, ncols)
    return best


def _content_lines(text: str) -> List[Tuple[int, str]]:
    return [(no, line) for no, line in enumerate(text.splitlines(), start=1)
            if line.strip() and not line.lstrip().startswith(_COMMENT)]


def can_read(path) -> bool:
    text = head_text(path, 65536)
    if not text:
        return False
    lines = [line for _, line in _content_lines(text)][:_SNIFF_LINES]
    return _layout(lines) is not None


def _column_label(header: str, stem: str, column: int, n_value_columns: int) -> str:
    """The spectrum's name: its column header, unless that header only names the quantity (then the file's)."""
    bare = bare_header(header)
    if bare and not _GENERIC_VALUE_NAME.fullmatch(bare):
        return header
    if n_value_columns == 1:
        return stem
    return f"{stem}:{header.strip()}" if header and header.strip() else f"{stem}:{column}"


def _quantity(name: str) -> Tuple[str, bool]:
    low = name.lower()
    quantity = next((q for word, q in _QUANTITIES if re.search(word if word != "dn" else r"\bdn\b", low)),
                    "unknown")
    return quantity, "%" in name or "percent" in low


@guarded(FORMAT)
def read(path) -> List[Spectrum]:
    text = read_text(path)
    numbered = _content_lines(text)
    lines = [line for _, line in numbered]
    layout = _layout(lines)
    if layout is None:
        raise SpectrumFileError(path, "no table of numbers found (needs rows of a wavelength and at least one value)")
    delim, decimal_comma, start, stop, ncols = layout
    for k in range(stop, len(lines)):
        if _is_numeric_start(lines[k], delim, decimal_comma):
            raise SpectrumFileError(path, f"line {numbered[k][0]} has {len(_fields(lines[k], delim))} field(s) "
                                          f"where the table above it has {ncols} (truncated or corrupt)")
    for k in range(start):
        if _is_numeric_start(lines[k], delim, decimal_comma) and len(_fields(lines[k], delim)) >= 2:
            raise SpectrumFileError(path, f"line {numbered[k][0]} holds numbers before the table starting at line "
                                          f"{numbered[start][0]} (a broken row or a second table)")
    table = np.array([_numbers(_fields(line, delim), decimal_comma) for line in lines[start:stop]])

    header = _fields(lines[start - 1], delim) if start > 0 else []
    has_header = len(header) == ncols and _numbers(header, decimal_comma) is None
    names = header if has_header else [""] * ncols
    preamble = lines[:start - 1 if has_header else start]
    wl_col = next((c for c, n in enumerate(names) if _WAVELENGTH_NAME.search(n)), 0)
    unit = unit_from_text(names[wl_col]) if has_header else None
    if unit is None:
        unit = next((u for u in (unit_from_text(p) for p in preamble) if u), None)
    plan = plan_axis(path, table[:, wl_col], unit)

    stem = Path(path).stem
    value_cols = [c for c in range(ncols) if c != wl_col]
    spectra: List[Spectrum] = []
    skipped = []
    meta_common = {"delimiter": {None: "whitespace", "\t": "tab"}.get(delim, delim),
                   "decimal_comma": decimal_comma, "columns": names if has_header else None,
                   "wavelength_column": wl_col, "preamble": preamble, "trailer": lines[stop:]}
    meta_common.update(plan.notes)
    means = {name_stem(names[c]) for c in value_cols if spread_of(names[c]) is None}
    spread = {c for c in value_cols if is_spread_name(names[c]) or spread_of(names[c]) in means}
    if spread == set(value_cols):
        spread = set()  # every column a spread: read them rather than nothing
    n_filled = sum(bool(np.any(np.isfinite(table[:, c]))) for c in value_cols if c not in spread)
    for c in value_cols:
        values = plan.take(table[:, c])
        label = _column_label(names[c], stem, c, n_filled)
        if c in spread:
            skipped.append((c, names[c], "the spread of the values (standard deviation or error), not a spectrum"))
            continue
        if not np.any(np.isfinite(values)):
            skipped.append((c, label, "all values missing"))
            continue
        quantity, percent = _quantity(names[c])
        if percent:
            values = values / 100.0
            quantity = "reflectance" if quantity == "unknown" else quantity
        spectra.append(Spectrum(
            values=values, wavelengths=plan.wavelengths, quantity=quantity, name=label, source=str(path),
            file_format=FORMAT, wavelength_unit=plan.unit, value_unit="fraction" if percent else "",
            metadata=dict(meta_common, column=c),
        ))
    if not spectra:
        raise SpectrumFileError(path, "all values are missing or NaN")
    if skipped:
        for s in spectra:
            s.metadata["skipped_records"] = skipped
    return spectra
