"""JCAMP-DX spectra (``.jdx``, ``.dx``; versions 4.24 and 5): labelled records ``##LABEL=value``.

Supported: ``##XYDATA=(X++(Y..Y))`` in free format (AFFN) or compressed
(ASDF: SQZ, DIF with Y-checks, DUP), ``##XYPOINTS``/``##PEAK TABLE=(XY..XY)``,
X/Y factors, units 1/CM, MICROMETERS, NANOMETERS, and several blocks per file
(one spectrum each).  The abscissa of XYDATA is rebuilt from FIRSTX, LASTX and
NPOINTS, whose count also detects truncated data; a failed Y-check is only a
warning when the count still matches (no value lost).  Free-text units
("Wavelength (nm)") are understood, ``##XYDATA=(XY..XY)`` is read as pairs,
blocks whose ``##DATA TYPE`` is not an optical spectrum (neutron scattering,
NMR...) are refused, and NTUPLES files are refused by name.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import numpy as np

from .._axis import clean_values, plan_axis, unit_from_text
from .._common import guarded, head_text, parse_datetime, read_text, to_float
from ..spectrum import Spectrum, SpectrumFileError

FORMAT = "JCAMP-DX"
EXTENSIONS = (".jdx", ".dx", ".jcm")

_SQZ = {c: v for v, c in enumerate("@ABCDEFGHI")}
_SQZ.update({c: -(v + 1) for v, c in enumerate("abcdefghi")})
_DIF = {c: v for v, c in enumerate("%JKLMNOPQR")}
_DIF.update({c: -(v + 1) for v, c in enumerate("jklmnopqr")})
_DUP = {c: v + 1 for v, c in enumerate("STUVWXYZs")}
_COMPRESSED = set(_SQZ) | set(_DIF) | set(_DUP)
_COMPRESSED -= {"E", "e"}  # also exponent markers in free format; ambiguous alone
_X_UNITS = {"1/CM": "cm-1", "CM-1": "cm-1", "CM^-1": "cm-1", "MICROMETERS": "um", "MICRONS": "um",
            "UM": "um", "NANOMETERS": "nm", "NM": "nm"}
_OPTICAL = re.compile(r"INFRARED|\bN?IR\b|\bUV|VIS|ULTRAVIOLET|OPTICAL|REFLECT|TRANSMI|ABSORB|EMISS|FLUORES")
_Y_QUANTITIES = (("REFLECT", "reflectance"), ("TRANSMIT", "transmittance"), ("ABSORB", "absorbance"),
                 ("EMISSI", "emissivity"), ("RADIANCE", "radiance"), ("COUNT", "DN"))


def can_read(path) -> bool:
    for line in head_text(path, 2048).splitlines():
        if line.strip():
            return bool(re.match(r"\s*##\s*(TITLE|JCAMP)", line, re.I))
    return False


def _blocks(path, text: str) -> List[Tuple[List[Tuple[str, str]], Dict[str, str]]]:
    """Split into blocks of (label, value-with-continuation-lines) records."""
    blocks, records = [], []
    label = None
    for raw in text.splitlines():
        line = raw.split("$$", 1)[0].rstrip()
        m = re.match(r"\s*##\s*([^=]*)=(.*)$", line)
        if m:
            label = re.sub(r"[\s_\-/]", "", m.group(1)).upper()
            records.append([label, m.group(2).strip(), []])
            if label == "END":
                blocks.append(records)
                records, label = [], None
        elif label is not None and line.strip():
            records[-1][2].append(line)
    if records and any(r[0] in ("XYDATA", "XYPOINTS", "PEAKTABLE") for r in records):
        raise SpectrumFileError(path, "JCAMP-DX block without its closing ##END= (file truncated?)")
    out = []
    for recs in blocks:
        fields = {r[0]: r[1] for r in recs}
        out.append((recs, fields))
    return out


def _tokens(path, line: str, compressed: bool) -> List[Tuple[str, float]]:
    """Tokens ('abs'|'dif'|'dup', value) of one data line."""
    if not compressed:
        parts = re.findall(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|\?", line)
        rest = re.sub(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|\?|[\s,;]", "", line)
        if rest:
            raise SpectrumFileError(path, f"unexpected characters in JCAMP-DX data: {line.strip()[:50]!r}")
        return [("abs", np.nan if p == "?" else float(p)) for p in parts]
    out: List[Tuple[str, float]] = []
    i, n = 0, len(line)
    while i < n:
        c = line[i]
        if c in " \t,;":
            i += 1
            continue
        j = i + 1
        while j < n and (line[j].isdigit() or line[j] == "."):
            j += 1
        digits = line[i + 1:j]
        try:
            if c in "+-" or c.isdigit() or c == ".":
                out.append(("abs", float(line[i:j])))
            elif c in _SQZ:
                out.append(("abs", float(f"{'-' if _SQZ[c] < 0 else ''}{abs(_SQZ[c])}{digits}")))
            elif c in _DIF:
                out.append(("dif", float(f"{'-' if _DIF[c] < 0 else ''}{abs(_DIF[c])}{digits}")))
            elif c in _DUP:
                out.append(("dup", float(f"{_DUP[c]}{digits}")))
            elif c == "?":
                out.append(("abs", np.nan))
            else:
                raise ValueError
        except ValueError:
            raise SpectrumFileError(path, f"invalid JCAMP-DX compressed data near {line[i:i + 12]!r}")
        i = j
    return out


def _decode_xydata(path, lines: List[str], limit: int) -> Tuple[np.ndarray, List[str]]:
    """The Y values and the Y-check failures (the check value is dropped either way).

    ``limit`` is ``##NPOINTS``: a repeat count (DUP) taking the data past it is corrupt, and
    expanding it anyway could take minutes (a DUP count can be any number).
    """
    compressed = any(ch in _COMPRESSED for line in lines for ch in line)
    ys: List[float] = []
    failures: List[str] = []
    prev_ended_dif = False
    for line_no, line in enumerate(lines, start=1):
        tokens = _tokens(path, line, compressed)
        if not tokens:
            continue
        if tokens[0][0] != "abs":
            raise SpectrumFileError(path, f"JCAMP-DX data line {line_no} does not start with an X value")
        line_ys: List[float] = []
        last_kind, last_dif = None, 0.0
        for kind, value in tokens[1:]:
            if kind == "abs":
                line_ys.append(value)
                last_kind = "abs"
            elif kind == "dif":
                base = line_ys[-1] if line_ys else (ys[-1] if ys else None)
                if base is None:
                    raise SpectrumFileError(path, f"JCAMP-DX line {line_no}: difference without a start value")
                line_ys.append(base + value)
                last_kind, last_dif = "dif", value
            else:
                if last_kind is None or value < 1:
                    raise SpectrumFileError(path, f"JCAMP-DX line {line_no}: repeat count without a value")
                if len(ys) + len(line_ys) + value - 1 > limit + 1:
                    raise SpectrumFileError(path, f"JCAMP-DX line {line_no}: repeat count {int(value)} takes the "
                                                  f"data past ##NPOINTS={limit} (corrupt data)")
                for _ in range(int(value) - 1):
                    line_ys.append(line_ys[-1] + (last_dif if last_kind == "dif" else 0.0))
        if prev_ended_dif and line_ys and ys:
            if not np.isclose(line_ys[0], ys[-1], rtol=1e-9, atol=1e-9):
                failures.append(f"Y-check failed at data line {line_no} ({line_ys[0]:g} ≠ {ys[-1]:g})")
            line_ys = line_ys[1:]
        ys.extend(line_ys)
        prev_ended_dif = last_kind == "dif"
    return np.asarray(ys, dtype=np.float64), failures


def _number(path, fields, key, default=None) -> Optional[float]:
    if key not in fields:
        if default is None:
            raise SpectrumFileError(path, f"JCAMP-DX block lacks ##{key}=")
        return default
    try:
        value = to_float(fields[key])
    except ValueError:
        value = np.nan
    if not np.isfinite(value) or abs(value) > 1e15:
        raise SpectrumFileError(path, f"JCAMP-DX ##{key}={fields[key][:30]!r} is not a usable number")
    return value


def _check_data_type(path, fields) -> None:
    """Refuse blocks that are not optical spectra (neutron scattering, NMR, mass spectra... in 1/CM or Hz)."""
    data_type = fields.get("DATATYPE", "").strip()
    if data_type and not _OPTICAL.search(data_type.upper()):
        raise SpectrumFileError(path, f"JCAMP-DX ##DATA TYPE={data_type[:60]} is not an optical (UV, visible "
                                      "or infrared) spectrum; its abscissa is not a wavelength")


def _xy_unit(path, fields) -> str:
    text = fields.get("XUNITS", "")
    unit = _X_UNITS.get(text.strip().upper().replace(" ", "")) or unit_from_text(text)
    if unit is None:
        raise SpectrumFileError(path, f"JCAMP-DX ##XUNITS={text!r} is not a wavelength or wavenumber unit")
    return unit


def _spectrum_of_block(path, records, fields, index: int) -> Optional[Spectrum]:
    data = next(((r[0], r[1], r[2]) for r in records if r[0] in ("XYDATA", "XYPOINTS", "PEAKTABLE")), None)
    if data is None:
        if "NTUPLES" in fields:
            raise SpectrumFileError(path, f"JCAMP-DX ##NTUPLES={fields['NTUPLES'][:40]} (n-dimensional pages) is "
                                          "not supported; export the spectrum as ##XYDATA or ##XYPOINTS")
        return None
    _check_data_type(path, fields)
    label, form, lines = data
    xfactor = _number(path, fields, "XFACTOR", 1.0)
    yfactor = _number(path, fields, "YFACTOR", 1.0)
    warnings: List[str] = []
    if label == "XYDATA" and "(XY..XY)" in form.replace(" ", "").upper():
        label = "XYPOINTS"  # pairs written under ##XYDATA, as some writers do
    if label == "XYDATA":
        if "X++(Y..Y)" not in form.replace(" ", "").upper():
            raise SpectrumFileError(path, f"unsupported JCAMP-DX XYDATA form {form!r}")
        n = int(_number(path, fields, "NPOINTS"))
        y, failures = _decode_xydata(path, lines, n)
        y = y * yfactor
        if failures and n != y.size:
            raise SpectrumFileError(path, f"JCAMP-DX {failures[0]} and ##NPOINTS={n} but the data hold {y.size} "
                                          "values: corrupt data")
        if n != y.size:
            raise SpectrumFileError(path, f"JCAMP-DX ##NPOINTS={n} but the data hold {y.size} values "
                                          "(truncated or corrupt)")
        warnings += [f"{f}; the data hold the ##NPOINTS={n} values and were kept" for f in failures]
        first, last = _number(path, fields, "FIRSTX"), _number(path, fields, "LASTX")
        x = np.linspace(first, last, n) if n > 1 else np.array([first])
    else:
        numbers = _tokens(path, " ".join(lines).replace(";", " "), compressed=False)
        if len(numbers) % 2 or not numbers:
            raise SpectrumFileError(path, f"JCAMP-DX {label} holds an odd number of values (truncated?)")
        pairs = np.array([v for _, v in numbers]).reshape(-1, 2)
        x, y = pairs[:, 0] * xfactor, pairs[:, 1] * yfactor
        if "NPOINTS" in fields and int(_number(path, fields, "NPOINTS")) != x.size:
            raise SpectrumFileError(path, f"JCAMP-DX ##NPOINTS={fields['NPOINTS']} but {x.size} points found")
    plan = plan_axis(path, x, _xy_unit(path, fields))
    yunits = fields.get("YUNITS", "").upper()
    percent = "%" in yunits or "PERCENT" in yunits
    quantity = next((q for word, q in _Y_QUANTITIES if word in yunits), "unknown")
    finite = y[np.isfinite(y)]
    if not percent and quantity in ("transmittance", "reflectance") and finite.size \
            and 1.5 < float(finite.max()) <= 100.5 and float(finite.min()) >= -0.5:
        percent = True  # %T written as plain TRANSMITTANCE: values 0–100 cannot be fractions
        warnings.append(f"##YUNITS={fields.get('YUNITS', '')} without '%' but values run up to {finite.max():g}: "
                        "read as percent")
    values = clean_values(path, plan.take(y) / (100.0 if percent else 1.0))
    date_text = fields.get("LONGDATE") or " ".join(v for v in (fields.get("DATE"), fields.get("TIME")) if v)
    acquired = parse_datetime(date_text, ("%Y/%m/%d %H:%M:%S", "%Y/%m/%d", "%y/%m/%d %H:%M:%S", "%y/%m/%d",
                                          "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d"))
    meta: Dict[str, object] = {k: v for k, v in fields.items() if k not in ("XYDATA", "XYPOINTS", "PEAKTABLE")}
    meta.update(plan.notes)
    meta["block"] = index
    if warnings:
        meta["warnings"] = warnings
    model = fields.get("SPECTROMETERDATASYSTEM") or fields.get("INSTRUMENT") or None
    return Spectrum(
        values=values, wavelengths=plan.wavelengths, quantity=quantity,
        name=fields.get("TITLE") or Path(path).stem, source=str(path), file_format=FORMAT,
        wavelength_unit=plan.unit, value_unit="fraction" if percent else fields.get("YUNITS", ""),
        instrument_model=model, acquired=acquired, metadata=meta,
    )


@guarded(FORMAT)
def read(path) -> List[Spectrum]:
    text = read_text(path)
    if not can_read_text(text):
        raise SpectrumFileError(path, "not a JCAMP-DX file (does not start with ##TITLE= or ##JCAMP-DX=)")
    blocks = _blocks(path, text)
    if not blocks:
        raise SpectrumFileError(path, "JCAMP-DX file without a complete block (no ##END=; truncated?)")
    spectra = [s for i, (recs, fields) in enumerate(blocks) if (s := _spectrum_of_block(path, recs, fields, i))]
    if not spectra:
        raise SpectrumFileError(path, "JCAMP-DX file holds no XYDATA, XYPOINTS or PEAK TABLE")
    return spectra


def can_read_text(text: str) -> bool:
    for line in text.splitlines():
        if line.strip():
            return bool(re.match(r"\s*##\s*(TITLE|JCAMP)", line, re.I))
    return False
