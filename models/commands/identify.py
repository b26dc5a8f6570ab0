"""``python -m models identify FILE_OR_FOLDER... [--top 5] [--json]``: name the minerals of spectrometer files.

Reads every spectrum of the given files and folders with ``models.spectra``
(ASD, SVC, Spectral Evolution, ENVI libraries, USGS ASCII, ECOSTRESS, RELAB,
JCAMP-DX, CSV/TXT), identifies them with the shipped GeoSpectra model (or
``--model``), and prints per spectrum the file, the spectrum name, the
instrument family used for normalisation and the top candidates with their
probabilities.  With ``--json`` the output is one JSON list with an object per
spectrum (files that could not be read appear with an ``error``).
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any, Dict, List, Tuple

from ..errors import InputError
from ..spectra.spectrum import position_note


def add_arguments(parser) -> None:
    parser.add_argument("paths", nargs="+", metavar="FILE_OR_FOLDER", help="spectrometer files or folders")
    parser.add_argument("--top", type=int, default=5, help="number of candidates per spectrum (default 5)")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--model", default=None, help="a GeoSpectra .safetensors model (default: the shipped one)")
    parser.add_argument("--instrument", default=None,
                        help="instrument family for every spectrum (ASD, BECK, NIC4, AVIRIS, AHSI, OTHER); "
                             "default: from the file")
    parser.add_argument("--no-recursive", action="store_true", help="do not descend into sub-folders")


def _read(paths: List[str], recursive: bool) -> Tuple[List[Any], List[Dict[str, str]]]:
    """Spectra and per-file failures, with the project's readers."""
    try:
        from ..spectra import load_folder
    except ImportError as exc:  # pragma: no cover - the readers ship with the plugin
        raise InputError(f"the spectrometer readers are not available ({exc})") from exc
    spectra, report = load_folder(paths, recursive=recursive)
    failures = [{"file": e.path, "error": e.reason} for e in report.failed]
    return spectra, failures


def run(args) -> int:
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")  # before torch starts its thread pool
    if args.top < 1:
        raise InputError("--top must be at least 1")
    from ..geospectra.inference import as_input, get_identifier

    identifier = get_identifier(args.model)
    spectra, failures = _read(args.paths, not args.no_recursive)
    rows: List[Dict[str, Any]] = []
    inputs, owners = [], []
    for s in spectra:
        entry: Dict[str, Any] = {"file": str(getattr(s, "source", "") or ""), "name": getattr(s, "name", "") or ""}
        lat, lon = getattr(s, "latitude", None), getattr(s, "longitude", None)
        if lat is not None and lon is not None:
            entry["latitude"], entry["longitude"] = float(lat), float(lon)
            note = position_note(s)
            if note:
                entry["position_note"] = note
        try:
            inp = as_input(s, instrument=args.instrument)
            problem = identifier.coverage_problem(inp)
            if problem:
                raise InputError(problem)
        except InputError as exc:
            entry.update({"instrument": None, "candidates": [], "error": str(exc)})
            rows.append(entry)
            continue
        rows.append(entry)
        inputs.append(inp)
        owners.append(entry)
    for entry, res in zip(owners, identifier.run(inputs, top=args.top)):
        d = res.as_dict(args.top)
        entry["instrument"] = d["instrument"]
        entry["candidates"] = d["candidates"]
        entry["coverage"] = d["coverage"]
        entry["covered"] = d["covered"]
        entry["diagnostic"] = d["diagnostic"]
        entry["group"] = d["group"]
        if d["warnings"]:
            entry["warnings"] = d["warnings"]
    for f in failures:
        rows.append({"file": f["file"], "name": None, "instrument": None, "candidates": [], "error": f["error"]})
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
    else:
        for r in rows:
            head = f"{Path(r['file']).name}  {r['name'] or ''}".rstrip()
            if r.get("error"):
                print(f"{head}: ERROR {r['error']}")
                continue
            cands = ", ".join(f"{c['mineral']} {c['probability']:.3f}" for c in r["candidates"])
            like = "" if r.get("diagnostic", True) else "no diagnostic feature; like "
            print(f"{head}  [{r['instrument']}]: {like}{cands}")
            for w in r.get("warnings", []):
                print(f"    note: {w}")
    identified = sum(1 for r in rows if r.get("candidates"))
    if not rows:
        print("error: no spectra found in the given paths", file=sys.stderr)
        return 1
    return 0 if identified else 1
