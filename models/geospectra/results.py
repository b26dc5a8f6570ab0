"""One identification result schema for ``python -m models identify --json``, identifyspectra's table and
the spectra dock's CSV.

A *record* describes one spectrum (or one file that could not be read)::

    file, name, format, instrument, family, acquired, latitude, longitude, coverage, diagnostic,
    candidates [{mineral, probability}, ...] (best first), notes [...], error

Missing values are ``None`` (JSON ``null``, an empty CSV cell, a NULL attribute), never a number standing
in for "missing".  ``instrument`` is what the file names (model and serial); ``family`` the instrument
family GeoSpectra normalised the spectrum for.  In tables (:func:`table_row`) the candidates become
``mineral_1, prob_1, …`` and the notes one ``"; "``-joined text.
"""
from __future__ import annotations

import csv
from pathlib import Path
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence

from ..atomic import atomic_output
from ..spectra.spectrum import gps_position, position_note

HEAD = ("file", "name", "format", "instrument", "family", "acquired", "latitude", "longitude", "coverage",
        "diagnostic")
TAIL = ("notes", "error")
NUMERIC = {"latitude", "longitude", "coverage"}


def _text(value: Any) -> Optional[str]:
    text = str(value).strip() if value is not None else ""
    return text or None


def spectrum_record(spectrum: Any, result: Optional[Mapping[str, Any]] = None, file: Optional[str] = None,
                    top: Optional[int] = None) -> Dict[str, Any]:
    """The record of a ``models.spectra`` Spectrum and its identification result (``identify_arrays`` or
    ``IdentificationResult.as_dict``); ``result=None`` for a spectrum not identified (yet)."""
    result = result or {}
    acquired = getattr(spectrum, "acquired", None)
    pos = gps_position(spectrum)
    coverage = result.get("coverage")
    diagnostic = result.get("diagnostic")
    candidates = [{"mineral": str(c["mineral"]), "probability": round(float(c["probability"]), 6)}
                  for c in (result.get("candidates") or [])][:top]
    return {
        "file": _text(file if file is not None else getattr(spectrum, "source", None)),
        "name": _text(getattr(spectrum, "name", None)),
        "format": _text(getattr(spectrum, "file_format", None)),
        "instrument": _text(" ".join(str(x) for x in (getattr(spectrum, "instrument_model", None),
                                                      getattr(spectrum, "instrument_serial", None)) if x)),
        "family": _text(result.get("instrument")),
        "acquired": acquired.isoformat(sep=" ") if hasattr(acquired, "isoformat") else _text(acquired),
        "latitude": pos[0] if pos else None,
        "longitude": pos[1] if pos else None,
        "coverage": round(float(coverage), 4) if coverage is not None else None,
        "diagnostic": bool(diagnostic) if diagnostic is not None else None,
        "candidates": candidates,
        "notes": [str(n) for n in (result.get("notes") or result.get("warnings") or [])]
        + [n for n in [position_note(spectrum)] if n],
        "error": _text(result.get("error")),
    }


def failure_record(path: Any, reason: str) -> Dict[str, Any]:
    """The record of a file that could not be read."""
    record: Dict[str, Any] = {key: None for key in HEAD}
    record.update({"file": _text(path), "candidates": [], "notes": [], "error": _text(reason)})
    return record


def table_columns(top: int) -> List[str]:
    ranks = [name for rank in range(1, top + 1) for name in (f"mineral_{rank}", f"prob_{rank}")]
    return [*HEAD, *ranks, *TAIL]


def table_row(record: Mapping[str, Any], top: int) -> Dict[str, Any]:
    """The record as one flat row of :func:`table_columns` (``None`` where there is no value)."""
    row: Dict[str, Any] = {key: record.get(key) for key in HEAD}
    cands = list(record.get("candidates") or [])
    for rank in range(1, top + 1):
        cand = cands[rank - 1] if rank <= len(cands) else None
        row[f"mineral_{rank}"] = cand["mineral"] if cand else None
        row[f"prob_{rank}"] = cand["probability"] if cand else None
    row["notes"] = "; ".join(record.get("notes") or []) or None
    row["error"] = record.get("error")
    return row


def csv_path(path: Any) -> Path:
    """The path with ``.csv`` added when the user typed a name without it."""
    p = Path(path)
    return p if p.suffix.lower() == ".csv" else p.with_name(p.name + ".csv")


def write_csv(records: Sequence[Mapping[str, Any]], path: Any, top: Optional[int] = None) -> Path:
    """Write records as a CSV table (atomically; ``.csv`` added if missing); returns the path written."""
    top = top if top is not None else max([len(r.get("candidates") or []) for r in records] + [1])
    target = csv_path(path)
    columns = table_columns(top)
    with atomic_output(target) as tmp:
        with open(tmp, "w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=columns)
            writer.writeheader()
            for record in records:
                writer.writerow({k: _cell(v) for k, v in table_row(record, top).items()})
    return target


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def records_from(spectra: Iterable[Any], results: Iterable[Optional[Mapping[str, Any]]],
                 failures: Iterable[tuple] = (), top: Optional[int] = None) -> List[Dict[str, Any]]:
    """Records of spectra with their results (in order), then one per unreadable ``(path, reason)``."""
    out = [spectrum_record(s, r, top=top) for s, r in zip(spectra, results)]
    out += [failure_record(path, reason) for path, reason in failures]
    return out
