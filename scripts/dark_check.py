"""How the dark-surface threshold (models/geospectra/dark.py) sorts the USGS library, chapter by chapter.

    python scripts/dark_check.py [--data ../shared/data]

Every splib07a ASD / Beckman / AVIRIS spectrum with at least 20 samples in 400–2500 nm: per chapter, the
share whose 95th-percentile reflectance there is below the threshold, and the darkest spectra of each
chapter (so a threshold change can be judged).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from vegetation_check import CHAPTERS, library_spectra

from models.geospectra.dark import DARK_P95, p95_reflectance


def library_p95(root: Path):
    """(chapter, record name, 95th-percentile reflectance in 400–2500 nm) of every usable spectrum."""
    for ch, name, _, w, r in library_spectra(root):
        r = r[(w >= 400.0) & (w <= 2500.0)]
        if np.isfinite(r).sum() >= 20:
            yield ch, name, float(p95_reflectance(r[None, :])[0])


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(Path(__file__).resolve().parents[2] / "shared" / "data"))
    args = ap.parse_args(argv)
    rows = list(library_p95(Path(args.data) / "usgs_splib07a" / "ASCIIdata_splib07a"))
    print(f"dark surface: 95th-percentile reflectance in 400–2500 nm below {DARK_P95}")
    for ch, folder in CHAPTERS.items():
        sel = [p for c, _, p in rows if c == ch]
        n = sum(p < DARK_P95 for p in sel)
        print(f"{folder:28s} {len(sel):4d} spectra, dark: {n:4d} ({100.0 * n / max(1, len(sel)):.1f} %)")
        for _, name, p in sorted((r for r in rows if r[0] == ch), key=lambda r: r[2])[:8]:
            print(f"    {name:56s} p95 {p:.3f}{'  DARK' if p < DARK_P95 else ''}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
