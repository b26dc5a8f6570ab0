"""``python -m models convert FILE_OR_FOLDER... -o out.csv``: spectrometer files to one CSV.

Unreadable files are listed on stderr with the reason; the exit status is 1
if any file failed (the CSV still holds every spectrum that could be read).
"""
from __future__ import annotations

import sys

import numpy as np

from ..errors import InputError
from .export import write_csv
from .registry import load_folder


def _grid(text: str) -> np.ndarray:
    try:
        start, stop, step = (float(v) for v in text.split(":"))
    except ValueError:
        raise InputError(f"--grid must be START:STOP:STEP in nm, e.g. 350:2500:1 (got {text!r})")
    if not (step > 0 and stop > start):
        raise InputError(f"--grid needs STOP > START and STEP > 0 (got {text!r})")
    n = int(np.floor((stop - start) / step + 1e-9)) + 1
    if n > 1_000_000:
        raise InputError(f"--grid {text!r} would have {n} rows")
    return start + step * np.arange(n)


def add_arguments(parser) -> None:
    parser.add_argument("inputs", nargs="+", metavar="FILE_OR_FOLDER",
                        help="spectrometer files and/or folders (read recursively)")
    parser.add_argument("-o", "--output", required=True, metavar="OUT.csv", help="CSV file to write")
    parser.add_argument("--grid", metavar="START:STOP:STEP",
                        help="interpolate every spectrum onto this wavelength grid in nm "
                             "(default: the union of the files' wavelengths)")
    parser.add_argument("--no-recursive", action="store_true", help="do not descend into sub-folders")
    parser.add_argument("-q", "--quiet", action="store_true", help="print failures only")


def run(args) -> int:
    grid = _grid(args.grid) if args.grid else None
    spectra, report = load_folder(args.inputs, recursive=not args.no_recursive)
    for entry in report.failed:
        print(f"error: {entry.path}: {entry.reason}", file=sys.stderr)
    if not args.quiet:
        for entry in report.skipped:
            print(f"skipped: {entry.path}: {entry.reason}", file=sys.stderr)
    if not spectra:
        raise InputError(f"no spectrum could be read ({report.summary()}); nothing written")
    out = write_csv(spectra, args.output, grid)
    if not args.quiet:
        print(f"{report.summary()}; wrote {len(spectra)} spectra to {out}")
    return 1 if report.failed else 0
