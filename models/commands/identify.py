"""``python -m models identify FILE_OR_FOLDER... [--top 5] [--json]``: name the minerals of spectrometer files.

Reads every spectrum of the given files and folders with ``models.spectra``
(ASD, SVC, Spectral Evolution, ENVI libraries, USGS ASCII, ECOSTRESS, RELAB,
JCAMP-DX, CSV/TXT), identifies them with the shipped GeoSpectra model (or
``--model``), and prints per spectrum the file, the spectrum name, the
instrument family used for normalisation and the top candidates with their
probabilities.  With ``--json`` the output is one JSON list with a record per
spectrum in the schema of ``models.geospectra.results`` (the same fields as the
identifyspectra table and the dock's CSV; files that could not be read appear
with an ``error``; missing values are ``null``).
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

from ..errors import InputError


def add_arguments(parser) -> None:
    parser.add_argument("paths", nargs="+", metavar="FILE_OR_FOLDER", help="spectrometer files or folders")
    parser.add_argument("--top", type=int, default=5, help="number of candidates per spectrum (default 5)")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--model", default=None, help="a GeoSpectra .safetensors model (default: the shipped one)")
    parser.add_argument("--instrument", default=None,
                        help="instrument family for every spectrum (ASD, BECK, NIC4, AVIRIS, AHSI, OTHER); "
                             "default: from the file")
    parser.add_argument("--no-recursive", action="store_true", help="do not descend into sub-folders")
    parser.add_argument("--device", default="auto",
                        help="auto (a CUDA GPU when torch sees one, else the CPU), cpu, cuda or cuda:N")


def _read(paths: List[str], recursive: bool) -> Tuple[List[Any], List[Tuple[str, str]]]:
    """Spectra and per-file failures ``(path, reason)``, with the project's readers."""
    try:
        from ..spectra import load_folder
    except ImportError as exc:  # pragma: no cover - the readers ship with the plugin
        raise InputError(f"the spectrometer readers are not available ({exc})") from exc
    spectra, report = load_folder(paths, recursive=recursive)
    return spectra, [(str(e.path), e.reason) for e in report.failed]


def _identify(identifier, spectra: List[Any], instrument: Optional[str], top: int) -> List[Dict[str, Any]]:
    """One result dict per spectrum: the identifier's, or ``{"error": …}`` when it cannot be identified."""
    from ..geospectra.inference import as_input

    results: List[Dict[str, Any]] = [{} for _ in spectra]
    inputs, owners = [], []
    for i, s in enumerate(spectra):
        try:
            inp = as_input(s, instrument=instrument)
            problem = identifier.coverage_problem(inp)
            if problem:
                raise InputError(problem)
        except InputError as exc:
            results[i] = {"error": str(exc)}
            continue
        inputs.append(inp)
        owners.append(i)
    for i, res in zip(owners, identifier.run(inputs, top=top)):
        results[i] = res.as_dict(top)
    return results


def run(args) -> int:
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")  # before torch starts its thread pool
    if args.top < 1:
        raise InputError("--top must be at least 1")
    from ..geospectra.inference import get_identifier
    from ..geospectra.results import records_from

    identifier = get_identifier(args.model, args.device)
    spectra, failures = _read(args.paths, not args.no_recursive)
    results = _identify(identifier, spectra, args.instrument, args.top)
    rows = records_from(spectra, results, failures, top=args.top)
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
    else:
        for r in rows:
            head = f"{Path(r['file'] or '').name}  {r['name'] or ''}".rstrip()
            if r.get("error"):
                print(f"{head}: ERROR {r['error']}")
                continue
            cands = ", ".join(f"{c['mineral']} {c['probability']:.3f}" for c in r["candidates"])
            like = "" if r.get("diagnostic") is not False else "no diagnostic feature; like "
            print(f"{head}  [{r['family']}]: {like}{cands}")
            for w in r["notes"]:
                print(f"    note: {w}")
    identified = sum(1 for r in rows if r.get("candidates"))
    if not rows:
        print("error: no spectra found in the given paths", file=sys.stderr)
        return 1
    return 0 if identified else 1
