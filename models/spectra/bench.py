"""Benchmark: ASD FieldSpec files parsed per second (``make bench`` reports it).

    python -m models.spectra.bench [--repeats N] [FOLDER]

reads every ``.asd`` file under the folder (default: the ASD samples in
``../shared/data/spectrometer_files``) ``repeats`` times through the content
sniffing registry, as the dock panel and the CLI do, and reports the rate.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Optional

from ..errors import InputError
from .registry import read_spectra

DEFAULT_FOLDER = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "spectrometer_files"


def asd_parse_rate(folder: Optional[Path] = None, repeats: int = 20) -> float:
    """ASD files parsed per second (whole read: sniff, parse, reflectance, Spectrum)."""
    root = Path(folder) if folder is not None else DEFAULT_FOLDER
    files = sorted(root.rglob("*.asd"))
    if not files:
        raise InputError(f"no .asd files under {root}")
    if repeats < 1:
        raise InputError("repeats must be at least 1")
    for f in files:  # warm the page cache and imports
        read_spectra(f)
    start = time.perf_counter()
    for _ in range(repeats):
        for f in files:
            read_spectra(f)
    elapsed = time.perf_counter() - start
    return len(files) * repeats / elapsed


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m models.spectra.bench", description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=None)
    parser.add_argument("--repeats", type=int, default=20)
    args = parser.parse_args(argv)
    try:
        rate = asd_parse_rate(args.folder, args.repeats)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"ASD files parsed per second: {rate:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
